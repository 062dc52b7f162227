//! The form's reactive state in three parts: [`FormData`] (the table fields, the rows, the row operations),
//! [`Checks`] (findings, what shows, the counts, the issue list) and [`RowWindow`] (which rows have a block on the
//! page). The app gives them to its components through context, together as one [`FormState`].

use std::collections::HashMap;
use std::sync::Arc;

use leptos::prelude::*;

use crate::core::check::cross::{CrossIndex, CrossKeys};
use crate::core::check::rules::{self, TableRows};
use crate::core::history::findings::{history_findings, RowTitle};
use crate::core::history::index::{HistoryIndex, Scratch};
use crate::core::intake::plan::TableNow;
use crate::core::limits::MAX_ROWS;
use crate::core::merge;
use crate::core::model::{Declaration, FieldRef, ProjectRow, RowField, Source, TableField};
use crate::core::report::{Finding, Fix, Severity};
use crate::core::xlsx::layout::official_serials;
use crate::ui::window::RowWindow;

/// One project row as the UI holds it: a stable id and its own signal, so a keystroke touches one row only.
#[derive(Clone, Copy)]
pub struct RowCtx {
    pub id: u64,
    pub data: RwSignal<ProjectRow>,
    /// This is the last row (its move-down is disabled); kept by one effect, so moving rows tells two rows only.
    pub is_last: RwSignal<bool>,
    /// What the checks know and show about this row.
    pub checks: RowChecks,
}

/// The checks of one row, kept by the row's own effect (made with the row: see [`Checks`]).
#[derive(Clone, Copy)]
pub struct RowChecks {
    /// Fields the user has left at least once (errors show from then on).
    pub touched: RwSignal<Vec<RowField>>,
    /// This row's own findings (single-row rules), re-run only when this row changes.
    pub own: Memo<Vec<Finding>>,
    /// What the cross-row rules compare (normalised unit name, credit code, project name), kept by the row's
    /// effect. Plain stored values, not memos: the cross-row pass reads thousands of them per run, and a memo read
    /// costs a dependency check each. Typing in any other field, or a change that normalises away, leaves them
    /// alone, so the cross-row check does not re-run.
    keys: StoredValue<Arc<CrossKeys>>,
    /// (errors, warnings) among `own`, kept by the row's effect for the table's counts.
    own_counts: StoredValue<(usize, usize)>,
    /// Whether the row is blank ([`ProjectRow::is_blank`]), kept by the row's effect: a blank row is left out of the
    /// official table, and whether the table has a row that is not blank decides a blank row's findings.
    blank: StoredValue<bool>,
    /// The cross-row findings about this row, written by the cross-row effect only when they change, so a keystroke
    /// never fans out to every row (a shared memo read by all rows would re-check them all).
    pub cross: RwSignal<Vec<Finding>>,
    /// Every finding of this row shows, touched or not (set by an export attempt). Per row, not one global
    /// signal: a signal read by every field of a thousand rows makes each re-subscription cost O(rows).
    pub reveal: RwSignal<bool>,
    /// This row's findings against the earlier years' projects (the 雷同 and 抄袭 warnings), written by the row's
    /// effect when its cross-row keys change and by [`Checks::set_history`], only when they differ.
    pub similar: RwSignal<Vec<Finding>>,
}

/// A deleted row kept for undo.
#[derive(Clone)]
pub struct Deleted {
    pub index: usize,
    pub row: ProjectRow,
}

/// The form's state: its three parts. `Copy`: every part is made of signal handles.
#[derive(Clone, Copy)]
pub struct FormState {
    pub data: FormData,
    pub checks: Checks,
    pub window: RowWindow,
}

impl FormState {
    /// The state of a form holding one blank row, under the current reactive owner (the app's, or a test's).
    pub fn new() -> Self {
        let table: [RwSignal<String>; 5] = std::array::from_fn(|_| RwSignal::new(String::new()));
        let rows: RwSignal<Vec<RowCtx>> = RwSignal::new(Vec::new());
        let data_rev = Trigger::new();
        let checks = Checks::new(table, rows, data_rev);
        let window = RowWindow::new(rows);
        let data = FormData::new(table, rows, data_rev, checks, window);
        data.add_row();
        FormState { data, checks, window }
    }

    /// Gives the form's state to every component below the current owner.
    pub fn provide(self) {
        provide_context(self);
    }

