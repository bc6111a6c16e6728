//! Passphrase protection on screen: [`UnlockPage`] (asked for at start while the data is
//! protected) and [`ProtectionPanel`] on "Your data" (turn it on, change the passphrase,
//! turn it off, lock now). The commands are the store's; the rules for a new passphrase
//! are [`check_new_passphrase`].

use crate::i18n::{plural, t};
use crate::msg;
use crate::tr;
use leptos::prelude::*;

use crate::domain::vault::check_new_passphrase;
use crate::domain::{Field, FieldErrors};
use crate::platform::crypto;
use crate::store::{Protection, StoreError};
use crate::ui::components::{ErrorSummary, Notices, PageHeader, TextField};
use crate::ui::AppState;

/// Lets the key derivation start only after the browser has painted "Unlocking…".
async fn let_the_page_paint() {
    gloo_timers::future::TimeoutFuture::new(30).await;
}

/// The one shape of unlocking and every protection change: show the input's `problems` (and stop if
/// there are any), let the page paint its busy state, run the store `command`, and put
/// its error on `field` (a wrong passphrase on the passphrase field). `Some` on success.
async fn checked<T>(
    errors: RwSignal<FieldErrors>,
    problems: FieldErrors,
    field: Field,
    command: impl std::future::Future<Output = Result<T, StoreError>>,
) -> Option<T> {
    let stop = !problems.is_empty();
    errors.set(problems);
    if stop {
        return None;
    }
    let_the_page_paint().await;
    command.await.map_err(|error| errors.update(|e| e.push(field, error.user_message()))).ok()
}

/// A new passphrase, typed twice (the one pattern for choosing a passphrase).
#[component]
pub fn NewPassphraseFields(
    fields: (Field, Field),
    labels: (&'static str, &'static str),
    help: &'static str,
    passphrase: RwSignal<String>,
    again: RwSignal<String>,
    errors: RwSignal<FieldErrors>,
) -> impl IntoView {
    view! {
        <TextField field=fields.0 label=labels.0 value=passphrase errors=errors
            required=true input_type="password" autocomplete="new-password" help=help />
        <TextField field=fields.1 label=labels.1 value=again errors=errors
            required=true input_type="password" autocomplete="new-password" />
    }
}

/// Asks for the passphrase before anything is read. `on_unlocked` runs once it opened.
#[component]
pub fn UnlockPage(on_unlocked: Callback<()>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let unlock = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let typed = passphrase.get_untracked();
        async move {
            let mut problems = FieldErrors::new();
            if typed.is_empty() {
                problems.push(Field::Passphrase, msg!("Enter your passphrase."));
            }
            if checked(errors, problems, Field::Passphrase, state.store.unlock(&typed)).await.is_some() {
                passphrase.set(String::new());
                on_unlocked.run(());
            }
        }
    });
    view! {
        <PageHeader title=t("Enter your passphrase") lead=t("Your data in this browser is encrypted. Enter your passphrase to open it.") />
        <form class="form panel" on:submit=move |ev| { ev.prevent_default(); unlock.dispatch(()); }>
            <ErrorSummary errors=errors />
            <TextField field=Field::Passphrase label=t("Passphrase") value=passphrase errors=errors
                required=true input_type="password" autocomplete="current-password" />
            <p class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || unlock.pending().get()>
                    {move || if unlock.pending().get() { t("Unlocking…") } else { t("Unlock") }}
                </button>
            </p>
        </form>
        <section class="panel" aria-labelledby="forgotten-title">
            <h2 id="forgotten-title">{t("If you have forgotten it")}</h2>
            <p>{t("Nobody can open the data without the passphrase: not Accord, not the people who host it. \
                If you have a backup file, you can clear this site's data in the browser's settings and restore the backup on the \"Your data\" page.")}</p>
        </section>
    }
}

/// Turning passphrase protection on and off, changing the passphrase, locking.
#[component]
pub fn ProtectionPanel() -> impl IntoView {
    let state = AppState::expect();
    let protection = RwSignal::new(state.store.protection());
    view! {
        <section class="panel" aria-labelledby="protection-title">
            <h2 id="protection-title">{t("Passphrase protection")}</h2>
            {move || match protection.get() {
                _ if !crypto::available() => view! {
                    <p>{t("Passphrase protection needs a secure address (https, or this computer's own address), \
                        because only there does the browser offer encryption. Ask whoever hosts Accord to serve it over https.")}</p>
                }.into_any(),
                Protection::Off => view! { <TurnOn protection=protection /> }.into_any(),
                _ => view! { <WhileProtected protection=protection /> }.into_any(),
            }}
        </section>
    }
}

