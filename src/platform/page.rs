//! The page around the app: reading a small file next to `index.html` (the organisation
//! settings), and the attributes and CSS custom properties on `<html>` that the stylesheet
//! reads (`data-theme`, `data-embed`, `--org-accent` …). Properties are set through the
//! CSSOM, which the Content-Security-Policy allows (a `style="…"` attribute it would not).

use std::future::Future;

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

/// Sets a CSS custom property on `<html>`, e.g. `--org-accent`.
pub fn set_root_property(name: &str, value: &str) {
    if let Some(root) = root() {
        let _ = root.style().set_property(name, value);
    }
}
