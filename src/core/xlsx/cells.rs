//! Reads the worksheets of an .xlsx (cells as a calamine `Range<Data>`, merged areas, hidden rows), for the import.
//!
//! calamine's own .xlsx reader gives the same cells (tests compare the two on many files), but its XML layer links
//! every legacy text encoding's tables (encoding_rs): +218 KB gzip in the worker. Files of the official table are
//! UTF-8 (Excel, WPS and this tool write nothing else), so this reader parses only UTF-8, with a small pull parser
//! of its own, and keeps calamine's conventions:
//! - a `<t>`'s text is trimmed of ASCII whitespace unless `xml:space="preserve"`; rich-text runs are joined;
//!   phonetic runs (`<rPh>`) are skipped; `_xHHHH_` escapes are decoded; line ends are normalised to `\n`;
//! - cells without a value are left out; numbers are `Data::Float` (date styles are not looked at: the table has
//!   no date cell, its 日期 is text), `t="b"` is `Data::Bool`, `t="e"` `Data::Error`, `t="d"` `Data::DateTimeIso`,
//!   a value that is not a number and has no type is text;
//! - a cell or row without an `r` follows the one before it; a self-closing element is a start and an end.
//!
//! What it reads is held to the hard caps of [`crate::core::limits`] before anything big is built: a value longer than
//! an Excel cell can hold, more sheet rows with a value than the table can take, or more text in all than any real
//! table has is refused with a typed error carrying the numbers; shared strings are counted before they are copied
//! into cells. Every step is linear in its input (no scan restarts from a position it has passed, no recursion), so
//! a crafted file costs at most a few passes over its bytes (`benches/reader_bench.rs`).
//!
//! The zip container is read with the `zip` crate rust_xlsxwriter already brings.

use std::io::{Cursor, Read};

use calamine::{Cell, CellErrorType, Data, Range};

use super::error::XlsxReadError;
use crate::core::intake::table::{Sheet, Span};
use crate::core::limits::{MAX_CELL_CHARS, MAX_PART_BYTES, MAX_RANGE_CELLS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_CHARS};
use crate::core::xml::{attr, attrs_iter, push_normalised, unescape, unescape_into, Event, Parser, XmlError};

/// The caps a sheet is read under: [`first_sheet`] reads with [`CAPS`], the hard caps of [`crate::core::limits`]; only the
/// benchmark's [`read_parts_uncapped`] lifts them, to time the scan of values the caps would refuse.
#[derive(Clone, Copy)]
struct Caps {
    /// The most characters of one value (a cell's text after decoding, or the shared string it refers to).
    cell_chars: usize,
    /// The most sheet rows holding a value.
    sheet_rows: usize,
    /// The most characters of all values together (each reference of a shared string counts).
    text_chars: usize,
}

const CAPS: Caps = Caps { cell_chars: MAX_CELL_CHARS, sheet_rows: MAX_SHEET_ROWS, text_chars: MAX_SHEET_TEXT_CHARS };

/// The first worksheet's cells.
///
/// Refused, before anything big is built, with the numbers: a value longer than an Excel cell holds
/// ([`XlsxReadError::CellTooLong`], naming the cell), more sheet rows holding a value than
/// [`crate::core::limits::MAX_SHEET_ROWS`] ([`XlsxReadError::TooManyRows`]), more characters in all than
/// [`crate::core::limits::MAX_SHEET_TEXT_CHARS`] ([`XlsxReadError::TooMuchText`]); a part over
/// [`crate::core::limits::MAX_PART_BYTES`] or values spread over more than [`crate::core::limits::MAX_RANGE_CELLS`] cells is not
/// read either ([`XlsxReadError::NotXlsx`]).
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
/// # use shenbao::core::xlsx::cells::first_sheet;
/// let decl = Declaration { recommender: "武清区市场监管局".into(), ..Default::default() };
/// let created = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 0, second: 0 };
/// let range = first_sheet(&write_xlsx(&decl, &created)?)?;
/// assert_eq!(range.get_value((0, 0)), Some(&calamine::Data::String("附表".into())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn first_sheet(bytes: &[u8]) -> Result<Range<Data>, XlsxReadError> {
    let mut package = Package::open(bytes)?;
    let first = package.sheet_list()?.into_iter().next().ok_or(XlsxReadError::NoSheet)?;
    Ok(package.sheet(&first)?.cells)
}

