//! Draft storage in headless Chromium: restore, corrupt copies, journal vs localStorage, two tabs, full storage.
#![cfg(target_arch = "wasm32")]

use shenbao::core::draft::{decode, encode, DraftError, CURRENT_VERSION};
use shenbao::core::limits::{MAX_CELL_CHARS, MAX_ROWS};
use shenbao::core::{Declaration, ProjectRow};
use shenbao::shell::idb::{self, Record, DRAFT_RECORD};
use shenbao::shell::storage::{
    self, backup_keys, external_change, on_external_change, read_raw, CorruptCopy, ExternalChange, LoadOutcome, Source,
    StorageError, Store, DRAFT_KEY, HEAD_KEY, UNDO_KEY,
};
use shenbao::shell::time;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn ls() -> web_sys::Storage {
    storage::local_storage().expect("localStorage in the test browser")
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// wasm-bindgen-test runs async tests concurrently; these share localStorage and IndexedDB, so each one holds
/// this lock for its whole run.
struct Exclusive;

impl Drop for Exclusive {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn exclusive() -> Exclusive {
    while BUSY.with(|b| b.replace(true)) {
        let p = js_sys::Promise::new(&mut |resolve, _| {
            web_sys::window()
                .expect("window")
                .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 5)
                .expect("timer");
        });
        wasm_bindgen_futures::JsFuture::from(p).await.expect("sleep");
    }
    Exclusive
}

/// Takes the lock, then removes every key of ours and the journal record.
async fn reset() -> Exclusive {
    let lock = exclusive().await;
    let s = ls();
    for k in backup_keys() {
        s.remove_item(&k).expect("remove backup");
    }
    s.remove_item(DRAFT_KEY).expect("remove draft");
    s.remove_item(HEAD_KEY).expect("remove head");
    s.remove_item(UNDO_KEY).expect("remove undo");
    idb::delete(DRAFT_RECORD).await.expect("delete journal");
    lock
}

fn decl(tag: &str, rows: usize) -> Declaration {
    Declaration {
        recommender: format!("天津市{tag}区市场监督管理局"),
        filler: "李华".into(),
        fill_date: "2021-05-06".into(),
        rows: (0..rows)
            .map(|i| ProjectRow {
                id: i as u64 + 1,
                unit_name: format!("天津示例第{i}号制造有限公司"),
                credit_code: "91120222MA05T8XQ3K".into(),
                industry: "34".into(),
                district: "武清区".into(),
                scale: "中型企业".into(),
                ownership: "私营企业".into(),
                project_name: format!("{tag}项目{i}：降低齿轮箱壳体铸造缺陷率"),
                topic_type: "问题解决型".into(),
                leader_name: "张伟".into(),
                leader_phone: "13812345678".into(),
                email: "zhangwei@example.com".into(),
                remarks: "备注".into(),
                ..ProjectRow::default()
            })
            .collect(),
        ..Declaration::default()
    }
}

#[wasm_bindgen_test]
async fn save_then_open_restores() {
    let _lock = reset().await;
    let (mut store, outcome) = storage::open().await;
    assert_eq!(outcome, LoadOutcome::Empty);
    let d = decl("武清", 3);
    let info = store.save(&d, "2021-05-06T10:42:05").expect("save");
    assert_eq!(info.saved_at, "2021-05-06T10:42:05");
    assert_eq!(info.backup_key, None);
    store.journal_idle().await;
    assert_eq!(store.journal_problem(), None);

    let (store2, outcome) = storage::open().await;
    match outcome {
        LoadOutcome::Restored { envelope, source, cut } => {
            assert_eq!(cut, None);
            assert_eq!(envelope.declaration, d);
            assert_eq!(envelope.seq, info.seq);
            assert_eq!(envelope.writer, store.tab_id());
            assert_eq!(source, Source::Local, "equal copies: localStorage wins the tie");
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store2.seq(), info.seq);
    assert_ne!(store2.tab_id(), store.tab_id());
}

#[wasm_bindgen_test]
async fn corrupt_local_is_backed_up_and_never_overwritten_unbacked() {
    let _lock = reset().await;
    let raw = "{\"format\":\"shenbao-draft\",\"version\":1,\"saved_at\":\"2021-05-06T10:4";
    ls().set_item(DRAFT_KEY, raw).expect("set");
    let (mut store, outcome) = storage::open().await;
    let LoadOutcome::Corrupt { mut copies, recovered } = outcome else {
        panic!("expected Corrupt");
    };
    assert_eq!(copies.len(), 1);
    let CorruptCopy { raw: got, source, backup_key, error } = copies.remove(0);
    assert_eq!(got, raw);
    assert_eq!(source, Source::Local);
    assert_eq!(error, DraftError::Truncated);
    assert_eq!(recovered, None);
    let key = backup_key.expect("backed up");
    assert_eq!(read_raw(&key).as_deref(), Some(raw));
    assert_eq!(read_raw(DRAFT_KEY).as_deref(), Some(raw), "opening writes nothing over it");

    // The first save may now replace it (it is backed up) and makes no second backup.
    store.save(&decl("西青", 1), "2021-05-06T11:00:00").expect("save");
    assert_eq!(backup_keys(), vec![key.clone()]);
    assert_eq!(read_raw(&key).as_deref(), Some(raw));
    store.journal_idle().await;
}

#[wasm_bindgen_test]
async fn future_version_is_corrupt_with_the_other_copy_recovered() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    let d = decl("北辰", 2);
    store.save(&d, "2021-05-06T10:00:00").expect("save");
    store.journal_idle().await;
    let (current, newer) = (CURRENT_VERSION, CURRENT_VERSION + 1);
    let future = encode(&d, "2021-05-06T10:05:00", "9.0.0", "newapp", 99).replacen(
        &format!("\"version\":{current}"),
        &format!("\"version\":{newer}"),
        1,
    );
    ls().set_item(DRAFT_KEY, &future).expect("set");

    let (_, outcome) = storage::open().await;
    let LoadOutcome::Corrupt { mut copies, recovered } = outcome else { panic!("expected Corrupt") };
    let CorruptCopy { raw, error, backup_key, .. } = copies.remove(0);
    assert!(copies.is_empty(), "the journal copy is fine");
    assert_eq!(raw, future);
    assert_eq!(error, DraftError::FromNewer(newer));
    assert_eq!(error.to_string(), format!("草稿来自更新的版本 (v{newer})，请更新页面"));
    let (env, source) = recovered.expect("journal copy");
    assert_eq!((env.declaration, source), (d, Source::Journal));
    assert_eq!(read_raw(&backup_key.expect("backup")), Some(future));
}

#[wasm_bindgen_test]
async fn newer_journal_wins_over_stale_local() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    let old = decl("旧", 2);
    store.save(&old, "2021-05-06T10:00:00").expect("save");
    store.journal_idle().await;
    // As after a hard kill: the journal got later saves, localStorage's disk copy did not.
    let new = decl("新", 3);
    let seq = store.seq() + 4;
    let text = encode(&new, "2021-05-06T10:00:01", "0.1.0", store.tab_id(), seq);
    let written =
        idb::put_if_newer(DRAFT_RECORD, &Record { seq, saved_at: "2021-05-06T10:00:01".into(), text: Some(text) })
            .await
            .expect("journal write");
    assert!(written);

    let (store2, outcome) = storage::open().await;
    match outcome {
        LoadOutcome::Restored { envelope, source, .. } => {
            assert_eq!(source, Source::Journal);
            assert_eq!(envelope.declaration, new);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(store2.seq(), seq);
}

#[wasm_bindgen_test]
async fn journal_never_goes_back_in_time() {
    let _lock = reset().await;
    let rec = |seq: u64| Record { seq, saved_at: String::new(), text: Some(format!("{seq}")) };
    assert!(idb::put_if_newer(DRAFT_RECORD, &rec(5)).await.expect("put 5"));
    assert!(!idb::put_if_newer(DRAFT_RECORD, &rec(3)).await.expect("put 3"));
    assert_eq!(idb::read(DRAFT_RECORD).await.expect("read").map(|r| r.seq), Some(5));
}

#[wasm_bindgen_test]
async fn newer_local_wins_over_older_journal() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    store.save(&decl("甲", 1), "2021-05-06T10:00:00").expect("save");
    store.journal_idle().await;
    let d = decl("乙", 1);
    ls().set_item(DRAFT_KEY, &encode(&d, "2021-05-06T10:00:05", "0.1.0", "x", store.seq() + 1)).expect("set");
    let (_, outcome) = storage::open().await;
    assert!(
        matches!(outcome, LoadOutcome::Restored { envelope, source: Source::Local, .. } if envelope.declaration == d)
    );
}

/// Writes the draft as a `Store` in another tab ("othertab") does: draft, then head.
fn other_tab_writes(text: &str, seq: u64) {
    ls().set_item(DRAFT_KEY, text).expect("other tab: draft");
    ls().set_item(HEAD_KEY, &format!("othertab:{seq}")).expect("other tab: head");
}

#[wasm_bindgen_test]
async fn second_store_in_the_same_storage_is_noticed() {
    let _lock = reset().await;
    let (mut a, _) = storage::open().await;
    let (mut b, _) = storage::open().await;
    a.save(&decl("甲", 1), "2021-05-06T10:00:00").expect("a");
    b.save(&decl("乙", 2), "2021-05-06T10:00:01").expect_err("b has not seen a's save");
    let (mut b, outcome) = storage::open().await;
    let LoadOutcome::Restored { envelope, .. } = outcome else { panic!("restored") };
    b.adopt(&envelope);
    b.save(&decl("乙", 2), "2021-05-06T10:00:02").expect("b after loading a's save");
    let err = a.save(&decl("甲", 3), "2021-05-06T10:00:03").expect_err("a has not seen b's save");
    assert!(matches!(err, StorageError::NewerWorkElsewhere { other } if other.declaration == decl("乙", 2)));
    a.journal_idle().await;
    b.journal_idle().await;
}

#[wasm_bindgen_test]
async fn other_tab_newer_write_blocks_save_until_adopted_or_forced() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    let mine = decl("我的", 2);
    store.save(&mine, "2021-05-06T10:00:00").expect("first save");

    // Another tab saves later work.
    let theirs = decl("另一个", 4);
    let their_text = encode(&theirs, "2021-05-06T10:01:00", "0.1.0", "othertab", store.seq() + 1);
    other_tab_writes(&their_text, store.seq() + 1);

    let err = store.save(&mine, "2021-05-06T10:02:00").expect_err("must refuse");
    let StorageError::NewerWorkElsewhere { other } = &err else { panic!("{err:?}") };
    assert_eq!(other.declaration, theirs);
    assert_eq!(err.to_string(), "另一个标签页在 10:01:00 保存了更新的内容；请选择载入那个版本，或保留本页内容（覆盖）");
    assert_eq!(read_raw(DRAFT_KEY).as_deref(), Some(their_text.as_str()), "nothing overwritten");

    // "Keep mine": their version is backed up first.
    let info = store.save_forced(&mine, "2021-05-06T10:03:00").expect("forced");
    let key = info.backup_key.expect("their version kept");
    assert_eq!(read_raw(&key).as_deref(), Some(their_text.as_str()));
    assert!(info.seq > other.seq);
    assert_eq!(decode(&read_raw(DRAFT_KEY).expect("draft")).expect("mine").declaration, mine);

    // "Load theirs": after adopt, saving over it is fine.
    let again = encode(&theirs, "2021-05-06T10:04:00", "0.1.0", "othertab", store.seq() + 1);
    other_tab_writes(&again, store.seq() + 1);
    let StorageError::NewerWorkElsewhere { other } = store.save(&mine, "2021-05-06T10:05:00").expect_err("refuse")
    else {
        panic!("expected NewerWorkElsewhere")
    };
    store.adopt(&other);
    let info = store.save(&other.declaration, "2021-05-06T10:06:00").expect("after adopt");
    assert_eq!(info.backup_key, None);
    store.journal_idle().await;
}

