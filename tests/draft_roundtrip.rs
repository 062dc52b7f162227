//! Invariant "whatever the tool saves, it reads back": for any table within the hard caps of `core::limits` (the
//! only tables the page can hold), the stored draft (`encode`) and the draft file (`encode_pretty`) decode to the
//! same table, each row's source included, at, under and beyond every form limit; beyond a hard cap a file is
//! refused and a stored draft is loaded as far as it goes.

use proptest::prelude::*;
use shenbao::core::draft::{decode, decode_partial, encode, encode_pretty, DraftError};
use shenbao::core::limits::{FORM_FIELD_CHARS, MAX_CELL_CHARS, MAX_DRAFT_BYTES, MAX_ROWS, MAX_TABLE_BYTES};
use shenbao::core::model::{Declaration, ProjectRow, RowField, Source, TableField};

/// Any text, with a bias towards what JSON escaping and the limits care about.
fn text() -> impl Strategy<Value = String> {
    let tricky = prop::sample::select(vec![
        '"', '\\', '\n', '\r', '\t', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}', '\u{FEFF}', '字', '🙂', 'é', '/', ' ',
    ]);
    prop_oneof![
        4 => any::<String>(),
        2 => prop::collection::vec(tricky, 0..30).prop_map(|v| v.into_iter().collect()),
        // At, just under and just over the form limit, and at the cell cap.
        1 => (prop::sample::select(vec![FORM_FIELD_CHARS - 1, FORM_FIELD_CHARS, FORM_FIELD_CHARS + 1, 2_500, MAX_CELL_CHARS]),
              prop::sample::select(vec!["字", "a", "🙂", "\""]))
            .prop_map(|(n, unit)| unit.repeat(n)),
    ]
}

/// Where a row came from: typed here (the default) or any file, sheet, row and stored-as-number text.
fn source() -> impl Strategy<Value = Source> {
    prop_oneof![
        1 => Just(Source::default()),
        3 => (text(), text(), any::<u32>(), text())
            .prop_map(|(file, sheet, row, number_code)| Source { file, sheet, row, number_code }),
    ]
}

fn row() -> impl Strategy<Value = ProjectRow> {
    (prop::collection::vec(text(), RowField::ALL.len()), source()).prop_map(|(values, source)| {
        let mut r = ProjectRow { source, ..ProjectRow::default() };
        for (f, v) in RowField::ALL.into_iter().zip(values) {
            *r.get_mut(f) = v;
        }
        r
    })
}

/// A table as the page holds it: unique row ids (the page gives each row a fresh one), any text.
fn table() -> impl Strategy<Value = Declaration> {
    (prop::collection::vec(text(), TableField::ALL.len()), prop::collection::vec(row(), 0..6), any::<u32>()).prop_map(
        |(values, mut rows, first_id)| {
            for (i, r) in rows.iter_mut().enumerate() {
                r.id = u64::from(first_id) + i as u64;
            }
            let mut d = Declaration { rows, ..Declaration::default() };
            for (f, v) in TableField::ALL.into_iter().zip(values) {
                *d.table_value_mut(f) = v;
            }
            d
        },
    )
}

fn within_caps(d: &Declaration) -> bool {
    let cell_ok = |s: &str| s.chars().count() <= MAX_CELL_CHARS;
    d.rows.len() <= MAX_ROWS
        && TableField::ALL.iter().all(|f| cell_ok(d.table_value(*f)))
        && d.rows.iter().all(|r| RowField::ALL.iter().all(|f| cell_ok(r.get(*f))))
        && d.rows.iter().all(|r| [&r.source.file, &r.source.sheet, &r.source.number_code].iter().all(|s| cell_ok(s)))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn save_then_restore_and_draft_file_then_import_give_the_same_table(d in table(), seq in any::<u64>()) {
        prop_assume!(within_caps(&d));
        let stored = encode(&d, "2021-04-09T10:42:05", "0.1.0", "tab1", seq);
        prop_assert!(stored.len() <= MAX_TABLE_BYTES);
        let restored = decode(&stored).map(|e| e.declaration);
        prop_assert_eq!(restored.as_ref(), Ok(&d));
        let file = encode_pretty(&d, "2021-04-09T10:42:05", "0.1.0", "tab1", seq);
        prop_assert_eq!(decode(&file).map(|e| e.declaration), Ok(d.clone()));
        // A stored draft within the caps has nothing to cut.
        let (partial, cuts) = decode_partial(&stored).expect("decodes");
        prop_assert_eq!(&partial.declaration, &d);
        prop_assert!(cuts.is_empty());
    }
}

fn full_row(id: u64, fill: &str) -> ProjectRow {
    let source =
        Source { file: format!("{fill}.xlsx"), sheet: "申报表".into(), row: id as u32 + 4, ..Source::default() };
    let mut r = ProjectRow { id, source, ..ProjectRow::default() };
    for f in RowField::ALL {
        *r.get_mut(f) = format!("{fill}{id}");
    }
    r
}

#[test]
fn a_table_at_the_row_cap_reads_back_from_both_copies() {
    let mut d = Declaration { recommender: "武清区市场监管局".into(), ..Declaration::default() };
    d.rows = (1..=MAX_ROWS as u64).map(|id| full_row(id, "天津某某有限公司")).collect();
    d.rows[7].remarks = "备".repeat(MAX_CELL_CHARS);
    let stored = encode(&d, "", "", "", 1);
    assert!(stored.len() <= MAX_TABLE_BYTES);
    assert_eq!(decode(&stored).map(|e| e.declaration), Ok(d.clone()));
    assert_eq!(decode(&encode_pretty(&d, "", "", "", 1)).map(|e| e.declaration), Ok(d.clone()));

    // One row more: a file is refused with the numbers; a stored copy keeps the first MAX_ROWS rows.
    d.rows.push(full_row(MAX_ROWS as u64 + 1, "x"));
    let over = encode(&d, "", "", "", 1);
    assert_eq!(decode(&over).map(|_| ()), Err(DraftError::TooManyRows { rows: MAX_ROWS + 1 }));
    let (partial, cuts) = decode_partial(&over).expect("partial");
    assert_eq!(partial.declaration.rows[..], d.rows[..MAX_ROWS]);
    assert_eq!(cuts.len(), 1);
}

#[test]
fn the_largest_savable_table_has_a_readable_draft_file() {
    // Rows of long values up to MAX_TABLE_BYTES of compact draft: the indented file stays under MAX_DRAFT_BYTES.
    let value = "字".repeat(900);
    let mut r = ProjectRow { id: 1_000_000, ..ProjectRow::default() };
    for f in RowField::ALL {
        *r.get_mut(f) = value.clone();
    }
    let empty = encode(&Declaration::default(), "", "", "", 0).len();
    let one_row = encode(&Declaration { rows: vec![r.clone()], ..Declaration::default() }, "", "", "", 0).len() - empty;
    let n = (MAX_TABLE_BYTES - empty) / (one_row + 1);
    let d = Declaration {
        rows: (0..n as u64).map(|i| ProjectRow { id: 1_000_000 + i, ..r.clone() }).collect(),
        ..Declaration::default()
    };
    let file = encode_pretty(&d, "", "", "", 0);
    assert!(encode(&d, "", "", "", 0).len() <= MAX_TABLE_BYTES);
    assert!(file.len() <= MAX_DRAFT_BYTES, "{} bytes", file.len());
    assert_eq!(decode(&file).map(|e| e.declaration.rows.len()), Ok(d.rows.len()));
}
