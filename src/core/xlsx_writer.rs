//! The official table as an .xlsx file (rust_xlsxwriter), byte-for-byte reproducible for a given creation time.
