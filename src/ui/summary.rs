//! The summary: error and warning counts (announced politely) and a list that jumps to each field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::model::FieldRef;
use crate::core::report::Severity;
use crate::ui::state::FormState;

/// The DOM id of the control a finding is about.
pub fn dom_id(row_id: Option<u64>, field: FieldRef) -> String {
    match (row_id, field) {
        (Some(id), FieldRef::Row(_, f)) => format!("f-{id}-{}", f.key()),
        (_, FieldRef::Table(t)) => format!("f-{}", t.key()),
        (None, FieldRef::Row(_, f)) => format!("f-{}", f.key()),
    }
}

/// Moves focus to a control and scrolls it into view.
pub fn focus_control(id: &str) {
    let el = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(el) = el {
        // Centred: aligned to the bottom edge (`false`), the message under the control stayed out of view.
        let opts = web_sys::ScrollIntoViewOptions::new();
        opts.set_block(web_sys::ScrollLogicalPosition::Center);
        el.scroll_into_view_with_scroll_into_view_options(&opts);
        let _ = el.focus();
    }
}

#[component]
pub fn Summary(state: FormState) -> impl IntoView {
    let counts = Memo::new(move |_| state.counts());
    let open = RwSignal::new(false);
    let list = move || {
        if !open.get() {
            return Vec::new();
        }
        state
            .all_findings()
            .into_iter()
            .map(|(row_id, i, f)| {
                let target = dom_id(row_id, f.field);
                let place = match f.field {
                    FieldRef::Row(_, rf) => format!("序号 {} · {}", i + 1, rf.label()),
                    FieldRef::Table(t) => t.label().to_string(),
                };
                let kind = if f.severity == Severity::Error { "错误" } else { "提醒" };
                let cls = if f.severity == Severity::Error { "sev-error" } else { "sev-warning" };
                view! {
                    <li class=cls>
                        <button type="button" class="link" data-action="jump"
                            on:click=move |_| match row_id.and_then(|id| state.index_of(id)) {
                                // A large table may have left the row out of the page: render it first.
                                Some(index) => {
                                    let target = target.clone();
                                    crate::ui::window::jump_to(state, index, move || focus_control(&target));
                                }
                                None => focus_control(&target),
                            }>
                            <span class="sev">{kind}</span> {place} "：" {f.message.clone()}
                        </button>
                    </li>
                }
            })
            .collect::<Vec<_>>()
    };
    view! {
        <section class="summary" aria-label="检查结果">
            <p class="counts" aria-live="polite" aria-atomic="true">
                "待修改的错误 " <strong data-issue-count>{move || counts.get().0}</strong> " 处，"
                "提醒 " <strong data-warning-count>{move || counts.get().1}</strong> " 处"
            </p>
            <details prop:open=move || open.get() on:toggle=move |e| {
                let d: web_sys::HtmlDetailsElement = event_target(&e);
                open.set(d.open());
            }>
                <summary>"查看全部问题"</summary>
                <ul class="issue-list">{list}</ul>
            </details>
        </section>
    }
}
