//! Which project blocks are in the DOM: all of them for a normal table, only those near the viewport for a large one.
//!
//! Invariants:
//! - Every row is always in `FormData::rows` (loaded, saved, checked, exported); this module only decides which
//!   of them get a block on the page. Up to `VIRTUAL_FROM` rows, all do, so small tables behave like any page
//!   (find-in-page, `[data-row]` selectors for every row).
//! - Above it, the blocks from `range.0` to `range.1` are rendered between two spacers whose heights stand for
//!   the rows left out: each row's measured height once it has been on screen, the average of those before, so
//!   the scrollbar covers the whole table and nothing jumps when blocks of different heights come and go.
//! - The row that holds the focus stays rendered while it is within [`KEEP_FOCUSED`] rows of the window
//!   ([`keep_focused`]), so typing (and an IME composition) is not cut off by a scroll of a few screens; a jump
//!   (summary, new row) renders its target before focusing it.

use std::collections::HashMap;

use leptos::prelude::*;

use crate::ui::state::RowCtx;

/// Tables up to this many rows render every block.
pub const VIRTUAL_FROM: usize = 200;
/// Blocks rendered beyond each edge of the viewport.
const OVERSCAN: usize = 3;
/// The focused row is kept rendered while it is at most this many rows outside the window.
pub const KEEP_FOCUSED: usize = 40;

/// The window over the rows: which of them have a block on the page, and what the spacers stand for.
#[derive(Clone, Copy)]
pub struct RowWindow {
    /// `FormData`'s rows, read only here.
    rows: RwSignal<Vec<RowCtx>>,
    /// The rows that have a block on the page, `start..end`: all of them for a normal table, those near the
    /// viewport for a large one. Every row is in `FormData::rows` regardless, so saving, checking and exporting
    /// always see all of them.
    pub range: RwSignal<(usize, usize)>,
    /// Measured heights of blocks (with their gap), by row id, for the spacers that stand for the rows left out.
    heights: StoredValue<HashMap<u64, f64>>,
    /// The heights of the two spacers (above and below the window), in px.
    pub spacers: RwSignal<(f64, f64)>,
    /// A row to render whatever the scroll position says, until the jump to it has happened.
    pending_jump: StoredValue<Option<usize>>,
}

impl RowWindow {
    pub(crate) fn new(rows: RwSignal<Vec<RowCtx>>) -> Self {
        RowWindow {
            rows,
            range: RwSignal::new((0, 0)),
            heights: StoredValue::new(HashMap::new()),
            spacers: RwSignal::new((0.0, 0.0)),
            pending_jump: StoredValue::new(None),
        }
    }

    /// The rows that have a block on the page (all of them up to [`VIRTUAL_FROM`]).
    pub fn visible_rows(&self) -> Vec<RowCtx> {
        let (start, end) = self.range.get();
        self.rows.with(|rs| {
            let end = end.min(rs.len());
            rs[start.min(end)..end].to_vec()
        })
    }

    /// Forgets the measured heights of rows that left the table.
    pub(crate) fn forget(&self, ids: &[u64]) {
        self.heights.update_value(|h| {
            ids.iter().for_each(|id| {
                h.remove(id);
            })
        });
    }
}

/// The window `(start, end)` widened to the focused row when it is outside but within [`KEEP_FOCUSED`] rows of it
/// (`len` rows in all); a focused row further away is left out, and its block leaves the page.
pub fn keep_focused((start, end): (usize, usize), focused: Option<usize>, len: usize) -> (usize, usize) {
    match focused {
        Some(f) if f < start && start - f <= KEEP_FOCUSED => (f, end),
        Some(f) if f >= end && f < len && f - end < KEEP_FOCUSED => (start, f + 1),
        _ => (start, end),
    }
}

