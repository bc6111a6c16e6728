//! The URL fragment (`#/…`) the app navigates by. Fragments need no server support,
//! so the built app works from any folder on any static host.

/// The current fragment without the leading `#`.
pub fn fragment() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|hash| hash.trim_start_matches('#').to_string())
        .unwrap_or_default()
}

/// Navigates to a fragment such as `/engagements/new` (adds a history entry).
pub fn set_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}
