//! Normalisation of what people type: full-width → half-width, trimming, upper-casing codes, control characters.
//!
//! Every function here is idempotent (`f(f(x)) == f(x)`, property-tested) and never panics. Rules judge the
//! normalised value; the UI shows it after a field loses focus.

use std::borrow::Cow;

use super::dates::{iso, typed_date};
use crate::core::model::{ProjectRow, RowField, TableField};
use crate::core::picklists::{DISTRICTS, INDUSTRIES, OWNERSHIPS, OWNERSHIP_ALIASES, SCALES, TOPIC_TYPES};
use crate::core::text::is_invisible_format;

// A normalised value has at most `MAX_CELL_CHARS` characters, the hard cap of one value. Every value in the table is
// within it already (see `limits`), so normalising never cuts one; the cap only bounds the work on arbitrary input.
use crate::core::limits::MAX_CELL_CHARS;

/// Converts full-width ASCII variants (U+FF01–U+FF5E: `９１`, `Ａ`, `＠`, `．`, `－`, `（`, `）` …) and the ideographic
/// space U+3000 to their half-width ASCII equivalents; everything else is kept.
pub fn to_half_width(s: &str) -> String {
    s.chars().map(half_width_char).collect()
}

fn half_width_char(c: char) -> char {
    match c {
        '\u{3000}' => ' ',
        '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
        _ => c,
    }
}

/// Whether a text field holds one line or several.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Lines {
    /// One line: a line break becomes a space, so that words do not run together.
    One,
    /// Several lines (备注): line breaks are kept, `\r\n` and `\r` becoming `\n`.
    Several,
}

/// Removes control characters (Unicode `Cc`: C0, DEL, C1) and invisible format characters (zero-width space, BOM,
/// bidi marks and overrides: [`is_invisible_format`]); tabs and line breaks become a single space each so that words
/// do not run together.
pub fn strip_controls(s: &str) -> String {
    strip_controls_in(s, Lines::One)
}

/// [`strip_controls`] of a text of one line or several (then line breaks are kept).
fn strip_controls_in(s: &str, lines: Lines) -> String {
    let line_break = match lines {
        Lines::One => ' ',
        Lines::Several => '\n',
    };
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' | '\n' | '\u{2028}' | '\u{2029}' | '\u{0085}' => {
                if c == '\r' && chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push(line_break);
            }
            '\t' | '\u{000B}' | '\u{000C}' => out.push(' '),
            c if c.is_control() || is_invisible_format(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// Cuts a string to at most `max` characters (never inside a UTF-8 sequence).
fn cap_chars(s: &str, max: usize) -> &str {
    if s.len() <= max {
        return s; // never more characters than bytes
    }
    match s.char_indices().nth(max) {
        Some((i, _)) => &s[..i],
        None => s,
    }
}

/// Free text of one line or several: controls stripped, trimmed (at most [`MAX_CELL_CHARS`]); nothing else of the
/// user's meaning changes (full-width brackets in a unit name stay: they are what the seal shows).
pub fn normalize_text(value: &str, lines: Lines) -> String {
    // Fast path: nothing to strip (the common case for every keystroke's re-judging).
    let clean =
        !value.chars().any(|c| c.is_control() || is_invisible_format(c) || matches!(c, '\u{2028}' | '\u{2029}'));
    let text = match (clean, lines) {
        (true, Lines::One) => value.trim().to_string(),
        (false, Lines::One) => strip_controls_in(value, Lines::One).trim().to_string(),
        (_, Lines::Several) => trim_lines(&strip_controls_in(value, Lines::Several)),
    };
    cap_chars(&text, MAX_CELL_CHARS).trim_end().to_string()
}

/// Trims trailing spaces of every line and blank lines at both ends.
fn trim_lines(s: &str) -> String {
    let lines: Vec<&str> = s.split('\n').map(str::trim_end).collect();
    lines.join("\n").trim().to_string()
}

/// Dash look-alikes people type in codes and phone numbers, mapped to `-`.
fn unify_dash(c: char) -> char {
    match c {
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' | '\u{30FC}' => '-',
        _ => c,
    }
}

/// 统一社会信用代码: half-width, upper-case ASCII, every space, dash and control removed.
pub fn normalize_credit_code(value: &str) -> String {
    credit_code_key(value).into_owned()
}

/// [`normalize_credit_code`] without allocating when the value is already clean (upper-case ASCII letters and
/// digits, at most [`MAX_CELL_CHARS`]): the hot path of the cross-row rules.
pub fn credit_code_key(value: &str) -> Cow<'_, str> {
    if value.len() <= MAX_CELL_CHARS && value.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()) {
        return Cow::Borrowed(value);
    }
    Cow::Owned(credit_code_slow(value))
}

fn credit_code_slow(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(4 * MAX_CELL_CHARS));
    let mut n = 0;
    for c in value.chars() {
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        let c = unify_dash(half_width_char(c));
        if c.is_whitespace() || c == '-' {
            continue;
        }
        if n == MAX_CELL_CHARS {
            break;
        }
        out.push(c.to_ascii_uppercase());
        n += 1;
    }
    out
}

