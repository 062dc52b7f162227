//! Finds the official table in a workbook however it was typed, and reads its projects, recommender and footer.
//!
//! People type the 附表 in many ways; what this reader takes ([`read_book`]):
//! - the header row anywhere in a sheet's first rows, on any sheet (the first sheet that has one is read); header
//!   texts with or without brackets and line breaks (`统一社会信用代码（18位）`), common other names (`企业名称`,
//!   `所属区域`…), the `序号` column missing, extra columns (kept out, and listed with how many values they hold);
//! - split columns: `项目负责人` / `联系电话` / `手机` / `邮箱` beside or instead of the official
//!   `项目及负责人及联系方式`; a two-row header (`姓名` / `联系电话` under a merged `项目负责人及联系方式`);
//! - a unit's name and credit code merged over several project rows: filled down, and noted;
//! - blank rows skipped; hidden rows, 合计/小计 rows and repeated header rows skipped and listed with the reason;
//! - numbers where text belongs: a phone stored as a number becomes its digits; a credit code stored as a number
//!   is noted ([`NoteKind::StoredAsNumber`]): Excel keeps 15 digits, so such a code has lost its last ones;
//! - `推荐单位` above the table, the footer (`推荐部门负责人`, `填报人`, `联系人电话`, `日期`) below it, each value
//!   in its label's cell or the next non-empty cell.
//!
//! [`ReadTable::rows_with_source`] gives the rows with where each came from (file, sheet, row, a code stored as a
//! number).

use calamine::{Data, Range};

use crate::core::check::dates::{date_in_cell, excel_day, iso};
use crate::core::limits;
use crate::core::model::{Declaration, ProjectRow, RowField, Source, TableField};
use crate::core::picklists::{INDUSTRIES, OWNERSHIPS, OWNERSHIP_OTHER};
use crate::core::xlsx::layout::{Holds, COLUMNS, FOOTER, RECOMMENDER_LABEL};

/// A rectangle of merged cells (0-based, inclusive), as a spreadsheet's `mergeCells` or a Word table's
/// `gridSpan`/`vMerge` give it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Span {
    pub first_row: u32,
    pub first_col: u32,
    pub last_row: u32,
    pub last_col: u32,
}

/// One sheet as a reader gives it: its cells, merged areas and hidden rows (0-based sheet positions).
#[derive(Clone, Debug, Default)]
pub struct Sheet {
    pub name: String,
    pub cells: Range<Data>,
    pub merges: Vec<Span>,
    pub hidden_rows: Vec<u32>,
}

/// Why a workbook holds no table to take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TableError {
    #[error("未找到申报表的表头（申报单位名称、统一社会信用代码、项目名称……），该文件可能不是本申报表")]
    NotThisTable,
    #[error("文件中有申报表的表头，但表中没有项目（第 {header_row} 行是表头，其下没有填写内容）")]
    NoProjects { header_row: u32 },
    #[error(
        "无法导入：表格中有 {rows} 个项目，超过了本工具一次最多能导入的 {max} 个项目。请把表格拆成几个文件，\
         每个不超过 {max} 个项目，再分别导入"
    )]
    TooManyProjects { rows: usize, max: usize },
}

/// What a column holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Column {
    Serial,
    Field(RowField),
    /// 项目及负责人及联系方式: the leader's name and phone in one cell.
    Leader,
}

/// A project row read from the sheet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadRow {
    /// The sheet row it came from, 1-based as a spreadsheet shows it.
    pub sheet_row: u32,
    pub project: ProjectRow,
}

/// Something the reader did or found in one row, for the intake report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Note {
    /// 1-based sheet row.
    pub sheet_row: u32,
    pub field: RowField,
    pub kind: NoteKind,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteKind {
    /// The value was stored as a number; `text` is what was read.
    StoredAsNumber { text: String },
    /// The value was taken from a cell merged over several rows.
    FilledFromMerged,
    /// Several columns were combined into this field (e.g. 联系电话 and 手机).
    Combined { headers: Vec<String> },
}

/// A row that looked like data but was not taken, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub sheet_row: u32,
    pub reason: SkipReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SkipReason {
    /// A hidden row (often a withdrawn project).
    Hidden,
    /// A 合计/小计/总计 row.
    Total,
    /// The header again (a table printed over several pages).
    RepeatedHeader,
}

