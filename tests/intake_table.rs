//! The table recogniser on tables typed the ways people type them (cells built here; real files are in the
//! reader tests).

use calamine::{Data, Range};
use shenbao::core::intake::table::{read_book, NoteKind, Sheet, SkipReason, Span, TableError};
use shenbao::core::model::{RowField, TableField};

/// A sheet from rows of texts; a text starting with `#` is a number cell.
fn sheet(name: &str, rows: &[&[&str]]) -> Sheet {
    let width = rows.iter().map(|r| r.len()).max().unwrap_or(1).max(1);
    let mut cells = Range::new((0, 0), (rows.len().max(1) as u32 - 1, width as u32 - 1));
    for (r, row) in rows.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            if text.is_empty() {
                continue;
            }
            let value = match text.strip_prefix('#') {
                Some(n) => Data::Float(n.parse().unwrap()),
                None => Data::String(text.to_string()),
            };
            cells.set_value((r as u32, c as u32), value);
        }
    }
    Sheet { name: name.into(), cells, ..Default::default() }
}

const OFFICIAL: [&str; 12] = [
    "序号",
    "申报单位名称\n(与公章一致)",
    "统一社会信用代码",
    "所属行业",
    "所在区",
    "企业规模",
    "企业性质",
    "项目名称",
    "课题类型\n(问题解决型、创新型)",
    "项目及负责人及联系方式",
    "电子邮箱",
    "备注",
];

#[test]
fn the_official_layout_with_recommender_and_footer() {
    let s = sheet(
        "申报表",
        &[
            &["附表"],
            &["2021年天津市质量攻关重点项目申报表"],
            &["推荐单位(公章):", "", "武清区市场监管局"],
            &OFFICIAL,
            &[
                "1",
                "天津甲公司",
                "91120222MA05T1234X",
                "36",
                "武清区",
                "中型企业",
                "私营企业",
                "降低气孔缺陷率",
                "问题解决型",
                "张三\n13800138000",
                "a@b.cn",
                "",
            ],
            &["注: (1) 此表由申报单位填写完成后汇总至推荐单位"],
            &["推荐部门负责人:王五", "", "填报人:", "李四", "联系人电话:022-12345678", "", "日期:2021年4月9日"],
        ],
    );
    let table = read_book(&[s]).unwrap();
    assert_eq!(table.header_row, 4);
    assert_eq!(table.rows.len(), 1);
    let row = &table.rows[0];
    assert_eq!(row.sheet_row, 5);
    assert_eq!(row.project.unit_name, "天津甲公司");
    assert_eq!(row.project.leader_name, "张三");
    assert_eq!(row.project.leader_phone, "13800138000");
    assert_eq!(row.project.topic_type, "问题解决型");
    assert_eq!(
        table.table_fields,
        vec![
            (TableField::Recommender, "武清区市场监管局".to_string()),
            (TableField::RecommenderHead, "王五".to_string()),
            (TableField::Filler, "李四".to_string()),
            (TableField::FillerPhone, "022-12345678".to_string()),
            (TableField::FillDate, "2021年4月9日".to_string()),
        ]
    );
    assert!(table.skipped.is_empty() && table.extra_columns.is_empty() && table.notes.is_empty());
}

#[test]
fn header_variants_without_serial_on_the_second_sheet() {
    let cover = sheet("说明", &[&["填表说明"], &["请在第二张表填写"]]);
    let s = sheet(
        "Sheet2",
        &[
            &[
                "企业（单位）名称",
                "统一社会信用代码（18位）",
                "所属区域",
                "项目名称",
                "项目负责人",
                "联系电话",
                "手机",
                "邮箱",
                "产值（万元）",
            ],
            &[
                "天津乙公司",
                "91120116MA06ABCD1X",
                "滨海新区",
                "提升焊接质量",
                "赵六",
                "022-23456789",
                "13900139000",
                "z@c.cn",
                "1200",
            ],
        ],
    );
    let table = read_book(&[cover, s]).unwrap();
    assert_eq!(table.sheet, "Sheet2");
    let p = &table.rows[0].project;
    assert_eq!(p.unit_name, "天津乙公司");
    assert_eq!(p.credit_code, "91120116MA06ABCD1X");
    assert_eq!(p.district, "滨海新区");
    assert_eq!(p.leader_name, "赵六");
    assert_eq!(p.leader_phone, "022-23456789、13900139000");
    assert_eq!(p.email, "z@c.cn");
    assert!(table.notes.iter().any(|n| n.field == RowField::LeaderPhone
        && n.kind == NoteKind::Combined { headers: vec!["联系电话".into(), "手机".into()] }));
    assert_eq!(table.extra_columns.len(), 1);
    assert_eq!(table.extra_columns[0].header, "产值（万元）");
    assert_eq!(table.extra_columns[0].values, 1);
}

