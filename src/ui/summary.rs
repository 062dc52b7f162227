//! The summary: error and warning counts (announced politely) and a list that jumps to each field.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::model::FieldRef;
use crate::core::report::Severity;
use crate::ui::field::control_id;
use crate::ui::state::{FormData, FormState};
use crate::ui::window::RowWindow;

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

/// Focuses the control a finding is about; a large table may have left its row out of the page: it is rendered
/// first.
fn jump(form: FormData, window: RowWindow, field: FieldRef) {
    match field {
        FieldRef::Row(i, rf) => {
            let Some(id) = form.rows.with_untracked(|rs| rs.get(i).map(|r| r.id)) else { return };
            let target = control_id(Some(id), rf.key());
            window.jump_to(i, move || focus_control(&target));
        }
        FieldRef::Table(t) => focus_control(&control_id(None, t.key())),
    }
}

/// The counts, and the list of every finding (built only while it is open; rebuilt only when a finding changed).
#[component]
pub fn Summary() -> impl IntoView {
    let FormState { data: form, checks, window } = FormState::from_context();
    let counts = Memo::new(move |_| checks.counts());
    let open = RwSignal::new(false);
    let findings = Memo::new(move |_| if open.get() { checks.all_findings() } else { Vec::new() });
    let list = move || {
        findings
            .get()
            .into_iter()
            .map(|f| {
                let place = match f.field {
                    FieldRef::Row(i, rf) => format!("序号 {} · {}", i + 1, rf.label()),
                    FieldRef::Table(t) => t.label().to_string(),
                };
                let kind = if f.severity == Severity::Error { "错误" } else { "提醒" };
                let cls = if f.severity == Severity::Error { "sev-error" } else { "sev-warning" };
                view! {
                    <li class=cls>
                        <button type="button" class="link" data-action="jump" on:click=move |_| jump(form, window, f.field)>
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
