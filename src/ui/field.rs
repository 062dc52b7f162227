//! One labelled control with its validation state and message: IME-safe text inputs and native selects.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;

use crate::ui::intake_report::escape;
use wasm_bindgen::JsCast;

use crate::core::report::{Finding, Fix};
use crate::ui::state::{view_state, ViewState};

/// The DOM id of a control (the testing contract): `f-{row id}-{key}` for a row's field, `f-{key}` for a table field.
/// Its message element is `{id}-msg`.
pub fn control_id(row_id: Option<u64>, key: &str) -> String {
    match row_id {
        Some(id) => format!("f-{id}-{key}"),
        None => format!("f-{key}"),
    }
}

/// Everything a control needs, as signals and callbacks; built by the row and table components.
#[derive(Clone)]
pub struct Binding {
    /// The control `name` of the testing contract.
    pub name: &'static str,
    /// The DOM id ([`control_id`]); the message element is `<id>-msg`.
    pub id: String,
    pub label: &'static str,
    pub value: Signal<String>,
    pub set: Callback<String>,
    /// The value after the field loses focus (the core's normalisation).
    pub normalize: Callback<String, String>,
    pub findings: Signal<Vec<Finding>>,
    pub touched: Signal<bool>,
    pub touch: Callback<()>,
    pub row_touched: Signal<bool>,
    pub reveal_all: Signal<bool>,
    pub on_fix: Callback<Fix>,
    pub required: bool,
    pub hint: Option<&'static str>,
}

impl Binding {
    /// The DOM id of the control's message element.
    fn msg_id(&self) -> String {
        format!("{}-msg", self.id)
    }
}

/// The kind of text control.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextKind {
    Text,
    Tel,
    Email,
    Date,
    Area,
}

fn state_of(b: &Binding) -> Memo<(ViewState, Option<Finding>)> {
    let (value, findings, touched, reveal_all, row_touched) =
        (b.value, b.findings, b.touched, b.reveal_all, b.row_touched);
    Memo::new(move |_| {
        let revealed = touched.get() || reveal_all.get();
        value.with(|v| findings.with(|fs| view_state(v, fs, revealed, row_touched.get())))
    })
}

/// The attributes every control carries: id, name, the message's id, `data-state`, `aria-invalid`, required.
struct ControlAttrs<S, I> {
    id: String,
    name: &'static str,
    msg_id: String,
    data_state: S,
    invalid: I,
    required: bool,
}

fn control_attrs(
    b: &Binding,
    st: Memo<(ViewState, Option<Finding>)>,
) -> ControlAttrs<impl Fn() -> &'static str + Copy, impl Fn() -> Option<&'static str> + Copy> {
    ControlAttrs {
        id: b.id.clone(),
        name: b.name,
        msg_id: b.msg_id(),
        data_state: move || st.get().0.as_str(),
        invalid: move || (st.get().0 == ViewState::Error).then_some("true"),
        required: b.required,
    }
}

/// The label, the control (given as children), the message and the one-click fix.
#[component]
fn Shell(b: Binding, st: Memo<(ViewState, Option<Finding>)>, children: Children) -> impl IntoView {
    let msg_id = b.msg_id();
    let on_fix = b.on_fix;
    let fix_button = move || {
        st.get().1.and_then(|f| f.fix).map(|fix| {
            let label = fix.label.clone();
            view! {
                <button type="button" class="fix" data-action="apply-fix"
                    on:click=move |_| on_fix.run(fix.clone())>{label}</button>
            }
        })
    };
    view! {
        <div class="field" class:field-error=move || st.get().0 == ViewState::Error
             class:field-warning=move || st.get().0 == ViewState::Warning>
            <label for=b.id.clone()>
                {b.label}
                {b.required.then(|| view! { <span class="req" aria-hidden="true">"*"</span> })}
            </label>
            {children()}
            {b.hint.map(|h| view! { <p class="hint">{h}</p> })}
            <p class="msg" id=msg_id>
                {move || st.get().1.map(|f| f.message).unwrap_or_default()}
            </p>
            {fix_button}
        </div>
    }
}

