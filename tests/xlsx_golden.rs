//! Golden and determinism tests of the .xlsx writer: the sheet XML for a fixed declaration and time is pinned.
//!
//! Regenerate after an intended layout change with `UPDATE_GOLDEN=1 cargo test --test xlsx_golden`, then review the
//! diff of `tests/golden/` before committing.

use std::io::{Cursor, Read};
use std::path::PathBuf;

use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
use shenbao::core::Declaration;

const CREATED: CreationTime = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 30, second: 0 };

fn fixture() -> Declaration {
    serde_json::from_str(include_str!("golden/declaration.json")).expect("fixture parses")
}

fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut text = String::new();
    zip.by_name(name).expect("part exists").read_to_string(&mut text).expect("utf-8");
    text
}

fn check_golden(file: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(file);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("{} missing: run with UPDATE_GOLDEN=1", path.display()));
    if expected != actual {
        let at =
            expected.bytes().zip(actual.bytes()).position(|(a, b)| a != b).unwrap_or(expected.len().min(actual.len()));
        let from = at.saturating_sub(80);
        panic!(
            "{file} differs from the golden copy at byte {at}:\n expected …{}…\n   actual …{}…\n(UPDATE_GOLDEN=1 regenerates)",
            &expected[from..(at + 80).min(expected.len())],
            &actual[from..(at + 80).min(actual.len())]
        );
    }
}

#[test]
fn sheet_xml_matches_golden() {
    let bytes = write_xlsx(&fixture(), &CREATED).expect("writes");
    check_golden("sheet1.xml", &part(&bytes, "xl/worksheets/sheet1.xml"));
    check_golden("sharedStrings.xml", &part(&bytes, "xl/sharedStrings.xml"));
}

#[test]
fn same_input_gives_same_bytes() {
    let a = write_xlsx(&fixture(), &CREATED).expect("writes");
    let b = write_xlsx(&fixture(), &CREATED).expect("writes");
    assert_eq!(a, b);
    let later = CreationTime { second: 1, ..CREATED };
    assert_ne!(a, write_xlsx(&fixture(), &later).expect("writes"), "the time is really used");
}

/// Writes sample files for looking at by hand (`XLSX_DUMP_DIR=/tmp/x cargo test --test xlsx_golden dump`):
/// the fixture, and the fixture with 60 rows (several printed pages).
#[test]
fn dump_samples_when_asked() {
    let Some(dir) = std::env::var_os("XLSX_DUMP_DIR") else {
        return;
    };
    let dir = PathBuf::from(dir);
    std::fs::create_dir_all(&dir).expect("dump dir");
    let decl = fixture();
    std::fs::write(dir.join("sample.xlsx"), write_xlsx(&decl, &CREATED).expect("writes")).expect("write");
    let mut many = decl.clone();
    many.rows = (0..60).map(|i| decl.rows[i % 3].clone()).collect();
    std::fs::write(dir.join("sample-60.xlsx"), write_xlsx(&many, &CREATED).expect("writes")).expect("write");
}
