//! Writing a draft as JSON text, compact (autosave) or indented (the draft file), exactly as serde_json would.
//!
//! Byte-identical to serde_json's two writers (tested), but several times faster under `opt-level = "z"`.

use super::envelope::{CURRENT_VERSION, FORMAT};
use crate::core::limits::MAX_TABLE_BYTES;
use crate::core::model::{Declaration, RowField, Source, TableField};

/// Encodes a declaration as a compact current-version draft (what autosave stores).
///
/// Hand-written (byte-identical to `serde_json::to_string` of the envelope; tested) because it runs on the
/// main thread on every autosave and serde_json's writer is several times slower under `opt-level = "z"`.
pub fn encode(decl: &Declaration, saved_at: &str, app_version: &str, writer: &str, seq: u64) -> String {
    // A hint from the first row, bounded: a long first value times many rows must not overflow (wasm32) or
    // reserve gigabytes.
    let row_guess: usize = decl.rows.first().map_or(0, |r| {
        let source = &r.source;
        let source_len = 64 + source.file.len() + source.sheet.len() + source.number_code.len();
        RowField::ALL.iter().map(|f| r.get(*f).len() + 24).sum::<usize>() + source_len
    });
    let guess = row_guess.saturating_mul(decl.rows.len()).saturating_mul(5) / 4;
    let out = JsonWriter::new(Layout::Compact, 256 + guess.min(MAX_TABLE_BYTES));
    write_envelope(out, decl, saved_at, app_version, writer, seq)
}

/// Encodes a declaration as an indented, human-readable current-version draft (the downloadable file): the layout
/// of `serde_json::to_string_pretty` (tested byte for byte), and a final line break.
pub fn encode_pretty(decl: &Declaration, saved_at: &str, app_version: &str, writer: &str, seq: u64) -> String {
    let out = JsonWriter::new(Layout::Indented, 512 + decl.rows.len() * 700);
    let mut text = write_envelope(out, decl, saved_at, app_version, writer, seq);
    text.push('\n');
    text
}

/// A draft file ([`encode_pretty`]'s text) with the reference beside the table as its last part, `reference`
/// (the optional part of version 2 that [`super::decode`] reads into [`super::Envelope::reference`]).
pub fn with_reference(draft_file: &str, reference: &str) -> String {
    let body = draft_file.trim_end().strip_suffix('}').unwrap_or(draft_file).trim_end();
    let mut out = String::with_capacity(draft_file.len() + reference.len() + 32);
    out.push_str(body);
    out.push_str(",\n  \"reference\": ");
    push_json_str(&mut out, reference);
    out.push_str("\n}\n");
    out
}

/// The envelope and its declaration, every field present, in the order serde_json writes them.
fn write_envelope(
    mut out: JsonWriter,
    decl: &Declaration,
    saved_at: &str,
    app_version: &str,
    writer: &str,
    seq: u64,
) -> String {
    out.begin('{');
    out.key("format");
    out.string(FORMAT);
    out.key("version");
    out.number(CURRENT_VERSION);
    for (key, value) in [("saved_at", saved_at), ("app_version", app_version), ("writer", writer)] {
        out.key(key);
        out.string(value);
    }
    out.key("seq");
    out.number(seq);
    out.key("declaration");
    out.begin('{');
    for f in TableField::ALL {
        out.key(f.key());
        out.string(decl.table_value(f));
    }
    out.key("rows");
    out.begin('[');
    for row in &decl.rows {
        out.element();
        out.begin('{');
        out.key("id");
        out.number(row.id);
        for f in RowField::ALL {
            out.key(f.key());
            out.string(row.get(f));
        }
        out.key("source");
        write_source(&mut out, &row.source);
        out.end('}');
    }
    out.end(']');
    out.end('}');
    out.end('}');
    out.text
}

/// A row's source object, its members in the order of [`Source`]'s fields (serde_json's order).
fn write_source(out: &mut JsonWriter, source: &Source) {
    out.begin('{');
    for (key, value) in [("file", &source.file), ("sheet", &source.sheet)] {
        out.key(key);
        out.string(value);
    }
    out.key("row");
    out.number(u64::from(source.row));
    out.key("number_code");
    out.string(&source.number_code);
    out.end('}');
}

/// How JSON text is laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// No whitespace at all (`serde_json::to_string`).
    Compact,
    /// A line per member or element, indented by two spaces a level, `"key": value` (`serde_json::to_string_pretty`).
    Indented,
}

/// Writes JSON text in a [`Layout`], exactly as serde_json's writers do.
struct JsonWriter {
    text: String,
    layout: Layout,
    /// How many objects and arrays are open.
    depth: usize,
    /// True while the innermost open object or array has no member or element yet.
    empty: bool,
}

impl JsonWriter {
    fn new(layout: Layout, capacity: usize) -> JsonWriter {
        JsonWriter { text: String::with_capacity(capacity), layout, depth: 0, empty: true }
    }

    /// Opens an object (`{`) or an array (`[`).
    fn begin(&mut self, open: char) {
        self.text.push(open);
        self.depth += 1;
        self.empty = true;
    }

    /// Closes the innermost object (`}`) or array (`]`).
    fn end(&mut self, close: char) {
        self.depth -= 1;
        if !self.empty {
            self.line_break();
        }
        self.text.push(close);
        self.empty = false;
    }

