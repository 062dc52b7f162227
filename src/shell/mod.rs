//! The thin browser shell: storage, files, time, the export worker's client, the service worker, how the page was
//! delivered.
//! Everything that touches `web_sys` lives here (or in `ui`); the core never does.

use wasm_bindgen::{JsCast, JsValue};

pub mod files;
pub mod idb;
pub mod migrate;
pub mod page_kind;
pub mod storage;
pub mod sw;
pub mod time;
pub mod worker_client;
pub mod worker_protocol;

/// A short description of a thrown JS value: a DOMException's name and message, an Error's (or any object's)
/// message, or its text.
pub(crate) fn js_error_text(e: &JsValue) -> String {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        return format!("{}: {}", d.name(), d.message());
    }
    if let Some(text) = e.as_string() {
        return text;
    }
    js_sys::Reflect::get(e, &JsValue::from_str("message"))
        .ok()
        .and_then(|m| m.as_string())
        .unwrap_or_else(|| format!("{e:?}"))
}
