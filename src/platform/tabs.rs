//! Other tabs of the app in the same browser: after a write, [`announce_change`] tells
//! them; after passphrase protection changed, [`announce_protection_changed`]; [`listen`]
//! calls back with the [`TabMessage`]. Messages go through a `BroadcastChannel`, which
//! never leaves this browser.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

const CHANNEL: &str = "accord-changes";

thread_local! {
    static OUTGOING: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
    /// This tab's own id: a channel object also hears messages posted by other channel
    /// objects of the same page, so each message says which tab sent it.
    static THIS_TAB: String = crate::platform::ids::new_record_id().as_str().to_string();
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
            let text = THIS_TAB.with(|tab| format!("{message} {tab}"));
            let _ = channel.post_message(&JsValue::from_str(&text));
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
        let text = event.data().as_string().unwrap_or_default();
        let (kind, sender) = text.split_once(' ').unwrap_or((text.as_str(), ""));
        if THIS_TAB.with(|tab| tab == sender) {
            return;
        }
        on_message(if kind == PROTECTION { TabMessage::ProtectionChanged } else { TabMessage::DataChanged })
    });
    channel.set_onmessage(Some(handler.as_ref().unchecked_ref()));
    handler.forget();
    // Keep the channel open for the life of the page.
    std::mem::forget(channel);
}
