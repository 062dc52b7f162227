//! Draft autosave: localStorage plus an IndexedDB journal, restore of the newest valid copy, typed errors.
//!
//! # Two copies
//!
//! Every save writes the encoded draft ([`crate::core::draft::encode`]) synchronously to `localStorage`
//! under [`DRAFT_KEY`], then queues the same text into the IndexedDB journal ([`crate::shell::idb`]) with a
//! strict-durability transaction (Chromium writes localStorage to disk lazily; a strict IndexedDB write
//! survives a hard kill). On start, [`open`] reads both and restores the newest valid one (higher `seq`,
//! then later `saved_at`; localStorage on a tie).
//!
//! # Never losing text
//!
//! - Decoding never falls back to a default. A copy that cannot be decoded is backed up (localStorage key
//!   [`BACKUP_PREFIX`]`<time>`, or IndexedDB key `backup.<time>` for the journal) before anything else is
//!   written, and [`LoadOutcome::Corrupt`] hands the raw text of **every** unreadable copy to the UI (alert +
//!   download offer).
//! - A stored draft beyond a hard cap of [`crate::core::limits`] (only an older version or a hand-edited store
//!   makes one) is restored as far as it goes ([`crate::core::draft::decode_partial`]): its raw text is backed up
//!   the same way and [`LoadOutcome::Restored::cut`] lists what was left out, so it is never an empty table.
//! - A save never overwrites stored text it cannot read without backing it up first; if the backup fails
//!   the save is refused ([`StorageError::BackupFailed`]). For the journal, whose backup failed at start, no
//!   journal write is made for the life of the page ([`StorageError::JournalKept`]).
//! - A table whose draft would exceed [`crate::core::limits::MAX_TABLE_BYTES`] is not saved
//!   ([`StorageError::TooLarge`]): the table stays in the page, the user is told.
//! - Two tabs: every save carries this tab's random id (`writer`) and a counter (`seq`) that continues from
//!   the highest one this tab has seen. [`Store::save`] refuses ([`StorageError::NewerWorkElsewhere`]) to
//!   overwrite a draft another tab saved after what this tab last loaded or saw; the UI then offers
//!   "load the other version" ([`Store::adopt`]) or "keep mine" ([`Store::save_forced`], which backs the
//!   other version up first). [`on_external_change`] reports the other tab's saves as they happen.
//! - The check before a save reads only the small [`HEAD_KEY`] (and watches `storage` events); it reads and
//!   checks the whole stored draft only when the head is not this tab's own last one.
//! - [`Store::clear`] keeps the previous draft under [`UNDO_KEY`] ([`Store::undo_copy`]).
//! - No storage (private mode, disabled) or a full one: the app keeps working in memory; every failure is a
//!   [`StorageError`] with a Chinese message that tells the user to export the draft file.
//!
//! # Use from the UI
//!
//! ```text
//! let (mut store, outcome) = storage::open().await;          // once, at start
//! match outcome { LoadOutcome::Restored { envelope, .. } => …, LoadOutcome::Corrupt { .. } => …, … }
//! store.on_journal_result(|r| …);                           // optional: journal (second copy) status
//! let _watch = storage::on_external_change(|change| …);     // keep the guard (or `.forget()` it)
//! match store.save(&decl, &time::now_local()) {             // the UI debounces saves, and flushes when hidden
//!     Ok(info) => status = format!("已保存 {}", time::hms(&info.saved_at)),
//!     Err(StorageError::NewerWorkElsewhere { other }) => …,  // offer adopt(&other) or save_forced
//!     Err(e) => warning = e.to_string(),
//! }
//! ```

use std::cell::{Cell, RefCell};
use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;
use std::task::{Context, Poll};

use thiserror::Error;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::{spawn_local, JsFuture};

use crate::core::draft::{compare_saves, decode, decode_partial, encode, peek_meta, DraftError, Envelope, Meta};
use crate::core::limits::MAX_TABLE_BYTES;
use crate::core::Declaration;
use crate::shell::idb::{self, IdbError, Record, DRAFT_RECORD};
use crate::shell::migrate;
use crate::shell::time;
use crate::APP_VERSION;

