//! Excel 97-2003 (.xls) and WPS (.et) workbooks: the BIFF8 records of the `Workbook` stream read into the table
//! recogniser's sheets (cells, merged areas, hidden rows, hidden sheets).
//!
//! A small reader of its own rather than calamine's: calamine's .xls reader brings every legacy code page
//! (encoding_rs, ~220 KB gzip in a worker), while BIFF8 keeps its text in UTF-16 or Latin-1 and needs none. Read
//! like the .xlsx reader reads (`crate::core::xlsx::cells`): numbers are `Data::Float` (date styles are not looked
//! at), booleans `Data::Bool`, errors `Data::Error`; formulas give their cached value. The host tests compare it
//! with calamine on files LibreOffice and xlwt wrote (`tests/intake_files.rs`). Excel 5.0/95 files (BIFF5, stream
//! `Book`) are refused with what to do. Bounded like the .xlsx reader: rows, characters per cell and in all.

use calamine::{Cell, CellErrorType, Data};

use super::cfb::{self, u16_at, u32_at, CfbError};
use super::table::{Sheet, Span};
use crate::core::limits::{MAX_CELL_CHARS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_CHARS};
use crate::core::xlsx::cells::{bounded_range, MAX_SHEETS};
use crate::core::xlsx::error::XlsxReadError;

/// Why an .xls file could not be read. `Display` is a Chinese sentence that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum XlsReadError {
    #[error("无法读取该 Excel 97-2003 文件（{0}）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入")]
    Container(#[from] CfbError),
    #[error("无法读取该 Excel 97-2003 文件（{0}）。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入")]
    Broken(&'static str),
    #[error("文件设置了打开密码，无法读取。请在 Excel/WPS 中打开，取消密码（文件→信息→保护工作簿）后另存，再导入")]
    Password,
    #[error("这是 Excel 5.0/95 格式的旧文件，无法直接读取。请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入")]
    Old,
    #[error(transparent)]
    Limits(#[from] XlsxReadError),
}

/// Every worksheet of an .xls workbook with its cells, merged areas and hidden rows: the visible ones in the
/// workbook's order, then the hidden ones (at most [`MAX_SHEETS`]).
pub fn xls_sheets(bytes: &[u8]) -> Result<Vec<Sheet>, XlsReadError> {
    let stream = match cfb::stream(bytes, &["Workbook"]) {
        Err(CfbError::NoStream(_)) => {
            return Err(cfb::stream(bytes, &["Book"]).map_or_else(Into::into, |_| XlsReadError::Old))
        }
        other => other?,
    };
    let globals = Globals::read(&stream)?;
    let mut listed: Vec<&BoundSheet> = globals.sheets.iter().filter(|s| s.worksheet).collect();
    listed.sort_by_key(|s| s.hidden);
    listed.truncate(MAX_SHEETS);
    let mut text = TextBudget::default();
    listed.into_iter().map(|s| read_sheet(&stream, s, &globals.strings, &mut text)).collect()
}

const BOF: u16 = 0x0809;
const EOF: u16 = 0x000A;
const FILEPASS: u16 = 0x002F;
const BOUNDSHEET: u16 = 0x0085;
const SST: u16 = 0x00FC;
const CONTINUE: u16 = 0x003C;
const LABELSST: u16 = 0x00FD;
const LABEL: u16 = 0x0204;
const RSTRING: u16 = 0x00D6;
const NUMBER: u16 = 0x0203;
const RK: u16 = 0x027E;
const MULRK: u16 = 0x00BD;
const BOOLERR: u16 = 0x0205;
const FORMULA: u16 = 0x0006;
const STRING: u16 = 0x0207;
const MERGEDCELLS: u16 = 0x00E5;
const ROW: u16 = 0x0208;
const ROW_HIDDEN: u16 = 0x0020;
const BIFF8: u16 = 0x0600;

/// A BIFF record: its type and data.
struct Record<'a> {
    kind: u16,
    data: &'a [u8],
}

/// The records from `at` to the end of the stream (or the first that runs past it).
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = Record<'_>> {
    let mut next = at;
    std::iter::from_fn(move || {
        let kind = u16_at(stream, next)?;
        let len = usize::from(u16_at(stream, next + 2)?);
        let data = stream.get(next + 4..next + 4 + len)?;
        next += 4 + len;
        Some(Record { kind, data })
    })
}

