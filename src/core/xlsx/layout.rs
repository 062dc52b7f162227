//! The official table's layout in one place (rows, columns, labels, widths), for the writer, reader and page.
//!
//! Rows (0-based here; Excel shows them 1-based):
//! - `附表` ([`ANNEX_ROW`]);
//! - the edition's title ([`crate::core::edition`]), merged over all columns ([`TITLE_ROW`]);
//! - [`RECOMMENDER_LABEL`] and the recommending unit, a tall row with room for the seal ([`RECOMMENDER_ROW`]);
//! - the [`COLUMNS`]' headers, repeated on every printed page ([`HEADER_ROW`]);
//! - one row per non-blank project row, 序号 1…n (from [`FIRST_DATA_ROW`]);
//! - then one footer row ([`FOOTER`], each label followed directly by its value, [`FOOTER_SPAN`] columns each) and
//!   the edition's notes, one row each.

use crate::core::model::{RowField, TableField};

/// The worksheet's name.
pub const SHEET_NAME: &str = "申报表";
/// The text in A1.
pub const ANNEX_LABEL: &str = "附表";
/// The label before the recommending unit's name.
pub const RECOMMENDER_LABEL: &str = "推荐单位(公章):";

/// Row index of `附表`.
pub const ANNEX_ROW: u32 = 0;
/// Row index of the title.
pub const TITLE_ROW: u32 = 1;
/// Row index of [`RECOMMENDER_LABEL`] and the recommending unit.
pub const RECOMMENDER_ROW: u32 = 2;
/// Row index of the headers.
pub const HEADER_ROW: u32 = 3;
/// Row index of the first project row.
pub const FIRST_DATA_ROW: u32 = 4;

/// What a column of the table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// 序号: the row's position, 1, 2, 3 …
    Serial,
    /// One field of the project row (所属行业 as the 大类's name, 企业性质 with its 其他 detail: see the writer).
    Field(RowField),
    /// 项目及负责人及联系方式: the leader's name and phone(s) in one cell, on two lines.
    Leader,
}

/// One column of the table.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Column {
    /// The header as printed, with the form's line breaks.
    pub header: &'static str,
    /// Other spellings of the header that the reader accepts (tables typed in Excel).
    pub also: &'static [&'static str],
    /// What the column holds.
    pub holds: Holds,
    /// The .xlsx column width, in Excel character units (the default font's digit width, about 7 px).
    pub width: f64,
    /// The print view's share of the page width, in percent (a class `w<percent>` of style/main.css); the shares
    /// add up to 100. They follow the .xlsx widths' proportions (within about one percent), except that 电子邮箱 gives
    /// 2 % to 备注, so that a remark of a sentence and the header 备注 fit the printed page without breaking at
    /// every character.
    pub page_percent: u8,
    /// How the column's values are aligned.
    pub align: Align,
}

/// How a column's values are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Align {
    /// Centred: the short, pick-list-like values.
    Centre,
    /// Left-aligned: names and free text.
    Left,
}

const fn column(header: &'static str, holds: Holds, width: f64, page_percent: u8, align: Align) -> Column {
    Column { header, also: &[], holds, width, page_percent, align }
}

