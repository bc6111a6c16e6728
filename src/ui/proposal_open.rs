//! Opening a contract proposal someone sent, as a file or in a link: [`OpenProposal`]. When
//! its engagement is on this device the proposal opens at once (`Store::import_proposal`,
//! which checks each agreement's signature); when the engagement is new here, the person
//! first says which of its people they are ([`WhoAreYou`]). Either way the contract screen
//! opens on the proposed version.

use leptos::prelude::*;

use crate::domain::contract::exchange::{self, ProposalFile};
use crate::domain::contract::{Contract, Party};
use crate::domain::perspective;
use crate::domain::{FieldErrors, Record};
use crate::i18n::t;
use crate::platform::location;
use crate::store::StoreError;
use crate::tr;
use crate::ui::actions::{store_action, Said};
use crate::ui::components::{chosen_text, ActionError, ChosenFile, ErrorSummary};
use crate::ui::perspective::{chosen_party, MyPartField};
use crate::ui::route::Route;

/// Where a proposal comes from.
#[derive(Clone)]
enum Source {
    File(ChosenFile),
    Link(Box<ProposalFile>),
}

/// What opening a proposal found.
#[derive(Clone)]
enum Opening {
    /// Opened: the engagement was already on this device.
    Opened(Box<Record<Contract>>),
    /// The engagement is new here: the person says who they are in it first.
    WhoAreYou { file: Box<ProposalFile>, guess: Party },
}

/// Choose a proposal file (or take the one a link brought, `arrived`) and open it.
#[component]
pub fn OpenProposal(#[prop(optional)] arrived: Option<ProposalFile>) -> impl IntoView {
    let asking = RwSignal::new(None::<(Box<ProposalFile>, Party)>);
    let opened = |record: Record<Contract>| -> Said {
        location::set_fragment(&Route::Contract(record.data.engagement_id).fragment());
        tr!("Opened version {version} of the contract. Read it, then agree.", version = record.data.version).into()
    };
    let read = store_action(
        |store, input: Source| async move {
            let file = match input {
                Source::File(input) => {
                    let Some(text) = chosen_text(&input).await? else { return Ok(None) };
                    exchange::read_proposal(&text).map_err(StoreError::from)?
                }
                Source::Link(file) => *file,
            };
            if store.get_engagement(&file.engagement.id).await?.is_some() {
                return store.import_proposal(file, None).await.map(|record| Some(Opening::Opened(Box::new(record))));
            }
            let names = perspective::my_names(&store.list_engagements().await?, &store.perspectives().await?);
            let guess = perspective::Arrival::guess(&file.engagement.data, &names);
            Ok(Some(Opening::WhoAreYou { file: Box::new(file), guess }))
        },
        move |opening| match opening {
            None => Said::Nothing,
            Some(Opening::Opened(record)) => opened(*record),
            Some(Opening::WhoAreYou { file, guess }) => {
                asking.set(Some((file, guess)));
                Said::Nothing
            }
        },
    );
    let open = store_action(
        |store, (file, me): (Box<ProposalFile>, Party)| async move { store.import_proposal(*file, Some(me)).await },
        move |record| {
            asking.set(None);
            opened(record)
        },
    );
    view! {
        <ActionError action=read />
        <ActionError action=open />
        {move || match (asking.get(), arrived.clone()) {
            (None, None) => view! {
                <div class="panel">
                    <label class="button button--primary file-button">
                        {t("Choose a proposal file")}
                        <input type="file" accept=".json,application/json" class="visually-hidden" id="proposal-file"
                            on:change=move |ev| {
                                let input: web_sys::HtmlInputElement = event_target(&ev);
                                read.dispatch(Source::File(ChosenFile::new(input)));
                            } />
                    </label>
                    <p class="field__help">{t("The file stays on this device: it is read here and never sent anywhere.")}</p>
                </div>
            }.into_any(),
            (None, Some(file)) => view! {
                <p class="panel__action">
                    <button type="button" class="button button--primary" disabled=move || read.pending().get()
                        on:click=move |_| { read.dispatch(Source::Link(Box::new(file.clone()))); }>{t("Open the proposal")}</button>
                </p>
            }.into_any(),
            (Some((file, guess)), arrived) => {
                let again = if arrived.is_some() { t("Not now") } else { t("Choose another file") };
                view! { <WhoAreYou file=file guess=guess open=open again=again cancel=move || asking.set(None) /> }.into_any()
            }
        }}
    }
}

/// "Which of these people are you?" before a proposal for a new engagement opens.
#[component]
fn WhoAreYou(
    file: Box<ProposalFile>,
    guess: Party,
    open: Action<(Box<ProposalFile>, Party), Option<StoreError>>,
    /// The button that steps back: "Choose another file", or "Not now" for a link.
    again: &'static str,
    cancel: impl Fn() + Clone + Send + Sync + 'static,
) -> impl IntoView {
    let engagement = file.engagement.data.clone();
    let value = RwSignal::new(guess.as_str().to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let heading = tr!(
        "{kind} with {client} and {practitioner}",
        kind = t(engagement.kind.label()),
        client = engagement.client.as_str(),
        practitioner = engagement.practitioner.as_str()
    );
    let on_submit = {
        let engagement = engagement.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(me) = chosen_party(&engagement, &value.get_untracked(), errors) {
                open.dispatch((file.clone(), me));
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="arrival-title">
            <h2 id="arrival-title">{heading}</h2>
            <p>{t("This engagement is new on this device. Say who you are in it, then open the proposal.")}</p>
            <form class="form" novalidate on:submit=on_submit>
                <ErrorSummary errors=errors />
                <MyPartField engagement=engagement value=value errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || open.pending().get()>{t("Open the proposal")}</button>
                    <button type="button" class="button" on:click=move |_| cancel()>{again}</button>
                </div>
            </form>
        </section>
    }
}
