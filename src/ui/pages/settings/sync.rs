//! The settings' Sync section: [`SyncSection`] holds the form for the sync target
//! ([`SyncForm`]: server, database, sign-in, what syncs, end-to-end encryption), the
//! connection test and its outcome ([`TestOutcome`]), and [`SyncStatusLine`].
//!
//! What a person types stays in [`SyncFields`] (a [`SyncTargetForm`]); only a checked
//! [`SyncTarget`] is saved or used. The words of sync errors are the engine's
//! ([`SyncError::message`]). The section calls the store's sync commands and
//! [`Replicator`] only: [`connection_check`] and [`settings_saver`].

use std::collections::BTreeSet;

use leptos::prelude::*;

use crate::domain::org_config::OrgConfig;
use crate::domain::sync::key::sync_passphrase_problem;
use crate::domain::sync::status::{SyncError, SyncState, SyncStatus};
use crate::domain::sync::target::{self, ScopeKind, SignIn, SyncTarget, SyncTargetForm};
use crate::domain::{Field, FieldErrors};
use crate::i18n::{plural, render, t};
use crate::store::{Protection, StoreError, SyncSettings};
use crate::sync::Replicator;
use crate::ui::actions::store_resource;
use crate::ui::appearance::Organisation;
use crate::ui::components::{when_read, CheckboxField, Choice, ChoiceField, ErrorNotice, ErrorSummary, Notices, TextField};
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
            {when_read(saved, t("the sync settings"), move |target| view! { <SyncForm initial=target on_change=Callback::new(move |_| saved.refetch()) /> }.into_any()
            )}
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
    /// Signing in, or joining the database's end-to-end key, failed.
    Sync(SyncError),
}

/// The sync settings as the form holds them, one signal per field.
#[derive(Clone, Copy)]
struct SyncFields {
    server_url: RwSignal<String>,
    database: RwSignal<String>,
    username: RwSignal<String>,
    password: RwSignal<String>,
    scope: RwSignal<String>,
    sign_in: RwSignal<String>,
    chosen: RwSignal<BTreeSet<String>>,
    exclude_private_notes: RwSignal<bool>,
    end_to_end: RwSignal<bool>,
    sync_passphrase: RwSignal<String>,
}

impl SyncFields {
    /// The saved settings, or for a device not yet syncing: everything, private notes kept
    /// here, end to end if the data is protected, the organisation's server if it names one.
    fn new(initial: Option<&SyncSettings>, protection: Protection, organisation: &OrgConfig) -> SyncFields {
        let protected = protection != Protection::Off;
        let form = initial.map(|s| s.target.to_form()).unwrap_or_else(|| SyncTargetForm {
            scope: ScopeKind::Everything.as_str().into(),
            exclude_private_notes: true,
            end_to_end: protected,
            server_url: organisation.sync_server.clone().unwrap_or_default(),
            ..SyncTargetForm::default()
        });
        SyncFields {
            server_url: RwSignal::new(form.server_url),
            database: RwSignal::new(form.database),
            username: RwSignal::new(form.username),
            password: RwSignal::new(form.password),
            scope: RwSignal::new(form.scope),
            sign_in: RwSignal::new(if form.sign_in.is_empty() { SignIn::Password.as_str().to_string() } else { form.sign_in }),
            chosen: RwSignal::new(form.engagements.into_iter().collect()),
            exclude_private_notes: RwSignal::new(form.exclude_private_notes),
            end_to_end: RwSignal::new(form.end_to_end && protected),
            sync_passphrase: RwSignal::new(String::new()),
        }
    }

    /// The settings as typed.
    fn typed(&self) -> SyncTargetForm {
        SyncTargetForm {
            server_url: self.server_url.get_untracked(),
            database: self.database.get_untracked(),
            username: self.username.get_untracked(),
            password: self.password.get_untracked(),
            scope: self.scope.get_untracked(),
            engagements: self.chosen.get_untracked().into_iter().collect(),
            exclude_private_notes: self.exclude_private_notes.get_untracked(),
            end_to_end: self.end_to_end.get_untracked(),
            sign_in: self.sign_in.get_untracked(),
        }
    }

