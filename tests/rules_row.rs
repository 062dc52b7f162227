//! Row, table and cross-row rules: required fields, pick-lists, lengths, dates, credit code ↔ district / ownership /
//! scale, duplicates across rows, huge pastes and control characters.

use shenbao::core::check::dates::parse_date;
use shenbao::core::check::normalize::normalize_row_field;
use shenbao::core::check::rules::row_limit;
use shenbao::core::check::rules::{
    check_cross_keys, check_cross_rows, check_declaration, check_row, check_row_in, check_table_fields, cross_keys,
    TableRows, BLANK_ROW_CODE, RULE_CODES,
};
use shenbao::core::limits::FORM_FIELD_CHARS;
use shenbao::core::model::{Declaration, FieldRef, ProjectRow, RowField, Source, TableField};
use shenbao::core::picklists::{DISTRICTS, INDUSTRIES, OWNERSHIPS, OWNERSHIP_OTHER, SCALES};
use shenbao::core::report::{Finding, Severity};

fn good_row() -> ProjectRow {
    ProjectRow {
        id: 1,
        unit_name: "天津宝坻某某机械制造有限公司".into(),
        credit_code: "91120224064012553U".into(),
        industry: "34".into(),
        district: "宝坻区".into(),
        scale: "中型企业".into(),
        ownership: "有限责任公司".into(),
        ownership_other: String::new(),
        project_name: "提高齿轮箱装配一次合格率".into(),
        topic_type: "问题解决型".into(),
        leader_name: "张三".into(),
        leader_phone: "13800138000".into(),
        email: "90203918@qq.com".into(),
        remarks: String::new(),
        source: Source::default(),
    }
}

fn hospital_row() -> ProjectRow {
    ProjectRow {
        unit_name: "天津市某某医院".into(),
        credit_code: "121200004013590816".into(),
        industry: "84".into(),
        district: "和平区".into(),
        scale: "不适用".into(),
        ownership: "事业单位".into(),
        project_name: "降低门诊患者平均候诊时间".into(),
        ..good_row()
    }
}

fn good_decl() -> Declaration {
    Declaration {
        recommender: "天津市宝坻区市场监督管理局".into(),
        recommender_head: "李四".into(),
        filler: "王五".into(),
        filler_phone: "022-29361296".into(),
        fill_date: "2021-04-12".into(),
        rows: vec![good_row(), hospital_row()],
    }
}

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code).collect()
}

fn at(fs: &[Finding], field: RowField) -> Vec<&Finding> {
    fs.iter().filter(|f| matches!(f.field, FieldRef::Row(_, g) if g == field)).collect()
}

fn with(edit: impl FnOnce(&mut ProjectRow)) -> Vec<Finding> {
    let mut r = good_row();
    edit(&mut r);
    check_row(4, &r)
}

#[test]
fn a_good_declaration_is_clean() {
    let r = check_declaration(&good_decl());
    assert!(r.findings.is_empty(), "{:?}", r.findings);
    assert!(check_row(0, &good_row()).is_empty());
    assert!(check_row(1, &hospital_row()).is_empty());
}

#[test]
fn every_finding_is_well_formed() {
    let mut d = good_decl();
    d.fill_date = "2021-02-30".into();
    d.rows.push(ProjectRow::default());
    d.rows.push(ProjectRow { remarks: "待补".into(), ..Default::default() });
    d.rows.push(ProjectRow {
        credit_code: "9111000060003IOZSV".into(),
        leader_phone: "2936129".into(),
        email: "a@qq.con".into(),
        scale: "不适用".into(),
        district: "塘沽区".into(),
        industry: "99".into(),
        leader_name: "张3".into(),
        ..good_row()
    });
    d.rows.push(good_row());
    d.rows.push(ProjectRow { project_name: "另一个项目名称".into(), ..stored_as_number_row() });
    let r = check_declaration(&d);
    assert!(codes(&r.findings).contains(&"code.stored_as_number"));
    assert!(codes(&r.findings).contains(&BLANK_ROW_CODE));
    assert!(r.findings.len() > 15);
    for f in &r.findings {
        assert!(RULE_CODES.contains(&f.code), "{} is listed", f.code);
        assert!(f.message.ends_with('。'), "one sentence: {}", f.message);
        assert_eq!(f.message.matches('。').count(), 1, "one sentence: {}", f.message);
        assert!(f.message.starts_with(|c: char| !c.is_ascii_whitespace()));
        if let Some(fix) = &f.fix {
            assert_eq!(fix.field, f.field, "a fix edits the field it is about: {f:?}");
            assert!(!fix.label.is_empty());
        }
    }
    let mut sorted: Vec<&str> = RULE_CODES.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    assert_eq!(sorted.len(), RULE_CODES.len(), "rule codes are unique");
}

