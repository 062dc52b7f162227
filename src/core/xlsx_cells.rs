//! Reads the cells of an .xlsx's first worksheet into a calamine `Range<Data>`, for the import in the export worker.
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
//! The zip container is read with the `zip` crate rust_xlsxwriter already brings.

use std::io::{Cursor, Read};

use calamine::{Cell, CellErrorType, Data, Range};

use super::xlsx_reader::XlsxReadError;

/// The largest part (decompressed) this reader accepts: far above the official table of 5000 projects (~3 MB of
/// sheet XML), and a guard against zip bombs.
const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// The largest area (rows × columns, empty cells included) the read cells may span: the official table of 5000
/// projects spans ~60 000.
const MAX_RANGE_CELLS: u64 = 20_000_000;

/// The first worksheet's cells.
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx_writer::{write_xlsx, CreationTime};
/// # use shenbao::core::xlsx_cells::first_sheet;
/// let decl = Declaration { recommender: "武清区市场监管局".into(), ..Default::default() };
/// let created = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 0, second: 0 };
/// let range = first_sheet(&write_xlsx(&decl, &created)?)?;
/// assert_eq!(range.get_value((0, 0)), Some(&calamine::Data::String("附表".into())));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn first_sheet(bytes: &[u8]) -> Result<Range<Data>, XlsxReadError> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
        .map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
    let workbook = read_part(&mut zip, "xl/workbook.xml")?
        .ok_or_else(|| XlsxReadError::NotXlsx("缺少 xl/workbook.xml".into()))?;
    let rels = read_part(&mut zip, "xl/_rels/workbook.xml.rels")?.unwrap_or_default();
    let sheet_path = first_sheet_path(&workbook, &rels).ok_or(XlsxReadError::NoSheet)?;
    let sheet = read_part(&mut zip, &sheet_path)?.ok_or(XlsxReadError::NoSheet)?;
    let strings_path = relationship_target(&rels, |attrs| {
        attr(attrs, "Type").is_some_and(|t| t.ends_with("/sharedStrings"))
    })
        .unwrap_or_else(|| "xl/sharedStrings.xml".to_string());
    let strings = match read_part(&mut zip, &strings_path)? {
        Some(xml) => shared_strings(&xml)?,
        None => Vec::new(),
    };
    let cells = sheet_cells(&sheet, &strings)?;
    // `Range` is dense: a stray value far from the table would make it huge (and the worker run out of memory).
    let span = |f: fn(&Cell<Data>) -> u32| {
        let (lo, hi) = cells.iter().map(f).fold((u32::MAX, 0), |(lo, hi), v| (lo.min(v), hi.max(v)));
        u64::from(hi.saturating_sub(lo)) + 1
    };
    if !cells.is_empty() && span(|c| c.get_position().0) * span(|c| c.get_position().1) > MAX_RANGE_CELLS {
        return Err(XlsxReadError::NotXlsx("工作表中有离表格很远的内容，范围过大".into()));
    }
    Ok(Range::from_sparse(cells))
}