#[component]
fn TurnOn(protection: RwSignal<Protection>) -> impl IntoView {
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let protect = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let notices = Notices::expect();
        let (typed, repeated) = (passphrase.get_untracked(), again.get_untracked());
        async move {
            let problems = check_new_passphrase(&typed, &repeated, (Field::NewPassphrase, Field::NewPassphraseAgain));
            if let Some(sealed) = checked(errors, problems, Field::NewPassphrase, state.store.protect(&typed)).await {
                state.protection_changed();
                protection.set(Protection::Unlocked);
                notices.show(tr!(
                    "Your data is now encrypted with your passphrase ({records}). Accord will ask for it each time it opens.",
                    records = plural(sealed, "1 record", "{n} records")
                ));
            }
        }
    });
    view! {
        <p><strong>{t("Off.")}</strong>{t(" Your records are kept in this browser as they are: anyone who can use this browser profile, \
            or copy its files, can read them.")}</p>
        <p>{t("With a passphrase, every record is encrypted before it is stored (AES-256-GCM, with a key made from your passphrase \
            by Argon2id), and Accord asks for the passphrase each time it opens.")}</p>
        <div class="notice" role="note">
            <p>{t("If you forget the passphrase, nobody can recover your data. Download a backup first, and keep the passphrase somewhere safe.")}</p>
        </div>
        <form class="form" on:submit=move |ev| { ev.prevent_default(); protect.dispatch(()); }>
            <ErrorSummary errors=errors />
            <NewPassphraseFields fields=(Field::NewPassphrase, Field::NewPassphraseAgain) labels=(t("New passphrase"), t("The same passphrase again"))
                help=t("At least 10 characters. A few unrelated words work well.") passphrase=passphrase again=again errors=errors />
            <p class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || protect.pending().get()>
                    {move || if protect.pending().get() { t("Encrypting your data…") } else { t("Protect my data") }}
                </button>
            </p>
        </form>
    }
}

#[component]
fn WhileProtected(protection: RwSignal<Protection>) -> impl IntoView {
    let current = RwSignal::new(String::new());
    let new = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let change_errors = RwSignal::new(FieldErrors::new());
    let off_passphrase = RwSignal::new(String::new());
    let off_errors = RwSignal::new(FieldErrors::new());
    let change = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let notices = Notices::expect();
        let (old, typed, repeated) = (current.get_untracked(), new.get_untracked(), again.get_untracked());
        async move {
            let mut problems = check_new_passphrase(&typed, &repeated, (Field::NewPassphrase, Field::NewPassphraseAgain));
            if old.is_empty() {
                problems.push(Field::Passphrase, msg!("Enter your current passphrase."));
            }
            if checked(change_errors, problems, Field::Passphrase, state.store.change_passphrase(&old, &typed)).await.is_some() {
                state.protection_changed();
                for field in [current, new, again] {
                    field.set(String::new());
                }
                notices.show(t("Your passphrase is changed. Use the new one from now on."));
            }
        }
    });
    let turn_off = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let notices = Notices::expect();
        let typed = off_passphrase.get_untracked();
        async move {
            let mut problems = FieldErrors::new();
            if typed.is_empty() {
                problems.push(Field::OffPassphrase, msg!("Enter your passphrase to turn protection off."));
            }
            if checked(off_errors, problems, Field::OffPassphrase, state.store.unprotect(&typed)).await.is_some() {
                state.protection_changed();
                protection.set(Protection::Off);
                notices.show(t("Protection is off: your records are stored unencrypted in this browser again."));
            }
        }
    });
    let lock = move |_| {
        AppState::expect().store.lock();
        let _ = window().location().reload();
    };
    view! {
        <p><strong>{t("On.")}</strong>{t(" Every record is encrypted in this browser (AES-256-GCM, with a key made from your passphrase by Argon2id). \
            Accord asks for the passphrase each time it opens.")}</p>
        <p class="panel__action">
            <button type="button" class="button" on:click=lock>{t("Lock now")}</button>
        </p>
        <details class="disclosure">
            <summary>{t("Change the passphrase")}</summary>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); change.dispatch(()); }>
                <ErrorSummary errors=change_errors />
                <TextField field=Field::Passphrase label=t("Current passphrase") value=current errors=change_errors
                    required=true input_type="password" autocomplete="current-password" />
                <NewPassphraseFields fields=(Field::NewPassphrase, Field::NewPassphraseAgain) labels=(t("New passphrase"), t("The new passphrase again"))
                    help=t("At least 10 characters.") passphrase=new again=again errors=change_errors />
                <p class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || change.pending().get()>
                        {move || if change.pending().get() { t("Changing…") } else { t("Change the passphrase") }}
                    </button>
                </p>
            </form>
        </details>
        <details class="disclosure">
            <summary>{t("Turn protection off")}</summary>
            <form class="form" on:submit=move |ev| { ev.prevent_default(); turn_off.dispatch(()); }>
                <ErrorSummary errors=off_errors />
                <TextField field=Field::OffPassphrase label=t("Your passphrase") value=off_passphrase errors=off_errors
                    required=true input_type="password" autocomplete="current-password"
                    help=t("Your records will be stored unencrypted in this browser again.") />
                <p class="form__actions">
                    <button type="submit" class="button" disabled=move || turn_off.pending().get()>
                        {move || if turn_off.pending().get() { t("Turning off…") } else { t("Turn protection off") }}
                    </button>
                </p>
            </form>
        </details>
    }
}
