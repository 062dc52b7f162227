//! calamine's own .xlsx reader: the tests' reference for the import's cell reader (`core::xlsx::cells`), and what
//! they read the writer's files with (`mod reference;` in each). It lives here because only the tests use it.

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use shenbao::core::model::Declaration;
use shenbao::core::xlsx::reader::{read_range, XlsxReadError};

/// Reads the official table from .xlsx bytes (the first worksheet) with calamine's reader; rows get ids 1, 2, 3 ….
pub fn read_xlsx(bytes: &[u8]) -> Result<Declaration, XlsxReadError> {
    read_range(&read_first_sheet(bytes)?)
}

/// The first worksheet's cells, by calamine's own .xlsx reader.
pub fn read_first_sheet(bytes: &[u8]) -> Result<Range<Data>, XlsxReadError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
    let range = match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => range,
        Some(Err(e)) => return Err(XlsxReadError::NotXlsx(e.to_string())),
        None => return Err(XlsxReadError::NoSheet),
    };
    Ok(range)
}
