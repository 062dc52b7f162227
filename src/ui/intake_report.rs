//! The intake report as HTML text: one entry per chosen file and the report's choices. Built as text and set with
//! `inner_html` (a change of a choice rebuilds it): the report is read once and thrown away, and a Leptos view of
//! it cost ~30 KB gzip of the page's wasm (BENCHMARKS.md, "Bundle size").

use crate::core::intake::plan::{Choices, FileReport, Status};
use crate::core::order::Order;

/// `s` safe inside HTML text and double-quoted attribute values.
pub fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// The entries of the chosen files (`keep_duplicates`: the count of rows each adds includes its duplicates).
pub fn files_html(reports: &[FileReport], keep_duplicates: bool) -> String {
    let mut out = String::from("<ol class=\"import-files\">");
    for report in reports {
        file_html(&mut out, report, keep_duplicates);
    }
    out.push_str("</ol>");
    out
}

fn file_html(out: &mut String, report: &FileReport, keep_duplicates: bool) {
    let status = report.status();
    let adds = report.adds(keep_duplicates);
    let label = match status {
        Status::Ok => "可导入",
        Status::Partial => "部分导入",
        Status::Refused => "无法导入",
        Status::Duplicate => "重复，默认不导入",
    };
    let name = escape(&report.name);
    out.push_str(&format!(
        "<li class=\"import-file {s}\" data-import-file data-file=\"{name}\" data-rows=\"{adds}\" data-status=\"{s}\">\
         <strong>{name}</strong><span class=\"status\">{label}</span><span class=\"adds\">将添加 {adds} 个项目</span>",
        s = status.as_str()
    ));
    let summary = report.refusal.clone().unwrap_or_else(|| {
        let units = if report.units.is_empty() { "（未填）".to_string() } else { report.units.join("、") };
        format!(
            "单位：{units}；读到 {} 个项目；其中 {} 个错误、{} 个提醒",
            report.rows.len(),
            report.errors,
            report.warnings
        )
    });
    out.push_str(&format!("<p>{}</p>", escape(&summary)));
    if !report.revises.is_empty() {
        let units = escape(&report.revises.join("、"));
        out.push_str(&format!("<p class=\"revised\">表格中已有 {units} 的项目，这可能是修改后重新报送的文件。</p>"));
    }
    let duplicates: Vec<String> = report
        .rows
        .iter()
        .filter_map(|r| {
            r.duplicate_of.as_ref().map(|d| format!("第{}行“{}”与{d}重复", r.file_row, r.project.project_name))
        })
        .collect();
    let fields: Vec<String> = report.table_fields.iter().map(|(f, v)| format!("{}：{v}", f.label())).collect();
    for (title, items) in [
        ("读入时规范了", &report.changes),
        ("说明", &report.notes),
        ("重复的项目", &duplicates),
        ("文件中的推荐单位和表尾", &fields),
    ] {
        list_html(out, title, items);
    }
    out.push_str("</li>");
}

/// The most items a list of the report shows (a 5000-row file must not put 5000 items in the page).
const LISTED: usize = 50;

/// A folded list: its title and count, then its first [`LISTED`] items.
fn list_html(out: &mut String, title: &str, items: &[String]) {
    if items.is_empty() {
        return;
    }
    out.push_str(&format!("<details><summary>{title}（{}）</summary><ul>", items.len()));
    for item in items.iter().take(LISTED) {
        out.push_str(&format!("<li>{}</li>", escape(item)));
    }
    if items.len() > LISTED {
        out.push_str(&format!("<li>……另有 {} 条</li>", items.len() - LISTED));
    }
    out.push_str("</ul></details>");
}

/// The report's choices: each control carries `data-choice` (read by the one change handler of the report).
pub fn choices_html(reports: &[FileReport], choices: Choices, order: Option<Order>) -> String {
    let mut out = String::from("<div class=\"intake-options\">");
    let checked = |on: bool| if on { " checked" } else { "" };
    if reports.iter().any(|r| r.rows.iter().any(|p| p.duplicate_of.is_some())) {
        out.push_str(&format!(
            "<label><input type=\"checkbox\" data-choice=\"keep-duplicates\"{}>也导入重复的项目（同一单位的同名项目）</label>",
            checked(choices.keep_duplicates)
        ));
    }
    if reports.iter().any(|r| !r.revises.is_empty()) {
        out.push_str(&format!(
            "<label><input type=\"checkbox\" data-choice=\"replace-revised\"{}>这是修改后重新报送的文件：先删除这些单位原有的项目</label>",
            checked(choices.replace_revised)
        ));
    }
    let with_fields: Vec<(usize, &FileReport)> =
        reports.iter().enumerate().filter(|(_, r)| r.refusal.is_none() && !r.table_fields.is_empty()).collect();
    let selected = |on: bool| if on { " selected" } else { "" };
    if !with_fields.is_empty() {
        out.push_str(
            "<label>推荐单位和表尾（推荐部门负责人、填报人、联系人电话、日期）：<select data-choice=\"table-fields\">",
        );
        out.push_str(&format!(
            "<option value=\"\"{}>保持表格现有的</option>",
            selected(choices.table_fields_from.is_none())
        ));
        for (i, report) in with_fields {
            out.push_str(&format!(
                "<option value=\"{i}\"{}>采用“{}”中的</option>",
                selected(choices.table_fields_from == Some(i)),
                escape(&report.name)
            ));
        }
        out.push_str("</select></label>");
    }
    out.push_str("<label>排序：<select data-choice=\"order\">");
    for (value, text, this) in [
        ("", "保持现有顺序，新项目按文件顺序排在后面", None),
        ("district", "按所在区、再按单位（同一单位的项目排在一起）", Some(Order::DistrictThenUnit)),
        ("unit", "按单位（同一单位的项目排在一起）", Some(Order::Unit)),
    ] {
        out.push_str(&format!("<option value=\"{value}\"{}>{text}</option>", selected(order == this)));
    }
    out.push_str("</select></label></div>");
    out
}

/// A choice the user made in the report: the control's `data-choice`, and its value (a checkbox: `on`/`off`).
pub fn choose(choice: &str, value: &str, choices: &mut Choices, order: &mut Option<Order>) {
    match choice {
        "keep-duplicates" => choices.keep_duplicates = value == "on",
        "replace-revised" => choices.replace_revised = value == "on",
        "table-fields" => choices.table_fields_from = value.parse().ok(),
        "order" => {
            *order = match value {
                "district" => Some(Order::DistrictThenUnit),
                "unit" => Some(Order::Unit),
                _ => None,
            }
        }
        _ => {}
    }
}
