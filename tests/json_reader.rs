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

/// Numbers at the edge of the f64 range: the reader judges them in decimal, Rust's float parser (what the reader
/// used before) in binary; they must agree on which are finite. (serde_json itself is not exact this close to the
/// limit: it refuses the limit minus one, written as an integer.)
#[test]
fn numbers_at_the_edge_of_the_f64_range() {
    let limit = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497792";
    let below = "179769313486231580793728971405303415079934132710037826936173778980444968292764750946649017977587207096330286416692887910946555547851940402630657488671505820681908902000708383676273854845817711531764475730270069855571366959622842914819860834936475292719074168444365510704342711559699508093042880177904174497791";
    for text in [
        limit.to_string(),
        below.to_string(),
        format!("{limit}.0"),
        format!("{below}.999999"),
        format!("-{limit}"),
        format!("0.{limit}e309"),
        format!("0.{below}e309"),
        format!("0.000{below}E+312"),
        "1.7976931348623157e308".into(),
        "1.7976931348623158e308".into(),
        "1.797693134862315807937289714053e308".into(),
        "1.797693134862315807937289714054e308".into(),
        "1.8e308".into(),
        "17976931348623157e292".into(),
        "1e308".into(),
        "1e309".into(),
        "10e308".into(),
        "0.1e309".into(),
        "1e-400".into(),
        "-0.0e99999999999999999999".into(),
        "0e400".into(),
        "1e99999999999999999999999".into(),
        "1e-99999999999999999999999".into(),
        "18446744073709551616".into(),
        "-9223372036854775809".into(),
    ] {
        let finite = text.parse::<f64>().is_ok_and(f64::is_finite);
        assert_eq!(parse(&text).is_ok(), finite, "{text}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]
    /// Random digits around 1.7976931348623158e308, written with the point and the exponent anywhere.
    #[test]
    fn numbers_near_the_largest_f64(digits in "1[6-8][0-9]{0,30}", point in 0usize..32, shift in 0i32..4) {
        // The point after `point` digits; the first digit's decimal exponent 307 + shift (307 to 310).
        let point = point.clamp(1, digits.len());
        let exponent = 307 + shift - (point as i32 - 1);
        let text = format!("{}.{}0e{exponent}", &digits[..point], &digits[point..]);
        let finite = text.parse::<f64>().is_ok_and(f64::is_finite);
        prop_assert_eq!(parse(&text).is_ok(), finite, "{}", text);
    }
}
