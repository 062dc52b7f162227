//! calamine's own .xlsx and .xls readers: the references the import's readers (`core::xlsx::cells`,
//! `core::intake::xls`) are tested against (`mod calamine_reference;` in each test that compares with them). The product does not link it (see README, Stack notes).

// Each test file uses part of this module.
#![allow(dead_code)]

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

/// Every worksheet of an .xls workbook by calamine's own .xls reader: (name, cells, merged areas). Dates come back
/// as their day numbers (the intake's .xls reader, like its .xlsx reader, does not look at date styles).
pub fn read_xls_sheets(bytes: &[u8]) -> Vec<(String, Range<Data>, Vec<calamine::Dimensions>)> {
    let mut book = calamine::Xls::new(Cursor::new(bytes)).expect("calamine reads the .xls");
    let names: Vec<String> = book.sheet_names().to_vec();
    names
        .into_iter()
        .map(|name| {
            let read = book.worksheet_range(&name).expect("calamine reads the sheet");
            let (top, left) = read.start().unwrap_or((0, 0));
            let cells = read
                .used_cells()
                .map(|(r, c, cell)| {
                    let value = match cell {
                        Data::DateTime(d) => Data::Float(d.as_f64()),
                        Data::Int(i) => Data::Float(*i as f64),
                        other => other.clone(),
                    };
                    calamine::Cell::new((top + r as u32, left + c as u32), value)
                })
                .collect();
            let range = Range::from_sparse(cells);
            let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
            (name, range, merges)
        })
        .collect()
}
