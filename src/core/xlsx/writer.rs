//! The official table as an .xlsx file (rust_xlsxwriter), byte-for-byte reproducible for a given creation time.
//!
//! The layout (rows, columns, headers, labels, widths) is [`super::layout`]'s.
//!
//! Value conventions (the reader in [`super::reader`] inverts them):
//! - 所属行业: the 大类 name for a known two-digit code, otherwise the text as typed;
//! - 企业性质: the pick-list text; for `其他（请注明）` it is `其他（<free text>）`, or `其他` when no text was given;
//! - 项目及负责人及联系方式: `<leader name>\n<phone(s)>` (one cell, two printed lines);
//! - 日期: `2021年4月9日` from `2021-04-09`; anything unparsable is written as typed.
//!
//! Every user value is written with `write_string` (never a formula, never a number): credit codes, phone numbers
//! and text such as `=1+1` stay text. Characters illegal in XML are removed, `_xHHHH_` sequences are escaped so Excel
//! does not decode them, and each cell is capped at Excel's 32 767 UTF-16 units.

use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet};

use super::layout::{
    official_serials, Align, Holds, ANNEX_LABEL, ANNEX_ROW, COLUMNS, FIRST_DATA_ROW, FOOTER, FOOTER_SPAN, HEADER_ROW,
    LAST_COL, RECOMMENDER_LABEL, RECOMMENDER_ROW, SHEET_NAME, TITLE_ROW,
};
use super::row_height::{row_height, LINE_HEIGHT};
use crate::core::check::dates::{days_in_month, format_date, parse_date};
use crate::core::edition;
// Excel counts a cell's characters in UTF-16 code units, and so does the cap here.
use crate::core::limits::MAX_CELL_CHARS;
use crate::core::model::{Declaration, ProjectRow, RowField, TableField};
use crate::core::picklists::{industry_by_code, OWNERSHIP_OTHER};
use crate::core::text::{file_name_part, Forbidden};

/// The page footer (Excel codes: `&C` centre, `&P` page, `&N` pages).
pub const PAGE_FOOTER: &str = "&C第 &P 页 共 &N 页";

const BODY_FONT: &str = "宋体";
/// Charset 134 = GB2312: tells Excel which code page the font name belongs to.
const GB2312: u8 = 134;
const BODY_SIZE: f64 = 11.0;
const MIN_DATA_ROW_HEIGHT: f64 = 24.0;
/// Rows after the table: the footer row and the notes.
const ROWS_AFTER_TABLE: u32 = 1 + edition::current().notes.len() as u32;
const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// The deflate level of the zip container's parts (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 3;
/// The most characters of the name part of [`file_name`].
const MAX_NAME_CHARS: usize = 60;

/// The document's creation time, written into `docProps/core.xml` (UTC, as Excel expects).
///
/// The writer never reads a clock: the caller passes the time, so the same input gives the same bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct CreationTime {
    pub year: u16,
    pub month: u8,
    pub day: u8,
    pub hour: u8,
    pub minute: u8,
    pub second: u8,
}

