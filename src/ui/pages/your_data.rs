//! [`YourDataPage`]: where the data lives (this browser, this device), whether the
//! browser has agreed to keep it, how much space it uses, passphrase protection, a backup
//! download (optionally encrypted), restore or merge from a file (encrypted ones after
//! their passphrase), and what could remove it.

use crate::i18n::{plural, render, t, DateText};
use crate::msg;
use crate::tr;
use leptos::prelude::*;

use std::collections::BTreeMap;

use crate::domain::backup::{check_size, Backup, BackupData, Scope};
use crate::domain::erasure::{self, LogRow};
use crate::domain::import::{resolve, Choice, ImportPlan, Outcome, RecordKind};
use crate::domain::perspective::{self, Arrival, Perspective};
use crate::domain::vault::{check_new_passphrase, EncryptedBackup, VaultError};
use crate::domain::{Field, FieldErrors, Record, RecordId};
use crate::platform::persistence::{self, StorageStatus};
use crate::platform::{clock, crypto, files};
use crate::store::{Protection, StoreError};
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::backup::download_backup;
use crate::ui::components::{
    when_read, ActionError, CheckboxField, ChosenFile, ErrorNotice, ErrorSummary, FileField, KeepOrTake, PageHeader, TextField,
};
use crate::ui::format;
use crate::ui::notices::Notices;
use crate::ui::perspective::{chosen_party, MyPartField};
use crate::ui::protection::{NewPassphraseFields, ProtectionPanel};
use crate::ui::AppState;

#[component]
pub fn YourDataPage() -> impl IntoView {
    let state = AppState::expect();
    let status = LocalResource::new(move || {
        state.track_changes();
        persistence::status()
    });
    let ask = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        async move {
            let granted = persistence::request().await;
            state.data_changed();
            granted
        }
    });
    view! {
        <PageHeader title=t("Your data") lead=t("Everything you enter in Accord stays in this browser, on this device. \
            There is no server and no account: nothing is sent anywhere.") />
        <section class="panel" aria-labelledby="storage-title">
            <h2 id="storage-title">{t("Storage on this device")}</h2>
            {move || match status.get() {
                None => view! { <p class="loading" role="status">{t("Checking storage…")}</p> }.into_any(),
                Some(status) => view! { <StorageFacts status=status /> }.into_any(),
            }}
            {move || (status.get().and_then(|s| s.persisted) == Some(false)).then(|| view! {
                <p class="panel__action">
                    <button type="button" class="button" on:click=move |_| { ask.dispatch(()); }>
                        {t("Ask the browser to keep my data")}
                    </button>
                </p>
                {move || (ask.value().get().flatten() == Some(false)).then(|| view! {
                    <p class="notice" role="status">
                        {t("The browser did not agree yet. Browsers grant this more readily to sites you visit often \
                        or install as an app; Accord will ask again after you save.")}
                    </p>
                })}
            })}
        </section>
        <ProtectionPanel />
        <BackupPanel />
        <ImportPanel />
        <DataLogPanel />
        <section class="panel" aria-labelledby="risks-title">
            <h2 id="risks-title">{t("What could remove it")}</h2>
            <ul class="prose-list">
                <li>{t("Clearing this site's data, cookies or browsing history in the browser's settings.")}</li>
                <li>{t("Using a private or incognito window: its data is deleted when the window closes.")}</li>
                <li>{t("Resetting the browser or this device.")}</li>
            </ul>
            <p>{t("Each browser and each device keeps its own, separate copy.")}</p>
        </section>
    }
}

