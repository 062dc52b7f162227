//! Provenance: a row's Source in words, and never in what leaves the page as the official table (the .xlsx and the
//! declaration packed for the export worker).

use shenbao::core::worker_protocol::Packed;
use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
use shenbao::core::{Declaration, ProjectRow, Source};

const CREATED: CreationTime = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 30, second: 0 };

fn read_from(file: &str, sheet: &str, row: u32) -> Source {
    Source { file: file.into(), sheet: sheet.into(), row, number_code: String::new() }
}

/// The golden declaration (rows typed here) and the same with every row read from a file.
fn typed_and_imported() -> (Declaration, Declaration) {
    let typed: Declaration =
        serde_json::from_str(include_str!("golden/declaration.json")).expect("the golden declaration parses");
    assert!(typed.rows.len() > 1 && typed.rows.iter().all(|r| r.source.is_typed()));
    let mut imported = typed.clone();
    for (i, row) in imported.rows.iter_mut().enumerate() {
        row.source = Source {
            number_code: row.credit_code.clone(),
            ..read_from(&format!("单位{i}.xlsx"), "申报表", i as u32 + 5)
        };
    }
    (typed, imported)
}

#[test]
fn a_typed_row_has_no_source_and_says_so() {
    let typed = Source::default();
    assert!(typed.is_typed());
    assert_eq!(typed.label(), "在本页填写");
    assert!(ProjectRow::default().source.is_typed());
}

#[test]
fn the_label_names_the_file_the_sheet_and_the_row() {
    assert_eq!(read_from("甲公司.xlsx", "申报表", 5).label(), "来自“甲公司.xlsx” 申报表 第5行");
    assert!(!read_from("甲公司.xlsx", "申报表", 5).is_typed());
    assert_eq!(read_from("甲公司.xlsx", "Sheet1", 0).label(), "来自“甲公司.xlsx” Sheet1", "row unknown");
    assert_eq!(read_from("甲公司.xlsx", "", 3).label(), "来自“甲公司.xlsx” 第3行", "sheet unknown");
    // A Word file's table is not a sheet; a text file's one sheet only repeats the file's name.
    assert_eq!(read_from("附表.DOCX", "Word", 4).label(), "来自“附表.DOCX” 表格 第4行");
    assert_eq!(read_from("乙公司.csv", "乙公司", 2).label(), "来自“乙公司.csv” 第2行");
    assert_eq!(read_from("乙公司.txt", "乙公司", 2).label(), "来自“乙公司.txt” 第2行");
    assert_eq!(read_from("申报表", "申报表", 2).label(), "来自“申报表” 第2行", "a name without an extension");
}

#[test]
fn a_blank_imported_row_is_still_blank() {
    let row = ProjectRow { id: 3, source: read_from("甲公司.xlsx", "申报表", 9), ..ProjectRow::default() };
    assert!(row.is_blank());
    let decl = Declaration { rows: vec![row], ..Declaration::default() };
    assert!(decl.is_empty());
}

#[test]
fn the_official_xlsx_is_the_same_with_and_without_sources() {
    let (typed, imported) = typed_and_imported();
    assert_ne!(typed, imported);
    assert_eq!(write_xlsx(&imported, &CREATED).expect("writes"), write_xlsx(&typed, &CREATED).expect("writes"));
}

#[test]
fn the_declaration_packed_for_the_worker_leaves_the_sources_out() {
    let (typed, imported) = typed_and_imported();
    let packed = Packed::pack(&imported);
    assert_eq!(packed, Packed::pack(&typed));
    assert_eq!(packed.lengths.len(), 5 + 13 * imported.rows.len());
}
