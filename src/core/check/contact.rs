//! Phone numbers and e-mail addresses as people in Tianjin type them.
//!
//! Phones: mobiles (`+86`/`0086`/`86` prefixes, spaces, dashes), Tianjin landlines with or without `022`
//! (`(022)`, `+86 22`), extensions (`转`, `ext`, `分机`, a trailing `-`), other area codes, several numbers in one cell.
//! E-mail: syntax, full-width `＠`/`．` (normalised), typo domains with a suggested correction, IDN domains accepted.

use super::normalize::{normalize_email, normalize_phone};
use crate::core::model::FieldRef;
use crate::core::report::Finding;

/// The kind of a recognised phone number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PhoneKind {
    /// A mainland mobile number, `1[3-9]` + 9 digits.
    Mobile,
    /// `022` + 8 digits.
    TianjinLandline,
    /// An 8-digit local number without area code (Tianjin assumed).
    TianjinLocal,
    /// A landline with another area code (`010`, `0316` …).
    OtherLandline,
    /// A 400/800 service number (10 digits).
    Service,
}

/// A recognised phone number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phone {
    pub kind: PhoneKind,
    /// Area code without the leading 0 (`22`, `10`, `316`), empty for mobiles, local and service numbers.
    pub area: String,
    /// The subscriber number's digits (11 for a mobile, 7–8 for a landline).
    pub number: String,
    /// An extension, kept as typed digits.
    pub extension: Option<String>,
}

impl Phone {
    /// A canonical spelling: `13800138000`, `022-29361296`, `022-29361296-8012`, `400-810-8888`.
    pub fn canonical(&self) -> String {
        let mut s = match self.kind {
            PhoneKind::Mobile => self.number.clone(),
            PhoneKind::TianjinLocal => format!("022-{}", self.number),
            PhoneKind::Service => {
                let n = &self.number;
                format!("{}-{}-{}", &n[..3.min(n.len())], &n[3.min(n.len())..6.min(n.len())], &n[6.min(n.len())..])
            }
            PhoneKind::TianjinLandline | PhoneKind::OtherLandline => format!("0{}-{}", self.area, self.number),
        };
        if let Some(e) = &self.extension {
            s.push('-');
            s.push_str(e);
        }
        s
    }
}

/// Why a piece of text is not a usable phone number. Each maps to one rule code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PhoneError {
    /// Tianjin landline with 7 local digits (`022-2936129`): `phone.local_7`.
    LocalSevenDigits,
    /// 11 digits starting with `1` but not `1[3-9]`: `phone.mobile_prefix`.
    MobilePrefix,
    /// Characters that have no place in a phone number (letters other than `ext`): `phone.chars`.
    Chars(char),
    /// Digits that form no known shape (too short, too long): `phone.format`.
    Format,
}

/// Splits a cell holding several numbers on `/`, `、`, `；`, `;`, `,`, `，` (empty pieces are dropped).
pub fn split_numbers(value: &str) -> Vec<&str> {
    value.split(['/', '、', '；', ';', ',', '，', '／']).map(str::trim).filter(|s| !s.is_empty()).collect()
}

/// Finds the start of the number inside a piece that may begin with a name or a label (`张三 138…`, `电话：022…`):
/// the first digit, `+` or `(`.
fn number_start(piece: &str) -> Option<usize> {
    piece.char_indices().find(|(_, c)| c.is_ascii_digit() || *c == '+' || *c == '(').map(|(i, _)| i)
}

/// Splits off an extension written with `转`, `分机`, `ext`/`ext.`, `x`: returns (main, extension digits).
fn split_extension(s: &str) -> (&str, Option<&str>) {
    let lower = s.to_ascii_lowercase();
    for marker in ["转", "分机", "ext.", "ext", "x"] {
        if let Some(i) = lower.find(marker) {
            // `lower` has the same byte offsets as `s` (ASCII-only lower-casing).
            let main = &s[..i];
            let ext = s[i + marker.len()..].trim_start_matches([' ', ':', '：', '.']).trim();
            return (main.trim(), Some(ext));
        }
    }
    (s.trim(), None)
}

