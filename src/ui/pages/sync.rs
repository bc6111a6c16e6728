//! Sync on screen: [`SyncSection`] in the settings (the sync target form, the connection
//! test, what syncs, end-to-end encryption, the status line), [`SyncConflictsPage`] (the
//! records whose versions differ between devices), [`SyncConflictPage`] (one record's
//! versions side by side, field by field, with "Keep this version"), and
//! [`SyncConflictBanner`], the notice at the top while conflicts wait.
//!
//! What a person types stays in a [`SyncTargetForm`]; only a checked [`SyncTarget`] is
//! saved or used. The words of sync errors are the engine's ([`SyncError::message`]),
//! translated here. The screens call the store's sync commands and [`Replicator`] only.

use std::collections::BTreeSet;

use leptos::prelude::*;
use serde_json::Value;

use crate::domain::sync::doc::{engagement_of, DocId};
use crate::domain::sync::fields::{self, FieldRow, FieldValue, Label};
use crate::domain::sync::key::sync_passphrase_problem;
use crate::domain::sync::status::{SyncError, SyncState, SyncStatus};
use crate::domain::sync::target::{SignIn, SyncTarget, SyncTargetForm};
use crate::domain::{Field, FieldErrors, RecordId};
use crate::i18n::{plural, t, render, DateText};
use crate::store::{Conflict, ConflictVersion, Protection, StoreError, SyncSettings};
use crate::sync::Replicator;
use crate::tr;
use crate::ui::appearance::Organisation;
use crate::ui::components::{field_error, Choice, CheckboxField, ChoiceField, ErrorNotice, ErrorSummary, Loading, Notices, PageHeader, TextField};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::AppState;

