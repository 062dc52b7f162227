//! Everything specific to one edition of the notice (today 2021's): title, notice, dates, notes, 重点领域.
//!
//! The notice is reissued every year, and the table with it: the 2023 notice (津市场监管质发〔2023〕2号) renamed the
//! table "质量攻关项目" and replaced the 重点领域 with 12 产业链. A new edition must therefore be a data change here —
//! a second [`Edition`] constant that [`current`] returns — not a hunt through the code: every other module (the
//! rules, the .xlsx writer and reader, the page) reads these facts from [`current`]. Only the 2021 edition is known
//! here; where a later one changes the table's columns, [`crate::core::xlsx::layout`] is the other place to change.

/// One edition of the notice: what it says that the table, the checks and the page depend on.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Edition {
    /// The year of the notice (and of the table's title).
    pub year: u16,
    /// The table's title: row 2 of the .xlsx, the page's heading, the export's file name.
    pub title: &'static str,
    /// The notice's document number.
    pub notice: &'static str,
    /// The notice's date, `YYYY-MM-DD`: a fill date before it is suspicious (`date.before_notice`).
    pub notice_date: &'static str,
    /// By when a 申报单位 sends its table to its 推荐单位 (as the notice words it, e.g. `4月12日`).
    pub unit_deadline: &'static str,
    /// By when a 推荐单位 sends the sealed table on (as the notice words it, e.g. `4月16日`).
    pub recommender_deadline: &'static str,
    /// Where a 推荐单位 sends the electronic copy.
    pub submit_to: &'static str,
    /// The notes under the table, in order.
    pub notes: [&'static str; 2],
    /// The 重点领域 the notice names, with the 大类 that usually belong to each (a hint only).
    pub focus_areas: &'static [FocusArea],
}

/// A 重点领域 named by the notice and the GB/T 4754-2017 大类 codes that usually belong to it (a hint only).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FocusArea {
    pub name: &'static str,
    pub divisions: &'static [&'static str],
}

/// The 2021 notice (津质量组办〔2021〕1号) and its table, 2021年天津市质量攻关重点项目申报表.
pub const EDITION_2021: Edition = Edition {
    year: 2021,
    title: "2021年天津市质量攻关重点项目申报表",
    notice: "津质量组办〔2021〕1号",
    notice_date: "2021-03-09",
    unit_deadline: "4月12日",
    recommender_deadline: "4月16日",
    submit_to: "scjgzlfzc@tj.gov.cn",
    notes: [
        "注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;",
        "(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。",
    ],
    focus_areas: &[
        FocusArea { name: "智能科技产业", divisions: &["39", "64", "65"] },
        FocusArea { name: "生物医药", divisions: &["27"] },
        FocusArea { name: "新能源", divisions: &["38", "44"] },
        FocusArea { name: "新材料", divisions: &["26", "28", "30", "31", "32"] },
        FocusArea { name: "航空航天", divisions: &["37"] },
        FocusArea { name: "高端装备", divisions: &["34", "35", "38", "40"] },
        FocusArea { name: "汽车", divisions: &["36"] },
        FocusArea { name: "石油石化", divisions: &["07", "25", "26"] },
        FocusArea { name: "医疗卫生", divisions: &["84"] },
    ],
};

/// The edition this build fills in.
pub const fn current() -> &'static Edition {
    &EDITION_2021
}
