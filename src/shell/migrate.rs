//! Moves the drafts of versions before the keys named the edition to this tool and edition's keys, once, losing no
//! text: localStorage `shenbao.draft…` → [`DRAFT_KEY`]`…`, IndexedDB database `shenbao` → [`idb::DB_NAME`].
//!
//! Why the keys name the tool and the edition: Chromium shares one localStorage and IndexedDB among every page opened
//! from a file (`file://`), so another tool, or another edition of this one, opened from disk sees the same store.
//! Nothing but the legacy keys below and this edition's own keys is ever read.
//!
//! The rule, for each legacy key: its text goes to the new key when that is empty; when the new key already holds
//! another text, the legacy text is kept under a backup key of its own (`…backup.migrated.…`); the legacy key is
//! removed (the legacy database deleted) only once every text is stored. A failure leaves the legacy data in place for
//! the next start.

use js_sys::Array;
use wasm_bindgen::JsCast;
use web_sys::{IdbDatabase, IdbOpenDbRequest};

use crate::shell::idb::{self, IdbError, Record, DRAFT_RECORD, STORE};
use crate::shell::storage::{BACKUP_PREFIX, DRAFT_KEY, HEAD_KEY};
use crate::shell::time;

/// The localStorage key of the draft before the keys named the edition; its head, undo and backups began with it.
pub const LEGACY_DRAFT_KEY: &str = "shenbao.draft";
/// The draft's head key before the keys named the edition.
pub const LEGACY_HEAD_KEY: &str = "shenbao.draft.head";
/// The IndexedDB database before the keys named the edition.
pub const LEGACY_DB_NAME: &str = "shenbao";

/// The new key of a legacy localStorage key (the same suffix after [`DRAFT_KEY`]); `None` for any other key.
pub fn new_local_key(legacy: &str) -> Option<String> {
    let rest = legacy.strip_prefix(LEGACY_DRAFT_KEY)?;
    (rest.is_empty() || rest.starts_with('.')).then(|| format!("{DRAFT_KEY}{rest}"))
}

/// A fresh backup key for a legacy text whose new key already holds another text.
fn migrated_backup_key(n: usize) -> String {
    format!("{BACKUP_PREFIX}migrated.{}.{n}", time::now_local())
}

/// Moves the legacy localStorage keys (see the module's rule). The draft and its head move together: a head is
/// meaningless without its draft, so when the draft goes to a backup its head is dropped.
pub fn migrate_local(storage: &web_sys::Storage) {
    let len = storage.length().unwrap_or(0);
    let mut legacy: Vec<String> =
        (0..len).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| new_local_key(k).is_some()).collect();
    // The draft first: whether it moved decides what happens to its head.
    legacy.sort_by_key(|k| k != LEGACY_DRAFT_KEY);
    let mut draft_moved = false;
    for (n, key) in legacy.iter().enumerate() {
        let (Some(target), Ok(Some(text))) = (new_local_key(key), storage.get_item(key)) else { continue };
        let stored = if key == LEGACY_HEAD_KEY {
            // The head of the moved draft goes with it; without that draft it means nothing and is dropped.
            !draft_moved || storage.set_item(&target, &text).is_ok()
        } else {
            match storage.get_item(&target) {
                Ok(None) => storage.set_item(&target, &text).is_ok(),
                Ok(Some(existing)) if existing == text => true,
                Ok(Some(_)) => storage.set_item(&migrated_backup_key(n), &text).is_ok(),
                Err(_) => false,
            }
        };
        if key == LEGACY_DRAFT_KEY {
            draft_moved = stored && storage.get_item(&target).ok().flatten().as_deref() == Some(text.as_str());
            if draft_moved && !legacy.iter().any(|k| k == LEGACY_HEAD_KEY) {
                // The moved draft's writer is unknown: no head rather than another draft's head.
                let _ = storage.remove_item(HEAD_KEY);
            }
        }
        if stored {
            let _ = storage.remove_item(key);
        }
    }
}

/// Opens the legacy database if it exists (an open that would create it is aborted, so none is made).
async fn open_legacy() -> Result<Option<IdbDatabase>, IdbError> {
    let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) else {
        return Ok(None);
    };
    let request: IdbOpenDbRequest = factory.open(LEGACY_DB_NAME).map_err(|e| IdbError::from_js(&e))?;
    let upgrade = request.clone();
    let on_upgrade = wasm_bindgen::closure::Closure::once_into_js(move || {
        if let Some(tx) = upgrade.transaction() {
            let _ = tx.abort();
        }
    });
    request.set_onupgradeneeded(Some(on_upgrade.unchecked_ref()));
    match idb::request(&request).await {
        Ok(db) => db.dyn_into::<IdbDatabase>().map(Some).map_err(|e| IdbError::from_js(&e)),
        Err(e) if e.name == "AbortError" => Ok(None),
        Err(e) => Err(e),
    }
}

/// Every record of the legacy database's journal, or `None` when it has no journal (then it is not this tool's).
async fn read_legacy(db: &IdbDatabase) -> Result<Option<Vec<(String, Record)>>, IdbError> {
    // No journal store (NotFoundError): not this tool's database.
    let Ok(tx) = db.transaction_with_str(STORE) else { return Ok(None) };
    let store = tx.object_store(STORE).map_err(|e| IdbError::from_js(&e))?;
    // Both requests are made before waiting, while the transaction is active.
    let keys = store.get_all_keys().map_err(|e| IdbError::from_js(&e))?;
    let values = store.get_all().map_err(|e| IdbError::from_js(&e))?;
    let keys: Array = idb::request(&keys).await?.unchecked_into();
    let values: Array = idb::request(&values).await?.unchecked_into();
    Ok(Some(
        keys.iter().zip(values.iter()).filter_map(|(k, v)| Some((k.as_string()?, idb::record_or_raw(&v)))).collect(),
    ))
}

/// Stores one legacy record in this edition's journal (see the module's rule); true once it is stored.
async fn keep_record(key: &str, record: &Record) -> bool {
    let backup =
        if key == DRAFT_RECORD { format!("backup.migrated.{}", record.seq) } else { format!("{key}.migrated") };
    match idb::read(key).await {
        Ok(None) => idb::put(key, record).await.is_ok(),
        Ok(Some(existing)) if existing == *record => true,
        // A cleared draft (a tombstone) holds no text to keep.
        Ok(Some(_)) if record.text.is_none() => true,
        Ok(Some(_)) => idb::put(&backup, record).await.is_ok(),
        Err(_) => false,
    }
}

/// Moves the legacy database's journal into this edition's (see the module's rule), then deletes the legacy database.
pub async fn migrate_journal() -> Result<(), IdbError> {
    let Some(db) = open_legacy().await? else { return Ok(()) };
    let records = read_legacy(&db).await;
    db.close();
    let Some(records) = records? else { return Ok(()) };
    let mut all_kept = true;
    for (key, record) in &records {
        all_kept &= keep_record(key, record).await;
    }
    if all_kept {
        if let Some(factory) = web_sys::window().and_then(|w| w.indexed_db().ok().flatten()) {
            let _ = factory.delete_database(LEGACY_DB_NAME);
        }
    }
    Ok(())
}
