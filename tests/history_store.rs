//! The reference as the browser keeps it (read back as written; an unreadable text is an error, not an empty
//! reference), and an earlier table's year from its title.

use shenbao::core::history::expected::ExpectedUnit;
use shenbao::core::history::index::Earlier;
use shenbao::core::history::store::{decode, encode, year_of_title, RefFile, Reference, StoreError};

fn reference() -> Reference {
    let p = |unit: &str, code: &str, project: &str| Earlier {
        year: Some(2020),
        unit_name: unit.into(),
        credit_code: code.into(),
        project_name: project.into(),
    };
    Reference {
        files: vec![
            RefFile {
                name: "2020年 项目.xlsx".into(),
                year: Some(2020),
                projects: vec![
                    p("甲公司", "91120222MA05T1234X", "降低铸件气孔"),
                    p("乙公司", "", "提高合格率"),
                    p("甲公司", "", "x"),
                ],
            },
            RefFile {
                name: "未知.csv".into(),
                year: None,
                projects: vec![Earlier { project_name: "y".into(), ..Default::default() }],
            },
        ],
        expected: vec![ExpectedUnit { name: "甲公司".into(), credit_code: String::new() }],
    }
}

#[test]
fn the_reference_reads_back_as_written() {
    let r = reference();
    assert_eq!(decode(&encode(&r)), Ok(r));
    assert_eq!(decode(&encode(&Reference::default())), Ok(Reference::default()));
}

#[test]
fn tabs_and_line_breaks_in_values_become_spaces() {
    let mut r = reference();
    r.files[0].projects[0].project_name = "降低\t铸件\n气孔".into();
    let back = decode(&encode(&r)).unwrap();
    assert_eq!(back.files[0].projects[0].project_name, "降低 铸件 气孔");
}

#[test]
fn an_unreadable_text_is_an_error() {
    assert_eq!(decode(""), Err(StoreError::NotReference));
    assert_eq!(decode("{\"rows\":[]}"), Err(StoreError::NotReference));
    assert_eq!(decode("shenbao-reference\t1\nP\ta\tb\tc\n"), Err(StoreError::BadLine(2)));
    assert_eq!(decode("shenbao-reference\t1\nF\t20x0\tname\n"), Err(StoreError::BadLine(2)));
}

#[test]
fn a_files_unit_count_counts_units_by_code_else_name() {
    assert_eq!(reference().files[0].unit_count(), 3);
}

#[test]
fn the_year_is_read_from_a_title_or_none() {
    assert_eq!(year_of_title("2020年天津市质量攻关重点项目申报表"), Some(2020));
    assert_eq!(year_of_title("附表：２０１９年度天津市质量攻关项目汇总"), Some(2019));
    assert_eq!(year_of_title("天津市2018 年质量攻关项目"), Some(2018));
    assert_eq!(year_of_title("天津市质量攻关重点项目申报表"), None);
    assert_eq!(year_of_title("编号12020年"), None, "part of a longer number");
    assert_eq!(year_of_title("1850年"), None);
}

#[test]
fn an_earlier_years_table_made_by_openpyxl_gives_its_year_and_projects_through_the_intake_reader() {
    use shenbao::core::intake::file::read_table_file;
    let bytes = std::fs::read("tests/data/history/2020年项目汇总.xlsx").unwrap();
    let table = read_table_file("2020年项目汇总.xlsx", &bytes, &|_| None).unwrap();
    assert_eq!(year_of_title(&table.title), Some(2020), "title {:?}", table.title);
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names[0], "降低转向节铸件气孔缺陷率");
    assert_eq!(names.len(), 4);
}

#[test]
fn a_list_of_expected_units_in_a_spreadsheet_is_read_as_a_table_of_units() {
    use shenbao::core::history::expected::from_rows;
    use shenbao::core::intake::file::read_table_file;
    let bytes = std::fs::read("tests/data/history/应报单位名单.xlsx").unwrap();
    let table = read_table_file("应报单位名单.xlsx", &bytes, &|_| None).unwrap();
    let rows: Vec<_> = table.rows.into_iter().map(|r| r.project).collect();
    let units = from_rows(&rows);
    assert_eq!(units.len(), 4);
    assert_eq!(
        units[0],
        ExpectedUnit { name: "天津市甲机械制造有限公司".into(), credit_code: "91120222MA05T1234X".into() }
    );
    assert_eq!(units[3].name, "天津戊科技（集团）有限公司");
}
