//! The current time, as a domain [`Timestamp`], today's [`Date`] on this device, and
//! the conversion of a local wall-clock time to UTC (for calendar files).

use crate::domain::date::Date;
use crate::domain::session::{ClockTime, LocalMoment};
use crate::domain::Timestamp;

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}

/// Today's date on this device (in its time zone).
pub fn today() -> Date {
    date_of(now())
}

/// The date of the instant `at` on this device's calendar (in its time zone, with the
/// offset in force at that instant): at 00:30 in Berlin it is already the next day, while
/// UTC still has the day before.
pub fn date_of(at: Timestamp) -> Date {
    let offset_minutes = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at.0 as f64)).get_timezone_offset();
    Date::from_unix_millis(at.0 - offset_minutes as i64 * 60_000)
}

/// The date and time of day on this device now, to the minute.
pub fn local_now() -> LocalMoment {
    let now = js_sys::Date::new_0();
    let time = ClockTime::new(now.get_hours() as u8, now.get_minutes() as u8).unwrap_or_default();
    LocalMoment { date: today(), time }
}

/// Milliseconds since the Unix epoch of `time` on `date` in this device's time zone
/// (daylight saving time included, as the browser knows it).
pub fn local_to_utc_millis(date: Date, time: ClockTime) -> i64 {
    js_sys::Date::new_with_year_month_day_hr_min(
        date.year() as u32,
        i32::from(date.month()) - 1,
        i32::from(date.day()),
        i32::from(time.hour()),
        i32::from(time.minute()),
    )
    .get_time() as i64
}