impl RowWindow {
    /// Recomputes the window on scroll and resize (once per frame) and whenever the number of rows changes.
    pub fn install(self) {
        let queued = StoredValue::new(false);
        let schedule = move || {
            if !queued.get_value() {
                queued.set_value(true);
                request_animation_frame(move || {
                    queued.set_value(false);
                    self.recompute();
                });
            }
        };
        let scroll = window_event_listener(leptos::ev::scroll, move |_| schedule());
        let resize = window_event_listener(leptos::ev::resize, move |_| schedule());
        // Both live as long as the page: the app is never unmounted.
        std::mem::forget((scroll, resize));
        Effect::new(move |_| {
            self.rows.with(Vec::len);
            self.recompute();
            // Once the new blocks are laid out, measure them and settle the window.
            if self.rows.with_untracked(Vec::len) > VIRTUAL_FROM {
                schedule();
            }
        });
    }

    /// Runs `then` at once if the row at `index` is on the page; else renders it first and runs `then` on the next
    /// frame, once it is in the DOM.
    pub fn jump_to(self, index: usize, then: impl FnOnce() + 'static) {
        // Already on the page (every row of a normal table): at once, as the click or key that asked for it.
        let (start, end) = self.range.get_untracked();
        if (start..end).contains(&index) && index < self.rows.with_untracked(Vec::len) {
            then();
            return;
        }
        self.pending_jump.set_value(Some(index));
        self.recompute();
        request_animation_frame(move || {
            then();
            self.pending_jump.set_value(None);
            self.recompute();
        });
    }

    /// Moves the window. Leptos' keyed list diff moves DOM nodes (which takes the focus away and costs layout) when
    /// one change both removes and adds blocks around kept ones, or inserts several before them; not when it only
    /// removes, or appends, or inserts one at the front. So a sliding window first grows (at most one block at the
    /// front per frame) to cover both ranges and shrinks on the next frame.
    fn set_range(self, w: (usize, usize)) {
        let cur = self.range.get_untracked();
        // Blocks put in front of the kept ones go in one per frame: the diff moves the kept blocks when several are
        // inserted before them at once (and a moved block loses the focus); one at the front and any at the end are
        // plain inserts.
        let mut w = w;
        if w.0 + 1 < cur.0 && w.1 > cur.0 {
            w.0 = cur.0 - 1;
            request_animation_frame(move || self.recompute());
        }
        let only_adds = w.0 <= cur.0 && w.1 >= cur.1;
        let only_removes = w.0 >= cur.0 && w.1 <= cur.1;
        let disjoint = w.1 <= cur.0 || w.0 >= cur.1;
        let w = if cur == w || only_adds || only_removes || disjoint {
            w
        } else {
            request_animation_frame(move || self.recompute());
            (cur.0.min(w.0), cur.1.max(w.1))
        };
        // The spacers always match the blocks on the page (set in the same turn, so rendered together).
        let px = self.spacer_px(w);
        let old = self.spacers.get_untracked();
        if (old.0 - px.0).abs() > 0.5 || (old.1 - px.1).abs() > 0.5 {
            self.spacers.set(px);
        }
        if cur != w {
            self.range.set(w);
        }
    }

    /// The height of each row in display order: measured, or the average of the measured ones.
    fn with_heights<R>(self, f: impl FnOnce(&mut dyn Iterator<Item = f64>) -> R) -> R {
        self.heights.with_value(|hs| {
            let avg = if hs.is_empty() { DEFAULT_H } else { hs.values().sum::<f64>() / hs.len() as f64 };
            self.rows.with_untracked(|rs| f(&mut rs.iter().map(|r| hs.get(&r.id).copied().unwrap_or(avg))))
        })
    }

    /// Heights of the spacers above and below the window `(start, end)`.
    fn spacer_px(self, (start, end): (usize, usize)) -> (f64, f64) {
        self.with_heights(|hs| {
            let (mut above, mut below) = (0.0, 0.0);
            for (k, h) in hs.enumerate() {
                if k < start {
                    above += h;
                } else if k >= end {
                    below += h;
                }
            }
            (above, below)
        })
    }