impl SkipReason {
    /// The reason in the intake report's words.
    pub fn label(self) -> &'static str {
        match self {
            SkipReason::Hidden => "隐藏行",
            SkipReason::Total => "合计行",
            SkipReason::RepeatedHeader => "重复的表头",
        }
    }
}

/// A column the table has no place for, kept out of the table and listed in the report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExtraColumn {
    pub header: String,
    /// How many project rows have a value in it.
    pub values: usize,
}

/// Everything read from the table's sheet.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ReadTable {
    pub sheet: String,
    /// The first text above the header outside the 推荐单位 line (the table's title, e.g.
    /// `2020年天津市质量攻关重点项目申报表`), or empty.
    pub title: String,
    /// 1-based row of the header (its last row, for a two-row header).
    pub header_row: u32,
    pub rows: Vec<ReadRow>,
    /// Values of the once-per-table fields found beside their labels (推荐单位 and the footer).
    pub table_fields: Vec<(TableField, String)>,
    pub notes: Vec<Note>,
    pub skipped: Vec<Skipped>,
    pub extra_columns: Vec<ExtraColumn>,
}

impl ReadTable {
    /// The table as a declaration: rows with ids 1, 2, 3 …, the values beside the labels in the table fields, a
    /// date in the footer as `YYYY-MM-DD` when it is one. Nothing else is changed (normalising is the caller's).
    pub fn into_declaration(self) -> Declaration {
        let mut decl = Declaration { rows: self.rows.into_iter().map(|r| r.project).collect(), ..Default::default() };
        for (field, value) in self.table_fields {
            *decl.table_value_mut(field) = match field {
                TableField::FillDate => date_in_cell(&value),
                _ => value,
            };
        }
        decl
    }

    /// The rows, each with where it came from ([`Source`]): `file` (the name the user chose), this table's sheet,
    /// the row's sheet row, and the credit code as read when a [`NoteKind::StoredAsNumber`] note says Excel had
    /// stored it as a number. Values and ids as read; the table itself is kept for its report.
    pub fn rows_with_source(&self, file: &str) -> Vec<ProjectRow> {
        // The notes are in row order, as the rows are (both are written top to bottom): one walk pairs them.
        let mut number_codes = self
            .notes
            .iter()
            .filter(|note| note.field == RowField::CreditCode)
            .filter_map(|note| match &note.kind {
                NoteKind::StoredAsNumber { text } => Some((note.sheet_row, text.as_str())),
                _ => None,
            })
            .peekable();
        let mut number_code = |sheet_row: u32| {
            while number_codes.next_if(|(row, _)| *row < sheet_row).is_some() {}
            number_codes.next_if(|(row, _)| *row == sheet_row).map_or_else(String::new, |(_, text)| text.to_string())
        };
        let mut source_of = |sheet_row: u32| Source {
            file: file.to_string(),
            sheet: self.sheet.clone(),
            row: sheet_row,
            number_code: number_code(sheet_row),
        };
        self.rows.iter().map(|r| ProjectRow { source: source_of(r.sheet_row), ..r.project.clone() }).collect()
    }
}

/// Reads the official table from the first of `sheets` that has its header.
pub fn read_book(sheets: &[Sheet]) -> Result<ReadTable, TableError> {
    let (sheet, grid, header) = sheets
        .iter()
        .find_map(|sheet| {
            let grid = Grid::new(sheet);
            find_header(&grid).map(|header| (sheet, grid, header))
        })
        .ok_or(TableError::NotThisTable)?;
    let mut table =
        ReadTable { sheet: sheet.name.clone(), header_row: header.last_row as u32 + 1, ..Default::default() };
    read_recommender(&grid, header.first_row, &mut table);
    table.title = read_title(&grid, header.first_row);
    let end = read_rows(&grid, &header, &mut table)?;
    read_footer(&grid, end, &mut table);
    if table.rows.is_empty() {
        return Err(TableError::NoProjects { header_row: table.header_row });
    }
    Ok(table)
}

// ---- The sheet as a grid of texts ----

