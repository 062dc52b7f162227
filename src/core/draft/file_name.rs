//! The downloaded draft file's name.

use crate::core::model::Declaration;
use crate::core::text::{file_name_part, Forbidden};

/// The most characters of the name part of [`draft_file_name`].
const MAX_NAME_CHARS: usize = 40;

/// A part of a draft's file name: made safe, what a file name may not hold separating words.
fn clean_name(text: &str) -> String {
    file_name_part(text, MAX_NAME_CHARS, Forbidden::Space)
}

/// A readable, Windows-safe file name for a downloaded draft: `申报表草稿_<推荐单位>_<date>.json`, or named
/// after the first unit (`<单位>等N家` when several) when 推荐单位 is empty, or `未命名` when nothing is typed.
pub fn draft_file_name(decl: &Declaration, date: &str) -> String {
    let recommender = clean_name(&decl.recommender);
    let name = if !recommender.is_empty() {
        recommender
    } else {
        let mut units: Vec<String> = Vec::new();
        for r in &decl.rows {
            let u = clean_name(&r.unit_name);
            if !u.is_empty() && !units.contains(&u) {
                units.push(u);
            }
        }
        match units.len() {
            0 => "未命名".to_string(),
            1 => units.swap_remove(0),
            n => format!("{}等{n}家", units[0]),
        }
    };
    let date = clean_name(date);
    if date.is_empty() {
        format!("申报表草稿_{name}.json")
    } else {
        format!("申报表草稿_{name}_{date}.json")
    }
}