    /// The form's state as [`FormState::provide`] gave it (one context for the three parts: each context type costs
    /// code size); a component takes the parts it uses.
    pub fn from_context() -> Self {
        use_context().expect("the app provides the form's state")
    }
}

impl Default for FormState {
    fn default() -> Self {
        Self::new()
    }
}

fn table_index(f: TableField) -> usize {
    TableField::ALL.iter().position(|x| *x == f).unwrap_or(0)
}

/// The form's data: the five table fields, the rows (each with its own reactive owner), and every operation that
/// changes them.
#[derive(Clone, Copy)]
pub struct FormData {
    table: [RwSignal<String>; 5],
    /// Every row of the table, in order (only some have a block on the page: see [`RowWindow`]).
    pub rows: RwSignal<Vec<RowCtx>>,
    pub last_deleted: RwSignal<Option<Deleted>>,
    /// Notified when any row's data changes (each row's own effect does it). Whole-table readers (the autosave, the
    /// issue list) track this one trigger instead of every row's signal: re-subscribing to a thousand signals on
    /// every keystroke was most of a keystroke's script time.
    data_rev: Trigger,
    next_id: StoredValue<u64>,
    /// The parent of every row's owner: the form's, not that of the button whose handler made the row (a row copied
    /// by another row's button, or put back by the undo toast, would otherwise be disposed with that view).
    rows_owner: StoredValue<Owner>,
    /// Each row's own reactive owner (its signals, memos and effect), by row id. A row that leaves the table (delete,
    /// clear, replace by an import or another tab's save) has its owner cleaned up, so its memory is given back.
    row_owners: StoredValue<HashMap<u64, Owner>>,
    /// Each new row's checks are made here.
    checks: Checks,
    /// Told which rows left, to forget their measured heights.
    window: RowWindow,
}

impl FormData {
    fn new(
        table: [RwSignal<String>; 5],
        rows: RwSignal<Vec<RowCtx>>,
        data_rev: Trigger,
        checks: Checks,
        window: RowWindow,
    ) -> Self {
        // Which row is last: only the previous and the new last row are told.
        Effect::new(move |prev: Option<Option<u64>>| {
            let last = rows.with(|rs| rs.last().map(|r| (r.id, r.is_last)));
            let prev_id = prev.flatten();
            if prev_id != last.map(|(id, _)| id) {
                if let Some(old) =
                    prev_id.and_then(|id| rows.with_untracked(|rs| rs.iter().find(|r| r.id == id).copied()))
                {
                    old.is_last.set(false);
                }
                if let Some((_, sig)) = last {
                    sig.set(true);
                }
            }
            last.map(|(id, _)| id)
        });
        FormData {
            table,
            rows,
            last_deleted: RwSignal::new(None),
            data_rev,
            next_id: StoredValue::new(1),
            rows_owner: StoredValue::new(Owner::current().unwrap_or_default().child()),
            row_owners: StoredValue::new(HashMap::new()),
            checks,
            window,
        }
    }

    pub fn table_signal(&self, f: TableField) -> RwSignal<String> {
        self.table[table_index(f)]
    }

    fn fresh_id(&self) -> u64 {
        let id = self.next_id.get_value();
        self.next_id.set_value(id + 1);
        id
    }

    /// Whether the table holds [`MAX_ROWS`] rows: no row may be added, copied or put back.
    pub fn is_full(&self) -> bool {
        self.rows.with(Vec::len) >= MAX_ROWS
    }

    /// A row the user did not type here (imported, restored, adopted from another tab, or a copy): its findings
    /// show at once, touched or not (the quiet-until-touched rule is for what the user is typing).
    fn ctx_shown(&self, row: ProjectRow) -> RowCtx {
        let shown = !row.is_blank();
        let c = self.ctx(row);
        if shown {
            c.checks.reveal.set(true);
        }
        c
    }

    /// A new row in the table's keeping: a fresh id and its own reactive owner (see [`FormData::retire`]).
    fn ctx(&self, mut row: ProjectRow) -> RowCtx {
        let id = self.fresh_id();
        row.id = id;
        let owner = self.rows_owner.with_value(Owner::child);
        let ctx = owner.with(|| {
            let data = RwSignal::new(row);
            RowCtx { id, data, is_last: RwSignal::new(false), checks: self.checks.watch_row(id, data) }
        });
        self.row_owners.update_value(|m| {
            m.insert(id, owner);
        });
        ctx
    }