impl CreationTime {
    /// Parses `YYYY-MM-DDTHH:MM:SS` (a space instead of `T`, a fraction of a second and a trailing `Z` are accepted).
    ///
    /// ```
    /// # use shenbao::core::xlsx::writer::CreationTime;
    /// let t = CreationTime::parse("2021-04-09T08:30:00").ok_or("bad time")?;
    /// assert_eq!((t.year, t.month, t.day, t.hour), (2021, 4, 9, 8));
    /// # Ok::<(), &str>(())
    /// ```
    pub fn parse(text: &str) -> Option<CreationTime> {
        let text = text.trim();
        let text = text.strip_suffix('Z').unwrap_or(text);
        let text = match text.find('.') {
            Some(dot) if dot >= 19 && text[dot + 1..].bytes().all(|b| b.is_ascii_digit()) => &text[..dot],
            _ => text,
        };
        let b = text.as_bytes();
        if b.len() != 19 || !(b[10] == b'T' || b[10] == b' ') || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (year, month, day) = parse_date(text.get(..10)?)?;
        let num = |range: std::ops::Range<usize>| -> Option<u8> {
            let s = text.get(range)?;
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let t = CreationTime {
            year: u16::try_from(year).ok()?,
            month: u8::try_from(month).ok()?,
            day: u8::try_from(day).ok()?,
            hour: num(11..13)?,
            minute: num(14..16)?,
            second: num(17..19)?,
        };
        t.is_valid().then_some(t)
    }

    /// True for a real calendar time in Excel's range (years 1900–9999).
    pub fn is_valid(&self) -> bool {
        (1900..=9999).contains(&self.year)
            && (1..=12).contains(&self.month)
            && self.day >= 1
            && u32::from(self.day) <= days_in_month(u32::from(self.year), u32::from(self.month))
            && self.hour < 24
            && self.minute < 60
            && self.second < 60
    }

    fn to_excel(self) -> Result<ExcelDateTime, XlsxError> {
        if !self.is_valid() {
            return Err(XlsxError::InvalidCreationTime(format!("{self:?}")));
        }
        ExcelDateTime::from_ymd(self.year, self.month, self.day)
            .and_then(|d| d.and_hms(u16::from(self.hour), self.minute, f64::from(self.second)))
            .map_err(|e| XlsxError::InvalidCreationTime(e.to_string()))
    }
}

/// Why the .xlsx could not be written. The messages are Chinese: they are shown to the user.
#[derive(Debug, thiserror::Error)]
pub enum XlsxError {
    /// The creation time is not a real date and time in years 1900–9999.
    #[error("文件创建时间无效：{0}")]
    InvalidCreationTime(String),
    /// More project rows than an Excel sheet can hold.
    #[error("项目行数过多（{rows} 行），超出 Excel 工作表的上限")]
    TooManyRows { rows: usize },
    /// rust_xlsxwriter refused something (should not happen for cleaned values).
    #[error("生成 Excel 文件失败：{0}")]
    Writer(#[from] rust_xlsxwriter::XlsxError),
}

/// Writes the declaration as the official table; the same declaration and time give the same bytes.
///
/// Blank project rows (nothing typed) are left out; 序号 counts the rows written.
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
/// let mut decl = Declaration::default();
/// decl.rows.push(ProjectRow { unit_name: "天津某某汽车零部件有限公司".into(), ..Default::default() });
/// let created = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 0, second: 0 };
/// let bytes = write_xlsx(&decl, &created)?;
/// assert_eq!(&bytes[..2], b"PK");
/// # Ok::<(), shenbao::core::xlsx::writer::XlsxError>(())
/// ```
pub fn write_xlsx(decl: &Declaration, created: &CreationTime) -> Result<Vec<u8>, XlsxError> {
    let rows: Vec<(u32, &ProjectRow)> = official_rows(&decl.rows).collect();
    build(decl, rows.len(), rows.into_iter().map(|(serial, r)| (serial, data_cells(r))), created)
        .map(|(bytes, _workbook)| bytes)
}

/// What is left of the workbook once its bytes are out: dropping it frees every cell, string and format.
///
/// For 5000 rows that is some 60 000 allocations; the export worker drops it after posting its reply, so the page
/// does not wait for the cleanup.
pub struct SpentWorkbook(#[allow(dead_code)] Workbook);

/// [`write_xlsx`] for a declaration the caller no longer needs (the export worker's), handing back the workbook so
/// the caller chooses when to free it ([`SpentWorkbook`]): each value that needs no cleaning goes into the workbook
/// as it is, without another copy. The same bytes.
pub fn write_xlsx_consuming(
    mut decl: Declaration,
    created: &CreationTime,
) -> Result<(Vec<u8>, SpentWorkbook), XlsxError> {
    let rows = std::mem::take(&mut decl.rows);
    let serials = official_serials(&rows, ProjectRow::is_blank);
    let count = serials.iter().flatten().count();
    let kept = rows.into_iter().zip(serials).filter_map(|(r, serial)| Some((serial?, data_cells_owned(r))));
    build(&decl, count, kept, created)
}

/// The rows the official table holds, each with its 序号 ([`official_serials`]: blank rows are left out).
pub fn official_rows(rows: &[ProjectRow]) -> impl Iterator<Item = (u32, &ProjectRow)> {
    rows.iter().zip(official_serials(rows, ProjectRow::is_blank)).filter_map(|(r, serial)| Some((serial?, r)))
}

/// Rows 1–3: 附表, the title, and 推荐单位(公章): with the recommending unit — a tall row leaves room for the seal.
fn write_heading(sheet: &mut Worksheet, formats: &Formats, title: &str, recommender: &str) -> Result<(), XlsxError> {
    sheet.write_string_with_format(ANNEX_ROW, 0, ANNEX_LABEL, &formats.annex)?;
    sheet.set_row_height(ANNEX_ROW, 20)?;
    sheet.merge_range(TITLE_ROW, 0, TITLE_ROW, LAST_COL, title, &formats.title)?;
    sheet.set_row_height(TITLE_ROW, 36)?;
    let recommender = clean_cell(&format!("{RECOMMENDER_LABEL}{}", recommender.trim()));
    sheet.merge_range(RECOMMENDER_ROW, 0, RECOMMENDER_ROW, LAST_COL, &recommender, &formats.left_plain)?;
    sheet.set_row_height(RECOMMENDER_ROW, 48)?;
    Ok(())
}

/// Row 4: the headers.
fn write_headers(sheet: &mut Worksheet, formats: &Formats) -> Result<(), XlsxError> {
    for (col, column) in COLUMNS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, column.header, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, row_height(COLUMNS.iter().map(|c| c.header), LINE_HEIGHT + 1.0, 36.0))?;
    Ok(())
}

/// The project rows from [`FIRST_DATA_ROW`]; returns the row after them.
///
/// The values are written unformatted and each column's format is then set once over the whole block
/// (`set_range_format`): rust_xlsxwriter hashes the whole `Format` on every formatted write, which was the largest
/// single cost of the export. The file is the same: an empty value becomes a formatted blank cell exactly as
/// `write_blank` makes it, and the formats get their indices in the same order of first use (序号, then left, then
/// centred, as in the first row).
fn write_project_rows(
    sheet: &mut Worksheet,
    formats: &Formats,
    rows: impl Iterator<Item = (u32, [String; DATA_CELLS])>,
) -> Result<u32, XlsxError> {
    let mut row_num = FIRST_DATA_ROW;
    for (serial, cells) in rows {
        let height =
            row_height(std::iter::once("").chain(cells.iter().map(String::as_str)), LINE_HEIGHT, MIN_DATA_ROW_HEIGHT);
        sheet.write_number(row_num, 0, f64::from(serial))?;
        for (col, text) in cells.into_iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(row_num, (col + 1) as u16, text)?;
            }
        }
        sheet.set_row_height(row_num, height)?;
        row_num += 1;
    }
    if row_num > FIRST_DATA_ROW {
        format_project_rows(sheet, formats, row_num - 1)?;
    }
    Ok(row_num)
}

