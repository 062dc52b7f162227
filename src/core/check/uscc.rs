//! 统一社会信用代码 (GB 32100-2015): structure, check characters, division and category.
//!
//! Functions taking a `code` accept what the user typed: they normalise it first (full-width, spaces, dashes,
//! lower case), so `９１１２…` and `9112 0224 …` give the same answers as the clean code.

use super::normalize::normalize_credit_code;
use crate::core::model::FieldRef;
use crate::core::picklists::{division, Division, OWNERSHIP_OTHER};
use crate::core::report::Finding;

/// The 31 characters of a credit code, in value order (no I, O, S, V, Z).
pub const CHARSET: &str = "0123456789ABCDEFGHJKLMNPQRTUWXY";
/// Weights of positions 1–17 for the check character (3^(i-1) mod 31).
pub const WEIGHTS: [u32; 17] = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
/// Weights of positions 9–16 for the embedded GB 11714 organisation-code check digit.
pub const ORG_WEIGHTS: [u32; 8] = [3, 7, 9, 10, 5, 8, 4, 2];
/// The length of a credit code.
pub const CODE_LEN: usize = 18;

/// The value (0–30) of a credit-code character, or `None` for a character outside [`CHARSET`].
pub fn char_value(c: char) -> Option<u32> {
    CHARSET.find(c).map(|i| i as u32)
}

/// The character with a value 0–30.
fn value_char(v: u32) -> char {
    CHARSET.as_bytes().get(v as usize).map_or('0', |b| *b as char)
}

/// The check character (position 18) for the first 17 characters of a clean code, or `None` when `first17` is not
/// exactly 17 characters of [`CHARSET`].
pub fn check_character(first17: &str) -> Option<char> {
    if first17.chars().count() != 17 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first17.chars().zip(WEIGHTS) {
        sum += char_value(c)? * w;
    }
    Some(value_char((31 - sum % 31) % 31))
}

/// The GB 11714 check digit (`0`–`9` or `X`) for the first 8 characters of an organisation code (`0-9A-Z`), or
/// `None` when the input is not 8 such characters.
pub fn org_check_character(first8: &str) -> Option<char> {
    if first8.chars().count() != 8 {
        return None;
    }
    let mut sum = 0u32;
    for (c, w) in first8.chars().zip(ORG_WEIGHTS) {
        sum += c.to_digit(36)? * w;
    }
    match 11 - sum % 11 {
        11 => Some('0'),
        10 => Some('X'),
        d => char::from_digit(d, 10),
    }
}

/// The 登记管理部门 named by position 1, or `None` for a character that is not one (GB 32100-2015 表2).
pub fn authority_name(c: char) -> Option<&'static str> {
    Some(match c {
        '1' => "机构编制",
        '2' => "外交",
        '3' => "司法行政",
        '4' => "文化",
        '5' => "民政",
        '6' => "旅游",
        '7' => "宗教",
        '8' => "工会",
        '9' => "工商",
        'A' => "中央军委改革和编制办公室",
        'N' => "农业",
        'Y' => "其他",
        _ => return None,
    })
}

/// The 机构类别 named by positions 1–2, or `None` when the pair is not in GB 32100-2015 表2. Authority `Y` accepts
/// any category character of [`CHARSET`] (its list is not settled in public sources) and then returns `其他`.
pub fn category_name(authority: char, category: char) -> Option<&'static str> {
    Some(match (authority, category) {
        ('1', '1') => "机关",
        ('1', '2') => "事业单位",
        ('1', '3') => "编办直接管理机构编制的群众团体",
        ('2', '1') => "外国常驻新闻机构",
        ('3', '1') => "律师执业机构",
        ('3', '2') => "公证处",
        ('3', '3') => "基层法律服务所",
        ('3', '4') => "司法鉴定机构",
        ('3', '5') => "仲裁委员会",
        ('4', '1') => "外国在华文化中心",
        ('5', '1') => "社会团体",
        ('5', '2') => "民办非企业单位",
        ('5', '3') => "基金会",
        ('6', '1') => "外国旅游部门常驻代表机构",
        ('6', '2') => "港澳台地区旅游部门常驻内地（大陆）代表机构",
        ('7', '1') => "宗教活动场所",
        ('7', '2') => "宗教院校",
        ('8', '1') => "基层工会",
        ('9', '1') => "企业",
        ('9', '2') => "个体工商户",
        ('9', '3') => "农民专业合作社",
        ('A', '1') => "军队事业单位",
        ('N', '1') => "组级集体经济组织",
        ('N', '2') => "村级集体经济组织",
        ('N', '3') => "乡镇级集体经济组织",
        ('Y', c) if char_value(c).is_some() => "其他",
        ('1' | '2' | '3' | '4' | '5' | '6' | '7' | '8' | 'A' | 'N', '9') => "其他",
        _ => return None,
    })
}

