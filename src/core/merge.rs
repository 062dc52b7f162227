//! What an import of one or several read files does to the table, as plain data: which rows a merge keeps, the hard
//! caps the result must fit, and where the table fields (推荐单位 and the footer) come from.

use crate::core::draft;
use crate::core::limits::{MAX_ROWS, MAX_TABLE_BYTES};
use crate::core::model::{Declaration, ProjectRow};

/// How many of a table's `rows` an append keeps: all of them, but for a lone blank starting row, which gives way.
/// `is_blank` is asked only about a lone row (the UI holds its rows as signals, the core as [`ProjectRow`]s).
pub fn kept_on_append<R>(rows: &[R], is_blank: impl Fn(&R) -> bool) -> usize {
    match rows {
        [only] if is_blank(only) => 0,
        all => all.len(),
    }
}

/// Whether appending `incoming` rows to a table that keeps `kept` of its rows stays within [`MAX_ROWS`].
pub fn append_fits(kept: usize, incoming: usize) -> bool {
    kept.saturating_add(incoming) <= MAX_ROWS
}

/// Why importing `files` into `current` would take the table beyond a hard cap (rows, or the size of its draft), in
/// a sentence with the numbers; `None` when it fits. The rows counted are those a merge keeps ([`kept_on_append`])
/// plus every file's; a replace keeps none, but the larger figure is the one that must fit: the user may choose to
/// merge. The size counted is the current table's draft plus every file's.
pub fn over_caps(current: &Declaration, files: &[Declaration]) -> Option<String> {
    let kept_rows = kept_on_append(&current.rows, ProjectRow::is_blank);
    let incoming: usize = files.iter().map(|d| d.rows.len()).sum();
    if !append_fits(kept_rows, incoming) {
        return Some(format!(
            "导入后表格将有 {} 个项目（现有 {kept_rows} 个，文件中 {incoming} 个），超过本工具一张表最多 {MAX_ROWS} 个项目的上限，没有导入。请分成几张表分别填报。",
            kept_rows + incoming
        ));
    }
    let bytes: usize = draft::encode(current, "", "", "", 0).len()
        + files.iter().map(|d| draft::encode(d, "", "", "", 0).len()).sum::<usize>();
    (bytes > MAX_TABLE_BYTES).then(|| {
        format!(
            "导入后表格的内容约 {} MB，超过本工具一张表最多 {} MB 的上限，没有导入。",
            bytes / (1024 * 1024),
            MAX_TABLE_BYTES / (1024 * 1024)
        )
    })
}

/// What an import of read files does to the table.
#[derive(Clone, Debug, PartialEq)]
pub enum Plan {
    /// The table is empty: it becomes the first file (its table fields and rows), then every other file's rows are
    /// appended in the order chosen (their table fields are not used).
    Replace { first: Declaration, append: Vec<Declaration> },
    /// One file and a table with content: the user chooses between replacing the table by the file (its table fields
    /// too) and appending its rows (the table fields stay as they are).
    Ask(Declaration),
    /// Several files and a table with content: every file's rows are appended in the order chosen; the table fields
    /// stay as they are.
    Append(Vec<Declaration>),
}

impl Plan {
    /// How many files the import brings.
    pub fn files(&self) -> usize {
        match self {
            Plan::Replace { append, .. } => 1 + append.len(),
            Plan::Ask(_) => 1,
            Plan::Append(files) => files.len(),
        }
    }
}

/// The plan for importing `files` (in the order chosen) into `current`; `None` when there is no file.
pub fn plan(current: &Declaration, mut files: Vec<Declaration>) -> Option<Plan> {
    if files.is_empty() {
        return None;
    }
    Some(match (current.is_empty(), files.len()) {
        (true, _) => {
            let first = files.remove(0);
            Plan::Replace { first, append: files }
        }
        (false, 1) => Plan::Ask(files.remove(0)),
        (false, _) => Plan::Append(files),
    })
}

/// What the files of an import are called in its messages: 草稿文件 (drafts only), Excel 文件 (.xlsx only) or 文件.
pub fn files_word(xlsx_files: usize, files: usize) -> &'static str {
    match xlsx_files {
        0 => "草稿文件",
        n if n == files => "Excel 文件",
        _ => "文件",
    }
}
