//! [`YourDataPage`]: where the data lives (this browser, this device), whether the
//! browser has agreed to keep it, how much space it uses, a backup download, and what could
//! remove it.

use leptos::prelude::*;

use crate::domain::backup::{Backup, Scope};
use crate::domain::date::Date;
use crate::domain::RecordId;
use crate::platform::persistence::{self, StorageStatus};
use crate::platform::{clock, files};
use crate::store::StoreError;
use crate::ui::components::ErrorNotice;
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
        <BackupPanel />
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

/// Downloading a backup of everything.
#[component]
fn BackupPanel() -> impl IntoView {
    let download = Action::new_local(|_: &()| {
        let state = AppState::expect_untracked();
        async move { download_backup(&state, None).await }
    });
    let state = AppState::expect();
    let last = LocalResource::new(move || {
        let state = state.clone();
        state.track_changes();
        async move {
            let last = state.store.last_backup().await.ok().flatten();
            let changes = state.store.export_records().await.map(|d| d.changed_after(last)).unwrap_or(0);
            match last {
                None => "Last backup: never.".to_string(),
                Some(at) => format!(
                    "Last backup: {}. {} since.",
                    format::date_time(at),
                    if changes == 1 { "1 change".to_string() } else { format!("{changes} changes") }
                ),
            }
        }
    });
    view! {
        <section class="panel" aria-labelledby="backup-title">
            <h2 id="backup-title">"Back up"</h2>
            <p>
                "Download everything in Accord as one file: engagements, contracts with their agreements, "
                "templates and goals. Keep it somewhere safe outside this browser, such as an encrypted drive. "
                "The file is checked with a SHA-256 checksum, so a damaged copy is recognised."
            </p>
            <p class="last-backup">{move || last.get()}</p>
            <button type="button" class="button button--primary" on:click=move |_| { download.dispatch(()); }
                disabled=move || download.pending().get()>"Download a backup"</button>
            {move || download.value().get().map(|result| match result {
                Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
            })}
        </section>
    }
}

/// Reads the records, builds the backup (or the relationship file for one engagement)
/// and offers it as a download. Returns what was saved, in words.
pub async fn download_backup(state: &AppState, engagement: Option<(RecordId, String)>) -> Result<String, StoreError> {
    let data = state.store.export_records().await?;
    let (data, scope, name) = match engagement {
        None => (data, Scope::Everything, files::file_name(&["accord-backup", &Date::from_unix_millis(clock::now().0).to_string()])),
        Some((id, client)) => {
            let name = files::file_name(&["accord-engagement", &client, &Date::from_unix_millis(clock::now().0).to_string()]);
            (data.only_engagement(&id), Scope::Engagement { id, client }, name)
        }
    };
    let everything = scope == Scope::Everything;
    let backup = Backup::new(data, scope, state.store.schema_version(), env!("CARGO_PKG_VERSION"), clock::now());
    files::download(&name, "application/json", &backup.to_json()).map_err(StoreError::Failed)?;
    if everything {
        state.store.record_backup(clock::now()).await?;
        state.data_changed();
    }
    let total = backup.data.total();
    Ok(format!("Saved {name} with {total} record{}.", if total == 1 { "" } else { "s" }))
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
