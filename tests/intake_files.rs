//! The intake's readers on files made by real programs (tests/data/intake/make.py: openpyxl, python-docx,
//! LibreOffice): every value read, the table found, the unit merged over two rows filled down.

use shenbao::core::intake::docx::read_docx;
use shenbao::core::intake::kind::{kind_of, FileKind};
use shenbao::core::intake::table::{read_book, ReadTable, Sheet};
use shenbao::core::intake::text::{decode, encoding_of, read_delimited, Encoding};
use shenbao::core::model::TableField;
use shenbao::core::{ProjectRow, Source};

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(format!("{}/tests/data/intake/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn field(table: &ReadTable, wanted: TableField) -> Option<&str> {
    table.table_fields.iter().find(|(f, _)| *f == wanted).map(|(_, v)| v.as_str())
}

/// The three projects of make.py's ROWS, as each reader must give them (values as typed: normalising is later).
fn assert_rows(table: &ReadTable) {
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names, ["降低齿轮箱装配不良率", "提高铸件一次合格率", "新型制动盘轻量化设计"]);
    let first = &table.rows[0].project;
    let second = &table.rows[1].project;
    assert_eq!(second.unit_name, "天津市甲机械制造有限公司", "the merged unit is filled down");
    assert_eq!(second.credit_code, "91120222MA05T1234X");
    assert_eq!((first.leader_name.as_str(), first.leader_phone.as_str()), ("张三", "13800138000"));
    assert_eq!((second.leader_name.as_str(), second.leader_phone.as_str()), ("李四", "022-82123456"));
    assert_eq!(first.district, "武清");
    assert_eq!(first.industry, "C34 通用设备制造业");
    let third = &table.rows[2].project;
    assert_eq!(third.credit_code, "９１１２０１１６ＭＡ０６ＡＢＣＤ１Ｘ");
    assert_eq!(third.remarks, "与高校合作");
    assert_eq!(third.email, "wangwu@yi.com");
}

#[test]
fn a_word_table_saved_by_python_docx() {
    let bytes = fixture("word-table.docx");
    assert_eq!(kind_of("附表.docx", &bytes), FileKind::Docx);
    let table = read_book(&[read_docx(&bytes).unwrap()]).unwrap();
    assert_rows(&table);
    assert_eq!(field(&table, TableField::Recommender), Some("天津市武清区市场监督管理局"));
    assert_eq!(field(&table, TableField::Filler), Some("周九"));
    assert_eq!(field(&table, TableField::FillerPhone), Some("022-29345678"));
    assert_eq!(field(&table, TableField::FillDate), Some("2021年4月9日"));
}

#[test]
fn a_word_table_saved_by_libreoffice_with_a_two_row_header() {
    let bytes = fixture("writer-table.docx");
    assert_eq!(kind_of("writer-table.docx", &bytes), FileKind::Docx);
    let sheet = read_docx(&bytes).unwrap();
    let table = read_book(&[sheet]).unwrap();
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names, ["降低齿轮箱装配不良率", "提高铸件一次合格率", "新型制动盘轻量化设计"]);
    let first = &table.rows[0].project;
    assert_eq!((first.leader_name.as_str(), first.leader_phone.as_str()), ("张三", "13800138000"));
    assert_eq!(table.rows[1].project.leader_phone, "022-82123456");
    assert_eq!(field(&table, TableField::RecommenderHead), Some("孙八"));
    assert_eq!(field(&table, TableField::FillDate), Some("2021年4月9日"));
}

#[test]
fn csv_in_gbk_as_excel_saves_it_and_in_utf8_with_a_bom() {
    let gbk = fixture("excel-gbk.csv");
    assert_eq!(kind_of("申报表.csv", &gbk), FileKind::Text);
    assert_eq!(encoding_of(&gbk), Encoding::Gb18030);
    assert_eq!(decode(&gbk), None, "GBK is left to the browser's TextDecoder");
    // What the page does: TextDecoder('gb18030'), which encoding_rs implements.
    let (text, _, errors) = encoding_rs::GB18030.decode(&gbk);
    assert!(!errors);
    let table = read_book(&[Sheet { name: "csv".into(), cells: read_delimited(&text).unwrap(), ..Default::default() }]);
    let gbk_table = table.unwrap();

    let utf8 = fixture("utf8-bom.csv");
    assert_eq!(encoding_of(&utf8), Encoding::Utf8);
    let text = decode(&utf8).unwrap();
    let utf8_table =
        read_book(&[Sheet { name: "csv".into(), cells: read_delimited(&text).unwrap(), ..Default::default() }])
            .unwrap();
    for table in [&gbk_table, &utf8_table] {
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[1].project.unit_name, "天津市甲机械制造有限公司");
        assert_eq!(table.rows[0].project.leader_phone, "13800138000");
        assert_eq!(table.rows[2].project.credit_code, "９１１２０１１６ＭＡ０６ＡＢＣＤ１Ｘ");
    }
}