/// Every worksheet with its cells, merged areas and hidden rows, as [`first_sheet`] reads one: the visible ones in
/// the workbook's order, then the hidden ones (at most [`MAX_SHEETS`]).
pub fn sheets(bytes: &[u8]) -> Result<Vec<Sheet>, XlsxReadError> {
    let mut package = Package::open(bytes)?;
    let mut list = package.sheet_list()?;
    if list.is_empty() {
        return Err(XlsxReadError::NoSheet);
    }
    list.sort_by_key(|entry| entry.hidden);
    list.truncate(MAX_SHEETS);
    list.iter().map(|entry| package.sheet(entry)).collect()
}

/// The cells as a `Range`, unless they span more than [`MAX_RANGE_CELLS`]: `Range` is dense, so a stray value far
/// from the table would make it huge (and the worker run out of memory).
pub fn bounded_range(cells: Vec<Cell<Data>>) -> Result<Range<Data>, XlsxReadError> {
    let span = |f: fn(&Cell<Data>) -> u32| {
        let (lo, hi) = cells.iter().map(f).fold((u32::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
        u64::from(hi.saturating_sub(lo)) + 1
    };
    if !cells.is_empty() && span(|c| c.get_position().0) * span(|c| c.get_position().1) > MAX_RANGE_CELLS {
        return Err(XlsxReadError::NotXlsx("工作表中有离表格很远的内容，范围过大".into()));
    }
    Ok(Range::from_sparse(cells))
}

/// The most worksheets [`sheets`] reads.
pub const MAX_SHEETS: usize = 32;

/// A worksheet as workbook.xml lists it.
struct SheetEntry {
    name: String,
    path: String,
    hidden: bool,
}

/// An .xlsx package being read: its zip, relationships and shared strings.
struct Package<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    workbook: String,
    rels: String,
    strings: Option<Vec<Shared>>,
}

impl<'a> Package<'a> {
    fn open(bytes: &'a [u8]) -> Result<Package<'a>, XlsxReadError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
        let workbook = read_part(&mut zip, "xl/workbook.xml")?
            .ok_or_else(|| XlsxReadError::NotXlsx("缺少 xl/workbook.xml".into()))?;
        let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
        Ok(Package { zip, workbook, rels, strings: None })
    }

    /// The worksheets of workbook.xml, in order, each with its part's path.
    fn sheet_list(&self) -> Result<Vec<SheetEntry>, XlsxReadError> {
        let mut parser = Parser::new(&self.workbook);
        let mut list = Vec::new();
        while let Some(event) = parser.next() {
            if let Event::Start { name: "sheet", attrs, .. } = event? {
                let Some(id) = attrs_iter(attrs).find(|(k, _)| k.ends_with(":id")).map(|(_, v)| unescape(v)) else {
                    continue;
                };
                let target = relationship_target(&self.rels, |a| attr(a, "Id").as_deref() == Some(id.as_str()));
                if let Some(path) = target {
                    let hidden = matches!(attr(attrs, "state").as_deref(), Some("hidden" | "veryHidden"));
                    list.push(SheetEntry { name: attr(attrs, "name").unwrap_or_default(), path, hidden });
                }
            }
        }
        Ok(list)
    }

    /// The shared strings table, read once.
    fn strings(&mut self) -> Result<&[Shared], XlsxReadError> {
        if self.strings.is_none() {
            let path = relationship_target(&self.rels, |attrs| {
                attr(attrs, "Type").is_some_and(|t| t.ends_with("/sharedStrings"))
            })
            .unwrap_or_else(|| "xl/sharedStrings.xml".to_string());
            self.strings = Some(match read_part(&mut self.zip, &path)? {
                Some(xml) => shared_strings(&xml)?,
                None => Vec::new(),
            });
        }
        Ok(self.strings.as_deref().unwrap_or_default())
    }

    /// One worksheet's cells, merged areas and hidden rows.
    fn sheet(&mut self, entry: &SheetEntry) -> Result<Sheet, XlsxReadError> {
        let xml = read_part(&mut self.zip, &entry.path)?.ok_or(XlsxReadError::NoSheet)?;
        let parts = sheet_parts(&xml, self.strings()?, CAPS)?;
        Ok(Sheet {
            name: entry.name.clone(),
            cells: bounded_range(parts.cells)?,
            merges: parts.merges,
            hidden_rows: parts.hidden_rows,
        })
    }
}

/// For the benchmark (`benches/reader_bench.rs`) only: reads a worksheet's XML and its shared strings table as
/// [`first_sheet`] does but without the caps, so that a value the caps would refuse is still scanned in full.
/// Returns the number of cells with a value and the characters of their values.
#[doc(hidden)]
pub fn read_parts_uncapped(sheet: &str, shared: Option<&str>) -> Result<(usize, usize), XlsxReadError> {
    let strings = match shared {
        Some(xml) => shared_strings(xml)?,
        None => Vec::new(),
    };
    let uncapped = Caps { cell_chars: usize::MAX, sheet_rows: usize::MAX, text_chars: usize::MAX };
    let cells = sheet_cells(sheet, &strings, uncapped)?;
    let chars = cells.iter().map(|c| text_chars(c.get_value()).unwrap_or(0)).sum();
    Ok((cells.len(), chars))
}

/// One part of a zip package (an .xlsx, .docx or .ods) as text, at most [`MAX_PART_BYTES`]; the error is why not,
/// in Chinese (the caller names the kind of file).
pub fn package_part(bytes: &[u8], name: &str) -> Result<String, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    match read_part(&mut zip, name) {
        Ok(Some(text)) => Ok(text),
        Ok(None) => Err(format!("缺少 {name}")),
        Err(XlsxReadError::NotXlsx(why)) => Err(why),
        Err(other) => Err(other.to_string()),
    }
}

