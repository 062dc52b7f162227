//! The official table as an .xlsx file (rust_xlsxwriter), byte-for-byte reproducible for a given creation time.
//!
//! Layout (row numbers 1-based, as Excel shows them):
//! 1. `附表`;
//! 2. the title, merged over the 12 columns;
//! 3. `推荐单位(公章):` + the recommending unit (a tall row, room for the seal);
//! 4. the 12 headers (repeated on every printed page);
//! 5. … one row per non-blank project row, 序号 1…n;
//!
//! Then one footer row (`推荐部门负责人:` `填报人:` `联系人电话:` `日期:`) and the two notes.
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

use crate::core::check::rules::{days_in_month, parse_date};
use crate::core::model::{Declaration, ProjectRow};
use crate::core::picklists::{industry_by_code, OWNERSHIP_OTHER};

/// The worksheet's name.
pub const SHEET_NAME: &str = "申报表";
/// The text in A1.
pub const ANNEX_LABEL: &str = "附表";
/// The table's title (row 2, merged over all columns).
pub const TITLE: &str = "2021年天津市质量攻关重点项目申报表";
/// The label before the recommending unit's name (row 3).
pub const RECOMMENDER_LABEL: &str = "推荐单位(公章):";
/// The 12 column headers, with the line breaks of the printed form.
pub const HEADERS: [&str; 12] = [
    "序号",
    "申报单位名称\n(与公章一致)",
    "统一社会信用代码",
    "所属行业",
    "所在区",
    "企业规模",
    "企业性质",
    "项目名称",
    "课题类型\n(问题解决型、创新型)",
    "项目及负责人及联系方式",
    "电子邮箱",
    "备注",
];
/// The footer labels, in order (each is followed directly by its value).
pub const FOOTER_LABELS: [&str; 4] = ["推荐部门负责人:", "填报人:", "联系人电话:", "日期:"];
/// The first note under the table.
pub const NOTE_1: &str = "注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;";
/// The second note under the table.
pub const NOTE_2: &str =
    "(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。";
/// The page footer (Excel codes: `&C` centre, `&P` page, `&N` pages).
pub const PAGE_FOOTER: &str = "&C第 &P 页 共 &N 页";

/// Row index (0-based) of the header row.
pub const HEADER_ROW: u32 = 3;
/// Row index (0-based) of the first project row.
pub const FIRST_DATA_ROW: u32 = 4;
/// Excel's limit on the characters of one cell, in UTF-16 code units.
pub const MAX_CELL_CHARS: usize = 32_767;