/// A part of the package as text; `None` when it is not there.
fn read_part(
    zip: &mut zip::ZipArchive<Cursor<&[u8]>>,
    name: &str,
) -> Result<Option<String>, XlsxReadError> {
    let file = match zip.by_name(name) {
        Ok(file) => file,
        Err(zip::result::ZipError::FileNotFound) => return Ok(None),
        Err(e) => return Err(XlsxReadError::NotXlsx(e.to_string())),
    };
    let mut bytes = Vec::new();
    file.take(MAX_PART_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
    if bytes.len() as u64 > MAX_PART_BYTES {
        return Err(XlsxReadError::NotXlsx(format!("{name} 过大")));
    }
    // A UTF-8 byte order mark is allowed; any other encoding is not.
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").map(<[u8]>::to_vec).unwrap_or(bytes);
    String::from_utf8(bytes)
        .map(Some)
        .map_err(|_| XlsxReadError::NotXlsx(format!("{name} 不是 UTF-8 编码")))
}

/// The package path of the workbook's first sheet (the first `<sheet>` of workbook.xml, through its relationship).
fn first_sheet_path(workbook: &str, rels: &str) -> Option<String> {
    let mut parser = Parser::new(workbook);
    let id = loop {
        if let Event::Start { name: "sheet", attrs, .. } = parser.next()?.ok()? {
            break attrs_iter(attrs).find(|(k, _)| k.ends_with(":id")).map(|(_, v)| v)?;
        }
    };
    relationship_target(rels, |attrs| attr(attrs, "Id").as_deref() == Some(id.as_str()))
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

/// The shared strings table.
fn shared_strings(xml: &str) -> Result<Vec<String>, XlsxReadError> {
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
                strings.push(std::mem::take(&mut text).finish());
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
                    let text = if preserve {
                        text.as_str()
                    } else {
                        text.trim_matches([' ', '\t', '\r', '\n'])
                    };
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

/// The worksheet's cells that have a value. Like calamine, a self-closing element counts as a start and an end
/// (`<c/>` takes a column), and a cell's value is that of its last `<v>`, `<is>` or `<f>` child (a formula alone
/// gives no value).
fn sheet_cells(xml: &str, strings: &[String]) -> Result<Vec<Cell<Data>>, XlsxReadError> {
    let mut cells = Vec::new();
    let (mut row, mut col) = (0u32, 0u32);
    // The cell being read: its position and type, and its value so far.
    let mut cell: Option<(u32, u32, Option<String>)> = None;
    let mut current = Data::Empty;
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
                current = Data::Empty;
            }
            Event::End { name: "c" } => {
                if let Some((r, c, _)) = cell.take() {
                    let value = std::mem::replace(&mut current, Data::Empty);
                    if value != Data::Empty {
                        cells.push(Cell::new((r, c), value));
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
                    Data::Empty
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
                current = Data::String(inline.take().map(RichText::finish).unwrap_or_default());
            }
            Event::Start { name: "f", .. } if cell.is_some() && inline.is_none() => {
                parser.skip_to_end("f")?;
                current = Data::Empty;
            }
            _ => {
                if let Some(text) = &mut inline {
                    text.feed(&event);
                }
            }
        }
    }
    Ok(cells)
}

/// A `<v>`'s value by the cell's type, as calamine reads it.
fn value_of(ty: Option<&str>, v: String, strings: &[String]) -> Result<Data, XlsxReadError> {
    Ok(match ty {
        Some("s") => {
            if v.is_empty() {
                return Ok(Data::Empty);
            }
            let index: usize = v.trim().parse().map_err(|_| bad("shared string index"))?;
            Data::String(strings.get(index).cloned().ok_or_else(|| bad("shared string index"))?)
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
                return Ok(Data::Empty);
            }
            match v.parse::<f64>() {
                Ok(n) => Data::Float(n),
                Err(_) if ty.is_none() => Data::String(v),
                Err(_) => return Err(bad("number")),
            }
        }
        Some(_) => return Err(bad("cell type")),
    })
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

/// Appends `text` with line ends normalised (`\r\n` and `\r` become `\n`), as an XML parser reports text.
fn push_normalised(text: &str, out: &mut String) {
    let mut rest = text;
    while let Some(i) = rest.find('\r') {
        out.push_str(&rest[..i]);
        out.push('\n');
        rest = &rest[i + 1..];
        rest = rest.strip_prefix('\n').unwrap_or(rest);
    }
    out.push_str(rest);
}

/// Appends the character data `raw` with its entity and character references resolved (an unknown or malformed
/// reference is kept as it is) and line ends normalised.
fn unescape_into(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        push_normalised(&rest[..amp], out);
        let after = &rest[amp + 1..];
        let resolved = after.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &after[..end];
            let c = match name {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = if let Some(hex) = name.strip_prefix("#x").or_else(|| name.strip_prefix("#X")) {
                        u32::from_str_radix(hex, 16).ok()?
                    } else {
                        name.strip_prefix('#')?.parse::<u32>().ok()?
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end))
        });
        match resolved {
            Some((c, end)) => {
                out.push(c);
                rest = &after[end + 1..];
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    push_normalised(rest, out);
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

// ---- A small XML pull parser: enough for the package parts of a spreadsheet ----

#[derive(Debug, PartialEq)]
enum Event<'a> {
    /// A start tag (its local name, without a namespace prefix) and its raw attributes.
    Start { name: &'a str, attrs: &'a str, self_closing: bool },
    End { name: &'a str },
    /// Raw character data (references not yet resolved).
    Text(&'a str),
    CData(&'a str),
}

struct Parser<'a> {
    xml: &'a str,
    pos: usize,
    /// The end of a self-closing element just reported (reported next, as quick-xml does with
    /// `expand_empty_elements`, which calamine sets: `<c/>` is a start and an end).
    pending_end: Option<&'a str>,
}

impl<'a> Parser<'a> {
    fn new(xml: &'a str) -> Parser<'a> {
        Parser { xml, pos: 0, pending_end: None }
    }

    fn next(&mut self) -> Option<Result<Event<'a>, XlsxReadError>> {
        if let Some(name) = self.pending_end.take() {
            return Some(Ok(Event::End { name }));
        }
        let rest = &self.xml[self.pos..];
        if rest.is_empty() {
            return None;
        }
        if !rest.starts_with('<') {
            let end = rest.find('<').unwrap_or(rest.len());
            self.pos += end;
            return Some(Ok(Event::Text(&rest[..end])));
        }
        let skip = |this: &mut Self, close: &str, open_len: usize| -> Option<&'a str> {
            let body_start = this.pos + open_len;
            let end = this.xml[body_start..].find(close)?;
            this.pos = body_start + end + close.len();
            Some(&this.xml[body_start..body_start + end])
        };
        if rest.starts_with("<![CDATA[") {
            return Some(skip(self, "]]>", 9).map(Event::CData).ok_or_else(|| bad("CDATA")));
        }
        if rest.starts_with("<!--") {
            return match skip(self, "-->", 4) {
                Some(_) => self.next(),
                None => Some(Err(bad("comment"))),
            };
        }
        if rest.starts_with("<?") || rest.starts_with("<!") {
            return match skip(self, ">", 2) {
                Some(_) => self.next(),
                None => Some(Err(bad("declaration"))),
            };
        }
        // A tag: find its end outside quoted attribute values.
        let bytes = rest.as_bytes();
        let mut quote = None;
        let mut end = None;
        for (i, &b) in bytes.iter().enumerate().skip(1) {
            match (quote, b) {
                (Some(q), _) if b == q => quote = None,
                (Some(_), _) => {}
                (None, b'"' | b'\'') => quote = Some(b),
                (None, b'>') => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else { return Some(Err(bad("tag"))) };
        self.pos += end + 1;
        let inner = &rest[1..end];
        if let Some(name) = inner.strip_prefix('/') {
            return Some(Ok(Event::End { name: local(name.trim_end()) }));
        }
        let (inner, self_closing) = match inner.strip_suffix('/') {
            Some(inner) => (inner, true),
            None => (inner, false),
        };
        let name_end = inner.find(|c: char| c.is_ascii_whitespace()).unwrap_or(inner.len());
        let name = local(&inner[..name_end]);
        if self_closing {
            self.pending_end = Some(name);
        }
        Some(Ok(Event::Start { name, attrs: &inner[name_end..], self_closing }))
    }

    /// Skips everything up to and including the end tag of `name` (its start tag was just read).
    fn skip_to_end(&mut self, name: &str) -> Result<(), XlsxReadError> {
        let mut depth = 0usize;
        while let Some(event) = self.next() {
            match event? {
                Event::Start { name: n, .. } if n == name => depth += 1,
                Event::End { name: n } if n == name => {
                    if depth == 0 {
                        return Ok(());
                    }
                    depth -= 1;
                }
                _ => {}
            }
        }
        Err(bad(name))
    }
}

/// `x:c` → `c`.
fn local(name: &str) -> &str {
    name.rsplit(':').next().unwrap_or(name)
}

/// The attributes of a start tag: (name as written, value with references resolved).
fn attrs_iter(attrs: &str) -> impl Iterator<Item = (&str, String)> {
    let mut rest = attrs;
    std::iter::from_fn(move || {
        let eq = rest.find('=')?;
        let name = rest[..eq].trim();
        let after = rest[eq + 1..].trim_start();
        let quote = after.chars().next().filter(|c| *c == '"' || *c == '\'')?;
        let close = after[1..].find(quote)?;
        let mut value = String::new();
        unescape_into(&after[1..1 + close], &mut value);
        rest = &after[close + 2..];
        Some((name, value))
    })
}

/// The value of the attribute written exactly `name` (e.g. `r`, `xml:space`).
fn attr(attrs: &str, name: &str) -> Option<String> {
    attrs_iter(attrs).find(|(k, _)| *k == name).map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parser_events() {
        let xml = r#"<?xml version="1.0"?><x:a b="1 &amp; 2" c='>'><!-- no --><t>a&lt;b</t><![CDATA[<z>]]><e/></x:a>"#;
        let mut p = Parser::new(xml);
        let mut events = Vec::new();
        while let Some(e) = p.next() {
            events.push(e.unwrap());
        }
        assert_eq!(
            events,
            vec![
                Event::Start { name: "a", attrs: r#" b="1 &amp; 2" c='>'"#, self_closing: false },
                Event::Start { name: "t", attrs: "", self_closing: false },
                Event::Text("a&lt;b"),
                Event::End { name: "t" },
                Event::CData("<z>"),
                Event::Start { name: "e", attrs: "", self_closing: true },
                Event::End { name: "e" },
                Event::End { name: "a" },
            ]
        );
        assert_eq!(attr(r#" b="1 &amp; 2" c='>'"#, "b").as_deref(), Some("1 & 2"));
        assert_eq!(attr(r#" b="1 &amp; 2" c='>'"#, "c").as_deref(), Some(">"));
    }

    #[test]
    fn references_and_escapes() {
        let mut out = String::new();
        unescape_into("a&#x4E2D;&#25991;&bogus;&amp\r\nb\rc", &mut out);
        assert_eq!(out, "a中文&bogus;&amp\nb\nc");
        let mut out = String::new();
        decode_ooxml_escapes("_x000D__x005F_x0041_ _xD83D__xDE00_ _xD83D_ _x12_", &mut out);
        assert_eq!(out, "\r_x0041_ 😀 \u{FFFD} _x12_");
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
        let xml = r#"<row r="4294967295"><c><v>1</v></c></row></row></row><c r="XFD1048576"><v>2</v></c><c><v>3</v></c>"#;
        let cells = sheet_cells(xml, &[]).unwrap();
        assert_eq!(cells.len(), 3);
    }

    #[test]
    fn malformed_xml_is_an_error_not_a_panic() {
        for xml in ["<a", "<![CDATA[x", "<!-- x", "<c r=\"A1\"><f>x", "<c r=\"A1\" t=\"s\"><v>9</v></c>"] {
            assert!(sheet_cells(xml, &[]).is_err(), "{xml}");
        }
    }
}
