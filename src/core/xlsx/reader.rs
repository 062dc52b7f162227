//! Reads an .xlsx of the official table back into a declaration (the import).
//!
//! The reader inverts the conventions of [`super::writer`] but does not insist on its exact layout: it finds
//! the header row by its text (so extra rows above it or a different column order are fine), reads project rows
//! until the footer (`推荐部门负责人:` … `日期:`) or the notes, and takes `推荐单位(公章):` from above the table.
//! A label's value may share its cell (as the writer puts it) or follow in the next non-empty cell of its row (as
//! a table typed in Excel often has it); a date may be text (`2021年4月9日`, `2021-4-9`, `2021/4/9`) or an Excel date.

use calamine::{Data, Range};

use super::error::XlsxReadError;
use super::layout::{Holds, COLUMNS, FOOTER, RECOMMENDER_LABEL};
use crate::core::check::dates::{excel_day, is_real_date, iso, typed_date};
use crate::core::limits;
use crate::core::model::{Declaration, ProjectRow, RowField, TableField};
use crate::core::picklists::{INDUSTRIES, OWNERSHIPS, OWNERSHIP_OTHER};

/// Reads the official table from .xlsx bytes (the first worksheet), the cells read by [`super::cells::first_sheet`].
///
/// Rows get ids 1, 2, 3 … in order; empty rows are skipped. (The tests read the writer's files with calamine's own
/// reader and [`read_range`] too: the same result for UTF-8 files.)
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
/// # use shenbao::core::xlsx::reader::import_xlsx;
/// let mut decl = Declaration { recommender: "武清区市场监管局".into(), ..Default::default() };
/// decl.rows.push(ProjectRow { id: 1, unit_name: "天津某某有限公司".into(), industry: "36".into(), ..Default::default() });
/// let created = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 0, second: 0 };
/// let back = import_xlsx(&write_xlsx(&decl, &created)?)?;
/// assert_eq!(back, decl);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn import_xlsx(bytes: &[u8]) -> Result<Declaration, XlsxReadError> {
    read_range(&super::cells::first_sheet(bytes)?)
}

/// The declaration in a sheet's cells. The cells are turned into text one row at a time (never the whole sheet at
/// once); more than [`limits::MAX_ROWS`] project rows are refused (counted, not kept).
pub fn read_range(range: &Range<Data>) -> Result<Declaration, XlsxReadError> {
    let text_row = |row: &[Data]| -> Vec<String> { row.iter().map(cell_text).collect() };
    let keys = header_keys();
    let (header_row, columns) = range
        .rows()
        .enumerate()
        .find_map(|(i, row)| header_columns(&keys, &text_row(row)).map(|cols| (i, cols)))
        .ok_or(XlsxReadError::HeaderNotFound)?;

    let mut decl = Declaration::default();
    for row in range.rows().take(header_row) {
        let row = text_row(row);
        for (i, cell) in row.iter().enumerate() {
            let compact = remove_spaces(cell);
            if compact.starts_with(label_key(RECOMMENDER_LABEL)) {
                if let Some(value) = after_colon(cell) {
                    let value = value.trim();
                    decl.recommender = if value.is_empty() {
                        next_value(&row[i + 1..]).unwrap_or_default().to_string()
                    } else {
                        value.to_string()
                    };
                }
            }
        }
    }

    let mut footer = [None::<String>, None, None, None];
    let mut in_footer = false;
    let mut project_rows = 0usize;
    for row in range.rows().skip(header_row + 1) {
        let row = text_row(row);
        let first = row.iter().map(|c| c.trim()).find(|c| !c.is_empty());
        let Some(first) = first else { continue };
        if !in_footer && (is_footer_text(first) || is_note(first)) {
            in_footer = true;
        }
        if in_footer {
            for (i, cell) in row.iter().enumerate() {
                if let Some(slot) = read_footer_cell(cell, &mut footer) {
                    // `日期:` alone in its cell: the value is in the next non-empty cell, up to any label there.
                    if let Some(value) = next_value(&row[i + 1..]) {
                        let value = before_labels(value);
                        if !value.is_empty() && !is_note(value) {
                            footer[slot] = Some(value.to_string());
                        }
                    }
                }
            }
            continue;
        }
        let project = read_project_row(&row, &columns, decl.rows.len() as u64 + 1);
        if !project.is_blank() {
            project_rows += 1;
            if project_rows <= limits::MAX_ROWS {
                decl.rows.push(project);
            }
        }
    }
    if project_rows > limits::MAX_ROWS {
        return Err(XlsxReadError::TooManyProjects { rows: project_rows, max: limits::MAX_ROWS });
    }
    for (item, value) in FOOTER.iter().zip(footer) {
        let value = value.unwrap_or_default();
        *decl.table_value_mut(item.field) = match item.field {
            TableField::FillDate => date_of(&value),
            _ => value,
        };
    }
    Ok(decl)
}

