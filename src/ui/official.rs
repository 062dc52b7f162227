//! The official table as the paper form shows it: a read-only preview on screen and the print view.

use leptos::prelude::*;

use crate::core::check::dates::format_date;
use crate::core::edition;
use crate::core::model::TableField;
use crate::core::xlsx::layout::{ANNEX_LABEL, COLUMNS, FOOTER, RECOMMENDER_LABEL};
use crate::core::xlsx::writer as xw;
use crate::ui::state::{FormState, RowCtx};

/// One row of the official table, bound to its row's signal (a keystroke re-renders one cell). `index` is its place
/// among the official table's rows: its 序号 is `index + 1`, as [`crate::core::xlsx::layout::official_serials`]
/// numbers it.
#[component]
fn OfficialRow(row: RowCtx, index: ReadSignal<usize>) -> impl IntoView {
    // The same cell texts as the .xlsx (one function, so the paper and the file cannot differ).
    let cells = Memo::new(move |_| row.data.with(xw::data_cells));
    let cell = move |i: usize| move || cells.with(|c| c[i].clone());
    view! {
        <tr>
            <td class="num">{move || index.get() + 1}</td>
            <td>{cell(0)}</td>
            <td class="code">{cell(1)}</td>
            {(2..xw::DATA_CELLS).map(|i| view! { <td>{cell(i)}</td> }).collect_view()}
        </tr>
    }
}

/// The official table. Its body is rendered only while the preview is open or the page is printed, so a
/// thousand-row table costs nothing while typing. It holds exactly the rows the .xlsx holds, numbered as the .xlsx
/// numbers them (blank rows left out: [`crate::ui::state::Checks::official_rows`]).
#[component]
pub fn OfficialTable(open: RwSignal<bool>) -> impl IntoView {
    let state = FormState::from_context();
    let (form, checks) = (state.data, state.checks);
    let header_cells = COLUMNS
        .iter()
        .map(|c| {
            let mut lines = c.header.split('\n');
            let first = lines.next().unwrap_or_default().to_string();
            let rest: Vec<String> = lines.map(str::to_string).collect();
            view! { <th scope="col">{first}{rest.into_iter().map(|l| view! { <br/>{l} }).collect_view()}</th> }
        })
        .collect_view();
    let t = move |f: TableField| move || form.table_signal(f).get();
    // Ctrl+P (or the menu) prints too: render the body first.
    if let Some(w) = web_sys::window() {
        let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || open.set(true));
        let _ = w.add_event_listener_with_callback("beforeprint", wasm_bindgen::JsCast::unchecked_ref(cb.as_ref()));
        cb.forget();
    }
    view! {
        <section class="official" aria-label="申报表预览（打印版式）">
            <p class="official-annex">{ANNEX_LABEL}</p>
            <h2 class="official-title">{edition::current().title}</h2>
            <p class="official-recommender">{RECOMMENDER_LABEL} <span>{t(TableField::Recommender)}</span></p>
            <table class="official-table">
                <colgroup>
                    {COLUMNS.iter()
                        .map(|c| view! { <col class=format!("w{}", c.page_percent)/> }).collect_view()}
                </colgroup>
                <thead><tr>{header_cells}</tr></thead>
                <tbody>
                    <Show when=move || open.get() fallback=move || view! {
                        <tr class="preview-toggle"><td colspan="12">
                            <button type="button" class="link" data-action="show-preview" on:click=move |_| open.set(true)>
                                {move || format!("显示全部 {} 个项目的打印预览", form.rows.with(|r| r.len()))}
                            </button>
                        </td></tr>
                    }>
                        <ForEnumerate each=move || checks.official_rows() key=|r| r.id
                            children=move |index, row| view! { <OfficialRow row=row index=index/> }/>
                    </Show>
                </tbody>
            </table>
            <div class="official-footer">
                <span>{FOOTER[0].label} {t(TableField::RecommenderHead)}</span>
                <span>{FOOTER[1].label} {t(TableField::Filler)}</span>
                <span>{FOOTER[2].label} {t(TableField::FillerPhone)}</span>
                <span>{FOOTER[3].label} {move || format_date(&form.table_signal(TableField::FillDate).get())}</span>
            </div>
            <p class="official-notes">
                {edition::current().notes[0]}<br/>{edition::current().notes[1]}
            </p>
        </section>
    }
}
