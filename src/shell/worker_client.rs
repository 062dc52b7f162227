//! The page's client of the export worker: runs the .xlsx export ([`export_xlsx`]) and the .xlsx import's read
//! ([`read_xlsx`]) in a Web Worker (a second wasm binary), loaded when the browser is idle.
//!
//! The worker (`src/bin/worker.rs`, built by trunk into `worker_loader.js` + `worker.js` + `worker_bg.wasm`) is
//! created once, after first paint ([`preload`]) or on the first request, and reused. The messages are
//! [`crate::core::worker_protocol`]'s: requests carry an id, and replies are matched to the waiting [`export_xlsx`]
//! or [`read_xlsx`] call by that id. A message posted before the worker's wasm has loaded would be dropped (no
//! handler yet), so requests are queued until the worker says it is ready. If the worker dies (a trap, a failed
//! load) or is not ready within [`READY_TIMEOUT_MS`], every waiting call fails with [`WorkerError::Crashed`] and the
//! next request starts a fresh worker.
//!
//! Bounded work: every request has a time budget ([`crate::core::limits::read_budget_ms`],
//! [`crate::core::limits::export_budget_ms`]). A request still unanswered after it fails with
//! [`WorkerError::TimedOut`]; [`cancel`] ends the waiting requests with [`WorkerError::Cancelled`]. Either way the
//! worker is terminated (a reader stuck on a file cannot be interrupted otherwise) and a fresh one is started, so
//! export and later imports work.
//!
//! No Leptos here: the UI calls these functions and shows the error's (Chinese) `Display` text.

use std::cell::RefCell;
use std::collections::HashMap;

use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Event, MessageEvent, Worker};

use crate::core::intake::table::ReadTable;
use crate::core::limits::{export_budget_ms, read_budget_ms};
use crate::core::worker_protocol::{
    Export, ExportReply, FromWorker, Import, ImportReply, ProtocolError, Reply, ReplyBody, Request,
};
use crate::core::Declaration;
use crate::shell::js_error_text;
use crate::shell::worker_protocol::{to_js, JsSource};

/// The script that loads the worker's wasm (emitted by trunk's `data-loader-shim`); started through
/// [`crate::shell::page_kind::worker_url`], which the one-file copy answers with a Blob URL.
const WORKER_URL: &str = "./worker_loader.js";
/// How long `preload` waits for an idle moment at most, and the delay where `requestIdleCallback` is missing.
const IDLE_TIMEOUT_MS: i32 = 3000;
const FALLBACK_DELAY_MS: i32 = 1500;
/// How long a new worker may take to load its wasm before waiting requests fail.
pub const READY_TIMEOUT_MS: i32 = 30_000;

/// Why an export or a read failed. `Display` is a Chinese sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum WorkerError {
    /// The worker could not be created (no Worker support, blocked by policy …).
    #[error("无法启动导出组件：{0}")]
    Unavailable(String),
    /// The worker failed while working or could not load its code.
    #[error("导出组件出错：{0}。请刷新页面后重试。")]
    Crashed(String),
    /// The worker refused the request (bad data, bad time, writer error); the text comes from the worker.
    #[error("{0}")]
    Failed(String),
    /// The worker's reply did not have the expected shape.
    #[error("导出组件的回复格式不正确")]
    BadReply(#[source] ProtocolError),
    /// No answer within the request's time budget: the worker was stopped and restarted.
    #[error("处理超过 {seconds} 秒仍未完成，已停止")]
    TimedOut {
        /// The budget, in seconds.
        seconds: u32,
    },
    /// The user cancelled the request: the worker was stopped and restarted.
    #[error("{0}")]
    Cancelled(String),
}

/// A waiting request: the resolve and reject functions of its promise.
struct Pending {
    resolve: Function,
    reject: Function,
}

#[derive(Default)]
struct State {
    worker: Option<Worker>,
    /// Counts the workers created, so a stale ready-timeout does not hit a newer worker.
    generation: u32,
    /// True once the current worker has said it is ready.
    ready: bool,
    /// Requests posted before the worker was ready, each with its transfer list.
    queue: Vec<Queued>,
    next_id: u32,
    pending: HashMap<u32, Pending>,
    /// Why a request was ended from this side (time-out, cancel), read by its waiting call.
    ended: HashMap<u32, WorkerError>,
    preload_scheduled: bool,
}

/// A request waiting for the worker to be ready: the message, its transfer list, its id and time budget.
struct Queued {
    request: JsValue,
    transfer: Array,
    id: u32,
    budget_ms: u32,
}

thread_local! {
    static STATE: RefCell<State> = RefCell::new(State::default());
}