/// The settings' Sync section: the saved target (if any) in its form, the status, the buttons.
#[component]
pub fn SyncSection() -> impl IntoView {
    let state = AppState::expect();
    let saved = LocalResource::new(move || {
        let store = state.store.clone();
        async move { store.sync_settings().await }
    });
    view! {
        <section class="panel sync" aria-labelledby="sync-heading">
            <h2 id="sync-heading">{t("Sync")}</h2>
            <p class="panel__lead">{t("Keep the same data on your devices through a sync server (CouchDB) that you or your organisation runs. Everything also stays on this device; changes go both ways, and edits made offline go when the connection returns.")}</p>
            {move || match saved.get() {
                None => view! { <Loading what=t("the sync settings") /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                Some(Ok(target)) => view! { <SyncForm initial=target on_change=Callback::new(move |_| saved.refetch()) /> }.into_any(),
            }}
        </section>
    }
}

/// What the connection test (or creating the database) found.
#[derive(Clone, Debug, PartialEq)]
enum Tested {
    Connected,
    Created,
    Failed(SyncError),
}

/// Why saving the settings did not happen.
#[derive(Clone, Debug)]
enum SaveProblem {
    Store(StoreError),
    /// Joining the database's end-to-end key failed.
    Sync(SyncError),
}

/// The form, filled from the saved settings (`None`: sync is not set up on this device).
#[component]
fn SyncForm(initial: Option<SyncSettings>, on_change: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let notices = Notices::expect();
    let runner = state.sync;
    let protection = state.store.protection();
    let organisation = Organisation::get().config().clone();
    let is_set_up = initial.is_some();
    let form = initial.as_ref().map(|s| s.target.to_form()).unwrap_or_else(|| SyncTargetForm {
        scope: "everything".into(),
        exclude_private_notes: true,
        end_to_end: protection != Protection::Off,
        server_url: organisation.sync_server.clone().unwrap_or_default(),
        ..SyncTargetForm::default()
    });
    let server_url = RwSignal::new(form.server_url);
    let database = RwSignal::new(form.database);
    let username = RwSignal::new(form.username);
    let password = RwSignal::new(form.password);
    let scope = RwSignal::new(form.scope);
    let sign_in = RwSignal::new(if form.sign_in.is_empty() { "password".to_string() } else { form.sign_in });
    let chosen = RwSignal::new(form.engagements.into_iter().collect::<BTreeSet<String>>());
    let exclude_private_notes = RwSignal::new(form.exclude_private_notes);
    let end_to_end = RwSignal::new(form.end_to_end && protection != Protection::Off);
    let sync_passphrase = RwSignal::new(String::new());
    let held = StoredValue::new_local(initial);
    // Whether this device already holds the shared key for `target`'s database.
    let holds_key = move |target: &SyncTarget| held.with_value(|h| h.as_ref().is_some_and(|s| s.key_for(target).is_some()));
    let errors = RwSignal::new(FieldErrors::new());
    let tested = RwSignal::new(None::<Tested>);
    let organisation = StoredValue::new_local(organisation);

    let engagements = {
        let state = state.clone();
        LocalResource::new(move || {
            let store = state.store.clone();
            async move { store.list_engagements().await }
        })
    };

    // The settings as typed.
    let typed = move || SyncTargetForm {
        server_url: server_url.get_untracked(),
        database: database.get_untracked(),
        username: username.get_untracked(),
        password: password.get_untracked(),
        scope: scope.get_untracked(),
        engagements: chosen.get_untracked().into_iter().collect(),
        exclude_private_notes: exclude_private_notes.get_untracked(),
        end_to_end: end_to_end.get_untracked(),
        sign_in: sign_in.get_untracked(),
    };
    // The typed settings, checked; every problem next to its field.
    let checked = move || -> Option<SyncTarget> {
        let typed = typed();
        // The organisation's rule on the server, reported with every other problem at once.
        let refusal = crate::domain::sync::target::server_url(&typed.server_url)
            .ok()
            .and_then(|address| organisation.with_value(|o| o.sync_server_refusal(&address)));
        let checked = SyncTarget::try_from(typed);
        let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
        if let Some(refusal) = refusal {
            problems.push(Field::SyncServer, refusal);
        }
        if end_to_end.get_untracked() {
            let needed = checked.as_ref().map_or(true, |target| !holds_key(target));
            if let Some(problem) = sync_passphrase_problem(&sync_passphrase.get_untracked(), needed) {
                problems.push(Field::SyncPassphrase, problem);
            }
        }
        let valid = problems.is_empty();
        errors.set(problems);
        checked.ok().filter(|_| valid)
    };

    // The connection test, or creating the database: what the server says. With a session
    // sign-in and a password typed, the session starts first.
    let check = Action::new_local({
        let state = state.clone();
        move |(target, create): &(SyncTarget, bool)| {
            let replicator = Replicator::new(state.store.clone(), target.clone());
            let create = *create;
            let typed = (target.sign_in == SignIn::Session).then(|| password.get_untracked()).filter(|p| !p.is_empty());
            async move {
                let signed_in = match typed {
                    Some(password) => replicator.start_session(&password).await,
                    None => Ok(()),
                };
                let answer = match signed_in {
                    Err(error) => Err(error),
                    Ok(()) if create => replicator.create_database().await,
                    Ok(()) => replicator.test_connection().await,
                };
                match answer {
                    Ok(()) if create => Tested::Created,
                    Ok(()) => Tested::Connected,
                    Err(error) => Tested::Failed(error),
                }
            }
        }
    });
    Effect::new(move |_| {
        if let Some(outcome) = check.value().get() {
            tested.set(Some(outcome));
        }
    });
    // Saving the target (and syncing), or removing it (`None`: stop syncing here). End to
    // end, a typed sync passphrase first opens (or, on the first device, makes) the
    // database's shared key; left empty, the key this device holds is kept.
    let apply = Action::new_local({
        let state = state.clone();
        move |(target, passphrase): &(Option<SyncTarget>, String)| {
            let state = state.clone();
            let target = target.clone();
            let passphrase = passphrase.clone();
            let typed = password.get_untracked();
            async move {
                let settings = match target {
                    Some(target) => {
                        if target.sign_in == SignIn::Session && !typed.is_empty() {
                            Replicator::new(state.store.clone(), target.clone()).start_session(&typed).await.map_err(SaveProblem::Sync)?;
                        }
                        let data_key = match (target.end_to_end, passphrase.is_empty()) {
                            (false, _) => None,
                            (true, true) => held.with_value(|h| h.as_ref().and_then(|s| s.key_for(&target).cloned())),
                            (true, false) => Some(
                                Replicator::new(state.store.clone(), target.clone()).join_shared_key(&passphrase).await.map_err(SaveProblem::Sync)?,
                            ),
                        };
                        Some(SyncSettings::new(target, data_key))
                    }
                    None => {
                        // Stopping signs this browser out of a session it started.
                        if let Some(target) = held.with_value(|h| h.as_ref().map(|s| s.target.clone())).filter(|t| t.sign_in == SignIn::Session) {
                            let _ = Replicator::new(state.store.clone(), target).end_session().await;
                        }
                        None
                    }
                };
                state.store.save_sync_settings(settings.as_ref()).await.map_err(SaveProblem::Store)?;
                match settings {
                    Some(_) => state.sync.start(state.clone()),
                    None => state.sync.stop(),
                }
                Ok::<bool, SaveProblem>(state.sync.active.get_untracked())
            }
        }
    });
    Effect::new(move |_| match apply.value().get() {
        Some(Ok(on)) => {
            sync_passphrase.set(String::new());
            if sign_in.get_untracked() == "session" {
                password.set(String::new());
            }
            notices.show(if on { t("Sync is on. Changes go both ways while Accord is open.") } else { t("Sync is off on this device. Your data here is unchanged.") });
            on_change.run(());
        }
        Some(Err(SaveProblem::Sync(error @ SyncError::WrongSyncPassphrase))) => errors.update(|e| e.push(Field::SyncPassphrase, error.message())),
        Some(Err(SaveProblem::Sync(error))) => tested.set(Some(Tested::Failed(error))),
        _ => {}
    });

    let on_test = move |_| {
        tested.set(None);
        if let Some(target) = checked() {
            check.dispatch((target, false));
        }
    };
    let on_create = move |_| {
        if let Some(target) = checked() {
            check.dispatch((target, true));
        }
    };
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tested.set(None);
        if let Some(target) = checked() {
            apply.dispatch((Some(target), sync_passphrase.get_untracked()));
        }
    };
    let sign_in_choices = vec![
        Choice {
            value: "password",
            label: t("User name and password"),
            help: t("Kept on this device (sealed when your data is protected) and sent with every request."),
        },
        Choice {
            value: "session",
            label: t("A sign-in session in this browser"),
            help: t("Accord signs in once with your password and keeps only the session the server gives this browser (a cookie); when it ends, sign in here again. The server must allow credentials from this app's address (CORS)."),
        },
    ];
    let scope_choices = vec![
        Choice { value: "everything", label: t("Everything"), help: t("Every engagement and all that belongs to it, your templates and the supervision log.") },
        Choice { value: "chosen", label: t("Chosen engagements"), help: t("Only the engagements ticked below, with their contracts, goals and sessions.") },
    ];
    let end_to_end_help = if protection == Protection::Off {
        t("Turn on passphrase protection (on Your data) first: the shared key is kept sealed with it on this device.")
    } else {
        t("Records go to the server encrypted with a key your devices share through a sync passphrase: the server holds only ciphertext and what sync needs (the kind of record, ids, times, whether it is deleted, and the engagement it belongs to).")
    };
    let passphrase_help = move || {
        if SyncTarget::try_from(SyncTargetForm { end_to_end: true, scope: String::new(), sign_in: String::new(), ..typed() }).is_ok_and(|target| holds_key(&target)) {
            t("This device already has the key for this database. Leave this empty to keep it.")
        } else {
            t("The same on every device that syncs this database: the first device sets it, the others enter it. It never goes to the server and cannot be recovered, so keep it safe.")
        }
    };

    view! {
        {is_set_up.then(|| view! { <SyncStatusLine /> })}
        <form class="form" on:submit=on_submit novalidate=true>
            <ErrorSummary errors=errors />
            <TextField field=Field::SyncServer label=t("Server address") value=server_url error=field_error(errors, Field::SyncServer)
                help=t("For example https://sync.example.org. Ask whoever runs the server.") required=true input_type="url" />
            <TextField field=Field::SyncDatabase label=t("Database name") value=database error=field_error(errors, Field::SyncDatabase)
                help=t("Lower-case letters, digits and _ $ ( ) + - /, starting with a letter.") required=true />
            <ChoiceField field=Field::SyncSignIn legend=t("How Accord signs in") choices=sign_in_choices value=sign_in error=field_error(errors, Field::SyncSignIn) />
            <TextField field=Field::SyncUsername label=t("User name") value=username error=field_error(errors, Field::SyncUsername) autocomplete="username" />
            {move || {
                let help = if sign_in.get() == "session" {
                    t("Used once to start the session, never kept. Leave it empty while this browser is still signed in.")
                } else {
                    t("Kept on this device only, to sign in to the server. Never part of a backup.")
                };
                view! {
                    <TextField field=Field::SyncPassword label=t("Password") value=password error=field_error(errors, Field::SyncPassword)
                        input_type="password" autocomplete="current-password" help=help />
                }
            }}
            <ChoiceField field=Field::SyncScope legend=t("What syncs") choices=scope_choices value=scope error=field_error(errors, Field::SyncScope) />
            <Show when=move || scope.get() == "chosen">
                <fieldset class="field sync__engagements">
                    <legend>{t("Engagements that sync")}</legend>
                    {move || match engagements.get() {
                        None => view! { <Loading what=t("engagements") /> }.into_any(),
                        Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                        Some(Ok(list)) if list.is_empty() => view! { <p>{t("There are no engagements yet.")}</p> }.into_any(),
                        Some(Ok(list)) => list.into_iter().map(|record| {
                            let id = record.id.as_str().to_string();
                            let ticked = RwSignal::new(chosen.get_untracked().contains(&id));
                            let key = id.clone();
                            Effect::new(move |_| {
                                let on = ticked.get();
                                chosen.update(|set| {
                                    if on { set.insert(key.clone()); } else { set.remove(&key); }
                                });
                            });
                            view! { <CheckboxField id=format!("sync-engagement-{id}") label=record.data.client.as_str().to_string() checked=ticked /> }
                        }).collect_view().into_any(),
                    }}
                </fieldset>
            </Show>
            <CheckboxField id="sync-exclude-private" label=t("Keep private notes on this device") checked=exclude_private_notes
                help=t("The private layers of session notes never go to the server; other devices get the shared notes only.") />
            <CheckboxField id="sync-end-to-end" label=t("Encrypt end to end") checked=end_to_end help=end_to_end_help
                disabled=Signal::derive(move || protection == Protection::Off) />
            <Show when=move || end_to_end.get()>
                <TextField field=Field::SyncPassphrase label=t("Sync passphrase") value=sync_passphrase error=field_error(errors, Field::SyncPassphrase)
                    input_type="password" autocomplete="new-password" help=passphrase_help() no_optional_hint=true />
            </Show>
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || apply.pending().get()>
                    {move || match (apply.pending().get(), is_set_up) {
                        (true, _) => t("Saving…"),
                        (false, true) => t("Save and sync"),
                        (false, false) => t("Save and start syncing"),
                    }}
                </button>
                <button type="button" class="button" on:click=on_test disabled=move || check.pending().get()>
                    {move || if check.pending().get() { t("Testing…") } else { t("Test connection") }}
                </button>
            </div>
            {move || match apply.value().get() {
                Some(Err(SaveProblem::Store(error))) => Some(view! { <ErrorNotice error=error /> }),
                _ => None,
            }}
        </form>
        <div aria-live="polite">
            {move || tested.get().map(|outcome| match outcome {
                Tested::Connected => view! {
                    <div class="notice sync__tested" role="status">
                        <p>{t("Connected: the server answered, accepted the user name and password, and the database exists.")}</p>
                    </div>
                }.into_any(),
                Tested::Created => view! {
                    <div class="notice sync__tested" role="status"><p>{t("The database was created. Save to start syncing.")}</p></div>
                }.into_any(),
                Tested::Failed(error) => {
                    let missing = error == SyncError::DatabaseMissing;
                    let unreachable = error == SyncError::Unreachable;
                    view! {
                        <div class="notice notice--error sync__tested" role="alert">
                            <p class="notice__title">{t("The connection test failed")}</p>
                            <p>{render(&error.message())}</p>
                            {unreachable.then(|| view! {
                                <p>{t("The browser may also have blocked the request: this site's security policy (connect-src) must name the sync server, and the server must allow this app's address (CORS).")}</p>
                            })}
                            {missing.then(|| view! {
                                <p class="notice__actions">
                                    <button type="button" class="button" on:click=on_create disabled=move || check.pending().get()>{t("Create the database")}</button>
                                </p>
                            })}
                        </div>
                    }.into_any()
                }
            })}
        </div>
        {is_set_up.then(|| view! {
            <div class="form__actions sync__device">
                <button type="button" class="button" on:click=move |_| runner.start(AppState::expect_untracked())>{t("Sync now")}</button>
                <button type="button" class="button button--danger-quiet" on:click=move |_| { apply.dispatch((None, String::new())); }>{t("Stop syncing on this device")}</button>
            </div>
            <p class="field__help">{t("Stopping keeps everything on this device and on the server; it only forgets the server's address and your sign-in here.")}</p>
        })}
    }
}

