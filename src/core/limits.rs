//! One set of limits for everything that enters the table, and what happens beyond each.
//!
//! They hold for typing, paste, every import and drafts alike.
//!
//! Two kinds:
//! - **Form limits** are the official form's: a value beyond one is *kept* and flagged by an error finding that
//!   states the limit (rule `field.too_long`). Nothing is ever cut to a form limit, and a draft or file holding such
//!   a value is read in full.
//! - **Hard caps** only protect the machine. A file beyond one is refused before anything is built, with the
//!   numbers in the message, and the table does not change. The table itself never exceeds them: adding, copying
//!   and importing rows stop at [`MAX_ROWS`]; a text control takes at most [`MAX_CELL_CHARS`]; a save beyond
//!   [`MAX_TABLE_BYTES`] is refused with a message. So whatever the tool saves, it reads back.

/// Form limit: the most characters of a field the official form allows where no stricter rule applies (e.g. 备注).
/// Longer text is kept and flagged.
pub const FORM_FIELD_CHARS: usize = 2_000;

/// Hard cap: the most characters of one value — Excel's limit for a cell (32,767). A file with a longer value is
/// refused; a text control takes no more (its `maxlength`).
pub const MAX_CELL_CHARS: usize = 32_767;

/// Hard cap: the most project rows the table holds (and so a draft or one import brings). BENCHMARKS.md reports the
/// page at 5,000 rows; 20,000 stay usable. An import that would take the table beyond it is refused.
pub const MAX_ROWS: usize = 20_000;

/// Hard cap: the largest compact draft text ([`crate::core::draft::encode`]) of a table. A save beyond it is refused
/// with a message (the table stays in the page); an import whose result would exceed it is refused.
pub const MAX_TABLE_BYTES: usize = 48 * 1024 * 1024;

/// Hard cap: the largest draft text (in bytes) that is parsed at all. Above [`MAX_TABLE_BYTES`] by more than the
/// indented draft file's layout adds for [`MAX_ROWS`] rows (under 13 MB), so every draft file the tool writes of a
/// table it can save is read back.
pub const MAX_DRAFT_BYTES: usize = 64 * 1024 * 1024;

/// Hard cap: the most characters of a draft envelope's `saved_at`, `app_version` or `writer`.
pub const MAX_META_CHARS: usize = 64;

/// Hard cap: the largest table file read (the official table of 5,000 projects is ~0.3 MB). Far above that because
/// enterprises embed pictures in their tables (a scan of the stamped page, photos): the readers take only the parts
/// they need (each under [`MAX_PART_BYTES`] once decompressed), so a 21 MB table with a scan in it is read.
pub const MAX_SHEET_FILE_BYTES: usize = 64 * 1024 * 1024;

/// Hard cap: the largest part of a spreadsheet package once decompressed (a guard against zip bombs; the table of
/// 5,000 projects has ~3 MB of sheet XML).
pub const MAX_PART_BYTES: u64 = 64 * 1024 * 1024;

/// Hard cap: the largest area (rows × columns, empty cells included) a sheet's values may span (the table of 5,000
/// projects spans ~60,000).
pub const MAX_RANGE_CELLS: u64 = 20_000_000;

/// Hard cap: the most sheet rows holding a value that a spreadsheet may have: the project rows plus room for the
/// title, headers, notes and footer.
pub const MAX_SHEET_ROWS: usize = MAX_ROWS + 200;

/// Hard cap: the most characters of all values read from one spreadsheet together (a shared string referenced by
/// millions of cells must not be copied millions of times).
pub const MAX_SHEET_TEXT_CHARS: usize = 64 * 1024 * 1024;

/// How long (milliseconds) the worker may take to read a file of `bytes` bytes before the read is given up, the
/// worker restarted and the file named as refused: 8 s plus 1 s per MB.
pub fn read_budget_ms(bytes: usize) -> u32 {
    8_000 + (bytes / (1024 * 1024)) as u32 * 1_000
}

/// How long (milliseconds) the worker may take to write the .xlsx of `rows` rows before the export is given up:
/// 30 s plus 5 ms per row (a 5,000-row export takes about 0.3 s here).
pub fn export_budget_ms(rows: usize) -> u32 {
    30_000 + rows.min(MAX_ROWS) as u32 * 5
}

/// Whether `s` has more than `max` characters (a cheap byte bound first: a string has at most as many
/// characters as bytes).
pub fn longer_than(s: &str, max: usize) -> bool {
    s.len() > max && s.chars().nth(max).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longer_than_counts_characters_not_bytes() {
        assert!(!longer_than("中文", 2));
        assert!(longer_than("中文字", 2));
        assert!(!longer_than("", 0));
        assert!(longer_than("a", 0));
    }

    // The indented draft file adds at most ~40 bytes of layout per field: every saved table's file is readable.
    const _: () = assert!(MAX_TABLE_BYTES + MAX_ROWS * (14 * 40 + 64) + 4096 <= MAX_DRAFT_BYTES);
    const _: () = assert!(FORM_FIELD_CHARS < MAX_CELL_CHARS);
    const _: () = assert!(MAX_SHEET_ROWS > MAX_ROWS);
}
