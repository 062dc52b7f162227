//! Findings: what the rules say about a declaration, per field, as data (never a failure).

use serde::{Deserialize, Serialize};

use super::model::FieldRef;

/// How serious a finding is. A warning never blocks anything.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Error,
    Warning,
}

/// A one-click correction the UI can offer: set `field` to `value`; `label` is the button text (e.g. `改为 宝坻区`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Fix {
    pub label: String,
    pub field: FieldRef,
    pub value: String,
    /// Another field the same click sets, so that nothing typed is lost (改为“其他（请注明）” moves the text that was
    /// not in the list into 注明).
    #[serde(default)]
    pub also: Option<(FieldRef, String)>,
}

/// One thing a rule says about one field.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub field: FieldRef,
    pub severity: Severity,
    /// A stable, machine-readable name of the rule (e.g. `uscc.check_char`), for tests and telemetry-free debugging.
    pub code: &'static str,
    /// One Chinese sentence that says what to do.
    pub message: String,
    pub fix: Option<Fix>,
}

impl Finding {
    pub fn error(field: FieldRef, code: &'static str, message: impl Into<String>) -> Self {
        Finding { field, severity: Severity::Error, code, message: message.into(), fix: None }
    }

    pub fn warning(field: FieldRef, code: &'static str, message: impl Into<String>) -> Self {
        Finding { field, severity: Severity::Warning, code, message: message.into(), fix: None }
    }

    /// Attaches a one-click fix.
    pub fn with_fix(mut self, label: impl Into<String>, field: FieldRef, value: impl Into<String>) -> Self {
        self.fix = Some(Fix { label: label.into(), field, value: value.into(), also: None });
        self
    }

    /// The fix also sets `field` to `value` (see [`Fix::also`]); no effect without a fix.
    pub fn with_fix_also(mut self, field: FieldRef, value: impl Into<String>) -> Self {
        if let Some(fix) = self.fix.as_mut() {
            fix.also = Some((field, value.into()));
        }
        self
    }
}

/// All findings about a declaration (or a part of it).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    pub findings: Vec<Finding>,
}

impl Report {
    pub fn extend(&mut self, fs: impl IntoIterator<Item = Finding>) {
        self.findings.extend(fs);
    }

    pub fn error_count(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Error).count()
    }

    pub fn warning_count(&self) -> usize {
        self.findings.iter().filter(|f| f.severity == Severity::Warning).count()
    }
}
