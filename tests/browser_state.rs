//! The form state in headless Chromium, run without mounting the app. Invariants:
//! - "each row has its own reactive owner, disposed when the row leaves the table": one test per way a row leaves
//!   (delete, clear, an import that replaces the table, the blank starting row giving way to appended rows, adopting
//!   another tab's save, any load);
//! - "no whole-table reader subscribes to every row" (`no_whole_table_reader_subscribes_to_every_row`);
//! - "the focused row stays rendered within 40 rows of the window"
//!   (`the_focused_row_stays_rendered_within_40_rows_of_the_window`).
#![cfg(target_arch = "wasm32")]

use std::sync::{Arc, Mutex, Weak};

use leptos::prelude::*;
use leptos::reactive::graph::{AnySource, AnySubscriber, ReactiveNode, Source, Subscriber, WithObserver};
use shenbao::core::draft::{Envelope, CURRENT_VERSION};
use shenbao::core::intake::plan::{plan, Apply, Arrived, Choices, Incoming};
use shenbao::core::model::{FieldRef, RowField};
use shenbao::core::report::{Finding, Severity};
use shenbao::core::{Declaration, ProjectRow};
use shenbao::ui::drafts::Drafts;
use shenbao::ui::import;
use shenbao::ui::state::{FormState, RowCtx};
use shenbao::ui::window::{keep_focused, KEEP_FOCUSED};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn table(rows: usize, tag: &str) -> Declaration {
    Declaration {
        rows: (1..=rows as u64)
            .map(|id| ProjectRow { id, unit_name: format!("{tag}单位{id}"), ..ProjectRow::default() })
            .collect(),
        ..Declaration::default()
    }
}

/// A form (one blank row) and its autosave machinery (its store keeps nothing), under their own owner.
/// Imports `file` through the intake report, applied `how` with the default choices.
fn apply(state: FormState, drafts: Drafts, file: Declaration, how: Apply) {
    let incoming = vec![Incoming { name: "草稿.json".into(), read: Ok(Arrived::from_draft(file, "草稿.json")) }];
    let reports = plan(&state.data.declaration(), incoming);
    import::apply(&reports, how, Choices::default(), None, state.data, drafts);
}

fn form() -> (Owner, FormState, Drafts) {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let (state, drafts) = owner.with(|| {
        let state = FormState::new();
        (state, Drafts::new(state.data))
    });
    (owner, state, drafts)
}

fn row_at(owner: &Owner, state: FormState, i: usize) -> RowCtx {
    owner.with(|| state.data.rows.with_untracked(|rs| rs[i]))
}

/// Lets the timers and microtasks queued so far run.
async fn settle() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .expect("window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20)
            .expect("timer");
    });
    wasm_bindgen_futures::JsFuture::from(p).await.expect("sleep");
}

/// Whether a row's reactive owner was disposed: its data, its own findings and its cross-row findings are gone.
fn disposed(row: RowCtx) -> bool {
    row.data.try_get_untracked().is_none()
        && row.checks.own.try_get_untracked().is_none()
        && row.checks.cross.try_get_untracked().is_none()
}

#[wasm_bindgen_test]
async fn a_deleted_row_frees_its_owner_and_its_undo_makes_a_new_one() {
    let (owner, state, _) = form();
    owner.with(|| state.data.load(&table(40, "甲")));
    let gone = row_at(&owner, state, 3);
    owner.with(|| state.data.delete_row(gone.id));
    assert_eq!(state.data.live_row_owners(), 39);
    settle().await;
    assert!(disposed(gone), "the deleted row's owner is disposed");
    assert!(!disposed(row_at(&owner, state, 3)), "the rows in the table stay alive");
    owner.with(|| state.data.undo_delete());
    assert_eq!(state.data.live_row_owners(), 40);
}

#[wasm_bindgen_test]
async fn clearing_the_table_frees_every_row() {
    let (owner, state, drafts) = form();
    owner.with(|| state.data.load(&table(30, "甲")));
    let old = [row_at(&owner, state, 0), row_at(&owner, state, 29)];
    owner.with(|| drafts.clear()).expect("an in-memory store clears");
    assert_eq!(state.data.live_row_owners(), 1, "only the new blank row");
    settle().await;
    assert!(old.into_iter().all(disposed), "every cleared row's owner is disposed");
}