#[test]
fn required_row_fields() {
    let fs = check_row(2, &ProjectRow::default());
    for f in RowField::ALL {
        let found: Vec<&Finding> = at(&fs, f);
        match f {
            RowField::Remarks | RowField::OwnershipOther => assert!(found.is_empty(), "{f:?}"),
            _ => {
                assert_eq!(found.len(), 1, "{f:?}: {found:?}");
                assert_eq!(found[0].code, "field.required");
                assert_eq!(found[0].severity, Severity::Error);
                assert_eq!(found[0].field, FieldRef::Row(2, f));
                assert!(found[0].message.contains(f.label()), "{}", found[0].message);
            }
        }
    }
    // Only whitespace and controls is still empty.
    let fs = with(|r| r.unit_name = " \u{3000}\t\u{0007} ".into());
    assert_eq!(codes(&fs), vec!["field.required"]);
}

#[test]
fn ownership_other_required_only_with_other() {
    let fs = with(|r| r.ownership = OWNERSHIP_OTHER.into());
    let found = at(&fs, RowField::OwnershipOther);
    assert_eq!(codes(&fs), vec!["field.required"]);
    assert_eq!(found.len(), 1);
    assert!(with(|r| {
        r.ownership = OWNERSHIP_OTHER.into();
        r.ownership_other = "农民专业合作社".into();
    })
    .is_empty());
    // Half-width brackets are the same choice.
    assert!(with(|r| {
        r.ownership = "其他(请注明)".into();
        r.ownership_other = "合伙企业".into();
    })
    .is_empty());
    // A note without 其他: a warning with a fix that clears it.
    let fs = with(|r| r.ownership_other = "合伙企业".into());
    assert_eq!(codes(&fs), vec!["ownership_other.unused"]);
    assert_eq!(fs[0].fix.as_ref().map(|f| f.value.as_str()), Some(""));
}