#[wasm_bindgen_test]
async fn other_tab_older_write_does_not_block() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    store.save(&decl("甲", 1), "2021-05-06T10:00:00").expect("save");
    store.save(&decl("甲", 2), "2021-05-06T10:00:01").expect("save");
    let stale = encode(&decl("旧", 1), "2021-05-06T09:00:00", "0.1.0", "othertab", 1);
    other_tab_writes(&stale, 1);
    store.save(&decl("甲", 3), "2021-05-06T10:00:02").expect("older work of another tab is not newer");
    store.journal_idle().await;
}

#[wasm_bindgen_test]
async fn clear_keeps_an_undo_copy_and_stays_cleared() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    let d = decl("红桥", 2);
    store.save(&d, "2021-05-06T10:00:00").expect("save");
    store.clear().expect("clear");
    store.journal_idle().await;
    assert_eq!(read_raw(DRAFT_KEY), None);
    assert_eq!(store.undo_copy().map(|r| r.map(|e| e.declaration)), Some(Ok(d)));
    let (_, outcome) = storage::open().await;
    assert_eq!(outcome, LoadOutcome::Empty, "the journal's tombstone keeps the cleared draft cleared");
}

#[wasm_bindgen_test]
async fn full_storage_is_a_typed_error_and_the_journal_still_saves() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    let s = ls();
    let filler = fill_local_storage();
    let d = decl("滨海", 50);
    let result = store.save(&d, "2021-05-06T10:00:00");
    for k in &filler {
        s.remove_item(k).expect("unfill");
    }
    assert_eq!(result, Err(StorageError::QuotaExceeded));
    assert!(StorageError::QuotaExceeded.to_string().contains("导出草稿"));
    store.journal_idle().await;
    let rec = idb::read(DRAFT_RECORD).await.expect("read journal").expect("journal record");
    assert_eq!(decode(rec.text.as_deref().unwrap_or_default()).expect("journal copy").declaration, d);
    let (_, outcome) = storage::open().await;
    assert!(matches!(outcome, LoadOutcome::Restored { source: Source::Journal, .. }), "{outcome:?}");
}

