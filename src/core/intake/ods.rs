//! OpenDocument spreadsheets (.ods, as LibreOffice and WPS save them): `content.xml`'s tables read into the table
//! recogniser's sheets (cells, merged areas, hidden rows).
//!
//! Read like the .xlsx reader reads: numbers (`float`, `percentage`, `currency`) are `Data::Float`, dates
//! `Data::DateTimeIso`, booleans `Data::Bool`, everything else its text (paragraphs joined by line breaks, `<text:s>`
//! as spaces). Repeated rows and cells (`number-rows-repeated`, `number-columns-repeated`) count their positions; only
//! those holding a value are copied, and at most as many as the limits allow. Covered cells of a merged area are
//! empty; the area is a [`Span`].

use calamine::{Cell, Data};

use super::table::{Sheet, Span};
use crate::core::limits::{MAX_CELL_CHARS, MAX_SHEET_ROWS};
use crate::core::xlsx::cells::{bounded_range, package_part, MAX_SHEETS};
use crate::core::xlsx::error::XlsxReadError;
use crate::core::xml::{attrs_iter, local, unescape, unescape_into, Event, Parser};

/// Why an .ods file could not be read. `Display` is a Chinese sentence that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum OdsError {
    #[error("无法读取该 .ods 文件（{0}）。请在 WPS 或 LibreOffice 中打开，另存为 .xlsx 后再导入")]
    NotOds(String),
    #[error(transparent)]
    Limits(#[from] XlsxReadError),
}

/// Every table of an .ods file with its cells, merged areas and hidden rows, in the document's order.
pub fn ods_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, OdsError> {
    let xml = content_xml(bytes)?;
    let mut walk = Walk::default();
    let mut parser = Parser::new(&xml);
    while let Some(event) = parser.next() {
        match event.map_err(|e| OdsError::NotOds(e.0))? {
            Event::Start { name, attrs, .. } => walk.start(name, attrs),
            Event::End { name } => walk.end(name)?,
            Event::Text(raw) if walk.in_text() => unescape_into(raw, walk.text_mut()),
            Event::CData(text) if walk.in_text() => walk.text_mut().push_str(text),
            _ => {}
        }
        if walk.sheets.len() >= MAX_SHEETS {
            break;
        }
    }
    Ok(walk.sheets)
}

fn content_xml(bytes: &[u8]) -> Result<String, OdsError> {
    package_part(bytes, "content.xml").map_err(OdsError::NotOds)
}

/// The value of the attribute whose local name is `name` (any namespace prefix), references resolved.
fn attr_local(attrs: &str, name: &str) -> Option<String> {
    attrs_iter(attrs).find(|(k, _)| local(k) == name).map(|(_, v)| unescape(v))
}

fn count(attrs: &str, name: &str) -> u32 {
    attr_local(attrs, name).and_then(|v| v.trim().parse().ok()).unwrap_or(1).max(1)
}

/// A cell being read: its value type and value attributes, its text so far, how often it repeats.
struct OpenCell {
    kind: Option<String>,
    value: Option<String>,
    text: String,
    repeat: u32,
    paragraphs: u32,
}

/// A table being read: its name, cells, merged areas and hidden rows.
struct OpenTable {
    name: String,
    cells: Vec<Cell<Data>>,
    merges: Vec<Span>,
    hidden_rows: Vec<u32>,
}

/// The reader's state while walking `content.xml`.
#[derive(Default)]
struct Walk {
    sheets: Vec<Sheet>,
    /// The table being read.
    current: Option<OpenTable>,
    /// Nesting of tables (a table inside a cell's shapes is not read).
    depth: usize,
    row: u32,
    row_repeat: u32,
    row_hidden: bool,
    col: u32,
    cell: Option<OpenCell>,
    /// Inside a `<text:p>` of the current cell.
    in_paragraph: bool,
    scratch: String,
}

impl Walk {
    fn in_text(&self) -> bool {
        self.in_paragraph && self.cell.is_some()
    }

    /// The current cell's text (a scratch string outside cells, never read).
    fn text_mut(&mut self) -> &mut String {
        match self.cell.as_mut() {
            Some(cell) => &mut cell.text,
            None => &mut self.scratch,
        }
    }

    fn start(&mut self, name: &str, attrs: &str) {
        match name {
            "table" => {
                self.depth += 1;
                if self.depth == 1 {
                    let title = attr_local(attrs, "name").unwrap_or_default();
                    self.current =
                        Some(OpenTable { name: title, cells: Vec::new(), merges: Vec::new(), hidden_rows: Vec::new() });
                    self.row = 0;
                }
            }
            "table-row" if self.depth == 1 => {
                self.row_repeat = count(attrs, "number-rows-repeated");
                self.row_hidden = matches!(attr_local(attrs, "visibility").as_deref(), Some("collapse" | "filter"));
                self.col = 0;
            }
            "table-cell" | "covered-table-cell" if self.depth == 1 => self.start_cell(name, attrs),
            "p" | "h" => {
                if let Some(cell) = self.cell.as_mut() {
                    if cell.paragraphs > 0 {
                        cell.text.push('\n');
                    }
                    cell.paragraphs += 1;
                    self.in_paragraph = true;
                }
            }
            "s" if self.in_text() => {
                let spaces = count(attrs, "c").min(64) as usize;
                self.text_mut().push_str(&" ".repeat(spaces));
            }
            "tab" if self.in_text() => self.text_mut().push(' '),
            "line-break" if self.in_text() => self.text_mut().push('\n'),
            _ => {}
        }
    }

