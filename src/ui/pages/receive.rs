//! [`ReceivePage`]: a link someone sent (an update, a contract proposal or an agreement;
//! format in `domain::share_link`). The link is removed from the address bar at once and
//! opened on this device only (with the passphrase, for a link locked with one); the page
//! shows what it holds and whose signatures it carries, then applies it exactly as the
//! file would be: an update through `ui::update_open`, a proposal through
//! `ui::proposal_open`, an agreement through `Store::import_agreement`.

use leptos::prelude::*;

use crate::domain::message::Message;
use crate::domain::share_link::{Carried, LinkError, LinkPayload, Lock};
use crate::domain::signed_file::{SignedFile, Verdict};
use crate::domain::{Field, FieldErrors};
use crate::i18n::{render, t};
use crate::platform::{location, share};
use crate::store::StoreError;
use crate::ui::actions::store_resource;
use crate::ui::agreement_add::AddAgreement;
use crate::ui::components::{ErrorNotice, ErrorSummary, PageHeader, TextField};
use crate::ui::proposal_open::OpenProposal;
use crate::ui::signature_list::SignatureList;
use crate::ui::update_open::OpenUpdate;

/// What the link turned out to hold, or why it did not open.
#[derive(Clone)]
enum Opened {
    /// Nothing: already opened (a reload) or no link at all.
    Nothing,
    /// Locked with a passphrase, waiting for it.
    Locked(LinkPayload),
    Refused(Message),
    Holds(String, Carried),
}

impl Opened {
    fn of(text: Result<String, LinkError>) -> Opened {
        match text {
            Err(error) => Opened::Refused(error.message()),
            Ok(text) => match Carried::read(&text) {
                Ok(carried) => Opened::Holds(text, carried),
                Err(refused) => Opened::Refused(refused),
            },
        }
    }
}

/// A link someone sent (`rest`: what followed `/receive/`).
#[component]
pub fn ReceivePage(rest: String) -> impl IntoView {
    location::replace_fragment("/receive");
    let opened = RwSignal::new(None::<Opened>);
    match LinkPayload::parse(&rest) {
        None => opened.set(Some(Opened::Nothing)),
        Some(Err(error)) => opened.set(Some(Opened::Refused(error.message()))),
        Some(Ok(payload)) if matches!(payload.lock, Lock::Passphrase { .. }) => opened.set(Some(Opened::Locked(payload))),
        Some(Ok(payload)) => leptos::task::spawn_local(async move {
            opened.set(Some(Opened::of(share::open(&payload, None).await)));
        }),
    }
    view! {
        <PageHeader title=t("Open a link")
            lead=t("Someone sent you something from their copy of Accord as a link: an update, a contract proposal or an agreement. It is read on this device only and removed from the address bar; see what it holds and who signed it, then take it in.") />
        <section class="panel" aria-labelledby="link-title">
            <h2 id="link-title">{t("What the link holds")}</h2>
            {move || match opened.get() {
                None => view! { <p>{t("Opening the link…")}</p> }.into_any(),
                Some(Opened::Nothing) => view! { <p>{t("There is no link to open here. A link opens once: reloading the page does not open it again, so open the link from the message once more.")}</p> }.into_any(),
                Some(Opened::Locked(payload)) => view! { <Passphrase payload=payload opened=opened /> }.into_any(),
                Some(Opened::Refused(message)) => view! { <div class="notice notice--error" role="alert"><p>{render(&message)}</p></div> }.into_any(),
                Some(Opened::Holds(text, Carried::Update(_))) => view! { <OpenUpdate arrived=text /> }.into_any(),
                // Opening the proposal is kept outside the signatures, which are read again
                // when data changes: the question of who the person is must stay on screen.
                Some(Opened::Holds(text, Carried::Proposal(file))) => view! {
                    <Signatures text=text />
                    <OpenProposal arrived=*file />
                }.into_any(),
                Some(Opened::Holds(text, Carried::Agreement(file))) => view! {
                    <Signatures text=text then=Box::new(move |verdicts: &[Verdict]| {
                        let change = verdicts.first().and_then(|v| v.key_change(&file.agreement.typed_name));
                        view! { <AddAgreement file=(*file).clone() change=change /> }.into_any()
                    }) />
                }.into_any(),
            }}
        </section>
    }
}

/// The passphrase for a locked link; a wrong one is said at the field, nothing changes.
#[component]
fn Passphrase(payload: LinkPayload, opened: RwSignal<Option<Opened>>) -> impl IntoView {
    let typed = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let open = Action::new_local(move |passphrase: &String| {
        let (payload, passphrase) = (payload.clone(), passphrase.clone());
        async move {
            // Let "Opening…" paint before the key is derived (about a second).
            gloo_timers::future::TimeoutFuture::new(30).await;
            match share::open(&payload, Some(&passphrase)).await {
                Err(LinkError::WrongPassphrase) => errors.set(problem(LinkError::WrongPassphrase.message())),
                other => {
                    typed.set(String::new());
                    opened.set(Some(Opened::of(other)));
                }
            }
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let passphrase = typed.get_untracked();
        if passphrase.is_empty() {
            errors.set(problem(crate::msg!("Enter the passphrase the link was locked with.")));
            return;
        }
        errors.set(FieldErrors::new());
        open.dispatch(passphrase);
    };
    view! {
        <p>{t("This link is locked with a passphrase. The person who sent it tells you the passphrase another way, such as in person or by phone.")}</p>
        <form class="form" novalidate on:submit=submit>
            <ErrorSummary errors=errors />
            <TextField field=Field::OpenLinkPassphrase label=t("The link's passphrase") value=typed errors=errors
                required=true input_type="password" autocomplete="off" />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || open.pending().get()>
                    {move || if open.pending().get() { t("Opening the link…") } else { t("Open the link") }}
                </button>
            </div>
        </form>
    }
}

/// `message` as the passphrase field's problem.
fn problem(message: Message) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.push(Field::OpenLinkPassphrase, message);
    errors
}

/// What is shown below the signatures for taking the file in, given their verdicts.
type Then = Box<dyn Fn(&[Verdict]) -> AnyView + Send + Sync>;

/// Whose signatures the link's proposal or agreement carries, and whether they hold; then
/// what `then` shows for taking it in, given those verdicts (kept inside only when it has
/// no state to lose: the signatures are read again when data changes).
#[component]
fn Signatures(text: String, #[prop(optional)] then: Option<Then>) -> impl IntoView {
    let checked = store_resource(move |store| {
        let text = text.clone();
        async move {
            let file = SignedFile::read(&text).map_err(StoreError::Refused)?;
            let verdicts: Vec<Verdict> = store.check_file(&file).await?;
            Ok((file, verdicts))
        }
    });
    move || {
        checked.get().map(|checked| match checked {
            Ok((file, verdicts)) => {
                view! { <SignatureList file=file verdicts=verdicts.clone() /> {then.as_ref().map(|then| then(&verdicts))} }.into_any()
            }
            Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
        })
    }
}