#[test]
fn pick_lists() {
    for ind in INDUSTRIES {
        assert!(with(|r| r.industry = ind.code.into()).is_empty(), "{}", ind.code);
    }
    for d in DISTRICTS {
        let fs = with(|r| r.district = d.into());
        assert!(fs.iter().all(|f| f.code == "district.code_mismatch"), "{d}: {fs:?}");
    }
    for s in SCALES.iter().take(4) {
        assert!(with(|r| r.scale = (*s).into()).is_empty(), "{s}");
    }
    for o in OWNERSHIPS.iter().take(9) {
        assert!(with(|r| r.ownership = (*o).into()).is_empty(), "{o}");
    }
    for t in ["问题解决型", "创新型", "创新"] {
        assert!(with(|r| r.topic_type = t.into()).is_empty(), "{t}");
    }
    for (field, value, code) in [
        (RowField::Industry, "00", "picklist.industry"),
        (RowField::Industry, "98", "picklist.industry"),
        (RowField::Industry, "C3", "picklist.industry"),
        (RowField::Industry, "制造业", "picklist.industry"),
        (RowField::Industry, "360", "picklist.industry"),
        (RowField::District, "朝阳区", "picklist.district"),
        (RowField::District, "天津市", "picklist.district"),
        (RowField::Scale, "特大型企业", "picklist.scale"),
        (RowField::Scale, "中小企业", "picklist.scale"),
        (RowField::Ownership, "个体户", "picklist.ownership"),
        (RowField::Ownership, "机关", "picklist.ownership"),
        (RowField::TopicType, "现场型", "picklist.topic_type"),
        (RowField::TopicType, "攻关型", "picklist.topic_type"),
    ] {
        let fs = with(|r| *r.get_mut(field) = value.into());
        let found = at(&fs, field);
        assert_eq!(found.len(), 1, "{field:?}={value}: {fs:?}");
        assert_eq!(found[0].code, code, "{value}");
        assert_eq!(found[0].severity, Severity::Error);
    }
    // Lenient spellings normalise to the list's value.
    for (field, typed, value) in [
        (RowField::Industry, "6", "06"),
        (RowField::Industry, "C36", "36"),
        (RowField::Industry, "36 汽车制造业", "36"),
        (RowField::Industry, "汽车制造业", "36"),
        (RowField::Industry, "３６", "36"),
        (RowField::District, "武清", "武清区"),
        (RowField::District, "天津市武清区", "武清区"),
        (RowField::District, "滨海", "滨海新区"),
        (RowField::Scale, "中型", "中型企业"),
        (RowField::Ownership, "民营(私营)企业", "民营（私营）企业"),
        (RowField::TopicType, "问题解决", "问题解决型"),
    ] {
        assert_eq!(normalize_row_field(field, typed), value, "{typed}");
    }
    // A historic district name: the fix names today's district.
    for (old, today) in [
        ("塘沽区", "滨海新区"),
        ("汉沽区", "滨海新区"),
        ("大港区", "滨海新区"),
        ("蓟县", "蓟州区"),
        ("宝坻县", "宝坻区"),
    ] {
        let fs = with(|r| r.district = old.into());
        let found = at(&fs, RowField::District);
        assert_eq!(found[0].code, "picklist.district");
        assert_eq!(found[0].fix.as_ref().map(|f| f.value.as_str()), Some(today), "{old}");
    }
    // An ownership not in the list: offer 其他（请注明）.
    let fs = with(|r| r.ownership = "个体工商户".into());
    let fix = fs[0].fix.as_ref().expect("a fix");
    assert_eq!(fix.value, OWNERSHIP_OTHER);
    // The text that was not in the list is kept: the same click puts it in 注明.
    let FieldRef::Row(row, _) = fs[0].field else { panic!("a row finding") };
    assert_eq!(fix.also, Some((FieldRef::Row(row, RowField::OwnershipOther), "个体工商户".to_string())));
    assert!(fix.label.contains("个体工商户"), "{}", fix.label);
}

#[test]
fn lengths_are_stated() {
    for (field, limit) in
        [(RowField::UnitName, 100), (RowField::ProjectName, 100), (RowField::LeaderName, 20), (RowField::Remarks, 200)]
    {
        let ok = "测".repeat(limit);
        let fs = with(|r| *r.get_mut(field) = ok.clone());
        assert!(at(&fs, field).is_empty(), "{field:?} at the limit: {fs:?}");
        let long = "测".repeat(limit + 1);
        let fs = with(|r| *r.get_mut(field) = long.clone());
        let found = at(&fs, field);
        assert_eq!(codes(&found.into_iter().cloned().collect::<Vec<_>>()), vec!["field.too_long"], "{field:?}");
        let msg = &at(&fs, field)[0].message;
        assert!(msg.contains(&limit.to_string()), "{msg}");
        assert!(msg.contains(&(limit + 1).to_string()), "{msg}");
    }
    let fs = with(|r| r.ownership_other = "字".repeat(31));
    assert!(codes(&fs).contains(&"field.too_long"));
}

#[test]
fn plausibility_warnings() {
    for (field, value, code) in [
        (RowField::UnitName, "某厂", "unit_name.short"),
        (RowField::UnitName, "ABC", "unit_name.short"),
        (RowField::ProjectName, "质量", "project_name.short"),
        (RowField::LeaderName, "张三13800138000", "name.digits"),
        (RowField::LeaderName, "张3", "name.digits"),
    ] {
        let fs = with(|r| *r.get_mut(field) = value.into());
        assert_eq!(codes(&fs), vec![code], "{value}");
        assert_eq!(fs[0].severity, Severity::Warning);
    }
    assert!(with(|r| r.leader_name = "欧阳娜娜".into()).is_empty());
    assert!(with(|r| r.leader_name = "John Smith".into()).is_empty());
    assert!(with(|r| r.unit_name = "天津（集团）有限公司".into()).is_empty());
}

