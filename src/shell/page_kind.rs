//! How this page was delivered: hosted, opened from a file (`file://`), or the one-file copy
//! (`dist/shenbao-offline.html`, made by `scripts/one-file.mjs`), and the one place a worker's script URL comes from.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// A global the one-file copy's boot script defines: `shenbaoWorkerUrl(path)` gives the Blob URL of the worker that
/// trunk emitted as `path` (e.g. `./worker_loader.js`), inlined in the copy.
const WORKER_URL_HOOK: &str = "shenbaoWorkerUrl";
/// A global the one-file copy's boot script sets to `true`.
const ONE_FILE_FLAG: &str = "shenbaoOneFile";

fn global(name: &str) -> Option<JsValue> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str(name)).ok().filter(|v| !v.is_undefined() && !v.is_null())
}

/// The URL to start the worker that trunk emitted as `path` (relative to the page) with: `path` itself on a hosted
/// page, the inlined worker's Blob URL in the one-file copy.
pub fn worker_url(path: &str) -> String {
    global(WORKER_URL_HOOK)
        .and_then(|hook| hook.dyn_into::<Function>().ok())
        .and_then(|hook| hook.call1(&JsValue::NULL, &JsValue::from_str(path)).ok())
        .and_then(|url| url.as_string())
        .unwrap_or_else(|| path.to_string())
}

/// True in the one-file copy (wherever it is opened from).
pub fn is_one_file() -> bool {
    global(ONE_FILE_FLAG).and_then(|v| v.as_bool()).unwrap_or(false)
}

/// True when the page was opened from a file (`file:` URL): storage is then shared with, or kept apart from, other
/// local files depending on the browser, and there is no service worker.
pub fn runs_from_file() -> bool {
    web_sys::window().and_then(|w| w.location().protocol().ok()).is_some_and(|p| p == "file:")
}