/// Sets each data column's format over the project rows, one range per run of equally aligned columns.
fn format_project_rows(sheet: &mut Worksheet, formats: &Formats, last_data_row: u32) -> Result<(), XlsxError> {
    sheet.set_range_format(FIRST_DATA_ROW, 0, last_data_row, 0, &formats.serial)?;
    let mut first = 1usize;
    while first <= LAST_COL as usize {
        let align = COLUMNS[first].align;
        let mut last = first;
        while last < LAST_COL as usize && COLUMNS[last + 1].align == align {
            last += 1;
        }
        let format = match align {
            Align::Centre => &formats.cell_centre,
            Align::Left => &formats.cell_left,
        };
        sheet.set_range_format(FIRST_DATA_ROW, first as u16, last_data_row, last as u16, format)?;
        first = last + 1;
    }
    Ok(())
}

/// The footer row: each of [`FOOTER`]'s labels with its value, over [`FOOTER_SPAN`] columns each.
fn write_footer(sheet: &mut Worksheet, formats: &Formats, decl: &Declaration, row: u32) -> Result<(), XlsxError> {
    for (block, item) in FOOTER.iter().enumerate() {
        let value = match item.field {
            TableField::FillDate => format_date(&decl.fill_date),
            field => decl.table_value(field).trim().to_string(),
        };
        let first = block as u16 * FOOTER_SPAN;
        let text = clean_cell(&format!("{}{value}", item.label));
        sheet.merge_range(row, first, row, first + FOOTER_SPAN - 1, &text, &formats.left_plain)?;
    }
    sheet.set_row_height(row, 32)?;
    Ok(())
}

