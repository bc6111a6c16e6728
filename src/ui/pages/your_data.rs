//! [`YourDataPage`]: where the data lives (this browser, this device), whether the
//! browser has agreed to keep it, how much space it uses, and what could remove it.

use leptos::prelude::*;

use crate::platform::persistence::{self, StorageStatus};
use crate::ui::components::PageHeader;
use crate::ui::format;
use crate::ui::AppState;

#[component]
pub fn YourDataPage() -> impl IntoView {
    let state = AppState::expect();
    let status = LocalResource::new(move || {
        state.track_changes();
        persistence::status()
    });
    let ask = Action::new_local(move |_: &()| {
        let state = AppState::expect_untracked();
        async move {
            let granted = persistence::request().await;
            state.data_changed();
            granted
        }
    });
    view! {
        <PageHeader title="Your data" lead="Everything you enter in Accord stays in this browser, on this device. \
            There is no server and no account: nothing is sent anywhere." />
        <section class="panel" aria-labelledby="storage-title">
            <h2 id="storage-title">"Storage on this device"</h2>
            {move || match status.get() {
                None => view! { <p class="loading" role="status">"Checking storage…"</p> }.into_any(),
                Some(status) => view! { <StorageFacts status=status /> }.into_any(),
            }}
            {move || (status.get().and_then(|s| s.persisted) == Some(false)).then(|| view! {
                <p class="panel__action">
                    <button type="button" class="button" on:click=move |_| { ask.dispatch(()); }>
                        "Ask the browser to keep my data"
                    </button>
                </p>
                {move || (ask.value().get().flatten() == Some(false)).then(|| view! {
                    <p class="notice" role="status">
                        "The browser did not agree yet. Browsers grant this more readily to sites you visit often "
                        "or install as an app; Accord will ask again after you save."
                    </p>
                })}
            })}
        </section>
        <section class="panel" aria-labelledby="risks-title">
            <h2 id="risks-title">"What could remove it"</h2>
            <ul class="prose-list">
                <li>"Clearing this site's data, cookies or browsing history in the browser's settings."</li>
                <li>"Using a private or incognito window: its data is deleted when the window closes."</li>
                <li>"Resetting the browser or this device."</li>
            </ul>
            <p>"Each browser and each device keeps its own, separate copy."</p>
        </section>
    }
}

#[component]
fn StorageFacts(status: StorageStatus) -> impl IntoView {
    let kept = match status.persisted {
        Some(true) => "Yes. The browser will not clear it to make space.",
        Some(false) => "Not yet. If the device runs low on space, the browser may clear it.",
        None => "This browser does not say.",
    };
    let used = match (status.usage_bytes, status.quota_bytes) {
        (Some(usage), Some(quota)) => format!("{} of {} available", format::bytes(usage), format::bytes(quota)),
        _ => "This browser does not say.".to_string(),
    };
    let database = AppState::expect_untracked();
    view! {
        <dl class="facts">
            <div><dt>"Kept by the browser"</dt><dd>{kept}</dd></div>
            <div><dt>"Space used"</dt><dd>{used}</dd></div>
            <div><dt>"Database"</dt><dd>{format!("“{}”, schema version {}", database.store.name(), database.store.schema_version())}</dd></div>
        </dl>
    }
}
