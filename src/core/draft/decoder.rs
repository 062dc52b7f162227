//! Reading a draft: the JSON text, its version, the migrations, the declaration within the hard caps.
//!
//! A draft beyond a hard cap is refused ([`decode`]) or read as far as it goes ([`decode_partial`]).

use std::collections::HashSet;

use super::envelope::{is_timestamp, DraftError, Envelope, Meta, CURRENT_VERSION, FORMAT};
use super::json::{self, Json, JsonError};
use crate::core::limits::{MAX_CELL_CHARS, MAX_DRAFT_BYTES, MAX_META_CHARS, MAX_ROWS};
use crate::core::model::{Declaration, ProjectRow, RowField, Source, TableField};

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

/// An empty source: where a row of a version without sources came from is not known.
fn empty_source() -> Json {
    let text = || Json::String(String::new());
    Json::Object(vec![
        ("file".into(), text()),
        ("sheet".into(), text()),
        ("row".into(), Json::Number("0".into())),
        ("number_code".into(), text()),
    ])
}

/// Migration 1 → 2: every row gets an empty source (a row that already has one, as a hand-edited file may, keeps
/// it and has it read like any other).
fn migrate_1_to_2(mut obj: Obj) -> Obj {
    if let Some(version) = get_mut(&mut obj, "version") {
        *version = Json::Number("2".into());
    }
    let rows = match get_mut(&mut obj, "declaration") {
        Some(Json::Object(decl)) => get_mut(decl, "rows"),
        _ => None,
    };
    if let Some(Json::Array(rows)) = rows {
        for row in rows.iter_mut() {
            if let Json::Object(row) = row {
                or_insert(row, "source", empty_source());
            }
        }
    }
    obj
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
            1 => migrate_1_to_2(obj),
            _ => return Err(DraftError::NotOurs),
        };
        version += 1;
    }
    let mut over_caps = Vec::new();
    let envelope = read_current(obj, from_version, &mut over_caps)?;
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

const ENVELOPE_KEYS: [&str; 8] =
    ["format", "version", "saved_at", "app_version", "writer", "seq", "declaration", "reference"];

fn read_current(mut obj: Obj, from_version: u64, over_caps: &mut Vec<DraftError>) -> Result<Envelope, DraftError> {
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
    // Optional: the reference beside the table, in a draft file the user chose to give it.
    let reference = match get_mut(&mut obj, "reference") {
        None => None,
        Some(Json::String(text)) => Some(std::mem::take(text)),
        Some(_) => {
            return Err(DraftError::WrongType { place: "参考资料（reference）".into(), expected: "文字" })
        }
    };
    Ok(Envelope { from_version, saved_at, app_version, writer, seq, declaration, reference })
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
    row_keys.extend(["id", "source"]);
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
        out.source = read_source(take(row, "source", || format!("第 {n} 行的来源（source）"))?, n, over_caps)?;
        decl.rows.push(out);
    }
    renumber_duplicate_ids(&mut decl);
    Ok(decl)
}

const SOURCE_KEYS: [&str; 4] = ["file", "sheet", "row", "number_code"];

/// Reads row `n`'s source: every member present, its texts within [`MAX_CELL_CHARS`] (cut and listed beyond).
fn read_source(v: &mut Json, n: usize, over_caps: &mut Vec<DraftError>) -> Result<Source, DraftError> {
    let Json::Object(obj) = v else {
        return Err(DraftError::WrongType { place: format!("第 {n} 行的来源（source）"), expected: "对象" });
    };
    check_keys(obj, &SOURCE_KEYS, || format!("第 {n} 行的来源"))?;
    let file = source_text(obj, ("file", "文件名"), n, over_caps)?;
    let sheet = source_text(obj, ("sheet", "工作表"), n, over_caps)?;
    let place = || format!("第 {n} 行来源的行号（row）");
    let row = u64_of(take(obj, "row", place)?, place)?;
    let row =
        u32::try_from(row).map_err(|_| DraftError::WrongType { place: place(), expected: "工作表的行号" })?;
    let number_code = source_text(obj, ("number_code", "存成数字的信用代码"), n, over_caps)?;
    Ok(Source { file, sheet, row, number_code })
}

/// One text of row `n`'s source, by its key and its name in words (see [`value_of`]).
fn source_text(
    obj: &mut Obj,
    (key, name): (&str, &str),
    n: usize,
    over_caps: &mut Vec<DraftError>,
) -> Result<String, DraftError> {
    let what = || format!("第 {n} 行来源的{name}（{key}）");
    value_of(take(obj, key, what)?, what, MAX_CELL_CHARS, over_caps)
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
