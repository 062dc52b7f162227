//! The messages between the page and the export worker: their keys, their types, and their encoding, for both sides.
//!
//! The page (`crate::shell::worker_client`) asks, the worker (`src/bin/worker.rs`) answers. A message is a plain JS
//! object of named [`Part`]s; this module says which parts each message has and turns them into typed values and
//! back, so it is pure data and host-tested. Turning a [`Message`] into the object `postMessage` sends, and reading a
//! received object as a [`Source`], is the shell's small glue (`crate::shell::worker_protocol`). The messages:
//!
//! - [`Request::Export`] `{ id, kind: "export", text, lengths, created }`: build the official table as .xlsx. The
//!   declaration travels [`Packed`] (`text`: every field joined, `lengths`: a `Uint32Array` whose buffer is
//!   transferred); `created` is the file's creation time, `YYYY-MM-DDTHH:MM:SS` in UTC;
//! - [`Request::Import`] `{ id, kind: "import", name, bytes }`: read the table in a file an enterprise sent (.xlsx,
//!   .docx, .csv/.txt; a `Uint8Array`, its buffer transferred; `name` breaks ties between kinds);
//! - the replies, matched to their request by its `id`: success `{ id, ok: true, … }` with the parts of an
//!   [`ExportReply`] (`bytes`, transferred, and `fileName`) or an [`ImportReply`] (the rows and the values beside the
//!   labels [`Packed`], rows numbered 1, 2, 3 …, then `sheet`, `headerRow`, `sheetRows` and the reader's notes, skipped
//!   rows and left-out columns as `details`/`detailLengths`); refusal `{ id, ok: false, error }`, a Chinese sentence
//!   for the user ([`Reply::Refused`]);
//! - and once, as soon as the worker's handler is installed: [`ready_message`], `{ ready: true }`. Messages posted to
//!   a worker before its wasm has loaded are dropped (there is no handler yet), so the page queues its requests until
//!   it sees this one.
//!
//! A message without a part it needs, or with a part of the wrong type, is a [`ProtocolError`], never a panic.

use crate::core::intake::table::{ExtraColumn, Note, NoteKind, ReadRow, ReadTable, SkipReason, Skipped};
use crate::core::model::{Declaration, ProjectRow, RowField, TableField};

/// The keys of the messages' parts, named once for both sides.
pub mod key {
    /// A request's number, repeated in its reply.
    pub const ID: &str = "id";
    /// Which request: [`super::EXPORT_KIND`] or [`super::IMPORT_KIND`].
    pub const KIND: &str = "kind";
    /// `true` in the worker's first message.
    pub const READY: &str = "ready";
    /// Whether a reply carries a result (`true`) or a refusal (`false`).
    pub const OK: &str = "ok";
    /// A refusal's reason.
    pub const ERROR: &str = "error";
    /// A packed declaration's joined text.
    pub const TEXT: &str = "text";
    /// A packed declaration's field lengths.
    pub const LENGTHS: &str = "lengths";
    /// An export's creation time.
    pub const CREATED: &str = "created";
    /// A file's bytes: the .xlsx read by an import, or made by an export.
    pub const BYTES: &str = "bytes";
    /// An exported file's download name.
    pub const FILE_NAME: &str = "fileName";
    /// An imported file's name (its kind is told from its bytes; the name only breaks ties).
    pub const NAME: &str = "name";
    /// The sheet an import read the table from.
    pub const SHEET: &str = "sheet";
    /// An import reply's table title (text).
    pub const TITLE: &str = "title";
    /// The 1-based row of the table's header in that sheet.
    pub const HEADER_ROW: &str = "headerRow";
    /// Each imported row's 1-based sheet row (a `Uint32Array`).
    pub const SHEET_ROWS: &str = "sheetRows";
    /// What the reader noted, skipped and left out, as a packed list of strings (tag and fields per record).
    pub const DETAILS: &str = "details";
    /// The UTF-16 lengths of [`DETAILS`]' strings.
    pub const DETAIL_LENGTHS: &str = "detailLengths";
}

