//! A small IndexedDB wrapper: one object store, strict-durability writes.
//!
//! The database [`DB_NAME`] (version 1; it names the tool and the edition, see [`crate::shell::migrate`]) has one object store, `journal`, with out-of-line keys. The draft
//! journal lives under the key [`DRAFT_RECORD`] as a plain object `{ seq: number, saved_at: string,
//! text: string | null }` (`text: null` is the tombstone of a cleared draft).
//!
//! Writes use a `readwrite` transaction opened with `{ durability: "strict" }` (Chromium then flushes to
//! disk before `complete`; browsers that do not know the option ignore it) and only replace the record when
//! the new `seq` is at least the stored one, so writes that finish out of order never go back in time.
//! The option is passed through `js_sys::Reflect` because web-sys gates `IdbTransactionOptions` behind
//! `web_sys_unstable_apis`.

use std::cell::RefCell;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{IdbDatabase, IdbObjectStore, IdbRequest, IdbTransaction};

use crate::shell::js_error_text;

/// The database name: the tool and the edition (the one before is [`crate::shell::migrate::LEGACY_DB_NAME`]).
pub const DB_NAME: &str = "shenbao.tj-quality-2021";
/// The object store name.
pub const STORE: &str = "journal";
/// The key of the draft journal record.
pub const DRAFT_RECORD: &str = "draft";
/// The key of the reference beside the draft (earlier years' projects, expected units: `ui::reference`), a record
/// like the journal's whose text is `core::history::store`'s; never part of the draft.
pub const REFERENCE_RECORD: &str = "reference";

thread_local! {
    static DB: RefCell<Option<IdbDatabase>> = const { RefCell::new(None) };
}

/// Why IndexedDB could not be used (the exception's name and message, for logs and the UI's detail line).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct IdbError {
    /// The DOMException name (e.g. `QuotaExceededError`, `InvalidStateError`), or `Missing` when the
    /// browser offers no IndexedDB at all.
    pub name: String,
    /// A description.
    pub message: String,
}

impl IdbError {
    fn missing() -> Self {
        IdbError { name: "Missing".into(), message: "indexedDB is not available".into() }
    }

    pub(crate) fn from_js(e: &JsValue) -> Self {
        match e.dyn_ref::<web_sys::DomException>() {
            Some(d) => IdbError { name: d.name(), message: d.message() },
            None => IdbError { name: "Error".into(), message: js_error_text(e) },
        }
    }
}

/// The journal record: a draft text (or `None` for a cleared draft) and its save counter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Record {
    /// The envelope's `seq`.
    pub seq: u64,
    /// The envelope's `saved_at`.
    pub saved_at: String,
    /// The encoded draft, or `None` when the draft was cleared.
    pub text: Option<String>,
}

/// Resolves when the request succeeds (with its result) or fails.
pub(crate) async fn request(req: &IdbRequest) -> Result<JsValue, IdbError> {
    let req2 = req.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let ok_req = req2.clone();
        let on_ok = Closure::once_into_js(move || {
            let value = ok_req.result().unwrap_or(JsValue::UNDEFINED);
            let _ = resolve.call1(&JsValue::NULL, &value);
        });
        let err_req = req2.clone();
        let on_err = Closure::once_into_js(move || {
            let err = match err_req.error() {
                Ok(Some(d)) => JsValue::from(d),
                _ => JsValue::from_str("request failed"),
            };
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        req2.set_onsuccess(Some(on_ok.unchecked_ref()));
        req2.set_onerror(Some(on_err.unchecked_ref()));
    });
    JsFuture::from(promise).await.map_err(|e| IdbError::from_js(&e))
}

