//! The URL fragment (`#/…`) the app navigates by. Fragments need no server support,
//! so the built app works from any folder on any static host.

/// The current fragment without the leading `#`.
pub fn fragment() -> String {
    web_sys::window().and_then(|w| w.location().hash().ok()).map(|hash| hash.trim_start_matches('#').to_string()).unwrap_or_default()
}

/// Navigates to a fragment such as `/engagements/new` (adds a history entry).
pub fn set_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        let _ = window.location().set_hash(fragment);
    }
}

/// Replaces the fragment in the address bar without a new history entry or a
/// `hashchange`: the old one is gone from the address bar and from the back button.
pub fn replace_fragment(fragment: &str) {
    if let Some(window) = web_sys::window() {
        if let Ok(history) = window.history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&format!("#{fragment}")));
        }
    }
}

/// Whether the page was opened in embed mode (`?embed=1` before the `#`), as an
/// organisation does to show Accord inside its intranet page: no outer header, and the
/// layout fits the frame.
pub fn embedded() -> bool {
    web_sys::window()
        .and_then(|w| w.location().search().ok())
        .is_some_and(|search| search.trim_start_matches('?').split('&').any(|pair| pair == "embed=1" || pair == "embed=true"))
}

/// This page's address without embed mode (and any other query), for opening Accord in
/// its own tab: the same screen, outside the frame.
pub fn standalone_address() -> String {
    web_sys::window()
        .map(|w| {
            let location = w.location();
            let part = |p: Result<String, wasm_bindgen::JsValue>| p.unwrap_or_default();
            format!("{}{}{}", part(location.origin()), part(location.pathname()), part(location.hash()))
        })
        .unwrap_or_default()
}
