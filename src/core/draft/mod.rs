//! The draft format: a versioned envelope around a declaration, its migrations and its decoding errors.
//!
//! # Format
//!
//! A draft is UTF-8 JSON. The current version (1) is an envelope:
//!
//! ```json
//! { "format": "shenbao-draft", "version": 1, "saved_at": "2021-05-06T10:42:05",
//!   "app_version": "0.1.0", "writer": "t3k9x2", "seq": 17, "declaration": { ... } }
//! ```
//!
//! - `saved_at`: local time `YYYY-MM-DDTHH:MM:SS` (empty when unknown, e.g. after migrating a v0 file);
//! - `writer`: the id of the browser tab that saved it (empty when unknown);
//! - `seq`: a save counter that every tab continues from the highest one it has seen, so across tabs and
//!   across the two stored copies (localStorage and the IndexedDB journal) a higher `seq` is newer work;
//! - `declaration`: every field of [`Declaration`] and of each [`crate::core::ProjectRow`], all present.
//!
//! Version 0 is a bare [`Declaration`] object without an envelope (what a hand-made or older file looks
//! like); missing fields there mean empty text and missing row ids are assigned. It is migrated to 1.
//!
//! # Decoding never guesses
//!
//! [`decode`] returns a typed [`DraftError`] (plain Chinese `Display`) for anything it cannot read in full:
//! there is no fallback to an empty or default declaration, so a caller can never overwrite a stored draft
//! with nothing. The form's own limits (2,000 characters of 备注 …) are not the decoder's business: such a
//! value is read in full and flagged by the rules. Only the hard caps of [`crate::core::limits`] ([`MAX_ROWS`],
//! [`MAX_CELL_CHARS`], [`MAX_DRAFT_BYTES`]) stop a draft file, with the numbers in the message.
//!
//! [`decode_partial`] reads a stored draft as far as it goes: beyond a hard cap it keeps the first
//! [`MAX_ROWS`] rows and the first [`MAX_CELL_CHARS`] characters of a value, and lists what it left out, so
//! a stored draft is never shown as an empty table (the caller keeps the raw text and tells the user).

use std::cmp::Ordering;
use std::collections::HashSet;

use thiserror::Error;

pub mod json;

use crate::core::model::{Declaration, ProjectRow, RowField, TableField};
use crate::core::text::{file_name_part, Forbidden};
use json::{Json, JsonError};

/// A JSON object's members, in text order (see [`Json::Object`]).
type Obj = Vec<(String, Json)>;

/// The value of `key` (its last occurrence, as serde_json's map keeps the last).
fn get<'a>(obj: &'a Obj, key: &str) -> Option<&'a Json> {
    obj.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

fn get_mut<'a>(obj: &'a mut Obj, key: &str) -> Option<&'a mut Json> {
    obj.iter_mut().rev().find(|(k, _)| k == key).map(|(_, v)| v)
}

/// Adds `key` with `value` unless it is there.
fn or_insert(obj: &mut Obj, key: &str, value: Json) {
    if get(obj, key).is_none() {
        obj.push((key.to_string(), value));
    }
}

/// The value of the envelope's `format` key.
pub const FORMAT: &str = "shenbao-draft";
/// The version [`encode`] writes.
pub const CURRENT_VERSION: u64 = 1;
use crate::core::limits::{MAX_CELL_CHARS, MAX_DRAFT_BYTES, MAX_META_CHARS, MAX_ROWS};

/// A decoded draft: the declaration and what the envelope says about the save.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    /// The format version the text was written in (0 for a bare declaration); the envelope itself is
    /// always migrated to [`CURRENT_VERSION`].
    pub from_version: u64,
    /// Local time of the save, `YYYY-MM-DDTHH:MM:SS`, or empty when unknown.
    pub saved_at: String,
    /// The app version that saved it, or empty when unknown.
    pub app_version: String,
    /// The tab id that saved it, or empty when unknown.
    pub writer: String,
    /// The save counter (0 when unknown).
    pub seq: u64,
    /// The declaration itself.
    pub declaration: Declaration,
}

