//! The intake report and its application: what each chosen file brings (rows, units, what normalising changed,
//! rows skipped, findings, duplicates, a unit's revised file), and the table the user's choices make of it.
//!
//! Nothing here changes the table: [`plan`] reports, [`apply`] returns the new declaration for the caller to take.
//! Every row that enters passes the normalisers ([`normalized`]), and each change is listed in the report.
//! A file's 推荐单位 and footer become the table's own only when one file goes into an empty table, or when the
//! user picks that file's; merging never takes them silently.

use std::collections::HashMap;

use super::changes::describe;
use super::table::{Note, NoteKind, ReadTable};
use crate::core::check::normalize::{comparison_key, normalize_row_field, normalize_table_field, unit_key};
use crate::core::check::rules::check_row;
use crate::core::merge::kept_on_append;
use crate::core::model::{Declaration, ProjectRow, RowField, Source, TableField};
use crate::core::report::Severity;

/// One chosen file, as read: its rows (their values as in the file), or why it could not be read.
#[derive(Clone, Debug, PartialEq)]
pub struct Incoming {
    pub name: String,
    pub read: Result<Arrived, String>,
}

/// What a readable file holds.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Arrived {
    /// The rows, values as read (normalised by [`plan`]), each with its 1-based row in the file (0 when none).
    pub rows: Vec<(ProjectRow, u32)>,
    /// 推荐单位 and the footer as the file has them.
    pub table_fields: Vec<(TableField, String)>,
    /// What the reader noted, skipped and left out, in the report's words.
    pub notes: Vec<String>,
    /// How many rows the reader skipped (hidden, 合计, repeated headers).
    pub skipped: usize,
}

impl Arrived {
    /// What a table read from the spreadsheet, Word or text file `file` brings; each row knows where it came from.
    pub fn from_table(table: ReadTable, file: &str) -> Arrived {
        let rows = table.rows_with_source(file).into_iter().zip(table.rows.iter().map(|r| r.sheet_row)).collect();
        let mut notes: Vec<String> = table.notes.iter().map(note_words).collect();
        notes.extend(table.skipped.iter().map(|s| format!("第{}行：{}，未导入", s.sheet_row, s.reason.label())));
        notes.extend(table.extra_columns.iter().map(|c| {
            let header = if c.header.is_empty() { "无标题的" } else { c.header.as_str() };
            format!("“{header}”列（{} 个值）：申报表没有这一列，未导入", c.values)
        }));
        Arrived { rows, table_fields: table.table_fields, notes, skipped: table.skipped.len() }
    }

    /// What the draft file `file` brings: its rows and its table fields. A row the draft says was typed in the page
    /// came, for this table, from that file; a row the draft says came from elsewhere keeps that.
    pub fn from_draft(mut decl: Declaration, file: &str) -> Arrived {
        for (i, row) in decl.rows.iter_mut().enumerate() {
            if row.source.is_typed() {
                row.source = Source {
                    file: file.to_string(),
                    sheet: "草稿".into(),
                    row: i as u32 + 1,
                    number_code: String::new(),
                };
            }
        }
        let table_fields = TableField::ALL
            .iter()
            .map(|f| (*f, decl.table_value(*f).to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        Arrived { rows: decl.rows.into_iter().zip(1..).collect(), table_fields, notes: Vec::new(), skipped: 0 }
    }
}

/// A reader's note in the report's words.
fn note_words(note: &Note) -> String {
    let at = format!("第{}行 {}", note.sheet_row, note.field.label());
    match &note.kind {
        NoteKind::StoredAsNumber { text } => {
            format!("{at}：原文件把它存成了数字，第16位起的数字已丢失（读到的是 {text}），请按营业执照重新填写")
        }
        NoteKind::FilledFromMerged => format!("{at}：取自合并单元格"),
        NoteKind::Combined { headers } => format!("{at}：由“{}”几列合并", headers.join("”“")),
    }
}

/// A file's outcome, as the report's `data-status` says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    /// Every row it holds will be added.
    Ok,
    /// Some of its rows will not be added (duplicates), or the reader skipped some (hidden, 合计 …).
    Partial,
    /// It could not be read, or holds no project.
    Refused,
    /// Everything it holds is in the table or in an earlier chosen file already.
    Duplicate,
}

impl Status {
    /// The testing contract's value.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Partial => "partial",
            Status::Refused => "refused",
            Status::Duplicate => "duplicate",
        }
    }
}

