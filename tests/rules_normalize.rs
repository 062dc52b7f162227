//! Normalisers: what the UI shows after a field loses focus (table-driven, and each result is a fixed point).

use shenbao::core::check::normalize::{normalize_row_field, normalize_table_field, strip_controls, to_half_width};
use shenbao::core::limits::MAX_CELL_CHARS;
use shenbao::core::model::{RowField, TableField};

#[test]
fn half_width_and_controls() {
    assert_eq!(to_half_width("０１２３４５６７８９ＡＢＣｘｙｚ＠．－（）\u{3000}，；／"), "0123456789ABCxyz@.-() ,;/");
    assert_eq!(to_half_width("中文（集团）"), "中文(集团)");
    assert_eq!(strip_controls("a\u{0}b\u{7}c\u{7f}d\u{9b}e"), "abcde");
    assert_eq!(strip_controls("a\tb\nc\r\nd"), "a b c d");
    assert_eq!(strip_controls("x\u{200B}y\u{FEFF}z\u{202E}w"), "xyzw");
    assert_eq!(strip_controls("e\u{301}"), "e\u{301}", "combining marks stay");
}

#[test]
fn row_fields() {
    for (field, typed, shown) in [
        (RowField::CreditCode, " ９１１２ ０２２４－０６４０１２５５３ｕ ", "91120224064012553U"),
        (RowField::CreditCode, "91120224—064012553u", "91120224064012553U"),
        (RowField::CreditCode, "9112\t0224\n064012553U", "91120224064012553U"),
        (RowField::LeaderPhone, "  １３８　００１３　８０００ ", "138 0013 8000"),
        (RowField::LeaderPhone, "（０２２）２９３６１２９６", "(022)29361296"),
        (RowField::LeaderPhone, "022－29361296转8012", "022-29361296转8012"),
        (RowField::LeaderPhone, "张三　13800138000，022-29361296", "张三 13800138000,022-29361296"),
        (RowField::Email, " ９０２０３９１８＠ＱＱ．ＣＯＭ ", "90203918@qq.com"),
        (RowField::Email, "Zhang.San@Example。COM", "Zhang.San@example.com"),
        (RowField::UnitName, "　天津某某（集团）有限公司 ", "天津某某（集团）有限公司"),
        (RowField::ProjectName, " 提高  合格率 ", "提高  合格率"),
        (RowField::LeaderName, "\u{3000}张三\u{3000}", "张三"),
        (RowField::Remarks, "\n 第一行  \r\n  第二行 \n", "第一行\n  第二行"),
        (RowField::Industry, " 36 ", "36"),
        (RowField::Industry, "Ｃ３６", "36"),
        (RowField::Industry, "B36", "B36"),
        (RowField::District, " 宝坻区 ", "宝坻区"),
        (RowField::Scale, "小型 企业", "小型企业"),
        (RowField::Ownership, "其他(请注明)", "其他（请注明）"),
        (RowField::TopicType, "创新", "创新型"),
    ] {
        let once = normalize_row_field(field, typed);
        assert_eq!(once, shown, "{field:?}: {typed:?}");
        assert_eq!(normalize_row_field(field, &once), once, "idempotent: {field:?}");
    }
}

#[test]
fn table_fields() {
    for (field, typed, shown) in [
        (TableField::FillDate, "2021/4/12", "2021-04-12"),
        (TableField::FillDate, "2021年4月12日", "2021-04-12"),
        (TableField::FillDate, "２０２１－０４－１２", "2021-04-12"),
        (TableField::FillDate, " 2021-04-12 ", "2021-04-12"),
        (TableField::FillDate, "四月", "四月"),
        (TableField::FillerPhone, "０２２－２９３６１２９６", "022-29361296"),
        (TableField::Recommender, " 天津市武清区市场监督管理局\n", "天津市武清区市场监督管理局"),
        (TableField::Filler, "王五 ", "王五"),
    ] {
        let once = normalize_table_field(field, typed);
        assert_eq!(once, shown, "{field:?}: {typed:?}");
        assert_eq!(normalize_table_field(field, &once), once);
    }
}

#[test]
fn huge_values_are_capped_on_char_boundaries() {
    let huge = "é字🙂".repeat(12_000); // 36,000 characters: beyond the hard cap of one value
    for f in RowField::ALL {
        let v = normalize_row_field(f, &huge);
        assert!(v.chars().count() <= MAX_CELL_CHARS, "{f:?}");
        assert_eq!(normalize_row_field(f, &v), v, "{f:?}");
    }
    for f in TableField::ALL {
        let v = normalize_table_field(f, &huge);
        assert!(v.chars().count() <= MAX_CELL_CHARS, "{f:?}");
        assert_eq!(normalize_table_field(f, &v), v, "{f:?}");
    }
}

#[test]
fn comparison_key_borrows_only_when_nothing_changes() {
    use shenbao::core::check::normalize::{comparison_key, comparison_key_cow};
    use std::borrow::Cow;
    for (v, key) in [
        ("天津某某有限公司", "天津某某有限公司"),
        ("天津某某（集团）有限公司", "天津某某(集团)有限公司"),
        ("天津 某某\u{3000}公司", "天津某某公司"),
        ("ABC公司", "abc公司"),
        ("天津\u{200B}公司\u{A0}", "天津公司"),
        ("天津\u{85}公司", "天津公司"),
        ("Ｔｉａｎｊｉｎ", "tianjin"),
        ("é\u{301}", "é\u{301}"),
    ] {
        assert_eq!(comparison_key(v), key, "{v:?}");
        assert_eq!(comparison_key_cow(v), key, "{v:?}");
        assert_eq!(matches!(comparison_key_cow(v), Cow::Borrowed(_)), v == key, "{v:?}");
    }
}

#[test]
fn common_names_of_an_ownership_become_the_lists_entry() {
    use shenbao::core::picklists::{OWNERSHIPS, OWNERSHIP_ALIASES};
    for (typed, entry) in [
        ("私营企业", "民营（私营）企业"),
        ("民营企业", "民营（私营）企业"),
        (" 民营 ", "民营（私营）企业"),
        ("私营(民营)企业", "民营（私营）企业"),
        ("外资企业", "外商投资企业"),
        ("有限公司", "有限责任公司"),
    ] {
        assert_eq!(normalize_row_field(RowField::Ownership, typed), entry, "{typed}");
    }
    // Every alias names an entry of the list, and no alias is itself an entry.
    for (alias, entry) in OWNERSHIP_ALIASES {
        assert!(OWNERSHIPS.contains(&entry), "{alias} → {entry}");
        assert!(!OWNERSHIPS.contains(&alias), "{alias}");
    }
    // A name with two meanings is left for the rule to question.
    assert_eq!(normalize_row_field(RowField::Ownership, "国有"), "国有");
}
