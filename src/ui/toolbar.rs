//! The actions bar: export .xlsx, print, draft file export, import of drafts and .xlsx tables (see `ui::import`),
//! clear; the status line under it and the confirmations they need.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::intake::plan::{self, Apply, Choices, FileReport, TableNow};
use crate::core::model::FieldRef;
use crate::core::order::Order;
use crate::core::report::Severity;
use crate::shell::{files, worker_client};
use crate::ui::drafts::Drafts;
use crate::ui::import::{self, Outcome, Reading, CANCELLED};
use crate::ui::intake_report;
use crate::ui::state::{Checks, FormData, FormState};

/// Where the table goes: an .xlsx file, or the printer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Output {
    Xlsx,
    Print,
}

/// What a confirmation is about.
#[derive(Clone, Debug, PartialEq)]
enum Ask {
    /// Export or print with errors left: the list of errors.
    WithErrors { output: Output, errors: Vec<String> },
    /// The intake report of the chosen files: apply (append, or replace a non-empty table) or cancel.
    Intake(Vec<FileReport>),
    /// Clear the whole table.
    Clear,
}

const XLSX_MIME: &str = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/// The toolbar's own state, shared by its parts.
#[derive(Clone, Copy)]
struct Bar {
    form: FormData,
    checks: Checks,
    drafts: Drafts,
    preview_open: RwSignal<bool>,
    ask: RwSignal<Option<Ask>>,
    reading: Reading,
    /// The last action's result: (it went well, what happened).
    result: RwSignal<Option<(bool, String)>>,
    /// The table was just cleared (the status line offers to undo it).
    cleared: RwSignal<bool>,
    /// What the user chose in the intake report.
    choices: RwSignal<Choices>,
    /// How to order the merged table (`None`: in the order the files were chosen).
    order: RwSignal<Option<Order>>,
    /// The last applied intake report, reachable until the next import.
    last_report: RwSignal<Option<Vec<FileReport>>>,
}

impl Bar {
    fn new(preview_open: RwSignal<bool>) -> Self {
        let state = FormState::from_context();
        Bar {
            form: state.data,
            checks: state.checks,
            drafts: Drafts::from_context(),
            preview_open,
            ask: RwSignal::new(None),
            reading: Reading { busy: RwSignal::new(None), cancelled: StoredValue::new(false) },
            result: RwSignal::new(None),
            cleared: RwSignal::new(false),
            choices: RwSignal::new(Choices::default()),
            order: RwSignal::new(None),
            last_report: RwSignal::new(None),
        }
    }

    fn busy(&self) -> bool {
        self.reading.busy.get().is_some()
    }

    fn say(&self, outcome: Outcome) {
        match outcome {
            Outcome::Done(m) => self.result.set(Some((true, m))),
            Outcome::Failed(m) => self.result.set(Some((false, m))),
            Outcome::Report(reports) => {
                let from = plan::default_table_fields_from(self.form.table_now(), &reports);
                self.choices.set(Choices { table_fields_from: from, ..Choices::default() });
                self.last_report.set(None);
                self.ask.set(Some(Ask::Intake(reports)));
            }
        }
    }