/// The status line: what sync is doing, when it last finished, what waits, conflicts.
#[component]
pub fn SyncStatusLine() -> impl IntoView {
    let runner = AppState::expect().sync;
    view! {
        <div class="sync__status" role="status">
            {move || {
                let status: SyncStatus = runner.status.get();
                let failed = matches!(status.state, SyncState::Failed(_));
                let state = if !runner.active.get() {
                    t("Not syncing on this device.").to_string()
                } else {
                    render(&status.describe())
                };
                let last = status.last_synced.map_or_else(|| t("Not yet").to_string(), format::date_time);
                view! {
                    <p class="sync__state" class:sync__state--failed=failed>
                        <span class="sync__label">{t("Sync:")}</span>" "{state}
                    </p>
                    <dl class="facts">
                        <div><dt>{t("Last synced")}</dt><dd>{last}</dd></div>
                        <div><dt>{t("Changes waiting")}</dt><dd>{crate::i18n::number(status.pending as f64, 0)}</dd></div>
                    </dl>
                    {(status.conflicts > 0).then(|| view! {
                        <p class="notice notice--warning">
                            {plural(status.conflicts, "One record has versions that differ between devices.", "{n} records have versions that differ between devices.")}" "
                            <a href=Route::SyncConflicts.href()>{t("Look at the conflicts")}</a>
                        </p>
                    })}
                }
            }}
        </div>
    }
}

