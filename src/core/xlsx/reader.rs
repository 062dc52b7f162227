//! Reads an .xlsx of the official table back into a declaration (the import; cells in calamine's `Range`).
//!
//! The reader inverts the conventions of [`super::writer`] but does not insist on its exact layout: it finds
//! the header row by its text (so extra rows above it or a different column order are fine), reads project rows
//! until the footer (`推荐部门负责人:` … `日期:`) or the notes, and takes `推荐单位(公章):` from above the table.
//! A label's value may share its cell (as the writer puts it) or follow in the next non-empty cell of its row (as
//! a table typed in Excel often has it); a date may be text (`2021年4月9日`, `2021-4-9`, `2021/4/9`) or an Excel date.

use calamine::{Data, Range};

use crate::core::check::rules::days_in_month;
use crate::core::limits;
use crate::core::model::{Declaration, ProjectRow, RowField};
use crate::core::picklists::{INDUSTRIES, OWNERSHIPS, OWNERSHIP_OTHER};

/// Why a file could not be read as the official table. The messages are Chinese: they are shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum XlsxReadError {
    /// The bytes are not a readable .xlsx workbook.
    #[error("无法读取该文件：它不是有效的 Excel (.xlsx) 文件（{0}）")]
    NotXlsx(String),
    /// The workbook has no worksheet.
    #[error("该 Excel 文件中没有工作表")]
    NoSheet,
    /// No row with the table's headers (序号, 申报单位名称 …) was found.
    #[error("未找到申报表的表头（序号、申报单位名称……），该文件可能不是本申报表")]
    HeaderNotFound,
    /// More sheet rows hold a value than [`limits::MAX_SHEET_ROWS`] (the project rows plus title, headers, notes
    /// and footer). `rows` is the number of such rows in the sheet.
    #[error(
        "无法导入：工作表中有 {rows} 行内容，超过了本工具一次最多能读取的 {max} 行（最多 {projects} 个项目，另加表头、\
         表尾）。请把表格拆成几个文件，每个不超过 {projects} 个项目，再分别导入",
        projects = limits::MAX_ROWS
    )]
    TooManyRows { rows: usize, max: usize },
    /// More project rows than [`limits::MAX_ROWS`] (the most the table holds).
    #[error(
        "无法导入：表格中有 {rows} 个项目，超过了本工具一次最多能导入的 {max} 个项目。请把表格拆成几个文件，\
         每个不超过 {max} 个项目，再分别导入"
    )]
    TooManyProjects { rows: usize, max: usize },
    /// A value (a cell's text after decoding, or the shared string it refers to) longer than
    /// [`limits::MAX_CELL_CHARS`], Excel's limit for a cell: no file saved by Excel has one.
    #[error(
        "无法导入：单元格 {cell} 中有 {chars} 个字符，超过了 Excel 一个单元格最多能存放的 {max} 个字符——这个文件\
         不是由 Excel 保存的，可能由其他程序生成或被改动过。请检查该单元格（正常的申报表每格只有几十到几百个字），\
         把内容缩短后用 Excel 或 WPS 重新保存，再导入"
    )]
    CellTooLong { cell: String, chars: usize, max: usize },
    /// The characters of all values together exceed [`limits::MAX_SHEET_TEXT_CHARS`] (each reference of a shared
    /// string counts).
    #[error(
        "无法导入：工作表中的文字共有 {chars} 个字符，超过了本工具一次最多能读取的 {max} 个字符（正常的申报表远少于\
         此，可能是很多单元格引用了同一段很长的文字）。请检查是否选错了文件，或把表格拆成几个文件分别导入"
    )]
    TooMuchText { chars: usize, max: usize },
}

/// What a column of the table holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Serial,
    Field(RowField),
    /// 项目及负责人及联系方式: leader name and phone in one cell.
    Leader,
}

/// Footer labels and which table field they fill (index into the footer values).
const FOOTER: [(&str, usize); 4] = [("推荐部门负责人", 0), ("填报人", 1), ("联系人电话", 2), ("日期", 3)];