/// A cell's text, and whether it was stored as a number.
#[derive(Clone, Debug, Default)]
struct Cell {
    text: String,
    number: bool,
    /// The cell's value came from the first cell of a merged area above it.
    merged_down: bool,
}

/// The sheet's cells as texts at their sheet positions, merged areas filled from their first cell.
struct Grid {
    rows: Vec<Vec<Cell>>,
    hidden: Vec<bool>,
}

impl Grid {
    fn new(sheet: &Sheet) -> Grid {
        let (top, left) = sheet.cells.start().unwrap_or((0, 0));
        let height = sheet.cells.height() + top as usize;
        let mut rows: Vec<Vec<Cell>> = (0..height).map(|_| Vec::new()).collect();
        for (r, row) in sheet.cells.rows().enumerate() {
            let out = &mut rows[top as usize + r];
            for (c, data) in row.iter().enumerate() {
                let cell = cell_of(data);
                if !cell.text.is_empty() {
                    let col = left as usize + c;
                    if out.len() <= col {
                        out.resize(col + 1, Cell::default());
                    }
                    out[col] = cell;
                }
            }
        }
        let mut hidden = vec![false; height];
        for &r in &sheet.hidden_rows {
            if let Some(h) = hidden.get_mut(r as usize) {
                *h = true;
            }
        }
        let mut grid = Grid { rows, hidden };
        for span in &sheet.merges {
            grid.fill(span);
        }
        grid
    }

    /// Copies a merged area's first cell into the rest of it (rows past the sheet's end are not made).
    fn fill(&mut self, span: &Span) {
        let Some(first) = self.cell(span.first_row as usize, span.first_col as usize).cloned() else { return };
        if first.text.is_empty() {
            return;
        }
        let last_row = (span.last_row as usize).min(self.rows.len().saturating_sub(1));
        // A crafted span must not make the grid huge: only columns a header can name are filled.
        let last_col = (span.last_col as usize).min(span.first_col as usize + 64);
        for r in span.first_row as usize..=last_row {
            for c in span.first_col as usize..=last_col {
                if (r, c) == (span.first_row as usize, span.first_col as usize) {
                    continue;
                }
                let row = &mut self.rows[r];
                if row.len() <= c {
                    row.resize(c + 1, Cell::default());
                }
                row[c] = Cell { merged_down: r > span.first_row as usize, ..first.clone() };
            }
        }
    }

    fn cell(&self, r: usize, c: usize) -> Option<&Cell> {
        self.rows.get(r)?.get(c)
    }

    fn text(&self, r: usize, c: usize) -> &str {
        self.cell(r, c).map_or("", |cell| cell.text.as_str())
    }

    fn texts(&self, r: usize) -> Vec<&str> {
        self.rows.get(r).map_or_else(Vec::new, |row| row.iter().map(|c| c.text.as_str()).collect())
    }
}

/// A cell's text; whole numbers print without a decimal point (a credit code Excel stored as a number prints all
/// the digits the number still holds).
fn cell_of(data: &Data) -> Cell {
    let (text, number) = match data {
        Data::Empty => (String::new(), false),
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => (s.trim().to_string(), false),
        Data::Int(i) => (i.to_string(), true),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => (format!("{f:.0}"), true),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e21 => (excel_digits(*f), true),
        Data::Float(f) => (f.to_string(), true),
        Data::Bool(b) => (b.to_string(), false),
        Data::DateTime(d) => (d.as_f64().to_string(), true),
        Data::Error(e) => (e.to_string(), false),
    };
    Cell { text, number, merged_down: false }
}

/// A whole number of 16 to 21 digits as Excel shows it: its first 15 significant digits, then zeros
/// (`911201151318609200` → `911201151318609000`). Excel keeps no more, so the rest were lost when it was stored.
fn excel_digits(f: f64) -> String {
    let scientific = format!("{:.14e}", f.abs());
    let Some((mantissa, exponent)) = scientific.split_once('e') else { return format!("{f:.0}") };
    let Ok(exponent) = exponent.parse::<usize>() else { return format!("{f:.0}") };
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let sign = if f < 0.0 { "-" } else { "" };
    format!("{sign}{digits:0<width$}", width = exponent + 1)
}

// ---- The header ----

/// How far down a sheet the header is looked for.
const HEADER_SEARCH_ROWS: usize = 60;

