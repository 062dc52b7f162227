//! Draft format: encode/decode round trips, every frozen fixture version, file names.

use shenbao::core::draft::{
    compare_saves, decode, draft_file_name, encode, encode_pretty, peek_meta, Meta, CURRENT_VERSION, FORMAT,
};
use shenbao::core::{Declaration, ProjectRow, Source};
use std::cmp::Ordering;

fn fixture(name: &str) -> String {
    let path = format!("{}/tests/fixtures/drafts/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The declaration every full fixture holds.
fn sample() -> Declaration {
    Declaration {
        recommender: "天津市武清区市场监督管理局".into(),
        recommender_head: "王明".into(),
        filler: "李华".into(),
        filler_phone: "022-29341234".into(),
        fill_date: "2021-05-06".into(),
        rows: vec![
            ProjectRow {
                id: 1,
                unit_name: "天津示例精密机械有限公司".into(),
                credit_code: "91120222MA05T8XQ3K".into(),
                industry: "34".into(),
                district: "武清区".into(),
                scale: "中型企业".into(),
                ownership: "私营企业".into(),
                ownership_other: "".into(),
                project_name: "降低齿轮箱壳体铸造缺陷率".into(),
                topic_type: "问题解决型".into(),
                leader_name: "张伟".into(),
                leader_phone: "13812345678".into(),
                email: "zhangwei@example.com".into(),
                remarks: "".into(),
                source: Source::default(),
            },
            ProjectRow {
                id: 2,
                unit_name: "天津示例新材料科技有限公司".into(),
                credit_code: "91120222MA06K2L71P".into(),
                industry: "26".into(),
                district: "武清区".into(),
                scale: "小型企业".into(),
                ownership: "其他（请注明）".into(),
                ownership_other: "中外合资".into(),
                project_name: "高强度复合材料\"一次成型\"工艺研究".into(),
                topic_type: "创新型".into(),
                leader_name: "刘洋".into(),
                leader_phone: "022-82112345；13900001111".into(),
                email: "liuyang@example.com".into(),
                remarks: "备注：第二期".into(),
                source: Source::default(),
            },
        ],
    }
}

/// The declaration the v2 fixtures hold: [`sample`]'s first row read from a spreadsheet, its second typed here, and
/// a third read from a .csv whose credit code Excel had stored as a number.
fn sample_v2() -> Declaration {
    let mut d = sample();
    d.rows[0].source =
        Source { file: "甲公司申报表.xlsx".into(), sheet: "申报表".into(), row: 5, number_code: "".into() };
    d.rows.push(ProjectRow {
        id: 3,
        unit_name: "天津示例电子有限公司".into(),
        credit_code: "911201151318609000".into(),
        project_name: "提升贴片焊接直通率".into(),
        source: Source {
            file: "乙公司 \"定稿\".csv".into(),
            sheet: "乙公司 \"定稿\"".into(),
            row: 3,
            number_code: "911201151318609000".into(),
        },
        ..ProjectRow::default()
    });
    d
}

fn big(rows: usize) -> Declaration {
    let mut d = sample();
    d.rows = (0..rows)
        .map(|i| ProjectRow {
            id: i as u64 + 1,
            unit_name: format!("天津示例第{i}号制造有限公司"),
            credit_code: "91120222MA05T8XQ3K".into(),
            project_name: format!("项目{i}：提升产品一次交检合格率"),
            remarks: "这是一段较长的备注，用来模拟真实填写的内容。".repeat(2),
            ..ProjectRow::default()
        })
        .collect();
    d
}

#[test]
fn v1_compact_fixture_decodes_exactly() {
    let env = decode(&fixture("v1_autosave_compact.json")).expect("v1 compact fixture");
    assert_eq!(env.from_version, 1);
    assert_eq!(env.saved_at, "2021-05-06T10:42:05");
    assert_eq!(env.app_version, "0.1.0");
    assert_eq!(env.writer, "t8f3k2q9");
    assert_eq!(env.seq, 17);
    assert_eq!(env.declaration, sample());
}

#[test]
fn v1_pretty_fixture_decodes_exactly() {
    let env = decode(&fixture("v1_download_pretty.json")).expect("v1 pretty fixture");
    assert_eq!(env.from_version, 1);
    assert_eq!(env.seq, 17);
    assert_eq!(env.declaration, sample());
}

#[test]
fn v2_compact_fixture_decodes_exactly() {
    let env = decode(&fixture("v2_autosave_compact.json")).expect("v2 compact fixture");
    assert_eq!(env.from_version, 2);
    assert_eq!(env.saved_at, "2021-05-06T10:42:05");
    assert_eq!(env.app_version, "0.1.0");
    assert_eq!(env.writer, "t8f3k2q9");
    assert_eq!(env.seq, 18);
    assert_eq!(env.declaration, sample_v2());
}

#[test]
fn v2_pretty_fixture_decodes_exactly() {
    let env = decode(&fixture("v2_download_pretty.json")).expect("v2 pretty fixture");
    assert_eq!(env.from_version, 2);
    assert_eq!(env.seq, 18);
    assert_eq!(env.declaration, sample_v2());
}

#[test]
fn current_encoder_still_writes_the_frozen_v2_bytes() {
    // While CURRENT_VERSION is 2 the encoder must produce the frozen files byte for byte.
    assert_eq!(CURRENT_VERSION, 2);
    let d = sample_v2();
    assert_eq!(encode(&d, "2021-05-06T10:42:05", "0.1.0", "t8f3k2q9", 18), fixture("v2_autosave_compact.json"));
    assert_eq!(encode_pretty(&d, "2021-05-06T10:42:05", "0.1.0", "t8f3k2q9", 18), fixture("v2_download_pretty.json"));
}

#[test]
fn v1_rows_migrate_to_typed_rows_and_reencode_as_v2() {
    let env = decode(&fixture("v1_download_pretty.json")).expect("v1 fixture");
    assert!(env.declaration.rows.iter().all(|r| r.source == Source::default() && r.source.is_typed()));
    let text = encode(&env.declaration, "2021-06-01T08:00:00", "0.1.0", "tab", 18);
    assert!(text.contains(r#""remarks":"","source":{"file":"","sheet":"","row":0,"number_code":""}}"#), "{text}");
    let again = decode(&text).expect("re-encoded");
    assert_eq!(again.from_version, 2);
    assert_eq!(again.declaration, sample());
}

#[test]
fn v0_bare_declaration_migrates() {
    let env = decode(&fixture("v0_bare_declaration.json")).expect("v0 fixture");
    assert_eq!(env.from_version, 0);
    assert_eq!(env.saved_at, "");
    assert_eq!(env.writer, "");
    assert_eq!(env.seq, 0);
    assert_eq!(env.declaration, sample());
}

#[test]
fn v0_handmade_partial_migrates_with_empty_fields_and_fresh_ids() {
    let env = decode(&fixture("v0_handmade_partial.json")).expect("hand-made v0");
    assert_eq!(env.from_version, 0);
    let d = &env.declaration;
    assert_eq!(d.recommender, "天津市西青区工业和信息化局");
    assert_eq!(d.filler, "");
    assert_eq!(d.rows.len(), 2);
    assert_eq!(d.rows[0].unit_name, "天津示例电子有限公司");
    assert_eq!(d.rows[0].project_name, "提升贴片良率");
    assert_eq!(d.rows[0].credit_code, "");
    assert_eq!(d.rows[1].district, "西青区");
    assert_eq!(d.rows[1].topic_type, "创新型");
    assert_ne!(d.rows[0].id, d.rows[1].id);
}

#[test]
fn migrated_v0_reencodes_as_current_and_round_trips() {
    let env = decode(&fixture("v0_handmade_partial.json")).expect("hand-made v0");
    let text = encode(&env.declaration, "2021-06-01T08:00:00", "0.1.0", "tab", 1);
    let again = decode(&text).expect("re-encoded");
    assert_eq!(again.from_version, CURRENT_VERSION);
    assert_eq!(again.declaration, env.declaration);
}

#[test]
fn round_trip_compact_and_pretty() {
    for d in [Declaration::default(), sample(), sample_v2(), big(300)] {
        for text in [
            encode(&d, "2021-05-06T10:42:05", "0.1.0", "w", 3),
            encode_pretty(&d, "2021-05-06T10:42:05", "0.1.0", "w", 3),
        ] {
            let env = decode(&text).expect("round trip");
            assert_eq!(env.declaration, d);
            assert_eq!((env.seq, env.writer.as_str(), env.saved_at.as_str()), (3, "w", "2021-05-06T10:42:05"));
        }
    }
}

#[test]
fn awkward_text_survives_round_trip() {
    let mut d = sample();
    d.rows[0].remarks = "=SUM(A1)\n\t\"引号\" \\ 反斜杠 😀 \u{0}\u{2028}".into();
    d.recommender = "  前后空格  ".into();
    let env = decode(&encode(&d, "", "", "", 0)).expect("awkward text");
    assert_eq!(env.declaration, d);
}

#[test]
fn bom_from_windows_notepad_is_accepted() {
    let text = format!("\u{feff}{}", fixture("v1_download_pretty.json"));
    assert_eq!(decode(&text).expect("BOM").declaration, sample());
    let meta = peek_meta(&text).expect("BOM meta");
    assert_eq!(meta.seq, 17);
}

#[test]
fn pretty_file_is_readable_json_with_format_first() {
    let text = encode_pretty(&sample(), "2021-05-06T10:42:05", "0.1.0", "w", 1);
    assert!(text.starts_with(&format!("{{\n  \"format\": \"{FORMAT}\",\n  \"version\": {CURRENT_VERSION},")));
    assert!(text.contains("天津示例精密机械有限公司"), "Chinese is written as is, not escaped");
    assert!(text.lines().count() > 30);
}

#[test]
fn duplicate_row_ids_are_renumbered_without_touching_text() {
    let mut d = sample();
    d.rows[1].id = 1;
    let env = decode(&encode(&d, "", "", "", 0)).expect("dup ids");
    assert_eq!(env.declaration.rows[0].id, 1);
    assert_ne!(env.declaration.rows[1].id, 1);
    assert_eq!(env.declaration.rows[1].unit_name, d.rows[1].unit_name);
}

#[test]
fn peek_meta_matches_decode() {
    for name in [
        "v2_autosave_compact.json",
        "v2_download_pretty.json",
        "v1_autosave_compact.json",
        "v1_download_pretty.json",
        "v0_bare_declaration.json",
    ] {
        let text = fixture(name);
        assert_eq!(peek_meta(&text).expect(name), decode(&text).expect(name).meta(), "{name}");
    }
}

#[test]
fn newer_save_is_the_higher_seq_then_later_time() {
    let m = |seq, at: &str| Meta { version: 1, saved_at: at.into(), writer: "x".into(), seq };
    assert_eq!(compare_saves(&m(5, "2021-01-01T00:00:00"), &m(4, "2021-12-31T00:00:00")), Ordering::Greater);
    assert_eq!(compare_saves(&m(5, "2021-01-01T00:00:00"), &m(5, "2021-01-01T00:00:01")), Ordering::Less);
    assert_eq!(compare_saves(&m(5, "2021-01-01T00:00:00"), &m(5, "2021-01-01T00:00:00")), Ordering::Equal);
}

#[test]
fn five_thousand_rows_decode_quickly() {
    let text = encode(&big(5000), "2021-05-06T10:42:05", "0.1.0", "w", 1);
    let t = std::time::Instant::now();
    let env = decode(&text).expect("5000 rows");
    let took = t.elapsed();
    assert_eq!(env.declaration.rows.len(), 5000);
    // A generous bound (debug build, shared CI core) that still catches accidental quadratic work.
    assert!(took.as_secs_f64() < 5.0, "decode of 5000 rows took {took:?}");
    eprintln!("decode 5000 rows ({} KB): {took:?}", text.len() / 1024);
}

#[test]
fn file_name_uses_recommender_and_date() {
    assert_eq!(draft_file_name(&sample(), "2021-05-06"), "申报表草稿_天津市武清区市场监督管理局_2021-05-06.json");
}

#[test]
fn file_name_falls_back_to_units_then_unnamed() {
    let mut d = sample();
    d.recommender = "   ".into();
    assert_eq!(draft_file_name(&d, "2021-05-06"), "申报表草稿_天津示例精密机械有限公司等2家_2021-05-06.json");
    d.rows.truncate(1);
    assert_eq!(draft_file_name(&d, "2021-05-06"), "申报表草稿_天津示例精密机械有限公司_2021-05-06.json");
    assert_eq!(draft_file_name(&Declaration::default(), "2021-05-06"), "申报表草稿_未命名_2021-05-06.json");
    assert_eq!(draft_file_name(&Declaration::default(), ""), "申报表草稿_未命名.json");
}

#[test]
fn file_name_is_windows_safe() {
    let mut d = Declaration { recommender: "a<b>c:d\"e/f\\g|h?i*j\u{7}\n  k...".into(), ..Declaration::default() };
    let name = draft_file_name(&d, "2021/05:06");
    assert_eq!(name, "申报表草稿_a b c d e f g h i j k_2021 05 06.json");
    for bad in ['<', '>', ':', '"', '/', '\\', '|', '?', '*'] {
        assert!(!name.contains(bad), "{name} contains {bad}");
    }
    d.recommender = "很长的单位名称".repeat(20);
    let name = draft_file_name(&d, "2021-05-06");
    assert!(name.chars().count() < 70, "{name}");
    d.recommender = "...".into();
    assert_eq!(draft_file_name(&d, "2021-05-06"), "申报表草稿_未命名_2021-05-06.json");
}

#[test]
fn a_draft_file_may_carry_the_reference_and_every_older_draft_still_loads_without_one() {
    use shenbao::core::draft::with_reference;
    let text = encode_pretty(&sample(), "2021-05-06T10:42:05", "0.1.0", "w", 1);
    let reference = "shenbao-reference\t1\nF\t2020\t2020年.xlsx\nP\t甲公司\t\t降低“铸件”气孔\\n\n";
    let env = decode(&with_reference(&text, reference)).unwrap();
    assert_eq!(env.reference.as_deref(), Some(reference));
    assert_eq!(env.declaration, decode(&text).unwrap().declaration);
    assert_eq!(decode(&text).unwrap().reference, None);
    for name in ["v1_download_pretty.json", "v2_download_pretty.json"] {
        assert_eq!(decode(&fixture(name)).unwrap().reference, None, "{name}");
    }
    let wrong = text.trim_end().strip_suffix('}').unwrap().to_string() + ",\"reference\": 3}";
    assert!(matches!(decode(&wrong), Err(shenbao::core::draft::DraftError::WrongType { .. })));
}