/// Why a text is not a readable draft. `Display` is one plain Chinese sentence for the user.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DraftError {
    /// The text is empty or only whitespace.
    #[error("草稿是空的")]
    Empty,
    /// The text is larger than [`MAX_DRAFT_BYTES`].
    #[error("文件太大（{} MB），不是本工具的草稿", .bytes / (1024 * 1024))]
    TooLarge {
        /// Its size in bytes.
        bytes: usize,
    },
    /// The JSON ends in the middle (a cut-off copy or download).
    #[error("内容不完整：文件在中途被截断")]
    Truncated,
    /// Not JSON at all.
    #[error("不是有效的 JSON（第 {line} 行第 {column} 列附近出错）")]
    NotJson {
        /// 1-based line of the error.
        line: usize,
        /// 1-based column of the error.
        column: usize,
    },
    /// Valid JSON, but not a draft of this tool.
    #[error("不是本工具的草稿")]
    NotOurs,
    /// Written by a newer version of this tool.
    #[error("草稿来自更新的版本 (v{0})，请更新页面")]
    FromNewer(u64),
    /// A required part is missing.
    #[error("内容不完整：缺少{0}")]
    Incomplete(String),
    /// A value has the wrong type.
    #[error("内容有误：{place}应为{expected}")]
    WrongType {
        /// Where, in words (e.g. `第 3 行的“项目名称”`).
        place: String,
        /// What it should be, in words (e.g. `文字`).
        expected: &'static str,
    },
    /// A key this version does not know (nothing is dropped silently).
    #[error("内容有误：{place}含有本工具不认识的“{key}”")]
    UnknownField {
        /// Where, in words.
        place: String,
        /// The unknown key.
        key: String,
    },
    /// More rows than [`MAX_ROWS`].
    #[error("项目行太多（{rows} 行），本工具一张表最多 {max} 行", max = MAX_ROWS)]
    TooManyRows {
        /// How many rows the draft holds.
        rows: usize,
    },
    /// A text longer than a hard cap ([`MAX_CELL_CHARS`], [`MAX_META_CHARS`]).
    #[error("{place}太长（{chars} 字），一个单元格最多 {max} 字")]
    TooLong {
        /// Where, in words.
        place: String,
        /// Its length in characters.
        chars: usize,
        /// The limit.
        max: usize,
    },
}

/// The envelope's save information, read without decoding the declaration (cheap: used before each save).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Meta {
    /// The format version of the text (0 for a bare declaration).
    pub version: u64,
    /// See [`Envelope::saved_at`].
    pub saved_at: String,
    /// See [`Envelope::writer`].
    pub writer: String,
    /// See [`Envelope::seq`].
    pub seq: u64,
}

impl Envelope {
    /// The save information of this envelope.
    pub fn meta(&self) -> Meta {
        Meta { version: self.from_version, saved_at: self.saved_at.clone(), writer: self.writer.clone(), seq: self.seq }
    }
}

/// Which of two saves is newer: the higher `seq` (a counter continued across tabs), then the later
/// `saved_at`. `Equal` means neither can be told newer (the caller picks its preferred copy).
pub fn compare_saves(a: &Meta, b: &Meta) -> Ordering {
    a.seq.cmp(&b.seq).then_with(|| a.saved_at.cmp(&b.saved_at))
}

#[cfg(test)]
#[derive(serde::Serialize)]
struct EnvelopeOut<'a> {
    format: &'static str,
    version: u64,
    saved_at: &'a str,
    app_version: &'a str,
    writer: &'a str,
    seq: u64,
    declaration: &'a Declaration,
}

