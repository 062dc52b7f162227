//! The units a recommending unit expects tables from, and who has sent: each expected unit is matched with the
//! table's rows by credit code first, then by name (width, spaces and bracket forms ignored).

use std::collections::HashMap;

use super::findings::unit_name_key;
use crate::core::check::normalize::{credit_code_key, strip_controls};
use crate::core::check::uscc::check_character;
use crate::core::model::ProjectRow;

/// One expected unit: its name, its credit code, or both.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpectedUnit {
    pub name: String,
    pub credit_code: String,
}

impl ExpectedUnit {
    /// Its name, or its code when it has no name (for lists shown to the user).
    pub fn label(&self) -> &str {
        if self.name.is_empty() {
            &self.credit_code
        } else {
            &self.name
        }
    }

    /// The key two entries of one list are the same unit by: the code when there is one, else the name.
    fn key(&self) -> String {
        match credit_code_key(&self.credit_code) {
            code if !code.is_empty() => format!("code:{code}"),
            _ => format!("name:{}", unit_name_key(&self.name)),
        }
    }
}

/// Header words that are not a unit (a list's first line, a 序号 column).
const HEADER_WORDS: [&str; 9] =
    ["序号", "单位名称", "企业名称", "申报单位名称", "单位", "企业", "名称", "统一社会信用代码", "信用代码"];

/// Whether a cell is a credit code: 18 characters of the code's alphabet after normalising (the check character is
/// not required: a mistyped code still names its unit).
fn is_code(cell: &str) -> bool {
    let code = credit_code_key(cell);
    code.chars().count() == 18
        && code.chars().all(|c| c.is_ascii_alphanumeric())
        && check_character(&code[..17]).is_some()
}

/// The expected units of a pasted or text list: one unit a line, cells separated by tabs, commas (`,` `，`) or
/// semicolons; a cell that is a credit code is the code, the first other cell the name. Blank lines, a header
/// line, 序号 cells and repeated units are left out (the first of a unit kept, the other's missing half added).
pub fn parse_list(text: &str) -> Vec<ExpectedUnit> {
    let units = text.lines().filter_map(|line| {
        let mut unit = ExpectedUnit::default();
        for cell in line.split(['\t', ',', '，', ';', '；']) {
            let cell = strip_controls(cell).trim().to_string();
            if cell.is_empty() || HEADER_WORDS.contains(&cell.as_str()) || cell.chars().all(|c| c.is_ascii_digit()) {
                continue;
            }
            if unit.credit_code.is_empty() && is_code(&cell) {
                unit.credit_code = credit_code_key(&cell).into_owned();
            } else if unit.name.is_empty() && !is_code(&cell) {
                unit.name = cell;
            }
        }
        (!unit.name.is_empty() || !unit.credit_code.is_empty()).then_some(unit)
    });
    dedupe(units)
}

/// The expected units named by a read table's rows (each unit once).
pub fn from_rows(rows: &[ProjectRow]) -> Vec<ExpectedUnit> {
    dedupe(rows.iter().map(|r| ExpectedUnit {
        name: strip_controls(&r.unit_name).trim().to_string(),
        credit_code: credit_code_key(&r.credit_code).into_owned(),
    }))
}

/// `units` with each unit once (by code, else by name), in first-seen order; a later entry with the same code or
/// name fills in a half the first lacked.
pub fn dedupe(units: impl IntoIterator<Item = ExpectedUnit>) -> Vec<ExpectedUnit> {
    let mut out: Vec<ExpectedUnit> = Vec::new();
    let mut by_code: HashMap<String, usize> = HashMap::new();
    let mut by_name: HashMap<String, usize> = HashMap::new();
    for unit in units.into_iter().filter(|u| !u.name.is_empty() || !u.credit_code.is_empty()) {
        let code = credit_code_key(&unit.credit_code).into_owned();
        let name = unit_name_key(&unit.name);
        let seen = by_code.get(&code).filter(|_| !code.is_empty()).or_else(|| {
            by_name.get(&name).filter(|&&i| !name.is_empty() && (code.is_empty() || out[i].credit_code.is_empty()))
        });
        match seen.copied() {
            Some(i) => {
                if out[i].name.is_empty() {
                    out[i].name = unit.name.clone();
                }
                if out[i].credit_code.is_empty() && !code.is_empty() {
                    out[i].credit_code = code.clone();
                    by_code.insert(code, i);
                }
            }
            None => {
                let i = out.len();
                if !code.is_empty() {
                    by_code.insert(code, i);
                }
                if !name.is_empty() {
                    by_name.entry(name).or_insert(i);
                }
                out.push(unit);
            }
        }
    }
    out
}

