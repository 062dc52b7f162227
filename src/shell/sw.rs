//! Service worker registration and the update banner's signal.
//!
//! A new release installs beside the running one and waits ([`register`]'s `ready` is called); the page switches only
//! when the user asks ([`apply_update`]), after the UI has flushed the draft. A page that had no controller when it
//! registered is a first install: it never offers an update (Firefox once delivered the first worker's `installed`
//! after the page was already controlled). No registration from a file or in the one-file copy (refused on `file:`,
//! and the copy has no sw.js beside it).

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{ServiceWorker, ServiceWorkerRegistration};

use crate::shell::page_kind;

fn container() -> Option<web_sys::ServiceWorkerContainer> {
    let w = web_sys::window()?;
    // `navigator.serviceWorker` is missing on plain http (not localhost) and in some private modes.
    let sw = js_sys::Reflect::get(&w.navigator(), &JsValue::from_str("serviceWorker")).ok()?;
    if sw.is_undefined() || sw.is_null() {
        return None;
    }
    Some(w.navigator().service_worker())
}

fn watch_installing(reg: &ServiceWorkerRegistration, ready: std::rc::Rc<dyn Fn()>) {
    let Some(worker) = reg.installing() else { return };
    let w2 = worker.clone();
    let cb = Closure::<dyn Fn()>::new(move || {
        if w2.state() == web_sys::ServiceWorkerState::Installed {
            ready();
        }
    });
    worker.set_onstatechange(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
}

/// Registers `./sw.js` and calls `ready` whenever a new release is installed and waiting, but only on a page that a
/// service worker already controlled when it loaded (else this is the first install, not an update). Does nothing
/// on a page opened from a file or in the one-file copy.
pub fn register(ready: impl Fn() + 'static) {
    if page_kind::runs_from_file() || page_kind::is_one_file() {
        return;
    }
    let Some(c) = container() else { return };
    if c.controller().is_none() {
        // First install: register (offline after this visit), never offer an update from this page.
        let _ = c.register("./sw.js");
        return;
    }
    let ready: std::rc::Rc<dyn Fn()> = std::rc::Rc::new(ready);
    let promise = c.register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() {
            ready();
        }
        watch_installing(&reg, ready.clone());
        let reg2 = reg.clone();
        let on_found = Closure::<dyn Fn()>::new(move || watch_installing(&reg2, ready.clone()));
        reg.set_onupdatefound(Some(on_found.as_ref().unchecked_ref()));
        on_found.forget();
    });
}

/// Switches to the waiting release: tells it to take over, then reloads once it controls the page.
pub fn apply_update() {
    let Some(c) = container() else { return };
    let reload = Closure::<dyn Fn()>::new(|| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    c.set_oncontrollerchange(Some(reload.as_ref().unchecked_ref()));
    reload.forget();
    let promise = c.get_registration();
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let Ok(reg) = reg.dyn_into::<ServiceWorkerRegistration>() else { return };
        if let Some(w) = reg.waiting() {
            let msg = js_sys::Object::new();
            let _ = js_sys::Reflect::set(&msg, &JsValue::from_str("type"), &JsValue::from_str("SKIP_WAITING"));
            let _ = ServiceWorker::post_message(&w, &msg);
        }
    });
}
