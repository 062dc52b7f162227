//! The import's cell reader (`core::xlsx::cells`) against calamine's own .xlsx reader: the same cells, hence the
//! same declaration, for the writer's files (any text: see also the property test in `xlsx_export.rs`) and for
//! hand-made packages in the shapes other programs write (namespace prefixes, inline and rich strings, phonetic
//! runs, cells without `r`, formulas, booleans, errors …).

mod common;
mod reference;

use std::io::{Cursor, Write};

use calamine::{Data, Range};
use common::package;
use reference::{read_first_sheet, read_xlsx};
use shenbao::core::xlsx::cells::first_sheet;
use shenbao::core::xlsx::reader::{import_xlsx, XlsxReadError};
use shenbao::core::xlsx::writer::{write_xlsx, CreationTime};
use shenbao::core::{Declaration, RowField};

const CREATED: CreationTime = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 30, second: 0 };

/// A range's start, end and used cells.
type Cells = (Option<(u32, u32)>, Option<(u32, u32)>, Vec<(usize, usize, Data)>);

fn cells(range: &Range<Data>) -> Cells {
    let used = range.used_cells().map(|(r, c, d)| (r, c, d.clone())).collect();
    (range.start(), range.end(), used)
}

/// Both readers agree on the cells, and on the declaration read from them.
fn assert_same(bytes: &[u8]) {
    let ours = first_sheet(bytes).expect("xlsx_cells reads it");
    let theirs = read_first_sheet(bytes).expect("calamine reads it");
    assert_eq!(cells(&ours), cells(&theirs));
    match (import_xlsx(bytes), read_xlsx(bytes)) {
        (Ok(a), Ok(b)) => assert_eq!(a, b),
        (Err(a), Err(b)) => assert_eq!(a.to_string(), b.to_string()),
        (a, b) => panic!("one reader failed: {a:?} / {b:?}"),
    }
}

fn golden() -> Declaration {
    serde_json::from_str(include_str!("golden/declaration.json")).expect("golden declaration")
}

#[test]
fn the_writers_file_reads_the_same() {
    let bytes = write_xlsx(&golden(), &CREATED).unwrap();
    assert_same(&bytes);
    assert_eq!(import_xlsx(&bytes).unwrap(), read_xlsx(&bytes).unwrap());
}

#[test]
fn a_large_table_reads_the_same() {
    let mut decl = golden();
    let base = decl.rows.clone();
    decl.rows = (0..3000)
        .map(|i| {
            let mut row = base[i % base.len()].clone();
            row.id = i as u64 + 1;
            row.project_name = format!("{}{i}", row.project_name);
            row
        })
        .collect();
    let bytes = write_xlsx(&decl, &CREATED).unwrap();
    assert_same(&bytes);
    assert_eq!(import_xlsx(&bytes).unwrap().rows.len(), 3000);
}

#[test]
fn tricky_text_reads_the_same() {
    let texts = [
        "  leading and trailing  ",
        "a & b < c > d \" e ' f",
        "_x000D_ literal escape _x005F_",
        "line one\nline two\r\nline three",
        "😀 emoji 天津 \u{3000}full-width space\u{3000}",
        "=1+1",
        "tab\there",
        "]]> and <![CDATA[",
        "",
    ];
    let mut decl = golden();
    for (i, text) in texts.iter().enumerate() {
        let mut row = decl.rows[0].clone();
        row.id = 100 + i as u64;
        for f in RowField::ALL {
            *row.get_mut(f) = (*text).to_string();
        }
        decl.rows.push(row);
    }
    decl.recommender = "  推荐 & <单位>  ".into();
    assert_same(&write_xlsx(&decl, &CREATED).unwrap());
}

const SHARED: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="8" uniqueCount="8">
<si><t>序号</t></si>
<si><t xml:space="preserve">  申报单位名称 </t></si>
<si><r><rPr><b/></rPr><t>统一社会</t></r><r><t xml:space="preserve">信用代码 </t></r><rPh sb="0" eb="1"><t>ピン</t></rPh></si>
<si><t>所属行业</t><phoneticPr fontId="1"/></si>
<si/>
<si><t>a &amp; b &#x4E2D;&#25991;_x000D_</t></si>
<si><t>
 trimmed
