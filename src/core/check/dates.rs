//! Dates: the table's `YYYY-MM-DD`, the forms people type, Excel's day numbers, and the form's `2021年4月9日`.

/// Days in a month of the Gregorian calendar; 0 for a month outside 1–12.
pub fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True for a day that exists (year 1 or later).
pub fn is_real_date((year, month, day): (u32, u32, u32)) -> bool {
    year >= 1 && (1..=days_in_month(year, month)).contains(&day)
}

/// A calendar date `YYYY-MM-DD` → (year, month, day), or `None` (wrong shape, month 13, 2021-02-29 …).
pub fn parse_date(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let part = s.get(r)?;
        if part.bytes().all(|c| c.is_ascii_digit()) {
            part.parse().ok()
        } else {
            None
        }
    };
    Some((num(0..4)?, num(5..7)?, num(8..10)?)).filter(|&ymd| is_real_date(ymd))
}

/// The year, month and day of a date as people type it: `2021-4-12`, `2021/04/12`, `2021.4.12`, `2021年4月12日`
/// (spaces around the numbers allowed): a four-digit year, then a month and a day of one or two digits, with any
/// of `-` `/` `.` `年` `月` `日` between them. Whether the day exists is not checked ([`is_real_date`]).
pub fn typed_date(text: &str) -> Option<(u32, u32, u32)> {
    let mut parts =
        text.split(['-', '/', '.', '年', '月', '日']).map(|p| p.trim_matches(' ')).filter(|p| !p.is_empty());
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return None;
    }
    let number = |p: &str| if p.bytes().all(|b| b.is_ascii_digit()) { p.parse().ok() } else { None };
    Some((number(y)?, number(m)?, number(d)?))
}

/// An Excel day number (1900 date system: day 1 is 1900-01-01, and Excel counts a 1900-02-29 that never was) as a
/// date, when it falls in 2000–2099 (as a date cell reads without its format, e.g. `44295` for 2021-04-09); a time
/// of day after the point is ignored.
pub fn excel_day(text: &str) -> Option<(u32, u32, u32)> {
    let whole = match text.split_once('.') {
        Some((whole, fraction)) if fraction.bytes().all(|b| b.is_ascii_digit()) => whole,
        Some(_) => return None,
        None => text,
    };
    if whole.is_empty() || !whole.bytes().all(|b| b.is_ascii_digit()) || whole.len() > 5 {
        return None;
    }
    let serial: u32 = whole.parse().ok()?;
    // 36526 is 2000-01-01 and 73050 is 2099-12-31.
    if !(36_526..=73_050).contains(&serial) {
        return None;
    }
    // Days after 2000-01-01, then whole years and months.
    let mut days = serial - 36_526;
    let mut year = 2000u32;
    loop {
        let in_year = if days_in_month(year, 2) == 29 { 366 } else { 365 };
        if days < in_year {
            break;
        }
        days -= in_year;
        year += 1;
    }
    let mut month = 1u32;
    while days >= days_in_month(year, month) {
        days -= days_in_month(year, month);
        month += 1;
    }
    Some((year, month, days + 1))
}

/// A date as the table holds it: `YYYY-MM-DD`.
pub fn iso((year, month, day): (u32, u32, u32)) -> String {
    format!("{year:04}-{month:02}-{day:02}")
}

/// `2021-04-09` → `2021年4月9日` (how the form prints a date); anything else is returned as typed, trimmed.
///
/// ```
/// # use shenbao::core::check::dates::format_date;
/// assert_eq!(format_date("2021-04-09"), "2021年4月9日");
/// assert_eq!(format_date("4月9日"), "4月9日");
/// ```
pub fn format_date(text: &str) -> String {
    let t = text.trim();
    match parse_date(t) {
        Some((y, m, d)) => format!("{y}年{m}月{d}日"),
        None => t.to_string(),
    }
}

/// A date as a cell holds it: `2021年4月9日`, `2021-4-9`, `2021/4/9` or `2021.4.9` → `2021-04-09` (a day that exists,
/// in one of the forms of [`typed_date`]); so is an Excel date ([`excel_day`]); anything else stays as written.
pub fn date_in_cell(text: &str) -> String {
    let t = text.trim();
    match typed_date(t).filter(|&ymd| is_real_date(ymd)).or_else(|| excel_day(t)) {
        Some(ymd) => iso(ymd),
        None => t.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typed_dates() {
        for typed in ["2021-4-12", "2021/04/12", "2021.4.12", "2021年4月12日", "2021年4月12", "2021 年 4 月 12 日"]
        {
            assert_eq!(typed_date(typed), Some((2021, 4, 12)), "{typed}");
        }
        assert_eq!(typed_date("2021-2-30"), Some((2021, 2, 30)), "the shape only");
        for not in ["21/4/12", "2021-004-12", "4月12日", "2021-4-12-1", "2021-4-1x", "２０２１-4-12", ""] {
            assert_eq!(typed_date(not), None, "{not}");
        }
    }

    #[test]
    fn excel_days() {
        assert_eq!(excel_day("44295"), Some((2021, 4, 9)));
        assert_eq!(excel_day("44295.75"), Some((2021, 4, 9)));
        assert_eq!(excel_day("44295.x"), None);
        assert_eq!(excel_day("36525"), None);
    }
}