/// A part of the package as text; `None` when it is not there.
fn read_part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, XlsxReadError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(XlsxReadError::NotXlsx(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1).read_to_end(&mut bytes).map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(XlsxReadError::NotXlsx(format!("{name} 过大")));
    }
    // A UTF-8 byte order mark is allowed; any other encoding is not.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes).map(Some).map_err(|_| XlsxReadError::NotXlsx(format!("{name} 不是 UTF-8 编码")))
}

/// The target of the first relationship whose attributes satisfy `wanted`, as a package path.
fn relationship_target(rels: &str, wanted: impl Fn(&str) -> bool) -> Option<String> {
    let mut parser = Parser::new(rels);
    while let Some(Ok(event)) = parser.next() {
        if let Event::Start { name: "Relationship", attrs, .. } = event {
            if wanted(attrs) {
                return attr(attrs, "Target").map(|t| part_path(&t));
            }
        }
    }
    None
}

/// A relationship target of workbook.xml.rels as a path in the package.
fn part_path(target: &str) -> String {
    match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("xl/{target}"),
    }
}

/// A shared string and its length in characters, counted once: a reference is counted against the caps before the
/// string is copied into its cell.
struct Shared {
    text: String,
    chars: usize,
}

/// The shared strings table.
fn shared_strings(xml: &str) -> Result<Vec<Shared>, XlsxReadError> {
    let mut strings = Vec::new();
    let mut text = RichText::default();
    let mut in_item = false;
    let mut parser = Parser::new(xml);
    while let Some(event) = parser.next() {
        let event = event?;
        match event {
            Event::Start { name: "si", .. } => {
                text = RichText::default();
                in_item = true;
            }
            Event::End { name: "si" } if in_item => {
                let text = std::mem::take(&mut text).finish();
                strings.push(Shared { chars: text.chars().count(), text });
                in_item = false;
            }
            _ if in_item => text.feed(&event),
            _ => {}
        }
    }
    Ok(strings)
}