/// Fills localStorage until it refuses; returns the keys to remove.
fn fill_local_storage() -> Vec<String> {
    let s = ls();
    let mut filler = Vec::new();
    for size in [512 * 1024, 32 * 1024, 1024, 32] {
        let chunk = "满".repeat(size);
        for _ in 0..400 {
            let k = format!("test.fill.{}", filler.len());
            if s.set_item(&k, &chunk).is_err() {
                break;
            }
            filler.push(k);
        }
    }
    filler
}

#[wasm_bindgen_test]
async fn unreadable_draft_in_a_full_local_storage_is_backed_up_in_indexeddb_and_kept() {
    let _lock = reset().await;
    let raw = "{\"recommender\": \"天津市东丽区\", \"rows\": [ {\"unit_name\": 5} ]}";
    ls().set_item(DRAFT_KEY, raw).expect("set");
    let filler = fill_local_storage();
    let (mut store, outcome) = storage::open().await;
    let saved = store.save(&decl("东丽", 1), "2021-05-06T10:00:00");
    let stored = read_raw(DRAFT_KEY);
    for k in &filler {
        ls().remove_item(k).expect("unfill");
    }
    let LoadOutcome::Corrupt { mut copies, .. } = outcome else { panic!("expected Corrupt") };
    let CorruptCopy { backup_key, error, .. } = copies.remove(0);
    assert!(matches!(error, DraftError::WrongType { .. }), "{error:?}");
    // No room in localStorage: the backup went to IndexedDB.
    let key = backup_key.expect("backed up");
    assert_eq!(read_raw(&key), None);
    let kept = idb::read(&key).await.expect("read").and_then(|r| r.text);
    assert_eq!(kept.as_deref(), Some(raw));
    assert_eq!(saved, Err(StorageError::QuotaExceeded));
    assert_eq!(stored.as_deref(), Some(raw), "the unreadable text is still there");
    store.journal_idle().await;
    let _ = idb::delete(&key).await;
}

