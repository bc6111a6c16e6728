//! Other tabs of the app in the same browser: after a write, [`announce_change`] tells
//! them; after passphrase protection changed, [`announce_protection_changed`]; [`listen`]
//! calls back with the [`TabMessage`]. Messages go through a `BroadcastChannel`, which
//! never leaves this browser.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "accord-changes";

thread_local! {
    static OUTGOING: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

const CHANGED: &str = "changed";
const PROTECTION: &str = "protection";

/// What another tab announced.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TabMessage {
    /// It saved a change.
    DataChanged,
    /// It turned passphrase protection on or off, or changed the passphrase.
    ProtectionChanged,
}

fn post(message: &str) {
    OUTGOING.with(|cell| {
        let mut slot = cell.borrow_mut();
        if slot.is_none() {
            *slot = web_sys::BroadcastChannel::new(CHANNEL).ok();
        }
        if let Some(channel) = slot.as_ref() {
            let _ = channel.post_message(&JsValue::from_str(message));
        }
    });
}

/// Tells every other tab that data changed.
pub fn announce_change() {
    post(CHANGED);
}

/// Tells every other tab that passphrase protection changed.
pub fn announce_protection_changed() {
    post(PROTECTION);
}

/// Calls `on_message` whenever another tab announces something (for the life of the page).
pub fn listen(on_message: impl Fn(TabMessage) + 'static) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else { return };
    let handler = Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
        let message = if event.data().as_string().as_deref() == Some(PROTECTION) { TabMessage::ProtectionChanged } else { TabMessage::DataChanged };
        on_message(message)
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Keep the channel open for the life of the page.
    std::mem::forget(channel);
}
