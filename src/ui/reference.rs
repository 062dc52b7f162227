//! The reference beside the table: earlier years' tables (the 雷同 check on 项目名称) and the units expected to send
//! theirs (who has not yet). Kept in IndexedDB under its own key ([`idb::REFERENCE_RECORD`]); never part of the
//! declaration, the draft or the official table.

use leptos::prelude::*;

use crate::core::check::normalize::{normalize_credit_code, normalize_text, Lines};
use crate::core::history::expected::{self, dedupe, from_rows, missing_text, parse_list, ExpectedUnit, Status};
use crate::core::history::index::{Earlier, HistoryIndex};
use crate::core::history::store::{self, year_of_title, RefFile, Reference};
use crate::core::intake::kind::{kind_of, FileKind};
use crate::core::intake::text::decode;
use crate::core::model::ProjectRow;
use crate::shell::files;
use crate::shell::idb::{self, Record, REFERENCE_RECORD};
use crate::ui::drafts::Drafts;
use crate::ui::import::Read;
use crate::ui::intake_report::escape;
use crate::ui::state::{Checks, FormData, FormState};
use wasm_bindgen::JsCast;

/// The reference and what its panel shows.
#[derive(Clone, Copy)]
pub struct RefState {
    /// The earlier years' files and the expected units (one signal: each change is an import or a click).
    pub reference: RwSignal<Reference>,
    /// What the last action did (`true`: it went well).
    pub message: RwSignal<Option<(bool, String)>>,
    /// Whether the reference as shown is stored (`saved`), being stored (`saving`, `loading`), or could not be
    /// (`error`).
    pub saved: RwSignal<String>,
    /// Set once the stored reference was read: nothing is stored before, so a slow read never loses it.
    loaded: StoredValue<bool>,
    /// The stored text could not be read: it is kept, never written over, for the life of the page.
    keep_stored: StoredValue<bool>,
    /// Export draft files with the reference in them (the user's choice, off by default).
    in_draft_file: RwSignal<bool>,
}

thread_local! {
    /// The page's reference, for a draft file that carries one (read by the import, outside any component).
    static REFERENCE: std::cell::Cell<Option<RefState>> = const { std::cell::Cell::new(None) };
}

/// Adds the reference a draft file carries (`file` is its name) to the one kept: its earlier years' files (a file of
/// the same name replaced) and its expected units.
pub fn adopt(text: &str, file: &str) {
    let Some(state) = REFERENCE.with(std::cell::Cell::get) else { return };
    match store::decode(text) {
        Ok(r) => {
            state.reference.update(|mine| merge(mine, r));
            state.message.set(Some((true, format!("已从草稿文件“{file}”读入其中的历年项目与应报单位名单。"))));
        }
        Err(e) => state.message.set(Some((false, format!("草稿文件“{file}”中的参考资料无法读取（{e}），已忽略。")))),
    }
}

impl RefState {
    /// Reads the stored reference, then keeps the earlier years' index of the checks and the store up to date.
    pub fn start(checks: Checks) -> RefState {
        let state = RefState {
            reference: RwSignal::new(Reference::default()),
            message: RwSignal::new(None),
            saved: RwSignal::new("loading".into()),
            loaded: StoredValue::new(false),
            keep_stored: StoredValue::new(false),
            in_draft_file: RwSignal::new(false),
        };
        REFERENCE.with(|r| r.set(Some(state)));
        // The index is rebuilt when the reference changes (an import, a removal, a year given), never per keystroke;
        // then the reference is stored.
        Effect::new(move |_| {
            let index = {
                let _timing = crate::shell::time::Measure::start("history-index", "history-index-start");
                HistoryIndex::new(state.reference.with(Reference::earlier))
            };
            checks.set_history(index);
            if state.loaded.get_value() && !state.keep_stored.get_value() {
                state.save(state.reference.with_untracked(store::encode));
            }
        });
        leptos::task::spawn_local(async move { state.load().await });
        state
    }