    /// Gives back the memory of rows that left the table: their owners are cleaned up (signals, memos and effect
    /// disposed) on a timer, once the keyed list has removed their blocks, so no view reads a disposed signal.
    fn retire(&self, ids: Vec<u64>) {
        let owners: Vec<Owner> = self
            .row_owners
            .try_update_value(|m| ids.iter().filter_map(|id| m.remove(id)).collect())
            .unwrap_or_default();
        self.window.forget(&ids);
        if !owners.is_empty() {
            set_timeout(move || owners.iter().for_each(Owner::cleanup), std::time::Duration::ZERO);
        }
    }

    /// The number of rows whose reactive owner is alive (for the tests that rows leaving the table free theirs).
    pub fn live_row_owners(&self) -> usize {
        self.row_owners.with_value(HashMap::len)
    }

    /// Appends an empty row; returns its id, or `None` when the table is full.
    pub fn add_row(&self) -> Option<u64> {
        if untrack(|| self.is_full()) {
            return None;
        }
        let c = self.ctx(ProjectRow::default());
        self.rows.update(|rs| rs.push(c));
        Some(c.id)
    }

    /// Removes a row, keeping it for undo.
    pub fn delete_row(&self, id: u64) {
        let mut deleted = None;
        self.rows.update(|rs| {
            if let Some(i) = rs.iter().position(|r| r.id == id) {
                let r = rs.remove(i);
                deleted = Some(Deleted { index: i, row: r.data.get_untracked() });
            }
        });
        if deleted.is_some() {
            self.last_deleted.set(deleted);
            self.retire(vec![id]);
        }
    }

    /// Puts the last deleted row back where it was.
    pub fn undo_delete(&self) {
        if untrack(|| self.is_full()) {
            return;
        }
        if let Some(d) = self.last_deleted.get_untracked() {
            let c = self.ctx(d.row);
            self.rows.update(|rs| {
                let i = d.index.min(rs.len());
                rs.insert(i, c);
            });
            self.last_deleted.set(None);
        }
    }

    /// Inserts a copy of a row right after it; returns the copy's id (`None` when the table is full). The copy is
    /// an exact duplicate project, so its findings show at once.
    pub fn duplicate_row(&self, id: u64) -> Option<u64> {
        if untrack(|| self.is_full()) {
            return None;
        }
        let (i, row) = self
            .rows
            .with_untracked(|rs| rs.iter().position(|r| r.id == id).map(|i| (i, rs[i].data.get_untracked())))?;
        // A copy is made here, in the page: it has no file of its own.
        let c = self.ctx_shown(ProjectRow { source: Source::default(), ..row });
        self.rows.update(|rs| rs.insert(i + 1, c));
        Some(c.id)
    }

    /// Moves a row one place up (`-1`) or down (`1`).
    pub fn move_row(&self, id: u64, delta: isize) {
        self.rows.update(|rs| {
            if let Some(i) = rs.iter().position(|r| r.id == id) {
                let j = i as isize + delta;
                if j >= 0 && (j as usize) < rs.len() {
                    rs.swap(i, j as usize);
                }
            }
        });
    }

    /// Subscribes the caller to every change of the form's values (table fields, rows added, removed or moved,
    /// any row's data) through a constant number of signals.
    pub fn track_changes(&self) {
        for t in &self.table {
            t.track();
        }
        self.rows.track();
        self.data_rev.track();
    }

    /// The declaration as plain data (for saving, exporting), without subscribing the caller.
    pub fn declaration(&self) -> Declaration {
        untrack(|| {
            let mut d = Declaration::default();
            for (i, f) in TableField::ALL.iter().enumerate() {
                *d.table_value_mut(*f) = self.table[i].get();
            }
            d.rows = self.rows.with(|rs| rs.iter().map(|r| r.data.get()).collect());
            d
        })
    }

    /// Whether the table is empty, as [`Declaration::is_empty`] says, without copying it.
    pub fn table_now(&self) -> TableNow {
        let empty = untrack(|| {
            self.table.iter().all(|t| t.with(|v| v.trim().is_empty()))
                && self.rows.with(|rs| rs.iter().all(|r| r.data.with(ProjectRow::is_blank)))
        });
        if empty {
            TableNow::Empty
        } else {
            TableNow::WithContent
        }
    }