#[wasm_bindgen_test]
fn in_memory_store_reports_unavailable() {
    let mut store = Store::in_memory();
    assert_eq!(store.save(&decl("无", 1), "2021-05-06T10:00:00"), Err(StorageError::Unavailable));
    assert!(store.local_problem().is_some());
}

#[wasm_bindgen_test]
fn storage_events_are_interpreted() {
    let text = encode(&decl("甲", 1), "2021-05-06T10:00:00", "0.1.0", "t", 3);
    assert!(matches!(external_change(Some(DRAFT_KEY), Some(text)), Some(ExternalChange::Saved(e)) if e.seq == 3));
    assert_eq!(external_change(Some(DRAFT_KEY), None), Some(ExternalChange::Cleared));
    assert_eq!(external_change(Some("other"), Some("x".into())), None);
    assert!(matches!(
        external_change(Some(DRAFT_KEY), Some("{".into())),
        Some(ExternalChange::Unreadable { error: DraftError::Truncated, .. })
    ));

    let seen: Rc<RefCell<Vec<ExternalChange>>> = Rc::default();
    let seen2 = seen.clone();
    let watch = on_external_change(move |c| seen2.borrow_mut().push(c)).expect("listen");
    let window = web_sys::window().expect("window");
    let ev = web_sys::StorageEvent::new("storage").expect("event");
    window.dispatch_event(ev.unchecked_ref()).expect("dispatch");
    assert_eq!(*seen.borrow(), vec![ExternalChange::Cleared]);
    drop(watch);
    window.dispatch_event(web_sys::StorageEvent::new("storage").expect("event").unchecked_ref()).expect("dispatch");
    assert_eq!(seen.borrow().len(), 1, "the guard removed the listener");
}