/// The localStorage key of the draft. Every key names the tool and the edition (Chromium shares one store among all
/// pages opened from a file); the keys before are moved by [`crate::shell::migrate`].
pub const DRAFT_KEY: &str = "shenbao.tj-quality-2021.draft";
/// A small localStorage key written right after each draft: `<writer>:<seq>` of that draft. A save reads it
/// (cheap) instead of the whole draft to see whether anyone else wrote since this tab's last save; every
/// writer of [`DRAFT_KEY`] must write it too (or remove it).
pub const HEAD_KEY: &str = "shenbao.tj-quality-2021.draft.head";
/// The localStorage key of the draft as it was before the last [`Store::clear`].
pub const UNDO_KEY: &str = "shenbao.tj-quality-2021.draft.undo";
/// The prefix of localStorage keys that keep texts which were about to be overwritten.
pub const BACKUP_PREFIX: &str = "shenbao.tj-quality-2021.draft.backup.";
/// How long [`open`] waits for the journal before starting without it.
pub const JOURNAL_TIMEOUT_MS: i32 = 3000;

/// Why a draft could not be stored. `Display` is a Chinese sentence for a lasting warning.
#[derive(Clone, Debug, PartialEq, Eq, Error)]
pub enum StorageError {
    /// The browser offers no storage to this page (private mode, site data disabled).
    #[error("浏览器不允许本页保存数据（可能处于无痕/隐私模式，或禁用了网站数据），填写的内容只在本页中；关闭前请点“导出草稿”保存文件")]
    Unavailable,
    /// The storage is full (`QuotaExceededError`).
    #[error("浏览器的存储空间已满，最近的修改没有保存到浏览器中。请马上点“导出草稿”把全部内容存成文件（以后用“导入草稿 / Excel”选中它就能恢复）；然后可以关闭其他网站的页面、清理浏览器中其他网站的数据，或删减表格后继续填写")]
    QuotaExceeded,
    /// The table's draft is larger than [`MAX_TABLE_BYTES`]: not written anywhere.
    #[error("表格内容太多（{} MB），超过浏览器草稿的上限 {} MB，这次没有保存；请删减过长的内容，并点“导出 Excel”保存结果", .bytes / (1024 * 1024), MAX_TABLE_BYTES / (1024 * 1024))]
    TooLarge {
        /// The draft's size in bytes.
        bytes: usize,
    },
    /// The journal held a text that could not be read or backed up at start: it is kept, not overwritten.
    #[error("浏览器中的备用副本（IndexedDB）无法读取，也无法另存；为了不覆盖它，本页不再写入备用副本，只保存到主副本。请下载原文，并随时“导出草稿”")]
    JournalKept,
    /// Another tab saved a draft after this tab last loaded or saw one; nothing was written.
    #[error("另一个标签页在 {} 保存了更新的内容；请选择载入那个版本，或保留本页内容（覆盖）", time::hms(&.other.saved_at))]
    NewerWorkElsewhere {
        /// The other tab's draft (offer it; [`Store::adopt`] it when loaded).
        other: Box<Envelope>,
    },
    /// The stored text could not be read and could not be backed up, so it was not overwritten.
    #[error("浏览器中原有的草稿无法另存备份；为了不覆盖它，这次没有保存到主副本，请点“导出草稿”保存文件")]
    BackupFailed,
    /// The IndexedDB journal (the durable second copy) cannot be used.
    #[error("浏览器的第二份存储（IndexedDB）不可用（{0}），意外关闭时可能丢失最近的修改；建议随时“导出草稿”")]
    JournalUnavailable(String),
    /// Anything else the browser threw.
    #[error("保存失败（{0}）；请点“导出草稿”保存文件")]
    Other(String),
}

/// Which stored copy a draft came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// localStorage ([`DRAFT_KEY`]).
    Local,
    /// The IndexedDB journal.
    Journal,
}

/// What [`open`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadOutcome {
    /// No draft stored (or the last one was cleared).
    Empty,
    /// The newest valid copy.
    Restored {
        /// The draft.
        envelope: Envelope,
        /// Where it came from.
        source: Source,
        /// What was left out because the copy is beyond a hard cap (`None` for every draft this version writes).
        cut: Option<Cut>,
    },
    /// A stored copy could not be decoded. It was left in place and backed up; show a `role="alert"`
    /// notice with each copy's `error` and offer each `raw` as a download.
    Corrupt {
        /// Every copy that could not be decoded (localStorage first).
        copies: Vec<CorruptCopy>,
        /// The newest valid other copy, if any (restore it).
        recovered: Option<(Envelope, Source)>,
    },
    /// Neither localStorage nor IndexedDB can be used: work in memory, warn, offer the draft file.
    Unavailable(StorageError),
}

