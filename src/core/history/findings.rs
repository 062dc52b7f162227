//! The warnings on 项目名称 that the reference gives: a title alike an earlier year's project (the notice's
//! 不得与历年项目雷同), and the same or nearly the same title under another unit in an earlier year (its 不得抄袭;
//! the same in this table is a cross-row rule: `rules::check_cross_keys`). Warnings only: they never block anything.

use super::index::{HistoryIndex, Match, Scratch};
use super::title::Title;
use crate::core::check::normalize::{comparison_key, credit_code_key};
use crate::core::model::{FieldRef, RowField};
use crate::core::report::Finding;

/// From this similarity (percent) on, a title is flagged as alike an earlier project (chosen on the labelled
/// pairs: BENCHMARKS.md, "Earlier years").
pub const SIMILAR_PERCENT: u32 = 70;
/// From this similarity on, a title under another unit counts as the same project (the 不得抄袭 hint).
pub const SAME_PERCENT: u32 = 90;

/// The code of the warning "alike an earlier year's project".
pub const SIMILAR_CODE: &str = "project_name.similar_history";
/// The code of the warning "the same project as another unit's, in an earlier year".
pub const COPIED_HISTORY_CODE: &str = "project_name.copied_history";

/// The unit and title of the row being checked.
#[derive(Clone, Copy, Debug)]
pub struct RowTitle<'a> {
    pub unit_name: &'a str,
    pub credit_code: &'a str,
    pub project_name: &'a str,
}

/// A unit name as compared across files: no spaces, half-width brackets (`（集团）` = `(集团)`), ASCII lower-case.
pub fn unit_name_key(name: &str) -> String {
    comparison_key(name)
}

/// Whether two units are the same: equal credit codes, or equal names ([`unit_name_key`]).
fn same_unit(a_name: &str, a_code: &str, b_name: &str, b_code: &str) -> bool {
    let (a_code, b_code) = (credit_code_key(a_code), credit_code_key(b_code));
    if !a_code.is_empty() && a_code == b_code {
        return true;
    }
    let a = unit_name_key(a_name);
    !a.is_empty() && a == unit_name_key(b_name)
}

/// The findings about row `index`'s 项目名称 against the earlier projects: the same project under another unit
/// (at least [`SAME_PERCENT`]), and the most alike earlier project of the same unit (or, when there is neither, of
/// any unit) at least [`SIMILAR_PERCENT`] alike. `scratch` is the index's working memory, kept by a caller that
/// checks many rows.
pub fn history_findings(
    index: usize,
    row: RowTitle<'_>,
    history: &HistoryIndex,
    scratch: &mut Scratch,
) -> Vec<Finding> {
    if history.is_empty() {
        return Vec::new();
    }
    let title = Title::new(row.project_name);
    let matches = history.similar_in(&title, SIMILAR_PERCENT, scratch);
    let is_same = |m: &Match| {
        let e = &history.entries()[m.entry];
        same_unit(row.unit_name, row.credit_code, &e.unit_name, &e.credit_code)
    };
    let field = FieldRef::Row(index, RowField::ProjectName);
    let mut out = Vec::new();
    // `matches` is sorted most alike first: the first of each kind is its best.
    let copied = matches.iter().find(|m| m.percent >= SAME_PERCENT && !is_same(m));
    if let Some(m) = copied {
        out.push(Finding::warning(field, COPIED_HISTORY_CODE, copied_message(history, *m)));
    }
    match matches.iter().find(|m| is_same(m)) {
        Some(m) => out.push(Finding::warning(field, SIMILAR_CODE, similar_message(history, *m, true))),
        None if copied.is_none() => {
            if let Some(m) = matches.first() {
                out.push(Finding::warning(field, SIMILAR_CODE, similar_message(history, *m, false)));
            }
        }
        None => {}
    }
    out
}

/// `2020年` or, when the year is not known, `往年`.
fn year_words(year: Option<u16>) -> String {
    year.map_or_else(|| "往年".to_string(), |y| format!("{y}年"))
}

fn similar_message(history: &HistoryIndex, m: Match, own: bool) -> String {
    let e = &history.entries()[m.entry];
    let unit = if own { "本单位".to_string() } else { e.unit_name.trim().to_string() };
    format!(
        "与{}{unit}项目“{}”相似（相似度 {}%），通知要求不得与历年项目雷同，请确认或修改。",
        year_words(e.year),
        e.project_name.trim(),
        m.percent
    )
}

fn copied_message(history: &HistoryIndex, m: Match) -> String {
    let e = &history.entries()[m.entry];
    format!(
        "与{}{}项目“{}”相同或几乎相同（相似度 {}%），通知要求不得抄袭，请确认这是本单位自己的项目或修改。",
        year_words(e.year),
        e.unit_name.trim(),
        e.project_name.trim(),
        m.percent
    )
}
