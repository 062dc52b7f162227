//! Reads a Word document (.docx, as Word and WPS save the 附表) into one sheet: its paragraphs and table rows in
//! document order, merged cells (`gridSpan`, `vMerge`) as merged areas.
//!
//! A paragraph outside a table is a row of one cell (the title, `推荐单位（公章）：…`, the footer lines, the notes);
//! a table row is a row of cells at their grid columns. Inside a cell, paragraphs are joined with a line break;
//! `<w:br/>` is a line break and `<w:tab/>` a space; deleted text (`<w:delText>`, tracked changes) and field codes are left out, and
//! inserted text is read. A table inside a cell is read as the cell's text.

use calamine::{Data, Range};

use super::table::{Sheet, Span};
use crate::core::limits::{longer_than, MAX_CELL_CHARS, MAX_SHEET_ROWS};
use crate::core::xlsx::cells::package_part;
use crate::core::xml::{attr, unescape_into, Event, Parser, XmlError};

/// Why a .docx could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("无法读取该 Word 文件：它不是有效的 .docx 文件（{0}）")]
    NotDocx(String),
    #[error("无法读取该 Word 文件：{0}")]
    Xml(#[from] XmlError),
    #[error("无法导入：Word 文件中有 {rows} 行，超过了本工具一次最多能读取的 {max} 行")]
    TooManyRows { rows: usize, max: usize },
    #[error("无法导入：Word 文件中一个单元格有 {chars} 个字符，超过了一个单元格最多能存放的 {max} 个字符")]
    CellTooLong { chars: usize, max: usize },
}

/// The document's body as one sheet named `Word`.
pub fn read_docx(bytes: &[u8]) -> Result<Sheet, DocxError> {
    let xml = document_xml(bytes)?;
    read_document(&xml)
}

fn document_xml(bytes: &[u8]) -> Result<String, DocxError> {
    package_part(bytes, "word/document.xml").map_err(DocxError::NotDocx)
}

/// A row being built: cells at grid columns.
#[derive(Default)]
struct Row {
    cells: Vec<(u32, String)>,
}