/// Encodes a declaration as a compact current-version draft (what autosave stores).
///
/// Hand-written (byte-identical to `serde_json::to_string` of the envelope; tested) because it runs on the
/// main thread on every autosave and serde_json's writer is several times slower under `opt-level = "z"`.
pub fn encode(decl: &Declaration, saved_at: &str, app_version: &str, writer: &str, seq: u64) -> String {
    // A hint from the first row, bounded: a long first value times many rows must not overflow (wasm32) or
    // reserve gigabytes.
    let row_guess: usize = decl.rows.first().map_or(0, |r| RowField::ALL.iter().map(|f| r.get(*f).len() + 24).sum());
    let guess = row_guess.saturating_mul(decl.rows.len()).saturating_mul(5) / 4;
    let mut out = String::with_capacity(256 + guess.min(crate::core::limits::MAX_TABLE_BYTES));
    out.push_str("{\"format\":");
    push_json_str(&mut out, FORMAT);
    out.push_str(",\"version\":");
    out.push_str(&CURRENT_VERSION.to_string());
    for (key, value) in [("saved_at", saved_at), ("app_version", app_version), ("writer", writer)] {
        out.push_str(",\"");
        out.push_str(key);
        out.push_str("\":");
        push_json_str(&mut out, value);
    }
    out.push_str(",\"seq\":");
    out.push_str(&seq.to_string());
    out.push_str(",\"declaration\":{");
    for f in TableField::ALL {
        out.push('"');
        out.push_str(f.key());
        out.push_str("\":");
        push_json_str(&mut out, decl.table_value(f));
        out.push(',');
    }
    out.push_str("\"rows\":[");
    for (i, row) in decl.rows.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"id\":");
        out.push_str(&row.id.to_string());
        for f in RowField::ALL {
            out.push_str(",\"");
            out.push_str(f.key());
            out.push_str("\":");
            push_json_str(&mut out, row.get(f));
        }
        out.push('}');
    }
    out.push_str("]}}");
    out
}