    /// Replaces everything with a declaration (draft restore, import, another tab's save, clear): every old row
    /// leaves the table and its owner is disposed.
    pub fn load(&self, decl: &Declaration) {
        for (i, f) in TableField::ALL.iter().enumerate() {
            self.table[i].set(decl.table_value(*f).to_string());
        }
        let ctxs: Vec<RowCtx> = decl.rows.iter().take(MAX_ROWS).cloned().map(|r| self.ctx_shown(r)).collect();
        let old: Vec<u64> = self.rows.with_untracked(|rs| rs.iter().map(|r| r.id).collect());
        self.rows.set(ctxs);
        self.retire(old);
        if decl.rows.is_empty() {
            self.add_row();
        }
        self.checks.reset();
        self.last_deleted.set(None);
    }

    /// The display index of a row.
    pub fn index_of(&self, id: u64) -> Option<usize> {
        self.rows.with_untracked(|rs| rs.iter().position(|r| r.id == id))
    }

    /// Appends rows (merging another unit's draft); the blank starting row, if still blank, gives way
    /// ([`merge::kept_on_append`]). Appends nothing and returns false when the table would hold more than
    /// [`MAX_ROWS`] rows (the import checks first).
    pub fn append_rows(&self, rows: &[ProjectRow]) -> bool {
        let kept = self.kept_on_append();
        if !merge::append_fits(kept, rows.len()) {
            return false;
        }
        let ctxs: Vec<RowCtx> = rows.iter().cloned().map(|r| self.ctx_shown(r)).collect();
        let mut gone = Vec::new();
        self.rows.update(|rs| {
            if kept == 0 {
                gone.extend(rs.drain(..).map(|r| r.id));
            }
            rs.extend(ctxs);
        });
        self.retire(gone);
        true
    }

    /// How many of the current rows an append keeps ([`merge::kept_on_append`]).
    fn kept_on_append(&self) -> usize {
        self.rows.with_untracked(|rs| merge::kept_on_append(rs, |r| r.data.with_untracked(ProjectRow::is_blank)))
    }

    /// Applies a one-click fix from a finding about the row with `row_id` (or a table field): its field, and the
    /// other field it also sets, if any.
    pub fn apply_fix(&self, row_id: Option<u64>, fix: &Fix) {
        for (field, value) in std::iter::once((fix.field, &fix.value)).chain(fix.also.as_ref().map(|(f, v)| (*f, v))) {
            self.set_field(row_id, field, value);
        }
    }

    /// Sets one field of the row with `row_id` (its index in `field` when the id is gone) or a table field.
    fn set_field(&self, row_id: Option<u64>, field: FieldRef, value: &str) {
        match field {
            FieldRef::Table(t) => self.table_signal(t).set(value.to_string()),
            FieldRef::Row(i, f) => {
                let target = row_id
                    .and_then(|id| self.rows.with_untracked(|rs| rs.iter().find(|r| r.id == id).copied()))
                    .or_else(|| self.rows.with_untracked(|rs| rs.get(i).copied()));
                if let Some(r) = target {
                    r.data.update(|d| *d.get_mut(f) = value.to_string());
                }
            }
        }
    }
}

/// The checks: the table fields' findings, each row's (kept by its own effect), the cross-row pass, what shows,
/// and the whole table's counts and issue list, which track a few triggers, never every row.
#[derive(Clone, Copy)]
pub struct Checks {
    /// [`FormData`]'s rows, read only here.
    rows: RwSignal<Vec<RowCtx>>,
    pub table_findings: Memo<Vec<Finding>>,
    /// Table fields the user has left at least once.
    pub table_touched: RwSignal<Vec<TableField>>,
    /// Set by an export attempt: every error of the table fields shows, touched or not.
    pub reveal_all: RwSignal<bool>,
    /// [`FormData`]'s: notified when any row's data changes.
    data_rev: Trigger,
    /// Notified when any row's cross-row keys change.
    ident_rev: Trigger,
    /// The cross-row rules' index over every row's keys, and which rows' keys changed since it last ran.
    cross: StoredValue<CrossState>,
    /// Notified when any row's own error or warning count changes.
    own_rev: Trigger,
    /// Notified when some row becomes blank or stops being blank.
    blank_rev: Trigger,
    /// Whether some row of the table is not blank ([`TableRows::SomeFilled`]), kept by the cross-row effect (on the
    /// rows and `blank_rev`). Only blank rows' findings read it ([`rules::check_row_in`]), so it changes nothing
    /// while the user types in a filled row. A `bool` signal, not one of `TableRows`: each signal type costs code size.
    some_filled: RwSignal<bool>,
    /// Notified when any row's unit name or credit code (as compared) changes: who has sent, against the expected
    /// units, is matched again then, not on every keystroke in a title.
    unit_rev: Trigger,
    /// Notified when the cross-row effect changed some row's cross-row findings, or some row's findings against
    /// the earlier years changed.
    cross_rev: Trigger,
    /// The earlier years' projects (empty until the reference is loaded), and the index's working memory. Read
    /// without tracking: a row looks its title up only when its unit or title changes.
    history: StoredValue<Arc<HistoryIndex>>,
    scratch: StoredValue<Scratch>,
}

