//! [`AddAgreement`]: adding an agreement that arrived (in a link, or a file signed by a new
//! key) to its contract on this device, checked as the file would be
//! (`Store::import_agreement`). When its party signed with another key than the one this
//! device knows for them, the person first compares the new key and accepts it
//! ([`KeyChange`]); only then is it added, and that key is the one known from then on.

use leptos::prelude::*;

use crate::domain::contract::exchange::AgreementFile;
use crate::domain::contract::ContractStatus;
use crate::domain::signing::{Fingerprint, Unverified};
use crate::i18n::t;
use crate::platform::location;
use crate::tr;
use crate::ui::actions::{store_action, Said};
use crate::ui::components::ActionError;
use crate::ui::key_change::KeyChange;
use crate::ui::route::Route;

/// "Add the agreement" for `file`; `change`: its key is not the one known for its party.
#[component]
pub fn AddAgreement(
    file: AgreementFile,
    change: Option<Unverified>,
    /// Runs once it is added (the screen stops offering it).
    #[prop(optional)]
    on_added: Option<Callback<()>>,
) -> impl IntoView {
    let accepted = RwSignal::new(false);
    let new_key: Option<Fingerprint> = match &change {
        Some(Unverified::OtherKey { now, .. }) => Some(*now),
        _ => None,
    };
    let add = store_action(
        |store, (file, key): (AgreementFile, Option<Fingerprint>)| async move { store.import_agreement(file, key.as_ref()).await },
        move |saved| {
            if let Some(added) = on_added {
                added.run(());
            }
            location::set_fragment(&Route::Contract(saved.data.engagement_id.clone()).fragment());
            if saved.data.status == ContractStatus::Agreed {
                tr!("Agreement added. Every party has agreed to version {version}.", version = saved.data.version).into()
            } else {
                Said::from(t("Agreement added."))
            }
        },
    );
    let waits = new_key.is_some();
    let name = file.agreement.typed_name.clone();
    view! {
        {change.map(|problem| view! { <KeyChange name=name problem=problem accepted=accepted id="agreement-accept-key" /> })}
        <ActionError action=add />
        <p class="panel__action">
            <button type="button" class="button button--primary" disabled=move || add.pending().get() || (waits && !accepted.get())
                on:click=move |_| { add.dispatch((file.clone(), new_key.filter(|_| accepted.get_untracked()))); }>{t("Add the agreement")}</button>
        </p>
    }
}
