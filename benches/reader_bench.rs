//! Benchmark of the .xlsx import's reader (`core::xlsx::cells`) on pathological input (see BENCHMARKS.md, "Import
//! reader: linear time"): every reader step must be linear in its input, so 4 MB of a pathological construct should
//! take about 4 times as long as 1 MB (a quadratic step would take 16 times as long).
//!
//! Run: `cargo bench --bench reader_bench`. Prints medians over several runs, measured with `std::time::Instant`; not
//! a timed test, nothing here fails on a slow machine.
//!
//! Such values are longer than an Excel cell, so the reader refuses them (`limits::MAX_CELL_CHARS`); the refusal comes
//! after the value has been read, but to time the scan alone the benchmark calls `read_parts_uncapped`, the reader's
//! sheet and shared-strings steps with the caps lifted. The last rows time the whole reader (`first_sheet`: unzip,
//! scan, refusal) on a package holding one such cell.

mod common;

use std::io::{Cursor, Write};
use std::time::Duration;

use shenbao::core::xlsx::cells::{first_sheet, read_parts_uncapped};

const MB: usize = 1 << 20;

/// A worksheet whose only cell, A1, holds `inner` as written inside `<c>`.
fn sheet_with(inner: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1">{inner}</row></sheetData></worksheet>"#
    )
}

/// A worksheet whose only cell is an inline string with `text` (as written) inside its `<t>`.
fn inline(text: &str) -> String {
    sheet_with(&format!(r#"<c r="A1" t="inlineStr"><is><t>{text}</t></is></c>"#))
}

/// `unit` repeated to about `bytes` bytes.
fn run_of(unit: &str, bytes: usize) -> String {
    unit.repeat(bytes / unit.len())
}

/// A case: its name, and the sheet XML and shared strings XML of about `bytes` bytes of the construct.
type Case = (&'static str, fn(usize) -> (String, Option<String>));

const CASES: [Case; 13] = [
    ("bare `&` in a cell's text", |n| (inline(&run_of("&", n)), None)),
    ("bare `&` in a shared string", |n| {
        let sst = format!("<sst><si><t>{}</t></si></sst>", run_of("&", n));
        (sheet_with(r#"<c r="A1" t="s"><v>0</v></c>"#), Some(sst))
    }),
    ("bare `&` in a `<v>`", |n| (sheet_with(&format!(r#"<c r="A1"><v>{}</v></c>"#, run_of("&", n))), None)),
    ("bare `&` in an attribute not read", |n| {
        (sheet_with(&format!(r#"<c q="{}" r="A1"><v>1</v></c>"#, run_of("&", n))), None)
    }),
    ("`&lt;` run", |n| (inline(&run_of("&lt;", n)), None)),
    ("raw `<` in a CDATA section", |n| (inline(&format!("<![CDATA[{}]]>", run_of("<", n))), None)),
    ("raw `<` run in text", |n| (inline(&format!("a{}", run_of("<", n))), None)),
    ("deep nesting `<a><a>…`", |n| (inline(&format!("x</t>{}<t>y", run_of("<a>", n))), None)),
    ("nested formulas `<f><f>…</f></f>`", |n| {
        let half = n / 2;
        (sheet_with(&format!(r#"<c r="A1">{}{}<v>1</v></c>"#, run_of("<f>", half), run_of("</f>", half))), None)
    }),
    ("`_x` run (not escapes)", |n| (inline(&run_of("_x", n)), None)),
    ("`_x0041_` escapes", |n| (inline(&run_of("_x0041_", n)), None)),
    ("comment run `<!---->`", |n| (inline(&format!("a{}b", run_of("<!---->", n))), None)),
    ("huge attribute list (` a=\"1\"` …)", |n| {
        (sheet_with(&format!(r#"<c{} r="A1" t="inlineStr"><is><t>v</t></is></c>"#, run_of(r#" a="1""#, n))), None)
    }),
];

/// The median of `runs` timed calls of `f`, after one warm-up call.
fn median<T>(runs: usize, f: impl FnMut() -> T) -> Duration {
    common::timed(runs, 1, f)[runs / 2]
}

/// A minimal package holding `sheet` as its first worksheet.
fn package(sheet: &str) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default();
    let mut add = |name: &str, text: &str| {
        zip.start_file(name, opts).expect("zip");
        zip.write_all(text.as_bytes()).expect("zip");
    };
    add(
        "xl/workbook.xml",
        r#"<workbook xmlns:r="r"><sheets><sheet name="a" sheetId="1" r:id="rId1"/></sheets></workbook>"#,
    );
    add(
        "xl/_rels/workbook.xml.rels",
        r#"<Relationships><Relationship Id="rId1" Type="x/worksheet" Target="worksheets/sheet1.xml"/></Relationships>"#,
    );
    add("xl/worksheets/sheet1.xml", sheet);
    zip.finish().expect("zip").into_inner()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1e3
}

fn row(name: &str, small: Duration, large: Duration) {
    println!(
        "| {name:<42} | {:>9.2} ms | {:>9.2} ms | {:>5.2} |",
        ms(small),
        ms(large),
        large.as_secs_f64() / small.as_secs_f64()
    );
}

fn main() {
    let runs = 7;
    println!("Import reader on pathological input: median of {runs} runs; linear = ratio about 4 (quadratic: 16)");
    println!("| {:<42} | {:>12} | {:>12} | {:>5} |", "case (one value / tag of the size)", "1 MB", "4 MB", "ratio");
    println!("|{:-<44}|{:-<14}|{:-<14}|{:-<7}|", "", "", "", "");
    for (name, make) in CASES {
        let time = |bytes: usize| {
            let (sheet, shared) = make(bytes);
            median(runs, || read_parts_uncapped(&sheet, shared.as_deref()).map_err(|e| e.to_string()))
        };
        row(name, time(MB), time(4 * MB));
    }
    // The whole reader as the import runs it: unzip, scan, and the refusal of the too-long cell.
    let whole = |bytes: usize| {
        let bytes = package(&inline(&run_of("&", bytes)));
        median(runs, || first_sheet(&bytes).is_err())
    };
    row("whole reader: `first_sheet`, bare `&` cell", whole(MB), whole(4 * MB));
}
