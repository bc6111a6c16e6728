//! [`SharePanel`]: a link to send instead of a file (format and limits in
//! `domain::share_link`, sealed by `platform::share`): the link itself to select, "Copy
//! link", "Share" where the browser has a share sheet, and its QR code for a phone's camera
//! when it fits in one. A link too long for e-mail is not offered; the panel says so and
//! the file stays the way to send it.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::domain::share_link::{self, QrDrawing};
use crate::i18n::{render, t};
use crate::platform::share;
use crate::tr;
use crate::ui::notices::Notices;

/// The link for `name`, with its ways to send it.
#[component]
pub fn SharePanel(link: String, name: String) -> impl IntoView {
    let notices = expect_context::<Notices>();
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
        let (link, name) = (link.clone(), name.clone());
        move |_| {
            let (link, title) = (link.clone(), tr!("Accord: an update for {name}", name = name));
            spawn_local(async move {
                if share::share(&title, &link).await.is_err() {
                    notices.show(t("The browser could not share the link: copy it instead."));
                }
            });
        }
    };
    let qr = share_link::qr(&link);
    view! {
        <div class="share" role="region" aria-label=tr!("Link for {name}", name = name.clone())>
            <div class="field">
                <label for="share-link">{tr!("Link for {name}", name = name.clone())}</label>
                <p class="field__help" id="share-link-help">{tr!("Anyone who has this link can open what it holds: send it only to {name}. What it holds stays in the part after #, which browsers never send to a web server.", name = name.clone())}</p>
                <input type="text" id="share-link" class="share__link" readonly prop:value=link.clone() aria-describedby="share-link-help"
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
        </div>
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