/// Collects the text of a string item (`<si>` or `<is>`) as calamine does.
#[derive(Default)]
struct RichText {
    out: String,
    phonetic: bool,
    /// Inside a `<t>`: whether it keeps its spaces, and its text so far.
    t: Option<(bool, String)>,
}

impl RichText {
    fn feed(&mut self, event: &Event) {
        match event {
            Event::Start { name: "rPh", .. } => self.phonetic = true,
            Event::End { name: "rPh" } => self.phonetic = false,
            Event::Start { name: "t", attrs, .. } if !self.phonetic => {
                let preserve = attr(attrs, "xml:space").as_deref() == Some("preserve");
                self.t = Some((preserve, String::new()));
            }
            Event::Text(raw) => {
                if let Some((_, text)) = &mut self.t {
                    unescape_into(raw, text);
                }
            }
            Event::CData(raw) => {
                if let Some((_, text)) = &mut self.t {
                    push_normalised(raw, text);
                }
            }
            Event::End { name: "t" } => {
                if let Some((preserve, text)) = self.t.take() {
                    let text = if preserve { text.as_str() } else { text.trim_matches([' ', '\t', '\r', '\n']) };
                    decode_ooxml_escapes(text, &mut self.out);
                }
            }
            _ => {}
        }
    }

    fn finish(self) -> String {
        self.out
    }
}

/// A cell's value as read: data, or a reference to a shared string (copied only once the cell is counted against
/// the caps: one long shared string referenced by millions of cells must not be copied millions of times).
enum Value {
    Data(Data),
    Shared(usize),
}

/// The characters of a value that is text (`None` for numbers, booleans, errors and the empty value).
fn text_chars(data: &Data) -> Option<usize> {
    match data {
        Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => Some(s.chars().count()),
        _ => None,
    }
}

/// Counts the distinct sheet rows that hold a value without keeping their cells: exactly while within the cap (a set
/// of at most cap + 1 row numbers); beyond it only rows above every row seen are counted, which is exact for rows in
/// order (as every program writes them) and a lower bound otherwise.
struct RowCount {
    cap: usize,
    rows: std::collections::BTreeSet<u32>,
    highest: u32,
    beyond: usize,
    last: Option<u32>,
}

impl RowCount {
    fn new(cap: usize) -> RowCount {
        RowCount { cap, rows: std::collections::BTreeSet::new(), highest: 0, beyond: 0, last: None }
    }

    fn add(&mut self, row: u32) {
        if self.last == Some(row) {
            return;
        }
        self.last = Some(row);
        if self.rows.len() <= self.cap {
            self.rows.insert(row);
            self.highest = self.highest.max(row);
        } else if row > self.highest {
            self.highest = row;
            self.beyond += 1;
        }
    }

    fn count(&self) -> usize {
        self.rows.len() + self.beyond
    }
}

/// What the values read so far add up to, against the caps on rows and on text.
struct Tally {
    caps: Caps,
    rows: RowCount,
    text: usize,
    over: bool,
}

impl Tally {
    fn new(caps: Caps) -> Tally {
        Tally { caps, rows: RowCount::new(caps.sheet_rows), text: 0, over: false }
    }

    /// Counts a value of `chars` characters in `row`. Whether its cell may be kept: no longer once the rows holding
    /// a value or the characters of all values have gone over their caps (the file is refused then, and what follows
    /// is only counted).
    fn keep(&mut self, row: u32, chars: usize) -> bool {
        self.rows.add(row);
        self.text = self.text.saturating_add(chars);
        self.over = self.over || self.rows.count() > self.caps.sheet_rows || self.text > self.caps.text_chars;
        !self.over
    }

    /// The refusal of a sheet over a cap, with the whole sheet's numbers.
    fn check(&self) -> Result<(), XlsxReadError> {
        if self.rows.count() > self.caps.sheet_rows {
            return Err(XlsxReadError::TooManyRows { rows: self.rows.count(), max: self.caps.sheet_rows });
        }
        if self.text > self.caps.text_chars {
            return Err(XlsxReadError::TooMuchText { chars: self.text, max: self.caps.text_chars });
        }
        Ok(())
    }
}