#[test]
fn phones_and_emails_in_rows() {
    assert_eq!(codes(&with(|r| r.leader_phone = "022-2936129".into())), vec!["phone.local_7"]);
    assert_eq!(codes(&with(|r| r.leader_phone = "29361296".into())), vec!["phone.no_area_code"]);
    assert!(with(|r| r.leader_phone = "张三 13800138000/022-29361296转8012".into()).is_empty());
    let fs = with(|r| r.email = "abc@163.con".into());
    assert_eq!(codes(&fs), vec!["email.typo_domain"]);
    assert_eq!(fs[0].field, FieldRef::Row(4, RowField::Email));
    assert!(with(|r| r.email = "xxx@例子.中国".into()).is_empty());
    assert!(with(|r| r.email = "９０２０３９１８＠ｑｑ．ｃｏｍ".into()).is_empty());
}

#[test]
fn credit_code_in_rows() {
    assert!(with(|r| r.credit_code = "９１１２０２２４０６４０１２５５３ｕ".into()).is_empty(), "full-width but valid");
    assert_eq!(codes(&with(|r| r.credit_code = "91120224064012553V".into())), vec!["uscc.illegal_char"]);
    let fs = with(|r| r.credit_code = "91120224064012553A".into());
    assert_eq!(codes(&fs), vec!["uscc.check_char"]);
    assert_eq!(fs[0].field, FieldRef::Row(4, RowField::CreditCode));
}

/// A row read from a file where Excel had stored the credit code as a number (15 digits kept, the rest zeros).
fn stored_as_number_row() -> ProjectRow {
    let read = "911202240640125000";
    let source = Source { file: "甲公司.xlsx".into(), sheet: "申报表".into(), row: 7, number_code: read.into() };
    ProjectRow { credit_code: read.into(), source, ..good_row() }
}

#[test]
fn a_credit_code_excel_stored_as_a_number_is_an_error_that_says_so() {
    let fs = check_row(4, &stored_as_number_row());
    assert_eq!(codes(&fs), vec!["code.stored_as_number"], "no check-character finding blaming other digits");
    assert_eq!(fs[0].severity, Severity::Error);
    assert_eq!(fs[0].field, FieldRef::Row(4, RowField::CreditCode));
    assert_eq!(
        fs[0].message,
        "该统一社会信用代码在原文件中被 Excel 存成了数字，第16位起的数字已丢失（读到的是 911202240640125000），\
         请按营业执照重新填写。"
    );
    assert!(fs[0].fix.is_none(), "the lost digits cannot be guessed");
    // The same code typed with spaces or full-width is still that number.
    let spaced = ProjectRow {
        credit_code: " ９１１２０２２４ ０６４０１２５０００ ".into(), ..stored_as_number_row()
    };
    assert_eq!(codes(&check_row(4, &spaced)), vec!["code.stored_as_number"]);
}

#[test]
fn once_the_stored_as_number_code_is_changed_the_usual_rules_judge_it() {
    let corrected = ProjectRow { credit_code: "91120224064012553U".into(), ..stored_as_number_row() };
    assert!(check_row(4, &corrected).is_empty());
    let still_wrong = ProjectRow { credit_code: "91120224064012553A".into(), ..stored_as_number_row() };
    assert_eq!(codes(&check_row(4, &still_wrong)), vec!["uscc.check_char"]);
    // Typed here, the same digits get the usual findings: nothing says Excel stored them.
    let typed = ProjectRow { source: Source::default(), ..stored_as_number_row() };
    let fs = check_row(4, &typed);
    assert!(!fs.is_empty() && !codes(&fs).contains(&"code.stored_as_number"), "{fs:?}");
}

