//! The official table as an .xlsx file: the writer (export) and the reader (import) with its own cell reader.

pub mod cells;
pub mod reader;
pub mod writer;