/// The reader's state while walking `word/document.xml`.
#[derive(Default)]
struct Walk {
    rows: Vec<Row>,
    merges: Vec<Span>,
    /// Nesting of `<w:tbl>`: 0 outside tables, 1 in a top-level table's cell.
    table_depth: usize,
    /// The grid column the next top-level cell starts at.
    col: u32,
    /// The current top-level cell's text, its grid span and its vertical merge.
    cell: Option<String>,
    span: u32,
    vmerge: Option<VMerge>,
    /// The paragraph being read outside tables.
    paragraph: Option<String>,
    /// Reading a `<w:t>`/`<w:instrText>`? (`<w:delText>` is not read).
    in_text: bool,
    /// Open vertical merges per grid column: the index of their span in `merges`.
    open: Vec<(u32, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum VMerge {
    Restart,
    Continue,
}

fn read_document(xml: &str) -> Result<Sheet, DocxError> {
    let mut walk = Walk::default();
    let mut parser = Parser::new(xml);
    while let Some(event) = parser.next() {
        match event? {
            Event::Start { name, attrs, .. } => walk.start(name, attrs)?,
            Event::End { name } => walk.end(name)?,
            Event::Text(raw) if walk.in_text => {
                let mut text = String::new();
                unescape_into(raw, &mut text);
                walk.push_text(&text)?;
            }
            Event::CData(text) if walk.in_text => walk.push_text(text)?,
            _ => {}
        }
    }
    Ok(walk.into_sheet())
}

impl Walk {
    fn start(&mut self, name: &str, attrs: &str) -> Result<(), DocxError> {
        match name {
            "tbl" => self.table_depth += 1,
            "tr" if self.table_depth == 1 => self.start_row()?,
            "gridBefore" if self.table_depth == 1 => self.col += val(attrs).unwrap_or(0),
            "tc" if self.table_depth == 1 => {
                self.cell = Some(String::new());
                self.span = 1;
                self.vmerge = None;
            }
            "gridSpan" if self.table_depth == 1 => self.span = val(attrs).unwrap_or(1).clamp(1, 64),
            "vMerge" if self.table_depth == 1 => {
                self.vmerge = Some(match attr(attrs, "w:val").as_deref() {
                    Some("restart") => VMerge::Restart,
                    _ => VMerge::Continue,
                });
            }
            "p" if self.table_depth == 0 => self.paragraph = Some(String::new()),
            "p" => self.line_break_in_cell(),
            "t" => self.in_text = true,
            "br" | "cr" => self.push_text("\n")?,
            "tab" if self.cell.is_some() || self.paragraph.is_some() => self.push_text(" ")?,
            _ => {}
        }
        Ok(())
    }

    fn end(&mut self, name: &str) -> Result<(), DocxError> {
        match name {
            "tbl" => {
                self.table_depth = self.table_depth.saturating_sub(1);
                if self.table_depth == 0 {
                    self.open.clear();
                }
            }
            "tc" if self.table_depth == 1 => self.end_cell()?,
            "p" if self.table_depth == 0 => {
                if let Some(text) = self.paragraph.take() {
                    let text = text.trim().to_string();
                    if !text.is_empty() {
                        self.push_row(Row { cells: vec![(0, text)] })?;
                    }
                }
            }
            "t" => self.in_text = false,
            _ => {}
        }
        Ok(())
    }

    fn start_row(&mut self) -> Result<(), DocxError> {
        self.push_row(Row::default())?;
        self.col = 0;
        Ok(())
    }

    fn push_row(&mut self, row: Row) -> Result<(), DocxError> {
        if self.rows.len() >= MAX_SHEET_ROWS {
            return Err(DocxError::TooManyRows { rows: self.rows.len() + 1, max: MAX_SHEET_ROWS });
        }
        self.rows.push(row);
        Ok(())
    }

    /// A paragraph starting inside a cell: a line break unless it is the cell's first.
    fn line_break_in_cell(&mut self) {
        if let Some(cell) = self.cell.as_mut().filter(|c| !c.is_empty()) {
            cell.push('\n');
        }
    }

    fn push_text(&mut self, text: &str) -> Result<(), DocxError> {
        let target = match (self.cell.as_mut(), self.paragraph.as_mut()) {
            (Some(cell), _) => cell,
            (None, Some(paragraph)) => paragraph,
            (None, None) => return Ok(()),
        };
        target.push_str(text);
        if longer_than(target, MAX_CELL_CHARS) {
            return Err(DocxError::CellTooLong { chars: target.chars().count(), max: MAX_CELL_CHARS });
        }
        Ok(())
    }

    fn end_cell(&mut self) -> Result<(), DocxError> {
        let text = self.cell.take().unwrap_or_default().trim().to_string();
        let row = self.rows.len().saturating_sub(1) as u32;
        let (first_col, last_col) = (self.col, self.col + self.span - 1);
        match self.vmerge {
            Some(VMerge::Continue) => self.extend_merge(first_col, row),
            Some(VMerge::Restart) => self.start_merge(first_col, last_col, row, text),
            None => {
                self.open.retain(|(col, _)| *col != first_col);
                if self.span > 1 {
                    self.merges.push(Span { first_row: row, first_col, last_row: row, last_col });
                }
                self.put(text);
            }
        }
        self.col = last_col + 1;
        Ok(())
    }

    fn start_merge(&mut self, first_col: u32, last_col: u32, row: u32, text: String) {
        self.merges.push(Span { first_row: row, first_col, last_row: row, last_col });
        self.open.retain(|(col, _)| *col != first_col);
        self.open.push((first_col, self.merges.len() - 1));
        self.put(text);
    }

    /// A `vMerge` continuation: the open merge in this column grows by a row (its text is the first cell's).
    fn extend_merge(&mut self, col: u32, row: u32) {
        if let Some(&(_, i)) = self.open.iter().find(|(c, _)| *c == col) {
            self.merges[i].last_row = row;
        }
    }

    fn put(&mut self, text: String) {
        let col = self.col;
        if let Some(row) = self.rows.last_mut() {
            if !text.is_empty() {
                row.cells.push((col, text));
            }
        }
    }

    fn into_sheet(self) -> Sheet {
        let width = self.rows.iter().flat_map(|r| r.cells.iter().map(|(c, _)| c + 1)).max().unwrap_or(0);
        let mut cells = if self.rows.is_empty() || width == 0 {
            Range::empty()
        } else {
            Range::new((0, 0), (self.rows.len() as u32 - 1, width - 1))
        };
        for (r, row) in self.rows.into_iter().enumerate() {
            for (c, text) in row.cells {
                cells.set_value((r as u32, c), Data::String(text));
            }
        }
        Sheet { name: "Word".into(), cells, merges: self.merges, hidden_rows: Vec::new() }
    }
}

/// A `w:val` number attribute.
fn val(attrs: &str) -> Option<u32> {
    attr(attrs, "w:val")?.trim().parse().ok()
}