#[test]
fn district_follows_credit_code() {
    // A different district: warning with a fix to the code's district.
    let fs = with(|r| r.district = "武清区".into());
    assert_eq!(codes(&fs), vec!["district.code_mismatch"]);
    assert_eq!(fs[0].severity, Severity::Warning);
    assert_eq!(fs[0].field, FieldRef::Row(4, RowField::District));
    let fix = fs[0].fix.as_ref().expect("fix");
    assert_eq!(
        (fix.field, fix.value.as_str(), fix.label.as_str()),
        (FieldRef::Row(4, RowField::District), "宝坻区", "改为 宝坻区")
    );
    assert!(fs[0].message.contains("宝坻县"), "names the historic county: {}", fs[0].message);

    // 滨海新区 code, typed as 塘沽区 → picklist error with fix; as 河西区 → mismatch.
    let fs = with(|r| {
        r.credit_code = "911201163409833307".into();
        r.district = "河西区".into();
    });
    assert_eq!(codes(&fs), vec!["district.code_mismatch"]);
    assert_eq!(fs[0].fix.as_ref().map(|f| f.value.as_str()), Some("滨海新区"));

    // Empty district, code implies one: the finding offers it.
    let fs = with(|r| r.district.clear());
    let found = at(&fs, RowField::District);
    assert_eq!(found.len(), 1);
    assert_eq!(
        found[0].fix.as_ref().map(|f| (f.field, f.value.as_str())),
        Some((FieldRef::Row(4, RowField::District), "宝坻区"))
    );
    assert!(found[0].message.contains("宝坻区"));

    // No hint from a municipal-level, an outside or an invalid code.
    for code in ["121200004013590816", "91110000600037341L", "91120224064012553A"] {
        let fs = with(|r| {
            r.credit_code = code.into();
            r.district = "武清区".into();
            r.ownership = "事业单位".into();
            r.scale = "不适用".into();
        });
        assert!(!codes(&fs).contains(&"district.code_mismatch"), "{code}: {fs:?}");
    }
}

#[test]
fn ownership_follows_credit_code() {
    // 12… with an enterprise ownership → suggest 事业单位.
    let fs = check_row(0, &ProjectRow { ownership: "国有企业".into(), scale: "不适用".into(), ..hospital_row() });
    let found = at(&fs, RowField::Ownership);
    assert_eq!(found.len(), 1, "{fs:?}");
    assert_eq!(found[0].code, "ownership.code_mismatch");
    assert_eq!(found[0].severity, Severity::Warning);
    assert_eq!(found[0].fix.as_ref().map(|f| f.value.as_str()), Some("事业单位"));
    // 91… with 事业单位 → warning, no fix.
    let fs = with(|r| {
        r.ownership = "事业单位".into();
        r.scale = "不适用".into();
    });
    assert_eq!(codes(&fs), vec!["ownership.code_mismatch"]);
    assert!(fs[0].fix.is_none());
    // Empty ownership with a 12… code: the required finding offers 事业单位.
    let fs = check_row(0, &ProjectRow { ownership: String::new(), ..hospital_row() });
    let found = at(&fs, RowField::Ownership);
    assert_eq!(found[0].code, "field.required");
    assert_eq!(found[0].fix.as_ref().map(|f| f.value.as_str()), Some("事业单位"));
}

/// A valid code for a pair and division, computed here.
fn code_for(pair: &str, division: &str) -> String {
    let cs = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    let first17 = format!("{pair}{division}MA0000001");
    let mut w = 1u32;
    let mut sum = 0u32;
    for c in first17.chars() {
        sum += cs.find(c).unwrap_or(0) as u32 * w;
        w = w * 3 % 31;
    }
    let check = cs.chars().nth(((31 - sum % 31) % 31) as usize).unwrap_or('0');
    format!("{first17}{check}")
}

#[test]
fn ownership_hints_for_51_52_11() {
    for (pair, expect) in [("51", "社会团体"), ("52", "民办非企业单位"), ("11", OWNERSHIP_OTHER)] {
        let code = code_for(pair, "120114");
        let fs = with(|r| {
            r.credit_code = code.clone();
            r.district = "武清区".into();
            r.scale = "不适用".into();
        });
        let found = at(&fs, RowField::Ownership);
        assert_eq!(found.len(), 1, "{code}: {fs:?}");
        assert_eq!(found[0].fix.as_ref().map(|f| f.value.as_str()), Some(expect), "{code}");
    }
    // 52 with 民办非企业单位 is consistent.
    let fs = with(|r| {
        r.credit_code = code_for("52", "120114");
        r.district = "武清区".into();
        r.ownership = "民办非企业单位".into();
        r.scale = "不适用".into();
    });
    assert!(fs.iter().all(|f| f.code == "uscc.org_check"), "{fs:?}");
}