/// A stored copy that could not be decoded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorruptCopy {
    /// The text exactly as stored.
    pub raw: String,
    /// Which copy it is.
    pub source: Source,
    /// Where it was backed up: a localStorage key for [`Source::Local`], an IndexedDB key (store `journal`) for
    /// [`Source::Journal`]; `None` when the backup failed.
    pub backup_key: Option<String>,
    /// Why it could not be decoded.
    pub error: DraftError,
}

/// A stored copy restored only in part (beyond a hard cap of [`crate::core::limits`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cut {
    /// What was left out, with the numbers.
    pub errors: Vec<DraftError>,
    /// The whole text as stored (offer it as a download).
    pub raw: String,
    /// Where it was backed up (as [`CorruptCopy::backup_key`]); `None` when it could not be, and then it is not
    /// overwritten either.
    pub backup_key: Option<String>,
}

/// What a successful [`Store::save`] wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SavedInfo {
    /// The `saved_at` written (show `已保存 {time::hms(saved_at)}`).
    pub saved_at: String,
    /// The `seq` written.
    pub seq: u64,
    /// A backup made before overwriting (another tab's newer draft on `save_forced`, or an unreadable text).
    pub backup_key: Option<String>,
}

/// A change another tab made to the stored draft.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ExternalChange {
    /// Another tab saved this draft.
    Saved(Envelope),
    /// Another tab cleared the draft.
    Cleared,
    /// Another tab stored something this version cannot read (e.g. a newer app version).
    Unreadable {
        /// The text.
        raw: String,
        /// Why it cannot be read.
        error: DraftError,
    },
}

type JournalListener = Rc<dyn Fn(Result<u64, StorageError>)>;

/// The journal writer: only the newest pending record is written; one write at a time, in order.
#[derive(Default)]
struct Journal {
    pending: RefCell<Option<Record>>,
    busy: Cell<bool>,
    listener: RefCell<Option<JournalListener>>,
    problem: RefCell<Option<StorageError>>,
    /// The stored journal text could not be read nor backed up: never write over it.
    kept: Cell<bool>,
}

/// What a save does when the stored draft is another tab's, saved after this tab last loaded or saw one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum NewerElsewhere {
    /// Write nothing: [`StorageError::NewerWorkElsewhere`] ([`Store::save`]).
    Refuse,
    /// Back it up, then overwrite it ("keep mine": [`Store::save_forced`]).
    BackUpAndOverwrite,
}

/// The autosave state of this tab: its id, the highest `seq` seen, and the storage it can use.
pub struct Store {
    tab_id: String,
    seq: u64,
    local: Result<web_sys::Storage, StorageError>,
    /// The [`HEAD_KEY`] value of this tab's last save (finding it there again, with no `storage` event
    /// for the draft since, means nobody else wrote: no need to read the draft).
    last_head: Option<String>,
    /// Set by the `storage` listener when another tab touches the draft.
    external: Rc<Cell<bool>>,
    listener: Option<Closure<dyn Fn(web_sys::StorageEvent)>>,
    /// A stored text that is already backed up and so may be overwritten.
    backed_up: Option<String>,
    /// A stored text (readable, so not caught by the unreadable-text check) that could be backed up nowhere: never
    /// overwritten from this page.
    unkept: Option<String>,
    /// False only for [`Store::in_memory`].
    use_journal: bool,
    journal: Rc<Journal>,
}

fn classify(e: &JsValue) -> StorageError {
    if let Some(d) = e.dyn_ref::<web_sys::DomException>() {
        let name = d.name();
        return match name.as_str() {
            "QuotaExceededError" | "NS_ERROR_DOM_QUOTA_REACHED" => StorageError::QuotaExceeded,
            "SecurityError" => StorageError::Unavailable,
            _ => StorageError::Other(format!("{name}: {}", d.message())),
        };
    }
    StorageError::Other(crate::shell::js_error_text(e))
}

fn journal_error(e: IdbError) -> StorageError {
    if e.name == "QuotaExceededError" {
        StorageError::QuotaExceeded
    } else {
        StorageError::JournalUnavailable(journal_reason(&e.name))
    }
}

/// Why IndexedDB failed, in words the user can act on; the exception's name alone for a rare one (for whoever
/// helps them), never the browser's English message.
fn journal_reason(name: &str) -> String {
    match name {
        "Missing" => "浏览器没有提供，可能处于无痕/隐私模式".into(),
        "InvalidStateError" | "SecurityError" => "浏览器的隐私或安全设置不允许使用".into(),
        "VersionError" => "另一个标签页正在使用旧版本的本工具，请关闭其他标签页后刷新".into(),
        "AbortError" | "TimeoutError" => "操作被中止".into(),
        "UnknownError" => "浏览器内部出错，重启浏览器后可能恢复".into(),
        other => format!("错误代码 {other}"),
    }
}

