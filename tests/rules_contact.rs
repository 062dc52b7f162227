//! Phone and e-mail rules: every form of contact-rules.md, table-driven.

use shenbao::core::check::contact::{
    check_email, check_phones, parse_phone, split_numbers, suggest_domain, PhoneError, PhoneKind,
};
use shenbao::core::check::normalize::{normalize_email, normalize_phone};
use shenbao::core::model::{FieldRef, RowField, TableField};
use shenbao::core::report::{Finding, Severity};

const PHONE: FieldRef = FieldRef::Row(3, RowField::LeaderPhone);
const MAIL: FieldRef = FieldRef::Row(3, RowField::Email);

fn codes(fs: &[Finding]) -> Vec<&'static str> {
    fs.iter().map(|f| f.code).collect()
}

#[test]
fn accepted_without_remark() {
    for v in [
        // Mobile, with every prefix and separator people type.
        "13800138000",
        "138 0013 8000",
        "138-0013-8000",
        "+86 138 0013 8000",
        "+8613800138000",
        "0086 13800138000",
        "008613800138000",
        "86 13800138000",
        "8613800138000",
        "+86-138-0013-8000",
        "１３８００１３８０００",
        "19012345678",
        "19112345678",
        "19212345678",
        "19312345678",
        "19512345678",
        "19612345678",
        "19712345678",
        "19812345678",
        "19912345678",
        "14712345678",
        "16612345678",
        "17712345678",
        // Tianjin landline.
        "022-29361296",
        "(022)29361296",
        "（022）29361296",
        "(022) 2936 1296",
        "022 2936 1296",
        "02229361296",
        "+86 22 2936 1296",
        "+86-22-29361296",
        "0086 22 29361296",
        "86 22 2936 1296",
        "022—29361296",
        "０２２－２９３６１２９６",
        // Extensions.
        "022-29361296-8012",
        "022-29361296转8012",
        "022-29361296 转 8012",
        "022-29361296 ext 8012",
        "022-29361296 ext. 8012",
        "022-29361296 EXT8012",
        "022-29361296分机8012",
        "022-29361296x8012",
        "+86 22 2936 1296 ext 8012",
        // Several numbers in one cell, with names and labels.
        "13800138000/022-29361296",
        "13800138000、022-29361296",
        "13800138000；022-29361296",
        "13800138000;022-29361296",
        "13800138000,022-29361296",
        "13800138000，022-29361296",
        "张三 13800138000",
        "张三13800138000",
        "手机：13800138000；座机：022-29361296",
        "13800138000（手机）",
        "13800138000 / ",
        // Service numbers.
        "400-810-8888",
    ] {
        let fs = check_phones(v, PHONE);
        assert!(fs.is_empty(), "{v}: {fs:?}");
    }
}

#[test]
fn parsed_shapes() {
    let p = parse_phone("022-29361296转8012").expect("parses");
    assert_eq!(
        (p.kind, p.area.as_str(), p.number.as_str(), p.extension.as_deref()),
        (PhoneKind::TianjinLandline, "22", "29361296", Some("8012"))
    );
    assert_eq!(p.canonical(), "022-29361296-8012");
    let p = parse_phone("+86 22 2936 1296").expect("parses");
    assert_eq!(p.canonical(), "022-29361296");
    let p = parse_phone("0086 138-0013-8000").expect("parses");
    assert_eq!((p.kind, p.canonical()), (PhoneKind::Mobile, "13800138000".to_string()));
    let p = parse_phone("29361296").expect("parses");
    assert_eq!((p.kind, p.canonical()), (PhoneKind::TianjinLocal, "022-29361296".to_string()));
    let p = parse_phone("29361296-8012").expect("parses");
    assert_eq!((p.kind, p.extension.as_deref()), (PhoneKind::TianjinLocal, Some("8012")));
    let p = parse_phone("010-62345678").expect("parses");
    assert_eq!((p.kind, p.area.as_str()), (PhoneKind::OtherLandline, "10"));
    let p = parse_phone("0316-2345678").expect("parses");
    assert_eq!((p.kind, p.area.as_str(), p.number.as_str()), (PhoneKind::OtherLandline, "316", "2345678"));
    assert_eq!(parse_phone("022-2936129"), Err(PhoneError::LocalSevenDigits));
    assert_eq!(parse_phone("2936129"), Err(PhoneError::LocalSevenDigits));
    assert_eq!(parse_phone("12800138000"), Err(PhoneError::MobilePrefix));
}

