//! The intake's own .xls (BIFF8) and .ods readers against calamine's, on files LibreOffice and xlwt wrote
//! (tests/data/intake/make.py): every cell, merged area and sheet; then the table read from each.

mod calamine_reference;

use calamine::{Data, Range};
use calamine_reference::read_xls_sheets;
use shenbao::core::intake::file::read_table_file;
use shenbao::core::intake::table::SkipReason;
use shenbao::core::intake::xls::xls_sheets;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/intake/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// Non-empty cells with their absolute positions (empty texts count as empty: calamine drops some of them).
fn used(range: &Range<Data>) -> Vec<(u32, u32, Data)> {
    let (top, left) = range.start().unwrap_or((0, 0));
    range
        .used_cells()
        .filter(|(_, _, d)| !matches!(d, Data::String(s) if s.is_empty()))
        .map(|(r, c, d)| (top + r as u32, left + c as u32, d.clone()))
        .collect()
}

fn same_as_calamine(name: &str) {
    let bytes = fixture(name);
    let ours = xls_sheets(&bytes).unwrap();
    let theirs = read_xls_sheets(&bytes);
    assert_eq!(ours.len(), theirs.len(), "{name}: sheets");
    for sheet in &ours {
        let (_, cells, merges) = theirs.iter().find(|(n, _, _)| *n == sheet.name).expect("the same sheet names");
        assert_eq!(used(&sheet.cells), used(cells), "{name}: cells of {}", sheet.name);
        let spans: Vec<(u32, u32, u32, u32)> =
            sheet.merges.iter().map(|s| (s.first_row, s.first_col, s.last_row, s.last_col)).collect();
        let theirs: Vec<(u32, u32, u32, u32)> =
            merges.iter().map(|d| (d.start.0, d.start.1, d.end.0, d.end.1)).collect();
        assert_eq!(spans, theirs, "{name}: merged areas of {}", sheet.name);
    }
}

#[test]
fn cells_and_merges_are_calamines_in_a_libreoffice_xls() {
    same_as_calamine("variants.xls");
}

/// 400 rows of long Chinese and Latin texts: the shared strings run over many CONTINUE records, and some strings
/// are split across two of them (the part after the seam has its own UTF-16/Latin-1 flag).
#[test]
fn shared_strings_split_over_continue_records_read_whole() {
    same_as_calamine("long.xls");
    let table = read_table_file("long.xls", &fixture("long.xls"), &|_| None).unwrap();
    assert_eq!(table.rows.len(), 400);
    let last = &table.rows[399].project;
    assert_eq!(last.project_name, format!("提高第399号产品一次装配合格率{}", "与可靠性".repeat(399 % 9)));
    assert_eq!(last.remarks, "备注".repeat(399 % 50));
    assert_eq!(last.leader_phone, "13800000399");
}

#[test]
fn an_xls_written_by_xlwt() {
    same_as_calamine("xlwt.xls");
    let table = read_table_file("乙.xls", &fixture("xlwt.xls"), &|_| None).unwrap();
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names, ["降低齿轮箱装配不良率", "提高铸件一次合格率", "新型制动盘轻量化设计", "20210409"]);
    assert_eq!(table.rows[1].project.unit_name, "天津市甲机械制造有限公司", "merged over two rows, filled down");
    assert_eq!(table.rows[3].project.unit_name, "1234.5", "a number where text belongs: its digits");
    let skipped: Vec<(u32, SkipReason)> = table.skipped.iter().map(|s| (s.sheet_row, s.reason)).collect();
    assert_eq!(skipped, [(7, SkipReason::Hidden)], "the hidden row (ROW record) is skipped and listed");
}

/// A FILEPASS record in the globals (an open password): said so, never a parse error.
#[test]
fn an_xls_with_an_open_password_says_so() {
    let mut bytes = fixture("variants.xls");
    // The first record after BOF in the Workbook stream turned into FILEPASS (0x002F), in place.
    let bof = bytes.windows(4).position(|w| w == [0x09, 0x08, 0x10, 0x00]).unwrap();
    let next = bof + 4 + 16;
    bytes[next..next + 2].copy_from_slice(&[0x2F, 0x00]);
    let err = read_table_file("a.xls", &bytes, &|_| None).unwrap_err().to_string();
    assert!(err.contains("密码"), "{err}");
}

/// Damaged or cut files: a Chinese sentence that says what to do, never a panic.
#[test]
fn a_damaged_xls_never_panics() {
    let good = fixture("variants.xls");
    for cut in (0..good.len()).step_by(97) {
        let _ = xls_sheets(&good[..cut]);
    }
    for at in (0..good.len()).step_by(13) {
        let mut bad = good.clone();
        bad[at] ^= 0xA5;
        let _ = xls_sheets(&bad);
    }
    let mut zeroed = good.clone();
    zeroed[512..1536].fill(0);
    let err = read_table_file("a.xls", &zeroed, &|_| None).unwrap_err().to_string();
    assert!(err.contains("另存为 .xlsx"), "{err}");
}

/// The .ods LibreOffice saved from variants.xlsx reads as the .xlsx does (hidden row and 合计 row skipped, the
/// merged unit filled down, the extra column and the footer).
#[test]
fn an_ods_saved_by_libreoffice_reads_like_its_xlsx() {
    use shenbao::core::intake::kind::{kind_of, FileKind};
    let ods = fixture("variants.ods");
    assert_eq!(kind_of("甲公司.ods", &ods), FileKind::Ods);
    let from_ods = read_table_file("甲公司.ods", &ods, &|_| None).unwrap();
    let from_xlsx = read_table_file("甲公司.xlsx", &fixture("variants.xlsx"), &|_| None).unwrap();
    assert_eq!(from_ods.sheet, "申报表");
    let projects = |t: &shenbao::core::intake::table::ReadTable| {
        t.rows.iter().map(|r| (r.sheet_row, r.project.clone())).collect::<Vec<_>>()
    };
    assert_eq!(projects(&from_ods), projects(&from_xlsx));
    assert_eq!(from_ods.skipped, from_xlsx.skipped);
    assert_eq!(from_ods.notes, from_xlsx.notes);
    assert_eq!(from_ods.extra_columns, from_xlsx.extra_columns);
    assert_eq!(from_ods.table_fields, from_xlsx.table_fields);
}

/// calamine's .ods reader gives the same cells (its dates as their text, as ours do).
#[test]
fn ods_cells_are_calamines() {
    use shenbao::core::intake::ods::ods_sheets;
    let bytes = fixture("variants.ods");
    let ours = ods_sheets(&bytes).unwrap();
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    for sheet in &ours {
        let theirs = book.worksheet_range(&sheet.name).unwrap();
        assert_eq!(used(&sheet.cells), used(&theirs), "cells of {}", sheet.name);
    }
}
