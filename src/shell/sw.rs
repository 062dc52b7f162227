//! Service worker registration and the update banner's signal.
//!
//! A new release installs beside the running one and waits ([`register`]'s `ready` is called); the page switches only
//! when the user asks ([`apply_update`]), after the UI has flushed the draft. A worker is an update only when it
//! starts installing while another is active: the first install never offers one (the old test, "a controller is
//! present when it is installed", raced with `clients.claim` in Firefox). No registration from a file or in the
//! one-file copy (refused on `file:`, and the copy has no sw.js beside it).

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

/// Watches the worker now installing, if it is an update: one that starts installing while another is already active
/// (so the first install, with nothing active yet, never is, however its events interleave with `clients.claim`).
fn watch_installing(reg: &ServiceWorkerRegistration, ready: std::rc::Rc<dyn Fn()>) {
    let Some(worker) = reg.installing() else { return };
    if reg.active().is_none() {
        return;
    }
    let w2 = worker.clone();
    let cb = Closure::<dyn Fn()>::new(move || {
        if w2.state() == web_sys::ServiceWorkerState::Installed {
            ready();
        }
    });
    worker.set_onstatechange(Some(cb.as_ref().unchecked_ref()));
    cb.forget();
}

/// Registers `./sw.js` and calls `ready` whenever a new release is installed and waiting beside an active one. Does
/// nothing on a page opened from a file or in the one-file copy.
pub fn register(ready: impl Fn() + 'static) {
    if page_kind::runs_from_file() || page_kind::is_one_file() {
        return;
    }
    let Some(c) = container() else { return };
    let ready: std::rc::Rc<dyn Fn()> = std::rc::Rc::new(ready);
    let promise = c.register("./sw.js");
    wasm_bindgen_futures::spawn_local(async move {
        let Ok(reg) = wasm_bindgen_futures::JsFuture::from(promise).await else { return };
        let reg: ServiceWorkerRegistration = reg.unchecked_into();
        if reg.waiting().is_some() && reg.active().is_some() {
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