/// The [`key::KIND`] of an export request.
pub const EXPORT_KIND: &str = "export";
/// The [`key::KIND`] of an import request.
pub const IMPORT_KIND: &str = "import";

/// One value of a message, as the JS object carries it.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    /// A string.
    Text(String),
    /// A number (a request id).
    Number(f64),
    /// `true` or `false`.
    Flag(bool),
    /// A `Uint32Array`, its buffer transferred: a packed declaration's lengths.
    Units(Vec<u32>),
    /// A `Uint8Array`, its buffer transferred: a file.
    Bytes(Vec<u8>),
}

/// A message to post: its parts in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Message {
    parts: Vec<(&'static str, Part)>,
}

impl Message {
    /// The message with one more part.
    fn with(mut self, key: &'static str, part: Part) -> Message {
        self.parts.push((key, part));
        self
    }

    /// The parts, each under its key.
    pub fn parts(&self) -> &[(&'static str, Part)] {
        &self.parts
    }
}

/// A received message, read part by part: a [`Message`], or in the shell the posted JS object.
pub trait Source {
    /// The part under `key`, or `None` when there is none or it is no kind of [`Part`].
    fn part(&self, key: &'static str) -> Option<Part>;
}

impl Source for Message {
    fn part(&self, key: &'static str) -> Option<Part> {
        self.parts.iter().find(|(k, _)| *k == key).map(|(_, part)| part.clone())
    }
}

/// Which message a [`ProtocolError`] is about; `Display` is its Chinese name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Which {
    /// A request of a kind not known yet.
    Request,
    /// An export request.
    ExportRequest,
    /// An import request.
    ImportRequest,
    /// A message from the worker.
    Reply,
}

impl std::fmt::Display for Which {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Which::Request => "请求",
            Which::ExportRequest => "导出请求",
            Which::ImportRequest => "导入请求",
            Which::Reply => "导出组件的回复",
        })
    }
}

/// Why a received message could not be read. `Display` is a Chinese sentence.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    /// A part the message needs is missing or of the wrong type.
    #[error("{message}格式错误：缺少 {key}")]
    Missing {
        /// The message.
        message: Which,
        /// The part's key.
        key: &'static str,
    },
    /// A request of a kind the worker does not know.
    #[error("请求格式错误：不认识的请求类型“{0}”")]
    UnknownKind(String),
    /// The message's packed declaration does not unpack.
    #[error("{message}格式错误：{source}")]
    Packed {
        /// The message.
        message: Which,
        /// Why it does not unpack.
        source: PackError,
    },
}

/// Why a [`Packed`] declaration does not unpack. `Display` is a Chinese phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PackError {
    /// The number of lengths is not 5 + 13 × rows.
    #[error("字段数不对")]
    FieldCount,
    /// The text ends before the lengths do.
    #[error("文本比字段长度短")]
    TextShort,
    /// The text goes on after the last field.
    #[error("文本比字段长度长")]
    TextLong,
    /// A field would end inside a character.
    #[error("字段边界落在字符中间")]
    SplitCharacter,
}

/// A declaration as it crosses to and from the worker: every field's text joined into one string, plus each field's
/// length in UTF-16 code units (what a JS string's `length` counts).
///
/// Field order: the 5 table fields of [`TableField::ALL`], then for each row its 13 fields in [`RowField::ALL`] order.
/// Row ids are not sent (the file does not use them); [`Packed::unpack`] numbers the rows 1, 2, 3 …
///
/// This replaces a `serde_json` round trip: there is nothing to escape or unescape, the text crosses to the worker
/// as one string and the lengths as one transferable `Uint32Array` (BENCHMARKS.md, "Export").
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::worker_protocol::Packed;
/// let mut decl = Declaration::default();
/// decl.recommender = "武清区市场监管局".into();
/// decl.rows.push(ProjectRow { id: 1, unit_name: "天津😀公司".into(), ..Default::default() });
/// let packed = Packed::pack(&decl);
/// assert_eq!(packed.lengths.len(), 5 + 13);
/// assert_eq!(packed.lengths[5], 6); // 天津😀公司: the emoji is two UTF-16 units
/// assert_eq!(packed.unpack(), Ok(decl));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Packed {
    /// Every field's text, joined.
    pub text: String,
    /// Each field's length in UTF-16 code units.
    pub lengths: Vec<u32>,
}