/// A sheet the workbook lists.
struct BoundSheet {
    name: String,
    /// Where its records start in the stream.
    offset: usize,
    hidden: bool,
    /// A worksheet (not a chart or macro sheet).
    worksheet: bool,
}

/// The workbook's globals: its sheets and shared strings.
struct Globals {
    sheets: Vec<BoundSheet>,
    strings: Vec<String>,
}

impl Globals {
    fn read(stream: &[u8]) -> Result<Globals, XlsReadError> {
        let mut all = records(stream, 0).peekable();
        let first = all.next().ok_or(XlsReadError::Broken("工作簿数据为空"))?;
        if first.kind != BOF {
            return Err(XlsReadError::Broken("缺少 BOF 记录"));
        }
        if u16_at(first.data, 0) != Some(BIFF8) {
            return Err(XlsReadError::Old);
        }
        let mut globals = Globals { sheets: Vec::new(), strings: Vec::new() };
        while let Some(record) = all.next() {
            match record.kind {
                FILEPASS => return Err(XlsReadError::Password),
                BOUNDSHEET => globals.sheets.push(bound_sheet(record.data)?),
                SST => {
                    let mut parts = vec![record.data];
                    while let Some(more) = all.next_if(|r| r.kind == CONTINUE) {
                        parts.push(more.data);
                    }
                    globals.strings = shared_strings(parts)?;
                }
                EOF => break,
                _ => {}
            }
        }
        Ok(globals)
    }
}

fn bound_sheet(data: &[u8]) -> Result<BoundSheet, XlsReadError> {
    let offset = u32_at(data, 0).and_then(|o| usize::try_from(o).ok()).ok_or(XlsReadError::Broken("工作表目录损坏"))?;
    let (&state, &kind) = (data.get(4).unwrap_or(&0), data.get(5).unwrap_or(&0));
    let chars = usize::from(*data.get(6).ok_or(XlsReadError::Broken("工作表名称损坏"))?);
    let mut reader = Pieces::new(vec![data.get(7..).unwrap_or_default()]);
    let name = reader.chars(chars).ok_or(XlsReadError::Broken("工作表名称损坏"))?;
    Ok(BoundSheet { name, offset, hidden: state & 0x03 != 0, worksheet: kind == 0 })
}

/// Reads a record's data across its CONTINUE records: a string's characters that go on in the next record start
/// there with a new option byte (1 = UTF-16, 0 = Latin-1).
struct Pieces<'a> {
    parts: Vec<&'a [u8]>,
    part: usize,
    at: usize,
}

impl<'a> Pieces<'a> {
    fn new(parts: Vec<&'a [u8]>) -> Pieces<'a> {
        Pieces { parts, part: 0, at: 0 }
    }

    /// True at the end of a record that another one continues.
    fn at_seam(&self) -> bool {
        self.parts.get(self.part).is_some_and(|p| self.at >= p.len()) && self.part + 1 < self.parts.len()
    }

    fn byte(&mut self) -> Option<u8> {
        while self.at_seam() {
            self.part += 1;
            self.at = 0;
        }
        let b = *self.parts.get(self.part)?.get(self.at)?;
        self.at += 1;
        Some(b)
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes([self.byte()?, self.byte()?]))
    }

    fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes([self.byte()?, self.byte()?, self.byte()?, self.byte()?]))
    }

    fn skip(&mut self, mut n: usize) -> Option<()> {
        while n > 0 {
            self.byte()?;
            n -= 1;
        }
        Some(())
    }

    /// `count` characters after their option byte, as BIFF8 stores short strings (a sheet's name).
    fn chars(&mut self, count: usize) -> Option<String> {
        let wide = self.byte()? & 0x01 != 0;
        self.text(count, wide)
    }

    /// `count` characters, `wide` (UTF-16) or Latin-1, switching at each seam to what its option byte says.
    fn text(&mut self, count: usize, mut wide: bool) -> Option<String> {
        let mut units = Vec::with_capacity(count);
        for _ in 0..count {
            if self.at_seam() {
                self.part += 1;
                self.at = 0;
                wide = self.byte()? & 0x01 != 0;
            }
            units.push(if wide { self.u16()? } else { u16::from(self.byte()?) });
        }
        Some(String::from_utf16_lossy(&units))
    }

    /// An XLUnicodeRichExtendedString (the shared strings' form): length, options, runs and phonetic data skipped.
    fn rich_string(&mut self) -> Option<String> {
        let count = usize::from(self.u16()?);
        let options = self.byte()?;
        let runs = if options & 0x08 != 0 { usize::from(self.u16()?) } else { 0 };
        let extra = if options & 0x04 != 0 { usize::try_from(self.u32()?).ok()? } else { 0 };
        let text = self.text(count, options & 0x01 != 0)?;
        self.skip(runs * 4 + extra)?;
        Some(text)
    }
}

