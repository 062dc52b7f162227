//! The import's merge (`core::merge`): which rows a merge keeps, the hard caps the merged table must fit (rows and
//! draft size, with the numbers in the message), and where the table fields come from for one file or several, into
//! an empty table or one with content.

use shenbao::core::limits::{MAX_ROWS, MAX_TABLE_BYTES};
use shenbao::core::merge::{append_fits, files_word, kept_on_append, over_caps, plan, Plan};
use shenbao::core::model::{Declaration, ProjectRow};

fn row(unit: &str) -> ProjectRow {
    ProjectRow { unit_name: unit.to_string(), ..ProjectRow::default() }
}

fn table(recommender: &str, units: &[&str]) -> Declaration {
    Declaration {
        recommender: recommender.to_string(),
        rows: units.iter().map(|u| row(u)).collect(),
        ..Declaration::default()
    }
}

/// A table of `n` rows with nothing but a unit name.
fn rows(n: usize) -> Declaration {
    Declaration { rows: (0..n).map(|_| row("甲")).collect(), ..Declaration::default() }
}

#[test]
fn a_lone_blank_starting_row_gives_way_and_every_other_row_is_kept() {
    let blank = [ProjectRow::default()];
    assert_eq!(kept_on_append(&blank, ProjectRow::is_blank), 0);
    assert_eq!(kept_on_append(&[row("甲")], ProjectRow::is_blank), 1);
    assert_eq!(kept_on_append::<ProjectRow>(&[], ProjectRow::is_blank), 0);
    // Two blank rows are the user's: both stay.
    assert_eq!(kept_on_append(&[ProjectRow::default(), ProjectRow::default()], ProjectRow::is_blank), 2);
    assert_eq!(kept_on_append(&[row("甲"), ProjectRow::default()], ProjectRow::is_blank), 2);
}

#[test]
fn an_append_fits_up_to_the_row_cap_and_not_one_row_more() {
    assert!(append_fits(0, MAX_ROWS));
    assert!(append_fits(MAX_ROWS - 1, 1));
    assert!(!append_fits(MAX_ROWS, 1));
    assert!(!append_fits(1, MAX_ROWS));
    assert!(!append_fits(usize::MAX, 1), "no overflow");
}

#[test]
fn an_import_beyond_the_row_cap_is_refused_with_the_numbers() {
    // The blank starting row gives way: exactly MAX_ROWS rows fit.
    let empty = Declaration { rows: vec![ProjectRow::default()], ..Declaration::default() };
    assert_eq!(over_caps(&empty, &[rows(MAX_ROWS)]), None);
    let msg = over_caps(&empty, &[rows(MAX_ROWS - 10), rows(11)]).expect("one row too many");
    assert!(msg.contains(&format!("导入后表格将有 {} 个项目", MAX_ROWS + 1)), "{msg}");
    assert!(msg.contains("现有 0 个") && msg.contains(&format!("文件中 {} 个", MAX_ROWS + 1)), "{msg}");
    // Rows with content are kept, and counted.
    let msg = over_caps(&rows(5), &[rows(MAX_ROWS - 4)]).expect("one row too many");
    assert!(msg.contains("现有 5 个") && msg.contains(&MAX_ROWS.to_string()), "{msg}");
    assert_eq!(over_caps(&rows(5), &[rows(MAX_ROWS - 5)]), None);
}

#[test]
fn an_import_whose_draft_would_exceed_the_size_cap_is_refused_with_the_numbers() {
    // Two files of ~25 MB each: within the row cap, beyond the size cap together (each alone fits).
    let big = |tag: &str| Declaration {
        rows: (0..25).map(|_| ProjectRow { remarks: tag.repeat(1024 * 1024), ..ProjectRow::default() }).collect(),
        ..Declaration::default()
    };
    let (a, b) = (big("a"), big("b"));
    assert_eq!(over_caps(&Declaration::default(), std::slice::from_ref(&a)), None);
    let msg = over_caps(&Declaration::default(), &[a, b]).expect("beyond the size cap");
    assert!(msg.contains(&format!("最多 {} MB", MAX_TABLE_BYTES / (1024 * 1024))), "{msg}");
    assert!(msg.contains("约 50 MB"), "{msg}");
}

#[test]
fn into_an_empty_table_the_first_file_gives_the_table_fields_and_the_others_append_their_rows() {
    let empty = Declaration { rows: vec![ProjectRow::default()], ..Declaration::default() };
    let (a, b) = (table("武清区市场监管局", &["甲", "乙"]), table("其他推荐单位", &["丙"]));
    assert_eq!(
        plan(&empty, vec![a.clone(), b.clone()]),
        Some(Plan::Replace { first: a.clone(), append: vec![b.clone()] })
    );
    assert_eq!(plan(&empty, vec![a.clone()]), Some(Plan::Replace { first: a, append: vec![] }));
    assert_eq!(plan(&empty, vec![]), None);
}

#[test]
fn into_a_table_with_content_one_file_asks_and_several_append_keeping_the_table_fields() {
    let current = table("武清区市场监管局", &["原有"]);
    let (a, b) = (table("甲的推荐单位", &["甲"]), table("", &["乙"]));
    assert_eq!(plan(&current, vec![a.clone()]), Some(Plan::Ask(a.clone())));
    assert_eq!(plan(&current, vec![a.clone(), b.clone()]), Some(Plan::Append(vec![a.clone(), b.clone()])));
    // Only table fields typed is content too.
    let only_fields =
        Declaration { filler: "张伟".into(), rows: vec![ProjectRow::default()], ..Declaration::default() };
    assert_eq!(plan(&only_fields, vec![b.clone()]), Some(Plan::Ask(b)));
}

#[test]
fn a_plan_counts_its_files() {
    let a = table("", &["甲"]);
    assert_eq!(Plan::Replace { first: a.clone(), append: vec![a.clone(), a.clone()] }.files(), 3);
    assert_eq!(Plan::Ask(a.clone()).files(), 1);
    assert_eq!(Plan::Append(vec![a.clone(), a]).files(), 2);
}

#[test]
fn the_files_are_named_by_their_kind() {
    assert_eq!(files_word(0, 3), "草稿文件");
    assert_eq!(files_word(3, 3), "Excel 文件");
    assert_eq!(files_word(1, 3), "文件");
}