impl Packed {
    /// Packs the declaration's fields.
    pub fn pack(decl: &Declaration) -> Packed {
        let head = TableField::ALL.iter().map(|f| decl.table_value(*f));
        let rows = decl.rows.iter().flat_map(|row| RowField::ALL.iter().map(move |f| row.get(*f)));
        Packed::pack_strings(head.chain(rows))
    }

    /// Packs any list of strings.
    pub fn pack_strings<'s>(fields: impl Iterator<Item = &'s str>) -> Packed {
        let mut text = String::new();
        let mut lengths = Vec::with_capacity(fields.size_hint().0);
        for field in fields {
            text.push_str(field);
            // Counting UTF-16 units from UTF-8: every byte that starts a character is one unit, a 4-byte one is two.
            let units = field
                .bytes()
                .map(|b| match b {
                    0x80..=0xBF => 0u32,
                    0xF0..=0xFF => 2,
                    _ => 1,
                })
                .sum();
            lengths.push(units);
        }
        Packed { text, lengths }
    }

    /// Rebuilds the declaration. The lengths must cover the text exactly, in whole characters, and their number must
    /// be 5 + 13 × rows.
    pub fn unpack(&self) -> Result<Declaration, PackError> {
        let head = TableField::ALL.len();
        let per_row = RowField::ALL.len();
        if self.lengths.len() < head || !(self.lengths.len() - head).is_multiple_of(per_row) {
            return Err(PackError::FieldCount);
        }
        let mut fields = self.unpack_strings()?.into_iter();
        let mut decl = Declaration::default();
        for field in TableField::ALL {
            *decl.table_value_mut(field) = fields.next().unwrap_or_default();
        }
        let row_count = (self.lengths.len() - head) / per_row;
        decl.rows.reserve_exact(row_count);
        for id in 1..=row_count as u64 {
            let mut row = ProjectRow { id, ..ProjectRow::default() };
            for field in RowField::ALL {
                *row.get_mut(field) = fields.next().unwrap_or_default();
            }
            decl.rows.push(row);
        }
        Ok(decl)
    }

    /// The strings the lengths cut the text into. The lengths must cover the text exactly, in whole characters.
    pub fn unpack_strings(&self) -> Result<Vec<String>, PackError> {
        let text = self.text.as_str();
        let bytes = text.as_bytes();
        let mut pos = 0usize;
        let mut out = Vec::with_capacity(self.lengths.len());
        for &length in &self.lengths {
            let start = pos;
            let mut left = length as usize;
            while left > 0 {
                let (len, units) = match bytes.get(pos) {
                    None => return Err(PackError::TextShort),
                    Some(0x00..=0x7F) => (1, 1),
                    Some(0xC0..=0xDF) => (2, 1),
                    Some(0xE0..=0xEF) => (3, 1),
                    Some(_) => (4, 2),
                };
                if units > left {
                    return Err(PackError::SplitCharacter);
                }
                pos += len;
                left -= units;
            }
            out.push(text.get(start..pos).map(str::to_string).ok_or(PackError::SplitCharacter)?);
        }
        if pos != bytes.len() {
            return Err(PackError::TextLong);
        }
        Ok(out)
    }

    /// The two parts of a message that carry it.
    fn put(self, message: Message) -> Message {
        message.with(key::TEXT, Part::Text(self.text)).with(key::LENGTHS, Part::Units(self.lengths))
    }

    /// Reads the declaration carried by `message`.
    fn read(source: &impl Source, message: Which) -> Result<Declaration, ProtocolError> {
        let packed = Packed { text: text(source, key::TEXT, message)?, lengths: units(source, key::LENGTHS, message)? };
        packed.unpack().map_err(|source| ProtocolError::Packed { message, source })
    }
}

/// Build the official table as .xlsx.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Export {
    /// The table.
    pub declaration: Declaration,
    /// The file's creation time, `YYYY-MM-DDTHH:MM:SS` in UTC; the same declaration and time give the same bytes.
    pub created: String,
}