/// This page's localStorage, or why there is none.
pub fn local_storage() -> Result<web_sys::Storage, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    match window.local_storage() {
        Ok(Some(s)) => Ok(s),
        Ok(None) => Err(StorageError::Unavailable),
        Err(e) => Err(match classify(&e) {
            StorageError::Other(_) => StorageError::Unavailable,
            other => other,
        }),
    }
}

/// A random id for this tab (8 base-36 characters).
fn new_tab_id() -> String {
    let mut n = (js_sys::Math::random() * 36f64.powi(8)) as u64;
    let mut s = String::with_capacity(8);
    for _ in 0..8 {
        let d = (n % 36) as u32;
        s.push(char::from_digit(d, 36).unwrap_or('0'));
        n /= 36;
    }
    s
}

/// Resolves after `ms` milliseconds.
async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve: js_sys::Function, _reject| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
        }
    });
    let _ = JsFuture::from(promise).await;
}

/// The first of two futures to finish: `Ok` with the work's output, `Err(())` on timeout.
struct Race<A: Future, B: Future> {
    work: Pin<Box<A>>,
    timeout: Pin<Box<B>>,
}

impl<A: Future, B: Future> Future for Race<A, B> {
    type Output = Result<A::Output, ()>;
    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        if let Poll::Ready(v) = self.work.as_mut().poll(cx) {
            return Poll::Ready(Ok(v));
        }
        match self.timeout.as_mut().poll(cx) {
            Poll::Ready(_) => Poll::Ready(Err(())),
            Poll::Pending => Poll::Pending,
        }
    }
}

async fn read_journal() -> Result<Option<Record>, StorageError> {
    let race = Race { work: Box::pin(idb::read(DRAFT_RECORD)), timeout: Box::pin(sleep(JOURNAL_TIMEOUT_MS)) };
    match race.await {
        Ok(r) => r.map_err(journal_error),
        Err(()) => Err(StorageError::JournalUnavailable("打开超时".into())),
    }
}

/// A stored copy as read at start.
enum Found {
    Missing,
    Cleared(Meta),
    Valid(Envelope),
    /// Decoded as far as it goes (beyond a hard cap): what was cut, and the whole text to keep.
    Partial(Envelope, Vec<DraftError>, String),
    Bad(String, DraftError),
}

fn found(raw: String) -> Found {
    match decode_partial(&raw) {
        Ok((env, cut)) if cut.is_empty() => Found::Valid(env),
        Ok((env, cut)) => Found::Partial(env, cut, raw),
        Err(e) => Found::Bad(raw, e),
    }
}

/// Keeps a text in the IndexedDB journal store under a fresh `backup.<time>.<n>` key (`n` counts this page's
/// backups, so two made in the same second never share a key); the key, or the error.
async fn backup_journal(raw: &str) -> Result<String, IdbError> {
    thread_local! {
        static BACKUPS: Cell<u32> = const { Cell::new(0) };
    }
    let n = BACKUPS.with(|b| {
        b.set(b.get() + 1);
        b.get()
    });
    let key = format!("backup.{}.{n}", time::now_local());
    let record = Record { seq: 0, saved_at: time::now_local(), text: Some(raw.to_string()) };
    idb::put(&key, &record).await.map(|()| key)
}

/// Keeps a stored copy's text before it may be overwritten: in a backup of its own store, else of the other one
/// (a full localStorage has no room for a second large text). The backup key, or `None` when it is kept nowhere.
async fn keep(raw: &str, source: Source, local: &Result<web_sys::Storage, StorageError>) -> Option<String> {
    let in_local = || local.as_ref().ok().and_then(|s| backup_local(s, raw).ok());
    match source {
        Source::Local => match in_local() {
            Some(key) => Some(key),
            None => backup_journal(raw).await.ok(),
        },
        Source::Journal => match backup_journal(raw).await {
            Ok(key) => Some(key),
            Err(e) => {
                web_sys::console::warn_1(&JsValue::from_str(&format!(
                    "journal backup failed: {} {}",
                    e.name, e.message
                )));
                in_local()
            }
        },
    }
}

fn backup_key_now(storage: &web_sys::Storage) -> String {
    let base = format!("{BACKUP_PREFIX}{}", time::now_local());
    let mut key = base.clone();
    let mut n = 1;
    while matches!(storage.get_item(&key), Ok(Some(_))) {
        n += 1;
        key = format!("{base}.{n}");
    }
    key
}