/// The notes, one row each from `row`; returns the last row of the sheet.
fn write_notes(sheet: &mut Worksheet, formats: &Formats, notes: &[&str], row: u32) -> Result<u32, XlsxError> {
    let mut row_num = row;
    for note in notes {
        sheet.merge_range(row_num, 0, row_num, LAST_COL, note, &formats.note)?;
        sheet.set_row_height(row_num, 20)?;
        row_num += 1;
    }
    Ok(row_num - 1)
}

/// The workbook of the table fields of `decl` and `count` project rows given as their [`data_cells`].
fn build(
    decl: &Declaration,
    count: usize,
    rows: impl Iterator<Item = (u32, [String; DATA_CELLS])>,
    created: &CreationTime,
) -> Result<(Vec<u8>, SpentWorkbook), XlsxError> {
    let created = created.to_excel()?;
    let max_rows = (EXCEL_MAX_ROWS - FIRST_DATA_ROW - ROWS_AFTER_TABLE) as usize;
    if count > max_rows {
        return Err(XlsxError::TooManyRows { rows: count });
    }

    let edition = edition::current();
    let mut workbook = Workbook::new();
    // Deflate level 3 (the zip crate's default is 6), as Excel 365 itself saves: on 5000 rows it cuts the export's
    // time by about a fifth for a file about 16 % larger (≈ 310 KB instead of 267 KB; ExcelJS writes ≈ 270 KB).
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.set_properties(&DocProperties::new().set_title(edition.title).set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let formats = Formats::new();

    // The order of the writes below is the order of the formats' first use, which the file records: keep it.
    write_heading(sheet, &formats, edition.title, &decl.recommender)?;
    write_headers(sheet, &formats)?;
    let footer_row = write_project_rows(sheet, &formats, rows)?;
    write_footer(sheet, &formats, decl, footer_row)?;
    let last_row = write_notes(sheet, &formats, &edition.notes, footer_row + 1)?;

    // The column widths come last: while a column has no settings, rust_xlsxwriter's check for a row × column
    // format on each unformatted write is one look-up in an empty map. The file is the same.
    for (col, column) in COLUMNS.iter().enumerate() {
        sheet.set_column_width(col as u16, column.width)?;
    }
    print_setup(sheet, last_row)?;
    let bytes = workbook.save_to_buffer()?;
    Ok((bytes, SpentWorkbook(workbook)))
}

/// The download's file name: `2021年天津市质量攻关重点项目申报表-<name>.xlsx`.
///
/// `<name>` is the 申报单位名称 when every non-blank row names the same unit, else the 推荐单位, else nothing
/// (then there is no dash). The title is the edition's. The name is made safe ([`file_name_part`]; what a file
/// name may not hold is dropped), at most 60 characters.
///
/// ```
/// # use shenbao::core::{Declaration, ProjectRow};
/// # use shenbao::core::xlsx::writer::file_name;
/// let mut decl = Declaration::default();
/// assert_eq!(file_name(&decl), "2021年天津市质量攻关重点项目申报表.xlsx");
/// decl.rows.push(ProjectRow { unit_name: "天津A/B公司".into(), ..Default::default() });
/// assert_eq!(file_name(&decl), "2021年天津市质量攻关重点项目申报表-天津AB公司.xlsx");
/// ```
pub fn file_name(decl: &Declaration) -> String {
    let rows: Vec<&ProjectRow> = decl.rows.iter().filter(|r| !r.is_blank()).collect();
    let unit = rows
        .first()
        .map(|r| r.unit_name.trim())
        .filter(|first| !first.is_empty() && rows.iter().all(|r| r.unit_name.trim() == *first));
    let safe = |text: &str| Some(file_name_part(text, MAX_NAME_CHARS, Forbidden::Dropped)).filter(|n| !n.is_empty());
    let name = unit.and_then(safe).or_else(|| safe(decl.recommender.trim()));
    match name {
        Some(name) => format!("{}-{name}.xlsx", edition::current().title),
        None => format!("{}.xlsx", edition::current().title),
    }
}

/// Cleans one cell's text: line breaks normalised to `\n`, XML-illegal and invisible control characters removed,
/// capped at [`MAX_CELL_CHARS`] UTF-16 units. (rust_xlsxwriter itself escapes a literal `_xHHHH_` as
/// `_x005F_xHHHH_`, so Excel does not decode it.)
pub fn clean_cell(text: &str) -> String {
    if is_clean(text) {
        text.to_string()
    } else {
        clean_cell_slowly(text)
    }
}

/// The cleaning itself, character by character.
fn clean_cell_slowly(text: &str) -> String {
    let normalised = text.replace("\r\n", "\n").replace('\r', "\n");
    let kept: String = normalised.chars().filter(|c| is_allowed_in_cell(*c)).collect();
    cap_cell(&kept)
}

/// Caps the text at [`MAX_CELL_CHARS`] UTF-16 units, never splitting a character.
fn cap_cell(text: &str) -> String {
    let mut units = 0usize;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            units += c.len_utf16();
            units > MAX_CELL_CHARS
        })
        .map_or(text.len(), |(i, _)| i);
    text[..end].to_string()
}