/// Schedules the worker's creation for when the browser is idle, so its wasm is fetched after first paint.
///
/// Uses `requestIdleCallback` (with a timeout) where it exists, else `setTimeout`. Calling it again does nothing.
pub fn preload() {
    let already = STATE.with(|s| std::mem::replace(&mut s.borrow_mut().preload_scheduled, true));
    if already {
        return;
    }
    let Some(window) = web_sys::window() else {
        return;
    };
    let callback = Closure::once_into_js(|| {
        // A failure here is reported again, with its reason, by the request that needs the worker.
        let _ = ensure_worker();
    });
    let callback: &Function = callback.unchecked_ref();
    let idle = Reflect::get(&window, &JsValue::from_str("requestIdleCallback"))
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let scheduled = match idle {
        Some(request_idle) => {
            let options = Object::new();
            let _ = Reflect::set(&options, &JsValue::from_str("timeout"), &JsValue::from(IDLE_TIMEOUT_MS));
            request_idle.call2(&window, callback, &options).is_ok()
        }
        None => false,
    };
    if !scheduled {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(callback, FALLBACK_DELAY_MS);
    }
}

/// Builds the .xlsx in the worker: returns the file's bytes and its download name.
///
/// `created` is the document's creation time, `YYYY-MM-DDTHH:MM:SS` in UTC (e.g. the first 19 characters of
/// `new Date().toISOString()`); the same declaration and time give the same bytes.
///
/// ```ignore
/// let (bytes, name) = export_xlsx(decl, "2021-04-09T08:30:00").await?;
/// ```
pub async fn export_xlsx(declaration: Declaration, created: &str) -> Result<(Vec<u8>, String), WorkerError> {
    let budget = export_budget_ms(declaration.rows.len());
    let request = Request::Export(Export { declaration, created: created.to_string() });
    let reply: ExportReply = call(request, budget).await?;
    Ok((reply.bytes, reply.file_name))
}

/// Reads the table in a file an enterprise sent (.xlsx, .docx, .csv/.txt) in the worker
/// ([`crate::core::intake::file::read_table_file`]), so the page's wasm carries no zip or XML reader. The bytes are
/// transferred, not copied; the rows come back numbered 1, 2, 3 … with their sheet rows. A file that is not the table
/// gives [`WorkerError::Failed`] with the reader's Chinese message.
///
/// ```ignore
/// let table = read_file("甲公司.xlsx".into(), bytes).await?;
/// ```
pub async fn read_file(name: String, bytes: Vec<u8>) -> Result<ReadTable, WorkerError> {
    let budget = read_budget_ms(bytes.len());
    let reply: ImportReply = call(Request::Import(Import { name, bytes }), budget).await?;
    Ok(reply.table)
}

/// Ends every waiting request with [`WorkerError::Cancelled`] carrying `message`, and restarts the worker.
pub fn cancel(message: &str) {
    end_all(|| WorkerError::Cancelled(message.to_string()));
}

/// Ends every waiting request with an error made by `why`, terminates the worker and starts a fresh one.
fn end_all(why: impl Fn() -> WorkerError) {
    let any = STATE.with(|s| {
        let mut state = s.borrow_mut();
        let ids: Vec<u32> = state.pending.keys().copied().collect();
        for id in &ids {
            state.ended.insert(*id, why());
        }
        !ids.is_empty()
    });
    if any {
        fail_all("已停止");
        // A failure here is reported again by the request that needs the worker.
        let _ = ensure_worker();
    }
}

/// Fails request `id` with [`WorkerError::TimedOut`] after `budget_ms` unless it was answered by then.
fn start_budget(id: u32, budget_ms: u32) {
    let Some(window) = web_sys::window() else { return };
    let check = Closure::once_into_js(move || {
        if STATE.with(|s| s.borrow().pending.contains_key(&id)) {
            end_all(|| WorkerError::TimedOut { seconds: budget_ms.div_ceil(1000) });
        }
    });
    let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(
        check.unchecked_ref(),
        i32::try_from(budget_ms).unwrap_or(i32::MAX),
    );
}

/// Sends one request (numbered here) to the worker, starting it if needed, and waits for its reply (at most
/// `budget_ms`): what the worker made, else why it refused.
async fn call<T: ReplyBody>(request: Request, budget_ms: u32) -> Result<T, WorkerError> {
    let reply = send_and_wait(request, budget_ms).await?;
    match Reply::<T>::read(&JsSource(&reply)).map_err(WorkerError::BadReply)? {
        Reply::Done(body) => Ok(body),
        Reply::Refused(why) => Err(WorkerError::Failed(why)),
    }
}