    /// Starts an array's next element.
    fn element(&mut self) {
        if !self.empty {
            self.text.push(',');
        }
        self.empty = false;
        self.line_break();
    }

    /// Starts an object's next member: its key (plain ASCII, nothing to escape) and the colon.
    fn key(&mut self, key: &str) {
        self.element();
        self.text.push('"');
        self.text.push_str(key);
        self.text.push_str(match self.layout {
            Layout::Compact => "\":",
            Layout::Indented => "\": ",
        });
    }

    fn string(&mut self, value: &str) {
        push_json_str(&mut self.text, value);
    }

    fn number(&mut self, value: u64) {
        self.text.push_str(&value.to_string());
    }

    /// In the indented layout, a line break and the indent of the current depth.
    fn line_break(&mut self) {
        // A draft nests five levels deep (envelope, declaration, rows, row, source): the indents are slices of one
        // string.
        const INDENTS: &str = "\n                ";
        if self.layout == Layout::Indented {
            match INDENTS.get(..1 + 2 * self.depth) {
                Some(indent) => self.text.push_str(indent),
                None => {
                    self.text.push('\n');
                    self.text.push_str(&"  ".repeat(self.depth));
                }
            }
        }
    }
}

/// Appends `s` as a JSON string literal, escaping exactly as serde_json does.
fn push_json_str(out: &mut String, s: &str) {
    out.push('"');
    let bytes = s.as_bytes();
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let short = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0x08 => "\\b",
            0x0c => "\\f",
            0..=0x1f => "",
            _ => continue,
        };
        // Only ASCII bytes get here, so `start..i` is on char boundaries.
        out.push_str(&s[start..i]);
        if short.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            out.push_str("\\u00");
            out.push(HEX[(b >> 4) as usize] as char);
            out.push(HEX[(b & 0xf) as usize] as char);
        } else {
            out.push_str(short);
        }
        start = i + 1;
    }
    out.push_str(&s[start..]);
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::draft::decode;
    use crate::core::model::ProjectRow;

    #[derive(serde::Serialize)]
    struct EnvelopeOut<'a> {
        format: &'static str,
        version: u64,
        saved_at: &'a str,
        app_version: &'a str,
        writer: &'a str,
        seq: u64,
        declaration: &'a Declaration,
    }

    /// Rows typed here (even) and read from a file (odd).
    fn sample(rows: usize) -> Declaration {
        let row = |i: usize| ProjectRow {
            id: i as u64 + 1,
            unit_name: format!("单位{i}"),
            source: match i % 2 {
                0 => Source::default(),
                _ => Source {
                    file: format!("单位{i}.xlsx"),
                    sheet: "申报表".into(),
                    row: i as u32 + 4,
                    number_code: "911201151318609000".into(),
                },
            },
            ..ProjectRow::default()
        };
        Declaration {
            recommender: "天津市武清区".into(), rows: (0..rows).map(row).collect(), ..Declaration::default()
        }
    }

    #[test]
    fn hand_encoder_equals_serde_json() {
        let mut d = sample(3);
        d.rows[1].remarks = "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} 中文 😀 \u{2028}".into();
        d.filler = "\u{1}x\u{1b}".into();
        d.rows[2].id = u64::MAX;
        d.rows[2].source =
            Source { file: "a\"b\\c\n.csv".into(), sheet: "\u{1}".into(), row: u32::MAX, ..Source::default() };
        for (at, app, w, seq) in [("2021-05-06T10:42:05", "0.1.0", "w\"", 9), ("", "", "", 0), ("", "", "x", u64::MAX)]
        {
            let out = EnvelopeOut {
                format: FORMAT,
                version: CURRENT_VERSION,
                saved_at: at,
                app_version: app,
                writer: w,
                seq,
                declaration: &d,
            };
            assert_eq!(encode(&d, at, app, w, seq), serde_json::to_string(&out).expect("serde"));
        }
        for c in 0u8..=0x7f {
            let d = Declaration { recommender: format!("a{}b", c as char), ..Declaration::default() };
            let out = EnvelopeOut {
                format: FORMAT,
                version: CURRENT_VERSION,
                saved_at: "",
                app_version: "",
                writer: "",
                seq: 0,
                declaration: &d,
            };
            assert_eq!(encode(&d, "", "", "", 0), serde_json::to_string(&out).expect("serde"), "byte {c}");
        }
    }

    #[test]
    fn pretty_encoder_equals_serde_json() {
        let mut d = sample(3);
        d.rows[1].remarks = "\"q\" \\ \n\r\t\u{8}\u{c}\u{0}\u{1f}\u{7f} 中文 😀 \u{2028}".into();
        d.rows[2].id = u64::MAX;
        d.rows[2].source.sheet = "\"表\"\t".into();
        for (d, at, app, w, seq) in [
            (d.clone(), "2021-05-06T10:42:05", "0.1.0", "w\"", 9),
            (Declaration::default(), "", "", "", 0),
            (sample(1), "", "", "x", u64::MAX),
        ] {
            let out = EnvelopeOut {
                format: FORMAT,
                version: CURRENT_VERSION,
                saved_at: at,
                app_version: app,
                writer: w,
                seq,
                declaration: &d,
            };
            let mut want = serde_json::to_string_pretty(&out).expect("serde");
            want.push('\n');
            assert_eq!(encode_pretty(&d, at, app, w, seq), want);
            assert_eq!(decode(&want).map(|e| e.declaration), Ok(d));
        }
    }
}