#[test]
fn scale_not_applicable_rules() {
    // An enterprise (ownership and code agree) with 不适用: error.
    let fs = with(|r| r.scale = "不适用".into());
    assert_eq!(codes(&fs), vec!["scale.not_applicable"]);
    assert_eq!(fs[0].severity, Severity::Error);
    // Ownership 其他 and a 9… code: only a warning.
    let fs = with(|r| {
        r.scale = "不适用".into();
        r.ownership = OWNERSHIP_OTHER.into();
        r.ownership_other = "农民专业合作社".into();
    });
    assert_eq!(codes(&fs), vec!["scale.not_applicable_code"]);
    assert_eq!(fs[0].severity, Severity::Warning);
    // A non-enterprise with a size class: warning with fix 不适用.
    let fs = check_row(1, &ProjectRow { scale: "大型企业".into(), ..hospital_row() });
    assert_eq!(codes(&fs), vec!["scale.non_enterprise"]);
    assert_eq!(
        fs[0].fix.as_ref().map(|f| (f.field, f.value.as_str())),
        Some((FieldRef::Row(1, RowField::Scale), "不适用"))
    );
    // Non-enterprise by ownership alone (code still empty): same.
    let fs = check_row(
        1,
        &ProjectRow {
            scale: "小型企业".into(),
            ownership: "社会团体".into(),
            credit_code: String::new(),
            ..hospital_row()
        },
    );
    assert!(codes(&fs).contains(&"scale.non_enterprise"));
    // Non-enterprise with 不适用: fine.
    assert!(check_row(1, &hospital_row()).is_empty());
    assert!(check_row(1, &ProjectRow { credit_code: String::new(), ..hospital_row() })
        .iter()
        .all(|f| f.code == "field.required"));
}

#[test]
fn table_fields() {
    assert!(check_table_fields(&good_decl()).is_empty());
    let empty = Declaration::default();
    let fs = check_table_fields(&empty);
    let fields: Vec<FieldRef> = fs.iter().map(|f| f.field).collect();
    assert_eq!(
        fields,
        vec![
            FieldRef::Table(TableField::Recommender),
            FieldRef::Table(TableField::Filler),
            FieldRef::Table(TableField::FillerPhone),
            FieldRef::Table(TableField::FillDate),
        ],
        "推荐部门负责人 is optional"
    );
    assert!(fs.iter().all(|f| f.code == "field.required" && f.severity == Severity::Error));

    let t = |edit: &dyn Fn(&mut Declaration)| {
        let mut d = good_decl();
        edit(&mut d);
        codes(&check_table_fields(&d))
    };
    assert_eq!(t(&|d| d.filler_phone = "2936129".into()), vec!["phone.local_7"]);
    assert_eq!(t(&|d| d.filler_phone = "29361296".into()), vec!["phone.no_area_code"]);
    assert_eq!(t(&|d| d.filler = "王5".into()), vec!["name.digits"]);
    assert_eq!(t(&|d| d.recommender = "某局".into()), vec!["recommender.short"]);
    assert_eq!(t(&|d| d.recommender = "局".repeat(101)), vec!["field.too_long"]);
    assert_eq!(t(&|d| d.recommender_head = "负".repeat(21)), vec!["field.too_long"]);
    assert_eq!(t(&|d| d.recommender_head = String::new()), Vec::<&str>::new());
}

#[test]
fn dates() {
    let t = |v: &str| {
        let d = Declaration { fill_date: v.into(), ..good_decl() };
        codes(&check_table_fields(&d))
    };
    for ok in [
        "2021-04-12",
        "2021-03-09",
        "2021-12-31",
        "2024-02-29",
        "2028-02-29",
        "2021/4/12",
        "2021年4月12日",
        "2021.04.16",
        "２０２１－０４－１２",
    ] {
        assert_eq!(t(ok), Vec::<&str>::new(), "{ok}");
    }
    for bad in
        ["2021-02-29", "2100-02-29", "1900-02-29", "2021-04-31", "2021-13-01", "2021-00-10", "2021-04-00", "2021-06-31"]
    {
        assert_eq!(t(bad), vec!["date.invalid"], "{bad}");
    }
    for bad in ["明天", "2021-4", "21-04-12", "2021-04-12T10:00", "20210412", "2021-04-123"] {
        assert_eq!(t(bad), vec!["date.format"], "{bad}");
    }
    assert_eq!(t("2021-03-08"), vec!["date.before_notice"]);
    assert_eq!(t("2020-12-31"), vec!["date.before_notice"]);
    assert_eq!(t("2000-02-29"), vec!["date.before_notice"], "a real leap day, but early");
    assert_eq!(parse_date("2024-02-29"), Some((2024, 2, 29)));
    assert_eq!(parse_date("2023-02-29"), None);
    assert_eq!(parse_date("２０２４-02-29"), None, "parse_date takes the normalised value");
    assert_eq!(parse_date("0000-01-01"), None);
}

