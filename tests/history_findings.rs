//! The warnings the earlier years give on 项目名称, and the same title under another unit in this table.

use shenbao::core::check::rules::{check_cross_rows, check_declaration, COPIED_TABLE_CODE};
use shenbao::core::history::findings::{history_findings, RowTitle, COPIED_HISTORY_CODE, SIMILAR_CODE};
use shenbao::core::history::index::{Earlier, HistoryIndex, Scratch};
use shenbao::core::model::{Declaration, FieldRef, ProjectRow, RowField};
use shenbao::core::report::Severity;

const OWN: &str = "天津市甲机械制造有限公司";
const OWN_CODE: &str = "91120222MA05T1234X";
const OTHER: &str = "天津乙汽车部件有限公司";

fn history() -> HistoryIndex {
    let e = |year, unit: &str, code: &str, project: &str| Earlier {
        year,
        unit_name: unit.into(),
        credit_code: code.into(),
        project_name: project.into(),
    };
    HistoryIndex::new(vec![
        e(Some(2020), OWN, OWN_CODE, "降低转向节铸件气孔缺陷率"),
        e(Some(2019), OTHER, "", "提高铝合金轮毂涂装附着力"),
        e(None, OTHER, "", "缩短门诊患者平均候诊时间"),
    ])
}

fn row<'a>(unit: &'a str, code: &'a str, project: &'a str) -> RowTitle<'a> {
    RowTitle { unit_name: unit, credit_code: code, project_name: project }
}

#[test]
fn a_reworded_earlier_project_of_the_same_unit_is_a_warning_naming_year_unit_project_and_percent() {
    let fs = history_findings(4, row(OWN, "", "转向节铸件气孔缺陷率降低攻关"), &history(), &mut Scratch::default());
    assert_eq!(fs.len(), 1, "{fs:?}");
    let f = &fs[0];
    assert_eq!(
        (f.code, f.severity, f.field),
        (SIMILAR_CODE, Severity::Warning, FieldRef::Row(4, RowField::ProjectName))
    );
    assert!(f.message.starts_with("与2020年本单位项目“降低转向节铸件气孔缺陷率”相似（相似度 "), "{}", f.message);
    assert!(f.message.ends_with("%），通知要求不得与历年项目雷同，请确认或修改。"), "{}", f.message);
}

#[test]
fn the_same_unit_is_told_by_credit_code_too() {
    let fs = history_findings(
        0,
        row("甲公司（改名后）", "91120222ma05t1234x", "减少转向节铸件气孔缺陷率"),
        &history(),
        &mut Scratch::default(),
    );
    assert!(fs[0].message.contains("2020年本单位项目"), "{}", fs[0].message);
}

#[test]
fn an_alike_project_of_another_unit_names_that_unit() {
    let fs = history_findings(0, row(OWN, OWN_CODE, "提升铝合金轮毂涂层附着力"), &history(), &mut Scratch::default());
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert_eq!(fs[0].code, SIMILAR_CODE);
    assert!(
        fs[0].message.starts_with(&format!("与2019年{OTHER}项目“提高铝合金轮毂涂装附着力”相似")),
        "{}",
        fs[0].message
    );
}

#[test]
fn the_same_title_under_another_unit_is_the_copy_warning() {
    let fs = history_findings(0, row(OWN, OWN_CODE, "提升铝合金轮毂涂装附着力。"), &history(), &mut Scratch::default());
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert_eq!(fs[0].code, COPIED_HISTORY_CODE);
    assert!(fs[0].message.contains("相同或几乎相同（相似度 100%），通知要求不得抄袭"), "{}", fs[0].message);
    assert!(fs[0].message.contains(OTHER));
}

#[test]
fn an_unknown_year_is_said_as_earlier_years() {
    let fs = history_findings(0, row(OWN, OWN_CODE, "门诊患者平均候诊时间缩短"), &history(), &mut Scratch::default());
    assert!(fs[0].message.starts_with("与往年"), "{}", fs[0].message);
}

#[test]
fn an_unrelated_title_or_one_sharing_only_a_generic_verb_gives_nothing() {
    for t in ["提高静脉输液一次穿刺成功率", "降低住院患者跌倒发生率", "降低成本", "", "质量攻关项目"]
    {
        assert!(history_findings(0, row(OWN, OWN_CODE, t), &history(), &mut Scratch::default()).is_empty(), "{t}");
    }
}

fn project(unit: &str, code: &str, name: &str) -> ProjectRow {
    ProjectRow { unit_name: unit.into(), credit_code: code.into(), project_name: name.into(), ..Default::default() }
}

#[test]
fn the_same_title_under_another_unit_in_this_table_is_a_warning_on_the_later_row() {
    let rows = vec![
        project(OWN, OWN_CODE, "提高齿轮箱装配一次合格率"),
        project(OTHER, "", "提升齿轮箱装配一次合格率。"),
        project(OWN, OWN_CODE, "降低铸件气孔缺陷率"),
    ];
    let fs: Vec<_> = check_cross_rows(&rows).into_iter().filter(|f| f.code == COPIED_TABLE_CODE).collect();
    assert_eq!(fs.len(), 1, "{fs:?}");
    assert_eq!((fs[0].field, fs[0].severity), (FieldRef::Row(1, RowField::ProjectName), Severity::Warning));
    assert!(fs[0].message.starts_with("与第1行另一单位的项目名称相同或几乎相同"), "{}", fs[0].message);
}

#[test]
fn the_same_title_twice_in_one_unit_is_the_duplicate_rule_not_the_copy_warning() {
    let rows = vec![project(OWN, OWN_CODE, "提高齿轮箱装配一次合格率"), project(OWN, "", "提升齿轮箱装配一次合格率")];
    assert!(check_cross_rows(&rows).iter().all(|f| f.code != COPIED_TABLE_CODE));
    let same_code = vec![project(OWN, OWN_CODE, "甲项目名称"), project("甲公司", OWN_CODE, "甲项目名称")];
    assert!(check_cross_rows(&same_code).iter().all(|f| f.code != COPIED_TABLE_CODE));
}

#[test]
fn the_copy_warnings_never_count_as_errors() {
    let decl = Declaration {
        rows: vec![project(OWN, OWN_CODE, "提高齿轮箱装配一次合格率"), project(OTHER, "", "提高齿轮箱装配一次合格率")],
        ..Default::default()
    };
    let report = check_declaration(&decl);
    assert!(report.findings.iter().any(|f| f.code == COPIED_TABLE_CODE && f.severity == Severity::Warning));
}