    async fn load(self) {
        match idb::read(REFERENCE_RECORD).await {
            Ok(Some(Record { text: Some(text), .. })) => match store::decode(&text) {
                Ok(stored) => {
                    self.loaded.set_value(true);
                    // Anything imported while the store was being read is kept, after what was stored.
                    self.reference.update(|mine| {
                        let mut all = stored;
                        merge(&mut all, std::mem::take(mine));
                        *mine = all;
                    });
                    self.saved.set("saved".into());
                }
                Err(e) => {
                    self.keep_stored.set_value(true);
                    self.saved.set("error".into());
                    self.message
                        .set(Some((false, format!("{e}：已保存的参考资料保持原样，本次打开期间的更改不会保存。"))));
                }
            },
            Ok(_) => self.saved.set("saved".into()),
            Err(e) => {
                self.saved.set("error".into());
                self.message
                    .set(Some((false, format!("浏览器存储不可用（{}），参考资料只在本次打开期间有效。", e.name))));
            }
        }
        self.loaded.set_value(true);
    }

    fn save(self, text: String) {
        self.saved.set("saving".into());
        let record = Record { seq: 0, saved_at: String::new(), text: Some(text) };
        leptos::task::spawn_local(async move {
            match idb::put(REFERENCE_RECORD, &record).await {
                Ok(()) => self.saved.set("saved".into()),
                Err(e) => {
                    self.saved.set("error".into());
                    self.message.set(Some((false, format!("参考资料未能保存（{}），请稍后再试。", e.name))));
                }
            }
        });
    }
}

/// Adds `more` to `reference`: its files (one of the same name replaced) and its expected units (each once).
fn merge(reference: &mut Reference, more: Reference) {
    for f in more.files {
        reference.files.retain(|old| old.name != f.name);
        reference.files.push(f);
    }
    reference.expected = dedupe(reference.expected.drain(..).chain(more.expected));
}

/// The files chosen in an input (the input is emptied, so the same file can be chosen again).
fn chosen(e: &leptos::ev::Event) -> Vec<web_sys::File> {
    let input: web_sys::HtmlInputElement = event_target(e);
    let list = input.files();
    let out = list.map(|l| (0..l.length()).filter_map(|i| l.get(i)).collect()).unwrap_or_default();
    input.set_value("");
    out
}

/// A table's rows and title from a file (read as the intake reads it).
async fn read_rows(name: &str, bytes: Vec<u8>) -> Result<(Vec<ProjectRow>, String), String> {
    Ok(match crate::ui::import::read_table(name, bytes).await? {
        Read::Draft(env) => (env.declaration.rows, String::new()),
        Read::Table(t) => (t.rows.into_iter().map(|r| r.project).collect(), t.title),
    })
}

/// One earlier year's file: its projects, and its year from its title (else from its name; else asked).
async fn read_history(file: web_sys::File) -> Result<RefFile, String> {
    let name = file.name();
    let bytes = files::read_file_bytes(file).await?;
    let (rows, title) = read_rows(&name, bytes).await?;
    let year = year_of_title(&title).or_else(|| year_of_title(&name));
    let projects: Vec<Earlier> = rows
        .iter()
        .filter(|r| !r.project_name.trim().is_empty())
        .map(|r| Earlier {
            year,
            unit_name: normalize_text(&r.unit_name, Lines::One),
            credit_code: normalize_credit_code(&r.credit_code),
            project_name: normalize_text(&r.project_name, Lines::One),
        })
        .collect();
    if projects.is_empty() {
        return Err("没有读到项目名称".into());
    }
    Ok(RefFile { name, year, projects })
}

/// A text file in a legacy Chinese encoding, decoded by the browser.
fn gb18030(bytes: &[u8]) -> Option<String> {
    let decoder = web_sys::TextDecoder::new_with_label("gb18030").ok()?;
    decoder.decode_with_u8_array(bytes).ok()
}

/// One file of expected units: a table's units (any file the intake reads), else a text list (one unit a line).
async fn read_expected(file: web_sys::File) -> Result<Vec<ExpectedUnit>, String> {
    let name = file.name();
    let bytes = files::read_file_bytes(file).await?;
    let kind = kind_of(&name, &bytes);
    match read_rows(&name, bytes.clone()).await {
        Ok((rows, _)) => Ok(from_rows(&rows)),
        Err(_) if kind == FileKind::Text => {
            let text = decode(&bytes).or_else(|| gb18030(&bytes)).ok_or("无法识别该文本文件的编码")?;
            Ok(parse_list(&text))
        }
        Err(e) => Err(format!("{e}。也可以把名单复制后粘贴到下方")),
    }
    .and_then(|units| if units.is_empty() { Err("没有读到单位名称或信用代码".into()) } else { Ok(units) })
}