/// The worksheet's cells that have a value. Like calamine, a self-closing element counts as a start and an end
/// (`<c/>` takes a column), and a cell's value is that of its last `<v>`, `<is>` or `<f>` child (a formula alone
/// gives no value).
///
/// Held to `caps`: a value longer than `caps.cell_chars` is refused at once, naming its cell. Once the rows holding a
/// value or the characters of all values exceed their caps no more cells are kept (nor shared strings copied); the
/// rest is only counted, so that the refusal states the whole sheet's numbers.
fn sheet_cells(xml: &str, strings: &[Shared], caps: Caps) -> Result<Vec<Cell<Data>>, XlsxReadError> {
    sheet_parts(xml, strings, caps).map(|parts| parts.cells)
}

/// What a worksheet's XML holds besides its values: merged areas and hidden rows.
struct SheetParts {
    cells: Vec<Cell<Data>>,
    merges: Vec<Span>,
    hidden_rows: Vec<u32>,
}

/// [`sheet_cells`] with the sheet's merged areas (`<mergeCell ref="A4:A5"/>`) and hidden rows (`<row hidden="1">`).
fn sheet_parts(xml: &str, strings: &[Shared], caps: Caps) -> Result<SheetParts, XlsxReadError> {
    let mut merges = Vec::new();
    let mut hidden_rows = Vec::new();
    let mut cells = Vec::new();
    let mut tally = Tally::new(caps);
    let (mut row, mut col) = (0u32, 0u32);
    // The cell being read: its position and type, and its value so far.
    let mut cell: Option<(u32, u32, Option<String>)> = None;
    let mut current = Value::Data(Data::Empty);
    let mut v_text: Option<String> = None;
    let mut inline: Option<RichText> = None;
    let mut parser = Parser::new(xml);
    while let Some(event) = parser.next() {
        let event = event?;
        match &event {
            Event::Start { name: "row", attrs, .. } => {
                if let Some(r) = attr(attrs, "r") {
                    row = r.parse::<u32>().ok().and_then(|r| r.checked_sub(1)).ok_or_else(|| bad("row r"))?;
                }
                if matches!(attr(attrs, "hidden").as_deref(), Some("1" | "true")) && hidden_rows.len() < MAX_SHEET_ROWS
                {
                    hidden_rows.push(row);
                }
            }
            Event::Start { name: "mergeCell", attrs, .. } => {
                if let Some(span) = attr(attrs, "ref").as_deref().and_then(span_of) {
                    if merges.len() < MAX_SHEET_ROWS {
                        merges.push(span);
                    }
                }
            }
            Event::End { name: "row" } => {
                row = row.saturating_add(1);
                col = 0;
            }
            Event::Start { name: "c", attrs, .. } => {
                if let Some(r) = attr(attrs, "r") {
                    let (r_row, r_col) = cell_ref(&r).ok_or_else(|| bad("c r"))?;
                    row = r_row;
                    col = r_col;
                }
                cell = Some((row, col, attr(attrs, "t")));
                current = Value::Data(Data::Empty);
            }
            Event::End { name: "c" } => {
                if let Some((r, c, _)) = cell.take() {
                    let value = std::mem::replace(&mut current, Value::Data(Data::Empty));
                    let chars = match &value {
                        Value::Data(Data::Empty) => None,
                        Value::Data(data) => Some(text_chars(data).unwrap_or(0)),
                        Value::Shared(i) => Some(strings[*i].chars),
                    };
                    if let Some(chars) = chars {
                        if chars > caps.cell_chars {
                            return Err(XlsxReadError::CellTooLong {
                                cell: cell_name(r, c),
                                chars,
                                max: caps.cell_chars,
                            });
                        }
                        if tally.keep(r, chars) {
                            let data = match value {
                                Value::Data(data) => data,
                                Value::Shared(i) => Data::String(strings[i].text.clone()),
                            };
                            cells.push(Cell::new((r, c), data));
                        } else if !cells.is_empty() {
                            cells = Vec::new();
                        }
                    }
                    col = col.saturating_add(1);
                }
            }
            Event::Start { name: "v", .. } if cell.is_some() && inline.is_none() => {
                v_text = Some(String::new());
            }
            Event::End { name: "v" } if v_text.is_some() => {
                let text = v_text.take().unwrap_or_default();
                let ty = cell.as_ref().and_then(|(_, _, t)| t.as_deref());
                current = if matches!(ty, Some("inlineStr" | "is")) {
                    Value::Data(Data::Empty)
                } else {
                    value_of(ty, text, strings)?
                };
            }
            Event::Text(raw) if v_text.is_some() => {
                if let Some(v) = &mut v_text {
                    unescape_into(raw, v);
                }
            }
            Event::CData(raw) if v_text.is_some() => {
                if let Some(v) = &mut v_text {
                    push_normalised(raw, v);
                }
            }
            Event::Start { name: "is", .. } if cell.is_some() && inline.is_none() => {
                inline = Some(RichText::default());
            }
            Event::End { name: "is" } if inline.is_some() => {
                current = Value::Data(Data::String(inline.take().map(RichText::finish).unwrap_or_default()));
            }
            Event::Start { name: "f", .. } if cell.is_some() && inline.is_none() => {
                parser.skip_to_end("f")?;
                current = Value::Data(Data::Empty);
            }
            _ => {
                if let Some(text) = &mut inline {
                    text.feed(&event);
                }
            }
        }
    }
    tally.check()?;
    Ok(SheetParts { cells, merges, hidden_rows })
}