#[test]
fn duplicates_across_rows() {
    let a = good_row();
    // Same unit, same project (spacing and bracket width differ): error on the later row.
    let b = ProjectRow {
        unit_name: " 天津宝坻某某机械制造有限公司 ".into(),
        project_name: "提高齿轮箱装配 一次合格率".into(),
        ..good_row()
    };
    let fs = check_cross_rows(&[a.clone(), hospital_row(), b]);
    assert_eq!(codes(&fs), vec!["dup.project"]);
    assert_eq!(fs[0].field, FieldRef::Row(2, RowField::ProjectName));
    assert_eq!(fs[0].severity, Severity::Error);
    assert!(fs[0].message.contains("第1行"), "{}", fs[0].message);

    // Same unit, another project: fine.
    let c = ProjectRow { project_name: "降低焊接返修率".into(), ..good_row() };
    assert!(check_cross_rows(&[a.clone(), c.clone()]).is_empty());

    // One unit name with two credit codes.
    let d = ProjectRow { credit_code: "911201163409833307".into(), ..c.clone() };
    let fs = check_cross_rows(&[a.clone(), d]);
    assert_eq!(codes(&fs), vec!["dup.unit_codes"]);
    assert_eq!(fs[0].field, FieldRef::Row(1, RowField::CreditCode));
    assert_eq!(fs[0].severity, Severity::Warning);

    // One credit code with two unit names (full-width code still the same code).
    let e = ProjectRow {
        unit_name: "天津另一家有限公司".into(),
        credit_code: "９１１２０２２４０６４０１２５５３Ｕ".into(),
        ..c.clone()
    };
    let fs = check_cross_rows(&[a.clone(), e]);
    assert_eq!(codes(&fs), vec!["dup.code_names"]);
    assert_eq!(fs[0].field, FieldRef::Row(1, RowField::UnitName));

    // Brackets of either width are the same name.
    let f1 = ProjectRow { unit_name: "天津某某（集团）有限公司".into(), ..a.clone() };
    let f2 = ProjectRow { unit_name: "天津某某(集团)有限公司".into(), ..c.clone() };
    assert!(check_cross_rows(&[f1, f2]).is_empty());

    // Three copies: the second and third are flagged, both pointing at the first.
    let fs = check_cross_rows(&[a.clone(), a.clone(), a.clone()]);
    assert_eq!(codes(&fs), vec!["dup.project", "dup.project"]);
    assert!(fs.iter().all(|f| f.message.contains("第1行")));

    // Empty values never match each other.
    assert!(check_cross_rows(&[ProjectRow::default(), ProjectRow::default()]).is_empty());

    // check_declaration includes them.
    let mut decl = good_decl();
    decl.rows.push(good_row());
    assert_eq!(codes(&check_declaration(&decl).findings), vec!["dup.project"]);
}

#[test]
fn huge_pastes_and_control_characters() {
    let huge = "很长的粘贴".repeat(1000); // 5000 characters
    for f in RowField::ALL {
        let fs = with(|r| *r.get_mut(f) = huge.clone());
        let found = at(&fs, f);
        assert_eq!(found.len(), 1, "{f:?}: {found:?}");
        assert_eq!(found[0].code, "field.huge_paste");
        // The message states the length and the limit; nothing was cut, so it never claims it was.
        let limit = row_limit(f).unwrap_or(FORM_FIELD_CHARS).to_string();
        assert!(found[0].message.contains("5000") && found[0].message.contains(&limit), "{}", found[0].message);
        assert!(!found[0].message.contains("保留"), "{}", found[0].message);
    }
    // A form limit never cuts: free text stays whole through normalisation.
    assert_eq!(normalize_row_field(RowField::Remarks, &huge), huge);
    assert_eq!(normalize_row_field(RowField::ProjectName, &huge), huge);
    let d = Declaration { recommender: huge.clone(), filler_phone: huge.clone(), ..good_decl() };
    assert_eq!(codes(&check_table_fields(&d)), vec!["field.huge_paste", "field.huge_paste"]);

    // Control characters are stripped before judging.
    assert!(with(|r| r.unit_name = "天津宝坻某某\u{0}机械制造有限公司\u{7}".into()).is_empty());
    assert!(with(|r| r.credit_code = "\u{200B}91120224064012553U\u{FEFF}".into()).is_empty());
    assert!(with(|r| r.leader_phone = "138\u{0}0013\u{1b}8000".into()).is_empty());
    assert!(with(|r| r.project_name = "提高齿轮箱\r\n装配一次合格率".into()).is_empty());
    assert!(with(|r| r.remarks = "第一行\n第二行".into()).is_empty());
    assert_eq!(normalize_row_field(RowField::Remarks, " 第一行 \r\n第二行\u{0}\n\n"), "第一行\n第二行");
    assert_eq!(normalize_row_field(RowField::ProjectName, "a\nb"), "a b");
}

