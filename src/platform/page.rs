//! The page around the app: reading a small file next to `index.html` (the organisation
//! settings), whether the device asks for dark colours, and the attributes and CSS custom
//! properties on `<html>` that the stylesheet reads (`data-theme`, `data-embed`,
//! `--org-accent` …). Properties are set through the CSSOM, which the
//! Content-Security-Policy allows (a `style="…"` attribute it would not).

use std::future::Future;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Starts fetching `path` (relative to the page, so a sub-folder works) at once, past the
/// HTTP cache, and returns its text when awaited: `None` if there is no such file or it
/// cannot be fetched (offline with no copy).
pub fn fetch_text(path: &str) -> impl Future<Output = Option<String>> {
    let init = web_sys::RequestInit::new();
    init.set_cache(web_sys::RequestCache::NoCache);
    let promise = web_sys::window().map(|w| w.fetch_with_str_and_init(path, &init));
    async move {
        let response: web_sys::Response = JsFuture::from(promise?).await.ok()?.dyn_into().ok()?;
        if !response.ok() {
            return None;
        }
        JsFuture::from(response.text().ok()?).await.ok()?.as_string()
    }
}

fn root() -> Option<web_sys::HtmlElement> {
    web_sys::window()?.document()?.document_element()?.dyn_into().ok()
}

/// Sets (or with `None` removes) an attribute of `<html>`.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = root() {
        let _ = match value {
            Some(value) => root.set_attribute(name, value),
            None => root.remove_attribute(name),
        };
    }
}

fn dark_query() -> Option<web_sys::MediaQueryList> {
    web_sys::window()?.match_media("(prefers-color-scheme: dark)").ok()?
}

/// Whether the device (or browser) asks for dark colours.
pub fn prefers_dark() -> bool {
    dark_query().is_some_and(|query| query.matches())
}

/// Calls `changed` each time the device switches between light and dark, for the life of
/// the page.
pub fn on_prefers_dark_change(changed: impl Fn() + 'static) {
    if let Some(query) = dark_query() {
        let listener = Closure::<dyn Fn()>::new(changed);
        let _ = query.add_event_listener_with_callback("change", listener.as_ref().unchecked_ref());
        // Both stay for the life of the page.
        listener.forget();
        std::mem::forget(query);
    }
}

/// Sets a CSS custom property on `<html>`, e.g. `--org-accent`.
pub fn set_root_property(name: &str, value: &str) {
    if let Some(root) = root() {
        let _ = root.style().set_property(name, value);
    }
}