/// Appends `s` as a JSON string literal, escaping exactly as serde_json does.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Only ASCII bytes get here, so `start..i` is on char boundaries.
        out.push_str(&s[start..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

/// Encodes a declaration as an indented, human-readable current-version draft (the downloadable file).
pub fn encode_pretty(decl: &Declaration, saved_at: &str, app_version: &str, writer: &str, seq: u64) -> String {
    // The layout of `serde_json::to_string_pretty` (tested byte for byte): two-space indents, `"key": value`.
    let mut out = String::with_capacity(512 + decl.rows.len() * 600);
    let key = |out: &mut String, indent: &str, k: &str| {
        out.push_str(indent);
        out.push('"');
        out.push_str(k);
        out.push_str("\": ");
    };
    out.push_str("{\n");
    key(&mut out, "  ", "format");
    push_json_str(&mut out, FORMAT);
    out.push_str(",\n");
    key(&mut out, "  ", "version");
    out.push_str(&CURRENT_VERSION.to_string());
    for (k, v) in [("saved_at", saved_at), ("app_version", app_version), ("writer", writer)] {
        out.push_str(",\n");
        key(&mut out, "  ", k);
        push_json_str(&mut out, v);
    }
    out.push_str(",\n");
    key(&mut out, "  ", "seq");
    out.push_str(&seq.to_string());
    out.push_str(",\n");
    key(&mut out, "  ", "declaration");
    out.push_str("{\n");
    for f in TableField::ALL {
        key(&mut out, "    ", f.key());
        push_json_str(&mut out, decl.table_value(f));
        out.push_str(",\n");
    }
    key(&mut out, "    ", "rows");
    if decl.rows.is_empty() {
        out.push_str("[]");
    } else {
        out.push_str("[\n");
        for (i, row) in decl.rows.iter().enumerate() {
            if i > 0 {
                out.push_str(",\n");
            }
            out.push_str("      {\n");
            key(&mut out, "        ", "id");
            out.push_str(&row.id.to_string());
            for f in RowField::ALL {
                out.push_str(",\n");
                key(&mut out, "        ", f.key());
                push_json_str(&mut out, row.get(f));
            }
            out.push_str("\n      }");
        }
        out.push_str("\n    ]");
    }
    out.push_str("\n  }\n}\n");
    out
}

fn parse(text: &str) -> Result<Json, DraftError> {
    if text.len() > MAX_DRAFT_BYTES {
        return Err(DraftError::TooLarge { bytes: text.len() });
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DraftError::Empty);
    }
    json::parse(text).map_err(|e| match e {
        JsonError::Eof => DraftError::Truncated,
        JsonError::Syntax { line, column } => DraftError::NotJson { line, column },
    })
}

/// The version of a parsed text: `Ok(0)` for a bare declaration, the envelope's version otherwise.
fn version_of(obj: &Obj) -> Result<u64, DraftError> {
    match get(obj, "format") {
        None => {
            if obj.iter().any(|(k, _)| is_declaration_key(k)) {
                Ok(0)
            } else {
                Err(DraftError::NotOurs)
            }
        }
        Some(Json::String(f)) if f == FORMAT => match get(obj, "version") {
            None => Err(DraftError::Incomplete("版本号（version）".into())),
            Some(v) => match v.as_u64() {
                Some(0) | None => {
                    Err(DraftError::WrongType { place: "版本号（version）".into(), expected: "正整数" })
                }
                Some(n) if n > CURRENT_VERSION => Err(DraftError::FromNewer(n)),
                Some(n) => Ok(n),
            },
        },
        Some(_) => Err(DraftError::NotOurs),
    }
}

fn is_declaration_key(k: &str) -> bool {
    k == "rows" || TableField::from_key(k).is_some()
}

/// Migration 0 → 1: wraps a bare declaration in an envelope with unknown save information, fills
/// missing text fields with empty text and gives rows without an id a fresh one.
fn migrate_0_to_1(obj: Obj) -> Obj {
    let mut decl = obj;
    for f in TableField::ALL {
        or_insert(&mut decl, f.key(), Json::String(String::new()));
    }
    or_insert(&mut decl, "rows", Json::Array(Vec::new()));
    if let Some(Json::Array(rows)) = get_mut(&mut decl, "rows") {
        let mut next_id = rows.iter().filter_map(|r| r.get("id").and_then(Json::as_u64)).max().unwrap_or(0);
        for row in rows.iter_mut() {
            if let Json::Object(row) = row {
                for f in RowField::ALL {
                    or_insert(row, f.key(), Json::String(String::new()));
                }
                if get(row, "id").is_none() {
                    next_id = next_id.saturating_add(1);
                    row.push(("id".into(), Json::Number(next_id.to_string())));
                }
            }
        }
    }
    let text = |s: &str| Json::String(s.to_string());
    vec![
        ("format".into(), text(FORMAT)),
        ("version".into(), Json::Number("1".into())),
        ("saved_at".into(), text("")),
        ("app_version".into(), text("")),
        ("writer".into(), text("")),
        ("seq".into(), Json::Number("0".into())),
        ("declaration".into(), Json::Object(decl)),
    ]
}

/// Decodes a draft of any known version into a current [`Envelope`], or says why it cannot.
///
/// Never panics and never returns a default: every field must be present (after migration) with the right
/// type and within the limits; unknown keys are refused so that nothing is dropped unnoticed. Duplicate row
/// ids (which would confuse keyed lists) are renumbered; no text is changed.
pub fn decode(text: &str) -> Result<Envelope, DraftError> {
    let (envelope, mut over_caps) = decode_partial(text)?;
    match over_caps.is_empty() {
        true => Ok(envelope),
        false => Err(over_caps.swap_remove(0)),
    }
}

/// Decodes a draft as far as it goes: like [`decode`], but a draft beyond a hard cap ([`MAX_ROWS`] rows, a value
/// of more than [`MAX_CELL_CHARS`] characters) is not refused. Its first [`MAX_ROWS`] rows and the first
/// [`MAX_CELL_CHARS`] characters of each value are kept, and every cut is listed ([`DraftError::TooManyRows`],
/// [`DraftError::TooLong`]) for the caller to report. For stored drafts, which must never be shown as an empty
/// table; a draft file the user imports is refused instead ([`decode`]).
pub fn decode_partial(text: &str) -> Result<(Envelope, Vec<DraftError>), DraftError> {
    let Json::Object(obj) = parse(text)? else {
        return Err(DraftError::NotOurs);
    };
    let from_version = version_of(&obj)?;
    let mut obj = obj;
    let mut version = from_version;
    while version < CURRENT_VERSION {
        obj = match version {
            0 => migrate_0_to_1(obj),
            _ => return Err(DraftError::NotOurs),
        };
        version += 1;
    }
    let mut over_caps = Vec::new();
    let envelope = read_v1(obj, from_version, &mut over_caps)?;
    Ok((envelope, over_caps))
}

/// Reads only the envelope's save information (for the check before each save); a bare declaration gives
/// version 0 with unknown save information. Errors as [`decode`] for anything but the declaration's body.
pub fn peek_meta(text: &str) -> Result<Meta, DraftError> {
    let trimmed = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() <= MAX_DRAFT_BYTES {
        if let Ok(top) = json::parse(trimmed) {
            let s = |k: &str| top.get(k).and_then(Json::as_str);
            let n = |k: &str| top.get(k).and_then(Json::as_u64);
            if let (Some(FORMAT), Some(v), Some(saved_at), Some(writer), Some(seq)) =
                (s("format"), n("version"), s("saved_at"), s("writer"), n("seq"))
            {
                if (1..=CURRENT_VERSION).contains(&v) {
                    return Ok(Meta { version: v, saved_at: saved_at.to_string(), writer: writer.to_string(), seq });
                }
            }
        }
    }
    // Anything unusual: the exact path for the right error (or a v0 file).
    decode(text).map(|e| e.meta())
}

/// The value of `key`, to be moved out of (the place is only put in words when it is missing).
fn take<'a>(obj: &'a mut Obj, key: &str, what: impl FnOnce() -> String) -> Result<&'a mut Json, DraftError> {
    get_mut(obj, key).ok_or_else(|| DraftError::Incomplete(what()))
}