/// Parses one phone number (without any name or label in front). Accepts the forms of contact-rules.md.
pub fn parse_phone(text: &str) -> Result<Phone, PhoneError> {
    let (main, ext) = split_extension(text);
    let mut ext = match ext {
        Some(e) if !e.is_empty() && e.bytes().all(|b| b.is_ascii_digit()) && e.len() <= 6 => Some(e.to_string()),
        Some(e) => return Err(e.chars().find(|c| !c.is_ascii_digit()).map_or(PhoneError::Format, PhoneError::Chars)),
        None => None,
    };
    if let Some(c) = main.chars().find(|c| !(c.is_ascii_digit() || matches!(c, ' ' | '-' | '(' | ')' | '+' | '.'))) {
        return Err(PhoneError::Chars(c));
    }
    // Groups of digits as the user separated them (by anything that is not a digit).
    let plus = main.starts_with('+');
    let groups: Vec<&str> = main.split(|c: char| !c.is_ascii_digit()).filter(|g| !g.is_empty()).collect();
    let mut digits: String = groups.concat();

    // Country prefix: `+86`, `0086`, or a bare `86` when what follows is a complete number. After it, a number that
    // does not start with 1 (mobile) or 0 gets its trunk 0 back (`+86 22 …` is `022 …`).
    let national = |rest: &str| {
        if rest.starts_with('0') || (rest.starts_with('1') && !rest.starts_with("10")) {
            rest.to_string()
        } else {
            format!("0{rest}") // `10` is Beijing's area code, never a mobile
        }
    };
    if plus && !digits.starts_with("86") {
        return Err(PhoneError::Format);
    }
    for p in ["0086", "86"] {
        if let Some(rest) = digits.strip_prefix(p) {
            let candidate = national(rest);
            if p == "0086" || plus || is_national(&candidate) || is_national(&national(strip_ext_group(rest, &groups)))
            {
                digits = candidate;
                break;
            }
        }
    }

    // A trailing group typed with `-` (or a space) after a complete number is an extension (`022-29361296-8012`).
    if ext.is_none() && groups.len() >= 2 && !is_national(&digits) {
        if let Some(last) = groups.last() {
            let head = digits.strip_suffix(last).unwrap_or("");
            if last.len() <= 6 && is_national(head) {
                ext = Some((*last).to_string());
                digits = head.to_string();
            }
        }
    }
    classify(&digits, ext)
}

/// `rest` without the last digit group (a possible extension), when there are several groups.
fn strip_ext_group<'a>(rest: &'a str, groups: &[&str]) -> &'a str {
    match groups.last() {
        Some(last) if groups.len() >= 2 => rest.strip_suffix(last).unwrap_or(rest),
        _ => rest,
    }
}

/// True when a digit string is a complete national number (mobile, landline with area code, local, service).
fn is_national(d: &str) -> bool {
    shape(d).is_ok()
}

/// The length of the area code (with its 0) at the start of a landline's digits.
fn area_len(d: &str) -> usize {
    if d.starts_with("010") || d.starts_with("02") {
        3
    } else {
        4
    }
}

/// The kind of a digit string and the length of its area code (with the trunk 0; 0 when none), without allocating.
fn shape(d: &str) -> Result<(PhoneKind, usize), PhoneError> {
    let n = d.len();
    if d.starts_with('1') {
        return match n {
            11 if matches!(d.as_bytes()[1], b'3'..=b'9') => Ok((PhoneKind::Mobile, 0)),
            11 => Err(PhoneError::MobilePrefix),
            _ => Err(PhoneError::Format),
        };
    }
    if let Some(rest) = d.strip_prefix("022") {
        return match rest.len() {
            8 if !rest.starts_with(['0', '1']) => Ok((PhoneKind::TianjinLandline, 3)),
            7 => Err(PhoneError::LocalSevenDigits),
            _ => Err(PhoneError::Format),
        };
    }
    if d.starts_with('0') {
        let a = area_len(d);
        let local = d.get(a..).unwrap_or("");
        let ok_len = if a == 3 { local.len() == 8 } else { matches!(local.len(), 7 | 8) };
        return if ok_len && !local.starts_with(['0', '1']) {
            Ok((PhoneKind::OtherLandline, a))
        } else {
            Err(PhoneError::Format)
        };
    }
    if n == 10 && (d.starts_with("400") || d.starts_with("800")) {
        return Ok((PhoneKind::Service, 0));
    }
    match n {
        8 => Ok((PhoneKind::TianjinLocal, 0)),
        7 => Err(PhoneError::LocalSevenDigits),
        _ => Err(PhoneError::Format),
    }
}

fn classify(d: &str, extension: Option<String>) -> Result<Phone, PhoneError> {
    let (kind, a) = shape(d)?;
    // `d` is ASCII digits: byte slicing is safe; `a` ≤ len by construction.
    Ok(Phone { kind, area: d[a.min(1)..a].to_string(), number: d[a..].to_string(), extension })
}