/// The disposal and erasure log: what was done, when, to which engagement (its id), never
/// the content; a damaged entry is shown as such. Downloadable as CSV.
#[component]
fn DataLogPanel() -> impl IntoView {
    let rows = store_resource(|store| async move { store.data_log().await });
    view! {
        <section class="panel" aria-labelledby="data-log-title">
            <h2 id="data-log-title">{t("Disposal and erasure log")}</h2>
            <p>{t("A record of every disposal at the end of a retention period and every erasure, to show a client or a regulator. It names the engagement by its id and never holds what was removed.")}</p>
            {when_read(rows, t("the disposal and erasure log"), |rows| {
                if rows.is_empty() {
                    return view! { <p>{t("Nothing has been disposed of or erased yet.")}</p> }.into_any();
                }
                let damaged = rows.iter().filter(|r| matches!(r, LogRow::Damaged { .. })).count();
                let text = erasure::log_csv(&rows);
                let notices = Notices::expect();
                let download = move |_| {
                    let name = files::file_name_with(&["disposal-and-erasure-log", &clock::today().to_string()], "csv");
                    match files::download(&name, "text/csv;charset=utf-8", &text) {
                        Ok(()) => notices.show(tr!("Saved {name}.", name = name)),
                        Err(_) => notices.show(t("The log could not be downloaded. Nothing was changed.")),
                    }
                };
                view! {
                    {(damaged > 0).then(|| view! {
                        <div class="notice notice--error" role="alert"><p>{tr!("{entries} of the log could not be read. They are listed at the end and in the download, so nothing is hidden.", entries = plural(damaged, "1 entry", "{n} entries"))}</p></div>
                    })}
                    <div class="table-wrap" tabindex="0" role="region" aria-label=t("Disposal and erasure log table")>
                        <table class="table">
                            <caption class="visually-hidden">{t("Disposal and erasure log")}</caption>
                            <thead><tr>
                                <th scope="col">{t("When")}</th><th scope="col">{t("What")}</th><th scope="col">{t("Engagement")}</th>
                                <th scope="col">{t("Records")}</th><th scope="col">{t("Retention ended")}</th>
                            </tr></thead>
                            <tbody>{rows.into_iter().map(|row| match row {
                                LogRow::Entry(e) => view! {
                                    <tr>
                                        <td>{format::date_time(e.at)}</td>
                                        <td>{t(e.action.label())}</td>
                                        <td>{tr!("{kind}, id {id}", kind = t(e.kind.label()), id = e.engagement_id.to_string())}</td>
                                        <td>{e.records}</td>
                                        <td>{e.due_on.map(|d| d.local()).unwrap_or_default()}</td>
                                    </tr>
                                }.into_any(),
                                LogRow::Damaged { key, problem } => view! {
                                    <tr class="table__damaged">
                                        <td>"—"</td>
                                        <td colspan="4">{tr!("Damaged entry {key}: {problem}", key = key, problem = problem)}</td>
                                    </tr>
                                }.into_any(),
                            }).collect_view()}</tbody>
                        </table>
                    </div>
                    <p class="panel__action"><button type="button" class="button" on:click=download>{t("Download the log (CSV)")}</button></p>
                }.into_any()
            })}
        </section>
    }
}

/// Downloading a backup of everything.
#[component]
fn BackupPanel() -> impl IntoView {
    let state = AppState::expect();
    // Encrypted by default while the data itself is protected.
    let encrypt = RwSignal::new(state.store.protection() != Protection::Off);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let download = Action::new_local(move |file_passphrase: &Option<String>| {
        let state = AppState::expect();
        let file_passphrase = file_passphrase.clone();
        async move { download_backup(&state, None, file_passphrase.as_deref()).await }
    });
    let start_download = move |_| {
        if !encrypt.get_untracked() {
            errors.set(FieldErrors::new());
            download.dispatch(None);
            return;
        }
        let problems = check_new_passphrase(
            &passphrase.get_untracked(),
            &again.get_untracked(),
            (Field::BackupPassphrase, Field::BackupPassphraseAgain),
        );
        let fine = problems.is_empty();
        errors.set(problems);
        if fine {
            download.dispatch(Some(passphrase.get_untracked()));
        }
    };
    let last = store_resource(|store| async move {
        let (last, changes) = store.changes_since_backup().await?;
        Ok(match last {
            None => t("Last backup: never.").to_string(),
            Some(at) => tr!(
                "Last backup: {when}. {changes} since.",
                when = format::date_time(at),
                changes = plural(changes, "1 change", "{n} changes")
            ),
        })
    });
    view! {
        <section class="panel" aria-labelledby="backup-title">
            <h2 id="backup-title">{t("Back up")}</h2>
            <p>
                {t("Download everything in Accord as one file: engagements, contracts with their agreements, \
                templates, goals, and sessions with all their notes. Keep it somewhere safe outside this browser, such as an encrypted drive. \
                The file is checked with a SHA-256 checksum, so a damaged copy is recognised.")}
            </p>
            {move || last.get().map(|read| match read {
                Ok(text) => view! { <p class="last-backup">{text}</p> }.into_any(),
                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
            })}
            {crypto::available().then(|| view! {
                <CheckboxField id="backup-encrypt" label=t("Encrypt the file with a passphrase") checked=encrypt
                    help=t("Anyone who gets the file then needs the passphrase to read it. You will need it to restore.") />
            })}
            <Show when=move || encrypt.get()>
                <ErrorSummary errors=errors />
                <NewPassphraseFields fields=(Field::BackupPassphrase, Field::BackupPassphraseAgain)
                    labels=(t("Passphrase for the file"), t("The file's passphrase again"))
                    help=t("At least 10 characters. It may be the same as your data's passphrase.") passphrase=passphrase again=again errors=errors />
            </Show>
            <button type="button" class="button button--primary" on:click=start_download
                disabled=move || download.pending().get()>
                {move || if download.pending().get() { t("Preparing the backup…") } else if encrypt.get() { t("Download an encrypted backup") } else { t("Download a backup") }}
            </button>
            {move || download.value().get().map(|result| match result {
                Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
            })}
        </section>
    }
}

