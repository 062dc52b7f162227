//! The cross-row rules kept one row at a time (`CrossIndex`) against the rules stated plainly: after any sequence
//! of edits, every row's findings are what a naive pairwise pass over the whole table gives, and an edit reports
//! every row whose findings it changed.

use std::sync::Arc;

use proptest::prelude::*;
use shenbao::core::check::cross::{check_cross_keys, CrossIndex, CrossKeys, COPIED_TABLE_CODE};
use shenbao::core::model::{FieldRef, RowField};
use shenbao::core::report::Finding;

/// (row, rule code, first row it names) for every finding, the rules as the notice's table needs them, by
/// comparing each row with every earlier row.
fn naive(keys: &[CrossKeys]) -> Vec<(usize, &'static str, usize)> {
    let mut out = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        let first = |take: &dyn Fn(&CrossKeys) -> bool| (0..i).find(|&j| take(&keys[j]));
        let unit = !k.name.is_empty() && !k.code.is_empty();
        if unit {
            if let Some(j) = first(&|f| !f.name.is_empty() && !f.code.is_empty() && f.name == k.name) {
                if keys[j].code != k.code {
                    out.push((i, "dup.unit_codes", j));
                }
            }
            if let Some(j) = first(&|f| !f.name.is_empty() && !f.code.is_empty() && f.code == k.code) {
                if keys[j].name != k.name {
                    out.push((i, "dup.code_names", j));
                }
            }
        }
        if !k.name.is_empty() && !k.project.is_empty() {
            if let Some(j) = first(&|f| f.name == k.name && f.project == k.project) {
                out.push((i, "dup.project", j));
            }
        }
        let titled = |f: &CrossKeys| f.title.chars().count() >= 2 && !(f.name.is_empty() && f.code.is_empty());
        if titled(k) {
            if let Some(j) = first(&|f| titled(f) && f.title == k.title) {
                let f = &keys[j];
                let same_unit = (!k.code.is_empty() && k.code == f.code) || (!k.name.is_empty() && k.name == f.name);
                if !same_unit {
                    out.push((i, COPIED_TABLE_CODE, j));
                }
            }
        }
    }
    out.sort();
    out
}

/// The same triples read off the findings (the row they name is in the message: 与第N行).
fn triples(fs: &[Finding]) -> Vec<(usize, &'static str, usize)> {
    let mut out: Vec<_> = fs
        .iter()
        .map(|f| {
            let FieldRef::Row(i, field) = f.field else { panic!("a cross-row finding on a table field: {f:?}") };
            let expected_field = match f.code {
                "dup.unit_codes" => RowField::CreditCode,
                "dup.code_names" => RowField::UnitName,
                _ => RowField::ProjectName,
            };
            assert_eq!(field, expected_field, "{f:?}");
            let n: usize = f.message.split("与第").nth(1).and_then(|r| r.split('行').next()).unwrap().parse().unwrap();
            (i, f.code, n - 1)
        })
        .collect();
    out.sort();
    out
}

fn keys() -> impl Strategy<Value = CrossKeys> {
    let pick = |xs: &'static [&'static str]| prop::sample::select(xs).prop_map(String::from);
    (
        pick(&["", "甲厂", "乙厂", "丙厂"]),
        pick(&["", "1", "2"]),
        pick(&["", "p", "q"]),
        pick(&["", "x", "标题", "题目"]),
    )
        .prop_map(|(name, code, project, title)| CrossKeys { name, code, project, title })
}

fn per_row(index: &CrossIndex) -> Vec<Vec<Finding>> {
    (0..index.len()).map(|i| index.findings(i)).collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn edits_one_row_at_a_time_give_what_the_whole_table_gives(
        start in prop::collection::vec(keys(), 1..12),
        edits in prop::collection::vec((0usize..12, keys()), 0..25),
    ) {
        let mut table = start.clone();
        let mut index = CrossIndex::new(start.iter().cloned().map(Arc::new).collect());
        prop_assert_eq!(triples(&check_cross_keys(&table)), naive(&table));
        for (at, k) in edits {
            let i = at % table.len();
            let before = per_row(&index);
            table[i] = k.clone();
            let touched = index.set(i, Arc::new(k));
            let after = per_row(&index);
            let all: Vec<Finding> = after.iter().flatten().cloned().collect();
            prop_assert_eq!(triples(&all), naive(&table));
            prop_assert_eq!(&all, &check_cross_keys(&table));
            prop_assert!(touched.contains(&i));
            for (r, (b, a)) in before.iter().zip(&after).enumerate() {
                prop_assert!(b == a || touched.contains(&r), "row {} changed but was not reported: {:?}", r, touched);
            }
        }
    }
}

fn row(name: &str, code: &str, title: &str) -> CrossKeys {
    CrossKeys { name: name.into(), code: code.into(), project: title.into(), title: title.into() }
}

#[test]
fn an_edit_in_the_middle_of_a_large_group_re_judges_only_that_row() {
    // 1000 rows of 300 units sharing one credit code (a merged table with a pasted code): every row but the first
    // of its code is told. Typing in row 500's code touches row 500 alone.
    let table: Vec<CrossKeys> = (0..1000).map(|i| row(&format!("单位{}", i % 300), "C", &format!("题{i}"))).collect();
    let mut index = CrossIndex::new(table.into_iter().map(Arc::new).collect());
    assert_eq!(index.set(500, Arc::new(row("单位200", "CX", "题500"))), vec![500]);
    assert_eq!(index.findings(500).iter().map(|f| f.code).collect::<Vec<_>>(), vec!["dup.unit_codes"]);
    // The first row of the group is another matter: every later row of the code names it.
    let touched = index.set(0, Arc::new(row("单位0", "D", "题0")));
    assert_eq!(touched.len(), 999, "row 0 and the 998 other rows of code C (row 500 has left it)");
    assert!(index.findings(1).is_empty(), "row 1 is the code's first row now");
    assert!(index.findings(2).iter().any(|f| f.code == "dup.code_names" && f.message.contains("与第2行")));
}

#[test]
fn rows_out_of_range_are_left_alone() {
    let mut index = CrossIndex::new(vec![Arc::new(row("甲", "1", "标题"))]);
    assert!(index.set(3, Arc::new(row("乙", "1", "标题"))).is_empty());
    assert!(index.findings(3).is_empty());
    assert_eq!(index.len(), 1);
}