/// The findings about a phone field (`leader_phone` or `filler_phone`); an empty value gives none.
///
/// Rule codes: `phone.missing`, `phone.local_7`, `phone.mobile_prefix`, `phone.chars`, `phone.format` (errors);
/// `phone.no_area_code` (warning, Fix `022-xxxxxxxx`), `phone.other_area` (warning).
pub fn check_phones(value: &str, field: FieldRef) -> Vec<Finding> {
    let value = normalize_phone(value);
    let mut out = Vec::new();
    if value.is_empty() {
        return out;
    }
    let pieces = split_numbers(&value);
    let several = pieces.iter().filter(|p| number_start(p).is_some()).count() > 1;
    let mut numbers = 0;
    for piece in &pieces {
        let Some(start) = number_start(piece) else { continue };
        numbers += 1;
        let text = &piece[start..];
        let which = if several { format!("第{numbers}个号码“{text}”") } else { format!("“{text}”") };
        match parse_with_trailing_label(text) {
            Ok(p) if p.kind == PhoneKind::TianjinLocal => {
                let canon = p.canonical();
                let fixed = replace_piece(&value, piece, start, &canon);
                out.push(
                    Finding::warning(
                        field,
                        "phone.no_area_code",
                        format!("电话号码{which}没有区号，若是天津座机请写成{canon}。"),
                    )
                    .with_fix(format!("改为 {canon}"), field, fixed),
                );
            }
            Ok(p) if p.kind == PhoneKind::OtherLandline => out.push(Finding::warning(
                field,
                "phone.other_area",
                format!("电话号码{which}的区号0{}不是天津（022），若确为外地电话可忽略，否则请改正区号。", p.area),
            )),
            Ok(_) => {}
            Err(e) => out.push(phone_error(field, &which, e)),
        }
    }
    if numbers == 0 {
        out.push(Finding::error(
            field,
            "phone.missing",
            "这里没有电话号码，请填写11位手机号或022开头的座机号（如022-29361296）。",
        ));
    }
    out
}

/// Parses a number that may be followed by a label in Chinese (`13800138000（手机）`): when the whole text fails on a
/// non-ASCII character, the part before that character is tried alone.
fn parse_with_trailing_label(text: &str) -> Result<Phone, PhoneError> {
    match parse_phone(text) {
        Err(PhoneError::Chars(c)) if !c.is_ascii() => {
            let cut = text.find(c).and_then(|i| text.get(..i)).unwrap_or("");
            let head = cut.trim_end_matches(['(', ' ', '-', ':']);
            match parse_phone(head) {
                Ok(p) if !head.is_empty() => Ok(p),
                _ => Err(PhoneError::Chars(c)),
            }
        }
        other => other,
    }
}

fn phone_error(field: FieldRef, which: &str, e: PhoneError) -> Finding {
    match e {
        PhoneError::LocalSevenDigits => Finding::error(
            field,
            "phone.local_7",
            format!("电话号码{which}只有7位，天津座机号码为8位，请补全（如022-29361296）。"),
        ),
        PhoneError::MobilePrefix => {
            Finding::error(field, "phone.mobile_prefix", format!("手机号码{which}的第2位应为3–9，请核对后重新填写。"))
        }
        PhoneError::Chars(c) => Finding::error(
            field,
            "phone.chars",
            format!("电话号码{which}含有字符“{c}”，请只填数字、区号分隔符“-”和分机“转”。"),
        ),
        PhoneError::Format => Finding::error(
            field,
            "phone.format",
            format!("无法识别电话号码{which}，请填写11位手机号或带区号的座机号（如022-29361296，分机写作“转8012”）。"),
        ),
    }
}

/// The whole value with one piece's number (from byte `start` of the piece) replaced.
fn replace_piece(value: &str, piece: &str, start: usize, new: &str) -> String {
    let offset = piece.as_ptr() as usize - value.as_ptr() as usize;
    let (from, to) = (offset + start, offset + piece.len());
    match (value.get(..from), value.get(to..)) {
        (Some(a), Some(b)) => format!("{a}{new}{b}"),
        _ => new.to_string(),
    }
}

/// Typo domains and their correction (whole domain).
const TYPO_DOMAINS: [(&str, &str); 20] = [
    ("qq.con", "qq.com"),
    ("qq.cm", "qq.com"),
    ("qq.co", "qq.com"),
    ("qq.comm", "qq.com"),
    ("163.con", "163.com"),
    ("163.cm", "163.com"),
    ("163.co", "163.com"),
    ("126.con", "126.com"),
    ("126.cm", "126.com"),
    ("126.co", "126.com"),
    ("gmail.con", "gmail.com"),
    ("gmail.cm", "gmail.com"),
    ("gmial.com", "gmail.com"),
    ("gmai.com", "gmail.com"),
    ("sina.con", "sina.com"),
    ("sina.cm", "sina.com"),
    ("hotmail.con", "hotmail.com"),
    ("foxmail.con", "foxmail.com"),
    ("vip.qq.con", "vip.qq.com"),
    ("139.con", "139.com"),
];

