//! calamine's own .xlsx reader: the reference the import (`core::xlsx::cells`) is tested against (`mod
//! calamine_reference;` in each test that compares with it). The product does not link it (see README, Stack notes).

use std::io::Cursor;

use calamine::{Data, Range, Reader, Xlsx};
use shenbao::core::xlsx::error::XlsxReadError;
use shenbao::core::xlsx::reader::read_range;
use shenbao::core::Declaration;

/// The first worksheet's cells, by calamine's own .xlsx reader.
pub fn read_first_sheet(bytes: &[u8]) -> Result<Range<Data>, XlsxReadError> {
    let mut workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).map_err(|e| XlsxReadError::NotXlsx(e.to_string()))?;
    match workbook.worksheet_range_at(0) {
        Some(Ok(range)) => Ok(range),
        Some(Err(e)) => Err(XlsxReadError::NotXlsx(e.to_string())),
        None => Err(XlsxReadError::NoSheet),
    }
}

/// The official table in .xlsx bytes, its cells read by calamine's reader (the import reads them with its own).
pub fn read_xlsx(bytes: &[u8]) -> Result<Declaration, XlsxReadError> {
    read_range(&read_first_sheet(bytes)?)
}
