//! Autosave wiring: restore on start, debounced saves, flush on hide, notices for every storage failure.

use std::cell::RefCell;
use std::rc::Rc;
use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::draft::{self, Envelope};
use crate::core::intake::changes::normalized_declaration;
use crate::core::model::Declaration;
use crate::shell::files;
use crate::shell::storage::{
    self, CorruptCopy, Cut, ExternalChange, LoadOutcome, SavedInfo, Source, StorageError, Store,
};
use crate::shell::time;
use crate::ui::state::FormData;
use crate::APP_VERSION;

/// How long after the last change a save happens.
const DEBOUNCE_MS: u64 = 250;

/// A notice above the form. `Alert` ones are `role="alert"`; all stay until the user acts or they are resolved.
#[derive(Clone, PartialEq)]
enum Notice {
    /// A stored draft could not be read (or only in part): each kept text can be downloaded, as (button label, text).
    Corrupt { message: String, raws: Vec<(String, String)> },
    /// Saving does not work (no storage, full storage, …): the work lives in this page only.
    StorageProblem(String),
    /// Another tab saved newer work: load it, or keep this page's version.
    OtherTab { message: String, other: Box<Envelope> },
    /// The user typed before the stored draft was read: load the stored draft, or keep what was typed.
    TypedFirst { message: String, stored: Box<Envelope> },
    /// Plain information (e.g. where the draft came from).
    Info(String),
}

/// The autosave machinery of the form's data, shared (through context) by the toolbar (clear, import) and the notices.
#[derive(Clone, Copy)]
pub struct Drafts {
    form: FormData,
    store: StoredValue<Rc<RefCell<Store>>, LocalStorage>,
    /// Restore finished: saving may begin (never save an empty form over a stored draft not yet read).
    ready: RwSignal<bool>,
    /// The save status line: says `已保存 …` only while the latest change is saved.
    pub status: RwSignal<String>,
    /// The status line says the table is saved (so the next change must say it is not, yet).
    claims_saved: StoredValue<bool>,
    notices: RwSignal<Vec<Notice>>,
    /// Saving is paused because another tab has newer work, until the user chooses.
    paused: RwSignal<bool>,
    dirty: StoredValue<bool>,
    /// The next change is the load of a draft that is already stored (another tab's save): nothing to save.
    /// Without it two open tabs echo each other's saves back and forth for ever.
    quiet: StoredValue<bool>,
    /// The user changed the form before the stored draft was read (a slow disk): that draft is then not loaded
    /// over the typing; the user chooses ([`Notice::TypedFirst`]).
    typed_first: StoredValue<bool>,
    timer: StoredValue<Option<TimeoutHandle>, LocalStorage>,
    /// The reference beside the table (`core::history::store`'s text) when the user chose to put it in draft files
    /// (`ui::reference`'s checkbox); never in the stored draft.
    pub reference_in_file: StoredValue<Option<String>>,
}

impl Drafts {
    /// The machinery for `form`, with a store that keeps nothing until [`Drafts::start`] opens the real one.
    pub fn new(form: FormData) -> Self {
        Drafts {
            form,
            store: StoredValue::new_local(Rc::new(RefCell::new(Store::in_memory()))),
            ready: RwSignal::new(false),
            status: RwSignal::new("正在读取草稿…".to_string()),
            claims_saved: StoredValue::new(false),
            notices: RwSignal::new(Vec::new()),
            paused: RwSignal::new(false),
            dirty: StoredValue::new(false),
            reference_in_file: StoredValue::new(None),
            quiet: StoredValue::new(false),
            typed_first: StoredValue::new(false),
            timer: StoredValue::new_local(None),
        }
    }

    /// The machinery the app gave to its components (`provide_context`).
    pub fn from_context() -> Self {
        use_context().expect("the app provides the autosave")
    }

    fn store(&self) -> Rc<RefCell<Store>> {
        self.store.get_value()
    }

