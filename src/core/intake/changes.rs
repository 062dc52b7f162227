//! What normalising changed in a value, in the intake report's words ("全角转半角、去空格", "“武清”改为“武清区”"),
//! and a whole table normalised with the list of what changed (a restored draft: [`normalized_declaration`]).

use crate::core::check::normalize::{normalize_table_field, to_half_width};
use crate::core::intake::plan::normalized;
use crate::core::model::{Declaration, TableField};
use crate::core::text::is_invisible_format;

/// A table with every value normalised (ids, sources and order kept), and what changed, one entry per value:
/// `第2行 统一社会信用代码：全角转半角、去空格`, `填报人：去掉首尾空格`. Normalising what is already normal changes
/// nothing, so a table the page saved comes back with an empty list.
pub fn normalized_declaration(declaration: &Declaration) -> (Declaration, Vec<String>) {
    let mut out = declaration.clone();
    let mut changes = Vec::new();
    for field in TableField::ALL {
        let before = declaration.table_value(field);
        let after = normalize_table_field(field, before);
        if let Some(what) = describe(before, &after) {
            changes.push(format!("{}：{what}", field.label()));
        }
        *out.table_value_mut(field) = after;
    }
    for (i, row) in declaration.rows.iter().enumerate() {
        let (row, changed) = normalized(row);
        changes.extend(changed.into_iter().map(|(field, what)| format!("第{}行 {}：{what}", i + 1, field.label())));
        out.rows[i] = row;
    }
    (out, changes)
}

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
    fn a_table_is_normalised_whole_and_says_what_changed() {
        use super::normalized_declaration;
        use crate::core::model::{Declaration, ProjectRow};
        let typed = ProjectRow {
            id: 7,
            unit_name: "天津甲公司".into(),
            credit_code: " ９１１２ ０２２２ ＭＡ０５ Ｔ１２３４Ｘ ".into(),
            district: "武清".into(),
            ..ProjectRow::default()
        };
        let decl = Declaration {
            filler: " 周九 ".into(),
            rows: vec![ProjectRow { id: 3, unit_name: "天津乙公司".into(), ..ProjectRow::default() }, typed],
            ..Declaration::default()
        };
        let (out, changes) = normalized_declaration(&decl);
        assert_eq!(
            changes,
            ["填报人：去掉首尾空格", "第2行 统一社会信用代码：全角转半角、去空格", "第2行 所在区：“武清”改为“武清区”"]
        );
        assert_eq!((out.rows[1].id, out.rows[1].credit_code.as_str()), (7, "91120222MA05T1234X"));
        assert_eq!(out.filler, "周九");
        let (again, none) = normalized_declaration(&out);
        assert!(none.is_empty(), "normalising is idempotent: {none:?}");
        assert_eq!(again, out);
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