#[test]
fn the_libreoffice_two_row_header_is_one_header_not_a_skipped_row() {
    let table = read_book(&[read_docx(&fixture("writer-table.docx")).unwrap()]).unwrap();
    assert_eq!(table.header_row, 3, "the header's second row");
    assert!(table.skipped.is_empty(), "{:?}", table.skipped);
    assert!(table.notes.is_empty(), "{:?}", table.notes);
}

#[test]
fn an_xlsx_typed_the_way_people_type_it() {
    use shenbao::core::intake::file::read_table_file;
    use shenbao::core::intake::table::{NoteKind, SkipReason};
    use shenbao::core::model::RowField;
    let no_gbk = |_: &[u8]| None;
    let table = read_table_file("甲公司.xlsx", &fixture("variants.xlsx"), &no_gbk).unwrap();
    assert_eq!(table.sheet, "申报表", "the table is on the second sheet");
    let names: Vec<&str> = table.rows.iter().map(|r| r.project.project_name.as_str()).collect();
    assert_eq!(names, ["降低齿轮箱装配不良率", "提高铸件一次合格率", "提升贴片焊接直通率"]);
    let second = &table.rows[1];
    assert_eq!(second.project.unit_name, "天津市甲机械制造有限公司", "merged over two rows, filled down");
    assert_eq!(second.project.credit_code, "91120222MA05T1234X");
    assert_eq!(table.rows[0].project.leader_phone, "13800138000", "a phone stored as a number: its digits");
    let skipped: Vec<(u32, SkipReason)> = table.skipped.iter().map(|s| (s.sheet_row, s.reason)).collect();
    assert_eq!(skipped, [(6, SkipReason::Hidden), (8, SkipReason::Total)]);
    let code_note = table.notes.iter().find(|n| n.field == RowField::CreditCode && n.sheet_row == 7).unwrap();
    assert_eq!(code_note.kind, NoteKind::StoredAsNumber { text: "911201151318609000".into() });
    assert_eq!(table.extra_columns.len(), 1);
    assert_eq!((table.extra_columns[0].header.as_str(), table.extra_columns[0].values), ("产值（万元）", 2));
    assert_eq!(field(&table, TableField::Recommender), Some("天津市武清区市场监督管理局"));
    assert_eq!(field(&table, TableField::Filler), Some("周九"));
    assert_eq!(field(&table, TableField::FillDate), Some("2021年4月9日"));
}

/// The .xls LibreOffice saved from variants.xlsx (make.py) reads as the .xlsx does: the second sheet, the merged
/// unit filled down, the hidden row and the 合计 row skipped, the code stored as a number noted, the footer.
#[test]
fn an_xls_saved_by_libreoffice_reads_like_its_xlsx() {
    use shenbao::core::intake::file::read_table_file;
    let no_gbk = |_: &[u8]| None;
    let bytes = fixture("variants.xls");
    assert_eq!(kind_of("甲公司.xls", &bytes), FileKind::Xls);
    assert_eq!(kind_of("甲公司.et", &bytes), FileKind::Xls, "WPS's .et is the same format");
    let xls = read_table_file("甲公司.xls", &bytes, &no_gbk).unwrap();
    let xlsx = read_table_file("甲公司.xlsx", &fixture("variants.xlsx"), &no_gbk).unwrap();
    assert_eq!(xls.sheet, "申报表");
    let projects = |t: &ReadTable| t.rows.iter().map(|r| (r.sheet_row, r.project.clone())).collect::<Vec<_>>();
    assert_eq!(projects(&xls), projects(&xlsx));
    assert_eq!(xls.skipped, xlsx.skipped, "the hidden row (from the ROW records) and the 合计 row");
    assert_eq!(xls.notes, xlsx.notes);
    assert_eq!(xls.extra_columns, xlsx.extra_columns);
    assert_eq!(xls.table_fields, xlsx.table_fields);
}

