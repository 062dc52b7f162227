//! The text of a .csv or .txt file: its encoding told from its bytes, and the file split into rows and cells.
//!
//! Excel on Chinese Windows saves "CSV (逗号分隔)" in GBK (GB18030's older subset) and "Unicode 文本" in UTF-16 with
//! tabs; WPS and most other programs save UTF-8, often with a BOM. UTF-8 and UTF-16 are decoded here; GB18030 is left
//! to the browser's `TextDecoder` (the core carries no legacy encoding tables: they would cost the worker ~200 KB).

use calamine::{Data, Range};

use crate::core::limits::{longer_than, MAX_CELL_CHARS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_CHARS};

/// How a text file's bytes are encoded.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16Le,
    Utf16Be,
    /// Not UTF-8 and no UTF-16 mark: GBK/GB18030, as Excel writes on Chinese Windows. Decoded by the browser.
    Gb18030,
}

/// The encoding of `bytes`: a byte-order mark decides; else valid UTF-8 is UTF-8; else GB18030.
pub fn encoding_of(bytes: &[u8]) -> Encoding {
    match bytes {
        [0xFF, 0xFE, ..] => Encoding::Utf16Le,
        [0xFE, 0xFF, ..] => Encoding::Utf16Be,
        _ if std::str::from_utf8(bytes).is_ok() => Encoding::Utf8,
        _ => Encoding::Gb18030,
    }
}

/// The text of `bytes` when the core can decode it (UTF-8, UTF-16), without a byte-order mark; `None` for GB18030.
pub fn decode(bytes: &[u8]) -> Option<String> {
    let text = match encoding_of(bytes) {
        Encoding::Utf8 => std::str::from_utf8(bytes).ok()?.to_string(),
        Encoding::Utf16Le => utf16(&bytes[2..], u16::from_le_bytes),
        Encoding::Utf16Be => utf16(&bytes[2..], u16::from_be_bytes),
        Encoding::Gb18030 => return None,
    };
    Some(strip_bom(&text).to_string())
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> String {
    let units = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]]));
    char::decode_utf16(units).map(|c| c.unwrap_or(char::REPLACEMENT_CHARACTER)).collect()
}

/// `text` without a leading byte-order mark.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix('\u{feff}').unwrap_or(text)
}

/// Why a text file could not be read as a table.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TextTableError {
    #[error("无法导入：文件中有 {rows} 行，超过了本工具一次最多能读取的 {max} 行。请把表格拆成几个文件分别导入")]
    TooManyRows { rows: usize, max: usize },
    #[error("无法导入：第 {row} 行第 {col} 列有 {chars} 个字符，超过了一个单元格最多能存放的 {max} 个字符")]
    CellTooLong { row: usize, col: usize, chars: usize, max: usize },
    #[error("无法导入：文件中的文字超过了本工具一次最多能读取的 {max} 个字符。请检查是否选错了文件")]
    TooMuchText { max: usize },
}

/// The cells of a delimited text (RFC 4180 quoting: `"` around a value, `""` inside it; line ends `\r\n`, `\n` or
/// `\r`, also inside quotes). The delimiter is the one of `,`, tab and `;` found most often outside quotes in the
/// first lines. Every value is text, trimmed of the spaces around it; empty values are left out of the range.
/// Linear in the text; refused beyond the sheet caps of [`crate::core::limits`].
pub fn read_delimited(text: &str) -> Result<Range<Data>, TextTableError> {
    let text = strip_bom(text);
    if longer_than(text, MAX_SHEET_TEXT_CHARS) {
        return Err(TextTableError::TooMuchText { max: MAX_SHEET_TEXT_CHARS });
    }
    let delimiter = delimiter_of(text);
    let rows = split_rows(text, delimiter)?;
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if rows.is_empty() || width == 0 {
        return Ok(Range::empty());
    }
    let mut range = Range::new((0, 0), (rows.len() as u32 - 1, width as u32 - 1));
    for (r, row) in rows.into_iter().enumerate() {
        for (c, value) in row.into_iter().enumerate() {
            if !value.is_empty() {
                range.set_value((r as u32, c as u32), Data::String(value));
            }
        }
    }
    Ok(range)
}

/// The delimiter used most outside quotes in the first 20 lines (a comma when none is found).
fn delimiter_of(text: &str) -> char {
    let mut counts = [(',', 0usize), ('\t', 0), (';', 0)];
    let mut quoted = false;
    let mut lines = 0;
    for c in text.chars() {
        match c {
            '"' => quoted = !quoted,
            '\n' if !quoted => {
                lines += 1;
                if lines == 20 {
                    break;
                }
            }
            _ if !quoted => {
                if let Some(entry) = counts.iter_mut().find(|(d, _)| *d == c) {
                    entry.1 += 1;
                }
            }
            _ => {}
        }
    }
    counts.iter().max_by_key(|(_, n)| *n).filter(|(_, n)| *n > 0).map_or(',', |(d, _)| *d)
}

