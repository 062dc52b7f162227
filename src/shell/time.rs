//! The clock: local date and time as strings the core and the UI use.

/// The local date and time now, `YYYY-MM-DDTHH:MM:SS` (the draft envelope's `saved_at`).
pub fn now_local() -> String {
    let d = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}",
        d.get_full_year(),
        d.get_month() + 1,
        d.get_date(),
        d.get_hours(),
        d.get_minutes(),
        d.get_seconds()
    )
}

/// Today's local date, `YYYY-MM-DD` (the value format of `<input type="date">`).
pub fn today() -> String {
    let d = js_sys::Date::new_0();
    format!("{:04}-{:02}-{:02}", d.get_full_year(), d.get_month() + 1, d.get_date())
}

/// The `HH:MM:SS` part of a `YYYY-MM-DDTHH:MM:SS` time (for `已保存 HH:MM:SS`); empty for anything else.
pub fn hms(saved_at: &str) -> String {
    if crate::core::draft::is_timestamp(saved_at) {
        saved_at.get(11..19).unwrap_or_default().to_string()
    } else {
        String::new()
    }
}

/// Sets a User Timing mark (`shenbao:start`, `shenbao:mounted`, `shenbao:restored`: the start-up breakdown that
/// `bench/startup.mjs` reads). Nothing happens where the Performance API is missing.
pub fn mark(name: &str) {
    if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
        let _ = p.mark(name);
    }
}

/// A User Timing measure around a piece of work: created with [`Measure::start`], recorded as a `measure` entry
/// named `name` when dropped. DevTools' Performance panel shows it, and `bench/perf.mjs` reads the
/// `draft-save` entries with a `PerformanceObserver`. Only the latest entry of each name is kept in the page's
/// buffer, so a long session does not accumulate them.
pub struct Measure {
    name: &'static str,
    mark: &'static str,
}

impl Measure {
    /// Starts timing (`mark` is the name of the start mark; it must differ from `name`).
    pub fn start(name: &'static str, mark: &'static str) -> Measure {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            let _ = p.mark(mark);
        }
        Measure { name, mark }
    }
}

impl Drop for Measure {
    fn drop(&mut self) {
        if let Some(p) = web_sys::window().and_then(|w| w.performance()) {
            p.clear_measures_with_measure_name(self.name);
            let _ = p.measure_with_start_mark(self.name, self.mark);
            p.clear_marks_with_mark_name(self.mark);
        }
    }
}