    /// Every error of the table, as the confirmation lists it.
    fn errors(&self) -> Vec<String> {
        self.checks
            .all_findings()
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| match f.field {
                FieldRef::Row(i, rf) => format!("序号 {} · {}：{}", i + 1, rf.label(), f.message),
                FieldRef::Table(t) => format!("{}：{}", t.label(), f.message),
            })
            .collect()
    }

    /// Export or print: every finding shows; with errors left, ask first.
    fn start(self, output: Output) {
        self.checks.reveal_everything();
        let errors = untrack(|| self.errors());
        if errors.is_empty() {
            self.output(output);
        } else {
            self.ask.set(Some(Ask::WithErrors { output, errors }));
        }
    }

    fn output(self, output: Output) {
        match output {
            Output::Print => print_page(self.preview_open),
            Output::Xlsx => leptos::task::spawn_local(self.export()),
        }
    }

    async fn export(self) {
        let busy = self.reading.busy;
        busy.set(Some("正在生成 Excel 文件…".into()));
        let decl = self.form.declaration();
        // The creation time inside the file is UTC, as the xlsx format expects.
        let created: String =
            js_sys::Date::new_0().to_iso_string().as_string().unwrap_or_default().chars().take(19).collect();
        let outcome = worker_client::export_xlsx(decl, &created).await;
        busy.set(None);
        match outcome {
            Ok((bytes, name)) => match files::download_bytes(&bytes, &name, XLSX_MIME) {
                Ok(()) => self.result.set(Some((true, format!("已导出：{name}")))),
                Err(_) => self.result.set(Some((false, "浏览器没有开始下载，请重试。".into()))),
            },
            Err(e) => self.result.set(Some((false, format!("导出失败：{e}")))),
        }
    }

    fn export_draft(&self) {
        match self.drafts.export_file() {
            Ok(name) => self.result.set(Some((true, format!("已导出草稿文件：{name}")))),
            Err(e) => self.result.set(Some((false, e))),
        }
    }

    /// One file: load it (asking before replacing a non-empty table, with the choice to merge instead). Several
    /// files (a recommending unit collecting its enterprises' drafts or .xlsx tables): all are read and checked
    /// first; if any cannot be read nothing changes, else their projects are appended in the order chosen.
    fn import_chosen(self, e: leptos::ev::Event) {
        let input: web_sys::HtmlInputElement = event_target(&e);
        let Some(list) = input.files() else { return };
        let chosen: Vec<web_sys::File> = (0..list.length()).filter_map(|i| list.get(i)).collect();
        input.set_value("");
        leptos::task::spawn_local(async move {
            if let Some(outcome) = import::import(chosen, self.reading, self.form).await {
                self.say(outcome);
            }
        });
    }

    /// The dialog's "merge": the asked file's rows are appended.
    fn merge(self) {
        if let Some(Ask::Intake(reports)) = self.ask.get_untracked() {
            self.apply_intake(reports, Apply::Append);
        }
    }

    /// Applies the intake report the user was shown; it stays reachable below the toolbar.
    fn apply_intake(self, reports: Vec<FileReport>, how: Apply) {
        self.ask.set(None);
        let (choices, order) = (self.choices.get_untracked(), self.order.get_untracked());
        self.say(import::apply(&reports, how, choices, order, self.form, self.drafts));
        self.last_report.set(Some(reports));
    }

    fn confirm(self) {
        let Some(a) = self.ask.get_untracked() else { return };
        self.ask.set(None);
        match a {
            // Let the dialog close before the print dialog takes over.
            Ask::WithErrors { output: Output::Print, .. } => {
                request_animation_frame(move || self.output(Output::Print))
            }
            Ask::WithErrors { output: Output::Xlsx, .. } => self.output(Output::Xlsx),
            Ask::Intake(reports) => {
                let how = match self.form.table_now() {
                    TableNow::Empty => Apply::Append,
                    TableNow::WithContent => Apply::Replace,
                };
                self.apply_intake(reports, how);
            }
            Ask::Clear => match self.drafts.clear() {
                Ok(()) => self.cleared.set(true),
                Err(e) => self.result.set(Some((false, format!("未能清空：{e}")))),
            },
        }
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
pub fn Toolbar(preview_open: RwSignal<bool>) -> impl IntoView {
    let bar = Bar::new(preview_open);
    view! {
        <nav class="toolbar" aria-label="操作">
            <button type="button" class="primary" data-action="export-xlsx" on:click=move |_| bar.start(Output::Xlsx)
                disabled=move || bar.busy()>"导出 Excel"</button>
            <button type="button" data-action="print" on:click=move |_| bar.start(Output::Print)>"打印"</button>
            <span class="spacer"></span>
            // From a file the browser's store is the only copy (see offline_copy.rs): the draft file is the backup.
            <button type="button" class:primary=crate::shell::page_kind::runs_from_file() data-action="export-draft"
                on:click=move |_| bar.export_draft()>"导出草稿"</button>
            <label class="file" title="本工具导出的草稿文件（.json）、Excel 或 WPS 表格（.xlsx、.xls、.et、.ods）、Word 表格（.docx）、CSV；可一次选择多个，先看导入报告再合并">"导入文件"
                <input type="file" data-action="import-draft" multiple on:change=move |e| bar.import_chosen(e)
                    disabled=move || bar.busy()
                    accept=".json,application/json,.xlsx,.xls,.et,.ods,.csv,.txt,.docx,.doc,.wps,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,application/vnd.openxmlformats-officedocument.wordprocessingml.document,text/csv"/>
            </label>
            <button type="button" class="danger" data-action="clear-draft" on:click=move |_| bar.ask.set(Some(Ask::Clear))>"清空"</button>
        </nav>
        <StatusLine bar=bar/>
        <LastReport bar=bar/>
        <Confirm bar=bar/>
    }
}

/// What is going on (a read, with its 取消), the last result, and the undo of a clear.
#[component]
fn StatusLine(bar: Bar) -> impl IntoView {
    let Bar { reading, result, cleared, drafts, .. } = bar;
    view! {
        <div class="status-line" role="status" aria-live="polite">
            {move || reading.busy.get()}
            {move || reading.busy.get().is_some_and(|b| b.starts_with("正在读取")).then(|| view! {
                <button type="button" class="link" data-action="cancel-read" on:click=move |_| {
                    reading.cancelled.set_value(true);
                    worker_client::cancel(CANCELLED);
                }>"取消"</button>
            })}
            {move || result.get().map(|(ok, m)| view! { <span class=if ok { "ok" } else { "bad" } data-result>{m}</span> })}
            {move || cleared.get().then(|| view! {
                <span>"已清空。" <button type="button" class="link" data-action="undo-clear"
                    on:click=move |_| { drafts.undo_clear(); cleared.set(false); }>"撤销"</button></span>
            })}
        </div>
    }
}

/// The confirmation dialog, while there is something to ask; it opens with the safe choice focused.
#[component]
fn Confirm(bar: Bar) -> impl IntoView {
    let ask = bar.ask;
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
    move || {
        ask.get().map(|a| {
            let intake = matches!(a, Ask::Intake(_));
            let can_merge = intake && bar.form.table_now() == TableNow::WithContent;
            let (title, body, ok) = texts(a, bar);
            view! {
                <div class="modal-backdrop"></div>
                <div class="modal" class:intake=intake role="alertdialog" aria-modal="true" aria-labelledby="confirm-title"
                    data-import-report=intake.then_some("")
                    on:keydown=move |e| if e.key() == "Escape" { ask.set(None) }>
                    <h2 id="confirm-title">{title}</h2>
                    {body}
                    <div class="actions">
                        <button type="button" data-action="cancel" on:click=move |_| ask.set(None) autofocus>
                            {if intake { "取消（不导入）" } else { "返回修改" }}
                        </button>
                        {can_merge.then(|| view! {
                            <button type="button" data-action="merge" on:click=move |_| bar.merge()>"追加到当前表格（合并）"</button>
                        })}
                        <button type="button" class="primary" data-action="confirm" on:click=move |_| bar.confirm()>{ok}</button>
                    </div>
                </div>
            }
        })
    }
}

/// A confirmation's title, body and primary button.
fn texts(a: Ask, bar: Bar) -> (String, AnyView, &'static str) {
    match a {
        Ask::WithErrors { output, errors } => {
            let verb = if output == Output::Print { "打印" } else { "导出" };
            (
                format!("还有 {} 处错误", errors.len()),
                view! {
                    <p>"以下问题尚未修改。建议先修改再" {verb} "；也可以仍然继续。"</p>
                    <ul>{errors.into_iter().map(|e| view! { <li>{e}</li> }).collect_view()}</ul>
                }
                .into_any(),
                if output == Output::Print { "仍然打印" } else { "仍然导出" },
            )
        }
        Ask::Intake(reports) => {
            let empty = bar.form.table_now() == TableNow::Empty;
            let files = reports.len();
            (
                format!("导入报告：{files} 个文件"),
                view! {
                    <p>{if empty {
                        "请查看每个文件读到的内容，再点“导入”。"
                    } else {
                        "当前表格中已有内容。可以把读到的项目追加到表格末尾，或用它们替换当前表格（建议先“导出草稿”备份）。"
                    }}</p>
                    <IntakeBody bar=bar reports=reports/>
                }
                .into_any(),
                if empty { "导入" } else { "替换当前表格" },
            )
        }
        Ask::Clear => (
            "清空全部内容？".into(),
            view! { <p>"将清空表格中的全部内容和浏览器中保存的草稿。清空后可以撤销一次。"</p> }.into_any(),
            "清空",
        ),
    }
}

/// The intake report's body: its choices and one entry per file, as HTML ([`intake_report`]); a change of a choice
/// (one handler for all: `data-choice` says which) rebuilds it.
#[component]
fn IntakeBody(bar: Bar, reports: Vec<FileReport>) -> impl IntoView {
    let (choices, order) = (bar.choices, bar.order);
    let reports = StoredValue::new(reports);
    let on_change = move |e: leptos::ev::Event| {
        let Some(el) = e.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok()) else { return };
        let Some(choice) = el.get_attribute("data-choice") else { return };
        let value = match el.dyn_ref::<web_sys::HtmlInputElement>() {
            Some(input) if input.type_() == "checkbox" => if input.checked() { "on" } else { "off" }.to_string(),
            _ => el.dyn_ref::<web_sys::HtmlSelectElement>().map(|s| s.value()).unwrap_or_default(),
        };
        let (mut c, mut o) = (choices.get_untracked(), order.get_untracked());
        intake_report::choose(&choice, &value, &mut c, &mut o);
        choices.set(c);
        order.set(o);
    };
    let html = move || {
        reports.with_value(|r| {
            let (c, o) = (choices.get(), order.get());
            intake_report::choices_html(r, c, o) + &intake_report::files_html(r, c.keep_duplicates)
        })
    };
    view! { <div class="intake-body" on:change=on_change inner_html=html></div> }
}

/// The last applied intake report, reachable until the next import.
#[component]
fn LastReport(bar: Bar) -> impl IntoView {
    let last = bar.last_report;
    move || {
        last.get().map(|reports| {
            let html = intake_report::files_html(&reports, bar.choices.get_untracked().keep_duplicates);
            view! {
                <details class="import-report" data-import-report>
                    <summary>{format!("上次导入的报告（{} 个文件）", reports.len())}</summary>
                    <div inner_html=html></div>
                    <button type="button" class="link" data-action="close-report" on:click=move |_| last.set(None)>"关闭报告"</button>
                </details>
            }
        })
    }
}
