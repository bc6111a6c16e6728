//! [`SharePanel`]: a file sent as a link instead (an update, a proposal, an agreement;
//! format and limits in `domain::share_link`, sealed by `platform::share`). The panel makes
//! the link from the file's text, with its key in the link, or locked with a passphrase
//! the person chooses and tells the other person another way. It shows the link to select,
//! "Copy link", "Share" where the browser has a share sheet, and its QR code for a phone's
//! camera when it fits in one. A link too long for e-mail is not offered; the panel says so
//! and the file stays the way to send it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::share_link::{self, QrDrawing};
use crate::domain::vault::check_new_passphrase;
use crate::domain::{Field, FieldErrors};
use crate::i18n::{render, t};
use crate::platform::share::{self, SealWith};
use crate::tr;
use crate::ui::components::{CheckboxField, ErrorSummary};
use crate::ui::notices::Notices;
use crate::ui::protection::NewPassphraseFields;

/// A link made (and whether it is locked with a passphrase), or why it could not be.
type Made = Result<(String, bool), String>;

/// A file to send as a link: its text (compact JSON) and the link made from it, kept
/// while the screen around the panel is drawn again (so the link does not change under
/// the person's eyes).
#[derive(Clone)]
pub struct LinkToSend {
    text: String,
    made: ArcRwSignal<Option<Made>>,
}

impl LinkToSend {
    pub fn new(text: String) -> Self {
        Self { text, made: ArcRwSignal::new(None) }
    }
}

/// The link carrying `link`'s file for `name`, with its ways to send it. `id` tells this
/// panel's controls from another's on the same screen; `title` names what the link holds
/// for a share sheet ("Accord: an update for Sam Lee").
#[component]
pub fn SharePanel(link: LinkToSend, name: String, id: String, title: String) -> impl IntoView {
    let LinkToSend { text, made } = link;
    let notices = Notices::expect();
    let lock = RwSignal::new(false);
    let passphrase = RwSignal::new(String::new());
    let again = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let make = Action::new_local({
        let made = made.clone();
        move |with: &Option<String>| {
            let (text, with, made) = (text.clone(), with.clone(), made.clone());
            async move {
                let locked = with.is_some();
                let sealed = share::seal(&text, with.as_deref().map_or(SealWith::NewKey, SealWith::Passphrase)).await;
                made.set(Some(sealed.map(|payload| (share::link_to(&payload), locked))));
                if locked {
                    passphrase.set(String::new());
                    again.set(String::new());
                    notices.show(t(
                        "Made the link locked with your passphrase. Tell them the passphrase another way, not in the same message.",
                    ));
                }
            }
        }
    });
    if made.with_untracked(Option::is_none) {
        make.dispatch(None);
    }
    let lock_it = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let problems =
            check_new_passphrase(&passphrase.get_untracked(), &again.get_untracked(), (Field::LinkPassphrase, Field::LinkPassphraseAgain));
        let fine = problems.is_empty();
        errors.set(problems);
        if fine {
            make.dispatch(Some(passphrase.get_untracked()));
        }
    };
    let lock_id = format!("{id}-lock");
    let region = tr!("Link for {name}", name = name.clone());
    view! {
        <div class="share" role="region" aria-label=region>
            {move || match made.get() {
                None => view! { <p>{t("Making the link…")}</p> }.into_any(),
                Some(Err(problem)) => view! {
                    <div class="notice notice--error" role="alert"><p>{tr!("The link could not be made: {problem}", problem = problem)}</p></div>
                }.into_any(),
                Some(Ok((link, locked))) => view! {
                    <Link link=link locked=locked name=name.clone() id=id.clone() title=title.clone() />
                }.into_any(),
            }}
            <CheckboxField id=lock_id label=t("Lock the link with a passphrase instead") checked=lock
                help=t("Then the key is not in the link: it opens only with the passphrase, which you tell them another way (in person or by phone).") />
            <Show when=move || lock.get()>
                <form class="form share__lock" novalidate on:submit=lock_it>
                    <ErrorSummary errors=errors />
                    <NewPassphraseFields fields=(Field::LinkPassphrase, Field::LinkPassphraseAgain)
                        labels=(t("Passphrase for the link"), t("The link's passphrase again"))
                        help=t("At least 10 characters. Not one of your own passphrases: you will tell it to them.")
                        passphrase=passphrase again=again errors=errors />
                    <button type="submit" class="button" disabled=move || make.pending().get()>
                        {move || if make.pending().get() { t("Making the link…") } else { t("Make the locked link") }}
                    </button>
                </form>
            </Show>
        </div>
    }
}