impl Checks {
    fn new(table: [RwSignal<String>; 5], rows: RwSignal<Vec<RowCtx>>, data_rev: Trigger) -> Self {
        let (ident_rev, cross_rev, blank_rev) = (Trigger::new(), Trigger::new(), Trigger::new());
        let some_filled = RwSignal::new(false);
        let cross = StoredValue::new(CrossState::default());
        // The cross-row rules: one effect; it re-runs only when the rows or some row's keys changed, reads the keys
        // without subscribing to each, re-judges only the rows an edit can affect (the whole table when rows came,
        // went or moved), and writes a row's findings only when they differ. The same effect keeps whether some row
        // is not blank (`some_filled`): re-checked when rows come, go or move, or a row's blankness changes; the loop
        // stops at the first filled row.
        Effect::new(move |_| {
            ident_rev.track();
            blank_rev.track();
            let (changed, filled) = rows.with(|rs| {
                let changed = cross.try_update_value(|st| st.check(rs)).unwrap_or(false);
                (changed, rs.iter().any(|r| !r.checks.blank.get_value()))
            });
            if some_filled.get_untracked() != filled {
                some_filled.set(filled);
            }
            if changed {
                cross_rev.notify();
            }
        });
        let table_findings = Memo::new(move |_| {
            let mut d = Declaration::default();
            for (i, f) in TableField::ALL.iter().enumerate() {
                *d.table_value_mut(*f) = table[i].get();
            }
            rules::check_table_fields(&d)
        });
        Checks {
            rows,
            table_findings,
            table_touched: RwSignal::new(Vec::new()),
            reveal_all: RwSignal::new(false),
            data_rev,
            ident_rev,
            cross,
            own_rev: Trigger::new(),
            blank_rev,
            some_filled,
            unit_rev: Trigger::new(),
            cross_rev,
            history: StoredValue::new(Arc::new(HistoryIndex::default())),
            scratch: StoredValue::new(Scratch::default()),
        }
    }

    /// Notified when any row's unit name or credit code changes (or rows come and go).
    pub fn track_units(&self) {
        self.rows.track();
        self.unit_rev.track();
    }

    /// Sets the earlier years' projects and re-checks every row against them.
    pub fn set_history(&self, history: HistoryIndex) {
        // Timed for `bench/history.mjs` (a User Timing measure; the index is built by the caller).
        let _timing = crate::shell::time::Measure::start("history-check", "history-check-start");
        self.history.set_value(Arc::new(history));
        let mut changed = false;
        self.rows.with_untracked(|rs| {
            for r in rs {
                changed |= r.checks.keys.with_value(|k| self.check_similar(k, r.checks.similar));
            }
        });
        if changed {
            self.cross_rev.notify();
        }
    }

    /// Finds a row's findings against the earlier years from its cross-row keys (its unit name, credit code and
    /// project name as compared: what the findings depend on); writes them only when they differ; whether they did.
    fn check_similar(&self, keys: &CrossKeys, similar: RwSignal<Vec<Finding>>) -> bool {
        let row = RowTitle { unit_name: &keys.name, credit_code: &keys.code, project_name: &keys.project };
        let fs = self
            .history
            .with_value(|h| self.scratch.try_update_value(|s| history_findings(0, row, h, s)))
            .unwrap_or_default();
        if similar.with_untracked(|old| *old != fs) {
            similar.set(fs);
            return true;
        }
        false
    }