/// Moves a string value out (it is read once); one longer than `max` characters is an error.
fn text_of(v: &mut Json, place: impl FnOnce() -> String, max: usize) -> Result<String, DraftError> {
    let mut cut = Vec::new();
    let text = value_of(v, place, max, &mut cut)?;
    match cut.pop() {
        Some(e) => Err(e),
        None => Ok(text),
    }
}

/// Moves a field's string value out; one longer than `max` characters is cut there and the cut listed in
/// `over_caps` (see [`decode_partial`]).
fn value_of(
    v: &mut Json,
    place: impl FnOnce() -> String,
    max: usize,
    over_caps: &mut Vec<DraftError>,
) -> Result<String, DraftError> {
    let Json::String(s) = v else {
        return Err(DraftError::WrongType { place: place(), expected: "文字" });
    };
    let mut s = std::mem::take(s);
    if crate::core::limits::longer_than(&s, max) {
        over_caps.push(DraftError::TooLong { place: place(), chars: s.chars().count(), max });
        if let Some((at, _)) = s.char_indices().nth(max) {
            s.truncate(at);
        }
    }
    Ok(s)
}

fn u64_of(v: &Json, place: impl FnOnce() -> String) -> Result<u64, DraftError> {
    v.as_u64().ok_or_else(|| DraftError::WrongType { place: place(), expected: "非负整数" })
}

fn check_keys(obj: &Obj, allowed: &[&str], place: impl Fn() -> String) -> Result<(), DraftError> {
    // The first unknown key in sorted order (as serde_json's sorted map reported it before).
    match obj.iter().map(|(k, _)| k).filter(|k| !allowed.contains(&k.as_str())).min() {
        Some(k) => Err(DraftError::UnknownField { place: place(), key: k.clone() }),
        None => Ok(()),
    }
}

const ENVELOPE_KEYS: [&str; 7] = ["format", "version", "saved_at", "app_version", "writer", "seq", "declaration"];

