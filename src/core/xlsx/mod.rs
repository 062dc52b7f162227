//! The official table as an .xlsx file: its layout, the writer (export), the reader and its cell reader (import).

pub mod cells;
pub mod error;
pub mod layout;
pub mod reader;
mod row_height;
pub mod writer;
