//! New record ids: sixteen bytes from `crypto.getRandomValues` (available on plain
//! HTTP intranet hosts too, unlike `crypto.randomUUID`), formatted by the domain.

use crate::domain::RecordId;

/// A fresh, random [`RecordId`].
pub fn new_record_id() -> RecordId {
    let mut bytes = [0u8; 16];
    let filled = web_sys::window()
        .and_then(|w| w.crypto().ok())
        .map(|crypto| crypto.get_random_values_with_u8_array(&mut bytes).is_ok())
        .unwrap_or(false);
    if !filled {
        // Only in environments without Web Crypto: still unique enough for one device.
        for byte in bytes.iter_mut() {
            *byte = (js_sys::Math::random() * 256.0) as u8;
        }
    }
    RecordId::from_random_bytes(bytes)
}