/// Where the header is and what each column holds.
struct Header {
    first_row: usize,
    last_row: usize,
    columns: Vec<Option<Column>>,
    /// The header text of each column (the sub-header's for a two-row header), for the report.
    titles: Vec<String>,
}

fn find_header(grid: &Grid) -> Option<Header> {
    let rows = grid.rows.len().min(HEADER_SEARCH_ROWS);
    let first_row = (0..rows).find(|&r| is_header(&columns_of(&grid.texts(r))))?;
    let texts = grid.texts(first_row);
    let mut columns = columns_of(&texts);
    let mut titles: Vec<String> = texts.iter().map(|t| compact(t)).collect();
    let last_row = match sub_header(grid, first_row + 1, &columns) {
        Some(sub) => {
            let width = sub.len().max(columns.len());
            columns.resize(width, None);
            titles.resize(width, String::new());
            for (c, column) in sub.into_iter().enumerate() {
                if let Some(column) = column {
                    columns[c] = Some(column);
                    titles[c] = compact(grid.text(first_row + 1, c));
                }
            }
            first_row + 1
        }
        None => first_row,
    };
    Some(Header { first_row, last_row, columns, titles })
}

fn columns_of(texts: &[&str]) -> Vec<Option<Column>> {
    texts.iter().map(|t| column_of(t)).collect()
}

/// A header names at least three of the table's columns, one of them the unit or the project.
fn is_header(columns: &[Option<Column>]) -> bool {
    let mut named: Vec<Column> = columns.iter().flatten().copied().collect();
    named.sort_unstable();
    named.dedup();
    let has = |field| named.contains(&Column::Field(field));
    named.len() >= 3 && (has(RowField::UnitName) || has(RowField::ProjectName))
}

/// The second row of a two-row header: names (姓名, 电话…) under columns the first row gave to the leader, or left
/// unnamed. `None` when the row holds data instead (a unit's name under 申报单位名称, say).
fn sub_header(grid: &Grid, r: usize, columns: &[Option<Column>]) -> Option<Vec<Option<Column>>> {
    let texts = grid.texts(r);
    let mut sub = vec![None; texts.len()];
    let mut found = false;
    for (c, text) in texts.iter().enumerate() {
        // Empty, or the header above merged down over this row.
        if text.is_empty() || grid.cell(r, c).is_some_and(|cell| cell.merged_down) {
            continue;
        }
        let above = columns.get(c).copied().flatten();
        match (above, sub_column_of(text)) {
            (None | Some(Column::Leader), Some(column)) => {
                sub[c] = Some(column);
                found = true;
            }
            // A value under a column the first row named: a data row.
            _ => return None,
        }
    }
    found.then_some(sub)
}

/// A sub-header's column (under 项目负责人及联系方式 and similar): 姓名, or a phone or e-mail column.
fn sub_column_of(text: &str) -> Option<Column> {
    if header_key(text) == "姓名" {
        return Some(Column::Field(RowField::LeaderName));
    }
    column_of(text)
        .filter(|c| matches!(c, Column::Field(RowField::LeaderName | RowField::LeaderPhone | RowField::Email)))
}

/// A header text without spaces, line breaks, colons and bracketed parts: `统一社会信用代码（18位）` →
/// `统一社会信用代码`, `企业（单位）名称` → `企业名称`.
fn header_key(text: &str) -> String {
    let mut out = String::new();
    let mut depth = 0usize;
    for c in text.chars() {
        match c {
            '(' | '（' | '[' | '【' => depth += 1,
            ')' | '）' | ']' | '】' => depth = depth.saturating_sub(1),
            _ if depth > 0 || c.is_whitespace() || c == ':' || c == '：' || c == '*' => {}
            _ => out.push(c),
        }
    }
    out
}

/// The column a header names: one of the official [`COLUMNS`] (by its header or another spelling), or one of the
/// columns people split the leader's cell into ([`SPLIT_COLUMNS`]).
fn column_of(header: &str) -> Option<Column> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    let official =
        COLUMNS.iter().find(|c| std::iter::once(c.header).chain(c.also.iter().copied()).any(|h| header_key(h) == key));
    if let Some(column) = official {
        return Some(match column.holds {
            Holds::Serial => Column::Serial,
            Holds::Field(field) => Column::Field(field),
            Holds::Leader => Column::Leader,
        });
    }
    SPLIT_COLUMNS.iter().find(|(names, _)| names.contains(&key.as_str())).map(|(_, field)| Column::Field(*field))
}