/// Read a file an enterprise sent (.xlsx, .docx, .csv/.txt) into the official table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Import {
    /// The file's name.
    pub name: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// What the page asks the worker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Request {
    /// Build an .xlsx; answered by an [`ExportReply`].
    Export(Export),
    /// Read a file's table; answered by an [`ImportReply`].
    Import(Import),
}

impl Request {
    /// The message that asks it, numbered `id`. Consumes the request: its file or declaration is not copied twice.
    pub fn into_message(self, id: u32) -> Message {
        let message = Message::default().with(key::ID, Part::Number(f64::from(id)));
        match self {
            Request::Export(Export { declaration, created }) => Packed::pack(&declaration)
                .put(message.with(key::KIND, Part::Text(EXPORT_KIND.into())))
                .with(key::CREATED, Part::Text(created)),
            Request::Import(Import { name, bytes }) => message
                .with(key::KIND, Part::Text(IMPORT_KIND.into()))
                .with(key::NAME, Part::Text(name))
                .with(key::BYTES, Part::Bytes(bytes)),
        }
    }

    /// Reads the request a message asks (its id is read by [`request_id`]).
    pub fn read(source: &impl Source) -> Result<Request, ProtocolError> {
        let kind = text(source, key::KIND, Which::Request)?;
        match kind.as_str() {
            EXPORT_KIND => {
                let declaration = Packed::read(source, Which::ExportRequest)?;
                let created = text(source, key::CREATED, Which::ExportRequest)?;
                Ok(Request::Export(Export { declaration, created }))
            }
            IMPORT_KIND => Ok(Request::Import(Import {
                name: text(source, key::NAME, Which::ImportRequest)?,
                bytes: bytes(source, key::BYTES, Which::ImportRequest)?,
            })),
            _ => Err(ProtocolError::UnknownKind(kind)),
        }
    }
}

/// The number of the request a message asks, to be repeated in its reply.
pub fn request_id(source: &impl Source) -> Result<u32, ProtocolError> {
    id(source, Which::Request)
}

/// The .xlsx an export made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportReply {
    /// The file.
    pub bytes: Vec<u8>,
    /// Its download name.
    pub file_name: String,
}

/// The table an import read: its rows (numbered 1, 2, 3 …), the values beside its labels, where each row was in the
/// file, and what the reader noted, skipped and left out.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportReply {
    pub table: ReadTable,
}

/// The contents of a successful reply: how they go into a message and come back out of one.
pub trait ReplyBody: Sized {
    /// The message with the contents' parts added.
    fn put(self, message: Message) -> Message;
    /// Reads the contents from a reply.
    fn read(source: &impl Source) -> Result<Self, ProtocolError>;
}

impl ReplyBody for ExportReply {
    fn put(self, message: Message) -> Message {
        message.with(key::BYTES, Part::Bytes(self.bytes)).with(key::FILE_NAME, Part::Text(self.file_name))
    }

    fn read(source: &impl Source) -> Result<ExportReply, ProtocolError> {
        Ok(ExportReply {
            bytes: bytes(source, key::BYTES, Which::Reply)?,
            file_name: text(source, key::FILE_NAME, Which::Reply)?,
        })
    }
}

impl ReplyBody for ImportReply {
    fn put(self, message: Message) -> Message {
        let table = self.table;
        let mut decl = Declaration::default();
        for (field, value) in &table.table_fields {
            *decl.table_value_mut(*field) = value.clone();
        }
        let sheet_rows: Vec<u32> = table.rows.iter().map(|r| r.sheet_row).collect();
        decl.rows = table.rows.into_iter().map(|r| r.project).collect();
        let details = Details::pack(&table.notes, &table.skipped, &table.extra_columns);
        Packed::pack(&decl)
            .put(message)
            .with(key::SHEET, Part::Text(table.sheet))
            .with(key::TITLE, Part::Text(table.title))
            .with(key::HEADER_ROW, Part::Number(f64::from(table.header_row)))
            .with(key::SHEET_ROWS, Part::Units(sheet_rows))
            .with(key::DETAILS, Part::Text(details.text))
            .with(key::DETAIL_LENGTHS, Part::Units(details.lengths))
    }