/// A made link: the text to select, copy and share buttons, its QR code.
#[component]
fn Link(link: String, locked: bool, name: String, id: String, title: String) -> impl IntoView {
    let notices = Notices::expect();
    if let Err(too_long) = share_link::fits(link.chars().count()) {
        return view! { <div class="notice notice--warning" role="note"><p>{render(&too_long)}</p></div> }.into_any();
    }
    let copy = {
        let link = link.clone();
        move |_| {
            let link = link.clone();
            spawn_local(async move {
                match share::copy(&link).await {
                    Ok(()) => notices.show(t("Copied the link.")),
                    Err(_) => notices.show(t("The browser did not allow copying: select the link and copy it yourself.")),
                }
            });
        }
    };
    let share_sheet = {
        let link = link.clone();
        move |_| {
            let (link, title) = (link.clone(), title.clone());
            spawn_local(async move {
                if share::share(&title, &link).await.is_err() {
                    notices.show(t("The browser could not share the link: copy it instead."));
                }
            });
        }
    };
    let qr = share_link::qr(&link);
    let (input_id, help_id) = (format!("{id}-link"), format!("{id}-link-help"));
    let help = if locked {
        tr!(
            "This link opens only with the passphrase you chose: tell it to {name} another way, not in the same message.",
            name = name.clone()
        )
    } else {
        tr!("Anyone who has this link can open what it holds: send it only to {name}. What it holds stays in the part after #, which browsers never send to a web server.", name = name.clone())
    };
    view! {
        <div class="field">
            <label for=input_id.clone()>{tr!("Link for {name}", name = name.clone())}</label>
            <p class="field__help" id=help_id.clone()>{help}</p>
            <input type="text" id=input_id class="share__link" readonly prop:value=link.clone() aria-describedby=help_id
                on:focus=move |ev| { let input: web_sys::HtmlInputElement = event_target(&ev); input.select(); } />
        </div>
        <p class="panel__action">
            <button type="button" class="button button--primary" on:click=copy>{t("Copy link")}</button>
            {share::can_share().then(|| view! { " " <button type="button" class="button" on:click=share_sheet>{t("Share")}</button> })}
        </p>
        {match qr {
            Some(drawing) => view! { <QrCode drawing=drawing name=name.clone() /> }.into_any(),
            None => view! { <p class="field__help">{t("This link is too long for a QR code: copy it or share it instead.")}</p> }.into_any(),
        }}
    }
    .into_any()
}

/// A QR code drawn as SVG, dark modules on a light square, for in-person sessions.
#[component]
fn QrCode(drawing: QrDrawing, name: String) -> impl IntoView {
    let view_box = format!("0 0 {size} {size}", size = drawing.size);
    view! {
        <figure class="share__qr">
            <svg class="qr" viewBox=view_box role="img" aria-label=tr!("QR code of the link for {name}", name = name.clone())
                shape-rendering="crispEdges">
                <rect width="100%" height="100%" fill="#ffffff" />
                <path d=drawing.path fill="#000000" />
            </svg>
            <figcaption class="field__help">{tr!("{name} can open the link by pointing a phone's camera at this code.", name = name)}</figcaption>
        </figure>
    }
}