#[wasm_bindgen_test]
fn clock_formats() {
    let now = time::now_local();
    assert!(shenbao::core::draft::is_timestamp(&now), "{now}");
    assert_eq!(time::today(), now[..10]);
    assert_eq!(time::hms("2021-05-06T10:42:05"), "10:42:05");
    assert_eq!(time::hms("garbage"), "");
}

/// Median of the timings, in milliseconds.
fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

/// Measurement harness for BENCHMARKS.md "Draft save" (prints medians; asserts nothing about speed).
/// Run: `cargo test --target wasm32-unknown-unknown --test browser_storage -- --include-ignored bench_`
#[wasm_bindgen_test]
#[ignore]
async fn bench_save_1000_rows() {
    let _lock = reset().await;
    let perf = web_sys::window().expect("window").performance().expect("performance");
    let (mut store, _) = storage::open().await;
    let d = decl("基准", 1000);
    let runs = 41;

    let text = encode(&d, "2021-05-06T10:00:00", "0.1.0", "bench", 1);
    let js_obj = js_sys::JSON::parse(&text).expect("parse");
    let js_set: js_sys::Function =
        js_sys::Reflect::get(&ls(), &"setItem".into()).expect("setItem").dyn_into().expect("function");

    let (mut enc, mut save, mut js_str, mut js_save, mut dec) = (vec![], vec![], vec![], vec![], vec![]);
    let (mut get, mut set) = (vec![], vec![]);
    for i in 0..runs {
        let t = perf.now();
        let s = encode(&d, "2021-05-06T10:00:00", "0.1.0", "bench", i);
        enc.push(perf.now() - t);
        std::hint::black_box(s);

        let t = perf.now();
        store.save(&d, "2021-05-06T10:00:00").expect("save");
        save.push(perf.now() - t);
        store.journal_idle().await;

        let t = perf.now();
        let s = js_sys::JSON::stringify(&js_obj).expect("stringify");
        js_str.push(perf.now() - t);
        std::hint::black_box(s);

        let t = perf.now();
        let s = js_sys::JSON::stringify(&js_obj).expect("stringify");
        js_set.call2(&ls(), &"bench.peer".into(), &s).expect("setItem");
        js_save.push(perf.now() - t);

        let t = perf.now();
        let got = ls().get_item(DRAFT_KEY).expect("get");
        get.push(perf.now() - t);
        std::hint::black_box(got);

        let t = perf.now();
        ls().set_item("bench.rust", &text).expect("set");
        set.push(perf.now() - t);

        let t = perf.now();
        let env = decode(&text).expect("decode");
        dec.push(perf.now() - t);
        std::hint::black_box(env);
    }
    ls().remove_item("bench.peer").expect("remove");
    ls().remove_item("bench.rust").expect("remove");
    let big = encode(&decl("基准", 5000), "2021-05-06T10:00:00", "0.1.0", "bench", 1);
    let mut dec5000 = vec![];
    for _ in 0..9 {
        let t = perf.now();
        std::hint::black_box(decode(&big).expect("decode 5000"));
        dec5000.push(perf.now() - t);
    }
    console_log!(
        "draft save, 1000 rows ({} KB), median of {runs}: encode {:.2} ms | Store::save (head check + encode + setItem + queue journal) {:.2} ms | peer JSON.stringify {:.2} ms | peer JSON.stringify + setItem {:.2} ms | decode {:.2} ms | decode 5000 rows ({} KB, median of 9) {:.2} ms | parts: getItem→String {:.2} ms, setItem(&str) {:.2} ms",
        text.len() / 1024,
        median(enc),
        median(save),
        median(js_str),
        median(js_save),
        median(dec),
        big.len() / 1024,
        median(dec5000),
        median(get),
        median(set),
    );
}