/// [`call`]'s part that is the same for every request: the reply as the worker posted it.
async fn send_and_wait(request: Request, budget_ms: u32) -> Result<JsValue, WorkerError> {
    let worker = ensure_worker()?;
    let id = STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.next_id = state.next_id.wrapping_add(1);
        state.next_id
    });
    // The executor runs at once, inside `Promise::new`: the request is waiting before it is sent.
    let promise = Promise::new(&mut |resolve, reject| {
        STATE.with(|s| s.borrow_mut().pending.insert(id, Pending { resolve, reject }));
    });
    let sent = to_js(&request.into_message(id))
        .and_then(|(request, transfer)| send(&worker, Queued { request, transfer, id, budget_ms }));
    if let Err(err) = sent {
        STATE.with(|s| s.borrow_mut().pending.remove(&id));
        return Err(WorkerError::Unavailable(js_error_text(&err)));
    }
    JsFuture::from(promise).await.map_err(|e| {
        STATE.with(|s| s.borrow_mut().ended.remove(&id)).unwrap_or_else(|| WorkerError::Crashed(js_error_text(&e)))
    })
}

/// The running worker, created (with its handlers) if there is none.
fn ensure_worker() -> Result<Worker, WorkerError> {
    if let Some(worker) = STATE.with(|s| s.borrow().worker.clone()) {
        return Ok(worker);
    }
    let worker = Worker::new(&crate::shell::page_kind::worker_url(WORKER_URL))
        .map_err(|e| WorkerError::Unavailable(js_error_text(&e)))?;

    let on_message = Closure::<dyn FnMut(MessageEvent)>::new(|event: MessageEvent| {
        let data = event.data();
        match FromWorker::read(&JsSource(&data)) {
            Ok(FromWorker::Ready) => flush_queue(),
            Ok(FromWorker::Reply { id }) => {
                if let Some(waiting) = STATE.with(|s| s.borrow_mut().pending.remove(&id)) {
                    let _ = waiting.resolve.call1(&JsValue::NULL, &data);
                }
            }
            // Not a message of the protocol: nobody waits for it.
            Err(_) => {}
        }
    });
    let on_error = Closure::<dyn FnMut(Event)>::new(|event: Event| {
        event.prevent_default();
        let message = Reflect::get(&event, &JsValue::from_str("message"))
            .ok()
            .and_then(|m| m.as_string())
            .filter(|m| !m.is_empty())
            .unwrap_or_else(|| "导出组件未能加载或意外退出".to_string());
        fail_all(&message);
    });
    let on_message_error = Closure::<dyn FnMut(MessageEvent)>::new(|_event: MessageEvent| {
        fail_all("导出组件的回复无法读取");
    });
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    worker.set_onmessageerror(Some(on_message_error.as_ref().unchecked_ref()));
    // The handlers live as long as the worker; a new worker (after a crash) gets new ones. Leaking them is the
    // simple, safe choice: dropping a closure from inside its own call is not allowed.
    on_message.forget();
    on_error.forget();
    on_message_error.forget();

    let generation = STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.generation = state.generation.wrapping_add(1);
        state.worker = Some(worker.clone());
        state.ready = false;
        state.generation
    });
    if let Some(window) = web_sys::window() {
        let check = Closure::once_into_js(move || {
            let stuck = STATE.with(|s| {
                let state = s.borrow();
                state.generation == generation && state.worker.is_some() && !state.ready
            });
            if stuck {
                fail_all("导出组件加载超时");
            }
        });
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(check.unchecked_ref(), READY_TIMEOUT_MS);
    }
    Ok(worker)
}

/// Posts a request (transferring its buffers) now if the worker is ready, else queues it until it is. Its time budget
/// starts when it is posted: a worker still loading its code on a slow PC does not eat into it.
fn send(worker: &Worker, queued: Queued) -> Result<(), JsValue> {
    let queued = STATE.with(|s| {
        let mut state = s.borrow_mut();
        if state.ready {
            Some(queued)
        } else {
            state.queue.push(queued);
            None
        }
    });
    match queued {
        None => Ok(()),
        Some(q) => post(worker, q),
    }
}

fn post(worker: &Worker, q: Queued) -> Result<(), JsValue> {
    worker.post_message_with_transfer(&q.request, &q.transfer)?;
    start_budget(q.id, q.budget_ms);
    Ok(())
}

/// Marks the worker ready and posts the queued requests; a failed post fails everything waiting.
fn flush_queue() {
    let (worker, queue) = STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.ready = true;
        (state.worker.clone(), std::mem::take(&mut state.queue))
    });
    let Some(worker) = worker else { return };
    for q in queue {
        if let Err(err) = post(&worker, q) {
            fail_all(&js_error_text(&err));
            return;
        }
    }
}

/// Rejects every waiting request and drops the worker, so the next request starts a fresh one.
fn fail_all(message: &str) {
    let (worker, pending) = STATE.with(|s| {
        let mut state = s.borrow_mut();
        state.ready = false;
        state.queue.clear();
        (state.worker.take(), std::mem::take(&mut state.pending))
    });
    if let Some(worker) = worker {
        worker.terminate();
    }
    for (_, waiting) in pending {
        let _ = waiting.reject.call1(&JsValue::NULL, &JsValue::from_str(message));
    }
}