    /// This tab's id and save counter (for the draft file's envelope).
    pub fn writer(&self) -> (String, u64) {
        let s = self.store();
        let s = s.borrow();
        (s.tab_id().to_string(), s.seq())
    }

    /// A status that says the table as shown is stored.
    fn status_saved(&self, text: String) {
        self.claims_saved.set_value(true);
        self.status.set(text);
    }

    /// A status that says the latest change is not stored (and why).
    fn status_unsaved(&self, text: String) {
        self.claims_saved.set_value(false);
        self.status.set(text);
    }

    /// Downloads the whole table as a draft file (the way out when the browser cannot store it); the file name.
    pub fn export_file(&self) -> Result<String, String> {
        self.flush();
        let decl = self.form.declaration();
        let (writer, seq) = self.writer();
        let mut text = draft::encode_pretty(&decl, &time::now_local(), APP_VERSION, &writer, seq);
        if let Some(reference) = self.reference_in_file.get_value() {
            text = draft::with_reference(&text, &reference);
        }
        let name = draft::draft_file_name(&decl, &time::today());
        match files::download_text(&text, &name, "application/json;charset=utf-8") {
            Ok(()) => Ok(name),
            Err(_) => Err("浏览器没有开始下载，请重试。".into()),
        }
    }

    fn push(&self, n: Notice) {
        self.notices.update(|v| {
            if !v.contains(&n) {
                v.push(n)
            }
        });
    }

    fn clear_storage_problems(&self) {
        self.notices.update(|v| v.retain(|n| !matches!(n, Notice::StorageProblem(_))));
    }

    /// Saves now if anything changed since the last save.
    pub fn flush(&self) {
        if !self.ready.get_untracked() || self.paused.get_untracked() || !self.dirty.get_value() {
            return;
        }
        if let Some(h) = self.timer.get_value() {
            h.clear();
        }
        self.timer.set_value(None);
        self.save_by(Store::save);
    }

    /// Saves the table with `save` ([`Store::save`], or [`Store::save_forced`] for "keep mine") and shows the result.
    fn save_by(&self, save: fn(&mut Store, &Declaration, &str) -> Result<SavedInfo, StorageError>) {
        let decl = self.form.declaration();
        let now = time::now_local();
        let store = self.store();
        let result = save(&mut store.borrow_mut(), &decl, &now);
        match result {
            Ok(info) => {
                self.dirty.set_value(false);
                self.status_saved(format!("已保存 {}", time::hms(&info.saved_at)));
                self.clear_storage_problems();
                self.notices
                    .update(|v| v.retain(|n| !matches!(n, Notice::OtherTab { .. } | Notice::TypedFirst { .. })));
                let journal = store.borrow().journal_problem();
                if let Some(p) = journal {
                    self.push(Notice::StorageProblem(p.to_string()));
                }
            }
            Err(StorageError::NewerWorkElsewhere { other }) => {
                self.paused.set(true);
                self.status_unsaved("暂停保存：另一个标签页有更新的内容".to_string());
                let message = StorageError::NewerWorkElsewhere { other: other.clone() }.to_string();
                self.notices.update(|v| v.retain(|n| !matches!(n, Notice::OtherTab { .. })));
                self.push(Notice::OtherTab { message, other });
            }
            Err(e) => {
                // localStorage failed; the journal write was still queued. The work stays in this page.
                self.status_unsaved(format!("未能保存：{e}"));
                self.push(Notice::StorageProblem(e.to_string()));
            }
        }
    }

    /// "Keep mine": overwrite the other tab's version (it is backed up first).
    fn keep_mine(&self) {
        self.paused.set(false);
        self.dirty.set_value(true);
        self.save_by(Store::save_forced);
    }

