//! Draft decoding of bad input: always a typed error with a Chinese message, never a panic, never a default.

use proptest::prelude::*;
use shenbao::core::draft::{decode, decode_partial, encode, encode_pretty, peek_meta, DraftError};
use shenbao::core::limits::{FORM_FIELD_CHARS, MAX_CELL_CHARS, MAX_ROWS};
use shenbao::core::{Declaration, ProjectRow, Source};

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/drafts/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn err(text: &str) -> DraftError {
    match decode(text) {
        Ok(env) => panic!("decoded {text:.80} into {env:?}"),
        Err(e) => e,
    }
}

#[test]
fn empty_and_whitespace() {
    assert_eq!(err(""), DraftError::Empty);
    assert_eq!(err(" \n\t"), DraftError::Empty);
    assert_eq!(err("\u{feff}"), DraftError::Empty);
}

#[test]
fn truncated_json_at_every_cut() {
    for name in ["v1_autosave_compact.json", "v2_autosave_compact.json"] {
        let text = fixture(name);
        let mut cuts = 0;
        for (i, _) in text.char_indices().skip(1) {
            let e = err(&text[..i]);
            assert!(
                matches!(e, DraftError::Truncated | DraftError::NotJson { .. } | DraftError::NotOurs),
                "{name} cut at {i}: {e:?}"
            );
            cuts += 1;
        }
        assert!(cuts > 500);
        assert_eq!(err(&text[..text.len() / 2]).to_string(), "内容不完整：文件在中途被截断");
    }
}

#[test]
fn not_json() {
    let e = err("草稿\n{oops}");
    assert!(matches!(e, DraftError::NotJson { line: 1, .. }), "{e:?}");
    assert!(e.to_string().starts_with("不是有效的 JSON"));
}

#[test]
fn other_json_is_not_ours() {
    for text in [
        "[]",
        "null",
        "42",
        "\"text\"",
        "{}",
        r#"{"name":"x"}"#,
        r#"{"format":"other","version":1}"#,
        r#"{"format":3}"#,
    ] {
        assert_eq!(err(text), DraftError::NotOurs, "{text}");
    }
    assert_eq!(DraftError::NotOurs.to_string(), "不是本工具的草稿");
}

#[test]
fn future_version_is_refused_with_its_number() {
    let text = fixture("v1_autosave_compact.json").replacen("\"version\":1", "\"version\":7", 1);
    let e = err(&text);
    assert_eq!(e, DraftError::FromNewer(7));
    assert_eq!(e.to_string(), "草稿来自更新的版本 (v7)，请更新页面");
    assert_eq!(peek_meta(&text), Err(DraftError::FromNewer(7)));
}

