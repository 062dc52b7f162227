//! The official table as an .xlsx file: its layout, the writer (export), and the reader (import) with its own cell
//! reader.

pub mod cells;
pub mod error;
pub mod layout;
pub mod reader;
pub mod writer;
