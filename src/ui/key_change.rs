//! [`KeyChange`]: the one warning for something signed by another key than the one this
//! device knows for its sender (an update, an agreement): both fingerprints in words, and
//! the box the person ticks once they compared the new key with its owner. Until then it
//! is not applied (`domain::signing::Unverified::OtherKey`).

use leptos::prelude::*;

use crate::domain::signing::Unverified;
use crate::i18n::render;
use crate::tr;

/// The warning for `problem`, whose sender is `name`; `accepted` is the box.
#[component]
pub fn KeyChange(name: String, problem: Unverified, accepted: RwSignal<bool>, id: &'static str) -> impl IntoView {
    view! {
        <div class="notice notice--warning" role="alert">
            <p class="notice__title">{tr!("{name}'s key has changed", name = name.clone())}</p>
            <p>{render(&problem.message())}</p>
            <div class="choice">
                <input type="checkbox" id=id prop:checked=move || accepted.get()
                    on:change=move |ev| accepted.set(event_target_checked(&ev)) />
                <label for=id>{tr!("I compared the new key with {name} and accept it", name = name)}</label>
            </div>
        </div>
    }
}