#[wasm_bindgen_test]
async fn an_import_that_replaces_the_table_frees_every_old_row() {
    let (owner, state, drafts) = form();
    // Into the empty table: the blank starting row is replaced.
    let first = row_at(&owner, state, 0);
    owner.with(|| apply(state, drafts, table(40, "甲"), Apply::Append));
    assert_eq!(state.data.live_row_owners(), 40);
    // Into a table with content, answering "replace", again and again (a recommending unit re-importing all day).
    let old = row_at(&owner, state, 7);
    for round in 0..5 {
        owner.with(|| apply(state, drafts, table(40, &format!("乙{round}")), Apply::Replace));
        assert_eq!(state.data.live_row_owners(), 40, "round {round}: only the rows in the table");
    }
    settle().await;
    assert!(disposed(first), "the blank starting row's owner is disposed");
    assert!(disposed(old), "a replaced row's owner is disposed");
    assert!(!disposed(row_at(&owner, state, 0)), "the rows in the table stay alive");
}

#[wasm_bindgen_test]
async fn appended_rows_free_the_blank_starting_row() {
    let (owner, state, drafts) = form();
    let first = row_at(&owner, state, 0);
    assert_eq!(state.data.live_row_owners(), 1, "the blank starting row");
    assert!(owner.with(|| state.data.append_rows(&table(30, "甲").rows)));
    assert_eq!(state.data.live_row_owners(), 30);
    settle().await;
    assert!(disposed(first), "the blank row's signal is disposed");
    // Appended to rows with content, nothing leaves.
    let kept = row_at(&owner, state, 3);
    owner.with(|| apply(state, drafts, table(5, "乙"), Apply::Append));
    assert_eq!(state.data.live_row_owners(), 35);
    settle().await;
    assert!(!disposed(kept), "a plain append keeps the rows there (and their state)");
}

#[wasm_bindgen_test]
async fn adopting_another_tabs_save_frees_every_old_row() {
    let (owner, state, drafts) = form();
    owner.with(|| state.data.load(&table(20, "甲")));
    let old = row_at(&owner, state, 19);
    let other = Envelope {
        from_version: CURRENT_VERSION,
        saved_at: "2021-04-09T10:00:00".into(),
        app_version: String::new(),
        writer: "othertab".into(),
        seq: 7,
        declaration: table(12, "乙"),
        reference: None,
    };
    owner.with(|| drafts.adopt(&other));
    assert_eq!(state.data.live_row_owners(), 12);
    settle().await;
    assert!(disposed(old), "a row of this tab's version is disposed");
}

#[wasm_bindgen_test]
async fn any_load_frees_every_old_row() {
    // Restoring at start and undoing a clear load a table as an import does.
    let (owner, state, _) = form();
    owner.with(|| state.data.load(&table(40, "甲")));
    let old = row_at(&owner, state, 39);
    owner.with(|| state.data.load(&Declaration::default()));
    assert_eq!(state.data.live_row_owners(), 1, "an empty table gets its blank starting row");
    settle().await;
    assert!(disposed(old));
}

/// A subscriber that only records the sources it is given: what a reader run under it subscribes to.
struct Recorder(Mutex<Vec<AnySource>>);

impl ReactiveNode for Recorder {
    fn mark_dirty(&self) {}
    fn mark_check(&self) {}
    fn mark_subscribers_check(&self) {}
    fn update_if_necessary(&self) -> bool {
        false
    }
}

impl Subscriber for Recorder {
    fn add_source(&self, source: AnySource) {
        let mut sources = self.0.lock().expect("lock");
        if !sources.contains(&source) {
            sources.push(source);
        }
    }

    fn clear_sources(&self, _: &AnySubscriber) {
        self.0.lock().expect("lock").clear();
    }
}

/// How many reactive sources `read` subscribes its caller to.
fn sources_read_by(read: impl FnOnce()) -> usize {
    let recorder = Arc::new(Recorder(Mutex::new(Vec::new())));
    let weak: Weak<dyn Subscriber + Send + Sync> = Arc::downgrade(&recorder) as Weak<dyn Subscriber + Send + Sync>;
    let subscriber = AnySubscriber(Arc::as_ptr(&recorder) as *const () as usize, weak);
    subscriber.with_observer(read);
    let sources = std::mem::take(&mut *recorder.0.lock().expect("lock"));
    for s in &sources {
        s.remove_subscriber(&subscriber);
    }
    sources.len()
}

