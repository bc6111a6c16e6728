//! The current time, as a domain [`Timestamp`].

use crate::domain::Timestamp;

/// Milliseconds since the Unix epoch, from the browser's clock.
pub fn now() -> Timestamp {
    Timestamp(js_sys::Date::now() as i64)
}