/// Phone numbers: half-width, dash look-alikes become `-`, `。` becomes `.`, runs of spaces collapse to one, trimmed.
/// The user's own separators (`-`, spaces, `/`, `、`, `转`) are kept.
pub fn normalize_phone(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for c in strip_controls(value).chars().map(|c| unify_dash(half_width_char(c))) {
        let c = if c.is_whitespace() { ' ' } else { c };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        out.push(c);
    }
    cap_chars(out.trim(), MAX_CELL_CHARS).trim_end().to_string()
}

/// E-mail: half-width (`＠` → `@`, `．`/`。` → `.`), no spaces or controls, an optional `mailto:` dropped, the
/// domain's ASCII letters lower-cased (the local part is kept as typed).
pub fn normalize_email(value: &str) -> String {
    let s: String = strip_controls(value)
        .chars()
        .map(half_width_char)
        .map(|c| if matches!(c, '。' | '｡') { '.' } else { c })
        .filter(|c| !c.is_whitespace())
        .collect();
    let mut s = &s[..];
    while let Some(p) = s.get(..7).filter(|p| p.eq_ignore_ascii_case("mailto:")) {
        s = &s[p.len()..];
    }
    let s = cap_chars(s, MAX_CELL_CHARS);
    match s.rfind('@') {
        Some(at) => format!("{}{}", &s[..at], s[at..].to_ascii_lowercase()),
        None => s.to_string(),
    }
}

/// 所属行业: the two-digit 大类 code. Also accepts `6` → `06`, `C36`, `36 汽车制造业`, `36汽车制造业` and the bare
/// name `汽车制造业`; anything else is only trimmed (the rule then asks for a value from the list).
pub fn normalize_industry(value: &str) -> String {
    let s = to_half_width(&strip_controls(value)).trim().to_string();
    if let Some(ind) = INDUSTRIES.iter().find(|i| i.name == s) {
        return ind.code.to_string();
    }
    let (section, rest) = match s.chars().next() {
        Some(c) if c.is_ascii_uppercase() => (Some(c), &s[1..]),
        _ => (None, &s[..]),
    };
    let digits: String = rest.chars().take_while(char::is_ascii_digit).collect();
    let tail = rest[digits.len()..].trim();
    let code = match digits.len() {
        1 => format!("0{digits}"),
        2 => digits,
        _ => return cap_chars(&s, MAX_CELL_CHARS).trim_end().to_string(),
    };
    match INDUSTRIES.iter().find(|i| i.code == code) {
        Some(ind) if (tail.is_empty() || tail == ind.name) && section.is_none_or(|c| c == ind.section) => code,
        _ => cap_chars(&s, MAX_CELL_CHARS).trim_end().to_string(),
    }
}

/// 所在区: trimmed; `天津市`/`天津` prefixes dropped; a short name (`武清`, `滨海`) completed to the list's value.
pub fn normalize_district(value: &str) -> String {
    let s: String = strip_controls(value).chars().filter(|c| !c.is_whitespace()).collect();
    let bare = s.strip_prefix("天津市").or_else(|| s.strip_prefix("天津")).unwrap_or(&s);
    if let Some(d) = DISTRICTS.iter().find(|d| **d == bare || d.strip_suffix('区') == Some(bare)) {
        return (*d).to_string();
    }
    if bare == "滨海" {
        return "滨海新区".to_string();
    }
    cap_chars(&s, MAX_CELL_CHARS).to_string()
}

/// 企业性质: as a pick-list value, and a common name of a list entry (`私营企业`, `外资企业`) made that entry.
fn normalize_ownership(value: &str) -> String {
    let v = normalize_pick(value, &OWNERSHIPS, "");
    match OWNERSHIP_ALIASES.iter().find(|(alias, _)| *alias == v) {
        Some((_, entry)) => (*entry).to_string(),
        None => v,
    }
}

