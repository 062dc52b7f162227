//! The intake's own .xls (BIFF8) reader against calamine's .xls reader, on files LibreOffice and xlwt wrote
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