#[wasm_bindgen_test]
async fn both_copies_unreadable_are_both_offered_and_kept() {
    let _lock = reset().await;
    let local_raw = "{\"format\":\"shenbao-draft\",\"version\":1,\"saved_at\":\"2021";
    let journal_raw = "本地副本也坏了 {";
    ls().set_item(DRAFT_KEY, local_raw).expect("set");
    let record = Record { seq: 3, saved_at: "2021-05-06T10:00:00".into(), text: Some(journal_raw.into()) };
    idb::put_if_newer(DRAFT_RECORD, &record).await.expect("journal write");

    let (mut store, outcome) = storage::open().await;
    let LoadOutcome::Corrupt { copies, recovered } = outcome else { panic!("expected Corrupt: {outcome:?}") };
    assert_eq!(recovered, None);
    let got: Vec<(&str, Source)> = copies.iter().map(|c| (c.raw.as_str(), c.source)).collect();
    assert_eq!(got, vec![(local_raw, Source::Local), (journal_raw, Source::Journal)], "both texts reach the UI");
    assert!(copies.iter().all(|c| c.backup_key.is_some()), "{copies:?}");

    // Saving after both were backed up replaces them; the backups keep the old texts.
    store.save(&decl("河东", 1), "2021-05-06T11:00:00").expect("save");
    store.journal_idle().await;
    let journal_backup = copies[1].backup_key.clone().expect("journal backup");
    let kept = idb::read(&journal_backup).await.expect("read backup").expect("backup record");
    assert_eq!(kept.text.as_deref(), Some(journal_raw));
    idb::delete(&journal_backup).await.expect("tidy");
}