/// Whether [`clean_cell`] would return the text unchanged: no `\r`, nothing that [`is_allowed_in_cell`] refuses,
/// and short enough (a UTF-16 unit never takes fewer than one UTF-8 byte, so the byte length bounds the units).
/// Checked on the bytes, so the common case costs one pass and one copy.
fn is_clean(text: &str) -> bool {
    let b = text.as_bytes();
    if b.len() > MAX_CELL_CHARS {
        return false;
    }
    for (i, &byte) in b.iter().enumerate() {
        // Nearly every byte is none of those that can start something to remove.
        if byte >= 0x20 && byte != 0x7F && byte != 0xC2 && byte != 0xEF {
            continue;
        }
        match byte {
            b'\t' | b'\n' => {}
            // C0 controls (with \r) and DEL.
            0x00..=0x1F | 0x7F => return false,
            // C1 controls U+0080–U+009F are encoded C2 80 … C2 9F.
            0xC2 if matches!(b.get(i + 1), Some(0x80..=0x9F)) => return false,
            // U+FFFE and U+FFFF are encoded EF BF BE and EF BF BF.
            0xEF if b.get(i + 1) == Some(&0xBF) && matches!(b.get(i + 2), Some(0xBE | 0xBF)) => return false,
            _ => {}
        }
    }
    true
}

fn is_allowed_in_cell(c: char) -> bool {
    match c {
        '\t' | '\n' => true,
        '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}' => false,
        '\u{FFFE}' | '\u{FFFF}' => false,
        _ => true,
    }
}

/// The number of text cells of a project row: every column but 序号.
pub const DATA_CELLS: usize = COLUMNS.len() - 1;

/// The text cells of a project row (columns 2–12), cleaned, in [`COLUMNS`] order — exactly what the file holds
/// (the page's print view shows the same text).
pub fn data_cells(row: &ProjectRow) -> [String; DATA_CELLS] {
    data_cells_owned(row.clone())
}

/// [`data_cells`] of a row the caller no longer needs: a value that needs no cleaning is moved, not copied.
fn data_cells_owned(mut row: ProjectRow) -> [String; DATA_CELLS] {
    let mut ownership = ownership_cell(&row);
    let mut leader = leader_cell(&row);
    std::array::from_fn(|i| match COLUMNS[i + 1].holds {
        Holds::Field(RowField::Industry) => match industry_by_code(row.industry.trim()) {
            Some(ind) => clean_cell(ind.name),
            None => clean_owned(std::mem::take(&mut row.industry)),
        },
        Holds::Field(RowField::Ownership) => std::mem::take(&mut ownership),
        Holds::Field(field) => clean_owned(std::mem::take(row.get_mut(field))),
        Holds::Leader => std::mem::take(&mut leader),
        // Column 1 only, which is not a data cell.
        Holds::Serial => String::new(),
    })
}

/// 企业性质 as the table shows it: `其他（…）` with the detail when 其他 is chosen.
fn ownership_cell(row: &ProjectRow) -> String {
    if row.ownership.trim() == OWNERSHIP_OTHER {
        let other = row.ownership_other.trim();
        if other.is_empty() {
            "其他".to_string()
        } else {
            clean_owned(format!("其他（{other}）"))
        }
    } else {
        clean_cell(&row.ownership)
    }
}