/// Reads the official table from .xlsx bytes (the first worksheet), its cells read by
/// [`super::cells::first_sheet`]. The import in the export worker uses this. The tests also read the writer's output
/// with calamine's own .xlsx reader and [`read_range`] (`tests/reference/mod.rs`): the same result for UTF-8 files,
/// without linking the legacy encodings' tables.
///
/// Rows get ids 1, 2, 3 … in order; empty rows are skipped.
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
    let (header_row, columns) = range
        .rows()
        .enumerate()
        .find_map(|(i, row)| header_columns(&text_row(row)).map(|cols| (i, cols)))
        .ok_or(XlsxReadError::HeaderNotFound)?;

    let mut decl = Declaration::default();
    for row in range.rows().take(header_row) {
        let row = text_row(row);
        for (i, cell) in row.iter().enumerate() {
            let compact = remove_spaces(cell);
            if compact.starts_with("推荐单位") {
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
    let [head, filler, phone, date] = footer;
    decl.recommender_head = head.unwrap_or_default();
    decl.filler = filler.unwrap_or_default();
    decl.filler_phone = phone.unwrap_or_default();
    decl.fill_date = date.map(|d| parse_date(&d)).unwrap_or_default();
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

fn column_of(header: &str) -> Option<Column> {
    Some(match header_key(header).as_str() {
        "序号" => Column::Serial,
        "申报单位名称" => Column::Field(RowField::UnitName),
        "统一社会信用代码" => Column::Field(RowField::CreditCode),
        "所属行业" => Column::Field(RowField::Industry),
        "所在区" => Column::Field(RowField::District),
        "企业规模" => Column::Field(RowField::Scale),
        "企业性质" => Column::Field(RowField::Ownership),
        "项目名称" => Column::Field(RowField::ProjectName),
        "课题类型" => Column::Field(RowField::TopicType),
        "项目及负责人及联系方式" | "项目负责人及联系方式" => Column::Leader,
        "电子邮箱" => Column::Field(RowField::Email),
        "备注" => Column::Field(RowField::Remarks),
        _ => return None,
    })
}

/// The columns of a header row, or `None` if the row is not the header (it must name 序号 and 申报单位名称).
fn header_columns(row: &[String]) -> Option<Vec<Option<Column>>> {
    let columns: Vec<Option<Column>> = row.iter().map(|c| column_of(c)).collect();
    let has = |col: Column| columns.contains(&Some(col));
    (has(Column::Serial) && has(Column::Field(RowField::UnitName))).then_some(columns)
}

fn read_project_row(row: &[String], columns: &[Option<Column>], id: u64) -> ProjectRow {
    let mut project = ProjectRow { id, ..Default::default() };
    for (text, column) in row.iter().zip(columns) {
        match column {
            None | Some(Column::Serial) => {}
            Some(Column::Leader) => {
                let (name, phone) = split_leader(text);
                project.leader_name = name;
                project.leader_phone = phone;
            }
            Some(Column::Field(RowField::Industry)) => project.industry = industry_code(text),
            Some(Column::Field(RowField::Ownership)) => {
                let (ownership, other) = split_ownership(text);
                project.ownership = ownership;
                project.ownership_other = other;
            }
            Some(Column::Field(field)) => *project.get_mut(*field) = text.clone(),
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
    let end = FOOTER.iter().filter_map(|(label, _)| text.find(label)).min().unwrap_or(text.len());
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
    FOOTER.iter().any(|(label, _)| compact.starts_with(label))
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
    for (label, slot) in FOOTER {
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

/// `2021年4月9日`, `2021-4-9`, `2021/4/9` or `2021.4.9` → `2021-04-09`; so is an Excel date (a day number between
/// 2000 and 2099, e.g. `44295`, as a date cell reads without its format); anything else stays as written.
fn parse_date(text: &str) -> String {
    let t = text.trim();
    let num = |s: &str| s.trim().parse::<u32>().ok();
    let written = || {
        let (y, rest) = t.split_once('年')?;
        let (m, rest) = rest.split_once('月')?;
        let d = rest.strip_suffix('日')?;
        Some((num(y)?, num(m)?, num(d)?))
    };
    let separated = || {
        let sep = ['-', '/', '.'].into_iter().find(|c| t.contains(*c))?;
        let mut parts = t.split(sep);
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        (parts.next().is_none() && y.len() == 4).then_some(())?;
        Some((num(y)?, num(m)?, num(d)?))
    };
    let valid = |(y, m, d): (u32, u32, u32)| {
        ((1000..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)).then_some((y, m, d))
    };
    match written().or_else(separated).and_then(valid).or_else(|| excel_date(t)) {
        Some((y, m, d)) => format!("{y:04}-{m:02}-{d:02}"),
        None => t.to_string(),
    }
}

/// An Excel day number (1900 date system: day 1 is 1900-01-01, and Excel counts a 1900-02-29 that never was) as a
/// date, when it falls in 2000–2099; a time of day after the point is ignored.
fn excel_date(text: &str) -> Option<(u32, u32, u32)> {
    let whole =
        text.split_once('.').map_or(
            text,
            |(whole, fraction)| {
                if fraction.bytes().all(|b| b.is_ascii_digit()) {
                    whole
                } else {
                    ""
                }
            },
        );
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 5 {
        return None;
    }
    let serial: u32 = whole.parse().ok()?;
    // 36526 is 2000-01-01 and 73050 is 2099-12-31.
    if !(36_526..=73_050).contains(&serial) {
        return None;
    }
    // Days after 2000-01-01, then whole years and months.
    let mut days = serial - 36_526;
    let mut year = 2000u32;
    loop {
        let in_year = if days_in_month(year, 2) == 29 { 366 } else { 365 };
        if days < in_year {
            break;
        }
        days -= in_year;
        year += 1;
    }
    let mut month = 1u32;
    while days >= days_in_month(year, month) {
        days -= days_in_month(year, month);
        month += 1;
    }
    Some((year, month, days + 1))
}