/// Columns that tables typed in Excel have instead of the official 项目及负责人及联系方式 (and a second e-mail
/// column's spellings), by their [`header_key`].
const SPLIT_COLUMNS: [(&[&str], RowField); 2] = [
    (&["项目负责人", "负责人", "负责人姓名", "项目负责人姓名"], RowField::LeaderName),
    (
        &[
            "联系电话",
            "负责人电话",
            "负责人联系电话",
            "负责人联系方式",
            "电话",
            "手机",
            "手机号",
            "手机号码",
            "联系方式",
            "办公电话",
            "固定电话",
        ],
        RowField::LeaderPhone,
    ),
];

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

// ---- Above and below the table ----

/// `推荐单位` above the header: its value in its cell after the colon, or the next non-empty cell.
fn read_recommender(grid: &Grid, header_row: usize, table: &mut ReadTable) {
    for r in 0..header_row {
        let texts = grid.texts(r);
        for (c, text) in texts.iter().enumerate() {
            if !compact(text).starts_with(label_key(RECOMMENDER_LABEL)) {
                continue;
            }
            let value = match after_colon(text).map(str::trim) {
                Some(v) if !v.is_empty() => v.to_string(),
                _ => next_value(&texts[c + 1..]).unwrap_or_default().to_string(),
            };
            if !value.is_empty() {
                table.table_fields.push((TableField::Recommender, value));
                return;
            }
        }
    }
}

/// The first text above the header on a line without the 推荐单位 label: the table's title.
fn read_title(grid: &Grid, header_row: usize) -> String {
    (0..header_row)
        .map(|r| grid.texts(r))
        .filter(|texts| !texts.iter().any(|t| compact(t).starts_with(label_key(RECOMMENDER_LABEL))))
        .find_map(|texts| next_value(&texts).map(str::to_string))
        .unwrap_or_default()
}

/// A footer value as the cell means it: a date cell (Excel keeps a day number, e.g. `44296`) as `YYYY-MM-DD`; any
/// other value as read.
fn footer_value(field: TableField, value: String) -> String {
    match (field, excel_day(&value)) {
        (TableField::FillDate, Some(ymd)) => iso(ymd),
        _ => value,
    }
}

/// The footer below the table, from row `from` on.
fn read_footer(grid: &Grid, from: usize, table: &mut ReadTable) {
    let mut found: [Option<String>; 4] = Default::default();
    for r in from..grid.rows.len() {
        let texts = grid.texts(r);
        for (c, text) in texts.iter().enumerate() {
            if let Some(slot) = read_footer_cell(text, &mut found) {
                // `日期:` alone in its cell: the value is in the next non-empty cell, up to any label there.
                if let Some(value) = next_value(&texts[c + 1..]).map(before_labels) {
                    if !value.is_empty() && !is_note(value) {
                        found[slot] = Some(value.to_string());
                    }
                }
            }
        }
    }
    for (item, value) in FOOTER.iter().zip(found) {
        if let Some(value) = value.filter(|v| !v.is_empty()) {
            table.table_fields.push((item.field, footer_value(item.field, value)));
        }
    }
}

/// Reads `label:value` pairs from one cell (several may share it: `填报人:李四 联系人电话:022…`). Returns the slot
/// of the cell's last label when its value is empty (the value may then be in the next cell).
fn read_footer_cell(cell: &str, found: &mut [Option<String>; 4]) -> Option<usize> {
    let mut marks: Vec<(usize, usize, usize)> = Vec::new(); // (label start, value start, slot)
    for (slot, item) in FOOTER.iter().enumerate() {
        let label = label_key(item.label);
        let mut from = 0;
        while let Some(pos) = cell[from..].find(label) {
            let start = from + pos;
            let rest = &cell[start + label.len()..];
            let after = rest.trim_start();
            if let Some(c @ (':' | '：')) = after.chars().next() {
                marks.push((start, start + label.len() + (rest.len() - after.len()) + c.len_utf8(), slot));
            }
            from = start + label.len();
        }
    }
    marks.sort_unstable();
    let mut empty_last = None;
    for (i, &(_, value_start, slot)) in marks.iter().enumerate() {
        let end = marks.get(i + 1).map_or(cell.len(), |next| next.0);
        let value = cell[value_start..end].trim();
        if found[slot].is_none() || !value.is_empty() {
            found[slot] = Some(value.to_string());
        }
        empty_last = value.is_empty().then_some(slot);
    }
    empty_last
}

