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
use crate::domain::relationship::{shown, RelationshipUpdate, Resolution, UpdatePlan};
use crate::domain::{Engagement, Record, RecordId};
use crate::i18n::{plural, render, t};
use crate::platform::{files, location};
use crate::store::StoreError;
use crate::tr;
use crate::ui::actions::{store_action, store_read_action, store_resource, Said};
use crate::ui::components::{chosen_text, loaded, ActionError, ChosenFile, PageHeader};
use crate::ui::route::Route;

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
    loaded(data, t("the engagement"), |(engagement, me)| view! { <Updates engagement=engagement me=me /> }.into_any())
}

#[component]
fn Updates(engagement: Record<Engagement>, me: Party) -> impl IntoView {
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
                {others.into_iter().map(|to| view! { <SendUpdate engagement=engagement.clone() to=to /> }).collect_view()}
            </ul>
        </section>
        <section class="panel" aria-labelledby="open-title">
            <h2 id="open-title">{t("Open an update")}</h2>
            <OpenUpdate />
        </section>
    }
}

/// One other party: the button that makes their update and saves it as a file.
#[component]
fn SendUpdate(engagement: Record<Engagement>, to: Party) -> impl IntoView {
    let name = perspective::name_of(&engagement.data, to).unwrap_or_default();
    let part = render(&part_word(&engagement.data, to));
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
            <button type="button" class="button button--primary" on:click=move |_| { send.dispatch(()); }
                disabled=move || send.pending().get()>{tr!("Send an update to {name}", name = name.clone())}</button>
            <span class="field__help">{format!(" {part}")}</span>
            <p class="update-target__standing">{standing}</p>
            <ActionError action=send />
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

/// Choose an update file, see what it brings, decide each conflict, apply.
#[component]
fn OpenUpdate() -> impl IntoView {
    let plan = RwSignal::new(None::<UpdatePlan>);
    let decided = RwSignal::new(Vec::<Option<Resolution>>::new());
    let key_accepted = RwSignal::new(false);
    let read = store_read_action(
        |store, input: ChosenFile| async move {
            let Some(text) = chosen_text(&input).await? else { return Ok(None) };
            let update = RelationshipUpdate::read(&text).map_err(|error| StoreError::Refused(error.message()))?;
            store.plan_update(&update).await.map(Some)
        },
        move |read: Option<UpdatePlan>| {
            if let Some(read) = read {
                decided.set(vec![None; read.conflicts().len()]);
                key_accepted.set(false);
                plan.set(Some(read));
            }
            Said::Nothing
        },
    );
    let apply = store_action(
        |store, (plan, resolutions): (UpdatePlan, Vec<Resolution>)| async move { store.apply_update(plan, &resolutions).await },
        move |applied| {
            plan.set(None);
            location::set_fragment(&Route::Engagement(applied.engagement_id).fragment());
            tr!("Applied the update: {records} written.", records = plural(applied.records, "1 record", "{n} records")).into()
        },
    );
    let undecided = move || decided.with(|d| d.iter().filter(|c| c.is_none()).count());
    let key_waits = move || !key_accepted.get() && plan.with(|p| p.as_ref().is_some_and(|p| p.key_problem().is_some()));
    let blocked = move || apply.pending().get() || undecided() > 0 || key_waits();
    let on_apply = move |_| {
        let Some(mut current) = plan.get_untracked() else { return };
        if key_accepted.get_untracked() {
            current = current.accept_new_key();
        }
        let resolutions = decided.get_untracked().into_iter().map(|c| c.unwrap_or(Resolution::KeepMine)).collect();
        apply.dispatch((current, resolutions));
    };
    view! {
        <div class="field">
            <label for="update-file">{t("Update file")}</label>
            <p class="field__help" id="update-file-help">{t("An Accord update (.json). It is read on this device and never sent anywhere.")}</p>
            <input type="file" id="update-file" accept=".json,application/json" aria-describedby="update-file-help"
                on:change=move |ev| {
                    plan.set(None);
                    let input: web_sys::HtmlInputElement = event_target(&ev);
                    read.dispatch(ChosenFile::new(input));
                } />
        </div>
        <ActionError action=read />
        <ActionError action=apply />
        {move || plan.get().map(|current| {
            let conflicts = current.conflicts().to_vec();
            let sender = current.from_name.clone();
            view! {
                <div class="update-preview" role="region" aria-label=t("What the update brings")>
                    <h3>{t("What the update brings")}</h3>
                    <p class="update-preview__summary">{render(&current.summary())}</p>
                    <SignedBy plan=current.clone() accepted=key_accepted />
                    {current.left_out().map(|why| view! { <p class="field__help">{render(&why)}</p> })}
                    {(!conflicts.is_empty()).then(|| view! {
                        <fieldset class="form__group">
                            <legend>{t("Changed on both sides")}</legend>
                            <p class="field__help">{t("You and they both changed these since the last update. Choose which to keep for each; nothing is dropped until you apply.")}</p>
                            <ul class="conflicts">
                                {conflicts.into_iter().enumerate().map(|(index, conflict)| {
                                    let name = format!("update-conflict-{index}");
                                    let (mine_id, theirs_id) = (format!("{name}-mine"), format!("{name}-theirs"));
                                    let side = |lines: Vec<String>| if lines.is_empty() {
                                        view! { <p class="field__help">{t("(empty)")}</p> }.into_any()
                                    } else {
                                        view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                                    };
                                    let choose = move |choice: Resolution| decided.update(|d| if let Some(slot) = d.get_mut(index) { *slot = Some(choice) });
                                    let is = move |choice: Resolution| decided.with(|d| d.get(index).copied().flatten() == Some(choice));
                                    view! {
                                        <li class="conflict">
                                            <p class="conflict__title">{render(&conflict.label)}</p>
                                            <div class="conflict__sides">
                                                <div class="conflict__side"><h4>{t("Yours")}</h4>{side(shown::lines(&conflict.mine))}</div>
                                                <div class="conflict__side"><h4>{tr!("{name}'s", name = sender.clone())}</h4>{side(shown::lines(&conflict.theirs))}</div>
                                            </div>
                                            <div class="choices choices--row">
                                                <div class="choice">
                                                    <input type="radio" id=mine_id.clone() name=name.clone()
                                                        prop:checked=move || is(Resolution::KeepMine)
                                                        on:change=move |_| choose(Resolution::KeepMine) />
                                                    <label for=mine_id>{t("Keep mine")}</label>
                                                </div>
                                                <div class="choice">
                                                    <input type="radio" id=theirs_id.clone() name=name
                                                        prop:checked=move || is(Resolution::TakeTheirs)
                                                        on:change=move |_| choose(Resolution::TakeTheirs) />
                                                    <label for=theirs_id>{t("Take theirs")}</label>
                                                </div>
                                            </div>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        </fieldset>
                    })}
                    <p class="panel__action">
                        <button type="button" class="button button--primary" on:click=on_apply
                            disabled=blocked>{t("Apply the update")}</button>
                        " "
                        <button type="button" class="button" on:click=move |_| plan.set(None)>{t("Cancel")}</button>
                        {move || key_waits().then(|| view! {
                            <span class="field__help">{t(" Accept the new key first, or cancel.")}</span>
                        })}
                        {move || (undecided() > 0).then(|| view! {
                            <span class="field__help">{tr!(" Decide each change made on both sides first ({n} left).", n = undecided())}</span>
                        })}
                    </p>
                </div>
            }
        })}
    }
}

/// Who signed the update, by their key's fingerprint; when it is not the key this device
/// knows for them, the warning and the person's explicit acceptance.
#[component]
fn SignedBy(plan: UpdatePlan, accepted: RwSignal<bool>) -> impl IntoView {
    let Some(signer) = plan.signer.clone() else { return ().into_any() };
    let fingerprint = signer.key.fingerprint().to_string();
    match plan.key_problem() {
        None => view! {
            <p class="signed-by">
                {tr!("Signed by {name}; the signature holds. Their key: ", name = plan.from_name.clone())}
                <span class="fingerprint fingerprint--inline">{fingerprint}</span>
            </p>
        }
        .into_any(),
        Some(problem) => view! {
            <div class="notice notice--warning" role="alert">
                <p class="notice__title">{tr!("{name}'s key has changed", name = plan.from_name.clone())}</p>
                <p>{render(&problem.message())}</p>
                <div class="choice">
                    <input type="checkbox" id="update-accept-key" prop:checked=move || accepted.get()
                        on:change=move |ev| accepted.set(event_target_checked(&ev)) />
                    <label for="update-accept-key">{tr!("I compared the new key with {name} and accept it", name = plan.from_name.clone())}</label>
                </div>
            </div>
        }
        .into_any(),
    }
}