    /// The checks of a new row whose data is `data`, under the current owner (the row's): its own findings, and
    /// the row's effect, which tells the whole-table readers what changed (see [`FormData`]'s `data_rev` and
    /// `ident_rev`, `own_rev`), so none of them has to subscribe to every row.
    fn watch_row(&self, id: u64, data: RwSignal<ProjectRow>) -> RowChecks {
        let some_filled = self.some_filled;
        // Only a blank row's findings depend on the other rows, so only a blank row subscribes to `some_filled`.
        let own = Memo::new(move |_| {
            data.with(|r| {
                let table =
                    if !r.is_blank() || some_filled.get() { TableRows::SomeFilled } else { TableRows::AllBlank };
                rules::check_row_in(0, r, table)
            })
        });
        let blank = StoredValue::new(data.with_untracked(ProjectRow::is_blank));
        let blank_rev = self.blank_rev;
        let keys = StoredValue::new(Arc::new(data.with_untracked(rules::cross_keys)));
        let own_counts = StoredValue::new((0, 0));
        let (data_rev, ident_rev, own_rev, unit_rev) = (self.data_rev, self.ident_rev, self.own_rev, self.unit_rev);
        let cross = self.cross;
        let similar = RwSignal::new(Vec::new());
        let checks = *self;
        // The effect returns the row's data as it saw it: the next run tells a change of the data (saved) from one of
        // the findings alone (a blank row's, when the table's first filled row comes or goes), which is not.
        Effect::new(move |prev: Option<ProjectRow>| {
            let now = data.get();
            let k = rules::cross_keys(&now);
            let c = own.with(|fs| count(fs));
            let b = now.is_blank();
            if blank.get_value() != b {
                blank.set_value(b);
                blank_rev.notify();
            }
            if prev.as_ref().is_some_and(|p| *p != now) {
                data_rev.notify();
            }
            let new_keys = keys.with_value(|old| **old != k);
            if keys.with_value(|old| old.name != k.name || old.code != k.code) {
                unit_rev.notify();
            }
            if new_keys {
                keys.set_value(Arc::new(k));
                cross.update_value(|st| st.changed.push(id));
                ident_rev.notify();
            }
            if own_counts.get_value() != c {
                own_counts.set_value(c);
                own_rev.notify();
            }
            // Against the earlier years: when the row is made and when its unit or title changed (the index lookup
            // is cheap; the index itself is built only when the reference changes).
            if (new_keys || prev.is_none()) && keys.with_value(|k| checks.check_similar(k, similar)) {
                checks.cross_rev.notify();
            }
            now
        });
        RowChecks {
            touched: RwSignal::new(Vec::new()),
            own,
            keys,
            own_counts,
            blank,
            cross: RwSignal::new(Vec::new()),
            reveal: RwSignal::new(false),
            similar,
        }
    }

    /// A new table (loaded): nothing touched, nothing revealed.
    fn reset(&self) {
        self.table_touched.set(Vec::new());
        self.reveal_all.set(false);
    }

    /// Shows every finding (an export or print attempt): the table fields and every row.
    pub fn reveal_everything(&self) {
        self.reveal_all.set(true);
        self.rows.with_untracked(|rs| {
            for r in rs {
                if !r.checks.reveal.get_untracked() {
                    r.checks.reveal.set(true);
                }
            }
        });
    }

    /// (errors, warnings) in the whole table. Tracks the rows, the table fields' findings and two triggers.
    pub fn counts(&self) -> (usize, usize) {
        self.rows.track();
        self.own_rev.track();
        self.cross_rev.track();
        let (mut e, mut w) = self.table_findings.with(|fs| count(fs));
        self.rows.with_untracked(|rs| {
            for r in rs {
                let (a, b) = r.checks.own_counts.get_value();
                let (c, d) = r.checks.cross.with_untracked(|fs| count(fs));
                let (x, y) = r.checks.similar.with_untracked(|fs| count(fs));
                e += a + c + x;
                w += b + d + y;
            }
        });
        (e, w)
    }

    /// The rows the official table holds (the .xlsx and the printout), in order: every row that is not blank, the
    /// `k`-th of them with 序号 `k + 1` ([`official_serials`]). Tracks the rows and whether some row's blankness
    /// changed, not each row.
    pub fn official_rows(&self) -> Vec<RowCtx> {
        self.blank_rev.track();
        self.rows.with(|rs| {
            let serials = official_serials(rs, |r| r.checks.blank.get_value());
            rs.iter().zip(serials).filter(|(_, serial)| serial.is_some()).map(|(r, _)| *r).collect()
        })
    }