</t></si>
<si><t><![CDATA[<cdata> & text]]></t></si>
</sst>"#;

#[test]
fn other_programs_layouts_read_the_same() {
    let sheet = r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:dimension ref="A1:F9"/><x:sheetData>
<x:row r="2"><x:c r="A2" t="s"><x:v>0</x:v></x:c><x:c t="s"><x:v>1</x:v></x:c><x:c t="s"><x:v>2</x:v></x:c><x:c r="D2" t="s" s="3"><x:v>3</x:v></x:c></x:row>
<x:row><x:c><x:v>1</x:v></x:c><x:c t="inlineStr"><x:is><x:t xml:space="preserve"> 天津 &lt;公司&gt; </x:t></x:is></x:c><x:c t="str"><x:f>A1&amp;"x"</x:f><x:v>91120116_x0041_ &amp; y</x:v></x:c><x:c s="2"/><x:c t="s"><x:v>4</x:v></x:c></x:row>
<x:row r="5" spans="1:6"><x:c r="A5" t="b"><x:v>1</x:v></x:c><x:c r="B5" t="e"><x:v>#DIV/0!</x:v></x:c><x:c r="C5"><x:v>13800138000</x:v></x:c><x:c r="D5"><x:v>1.5E3</x:v></x:c><x:c r="E5" t="n"><x:v></x:v></x:c><x:c r="F5"><x:v>not a number</x:v></x:c></x:row>
<x:row r="6"/>
<x:row r="7"><x:c r="A7" t="s"><x:v>5</x:v></x:c><x:c r="B7" t="s"><x:v>6</x:v></x:c><x:c r="C7" t="s"><x:v>7</x:v></x:c><x:c r="D7"><x:f>SUM(A1:A2)</x:f></x:c><x:c r="E7" t="d"><x:v>2021-04-09T00:00:00</x:v></x:c><x:c r="F7" t="inlineStr"><x:is><x:r><x:t>富</x:t></x:r><x:r><x:t>文本</x:t></x:r></x:is></x:c></x:row>
<!-- a comment --><x:row r="9"><x:c r="B9" t="str"><x:v>line&#13;&#10;break
two</x:v></x:c><x:c r="C9" t="inlineStr"><x:is></x:is></x:c><x:c r="D9" t="str"><x:v></x:v></x:c></x:row>
</x:sheetData><x:mergeCells count="1"><x:mergeCell ref="A1:F1"/></x:mergeCells></x:worksheet>"#;
    let bytes = package(sheet, Some(SHARED), "worksheets/data.xml");
    assert_same(&bytes);
    let range = first_sheet(&bytes).unwrap();
    assert_eq!(range.get_value((1, 1)), Some(&Data::String("  申报单位名称 ".into())));
    assert_eq!(range.get_value((1, 2)), Some(&Data::String("统一社会信用代码 ".into())));
    assert_eq!(range.get_value((2, 1)), Some(&Data::String(" 天津 <公司> ".into())));
    assert_eq!(range.get_value((4, 2)), Some(&Data::Float(13_800_138_000.0)));
    assert_eq!(range.get_value((6, 0)), Some(&Data::String("a & b 中文\r".into())));
    // The second sheet is never read.
    assert!(range.used_cells().all(|(_, _, d)| d != &Data::String("wrong sheet".into())));
}

#[test]
fn absolute_targets_and_no_shared_strings_read_the_same() {
    let sheet = r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="3"><c r="C3" t="inlineStr"><is><t>只有内联文字</t></is></c><c r="D3"><v>42</v></c></row></sheetData></worksheet>"#;
    assert_same(&package(sheet, None, "/xl/worksheets/data.xml"));
}

