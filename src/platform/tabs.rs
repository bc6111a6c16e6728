//! Other tabs of the app in the same browser: after a write, [`announce_change`] tells
//! them; [`listen`] calls back when another tab wrote. Messages go through a
//! `BroadcastChannel`, which never leaves this browser.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "accord-changes";

thread_local! {
    static OUTGOING: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

/// Tells every other tab that data changed.
pub fn announce_change() {
    OUTGOING.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = web_sys::BroadcastChannel::new(CHANNEL).ok();
        }
        if let Some(channel) = slot.as_ref() {
            let _ = channel.post_message(&JsValue::from_str("changed"));
        }
    });
}

/// Calls `on_change` whenever another tab announces a change (for the life of the page).
pub fn listen(on_change: impl Fn() + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |_: web_sys::MessageEvent| on_change());
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Keep the channel open for the life of the page.
    std::mem::forget(channel);
}