#[test]
fn bad_versions() {
    for v in ["0", "-1", "1.5", "\"1\"", "null"] {
        let text = fixture("v1_autosave_compact.json").replacen("\"version\":1", &format!("\"version\":{v}"), 1);
        assert!(matches!(err(&text), DraftError::WrongType { .. }), "version {v}");
    }
    assert!(matches!(err(r#"{"format":"shenbao-draft"}"#), DraftError::Incomplete(_)));
}

#[test]
fn missing_parts_are_incomplete() {
    let full = fixture("v1_autosave_compact.json");
    for (from, what) in [
        ("\"seq\":17,", "保存序号"),
        ("\"writer\":\"t8f3k2q9\",", "保存者"),
        ("\"recommender\":\"天津市武清区市场监督管理局\",", "“推荐单位”"),
        ("\"remarks\":\"\"", "第 1 行的“备注”"),
    ] {
        assert!(full.contains(from), "{from}");
        let text = full.replacen(from, "", 1).replace(",}", "}");
        let e = err(&text);
        assert!(matches!(&e, DraftError::Incomplete(s) if s.contains(what)), "{from}: {e:?}");
        assert!(e.to_string().starts_with("内容不完整"), "{e}");
    }
    let text = full.split(",\"declaration\"").next().unwrap_or_default().to_string() + "}";
    assert!(matches!(err(&text), DraftError::Incomplete(_)));
}

#[test]
fn wrong_types_name_the_place() {
    let full = fixture("v1_autosave_compact.json");
    let cases = [
        ("\"seq\":17", "\"seq\":\"17\"", "保存序号"),
        ("\"seq\":17", "\"seq\":-3", "保存序号"),
        ("\"filler\":\"李华\"", "\"filler\":42", "“填报人”"),
        ("\"industry\":\"34\"", "\"industry\":34", "第 1 行的“所属行业”"),
        ("\"email\":\"liuyang@example.com\"", "\"email\":null", "第 2 行的“电子邮箱”"),
        ("\"id\":2", "\"id\":\"2\"", "第 2 行的编号"),
        ("\"saved_at\":\"2021-05-06T10:42:05\"", "\"saved_at\":\"yesterday\"", "保存时间"),
    ];
    for (from, to, place) in cases {
        assert!(full.contains(from), "{from}");
        let e = err(&full.replacen(from, to, 1));
        assert!(matches!(&e, DraftError::WrongType { place: p, .. } if p.contains(place)), "{to}: {e:?}");
        assert!(e.to_string().starts_with("内容有误："), "{e}");
    }
    let e = err(&full.replacen("\"rows\":[", "\"rows\":{\"a\":[", 1).replacen("]}}", "]}}}", 1));
    assert!(matches!(e, DraftError::WrongType { .. }), "{e:?}");
    let e = err(
        r#"{"format":"shenbao-draft","version":1,"saved_at":"","app_version":"","writer":"","seq":0,"declaration":[]}"#,
    );
    assert!(matches!(e, DraftError::WrongType { .. }), "{e:?}");
    let e = err(r#"{"rows":[1,2]}"#);
    assert!(matches!(&e, DraftError::WrongType { place, .. } if place == "第 1 行"), "{e:?}");
}

#[test]
fn unknown_keys_are_refused_not_dropped() {
    let full = fixture("v1_autosave_compact.json");
    let e = err(&full.replacen("\"remarks\":\"\"", "\"remarks\":\"\",\"phone2\":\"139\"", 1));
    assert_eq!(e, DraftError::UnknownField { place: "第 1 行".into(), key: "phone2".into() });
    assert_eq!(e.to_string(), "内容有误：第 1 行含有本工具不认识的“phone2”");
    let e = err(r#"{"recommender":"x","extra":1}"#);
    assert!(matches!(e, DraftError::UnknownField { .. }), "{e:?}");
    let e = err(&full.replacen("\"seq\":17", "\"seq\":17,\"checksum\":\"x\"", 1));
    assert!(matches!(e, DraftError::UnknownField { .. }), "{e:?}");
}

/// Where the first row's source is in the v2 fixture.
const FIRST_SOURCE: &str = r#""source":{"file":"甲公司申报表.xlsx","sheet":"申报表","row":5,"number_code":""}"#;

#[test]
fn a_row_source_is_read_as_strictly_as_the_rest() {
    let full = fixture("v2_autosave_compact.json");
    assert!(full.contains(FIRST_SOURCE));
    let with = |source: &str| full.replacen(FIRST_SOURCE, source, 1);
    let e = err(&with(r#""source":{"file":"a.xlsx","sheet":"申报表","row":5}"#));
    assert_eq!(e, DraftError::Incomplete("第 1 行来源的存成数字的信用代码（number_code）".into()));
    let e = err(&with(r#""source":{"file":"a.xlsx","sheet":"申报表","number_code":""}"#));
    assert_eq!(e, DraftError::Incomplete("第 1 行来源的行号（row）".into()));
    let e = err(&full.replacen(&format!(",{FIRST_SOURCE}"), "", 1));
    assert_eq!(e, DraftError::Incomplete("第 1 行的来源（source）".into()));
    for (source, place) in [
        (r#""source":"甲公司申报表.xlsx""#, "第 1 行的来源（source）"),
        (r#""source":null"#, "第 1 行的来源（source）"),
        (r#""source":{"file":1,"sheet":"","row":5,"number_code":""}"#, "第 1 行来源的文件名（file）"),
        (r#""source":{"file":"","sheet":[],"row":5,"number_code":""}"#, "第 1 行来源的工作表（sheet）"),
        (r#""source":{"file":"","sheet":"","row":"5","number_code":""}"#, "第 1 行来源的行号（row）"),
        (r#""source":{"file":"","sheet":"","row":-5,"number_code":""}"#, "第 1 行来源的行号（row）"),
        (r#""source":{"file":"","sheet":"","row":4294967296,"number_code":""}"#, "第 1 行来源的行号（row）"),
        (
            r#""source":{"file":"","sheet":"","row":5,"number_code":9.1e17}"#,
            "第 1 行来源的存成数字的信用代码（number_code）",
        ),
    ] {
        let e = err(&with(source));
        assert!(matches!(&e, DraftError::WrongType { place: p, .. } if p == place), "{source}: {e:?}");
        assert!(e.to_string().starts_with("内容有误："), "{e}");
    }
    let e = err(&with(r#""source":{"file":"","sheet":"","row":5,"number_code":"","cell":"B5"}"#));
    assert_eq!(e, DraftError::UnknownField { place: "第 1 行的来源".into(), key: "cell".into() });
    let last_row = with(r#""source":{"file":"","sheet":"","row":4294967295,"number_code":""}"#);
    assert_eq!(decode(&last_row).map(|e| e.declaration.rows[0].source.row), Ok(u32::MAX));
}

#[test]
fn a_v1_row_gets_an_empty_source_and_a_v1_row_with_one_has_it_read() {
    let v1 = fixture("v1_autosave_compact.json");
    let env = decode(&v1).expect("v1");
    assert!(env.declaration.rows.iter().all(|r| r.source == Source::default()));
    // A hand-edited v1 file that already names a source: read, checked like a v2 one, nothing dropped.
    let edited = v1.replacen("\"remarks\":\"\"", &format!("\"remarks\":\"\",{FIRST_SOURCE}"), 1);
    assert_eq!(decode(&edited).map(|e| e.declaration.rows[0].source.row), Ok(5));
    let bad = v1.replacen("\"remarks\":\"\"", "\"remarks\":\"\",\"source\":{\"file\":\"\"}", 1);
    assert!(matches!(err(&bad), DraftError::Incomplete(_)));
}

#[test]
fn a_source_text_beyond_the_cell_cap_is_refused_or_cut() {
    let mut d = Declaration::default();
    d.rows.push(ProjectRow { id: 1, ..ProjectRow::default() });
    d.rows[0].source = Source { file: "甲".repeat(MAX_CELL_CHARS), row: 3, ..Source::default() };
    assert_eq!(decode(&encode(&d, "", "", "", 0)).map(|e| e.declaration), Ok(d.clone()), "exactly the cap is fine");
    d.rows[0].source.file.push('甲');
    let e = err(&encode(&d, "", "", "", 0));
    let place = "第 1 行来源的文件名（file）".to_string();
    assert_eq!(e, DraftError::TooLong { place, chars: MAX_CELL_CHARS + 1, max: MAX_CELL_CHARS });
    let (env, cuts) = decode_partial(&encode_pretty(&d, "", "", "", 0)).expect("partial");
    assert_eq!(env.declaration.rows[0].source.file.chars().count(), MAX_CELL_CHARS);
    assert_eq!(env.declaration.rows[0].source.row, 3);
    assert_eq!(cuts, vec![e]);
}

#[test]
fn too_many_rows() {
    let mut d = Declaration {
        rows: (0..=MAX_ROWS as u64).map(|id| ProjectRow { id, ..ProjectRow::default() }).collect(),
        ..Declaration::default()
    };
    let e = err(&encode(&d, "", "", "", 0));
    assert_eq!(e, DraftError::TooManyRows { rows: MAX_ROWS + 1 });
    assert!(e.to_string().contains("最多 20000 行"));
    // The same through the v0 path.
    let v0 = format!("{{\"rows\":[{}{{}}]}}", "{},".repeat(MAX_ROWS));
    assert_eq!(err(&v0), DraftError::TooManyRows { rows: MAX_ROWS + 1 });
    // A stored draft beyond the cap is loaded as far as it goes, and the cut is reported.
    let (env, cuts) = decode_partial(&encode(&d, "", "", "", 0)).expect("partial");
    assert_eq!(env.declaration.rows.len(), MAX_ROWS);
    assert_eq!(env.declaration.rows[..], d.rows[..MAX_ROWS]);
    assert_eq!(cuts, vec![DraftError::TooManyRows { rows: MAX_ROWS + 1 }]);
    // Exactly the limit is fine.
    d.rows.pop();
    assert_eq!(decode(&encode(&d, "", "", "", 0)).map(|e| e.declaration.rows.len()), Ok(MAX_ROWS));
}

#[test]
fn a_value_beyond_the_form_limit_is_read_in_full() {
    // The form allows 200 characters of 备注 and 2,000 of any field: a draft holding more is still read whole
    // (the rules flag the value); refusing it would show an empty table after a reload.
    let mut d = Declaration { filler: "人".repeat(FORM_FIELD_CHARS + 1), ..Declaration::default() };
    d.rows.push(ProjectRow { id: 1, remarks: "字".repeat(2_500), ..ProjectRow::default() });
    for text in [encode(&d, "", "", "", 0), encode_pretty(&d, "", "", "", 0)] {
        assert_eq!(decode(&text).map(|e| e.declaration), Ok(d.clone()));
    }
}

#[test]
fn a_value_beyond_the_cell_cap_is_refused_with_the_place() {
    let mut d = Declaration::default();
    d.rows.push(ProjectRow { id: 1, ..ProjectRow::default() });
    d.rows[0].remarks = "字".repeat(MAX_CELL_CHARS);
    assert_eq!(decode(&encode(&d, "", "", "", 0)).map(|e| e.declaration), Ok(d.clone()), "exactly the cap is fine");
    d.rows[0].remarks.push('字');
    let e = err(&encode(&d, "", "", "", 0));
    assert_eq!(
        e,
        DraftError::TooLong {
            place: "第 1 行的“备注”".into(), chars: MAX_CELL_CHARS + 1, max: MAX_CELL_CHARS
        }
    );
    assert_eq!(e.to_string(), "第 1 行的“备注”太长（32768 字），一个单元格最多 32767 字");
    // Loaded as far as it goes: the first 32,767 characters, and the cut reported.
    let (env, cuts) = decode_partial(&encode(&d, "", "", "", 0)).expect("partial");
    assert_eq!(env.declaration.rows[0].remarks.chars().count(), MAX_CELL_CHARS);
    assert_eq!(cuts, vec![e]);
    let e = err(&encode(&Declaration::default(), "", "", &"w".repeat(65), 0));
    assert!(matches!(e, DraftError::TooLong { .. }), "{e:?}");
}

#[test]
fn every_error_message_is_chinese() {
    let errors = [
        DraftError::Empty,
        DraftError::TooLarge { bytes: 100 << 20 },
        DraftError::Truncated,
        DraftError::NotJson { line: 1, column: 2 },
        DraftError::NotOurs,
        DraftError::FromNewer(2),
        DraftError::Incomplete("x".into()),
        DraftError::WrongType { place: "x".into(), expected: "文字" },
        DraftError::UnknownField { place: "x".into(), key: "k".into() },
        DraftError::TooManyRows { rows: 1 },
        DraftError::TooLong { place: "x".into(), chars: 3, max: 2 },
    ];
    for e in errors {
        let s = e.to_string();
        assert!(s.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)), "{s}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes_never_panic_and_never_decode_to_a_default(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(env) = decode(&text) {
            // Only a real draft may decode; random bytes essentially never are one.
            prop_assert!(text.contains("rows") || text.contains("recommender") || text.contains("filler"), "{env:?}");
        }
        let _ = peek_meta(&text);
    }

    #[test]
    fn mutated_drafts_never_panic(pos in 0usize..1200, byte in any::<u8>(), cut in 0usize..1200) {
        let name = ["v1_autosave_compact.json", "v2_autosave_compact.json"][pos % 2];
        let mut bytes = fixture(name).into_bytes();
        let p = pos % bytes.len();
        bytes[p] = byte;
        bytes.truncate(cut.max(1).min(bytes.len()));
        let text = String::from_utf8_lossy(&bytes);
        let _ = decode(&text);
        let _ = peek_meta(&text);
    }

    #[test]
    fn any_text_round_trips(s in ".{0,60}", t in "\\PC{0,60}", id in any::<u64>(), seq in any::<u64>()) {
        let d = Declaration {
            recommender: s.clone(),
            rows: vec![ProjectRow {
                id,
                remarks: t.clone(),
                source: Source { file: t.clone(), sheet: s.clone(), row: id as u32, number_code: t.clone() },
                ..ProjectRow::default()
            }],
            ..Declaration::default()
        };
        let env = decode(&encode(&d, "2021-05-06T10:42:05", "0.1.0", &s.chars().take(10).collect::<String>(), seq));
        prop_assert_eq!(env.map(|e| (e.declaration, e.seq)), Ok((d, seq)));
    }
}