/// A row of a file, normalised, and whether it repeats one already there.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRow {
    pub project: ProjectRow,
    /// 1-based row in the file.
    pub file_row: u32,
    /// Where the same unit and project already are (a sentence), when they are.
    pub duplicate_of: Option<String>,
    /// They are in the table (not only in an earlier chosen file): replacing the table takes the row after all.
    pub duplicate_in_table: bool,
}

/// The report's entry for one file.
#[derive(Clone, Debug, PartialEq)]
pub struct FileReport {
    pub name: String,
    /// Why it cannot be taken, when it cannot.
    pub refusal: Option<String>,
    pub rows: Vec<PlannedRow>,
    /// The units it holds, in order.
    pub units: Vec<String>,
    /// What normalising changed: `第4行 统一社会信用代码：全角转半角、去空格`.
    pub changes: Vec<String>,
    /// What the reader noted, skipped or left out.
    pub notes: Vec<String>,
    /// How many rows the reader skipped.
    pub skipped: usize,
    /// Errors and warnings in its rows (each row judged on its own).
    pub errors: usize,
    pub warnings: usize,
    /// Its 推荐单位 and footer, normalised (shown; taken only as [`plan`]'s doc says).
    pub table_fields: Vec<(TableField, String)>,
    /// Units already in the table whose rows this file brings again with different content (a revised file):
    /// their names, shown in the report.
    pub revises: Vec<String>,
    /// The same units' keys (credit code, else name).
    revised_keys: Vec<String>,
}

impl FileReport {
    /// How many rows it adds: all but the duplicates, unless they are kept.
    pub fn adds(&self, keep_duplicates: bool) -> usize {
        self.rows.iter().filter(|r| keep_duplicates || r.duplicate_of.is_none()).count()
    }

    pub fn status(&self) -> Status {
        if self.refusal.is_some() {
            Status::Refused
        } else if self.rows.iter().all(|r| r.duplicate_of.is_some()) {
            Status::Duplicate
        } else if self.rows.iter().any(|r| r.duplicate_of.is_some()) || self.skipped > 0 {
            Status::Partial
        } else {
            Status::Ok
        }
    }
}

/// The report on `incoming` (in the order chosen) against the table `current`.
pub fn plan(current: &Declaration, incoming: Vec<Incoming>) -> Vec<FileReport> {
    let mut seen = Seen::of(current);
    incoming.into_iter().map(|file| report(file, &mut seen)).collect()
}

/// The unit and project keys already in the table or in earlier files, and where each came from. Every map is
/// keyed by text to an index (one map type for all: each other type would cost the page's wasm its own copy).
#[derive(Default)]
struct Seen {
    /// [`project_key`] → index into `places`.
    projects: HashMap<String, usize>,
    /// Where each project is, in words, and whether that is the table.
    places: Vec<(String, bool)>,
    /// The current table's units: [`unit_key`] → index into `unit_names`.
    units: HashMap<String, usize>,
    unit_names: Vec<String>,
    /// Every row's content seen so far ([`row_key`]).
    rows: HashMap<String, usize>,
}

/// A row's content, normalised, without its id and source: two rows with the same key are the same row.
fn row_key(row: &ProjectRow) -> String {
    RowField::ALL.iter().map(|f| comparison_key(row.get(*f))).collect::<Vec<_>>().join("\u{1f}")
}