    /// Shows a draft that is already stored (restored at start, or another tab's save): its load is no change to
    /// save, so the status keeps saying where it came from.
    ///
    /// Every value passes the normalisers on the way in, as typed and imported values do; what they changed is told
    /// (a notice listing it) and saved.
    fn load_stored(&self, env: &Envelope) {
        self.quiet.set_value(true);
        let changes = self.load_normalized(&env.declaration);
        // The autosave effect runs in a microtask, a timer after it: the flag can never swallow a later keystroke.
        let quiet = self.quiet;
        let _ = set_timeout_with_handle(move || quiet.set_value(false), Duration::ZERO);
        if changes {
            self.dirty.set_value(true);
            self.flush();
        }
    }

    /// Loads `declaration` normalised; true (and a notice saying what) when normalising changed something.
    fn load_normalized(&self, declaration: &Declaration) -> bool {
        let (declaration, changes) = normalized_declaration(declaration);
        self.form.load(&declaration);
        if changes.is_empty() {
            return false;
        }
        let shown: Vec<&str> = changes.iter().take(5).map(String::as_str).collect();
        let more = if changes.len() > 5 { format!("等 {} 处", changes.len()) } else { String::new() };
        self.push(Notice::Info(format!(
            "载入的草稿中有些内容按填写规范作了调整（内容本身没有丢失）：{}{more}。",
            shown.join("；")
        )));
        true
    }

    /// The stored draft arrived after the user began typing: it is not loaded over the typing, and nothing is saved
    /// until the user chooses to load it ([`Drafts::adopt`]) or to keep the typing ([`Drafts::keep_mine`], which backs
    /// the stored draft up first).
    fn ask_typed_first(&self, stored: Envelope) {
        self.paused.set(true);
        self.status_unsaved("暂停保存：请先选择是否载入保存的草稿".to_string());
        let message = format!(
            "浏览器中保存的草稿（{} 保存）还没读出，你就开始填写了，所以没有用它替换你刚填写的内容。请选择：载入保存的草稿\
             （替换刚填写的内容），或保留刚填写的内容（保存的草稿会先另存备份，不会丢失）。",
            time::hms(&stored.saved_at)
        );
        self.push(Notice::TypedFirst { message, stored: Box::new(stored) });
    }

    /// "Keep what I typed" after typing first: the stored draft is backed up, then the typing saved over it. A draft
    /// that cannot be backed up is not overwritten (the user is told to export the typing).
    fn keep_typing(&self, stored: &Envelope) {
        let text =
            draft::encode(&stored.declaration, &stored.saved_at, &stored.app_version, &stored.writer, stored.seq);
        let kept = self.store().borrow_mut().back_up(&text);
        match kept {
            Ok(_) => self.keep_mine(),
            Err(e) => self.push(Notice::StorageProblem(format!(
                "无法另存浏览器中保存的草稿（{e}），为免丢失，暂不覆盖它。请先点“导出草稿”把刚填写的内容存成文件。"
            ))),
        }
    }

    /// "Load the stored draft" after typing first: it replaces what was typed, as the notice said.
    fn load_stored_after_typing(&self, env: &Envelope) {
        self.take_stored(env, format!("已载入 {} 保存的草稿", time::hms(&env.saved_at)));
    }

    /// "Load the other version" (another tab's save): it replaces the table.
    pub fn adopt(&self, env: &Envelope) {
        self.take_stored(env, format!("已载入另一标签页 {} 保存的内容", time::hms(&env.saved_at)));
    }

    /// Loads a stored version the user chose over this page's (another tab's, or one read after typing began):
    /// saving resumes from it, the choice's notice goes, and the status says `status`.
    fn take_stored(&self, env: &Envelope, status: String) {
        self.store().borrow_mut().adopt(env);
        self.load_stored(env);
        self.paused.set(false);
        self.notices.update(|v| v.retain(|n| !matches!(n, Notice::OtherTab { .. } | Notice::TypedFirst { .. })));
        self.dirty.set_value(false);
        self.status_saved(status);
    }