/// An IME-safe text control: nothing is judged or written back between `compositionstart` and
/// `compositionend`; Enter that confirms a candidate does nothing; the normalised value is shown on blur.
#[component]
pub fn TextField(
    b: Binding,
    #[prop(default = TextKind::Text)] kind: TextKind,
    /// The id of a `<datalist>` of suggestions.
    #[prop(optional)]
    list: Option<&'static str>,
) -> impl IntoView {
    let st = state_of(&b);
    let composing = StoredValue::new(false);
    let set = b.set;
    let normalize = b.normalize;
    let touch = b.touch;
    let value = b.value;

    let on_input = move |e: ev::Event| {
        let composing_now = e.dyn_ref::<web_sys::InputEvent>().is_some_and(|ie| ie.is_composing());
        if !composing.get_value() && !composing_now {
            set.run(event_target_value(&e));
        }
    };
    let on_comp_start = move |_: ev::CompositionEvent| composing.set_value(true);
    let on_comp_end = move |e: ev::CompositionEvent| {
        composing.set_value(false);
        set.run(event_target_value(&e));
    };
    let on_blur = move |e: ev::FocusEvent| {
        // Some IMEs never fire compositionend: leaving the field ends the composition.
        composing.set_value(false);
        let raw = event_target_value(&e);
        let norm = normalize.run(raw);
        set.run(norm);
        touch.run(());
    };
    // A control takes at most one cell's worth of text (`maxlength`, counted in UTF-16 units by the browser, so never
    // more characters than `limits::MAX_CELL_CHARS`); a paste that would go beyond it is cut by the browser, so say so
    // rather than cut silently.
    let paste_cut = RwSignal::new(None::<u32>);
    let on_paste = move |e: ev::ClipboardEvent| paste_cut.set(paste_overflow(&e));
    let on_keydown = move |e: ev::KeyboardEvent| {
        if e.key() == "Enter" && (e.is_composing() || e.key_code() == 229 || composing.get_value()) {
            e.stop_propagation();
        }
    };
    let ControlAttrs { id, name, msg_id, data_state, invalid, required } = control_attrs(&b, st);
    let control = match kind {
        TextKind::Area => view! {
            <textarea id=id name=name rows="2" aria-describedby=msg_id data-state=data_state aria-invalid=invalid
                aria-required=required.then_some("true")
                prop:value=move || value.get()
                maxlength=crate::core::limits::MAX_CELL_CHARS on:paste=on_paste
                on:input=on_input on:compositionstart=on_comp_start on:compositionend=on_comp_end
                on:blur=on_blur on:keydown=on_keydown></textarea>
        }
        .into_any(),
        _ => {
            let (ty, mode, ac) = match kind {
                TextKind::Tel => ("tel", Some("tel"), Some("tel")),
                TextKind::Email => ("text", Some("email"), Some("email")),
                TextKind::Date => ("date", None, None),
                _ => ("text", None, None),
            };
            view! {
                <input id=id name=name type=ty inputmode=mode autocomplete=ac list=list aria-describedby=msg_id
                    data-state=data_state aria-invalid=invalid aria-required=required.then_some("true")
                    spellcheck="false" maxlength=crate::core::limits::MAX_CELL_CHARS on:paste=on_paste
                    prop:value=move || value.get()
                    on:input=on_input on:compositionstart=on_comp_start on:compositionend=on_comp_end
                    on:blur=on_blur on:keydown=on_keydown/>
            }
            .into_any()
        }
    };
    view! {
        <Shell b=b st=st>
            {control}
            {move || paste_cut.get().map(|n| view! {
                <p class="msg paste-cut" role="status" data-paste-cut>
                    {format!("粘贴的内容有 {n} 字，一个单元格最多 {} 字，超出的部分没有粘贴进来。", crate::core::limits::MAX_CELL_CHARS)}
                </p>
            })}
        </Shell>
    }
}

/// The pasted text's length when it would take the control beyond its `maxlength` (the browser keeps only what
/// fits), else `None`.
fn paste_overflow(e: &ev::ClipboardEvent) -> Option<u32> {
    let pasted = e.clipboard_data()?.get_data("text").ok()?;
    let target = e.target()?;
    let num = |k: &str| js_sys::Reflect::get(&target, &k.into()).ok().and_then(|v| v.as_f64()).unwrap_or(0.0);
    let value = js_sys::Reflect::get(&target, &"value".into()).ok()?.as_string()?;
    let kept = value.encode_utf16().count() as f64 - (num("selectionEnd") - num("selectionStart"));
    let incoming = pasted.encode_utf16().count() as f64;
    (kept + incoming > crate::core::limits::MAX_CELL_CHARS as f64).then(|| pasted.chars().count() as u32)
}