#[test]
fn local_number_gets_area_code_fix() {
    for (v, fixed) in [
        ("29361296", "022-29361296"),
        ("2936 1296", "022-29361296"),
        ("58950677", "022-58950677"),
        ("27182137", "022-27182137"),
        ("张三 29337457", "张三 022-29337457"),
        ("13800138000/29361296", "13800138000/022-29361296"),
        ("29361296-8012", "022-29361296-8012"),
    ] {
        let fs = check_phones(v, PHONE);
        assert_eq!(codes(&fs), vec!["phone.no_area_code"], "{v}");
        assert_eq!(fs[0].severity, Severity::Warning);
        let fix = fs[0].fix.as_ref().expect("fix");
        assert_eq!(fix.value, fixed, "{v}");
        assert_eq!(fix.field, PHONE);
        assert!(fix.label.contains("022-"), "{}", fix.label);
        // After the fix, nothing more to say.
        assert!(check_phones(&fix.value, PHONE).is_empty(), "{}", fix.value);
    }
}

#[test]
fn other_area_codes_are_a_warning() {
    for v in [
        "010-62345678",
        "(010)62345678",
        "021-62345678",
        "0316-2345678",
        "0316-23456789",
        "+86 10 6234 5678",
        "020-81234567转123",
    ] {
        let fs = check_phones(v, PHONE);
        assert_eq!(codes(&fs), vec!["phone.other_area"], "{v}");
        assert_eq!(fs[0].severity, Severity::Warning);
    }
}

#[test]
fn errors() {
    for (v, code) in [
        ("022-2936129", "phone.local_7"),
        ("2936129", "phone.local_7"),
        ("(022)2936129", "phone.local_7"),
        ("12800138000", "phone.mobile_prefix"),
        ("10012345678", "phone.mobile_prefix"),
        ("1380013800", "phone.format"),
        ("138001380001", "phone.format"),
        ("12345", "phone.format"),
        ("022-293612961", "phone.format"),
        ("+1 415 555 0100", "phone.format"),
        ("138OO138000", "phone.chars"),
        ("张三", "phone.missing"),
        ("无", "phone.missing"),
        ("022-29361296转分机号", "phone.chars"),
    ] {
        let fs = check_phones(v, PHONE);
        assert_eq!(codes(&fs), vec![code], "{v}: {fs:?}");
        assert_eq!(fs[0].severity, Severity::Error, "{v}");
        assert!(fs[0].message.ends_with('。'), "{}", fs[0].message);
    }
    // The bad one of two numbers is named.
    let fs = check_phones("13800138000/022-2936129", PHONE);
    assert_eq!(codes(&fs), vec!["phone.local_7"]);
    assert!(fs[0].message.contains("第2个"), "{}", fs[0].message);
    assert!(check_phones("", PHONE).is_empty());
    assert!(check_phones("   ", FieldRef::Table(TableField::FillerPhone)).is_empty());
}

#[test]
fn splitting_and_normalising() {
    assert_eq!(split_numbers("a/b、c；d;e,f，g"), vec!["a", "b", "c", "d", "e", "f", "g"]);
    assert_eq!(split_numbers(" / ;"), Vec::<&str>::new());
    assert_eq!(normalize_phone("  ０２２－２９３６　１２９６  "), "022-2936 1296");
    assert_eq!(normalize_phone("138  0013\t8000"), "138 0013 8000");
    assert_eq!(normalize_phone("13800138000／022-29361296"), "13800138000/022-29361296");
}

