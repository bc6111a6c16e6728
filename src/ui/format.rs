//! Formatting values for people: dates, times and byte sizes, in the interface language
//! (calendar dates without a time and plain numbers are in [`crate::i18n`]).

use crate::domain::Timestamp;
use crate::i18n::{self, Lang};
use wasm_bindgen::JsValue;

/// How the current language writes a date: "23 Nov 2026", "23.11.2026".
fn date_options() -> [(&'static str, &'static str); 3] {
    match i18n::current() {
        Lang::En => [("day", "numeric"), ("month", "short"), ("year", "numeric")],
        Lang::De => [("day", "2-digit"), ("month", "2-digit"), ("year", "numeric")],
    }
}

/// A calendar date such as "23 Nov 2026" ("23.11.2026"), in the browser's time zone.
pub fn date(timestamp: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(timestamp.0 as f64));
    let options = js_sys::Object::new();
    for (key, value) in date_options() {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_date_string(i18n::current().locale(), &options).into()
}

/// A date and time such as "23 Nov 2026, 14:05" ("23.11.2026, 14:05"), in the browser's
/// time zone.
pub fn date_time(timestamp: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(timestamp.0 as f64));
    let options = js_sys::Object::new();
    for (key, value) in date_options().into_iter().chain([("hour", "2-digit"), ("minute", "2-digit")]) {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string(i18n::current().locale(), &options).into()
}

/// A byte count such as "1.2 MB" ("1,2 MB").
pub fn bytes(count: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let mut value = count.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{} {}", i18n::number(value, 0), i18n::t("bytes"))
    } else {
        format!("{} {}", i18n::number(value, 1), UNITS[unit])
    }
}