    /// Clears the stored draft and the form; an error (and everything kept) when the stored draft could not be.
    pub fn clear(&self) -> Result<(), StorageError> {
        self.store().borrow_mut().clear()?;
        self.form.load(&Default::default());
        self.dirty.set_value(false);
        self.status_saved("已清空".to_string());
        Ok(())
    }

    /// Undoes [`Drafts::clear`] from the kept copy, if there is one that can be read.
    pub fn undo_clear(&self) {
        let copy = self.store().borrow().undo_copy();
        if let Some(Ok(env)) = copy {
            self.load_normalized(&env.declaration);
            self.dirty.set_value(true);
            self.flush();
        }
    }

    /// Replaces the form with an imported table and saves it.
    pub fn replace(&self, declaration: &Declaration) {
        self.form.load(declaration);
        self.dirty.set_value(true);
        self.flush();
    }

    /// Starts everything: restore, the autosave, the flush when the page is hidden, the watch on other tabs.
    pub fn start(self) {
        leptos::task::spawn_local(self.restore());
        self.autosave();
        self.flush_on_hide();
        self.watch_other_tabs();
    }

    /// Opens the storage, shows the stored draft (or says why there is none) and lets saving begin.
    async fn restore(self) {
        let (store, outcome) = storage::open().await;
        let problem = store.local_problem();
        self.store.set_value(Rc::new(RefCell::new(store)));
        self.show_restored(outcome);
        if let Some(p) = problem {
            self.push(Notice::StorageProblem(p.to_string()));
        }
        let drafts = self;
        self.store().borrow().on_journal_result(move |r| {
            if let Err(e) = r {
                drafts.push(Notice::StorageProblem(e.to_string()));
            }
        });
        self.ready.set(true);
        time::mark("shenbao:restored");
        // What normalising changed in the restored draft is saved now (it waited for `ready`).
        self.flush();
    }

    /// Loads and announces what [`storage::open`] found.
    fn show_restored(&self, outcome: LoadOutcome) {
        match outcome {
            LoadOutcome::Empty => self.status_saved("新表格（修改后自动保存）".into()),
            // A stored empty table has nothing to choose between: the typing stays, and is saved.
            LoadOutcome::Restored { envelope, .. }
                if self.typed_first.get_value() && !envelope.declaration.is_empty() =>
            {
                self.ask_typed_first(envelope)
            }
            LoadOutcome::Restored { envelope, .. } if self.typed_first.get_value() => {
                self.store().borrow_mut().adopt(&envelope);
                self.dirty.set_value(true);
            }
            LoadOutcome::Restored { envelope, source, cut } => {
                self.load_stored(&envelope);
                let from = match source {
                    Source::Local => "",
                    Source::Journal => "（从备用副本）",
                };
                self.status_saved(format!("已恢复 {} 保存的草稿{from}", time::hms(&envelope.saved_at)));
                if let Some(cut) = cut {
                    self.push(cut_notice(cut));
                }
            }
            LoadOutcome::Corrupt { copies, recovered } => {
                let mut message = corrupt_message(&copies);
                if let Some((env, _)) = recovered {
                    self.load_stored(&env);
                    message.push_str(&format!("已从另一份副本恢复 {} 保存的内容。", time::hms(&env.saved_at)));
                }
                let raws = copies.into_iter().map(|c| (format!("下载{}原文", source_name(c.source)), c.raw)).collect();
                self.push(Notice::Corrupt { message, raws });
                self.status_unsaved("草稿无法读取".into());
            }
            LoadOutcome::Unavailable(e) => {
                self.status_unsaved(format!("未能保存：{e}"));
                self.push(Notice::StorageProblem(e.to_string()));
            }
        }
    }