fn is_footer_text(text: &str) -> bool {
    let compact = compact(text);
    FOOTER.iter().any(|item| compact.starts_with(label_key(item.label)))
}

/// A label's key: its text up to a bracket or colon (`推荐单位(公章):` → `推荐单位`, `填报人:` → `填报人`).
fn label_key(label: &str) -> &str {
    label.split(['(', '（', ':', '：']).next().unwrap_or(label)
}

/// The text before the first footer label in it, trimmed.
fn before_labels(text: &str) -> &str {
    let end = FOOTER.iter().filter_map(|item| text.find(label_key(item.label))).min().unwrap_or(text.len());
    text[..end].trim()
}

/// `注:` / `注：` starts the notes (a unit name such as `注塑…` does not).
fn is_note(text: &str) -> bool {
    let compact = compact(text);
    compact.starts_with("注:") || compact.starts_with("注：")
}

fn next_value<'a>(cells: &[&'a str]) -> Option<&'a str> {
    cells.iter().map(|c| c.trim()).find(|c| !c.is_empty())
}

fn after_colon(text: &str) -> Option<&str> {
    text.find([':', '：']).map(|i| &text[i + text[i..].chars().next().map_or(1, char::len_utf8)..])
}

// ---- The project rows ----

/// What a row below the header is.
enum RowKind {
    Blank,
    Skip(SkipReason),
    /// The notes or the footer: the table has ended.
    End,
    Project,
}

fn kind_of(grid: &Grid, r: usize, header: &Header) -> RowKind {
    let texts = grid.texts(r);
    let values: Vec<&str> = texts
        .iter()
        .zip(header.columns.iter().map(Some).chain(std::iter::repeat(None)))
        .filter(|(t, column)| !t.is_empty() && !matches!(column, Some(Some(Column::Serial))))
        .map(|(t, _)| *t)
        .collect();
    if texts.iter().any(|t| is_note(t) || is_footer_text(t)) {
        return RowKind::End;
    }
    if values.is_empty() {
        return RowKind::Blank;
    }
    if grid.hidden.get(r).copied().unwrap_or(false) {
        return RowKind::Skip(SkipReason::Hidden);
    }
    if texts.iter().any(|t| is_total(t)) {
        return RowKind::Skip(SkipReason::Total);
    }
    if is_header(&columns_of(&texts)) {
        return RowKind::Skip(SkipReason::RepeatedHeader);
    }
    RowKind::Project
}

/// `合计`, `小计：3项`, `总计` …
fn is_total(text: &str) -> bool {
    let compact = compact(text);
    ["合计", "小计", "总计", "共计"].iter().any(|word| {
        compact.strip_prefix(word).is_some_and(|rest| {
            rest.is_empty() || rest.starts_with([':', '：']) || rest.chars().next().is_some_and(|c| c.is_ascii_digit())
        })
    })
}

/// Reads the project rows below the header; returns the row where the table ended.
fn read_rows(grid: &Grid, header: &Header, table: &mut ReadTable) -> Result<usize, TableError> {
    let mut extra: Vec<usize> = vec![0; header.columns.len()];
    let mut projects = 0usize;
    let mut r = header.last_row + 1;
    while r < grid.rows.len() {
        match kind_of(grid, r, header) {
            RowKind::Blank => {}
            RowKind::End => break,
            RowKind::Skip(reason) => table.skipped.push(Skipped { sheet_row: r as u32 + 1, reason }),
            RowKind::Project => {
                projects += 1;
                if projects > limits::MAX_ROWS {
                    return Err(TableError::TooManyProjects {
                        rows: count_projects(grid, header),
                        max: limits::MAX_ROWS,
                    });
                }
                let id = table.rows.len() as u64 + 1;
                let project = read_project(grid, r, header, id, &mut table.notes);
                for (c, count) in extra.iter_mut().enumerate() {
                    if header.columns[c].is_none() && !grid.text(r, c).is_empty() {
                        *count += 1;
                    }
                }
                table.rows.push(ReadRow { sheet_row: r as u32 + 1, project });
            }
        }
        r += 1;
    }
    table.extra_columns = extra
        .into_iter()
        .enumerate()
        .filter(|&(c, values)| values > 0 || !header.titles[c].is_empty())
        .filter(|&(c, _)| header.columns[c].is_none())
        .map(|(c, values)| ExtraColumn { header: header.titles[c].clone(), values })
        .collect();
    Ok(r)
}

