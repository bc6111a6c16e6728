//! The crash screen. If the app panics, the hook installed by [`install`] hands the
//! message to `window.accordRescue.showFatalError` (from `public/rescue.js`), which
//! replaces the page with an explanation and a button that downloads everything stored
//! in this browser. The rescue script is plain JavaScript so that it still works when
//! the WebAssembly app cannot run at all.

use js_sys::{Function, Reflect};
use wasm_bindgen::{JsCast, JsValue};

/// Installs the panic hook. Call once, first thing at start-up.
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        web_sys::console::error_1(&JsValue::from_str(&message));
        show_fatal_error(&message);
    }));
}

/// Shows the crash screen with a technical message. Falls back to plain text if the
/// rescue script is missing (for example in browser tests).
pub fn show_fatal_error(message: &str) {
    let Some(window) = web_sys::window() else { return };
    let shown = Reflect::get(&window, &JsValue::from_str("accordRescue"))
        .ok()
        .and_then(|rescue| {
            let show = Reflect::get(&rescue, &JsValue::from_str("showFatalError")).ok()?;
            let show: Function = show.dyn_into().ok()?;
            show.call1(&rescue, &JsValue::from_str(message)).ok()
        })
        .is_some();
    if !shown {
        if let Some(body) = window.document().and_then(|d| d.body()) {
            body.set_text_content(Some(&format!("Accord stopped because of an error. Reload the page. ({message})")));
        }
    }
}