#[wasm_bindgen_test]
async fn no_whole_table_reader_subscribes_to_every_row() {
    let (owner, state, _) = form();
    let (data, checks, window) = (state.data, state.checks, state.window);
    // Every row with findings of its own and cross-row ones (the same unit and project in every row), so each has something to read.
    let mut small = table(10, "甲");
    let mut large = table(200, "甲");
    for d in [&mut small, &mut large] {
        for r in &mut d.rows {
            r.unit_name = "重复单位".into();
            r.project_name = "同一项目".into();
            r.email = "not-an-email".into();
        }
    }
    let mut readers = Vec::new();
    for d in [&small, &large] {
        owner.with(|| data.load(d));
        settle().await;
        assert!(owner.with(|| checks.all_findings().len()) > 2 * d.rows.len(), "every row has findings");
        readers.push(owner.with(|| {
            [
                ("the autosave (track_changes)", sources_read_by(|| data.track_changes())),
                (
                    "the counts",
                    sources_read_by(|| {
                        let _ = checks.counts();
                    }),
                ),
                ("the issue list (all_findings)", sources_read_by(|| drop(checks.all_findings()))),
                ("the declaration", sources_read_by(|| drop(data.declaration()))),
                ("the rows on the page", sources_read_by(|| drop(window.visible_rows()))),
                ("the official table's rows", sources_read_by(|| drop(checks.official_rows()))),
            ]
        }));
    }
    for ((name, for_10), (_, for_200)) in readers[0].iter().zip(&readers[1]) {
        assert_eq!(for_10, for_200, "{name}: as many subscriptions for 200 rows as for 10");
        assert!(*for_10 <= 8, "{name}: a constant few subscriptions, not one per row ({for_10})");
    }
    // Still exact: the issue list sees a row's new finding (it tracks `data_rev`, which each row's effect notifies).
    let before = owner.with(|| checks.all_findings());
    let r = row_at(&owner, state, 3);
    owner.with(|| r.data.update(|d| d.email = "a@example.com".into()));
    settle().await;
    let after = owner.with(|| checks.all_findings());
    let email_finding = |fs: &[Finding]| fs.iter().any(|f| f.field == FieldRef::Row(3, RowField::Email));
    assert!(email_finding(&before) && !email_finding(&after), "the fixed e-mail's finding is gone from the list");
}

#[wasm_bindgen_test]
fn the_focused_row_stays_rendered_within_40_rows_of_the_window() {
    assert_eq!(KEEP_FOCUSED, 40);
    let len = 5000;
    let w = (1000, 1010);
    // Above the window: up to 40 rows away, the window reaches it; further, it is left out.
    assert_eq!(keep_focused(w, Some(960), len), (960, 1010));
    assert_eq!(keep_focused(w, Some(959), len), w);
    // Below: the same 40 rows (the rows 1010..=1049 are 40 rows outside the window).
    assert_eq!(keep_focused(w, Some(1049), len), (1000, 1050));
    assert_eq!(keep_focused(w, Some(1050), len), w);
    // In the window, no focus, or a focus past the end: unchanged.
    assert_eq!(keep_focused(w, Some(1005), len), w);
    assert_eq!(keep_focused(w, None, len), w);
    assert_eq!(keep_focused((4990, 5000), Some(5000), len), (4990, 5000));
}

/// "What the user did not type (imported, restored, copied) shows its problems at once": such rows are revealed,
/// a row typed here (the blank starting row, an added row) is not.
#[wasm_bindgen_test]
fn rows_the_user_did_not_type_show_their_findings_at_once() {
    let (owner, state, drafts) = form();
    assert!(!row_at(&owner, state, 0).checks.reveal.get_untracked(), "the blank starting row waits for typing");
    owner.with(|| apply(state, drafts, table(3, "甲"), Apply::Append));
    assert!(row_at(&owner, state, 2).checks.reveal.get_untracked(), "an imported row");
    owner.with(|| state.data.load(&table(2, "乙")));
    assert!(row_at(&owner, state, 1).checks.reveal.get_untracked(), "a restored row");
    let added = owner.with(|| state.data.add_row()).expect("room for a row");
    let index = state.data.index_of(added).expect("the added row");
    assert!(!row_at(&owner, state, index).checks.reveal.get_untracked(), "a row added to type in");
    let copy = owner.with(|| state.data.duplicate_row(row_at(&owner, state, 0).id)).expect("room for a copy");
    let index = state.data.index_of(copy).expect("the copy");
    assert!(row_at(&owner, state, index).checks.reveal.get_untracked(), "a copy");
}