/// A chosen file, read and compared with what is stored.
#[derive(Clone)]
struct Preview {
    backup: Backup,
    /// What the file brings, as it would be written here (a relationship file keeps this
    /// device's private layers).
    incoming: BackupData,
    local: BackupData,
    plan: ImportPlan,
}

/// Restoring from a backup, or merging a relationship file: choose a file, see what it
/// holds and what would happen, decide each conflict, then import all or nothing.
#[component]
fn ImportPanel() -> impl IntoView {
    let problem = RwSignal::new(None::<String>);
    let preview = RwSignal::new(None::<Preview>);
    let decisions = RwSignal::new(BTreeMap::<(RecordKind, RecordId), Choice>::new());
    let progress = RwSignal::new(None::<(usize, usize)>);
    // Who the person is in an engagement the file brings that is new here.
    let my_part = RwSignal::new(String::new());
    let part_errors = RwSignal::new(FieldErrors::new());
    // An encrypted file waiting for its passphrase.
    let sealed_file = RwSignal::new(None::<String>);
    let file_passphrase = RwSignal::new(String::new());
    let file_errors = RwSignal::new(FieldErrors::new());
    let read = Action::new_local(move |input: &ChosenFile| {
        let state = AppState::expect();
        let input = input.clone();
        async move {
            problem.set(None);
            preview.set(None);
            sealed_file.set(None);
            decisions.set(BTreeMap::new());
            let read = files::read_chosen_file_checked(&input, |bytes| check_size(bytes).map_err(|e| e.user_message())).await;
            // Cleared, so choosing the same file again reads it again.
            input.set_value("");
            let text = match read {
                Ok(Some(text)) => text,
                Ok(None) => return,
                Err(message) => {
                    problem.set(Some(render(&message)));
                    return;
                }
            };
            if EncryptedBackup::recognise(text.as_bytes()) {
                file_errors.set(FieldErrors::new());
                sealed_file.set(Some(text));
                return;
            }
            show_preview(&state, &text, problem, preview).await;
        }
    });
    let open_sealed = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let typed = file_passphrase.get_untracked();
        async move {
            file_errors.set(FieldErrors::new());
            let Some(text) = sealed_file.get_untracked() else { return };
            if typed.is_empty() {
                file_errors.update(|e| e.push(Field::FilePassphrase, msg!("Enter the passphrase the file was saved with.")));
                return;
            }
            gloo_timers::future::TimeoutFuture::new(30).await;
            match crypto::open_file(&typed, text.as_bytes()).await {
                Ok(bytes) => {
                    file_passphrase.set(String::new());
                    sealed_file.set(None);
                    match String::from_utf8(bytes) {
                        Ok(plain) => show_preview(&state, &plain, problem, preview).await,
                        Err(_) => problem.set(Some(t("The file opened, but what it holds is not text. It is damaged.").into())),
                    }
                }
                Err(VaultError::WrongPassphrase) => file_errors.update(|e| {
                    e.push(
                        Field::FilePassphrase,
                        msg!("That passphrase does not open this file. Check it (capital letters count) and try again."),
                    )
                }),
                Err(error) => {
                    sealed_file.set(None);
                    problem.set(Some(tr!("This encrypted backup cannot be opened. {error}", error = render(&error.message()))));
                }
            }
        }
    });
    // Writes the file's records as decided, all or nothing, counting as it goes.
    let import = store_action(
        move |store, _: ()| async move {
            let Some(p) = preview.get_untracked() else { return Ok(None) };
            let mut writes =
                resolve(&p.plan, &p.incoming, &p.local, &decisions.get_untracked(), clock::now()).map_err(StoreError::Refused)?;
            if let Some(arriving) = p.backup.arriving_engagement(&p.local) {
                let Some(me) = chosen_party(&arriving.data, &my_part.get_untracked(), part_errors) else {
                    return Err(StoreError::Refused(msg!("Say which of the people in this engagement you are, then import.")));
                };
                let id = arriving.id.clone();
                writes.perspectives.push(Record::new(id.clone(), clock::now(), Perspective::new(id, me)));
            }
            progress.set(Some((0, writes.total())));
            let written = store.import_records(writes, |done, total| progress.set(Some((done, total)))).await;
            progress.set(None);
            Ok(Some((written?, p.plan.summary())))
        },
        move |imported| {
            let Some((written, summary)) = imported else { return Said::Nothing };
            preview.set(None);
            tr!(
                "Imported the file: {records} written. {summary}",
                records = plural(written, "1 record", "{n} records"),
                summary = render(&summary)
            )
            .into()
        },
    );
    let undecided = move || {
        preview.with(|p| {
            p.as_ref().map_or(0, |p| p.plan.conflicts().filter(|c| !decisions.with(|d| d.contains_key(&(c.kind, c.id.clone())))).count())
        })
    };
    let nothing_to_do = move || {
        preview.with(|p| {
            p.as_ref().is_some_and(|p| {
                p.plan.items.iter().all(|i| {
                    matches!(i.outcome, Outcome::Unchanged | Outcome::Older)
                        || (i.outcome == Outcome::Erased && decisions.with(|d| !d.contains_key(&(i.kind, i.id.clone()))))
                })
            })
        })
    };
    let blocked = move || import.pending().get() || undecided() > 0 || nothing_to_do();
    view! {
        <section class="panel" aria-labelledby="import-title">
            <h2 id="import-title">{t("Restore or merge from a file")}</h2>
            <p>{t("Choose a backup or a relationship file. You will see what it holds and what would change before anything is written. Records are matched by their id: newer copies replace older ones, and where both copies changed you decide which to keep.")}</p>
            <FileField id="import-file" label=t("Backup or relationship file") help=t("An Accord .json file, up to 50 MB.")
                chosen=move |file| { read.dispatch(file); } />
            {move || problem.get().map(|message| view! { <div class="notice notice--error" role="alert"><p>{message}</p></div> })}
            <Show when=move || sealed_file.with(Option::is_some)>
                <form class="form import-unlock" on:submit=move |ev| { ev.prevent_default(); open_sealed.dispatch(()); }>
                    <p>{t("This backup is encrypted. Enter the passphrase it was saved with to see what it holds.")}</p>
                    <ErrorSummary errors=file_errors />
                    <TextField field=Field::FilePassphrase label=t("The file's passphrase") value=file_passphrase
                        errors=file_errors required=true input_type="password" autocomplete="off" />
                    <p class="form__actions">
                        <button type="submit" class="button button--primary" disabled=move || open_sealed.pending().get()>
                            {move || if open_sealed.pending().get() { t("Opening…") } else { t("Open the file") }}
                        </button>
                    </p>
                </form>
            </Show>
            {move || preview.get().map(|p| view! { <ImportPreview preview=p decisions=decisions /> })}
            {move || preview.get().and_then(|p| {
                let arriving = p.backup.arriving_engagement(&p.local)?.clone();
                let guess = Arrival::guess(&arriving.data, &perspective::my_names(&p.local.engagements, &p.local.perspectives));
                my_part.set(guess.as_str().to_string());
                part_errors.set(FieldErrors::new());
                Some(view! {
                    <div class="form import-arrival">
                        <p>{tr!("The engagement with {client} is new on this device.", client = arriving.data.client.as_str())}</p>
                        <MyPartField engagement=arriving.data value=my_part errors=part_errors />
                    </div>
                })
            })}
            <ActionError action=import />
            {move || progress.get().map(|(done, total)| view! {
                <p role="status" class="notice">
                    <progress max=total.to_string() value=done.to_string()></progress>
                    {tr!(" Importing: {done} of {total} records…", done = done, total = total)}
                </p>
            })}
            {move || preview.with(|p| p.is_some()).then(|| view! {
                <p class="panel__action">
                    <button type="button" class="button button--primary" disabled=blocked
                        on:click=move |_| { import.dispatch(()); }>{t("Import")}</button>
                    " "
                    <button type="button" class="button" on:click=move |_| {
                        preview.set(None);
                    }>{t("Cancel")}</button>
                    {move || nothing_to_do().then(|| {
                        let erased = preview.with(|p| p.as_ref().is_some_and(|p| !p.plan.erased.is_empty()));
                        let why = if erased {
                            t(" Nothing to import unless you bring back an erased engagement: this device has everything else in the file, or newer copies.")
                        } else {
                            t(" Nothing to import: this device already has everything in the file, or newer copies.")
                        };
                        view! { <span class="field__help">{why}</span> }
                    })}
                    {move || (undecided() > 0).then(|| view! { <span class="field__help">{format!(" Decide the {} conflict{} above first.", undecided(), if undecided() == 1 { "" } else { "s" })}</span> })}
                </p>
            })}
        </section>
    }
}