    fn start_cell(&mut self, name: &str, attrs: &str) {
        let repeat = count(attrs, "number-columns-repeated");
        if name == "table-cell" {
            let across = count(attrs, "number-columns-spanned");
            let down = count(attrs, "number-rows-spanned");
            if (across > 1 || down > 1) && self.row_repeat == 1 {
                if let Some(table) = self.current.as_mut().filter(|t| t.merges.len() < MAX_SHEET_ROWS) {
                    table.merges.push(Span {
                        first_row: self.row,
                        first_col: self.col,
                        last_row: self.row + down - 1,
                        last_col: self.col + across - 1,
                    });
                }
            }
        }
        let kind = attr_local(attrs, "value-type");
        let value = match kind.as_deref() {
            Some("date") => attr_local(attrs, "date-value"),
            Some("boolean") => attr_local(attrs, "boolean-value"),
            Some("time") => attr_local(attrs, "time-value"),
            _ => attr_local(attrs, "value"),
        };
        // A self-closing cell is ended at once: the parser reports its end right after.
        self.cell = Some(OpenCell { kind, value, text: String::new(), repeat, paragraphs: 0 });
    }

    fn end(&mut self, name: &str) -> Result<(), OdsError> {
        match name {
            "table" => {
                if self.depth == 1 {
                    self.end_table()?;
                }
                self.depth = self.depth.saturating_sub(1);
            }
            "table-row" if self.depth == 1 => self.row = self.row.saturating_add(self.row_repeat),
            "table-cell" | "covered-table-cell" if self.depth == 1 => self.end_cell()?,
            "p" | "h" => self.in_paragraph = false,
            _ => {}
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), OdsError> {
        let Some(cell) = self.cell.take() else { return Ok(()) };
        let repeat = cell.repeat;
        if let Some(data) = cell_data(cell)? {
            let Some(OpenTable { cells, hidden_rows: hidden, .. }) = self.current.as_mut() else { return Ok(()) };
            // A value repeated over many rows or columns is copied only as far as a table can reach.
            let rows = self.row_repeat.min(MAX_SHEET_ROWS as u32);
            let cols = repeat.min(64);
            for r in 0..rows {
                for c in 0..cols {
                    cells.push(Cell::new((self.row + r, self.col + c), data.clone()));
                }
            }
            if cells.len() > MAX_SHEET_ROWS * 64 {
                return Err(XlsxReadError::TooManyRows { rows: cells.len() / 64, max: MAX_SHEET_ROWS }.into());
            }
            if self.row_hidden && hidden.last() != Some(&self.row) {
                hidden.extend((0..rows).map(|r| self.row + r));
            }
        }
        self.col = self.col.saturating_add(repeat);
        Ok(())
    }

    fn end_table(&mut self) -> Result<(), OdsError> {
        let Some(OpenTable { name, cells, merges, hidden_rows }) = self.current.take() else { return Ok(()) };
        let mut rows: Vec<u32> = cells.iter().map(|c| c.get_position().0).collect();
        rows.dedup();
        if rows.len() > MAX_SHEET_ROWS {
            return Err(XlsxReadError::TooManyRows { rows: rows.len(), max: MAX_SHEET_ROWS }.into());
        }
        self.sheets.push(Sheet { name, cells: bounded_range(cells)?, merges, hidden_rows });
        Ok(())
    }
}

/// A finished cell's value, or `None` when it holds none.
fn cell_data(cell: OpenCell) -> Result<Option<Data>, OdsError> {
    if cell.text.chars().count() > MAX_CELL_CHARS {
        return Err(XlsxReadError::CellTooLong {
            cell: "（.ods）".into(),
            chars: cell.text.chars().count(),
            max: MAX_CELL_CHARS,
        }
        .into());
    }
    let number = || cell.value.as_deref().and_then(|v| v.trim().parse::<f64>().ok());
    Ok(match cell.kind.as_deref() {
        Some("float" | "percentage" | "currency") => number().map(Data::Float),
        Some("date") => cell.value.clone().map(Data::DateTimeIso),
        Some("boolean") => cell.value.as_deref().map(|v| Data::Bool(v == "true")),
        _ if cell.text.is_empty() => None,
        _ => Some(Data::String(cell.text)),
    })
}
