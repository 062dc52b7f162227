//! Reads an .xlsx of the official table back into a declaration (the import).
//!
//! The reader inverts the conventions of [`super::writer`] but does not insist on its exact layout: it finds
//! the header row by its text (so extra rows above it or a different column order are fine), reads project rows
//! until the footer (`推荐部门负责人:` … `日期:`) or the notes, and takes `推荐单位(公章):` from above the table.
//! A label's value may share its cell (as the writer puts it) or follow in the next non-empty cell of its row (as
//! a table typed in Excel often has it); a date may be text (`2021年4月9日`, `2021-4-9`, `2021/4/9`) or an Excel date.

use calamine::{Data, Range};

use super::error::XlsxReadError;
use crate::core::intake::table::{read_book, Sheet, TableError};

use crate::core::model::Declaration;

/// Reads the official table from .xlsx bytes (the first worksheet), the cells read by [`super::cells::first_sheet`].
///
/// Rows get ids 1, 2, 3 … in order; empty rows are skipped. (The tests read the writer's files with calamine's own
/// reader and [`read_range`] too: the same result for UTF-8 files.)
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
/// # use shenbao::core::xlsx::reader::import_xlsx;
/// let mut decl = Declaration { recommender: "武清区市场监管局".into(), ..Default::default() };
/// decl.rows.push(ProjectRow { id: 1, unit_name: "天津某某有限公司".into(), industry: "36".into(), ..Default::default() });
/// let created = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 0, second: 0 };
/// let back = import_xlsx(&write_xlsx(&decl, &created)?)?;
/// assert_eq!(back, decl);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn import_xlsx(bytes: &[u8]) -> Result<Declaration, XlsxReadError> {
    read_range(&super::cells::first_sheet(bytes)?)
}

/// The declaration in a sheet's cells ([`crate::core::intake::table::read_book`] finds the table and reads it).
/// A sheet without the table's header is [`XlsxReadError::HeaderNotFound`]; more than the most project
/// rows are refused (counted, not kept: [`crate::core::limits::MAX_ROWS`]). A table with headers and no project is an empty declaration here; the
/// intake says so in its own words.
pub fn read_range(range: &Range<Data>) -> Result<Declaration, XlsxReadError> {
    let sheet = Sheet { cells: range.clone(), ..Default::default() };
    match read_book(std::slice::from_ref(&sheet)) {
        Ok(table) => Ok(table.into_declaration()),
        Err(TableError::NotThisTable) => Err(XlsxReadError::HeaderNotFound),
        Err(TableError::NoProjects { .. }) => Ok(Declaration::default()),
        Err(TableError::TooManyProjects { rows, max }) => Err(XlsxReadError::TooManyProjects { rows, max }),
    }
}
