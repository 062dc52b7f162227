//! Host tests of the .xlsx export: values read back with calamine, layout and print setup from the raw sheet XML.

mod calamine_reference;

use std::io::{Cursor, Read};

use calamine::{Data, Reader, Xlsx};
use calamine_reference::{read_first_sheet, read_xlsx};
use shenbao::core::edition;
use shenbao::core::xlsx::error::XlsxReadError;
use shenbao::core::xlsx::layout::{official_serials, COLUMNS, FOOTER, SHEET_NAME};
use shenbao::core::xlsx::writer::{
    file_name, official_rows, write_xlsx, write_xlsx_consuming, CreationTime, XlsxError,
};
use shenbao::core::{Declaration, ProjectRow};

const TITLE: &str = edition::current().title;
const NOTE_1: &str = edition::current().notes[0];
const NOTE_2: &str = edition::current().notes[1];
const CREATED: CreationTime = CreationTime { year: 2021, month: 4, day: 9, hour: 8, minute: 30, second: 0 };

fn fixture() -> Declaration {
    serde_json::from_str(include_str!("golden/declaration.json")).expect("fixture parses")
}

fn write(decl: &Declaration) -> Vec<u8> {
    write_xlsx(decl, &CREATED).expect("writes")
}

/// One file of the .xlsx zip as text.
fn part(bytes: &[u8], name: &str) -> String {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
    let mut file = zip.by_name(name).expect("part exists");
    let mut text = String::new();
    file.read_to_string(&mut text).expect("utf-8");
    text
}

fn grid(bytes: &[u8]) -> calamine::Range<Data> {
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.to_vec())).expect("calamine opens it");
    assert_eq!(wb.sheet_names(), vec![SHEET_NAME.to_string()]);
    wb.worksheet_range(SHEET_NAME).expect("sheet")
}

fn text_at(range: &calamine::Range<Data>, row: u32, col: u32) -> String {
    match range.get_value((row, col)) {
        Some(Data::String(s)) => s.clone(),
        Some(Data::Empty) | None => String::new(),
        Some(other) => panic!("({row},{col}) is not a string: {other:?}"),
    }
}

fn row(unit: &str) -> ProjectRow {
    ProjectRow { unit_name: unit.into(), project_name: "项目".into(), ..Default::default() }
}

#[test]
fn every_value_is_where_the_form_puts_it() {
    let bytes = write(&fixture());
    let g = grid(&bytes);
    assert_eq!(text_at(&g, 0, 0), "附表");
    assert_eq!(text_at(&g, 1, 0), TITLE);
    assert_eq!(text_at(&g, 2, 0), "推荐单位(公章):武清区市场监管局");
    for (col, header) in COLUMNS.iter().map(|c| c.header).enumerate() {
        assert_eq!(text_at(&g, 3, col as u32), header);
    }
    assert_eq!(text_at(&g, 3, 1), "申报单位名称\n(与公章一致)");
    assert_eq!(text_at(&g, 3, 8), "课题类型\n(问题解决型、创新型)");

    let expected: [[&str; 11]; 3] = [
        [
            "天津某某汽车零部件有限公司",
            "91120222MA05M8XY3K",
            "汽车制造业",
            "武清区",
            "中型企业",
            "民营（私营）企业",
            "降低转向节加工不良率",
            "问题解决型",
            "张三\n13800138000",
            "zhangsan@example.com",
            "",
        ],
        [
            "天津某某生物医药科技有限公司",
            "91120116300000000X",
            "医药制造业",
            "滨海新区",
            "小型企业",
            "其他（中外合作经营企业）",
            "基于新型纯化工艺提高单抗收率并缩短批生产周期的创新研究",
            "创新型",
            "赵六\n022-23456789、13900000000",
            "zhaoliu@example.cn",
            "=1+1 不是公式",
        ],
        [
            "天津市某某研究所",
            "12120000401359321Q",
            "99",
            "南开区",
            "不适用",
            "事业单位",
            "优化检测服务流程，提升客户满意度",
            "问题解决型",
            "钱七\n02212345678",
            "qianqi@example.org",
            "第一行\n第二行",
        ],
    ];
    for (i, cells) in expected.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(g.get_value((r, 0)), Some(&Data::Float((i + 1) as f64)), "序号 is a number");
        for (c, want) in cells.iter().enumerate() {
            assert_eq!(text_at(&g, r, c as u32 + 1), *want, "row {r} col {}", c + 1);
        }
    }
    assert_eq!(text_at(&g, 7, 0), "推荐部门负责人:王五");
    assert_eq!(text_at(&g, 7, 3), "填报人:李四");
    assert_eq!(text_at(&g, 7, 6), "联系人电话:022-82171234");
    assert_eq!(text_at(&g, 7, 9), "日期:2021年4月9日");
    assert_eq!(text_at(&g, 8, 0), NOTE_1);
    assert_eq!(text_at(&g, 9, 0), NOTE_2);
    assert_eq!(g.height(), 10);
}