/// What a chosen file holds and what importing it would do.
#[component]
fn ImportPreview(preview: Preview, decisions: RwSignal<BTreeMap<(RecordKind, RecordId), Choice>>) -> impl IntoView {
    let backup = &preview.backup;
    let plan = &preview.plan;
    let scope = match &backup.scope {
        Scope::Everything => t("A backup of everything").to_string(),
        Scope::Engagement { client, .. } => tr!("A relationship file: the engagement with {client}", client = client),
    };
    let range = match (plan.earliest, plan.latest) {
        (Some(from), Some(to)) => tr!("{from} to {to}", from = format::date(from), to = format::date(to)),
        _ => t("No records").to_string(),
    };
    let mut engagements = plan.engagements.clone();
    engagements.sort_by_key(|name| name.to_lowercase());
    let counts: Vec<String> = backup
        .counts
        .iter()
        .filter(|(_, n)| **n > 0)
        .map(|(kind, n)| if *n == 1 { format!("1 {}", kind.trim_end_matches('s')) } else { format!("{n} {kind}") })
        .collect();
    let listed = |outcome: Outcome| plan.items.iter().filter(|i| i.outcome == outcome).cloned().collect::<Vec<_>>();
    let conflicts = listed(Outcome::Conflict);
    let updated = listed(Outcome::Updated);
    let older = listed(Outcome::Older);
    let erased_items = listed(Outcome::Erased);
    let erased = plan.erased.clone();
    view! {
        <div class="import-preview" role="region" aria-label=t("What the file holds")>
            <h3>{t("What the file holds")}</h3>
            <dl class="facts">
                <div><dt>{t("Kind")}</dt><dd>{scope}</dd></div>
                <div><dt>{t("Made")}</dt><dd>{format!("{} by Accord {}", backup.exported_at.replace('T', t(" at ")).replace('Z', t(" UTC")), backup.app_version)}</dd></div>
                <div><dt>{t("Records")}</dt><dd>{if counts.is_empty() { t("None").to_string() } else { counts.join(", ") }}</dd></div>
                <div><dt>{t("Dates")}</dt><dd>{range}</dd></div>
                <div><dt>{t("Engagements")}</dt><dd>{if engagements.is_empty() { t("None").to_string() } else { engagements.join(", ") }}</dd></div>
            </dl>
            <h3>{t("What would happen")}</h3>
            <p class="import-preview__summary">{render(&plan.summary())}</p>
            {(!conflicts.is_empty()).then(|| view! {
                <fieldset class="form__group">
                    <legend>{t("Conflicts: both copies changed")}</legend>
                    <p class="field__help">{t("Choose which copy to keep for each. Nothing is overwritten until you import.")}</p>
                    <ul class="conflicts">
                        {conflicts.into_iter().map(|item| {
                            let key = (item.kind, item.id.clone());
                            let name = format!("conflict-{}-{}", item.kind.label(), item.id);
                            let (k1, k2) = (key.clone(), key);
                            view! {
                                <li class="conflict">
                                    <p class="conflict__title">{render(&item.title)}</p>
                                    <p class="field__help">{tr!("Yours changed {mine}; the file's changed {theirs}.",
                                        mine = item.mine_updated.map_or("—".to_string(), format::date_time), theirs = format::date_time(item.theirs_updated))}</p>
                                    <KeepOrTake name=name theirs=t("Take the file's")
                                        taken=Signal::derive(move || decisions.with(|d| d.get(&k1).map(|c| *c == Choice::Theirs)))
                                        choose=Callback::new(move |theirs: bool| decisions.update(|d| { d.insert(k2.clone(), if theirs { Choice::Theirs } else { Choice::Mine }); })) />
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                </fieldset>
            })}
            {(!erased.is_empty()).then(|| view! {
                <fieldset class="form__group import-erased">
                    <legend>{t("Erased on this device")}</legend>
                    <p class="field__help">{t("This file was made before you erased these engagements, so it still holds their data. They are left out unless you tick one to bring it back.")}</p>
                    {erased.into_iter().map(|(engagement, client)| {
                        let items: Vec<(RecordKind, RecordId)> = erased_items.iter().filter(|i| i.engagement.as_ref() == Some(&engagement)).map(|i| (i.kind, i.id.clone())).collect();
                        let (first, all) = (items.first().cloned(), items.clone());
                        let id = format!("restore-erased-{engagement}");
                        view! {
                            <div class="choice">
                                <input type="checkbox" id=id.clone()
                                    prop:checked=move || first.as_ref().is_some_and(|k| decisions.with(|d| d.contains_key(k)))
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        decisions.update(|d| for key in &all {
                                            if on { d.insert(key.clone(), Choice::Theirs); } else { d.remove(key); }
                                        });
                                    } />
                                <label for=id>{tr!("Bring back the engagement with {client} ({records})", client = client, records = plural(items.len(), "1 record", "{n} records"))}</label>
                            </div>
                        }
                    }).collect_view()}
                </fieldset>
            })}
            {(!updated.is_empty()).then(|| view! {
                <details class="disclosure">
                    <summary>{tr!("Newer in the file, will replace yours ({n})", n = updated.len())}</summary>
                    <ul>{updated.into_iter().map(|i| view! { <li>{render(&i.title)}</li> }).collect_view()}</ul>
                </details>
            })}
            {(!older.is_empty()).then(|| view! {
                <details class="disclosure">
                    <summary>{tr!("Older in the file, yours are kept ({n})", n = older.len())}</summary>
                    <ul>{older.into_iter().map(|i| view! { <li>{render(&i.title)}</li> }).collect_view()}</ul>
                </details>
            })}
        </div>
    }
}

/// Reads a backup's text and compares it with what is stored, for the preview.
async fn show_preview(state: &AppState, text: &str, problem: RwSignal<Option<String>>, preview: RwSignal<Option<Preview>>) {
    let backup = match Backup::read(text) {
        Ok(backup) => backup,
        Err(error) => {
            problem.set(Some(render(&error.user_message())));
            return;
        }
    };
    match state.store.export_records().await {
        Ok(local) => {
            let incoming = backup.incoming_for(&local);
            let erased = match state.store.erased_records().await {
                Ok(erased) => erased,
                Err(error) => {
                    problem.set(Some(render(&error.user_message())));
                    return;
                }
            };
            let plan = ImportPlan::new(&incoming, &local).leaving_out_erased(&erased, &incoming);
            if let Some(refused) = &plan.refused {
                problem.set(Some(render(refused)));
                return;
            }
            if let Err(error) = state.store.check_arriving_agreements(&backup, &local).await {
                problem.set(Some(render(&error.user_message())));
                return;
            }
            preview.set(Some(Preview { backup, incoming, local, plan }));
        }
        Err(error) => problem.set(Some(render(&error.user_message()))),
    }
}

#[component]
fn StorageFacts(status: StorageStatus) -> impl IntoView {
    let kept = match status.persisted {
        Some(true) => t("Yes. The browser will not clear it to make space."),
        Some(false) => t("Not yet. If the device runs low on space, the browser may clear it."),
        None => t("This browser does not say."),
    };
    let used = match (status.usage_bytes, status.quota_bytes) {
        (Some(usage), Some(quota)) => tr!("{used} of {available} available", used = format::bytes(usage), available = format::bytes(quota)),
        _ => t("This browser does not say.").to_string(),
    };
    let database = AppState::expect();
    view! {
        <dl class="facts">
            <div><dt>{t("Kept by the browser")}</dt><dd>{kept}</dd></div>
            <div><dt>{t("Space used")}</dt><dd>{used}</dd></div>
            <div><dt>{t("Database")}</dt><dd>{tr!("“{name}”, schema version {version}", name = database.store.name(), version = database.store.schema_version())}</dd></div>
        </dl>
    }
}