/// At the top of every screen while sync reports conflicts (not on the conflict screens).
#[component]
pub fn SyncConflictBanner(route: ReadSignal<Route>) -> impl IntoView {
    let Some(state) = use_context::<AppState>() else { return ().into_any() };
    let runner = state.sync;
    (move || {
        let count = runner.conflicts();
        let on_conflicts = matches!(route.get(), Route::SyncConflicts | Route::SyncConflict(_));
        (count > 0 && !on_conflicts).then(|| view! {
            <div class="update-banner sync__banner" role="status">
                <p>
                    {plural(count, "Sync found a record edited on two devices.", "Sync found {n} records edited on two devices.")}" "
                    <a href=Route::SyncConflicts.href()>{t("Compare and choose")}</a>
                </p>
            </div>
        })
    })
    .into_any()
}

/// The words for a kind of record (a store's name).
fn kind_of(store: &str) -> &'static str {
    match store {
        "engagements" => t("Engagement"),
        "contracts" => t("Contract"),
        "templates" => t("Contract template"),
        "goals" => t("Goal"),
        "sessions" => t("Session"),
        "journeys" => t("Mentoring journey"),
        "supervision" => t("Supervision entry"),
        "reports" => t("Sponsor update"),
        _ => t("Record"),
    }
}

/// The conflicts and, for each, the client's name of the engagement it belongs to.
async fn conflicts_with_clients(state: &AppState) -> Result<Vec<(Conflict, Option<String>)>, StoreError> {
    let conflicts = state.store.sync_conflicts().await?;
    let mut out = Vec::with_capacity(conflicts.len());
    for conflict in conflicts {
        let client = client_of(state, &conflict).await;
        out.push((conflict, client));
    }
    Ok(out)
}

