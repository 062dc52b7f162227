//! Which project blocks are in the DOM: all of them for a normal table, only those near the viewport for a large one.
//!
//! Invariants:
//! - Every row is always in `FormState::rows` (loaded, saved, checked, exported); this module only decides which
//!   of them get a block on the page. Up to `VIRTUAL_FROM` rows, all do, so small tables behave like any page
//!   (find-in-page, `[data-row]` selectors for every row).
//! - Above it, the blocks from `window.0` to `window.1` are rendered between two spacers whose heights stand for
//!   the rows left out (`row_h` each, measured from the blocks on screen), so the scrollbar covers the whole table.
//! - The row that holds the focus stays rendered while it is near, so typing (and an IME composition) is never cut
//!   off by a scroll; a jump (summary, new row) renders its target before focusing it.

use leptos::prelude::*;

use crate::ui::state::FormState;

/// Tables up to this many rows render every block.
pub const VIRTUAL_FROM: usize = 200;
/// Blocks rendered beyond each edge of the viewport.
const OVERSCAN: usize = 3;
/// The focused row is kept rendered while it is at most this many rows outside the window.
const KEEP_FOCUSED: usize = 40;

/// Recomputes the window on scroll and resize (once per frame) and whenever the number of rows changes.
pub fn install(state: FormState) {
    let queued = StoredValue::new(false);
    let schedule = move || {
        if !queued.get_value() {
            queued.set_value(true);
            request_animation_frame(move || {
                queued.set_value(false);
                recompute(state);
            });
        }
    };
    let scroll = window_event_listener(leptos::ev::scroll, move |_| schedule());
    let resize = window_event_listener(leptos::ev::resize, move |_| schedule());
    // Both live as long as the page: the app is never unmounted.
    std::mem::forget((scroll, resize));
    Effect::new(move |_| {
        state.rows.with(Vec::len);
        recompute(state);
        // Once the new blocks are laid out, measure them and settle the window.
        if state.rows.with_untracked(Vec::len) > VIRTUAL_FROM {
            schedule();
        }
    });
}

/// Runs `then` at once if the row at `index` is on the page; else renders it first and runs `then` on the next
/// frame, once it is in the DOM.
pub fn jump_to(state: FormState, index: usize, then: impl FnOnce() + 'static) {
    // Already on the page (every row of a normal table): at once, as the click or key that asked for it.
    let (start, end) = state.window.get_untracked();
    if (start..end).contains(&index) && index < state.rows.with_untracked(Vec::len) {
        then();
        return;
    }
    state.pending_jump.set_value(Some(index));
    recompute(state);
    request_animation_frame(move || {
        then();
        state.pending_jump.set_value(None);
        recompute(state);
    });
}

/// Moves the window. Leptos' keyed list diff moves DOM nodes (which takes the focus away and costs layout) when
/// one change both removes and adds blocks around kept ones, but not when it only adds or only removes. So a
/// sliding window first grows to cover both ranges and shrinks on the next frame.
fn set_window(state: FormState, w: (usize, usize)) {
    let cur = state.window.get_untracked();
    if cur == w {
        return;
    }
    let only_adds = w.0 <= cur.0 && w.1 >= cur.1;
    let only_removes = w.0 >= cur.0 && w.1 <= cur.1;
    let disjoint = w.1 <= cur.0 || w.0 >= cur.1;
    if only_adds || only_removes || disjoint {
        state.window.set(w);
    } else {
        state.window.set((cur.0.min(w.0), cur.1.max(w.1)));
        request_animation_frame(move || recompute(state));
    }
}

/// Sets the window from the scroll position (or the pending jump).
pub fn recompute(state: FormState) {
    let len = state.rows.with_untracked(Vec::len);
    if len <= VIRTUAL_FROM {
        set_window(state, (0, len));
        return;
    }
    measure(state);
    let h = state.row_h.get_untracked().max(40.0);
    if let Some(i) = state.pending_jump.get_value() {
        let i = i.min(len - 1);
        set_window(state, (i.saturating_sub(OVERSCAN), (i + OVERSCAN + 1).min(len)));
        return;
    }
    let Some((top, vh)) = list_top().zip(viewport_height()) else {
        set_window(state, (0, (2 * OVERSCAN).min(len)));
        return;
    };
    // How far the viewport's top and bottom are into the list (the top spacer stands for `start` rows of `h`).
    let from = (-top).max(0.0);
    let to = (vh - top).max(0.0);
    let mut start = ((from / h).floor() as usize).saturating_sub(OVERSCAN).min(len - 1);
    let mut end = (((to / h).ceil() as usize) + OVERSCAN).clamp(start + 1, len);
    if let Some(f) = focused_row() {
        if f < start && start - f <= KEEP_FOCUSED {
            start = f;
        } else if f >= end && f < len && f - end < KEEP_FOCUSED {
            end = f + 1;
        }
    }
    set_window(state, (start, end));
}

fn document() -> Option<web_sys::Document> {
    web_sys::window().and_then(|w| w.document())
}

fn viewport_height() -> Option<f64> {
    web_sys::window().and_then(|w| w.inner_height().ok()).and_then(|v| v.as_f64())
}

/// The list's top edge relative to the viewport.
fn list_top() -> Option<f64> {
    document().and_then(|d| d.get_element_by_id("projects")).map(|e| e.get_bounding_client_rect().top())
}

/// The display index of the row that holds the focus.
fn focused_row() -> Option<usize> {
    let active = document()?.active_element()?;
    let row = active.closest("[data-row]").ok()??;
    row.get_attribute("data-row")?.parse().ok()
}

/// Average height of a rendered block plus its gap; updated only when it differs by more than a tenth, so the
/// spacers do not twitch while the user scrolls over blocks of slightly different heights.
fn measure(state: FormState) {
    let Some(list) = document().and_then(|d| d.get_element_by_id("projects")) else { return };
    // The list is: spacer, the blocks on the page, spacer. Count what the DOM has, not what the window asks for.
    let Some(first) = list.first_element_child().and_then(|s| s.next_element_sibling()) else { return };
    let (mut last, mut n) = (first.clone(), 0usize);
    let mut cur = Some(first.clone());
    while let Some(el) = cur.filter(|e| e.class_list().contains("project")) {
        n += 1;
        cur = el.next_element_sibling();
        last = el;
    }
    if n < 2 {
        return;
    }
    let (first, last) = (first.get_bounding_client_rect(), last.get_bounding_client_rect());
    // From the first block's top to the top of the block after the last one (same gap as between the others).
    let span = last.bottom() - first.top();
    let h = (span + GAP) / n as f64;
    let old = state.row_h.get_untracked();
    if h > 40.0 && ((h - old) / old).abs() > 0.1 {
        state.row_h.set(h);
    }
}

/// The vertical gap between blocks (`.project { margin-bottom }` in style/main.css).
const GAP: f64 = 16.0;