/// The shared string table (SST and its CONTINUE records).
fn shared_strings(parts: Vec<&[u8]>) -> Result<Vec<String>, XlsReadError> {
    let mut reader = Pieces::new(parts);
    let _total = reader.u32();
    let unique = reader.u32().and_then(|n| usize::try_from(n).ok()).ok_or(XlsReadError::Broken("共享字符串表损坏"))?;
    let mut strings = Vec::with_capacity(unique.min(1 << 16));
    for _ in 0..unique {
        match reader.rich_string() {
            Some(s) => strings.push(s),
            None => break,
        }
    }
    Ok(strings)
}

/// The characters read so far from every sheet of a file, each reference of a shared string counted.
#[derive(Default)]
struct TextBudget {
    chars: usize,
}

impl TextBudget {
    fn take(&mut self, row: u32, col: u32, text: &str) -> Result<(), XlsxReadError> {
        let chars = text.chars().count();
        if chars > MAX_CELL_CHARS {
            return Err(XlsxReadError::CellTooLong { cell: cell_name(row, col), chars, max: MAX_CELL_CHARS });
        }
        self.chars += chars;
        if self.chars > MAX_SHEET_TEXT_CHARS {
            return Err(XlsxReadError::TooMuchText { chars: self.chars, max: MAX_SHEET_TEXT_CHARS });
        }
        Ok(())
    }
}

/// `A1`-style name of a 0-based cell.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = String::new();
    let mut n = col + 1;
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.insert(0, char::from(b'A' + u8::try_from(rem).unwrap_or(0)));
        n = (n - 1) / 26;
    }
    format!("{letters}{}", row + 1)
}

/// One sheet's cells, merged areas and hidden rows.
fn read_sheet(
    stream: &[u8],
    sheet: &BoundSheet,
    strings: &[String],
    text: &mut TextBudget,
) -> Result<Sheet, XlsReadError> {
    let mut found = SheetRecords::default();
    for record in records(stream, sheet.offset).skip(1) {
        if record.kind == EOF {
            break;
        }
        found.take(&record, strings, text)?;
    }
    let mut rows: Vec<u32> = found.cells.iter().map(|c| c.get_position().0).collect();
    rows.sort_unstable();
    rows.dedup();
    if rows.len() > MAX_SHEET_ROWS {
        return Err(XlsxReadError::TooManyRows { rows: rows.len(), max: MAX_SHEET_ROWS }.into());
    }
    Ok(Sheet {
        name: sheet.name.clone(),
        cells: bounded_range(found.cells)?,
        merges: found.merges,
        hidden_rows: found.hidden_rows,
    })
}

/// What a sheet's records hold, gathered record by record.
#[derive(Default)]
struct SheetRecords {
    cells: Vec<Cell<Data>>,
    merges: Vec<Span>,
    hidden_rows: Vec<u32>,
    /// A formula whose text result is in the next STRING record.
    text_formula: Option<(u32, u32)>,
}

impl SheetRecords {
    fn take(&mut self, record: &Record, strings: &[String], text: &mut TextBudget) -> Result<(), XlsReadError> {
        let d = record.data;
        let (row, col) = (u32::from(u16_at(d, 0).unwrap_or(0)), u32::from(u16_at(d, 2).unwrap_or(0)));
        match record.kind {
            LABELSST => {
                let index = u32_at(d, 6).and_then(|i| usize::try_from(i).ok()).unwrap_or(usize::MAX);
                let value = strings.get(index).ok_or(XlsReadError::Broken("共享字符串序号超出范围"))?;
                self.text_cell(row, col, value.clone(), text)?;
            }
            LABEL | RSTRING => {
                let count = usize::from(u16_at(d, 6).unwrap_or(0));
                let value = Pieces::new(vec![d.get(8..).unwrap_or_default()]).chars(count);
                self.text_cell(row, col, value.ok_or(XlsReadError::Broken("文字单元格损坏"))?, text)?;
            }
            NUMBER => self.number(row, col, d.get(6..14).and_then(|b| b.try_into().ok()).map(f64::from_le_bytes)),
            RK => self.number(row, col, u32_at(d, 6).map(rk_number)),
            MULRK => self.multiple_rk(d),
            BOOLERR => self.bool_or_error(row, col, d.get(6).copied(), d.get(7).copied()),
            FORMULA => self.formula(row, col, d),
            STRING => {
                if let Some((row, col)) = self.text_formula.take() {
                    let count = usize::from(u16_at(d, 0).unwrap_or(0));
                    let value = Pieces::new(vec![d.get(2..).unwrap_or_default()]).chars(count);
                    self.text_cell(row, col, value.ok_or(XlsReadError::Broken("公式结果损坏"))?, text)?;
                }
            }
            MERGEDCELLS => self.merged(d),
            ROW if u16_at(d, 12).is_some_and(|flags| flags & ROW_HIDDEN != 0)
                && self.hidden_rows.len() < MAX_SHEET_ROWS =>
            {
                self.hidden_rows.push(row)
            }
            _ => {}
        }
        Ok(())
    }