#[test]
fn two_row_header_merged_units_hidden_and_total_rows() {
    let mut s = sheet(
        "申报表",
        &[
            &["序号", "申报单位名称", "统一社会信用代码", "项目名称", "项目负责人及联系方式", ""],
            &["", "", "", "", "姓名", "联系电话"],
            &["1", "天津丙公司", "91120222MA05T1234X", "项目一", "钱七", "13700137000"],
            &["2", "", "", "项目二", "孙八", "13600136000"],
            &["3", "天津丁公司", "#911201151318609200", "撤回的项目", "周九", "#13500135000"],
            &["4", "天津丁公司", "#911201151318609200", "项目四", "吴十", "#13500135000"],
            &["合计", "", "", "4项", "", ""],
        ],
    );
    s.merges.push(Span { first_row: 0, first_col: 4, last_row: 0, last_col: 5 });
    s.merges.push(Span { first_row: 2, first_col: 1, last_row: 3, last_col: 1 });
    s.merges.push(Span { first_row: 2, first_col: 2, last_row: 3, last_col: 2 });
    s.hidden_rows.push(4);
    let table = read_book(&[s]).unwrap();
    assert_eq!(table.header_row, 2, "the header's last row");
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names, ["项目一", "项目二", "项目四"]);
    let second = &table.rows[1].project;
    assert_eq!((second.unit_name.as_str(), second.credit_code.as_str()), ("天津丙公司", "91120222MA05T1234X"));
    assert_eq!((second.leader_name.as_str(), second.leader_phone.as_str()), ("孙八", "13600136000"));
    assert!(table
        .notes
        .iter()
        .any(|n| n.sheet_row == 4 && n.field == RowField::UnitName && n.kind == NoteKind::FilledFromMerged));
    let fourth = &table.rows[2];
    assert_eq!(fourth.project.leader_phone, "13500135000", "a phone stored as a number becomes its digits");
    assert!(table.notes.iter().any(|n| n.sheet_row == fourth.sheet_row
        && n.field == RowField::CreditCode
        && matches!(&n.kind, NoteKind::StoredAsNumber { text } if text == "911201151318609000")));
    let skipped: Vec<(u32, SkipReason)> = table.skipped.iter().map(|s| (s.sheet_row, s.reason)).collect();
    assert_eq!(skipped, [(5, SkipReason::Hidden), (7, SkipReason::Total)]);
}

#[test]
fn not_this_table_and_no_projects_are_their_own_errors() {
    let other = sheet("Sheet1", &[&["姓名", "年龄"], &["张三", "30"]]);
    assert_eq!(read_book(&[other]), Err(TableError::NotThisTable));
    let empty = sheet("Sheet1", &[&OFFICIAL, &["1"], &["2"]]);
    assert_eq!(read_book(&[empty]), Err(TableError::NoProjects { header_row: 1 }));
    assert_eq!(read_book(&[]), Err(TableError::NotThisTable));
}

#[test]
fn a_unit_named_like_a_note_or_total_is_still_a_project() {
    let s = sheet(
        "申报表",
        &[
            &OFFICIAL,
            &["1", "注塑科技有限公司", "", "", "", "", "", "合计划项目"],
            &["2", "合计科技公司", "", "", "", "", "", "某项目"],
        ],
    );
    let table = read_book(&[s]).unwrap();
    assert_eq!(table.rows.len(), 2);
    assert!(table.skipped.is_empty());
}

#[test]
fn the_title_above_the_header_is_kept_and_the_recommender_line_is_not_it() {
    let row: &[&str] = &["1", "甲公司", "", "", "", "", "", "降低铸件气孔缺陷率"];
    let s =
        sheet("表", &[&["", "推荐单位：武清区市场监管局"], &["2020年天津市质量攻关重点项目申报表"], &OFFICIAL, row]);
    assert_eq!(read_book(&[s]).unwrap().title, "2020年天津市质量攻关重点项目申报表");
    let bare = sheet("表", &[&OFFICIAL, row]);
    assert_eq!(read_book(&[bare]).unwrap().title, "");
}