/// Copies `raw` under a fresh backup key; the key, or `BackupFailed`.
fn backup_local(storage: &web_sys::Storage, raw: &str) -> Result<String, StorageError> {
    let key = backup_key_now(storage);
    storage.set_item(&key, raw).map_err(|_| StorageError::BackupFailed)?;
    Ok(key)
}

/// A stored copy as read at start, or why it could not be read.
type StoredCopy = Result<Found, StorageError>;

/// Reads both copies, backs up any unreadable one, and returns this tab's [`Store`] (primed with the highest
/// `seq` found) with what the UI should show. Never fails: at worst the outcome says storage is unavailable.
/// Waits at most [`JOURNAL_TIMEOUT_MS`] for IndexedDB.
pub async fn open() -> (Store, LoadOutcome) {
    let local = local_storage();
    if let Ok(storage) = &local {
        migrate::migrate_local(storage);
    }
    // A legacy database that cannot be read stays for the next start.
    let _ = migrate::migrate_journal().await;
    let mut store = Store::with_local(local.clone());
    store.watch_storage_events();
    let copies = [(read_local(&local), Source::Local), (store.read_journal_copy().await, Source::Journal)];
    let recovered = store.newest(&copies);
    let (corrupt, cut) = store.keep_unreadable(&copies, recovered.as_ref().map(|(_, s)| *s), &local).await;
    let outcome = match (corrupt.is_empty(), recovered) {
        (false, recovered) => LoadOutcome::Corrupt { copies: corrupt, recovered },
        (true, Some((envelope, source))) => LoadOutcome::Restored { envelope, source, cut },
        (true, None) => match (&local, &copies[1].0) {
            (Err(e), Err(_)) => LoadOutcome::Unavailable(e.clone()),
            _ => LoadOutcome::Empty,
        },
    };
    (store, outcome)
}

/// The localStorage copy.
fn read_local(local: &Result<web_sys::Storage, StorageError>) -> StoredCopy {
    match local {
        Ok(s) => match s.get_item(DRAFT_KEY) {
            Ok(None) => Ok(Found::Missing),
            Ok(Some(raw)) => Ok(found(raw)),
            Err(e) => Err(classify(&e)),
        },
        Err(e) => Err(e.clone()),
    }
}

impl Store {
    /// A store over `local` that writes the journal too, with a fresh tab id and nothing seen yet.
    fn with_local(local: Result<web_sys::Storage, StorageError>) -> Store {
        Store {
            tab_id: new_tab_id(),
            seq: 0,
            local,
            last_head: None,
            external: Rc::new(Cell::new(false)),
            listener: None,
            backed_up: None,
            unkept: None,
            use_journal: true,
            journal: Rc::new(Journal::default()),
        }
    }