/// A row's warnings against the earlier years follow the history (set, then removed) and the row's title, and count
/// as warnings in the table's counts.
#[wasm_bindgen_test]
async fn a_rows_warnings_against_the_earlier_years_follow_the_history_and_its_title() {
    use shenbao::core::history::findings::SIMILAR_CODE;
    use shenbao::core::history::index::{Earlier, HistoryIndex};
    let (owner, state, _drafts) = form();
    let row = row_at(&owner, state, 0);
    owner.with(|| {
        row.data.update(|r| {
            r.unit_name = "天津市甲机械制造有限公司".into();
            r.project_name = "转向节铸件气孔缺陷率降低攻关".into();
        })
    });
    settle().await;
    assert!(row.checks.similar.get_untracked().is_empty(), "no history yet");
    let earlier = Earlier {
        year: Some(2020),
        unit_name: "天津市甲机械制造有限公司".into(),
        credit_code: String::new(),
        project_name: "降低转向节铸件气孔缺陷率".into(),
    };
    owner.with(|| state.checks.set_history(HistoryIndex::new(vec![earlier])));
    settle().await;
    let found = row.checks.similar.get_untracked();
    assert_eq!(found.iter().map(|f| f.code).collect::<Vec<_>>(), vec![SIMILAR_CODE]);
    assert!(found[0].message.starts_with("与2020年本单位项目"), "{}", found[0].message);
    let warnings = owner.with(|| untrack(|| state.checks.counts().1));
    assert!(warnings >= 1);
    owner.with(|| row.data.update(|r| r.project_name = "提高静脉输液一次穿刺成功率".into()));
    settle().await;
    assert!(row.checks.similar.get_untracked().is_empty(), "an unrelated title");
    owner.with(|| row.data.update(|r| r.project_name = "减少转向节铸件气孔缺陷率".into()));
    settle().await;
    assert_eq!(row.checks.similar.get_untracked().len(), 1);
    owner.with(|| state.checks.set_history(HistoryIndex::default()));
    settle().await;
    assert!(row.checks.similar.get_untracked().is_empty(), "the history removed");
}

/// The cross-row findings follow every change, though an edit re-judges only the rows it can affect: an edit of
/// the first row of a group re-judges the later ones, an edit elsewhere leaves them alone, and rows that move,
/// go or come back are judged against their new places.
#[wasm_bindgen_test]
async fn cross_row_findings_follow_edits_moves_deletes_and_undo() {
    let (owner, state, _drafts) = form();
    let row = |u: &str, p: &str| ProjectRow { unit_name: u.into(), project_name: p.into(), ..ProjectRow::default() };
    let file = Declaration {
        rows: vec![row("甲厂", "降低铸件气孔率"), row("甲厂", "降低铸件气孔率"), row("乙厂", "提高焊缝合格率")],
        ..Declaration::default()
    };
    owner.with(|| state.data.load(&file));
    settle().await;
    let cross = |i: usize| -> Vec<String> {
        row_at(&owner, state, i)
            .checks
            .cross
            .get_untracked()
            .iter()
            .map(|f| format!("{} {}", f.code, f.message))
            .collect()
    };
    assert!(cross(0).is_empty());
    assert!(cross(1)[0].starts_with("dup.project 与第1行"), "{:?}", cross(1));
    assert!(cross(2).is_empty());
    // The first row's title changes: the second row is now the first of its group, and is told nothing.
    let first = row_at(&owner, state, 0);
    owner.with(|| first.data.update(|r| r.project_name = "降低铸件缩松率".into()));
    settle().await;
    assert!(cross(1).is_empty(), "{:?}", cross(1));
    // The third row takes the first row's title: another unit's title, so a copy warning naming row 1.
    let third = row_at(&owner, state, 2);
    owner.with(|| third.data.update(|r| r.project_name = "降低铸件缩松率".into()));
    settle().await;
    assert!(cross(2)[0].starts_with("project_name.copied_in_table 与第1行"), "{:?}", cross(2));
    // Moved up above the first row, the third row is the first of the title and the old first row is told.
    owner.with(|| state.data.move_row(third.id, -1));
    owner.with(|| state.data.move_row(third.id, -1));
    settle().await;
    assert!(cross(0).is_empty(), "{:?}", cross(0));
    assert!(cross(1)[0].starts_with("project_name.copied_in_table 与第1行"), "{:?}", cross(1));
    // Deleted, it takes its warning with it; undone, it is back and judged again.
    owner.with(|| state.data.delete_row(third.id));
    settle().await;
    assert!((0..2).all(|i| cross(i).is_empty()), "{:?} {:?}", cross(0), cross(1));
    owner.with(|| state.data.undo_delete());
    settle().await;
    assert!(cross(1)[0].starts_with("project_name.copied_in_table 与第1行"), "{:?}", cross(1));
}

