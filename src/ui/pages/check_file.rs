//! [`CheckFilePage`]: "Check a file". A person chooses a contract proposal, an agreement,
//! a relationship update or a sponsor update as exported; each signature in it is listed with whether it holds and whose
//! key made it (`ui::signature_list`; rules in `domain::signed_file`, checked by
//! `Store::check_file`). Nothing in the file is applied or kept.

use leptos::prelude::*;

use crate::domain::signed_file::{SignedFile, Verdict};
use crate::i18n::t;
use crate::store::StoreError;
use crate::ui::actions::{store_read_action, Said};
use crate::ui::components::{chosen_text, ActionError, ChosenFile, FileField, PageHeader};
use crate::ui::signature_list::SignatureList;

#[component]
pub fn CheckFilePage() -> impl IntoView {
    let checked = RwSignal::new(None::<(SignedFile, Vec<Verdict>)>);
    let read = store_read_action(
        |store, input: ChosenFile| async move {
            let Some(text) = chosen_text(&input).await? else { return Ok(None) };
            let file = SignedFile::read(&text).map_err(StoreError::Refused)?;
            let verdicts = store.check_file(&file).await?;
            Ok(Some((file, verdicts)))
        },
        move |result: Option<(SignedFile, Vec<Verdict>)>| {
            checked.set(result);
            Said::Nothing
        },
    );
    view! {
        <PageHeader title=t("Check a file")
            lead=t("See who signed a contract proposal, an agreement, an update or a sponsor update, and whether each signature still holds. The file is read on this device only; nothing in it is applied or kept.") />
        <section class="panel" aria-labelledby="check-title">
            <h2 id="check-title">{t("Choose the file")}</h2>
            <FileField id="check-file" label=t("File to check") help=t("An Accord proposal, agreement or update (.json), or a sponsor update (.txt).")
                accept=".json,.txt,application/json,text/plain"
                chosen=move |file| { checked.set(None); read.dispatch(file); } />
            <ActionError action=read />
            {move || checked.get().map(|(file, verdicts)| view! { <SignatureList file=file verdicts=verdicts /> })}
        </section>
    }
}