impl Seen {
    fn of(current: &Declaration) -> Seen {
        let mut seen = Seen::default();
        for (i, row) in current.rows.iter().enumerate() {
            let row = normalized(row).0;
            seen.remember(&row, format!("表格第{}个项目", i + 1), true);
            if !row.unit_name.is_empty() || !row.credit_code.is_empty() {
                let next = seen.unit_names.len();
                if *seen.units.entry(unit_key(&row)).or_insert(next) == next {
                    seen.unit_names.push(row.unit_name.clone());
                }
            }
        }
        seen
    }

    fn remember(&mut self, row: &ProjectRow, place: String, in_table: bool) {
        if let Some(key) = project_key(row) {
            let next = self.places.len();
            if *self.projects.entry(key).or_insert(next) == next {
                self.places.push((place, in_table));
            }
        }
        self.rows.insert(row_key(row), 0);
    }

    /// Where the row's unit and project already are, and whether that is the table.
    fn duplicate_of(&self, row: &ProjectRow) -> Option<(String, bool)> {
        self.projects.get(&project_key(row)?).map(|&i| self.places[i].clone())
    }

    /// The name of the table's unit `key`, when the table has it.
    fn unit_name(&self, key: &str) -> Option<&String> {
        self.units.get(key).map(|&i| &self.unit_names[i])
    }
}

/// A project: its unit and its name; `None` for a row without a project name.
fn project_key(row: &ProjectRow) -> Option<String> {
    let name = comparison_key(&row.project_name);
    (!name.is_empty()).then(|| format!("{}\u{1f}{name}", unit_key(row)))
}

fn report(file: Incoming, seen: &mut Seen) -> FileReport {
    let mut out = FileReport {
        name: file.name.clone(),
        refusal: None,
        rows: Vec::new(),
        units: Vec::new(),
        changes: Vec::new(),
        notes: Vec::new(),
        skipped: 0,
        errors: 0,
        warnings: 0,
        table_fields: Vec::new(),
        revises: Vec::new(),
        revised_keys: Vec::new(),
    };
    let arrived = match file.read {
        Ok(arrived) if arrived.rows.is_empty() => {
            out.refusal = Some("文件中有申报表，但没有项目".into());
            return out;
        }
        Ok(arrived) => arrived,
        Err(why) => {
            out.refusal = Some(why);
            return out;
        }
    };
    out.notes = arrived.notes;
    out.skipped = arrived.skipped;
    out.table_fields = arrived
        .table_fields
        .iter()
        .map(|(f, v)| (*f, normalize_table_field(*f, v)))
        .filter(|(_, v)| !v.is_empty())
        .collect();
    let mut places = Vec::new();
    for (raw, file_row) in arrived.rows {
        let (project, changed) = normalized(&raw);
        let at = if file_row > 0 { format!("第{file_row}行") } else { String::new() };
        out.changes.extend(changed.into_iter().map(|(field, what)| format!("{at} {}：{what}", field.label())));
        for finding in check_row(0, &project) {
            match finding.severity {
                Severity::Error => out.errors += 1,
                Severity::Warning => out.warnings += 1,
            }
        }
        let name = project.unit_name.clone();
        if !name.is_empty() && !out.units.contains(&name) {
            out.units.push(name);
        }
        if !seen.rows.contains_key(&row_key(&project)) {
            let unit = unit_key(&project);
            if let Some(unit_name) = seen.unit_name(&unit) {
                if !out.revised_keys.contains(&unit) {
                    out.revises.push(unit_name.clone());
                    out.revised_keys.push(unit);
                }
            }
        }
        let (duplicate_of, duplicate_in_table) = match seen.duplicate_of(&project) {
            Some((place, in_table)) => (Some(place), in_table),
            None => (None, false),
        };
        places.push((project.clone(), format!("文件“{}”{at}", file.name)));
        out.rows.push(PlannedRow { project, file_row, duplicate_of, duplicate_in_table });
    }
    for (project, place) in places {
        seen.remember(&project, place, false);
    }
    out
}

