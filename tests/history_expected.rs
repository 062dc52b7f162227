//! Expected submitters: the list read from pasted text or a table's rows, matched with the table by credit code
//! first, then by name (width, spaces and bracket forms ignored).

use shenbao::core::history::expected::{self, from_rows, missing_text, parse_list, units_of, ExpectedUnit};
use shenbao::core::model::ProjectRow;

const CODE_A: &str = "91120222MA05T1234X";
const CODE_B: &str = "91120116MA06ABCD1X";

fn unit(name: &str, code: &str) -> ExpectedUnit {
    ExpectedUnit { name: name.into(), credit_code: code.into() }
}

fn status(list: &[ExpectedUnit], rows: &[ProjectRow]) -> expected::Status {
    expected::status(list, &units_of(rows))
}

fn row(name: &str, code: &str, project: &str) -> ProjectRow {
    ProjectRow { unit_name: name.into(), credit_code: code.into(), project_name: project.into(), ..Default::default() }
}

#[test]
fn a_pasted_list_takes_names_codes_tabs_commas_and_skips_headers_serials_and_blank_lines() {
    let text = "序号\t单位名称\t统一社会信用代码\n1\t天津市甲机械制造有限公司\t91120222MA05T1234X\n\n2，天津乙汽车部件有限公司\n\
                ９１１２０１１６ＭＡ０６ＡＢＣＤ１Ｘ\n天津丙（集团）有限公司 , \r\n天津市甲机械制造有限公司\n";
    assert_eq!(
        parse_list(text),
        vec![
            unit("天津市甲机械制造有限公司", CODE_A),
            unit("天津乙汽车部件有限公司", ""),
            unit("", CODE_B),
            unit("天津丙（集团）有限公司", ""),
        ]
    );
}

#[test]
fn a_read_tables_rows_give_each_unit_once() {
    let rows = vec![row("甲公司", CODE_A, "p1"), row("甲公司", CODE_A, "p2"), row("乙公司", "", "p3")];
    assert_eq!(from_rows(&rows), vec![unit("甲公司", CODE_A), unit("乙公司", "")]);
}

#[test]
fn matching_is_by_credit_code_first() {
    // On the list under its old name; the table has the new name and the same code.
    let expected = vec![unit("天津市甲机械厂", CODE_A)];
    let s = status(&expected, &[row("天津市甲机械制造有限公司", "91120222ma05t1234x", "p")]);
    assert_eq!(s.sent.len(), 1);
    assert!(s.missing.is_empty() && s.unlisted.is_empty());
}

#[test]
fn matching_by_name_ignores_width_spaces_and_bracket_forms() {
    let expected =
        vec![unit("天津丙（集团）有限公司", ""), unit("天津 丁电子 有限公司", ""), unit("天津戊有限公司", "")];
    let rows = vec![
        row("天津丙(集团)有限公司", "", "p1"),
        row("天津丙（集团）有限公司", "", "p2"),
        row("天津丁电子有限公司", "91120115131860920X", "p3"),
        row("天津己有限公司", "", "p4"),
        row("天津己有限公司", "", "p5"),
        ProjectRow::default(),
    ];
    let s = status(&expected, &rows);
    assert_eq!(s.sent, vec![(expected[0].clone(), 2), (expected[1].clone(), 1)]);
    assert_eq!(s.missing, vec![expected[2].clone()]);
    assert_eq!(s.unlisted.len(), 1);
    assert_eq!((s.unlisted[0].name.as_str(), s.unlisted[0].rows), ("天津己有限公司", 2));
}

#[test]
fn a_code_on_the_list_that_no_row_has_falls_back_to_the_name() {
    let expected = vec![unit("天津乙汽车部件有限公司", CODE_B)];
    let s = status(&expected, &[row("天津乙汽车部件有限公司", "", "p")]);
    assert_eq!(s.sent.len(), 1);
}

#[test]
fn an_empty_table_has_everyone_missing_and_the_missing_list_is_a_text_to_copy() {
    let expected = vec![unit("甲公司", CODE_A), unit("", CODE_B)];
    let s = status(&expected, &[ProjectRow::default()]);
    assert_eq!(s.missing, expected);
    assert_eq!(missing_text(&s.missing), format!("单位名称\t统一社会信用代码\n甲公司\t{CODE_A}\n\t{CODE_B}\n"));
}