fn read_v1(mut obj: Obj, from_version: u64, over_caps: &mut Vec<DraftError>) -> Result<Envelope, DraftError> {
    check_keys(&obj, &ENVELOPE_KEYS, || "草稿".into())?;
    let mut meta = |key: &str, what: &str| -> Result<String, DraftError> {
        text_of(take(&mut obj, key, || what.to_string())?, || what.to_string(), MAX_META_CHARS)
    };
    let saved_at = meta("saved_at", "保存时间（saved_at）")?;
    if !saved_at.is_empty() && !is_timestamp(&saved_at) {
        return Err(DraftError::WrongType {
            place: "保存时间（saved_at）".into(),
            expected: "“年-月-日T时:分:秒”格式的时间",
        });
    }
    let app_version = meta("app_version", "版本（app_version）")?;
    let writer = meta("writer", "保存者（writer）")?;
    let seq = u64_of(take(&mut obj, "seq", || "保存序号（seq）".into())?, || "保存序号（seq）".into())?;
    let Json::Object(decl) = take(&mut obj, "declaration", || "申报表内容（declaration）".into())? else {
        return Err(DraftError::WrongType { place: "申报表内容（declaration）".into(), expected: "对象" });
    };
    let declaration = read_declaration(decl, over_caps)?;
    Ok(Envelope { from_version, saved_at, app_version, writer, seq, declaration })
}

fn read_declaration(obj: &mut Obj, over_caps: &mut Vec<DraftError>) -> Result<Declaration, DraftError> {
    let mut allowed: Vec<&str> = TableField::ALL.iter().map(|f| f.key()).collect();
    allowed.push("rows");
    check_keys(obj, &allowed, || "申报表".into())?;
    let mut decl = Declaration::default();
    for f in TableField::ALL {
        let what = || format!("“{}”", f.label());
        *decl.table_value_mut(f) = value_of(take(obj, f.key(), what)?, what, MAX_CELL_CHARS, over_caps)?;
    }
    let Json::Array(rows) = take(obj, "rows", || "项目行（rows）".into())? else {
        return Err(DraftError::WrongType { place: "项目行（rows）".into(), expected: "列表" });
    };
    if rows.len() > MAX_ROWS {
        over_caps.push(DraftError::TooManyRows { rows: rows.len() });
        rows.truncate(MAX_ROWS);
    }
    let mut row_keys: Vec<&str> = RowField::ALL.iter().map(|f| f.key()).collect();
    row_keys.push("id");
    decl.rows.reserve(rows.len());
    for (i, row) in rows.iter_mut().enumerate() {
        let n = i + 1;
        let Json::Object(row) = row else {
            return Err(DraftError::WrongType { place: format!("第 {n} 行"), expected: "对象" });
        };
        check_keys(row, &row_keys, || format!("第 {n} 行"))?;
        let mut out = ProjectRow {
            id: u64_of(take(row, "id", || format!("第 {n} 行的编号（id）"))?, || {
                format!("第 {n} 行的编号（id）")
            })?,
            ..ProjectRow::default()
        };
        for f in RowField::ALL {
            let what = || format!("第 {n} 行的“{}”", f.label());
            *out.get_mut(f) = value_of(take(row, f.key(), what)?, what, MAX_CELL_CHARS, over_caps)?;
        }
        decl.rows.push(out);
    }
    renumber_duplicate_ids(&mut decl);
    Ok(decl)
}

/// Gives every row whose id repeats an earlier row's id a fresh one (text is never touched).
fn renumber_duplicate_ids(decl: &mut Declaration) {
    let mut seen = HashSet::with_capacity(decl.rows.len());
    let mut dups = Vec::new();
    for (i, r) in decl.rows.iter().enumerate() {
        if !seen.insert(r.id) {
            dups.push(i);
        }
    }
    if dups.is_empty() {
        return;
    }
    let mut next = decl.next_row_id();
    for i in dups {
        while seen.contains(&next) {
            next = next.saturating_add(1);
        }
        decl.rows[i].id = next;
        seen.insert(next);
    }
}