impl RefState {
    fn import_history(self, chosen: Vec<web_sys::File>) {
        leptos::task::spawn_local(async move {
            let mut said = Vec::new();
            for file in chosen {
                let name = file.name();
                self.message.set(Some((true, format!("正在读取“{name}”…"))));
                match read_history(file).await {
                    Ok(f) => {
                        let (units, projects) = (f.unit_count(), f.projects.len());
                        let year = f.year.map_or_else(|| "年份未识别，请在列表中填写".into(), |y| format!("{y}年"));
                        said.push(format!("“{name}”：{year}，{units} 个单位、{projects} 个项目"));
                        // A file of the same name replaces the one kept before.
                        self.reference.update(|r| {
                            r.files.retain(|old| old.name != f.name);
                            r.files.push(f);
                        });
                    }
                    Err(e) => said.push(format!("“{name}”无法作为历年项目导入：{e}")),
                }
            }
            self.message.set(Some((true, format!("{}。", said.join("；")))));
        });
    }

    fn import_expected(self, chosen: Vec<web_sys::File>) {
        leptos::task::spawn_local(async move {
            let mut said = Vec::new();
            for file in chosen {
                let name = file.name();
                match read_expected(file).await {
                    Ok(units) => {
                        said.push(format!("“{name}”：{} 个单位", units.len()));
                        self.add_expected(units);
                    }
                    Err(e) => said.push(format!("“{name}”无法作为名单导入：{e}")),
                }
            }
            self.message.set(Some((true, format!("{}。", said.join("；")))));
        });
    }

    fn add_expected(self, units: Vec<ExpectedUnit>) {
        self.reference.update(|r| r.expected = dedupe(r.expected.drain(..).chain(units)));
    }
}

/// The panel: earlier years' files and the expected units with who has sent. The lists are HTML text (as the
/// intake report is: Leptos views of them cost several KB of the page's wasm) with one click and one change
/// handler each.
#[component]
pub fn ReferencePanel(refs: RefState) -> impl IntoView {
    let FormState { data: form, checks, .. } = FormState::from_context();
    let drafts = Drafts::from_context();
    // What 导出草稿 adds to the file: the reference, when the user chose it and there is one.
    Effect::new(move |_| {
        let text = refs.reference.with(|r| (refs.in_draft_file.get() && !r.is_empty()).then(|| store::encode(r)));
        drafts.reference_in_file.set_value(text);
    });
    // Who has sent: re-matched when the list changes or some row's unit (or title) changes.
    let status = move || {
        let list = refs.reference.with(|r| r.expected.clone());
        checks.track_units();
        (!list.is_empty()).then(|| expected::status(&list, &units(form)))
    };
    let files_html = move || refs.reference.with(|r| history_html(&r.files));
    let expected_html = move || status().as_ref().map(status_html).unwrap_or_default();
    // One click and one change handler for the whole panel (its controls are HTML text: see `PANEL_*`).
    let on_click = move |e: leptos::ev::MouseEvent| {
        let Some((action, index)) = action_of(&e) else { return };
        if action == "use-expected-text" {
            refs.use_pasted(&e);
        }
        refs.act(&action, index, || untrack(status).map(|s| missing_text(&s.missing)));
    };
    let on_change = move |e: leptos::ev::Event| {
        let Some((action, index)) = action_of(&e) else { return };
        match action.as_str() {
            "import-history" => refs.import_history(chosen(&e)),
            "import-expected" => refs.import_expected(chosen(&e)),
            "include-reference" => refs.in_draft_file.set(event_target_checked(&e)),
            "set-history-year" => {
                let year = event_target_value(&e).trim().parse::<u16>().ok().filter(|y| (1990..=2099).contains(y));
                refs.reference.update(|r| r.files.iter_mut().skip(index).take(1).for_each(|f| f.set_year(year)));
            }
            _ => {}
        }
    };
    view! {
        <section class="reference" aria-label="历年项目与应报单位" data-reference-status=move || refs.saved.get()
            on:click=on_click on:change=on_change>
            {move || refs.message.get().map(|(ok, text)| view! {
                <p class=if ok { "notice info" } else { "notice alert" } role="status" data-reference-message>{text}</p>
            })}
            <div inner_html=PANEL_HISTORY></div>
            <div inner_html=files_html></div>
            <div inner_html=PANEL_EXPECTED></div>
            <div inner_html=expected_html></div>
            <div inner_html=PANEL_DRAFT></div>
        </section>
    }
}