/// A `<v>`'s value by the cell's type, as calamine reads it (a shared string by its index, checked here).
fn value_of(ty: Option<&str>, v: String, strings: &[Shared]) -> Result<Value, XlsxReadError> {
    Ok(Value::Data(match ty {
        Some("s") => {
            if v.is_empty() {
                return Ok(Value::Data(Data::Empty));
            }
            let index: usize = v.trim().parse().map_err(|_| bad("shared string index"))?;
            if index >= strings.len() {
                return Err(bad("shared string index"));
            }
            return Ok(Value::Shared(index));
        }
        Some("str") => {
            let mut text = String::new();
            decode_ooxml_escapes(&v, &mut text);
            Data::String(text)
        }
        Some("b") => match v.trim() {
            "1" | "true" => Data::Bool(true),
            "0" | "false" => Data::Bool(false),
            _ => return Err(bad("boolean")),
        },
        Some("d") => Data::DateTimeIso(v),
        Some("e") => Data::Error(cell_error(&v).ok_or_else(|| bad("error value"))?),
        Some("n") | None => {
            if v.is_empty() {
                return Ok(Value::Data(Data::Empty));
            }
            match v.parse::<f64>() {
                Ok(n) => Data::Float(n),
                Err(_) if ty.is_none() => Data::String(v),
                Err(_) => return Err(bad("number")),
            }
        }
        Some(_) => return Err(bad("cell type")),
    }))
}

fn cell_error(v: &str) -> Option<CellErrorType> {
    Some(match v {
        "#DIV/0!" => CellErrorType::Div0,
        "#N/A" => CellErrorType::NA,
        "#NAME?" => CellErrorType::Name,
        "#NULL!" => CellErrorType::Null,
        "#NUM!" => CellErrorType::Num,
        "#REF!" => CellErrorType::Ref,
        "#VALUE!" => CellErrorType::Value,
        "#GETTING_DATA" => CellErrorType::GettingData,
        _ => return None,
    })
}

fn bad(what: &str) -> XlsxReadError {
    XlsxReadError::NotXlsx(format!("工作表格式错误（{what}）"))
}

impl From<XmlError> for XlsxReadError {
    fn from(e: XmlError) -> XlsxReadError {
        bad(&e.0)
    }
}