    /// Sets the window from the scroll position (or the pending jump).
    fn recompute(self) {
        let len = self.rows.with_untracked(Vec::len);
        if len <= VIRTUAL_FROM {
            self.set_range((0, len));
            return;
        }
        self.measure();
        if let Some(i) = self.pending_jump.get_value() {
            let i = i.min(len - 1);
            self.set_range((i.saturating_sub(OVERSCAN), (i + OVERSCAN + 1).min(len)));
            return;
        }
        let Some(vh) = viewport_height() else {
            self.set_range((0, (2 * OVERSCAN).min(len)));
            return;
        };
        // Where the viewport's top is in the list, measured from a block on the page (its index and its top), not
        // from the list's top: the heights above it may have been re-estimated since the spacer was drawn.
        let top = match anchor() {
            Some((k, block_top)) => block_top - self.with_heights(|hs| hs.take(k).sum::<f64>()),
            None => match list_top() {
                Some(t) => t,
                None => {
                    self.set_range((0, (2 * OVERSCAN).min(len)));
                    return;
                }
            },
        };
        let from = (-top).max(0.0);
        let to = (vh - top).max(0.0);
        let (first, last) = self.with_heights(|hs| {
            let (mut acc, mut first, mut last) = (0.0, None, len);
            for (k, h) in hs.enumerate() {
                if first.is_none() && acc + h > from {
                    first = Some(k);
                }
                acc += h;
                if acc >= to {
                    last = k + 1;
                    break;
                }
            }
            (first.unwrap_or(len - 1), last)
        });
        let start = first.saturating_sub(OVERSCAN).min(len - 1);
        let end = (last + OVERSCAN).clamp(start + 1, len);
        self.set_range(keep_focused((start, end), focused_row(), len));
    }

    /// Records the height (plus gap) of every block that is on screen. Blocks off screen are skipped: with
    /// `content-visibility: auto` a block that was never shown reports its placeholder height.
    fn measure(self) {
        let Some(list) = document().and_then(|d| d.get_element_by_id("projects")) else { return };
        let Some(vh) = viewport_height() else { return };
        // The list is: spacer, the blocks on the page, spacer.
        let mut cur = list.first_element_child().and_then(|s| s.next_element_sibling());
        while let Some(el) = cur.filter(|e| e.class_list().contains("project")) {
            let r = el.get_bounding_client_rect();
            if r.bottom() > 0.0 && r.top() < vh {
                if let Some(id) = el.get_attribute("data-row-id").and_then(|v| v.parse::<u64>().ok()) {
                    let h = r.height() + GAP;
                    self.heights.update_value(|hs| {
                        if hs.get(&id).is_none_or(|old| (old - h).abs() > 0.5) {
                            hs.insert(id, h);
                        }
                    });
                }
            }
            cur = el.next_element_sibling();
        }
    }
}

/// Before any block was measured (about one block at 1280 px).
const DEFAULT_H: f64 = 560.0;

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

/// A block on the page near the viewport's top: its display index and its top edge (relative to the viewport).
fn anchor() -> Option<(usize, f64)> {
    let list = document()?.get_element_by_id("projects")?;
    let mut cur = list.first_element_child().and_then(|s| s.next_element_sibling());
    let mut found = None;
    while let Some(el) = cur.filter(|e| e.class_list().contains("project")) {
        let r = el.get_bounding_client_rect();
        if let Some(k) = el.get_attribute("data-row").and_then(|v| v.parse::<usize>().ok()) {
            found = Some((k, r.top()));
            if r.bottom() > 0.0 {
                break;
            }
        }
        cur = el.next_element_sibling();
    }
    found
}

/// The display index of the row that holds the focus.
fn focused_row() -> Option<usize> {
    let active = document()?.active_element()?;
    let row = active.closest("[data-row]").ok()??;
    row.get_attribute("data-row")?.parse().ok()
}

/// The vertical gap between blocks (`.project { margin-bottom }` in style/main.css).
const GAP: f64 = 16.0;