/// A pick-list value: spaces removed, half-width brackets made full-width (the list's spelling), and a value that is
/// a list entry without its fixed ending (`大型` → `大型企业`, `创新` → `创新型`) completed.
fn normalize_pick(value: &str, list: &[&'static str], suffix: &str) -> String {
    let s: String = strip_controls(value)
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect();
    if let Some(v) = list.iter().find(|v| **v == s || (!suffix.is_empty() && v.strip_suffix(suffix) == Some(&s))) {
        return (*v).to_string();
    }
    cap_chars(&s, MAX_CELL_CHARS).to_string()
}

/// 日期: `2021-4-12`, `2021/04/12`, `2021.4.12`, `2021年4月12日` all become `2021-04-12` (the forms of
/// [`typed_date`]; a day that does not exist too, for the rule to name); other text is only trimmed (the rule then
/// says what is wrong).
pub fn normalize_date(value: &str) -> String {
    let s = to_half_width(&strip_controls(value)).trim().to_string();
    match typed_date(&s) {
        Some(ymd) => iso(ymd),
        None => cap_chars(&s, MAX_CELL_CHARS).trim_end().to_string(),
    }
}

/// The normalised form of a row field's value (what the UI shows after the field loses focus).
pub fn normalize_row_field(field: RowField, value: &str) -> String {
    match field {
        RowField::CreditCode => normalize_credit_code(value),
        RowField::LeaderPhone => normalize_phone(value),
        RowField::Email => normalize_email(value),
        RowField::Industry => normalize_industry(value),
        RowField::District => normalize_district(value),
        RowField::Scale => normalize_pick(value, &SCALES, "企业"),
        RowField::Ownership => normalize_ownership(value),
        RowField::TopicType => {
            let names: Vec<&'static str> = TOPIC_TYPES.iter().map(|t| t.name).collect();
            normalize_pick(value, &names, "型")
        }
        RowField::Remarks => normalize_text(value, Lines::Several),
        RowField::UnitName | RowField::OwnershipOther | RowField::ProjectName | RowField::LeaderName => {
            normalize_text(value, Lines::One)
        }
    }
}

/// The normalised form of a table field's value.
pub fn normalize_table_field(field: TableField, value: &str) -> String {
    match field {
        TableField::FillerPhone => normalize_phone(value),
        TableField::FillDate => normalize_date(value),
        TableField::Recommender | TableField::RecommenderHead | TableField::Filler => normalize_text(value, Lines::One),
    }
}

/// A copy of a row with every field normalised (the `id` and the source are kept).
pub fn normalize_row(row: &ProjectRow) -> ProjectRow {
    let mut out = ProjectRow { id: row.id, source: row.source.clone(), ..ProjectRow::default() };
    for f in RowField::ALL {
        *out.get_mut(f) = normalize_row_field(f, row.get(f));
    }
    out
}

/// A key for one unit across rows and files: its credit code when it has one, else its name (compared as
/// [`comparison_key`] does); the two kinds never equal each other.
pub fn unit_key(row: &ProjectRow) -> String {
    let code = credit_code_key(&row.credit_code);
    if code.is_empty() {
        format!("name:{}", comparison_key(&row.unit_name))
    } else {
        format!("code:{code}")
    }
}

/// A key for comparing names across rows: controls and every kind of whitespace removed, full-width forms
/// half-width (so `（集团）` equals `(集团)`), ASCII lower-cased; at most [`MAX_CELL_CHARS`] characters.
pub fn comparison_key(value: &str) -> String {
    comparison_key_cow(value).into_owned()
}

/// [`comparison_key`] without allocating when nothing would change (no whitespace, controls, full-width forms or
/// ASCII capitals: the usual Chinese unit and project name).
pub fn comparison_key_cow(value: &str) -> Cow<'_, str> {
    let unchanged = |c: char| {
        !(c.is_control()
            || c.is_whitespace()
            || is_invisible_format(c)
            || c.is_ascii_uppercase()
            || matches!(c, '\u{3000}' | '\u{FF01}'..='\u{FF5E}'))
    };
    if value.len() <= MAX_CELL_CHARS && (!may_change_key(value) || value.chars().all(unchanged)) {
        return Cow::Borrowed(value);
    }
    Cow::Owned(comparison_key_slow(value))
}

/// A byte-level superset test for [`comparison_key_cow`]: false guarantees that no character would change. Every
/// character that can change is ASCII (controls, space, capitals) or starts with one of the UTF-8 lead bytes
/// 0xC2 (U+0080–U+00BF: C1 controls, NBSP, soft hyphen), 0xE1 (U+1680), 0xE2 (U+2000–U+2FFF: spaces, zero-width,
/// bidi controls), 0xE3 (U+3000) or 0xEF (U+FEFF, U+FF01–U+FF5E); CJK ideographs (0xE4–0xE9) never do.
fn may_change_key(value: &str) -> bool {
    value.bytes().any(|b| {
        (b < 0x80 && (b.is_ascii_control() || b == b' ' || b.is_ascii_uppercase()))
            || matches!(b, 0xC2 | 0xE1 | 0xE2 | 0xE3 | 0xEF)
    })
}

fn comparison_key_slow(value: &str) -> String {
    let mut out = String::with_capacity(value.len().min(4 * MAX_CELL_CHARS));
    let mut n = 0;
    for c in value.chars() {
        let c = half_width_char(c);
        if c.is_control() || c.is_whitespace() || is_invisible_format(c) {
            continue;
        }
        if n == MAX_CELL_CHARS {
            break;
        }
        out.push(c.to_ascii_lowercase());
        n += 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn half_width_basics() {
        assert_eq!(to_half_width("９１ＡＢ＠．－（）\u{3000}x"), "91AB@.-() x");
    }

    #[test]
    fn invisible_format_characters_are_dropped_and_joiners_kept() {
        assert_eq!(strip_controls("天\u{200B}津\u{200F}公\u{2066}司"), "天津公司");
        assert_eq!(strip_controls("👨\u{200D}👩"), "👨\u{200D}👩");
    }

    #[test]
    fn credit_code_is_cleaned() {
        assert_eq!(normalize_credit_code(" ９１１２-0224 0640 1255３u\u{200B}"), "91120224064012553U");
    }
}
