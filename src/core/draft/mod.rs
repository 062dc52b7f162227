//! The draft format: a versioned envelope around a declaration, its encoder, decoder and file name.
//!
//! `envelope` holds the types, `encoder` writes the text, `decoder` reads it (with the migrations, on the strict
//! JSON reader `json`), `file_name` names the downloaded file.
//!
//! # Format
//!
//! A draft is UTF-8 JSON. The current version (2) is an envelope:
//!
//! ```json
//! { "format": "shenbao-draft", "version": 2, "saved_at": "2021-05-06T10:42:05",
//!   "app_version": "0.1.0", "writer": "t3k9x2", "seq": 17, "declaration": { ... } }
//! ```
//!
//! - `saved_at`: local time `YYYY-MM-DDTHH:MM:SS` (empty when unknown, e.g. after migrating a v0 file);
//! - `writer`: the id of the browser tab that saved it (empty when unknown);
//! - `seq`: a save counter that every tab continues from the highest one it has seen, so across tabs and
//!   across the two stored copies (localStorage and the IndexedDB journal) a higher `seq` is newer work;
//! - `declaration`: every field of [`Declaration`] and of each [`crate::core::ProjectRow`], all present, each
//!   row ending with where it came from, `"source": {"file": "甲公司.xlsx", "sheet": "申报表", "row": 5,
//!   "number_code": ""}` ([`crate::core::Source`]: all four members present; empty texts and row 0 for a row
//!   typed in the page). The source is kept in drafts only, never written into the official table.
//!
//! Migrations, each to the next version, run in turn:
//! - 0 → 1: version 0 is a bare [`Declaration`] object without an envelope (what a hand-made or older file looks
//!   like); missing fields there mean empty text and missing row ids are assigned;
//! - 1 → 2: every row gets an empty source (version 1 did not keep where rows came from).
//!
//! # Decoding never guesses
//!
//! [`decode`] returns a typed [`DraftError`] (plain Chinese `Display`) for anything it cannot read in full:
//! there is no fallback to an empty or default declaration, so a caller can never overwrite a stored draft
//! with nothing, and an unknown key (in the envelope, the declaration, a row or a row's source) is refused. The
//! form's own limits (2,000 characters of 备注 …) are not the decoder's business: such a value is read in full and
//! flagged by the rules. Only the hard caps of [`crate::core::limits`] ([`MAX_ROWS`], [`MAX_CELL_CHARS`], also on
//! a source's texts, [`MAX_DRAFT_BYTES`]) stop a draft file, with the numbers in the message.
//!
//! [`decode_partial`] reads a stored draft as far as it goes: beyond a hard cap it keeps the first
//! [`MAX_ROWS`] rows and the first [`MAX_CELL_CHARS`] characters of a value, and lists what it left out, so
//! a stored draft is never shown as an empty table (the caller keeps the raw text and tells the user).
//!
//! [`Declaration`]: crate::core::Declaration
//! [`MAX_ROWS`]: crate::core::limits::MAX_ROWS
//! [`MAX_CELL_CHARS`]: crate::core::limits::MAX_CELL_CHARS
//! [`MAX_DRAFT_BYTES`]: crate::core::limits::MAX_DRAFT_BYTES

mod decoder;
mod encoder;
mod envelope;
mod file_name;
pub mod json;

pub use decoder::{decode, decode_partial, peek_meta};
pub use encoder::{encode, encode_pretty, with_reference};
pub use envelope::{compare_saves, is_timestamp, DraftError, Envelope, Meta, CURRENT_VERSION, FORMAT};
pub use file_name::draft_file_name;