/// A fix that sets two fields (改为“其他（请注明）” with the text that was not in the list moved into 注明) sets both.
#[wasm_bindgen_test]
fn a_fix_of_the_ownership_keeps_the_text_in_the_note() {
    let (owner, state, _drafts) = form();
    let row = row_at(&owner, state, 0);
    owner.with(|| row.data.update(|r| r.ownership = "个体工商户".into()));
    let fix = owner
        .with(|| row.checks.own.get_untracked())
        .into_iter()
        .find(|f| f.code == "picklist.ownership")
        .and_then(|f| f.fix)
        .expect("a fix");
    owner.with(|| state.data.apply_fix(Some(row.id), &fix));
    let (ownership, other) = row.data.with_untracked(|r| (r.ownership.clone(), r.ownership_other.clone()));
    assert_eq!((ownership.as_str(), other.as_str()), ("其他（请注明）", "个体工商户"));
    assert!(
        owner.with(|| row.checks.own.get_untracked()).iter().all(|f| f.code != "picklist.ownership"),
        "and the finding is gone"
    );
}

/// (errors, warnings) among one row's own findings.
fn own_counts(owner: &Owner, row: RowCtx) -> (usize, usize) {
    owner.with(|| {
        row.checks.own.with_untracked(|fs| {
            let e = fs.iter().filter(|f| f.severity == Severity::Error).count();
            (e, fs.len() - e)
        })
    })
}

#[wasm_bindgen_test]
async fn a_blank_row_among_filled_ones_is_one_warning_and_left_out_of_the_official_table() {
    let (owner, state, _) = form();
    let (data, checks) = (state.data, state.checks);
    settle().await;
    let first = row_at(&owner, state, 0);
    let (required, _) = own_counts(&owner, first);
    assert!(required > 5, "a fresh form's only row asks for its fields ({required})");
    // A second blank row while every row is blank: both still ask.
    owner.with(|| data.add_row());
    settle().await;
    let second = row_at(&owner, state, 1);
    assert_eq!(own_counts(&owner, second), (required, 0));
    assert!(owner.with(|| checks.official_rows()).is_empty());
    // The first row gets a value: the blank second row is now only pointed out.
    owner.with(|| first.data.update(|d| d.unit_name = "天津甲公司".into()));
    settle().await;
    assert_eq!(own_counts(&owner, second), (0, 1));
    let codes: Vec<&str> = owner.with(|| second.checks.own.with_untracked(|fs| fs.iter().map(|f| f.code).collect()));
    assert_eq!(codes, vec!["row.blank"]);
    let (errors, _) = owner.with(|| checks.counts());
    assert_eq!(
        errors,
        own_counts(&owner, first).0
            + owner.with(|| checks
                .table_findings
                .with_untracked(|f| { f.iter().filter(|x| x.severity == Severity::Error).count() })),
        "the blank row adds no error to the table's count"
    );
    // A third, filled row is numbered 2 in the official table: the blank row in between is left out.
    owner.with(|| data.add_row());
    let third = row_at(&owner, state, 2);
    owner.with(|| third.data.update(|d| d.project_name = "降低焊接缺陷率".into()));
    settle().await;
    let official: Vec<u64> = owner.with(|| checks.official_rows()).iter().map(|r| r.id).collect();
    assert_eq!(official, vec![first.id, third.id], "序号 1 and 2");
    // Filling the middle row renumbers; emptying every row brings back the required errors.
    owner.with(|| second.data.update(|d| d.remarks = "补充".into()));
    settle().await;
    let official: Vec<u64> = owner.with(|| checks.official_rows()).iter().map(|r| r.id).collect();
    assert_eq!(official, vec![first.id, second.id, third.id]);
    owner.with(|| {
        first.data.update(|d| d.unit_name.clear());
        second.data.update(|d| d.remarks.clear());
        third.data.update(|d| d.project_name.clear());
    });
    settle().await;
    for r in [first, second, third] {
        assert_eq!(own_counts(&owner, r), (required, 0));
    }
    // Deleting the only filled row does the same.
    owner.with(|| first.data.update(|d| d.unit_name = "天津甲公司".into()));
    settle().await;
    assert_eq!(own_counts(&owner, second), (0, 1));
    owner.with(|| data.delete_row(first.id));
    settle().await;
    assert_eq!(own_counts(&owner, second), (required, 0));
}