/// A suggested correction for a domain that is a known typo: a listed one, or any domain ending `.con` / `.cm`
/// (→ `.com`).
pub fn suggest_domain(domain: &str) -> Option<String> {
    if let Some((_, good)) = TYPO_DOMAINS.iter().find(|(bad, _)| *bad == domain) {
        return Some((*good).to_string());
    }
    for bad_tld in [".con", ".cm", ".comm", ".cpm", ".vom"] {
        if let Some(base) = domain.strip_suffix(bad_tld) {
            if !base.is_empty() {
                return Some(format!("{base}.com"));
            }
        }
    }
    None
}

/// Why an address is not syntactically an e-mail address (None when it is).
fn syntax_problem(addr: &str) -> Option<&'static str> {
    let Some((local, domain)) = addr.rsplit_once('@') else {
        return Some("缺少“@”");
    };
    if local.contains('@') {
        return Some("只能有一个“@”");
    }
    if local.is_empty() {
        return Some("“@”前面没有用户名");
    }
    if local.len() > 64 || domain.len() > 253 {
        return Some("太长");
    }
    let local_ok = local
        .chars()
        .all(|c| c.is_alphanumeric() || "!#$%&'*+/=?^_`{|}~.-".contains(c) || (!c.is_ascii() && !c.is_whitespace()));
    if !local_ok || local.starts_with('.') || local.ends_with('.') || local.contains("..") {
        return Some("“@”前面的用户名含有不允许的字符");
    }
    if domain.is_empty() {
        return Some("“@”后面没有域名");
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Some("域名不完整（如 qq.com）");
    }
    for l in &labels {
        if l.is_empty() || l.chars().count() > 63 || l.starts_with('-') || l.ends_with('-') {
            return Some("域名格式不对");
        }
        if !l.chars().all(|c| c.is_alphanumeric() || c == '-') {
            return Some("域名含有不允许的字符");
        }
    }
    if labels.last().is_some_and(|t| t.chars().all(|c| c.is_ascii_digit())) {
        return Some("域名格式不对");
    }
    None
}

/// The findings about an e-mail field; an empty value gives none. Several addresses may be separated by `;`, `,`,
/// `、` or `/`.
///
/// Rule codes: `email.syntax` (error), `email.typo_domain` (warning with a Fix to the corrected address),
/// `email.qq_number` (warning: a numeric QQ address must have 5–11 digits).
pub fn check_email(value: &str, field: FieldRef) -> Vec<Finding> {
    let value = normalize_email(value);
    let mut out = Vec::new();
    if value.is_empty() {
        return out;
    }
    let addrs = split_numbers(&value);
    for addr in &addrs {
        if let Some(problem) = syntax_problem(addr) {
            let mut f = Finding::error(
                field,
                "email.syntax",
                format!("电子邮箱“{addr}”格式不对（{problem}），请按“名字@域名”填写，如 90203918@qq.com。"),
            );
            // `xxx@qq` → `xxx@qq.com`
            if let Some((local, domain)) = addr.rsplit_once('@') {
                if matches!(domain, "qq" | "163" | "126" | "sina" | "gmail" | "foxmail" | "hotmail")
                    && !local.is_empty()
                {
                    let fixed = value.replacen(addr, &format!("{local}@{domain}.com"), 1);
                    f = f.with_fix(format!("改为 {local}@{domain}.com"), field, fixed);
                }
            }
            out.push(f);
            continue;
        }
        let Some((local, domain)) = addr.rsplit_once('@') else { continue };
        if let Some(good) = suggest_domain(domain) {
            let corrected = format!("{local}@{good}");
            let fixed = value.replacen(addr, &corrected, 1);
            out.push(
                Finding::warning(
                    field,
                    "email.typo_domain",
                    format!("邮箱域名“{domain}”像是笔误，是否应为 {corrected}？请核对。"),
                )
                .with_fix(format!("改为 {corrected}"), field, fixed),
            );
        } else if domain == "qq.com" && local.bytes().all(|b| b.is_ascii_digit()) && !(5..=11).contains(&local.len()) {
            out.push(Finding::warning(
                field,
                "email.qq_number",
                format!("QQ邮箱“{addr}”的号码为{}位，QQ号一般为5–11位，请核对。", local.len()),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms() {
        assert_eq!(parse_phone("+86 22 2936 1296").map(|p| p.kind), Ok(PhoneKind::TianjinLandline));
        assert_eq!(parse_phone("022-29361296-8012").map(|p| p.extension), Ok(Some("8012".into())));
        assert_eq!(parse_phone("022-2936129"), Err(PhoneError::LocalSevenDigits));
    }
}
