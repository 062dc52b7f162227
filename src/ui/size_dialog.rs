//! The 企业规模 helper: asks only the figures the row's industry needs and fills the class with the core's reasoning.

use leptos::prelude::*;

use crate::core::check::size::{classify, figure_text, metrics_for, Metric, SizeInput};
use crate::core::picklists;
use crate::ui::state::FormState;

/// A typed figure as a number (see [`figure_text`]); `None` when empty or not a number.
fn parse_num(s: &str) -> Option<f64> {
    figure_text(s).map(|t| js_sys::Number::parse_float(&t))
}

/// A modal dialog for the row `row_id`; closes by setting `open` to None.
#[component]
pub fn SizeDialog(open: RwSignal<Option<u64>>) -> impl IntoView {
    let form = FormState::from_context().data;
    let employees = RwSignal::new(String::new());
    let revenue = RwSignal::new(String::new());
    let assets = RwSignal::new(String::new());
    let row = move || open.get().and_then(|id| form.rows.with(|rs| rs.iter().find(|r| r.id == id).copied()));
    let industry = move || row().map(|r| r.data.with(|d| d.industry.clone())).unwrap_or_default();
    let result = Memo::new(move |_| {
        classify(&SizeInput {
            industry: industry(),
            employees: parse_num(&employees.get()),
            revenue_wan: parse_num(&revenue.get()),
            assets_wan: parse_num(&assets.get()),
        })
    });
    let close = move || open.set(None);
    let apply = move |_| {
        if let (Some(r), Some(s)) = (row(), result.get_untracked().scale) {
            r.data.update(|d| d.scale = s.to_string());
        }
        close();
    };
    let input = move |m: Metric, sig: RwSignal<String>| {
        let id = format!("size-{}", m.label());
        view! {
            <div class="field">
                <label for=id.clone()>{format!("{}（{}）", m.label(), m.unit())}</label>
                <input id=id type="text" inputmode="decimal" prop:value=move || sig.get()
                    on:input=move |e| sig.set(event_target_value(&e))/>
            </div>
        }
    };
    view! {
        <Show when=move || open.get().is_some()>
            <div class="modal-backdrop" on:click=move |_| close()></div>
            <div class="modal" role="dialog" aria-modal="true" aria-labelledby="size-title"
                on:keydown=move |e| if e.key() == "Escape" { close() }>
                <h2 id="size-title">"计算企业规模（统计上大中小微型企业划分办法 2017）"</h2>
                {move || {
                    let ind = industry();
                    match picklists::industry_by_code(&ind) {
                        None => view! { <p class="msg">"请先在本项目中选择“所属行业”，不同行业的划分标准不同。"</p> }.into_any(),
                        Some(i) => {
                            let ms = metrics_for(&ind);
                            view! {
                                <p>"所属行业：" {i.code} " " {i.name}</p>
                                <div class="grid">
                                    {ms.contains(&Metric::Employees).then(|| input(Metric::Employees, employees))}
                                    {ms.contains(&Metric::Revenue).then(|| input(Metric::Revenue, revenue))}
                                    {ms.contains(&Metric::Assets).then(|| input(Metric::Assets, assets))}
                                </div>
                            }.into_any()
                        }
                    }
                }}
                <p class="size-result" aria-live="polite" data-size-result>
                    <strong>{move || result.get().scale.unwrap_or("尚不能确定")}</strong>
                    "　" {move || result.get().explanation}
                </p>
                <div class="actions">
                    <button type="button" data-action="cancel" on:click=move |_| close()>"取消"</button>
                    <button type="button" class="primary" data-action="apply-size"
                        disabled=move || result.get().scale.is_none() on:click=apply>"填入企业规模"</button>
                </div>
            </div>
        </Show>
    }
}