/// `A4:B5` → the merged area; a single cell (`A4`) is an area of one.
fn span_of(reference: &str) -> Option<Span> {
    let (first, last) = reference.split_once(':').unwrap_or((reference, reference));
    let ((first_row, first_col), (last_row, last_col)) = (cell_ref(first)?, cell_ref(last)?);
    (first_row <= last_row && first_col <= last_col).then_some(Span { first_row, first_col, last_row, last_col })
}

/// (6, 3) → `D7`: a cell's name as Excel shows it.
fn cell_name(row: u32, col: u32) -> String {
    let mut letters = Vec::new();
    let mut n = u64::from(col) + 1;
    while n > 0 {
        let digit = ((n - 1) % 26) as u8;
        letters.push(char::from(b'A' + digit));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect::<String>() + &(u64::from(row) + 1).to_string()
}

/// `B12` → (11, 1), 0-based.
fn cell_ref(r: &str) -> Option<(u32, u32)> {
    let digits = r.find(|c: char| c.is_ascii_digit())?;
    let (letters, number) = r.split_at(digits);
    if letters.is_empty() || letters.len() > 3 {
        return None;
    }
    let mut col = 0u32;
    for b in letters.bytes() {
        if !b.is_ascii_uppercase() {
            return None;
        }
        col = col * 26 + u32::from(b - b'A' + 1);
    }
    let row = number.parse::<u32>().ok()?.checked_sub(1)?;
    Some((row, col - 1))
}

/// Appends `text` with OOXML's `_xHHHH_` escapes (UTF-16 code units; surrogate pairs joined, a lone surrogate
/// becomes U+FFFD) decoded, as calamine does.
fn decode_ooxml_escapes(text: &str, out: &mut String) {
    let parse = |s: &str, at: usize| -> Option<u16> {
        let b = s.as_bytes();
        if b.len() >= at + 7 && &b[at..at + 2] == b"_x" && b[at + 6] == b'_' {
            let hex = &s[at + 2..at + 6];
            if hex.bytes().all(|c| c.is_ascii_hexdigit()) {
                return u16::from_str_radix(hex, 16).ok();
            }
        }
        None
    };
    let mut i = 0;
    let mut copied = 0;
    while let Some(found) = text[i..].find("_x") {
        let at = i + found;
        let Some(unit) = parse(text, at) else {
            i = at + 1;
            continue;
        };
        out.push_str(&text[copied..at]);
        let mut next = at + 7;
        let c = match unit {
            0xD800..=0xDBFF => match parse(text, next) {
                Some(low @ 0xDC00..=0xDFFF) => {
                    next += 7;
                    char::from_u32(0x10000 + ((u32::from(unit) - 0xD800) << 10) + (u32::from(low) - 0xDC00))
                }
                _ => None,
            },
            0xDC00..=0xDFFF => None,
            _ => char::from_u32(u32::from(unit)),
        };
        out.push(c.unwrap_or(char::REPLACEMENT_CHARACTER));
        i = next;
        copied = next;
    }
    out.push_str(&text[copied..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ooxml_escapes() {
        let mut out = String::new();
        decode_ooxml_escapes("_x000D__x005F_x0041_ _xD83D__xDE00_ _xD83D_ _x12_", &mut out);
        assert_eq!(out, "\r_x0041_ 😀 \u{FFFD} _x12_");
    }

    #[test]
    fn long_runs_of_comments_do_not_recurse() {
        let xml = format!("<row r=\"1\"><c r=\"A1\"><v>1{}</v></c></row>", "<!---->".repeat(300_000));
        assert_eq!(sheet_cells(&xml, &[], CAPS).unwrap().len(), 1);
        let xml = format!("<row>{}</row>", "<?x?>".repeat(300_000));
        assert!(sheet_cells(&xml, &[], CAPS).unwrap().is_empty());
    }

    #[test]
    fn cell_names() {
        assert_eq!(cell_name(6, 3), "D7");
        assert_eq!(cell_name(0, 25), "Z1");
        assert_eq!(cell_name(0, 26), "AA1");
        assert_eq!(cell_name(1_048_575, 16_383), "XFD1048576");
        assert_eq!(cell_name(u32::MAX, u32::MAX), "MWLQKWV4294967296");
        for (r, c) in [(0, 0), (9, 26), (3, 11), (99, 701), (5, 702), (7, 18_277)] {
            assert_eq!(cell_ref(&cell_name(r, c)), Some((r, c)));
        }
    }

    #[test]
    fn rows_are_counted_beyond_the_cap_without_keeping_them() {
        let mut rows = RowCount::new(3);
        for r in [5, 5, 1, 3, 1, 7, 7, 8, 9, 2, 10] {
            rows.add(r);
        }
        // Exact up to 4 distinct rows (5, 1, 3, 7), then the rows above the highest seen (8, 9, 10).
        assert_eq!(rows.count(), 7);
        assert!(rows.rows.len() <= 4);
    }

    #[test]
    fn nothing_is_kept_once_a_cap_is_exceeded_but_everything_is_counted() {
        let caps = Caps { cell_chars: 5, sheet_rows: 2, text_chars: 10 };
        let mut tally = Tally::new(caps);
        assert!(tally.keep(0, 5) && tally.keep(0, 0) && tally.keep(1, 5));
        assert!(tally.check().is_ok());
        assert!(!tally.keep(1, 1), "the 11th character is over the text cap");
        assert!(!tally.keep(1, 0), "and nothing after it is kept");
        assert!(matches!(tally.check(), Err(XlsxReadError::TooMuchText { chars: 11, max: 10 })));
        let mut tally = Tally::new(caps);
        assert!(tally.keep(7, 1) && tally.keep(3, 1) && tally.keep(7, 1));
        assert!(!tally.keep(9, 1) && !tally.keep(10, 1) && !tally.keep(2, 1));
        assert!(matches!(tally.check(), Err(XlsxReadError::TooManyRows { rows: 4, max: 2 })));

        // In a sheet: a shared string of 4 characters referenced 100 times is counted, and refused, without copies.
        let strings = [Shared { text: "四个字符".into(), chars: 4 }];
        let xml = "<row><c t=\"s\"><v>0</v></c></row>".repeat(100);
        assert!(matches!(sheet_cells(&xml, &strings, caps), Err(XlsxReadError::TooManyRows { rows: 100, max: 2 })));
        let caps = Caps { sheet_rows: 1000, ..caps };
        assert!(matches!(sheet_cells(&xml, &strings, caps), Err(XlsxReadError::TooMuchText { chars: 400, max: 10 })));
        let xml = "<row><c t=\"s\"><v>0</v></c><c><v>123456</v></c><c t=\"inlineStr\"><is><t>12345</t></is></c></row>";
        assert_eq!(sheet_cells(xml, &strings, Caps { text_chars: 9, ..caps }).unwrap().len(), 3);
        let xml = xml.replace("12345<", "123456<");
        assert!(matches!(
            sheet_cells(&xml, &strings, caps),
            Err(XlsxReadError::CellTooLong { cell, chars: 6, max: 5 }) if cell == "C1"
        ));
    }

    #[test]
    fn cell_refs() {
        assert_eq!(cell_ref("A1"), Some((0, 0)));
        assert_eq!(cell_ref("L4"), Some((3, 11)));
        assert_eq!(cell_ref("AA10"), Some((9, 26)));
        assert_eq!(cell_ref("XFD1048576"), Some((1_048_575, 16_383)));
        assert_eq!(cell_ref("A0"), None);
        assert_eq!(cell_ref("1"), None);
    }

    #[test]
    fn positions_never_overflow() {
        let xml =
            r#"<row r="4294967295"><c><v>1</v></c></row></row></row><c r="XFD1048576"><v>2</v></c><c><v>3</v></c>"#;
        let cells = sheet_cells(xml, &[], CAPS).unwrap();
        assert_eq!(cells.len(), 3);
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for xml in ["<a", "<![CDATA[x", "<!-- x", "<c r=\"A1\"><f>x", "<c r=\"A1\" t=\"s\"><v>9</v></c>"] {
            assert!(sheet_cells(xml, &[], CAPS).is_err(), "{xml}");
        }
    }
}
