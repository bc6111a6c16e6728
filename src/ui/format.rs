//! Formatting values for people: dates, times and byte sizes, in the interface language
//! (calendar dates without a time and plain numbers are in [`crate::i18n`]).

use crate::domain::contract::Party;
use crate::domain::goal::GasLevel;
use crate::domain::session::allocation::Allocation;
use crate::domain::{Kind, Timestamp};
use crate::i18n::{self, Lang};
use crate::tr;
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

/// What a party is called in this kind of relationship: "Coachee" or "Mentee", "Coach" or
/// "Mentor", "Sponsor".
pub fn party(party: Party, kind: Kind) -> &'static str {
    match party {
        Party::Client => i18n::t(kind.client_role()),
        Party::Practitioner => i18n::t(kind.practitioner_role()),
        Party::Sponsor => i18n::t("Sponsor"),
    }
}

/// The parties who may own a goal or an action, as (value, words) options: the client and
/// the practitioner, and the sponsor in a three-way engagement.
pub fn party_options(kind: Kind, three_way: bool) -> Vec<(&'static str, &'static str)> {
    Party::ALL.iter().filter(|p| three_way || **p != Party::Sponsor).map(|p| (p.as_str(), party(*p, kind))).collect()
}

/// A GAS level as lists and fields name it, with its score: "−2 Much less than expected".
pub fn gas_level(level: GasLevel) -> String {
    format!("{} {}", level.signed(), i18n::t(level.label()))
}

/// A GAS score with its sign: "+1", "0", "−2" (a true minus sign); a number outside
/// −2…+2, which no form accepts, as it is.
pub fn gas_score(score: i8) -> String {
    GasLevel::from_score(score).map_or_else(|| score.to_string(), |level| level.signed().to_string())
}

/// "2 of 6 sessions used, 4 remaining. 1.5 h held of 4.5 h contracted.", in the
/// interface language (the words of [`Allocation::summary`]).
pub fn allocation(allocation: &Allocation) -> String {
    let late = match allocation.late_cancelled_used {
        0 => String::new(),
        n => i18n::plural(n, ", including 1 late cancellation", ", including {n} late cancellations"),
    };
    let sessions = match (allocation.allocated, allocation.remaining()) {
        (Some(allocated), Some(remaining)) => {
            let used = tr!(
                "{used} of {allocated} used{late}",
                used = allocation.used,
                allocated = i18n::plural(allocated, "1 session", "{n} sessions"),
                late = late
            );
            if remaining < 0 {
                tr!("{used}: {n} more than contracted.", used = used, n = -remaining)
            } else {
                tr!("{used}, {remaining} remaining.", used = used, remaining = remaining)
            }
        }
        _ => tr!("{sessions} used{late}.", sessions = i18n::plural(allocation.used, "1 session", "{n} sessions"), late = late),
    };
    let hours_text = match allocation.hours_allocated {
        Some(allocated) => {
            tr!("{held} held of {allocated} contracted.", held = i18n::hours(allocation.hours_held), allocated = i18n::hours(allocated))
        }
        None => tr!("{held} held.", held = i18n::hours(allocation.hours_held)),
    };
    format!("{sessions} {hours_text}")
}
