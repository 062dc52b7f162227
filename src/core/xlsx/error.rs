//! Why an .xlsx file could not be read as the official table: one error type for the cell reader and the reader.

use crate::core::limits;

/// Why a file could not be read as the official table. The messages are Chinese: they are shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum XlsxReadError {
    /// The bytes are not a readable .xlsx workbook.
    #[error("无法读取该文件：它不是有效的 Excel (.xlsx) 文件（{0}）")]
    NotXlsx(String),
    /// The workbook has no worksheet.
    #[error("该 Excel 文件中没有工作表")]
    NoSheet,
    /// No row with the table's headers (序号, 申报单位名称 …) was found.
    #[error("未找到申报表的表头（序号、申报单位名称……），该文件可能不是本申报表")]
    HeaderNotFound,
    /// More sheet rows hold a value than [`limits::MAX_SHEET_ROWS`] (the project rows plus title, headers, notes
    /// and footer). `rows` is the number of such rows in the sheet.
    #[error(
        "无法导入：工作表中有 {rows} 行内容，超过了本工具一次最多能读取的 {max} 行（最多 {projects} 个项目，另加表头、\
         表尾）。请把表格拆成几个文件，每个不超过 {projects} 个项目，再分别导入",
        projects = limits::MAX_ROWS
    )]
    TooManyRows { rows: usize, max: usize },
    /// More project rows than [`limits::MAX_ROWS`] (the most the table holds).
    #[error(
        "无法导入：表格中有 {rows} 个项目，超过了本工具一次最多能导入的 {max} 个项目。请把表格拆成几个文件，\
         每个不超过 {max} 个项目，再分别导入"
    )]
    TooManyProjects { rows: usize, max: usize },
    /// A value (a cell's text after decoding, or the shared string it refers to) longer than
    /// [`limits::MAX_CELL_CHARS`], Excel's limit for a cell: no file saved by Excel has one.
    #[error(
        "无法导入：单元格 {cell} 中有 {chars} 个字符，超过了 Excel 一个单元格最多能存放的 {max} 个字符——这个文件\
         不是由 Excel 保存的，可能由其他程序生成或被改动过。请检查该单元格（正常的申报表每格只有几十到几百个字），\
         把内容缩短后用 Excel 或 WPS 重新保存，再导入"
    )]
    CellTooLong { cell: String, chars: usize, max: usize },
    /// The characters of all values together exceed [`limits::MAX_SHEET_TEXT_CHARS`] (each reference of a shared
    /// string counts).
    #[error(
        "无法导入：工作表中的文字共有 {chars} 个字符，超过了本工具一次最多能读取的 {max} 个字符（正常的申报表远少于\
         此，可能是很多单元格引用了同一段很长的文字）。请检查是否选错了文件，或把表格拆成几个文件分别导入"
    )]
    TooMuchText { chars: usize, max: usize },
}