/// The panel's fixed parts, as HTML text (a Leptos view of them cost more of the page's wasm).
const PANEL_HISTORY: &str = "<h2>历年项目与应报单位</h2>\
<p class=\"hint\">这些资料只保存在本机浏览器中，不会写入申报表或导出的表格。</p>\
<h3>历年项目（查“不得与历年项目雷同”）</h3>\
<label class=\"file-pick\">导入往年的申报表或汇总表（可多选）：\
<input type=\"file\" multiple accept=\".xlsx,.xls,.et,.ods,.docx,.csv,.txt,.json\" data-action=\"import-history\"></label>";
const PANEL_EXPECTED: &str = "<h3>应报单位（谁还没有报送）</h3>\
<label class=\"file-pick\">导入应报单位名单（.xlsx、.xls、.csv、.txt，可多选）：\
<input type=\"file\" multiple accept=\".xlsx,.xls,.et,.ods,.csv,.txt\" data-action=\"import-expected\"></label>\
<label class=\"paste\">或粘贴名单（每行一个单位名称或统一社会信用代码）：\
<textarea rows=\"3\" data-expected-paste></textarea></label>\
<button type=\"button\" data-action=\"use-expected-text\">添加到名单</button>";
const PANEL_DRAFT: &str = "<label class=\"check\"><input type=\"checkbox\" data-action=\"include-reference\" \
data-include-reference>导出草稿时包含这些资料（便于换一台电脑继续；默认不包含）</label>";