    fn text_cell(&mut self, row: u32, col: u32, value: String, text: &mut TextBudget) -> Result<(), XlsReadError> {
        text.take(row, col, &value)?;
        self.cells.push(Cell::new((row, col), Data::String(value)));
        Ok(())
    }

    fn number(&mut self, row: u32, col: u32, value: Option<f64>) {
        if let Some(n) = value {
            self.cells.push(Cell::new((row, col), Data::Float(n)));
        }
    }

    /// MULRK: a row's run of RK numbers, from its first column.
    fn multiple_rk(&mut self, d: &[u8]) {
        let row = u32::from(u16_at(d, 0).unwrap_or(0));
        let first = u32::from(u16_at(d, 2).unwrap_or(0));
        let values = d.get(4..d.len().saturating_sub(2)).unwrap_or_default();
        for (i, entry) in values.chunks_exact(6).enumerate() {
            let col = first + u32::try_from(i).unwrap_or(0);
            self.number(row, col, u32_at(entry, 2).map(rk_number));
        }
    }

    fn bool_or_error(&mut self, row: u32, col: u32, value: Option<u8>, is_error: Option<u8>) {
        let Some(value) = value else { return };
        let data = if is_error == Some(1) { Data::Error(error_code(value)) } else { Data::Bool(value != 0) };
        self.cells.push(Cell::new((row, col), data));
    }

    /// A formula's cached result: a number, or (bytes 6–7 = 0xFFFF) a text in the next STRING record, a boolean,
    /// an error or an empty text.
    fn formula(&mut self, row: u32, col: u32, d: &[u8]) {
        let Some(result) = d.get(6..14) else { return };
        if result[6..8] != [0xFF, 0xFF] {
            self.number(row, col, result.try_into().ok().map(f64::from_le_bytes));
            return;
        }
        match result[0] {
            0 => self.text_formula = Some((row, col)),
            1 => self.bool_or_error(row, col, Some(result[2]), Some(0)),
            2 => self.bool_or_error(row, col, Some(result[2]), Some(1)),
            _ => {}
        }
    }

    fn merged(&mut self, d: &[u8]) {
        let count = usize::from(u16_at(d, 0).unwrap_or(0));
        for area in d.get(2..).unwrap_or_default().chunks_exact(8).take(count) {
            let at = |i: usize| u32::from(u16_at(area, i).unwrap_or(0));
            if self.merges.len() < MAX_SHEET_ROWS {
                self.merges.push(Span { first_row: at(0), last_row: at(2), first_col: at(4), last_col: at(6) });
            }
        }
    }
}

/// An RK number: a 30-bit integer or the high 30 bits of a double, maybe times 100.
fn rk_number(rk: u32) -> f64 {
    let value = if rk & 0x02 != 0 {
        f64::from(i32::from_le_bytes(rk.to_le_bytes()) >> 2)
    } else {
        f64::from_bits(u64::from(rk & 0xFFFF_FFFC) << 32)
    };
    if rk & 0x01 != 0 {
        value / 100.0
    } else {
        value
    }
}

fn error_code(code: u8) -> CellErrorType {
    match code {
        0x00 => CellErrorType::Null,
        0x07 => CellErrorType::Div0,
        0x17 => CellErrorType::Ref,
        0x1D => CellErrorType::Name,
        0x24 => CellErrorType::Num,
        0x2A => CellErrorType::NA,
        _ => CellErrorType::Value,
    }
}
