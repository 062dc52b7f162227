//! How tall a row of the .xlsx must be for its wrapped text: a simulation of a reader's line breaking.
//!
//! Excel does not size a row to wrapped text in a file it opens, so the writer sets each row's height from an
//! estimate of the printed lines its tallest cell needs in its column ([`super::layout::COLUMNS`]' widths).

use super::layout::COLUMNS;

/// Points per printed line of 11 pt 宋体.
pub const LINE_HEIGHT: f64 = 14.5;
/// The padding added per row, in points.
const ROW_PADDING: f64 = 6.0;
/// Excel's maximum row height in points.
const MAX_ROW_HEIGHT: f64 = 409.0;

/// True for characters printed full width (CJK, kana, hangul, full-width forms, most emoji).
fn is_wide(c: char) -> bool {
    let cp = c as u32;
    // The common cases first: nothing below U+1100 is wide, and most Chinese text is in the main CJK block.
    if cp < 0x1100 {
        return false;
    }
    if (0x4E00..=0x9FFF).contains(&cp) {
        return true;
    }
    matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

/// Printed widths in half pixels (so that every width and line length here is a whole number) for 11 pt 宋体 at
/// 96 dpi: full width 15 px; ASCII is 7.3 px in 宋体 but is counted as 9, because readers that substitute another
/// font (LibreOffice, WPS on a Mac) print it wider and clipped text on a sealed printout is worse than a slightly
/// tall row; a tab 30 px.
const WIDE_HALF_PX: u32 = 30;
const NARROW_HALF_PX: u32 = 18;
const TAB_HALF_PX: u32 = 60;

/// Printed lines a cell needs in a column of `width` character units, simulating the reader's wrapping: a line
/// may break after a space, a hyphen or a slash, and before or after any full-width character; a run longer than
/// the line is broken anywhere. A column of width `w` is `7w + 5` pixels wide; the cell keeps ~2 px each side.
fn lines_needed(text: &str, width: f64) -> usize {
    let usable = ((width * 7.0 + 1.0).max(16.0) * 2.0) as u32;
    // A text of n bytes has at least n / 4 characters: when even those cannot fit on one line, simulate at once.
    let fewest_chars = u32::try_from(text.len() / 4).unwrap_or(u32::MAX);
    if fewest_chars.saturating_mul(WIDE_HALF_PX) > usable {
        return text.split('\n').map(|line| line_count(line, usable)).sum();
    }
    // A quick bound that settles most cells without simulating: with no tab and no line break, no character is
    // wider than a full-width one, so `n` characters with `n × full width <= usable` fit on one line.
    let mut chars = 0u32;
    let mut simple = true;
    for b in text.bytes() {
        if b == b'\t' || b == b'\n' {
            simple = false;
            break;
        }
        // Count the bytes that start a character (not UTF-8 continuation bytes 10xxxxxx).
        chars += u32::from(b & 0xC0 != 0x80);
    }
    if simple && chars.saturating_mul(WIDE_HALF_PX) <= usable {
        return 1;
    }
    text.split('\n').map(|line| line_count(line, usable)).sum()
}

/// Printed lines of one line of text (no `\n`) in `usable` half pixels.
///
/// Walks the UTF-8 bytes rather than the chars: a lead byte E5–E9 is a character in U+5000–U+9FFF, all CJK and
/// full width, and a two-byte character (below U+0800) is never wide, so only the rarer characters are decoded.
fn line_count(line: &str, usable: u32) -> usize {
    let mut lines = 1usize;
    let mut used = 0u32;
    let mut token = 0u32;
    let place = |w: u32, lines: &mut usize, used: &mut u32| {
        if *used + w <= usable {
            *used += w;
        } else if w <= usable {
            *lines += 1;
            *used = w;
        } else {
            // A run wider than the line: it starts on a fresh line (unless at the start) and breaks anywhere.
            if *used > 0 {
                *lines += 1;
            }
            let full = w / usable;
            *lines += full as usize;
            *used = w - full * usable;
            if *used == 0 && full > 0 {
                *lines -= 1;
                *used = usable;
            }
        }
    };
    let bytes = line.as_bytes();
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        let (w, breaks_after) = if lead < 0x80 {
            i += 1;
            match lead {
                b'\t' => (TAB_HALF_PX, true),
                b' ' | b'-' | b'/' => (NARROW_HALF_PX, true),
                _ => (NARROW_HALF_PX, false),
            }
        } else {
            let wide = match lead {
                0xE5..=0xE9 => {
                    i += 3;
                    true
                }
                0xC0..=0xDF => {
                    i += 2;
                    false
                }
                _ => match line.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => {
                        i += c.len_utf8();
                        is_wide(c)
                    }
                    None => break,
                },
            };
            if wide {
                if token > 0 {
                    place(token, &mut lines, &mut used);
                    token = 0;
                }
                place(WIDE_HALF_PX, &mut lines, &mut used);
                continue;
            }
            (NARROW_HALF_PX, false)
        };
        token += w;
        if breaks_after {
            place(token, &mut lines, &mut used);
            token = 0;
        }
    }
    if token > 0 {
        place(token, &mut lines, &mut used);
    }
    lines
}

/// The height (points) of a row whose cells, in column order, are `cells`.
pub fn row_height<'a>(cells: impl Iterator<Item = &'a str>, line_height: f64, min: f64) -> f64 {
    let lines = cells
        .zip(COLUMNS.iter())
        .map(|(text, column)| if text.is_empty() { 1 } else { lines_needed(text, column.width) })
        .max()
        .unwrap_or(1);
    (lines as f64 * line_height + ROW_PADDING).clamp(min, MAX_ROW_HEIGHT)
}

