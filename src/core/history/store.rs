//! The reference as the browser keeps it (earlier years' files and the expected units), as one text, apart from
//! the draft; and the year of an earlier table, read from its title.

use std::collections::HashMap;

use super::expected::ExpectedUnit;
use super::index::Earlier;

/// The first line of a stored reference.
pub const HEADER: &str = "shenbao-reference\t1";

/// One earlier year's file: its name, its year (read from its title or given by the user) and its projects.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RefFile {
    pub name: String,
    pub year: Option<u16>,
    /// The projects (their `year` is the file's).
    pub projects: Vec<Earlier>,
}

impl RefFile {
    /// How many units its projects are from (by credit code, else by name).
    pub fn unit_count(&self) -> usize {
        let mut units: HashMap<String, usize> = HashMap::new();
        for p in &self.projects {
            let key = match p.credit_code.trim() {
                "" => format!("name:{}", super::findings::unit_name_key(&p.unit_name)),
                code => format!("code:{code}"),
            };
            units.insert(key, 0);
        }
        units.len()
    }

    /// Sets the year of the file and of its projects.
    pub fn set_year(&mut self, year: Option<u16>) {
        self.year = year;
        self.projects.iter_mut().for_each(|p| p.year = year);
    }
}

/// Everything kept beside the declaration: the earlier years' files and the expected units.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reference {
    pub files: Vec<RefFile>,
    pub expected: Vec<ExpectedUnit>,
}

impl Reference {
    pub fn is_empty(&self) -> bool {
        self.files.is_empty() && self.expected.is_empty()
    }

    /// Every earlier project of every file, in file order.
    pub fn earlier(&self) -> Vec<Earlier> {
        self.files.iter().flat_map(|f| f.projects.iter().cloned()).collect()
    }
}

/// Why a stored reference could not be read (its text is then kept, not replaced).
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    #[error("参考资料的格式无法识别")]
    NotReference,
    #[error("参考资料第 {0} 行无法识别")]
    BadLine(usize),
}

/// A value on one line of the stored text: tabs and line breaks become spaces.
fn cell(value: &str) -> String {
    value.chars().map(|c| if matches!(c, '\t' | '\n' | '\r') { ' ' } else { c }).collect()
}

/// The reference as text: [`HEADER`], then per file `F year name` and `P unit code project` per project, then
/// `E name code` per expected unit (fields separated by tabs).
pub fn encode(reference: &Reference) -> String {
    let mut out = String::from(HEADER);
    out.push('\n');
    for file in &reference.files {
        let year = file.year.map(|y| y.to_string()).unwrap_or_default();
        out.push_str(&format!("F\t{year}\t{}\n", cell(&file.name)));
        for p in &file.projects {
            out.push_str(&format!("P\t{}\t{}\t{}\n", cell(&p.unit_name), cell(&p.credit_code), cell(&p.project_name)));
        }
    }
    for unit in &reference.expected {
        out.push_str(&format!("E\t{}\t{}\n", cell(&unit.name), cell(&unit.credit_code)));
    }
    out
}

/// Reads what [`encode`] wrote.
pub fn decode(text: &str) -> Result<Reference, StoreError> {
    let mut lines = text.lines();
    if lines.next().map(|l| l.trim_end_matches('\r')) != Some(HEADER) {
        return Err(StoreError::NotReference);
    }
    let mut reference = Reference::default();
    for (i, line) in lines.enumerate() {
        let bad = || StoreError::BadLine(i + 2);
        let fields: Vec<&str> = line.trim_end_matches('\r').split('\t').collect();
        match fields.as_slice() {
            [] | [""] => {}
            ["F", year, name] => {
                let year = match *year {
                    "" => None,
                    y => Some(y.parse::<u16>().map_err(|_| bad())?),
                };
                reference.files.push(RefFile { name: name.to_string(), year, projects: Vec::new() });
            }
            ["P", unit, code, project] => {
                let file = reference.files.last_mut().ok_or_else(bad)?;
                file.projects.push(Earlier {
                    year: file.year,
                    unit_name: unit.to_string(),
                    credit_code: code.to_string(),
                    project_name: project.to_string(),
                });
            }
            ["E", name, code] => {
                reference.expected.push(ExpectedUnit { name: name.to_string(), credit_code: code.to_string() })
            }
            _ => return Err(bad()),
        }
    }
    Ok(reference)
}

/// The year a table's title (or a file name) names: the first `YYYY年` (or `YYYY 年`) with a year from 1990 to
/// 2099, e.g. `2020年天津市质量攻关重点项目申报表` → 2020; `None` when there is none.
pub fn year_of_title(title: &str) -> Option<u16> {
    let chars: Vec<char> = crate::core::check::normalize::to_half_width(title).chars().collect();
    (0..chars.len()).find_map(|i| {
        let digits = chars.get(i..i + 4)?;
        if !digits.iter().all(char::is_ascii_digit) || (i > 0 && chars[i - 1].is_ascii_digit()) {
            return None;
        }
        let rest = chars[i + 4..].iter().find(|c| **c != ' ');
        if rest != Some(&'年') {
            return None;
        }
        let year: u16 = digits.iter().collect::<String>().parse().ok()?;
        (1990..=2099).contains(&year).then_some(year)
    })
}
