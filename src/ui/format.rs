//! Formatting values for people: dates and byte sizes.

use crate::domain::Timestamp;
use wasm_bindgen::JsValue;

/// A calendar date such as "23 Nov 2026", in the browser's time zone.
pub fn date(timestamp: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(timestamp.0 as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "short"), ("year", "numeric")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_date_string("en-GB", &options).into()
}

/// A date and time such as "23 Nov 2026, 14:05", in the browser's time zone.
pub fn date_time(timestamp: Timestamp) -> String {
    let date = js_sys::Date::new(&JsValue::from_f64(timestamp.0 as f64));
    let options = js_sys::Object::new();
    for (key, value) in [("day", "numeric"), ("month", "short"), ("year", "numeric"), ("hour", "2-digit"), ("minute", "2-digit")] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &value.into());
    }
    date.to_locale_string("en-GB", &options).into()
}

/// A byte count such as "1.2 MB".
pub fn bytes(count: f64) -> String {
    const UNITS: [&str; 5] = ["bytes", "kB", "MB", "GB", "TB"];
    let mut value = count.max(0.0);
    let mut unit = 0;
    while value >= 1000.0 && unit < UNITS.len() - 1 {
        value /= 1000.0;
        unit += 1;
    }
    if unit == 0 {
        format!("{value:.0} {}", UNITS[unit])
    } else {
        format!("{value:.1} {}", UNITS[unit])
    }
}
