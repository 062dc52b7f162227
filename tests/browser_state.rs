//! The form state in headless Chromium: invariant "each row has its own reactive owner, disposed when the row leaves
//! the table" (delete, replace by an import or a restore, the blank starting row giving way to appended rows).
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use shenbao::core::{Declaration, ProjectRow};
use shenbao::ui::state::FormState;
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

#[wasm_bindgen_test]
async fn rows_that_leave_the_table_free_their_reactive_owners() {
    let _ = any_spawner::Executor::init_wasm_bindgen();
    let owner = Owner::new();
    let state = owner.with(FormState::new);
    assert_eq!(state.live_row_owners(), 1, "the blank starting row");

    // Appended rows replace the blank starting row, whose owner goes.
    let first = owner.with(|| state.rows.with_untracked(|rs| rs[0]));
    assert!(owner.with(|| state.append_rows(&table(30, "甲").rows)));
    assert_eq!(state.live_row_owners(), 30);
    settle().await;
    assert_eq!(first.data.try_get_untracked(), None, "the blank row's signal is disposed");

    // Replacing the table (import, restore, another tab's save) frees every old row.
    let old = owner.with(|| state.rows.with_untracked(|rs| rs[7]));
    for round in 0..5 {
        owner.with(|| state.load(&table(40, &format!("乙{round}"))));
        assert_eq!(state.live_row_owners(), 40, "round {round}: only the rows in the table");
    }
    settle().await;
    assert_eq!(old.data.try_get_untracked(), None, "a replaced row's signal is disposed");
    let kept = owner.with(|| state.rows.with_untracked(|rs| rs[0]));
    assert!(kept.data.try_get_untracked().is_some(), "rows in the table stay alive");

    // Delete: the row's owner goes; undo makes a new one.
    let gone = owner.with(|| state.rows.with_untracked(|rs| rs[3]));
    owner.with(|| state.delete_row(gone.id));
    assert_eq!(state.live_row_owners(), 39);
    settle().await;
    assert_eq!(gone.data.try_get_untracked(), None);
    owner.with(|| state.undo_delete());
    assert_eq!(state.live_row_owners(), 40);
}
