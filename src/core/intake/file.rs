//! One file an enterprise sent, read into the official table: its kind told from its bytes, its reader chosen, the
//! table found in what it holds.

use super::docx::{read_docx, DocxError};
use super::kind::{kind_of, FileKind};
use super::ods::{ods_sheets, OdsError};
use super::table::{read_book, ReadTable, Sheet, TableError};
use super::text::{decode, read_delimited, TextTableError};
use super::xls::{xls_sheets, XlsReadError};
use crate::core::xlsx::cells::sheets;
use crate::core::xlsx::error::XlsxReadError;

/// Why a file could not be taken. `Display` is a Chinese sentence that says what to do.
#[derive(Debug, thiserror::Error)]
pub enum IntakeError {
    /// A kind that is not read (.doc, PDF, images …), or a draft (read on the page, not here).
    #[error("{0}")]
    Refused(&'static str),
    #[error(transparent)]
    Xlsx(#[from] XlsxReadError),
    #[error(transparent)]
    Docx(#[from] DocxError),
    #[error(transparent)]
    Text(#[from] TextTableError),
    /// A text file in an encoding that could not be decoded.
    #[error("无法识别该文本文件的编码。请在 Excel 或 WPS 中另存为 .xlsx，或另存为 CSV（UTF-8）后再导入")]
    Undecodable,
    #[error(transparent)]
    Xls(#[from] XlsReadError),
    #[error(transparent)]
    Ods(#[from] OdsError),
    #[error(transparent)]
    Table(#[from] TableError),
}

/// Reads the table in a spreadsheet, Word or text file. `gb18030` decodes a text file that is not UTF-8 or UTF-16
/// (the page gives it the browser's `TextDecoder`; the core carries no legacy encodings).
pub fn read_table_file(
    name: &str,
    bytes: &[u8],
    gb18030: &dyn Fn(&[u8]) -> Option<String>,
) -> Result<ReadTable, IntakeError> {
    let book: Vec<Sheet> = match kind_of(name, bytes) {
        FileKind::Xlsx => sheets(bytes)?,
        FileKind::Xls => xls_sheets(bytes)?,
        FileKind::Ods => ods_sheets(bytes)?,
        FileKind::Docx => vec![read_docx(bytes)?],
        FileKind::Text => {
            let text = decode(bytes).or_else(|| gb18030(bytes)).ok_or(IntakeError::Undecodable)?;
            vec![Sheet { name: sheet_name(name), cells: read_delimited(&text)?, ..Default::default() }]
        }
        FileKind::Draft => return Err(IntakeError::Refused("草稿文件在页面中读取")),
        other => return Err(IntakeError::Refused(other.refusal().unwrap_or("无法识别的文件格式"))),
    };
    Ok(read_book(&book)?)
}

/// A text file's one sheet is named after the file, as Excel names it when it opens one.
fn sheet_name(file_name: &str) -> String {
    let base = file_name.rsplit(['/', '\\']).next().unwrap_or(file_name);
    base.rsplit_once('.').map_or(base, |(stem, _)| stem).to_string()
}
