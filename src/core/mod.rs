//! The pure core: plain data in, plain data out. No `leptos`, no `web_sys`, no clock, no I/O.
//!
//! Invariants (checked by review and by the host build, where the browser crates do not even exist):
//! - every function here is deterministic: the same input gives the same output (time is a parameter);
//! - nothing here panics on any input (property-tested): bad input becomes findings or a typed error;
//! - validation returns a [`report::Report`] of findings per field; it never stops at the first problem.

pub mod check;
pub mod draft;
pub mod edition;
pub mod history;
pub mod intake;
pub mod limits;
pub mod merge;
pub mod model;
pub mod order;
pub mod picklists;
pub mod report;
pub mod text;
pub mod worker_protocol;
pub mod xlsx;
pub mod xml;

pub use model::{Declaration, FieldRef, ProjectRow, RowField, Source, TableField};
pub use report::{Finding, Fix, Report, Severity};
