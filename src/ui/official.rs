//! The official table as the paper form shows it: a read-only preview on screen and the print view.

use leptos::prelude::*;

use crate::core::model::{ProjectRow, TableField};
use crate::core::picklists;
use crate::ui::state::{FormState, RowCtx};

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

/// One row of the official table, bound to its row's signal (a keystroke re-renders one cell).
#[component]
fn OfficialRow(row: RowCtx, index: ReadSignal<usize>) -> impl IntoView {
    let d = row.data;
    let cell = move |f: fn(&ProjectRow) -> String| move || d.with(f);
    view! {
        <tr>
            <td class="num">{move || index.get() + 1}</td>
            <td>{cell(|r| r.unit_name.clone())}</td>
            <td class="code">{cell(|r| r.credit_code.clone())}</td>
            <td>{cell(|r| picklists::industry_by_code(&r.industry).map(|x| x.name.to_string()).unwrap_or_else(|| r.industry.clone()))}</td>
            <td>{cell(|r| r.district.clone())}</td>
            <td>{cell(|r| r.scale.clone())}</td>
            <td>{cell(|r| if r.ownership == picklists::OWNERSHIP_OTHER && !r.ownership_other.trim().is_empty() {
                format!("其他（{}）", r.ownership_other.trim())
            } else {
                r.ownership.clone()
            })}</td>
            <td>{cell(|r| r.project_name.clone())}</td>
            <td>{cell(|r| r.topic_type.clone())}</td>
            <td>{cell(|r| format!("{} {}", r.leader_name, r.leader_phone).trim().to_string())}</td>
            <td>{cell(|r| r.email.clone())}</td>
            <td>{cell(|r| r.remarks.clone())}</td>
        </tr>
    }
}

/// The official table. Its body is rendered only while the preview is open or the page is printed, so a
/// thousand-row table costs nothing while typing.
#[component]
pub fn OfficialTable(state: FormState, open: RwSignal<bool>) -> impl IntoView {
    let header_cells = HEADERS
        .iter()
        .map(|h| {
            let mut lines = h.split('\n');
            let first = lines.next().unwrap_or_default().to_string();
            let rest: Vec<String> = lines.map(str::to_string).collect();
            view! { <th scope="col">{first}{rest.into_iter().map(|l| view! { <br/>{l} }).collect_view()}</th> }
        })
        .collect_view();
    let t = move |f: TableField| move || state.table_signal(f).get();
    // Ctrl+P (or the menu) prints too: render the body first.
    if let Some(w) = web_sys::window() {
        let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || open.set(true));
        let _ = w.add_event_listener_with_callback("beforeprint", wasm_bindgen::JsCast::unchecked_ref(cb.as_ref()));
        cb.forget();
    }
    view! {
        <section class="official" aria-label="申报表预览（打印版式）">
            <p class="official-annex">"附表"</p>
            <h2 class="official-title">"2021年天津市质量攻关重点项目申报表"</h2>
            <p class="official-recommender">"推荐单位(公章):" <span>{t(TableField::Recommender)}</span></p>
            <table class="official-table">
                <colgroup>
                    {[4, 13, 13, 9, 6, 6, 8, 14, 7, 10, 7, 3].into_iter()
                        .map(|w| view! { <col class=format!("w{w}")/> }).collect_view()}
                </colgroup>
                <thead><tr>{header_cells}</tr></thead>
                <tbody>
                    <Show when=move || open.get() fallback=move || view! {
                        <tr class="preview-toggle"><td colspan="12">
                            <button type="button" class="link" data-action="show-preview" on:click=move |_| open.set(true)>
                                {move || format!("显示全部 {} 个项目的打印预览", state.rows.with(|r| r.len()))}
                            </button>
                        </td></tr>
                    }>
                        <ForEnumerate each=move || state.rows.get() key=|r| r.id
                            children=move |index, row| view! { <OfficialRow row=row index=index/> }/>
                    </Show>
                </tbody>
            </table>
            <div class="official-footer">
                <span>"推荐部门负责人:" {t(TableField::RecommenderHead)}</span>
                <span>"填报人:" {t(TableField::Filler)}</span>
                <span>"联系人电话:" {t(TableField::FillerPhone)}</span>
                <span>"日期:" {move || chinese_date(&state.table_signal(TableField::FillDate).get())}</span>
            </div>
            <p class="official-notes">
                "注: (1) 此表由申报单位填写完成后汇总至推荐单位, 由推荐单位统一报送;"<br/>
                "(2) 推荐单位需递交纸质版《2021年天津市质量攻关重点项目申报表》(加盖公章), 同时电子版发送指定邮箱。"
            </p>
        </section>
    }
}