/// True when positions 1–2 form a valid pair (see [`category_name`]).
pub fn is_valid_pair(authority: char, category: char) -> bool {
    category_name(authority, category).is_some()
}

/// The parts of a well-formed code: 18 characters of [`CHARSET`] whose check character matches.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Parts<'a> {
    /// Position 1: 登记管理部门代码.
    pub authority: char,
    /// Position 2: 机构类别代码.
    pub category: char,
    /// Positions 3–8: 登记管理机关行政区划码.
    pub division: &'a str,
    /// Positions 9–17: 主体标识码 (GB 11714 organisation code).
    pub org_code: &'a str,
    /// Position 18: check character.
    pub check: char,
}

/// Splits a clean (already normalised) code into its parts when it has 18 characters of [`CHARSET`] and a matching
/// check character; `None` otherwise.
pub fn parse(clean: &str) -> Option<Parts<'_>> {
    if clean.len() != CODE_LEN || !clean.chars().all(|c| char_value(c).is_some()) {
        return None;
    }
    // All ASCII from here on: byte slicing is safe.
    let check = clean[17..].chars().next()?;
    if check_character(&clean[..17])? != check {
        return None;
    }
    let mut it = clean.chars();
    Some(Parts { authority: it.next()?, category: it.next()?, division: &clean[2..8], org_code: &clean[8..17], check })
}

impl Parts<'_> {
    /// What positions 3–8 say, when they are one of Tianjin's division codes.
    pub fn tianjin_division(self) -> Option<&'static Division> {
        division(self.division)
    }

    /// Today's district implied by the division code (historic codes such as 120224 宝坻县 or 120107 塘沽区 map to
    /// today's district); `None` for a municipal-level code (120000, 120100) or one outside Tianjin.
    pub fn implied_district(self) -> Option<&'static str> {
        self.tianjin_division().and_then(|d| d.district)
    }

    /// A hint for 企业性质 from the category: `12` → 事业单位, `51` → 社会团体, `52` → 民办非企业单位, `11` (机关) →
    /// 其他（请注明）, since the list has no 机关. `91…` and everything else → `None` (too many kinds).
    pub fn implied_ownership(self) -> Option<&'static str> {
        match (self.authority, self.category) {
            ('1', '2') => Some("事业单位"),
            ('5', '1') => Some("社会团体"),
            ('5', '2') => Some("民办非企业单位"),
            ('1', '1') => Some(OWNERSHIP_OTHER),
            _ => None,
        }
    }

    /// True when issued by 工商 (position 1 is `9`: 企业, 个体工商户, 农民专业合作社).
    pub fn is_enterprise(self) -> bool {
        self.authority == '9'
    }
}

/// True when the code (as typed) normalises to 18 valid characters with a matching check character.
pub fn is_valid(code: &str) -> bool {
    parse(&normalize_credit_code(code)).is_some()
}

/// [`Parts::implied_district`] of a code as typed; `None` for an invalid code.
pub fn implied_district(code: &str) -> Option<&'static str> {
    parse(&normalize_credit_code(code)).and_then(Parts::implied_district)
}