/// True for `YYYY-MM-DDTHH:MM:SS` (digits in the right places; ranges are not checked).
pub fn is_timestamp(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 19
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            10 => *c == b'T',
            13 | 16 => *c == b':',
            _ => c.is_ascii_digit(),
        })
}

/// The most characters of the name part of [`draft_file_name`].
const MAX_NAME_CHARS: usize = 40;

/// A part of a draft's file name: made safe, what a file name may not hold separating words.
fn clean_name(text: &str) -> String {
    file_name_part(text, MAX_NAME_CHARS, Forbidden::Space)
}

/// A readable, Windows-safe file name for a downloaded draft: `申报表草稿_<推荐单位>_<date>.json`, or named
/// after the first unit (`<单位>等N家` when several) when 推荐单位 is empty, or `未命名` when nothing is typed.
pub fn draft_file_name(decl: &Declaration, date: &str) -> String {
    let recommender = clean_name(&decl.recommender);
    let name = if !recommender.is_empty() {
        recommender
    } else {
        let mut units: Vec<String> = Vec::new();
        for r in &decl.rows {
            let u = clean_name(&r.unit_name);
            if !u.is_empty() && !units.contains(&u) {
                units.push(u);
            }
        }
        match units.len() {
            0 => "未命名".to_string(),
            1 => units.swap_remove(0),
            n => format!("{}等{n}家", units[0]),
        }
    };
    let date = clean_name(date);
    if date.is_empty() {
        format!("申报表草稿_{name}.json")
    } else {
        format!("申报表草稿_{name}_{date}.json")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample(rows: usize) -> Declaration {
        Declaration {
            recommender: "天津市武清区".into(),
            rows: (0..rows)
                .map(|i| ProjectRow { id: i as u64 + 1, unit_name: format!("单位{i}"), ..ProjectRow::default() })
                .collect(),
            ..Declaration::default()
        }
    }

    #[test]
    fn hand_encoder_equals_serde_json() {
        let mut d = sample(3);
        d.rows[1].remarks = "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} 中文 😀 \u{2028}".into();
        d.filler = "\u{1}x\u{1b}".into();
        d.rows[2].id = u64::MAX;
        for (at, app, w, seq) in [("2021-05-06T10:42:05", "0.1.0", "w\"", 9), ("", "", "", 0), ("", "", "x", u64::MAX)]
        {
            let out = EnvelopeOut {
                format: FORMAT,
                version: CURRENT_VERSION,
                saved_at: at,
                app_version: app,
                writer: w,
                seq,
                declaration: &d,
            };
            assert_eq!(encode(&d, at, app, w, seq), serde_json::to_string(&out).expect("serde"));
        }
        for c in 0u8..=0x7f {
            let d = Declaration { recommender: format!("a{}b", c as char), ..Declaration::default() };
            let out = EnvelopeOut {
                format: FORMAT,
                version: 1,
                saved_at: "",
                app_version: "",
                writer: "",
                seq: 0,
                declaration: &d,
            };
            assert_eq!(encode(&d, "", "", "", 0), serde_json::to_string(&out).expect("serde"), "byte {c}");
        }
    }

    #[test]
    fn pretty_encoder_equals_serde_json() {
        let mut d = sample(3);
        d.rows[1].remarks = "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} 中文 😀 \u{2028}".into();
        d.rows[2].id = u64::MAX;
        for (d, at, app, w, seq) in [
            (d.clone(), "2021-05-06T10:42:05", "0.1.0", "w\"", 9),
            (Declaration::default(), "", "", "", 0),
            (sample(1), "", "", "x", u64::MAX),
        ] {
            let out = EnvelopeOut {
                format: FORMAT,
                version: CURRENT_VERSION,
                saved_at: at,
                app_version: app,
                writer: w,
                seq,
                declaration: &d,
            };
            let mut want = serde_json::to_string_pretty(&out).expect("serde");
            want.push('\n');
            assert_eq!(encode_pretty(&d, at, app, w, seq), want);
            assert_eq!(decode(&want).map(|e| e.declaration), Ok(d));
        }
    }
}