/// Options of a native `<select>`: flat, or grouped (`<optgroup>`).
#[derive(Clone)]
pub enum Options {
    Flat(Vec<(String, String)>),
    Grouped(Vec<(String, Vec<(String, String)>)>),
}

impl Options {
    /// The options as HTML (built once and shared: a thousand rows must not cost a thousand option trees).
    pub fn to_html(&self) -> String {
        let mut out = String::from("<option value=\"\">请选择…</option>");
        let opt = |out: &mut String, v: &str, t: &str| {
            out.push_str(&format!("<option value=\"{}\">{}</option>", escape(v), escape(t)));
        };
        match self {
            Options::Flat(items) => items.iter().for_each(|(v, t)| opt(&mut out, v, t)),
            Options::Grouped(groups) => {
                for (label, items) in groups {
                    out.push_str(&format!("<optgroup label=\"{}\">", escape(label)));
                    items.iter().for_each(|(v, t)| opt(&mut out, v, t));
                    out.push_str("</optgroup>");
                }
            }
        }
        out
    }
}

thread_local! {
    /// One parsed `<template>` per options list: a thousand selects clone it instead of parsing HTML again.
    static TEMPLATES: std::cell::RefCell<Vec<(usize, web_sys::HtmlTemplateElement)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// A fresh copy of the options of `html` (parsed once per list).
fn options_fragment(html: &std::sync::Arc<str>) -> Option<web_sys::Node> {
    let key = std::sync::Arc::as_ptr(html) as *const u8 as usize;
    TEMPLATES.with(|t| {
        let mut t = t.borrow_mut();
        if !t.iter().any(|(k, _)| *k == key) {
            let tpl = web_sys::window()?
                .document()?
                .create_element("template")
                .ok()?
                .dyn_into::<web_sys::HtmlTemplateElement>()
                .ok()?;
            tpl.set_inner_html(html);
            t.push((key, tpl));
        }
        let (_, tpl) = t.iter().find(|(k, _)| *k == key)?;
        tpl.content().clone_node_with_deep(true).ok()
    })
}

/// A native `<select>`: its options come as shared HTML; its value is set after mount and on every change.
#[component]
pub fn SelectField(b: Binding, options_html: std::sync::Arc<str>) -> impl IntoView {
    let st = state_of(&b);
    let node: NodeRef<html::Select> = NodeRef::new();
    let value = b.value;
    let set = b.set;
    let touch = b.touch;
    Effect::new(move |_| {
        let v = value.get();
        if let Some(sel) = node.get() {
            // Not `inner_html().is_empty()`: the renderer leaves a `<!---->` marker inside the empty select.
            if sel.length() == 0 {
                if let Some(frag) = options_fragment(&options_html) {
                    let _ = sel.insert_before(&frag, sel.first_child().as_ref());
                }
            }
            if sel.value() != v {
                sel.set_value(&v);
                // A value that is not in the list (an imported draft, say) shows as itself, not as blank.
                if sel.value() != v && !v.is_empty() {
                    let doc = sel.owner_document();
                    if let Some(opt) = doc.and_then(|d| d.create_element("option").ok()) {
                        opt.set_attribute("value", &v).ok();
                        opt.set_text_content(Some(&format!("{v}（不在列表中）")));
                        sel.append_child(&opt).ok();
                        sel.set_value(&v);
                    }
                }
            }
        }
    });
    let ControlAttrs { id, name, msg_id, data_state, invalid, required } = control_attrs(&b, st);
    view! {
        <Shell b=b st=st>
            <select id=id name=name node_ref=node aria-describedby=msg_id data-state=data_state
                aria-invalid=invalid aria-required=required.then_some("true")
                on:change=move |e| { set.run(event_target_value(&e)); touch.run(()); }
                on:blur=move |_| touch.run(())></select>
        </Shell>
    }
}
