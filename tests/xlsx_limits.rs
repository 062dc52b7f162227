//! The import's hard caps (`core::limits`) at, just under and just over each one, and the pathological inputs a
//! hostile file may hold (runs of bare `&`, `<` runs, deep nesting, huge attribute lists, `_x` runs, long comment
//! runs): each is read correctly or refused with a typed error carrying the numbers, never a panic or a hang.
//! How long the reader takes on them is measured by `benches/reader_bench.rs`, not here.

mod common;
mod reference;

use calamine::Data;
use reference::{read_first_sheet, read_xlsx};
use shenbao::core::limits::{MAX_CELL_CHARS, MAX_ROWS, MAX_SHEET_ROWS, MAX_SHEET_TEXT_CHARS};
use shenbao::core::xlsx::cells::first_sheet;
use shenbao::core::xlsx::reader::{import_xlsx, XlsxReadError};

/// A package holding the given sheet XML and shared strings table (laid out as other programs do: `common::package`).
fn package(sheet: &str, shared: Option<&str>) -> Vec<u8> {
    common::package(sheet, shared, "worksheets/data.xml")
}

/// A worksheet whose `<sheetData>` holds `rows`.
fn sheet(rows: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>{rows}</sheetData></worksheet>"#
    )
}

/// A shared strings table of the given (already escaped) items.
fn shared(items: &[&str]) -> String {
    let mut xml = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#,
    );
    for item in items {
        xml.push_str(&format!("<si><t>{item}</t></si>"));
    }
    xml + "</sst>"
}