    fn read(source: &impl Source) -> Result<ImportReply, ProtocolError> {
        let decl = Packed::read(source, Which::Reply)?;
        let sheet_rows = units(source, key::SHEET_ROWS, Which::Reply)?;
        if sheet_rows.len() != decl.rows.len() {
            return Err(ProtocolError::Missing { message: Which::Reply, key: key::SHEET_ROWS });
        }
        let header_row = match source.part(key::HEADER_ROW) {
            Some(Part::Number(n)) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => n as u32,
            _ => return Err(ProtocolError::Missing { message: Which::Reply, key: key::HEADER_ROW }),
        };
        let details = Packed {
            text: text(source, key::DETAILS, Which::Reply)?,
            lengths: units(source, key::DETAIL_LENGTHS, Which::Reply)?,
        };
        let (notes, skipped, extra_columns) =
            Details::unpack(&details).ok_or(ProtocolError::Missing { message: Which::Reply, key: key::DETAILS })?;
        let table_fields = TableField::ALL
            .iter()
            .map(|f| (*f, decl.table_value(*f).to_string()))
            .filter(|(_, v)| !v.is_empty())
            .collect();
        let rows =
            decl.rows.into_iter().zip(sheet_rows).map(|(project, sheet_row)| ReadRow { sheet_row, project }).collect();
        Ok(ImportReply {
            table: ReadTable {
                sheet: text(source, key::SHEET, Which::Reply)?,
                title: text(source, key::TITLE, Which::Reply)?,
                header_row,
                rows,
                table_fields,
                notes,
                skipped,
                extra_columns,
            },
        })
    }
}

/// The reader's notes, skipped rows and left-out columns as a list of strings, packed like a declaration's fields:
/// each record is a tag and its fields (`n` row field kind text, `s` row reason, `x` header values).
struct Details;

impl Details {
    fn pack(notes: &[Note], skipped: &[Skipped], extra: &[ExtraColumn]) -> Packed {
        let mut list: Vec<String> = Vec::new();
        for note in notes {
            let (kind, text) = match &note.kind {
                NoteKind::StoredAsNumber { text } => ("number", text.clone()),
                NoteKind::FilledFromMerged => ("merged", String::new()),
                NoteKind::Combined { headers } => ("combined", headers.join("\u{1f}")),
            };
            list.extend(["n".into(), note.sheet_row.to_string(), note.field.key().into(), kind.into(), text]);
        }
        for skip in skipped {
            let reason = match skip.reason {
                SkipReason::Hidden => "hidden",
                SkipReason::Total => "total",
                SkipReason::RepeatedHeader => "header",
            };
            list.extend(["s".into(), skip.sheet_row.to_string(), reason.into()]);
        }
        for column in extra {
            list.extend(["x".into(), column.header.clone(), column.values.to_string()]);
        }
        Packed::pack_strings(list.iter().map(String::as_str))
    }

    fn unpack(packed: &Packed) -> Option<(Vec<Note>, Vec<Skipped>, Vec<ExtraColumn>)> {
        let list = packed.unpack_strings().ok()?;
        let (mut notes, mut skipped, mut extra) = (Vec::new(), Vec::new(), Vec::new());
        let mut items = list.into_iter();
        while let Some(tag) = items.next() {
            match tag.as_str() {
                "n" => {
                    let sheet_row = items.next()?.parse().ok()?;
                    let key = items.next()?;
                    let field = RowField::ALL.into_iter().find(|f| f.key() == key)?;
                    let (kind, text) = (items.next()?, items.next()?);
                    let kind = match kind.as_str() {
                        "number" => NoteKind::StoredAsNumber { text },
                        "merged" => NoteKind::FilledFromMerged,
                        "combined" => {
                            NoteKind::Combined { headers: text.split('\u{1f}').map(str::to_string).collect() }
                        }
                        _ => return None,
                    };
                    notes.push(Note { sheet_row, field, kind });
                }
                "s" => {
                    let sheet_row = items.next()?.parse().ok()?;
                    let reason = match items.next()?.as_str() {
                        "hidden" => SkipReason::Hidden,
                        "total" => SkipReason::Total,
                        "header" => SkipReason::RepeatedHeader,
                        _ => return None,
                    };
                    skipped.push(Skipped { sheet_row, reason });
                }
                "x" => extra.push(ExtraColumn { header: items.next()?, values: items.next()?.parse().ok()? }),
                _ => return None,
            }
        }
        Some((notes, skipped, extra))
    }
}