#[cfg(test)]
mod tests {
    use super::*;

    // The first version of the wrapping estimate, in f64 pixels: the reference the integer one is held to.
    const WIDE_PIXELS: f64 = 15.0;

    fn char_pixels(c: char) -> f64 {
        if is_wide(c) {
            WIDE_PIXELS
        } else if c == '\t' {
            30.0
        } else {
            9.0
        }
    }

    fn wrapped_lines(line: &str, usable: f64) -> usize {
        line_count(line, (usable * 2.0) as u32)
    }

    fn fits_on_one_line(line: &str, usable: f64) -> bool {
        !line.contains('\t') && line.chars().count() as f64 * WIDE_PIXELS <= usable
    }

    fn simulated_lines(line: &str, usable: f64) -> usize {
        let mut lines = 1usize;
        let mut used = 0.0f64;
        let mut token = 0.0f64;
        let place = |w: f64, lines: &mut usize, used: &mut f64| {
            if *used + w <= usable {
                *used += w;
            } else if w <= usable {
                *lines += 1;
                *used = w;
            } else {
                if *used > 0.0 {
                    *lines += 1;
                }
                let full = (w / usable).floor();
                *lines += full as usize;
                *used = w - full * usable;
                if *used == 0.0 && full > 0.0 {
                    *lines -= 1;
                    *used = usable;
                }
            }
        };
        for c in line.chars() {
            let w = char_pixels(c);
            if w == WIDE_PIXELS {
                if token > 0.0 {
                    place(token, &mut lines, &mut used);
                    token = 0.0;
                }
                place(w, &mut lines, &mut used);
            } else {
                token += w;
                if matches!(c, ' ' | '-' | '/' | '\t') {
                    place(token, &mut lines, &mut used);
                    token = 0.0;
                }
            }
        }
        if token > 0.0 {
            place(token, &mut lines, &mut used);
        }
        lines
    }

    /// The f64 estimate of a whole cell, as the first version computed it.
    fn lines_needed_f64(text: &str, width: f64) -> usize {
        let usable = (width * 7.0 + 1.0).max(16.0);
        text.split('\n')
            .map(|line| if fits_on_one_line(line, usable) { 1 } else { simulated_lines(line, usable) })
            .sum()
    }

    #[test]
    fn integer_estimate_equals_the_f64_one() {
        let pieces = [
            "汽", "a", " ", "-", "/", "\t", "é", "😀", "ｱ", "1", "\n", "、", "—", "䷀", "㐀", "䶿", "鿿", "（", "ߺ",
            "\u{E000}", "𠀀", "Ａ",
        ];
        let mut multi = 0;
        for width in COLUMNS.iter().map(|c| c.width).chain([1.0, 2.5, 40.0]) {
            for seed in 0..3000usize {
                let len = seed % 61;
                let text: String =
                    (0..len).map(|i| pieces[(seed * 31 + i * i * 7 + i * 3 + seed / 7) % pieces.len()]).collect();
                let n = lines_needed(&text, width);
                if n > 1 {
                    multi += 1;
                }
                assert_eq!(n, lines_needed_f64(&text, width), "{text:?} in width {width}");
            }
        }
        assert!(multi > 1000, "wrapping is exercised ({multi})");
    }

    #[test]
    fn the_one_line_shortcut_agrees_with_the_simulation() {
        let pieces = ["汽", "a", " ", "-", "/", "\t", "é", "😀", "ｱ", "1"];
        let mut shortcuts = 0;
        for width in COLUMNS.map(|c| c.width) {
            let usable = (width * 7.0 + 1.0).max(16.0);
            for seed in 0..400usize {
                let len = seed % 23;
                let line: String = (0..len).map(|i| pieces[(seed * 7 + i * i * 3 + i) % pieces.len()]).collect();
                if fits_on_one_line(&line, usable) {
                    shortcuts += 1;
                }
                assert_eq!(wrapped_lines(&line, usable), simulated_lines(&line, usable), "{line:?} in {usable}px");
            }
        }
        assert!(shortcuts > 100, "the shortcut is exercised ({shortcuts})");
    }

    #[test]
    fn wrapping_estimate_breaks_like_a_reader() {
        assert_eq!(wrapped_lines("", 100.0), 1);
        assert_eq!(wrapped_lines("汽车制造业", 100.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七", 100.0), 2, "7 × 15 px > 100 px");
        // Breaks after the hyphen and around 、, never inside the numbers.
        assert_eq!(wrapped_lines("022-23456789、13900000000", 127.0), 2);
        assert_eq!(wrapped_lines("022-23456789、13900000000", 113.0), 3);
        // A run longer than the line breaks anywhere.
        assert_eq!(wrapped_lines(&"x".repeat(40), 100.0), 4);
        assert_eq!(wrapped_lines("a b c", 1000.0), 1);
        assert_eq!(lines_needed("第一行\n第二行", 12.0), 2);
    }

    #[test]
    fn heights_are_capped() {
        let long = "很".repeat(10_000);
        assert_eq!(row_height([long.as_str()].into_iter(), LINE_HEIGHT, 24.0), MAX_ROW_HEIGHT);
        assert_eq!(row_height(["1"].into_iter(), LINE_HEIGHT, 24.0), 24.0);
    }
}