#[test]
fn emails_accepted() {
    for v in [
        "90203918@qq.com",
        "wqsc.jzlk@tjqw.gov.cn",
        "scjgzlfzc@tj.gov.cn",
        "zhang.san+quality@163.com",
        "a_b-c@sub.example.com.cn",
        "xxx@例子.中国",
        "张三@例子.中国",
        "９０２０３９１８＠ｑｑ．ｃｏｍ",
        "90203918＠qq．com",
        "90203918@qq。com",
        " Zhang@QQ.COM ",
        "mailto:abc@tj.gov.cn",
        "a@b.co",
        "abc@126.com; def@163.com",
    ] {
        let fs = check_email(v, MAIL);
        assert!(fs.is_empty(), "{v}: {fs:?}");
    }
    assert_eq!(normalize_email("９０２０３９１８＠ｑｑ．ｃｏｍ"), "90203918@qq.com");
    assert_eq!(normalize_email(" Zhang@QQ.COM "), "Zhang@qq.com");
    assert_eq!(normalize_email("mailto:a@B.cn"), "a@b.cn");
}

#[test]
fn emails_rejected() {
    for v in [
        "90203918qq.com",
        "90203918@",
        "@qq.com",
        "a@@qq.com",
        "a@qq",
        "a@.com",
        "a@qq..com",
        "a..b@qq.com",
        ".a@qq.com",
        "a@-qq.com",
        "a@qq.com-",
        "a@qq.123",
        "a b@qq.com;c@",
        "a@q_q.com",
        "a(b)@qq.com",
    ] {
        let fs = check_email(v, MAIL);
        assert!(codes(&fs).contains(&"email.syntax"), "{v}: {fs:?}");
        assert!(fs.iter().all(|f| f.message.ends_with('。')));
    }
    let fs = check_email("90203918@qq", MAIL);
    assert_eq!(fs[0].fix.as_ref().map(|f| f.value.as_str()), Some("90203918@qq.com"));
}

#[test]
fn typo_domains_suggest_the_fix() {
    for (v, fixed) in [
        ("90203918@qq.con", "90203918@qq.com"),
        ("abc@163.con", "abc@163.com"),
        ("abc@126.con", "abc@126.com"),
        ("90203918@qq.cm", "90203918@qq.com"),
        ("abc@gmail.con", "abc@gmail.com"),
        ("abc@sina.con", "abc@sina.com"),
        ("abc@example.cm", "abc@example.com"),
        ("abc@company.con", "abc@company.com"),
        ("ABC@QQ.CON", "ABC@qq.com"),
        ("abc@gmial.com", "abc@gmail.com"),
        ("ok@tj.gov.cn;abc@qq.con", "ok@tj.gov.cn;abc@qq.com"),
    ] {
        let fs = check_email(v, MAIL);
        assert_eq!(codes(&fs), vec!["email.typo_domain"], "{v}");
        assert_eq!(fs[0].severity, Severity::Warning);
        let fix = fs[0].fix.as_ref().expect("fix");
        assert_eq!(fix.value, fixed, "{v}");
        assert_eq!(fix.field, MAIL);
        assert!(check_email(&fix.value, MAIL).is_empty());
    }
    assert_eq!(suggest_domain("qq.com"), None);
    assert_eq!(suggest_domain("tj.gov.cn"), None);
    assert_eq!(suggest_domain(".con"), None);
}

#[test]
fn qq_numbers() {
    assert_eq!(codes(&check_email("1234@qq.com", MAIL)), vec!["email.qq_number"]);
    assert_eq!(codes(&check_email("123456789012@qq.com", MAIL)), vec!["email.qq_number"]);
    assert!(check_email("12345@qq.com", MAIL).is_empty());
    assert!(check_email("12345678901@qq.com", MAIL).is_empty());
}