#[test]
fn cross_keys_ignore_what_the_comparison_ignores_and_judge_like_the_rows() {
    let a = good_row();
    let mut b = good_row();
    // Spaces and full-width brackets/letters do not make another unit or another project.
    b.unit_name = format!(" {} ", a.unit_name.replace('(', "（").replace(')', "）"));
    b.credit_code = a.credit_code.to_lowercase();
    b.project_name = format!("{} ", a.project_name);
    assert_eq!(cross_keys(&a), cross_keys(&b));
    let keys = vec![cross_keys(&a), cross_keys(&b)];
    let from_keys = check_cross_keys(&keys);
    assert_eq!(codes(&from_keys), vec!["dup.project"]);
    assert_eq!(from_keys, check_cross_rows(&[a.clone(), b]));
    // Another project name is another key, and no finding.
    let mut c = a.clone();
    c.project_name.push_str("二期");
    assert_ne!(cross_keys(&a), cross_keys(&c));
    assert!(check_cross_keys(&[cross_keys(&a), cross_keys(&c)]).is_empty());
}

#[test]
fn a_blank_row_among_filled_ones_gets_one_warning_and_no_error() {
    let mut d = good_decl();
    d.rows.insert(1, ProjectRow::default());
    d.rows.push(ProjectRow { remarks: " \t".into(), ..Default::default() });
    let last = d.rows.len() - 1;
    let r = check_declaration(&d);
    let errors: Vec<&Finding> = r.findings.iter().filter(|f| f.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{errors:?}");
    let blank: Vec<&Finding> = r.findings.iter().filter(|f| f.code == BLANK_ROW_CODE).collect();
    assert_eq!(blank.len(), 2, "{:?}", r.findings);
    assert_eq!(blank[0].field, FieldRef::Row(1, RowField::UnitName));
    assert_eq!(blank[1].field, FieldRef::Row(last, RowField::UnitName));
    assert_eq!(blank[0].severity, Severity::Warning);
    assert!(blank[0].message.contains("空行") && blank[0].message.contains("删除"), "{}", blank[0].message);
    assert_eq!(r.findings.len(), 2, "nothing else: {:?}", r.findings);
    // The same judgement one row at a time, as the form keeps it.
    assert_eq!(check_row_in(1, &ProjectRow::default(), TableRows::SomeFilled), vec![blank[0].clone()]);
}

#[test]
fn while_every_row_is_blank_each_is_judged_as_a_row_to_fill() {
    let d = Declaration { rows: vec![ProjectRow::default(), ProjectRow::default()], ..good_decl() };
    assert_eq!(TableRows::of(&d.rows), TableRows::AllBlank);
    let r = check_declaration(&d);
    assert!(!codes(&r.findings).contains(&BLANK_ROW_CODE));
    let required = r.findings.iter().filter(|f| f.code == "field.required").count();
    assert_eq!(required, 2 * check_row(0, &ProjectRow::default()).len(), "both rows keep their required errors");
    assert_eq!(check_row_in(0, &ProjectRow::default(), TableRows::AllBlank), check_row(0, &ProjectRow::default()));
    // A row with something in it is judged in full whatever the table holds.
    let partial = ProjectRow { remarks: "待补".into(), ..Default::default() };
    assert_eq!(check_row_in(3, &partial, TableRows::SomeFilled), check_row(3, &partial));
    assert_eq!(TableRows::of(&[ProjectRow::default(), partial]), TableRows::SomeFilled);
    assert_eq!(TableRows::of(&[]), TableRows::AllBlank);
}