/// The rows of `text`, each a list of values.
fn split_rows(text: &str, delimiter: char) -> Result<Vec<Vec<String>>, TextTableError> {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut value = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if quoted {
            match c {
                '"' if chars.peek() == Some(&'"') => {
                    chars.next();
                    value.push('"');
                }
                '"' => quoted = false,
                '\r' => {
                    chars.next_if_eq(&'\n');
                    value.push('\n');
                }
                _ => value.push(c),
            }
            continue;
        }
        match c {
            '"' if value.trim().is_empty() => {
                value.clear();
                quoted = true;
            }
            '\r' | '\n' => {
                if c == '\r' {
                    chars.next_if_eq(&'\n');
                }
                end_value(&mut value, &mut row, &rows)?;
                push_row(&mut rows, std::mem::take(&mut row))?;
            }
            _ if c == delimiter => end_value(&mut value, &mut row, &rows)?,
            _ => value.push(c),
        }
    }
    if !value.is_empty() || !row.is_empty() {
        end_value(&mut value, &mut row, &rows)?;
        push_row(&mut rows, row)?;
    }
    while rows.last().is_some_and(|r| r.iter().all(String::is_empty)) {
        rows.pop();
    }
    Ok(rows)
}

/// Ends the value being read: trimmed, pushed onto its row; refused beyond a cell's cap.
fn end_value(value: &mut String, row: &mut Vec<String>, rows: &[Vec<String>]) -> Result<(), TextTableError> {
    let cell = std::mem::take(value).trim().to_string();
    let chars = cell.chars().count();
    if chars > MAX_CELL_CHARS {
        return Err(TextTableError::CellTooLong {
            row: rows.len() + 1,
            col: row.len() + 1,
            chars,
            max: MAX_CELL_CHARS,
        });
    }
    row.push(cell);
    Ok(())
}

/// Ends a row: trailing empty values dropped; refused beyond the sheet's row cap.
fn push_row(rows: &mut Vec<Vec<String>>, mut row: Vec<String>) -> Result<(), TextTableError> {
    while row.last().is_some_and(String::is_empty) {
        row.pop();
    }
    if rows.len() >= MAX_SHEET_ROWS {
        return Err(TextTableError::TooManyRows { rows: rows.len() + 1, max: MAX_SHEET_ROWS });
    }
    rows.push(row);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(range: &Range<Data>) -> Vec<Vec<String>> {
        range.rows().map(|r| r.iter().map(|d| d.to_string()).collect()).collect()
    }

    #[test]
    fn encodings_are_told_from_bytes() {
        assert_eq!(encoding_of("序号,名称".as_bytes()), Encoding::Utf8);
        assert_eq!(encoding_of(b"\xEF\xBB\xBFa"), Encoding::Utf8);
        assert_eq!(encoding_of(&[0xFF, 0xFE, b'a', 0]), Encoding::Utf16Le);
        assert_eq!(encoding_of(&[0xFE, 0xFF, 0, b'a']), Encoding::Utf16Be);
        // 序号 in GBK.
        assert_eq!(encoding_of(&[0xD0, 0xF2, 0xBA, 0xC5]), Encoding::Gb18030);
        assert_eq!(decode(&[0xD0, 0xF2, 0xBA, 0xC5]), None);
        assert_eq!(decode(b"\xEF\xBB\xBF\xE5\xBA\x8F").as_deref(), Some("序"));
        let utf16: Vec<u8> =
            [0xFF, 0xFE].into_iter().chain("序号\t名称".encode_utf16().flat_map(u16::to_le_bytes)).collect();
        assert_eq!(decode(&utf16).as_deref(), Some("序号\t名称"));
    }

    #[test]
    fn quoting_line_ends_and_delimiters() {
        let text = "\u{feff}序号,名称,备注\r\n1,\"天津,某某\",\"两行\r\n说明\"\r\n2, 甲 ,\"引号\"\"内\"\"\"\r\n\r\n";
        let range = read_delimited(text).unwrap();
        assert_eq!(
            cells(&range),
            vec![vec!["序号", "名称", "备注"], vec!["1", "天津,某某", "两行\n说明"], vec!["2", "甲", "引号\"内\""],]
        );
        let tabs = read_delimited("序号\t名称\n1\t天津,某某\n").unwrap();
        assert_eq!(cells(&tabs), vec![vec!["序号", "名称"], vec!["1", "天津,某某"]]);
        let semicolons = read_delimited("a;b\r1;2").unwrap();
        assert_eq!(cells(&semicolons), vec![vec!["a", "b"], vec!["1", "2"]]);
        assert!(read_delimited("").unwrap().is_empty());
    }

    #[test]
    fn caps_are_typed_errors() {
        let long = format!("a,{}\n", "x".repeat(MAX_CELL_CHARS + 1));
        assert!(matches!(read_delimited(&long), Err(TextTableError::CellTooLong { row: 1, col: 2, .. })));
        let many = "1\n".repeat(MAX_SHEET_ROWS + 1);
        assert!(matches!(read_delimited(&many), Err(TextTableError::TooManyRows { .. })));
    }
}
