//! Property tests: no normaliser or rule panics on any input, and normalisation is idempotent for every field.

use proptest::prelude::*;
use shenbao::core::check::contact::{check_email, check_phones, parse_phone};
use shenbao::core::check::normalize::{normalize_row_field, normalize_table_field, strip_controls, to_half_width};
use shenbao::core::check::rules::{check_cross_rows, check_declaration, check_row, check_table_fields};
use shenbao::core::check::uscc::{check_character, check_code, implied_district, implied_ownership, is_enterprise};
use shenbao::core::model::{Declaration, FieldRef, ProjectRow, RowField, TableField};

/// Text people (and broken pastes) produce: arbitrary Unicode, plus a bias towards the characters the rules care
/// about (digits, full-width forms, separators, controls, combining marks, CJK).
fn messy() -> impl Strategy<Value = String> {
    let interesting = prop::sample::select(vec![
        '0',
        '1',
        '2',
        '9',
        'A',
        'I',
        'O',
        'x',
        '@',
        '.',
        '-',
        '+',
        '(',
        ')',
        '/',
        ' ',
        '\n',
        '\r',
        '\t',
        '\u{0}',
        '\u{7f}',
        '\u{85}',
        '\u{200B}',
        '\u{FEFF}',
        '\u{202E}',
        '\u{301}',
        '\u{3000}',
        '９',
        'Ａ',
        '＠',
        '．',
        '－',
        '（',
        '）',
        '，',
        '、',
        '；',
        '。',
        '转',
        '区',
        '年',
        '月',
        '日',
        '天',
        '津',
        '\u{10FFFF}',
        '🙂',
        'ß',
        'İ',
    ]);
    prop_oneof![
        3 => any::<String>(),
        3 => prop::collection::vec(interesting, 0..40).prop_map(|v| v.into_iter().collect()),
        1 => "[0-9A-Z ０-９Ａ-Ｚ-]{0,24}",
        1 => "(\\+86 ?)?[0-9 ()-]{0,20}(转[0-9]{1,5})?",
        1 => "[a-zA-Z0-9._@。＠．-]{0,30}",
    ]
}

fn huge() -> impl Strategy<Value = String> {
    (messy(), 1500usize..2600).prop_map(|(s, n)| {
        let unit = if s.is_empty() { "字".to_string() } else { s };
        unit.repeat(n / unit.chars().count().max(1) + 1)
    })
}

fn row_from(v: Vec<String>) -> ProjectRow {
    let mut r = ProjectRow::default();
    for (f, s) in RowField::ALL.into_iter().zip(v) {
        *r.get_mut(f) = s;
    }
    r
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn row_normalisers_are_idempotent(s in messy()) {
        for f in RowField::ALL {
            let once = normalize_row_field(f, &s);
            prop_assert_eq!(normalize_row_field(f, &once), once.clone(), "{:?}", f);
        }
    }

    #[test]
    fn table_normalisers_are_idempotent(s in messy()) {
        for f in TableField::ALL {
            let once = normalize_table_field(f, &s);
            prop_assert_eq!(normalize_table_field(f, &once), once.clone(), "{:?}", f);
        }
    }

    #[test]
    fn helpers_never_panic(s in messy()) {
        let h = to_half_width(&s);
        prop_assert_eq!(to_half_width(&h), h);
        let c = strip_controls(&s);
        prop_assert_eq!(strip_controls(&c), c.clone());
        prop_assert!(!c.chars().any(char::is_control));
        let _ = check_character(&s);
        let _ = implied_district(&s);
        let _ = implied_ownership(&s);
        let _ = is_enterprise(&s);
        let _ = parse_phone(&s);
        let _ = check_code(&s, FieldRef::Row(0, RowField::CreditCode));
        let _ = check_phones(&s, FieldRef::Table(TableField::FillerPhone));
        let _ = check_email(&s, FieldRef::Row(0, RowField::Email));
    }

    #[test]
    fn rules_never_panic(
        table in prop::collection::vec(messy(), 5),
        rows in prop::collection::vec(prop::collection::vec(messy(), 13), 0..5),
        stored_as_number in prop::collection::vec(any::<bool>(), 5),
    ) {
        let mut d = Declaration::default();
        for (f, s) in TableField::ALL.into_iter().zip(table) {
            *d.table_value_mut(f) = s;
        }
        d.rows = rows.into_iter().map(row_from).collect();
        // Some rows read from a file where Excel stored the credit code as a number.
        for (row, stored) in d.rows.iter_mut().zip(stored_as_number) {
            if stored {
                row.source.number_code = row.credit_code.clone();
            }
        }
        let r = check_declaration(&d);
        for f in &r.findings {
            prop_assert!(!f.message.is_empty());
            if let FieldRef::Row(i, _) = f.field { prop_assert!(i < d.rows.len()); }
        }
        let _ = check_table_fields(&d);
        let _ = check_cross_rows(&d.rows);
        for (i, row) in d.rows.iter().enumerate() {
            let _ = check_row(i, row);
        }
    }

    #[test]
    fn fixes_are_normal_values(rows in prop::collection::vec(prop::collection::vec(messy(), 13), 1..3)) {
        let d = Declaration { rows: rows.into_iter().map(row_from).collect(), ..Declaration::default() };
        for f in check_declaration(&d).findings {
            if let Some(fix) = f.fix {
                let shown = match fix.field {
                    FieldRef::Row(_, rf) => normalize_row_field(rf, &fix.value),
                    FieldRef::Table(tf) => normalize_table_field(tf, &fix.value),
                };
                prop_assert_eq!(shown, fix.value.clone(), "a fix's value is already normalised");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn huge_values_never_panic(s in huge(), field in 0usize..13) {
        let f = RowField::ALL[field];
        let once = normalize_row_field(f, &s);
        prop_assert!(once.chars().count() <= shenbao::core::limits::MAX_CELL_CHARS);
        prop_assert_eq!(normalize_row_field(f, &once), once.clone());
        let mut row = ProjectRow::default();
        *row.get_mut(f) = s.clone();
        let fs = check_row(0, &row);
        if s.chars().count() > 2000 {
            prop_assert!(fs.iter().any(|x| x.field == FieldRef::Row(0, f) && x.code == "field.huge_paste"), "{:?}", f);
        }
        let d = Declaration { recommender: s.clone(), fill_date: s.clone(), rows: vec![row.clone(), row], ..Declaration::default() };
        let _ = check_declaration(&d);
    }
}