#[test]
fn rows_read_from_a_file_carry_their_source() {
    use shenbao::core::check::rules::check_row;
    use shenbao::core::intake::file::read_table_file;
    use shenbao::core::model::RowField;
    use shenbao::core::FieldRef;
    let no_gbk = |_: &[u8]| None;
    let table = read_table_file("甲公司.xlsx", &fixture("variants.xlsx"), &no_gbk).unwrap();
    let rows = table.rows_with_source("甲公司.xlsx");
    assert_eq!(rows.len(), table.rows.len());
    for (row, read) in rows.iter().zip(&table.rows) {
        assert_eq!((row.source.file.as_str(), row.source.sheet.as_str()), ("甲公司.xlsx", "申报表"));
        assert_eq!(row.source.row, read.sheet_row);
        assert_eq!(ProjectRow { source: Source::default(), ..row.clone() }, read.project, "values as read");
    }
    let numbered: Vec<(u32, &str)> = rows
        .iter()
        .filter(|r| !r.source.number_code.is_empty())
        .map(|r| (r.source.row, r.credit_code.as_str()))
        .collect();
    assert_eq!(numbered, [(7, "911201151318609000")], "the code Excel stored as a number, on its row only");
    let stored = rows.iter().find(|r| r.source.row == 7).unwrap();
    assert_eq!(stored.source.number_code, "911201151318609000");
    assert_eq!(stored.source.label(), "来自“甲公司.xlsx” 申报表 第7行");
    let code_findings: Vec<&str> = check_row(2, stored)
        .into_iter()
        .filter(|f| f.field == FieldRef::Row(2, RowField::CreditCode))
        .map(|f| f.code)
        .collect();
    assert_eq!(code_findings, ["code.stored_as_number"]);

    let docx = read_table_file("附表.docx", &fixture("word-table.docx"), &no_gbk).unwrap();
    let first = &docx.rows_with_source("附表.docx")[0];
    assert_eq!(first.source.sheet, "Word");
    assert_eq!(first.source.label(), format!("来自“附表.docx” 表格 第{}行", docx.rows[0].sheet_row));
    let csv = read_table_file("申报表.csv", &fixture("utf8-bom.csv"), &no_gbk).unwrap();
    let first = &csv.rows_with_source("申报表.csv")[0];
    assert_eq!(first.source.label(), format!("来自“申报表.csv” 第{}行", csv.rows[0].sheet_row));
    assert!(csv.rows_with_source("申报表.csv").iter().all(|r| r.source.number_code.is_empty()));
}

#[test]
fn files_that_are_not_read_say_what_to_do() {
    use shenbao::core::intake::file::read_table_file;
    let no_gbk = |_: &[u8]| None;
    let gbk = fixture("excel-gbk.csv");
    let err = read_table_file("a.csv", &gbk, &no_gbk).unwrap_err().to_string();
    assert!(err.contains("编码"), "{err}");
    let by_decoder = |b: &[u8]| Some(encoding_rs::GB18030.decode(b).0.into_owned());
    assert_eq!(read_table_file("a.csv", &gbk, &by_decoder).unwrap().rows.len(), 3);
    let pdf = read_table_file("a.pdf", b"%PDF-1.4 ...", &no_gbk).unwrap_err().to_string();
    assert!(pdf.contains("PDF"), "{pdf}");
    let not_table = read_table_file("名单.csv", "姓名,电话\n张三,13800138000\n".as_bytes(), &no_gbk).unwrap_err();
    assert!(not_table.to_string().contains("未找到申报表的表头"), "{not_table}");
}

/// A 日期 typed into Excel as a date is a date cell: Excel stores a day number (44296), which is read as the day.
#[test]
fn a_date_cell_in_the_footer_reads_as_its_day() {
    use shenbao::core::intake::file::read_table_file;
    let no_gbk = |_: &[u8]| None;
    let table = read_table_file("单位.xlsx", &fixture("date-cell.xlsx"), &no_gbk).unwrap();
    assert_eq!(field(&table, TableField::FillDate), Some("2021-04-10"));
    assert_eq!(field(&table, TableField::Filler), Some("周九"), "other footer values as read");
    assert_eq!(table.rows.len(), 1);
}