/// Column widths in Excel character units (the default font's digit width, about 7 px).
const COLUMN_WIDTHS: [f64; 12] = [5.5, 20.0, 21.0, 14.0, 9.0, 9.5, 12.0, 24.0, 13.5, 18.0, 22.0, 12.0];
/// Which data columns are centred (the short, pick-list-like ones); the others are left-aligned.
const CENTRED: [bool; 12] = [true, false, true, true, true, true, true, false, true, false, false, false];
const LAST_COL: u16 = 11;
const BODY_FONT: &str = "宋体";
/// Charset 134 = GB2312: tells Excel which code page the font name belongs to.
const GB2312: u8 = 134;
const BODY_SIZE: f64 = 11.0;
/// Points per printed line of 11 pt 宋体, and the padding added per row.
const LINE_HEIGHT: f64 = 14.5;
const ROW_PADDING: f64 = 6.0;
const MIN_DATA_ROW_HEIGHT: f64 = 24.0;
/// Excel's maximum row height in points.
const MAX_ROW_HEIGHT: f64 = 409.0;
/// Rows after the table: the footer row and the two notes.
const ROWS_AFTER_TABLE: u32 = 3;
const EXCEL_MAX_ROWS: u32 = 1_048_576;
/// The deflate level of the zip container's parts (1 fastest … 9 smallest).
const ZIP_LEVEL: u8 = 3;

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
        if b.len() != 19
            || b[4] != b'-'
            || b[7] != b'-'
            || !(b[10] == b'T' || b[10] == b' ')
            || b[13] != b':'
            || b[16] != b':'
        {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u16> {
            let s = &text[range];
            if s.bytes().all(|c| c.is_ascii_digit()) {
                s.parse().ok()
            } else {
                None
            }
        };
        let t = CreationTime {
            year: num(0..4)?,
            month: u8::try_from(num(5..7)?).ok()?,
            day: u8::try_from(num(8..10)?).ok()?,
            hour: u8::try_from(num(11..13)?).ok()?,
            minute: u8::try_from(num(14..16)?).ok()?,
            second: u8::try_from(num(17..19)?).ok()?,
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
    write_xlsx_keeping_workbook(decl, created).map(|(bytes, _workbook)| bytes)
}

/// What is left of the workbook once its bytes are out: dropping it frees every cell, string and format.
///
/// For 5000 rows that is some 60 000 allocations; the export worker drops it after posting its reply, so the page
/// does not wait for the cleanup.
pub struct SpentWorkbook(#[allow(dead_code)] Workbook);

/// [`write_xlsx`], handing back the workbook so the caller chooses when to free it (see [`SpentWorkbook`]).
pub fn write_xlsx_keeping_workbook(
    decl: &Declaration,
    created: &CreationTime,
) -> Result<(Vec<u8>, SpentWorkbook), XlsxError> {
    let rows: Vec<&ProjectRow> = decl.rows.iter().filter(|r| !r.is_blank()).collect();
    build(decl, rows.len(), rows.into_iter().map(data_cells), created)
}

/// [`write_xlsx_keeping_workbook`] for a declaration the caller no longer needs (the export worker's): each
/// value that needs no cleaning goes into the workbook as it is, without another copy. The same bytes.
pub fn write_xlsx_consuming(
    mut decl: Declaration,
    created: &CreationTime,
) -> Result<(Vec<u8>, SpentWorkbook), XlsxError> {
    let mut rows = std::mem::take(&mut decl.rows);
    rows.retain(|r| !r.is_blank());
    build(&decl, rows.len(), rows.into_iter().map(data_cells_owned), created)
}

/// The workbook of the table fields of `decl` and `count` project rows given as their [`data_cells`].
fn build(
    decl: &Declaration,
    count: usize,
    rows: impl Iterator<Item = [String; 11]>,
    created: &CreationTime,
) -> Result<(Vec<u8>, SpentWorkbook), XlsxError> {
    let created = created.to_excel()?;
    let max_rows = (EXCEL_MAX_ROWS - FIRST_DATA_ROW - ROWS_AFTER_TABLE) as usize;
    if count > max_rows {
        return Err(XlsxError::TooManyRows { rows: count });
    }

    let mut workbook = Workbook::new();
    // Deflate level 3 (the zip crate's default is 6), as Excel 365 itself saves: on 5000 rows it cuts the export's
    // time by about a fifth for a file about 16 % larger (≈ 310 KB instead of 267 KB; ExcelJS writes ≈ 270 KB).
    workbook.set_zip_compression_level(ZIP_LEVEL);
    workbook.set_properties(&DocProperties::new().set_title(TITLE).set_creation_datetime(&created));
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    let formats = Formats::new();

    // Row 1: 附表.
    sheet.write_string_with_format(0, 0, ANNEX_LABEL, &formats.annex)?;
    sheet.set_row_height(0, 20)?;
    // Row 2: the title.
    sheet.merge_range(1, 0, 1, LAST_COL, TITLE, &formats.title)?;
    sheet.set_row_height(1, 36)?;
    // Row 3: 推荐单位(公章): name — a tall row leaves room for the seal.
    let recommender = clean_cell(&format!("{RECOMMENDER_LABEL}{}", decl.recommender.trim()));
    sheet.merge_range(2, 0, 2, LAST_COL, &recommender, &formats.left_plain)?;
    sheet.set_row_height(2, 48)?;
    // Row 4: the headers.
    for (col, header) in HEADERS.iter().enumerate() {
        sheet.write_string_with_format(HEADER_ROW, col as u16, *header, &formats.header)?;
    }
    sheet.set_row_height(HEADER_ROW, row_height(HEADERS.iter().copied(), LINE_HEIGHT + 1.0, 36.0))?;

    // The project rows. The values are written unformatted and each column's format is then set once over the
    // whole block (`set_range_format`): rust_xlsxwriter hashes the whole `Format` on every formatted write, which
    // was the largest single cost of the export. The file is the same: an empty value becomes a formatted blank
    // cell exactly as `write_blank` makes it, and the formats get their indices in the same order of first use
    // (序号, then left, then centred, as in the first row).
    let mut row_num = FIRST_DATA_ROW;
    for (i, cells) in rows.enumerate() {
        let height =
            row_height(std::iter::once("").chain(cells.iter().map(String::as_str)), LINE_HEIGHT, MIN_DATA_ROW_HEIGHT);
        sheet.write_number(row_num, 0, (i + 1) as f64)?;
        for (col, text) in cells.into_iter().enumerate() {
            if !text.is_empty() {
                sheet.write_string(row_num, (col + 1) as u16, text)?;
            }
        }
        sheet.set_row_height(row_num, height)?;
        row_num += 1;
    }
    if row_num > FIRST_DATA_ROW {
        let last_data_row = row_num - 1;
        sheet.set_range_format(FIRST_DATA_ROW, 0, last_data_row, 0, &formats.serial)?;
        let mut first = 1usize;
        while first <= LAST_COL as usize {
            let centred = CENTRED[first];
            let mut last = first;
            while last < LAST_COL as usize && CENTRED[last + 1] == centred {
                last += 1;
            }
            let format = if centred { &formats.cell_centre } else { &formats.cell_left };
            sheet.set_range_format(FIRST_DATA_ROW, first as u16, last_data_row, last as u16, format)?;
            first = last + 1;
        }
    }

    // The footer row: four labelled blocks of three columns each.
    let footer_values = [
        decl.recommender_head.trim().to_string(),
        decl.filler.trim().to_string(),
        decl.filler_phone.trim().to_string(),
        format_date(&decl.fill_date),
    ];
    for (block, (label, value)) in FOOTER_LABELS.iter().zip(footer_values.iter()).enumerate() {
        let first = (block * 3) as u16;
        let text = clean_cell(&format!("{label}{value}"));
        sheet.merge_range(row_num, first, row_num, first + 2, &text, &formats.left_plain)?;
    }
    sheet.set_row_height(row_num, 32)?;
    row_num += 1;

    // The notes.
    for note in [NOTE_1, NOTE_2] {
        sheet.merge_range(row_num, 0, row_num, LAST_COL, note, &formats.note)?;
        sheet.set_row_height(row_num, 20)?;
        row_num += 1;
    }
    let last_row = row_num - 1;

    // The column widths come last: while a column has no settings, rust_xlsxwriter's check for a row × column
    // format on each unformatted write is one look-up in an empty map. The file is the same.
    for (col, width) in COLUMN_WIDTHS.iter().enumerate() {
        sheet.set_column_width(col as u16, *width)?;
    }
    print_setup(sheet, last_row)?;
    let bytes = workbook.save_to_buffer()?;
    Ok((bytes, SpentWorkbook(workbook)))
}

/// The download's file name: `2021年天津市质量攻关重点项目申报表-<name>.xlsx`.
///
/// `<name>` is the 申报单位名称 when every non-blank row names the same unit, else the 推荐单位, else nothing
/// (then there is no dash). The name is made safe for Windows: no `\ / : * ? " < > |`, no control or bidi
/// characters, no trailing dots or spaces, no reserved device names, at most 60 characters.
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
    let name = unit
        .map(sanitize_file_component)
        .filter(|n| !n.is_empty())
        .or_else(|| Some(sanitize_file_component(decl.recommender.trim())).filter(|n| !n.is_empty()));
    match name {
        Some(name) => format!("{TITLE}-{name}.xlsx"),
        None => format!("{TITLE}.xlsx"),
    }
}

/// Makes one part of a file name safe on Windows, macOS and Linux (see [`file_name`]).
pub fn sanitize_file_component(text: &str) -> String {
    const MAX_CHARS: usize = 60;
    let mut out: String = text
        .chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .filter(|c| !matches!(c, '\\' | '/' | ':' | '*' | '?' | '"' | '<' | '>' | '|'))
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if out.chars().count() > MAX_CHARS {
        out = out.chars().take(MAX_CHARS).collect();
    }
    let trimmed = out.trim_matches(|c: char| c == '.' || c == ' ').to_string();
    let stem = trimmed.split('.').next().unwrap_or("").trim_end().to_ascii_uppercase();
    let reserved = matches!(stem.as_str(), "CON" | "PRN" | "AUX" | "NUL")
        || ((stem.starts_with("COM") || stem.starts_with("LPT"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit());
    if reserved {
        format!("{trimmed}_")
    } else {
        trimmed
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

fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// The 11 text cells of a project row (columns 2–12), cleaned, in column order — exactly what the file holds
/// (the page's print view shows the same text).
pub fn data_cells(row: &ProjectRow) -> [String; 11] {
    data_cells_owned(row.clone())
}

/// [`data_cells`] of a row the caller no longer needs: a value that needs no cleaning is moved, not copied.
fn data_cells_owned(row: ProjectRow) -> [String; 11] {
    let ownership = ownership_cell(&row);
    let leader = leader_cell(&row);
    let industry = match industry_by_code(row.industry.trim()) {
        Some(ind) => clean_cell(ind.name),
        None => clean_owned(row.industry),
    };
    [
        clean_owned(row.unit_name),
        clean_owned(row.credit_code),
        industry,
        clean_owned(row.district),
        clean_owned(row.scale),
        ownership,
        clean_owned(row.project_name),
        clean_owned(row.topic_type),
        leader,
        clean_owned(row.email),
        clean_owned(row.remarks),
    ]
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

/// `2021-04-09` → `2021年4月9日`; anything else is returned as typed.
///
/// ```
/// # use shenbao::core::xlsx::writer::format_date;
/// assert_eq!(format_date("2021-04-09"), "2021年4月9日");
/// assert_eq!(format_date("4月9日"), "4月9日");
/// ```
pub fn format_date(text: &str) -> String {
    let t = text.trim();
    match parse_date(t) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => t.to_string(),
    }
}

/// True for characters printed full width (CJK, kana, hangul, full-width forms, most emoji).
fn is_wide(c: char) -> bool {
    let cp = c as u32;
    // The common cases first: nothing below U+1100 is wide, and most Chinese text is in the main CJK block.
    if cp < 0x1100 {
        return false;
    }
    if (0x4E00..=0x9FFF).contains(&cp) {
        return true;
    }
    matches!(cp,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x1F300..=0x1F64F | 0x1F900..=0x1F9FF | 0x20000..=0x3FFFD)
}

/// Printed widths in half pixels (so that every width and line length here is a whole number) for 11 pt 宋体 at
/// 96 dpi: full width 15 px; ASCII is 7.3 px in 宋体 but is counted as 9, because readers that substitute another
/// font (LibreOffice, WPS on a Mac) print it wider and clipped text on a sealed printout is worse than a slightly
/// tall row; a tab 30 px.
const WIDE_HALF_PX: u32 = 30;
const NARROW_HALF_PX: u32 = 18;
const TAB_HALF_PX: u32 = 60;

/// Printed lines a cell needs in a column of `width` character units, simulating the reader's wrapping: a line
/// may break after a space, a hyphen or a slash, and before or after any full-width character; a run longer than
/// the line is broken anywhere. A column of width `w` is `7w + 5` pixels wide; the cell keeps ~2 px each side.
fn lines_needed(text: &str, width: f64) -> usize {
    let usable = ((width * 7.0 + 1.0).max(16.0) * 2.0) as u32;
    // A text of n bytes has at least n / 4 characters: when even those cannot fit on one line, simulate at once.
    let fewest_chars = u32::try_from(text.len() / 4).unwrap_or(u32::MAX);
    if fewest_chars.saturating_mul(WIDE_HALF_PX) > usable {
        return text.split('\n').map(|line| line_count(line, usable)).sum();
    }
    // A quick bound that settles most cells without simulating: with no tab and no line break, no character is
    // wider than a full-width one, so `n` characters with `n × full width <= usable` fit on one line.
    let mut chars = 0u32;
    let mut simple = true;
    for b in text.bytes() {
        if b == b'\t' || b == b'\n' {
            simple = false;
            break;
        }
        // Count the bytes that start a character (not UTF-8 continuation bytes 10xxxxxx).
        chars += u32::from(b & 0xC0 != 0x80);
    }
    if simple && chars.saturating_mul(WIDE_HALF_PX) <= usable {
        return 1;
    }
    text.split('\n').map(|line| line_count(line, usable)).sum()
}

/// Printed lines of one line of text (no `\n`) in `usable` half pixels.
///
/// Walks the UTF-8 bytes rather than the chars: a lead byte E5–E9 is a character in U+5000–U+9FFF, all CJK and
/// full width, and a two-byte character (below U+0800) is never wide, so only the rarer characters are decoded.
fn line_count(line: &str, usable: u32) -> usize {
    let mut lines = 1usize;
    let mut used = 0u32;
    let mut token = 0u32;
    let place = |w: u32, lines: &mut usize, used: &mut u32| {
        if *used + w <= usable {
            *used += w;
        } else if w <= usable {
            *lines += 1;
            *used = w;
        } else {
            // A run wider than the line: it starts on a fresh line (unless at the start) and breaks anywhere.
            if *used > 0 {
                *lines += 1;
            }
            let full = w / usable;
            *lines += full as usize;
            *used = w - full * usable;
            if *used == 0 && full > 0 {
                *lines -= 1;
                *used = usable;
            }
        }
    };
    let bytes = line.as_bytes();
    let mut i = 0usize;
    while let Some(&lead) = bytes.get(i) {
        let (w, breaks_after) = if lead < 0x80 {
            i += 1;
            match lead {
                b'\t' => (TAB_HALF_PX, true),
                b' ' | b'-' | b'/' => (NARROW_HALF_PX, true),
                _ => (NARROW_HALF_PX, false),
            }
        } else {
            let wide = match lead {
                0xE5..=0xE9 => {
                    i += 3;
                    true
                }
                0xC0..=0xDF => {
                    i += 2;
                    false
                }
                _ => match line.get(i..).and_then(|rest| rest.chars().next()) {
                    Some(c) => {
                        i += c.len_utf8();
                        is_wide(c)
                    }
                    None => break,
                },
            };
            if wide {
                if token > 0 {
                    place(token, &mut lines, &mut used);
                    token = 0;
                }
                place(WIDE_HALF_PX, &mut lines, &mut used);
                continue;
            }
            (NARROW_HALF_PX, false)
        };
        token += w;
        if breaks_after {
            place(token, &mut lines, &mut used);
            token = 0;
        }
    }
    if token > 0 {
        place(token, &mut lines, &mut used);
    }
    lines
}

/// The height (points) of a row whose cells, in column order, are `cells`.
fn row_height<'a>(cells: impl Iterator<Item = &'a str>, line_height: f64, min: f64) -> f64 {
    let lines = cells
        .zip(COLUMN_WIDTHS.iter())
        .map(|(text, width)| if text.is_empty() { 1 } else { lines_needed(text, *width) })
        .max()
        .unwrap_or(1);
    (lines as f64 * line_height + ROW_PADDING).clamp(min, MAX_ROW_HEIGHT)
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

    // The first version of the wrapping estimate, in f64 pixels: the reference the integer one is held to.
    const WIDE_PIXELS: f64 = 15.0;

    fn char_pixels(c: char) -> f64 {
        if is_wide(c) {
            WIDE_PIXELS
        } else if c == '\t' {
            30.0
        } else {
            9.0
        }
    }

    fn wrapped_lines(line: &str, usable: f64) -> usize {
        line_count(line, (usable * 2.0) as u32)
    }

    fn fits_on_one_line(line: &str, usable: f64) -> bool {
        !line.contains('\t') && line.chars().count() as f64 * WIDE_PIXELS <= usable
    }

    fn simulated_lines(line: &str, usable: f64) -> usize {
        let mut lines = 1usize;
        let mut used = 0.0f64;
        let mut token = 0.0f64;
        let place = |w: f64, lines: &mut usize, used: &mut f64| {
            if *used + w <= usable {
                *used += w;
            } else if w <= usable {
                *lines += 1;
                *used = w;
            } else {
                if *used > 0.0 {
                    *lines += 1;
                }
                let full = (w / usable).floor();
                *lines += full as usize;
                *used = w - full * usable;
                if *used == 0.0 && full > 0.0 {
                    *lines -= 1;
                    *used = usable;
                }
            }
        };
        for c in line.chars() {
            let w = char_pixels(c);
            if w == WIDE_PIXELS {
                if token > 0.0 {
                    place(token, &mut lines, &mut used);
                    token = 0.0;
                }
                place(w, &mut lines, &mut used);
            } else {
                token += w;
                if matches!(c, ' ' | '-' | '/' | '\t') {
                    place(token, &mut lines, &mut used);
                    token = 0.0;
                }
            }
        }
        if token > 0.0 {
            place(token, &mut lines, &mut used);
        }
        lines
    }

    /// The f64 estimate of a whole cell, as the first version computed it.
    fn lines_needed_f64(text: &str, width: f64) -> usize {
        let usable = (width * 7.0 + 1.0).max(16.0);
        text.split('\n')
            .map(|line| if fits_on_one_line(line, usable) { 1 } else { simulated_lines(line, usable) })
            .sum()
    }

    #[test]
    fn integer_estimate_equals_the_f64_one() {
        let pieces = [
            "汽", "a", " ", "-", "/", "\t", "é", "😀", "ｱ", "1", "\n", "、", "—", "䷀", "㐀", "䶿", "鿿", "（", "ߺ",
            "\u{E000}", "𠀀", "Ａ",
        ];
        let mut multi = 0;
        for width in COLUMN_WIDTHS.iter().copied().chain([1.0, 2.5, 40.0]) {
            for seed in 0..3000usize {
                let len = seed % 61;
                let text: String =
                    (0..len).map(|i| pieces[(seed * 31 + i * i * 7 + i * 3 + seed / 7) % pieces.len()]).collect();
                let n = lines_needed(&text, width);
                if n > 1 {
                    multi += 1;
                }
                assert_eq!(n, lines_needed_f64(&text, width), "{text:?} in width {width}");
            }
        }
        assert!(multi > 1000, "wrapping is exercised ({multi})");
    }

    #[test]
    fn the_one_line_shortcut_agrees_with_the_simulation() {
        let pieces = ["汽", "a", " ", "-", "/", "\t", "é", "😀", "ｱ", "1"];
        let mut shortcuts = 0;
        for width in COLUMN_WIDTHS {
            let usable = (width * 7.0 + 1.0).max(16.0);
            for seed in 0..400usize {
                let len = seed % 23;
                let line: String = (0..len).map(|i| pieces[(seed * 7 + i * i * 3 + i) % pieces.len()]).collect();
                if fits_on_one_line(&line, usable) {
                    shortcuts += 1;
                }
                assert_eq!(wrapped_lines(&line, usable), simulated_lines(&line, usable), "{line:?} in {usable}px");
            }
        }
        assert!(shortcuts > 100, "the shortcut is exercised ({shortcuts})");
    }

    #[test]
    fn wrapping_estimate_breaks_like_a_reader() {
        assert_eq!(wrapped_lines("", 100.0), 1);
        assert_eq!(wrapped_lines("汽车制造业", 100.0), 1);
        assert_eq!(wrapped_lines("一二三四五六七", 100.0), 2, "7 × 15 px > 100 px");
        // Breaks after the hyphen and around 、, never inside the numbers.
        assert_eq!(wrapped_lines("022-23456789、13900000000", 127.0), 2);
        assert_eq!(wrapped_lines("022-23456789、13900000000", 113.0), 3);
        // A run longer than the line breaks anywhere.
        assert_eq!(wrapped_lines(&"x".repeat(40), 100.0), 4);
        assert_eq!(wrapped_lines("a b c", 1000.0), 1);
        assert_eq!(lines_needed("第一行\n第二行", 12.0), 2);
    }

    #[test]
    fn heights_are_capped() {
        let long = "很".repeat(10_000);
        assert_eq!(row_height([long.as_str()].into_iter(), LINE_HEIGHT, 24.0), MAX_ROW_HEIGHT);
        assert_eq!(row_height(["1"].into_iter(), LINE_HEIGHT, 24.0), 24.0);
    }
}
