//! A draft's envelope: its format, version and save information, and why a text is not a readable draft.

use std::cmp::Ordering;

use thiserror::Error;

use crate::core::limits::MAX_ROWS;
use crate::core::model::Declaration;

/// The value of the envelope's `format` key.
pub const FORMAT: &str = "shenbao-draft";
/// The version [`super::encode`] writes.
pub const CURRENT_VERSION: u64 = 2;

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
    /// The reference beside the table (earlier years' projects, expected units: `core::history::store`'s text),
    /// when the user chose to put it in a draft file; an optional part of version 2 (`None` in every stored draft).
    pub reference: Option<String>,
}

/// Why a text is not a readable draft. `Display` is one plain Chinese sentence for the user.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum DraftError {
    /// The text is empty or only whitespace.
    #[error("草稿是空的")]
    Empty,
    /// The text is larger than [`crate::core::limits::MAX_DRAFT_BYTES`].
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
    /// A text longer than a hard cap ([`crate::core::limits::MAX_CELL_CHARS`], [`crate::core::limits::MAX_META_CHARS`]).
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
