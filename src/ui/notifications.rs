//! Notifications of what needs attention, while Accord is open, for a person who turned
//! them on (Settings → Notifications): [`watch`] looks on start, every 30 minutes and after
//! every change of data, and shows each "Needs attention" item (`domain::attention`) not
//! shown before on this device ([`Notified`]) as "Accord: <client>", the item's words,
//! and a link to where it is done. Nothing is sent anywhere.

use std::cell::Cell;

use leptos::prelude::*;

use crate::domain::attention::{self, notified::Notified};
use crate::i18n::render;
use crate::platform::clock;
use crate::platform::notifications::{self, Permission};
use crate::store::preferences::{NOTIFICATIONS, NOTIFIED};
use crate::store::{Store, StoreError};
use crate::ui::route::Route;
use crate::ui::AppState;
use crate::ui::PRODUCT_NAME;

/// How often an open app looks again (time alone makes items due).
const LOOK_EVERY_MS: u32 = 30 * 60 * 1000;
/// How long a look waits for the data to settle: a burst of saves (typing a session's
/// notes, an import) ends in one look, after it, instead of one per save.
const SETTLE_MS: u32 = 800;

thread_local! {
    /// A look is under way: another waits for it, so no item is shown twice.
    static LOOKING: Cell<bool> = const { Cell::new(false) };
    /// Something changed during a look: look once more when it ends.
    static LOOK_AGAIN: Cell<bool> = const { Cell::new(false) };
}

/// Whether the person turned notifications on on this device (off until they do).
pub async fn turned_on(store: &Store) -> Result<bool, StoreError> {
    Ok(store.preference(NOTIFICATIONS).await?.as_deref() == Some("on"))
}

/// Records the person's choice on this device.
pub async fn turn(store: &Store, on: bool) -> Result<(), StoreError> {
    store.set_preference(NOTIFICATIONS, if on { "on" } else { "off" }).await
}

/// Looks for new items now, every 30 minutes, and after each change of data (turning
/// notifications on is one), while the data is open (`locked` false).
pub fn watch(state: AppState, locked: RwSignal<bool>) {
    let tick = RwSignal::new(0_u64);
    gloo_timers::callback::Interval::new(LOOK_EVERY_MS, move || tick.update(|n| *n += 1)).forget();
    Effect::new(move |_| {
        state.track_changes();
        tick.track();
        if locked.get() {
            return;
        }
        let store = state.store.clone();
        leptos::task::spawn_local(async move { look_in_turn(store).await });
    });
}

/// One look at a time, each after the data settled ([`SETTLE_MS`]); looks asked for
/// while one waits or runs make one more after it.
async fn look_in_turn(store: Store) {
    if LOOKING.with(|looking| looking.replace(true)) {
        LOOK_AGAIN.with(|again| again.set(true));
        return;
    }
    loop {
        gloo_timers::future::TimeoutFuture::new(SETTLE_MS).await;
        LOOK_AGAIN.with(|again| again.set(false));
        if let Err(error) = look(&store).await {
            web_sys::console::warn_1(&format!("Accord could not look for notifications: {}", render(&error.user_message())).into());
        }
        if !LOOK_AGAIN.with(Cell::get) {
            break;
        }
    }
    LOOKING.with(|looking| looking.set(false));
}

/// Shows the items not shown before, if the person turned notifications on and the browser
/// allows them; remembers what was shown, for the items still current only.
async fn look(store: &Store) -> Result<(), StoreError> {
    if notifications::permission() != Some(Permission::Granted) || !turned_on(store).await? {
        return Ok(());
    }
    let facts = store.attention_facts().await?;
    let items = attention::all(&facts, clock::local_now());
    let before = Notified::parse(store.preference(NOTIFIED).await?.as_deref());
    let mut shown = Vec::new();
    for item in before.new_items(&items) {
        let client = facts.iter().find(|f| f.id == item.engagement_id).map(|f| render(&f.engagement.client_shown())).unwrap_or_default();
        let title = format!("{PRODUCT_NAME}: {client}");
        let body = render(&item.need.words());
        match notifications::show(&title, &body, &item.key(), &Route::of_attention(item).href()).await {
            Ok(()) => shown.push(item.key()),
            Err(problem) => {
                // No service worker yet, or the browser refused: the next look tries again.
                web_sys::console::warn_2(&"Accord could not show a notification:".into(), &problem);
                break;
            }
        }
    }
    let after = before.remember(&items, shown);
    if after != before {
        store.set_preference(NOTIFIED, &after.to_stored()).await?;
    }
    Ok(())
}
