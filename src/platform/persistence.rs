//! Persistent storage: browsers may evict "best-effort" site data when space runs low;
//! `navigator.storage.persist()` asks them not to. [`request_once`] asks after the first
//! saved record; [`status`] reports whether it was granted, with usage and quota.

use std::cell::Cell;

use js_sys::{Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// What the browser says about this site's storage.
#[derive(Debug, Clone, PartialEq)]
pub struct StorageStatus {
    /// `None` when the browser cannot say (no Storage API).
    pub persisted: Option<bool>,
    /// Bytes used and available to this site, when the browser reports them.
    pub usage_bytes: Option<f64>,
    pub quota_bytes: Option<f64>,
}

thread_local! {
    static ASKED: Cell<bool> = const { Cell::new(false) };
}

fn storage_manager() -> Option<web_sys::StorageManager> {
    let navigator = web_sys::window()?.navigator();
    // Older browsers have no `navigator.storage`; web-sys would hand back `undefined`.
    let storage = Reflect::get(&navigator, &JsValue::from_str("storage")).ok()?;
    storage.dyn_into::<web_sys::StorageManager>().ok()
}

async fn ask(promise: Result<Promise, JsValue>) -> Option<JsValue> {
    JsFuture::from(promise.ok()?).await.ok()
}

/// Asks the browser to keep this site's data, once per page load, unless it already does.
/// Returns whether storage is persistent afterwards.
pub async fn request_once() -> Option<bool> {
    if ASKED.with(|asked| asked.replace(true)) {
        return None;
    }
    let manager = storage_manager()?;
    if ask(manager.persisted()).await.and_then(|v| v.as_bool()) == Some(true) {
        return Some(true);
    }
    ask(manager.persist()).await.and_then(|v| v.as_bool())
}

/// Asks the browser to keep this site's data now (a person pressed a button).
pub async fn request() -> Option<bool> {
    ASKED.with(|asked| asked.set(true));
    let manager = storage_manager()?;
    ask(manager.persist()).await.and_then(|v| v.as_bool())
}

/// Whether storage is persistent, and how much is used.
pub async fn status() -> StorageStatus {
    let Some(manager) = storage_manager() else {
        return StorageStatus { persisted: None, usage_bytes: None, quota_bytes: None };
    };
    let persisted = ask(manager.persisted()).await.and_then(|v| v.as_bool());
    let estimate = ask(manager.estimate()).await;
    let number = |name: &str| estimate.as_ref().and_then(|e| Reflect::get(e, &JsValue::from_str(name)).ok()).and_then(|v| v.as_f64());
    StorageStatus { persisted, usage_bytes: number("usage"), quota_bytes: number("quota") }
}