/// A row with every field normalised (id and everything else kept), and what changed in which field.
pub fn normalized(row: &ProjectRow) -> (ProjectRow, Vec<(RowField, String)>) {
    let mut out = row.clone();
    let mut changed = Vec::new();
    for field in RowField::ALL {
        let before = row.get(field);
        let after = normalize_row_field(field, before);
        if let Some(what) = describe(before, &after) {
            changed.push((field, what));
        }
        *out.get_mut(field) = after;
    }
    (out, changed)
}

/// How the chosen files enter the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Apply {
    /// Their rows after the table's (a lone blank starting row gives way).
    Append,
    /// Their rows instead of the table's.
    Replace,
}

/// What the user decided in the report.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    /// Take rows that repeat a unit and project already there.
    pub keep_duplicates: bool,
    /// Remove the table's rows of the units a file revises before adding the file's.
    pub replace_revised: bool,
    /// The file (its index in the report) whose 推荐单位 and footer become the table's. Replacing the table by one
    /// file takes that file's when none is picked.
    pub table_fields_from: Option<usize>,
}

/// The file whose 推荐单位 and footer the table takes unasked: the only readable one, when it goes into an empty table
/// (`current`) or replaces the table ([`apply`]). Merging never takes one unasked.
pub fn default_table_fields_from(current: TableNow, reports: &[FileReport]) -> Option<usize> {
    match current {
        TableNow::Empty => only_readable(reports),
        TableNow::WithContent => None,
    }
}

/// Whether the table has content (any table field or any non-blank row).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableNow {
    Empty,
    WithContent,
}

impl TableNow {
    pub fn of(current: &Declaration) -> TableNow {
        if current.is_empty() {
            TableNow::Empty
        } else {
            TableNow::WithContent
        }
    }
}

/// The one readable file among those chosen, when there is exactly one.
fn only_readable(reports: &[FileReport]) -> Option<usize> {
    let mut readable = (0..reports.len()).filter(|&i| reports[i].refusal.is_none());
    match (readable.next(), readable.next()) {
        (Some(only), None) => Some(only),
        _ => None,
    }
}

/// The table that applying `reports` to `current` makes. Row ids continue after the table's.
pub fn apply(current: &Declaration, reports: &[FileReport], how: Apply, choices: Choices) -> Declaration {
    // A few units at most: a list, not a set.
    let revised: Vec<&str> = match (how, choices.replace_revised) {
        (Apply::Append, true) => reports.iter().flat_map(|r| r.revised_keys.iter().map(String::as_str)).collect(),
        _ => Vec::new(),
    };
    let mut out = current.clone();
    match how {
        Apply::Replace => out.rows.clear(),
        Apply::Append => {
            out.rows.truncate(kept_on_append(&out.rows, ProjectRow::is_blank));
            out.rows.retain(|row| !revised.contains(&unit_key(row).as_str()));
        }
    }
    let mut next_id = current.next_row_id();
    for report in reports.iter().filter(|r| r.refusal.is_none()) {
        let taken = report.rows.iter().filter(|r| {
            choices.keep_duplicates
                || r.duplicate_of.is_none()
                || (how == Apply::Replace && r.duplicate_in_table)
                || revised.contains(&unit_key(&r.project).as_str())
        });
        for row in taken {
            let mut project = row.project.clone();
            project.id = next_id;
            next_id += 1;
            out.rows.push(project);
        }
    }
    // Replacing the table by one file makes the table that file's, 推荐单位 and footer too (unless another was picked).
    let fields_from = match how {
        Apply::Replace => choices.table_fields_from.or_else(|| only_readable(reports)),
        Apply::Append => choices.table_fields_from,
    };
    if let Some(report) = fields_from.and_then(|i| reports.get(i)) {
        for (field, value) in &report.table_fields {
            *out.table_value_mut(*field) = value.clone();
        }
    }
    out
}