/// A package whose only value is the inline string `text` (already escaped XML) in D7.
fn inline_at_d7(text: &str) -> Vec<u8> {
    package(&sheet(&format!(r#"<row r="7"><c r="D7" t="inlineStr"><is><t>{text}</t></is></c></row>"#)), None)
}

fn text_at(bytes: &[u8], pos: (u32, u32)) -> String {
    match first_sheet(bytes).expect("read").get_value(pos) {
        Some(Data::String(s)) => s.clone(),
        other => panic!("not text: {other:?}"),
    }
}

/// Asserts `result` is the refusal of a too-long value in `cell` with `chars` characters, and that its message says
/// so with the numbers.
fn assert_too_long<T: std::fmt::Debug>(result: Result<T, XlsxReadError>, cell: &str, chars: usize) {
    match result {
        Err(e @ XlsxReadError::CellTooLong { .. }) => {
            let XlsxReadError::CellTooLong { cell: c, chars: n, max } = &e else { unreachable!() };
            assert_eq!((c.as_str(), *n, *max), (cell, chars, MAX_CELL_CHARS));
            let message = e.to_string();
            for part in [cell.to_string(), chars.to_string(), MAX_CELL_CHARS.to_string(), "Excel".into()] {
                assert!(message.contains(&part), "{message} lacks {part}");
            }
        }
        other => panic!("expected CellTooLong in {cell}, got {other:?}"),
    }
}

#[test]
fn a_value_of_exactly_the_cell_cap_reads_and_one_more_character_is_refused() {
    // Counted in characters, not bytes: 32,767 CJK characters are 98,301 bytes.
    let at = "中".repeat(MAX_CELL_CHARS);
    assert_eq!(text_at(&inline_at_d7(&at), (6, 3)).chars().count(), MAX_CELL_CHARS);
    assert_eq!(text_at(&inline_at_d7(&"a".repeat(MAX_CELL_CHARS - 1)), (6, 3)).len(), MAX_CELL_CHARS - 1);
    assert_too_long(first_sheet(&inline_at_d7(&format!("{at}中"))), "D7", MAX_CELL_CHARS + 1);
    // The whole import refuses it the same way.
    assert_too_long(import_xlsx(&inline_at_d7(&format!("{at}中"))), "D7", MAX_CELL_CHARS + 1);

    // The length after decoding: five bytes of `&amp;` or seven of `_x0041_` are one character.
    let amps = "&amp;".repeat(MAX_CELL_CHARS);
    assert_eq!(text_at(&inline_at_d7(&amps), (6, 3)), "&".repeat(MAX_CELL_CHARS));
    assert_too_long(first_sheet(&inline_at_d7(&format!("{amps}&amp;"))), "D7", MAX_CELL_CHARS + 1);
    let escapes = |n: usize| {
        package(&sheet(&format!(r#"<row r="2"><c r="AB2" t="str"><v>{}</v></c></row>"#, "_x0041_".repeat(n))), None)
    };
    assert_eq!(text_at(&escapes(MAX_CELL_CHARS), (1, 27)), "A".repeat(MAX_CELL_CHARS));
    assert_too_long(first_sheet(&escapes(MAX_CELL_CHARS + 1)), "AB2", MAX_CELL_CHARS + 1);

    // A `<v>` that is not a number and has no type is text, and held to the same cap.
    let plain =
        |n: usize| package(&sheet(&format!(r#"<row r="3"><c r="C3"><v>{}</v></c></row>"#, "x".repeat(n))), None);
    assert_eq!(text_at(&plain(MAX_CELL_CHARS), (2, 2)).len(), MAX_CELL_CHARS);
    assert_too_long(first_sheet(&plain(MAX_CELL_CHARS + 1)), "C3", MAX_CELL_CHARS + 1);
}

#[test]
fn a_shared_string_over_the_cell_cap_is_refused_in_the_cell_that_uses_it() {
    let long = "字".repeat(MAX_CELL_CHARS + 1);
    let table = shared(&["短", &long]);
    let cell = |index: u32| sheet(&format!(r#"<row r="3"><c r="B3" t="s"><v>{index}</v></c></row>"#));
    assert_too_long(first_sheet(&package(&cell(1), Some(&table))), "B3", MAX_CELL_CHARS + 1);
    // Not referenced by any cell: it never enters the table, and the sheet reads.
    assert_eq!(text_at(&package(&cell(0), Some(&table)), (2, 1)), "短");
    // A shared string of exactly the cap reads.
    let table = shared(&["短", &long[..long.len() - "字".len()]]);
    assert_eq!(text_at(&package(&cell(1), Some(&table)), (2, 1)).chars().count(), MAX_CELL_CHARS);
}

#[test]
fn excel_s_own_limit_is_the_cap() {
    // A file written by rust_xlsxwriter (shared strings, as Excel writes them) with a value of exactly the cap reads
    // as calamine reads it; rust_xlsxwriter, like Excel, cannot write one character more.
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let worksheet = workbook.add_worksheet();
    let at = "天".repeat(MAX_CELL_CHARS);
    worksheet.write_string(6, 3, &at).unwrap();
    assert!(worksheet.write_string(7, 3, format!("{at}天")).is_err());
    let bytes = workbook.save_to_buffer().unwrap();
    let ours = first_sheet(&bytes).unwrap();
    assert_eq!(ours.get_value((6, 3)), Some(&Data::String(at)));
    let theirs = read_first_sheet(&bytes).unwrap();
    assert_eq!(ours.used_cells().collect::<Vec<_>>(), theirs.used_cells().collect::<Vec<_>>());
}

/// A sheet with a number in column A of each of `rows` rows (1, 2, …), with `r` or without.
fn numbered_rows(rows: usize, with_r: bool) -> String {
    let mut xml = String::with_capacity(rows * 40);
    for r in 1..=rows {
        if with_r {
            xml.push_str(&format!(r#"<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>"#));
        } else {
            xml.push_str(&format!("<row><c><v>{r}</v></c></row>"));
        }
    }
    sheet(&xml)
}

fn assert_too_many_rows<T: std::fmt::Debug>(result: Result<T, XlsxReadError>, rows: usize) {
    match result {
        Err(e @ XlsxReadError::TooManyRows { .. }) => {
            let XlsxReadError::TooManyRows { rows: n, max } = &e else { unreachable!() };
            assert_eq!((*n, *max), (rows, MAX_SHEET_ROWS));
            let message = e.to_string();
            for part in [rows.to_string(), MAX_SHEET_ROWS.to_string(), MAX_ROWS.to_string()] {
                assert!(message.contains(&part), "{message} lacks {part}");
            }
        }
        other => panic!("expected TooManyRows ({rows}), got {other:?}"),
    }
}

#[test]
fn sheet_rows_up_to_the_cap_read_and_one_more_is_refused() {
    let range = first_sheet(&package(&numbered_rows(MAX_SHEET_ROWS, true), None)).unwrap();
    assert_eq!(range.height(), MAX_SHEET_ROWS);
    assert_eq!(range.get_value((MAX_SHEET_ROWS as u32 - 1, 0)), Some(&Data::Float(MAX_SHEET_ROWS as f64)));
    assert!(first_sheet(&package(&numbered_rows(MAX_SHEET_ROWS - 1, false), None)).is_ok());
    assert_too_many_rows(first_sheet(&package(&numbered_rows(MAX_SHEET_ROWS + 1, true), None)), MAX_SHEET_ROWS + 1);
    assert_too_many_rows(first_sheet(&package(&numbered_rows(MAX_SHEET_ROWS + 1, false), None)), MAX_SHEET_ROWS + 1);
    assert_too_many_rows(import_xlsx(&package(&numbered_rows(MAX_SHEET_ROWS + 1, true), None)), MAX_SHEET_ROWS + 1);
    // Far over the cap, every row is still counted (for the message) but none is kept.
    assert_too_many_rows(first_sheet(&package(&numbered_rows(200_000, true), None)), 200_000);
}

/// A sheet of `3 * value_rows` rows in which only every third row holds values (two of them); the others are
/// empty or hold only cells without a value (a styled cell, a formula without a cached value).
fn sparse_rows(value_rows: usize) -> String {
    let mut xml = String::new();
    for r in 1..=3 * value_rows {
        match r % 3 {
            0 => xml.push_str(&format!(
                r#"<row r="{r}"><c r="A{r}"><v>1</v></c><c r="B{r}" t="inlineStr"><is><t>x</t></is></c></row>"#
            )),
            1 => xml.push_str(&format!(r#"<row r="{r}"><c r="A{r}" s="1"/><c r="B{r}"><f>A1</f></c></row>"#)),
            _ => xml.push_str(&format!(r#"<row r="{r}"/>"#)),
        }
    }
    sheet(&xml)
}

#[test]
fn only_rows_holding_a_value_count() {
    let range = first_sheet(&package(&sparse_rows(MAX_SHEET_ROWS), None)).unwrap();
    assert_eq!(range.used_cells().count(), 2 * MAX_SHEET_ROWS);
    assert_too_many_rows(first_sheet(&package(&sparse_rows(MAX_SHEET_ROWS + 1), None)), MAX_SHEET_ROWS + 1);
}

/// A table in the official layout with `projects` project rows (inline strings, as another program might write it)
/// and a footer.
fn table_with(projects: usize) -> Vec<u8> {
    let mut xml = String::with_capacity(projects * 120 + 1000);
    xml.push_str(r#"<row r="1"><c r="A1" t="inlineStr"><is><t>推荐单位(公章):某区市场监管局</t></is></c></row>"#);
    xml.push_str(r#"<row r="2"><c r="A2" t="inlineStr"><is><t>序号</t></is></c><c r="B2" t="inlineStr"><is><t>申报单位名称</t></is></c><c r="C2" t="inlineStr"><is><t>项目名称</t></is></c></row>"#);
    for i in 1..=projects {
        let r = i + 2;
        xml.push_str(&format!(
            r#"<row r="{r}"><c r="A{r}"><v>{i}</v></c><c r="B{r}" t="inlineStr"><is><t>单位{i}</t></is></c><c r="C{r}" t="inlineStr"><is><t>项目{i}</t></is></c></row>"#
        ));
    }
    let r = projects + 3;
    xml.push_str(&format!(r#"<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>填报人:李华</t></is></c></row>"#));
    package(&sheet(&xml), None)
}

#[test]
fn project_rows_up_to_the_cap_import_and_one_more_is_refused() {
    let decl = import_xlsx(&table_with(MAX_ROWS)).unwrap();
    assert_eq!(decl.rows.len(), MAX_ROWS);
    assert_eq!(decl.rows[MAX_ROWS - 1].unit_name, format!("单位{MAX_ROWS}"));
    assert_eq!(decl.rows[MAX_ROWS - 1].id, MAX_ROWS as u64);
    assert_eq!((decl.recommender.as_str(), decl.filler.as_str()), ("某区市场监管局", "李华"));
    assert_eq!(import_xlsx(&table_with(MAX_ROWS - 1)).unwrap().rows.len(), MAX_ROWS - 1);

    let over = table_with(MAX_ROWS + 1);
    for result in [import_xlsx(&over), read_xlsx(&over)] {
        match result {
            Err(e @ XlsxReadError::TooManyProjects { .. }) => {
                let XlsxReadError::TooManyProjects { rows, max } = &e else { unreachable!() };
                assert_eq!((*rows, *max), (MAX_ROWS + 1, MAX_ROWS));
                let message = e.to_string();
                assert!(
                    message.contains(&(MAX_ROWS + 1).to_string()) && message.contains(&MAX_ROWS.to_string()),
                    "{message}"
                );
            }
            other => panic!("expected TooManyProjects, got {other:?}"),
        }
    }
}

/// A sheet with `refs` cells (64 to a row) referring to shared string 0, then one referring to shared string 1.
fn references(refs: usize, then_one: bool) -> String {
    let mut xml = String::with_capacity(refs * 30);
    let total = refs + usize::from(then_one);
    for start in (0..total).step_by(64) {
        let r = start / 64 + 1;
        xml.push_str(&format!(r#"<row r="{r}">"#));
        for i in start..total.min(start + 64) {
            let index = usize::from(i >= refs);
            xml.push_str(&format!(r#"<c t="s"><v>{index}</v></c>"#));
        }
        xml.push_str("</row>");
    }
    sheet(&xml)
}

#[test]
fn text_up_to_the_total_cap_reads_and_more_is_refused() {
    // Shared strings whose references add up to exactly the cap.
    let per = 16_384;
    let (refs, rest) = (MAX_SHEET_TEXT_CHARS / per, MAX_SHEET_TEXT_CHARS % per);
    let (long, short) = ("x".repeat(per), "y".repeat(rest.max(1)));
    let table = shared(&[&long, &short]);
    let exact = if rest == 0 { references(refs, false) } else { references(refs, true) };
    let range = first_sheet(&package(&exact, Some(&table))).unwrap();
    let total: usize = range.used_cells().map(|(_, _, d)| if let Data::String(s) = d { s.len() } else { 0 }).sum();
    assert_eq!(total, MAX_SHEET_TEXT_CHARS);

    // One more character is refused, with the total counted.
    let over = if rest == 0 { references(refs, true) } else { references(refs + 1, false) };
    let chars = if rest == 0 { MAX_SHEET_TEXT_CHARS + 1 } else { (refs + 1) * per };
    let table = shared(&[&long, "z"]);
    match first_sheet(&package(&over, Some(&table))) {
        Err(e @ XlsxReadError::TooMuchText { .. }) => {
            let XlsxReadError::TooMuchText { chars: n, max } = &e else { unreachable!() };
            assert_eq!((*n, *max), (chars, MAX_SHEET_TEXT_CHARS));
            assert!(e.to_string().contains(&chars.to_string()), "{e}");
        }
        other => panic!("expected TooMuchText, got {other:?}"),
    }
}

#[test]
fn a_long_shared_string_referenced_by_many_cells_is_refused_with_its_total() {
    // 100,000 references of 32,767 characters: 3.3 billion characters, counted (not copied: the unit test
    // `nothing_is_kept_once_a_cap_is_exceeded_but_everything_is_counted` in xlsx_cells.rs holds that) and refused.
    let table = shared(&[&"x".repeat(MAX_CELL_CHARS)]);
    let refs = 100_000;
    let xml = references(refs, false);
    match first_sheet(&package(&xml, Some(&table))) {
        Err(e @ XlsxReadError::TooMuchText { .. }) => {
            let XlsxReadError::TooMuchText { chars, max } = &e else { unreachable!() };
            assert_eq!((*chars, *max), (refs * MAX_CELL_CHARS, MAX_SHEET_TEXT_CHARS));
            let message = e.to_string();
            for part in [(refs * MAX_CELL_CHARS).to_string(), MAX_SHEET_TEXT_CHARS.to_string()] {
                assert!(message.contains(&part), "{message} lacks {part}");
            }
        }
        other => panic!("expected TooMuchText, got {other:?}"),
    }
}

const MB: usize = 1 << 20;

#[test]
fn a_megabyte_of_bare_ampersands_is_refused_quickly() {
    // Each bare `&` is kept as it is; the cell is then too long.
    assert_too_long(first_sheet(&inline_at_d7(&"&".repeat(MB))), "D7", MB);
    // Bare `&` with a `;` far away, and `&#` runs.
    assert_too_long(first_sheet(&inline_at_d7(&format!("{};", "&".repeat(MB)))), "D7", MB + 1);
    assert_too_long(first_sheet(&inline_at_d7(&"&#".repeat(MB / 2))), "D7", MB);
    // In a `<v>`, and in a shared string that a cell refers to.
    let v = package(&sheet(&format!(r#"<row r="1"><c r="A1"><v>{}</v></c></row>"#, "&".repeat(MB))), None);
    assert_too_long(first_sheet(&v), "A1", MB);
    let table = shared(&[&"&".repeat(MB)]);
    assert_too_long(first_sheet(&package(&references(1, false), Some(&table))), "A1", MB);
    // A short run reads as calamine reads it.
    let short = inline_at_d7(&"&".repeat(1000));
    assert_eq!(text_at(&short, (6, 3)), "&".repeat(1000));
}

#[test]
fn a_megabyte_of_bare_ampersands_in_attributes_reads() {
    // Attributes other than the ones read are never resolved; the one read is resolved once.
    let xml = sheet(&format!(
        r#"<row r="1" q="{amps}"><c q="{amps}" r="A1" z="{amps}" t="inlineStr"><is><t q="{amps}" xml:space="preserve"> x </t></is></c></row>"#,
        amps = "&".repeat(MB)
    ));
    assert_eq!(text_at(&package(&xml, None), (0, 0)), " x ");
    // A cell reference made of bare `&` is malformed: refused, not a panic.
    let xml = sheet(&format!(r#"<row r="1"><c r="{}"><v>1</v></c></row>"#, "&".repeat(MB)));
    assert!(matches!(first_sheet(&package(&xml, None)), Err(XlsxReadError::NotXlsx(_))));
}

#[test]
fn runs_of_lt_are_refused_or_read() {
    // `&lt;` runs: a megabyte is 262,144 characters, too long for a cell.
    assert_too_long(first_sheet(&inline_at_d7(&"&lt;".repeat(MB / 4))), "D7", MB / 4);
    // Raw `<` in a CDATA section: text.
    assert_too_long(first_sheet(&inline_at_d7(&format!("<![CDATA[{}]]>", "<".repeat(MB)))), "D7", MB);
    let short = format!("<![CDATA[{}]]>", "<".repeat(100));
    assert_eq!(text_at(&inline_at_d7(&short), (6, 3)), "<".repeat(100));
    // Raw `<` in text is markup: a run of them ends at the next `>` as one (nameless) tag, or is an error if none
    // follows; either way no panic.
    let _ = first_sheet(&inline_at_d7(&format!("a{}", "<".repeat(MB))));
    assert!(first_sheet(&package(&format!("<worksheet>{}", "<".repeat(MB)), None)).is_err());
    assert!(first_sheet(&package(&format!("<worksheet>{}", "<'".repeat(MB / 2)), None)).is_err());
    let _ = first_sheet(&package(&sheet(&"<>".repeat(MB / 2)), None));
    let _ = first_sheet(&package(&sheet(&"</>".repeat(MB / 3)), None));
}

#[test]
fn deep_nesting_reads() {
    // Elements nested 300,000 deep (never closed, or closed): the parser keeps no stack.
    let open = "<a>".repeat(MB / 3);
    let text = |inner: &str| text_at(&inline_at_d7(inner), (6, 3));
    assert_eq!(text(&format!("x</t>{open}<t>y")), "xy");
    assert_eq!(text(&format!("x</t>{open}{}<t>y", "</a>".repeat(MB / 3))), "xy");
    // Nested cells and values: the last one read is the value.
    let xml = sheet(&format!(r#"<row r="1">{}<c r="B1"><v>2</v></c></row>"#, r#"<c r="A1"><v>1</v>"#.repeat(50_000)));
    let range = first_sheet(&package(&xml, None)).unwrap();
    assert_eq!(range.get_value((0, 1)), Some(&Data::Float(2.0)));
    // Nested formulas are skipped as one.
    let xml = sheet(&format!(
        r#"<row r="1"><c r="A1">{}{}<v>3</v></c></row>"#,
        "<f>".repeat(100_000),
        "</f>".repeat(100_000)
    ));
    assert_eq!(first_sheet(&package(&xml, None)).unwrap().get_value((0, 0)), Some(&Data::Float(3.0)));
}

#[test]
fn ooxml_escape_runs_are_refused_or_read() {
    // `_x` runs that are not escapes stay as they are.
    assert_too_long(first_sheet(&inline_at_d7(&"_x".repeat(MB / 2))), "D7", MB);
    assert_eq!(text_at(&inline_at_d7(&"_x".repeat(1000)), (6, 3)), "_x".repeat(1000));
    // Almost-escapes (not hexadecimal) stay as they are.
    assert_too_long(first_sheet(&inline_at_d7(&"_x00G1".repeat(MB / 6))), "D7", MB / 6 * 6);
    assert_too_long(first_sheet(&inline_at_d7(&"_x004_".repeat(MB / 6))), "D7", MB / 6 * 6);
    // Escapes: a megabyte of `_x0041_` is 149,796 characters.
    assert_too_long(first_sheet(&inline_at_d7(&"_x0041_".repeat(MB / 7))), "D7", MB / 7);
}

#[test]
fn runs_of_comments_and_declarations_and_huge_attribute_lists_read() {
    let text = |inner: &str| text_at(&inline_at_d7(inner), (6, 3));
    assert_eq!(text(&format!("a{}b", "<!---->".repeat(MB / 7))), "ab");
    assert_eq!(text(&format!("a{}b", "<?p?>".repeat(MB / 5))), "ab");
    assert_eq!(text(&format!("a{}b", "<!x>".repeat(MB / 4))), "ab");
    // 150,000 attributes before the cell's `r` and `t`.
    let xml = sheet(&format!(
        r#"<row r="1"><c{} r="C1" t="inlineStr"><is><t>v</t></is></c></row>"#,
        r#" a="1""#.repeat(150_000)
    ));
    assert_eq!(text_at(&package(&xml, None), (0, 2)), "v");
    // An unterminated comment, CDATA or declaration is an error.
    for open in ["<!--", "<![CDATA[", "<?", "<!"] {
        let xml = format!("<worksheet>{open}{}", "-".repeat(MB));
        assert!(matches!(first_sheet(&package(&xml, None)), Err(XlsxReadError::NotXlsx(_))), "{open}");
    }
}

#[test]
fn every_refusal_speaks_chinese_and_says_what_to_do() {
    let errors = [
        XlsxReadError::TooManyRows { rows: 1_000_000, max: MAX_SHEET_ROWS },
        XlsxReadError::TooManyProjects { rows: 25_000, max: MAX_ROWS },
        XlsxReadError::CellTooLong { cell: "D7".into(), chars: 40_000, max: MAX_CELL_CHARS },
        XlsxReadError::TooMuchText { chars: 100_000_000, max: MAX_SHEET_TEXT_CHARS },
    ];
    for e in errors {
        let message = e.to_string();
        assert!(message.starts_with("无法导入："), "{message}");
        assert!(message.contains("请"), "{message}");
    }
}
