//! Relationship updates on screen. [`UpdatesPage`]: one engagement's updates: send one to
//! each other party (a file holding what changed on this side since the last one, only what
//! this person's part may share) and open one they sent. [`OpenUpdatePage`]: open an update
//! for whichever engagement it names. Opening shows in words what the update brings, what
//! was left out and why, and each joint field changed on both sides side by side, for the
//! person to decide; applying writes it all in one transaction. Rules in
//! `domain::relationship`; commands in `store::relationship`.

use leptos::prelude::*;

use crate::domain::party::Party;
use crate::domain::perspective::{self, part_word};
use crate::domain::{Engagement, Record, RecordId};
use crate::i18n::{plural, render, t};
use crate::platform::files;
use crate::store::StoreError;
use crate::tr;
use crate::ui::actions::{store_action, store_resource};
use crate::ui::components::{loaded, ActionError, PageHeader};
use crate::ui::route::Route;
use crate::ui::share::{LinkToSend, SharePanel};
use crate::ui::update_open::OpenUpdate;

/// An engagement's updates: send and open.
#[component]
pub fn UpdatesPage(engagement_id: RecordId) -> impl IntoView {
    let data = store_resource(move |store| {
        let id = engagement_id.clone();
        async move {
            let Some(engagement) = store.get_engagement(&id).await? else { return Ok(None) };
            let me = store.my_role(&id).await?;
            Ok(Some((engagement, me)))
        }
    });
    // The links made here, by party: kept above the screen, which is drawn again from the
    // store after each update is made.
    let links = RwSignal::new(Vec::<(Party, LinkToSend)>::new());
    loaded(data, t("the engagement"), move |(engagement, me)| view! { <Updates engagement=engagement me=me links=links /> }.into_any())
}

#[component]
fn Updates(engagement: Record<Engagement>, me: Party, links: RwSignal<Vec<(Party, LinkToSend)>>) -> impl IntoView {
    let others: Vec<Party> = perspective::parties_of(&engagement.data).into_iter().filter(|p| *p != me).collect();
    let names: Vec<String> = others
        .iter()
        .filter_map(|p| perspective::name_of(&engagement.data, *p))
        .map(|n| n.split(" (").next().unwrap_or_default().to_string())
        .collect();
    let title = tr!("Updates with {names}", names = names.join(", "));
    view! {
        <p class="breadcrumb"><a href=Route::Engagement(engagement.id.clone()).href()>
            {format!("← {}", engagement.data.client.as_str())}</a></p>
        <PageHeader title=title
            lead=t("Between sessions, send the others what changed on your side, and open what they send you. An update holds only what your part may share: private notes, private goals and unshared reflections never leave this device.") />
        <section class="panel" aria-labelledby="send-title">
            <h2 id="send-title">{t("Send an update")}</h2>
            <p>{render(&perspective::you_are(&engagement.data, me))}</p>
            <ul class="update-targets">
                {others.into_iter().map(|to| view! { <SendUpdate engagement=engagement.clone() to=to links=links /> }).collect_view()}
            </ul>
        </section>
        <section class="panel" aria-labelledby="open-title">
            <h2 id="open-title">{t("Open an update")}</h2>
            <OpenUpdate />
        </section>
    }
}

/// One other party: the buttons that make their update and save it as a file, or make it
/// a link to send.
#[component]
fn SendUpdate(engagement: Record<Engagement>, to: Party, links: RwSignal<Vec<(Party, LinkToSend)>>) -> impl IntoView {
    let name = perspective::name_of(&engagement.data, to).unwrap_or_default();
    let part = render(&part_word(&engagement.data, to));
    let set_link = move |made: Option<String>| {
        links.update(|all| {
            all.retain(|(party, _)| *party != to);
            all.extend(made.map(|text| (to, LinkToSend::new(text))));
        })
    };
    let link = move || links.with(|all| all.iter().find(|(party, _)| *party == to).map(|(_, l)| l.clone()));
    let id = engagement.id.clone();
    let send_link = store_action(
        move |store, _: ()| {
            let id = id.clone();
            async move {
                let Some(update) = store.make_update(&id, &[to]).await? else { return Ok(None) };
                Ok(Some((update.to_compact_json(), update.body.fields.len() + update.body.records.len())))
            }
        },
        {
            let name = name.clone();
            move |made: Option<(String, usize)>| match made {
                None => tr!("Nothing new for {name} since your last update.", name = name).into(),
                Some((made, n)) => {
                    set_link(Some(made));
                    tr!(
                        "Made the link for {name} ({changes}). Copy it or share it below; it opens in their copy of Accord.",
                        name = name,
                        changes = plural(n, "1 change", "{n} changes")
                    )
                    .into()
                }
            }
        },
    );
    let id = engagement.id.clone();
    let send = store_action(
        move |store, _: ()| {
            let id = id.clone();
            async move {
                let Some(update) = store.make_update(&id, &[to]).await? else { return Ok(None) };
                files::download(&update.file_name(), "application/json", &update.to_json()).map_err(|problem| {
                    StoreError::Refused(crate::msg!("The update could not be saved as a file: {problem}", problem = problem))
                })?;
                Ok(Some(update.body.fields.len() + update.body.records.len()))
            }
        },
        {
            let name = name.clone();
            move |sent| match sent {
                None => tr!("Nothing new for {name} since your last update.", name = name).into(),
                Some(n) => tr!(
                    "Saved the update for {name} ({changes}). Send them the file; they open it in their copy of Accord.",
                    name = name,
                    changes = plural(n, "1 change", "{n} changes")
                )
                .into(),
            }
        },
    );
    let id = engagement.id.clone();
    let exchange = store_resource(move |store| {
        let id = id.clone();
        async move { store.exchange_with(&id, to).await }
    });
    let standing = move || {
        exchange.get().and_then(Result::ok).map(|e| {
            let waiting = match e.waiting {
                0 => t("Nothing new to send since your last update.").to_string(),
                n => tr!("Waiting to be sent: {changes}.", changes = plural(n, "1 change", "{n} changes")),
            };
            let received = match e.received {
                0 => t("No update from them applied yet.").to_string(),
                n => tr!("Applied from them: {updates}.", updates = plural(n, "1 update", "{n} updates")),
            };
            format!("{waiting} {received}")
        })
    };
    view! {
        <li class="update-target">
            <button type="button" class="button button--primary" on:click=move |_| { set_link(None); send.dispatch(()); }
                disabled=move || send.pending().get()>{tr!("Send an update to {name}", name = name.clone())}</button>
            " "
            <button type="button" class="button" on:click=move |_| { send_link.dispatch(()); }
                disabled=move || send_link.pending().get()>{tr!("Send as a link to {name}", name = name.clone())}</button>
            <span class="field__help">{format!(" {part}")}</span>
            <p class="update-target__standing">{standing}</p>
            <ActionError action=send />
            <ActionError action=send_link />
            {move || link().map(|text| view! {
                <SharePanel link=text name=name.clone() id=format!("share-{}", to.as_str())
                    title=tr!("Accord: an update for {name}", name = name.clone()) />
            })}
        </li>
    }
}

/// Open an update someone sent, for whichever engagement it names.
#[component]
pub fn OpenUpdatePage() -> impl IntoView {
    view! {
        <PageHeader title=t("Open an update")
            lead=t("Someone in one of your engagements sent you an update from their copy of Accord. Open it to see what it brings, then apply it.") />
        <section class="panel" aria-labelledby="open-title">
            <h2 id="open-title">{t("Choose the update")}</h2>
            <OpenUpdate />
        </section>
    }
}