/// The 12 columns, in order.
pub const COLUMNS: [Column; 12] = [
    Column { also: &["编号", "序"], ..column("序号", Holds::Serial, 5.5, 3, Align::Centre) },
    Column {
        also: &["申报单位", "单位名称", "企业名称", "公司名称", "申报企业", "申报企业名称"],
        ..column("申报单位名称\n(与公章一致)", Holds::Field(RowField::UnitName), 20.0, 12, Align::Left)
    },
    Column {
        also: &["社会信用代码", "信用代码", "统一信用代码", "统一代码"],
        ..column("统一社会信用代码", Holds::Field(RowField::CreditCode), 21.0, 12, Align::Centre)
    },
    Column {
        also: &["行业", "行业类别", "所属行业大类", "行业大类", "所属行业类别", "国民经济行业分类"],
        ..column("所属行业", Holds::Field(RowField::Industry), 14.0, 8, Align::Centre)
    },
    Column {
        also: &["所在区域", "所属区", "所属区域", "所在地区", "所在区县", "区县", "区域", "所属地区"],
        ..column("所在区", Holds::Field(RowField::District), 9.0, 5, Align::Centre)
    },
    Column {
        also: &["规模", "企业规模类型"],
        ..column("企业规模", Holds::Field(RowField::Scale), 9.5, 5, Align::Centre)
    },
    Column {
        also: &["性质", "企业类型", "单位性质", "所有制", "所有制性质", "企业所有制"],
        ..column("企业性质", Holds::Field(RowField::Ownership), 12.0, 7, Align::Centre)
    },
    Column {
        also: &["攻关项目名称", "质量攻关项目名称", "课题名称", "项目"],
        ..column("项目名称", Holds::Field(RowField::ProjectName), 24.0, 13, Align::Left)
    },
    Column {
        also: &["项目类型", "类型"],
        ..column("课题类型\n(问题解决型、创新型)", Holds::Field(RowField::TopicType), 13.5, 7, Align::Centre)
    },
    Column {
        also: &["项目负责人及联系方式", "负责人及联系方式", "项目负责人及电话"],
        ..column("项目及负责人及联系方式", Holds::Leader, 18.0, 10, Align::Left)
    },
    Column {
        also: &["邮箱", "电子邮件", "E-mail", "Email", "email", "邮件", "负责人邮箱"],
        ..column("电子邮箱", Holds::Field(RowField::Email), 22.0, 10, Align::Left)
    },
    Column { also: &["说明"], ..column("备注", Holds::Field(RowField::Remarks), 12.0, 8, Align::Left) },
];

/// The index of the last column.
pub const LAST_COL: u16 = COLUMNS.len() as u16 - 1;

/// A labelled value of the footer row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FooterItem {
    /// The label, colon included; the value follows it directly.
    pub label: &'static str,
    /// The table field it shows.
    pub field: TableField,
}

/// The footer row's labelled values, in order.
pub const FOOTER: [FooterItem; 4] = [
    FooterItem { label: "推荐部门负责人:", field: TableField::RecommenderHead },
    FooterItem { label: "填报人:", field: TableField::Filler },
    FooterItem { label: "联系人电话:", field: TableField::FillerPhone },
    FooterItem { label: "日期:", field: TableField::FillDate },
];

/// How many columns each footer item spans.
pub const FOOTER_SPAN: u16 = 3;

const _: () = assert!(FOOTER.len() as u16 * FOOTER_SPAN == COLUMNS.len() as u16);

const _: () = {
    let mut sum = 0;
    let mut i = 0;
    while i < COLUMNS.len() {
        sum += COLUMNS[i].page_percent as u32;
        i += 1;
    }
    assert!(sum == 100, "the print view's column shares add up to the page width");
};

/// Which rows the official table holds and their 序号, for the .xlsx and the printout alike: every row that is not
/// blank, numbered 1, 2, 3 … in table order; a blank row gets `None` (it is neither written nor printed, nor
/// counted). `is_blank` says whether a row is blank (the core asks [`crate::core::model::ProjectRow::is_blank`], the
/// page its rows' kept answer to the same question).
///
/// ```
/// # use shenbao::core::xlsx::layout::official_serials;
/// let blank = [false, true, false];
/// assert_eq!(official_serials(&blank, |b| *b), vec![Some(1), None, Some(2)]);
/// ```
pub fn official_serials<R>(rows: &[R], is_blank: impl Fn(&R) -> bool) -> Vec<Option<u32>> {
    let mut next = 0u32;
    rows.iter()
        .map(|r| {
            (!is_blank(r)).then(|| {
                next += 1;
                next
            })
        })
        .collect()
}