/// [`Parts::implied_ownership`] of a code as typed; `None` for an invalid code.
pub fn implied_ownership(code: &str) -> Option<&'static str> {
    parse(&normalize_credit_code(code)).and_then(Parts::implied_ownership)
}

/// [`Parts::is_enterprise`] of a code as typed; false for an invalid code.
pub fn is_enterprise(code: &str) -> bool {
    parse(&normalize_credit_code(code)).is_some_and(Parts::is_enterprise)
}

/// What a character that is not in [`CHARSET`] most likely was meant to be.
fn likely_meant(c: char) -> Option<char> {
    match c {
        'O' => Some('0'),
        'I' => Some('1'),
        'S' => Some('5'),
        'Z' => Some('2'),
        'V' => Some('U'),
        _ => None,
    }
}

/// If swapping exactly one pair of neighbouring characters makes the code valid, that pair's positions (1-based).
fn single_transposition(clean: &str) -> Option<usize> {
    let mut chars: Vec<char> = clean.chars().collect();
    let mut found = None;
    for i in 0..chars.len().saturating_sub(1) {
        if chars[i] == chars[i + 1] {
            continue;
        }
        chars.swap(i, i + 1);
        let s: String = chars.iter().collect();
        chars.swap(i, i + 1);
        if parse(&s).is_some() {
            if found.is_some() {
                return None;
            }
            found = Some(i + 1);
        }
    }
    found
}

/// All findings about a 统一社会信用代码 field as typed (an empty value gives none: "required" is the caller's rule).
///
/// Rule codes: `uscc.length`, `uscc.illegal_char`, `uscc.check_char` (errors); `uscc.authority`, `uscc.category`
/// (errors: positions 1–2 not in GB 32100 表2); `uscc.org_check`, `uscc.division_format`,
/// `uscc.division_outside`, `uscc.division_unknown` (warnings).
pub fn check_code(value: &str, field: FieldRef) -> Vec<Finding> {
    let clean = normalize_credit_code(value);
    check_clean_code(&clean, parse(&clean), field)
}

/// [`check_code`] of a code already normalised ([`normalize_credit_code`]) and parsed (`parts` is [`parse`]'s
/// result for it), so that a row's rules normalise and parse its code once.
pub fn check_clean_code(clean: &str, parts: Option<Parts<'_>>, field: FieldRef) -> Vec<Finding> {
    let mut out = Vec::new();
    if clean.is_empty() {
        return out;
    }
    out.extend(illegal_chars(clean, field));
    out.extend(wrong_length(clean, field));
    if !out.is_empty() {
        return out;
    }
    // 18 characters of the charset from here on (all ASCII).
    out.extend(authority_or_category(clean, field));
    match parts {
        // The only other reason a code of 18 such characters does not parse.
        None => out.extend(check_char_mismatch(clean, field)),
        Some(p) => {
            out.extend(division_warning(p.division, field));
            out.extend(org_check_warning(p.org_code, field));
        }
    }
    out
}

/// `uscc.illegal_char`: characters outside the charset, named, with a fix when replacing the usual misreadings
/// gives a valid code.
fn illegal_chars(clean: &str, field: FieldRef) -> Option<Finding> {
    let mut bad: Vec<char> = Vec::new();
    for c in clean.chars() {
        if char_value(c).is_none() && !bad.contains(&c) {
            bad.push(c);
        }
    }
    if bad.is_empty() {
        return None;
    }
    let named: Vec<String> = bad.iter().take(8).map(|c| format!("“{c}”")).collect();
    let has_letters = bad.iter().any(|c| likely_meant(*c).is_some());
    let mut msg = format!("统一社会信用代码含有不允许的字符{}", named.join("、"));
    if has_letters {
        msg.push_str("（代码不使用字母 I、O、S、V、Z，通常是数字 1、0、5、2 或字母 U 抄错了）");
    }
    msg.push_str("，请对照营业执照重新填写。");
    let mut f = Finding::error(field, "uscc.illegal_char", msg);
    if clean.chars().count() == CODE_LEN {
        let guess: String = clean.chars().map(|c| likely_meant(c).unwrap_or(c)).collect();
        if parse(&guess).is_some() {
            f = f.with_fix(format!("改为 {guess}"), field, guess);
        }
    }
    Some(f)
}

