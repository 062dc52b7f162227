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

/// Milliseconds since the epoch (for unique backup keys).
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}