/// Resolves when the transaction completes; fails when it errors or aborts.
async fn completion(tx: &IdbTransaction) -> Result<(), IdbError> {
    let tx2 = tx.clone();
    let promise = Promise::new(&mut |resolve: Function, reject: Function| {
        let on_ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&JsValue::NULL);
        });
        let fail_tx = tx2.clone();
        let reject2 = reject.clone();
        let on_err = Closure::once_into_js(move || {
            let err = match fail_tx.error() {
                Some(d) => JsValue::from(d),
                None => JsValue::from_str("transaction aborted"),
            };
            let _ = reject2.call1(&JsValue::NULL, &err);
        });
        tx2.set_oncomplete(Some(on_ok.unchecked_ref()));
        // `abort` follows `error`; the first call settles the promise, the second is ignored.
        tx2.set_onerror(Some(on_err.unchecked_ref()));
        let abort_tx = tx2.clone();
        let on_abort = Closure::once_into_js(move || {
            let err = match abort_tx.error() {
                Some(d) => JsValue::from(d),
                None => JsValue::from_str("transaction aborted"),
            };
            let _ = reject.call1(&JsValue::NULL, &err);
        });
        tx2.set_onabort(Some(on_abort.unchecked_ref()));
    });
    JsFuture::from(promise).await.map(|_| ()).map_err(|e| IdbError::from_js(&e))
}

/// Opens (and on first use creates) the database; the connection is cached and closed when another page
/// needs to upgrade it.
pub async fn open() -> Result<IdbDatabase, IdbError> {
    if let Some(db) = DB.with(|d| d.borrow().clone()) {
        return Ok(db);
    }
    let window = web_sys::window().ok_or_else(IdbError::missing)?;
    let factory = match window.indexed_db() {
        Ok(Some(f)) => f,
        Ok(None) => return Err(IdbError::missing()),
        Err(e) => return Err(IdbError::from_js(&e)),
    };
    let open_req = factory.open_with_u32(DB_NAME, 1).map_err(|e| IdbError::from_js(&e))?;
    let upgrade_req = open_req.clone();
    let on_upgrade = Closure::once_into_js(move || {
        if let Ok(result) = upgrade_req.result() {
            if let Ok(db) = result.dyn_into::<IdbDatabase>() {
                // Version 1 is the first: an upgrade always starts from an empty database.
                let _ = db.create_object_store(STORE);
            }
        }
    });
    open_req.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    let db: IdbDatabase = request(&open_req).await?.dyn_into().map_err(|e| IdbError::from_js(&e))?;
    let closing = db.clone();
    let on_version_change = Closure::<dyn Fn()>::new(move || {
        closing.close();
        forget_connection();
    });
    db.set_onversionchange(Some(on_version_change.as_ref().unchecked_ref()));
    on_version_change.forget();
    let on_close = Closure::<dyn Fn()>::new(forget_connection);
    db.set_onclose(Some(on_close.as_ref().unchecked_ref()));
    on_close.forget();
    DB.with(|d| *d.borrow_mut() = Some(db.clone()));
    Ok(db)
}

/// Drops the cached connection (the next call reopens: e.g. after Safari dropped it under memory pressure).
pub fn forget_connection() {
    DB.with(|d| *d.borrow_mut() = None);
}

/// What a transaction does.
#[derive(Clone, Copy)]
enum Access {
    Read,
    /// A `readwrite` transaction with strict durability.
    Write,
}

/// Starts a transaction on [`STORE`]; writing ones ask for strict durability.
fn transaction(db: &IdbDatabase, access: Access) -> Result<IdbTransaction, JsValue> {
    if let Access::Read = access {
        return db.transaction_with_str(STORE);
    }
    let options = Object::new();
    Reflect::set(&options, &"durability".into(), &"strict".into())?;
    let method: Function = Reflect::get(db, &"transaction".into())?.dyn_into()?;
    method.call3(db, &STORE.into(), &"readwrite".into(), &options)?.dyn_into()
}

/// Starts a transaction, reopening the connection once if the cached one has gone stale.
async fn start(access: Access) -> Result<IdbTransaction, IdbError> {
    let db = open().await?;
    match transaction(&db, access) {
        Ok(tx) => Ok(tx),
        Err(_) => {
            forget_connection();
            let db = open().await?;
            transaction(&db, access).map_err(|e| IdbError::from_js(&e))
        }
    }
}

fn store_of(tx: &IdbTransaction) -> Result<IdbObjectStore, IdbError> {
    tx.object_store(STORE).map_err(|e| IdbError::from_js(&e))
}