/// 项目负责人及联系方式: the name and the phone(s) on two lines.
fn leader_cell(row: &ProjectRow) -> String {
    match (row.leader_name.trim(), row.leader_phone.trim()) {
        ("", phone) => clean_cell(phone),
        (name, "") => clean_cell(name),
        (name, phone) => clean_owned(format!("{name}\n{phone}")),
    }
}

/// [`clean_cell`] for a text already owned: kept as it is when nothing needs cleaning.
fn clean_owned(text: String) -> String {
    if is_clean(&text) {
        text
    } else {
        clean_cell_slowly(&text)
    }
}

fn print_setup(sheet: &mut Worksheet, last_row: u32) -> Result<(), XlsxError> {
    sheet.set_paper_size(9); // A4
    sheet.set_landscape();
    sheet.set_print_fit_to_pages(1, 0);
    sheet.set_print_center_horizontally(true);
    sheet.set_margins(0.5, 0.5, 0.6, 0.7, 0.3, 0.3);
    sheet.set_footer(PAGE_FOOTER);
    sheet.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    sheet.set_print_area(0, 0, last_row, LAST_COL)?;
    sheet.set_freeze_panes(FIRST_DATA_ROW, 0)?;
    Ok(())
}

struct Formats {
    annex: Format,
    title: Format,
    left_plain: Format,
    header: Format,
    serial: Format,
    cell_centre: Format,
    cell_left: Format,
    note: Format,
}

impl Formats {
    fn new() -> Formats {
        let base = Format::new().set_font_name(BODY_FONT).set_font_charset(GB2312).set_font_size(BODY_SIZE);
        let cell = base.clone().set_border(FormatBorder::Thin).set_text_wrap().set_align(FormatAlign::VerticalCenter);
        Formats {
            annex: base.clone().set_bold().set_font_size(12),
            title: base
                .clone()
                .set_bold()
                .set_font_size(18)
                .set_align(FormatAlign::Center)
                .set_align(FormatAlign::VerticalCenter),
            left_plain: base
                .clone()
                .set_font_size(12)
                .set_align(FormatAlign::Left)
                .set_align(FormatAlign::VerticalCenter),
            header: cell.clone().set_bold().set_align(FormatAlign::Center),
            serial: cell.clone().set_align(FormatAlign::Center),
            cell_centre: cell.clone().set_align(FormatAlign::Center).set_num_format("@"),
            cell_left: cell.set_align(FormatAlign::Left).set_num_format("@"),
            note: base.set_align(FormatAlign::Left).set_align(FormatAlign::VerticalCenter).set_text_wrap(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_clean_fast_path_agrees_with_the_full_cleaning() {
        let mut samples: Vec<String> = [
            "",
            "plain",
            "天津某某汽车零部件有限公司",
            "a\tb\nc",
            "a\r\nb",
            "a\rb",
            "x\u{0}y",
            "\u{1F}",
            "\u{7F}",
            "\u{80}",
            "\u{85}",
            "\u{9F}",
            "\u{A0}",
            "é",
            "\u{FFFD}",
            "\u{FFFE}",
            "\u{FFFF}",
            "\u{FFEF}",
            "\u{EFBF}",
            "\u{10FFFF}",
            "😀",
            "_x0041_",
            "\u{200B}",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        for n in [MAX_CELL_CHARS - 1, MAX_CELL_CHARS, MAX_CELL_CHARS + 1] {
            samples.push("a".repeat(n));
            samples.push("汉".repeat(n / 3 + 1));
            samples.push("😀".repeat(n / 2 + 1));
        }
        for text in &samples {
            let full = clean_cell_slowly(text);
            let shown = text.chars().take(8).collect::<String>();
            if text.len() <= MAX_CELL_CHARS {
                assert_eq!(is_clean(text), full == *text, "{shown:?}");
            } else {
                // Long texts (in bytes) always take the full path, which caps them if needed.
                assert!(!is_clean(text), "{shown:?}");
            }
            assert_eq!(clean_cell(text), full);
        }
    }
}