    /// The typed settings checked, with the organisation's rule on the server and the sync
    /// passphrase (needed end to end unless this device `holds_key` already): every problem
    /// at once, each next to its field in `errors`. `Some` only if there are none.
    fn checked(
        &self,
        organisation: &OrgConfig,
        holds_key: impl Fn(&SyncTarget) -> bool,
        errors: RwSignal<FieldErrors>,
    ) -> Option<SyncTarget> {
        let typed = self.typed();
        let refusal = target::server_url(&typed.server_url).ok().and_then(|address| organisation.sync_server_refusal(&address));
        let checked = SyncTarget::try_from(typed);
        let mut problems = checked.as_ref().err().cloned().unwrap_or_default();
        if let Some(refusal) = refusal {
            problems.push(Field::SyncServer, refusal);
        }
        if self.end_to_end.get_untracked() {
            let needed = checked.as_ref().map_or(true, |target| !holds_key(target));
            if let Some(problem) = sync_passphrase_problem(&self.sync_passphrase.get_untracked(), needed) {
                problems.push(Field::SyncPassphrase, problem);
            }
        }
        let valid = problems.is_empty();
        errors.set(problems);
        checked.ok().filter(|_| valid)
    }
}

/// The connection test, or creating the database (`true`): what the server says. With a
/// session sign-in and a `password` typed, the session starts first.
fn connection_check(state: &AppState, password: RwSignal<String>) -> Action<(SyncTarget, bool), Tested> {
    let store = state.store.clone();
    Action::new_local(move |(target, create): &(SyncTarget, bool)| {
        let replicator = Replicator::new(store.clone(), target.clone());
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
    })
}