async fn client_of(state: &AppState, conflict: &Conflict) -> Option<String> {
    let doc_id = DocId::parse(&conflict.doc_id)?;
    let data = conflict.shown.data.clone().unwrap_or(Value::Null);
    let engagement: RecordId = engagement_of(&doc_id, &serde_json::json!({ "data": data }))?;
    let record = state.store.get_engagement(&engagement).await.ok()??;
    Some(record.data.client.as_str().to_string())
}

/// The latest change among a conflict's versions.
fn latest(conflict: &Conflict) -> Option<crate::domain::Timestamp> {
    std::iter::once(&conflict.shown).chain(&conflict.others).filter_map(|v| v.updated_at).max()
}

/// Every record whose versions differ between devices.
#[component]
pub fn SyncConflictsPage() -> impl IntoView {
    let state = AppState::expect();
    let conflicts = LocalResource::new(move || {
        let state = state.clone();
        state.track_changes();
        async move { conflicts_with_clients(&state).await }
    });
    view! {
        <p class="breadcrumb"><a href=Route::Settings.href()>{t("← Back to the settings")}</a></p>
        <PageHeader title=t("Sync conflicts")
            lead=t("These records were changed on two devices while they were apart. Each device shows the same version for now; compare them and keep the right one. Nothing is lost until you choose.") />
        {move || match conflicts.get() {
            None => view! { <Loading what=t("conflicts") /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! {
                <section class="empty-state panel" aria-labelledby="no-conflicts">
                    <h2 id="no-conflicts">{t("No conflicts")}</h2>
                    <p>{t("Every synced record has one version. If two devices change the same record while apart, it appears here.")}</p>
                </section>
            }.into_any(),
            Some(Ok(list)) => view! {
                <ul class="card-list" aria-label=t("Records in conflict")>
                    {list.into_iter().map(|(conflict, client)| {
                        let route = Route::SyncConflict(conflict.doc_id.clone());
                        let deleted = std::iter::once(&conflict.shown).chain(&conflict.others).any(|v| v.deleted);
                        let when = latest(&conflict).map(format::date_time);
                        let name = match &client {
                            Some(client) => format!("{} · {client}", kind_of(conflict.store)),
                            None => kind_of(conflict.store).to_string(),
                        };
                        view! {
                            <li class="card">
                                <h2 class="card__title"><a href=route.href()>{name}</a></h2>
                                <p class="card__meta">
                                    {if deleted { t("Deleted on one device, edited on another.") } else { t("Edited on two devices.") }}
                                    {when.map(|when| format!(" {}", tr!("Last change {when}.", when = when)))}
                                </p>
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

/// A field's name in the interface language: "Sponsor › Organisation", "Themes › 2 › Why now".
fn field_label(label: &[Label]) -> String {
    let parts: Vec<String> = label
        .iter()
        .map(|part| match part {
            Label::Words(words) => t(words).to_string(),
            Label::Entry(number) => number.to_string(),
            Label::Unknown(name) => name.clone(),
        })
        .collect();
    parts.join(" › ")
}

/// A field's value in the interface language: choices in words, dates and numbers as the
/// language writes them.
fn field_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Empty => "—".into(),
        FieldValue::Text(text) => text.clone(),
        FieldValue::Choice(words) => t(words).into(),
        FieldValue::Date(date) => date.local(),
        FieldValue::Timestamp(at) => format::date_time(*at),
        FieldValue::YesNo(true) => t("yes").into(),
        FieldValue::YesNo(false) => t("no").into(),
        FieldValue::Number(n) => {
            let decimals = if n.fract() == 0.0 { 0 } else if (n * 10.0).fract() == 0.0 { 1 } else { 2 };
            crate::i18n::number(*n, decimals)
        }
        FieldValue::List(items) if items.is_empty() => "—".into(),
        FieldValue::List(items) => items.iter().map(field_value).collect::<Vec<_>>().join("; "),
    }
}

/// One record's versions side by side.
#[component]
pub fn SyncConflictPage(doc_id: String) -> impl IntoView {
    let state = AppState::expect();
    let id = doc_id.clone();
    let conflict = LocalResource::new(move || {
        let state = state.clone();
        let id = id.clone();
        state.track_changes();
        async move {
            let Some(conflict) = state.store.sync_conflict(&id).await? else { return Ok(None) };
            let client = client_of(&state, &conflict).await;
            Ok::<_, StoreError>(Some((conflict, client)))
        }
    });
    view! {
        <p class="breadcrumb"><a href=Route::SyncConflicts.href()>{t("← Back to the conflicts")}</a></p>
        {move || match conflict.get() {
            None => view! { <Loading what=t("the versions") /> }.into_any(),
            Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
            Some(Ok(None)) => view! {
                <PageHeader title=t("Conflicting versions") />
                <p>{t("This record has no conflict (any more): every device now shows the same version.")}</p>
                <p><a class="button" href=Route::SyncConflicts.href()>{t("See the other conflicts")}</a></p>
            }.into_any(),
            Some(Ok(Some((conflict, client)))) => view! { <Versions conflict=conflict client=client /> }.into_any(),
        }}
    }
}

#[component]
fn Versions(conflict: Conflict, client: Option<String>) -> impl IntoView {
    let notices = Notices::expect();
    let doc_id = conflict.doc_id.clone();
    let resolve = Action::new_local(move |chosen: &Option<Value>| {
        let state = AppState::expect_untracked();
        let doc_id = doc_id.clone();
        let chosen = chosen.clone();
        async move {
            let keep_deleted = chosen.is_none();
            state.store.sync_resolve(&doc_id, chosen).await?;
            state.data_changed();
            notices.show(if keep_deleted { t("Kept it deleted. Your other devices get the same at their next sync.") } else { t("Kept the version you chose. Your other devices get it at their next sync.") });
            crate::platform::location::set_fragment(&Route::SyncConflicts.fragment());
            Ok::<(), StoreError>(())
        }
    });
    let title = match &client {
        Some(client) => format!("{} · {client}", kind_of(conflict.store)),
        None => kind_of(conflict.store).to_string(),
    };
    let versions: Vec<ConflictVersion> = std::iter::once(conflict.shown.clone()).chain(conflict.others.clone()).collect();
    let any_deleted = versions.iter().any(|v| v.deleted);
    let tables: Vec<Vec<FieldRow>> = versions.iter().map(|v| v.data.as_ref().map(|data| fields::describe(conflict.store, data)).unwrap_or_default()).collect();
    // Every field in any version, in first-seen order, with its name and privacy.
    let mut fields: Vec<&FieldRow> = Vec::new();
    for row in tables.iter().flatten() {
        if !fields.iter().any(|f| f.key == row.key) {
            fields.push(row);
        }
    }
    let value_of = |index: usize, key: &str| tables[index].iter().find(|row| row.key == key).map_or(FieldValue::Empty, |row| row.value.clone());
    let differing: usize = fields.iter().filter(|f| (1..versions.len()).any(|i| value_of(i, &f.key) != value_of(0, &f.key))).count();
    let heading = |index: usize, version: &ConflictVersion| {
        let which = if index == 0 {
            t("Shown now")
        } else if version.refused.is_some() {
            t("Changed after it was agreed")
        } else {
            t("Other version")
        };
        let state = if version.deleted { format!(" ({})", t("deleted")) } else { String::new() };
        format!("{which}{state}")
    };
    let button = move |version: &ConflictVersion| {
        if let Some(refused) = &version.refused {
            // Changed after it was agreed or approved: it cannot be chosen.
            return view! { <p class="conflict__refused">{render(refused)}</p> }.into_any();
        }
        let (label, chosen) = match (version.deleted, any_deleted) {
            (true, _) => (t("Keep it deleted"), None),
            (false, true) => (t("Keep the edited version"), version.data.clone()),
            (false, false) => (t("Keep this version"), version.data.clone()),
        };
        view! {
            <button type="button" class="button button--primary" disabled=move || resolve.pending().get()
                on:click=move |_| { resolve.dispatch(chosen.clone()); }>{label}</button>
        }
        .into_any()
    };
    view! {
        <PageHeader title=title lead=t("Two devices changed this record while apart. The version shown now is the one every device shows until you choose (the sync server's rule picks it). Differences are marked.") />
        <p>{plural(differing, "One field differs.", "{n} fields differ.")}</p>
        <div class="table-wrap" tabindex="0" role="region" aria-label=t("The versions side by side, field by field")>
            <table class="conflict__table">
                <thead>
                    <tr>
                        <th scope="col">{t("Field")}</th>
                        {versions.iter().enumerate().map(|(index, version)| view! {
                            <th scope="col">
                                {heading(index, version)}
                                {version.updated_at.map(|at| view! { <span class="conflict__when">{tr!("Changed {when}", when = format::date_time(at))}</span> })}
                            </th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody>
                    {fields.iter().map(|field| {
                        let values: Vec<FieldValue> = (0..versions.len()).map(|i| value_of(i, &field.key)).collect();
                        let differs = values.iter().any(|v| *v != values[0]);
                        view! {
                            <tr class:conflict__row--differs=differs class:conflict__row--private=field.private>
                                <th scope="row">
                                    {field.private.then(|| view! { <span class="note-layer__badge">{t("Private")}</span> })}
                                    <span class="conflict__field">{field_label(&field.label)}</span>
                                    {differs.then(|| view! { <span class="conflict__differs">{t("differs")}</span> })}
                                </th>
                                {values.iter().map(|value| view! { <td>{field_value(value)}</td> }).collect_view()}
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
                <tfoot>
                    <tr>
                        <td></td>
                        {versions.iter().map(|version| view! { <td>{button(version)}</td> }).collect_view()}
                    </tr>
                </tfoot>
            </table>
        </div>
        {move || resolve.value().get().and_then(Result::err).map(|error| view! { <ErrorNotice error=error /> })}
    }
}
