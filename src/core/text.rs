//! Text facts shared by the checks, the drafts and the table: invisible characters, safe file-name parts.

/// True for invisible format characters that only ever get in the way when pasted, and can disguise a file name:
/// soft hyphen, zero-width space, the left-to-right and right-to-left marks, word joiner, byte-order mark and the
/// bidirectional embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069). The zero-width non-joiner and
/// joiner (U+200C, U+200D) are not among them: they change how the characters around them are drawn (emoji
/// sequences such as 👨‍👩‍👧).
pub fn is_invisible_format(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{200B}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2060}'
            | '\u{FEFF}'
            | '\u{202A}'..='\u{202E}'
            | '\u{2066}'..='\u{2069}'
    )
}

/// What [`file_name_part`] makes of a character a file name may not hold (`\ / : * ? " < > |` and controls).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Forbidden {
    /// It is dropped: `A/B` → `AB`.
    Dropped,
    /// It separates words, as a space does: `A/B` → `A B`.
    Space,
}

/// Makes one part of a file name safe on Windows, macOS and Linux: no character a file name may not hold (dropped
/// or a space, as `forbidden` says), no invisible format characters ([`is_invisible_format`]), whitespace folded to
/// single spaces, at most `max_chars` characters, no dots or spaces at either end, and a reserved device name
/// (`CON`, `COM1`, `lpt9.txt` …) followed by `_`.
///
/// ```
/// # use shenbao::core::text::{file_name_part, Forbidden};
/// assert_eq!(file_name_part(" 天津A/B公司. ", 60, Forbidden::Dropped), "天津AB公司");
/// assert_eq!(file_name_part("2021/05:06", 40, Forbidden::Space), "2021 05 06");
/// assert_eq!(file_name_part("com1", 60, Forbidden::Dropped), "com1_");
/// ```
pub fn file_name_part(text: &str, max_chars: usize, forbidden: Forbidden) -> String {
    let mapped: String = text
        .chars()
        .filter_map(|c| {
            if c.is_whitespace() {
                Some(' ')
            } else if c.is_control() || matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                (forbidden == Forbidden::Space).then_some(' ')
            } else if is_invisible_format(c) {
                None
            } else {
                Some(c)
            }
        })
        .collect();
    let folded: String = mapped.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(max_chars).collect();
    let trimmed = folded.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    if is_reserved_device_name(&trimmed) {
        format!("{trimmed}_")
    } else {
        trimmed
    }
}

/// True for a name Windows reserves for a device, whatever its extension: `CON`, `PRN`, `AUX`, `NUL`, `COM0`–`COM9`,
/// `LPT0`–`LPT9`, in any case.
fn is_reserved_device_name(name: &str) -> bool {
    let stem = name.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_formats_are_dropped_and_joiners_kept() {
        let text = "a\u{AD}b\u{200B}c\u{200E}d\u{202E}e\u{2066}f\u{FEFF}g\u{200D}h\u{200C}i";
        assert_eq!(file_name_part(text, 60, Forbidden::Dropped), "abcdefg\u{200D}h\u{200C}i");
        assert_eq!(file_name_part(text, 60, Forbidden::Space), "abcdefg\u{200D}h\u{200C}i");
        assert_eq!(file_name_part("a/b", 60, Forbidden::Space), "a b");
        assert_eq!(file_name_part("a/b", 60, Forbidden::Dropped), "ab");
    }
}
