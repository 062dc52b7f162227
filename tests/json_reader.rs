//! The draft files' JSON reader (`core::draft::json`) against serde_json, the reader it replaced on the page: on edge
//! cases, on every one-byte mutation and every cut of real drafts, and on random text, both must accept the same
//! texts with the same values and refuse the same texts, a cut-off text as cut off.

use proptest::prelude::*;
use serde_json::Value;
use shenbao::core::draft::json::{parse, Json, JsonError};
use shenbao::core::draft::{encode, encode_pretty};
use shenbao::core::{Declaration, ProjectRow};

/// The same value as serde_json builds it (objects: sorted keys, the last of a repeated key wins).
fn to_serde(j: &Json) -> Value {
    match j {
        Json::Null => Value::Null,
        Json::Bool(b) => Value::Bool(*b),
        Json::Number(n) => serde_json::from_str(n).expect("a number the reader accepted"),
        Json::String(s) => Value::String(s.clone()),
        Json::Array(items) => Value::Array(items.iter().map(to_serde).collect()),
        Json::Object(members) => {
            let mut m = serde_json::Map::new();
            for (k, v) in members {
                m.insert(k.clone(), to_serde(v));
            }
            Value::Object(m)
        }
    }
}

fn agree(text: &str) {
    let ours = parse(text);
    let theirs = serde_json::from_str::<Value>(text);
    match (&ours, &theirs) {
        (Ok(a), Ok(b)) => assert_eq!(&to_serde(a), b, "same value for {text:?}"),
        (Err(a), Err(b)) => {
            assert_eq!(*a == JsonError::Eof, b.is_eof(), "same kind of error for {text:?}: {a:?} / {b}")
        }
        _ => panic!("one accepts, one refuses {text:?}: ours {ours:?}, serde_json {theirs:?}"),
    }
    // serde_json's number accessor and ours agree on what is a u64.
    if let (Ok(a), Ok(b)) = (&ours, &theirs) {
        assert_eq!(a.as_u64(), b.as_u64(), "as_u64 of {text:?}");
    }
}

fn draft_texts() -> Vec<String> {
    let mut d = Declaration { recommender: "天津市武清区市场监督管理局".into(), ..Declaration::default() };
    d.rows = (1..=2)
        .map(|i| ProjectRow {
            id: i,
            unit_name: format!("单位{i}"),
            remarks: "\"引号\" \\ \n\t\u{1} 😀 \u{2028}".into(),
            ..ProjectRow::default()
        })
        .collect();
    let fixture = std::fs::read_to_string("tests/fixtures/drafts/v1_autosave_compact.json").expect("fixture");
    vec![encode(&d, "2021-05-06T10:42:05", "0.1.0", "w", 9), encode_pretty(&d, "", "", "", 0), fixture]
}

#[test]
fn edge_cases() {
    let deep = |n: usize| format!("{}{}", "[".repeat(n), "]".repeat(n));
    let deep_obj = |n: usize| format!("{}1{}", "{\"a\":".repeat(n), "}".repeat(n));
    for t in [
        "0",
        "-0",
        "-",
        "1",
        "01",
        "-01",
        "1.",
        "1.5",
        ".5",
        "1e",
        "1e5",
        "1E+2",
        "1e-2",
        "1e400",
        "-1e400",
        "18446744073709551615",
        "18446744073709551616",
        "-9223372036854775808",
        "-9223372036854775809",
        "1.0",
        "true",
        "tru",
        "trux",
        "false",
        "null",
        "nul",
        "\"",
        "\"a",
        "\"a\"",
        "\"\\",
        "\"\\u12",
        "\"\\u00e9\"",
        "\"\\ud83d\\ude00\"",
        "\"\\ud800\"",
        "\"\\ud800\\u0041\"",
        "\"\\udc00\"",
        "\"\\ud800x\"",
        "\"\\ud800\\",
        "\"\\x\"",
        "\"\t\"",
        "\"\u{1}\"",
        "\"\u{7f}\"",
        "[]",
        "[",
        "[1",
        "[1,",
        "[1,]",
        "[,1]",
        "{}",
        "{",
        "{\"a\"",
        "{\"a\":",
        "{\"a\":1",
        "{\"a\":1,}",
        "{a:1}",
        "{\"a\":1,\"a\":2}",
        "{\"b\":1,\"a\":2}",
        " \n\t\r1 \n",
        "1 2",
        "[] x",
        "\u{feff}1",
        "'a'",
        "[1]/*c*/",
        "NaN",
        "Infinity",
        "-Infinity",
        "+1",
    ] {
        agree(t);
    }
    for n in [127, 128, 129, 130] {
        agree(&deep(n));
        agree(&deep_obj(n));
    }
}

#[test]
fn every_mutation_and_cut_of_real_drafts() {
    for text in draft_texts() {
        let bytes = text.as_bytes();
        for i in 0..bytes.len() {
            for b in
                [b'0', b'"', b'x', b' ', b'}', b']', b'{', b'[', b',', b':', b'-', b'1', b'\\', b'e', b'.', b'\n', 0x01]
            {
                let mut m = bytes.to_vec();
                m[i] = b;
                if let Ok(s) = String::from_utf8(m) {
                    agree(&s);
                }
            }
        }
        for (i, _) in text.char_indices() {
            agree(&text[..i]);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    #[test]
    fn random_json_like_text(s in "[\\[\\]{}\":,0-9eE.+\\-tfrunlasx\\\\/ \n\u{1}\u{e9}\u{1F600}]{0,40}") {
        agree(&s);
    }
}
