//! The official table as the paper form shows it: a read-only preview on screen and the print view.

use leptos::prelude::*;

use crate::core::picklists;
use crate::core::Declaration;

/// The 12 column headers of the official table; `\n` is where the printed form breaks the line.
pub const HEADERS: [&str; 12] = [
    "序号",
    "申报单位名称\n(与公章一致)",
    "统一社会信用代码",
    "所属行业",
    "所在区",
    "企业规模",
    "企业性质",
    "项目名称",
    "课题类型\n(问题解决型、创新型)",
    "项目及负责人及联系方式",
    "电子邮箱",
    "备注",
];

/// `2021-04-09` → `2021年4月9日`; anything else as typed.
fn chinese_date(iso: &str) -> String {
    let parts: Vec<&str> = iso.split('-').collect();
    match parts.as_slice() {
        [y, m, d] => match (y.parse::<u32>(), m.parse::<u32>(), d.parse::<u32>()) {
            (Ok(y), Ok(m), Ok(d)) => format!("{y}年{m}月{d}日"),
            _ => iso.to_string(),
        },
        _ => iso.to_string(),
    }
}

#[component]
pub fn OfficialTable(decl: Signal<Declaration>) -> impl IntoView {
    let header_cells = HEADERS
        .iter()
        .map(|h| {
            let mut lines = h.split('\n');
            let first = lines.next().unwrap_or_default().to_string();
            let rest: Vec<String> = lines.map(str::to_string).collect();
            view! { <th scope="col">{first}{rest.into_iter().map(|l| view! { <br/>{l} }).collect_view()}</th> }
        })
        .collect_view();
    let body = move || {
        decl.with(|d| {
            d.rows
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let industry = picklists::industry_by_code(&r.industry)
                        .map(|x| x.name.to_string())
                        .unwrap_or_else(|| r.industry.clone());
                    let ownership = if r.ownership == picklists::OWNERSHIP_OTHER && !r.ownership_other.trim().is_empty() {
                        format!("其他（{}）", r.ownership_other.trim())
                    } else {
                        r.ownership.clone()
                    };
                    let leader = format!("{} {}", r.leader_name, r.leader_phone).trim().to_string();
                    view! {
                        <tr>
                            <td class="num">{i + 1}</td>
                            <td>{r.unit_name.clone()}</td>
                            <td class="code">{r.credit_code.clone()}</td>
                            <td>{industry}</td>
                            <td>{r.district.clone()}</td>
                            <td>{r.scale.clone()}</td>
                            <td>{ownership}</td>
                            <td>{r.project_name.clone()}</td>
                            <td>{r.topic_type.clone()}</td>
                            <td>{leader}</td>
                            <td>{r.email.clone()}</td>
                            <td>{r.remarks.clone()}</td>
                        </tr>
                    }
                })
                .collect_view()
        })
    };
    view! {
        <section class="official" aria-label="申报表预览（打印版式）">
            <p class="official-annex">"附表"</p>
            <h2 class="official-title">"2021年天津市质量攻关重点项目申报表"</h2>
            <p class="official-recommender">"推荐单位(公章):" <span>{move || decl.with(|d| d.recommender.clone())}</span></p>
            <table class="official-table">
                <thead><tr>{header_cells}</tr></thead>
                <tbody>{body}</tbody>
            </table>
            <div class="official-footer">
                <span>"推荐部门负责人:" {move || decl.with(|d| d.recommender_head.clone())}</span>
                <span>"填报人:" {move || decl.with(|d| d.filler.clone())}</span>
                <span>"联系人电话:" {move || decl.with(|d| d.filler_phone.clone())}</span>
                <span>"日期:" {move || decl.with(|d| chinese_date(&d.fill_date))}</span>
            </div>
            <p class="official-notes">
                "注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;"<br/>
                "(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。"
            </p>
        </section>
    }
}