/// One row of a table typed in another program: numbers as number cells, the rest as inline strings.
fn typed_row(r: u32, cells: &[&str]) -> String {
    let mut xml = format!(r#"<row r="{r}">"#);
    for (i, text) in cells.iter().enumerate() {
        let col = (b'A' + i as u8) as char;
        if let Ok(n) = text.parse::<f64>() {
            xml.push_str(&format!(r#"<c r="{col}{r}"><v>{n}</v></c>"#));
        } else if !text.is_empty() {
            xml.push_str(&format!(r#"<c r="{col}{r}" t="inlineStr"><is><t>{text}</t></is></c>"#));
        }
    }
    xml + "</row>"
}

/// A table typed in another program: `top` above the header row (row 1), the header at row 3, one project at row 4,
/// `footer` at row 5.
fn typed_table(top: &[&str], footer: &[&str]) -> Vec<u8> {
    let headers = [
        "序号",
        "申报单位名称",
        "统一社会信用代码",
        "所属行业",
        "所在区",
        "企业规模",
        "企业性质",
        "项目名称",
        "课题类型",
        "项目及负责人及联系方式",
        "电子邮箱",
        "备注",
    ];
    let data = [
        "1",
        "天津某某机械有限公司",
        "91120116340983330E",
        "汽车制造业",
        "滨海新区",
        "中型企业",
        "有限责任公司",
        "降低壳体铸造缺陷率",
        "问题解决型",
        "张伟",
        "zw@example.com",
        "",
    ];
    let sheet = format!(
        r#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{}{}{}{}</sheetData></worksheet>"#,
        typed_row(1, top),
        typed_row(3, &headers),
        typed_row(4, &data),
        typed_row(5, footer),
    );
    package(&sheet, None, "worksheets/data.xml")
}

#[test]
fn a_table_typed_in_another_program_imports() {
    // Header row lower down, inline strings, a phone typed as a number: the declaration reads as calamine reads it.
    let bytes = typed_table(
        &["推荐单位(公章):滨海新区市场监管局"],
        &["推荐部门负责人:王明", "", "", "填报人:李华", "", "", "联系人电话:13800138000"],
    );
    assert_same(&bytes);
    let decl = import_xlsx(&bytes).unwrap();
    assert_eq!(decl.rows.len(), 1);
    assert_eq!(decl.rows[0].unit_name, "天津某某机械有限公司");
    assert_eq!(decl.rows[0].industry, "36");
    assert_eq!(decl.recommender, "滨海新区市场监管局");
    assert_eq!((decl.recommender_head.as_str(), decl.filler.as_str()), ("王明", "李华"));
    assert_eq!(decl.filler_phone, "13800138000");
}

#[test]
fn values_in_the_cell_after_their_label_and_dates_typed_as_dates_import() {
    // Each label in its own cell and its value in the next one; the phone and the date typed as numbers (a date
    // cell reads as its day number: 44295 is 2021-04-09).
    let bytes = typed_table(
        &["推荐单位(公章)：", "", "滨海新区市场监管局"],
        &["推荐部门负责人:", "王明", "填报人：", "李华", "联系人电话:", "13800138000", "日期:", "44295"],
    );
    assert_same(&bytes);
    let decl = import_xlsx(&bytes).unwrap();
    assert_eq!(decl.recommender, "滨海新区市场监管局");
    assert_eq!(decl.recommender_head, "王明");
    assert_eq!(decl.filler, "李华");
    assert_eq!(decl.filler_phone, "13800138000");
    assert_eq!(decl.fill_date, "2021-04-09");
    // A label with nothing after it takes no other label as its value.
    let decl =
        import_xlsx(&typed_table(&["推荐单位(公章):"], &["推荐部门负责人:", "填报人:李华", "日期：", ""])).unwrap();
    assert_eq!(decl.recommender, "");
    assert_eq!((decl.recommender_head.as_str(), decl.filler.as_str()), ("", "李华"));
    assert_eq!(decl.fill_date, "");
    // The next cell's text up to a label in it.
    let decl = import_xlsx(&typed_table(&[], &["填报人:", "李华 联系人电话:022-23456789"])).unwrap();
    assert_eq!((decl.filler.as_str(), decl.filler_phone.as_str()), ("李华", "022-23456789"));
    // Dates written with separators, a day number with a time of day, leap years; what is not a date stays as typed.
    for (typed, read) in [
        ("2021/4/9", "2021-04-09"),
        ("2021-4-9", "2021-04-09"),
        ("2021.04.09", "2021-04-09"),
        ("2021年4月9日", "2021-04-09"),
        ("44295.75", "2021-04-09"),
        ("36526", "2000-01-01"),
        ("36585", "2000-02-29"),
        ("43890", "2020-02-29"),
        ("73050", "2099-12-31"),
        ("2021年2月30日", "2021年2月30日"),
        ("2021/2/29", "2021/2/29"),
        ("21/4/9", "21/4/9"),
        ("73051", "73051"),
        ("4月9日", "4月9日"),
    ] {
        let cell = format!("日期:{typed}");
        let decl = import_xlsx(&typed_table(&[], &[cell.as_str()])).unwrap();
        assert_eq!(decl.fill_date, read, "{typed}");
    }
}

#[test]
fn what_is_not_an_xlsx_is_refused() {
    assert!(matches!(first_sheet(b"not a zip"), Err(XlsxReadError::NotXlsx(_))));
    assert!(matches!(import_xlsx(b""), Err(XlsxReadError::NotXlsx(_))));
    // A zip without a workbook.
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    zip.start_file("hello.txt", zip::write::SimpleFileOptions::default()).unwrap();
    zip.write_all(b"hi").unwrap();
    let bytes = zip.finish().unwrap().into_inner();
    assert!(matches!(first_sheet(&bytes), Err(XlsxReadError::NotXlsx(_))));
    // Sheet XML cut off inside a tag: an error.
    let sheet = golden_sheet_xml();
    let cut = &sheet[..sheet.len() / 2];
    let cut = &cut[..cut.rfind('<').unwrap() + 3];
    assert!(first_sheet(&package(cut, None, "worksheets/data.xml")).is_err());
    // A shared string index past the table's end: an error.
    // A stray value far from the table: refused, not a range of billions of cells.
    let far = package(
        r#"<worksheet><sheetData><row r="1"><c r="A1"><v>1</v></c></row><row r="1048576"><c r="XFD1048576"><v>2</v></c></row></sheetData></worksheet>"#,
        None,
        "worksheets/data.xml",
    );
    assert!(matches!(first_sheet(&far), Err(XlsxReadError::NotXlsx(m)) if m.contains("范围过大")));
    let broken = package(
        r#"<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>7</v></c></row></sheetData></worksheet>"#,
        None,
        "worksheets/data.xml",
    );
    assert!(matches!(first_sheet(&broken), Err(XlsxReadError::NotXlsx(_))));
}

/// The writer's sheet XML for the golden declaration.
fn golden_sheet_xml() -> String {
    let bytes = write_xlsx(&golden(), &CREATED).unwrap();
    let mut archive = zip::ZipArchive::new(Cursor::new(&bytes)).unwrap();
    let mut sheet = String::new();
    std::io::Read::read_to_string(&mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(), &mut sheet).unwrap();
    sheet
}

#[test]
fn every_cut_of_a_sheet_is_read_or_refused_without_panic() {
    let sheet = golden_sheet_xml();
    let shared = SHARED;
    let mut refused = 0;
    for end in (0..sheet.len()).filter(|i| sheet.is_char_boundary(*i)).step_by(7) {
        if first_sheet(&package(&sheet[..end], Some(shared), "worksheets/data.xml")).is_err() {
            refused += 1;
        }
    }
    assert!(refused > 0, "some cuts end inside a tag and are refused");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Sheet XML with any bytes replaced: a range or an error, never a panic.
        #[test]
        fn mangled_sheets_never_panic(edits in proptest::collection::vec((any::<prop::sample::Index>(), "[<>/\"'=&;!a-z0-9 ]"), 1..6)) {
            let mut sheet = golden_sheet_xml().into_bytes();
            for (at, with) in &edits {
                let i = at.index(sheet.len());
                sheet.splice(i..i + 1, with.bytes());
            }
            if let Ok(text) = String::from_utf8(sheet) {
                let _ = first_sheet(&package(&text, Some(SHARED), "worksheets/data.xml"));
            }
        }
    }
}