#[wasm_bindgen_test]
async fn a_stored_draft_beyond_the_caps_is_restored_as_far_as_it_goes() {
    let _lock = reset().await;
    // As an older version could leave it: more rows than the cap, and a value longer than a cell holds.
    let mut d = decl("宁河", 1);
    d.rows[0].remarks = "长".repeat(MAX_CELL_CHARS + 5);
    d.rows.extend((2..=MAX_ROWS as u64 + 1).map(|id| ProjectRow {
        id,
        unit_name: format!("单位{id}"),
        ..ProjectRow::default()
    }));
    // Written as version 1 did (no row sources): 20,001 empty sources would not fit localStorage beside the rest.
    let raw = encode(&d, "2021-05-06T10:00:00", "0.0.9", "old", 7)
        .replacen(&format!("\"version\":{CURRENT_VERSION}"), "\"version\":1", 1)
        .replace(r#","source":{"file":"","sheet":"","row":0,"number_code":""}"#, "");
    ls().set_item(DRAFT_KEY, &raw).expect("set");

    let (_, outcome) = storage::open().await;
    let LoadOutcome::Restored { envelope, source, cut } = outcome else { panic!("restored: {outcome:?}") };
    assert_eq!(source, Source::Local);
    assert_eq!(envelope.declaration.rows.len(), MAX_ROWS, "never an empty table");
    assert_eq!(envelope.declaration.rows[0].remarks.chars().count(), MAX_CELL_CHARS);
    let cut = cut.expect("the cut is reported");
    assert_eq!(cut.errors.len(), 2, "{:?}", cut.errors);
    assert_eq!(cut.raw, raw, "the whole text reaches the UI");
    // localStorage has no room for a second copy of ~6 MB: the backup is in IndexedDB.
    let key = cut.backup_key.expect("the whole text is kept");
    let kept = match read_raw(&key) {
        Some(text) => text,
        None => idb::read(&key).await.expect("read").and_then(|r| r.text).expect("backup in IndexedDB"),
    };
    assert_eq!(kept, raw);
    let _ = idb::delete(&key).await;
}

#[wasm_bindgen_test]
async fn an_unreadable_journal_texts_counter_still_counts() {
    let _lock = reset().await;
    let (mut store, _) = storage::open().await;
    store.save(&decl("静海", 1), "2021-05-06T10:00:00").expect("save");
    store.journal_idle().await;
    // The journal holds a text this version cannot read, saved with a higher counter than localStorage's copy.
    let bad = Record { seq: 40, saved_at: "2021-05-06T10:00:01".into(), text: Some("坏的 {".into()) };
    idb::put(DRAFT_RECORD, &bad).await.expect("journal write");

    let (mut store2, _) = storage::open().await;
    assert!(store2.seq() >= 40, "seq {}", store2.seq());
    let info = store2.save(&decl("静海", 2), "2021-05-06T10:00:02").expect("save");
    store2.journal_idle().await;
    let rec = idb::read(DRAFT_RECORD).await.expect("read").expect("record");
    assert_eq!(rec.seq, info.seq, "the save reached the journal (it was backed up first)");
    assert_eq!(decode(rec.text.as_deref().unwrap_or_default()).map(|e| e.declaration), Ok(decl("静海", 2)));
}

/// The move of the keys before the edition's (`shell::migrate`): a draft and its head move together; a legacy draft
/// whose new key holds another text is kept whole as a backup and its head dropped; other keys are not touched.
#[wasm_bindgen_test]
async fn legacy_local_keys_move_to_the_editions_keys_and_nothing_is_lost() {
    use shenbao::shell::migrate::{migrate_local, new_local_key, LEGACY_DRAFT_KEY, LEGACY_HEAD_KEY};
    let _lock = reset().await;
    let s = ls();
    assert_eq!(new_local_key(LEGACY_DRAFT_KEY).as_deref(), Some(DRAFT_KEY));
    assert_eq!(new_local_key(LEGACY_HEAD_KEY).as_deref(), Some(HEAD_KEY));
    assert_eq!(new_local_key("shenbao.drafts"), None, "only the legacy keys themselves");
    assert_eq!(new_local_key("other.shenbao.draft"), None);

    // Only legacy keys: they move, the legacy ones are gone.
    let old = encode(&decl("河西", 1), "2021-05-06T10:00:00", "0.1.0", "x", 3);
    s.set_item(LEGACY_DRAFT_KEY, &old).expect("set");
    s.set_item(LEGACY_HEAD_KEY, "oldtab:3").expect("set");
    s.set_item("shenbao.draft.undo", "撤销").expect("set");
    s.set_item("shenbao.drafts", "别的").expect("set");
    migrate_local(&s);
    assert_eq!(read_raw(DRAFT_KEY).as_deref(), Some(old.as_str()));
    assert_eq!(s.get_item(HEAD_KEY).expect("get").as_deref(), Some("oldtab:3"));
    assert_eq!(s.get_item(UNDO_KEY).expect("get").as_deref(), Some("撤销"));
    for k in [LEGACY_DRAFT_KEY, LEGACY_HEAD_KEY, "shenbao.draft.undo"] {
        assert_eq!(s.get_item(k).expect("get"), None, "{k} is removed once moved");
    }
    assert_eq!(s.get_item("shenbao.drafts").expect("get").as_deref(), Some("别的"), "another key is left alone");
    s.remove_item("shenbao.drafts").expect("remove");

    // A legacy draft beside a current one: the current one and its head (none here) stay; the legacy text becomes a
    // backup and its head is dropped.
    s.remove_item(HEAD_KEY).expect("remove");
    let legacy = encode(&decl("南开", 1), "2021-05-06T11:00:00", "0.1.0", "y", 9);
    s.set_item(LEGACY_DRAFT_KEY, &legacy).expect("set");
    s.set_item(LEGACY_HEAD_KEY, "oldtab:9").expect("set");
    migrate_local(&s);
    assert_eq!(read_raw(DRAFT_KEY).as_deref(), Some(old.as_str()), "the current draft stays");
    assert_eq!(s.get_item(HEAD_KEY).expect("get"), None, "no head of another draft");
    let kept: Vec<String> = backup_keys().iter().filter_map(|k| s.get_item(k).ok().flatten()).collect();
    assert_eq!(kept, vec![legacy], "the legacy draft is kept whole as a backup");
    assert_eq!(s.get_item(LEGACY_DRAFT_KEY).expect("get"), None);
    assert_eq!(s.get_item(LEGACY_HEAD_KEY).expect("get"), None);
}