#[test]
fn notes_and_labels_match_the_official_wording() {
    assert_eq!(NOTE_1, "注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;");
    assert_eq!(
        NOTE_2,
        "(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。"
    );
    assert_eq!(FOOTER.map(|f| f.label), ["推荐部门负责人:", "填报人:", "联系人电话:", "日期:"]);
}

#[test]
fn merged_title_and_layout() {
    let bytes = write(&fixture());
    let mut wb: Xlsx<_> = Xlsx::new(Cursor::new(bytes.clone())).expect("opens");
    let merges = wb.merge_cells_by_sheet_name(SHEET_NAME).expect("merges");
    let spans: Vec<((u32, u32), (u32, u32))> = merges.iter().map(|d| (d.start, d.end)).collect();
    assert!(spans.contains(&((1, 0), (1, 11))), "title merged A2:L2: {spans:?}");
    assert!(spans.contains(&((2, 0), (2, 11))), "推荐单位 merged A3:L3");
    for block in 0..4u32 {
        assert!(spans.contains(&((7, block * 3), (7, block * 3 + 2))), "footer block {block}");
    }
    assert!(spans.contains(&((8, 0), (8, 11))) && spans.contains(&((9, 0), (9, 11))), "notes merged");

    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert_eq!(sheet.matches("<col ").count(), 12, "explicit widths for all 12 columns");
    assert!(sheet.contains(r#"<row r="3" "#) && sheet.contains(r#"ht="48""#), "tall 推荐单位 row for the seal");
    let styles = part(&bytes, "xl/styles.xml");
    assert!(styles.contains(r#"<name val="宋体"/>"#), "宋体 body font");
    assert!(styles.contains(r#"<sz val="18"/>"#), "18 pt title");
    assert!(styles.contains(r#"<b/>"#), "bold");
    assert!(styles.contains(r#"<left style="thin">"#), "thin borders");
    assert!(styles.contains(r#"wrapText="1""#), "wrapped text");
    assert!(styles.contains(r#"horizontal="center""#));
}

#[test]
fn print_setup_is_a4_landscape_one_page_wide() {
    let bytes = write(&fixture());
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(sheet.contains(r#"<pageSetUpPr fitToPage="1"/>"#), "{sheet}");
    assert!(sheet.contains(r#"paperSize="9""#));
    assert!(sheet.contains(r#"orientation="landscape""#));
    assert!(sheet.contains(r#"fitToHeight="0""#), "any number of pages tall");
    assert!(!sheet.contains(r#"fitToWidth="0""#), "one page wide (fitToWidth defaults to 1)");
    assert!(sheet.contains(r#"<printOptions horizontalCentered="1"/>"#));
    assert!(sheet.contains("<oddFooter>&amp;C第 &amp;P 页 共 &amp;N 页</oddFooter>"));
    assert!(sheet.contains("<pageMargins "));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Titles" localSheetId="0">申报表!$4:$4</definedName>"#),
        "header row repeats: {workbook}"
    );
    assert!(
        workbook.contains(r#"<definedName name="_xlnm.Print_Area" localSheetId="0">申报表!$A$1:$L$10</definedName>"#)
    );
}

#[test]
fn rows_grow_with_wrapped_text() {
    let mut decl = fixture();
    decl.rows[0].project_name = "很长的项目名称".repeat(20);
    let sheet = part(&write(&decl), "xl/worksheets/sheet1.xml");
    let height_of = |r: u32| -> f64 {
        let start = sheet.find(&format!(r#"<row r="{r}" "#)).expect("row");
        let tag = &sheet[start..start + sheet[start..].find('>').unwrap()];
        let ht = tag.split("ht=\"").nth(1).expect("ht").split('"').next().unwrap();
        ht.parse().unwrap()
    };
    // 140 CJK chars in a 24-unit column ≈ 13 lines.
    assert!(height_of(5) > 150.0, "long row: {}", height_of(5));
    assert!(height_of(6) < 60.0, "short row: {}", height_of(6));
    assert!(height_of(4) >= 30.0, "header row with two lines: {}", height_of(4));
}

#[test]
fn round_trip_gives_the_same_declaration() {
    let decl = fixture();
    let back = read_xlsx(&write(&decl)).expect("reads");
    assert_eq!(back, decl);
}

#[test]
fn round_trip_edge_values() {
    let mut decl = fixture();
    decl.rows[0].ownership_other = String::new();
    decl.rows[0].ownership = "其他（请注明）".into();
    decl.rows[1].leader_name = String::new();
    decl.rows[2].leader_phone = String::new();
    decl.rows[2].remarks = "_x0041_ 字面".into();
    decl.fill_date = "四月九日".into();
    decl.recommender = String::new();
    let back = read_xlsx(&write(&decl)).expect("reads");
    assert_eq!(back, decl);
    let g = grid(&write(&decl));
    assert_eq!(text_at(&g, 4, 6), "其他");
    assert_eq!(text_at(&g, 7, 9), "日期:四月九日");
}

#[test]
fn formula_looking_text_stays_text() {
    let mut decl = Declaration::default();
    let nasty = ["=1+1", "+86 138", "-5", "@SUM(A1)", "=HYPERLINK(\"http://x\")", "0123", "1e5", "TRUE"];
    for (i, v) in nasty.iter().enumerate() {
        decl.rows.push(ProjectRow {
            unit_name: v.to_string(),
            credit_code: v.to_string(),
            leader_phone: v.to_string(),
            remarks: v.to_string(),
            id: i as u64,
            ..Default::default()
        });
    }
    let bytes = write(&decl);
    let sheet = part(&bytes, "xl/worksheets/sheet1.xml");
    assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "no formula cells");
    let g = grid(&bytes);
    for (i, v) in nasty.iter().enumerate() {
        let r = 4 + i as u32;
        assert_eq!(g.get_value((r, 1)), Some(&Data::String(v.to_string())));
        assert_eq!(g.get_value((r, 2)), Some(&Data::String(v.to_string())));
        assert_eq!(g.get_value((r, 11)), Some(&Data::String(v.to_string())));
    }
}

#[test]
fn credit_codes_and_phones_stay_text() {
    let mut decl = Declaration { filler_phone: "02212345678".into(), ..Default::default() };
    decl.rows.push(ProjectRow {
        unit_name: "甲".into(),
        credit_code: "911200001234567890".into(),
        leader_name: "乙".into(),
        leader_phone: "02212345678".into(),
        ..Default::default()
    });
    let g = grid(&write(&decl));
    assert_eq!(g.get_value((4, 2)), Some(&Data::String("911200001234567890".into())));
    assert_eq!(text_at(&g, 4, 9), "乙\n02212345678");
    assert_eq!(text_at(&g, 5, 6), "联系人电话:02212345678");
}

#[test]
fn illegal_xml_characters_are_removed() {
    let mut decl = Declaration::default();
    decl.rows.push(ProjectRow {
        unit_name: "A\u{0}B\u{1}C\u{B}D\u{1F}E\u{7F}F\u{85}G\u{FFFE}H\u{FFFF}I".into(),
        project_name: "行一\r\n行二\r行三\t制表".into(),
        remarks: "emoji 😀 ok".into(),
        ..Default::default()
    });
    let bytes = write(&decl);
    let g = grid(&bytes);
    assert_eq!(text_at(&g, 4, 1), "ABCDEFGHI");
    assert_eq!(text_at(&g, 4, 7), "行一\n行二\n行三\t制表");
    assert_eq!(text_at(&g, 4, 11), "emoji 😀 ok");
    let strings = part(&bytes, "xl/sharedStrings.xml");
    assert!(!strings.contains("_x0000_") && !strings.contains("_x000D_"));
}

#[test]
fn long_values_are_capped_at_excel_limit() {
    let mut decl = Declaration::default();
    decl.rows.push(ProjectRow {
        unit_name: "甲".repeat(40_000),
        remarks: "😀".repeat(20_000),
        project_name: "x".repeat(32_767),
        ..Default::default()
    });
    let g = grid(&write(&decl));
    assert_eq!(text_at(&g, 4, 1).chars().count(), 32_767);
    let emoji = text_at(&g, 4, 11);
    assert_eq!(emoji.encode_utf16().count(), 32_766, "a surrogate pair is never split");
    assert_eq!(text_at(&g, 4, 7).len(), 32_767, "exactly the limit is kept whole");
}

/// The worker's entry point, which moves the values into the workbook, writes the very bytes of [`write_xlsx`]:
/// clean and unclean values, 其他 with and without a detail, blank rows left out, industry codes and free text.
#[test]
fn the_consuming_writer_writes_the_same_bytes() {
    let mut decl = fixture();
    let template = decl.rows[0].clone();
    decl.rows.insert(0, ProjectRow::default());
    decl.rows.push(ProjectRow {
        unit_name: "A\u{0}B\r\nC".into(),
        industry: "不是代码".into(),
        ownership: shenbao::core::picklists::OWNERSHIP_OTHER.into(),
        ownership_other: " 合伙企业 ".into(),
        leader_name: "张三".into(),
        leader_phone: String::new(),
        remarks: "x".repeat(40_000),
        ..template.clone()
    });
    decl.rows.push(ProjectRow::default());
    decl.rows.push(ProjectRow {
        ownership: shenbao::core::picklists::OWNERSHIP_OTHER.into(),
        ownership_other: String::new(),
        leader_name: String::new(),
        leader_phone: "13900000000\u{1}".into(),
        ..template
    });
    let (bytes, _) = write_xlsx_consuming(decl.clone(), &CREATED).expect("writes");
    assert_eq!(bytes, write(&decl));
    assert_eq!(
        write_xlsx_consuming(Declaration::default(), &CREATED).expect("writes").0,
        write(&Declaration::default())
    );
}

#[test]
fn five_thousand_rows() {
    let mut decl = fixture();
    let template = decl.rows[1].clone();
    decl.rows =
        (0..5000).map(|i| ProjectRow { id: i + 1, project_name: format!("项目{i}"), ..template.clone() }).collect();
    let bytes = write(&decl);
    let back = read_xlsx(&bytes).expect("reads");
    assert_eq!(back.rows.len(), 5000);
    assert_eq!(back, decl);
    let g = grid(&bytes);
    assert_eq!(g.get_value((5003, 0)), Some(&Data::Float(5000.0)));
    let workbook = part(&bytes, "xl/workbook.xml");
    assert!(workbook.contains("申报表!$A$1:$L$5007"));
}

#[test]
fn blank_rows_are_left_out_and_serials_renumbered() {
    let decl = Declaration {
        rows: vec![
            ProjectRow::default(),
            row("甲公司"),
            ProjectRow { remarks: "  ".into(), ..Default::default() },
            row("乙公司"),
        ],
        ..Default::default()
    };
    let g = grid(&write(&decl));
    assert_eq!(g.get_value((4, 0)), Some(&Data::Float(1.0)));
    assert_eq!(text_at(&g, 4, 1), "甲公司");
    assert_eq!(g.get_value((5, 0)), Some(&Data::Float(2.0)));
    assert_eq!(text_at(&g, 5, 1), "乙公司");
    assert!(text_at(&g, 6, 0).starts_with("推荐部门负责人:"));
}

/// The print view numbers rows with [`official_serials`]: the file holds exactly the rows it numbers, with those 序号,
/// whether written from a borrowed or a consumed declaration.
#[test]
fn the_file_holds_exactly_the_rows_official_serials_numbers() {
    let decl = Declaration {
        rows: vec![
            row("甲公司"),
            ProjectRow::default(),
            ProjectRow { email: " \t".into(), ..Default::default() },
            row("乙公司"),
            ProjectRow::default(),
            row("丙公司"),
            ProjectRow::default(),
        ],
        ..Default::default()
    };
    let serials = official_serials(&decl.rows, ProjectRow::is_blank);
    assert_eq!(serials, vec![Some(1), None, None, Some(2), None, Some(3), None]);
    let listed: Vec<(u32, &str)> = official_rows(&decl.rows).map(|(s, r)| (s, r.unit_name.as_str())).collect();
    assert_eq!(listed, vec![(1, "甲公司"), (2, "乙公司"), (3, "丙公司")]);
    let bytes = write(&decl);
    let (consumed, _spent) = write_xlsx_consuming(decl.clone(), &CREATED).expect("writes");
    assert_eq!(bytes, consumed);
    let g = grid(&bytes);
    for (k, (serial, unit)) in listed.iter().enumerate() {
        let at = 4 + k as u32;
        assert_eq!(g.get_value((at, 0)), Some(&Data::Float(f64::from(*serial))));
        assert_eq!(text_at(&g, at, 1), *unit);
    }
    assert!(text_at(&g, 7, 0).starts_with("推荐部门负责人:"), "no row beyond the numbered ones");
    assert_eq!(official_serials(&[ProjectRow::default()], ProjectRow::is_blank), vec![None]);
}

#[test]
fn empty_declaration_still_writes_the_form() {
    let bytes = write(&Declaration::default());
    let g = grid(&bytes);
    assert_eq!(text_at(&g, 2, 0), "推荐单位(公章):");
    assert_eq!(text_at(&g, 4, 0), "推荐部门负责人:");
    assert_eq!(text_at(&g, 4, 9), "日期:");
    assert_eq!(read_xlsx(&bytes).expect("reads"), Declaration::default());
}

#[test]
fn dates_are_written_the_chinese_way() {
    for (input, shown) in [
        ("2021-04-09", "2021年4月9日"),
        ("2021-12-31", "2021年12月31日"),
        ("2024-02-29", "2024年2月29日"),
        ("2021-02-29", "2021-02-29"),
        ("2021-13-01", "2021-13-01"),
        ("2021/04/09", "2021/04/09"),
        ("", ""),
    ] {
        let decl = Declaration { fill_date: input.into(), ..Default::default() };
        let g = grid(&write(&decl));
        assert_eq!(text_at(&g, 4, 9), format!("日期:{shown}"), "{input}");
    }
}

#[test]
fn creation_time_goes_into_core_xml_and_bad_times_fail() {
    let bytes = write(&fixture());
    let core = part(&bytes, "docProps/core.xml");
    assert!(core.contains("2021-04-09T08:30:00Z"), "{core}");
    let bad = CreationTime { month: 2, day: 30, ..CREATED };
    assert!(matches!(write_xlsx(&fixture(), &bad), Err(XlsxError::InvalidCreationTime(_))));
    let err = write_xlsx(&fixture(), &bad).unwrap_err().to_string();
    assert!(err.contains("创建时间"), "{err}");
}

#[test]
fn creation_time_parses_iso_text() {
    assert_eq!(CreationTime::parse("2021-04-09T08:30:00"), Some(CREATED));
    assert_eq!(CreationTime::parse("2021-04-09 08:30:00"), Some(CREATED));
    assert_eq!(CreationTime::parse("2021-04-09T08:30:00.123Z"), Some(CREATED));
    assert_eq!(CreationTime::parse("2021-04-09T24:00:00"), None);
    assert_eq!(CreationTime::parse("2021-02-29T00:00:00"), None);
    assert_eq!(CreationTime::parse("2021-4-9T08:30:00"), None);
    assert_eq!(CreationTime::parse("+021-04-09T08:30:00"), None);
    assert_eq!(CreationTime::parse(""), None);
}

#[test]
fn file_names() {
    let prefix = "2021年天津市质量攻关重点项目申报表";
    let mut decl = Declaration::default();
    assert_eq!(file_name(&decl), format!("{prefix}.xlsx"));
    decl.recommender = "武清区市场监管局".into();
    assert_eq!(file_name(&decl), format!("{prefix}-武清区市场监管局.xlsx"));
    decl.rows = vec![row("天津甲公司"), ProjectRow::default(), row(" 天津甲公司 ")];
    assert_eq!(file_name(&decl), format!("{prefix}-天津甲公司.xlsx"), "one unit (blank rows ignored)");
    decl.rows.push(row("天津乙公司"));
    assert_eq!(file_name(&decl), format!("{prefix}-武清区市场监管局.xlsx"), "several units → 推荐单位");
    decl.recommender = "  ".into();
    assert_eq!(file_name(&decl), format!("{prefix}.xlsx"));

    let one = |unit: &str| file_name(&Declaration { rows: vec![row(unit)], ..Default::default() });
    assert_eq!(one(r#"a\b/c:d*e?f"g<h>i|j"#), format!("{prefix}-abcdefghij.xlsx"));
    assert_eq!(one("公司\u{0}\u{7}\n名\t称"), format!("{prefix}-公司 名 称.xlsx"));
    assert_eq!(one("公司..."), format!("{prefix}-公司.xlsx"));
    assert_eq!(one("公司. . "), format!("{prefix}-公司.xlsx"));
    assert_eq!(one("CON"), format!("{prefix}-CON_.xlsx"));
    assert_eq!(one("com1"), format!("{prefix}-com1_.xlsx"));
    assert_eq!(one("lpt9.txt"), format!("{prefix}-lpt9.txt_.xlsx"));
    assert_eq!(one("CONSOLE"), format!("{prefix}-CONSOLE.xlsx"));
    assert_eq!(one("???"), format!("{prefix}.xlsx"), "nothing left → no dash");
    assert_eq!(one("evil\u{202E}xslx.exe"), format!("{prefix}-evilxslx.exe.xlsx"), "no bidi override");
    let long = one(&"很".repeat(200));
    assert_eq!(long, format!("{prefix}-{}.xlsx", "很".repeat(60)));
    assert!(long.encode_utf16().count() < 255);
}

#[test]
fn reader_rejects_other_files() {
    assert!(matches!(read_xlsx(b"not a zip"), Err(XlsxReadError::NotXlsx(_))));
    let mut wb = rust_xlsxwriter::Workbook::new();
    wb.add_worksheet().write_string(0, 0, "别的表").unwrap();
    let other = wb.save_to_buffer().unwrap();
    let err = read_xlsx(&other).unwrap_err();
    assert!(matches!(err, XlsxReadError::HeaderNotFound));
    assert!(err.to_string().contains("表头"));
}

#[test]
fn reader_accepts_a_hand_made_table() {
    // Another layout: extra rows, columns reordered, full-width colons, footer in one cell, leader on one line.
    let mut wb = rust_xlsxwriter::Workbook::new();
    let ws = wb.add_worksheet();
    ws.write_string(0, 0, "推荐单位（公章）：河西区市场监管局").unwrap();
    let headers = ["序号", "项目名称", "申报单位名称（与公章一致）", "所属行业", "项目负责人及联系方式", "企业性质"];
    for (c, h) in headers.iter().enumerate() {
        ws.write_string(2, c as u16, *h).unwrap();
    }
    ws.write_number(3, 0, 1).unwrap();
    ws.write_string(3, 1, "提升焊接质量").unwrap();
    ws.write_string(3, 2, "天津注塑有限公司").unwrap();
    ws.write_string(3, 3, "汽车制造业").unwrap();
    ws.write_string(3, 4, "孙八，13612345678").unwrap();
    ws.write_string(3, 5, "其他(合伙企业)").unwrap();
    ws.write_string(5, 0, "推荐部门负责人：周九   填报人：吴十  联系人电话： 022-1234 日期：2021年4月12日").unwrap();
    ws.write_string(6, 0, "注：（1）……").unwrap();
    let decl = read_xlsx(&wb.save_to_buffer().unwrap()).expect("reads");
    assert_eq!(decl.recommender, "河西区市场监管局");
    assert_eq!(decl.rows.len(), 1);
    let r = &decl.rows[0];
    assert_eq!(
        (r.unit_name.as_str(), r.project_name.as_str(), r.industry.as_str()),
        ("天津注塑有限公司", "提升焊接质量", "36")
    );
    assert_eq!((r.leader_name.as_str(), r.leader_phone.as_str()), ("孙八", "13612345678"));
    assert_eq!((r.ownership.as_str(), r.ownership_other.as_str()), ("其他（请注明）", "合伙企业"));
    assert_eq!(decl.recommender_head, "周九");
    assert_eq!(decl.filler, "吴十");
    assert_eq!(decl.filler_phone, "022-1234");
    assert_eq!(decl.fill_date, "2021-04-12");
}

mod properties {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Any text in any field writes, and the file reads back — with calamine's reader and with the import's
        /// (`xlsx_cells`), which give the same cells and the same declaration. The second pattern aims at what a
        /// reader must get right: `_xHHHH_` escapes, markup characters, spaces and line ends at the edges.
        #[test]
        fn any_text_writes_and_reads(values in proptest::collection::vec(".{0,40}|[ _x0-9A-Fa-f&<>\r\n\t]{0,20}", 18)) {
            let mut decl = Declaration {
                recommender: values[0].clone(),
                recommender_head: values[1].clone(),
                filler: values[2].clone(),
                filler_phone: values[3].clone(),
                fill_date: values[4].clone(),
                rows: vec![ProjectRow::default()],
            };
            for (i, f) in shenbao::core::RowField::ALL.iter().enumerate() {
                *decl.rows[0].get_mut(*f) = values[5 + i].clone();
            }
            let bytes = write_xlsx(&decl, &CREATED).expect("writes");
            prop_assert_eq!(&write_xlsx_consuming(decl.clone(), &CREATED).expect("writes").0, &bytes);
            prop_assert!(read_xlsx(&bytes).is_ok());
            let ours = shenbao::core::xlsx::cells::first_sheet(&bytes).expect("the import reads it");
            let theirs = read_first_sheet(&bytes).expect("calamine reads it");
            prop_assert_eq!(ours.start(), theirs.start());
            prop_assert_eq!(ours.end(), theirs.end());
            prop_assert!(ours.used_cells().eq(theirs.used_cells()));
            prop_assert_eq!(shenbao::core::xlsx::reader::import_xlsx(&bytes).ok(), read_xlsx(&bytes).ok());
            let name = file_name(&decl);
            prop_assert!(name.ends_with(".xlsx"));
            prop_assert!(!name.chars().any(|c| r#"\/:*?"<>|"#.contains(c) || c.is_control()));
        }
    }
}
