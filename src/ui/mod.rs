//! Leptos components: they only wire signals to the core and the shell. The form's state ([`state::FormState`]'s
//! three parts) and the autosave ([`drafts::Drafts`]) reach every component through context.

pub mod drafts;
mod field;
mod guidance;
pub mod import;
mod intake_report;
mod official;
mod offline_copy;
pub mod reference;
mod row;
mod size_dialog;
pub mod state;
mod summary;
mod table_fields;
mod toolbar;
pub mod window;

use leptos::prelude::*;

use crate::core::limits::MAX_ROWS;
use crate::core::model::RowField;
use drafts::Drafts;
use field::control_id;
use row::{PickHtml, ProjectBlock};
use state::FormState;

/// The page title, as the heading shows it (index.html's `<title>` too: `tests/edition.rs` holds them together).
fn page_title() -> String {
    format!("{} 填报助手", crate::core::edition::current().title)
}

/// Mounts the app on `<body>`, then removes the frame index.html paints before the app starts (`#boot`): both in
/// one task, so the page never shows neither.
pub fn mount() {
    leptos::mount::mount_to_body(App);
    if let Some(boot) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("boot")) {
        boot.remove();
    }
}

#[component]
fn App() -> impl IntoView {
    let state = FormState::new();
    state.provide();
    let drafts = Drafts::new(state.data);
    provide_context(drafts);
    drafts.start();
    crate::shell::worker_client::preload();
    let refs = reference::RefState::start(state.checks);
    let preview_open = RwSignal::new(false);
    let size_for = RwSignal::new(None::<u64>);
    state.window.install();

    view! {
        <a class="skip" href="#projects">"跳到填写区"</a>
        <header class="app-header">
            <h1>{page_title()}</h1>
            <p class="tagline">"离线填写 · 随时自动保存 · 数据只留在本机"</p>
            <p class="save-status" data-save-status>{move || drafts.status.get()}</p>
        </header>
        <toolbar::Toolbar preview_open=preview_open/>
        <main id="main">
            <UpdateBanner/>
            <offline_copy::FileStorageNote/>
            <drafts::Notices/>
            <guidance::Guidance/>
            <section class="form" aria-label="申报表">
                <p class="annex">"附表"</p>
                <h2 class="form-title">{crate::core::edition::current().title}</h2>
                <table_fields::RecommenderField/>
                <Projects size_for=size_for/>
                <table_fields::FooterFields/>
            </section>
            <summary::Summary/>
            <reference::ReferencePanel refs=refs/>
            <official::OfficialTable open=preview_open/>
            <offline_copy::OfflineOffer/>
        </main>
        <size_dialog::SizeDialog open=size_for/>
    }
}

/// The banner that offers a new release once it is installed and waiting (the draft is saved before the switch).
#[component]
fn UpdateBanner() -> impl IntoView {
    let drafts = Drafts::from_context();
    let update_ready = RwSignal::new(false);
    crate::shell::sw::register(move || update_ready.set(true));
    move || {
        update_ready.get().then(|| {
            view! {
                <div class="notice info update" role="status" data-notice="update">
                    <button type="button" class="primary" data-action="apply-update" on:click=move |_| {
                        drafts.flush();
                        crate::shell::sw::apply_update();
                    }>"新版本可用，点击刷新"</button>
                </div>
            }
        })
    }
}

/// The project blocks (those the window puts on the page, between its two spacers), the undo of a delete, the
/// button that adds a project. `size_for` is set to a row's id by its 计算企业规模 link.
#[component]
fn Projects(size_for: RwSignal<Option<u64>>) -> impl IntoView {
    let FormState { data: form, window, .. } = FormState::from_context();
    let picks = PickHtml::new();
    let on_size_helper = Callback::new(move |id: u64| size_for.set(Some(id)));
    // The first row on the page, for the 序号 of the blocks (changes only when a large table scrolls).
    let win_start = Memo::new(move |_| window.range.get().0);
    let spacer = move |px: f64| format!("{}px", px.round() as i64);
    let add_row = move |_| {
        let Some(id) = form.add_row() else { return };
        // Focus the new row's first field once it is rendered (a large table renders it first).
        let last = form.rows.with_untracked(Vec::len) - 1;
        let target = control_id(Some(id), RowField::UnitName.key());
        window.jump_to(last, move || summary::focus_control(&target));
    };
    let undo = move || {
        form.last_deleted.get().map(|d| {
            view! {
                <div class="toast" role="status">
                    "已删除序号 " {d.index + 1} " 的项目。"
                    <button type="button" data-action="undo-delete" on:click=move |_| form.undo_delete()>"撤销"</button>
                </div>
            }
        })
    };
    view! {
        {move || (form.rows.with(Vec::len) > window::VIRTUAL_FROM).then(|| view! {
            <p class="hint large-table" data-large-table>
                {move || format!("共 {} 个项目。为保持流畅，只显示屏幕附近的项目；用滚动条或下方“查看全部问题”列表跳转。", form.rows.with(Vec::len))}
            </p>
        })}
        <div id="projects" class="projects" data-row-total=move || form.rows.with(Vec::len)>
            <div class="spacer" aria-hidden="true" style:height=move || spacer(window.spacers.get().0)></div>
            <ForEnumerate each=move || window.visible_rows() key=|r| r.id
                children=move |local, row| {
                    let index = Signal::derive(move || win_start.get() + local.get());
                    view! {
                        <ProjectBlock row=row index=index picks=picks.clone() on_size_helper=on_size_helper/>
                    }
                }/>
            <div class="spacer" aria-hidden="true" style:height=move || spacer(window.spacers.get().1)></div>
        </div>
        {undo}
        <button type="button" class="primary add" data-action="add-row" on:click=add_row
            disabled=move || form.is_full()>"＋ 添加项目"</button>
        {move || form.is_full().then(|| view! {
            <p class="hint" role="status" data-table-full>
                {format!("表格已有 {MAX_ROWS} 个项目，达到本工具一张表的上限，不能再添加或复制项目；请分成几张表填报。")}
            </p>
        })}
    }
}