    /// All findings of the table, in form order; a row's carry its display index (`FieldRef::Row(index, _)`).
    /// Tracks the rows, the table fields' findings and two triggers (any row's data changed, some row's cross-row
    /// findings changed), and reads each row's findings without subscribing to it.
    pub fn all_findings(&self) -> Vec<Finding> {
        self.rows.track();
        self.data_rev.track();
        self.cross_rev.track();
        let mut out = self.table_findings.get();
        self.rows.with_untracked(|rs| {
            for (i, r) in rs.iter().enumerate() {
                let mut at_row = |fs: &Vec<Finding>| {
                    out.extend(fs.iter().cloned().map(|mut f| {
                        f.field = reindex(f.field, i);
                        f
                    }))
                };
                r.checks.own.with_untracked(&mut at_row);
                r.checks.cross.with_untracked(&mut at_row);
                r.checks.similar.with_untracked(&mut at_row);
            }
        });
        out
    }
}

/// The cross-row pass's memory: the index over every row's keys, the row ids it holds (in table order), and the
/// rows whose keys changed since it last ran.
#[derive(Default)]
struct CrossState {
    index: Option<CrossIndex>,
    ids: Vec<u64>,
    changed: Vec<u64>,
}

impl CrossState {
    /// Brings the index up to date with the rows and writes the findings of every row it may have changed, where
    /// they differ; whether any did.
    fn check(&mut self, rs: &[RowCtx]) -> bool {
        let changed = std::mem::take(&mut self.changed);
        let same_rows = self.ids.len() == rs.len() && self.ids.iter().zip(rs).all(|(id, r)| *id == r.id);
        let (index, touched) = match self.index.as_mut() {
            Some(index) if same_rows => {
                let mut touched: Vec<usize> = Vec::new();
                // Usually one row; a row touched by two edits is judged twice, which only costs time.
                for id in changed {
                    if let Some(i) = self.ids.iter().position(|x| *x == id) {
                        touched.extend(index.set(i, rs[i].checks.keys.get_value()));
                    }
                }
                (index, touched)
            }
            _ => {
                self.ids = rs.iter().map(|r| r.id).collect();
                let index = self.index.insert(CrossIndex::new(rs.iter().map(|r| r.checks.keys.get_value()).collect()));
                (index, (0..rs.len()).collect())
            }
        };
        let mut any = false;
        for i in touched {
            let fs = index.findings(i);
            let cross = rs[i].checks.cross;
            if cross.with_untracked(|old| *old != fs) {
                cross.set(fs);
                any = true;
            }
        }
        any
    }
}

/// (errors, warnings) among some findings.
fn count(fs: &[Finding]) -> (usize, usize) {
    let e = fs.iter().filter(|f| f.severity == Severity::Error).count();
    (e, fs.len() - e)
}

fn reindex(f: FieldRef, i: usize) -> FieldRef {
    match f {
        FieldRef::Row(_, rf) => FieldRef::Row(i, rf),
        t => t,
    }
}

/// The state a control shows (`data-state`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewState {
    Idle,
    Ok,
    Warning,
    Error,
}

impl ViewState {
    pub fn as_str(self) -> &'static str {
        match self {
            ViewState::Idle => "idle",
            ViewState::Ok => "ok",
            ViewState::Warning => "warning",
            ViewState::Error => "error",
        }
    }
}

/// Reward early, punish late: errors and warnings show once the field was left (or at export);
/// a value with no error is marked correct at once. A finding with a one-click fix shows as soon as
/// anything in its row was touched, so a cross-field hint is not hidden on a field nobody visits.
pub fn view_state(
    value: &str,
    findings: &[Finding],
    revealed: bool,
    row_touched: bool,
) -> (ViewState, Option<Finding>) {
    let shown = |f: &&Finding| revealed || (row_touched && f.fix.is_some());
    if let Some(e) = findings.iter().filter(|f| f.severity == Severity::Error).find(shown) {
        return (ViewState::Error, Some(e.clone()));
    }
    let has_error = findings.iter().any(|f| f.severity == Severity::Error);
    if let Some(w) = findings.iter().filter(|f| f.severity == Severity::Warning).find(shown) {
        if !has_error {
            return (ViewState::Warning, Some(w.clone()));
        }
    }
    if has_error || value.trim().is_empty() {
        (ViewState::Idle, None)
    } else {
        (ViewState::Ok, None)
    }
}