    /// Notes (in `external`) every `storage` event about the draft: another tab wrote it.
    fn watch_storage_events(&mut self) {
        let Some(window) = web_sys::window() else { return };
        let flag = self.external.clone();
        let closure = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
            if ev.key().is_none_or(|k| k == DRAFT_KEY || k == HEAD_KEY) {
                flag.set(true);
            }
        });
        if window.add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref()).is_ok() {
            self.listener = Some(closure);
        }
    }

    /// The journal's copy; its counter counts even when its text cannot be read, and a journal that cannot be read
    /// at all is this store's journal problem.
    async fn read_journal_copy(&mut self) -> StoredCopy {
        let copy = read_journal().await.map(|r| match r {
            None => Found::Missing,
            Some(Record { seq, saved_at, text: None }) => {
                Found::Cleared(Meta { version: 1, saved_at, writer: String::new(), seq })
            }
            Some(Record { text: Some(raw), seq, .. }) => {
                // Even an unreadable journal text's counter counts: saves below it would never reach the journal.
                self.seq = self.seq.max(seq);
                found(raw)
            }
        });
        if let Err(e) = &copy {
            *self.journal.problem.borrow_mut() = Some(e.clone());
        }
        copy
    }

    /// The newest of the valid copies, unless a cleared mark is newer (localStorage first: it wins ties); this
    /// store's counter continues from the highest seen.
    fn newest(&mut self, copies: &[(StoredCopy, Source); 2]) -> Option<(Envelope, Source)> {
        let mut best: Option<(Meta, Option<(Envelope, Source)>)> = None;
        for (copy, source) in copies {
            let candidate = match copy {
                Ok(Found::Valid(env) | Found::Partial(env, ..)) => (env.meta(), Some((env.clone(), *source))),
                Ok(Found::Cleared(meta)) => (meta.clone(), None),
                _ => continue,
            };
            self.seq = self.seq.max(candidate.0.seq);
            if best.as_ref().is_none_or(|(m, _)| compare_saves(&candidate.0, m).is_gt()) {
                best = Some(candidate);
            }
        }
        best.and_then(|(_, env)| env)
    }

    /// Backs up every unreadable copy, and the whole text of a copy restored only in part, before anything can be
    /// written; a text kept nowhere is never overwritten. The unreadable copies, and what was cut from the copy
    /// restored (from `restored`).
    async fn keep_unreadable(
        &mut self,
        copies: &[(StoredCopy, Source); 2],
        restored: Option<Source>,
        local: &Result<web_sys::Storage, StorageError>,
    ) -> (Vec<CorruptCopy>, Option<Cut>) {
        let mut corrupt = Vec::new();
        let mut cut = None;
        for (copy, source) in copies {
            let source = *source;
            let Ok(Found::Bad(raw, _) | Found::Partial(_, _, raw)) = copy else { continue };
            if raw.is_empty() {
                continue;
            }
            let backup_key = keep(raw, source, local).await;
            match (source, backup_key.is_some()) {
                (Source::Local, true) => self.backed_up = Some(raw.clone()),
                (Source::Local, false) => self.unkept = Some(raw.clone()),
                (Source::Journal, true) => {}
                (Source::Journal, false) => {
                    self.journal.kept.set(true);
                    *self.journal.problem.borrow_mut() = Some(StorageError::JournalKept);
                }
            }
            match copy {
                Ok(Found::Bad(_, error)) => {
                    corrupt.push(CorruptCopy { raw: raw.clone(), source, backup_key, error: error.clone() });
                }
                Ok(Found::Partial(_, errors, _)) if restored == Some(source) => {
                    cut = Some(Cut { errors: errors.clone(), raw: raw.clone(), backup_key });
                }
                _ => {}
            }
        }
        (corrupt, cut)
    }
}

impl Store {
    /// A store that keeps nothing (for when the UI must run without [`open`], e.g. in tests of the UI).
    pub fn in_memory() -> Store {
        let mut store = Store::with_local(Err(StorageError::Unavailable));
        store.use_journal = false;
        store
    }

    /// This tab's id (the `writer` of its saves).
    pub fn tab_id(&self) -> &str {
        &self.tab_id
    }

    /// The highest `seq` this tab has written or seen.
    pub fn seq(&self) -> u64 {
        self.seq
    }

    /// Why localStorage cannot be used, if it cannot (a lasting warning for the UI).
    pub fn local_problem(&self) -> Option<StorageError> {
        self.local.as_ref().err().cloned()
    }

    /// The last problem with the journal (the durable second copy), if its last write or the start failed.
    pub fn journal_problem(&self) -> Option<StorageError> {
        self.journal.problem.borrow().clone()
    }

    /// Calls `cb` after each journal write with the `seq` written, or the error.
    pub fn on_journal_result(&self, cb: impl Fn(Result<u64, StorageError>) + 'static) {
        *self.journal.listener.borrow_mut() = Some(Rc::new(cb));
    }

    /// Saves the declaration now: synchronously to localStorage, then queues the journal write. Refuses to
    /// overwrite newer work of another tab ([`StorageError::NewerWorkElsewhere`]). On a localStorage error
    /// the journal write is still queued, so the error is a warning, not a loss.
    pub fn save(&mut self, decl: &Declaration, now: &str) -> Result<SavedInfo, StorageError> {
        self.save_inner(decl, now, NewerElsewhere::Refuse)
    }

    /// Saves even over another tab's newer draft ("keep mine"), after backing that draft up
    /// ([`SavedInfo::backup_key`]).
    pub fn save_forced(&mut self, decl: &Declaration, now: &str) -> Result<SavedInfo, StorageError> {
        self.save_inner(decl, now, NewerElsewhere::BackUpAndOverwrite)
    }

    /// Keeps `text` (a draft about to be replaced by the user's choice) under a backup key of its own; the key.
    pub fn back_up(&mut self, text: &str) -> Result<String, StorageError> {
        let storage = self.local.clone()?;
        backup_local(&storage, text)
    }

    /// Notes that the UI loaded `env` (another tab's version): saves may now overwrite it.
    pub fn adopt(&mut self, env: &Envelope) {
        self.seq = self.seq.max(env.seq);
    }