/// `uscc.length`: not 18 characters.
fn wrong_length(clean: &str, field: FieldRef) -> Option<Finding> {
    let len = clean.chars().count();
    (len != CODE_LEN).then(|| {
        Finding::error(
            field,
            "uscc.length",
            format!("统一社会信用代码应为18位，现为{len}位，请对照营业执照补全或删去多余字符。"),
        )
    })
}

/// `uscc.authority` or `uscc.category`: positions 1–2 not in GB 32100 表2.
fn authority_or_category(clean: &str, field: FieldRef) -> Option<Finding> {
    let mut chars = clean.chars();
    let (a, c) = (chars.next()?, chars.next()?);
    if authority_name(a).is_none() {
        return Some(Finding::error(
            field,
            "uscc.authority",
            format!("第1位“{a}”不是登记管理部门代码（应为1–9、A、N或Y，企业为9），请对照营业执照核对。"),
        ));
    }
    (!is_valid_pair(a, c)).then(|| {
        Finding::error(
            field,
            "uscc.category",
            format!(
                "第1–2位“{a}{c}”不是有效的机构类别（{}登记的代码第2位不能是“{c}”，企业为91），请对照营业执照核对。",
                authority_name(a).unwrap_or("")
            ),
        )
    })
}

/// `uscc.check_char`: position 18 is not the check character of the first 17 (naming a likely transposition).
fn check_char_mismatch(clean: &str, field: FieldRef) -> Option<Finding> {
    let expected = check_character(clean.get(..17)?)?;
    let got = clean.get(17..)?.chars().next()?;
    if expected == got {
        return None;
    }
    let mut msg = format!(
        "统一社会信用代码校验不通过（按前17位算，第18位应为“{expected}”而不是“{got}”），请对照营业执照逐位核对，任何一位抄错都会如此，不要只改最后一位"
    );
    if let Some(i) = single_transposition(clean) {
        msg.push_str(&format!("（可能是第{}、{}位顺序颠倒）", i, i + 1));
    }
    msg.push('。');
    Some(Finding::error(field, "uscc.check_char", msg))
}

/// `uscc.division_format`, `uscc.division_outside`, `uscc.division_unknown`: positions 3–8 are not a known
/// Tianjin division code.
fn division_warning(div: &str, field: FieldRef) -> Option<Finding> {
    if !div.bytes().all(|b| b.is_ascii_digit()) {
        Some(Finding::warning(
            field,
            "uscc.division_format",
            format!("第3–8位“{div}”应为6位数字的行政区划码，请对照营业执照核对。"),
        ))
    } else if !div.starts_with("12") {
        Some(Finding::warning(
            field,
            "uscc.division_outside",
            format!("第3–8位行政区划码{div}不在天津（天津为12开头），若单位确在外地登记可忽略，否则请核对。"),
        ))
    } else if division(div).is_none() {
        Some(Finding::warning(
            field,
            "uscc.division_unknown",
            format!("第3–8位行政区划码{div}不是天津已知的区县代码，请对照营业执照核对。"),
        ))
    } else {
        None
    }
}

/// `uscc.org_check`: positions 9–17 (the GB 11714 organisation code) fail their own check digit.
fn org_check_warning(org: &str, field: FieldRef) -> Option<Finding> {
    (org_check_character(org.get(..8)?) != org.get(8..)?.chars().next()).then(|| {
        Finding::warning(
            field,
            "uscc.org_check",
            "第9–17位（组织机构代码）的校验位不符，个别登记机关的代码确实如此，请再对照营业执照核对一遍。",
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_examples() {
        for c in ["91110000600037341L", "91120224064012553U", "911201163409833307", "121200004013590816"] {
            assert!(is_valid(c), "{c}");
        }
        assert_eq!(check_character("91110000600037341"), Some('L'));
    }
}