/// Saving the target and syncing, or removing it (`None`: stop syncing here). End to end,
/// a typed sync passphrase first opens (or, on the first device, makes) the database's
/// shared key; left empty, the key this device holds (`held`) is kept. `Ok(true)` when
/// sync is running afterwards.
fn settings_saver(
    state: &AppState,
    held: StoredValue<Option<SyncSettings>, LocalStorage>,
    password: RwSignal<String>,
) -> Action<(Option<SyncTarget>, String), Result<bool, SaveProblem>> {
    let state = state.clone();
    Action::new_local(move |(target, passphrase): &(Option<SyncTarget>, String)| {
        let state = state.clone();
        let target = target.clone();
        let passphrase = passphrase.clone();
        let typed = password.get_untracked();
        async move {
            let settings = match target {
                Some(target) => {
                    let replicator = Replicator::new(state.store.clone(), target.clone());
                    if target.sign_in == SignIn::Session && !typed.is_empty() {
                        replicator.start_session(&typed).await.map_err(SaveProblem::Sync)?;
                    }
                    let data_key = match (target.end_to_end, passphrase.is_empty()) {
                        (false, _) => None,
                        (true, true) => held.with_value(|h| h.as_ref().and_then(|s| s.key_for(&target).cloned())),
                        (true, false) => Some(replicator.join_shared_key(&passphrase).await.map_err(SaveProblem::Sync)?),
                    };
                    Some(SyncSettings::new(target, data_key))
                }
                None => {
                    // Stopping signs this browser out of a session it started.
                    let session = held.with_value(|h| h.as_ref().map(|s| s.target.clone())).filter(|t| t.sign_in == SignIn::Session);
                    if let Some(target) = session {
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
            Ok(state.sync.active.get_untracked())
        }
    })
}

fn sign_in_choices() -> Vec<Choice> {
    let help = |sign_in: SignIn| {
        match sign_in {
        SignIn::Password => t("Kept on this device (sealed when your data is protected) and sent with every request."),
        SignIn::Session => t("Accord signs in once with your password and keeps only the session the server gives this browser (a cookie); when it ends, sign in here again. The server must allow credentials from this app's address (CORS)."),
    }
    };
    SignIn::ALL.iter().map(|&s| Choice { value: s.as_str().into(), label: t(s.label()).into(), help: help(s).into() }).collect()
}

fn scope_choices() -> Vec<Choice> {
    let help = |scope: ScopeKind| match scope {
        ScopeKind::Everything => t("Every engagement and all that belongs to it, your templates and the supervision log."),
        ScopeKind::Chosen => t("Only the engagements ticked below, with their contracts, goals and sessions."),
    };
    ScopeKind::ALL.iter().map(|&s| Choice { value: s.as_str().into(), label: t(s.label()).into(), help: help(s).into() }).collect()
}

/// The form, filled from the saved settings (`None`: sync is not set up on this device).
#[component]
fn SyncForm(initial: Option<SyncSettings>, on_change: Callback<()>) -> impl IntoView {
    let state = AppState::expect();
    let notices = Notices::expect();
    let runner = state.sync;
    let protection = state.store.protection();
    let organisation = StoredValue::new_local(Organisation::get().config().clone());
    let is_set_up = initial.is_some();
    let fields = organisation.with_value(|o| SyncFields::new(initial.as_ref(), protection, o));
    let held = StoredValue::new_local(initial);
    // Whether this device already holds the shared key for `target`'s database.
    let holds_key = move |target: &SyncTarget| held.with_value(|h| h.as_ref().is_some_and(|s| s.key_for(target).is_some()));
    let errors = RwSignal::new(FieldErrors::new());
    let tested = RwSignal::new(None::<Tested>);
    let checked = move || organisation.with_value(|o| fields.checked(o, holds_key, errors));

    let check = connection_check(&state, fields.password);
    Effect::new(move |_| {
        if let Some(outcome) = check.value().get() {
            tested.set(Some(outcome));
        }
    });
    let apply = settings_saver(&state, held, fields.password);
    Effect::new(move |_| match apply.value().get() {
        Some(Ok(on)) => {
            fields.sync_passphrase.set(String::new());
            if SignIn::parse(&fields.sign_in.get_untracked()) == Some(SignIn::Session) {
                fields.password.set(String::new());
            }
            notices.show(if on {
                t("Sync is on. Changes go both ways while Accord is open.")
            } else {
                t("Sync is off on this device. Your data here is unchanged.")
            });
            on_change.run(());
        }
        Some(Err(SaveProblem::Sync(error @ SyncError::WrongSyncPassphrase))) => {
            errors.update(|e| e.push(Field::SyncPassphrase, error.message()))
        }
        Some(Err(SaveProblem::Sync(error))) => tested.set(Some(Tested::Failed(error))),
        _ => {}
    });

    let on_test = move |_| {
        tested.set(None);
        if let Some(target) = checked() {
            check.dispatch((target, false));
        }
    };
    let on_create = Callback::new(move |_| {
        if let Some(target) = checked() {
            check.dispatch((target, true));
        }
    });
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        tested.set(None);
        if let Some(target) = checked() {
            apply.dispatch((Some(target), fields.sync_passphrase.get_untracked()));
        }
    };
    let end_to_end_help = if protection == Protection::Off {
        t("Turn on passphrase protection (on Your data) first: the shared key is kept sealed with it on this device.")
    } else {
        t("Records go to the server encrypted with a key your devices share through a sync passphrase: the server holds only ciphertext and what sync needs (the kind of record, ids, times, whether it is deleted, and the engagement it belongs to).")
    };
    let passphrase_help = move || {
        let target =
            SyncTarget::try_from(SyncTargetForm { end_to_end: true, scope: String::new(), sign_in: String::new(), ..fields.typed() });
        if target.is_ok_and(|target| holds_key(&target)) {
            t("This device already has the key for this database. Leave this empty to keep it.")
        } else {
            t("The same on every device that syncs this database: the first device sets it, the others enter it. It never goes to the server and cannot be recovered, so keep it safe.")
        }
    };
    let password_help = move || {
        if SignIn::parse(&fields.sign_in.get()) == Some(SignIn::Session) {
            t("Used once to start the session, never kept. Leave it empty while this browser is still signed in.")
        } else {
            t("Kept on this device only, to sign in to the server. Never part of a backup.")
        }
    };

    view! {
        {is_set_up.then(|| view! { <SyncStatusLine /> })}
        <form class="form" on:submit=on_submit novalidate=true>
            <ErrorSummary errors=errors />
            <TextField field=Field::SyncServer label=t("Server address") value=fields.server_url errors=errors
                help=t("For example https://sync.example.org. Ask whoever runs the server.") required=true input_type="url" />
            <TextField field=Field::SyncDatabase label=t("Database name") value=fields.database errors=errors
                help=t("Lower-case letters, digits and _ $ ( ) + - /, starting with a letter.") required=true />
            <ChoiceField field=Field::SyncSignIn legend=t("How Accord signs in") choices=sign_in_choices() value=fields.sign_in errors=errors />
            <TextField field=Field::SyncUsername label=t("User name") value=fields.username errors=errors autocomplete="username" />
            {move || view! {
                <TextField field=Field::SyncPassword label=t("Password") value=fields.password errors=errors
                    input_type="password" autocomplete="current-password" help=password_help() />
            }}
            <ChoiceField field=Field::SyncScope legend=t("What syncs") choices=scope_choices() value=fields.scope errors=errors />
            <Show when=move || ScopeKind::parse(&fields.scope.get()) == Some(ScopeKind::Chosen)>
                <ChosenEngagements chosen=fields.chosen />
            </Show>
            <CheckboxField id="sync-exclude-private" label=t("Keep private notes on this device") checked=fields.exclude_private_notes
                help=t("The private layers of session notes never go to the server; other devices get the shared notes only.") />
            <CheckboxField id="sync-end-to-end" label=t("Encrypt end to end") checked=fields.end_to_end help=end_to_end_help
                disabled=Signal::derive(move || protection == Protection::Off) />
            <Show when=move || fields.end_to_end.get()>
                <TextField field=Field::SyncPassphrase label=t("Sync passphrase") value=fields.sync_passphrase errors=errors
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
        <TestOutcome tested=tested on_create=on_create creating=check.pending() />
        {is_set_up.then(|| view! {
            <div class="form__actions sync__device">
                <button type="button" class="button" on:click=move |_| runner.start(AppState::expect())>{t("Sync now")}</button>
                <button type="button" class="button button--danger-quiet" on:click=move |_| { apply.dispatch((None, String::new())); }>{t("Stop syncing on this device")}</button>
            </div>
            <p class="field__help">{t("Stopping keeps everything on this device and on the server; it only forgets the server's address and your sign-in here.")}</p>
        })}
    }
}

/// A tick box for each engagement, for syncing chosen engagements only.
#[component]
fn ChosenEngagements(chosen: RwSignal<BTreeSet<String>>) -> impl IntoView {
    let engagements = store_resource(|store| async move { store.list_engagements().await });
    view! {
        <fieldset class="field sync__engagements">
            <legend>{t("Engagements that sync")}</legend>
            {when_read(engagements, t("engagements"), move |read| match read {
                list if list.is_empty() => view! { <p>{t("There are no engagements yet.")}</p> }.into_any(),
                list => list.into_iter().map(|record| {
                    let id = record.id.as_str().to_string();
                    let ticked = RwSignal::new(chosen.get_untracked().contains(&id));
                    let key = id.clone();
                    Effect::new(move |_| {
                        let on = ticked.get();
                        chosen.update(|set| {
                            if on { set.insert(key.clone()); } else { set.remove(&key); }
                        });
                    });
                    view! { <CheckboxField id=format!("sync-engagement-{id}") label=crate::i18n::render(&record.data.client_shown()) checked=ticked /> }
                }).collect_view().into_any(),
            })}
        </fieldset>
    }
}

/// What the connection test found, with "Create the database" when it is missing.
#[component]
fn TestOutcome(tested: RwSignal<Option<Tested>>, on_create: Callback<()>, creating: Memo<bool>) -> impl IntoView {
    view! {
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
                                    <button type="button" class="button" on:click=move |_| on_create.run(()) disabled=move || creating.get()>{t("Create the database")}</button>
                                </p>
                            })}
                        </div>
                    }.into_any()
                }
            })}
        </div>
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