    /// Checks what is stored before overwriting it: the `seq` to write and a backup key if one was made.
    fn check_stored(
        &mut self,
        storage: &web_sys::Storage,
        newer: NewerElsewhere,
    ) -> Result<(u64, Option<String>), StorageError> {
        let next = self.seq.saturating_add(1);
        if !self.external.get() && self.last_head.is_some() {
            let head = storage.get_item(HEAD_KEY).map_err(|e| classify(&e))?;
            if head == self.last_head {
                return Ok((next, None));
            }
        }
        self.external.set(false);
        let Some(raw) = storage.get_item(DRAFT_KEY).map_err(|e| classify(&e))? else {
            return Ok((next, None));
        };
        if self.backed_up.as_deref() == Some(raw.as_str()) {
            return Ok((next, None));
        }
        if self.unkept.as_deref() == Some(raw.as_str()) {
            return Err(StorageError::BackupFailed);
        }
        match peek_meta(&raw) {
            Ok(meta) => {
                let newer_elsewhere = meta.writer != self.tab_id && meta.seq > self.seq;
                let seq = next.max(meta.seq.saturating_add(1));
                if !newer_elsewhere {
                    return Ok((seq, None));
                }
                if newer == NewerElsewhere::Refuse {
                    if let Ok(env) = decode(&raw) {
                        return Err(StorageError::NewerWorkElsewhere { other: Box::new(env) });
                    }
                }
                let key = backup_local(storage, &raw)?;
                self.backed_up = Some(raw);
                Ok((seq, Some(key)))
            }
            Err(_) => {
                let key = backup_local(storage, &raw)?;
                self.backed_up = Some(raw);
                Ok((next, Some(key)))
            }
        }
    }

    fn save_inner(&mut self, decl: &Declaration, now: &str, newer: NewerElsewhere) -> Result<SavedInfo, StorageError> {
        // The main-thread cost of one save, as a User Timing measure `draft-save` (see `bench/perf.mjs`).
        let _timing = crate::shell::time::Measure::start("draft-save", "draft-save-start");
        let local = self.local.clone();
        let result = match &local {
            Ok(storage) => match self.check_stored(storage, newer) {
                Err(e @ StorageError::NewerWorkElsewhere { .. }) => return Err(e),
                Err(e) => Err(e),
                Ok((seq, backup_key)) => {
                    let text = encode(decl, now, APP_VERSION, &self.tab_id, seq);
                    if text.len() > MAX_TABLE_BYTES {
                        return Err(StorageError::TooLarge { bytes: text.len() });
                    }
                    match storage.set_item(DRAFT_KEY, &text) {
                        Ok(()) => {
                            self.seq = seq;
                            let head = format!("{}:{seq}", self.tab_id);
                            self.last_head = match storage.set_item(HEAD_KEY, &head) {
                                Ok(()) => Some(head),
                                Err(_) => {
                                    // A stale head would let another tab skip its check: drop it.
                                    let _ = storage.remove_item(HEAD_KEY);
                                    None
                                }
                            };
                            self.queue_journal(Record { seq, saved_at: now.to_string(), text: Some(text) });
                            return Ok(SavedInfo { saved_at: now.to_string(), seq, backup_key });
                        }
                        Err(e) => Err(classify(&e)),
                    }
                }
            },
            Err(e) => Err(e.clone()),
        };
        // localStorage failed: the journal still gets this version.
        self.seq = self.seq.saturating_add(1);
        let text = encode(decl, now, APP_VERSION, &self.tab_id, self.seq);
        if text.len() > MAX_TABLE_BYTES {
            return Err(StorageError::TooLarge { bytes: text.len() });
        }
        self.queue_journal(Record { seq: self.seq, saved_at: now.to_string(), text: Some(text) });
        result
    }

    fn queue_journal(&self, record: Record) {
        if !self.use_journal || self.journal.kept.get() {
            return;
        }
        let journal = self.journal.clone();
        *journal.pending.borrow_mut() = Some(record);
        if journal.busy.get() {
            return;
        }
        journal.busy.set(true);
        spawn_local(async move {
            loop {
                let next = journal.pending.borrow_mut().take();
                let Some(record) = next else { break };
                let result = idb::put_if_newer(DRAFT_RECORD, &record).await.map(|_| record.seq).map_err(journal_error);
                *journal.problem.borrow_mut() = result.as_ref().err().cloned();
                let listener = journal.listener.borrow().clone();
                if let Some(cb) = listener {
                    cb(result);
                }
            }
            journal.busy.set(false);
        });
    }