    /// Autosave: any change marks the draft dirty and (re)starts the debounce timer.
    fn autosave(self) {
        Effect::new(move |prev: Option<()>| {
            self.form.track_changes();
            if prev.is_none() || !self.ready.get() {
                if prev.is_some() && !self.quiet.get_value() {
                    // Saved once the stored draft was read (and, if it holds a table, the user chose).
                    self.typed_first.set_value(true);
                    self.dirty.set_value(true);
                }
                return;
            }
            if self.quiet.get_value() {
                self.quiet.set_value(false);
                return;
            }
            self.dirty.set_value(true);
            if self.claims_saved.get_value() {
                self.status_unsaved("正在保存…".into());
            }
            if let Some(h) = self.timer.get_value() {
                h.clear();
            }
            let h = set_timeout_with_handle(move || self.flush(), Duration::from_millis(DEBOUNCE_MS)).ok();
            self.timer.set_value(h);
        });
    }

    /// Flushes when the page is hidden or left (the debounce must not lose the last keystrokes).
    fn flush_on_hide(self) {
        if let Some(w) = web_sys::window() {
            let flush = Closure::<dyn Fn()>::new(move || self.flush());
            if let Some(d) = w.document() {
                let _ = d.add_event_listener_with_callback("visibilitychange", flush.as_ref().unchecked_ref());
            }
            let _ = w.add_event_listener_with_callback("pagehide", flush.as_ref().unchecked_ref());
            flush.forget();
        }
    }

    /// Answers another tab's save or clear of the draft: adopts a save when this page has no unsaved change, else
    /// lets the user choose; never overwrites silently.
    fn watch_other_tabs(self) {
        match storage::on_external_change(move |change| self.other_tab_changed(change)) {
            Ok(w) => w.forget(),
            Err(e) => self.push(Notice::StorageProblem(e.to_string())),
        }
    }

    fn other_tab_changed(&self, change: ExternalChange) {
        match change {
            ExternalChange::Saved(env) => {
                if self.dirty.get_value() {
                    // Both tabs have unsaved work: let the user choose; never overwrite silently.
                    self.paused.set(true);
                    let message = format!(
                        "另一个标签页在 {} 保存了不同的内容。请选择载入那个版本，或保留本页内容（覆盖那个版本，它会先被备份）。",
                        time::hms(&env.saved_at)
                    );
                    self.push(Notice::OtherTab { message, other: Box::new(env) });
                } else {
                    self.adopt(&env);
                }
            }
            ExternalChange::Cleared => {
                self.push(Notice::Info("另一个标签页清空了草稿；本页内容仍在，修改后会重新保存。".into()));
            }
            ExternalChange::Unreadable { error, .. } => {
                self.paused.set(true);
                self.push(Notice::StorageProblem(format!(
                    "另一个标签页保存了本页无法读取的草稿（{error}），本页暂停保存以免覆盖；请刷新页面。"
                )));
            }
        }
    }
}

/// Which stored copy, in words.
fn source_name(source: Source) -> &'static str {
    match source {
        Source::Local => "主副本",
        Source::Journal => "备用副本",
    }
}

/// What the alert says about unreadable stored copies.
fn corrupt_message(copies: &[CorruptCopy]) -> String {
    let mut message = String::from("浏览器中保存的草稿无法读取：");
    for c in copies {
        let kept = match &c.backup_key {
            Some(k) => format!("原文已另存（{k}）"),
            None => "原文无法另存，但不会被覆盖".into(),
        };
        message.push_str(&format!("{}（{}），{kept}；", source_name(c.source), c.error));
    }
    message.push_str("可以下载原文交给技术人员。");
    message
}

/// The alert for a stored draft restored only in part (beyond a hard cap).
fn cut_notice(cut: Cut) -> Notice {
    let what: Vec<String> = cut.errors.iter().take(3).map(ToString::to_string).collect();
    let more = if cut.errors.len() > 3 { format!("等 {} 处", cut.errors.len()) } else { String::new() };
    let kept = match &cut.backup_key {
        Some(k) => format!("完整原文已另存（{k}），不会丢失；"),
        None => "完整原文无法另存，本页不会覆盖它；".to_string(),
    };
    let message = format!(
        "浏览器中保存的草稿超出了本工具的上限（{}{more}），只载入了上限以内的内容。{kept}请下载完整原文保存好。",
        what.join("；")
    );
    Notice::Corrupt { message, raws: vec![("下载完整原文".to_string(), cut.raw)] }
}