/// The text of a cell; whole numbers print without a decimal point.
fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => s.clone(),
        Data::Int(i) => i.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(d) => d.to_string(),
        Data::Error(e) => e.to_string(),
    }
}

fn remove_spaces(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The header's key: its text without spaces and line breaks, up to the first bracket.
fn header_key(text: &str) -> String {
    let compact = remove_spaces(text);
    match compact.find(['(', '（']) {
        Some(i) => compact[..i].to_string(),
        None => compact,
    }
}

/// Every header the reader knows by its [`header_key`] (each column's header and its other spellings), with what
/// its column holds.
fn header_keys() -> Vec<(String, Holds)> {
    COLUMNS
        .iter()
        .flat_map(|c| std::iter::once(c.header).chain(c.also.iter().copied()).map(|h| (header_key(h), c.holds)))
        .collect()
}

/// The column a header names, if any (`keys` from [`header_keys`]).
fn column_of(keys: &[(String, Holds)], header: &str) -> Option<Holds> {
    let key = header_key(header);
    keys.iter().find(|(k, _)| *k == key).map(|(_, holds)| *holds)
}

/// A label's key: its text up to a bracket or colon (`推荐单位(公章):` → `推荐单位`, `填报人:` → `填报人`).
fn label_key(label: &str) -> &str {
    label.split(['(', '（', ':', '：']).next().unwrap_or(label)
}

/// The columns of a header row, or `None` if the row is not the header (it must name 序号 and 申报单位名称).
fn header_columns(keys: &[(String, Holds)], row: &[String]) -> Option<Vec<Option<Holds>>> {
    let columns: Vec<Option<Holds>> = row.iter().map(|c| column_of(keys, c)).collect();
    let has = |col: Holds| columns.contains(&Some(col));
    (has(Holds::Serial) && has(Holds::Field(RowField::UnitName))).then_some(columns)
}

fn read_project_row(row: &[String], columns: &[Option<Holds>], id: u64) -> ProjectRow {
    let mut project = ProjectRow { id, ..Default::default() };
    for (text, column) in row.iter().zip(columns) {
        match column {
            None | Some(Holds::Serial) => {}
            Some(Holds::Leader) => {
                let (name, phone) = split_leader(text);
                project.leader_name = name;
                project.leader_phone = phone;
            }
            Some(Holds::Field(RowField::Industry)) => project.industry = industry_code(text),
            Some(Holds::Field(RowField::Ownership)) => {
                let (ownership, other) = split_ownership(text);
                project.ownership = ownership;
                project.ownership_other = other;
            }
            Some(Holds::Field(field)) => *project.get_mut(*field) = text.clone(),
        }
    }
    project
}

/// 大类 name → two-digit code; anything else stays as written.
fn industry_code(text: &str) -> String {
    let t = text.trim();
    INDUSTRIES.iter().find(|i| i.name == t).map_or_else(|| text.to_string(), |i| i.code.to_string())
}

/// `其他（xxx）` → (`其他（请注明）`, `xxx`); `其他` → (`其他（请注明）`, ``); anything else stays as written.
fn split_ownership(text: &str) -> (String, String) {
    let t = text.trim();
    if OWNERSHIPS.contains(&t) {
        return (t.to_string(), String::new());
    }
    if t == "其他" {
        return (OWNERSHIP_OTHER.to_string(), String::new());
    }
    for (open, close) in [("其他（", "）"), ("其他(", ")")] {
        if let Some(inner) = t.strip_prefix(open).and_then(|r| r.strip_suffix(close)) {
            return (OWNERSHIP_OTHER.to_string(), inner.trim().to_string());
        }
    }
    (text.to_string(), String::new())
}

/// `张三\n13800138000` → (`张三`, `13800138000`). Without a line break the text is split before its first digit
/// (`张三 13800138000`), and text without digits is all name.
fn split_leader(text: &str) -> (String, String) {
    let t = text.trim();
    if let Some((name, phone)) = t.split_once('\n') {
        return (name.trim().to_string(), phone.trim().to_string());
    }
    match t.find(|c: char| c.is_ascii_digit() || c == '+') {
        Some(i) => {
            let name = t[..i].trim_end_matches(|c: char| c.is_whitespace() || ",，:：;；/、".contains(c));
            (name.to_string(), t[i..].trim().to_string())
        }
        None => (t.to_string(), String::new()),
    }
}

/// The text before the first footer label in it, trimmed.
fn before_labels(text: &str) -> &str {
    let end = FOOTER.iter().filter_map(|item| text.find(label_key(item.label))).min().unwrap_or(text.len());
    text[..end].trim()
}

/// The first non-empty cell's text, trimmed.
fn next_value(cells: &[String]) -> Option<&str> {
    cells.iter().map(|c| c.trim()).find(|c| !c.is_empty())
}

/// The text after the first `:` or `：`.
fn after_colon(text: &str) -> Option<&str> {
    text.find([':', '：']).map(|i| {
        let colon_len = text[i..].chars().next().map_or(1, char::len_utf8);
        &text[i + colon_len..]
    })
}

fn is_footer_text(text: &str) -> bool {
    let compact = remove_spaces(text);
    FOOTER.iter().any(|item| compact.starts_with(label_key(item.label)))
}

/// `注:` / `注：` starts the notes (a unit name such as `注塑…` does not).
fn is_note(text: &str) -> bool {
    let compact = remove_spaces(text);
    compact.starts_with("注:") || compact.starts_with("注：")
}

/// Reads `label:value` pairs from one cell (several may share a cell: `填报人:李四 联系人电话:022…`). Returns the
/// slot of the cell's last label when its value is empty (the value may then be in the next cell).
fn read_footer_cell(cell: &str, footer: &mut [Option<String>; 4]) -> Option<usize> {
    // Find every label that is followed by a colon, in order of position.
    let mut marks: Vec<(usize, usize, usize)> = Vec::new(); // (label start, value start, slot)
    for (slot, item) in FOOTER.iter().enumerate() {
        let label = label_key(item.label);
        let mut from = 0;
        while let Some(pos) = cell[from..].find(label) {
            let start = from + pos;
            let rest = &cell[start + label.len()..];
            let after = rest.trim_start();
            let skipped = rest.len() - after.len();
            if let Some(c @ (':' | '：')) = after.chars().next() {
                marks.push((start, start + label.len() + skipped + c.len_utf8(), slot));
            }
            from = start + label.len();
        }
    }
    marks.sort_unstable();
    let mut empty_last = None;
    for (i, (_, value_start, slot)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(cell.len(), |next| next.0);
        let value = cell[*value_start..end].trim();
        if footer[*slot].is_none() || !value.is_empty() {
            footer[*slot] = Some(value.to_string());
        }
        empty_last = value.is_empty().then_some(*slot);
    }
    empty_last
}

/// `2021年4月9日`, `2021-4-9`, `2021/4/9` or `2021.4.9` → `2021-04-09` (a day that exists, in one of the forms of
/// [`typed_date`]); so is an Excel date ([`excel_day`]); anything else stays as written.
fn date_of(text: &str) -> String {
    let t = text.trim();
    match typed_date(t).filter(|&ymd| is_real_date(ymd)).or_else(|| excel_day(t)) {
        Some(ymd) => iso(ymd),
        None => t.to_string(),
    }
}