impl RefState {
    /// 添加到名单: the pasted list's units are added and the box emptied.
    fn use_pasted(self, e: &leptos::ev::MouseEvent) {
        let area = e
            .current_target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
            .and_then(|panel| panel.query_selector("[data-expected-paste]").ok().flatten())
            .and_then(|el| el.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
        let Some(area) = area else { return };
        let units = parse_list(&area.value());
        let said = match units.len() {
            0 => "没有读到单位：请每行写一个单位名称或统一社会信用代码。".to_string(),
            n => format!("名单添加了 {n} 个单位（重复的只算一次）。"),
        };
        self.message.set(Some((!units.is_empty(), said)));
        self.add_expected(units);
        area.set_value("");
    }
}

/// The `data-action` and `data-index` of the element an event came from (or its closest ancestor with an action).
fn action_of(e: &leptos::ev::Event) -> Option<(String, usize)> {
    let target: web_sys::Element = e.target()?.dyn_into().ok()?;
    let el = target.closest("[data-action]").ok()??;
    let index = el.get_attribute("data-index").and_then(|i| i.parse().ok()).unwrap_or(0);
    Some((el.get_attribute("data-action")?, index))
}

/// Whether the user confirms `question` (the browser's own dialog: a removal here has no 撤销).
fn confirmed(question: &str) -> bool {
    web_sys::window().is_some_and(|w| w.confirm_with_message(question).unwrap_or(false))
}

impl RefState {
    /// A button of the lists: remove an earlier year's file, copy or save the units not yet sent, clear the list.
    fn act(self, action: &str, index: usize, missing: impl Fn() -> Option<String>) {
        match action {
            "remove-history" => {
                let name = self.reference.with_untracked(|r| r.files.get(index).map(|f| f.name.clone()));
                if name.is_some_and(|n| confirmed(&format!("移除历年项目“{n}”？移除后要用时需重新导入。")))
                {
                    self.reference.update(|r| {
                        r.files.remove(index);
                    });
                }
            }
            "copy-missing" => {
                let ok = missing().is_some_and(|text| copy_text(&text));
                let said = if ok {
                    "已复制未报送单位名单。"
                } else {
                    "浏览器不允许复制，请用“下载名单”。"
                };
                self.message.set(Some((ok, said.into())));
            }
            "download-missing" => {
                if let Some(text) = missing() {
                    let _ = files::download_text(&text, "未报送单位名单.txt", "text/plain;charset=utf-8");
                }
            }
            "clear-expected" if confirmed("清空应报单位名单？清空后要用时需重新导入或粘贴。") => {
                self.reference.update(|r| r.expected.clear())
            }
            _ => {}
        }
    }
}

/// Puts text on the clipboard (`navigator.clipboard.writeText`); whether the browser offered it.
fn copy_text(text: &str) -> bool {
    web_sys::window()
        .and_then(|w| js_sys::Reflect::get(&w.navigator(), &"clipboard".into()).ok())
        .filter(|c| !c.is_undefined())
        .and_then(|c| {
            let write = js_sys::Reflect::get(&c, &"writeText".into()).ok()?;
            js_sys::Function::from(write).call1(&c, &text.into()).ok()
        })
        .is_some()
}

/// The unit of every row, read without subscribing to each.
fn units(form: FormData) -> Vec<ExpectedUnit> {
    form.rows.with_untracked(|rs| {
        rs.iter()
            .map(|r| {
                r.data
                    .with_untracked(|d| ExpectedUnit { name: d.unit_name.clone(), credit_code: d.credit_code.clone() })
            })
            .collect()
    })
}

/// The earlier years' files: year (or a box to give it), name, units and projects, a remove button.
fn history_html(files: &[RefFile]) -> String {
    let mut out = String::from("<ul class=\"history-files\">");
    for (i, f) in files.iter().enumerate() {
        let year = match f.year {
            Some(y) => format!("<span data-history-year>{y}年</span>"),
            None => format!(
                "<label>年份未识别，请填写：<input type=\"number\" min=\"1990\" max=\"2099\" \
                 data-action=\"set-history-year\" data-index=\"{i}\"></label>"
            ),
        };
        out.push_str(&format!(
            "<li data-history-file=\"{name}\">{year} · {name} · {} 个单位、{} 个项目 \
             <button type=\"button\" class=\"link\" data-action=\"remove-history\" data-index=\"{i}\">移除</button></li>",
            f.unit_count(),
            f.projects.len(),
            name = escape(&f.name)
        ));
    }
    out.push_str("</ul>");
    out
}

/// Who has sent, who has not (copy or save the list), and units not on the list, with counts.
fn status_html(s: &Status) -> String {
    let item = |label: &str, code: &str, more: String| format!("<li>{} {}{more}</li>", escape(label), escape(code));
    let missing: String = s.missing.iter().map(|u| item(u.label(), &u.credit_code, String::new())).collect();
    let sent: String = s.sent.iter().map(|(u, n)| item(u.label(), "", format!("：{n} 个项目"))).collect();
    let unlisted: String =
        s.unlisted.iter().map(|u| item(&u.name, &u.credit_code, format!("：{} 个项目", u.rows))).collect();
    let (m, n, x) = (s.missing.len(), s.sent.len(), s.unlisted.len());
    let open = if m > 0 { " open" } else { "" };
    format!(
        "<p class=\"expected-counts\">名单 {} 个单位：已报送 <b data-expected-sent>{n}</b>，未报送 \
         <b data-expected-missing>{m}</b>；不在名单中的单位 <b data-expected-unlisted>{x}</b>。</p>\
         <details{open}><summary>未报送（{m}）</summary><ul data-expected-missing-list>{missing}</ul>\
         <button type=\"button\" data-action=\"copy-missing\">复制名单</button> \
         <button type=\"button\" data-action=\"download-missing\">下载名单（.txt）</button></details>\
         <details><summary>已报送（{n}）</summary><ul>{sent}</ul></details>\
         <details><summary>不在名单中（{x}）</summary><ul>{unlisted}</ul></details>\
         <button type=\"button\" class=\"link\" data-action=\"clear-expected\">清空名单</button>",
        n + m
    )
}