/// The number of project rows (for the message refusing too many).
fn count_projects(grid: &Grid, header: &Header) -> usize {
    (header.last_row + 1..grid.rows.len())
        .map(|r| kind_of(grid, r, header))
        .take_while(|kind| !matches!(kind, RowKind::End))
        .filter(|kind| matches!(kind, RowKind::Project))
        .count()
}

fn read_project(grid: &Grid, r: usize, header: &Header, id: u64, notes: &mut Vec<Note>) -> ProjectRow {
    let sheet_row = r as u32 + 1;
    let mut project = ProjectRow { id, ..Default::default() };
    let mut sources: Vec<(RowField, String)> = Vec::new();
    for (c, column) in header.columns.iter().enumerate() {
        let Some(cell) = grid.cell(r, c).filter(|cell| !cell.text.is_empty()) else { continue };
        let Some(column) = column else { continue };
        let fields: &[RowField] = match column {
            Column::Serial => continue,
            Column::Leader => &[RowField::LeaderName, RowField::LeaderPhone],
            Column::Field(field) => std::slice::from_ref(field),
        };
        for &field in fields {
            if cell.merged_down {
                notes.push(Note { sheet_row, field, kind: NoteKind::FilledFromMerged });
            }
            if cell.number && field == RowField::CreditCode {
                notes.push(Note { sheet_row, field, kind: NoteKind::StoredAsNumber { text: cell.text.clone() } });
            }
        }
        match column {
            Column::Leader => {
                let (name, phone) = split_leader(&cell.text);
                append(&mut project, RowField::LeaderName, &name);
                append(&mut project, RowField::LeaderPhone, &phone);
            }
            Column::Field(RowField::Industry) => append(&mut project, RowField::Industry, &industry_code(&cell.text)),
            Column::Field(RowField::Ownership) => {
                let (ownership, other) = split_ownership(&cell.text);
                append(&mut project, RowField::Ownership, &ownership);
                append(&mut project, RowField::OwnershipOther, &other);
            }
            Column::Field(field) => {
                sources.push((*field, header.titles[c].clone()));
                append(&mut project, *field, &cell.text);
            }
            Column::Serial => {}
        }
    }
    note_combined(&sources, sheet_row, notes);
    project
}

/// Puts `value` into `field`; a second column for the same field (联系电话 and 手机) is joined with `、`.
fn append(project: &mut ProjectRow, field: RowField, value: &str) {
    let value = value.trim();
    if value.is_empty() {
        return;
    }
    let slot = project.get_mut(field);
    if slot.is_empty() {
        *slot = value.to_string();
    } else if slot != value {
        slot.push('、');
        slot.push_str(value);
    }
}

/// Notes the fields that several columns filled.
fn note_combined(sources: &[(RowField, String)], sheet_row: u32, notes: &mut Vec<Note>) {
    for field in RowField::ALL {
        let headers: Vec<String> = sources.iter().filter(|(f, _)| *f == field).map(|(_, h)| h.clone()).collect();
        if headers.len() > 1 {
            notes.push(Note { sheet_row, field, kind: NoteKind::Combined { headers } });
        }
    }
}

/// 大类 name (or `C36 汽车制造业`, `36 汽车制造业`) → two-digit code; anything else stays as written.
fn industry_code(text: &str) -> String {
    let t = text.trim();
    if let Some(industry) = INDUSTRIES.iter().find(|i| i.name == t) {
        return industry.code.to_string();
    }
    t.to_string()
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
    (t.to_string(), String::new())
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