/// The worker's answer to one request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reply<T> {
    /// The request was carried out.
    Done(T),
    /// It was not: why, a Chinese sentence for the user (a file that is not the table, a writer error …).
    Refused(String),
}

impl<T> From<Result<T, String>> for Reply<T> {
    fn from(outcome: Result<T, String>) -> Reply<T> {
        match outcome {
            Ok(body) => Reply::Done(body),
            Err(why) => Reply::Refused(why),
        }
    }
}

impl<T: ReplyBody> Reply<T> {
    /// The message that answers request `id`.
    pub fn into_message(self, id: u32) -> Message {
        match self {
            Reply::Done(body) => {
                body.put(Message::default().with(key::ID, Part::Number(f64::from(id))).with(key::OK, Part::Flag(true)))
            }
            Reply::Refused(why) => refusal(id, why),
        }
    }

    /// Reads a reply (its id was read by [`FromWorker::read`]).
    pub fn read(source: &impl Source) -> Result<Reply<T>, ProtocolError> {
        if flag(source, key::OK, Which::Reply)? {
            T::read(source).map(Reply::Done)
        } else {
            text(source, key::ERROR, Which::Reply).map(Reply::Refused)
        }
    }
}

/// The message that refuses request `id` (of any kind, also one the worker could not read), saying why.
pub fn refusal(id: u32, why: String) -> Message {
    Message::default()
        .with(key::ID, Part::Number(f64::from(id)))
        .with(key::OK, Part::Flag(false))
        .with(key::ERROR, Part::Text(why))
}

/// The worker's first message: it is ready for requests.
pub fn ready_message() -> Message {
    Message::default().with(key::READY, Part::Flag(true))
}

/// A message from the worker, as far as the page needs to know to route it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FromWorker {
    /// [`ready_message`].
    Ready,
    /// A reply to request `id`, to be read by its waiting caller with [`Reply::read`].
    Reply {
        /// The request's number.
        id: u32,
    },
}

impl FromWorker {
    /// What a message from the worker is.
    pub fn read(source: &impl Source) -> Result<FromWorker, ProtocolError> {
        match source.part(key::READY) {
            Some(Part::Flag(true)) => Ok(FromWorker::Ready),
            _ => id(source, Which::Reply).map(|id| FromWorker::Reply { id }),
        }
    }
}

fn id(source: &impl Source, message: Which) -> Result<u32, ProtocolError> {
    match source.part(key::ID) {
        Some(Part::Number(n)) if n.fract() == 0.0 && (0.0..=f64::from(u32::MAX)).contains(&n) => Ok(n as u32),
        _ => Err(ProtocolError::Missing { message, key: key::ID }),
    }
}

fn text(source: &impl Source, key: &'static str, message: Which) -> Result<String, ProtocolError> {
    match source.part(key) {
        Some(Part::Text(text)) => Ok(text),
        _ => Err(ProtocolError::Missing { message, key }),
    }
}

fn flag(source: &impl Source, key: &'static str, message: Which) -> Result<bool, ProtocolError> {
    match source.part(key) {
        Some(Part::Flag(flag)) => Ok(flag),
        _ => Err(ProtocolError::Missing { message, key }),
    }
}

fn units(source: &impl Source, key: &'static str, message: Which) -> Result<Vec<u32>, ProtocolError> {
    match source.part(key) {
        Some(Part::Units(units)) => Ok(units),
        _ => Err(ProtocolError::Missing { message, key }),
    }
}

fn bytes(source: &impl Source, key: &'static str, message: Which) -> Result<Vec<u8>, ProtocolError> {
    match source.part(key) {
        Some(Part::Bytes(bytes)) => Ok(bytes),
        _ => Err(ProtocolError::Missing { message, key }),
    }
}
