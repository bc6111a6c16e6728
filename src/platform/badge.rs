//! The app icon's badge (the Badging API, `navigator.setAppBadge`), where the browser has
//! it: [`show_count`] puts the number of things needing attention on the installed app's
//! icon, or clears it at zero. Browsers without the API are left as they are.

use js_sys::{Function, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};

/// Whether this browser has the Badging API.
pub fn supported() -> bool {
    method("setAppBadge").is_some()
}

/// Shows `count` on the app's icon (clears the badge at 0). Does nothing where the
/// browser has no badge; a refusal (the app not installed, say) is ignored.
pub fn show_count(count: usize) {
    let (name, args) = if count == 0 {
        ("clearAppBadge", js_sys::Array::new())
    } else {
        ("setAppBadge", js_sys::Array::of1(&JsValue::from_f64(count as f64)))
    };
    let Some((navigator, function)) = method(name) else { return };
    if let Ok(promise) = function.apply(&navigator, &args).and_then(|value| value.dyn_into::<Promise>()) {
        spawn_local(async move {
            let _ = JsFuture::from(promise).await;
        });
    }
}

fn method(name: &str) -> Option<(JsValue, Function)> {
    let navigator: JsValue = web_sys::window()?.navigator().into();
    let function = Reflect::get(&navigator, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()?;
    Some((navigator, function))
}
