//! The actions bar: export .xlsx, print, draft file export, import of drafts and .xlsx tables, clear; and the
//! confirmations they need.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::draft;
use crate::core::limits::{MAX_ROWS, MAX_TABLE_BYTES};
use crate::core::model::{Declaration, FieldRef};
use crate::core::report::Severity;
use crate::shell::{files, worker_client};
use crate::ui::drafts::Drafts;
use crate::ui::state::FormState;

/// What a confirmation is about.
#[derive(Clone, Debug, PartialEq)]
enum Ask {
    /// Export or print with errors left: the list of errors.
    WithErrors { print: bool, errors: Vec<String> },
    /// Replace a non-empty table with an imported draft.
    Replace(Box<draft::Envelope>),
    /// Clear the whole table.
    Clear,
}

/// What a cancelled read says.
const CANCELLED: &str = "已取消读取";

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// An imported table as an envelope with unknown save information.
fn envelope_of(declaration: Declaration) -> draft::Envelope {
    draft::Envelope {
        from_version: draft::CURRENT_VERSION,
        saved_at: String::new(),
        app_version: String::new(),
        writer: String::new(),
        seq: 0,
        declaration,
    }
}

/// Why importing `envs` would take the table beyond a hard cap (rows, or the size of its draft), in a sentence with
/// the numbers; `None` when it fits. `kept_rows` are the current rows a merge keeps ([`FormState::kept_on_append`];
/// a replace keeps none, but the larger figure is the one that must fit: the user may choose to merge).
fn over_caps(current: &Declaration, kept_rows: usize, envs: &[draft::Envelope]) -> Option<String> {
    let incoming: usize = envs.iter().map(|e| e.declaration.rows.len()).sum();
    if kept_rows + incoming > MAX_ROWS {
        return Some(format!(
            "导入后表格将有 {} 个项目（现有 {kept_rows} 个，文件中 {incoming} 个），超过本工具一张表最多 {MAX_ROWS} 个项目的上限，没有导入。请分成几张表分别填报。",
            kept_rows + incoming
        ));
    }
    let bytes: usize = draft::encode(current, "", "", "", 0).len()
        + envs.iter().map(|e| draft::encode(&e.declaration, "", "", "", 0).len()).sum::<usize>();
    (bytes > MAX_TABLE_BYTES).then(|| {
        format!(
            "导入后表格的内容约 {} MB，超过本工具一张表最多 {} MB 的上限，没有导入。",
            bytes / (1024 * 1024),
            MAX_TABLE_BYTES / (1024 * 1024)
        )
    })
}

async fn do_export(state: FormState, busy: RwSignal<Option<String>>, result: RwSignal<Option<(bool, String)>>) {
    busy.set(Some("正在生成 Excel 文件…".into()));
    let decl = state.declaration_untracked();
    // The creation time inside the file is UTC, as the xlsx format expects.
    let created: String =
        js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default().chars().take(19).collect();
    let outcome = worker_client::export_xlsx(decl, &created).await;
    busy.set(None);
    match outcome {
        Ok((bytes, name)) => match files::download_bytes(&bytes, &name, XLSX_MIME) {
            Ok(()) => result.set(Some((true, format!("已导出：{name}")))),
            Err(_) => result.set(Some((false, "浏览器没有开始下载，请重试。".into()))),
        },
        Err(e) => result.set(Some((false, format!("导出失败：{e}")))),
    }
}

/// Opens the print dialog once the official table's body is rendered.
fn print_page(preview_open: RwSignal<bool>) {
    preview_open.set(true);
    request_animation_frame(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.print();
        }
    });
}