fn record_from_js(value: &JsValue) -> Option<Record> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    let seq = Reflect::get(value, &"seq".into()).ok()?.as_f64()?;
    let saved_at = Reflect::get(value, &"saved_at".into()).ok().and_then(|v| v.as_string()).unwrap_or_default();
    let text = Reflect::get(value, &"text".into()).ok().and_then(|v| v.as_string());
    Some(Record { seq: if seq.is_finite() && seq >= 0.0 { seq as u64 } else { 0 }, saved_at, text })
}

fn record_to_js(record: &Record) -> Result<JsValue, JsValue> {
    let obj = Object::new();
    Reflect::set(&obj, &"seq".into(), &JsValue::from_f64(record.seq as f64))?;
    Reflect::set(&obj, &"saved_at".into(), &record.saved_at.as_str().into())?;
    let text = match &record.text {
        Some(t) => JsValue::from_str(t),
        None => JsValue::NULL,
    };
    Reflect::set(&obj, &"text".into(), &text)?;
    Ok(obj.into())
}

/// What is stored under `key`: `Ok(None)` when nothing is; `Err` when IndexedDB cannot be used. A value
/// that is not a record (no numeric `seq`) is returned as a record with `seq` 0 and its text if any, so
/// that an unreadable journal still reaches the caller's corrupt-draft handling.
pub async fn read(key: &str) -> Result<Option<Record>, IdbError> {
    let tx = start(Access::Read).await?;
    let req = store_of(&tx)?.get(&key.into()).map_err(|e| IdbError::from_js(&e))?;
    let value = request(&req).await?;
    if value.is_undefined() || value.is_null() {
        return Ok(None);
    }
    Ok(Some(record_or_raw(&value)))
}

/// A stored value as a record; one that is not (no numeric `seq`) as a record with `seq` 0 and its text if any.
pub(crate) fn record_or_raw(value: &JsValue) -> Record {
    record_from_js(value).unwrap_or_else(|| Record {
        seq: 0,
        saved_at: String::new(),
        text: value.as_string().or_else(|| js_sys::JSON::stringify(value).ok().map(String::from)),
    })
}

/// Writes `record` under `key` unless the stored record has a higher `seq`, in one strict-durability
/// transaction; resolves with `true` when written, `false` when a newer record was kept, after the
/// transaction completed (i.e. the data is on disk where the browser honours `strict`).
pub async fn put_if_newer(key: &str, record: &Record) -> Result<bool, IdbError> {
    let tx = start(Access::Write).await?;
    let store = store_of(&tx)?;
    let value = record_to_js(record).map_err(|e| IdbError::from_js(&e))?;
    let get = store.get(&key.into()).map_err(|e| IdbError::from_js(&e))?;
    let written = std::rc::Rc::new(std::cell::Cell::new(false));
    let written2 = written.clone();
    let get2 = get.clone();
    let key = JsValue::from_str(key);
    let seq = record.seq;
    // The put must be issued inside the get's success event, while the transaction is still active.
    let on_get = Closure::once_into_js(move || {
        let stored = get2.result().ok().as_ref().and_then(record_from_js);
        if stored.is_none_or(|s| s.seq <= seq) && store.put_with_key(&value, &key).is_ok() {
            written2.set(true);
        }
    });
    get.set_onsuccess(Some(on_get.unchecked_ref()));
    completion(&tx).await?;
    Ok(written.get())
}

/// Writes `record` under `key` unconditionally (strict durability); used for backups.
pub async fn put(key: &str, record: &Record) -> Result<(), IdbError> {
    let tx = start(Access::Write).await?;
    let value = record_to_js(record).map_err(|e| IdbError::from_js(&e))?;
    store_of(&tx)?.put_with_key(&value, &key.into()).map_err(|e| IdbError::from_js(&e))?;
    completion(&tx).await
}

/// Deletes the record under `key` (no error when there is none).
pub async fn delete(key: &str) -> Result<(), IdbError> {
    let tx = start(Access::Write).await?;
    store_of(&tx)?.delete(&key.into()).map_err(|e| IdbError::from_js(&e))?;
    completion(&tx).await
}