/// A notice's key in the list: its kind and its message (no two notices on the list share both: the corrupt-copy
/// and cut notices differ in their messages, and there is one other-tab notice at a time). Not a `Debug` text: that
/// linked the `Debug` code of the whole draft (about 2 KB gzip of the page's wasm).
fn notice_key(n: &Notice) -> (u8, String) {
    match n {
        Notice::Corrupt { message, .. } => (0, message.clone()),
        Notice::StorageProblem(message) => (1, message.clone()),
        Notice::OtherTab { message, .. } => (2, message.clone()),
        Notice::TypedFirst { message, .. } => (4, message.clone()),
        Notice::Info(message) => (3, message.clone()),
    }
}

/// The notices above the form.
#[component]
pub fn Notices() -> impl IntoView {
    let drafts = Drafts::from_context();
    let dismiss = move |n: Notice| drafts.notices.update(|v| v.retain(|x| *x != n));
    view! {
        <div class="notices">
            <For each=move || drafts.notices.get() key=notice_key
                children=move |n| {
                    let n2 = n.clone();
                    match n {
                        Notice::Corrupt { message, raws } => view! {
                            <div class="notice alert" role="alert" data-notice="corrupt">
                                <p>{message}</p>
                                {raws.into_iter().enumerate().map(|(i, (label, raw))| {
                                    let action = if i == 0 { "download-raw" } else { "download-raw-2" };
                                    view! {
                                        <button type="button" data-action=action on:click=move |_| {
                                            let _ = files::download_text(&raw, &format!("无法读取的草稿-{}.txt", time::today()), "text/plain;charset=utf-8");
                                        }>{label}</button>
                                    }
                                }).collect_view()}
                                <button type="button" on:click=move |_| dismiss(n2.clone())>"知道了"</button>
                            </div>
                        }.into_any(),
                        Notice::StorageProblem(message) => view! {
                            <div class="notice alert" role="alert" data-notice="storage">
                                <p>{message}</p>
                                <p>"请用“导出草稿”把内容另存为文件，以免关闭页面后丢失。"</p>
                                <button type="button" class="primary" data-action="export-draft-now" on:click=move |_| {
                                    let _ = drafts.export_file();
                                }>"立即导出草稿"</button>
                            </div>
                        }.into_any(),
                        Notice::OtherTab { message, other } => {
                            let other2 = other.clone();
                            view! {
                                <div class="notice alert" role="alert" data-notice="other-tab">
                                    <p>{message}</p>
                                    <button type="button" data-action="load-other-tab"
                                        on:click=move |_| drafts.adopt(&other2)>"载入另一标签页的版本"</button>
                                    <button type="button" data-action="keep-mine"
                                        on:click=move |_| drafts.keep_mine()>"保留本页内容"</button>
                                </div>
                            }.into_any()
                        }
                        Notice::TypedFirst { message, stored } => {
                            let stored2 = stored.clone();
                            view! {
                                <div class="notice alert" role="alert" data-notice="typed-first">
                                    <p>{message}</p>
                                    <button type="button" data-action="load-stored"
                                        on:click=move |_| drafts.load_stored_after_typing(&stored2)>"载入保存的草稿"</button>
                                    <button type="button" data-action="keep-mine"
                                        on:click=move |_| drafts.keep_typing(&stored)>"保留刚填写的内容"</button>
                                </div>
                            }.into_any()
                        }
                        Notice::Info(message) => view! {
                            <div class="notice info" role="status" data-notice="info">
                                <p>{message}</p>
                                <button type="button" on:click=move |_| dismiss(n2.clone())>"知道了"</button>
                            </div>
                        }.into_any(),
                    }
                }/>
        </div>
    }
}