    /// Resolves once no journal write is queued or running (for tests and before deliberate reloads).
    pub async fn journal_idle(&self) {
        while self.journal.busy.get() {
            sleep(5).await;
        }
    }

    /// Clears the stored draft (both copies), keeping the previous text under [`UNDO_KEY`]. Refuses
    /// ([`StorageError::BackupFailed`]) when that undo copy cannot be written.
    pub fn clear(&mut self) -> Result<(), StorageError> {
        if let Ok(storage) = &self.local {
            if let Some(raw) = storage.get_item(DRAFT_KEY).map_err(|e| classify(&e))? {
                storage.set_item(UNDO_KEY, &raw).map_err(|_| StorageError::BackupFailed)?;
                storage.remove_item(DRAFT_KEY).map_err(|e| classify(&e))?;
            }
            storage.remove_item(HEAD_KEY).map_err(|e| classify(&e))?;
        }
        self.seq = self.seq.saturating_add(1);
        self.last_head = None;
        self.queue_journal(Record { seq: self.seq, saved_at: time::now_local(), text: None });
        Ok(())
    }

    /// The draft as it was before the last [`Store::clear`], if kept (`adopt` it and save to undo).
    pub fn undo_copy(&self) -> Option<Result<Envelope, DraftError>> {
        let storage = self.local.as_ref().ok()?;
        let raw = storage.get_item(UNDO_KEY).ok()??;
        Some(decode(&raw))
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        if let (Some(c), Some(w)) = (self.listener.take(), web_sys::window()) {
            let _ = w.remove_event_listener_with_callback("storage", c.as_ref().unchecked_ref());
        }
    }
}

/// The localStorage keys of kept backups, oldest first.
pub fn backup_keys() -> Vec<String> {
    let Ok(storage) = local_storage() else { return Vec::new() };
    let n = storage.length().unwrap_or(0);
    let mut keys: Vec<String> =
        (0..n).filter_map(|i| storage.key(i).ok().flatten()).filter(|k| k.starts_with(BACKUP_PREFIX)).collect();
    keys.sort();
    keys
}

/// The raw text under a localStorage key (a backup, the undo copy or the draft), if any.
pub fn read_raw(key: &str) -> Option<String> {
    local_storage().ok()?.get_item(key).ok()?
}

/// Removes the `storage` listener of [`on_external_change`] when dropped (or never, after `forget`).
pub struct ExternalWatch {
    closure: Option<Closure<dyn Fn(web_sys::StorageEvent)>>,
}

impl ExternalWatch {
    /// Keeps the listener for the life of the page.
    pub fn forget(mut self) {
        if let Some(c) = self.closure.take() {
            c.forget();
        }
    }
}

impl Drop for ExternalWatch {
    fn drop(&mut self) {
        if let (Some(c), Some(w)) = (self.closure.take(), web_sys::window()) {
            let _ = w.remove_event_listener_with_callback("storage", c.as_ref().unchecked_ref());
        }
    }
}

/// Interprets a `storage` event: `None` unless it concerns the draft.
pub fn external_change(key: Option<&str>, new_value: Option<String>) -> Option<ExternalChange> {
    match (key, new_value) {
        // `localStorage.clear()` in another tab.
        (None, _) => Some(ExternalChange::Cleared),
        (Some(k), _) if k != DRAFT_KEY => None,
        (Some(_), None) => Some(ExternalChange::Cleared),
        (Some(_), Some(raw)) => Some(match decode(&raw) {
            Ok(env) => ExternalChange::Saved(env),
            Err(error) => ExternalChange::Unreadable { raw, error },
        }),
    }
}

/// Calls `cb` whenever another tab saves or clears the draft (the window `storage` event, which never fires
/// for this tab's own writes). Keep the returned guard, or call [`ExternalWatch::forget`].
pub fn on_external_change(cb: impl Fn(ExternalChange) + 'static) -> Result<ExternalWatch, StorageError> {
    let window = web_sys::window().ok_or(StorageError::Unavailable)?;
    let closure = Closure::<dyn Fn(web_sys::StorageEvent)>::new(move |ev: web_sys::StorageEvent| {
        if let Some(change) = external_change(ev.key().as_deref(), ev.new_value()) {
            cb(change);
        }
    });
    window.add_event_listener_with_callback("storage", closure.as_ref().unchecked_ref()).map_err(|e| classify(&e))?;
    Ok(ExternalWatch { closure: Some(closure) })
}