#[component]
pub fn Toolbar(state: FormState, drafts: Drafts, preview_open: RwSignal<bool>) -> impl IntoView {
    let ask = RwSignal::new(None::<Ask>);
    let busy = RwSignal::new(None::<String>);
    let result = RwSignal::new(None::<(bool, String)>);
    let cleared = RwSignal::new(false);

    let errors_list = move || {
        state
            .all_findings()
            .into_iter()
            .filter(|(_, _, f)| f.severity == Severity::Error)
            .map(|(_, i, f)| match f.field {
                FieldRef::Row(_, rf) => format!("序号 {} · {}：{}", i + 1, rf.label(), f.message),
                FieldRef::Table(t) => format!("{}：{}", t.label(), f.message),
            })
            .collect::<Vec<_>>()
    };
    let start = move |print: bool| {
        state.reveal_everything();
        let errors = untrack(errors_list);
        if errors.is_empty() {
            if print {
                print_page(preview_open);
            } else {
                leptos::task::spawn_local(do_export(state, busy, result));
            }
        } else {
            ask.set(Some(Ask::WithErrors { print, errors }));
        }
    };
    let export_draft = move |_| match drafts.export_file(state) {
        Ok(name) => result.set(Some((true, format!("已导出草稿文件：{name}")))),
        Err(e) => result.set(Some((false, e))),
    };
    // One file: load it (asking before replacing a non-empty table, with the choice to merge instead).
    // Several files (a recommending unit collecting its enterprises' drafts or .xlsx tables): all are read and
    // checked first; if any cannot be read nothing changes, else their projects are appended in the order chosen.
    // A draft file (.json) is decoded here; an .xlsx (the official table, from this tool or typed in Excel/WPS) is
    // read by the export worker, which has the zip and XML reader.
    // Set by 取消 while a file is read; checked after each step of the read (the worker may not have it yet).
    let cancelled = StoredValue::new(false);
    let import_draft = move |e: leptos::ev::Event| {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(list) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        if chosen.is_empty() {
            return;
        }
        cancelled.set_value(false);
        leptos::task::spawn_local(async move {
            let mut envs = Vec::new();
            let mut xlsx_files = 0usize;
            for file in chosen.iter().cloned() {
                let name = file.name();
                let read = if files::is_xlsx_name(&name) {
                    xlsx_files += 1;
                    busy.set(Some(format!("正在读取“{name}”…")));
                    let read = match files::read_file_bytes(file).await {
                        Ok(_) if cancelled.get_value() => Err(CANCELLED.to_string()),
                        Ok(bytes) => worker_client::read_file(name.clone(), bytes)
                            .await
                            .map(|table| envelope_of(table.into_declaration()))
                            .map_err(|e| e.to_string()),
                        Err(e) => Err(e),
                    };
                    busy.set(None);
                    read.map_err(|e| format!("Excel 文件“{name}”无法导入：{e}"))
                } else {
                    match files::read_file_text(file).await {
                        Ok(text) => draft::decode(&text).map_err(|e| format!("草稿文件“{name}”无法导入：{e}")),
                        Err(e) => Err(format!("无法读取文件“{name}”：{e}")),
                    }
                };
                match read {
                    Ok(env) => envs.push(env),
                    Err(e) => {
                        result.set(Some((false, format!("{e}。当前内容没有改变。"))));
                        return;
                    }
                }
            }
            // The hard caps of the table, checked on what the import would make before anything changes.
            let current = state.declaration_untracked();
            if let Some(problem) = over_caps(&current, state.kept_on_append(), &envs) {
                result.set(Some((false, format!("{problem}当前内容没有改变。"))));
                return;
            }
            let what = match xlsx_files {
                0 => "草稿文件",
                n if n == envs.len() => "Excel 文件",
                _ => "文件",
            };
            let empty = current.is_empty();
            if envs.len() == 1 {
                let env = envs.remove(0);
                if empty {
                    drafts.replace(state, &env);
                    result.set(Some((true, format!("已导入{what}（{} 个项目）", env.declaration.rows.len()))));
                } else {
                    ask.set(Some(Ask::Replace(Box::new(env))));
                }
                return;
            }
            let files_n = envs.len();
            let mut iter = envs.into_iter();
            if empty {
                if let Some(first) = iter.next() {
                    drafts.replace(state, &first);
                }
            }
            for env in iter {
                // `over_caps` checked the whole import above, counting rows as `append_rows` does.
                if !state.append_rows(&env.declaration.rows) {
                    result.set(Some((
                        false,
                        format!("合并后将超过本工具一张表最多 {MAX_ROWS} 个项目的上限，后面的文件没有合并。"),
                    )));
                    return;
                }
            }
            let total = state.rows.with_untracked(|r| r.len());
            result.set(Some((true, format!("已合并 {files_n} 个{what}，表格现有 {total} 个项目（序号已重新编排）"))));
        });
    };
    let merge = move |_| {
        if let Some(Ask::Replace(env)) = ask.get_untracked() {
            ask.set(None);
            let n = env.declaration.rows.len();
            if state.append_rows(&env.declaration.rows) {
                result.set(Some((true, format!("已把 {n} 个项目追加到表格末尾（序号已重新编排）"))));
            } else {
                result.set(Some((
                    false,
                    format!("追加后将超过本工具一张表最多 {MAX_ROWS} 个项目的上限，没有追加。当前内容没有改变。"),
                )));
            }
        }
    };
    let confirm = move |_| {
        let Some(a) = ask.get_untracked() else { return };
        ask.set(None);
        match a {
            Ask::WithErrors { print: true, .. } => {
                // Let the dialog close before the print dialog takes over.
                request_animation_frame(move || print_page(preview_open));
            }
            Ask::WithErrors { print: false, .. } => leptos::task::spawn_local(do_export(state, busy, result)),
            Ask::Replace(env) => {
                drafts.replace(state, &env);
                result.set(Some((true, format!("已用导入的文件替换表格（{} 个项目）", env.declaration.rows.len()))));
            }
            Ask::Clear => match drafts.clear(state) {
                Ok(()) => cleared.set(true),
                Err(e) => result.set(Some((false, format!("未能清空：{e}")))),
            },
        }
    };
    let cancel = move |_| ask.set(None);
    let dialog = move || {
        ask.get().map(|a| {
            let is_replace = matches!(a, Ask::Replace(_));
            let (title, body, ok): (String, AnyView, &str) = match a {
                Ask::WithErrors { print, errors } => (
                    format!("还有 {} 处错误", errors.len()),
                    view! {
                        <p>"以下问题尚未修改。建议先修改再" {if print { "打印" } else { "导出" }} "；也可以仍然继续。"</p>
                        <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                    }
                    .into_any(),
                    if print { "仍然打印" } else { "仍然导出" },
                ),
                Ask::Replace(env) => (
                    "用导入的文件替换当前内容？".into(),
                    view! { <p>"当前表格中已有内容。可以用导入文件中的 " {env.declaration.rows.len()} " 个项目替换它（建议先“导出草稿”备份当前内容），或把它们追加到表格末尾。"</p> }.into_any(),
                    "替换",
                ),
                Ask::Clear => (
                    "清空全部内容？".into(),
                    view! { <p>"将清空表格中的全部内容和浏览器中保存的草稿。清空后可以撤销一次。"</p> }.into_any(),
                    "清空",
                ),
            };
            view! {
                <div class="modal-backdrop"></div>
                <div class="modal" role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                    on:keydown=move |e| if e.key() == "Escape" { ask.set(None) }>
                    <h2 id="confirm-title">{title}</h2>
                    {body}
                    <div class="actions">
                        <button type="button" data-action="cancel" on:click=cancel autofocus>"返回修改"</button>
                        {is_replace.then(|| view! {
                            <button type="button" data-action="merge" on:click=merge>"追加到当前表格（合并）"</button>
                        })}
                        <button type="button" class="primary" data-action="confirm" on:click=confirm>{ok}</button>
                    </div>
                </div>
            }
        })
    };
    // Focus the safe choice when a confirmation opens.
    Effect::new(move |_| {
        if ask.get().is_some() {
            request_animation_frame(|| {
                if let Some(el) = web_sys::window()
                    .and_then(|w| w.document())
                    .and_then(|d| d.query_selector(".modal [data-action=cancel]").ok().flatten())
                    .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
                {
                    let _ = el.focus();
                }
            });
        }
    });

    view! {
        <nav class="toolbar" aria-label="操作">
            <button type="button" class="primary" data-action="export-xlsx" on:click=move |_| start(false)
                disabled=move || busy.get().is_some()>"导出 Excel"</button>
            <button type="button" data-action="print" on:click=move |_| start(true)>"打印"</button>
            <span class="spacer"></span>
            <button type="button" data-action="export-draft" on:click=export_draft>"导出草稿"</button>
            <label class="file" title="本工具导出的草稿文件（.json）或 Excel 申报表（.xlsx）；可一次选择多个，合并成一张表">"导入草稿 / Excel"
                <input type="file" data-action="import-draft" multiple on:change=import_draft
                    disabled=move || busy.get().is_some()
                    accept=".json,application/json,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"/>
            </label>
            <button type="button" class="danger" data-action="clear-draft" on:click=move |_| ask.set(Some(Ask::Clear))>"清空"</button>
        </nav>
        <div class="status-line" role="status" aria-live="polite">
            {move || busy.get()}
            {move || busy.get().is_some_and(|b| b.starts_with("正在读取")).then(|| view! {
                <button type="button" class="link" data-action="cancel-read" on:click=move |_| {
                    cancelled.set_value(true);
                    worker_client::cancel(CANCELLED);
                }>"取消"</button>
            })}
            {move || result.get().map(|(ok, m)| view! { <span class=if ok { "ok" } else { "bad" } data-result>{m}</span> })}
            {move || cleared.get().then(|| view! {
                <span>"已清空。" <button type="button" class="link" data-action="undo-clear"
                    on:click=move |_| { drafts.undo_clear(state); cleared.set(false); }>"撤销"</button></span>
            })}
        </div>
        {dialog}
    }
}
