//! Who the person is in an engagement, on screen: [`MyPartField`] asks "which of these
//! people are you?" (when an engagement arrives from someone else, and to correct it), and
//! [`MyPartPanel`] says it on the engagement's page with the correction. Rules in
//! `domain::perspective`; kept by `Store::set_my_role`. The panel leads to the engagement's
//! relationship updates.

use leptos::prelude::*;

use crate::domain::party::Party;
use crate::domain::perspective::{self, part_word, Arrival};
use crate::domain::{Engagement, Field, FieldErrors, Record, RecordId};
use crate::i18n::{render, t};
use crate::ui::actions::{store_action, store_resource};
use crate::ui::components::{when_read, ActionError, Choice, ChoiceField};
use crate::ui::route::Route;

/// One option per party the engagement has: their name, and what they are in it.
pub fn party_choices(engagement: &Engagement) -> Vec<Choice> {
    perspective::parties_of(engagement)
        .into_iter()
        .map(|party| Choice {
            value: party.as_str().into(),
            label: perspective::name_of(engagement, party).unwrap_or_default(),
            help: capitalised(&render(&part_word(engagement, party))),
        })
        .collect()
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// "Which of these people are you?": a radio button per party of the engagement.
#[component]
pub fn MyPartField(engagement: Engagement, value: RwSignal<String>, errors: RwSignal<FieldErrors>) -> impl IntoView {
    view! {
        <ChoiceField field=Field::MyPart legend=t("Which of these people are you?") choices=party_choices(&engagement)
            value=value errors=errors />
        <p class="field__help">{t("Accord remembers this for the engagement on this device; it never goes to the others. You can change it later on the engagement's page.")}</p>
    }
}

/// Reads the answer of a [`MyPartField`]: the party, or the problem shown at the field.
pub fn chosen_party(engagement: &Engagement, value: &str, errors: RwSignal<FieldErrors>) -> Option<Party> {
    match Arrival::choose(engagement, value) {
        Ok(arrival) => {
            errors.set(FieldErrors::new());
            Some(arrival.me)
        }
        Err(problem) => {
            let mut found = FieldErrors::new();
            found.push(Field::MyPart, problem);
            errors.set(found);
            None
        }
    }
}

/// "Your part": who the person is in this engagement, and the way to correct it.
#[component]
pub fn MyPartPanel(record: Record<Engagement>) -> impl IntoView {
    let id = record.id.clone();
    let role = store_resource(move |store| {
        let id = id.clone();
        async move { store.my_role(&id).await }
    });
    let engagement = record.data.clone();
    let engagement_id = record.id.clone();
    view! {
        <section class="panel" aria-labelledby="my-part-title">
            <h2 id="my-part-title">{t("Your part")}</h2>
            {when_read(role, t("your part"), move |me| {
                view! { <MyPartForm engagement=engagement.clone() engagement_id=engagement_id.clone() me=me /> }.into_any()
            })}
        </section>
    }
}

#[component]
fn MyPartForm(engagement: Engagement, engagement_id: RecordId, me: Party) -> impl IntoView {
    let value = RwSignal::new(me.as_str().to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let changing = RwSignal::new(false);
    let save = store_action(
        |store, (id, party): (RecordId, Party)| async move { store.set_my_role(&id, party).await },
        |_| t("Saved who you are in this engagement.").into(),
    );
    let sentence = render(&perspective::you_are(&engagement, me));
    let updates_href = Route::Updates(engagement_id.clone()).href();
    let on_submit = {
        let engagement = engagement.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            if let Some(party) = chosen_party(&engagement, &value.get_untracked(), errors) {
                save.dispatch((engagement_id.clone(), party));
            }
        }
    };
    view! {
        <p class="my-part" data-role=me.as_str()>{sentence}</p>
        <ActionError action=save />
        <Show when=move || changing.get()
            fallback=move || view! {
                <p class="panel__action">
                    <a class="button" href=updates_href.clone()>{t("Updates with the others")}</a>
                    " "
                    <button type="button" class="button" on:click=move |_| changing.set(true)>{t("Change who I am here")}</button>
                </p>
            }>
            <form class="form" novalidate on:submit=on_submit.clone()>
                <MyPartField engagement=engagement.clone() value=value errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Save")}</button>
                    <button type="button" class="button" on:click=move |_| changing.set(false)>{t("Cancel")}</button>
                </div>
            </form>
        </Show>
    }
}
