//! What normalising changed in a value, in the intake report's words ("全角转半角、去空格", "“武清”改为“武清区”").

use crate::core::check::normalize::to_half_width;
use crate::core::text::is_invisible_format;

/// What changed from `before` to `after` (`None` when nothing did). Cosmetic changes are named; anything more
/// (a pick-list value completed, an industry name turned into its code) shows both values.
pub fn describe(before: &str, after: &str) -> Option<String> {
    if before == after {
        return None;
    }
    let mut what: Vec<&str> = Vec::new();
    let half = to_half_width(before);
    if half != before {
        what.push("全角转半角");
    }
    if before.chars().any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t') || is_invisible_format(c)) {
        what.push("去掉不可见字符");
    }
    let visible: String = half.chars().filter(|c| !c.is_control() && !is_invisible_format(*c)).collect();
    let spaces_out: String = visible.chars().filter(|c| !c.is_whitespace()).collect();
    let after_spaces_out: String = after.chars().filter(|c| !c.is_whitespace()).collect();
    if visible.trim() != visible && visible.trim() == after {
        what.push("去掉首尾空格");
    } else if spaces_out != visible && (spaces_out == after || spaces_out.to_ascii_uppercase() == after) {
        what.push("去空格");
    }
    if spaces_out != after && spaces_out.to_ascii_uppercase() == after_spaces_out {
        what.push("字母转大写");
    }
    let cosmetic = [visible.trim().to_string(), spaces_out.clone(), spaces_out.to_ascii_uppercase()];
    if what.is_empty() || !cosmetic.iter().any(|c| c == after || c.replace("\r\n", "\n") == after) {
        return Some(format!("“{}”改为“{}”", shorten(before), shorten(after)));
    }
    Some(what.join("、"))
}

/// A value cut to 24 characters for the report, with `…` when cut; line breaks shown as `↵`.
fn shorten(value: &str) -> String {
    let mut out: String = value.chars().take(24).map(|c| if c == '\n' { '↵' } else { c }).collect();
    if value.chars().count() > 24 {
        out.push('…');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::describe;
    use crate::core::check::normalize::normalize_row_field;
    use crate::core::model::RowField;

    fn change(field: RowField, before: &str) -> Option<String> {
        describe(before, &normalize_row_field(field, before))
    }

    #[test]
    fn changes_are_named() {
        assert_eq!(change(RowField::CreditCode, "91120222MA05T1234X"), None);
        assert_eq!(
            change(RowField::CreditCode, " ９１１２ ０２２２ ＭＡ０５ Ｔ１２３４Ｘ ").as_deref(),
            Some("全角转半角、去空格")
        );
        assert_eq!(change(RowField::CreditCode, "91120222ma05t1234x").as_deref(), Some("字母转大写"));
        assert_eq!(change(RowField::UnitName, "  天津甲公司 ").as_deref(), Some("去掉首尾空格"));
        assert_eq!(change(RowField::District, "武清").as_deref(), Some("“武清”改为“武清区”"));
        assert_eq!(change(RowField::Industry, "C36 汽车制造业").as_deref(), Some("“C36 汽车制造业”改为“36”"));
        assert_eq!(change(RowField::Scale, "中型").as_deref(), Some("“中型”改为“中型企业”"));
        assert_eq!(change(RowField::UnitName, "天津\u{200B}甲公司").as_deref(), Some("去掉不可见字符"));
    }
}
