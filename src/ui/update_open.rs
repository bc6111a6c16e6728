//! Opening a relationship update, shared by the updates screens and a link that carries
//! one: [`OpenUpdate`] reads a file (or a link's text), shows in words what it brings,
//! what was left out and why, who signed it ([`SignedBy`], with the acceptance a changed
//! key needs) and each joint field changed on both sides side by side, for the person to
//! decide; applying writes it all in one transaction (`Store::apply_update`).

use leptos::prelude::*;

use crate::domain::relationship::{shown, RelationshipUpdate, Resolution, UpdatePlan};
use crate::i18n::{plural, render, t};
use crate::platform::location;
use crate::store::StoreError;
use crate::tr;
use crate::ui::actions::{store_action, store_read_action, Said};
use crate::ui::components::{chosen_text, ActionError, ChosenFile, FileField, KeepOrTake};
use crate::ui::key_change::KeyChange;
use crate::ui::route::Route;

/// Where an update's text comes from.
#[derive(Clone)]
enum Source {
    File(ChosenFile),
    Link(String),
}

/// Choose an update file (or take the one a link brought, `arrived`), see what it brings
/// and who signed it, decide each conflict, apply.
#[component]
pub fn OpenUpdate(#[prop(optional)] arrived: Option<String>) -> impl IntoView {
    let plan = RwSignal::new(None::<UpdatePlan>);
    let decided = RwSignal::new(Vec::<Option<Resolution>>::new());
    let key_accepted = RwSignal::new(false);
    let read = store_read_action(
        |store, input: Source| async move {
            let text = match input {
                Source::File(file) => match chosen_text(&file).await? {
                    Some(text) => text,
                    None => return Ok(None),
                },
                Source::Link(text) => text,
            };
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
    let from_link = arrived.is_some();
    if let Some(text) = arrived {
        read.dispatch(Source::Link(text));
    }
    view! {
        <FileField id="update-file" label=t("Update file")
            help=t("An Accord update (.json). It is read on this device and never sent anywhere.")
            chosen=move |file| { plan.set(None); read.dispatch(Source::File(file)); } hidden=from_link />
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
                                    let side = |lines: Vec<String>| if lines.is_empty() {
                                        view! { <p class="field__help">{t("(empty)")}</p> }.into_any()
                                    } else {
                                        view! { <ul>{lines.into_iter().map(|l| view! { <li>{l}</li> }).collect_view()}</ul> }.into_any()
                                    };
                                    let choose = move |choice: Resolution| decided.update(|d| if let Some(slot) = d.get_mut(index) { *slot = Some(choice) });
                                    view! {
                                        <li class="conflict">
                                            <p class="conflict__title">{render(&conflict.label)}</p>
                                            <div class="conflict__sides">
                                                <div class="conflict__side"><h4>{t("Yours")}</h4>{side(shown::lines(&conflict.mine))}</div>
                                                <div class="conflict__side"><h4>{tr!("{name}'s", name = sender.clone())}</h4>{side(shown::lines(&conflict.theirs))}</div>
                                            </div>
                                            <KeepOrTake name=name theirs=t("Take theirs")
                                                taken=Signal::derive(move || decided.with(|d| d.get(index).copied().flatten().map(|c| c == Resolution::TakeTheirs)))
                                                choose=Callback::new(move |theirs: bool| choose(if theirs { Resolution::TakeTheirs } else { Resolution::KeepMine })) />
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
        Some(problem) => {
            view! { <KeyChange name=plan.from_name.clone() problem=problem accepted=accepted id="update-accept-key" /> }.into_any()
        }
    }
}