/// A unit found in the table that is not on the list: its name and code as its first row has them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unlisted {
    pub name: String,
    pub credit_code: String,
    /// How many rows it has.
    pub rows: usize,
}

/// Who has sent, who has not, and who sent without being on the list.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Status {
    /// The expected units with rows in the table, and how many rows each has.
    pub sent: Vec<(ExpectedUnit, usize)>,
    /// The expected units without a row in the table (in the list's order).
    pub missing: Vec<ExpectedUnit>,
    /// Units with rows in the table that are not on the list (in table order).
    pub unlisted: Vec<Unlisted>,
}

/// The unit of each row (name and code as typed): what [`status`] matches.
pub fn units_of(rows: &[ProjectRow]) -> Vec<ExpectedUnit> {
    rows.iter().map(|r| ExpectedUnit { name: r.unit_name.clone(), credit_code: r.credit_code.clone() }).collect()
}

/// Matches the expected units with the units of the table's rows (`rows[i]` is row `i`'s: [`units_of`]): by credit
/// code when the unit on the list has one and some row has it, else by name; rows that neither matches are from
/// units not on the list. Rows without a unit name or code are left out.
pub fn status(expected: &[ExpectedUnit], rows: &[ExpectedUnit]) -> Status {
    let mut by_code: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, r) in rows.iter().enumerate() {
        let code = credit_code_key(&r.credit_code);
        if !code.is_empty() {
            by_code.entry(code.into_owned()).or_default().push(i);
        }
        let name = unit_name_key(&r.name);
        if !name.is_empty() {
            by_name.entry(name).or_default().push(i);
        }
    }
    let mut listed = vec![false; rows.len()];
    let mut out = Status::default();
    for unit in expected {
        let code = credit_code_key(&unit.credit_code);
        let found = by_code
            .get(code.as_ref())
            .filter(|_| !code.is_empty())
            .or_else(|| by_name.get(&unit_name_key(&unit.name)).filter(|_| !unit.name.trim().is_empty()));
        match found {
            Some(rows_of) => {
                rows_of.iter().for_each(|&i| listed[i] = true);
                out.sent.push((unit.clone(), rows_of.len()));
            }
            None => out.missing.push(unit.clone()),
        }
    }
    out.unlisted = unlisted(rows, &listed);
    out
}

/// The units of the rows not on the list, each once (by its code, else its name), with their row counts.
fn unlisted(rows: &[ExpectedUnit], listed: &[bool]) -> Vec<Unlisted> {
    let mut out: Vec<Unlisted> = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    let has_unit = |u: &ExpectedUnit| !u.name.trim().is_empty() || !credit_code_key(&u.credit_code).is_empty();
    for (unit, _) in rows.iter().zip(listed).filter(|(u, listed)| !**listed && has_unit(u)) {
        match seen.get(&unit.key()) {
            Some(&i) => out[i].rows += 1,
            None => {
                seen.insert(unit.key(), out.len());
                out.push(Unlisted {
                    name: unit.name.trim().to_string(),
                    credit_code: credit_code_key(&unit.credit_code).into_owned(),
                    rows: 1,
                });
            }
        }
    }
    out
}

/// The units not yet sent as a text to copy or save: a header line, then one unit a line (name, tab, code).
pub fn missing_text(missing: &[ExpectedUnit]) -> String {
    let mut out = String::from("单位名称\t统一社会信用代码\n");
    for unit in missing {
        out.push_str(&format!("{}\t{}\n", unit.name, unit.credit_code));
    }
    out
}
