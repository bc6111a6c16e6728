//! [`CheckFilePage`]: "Check a file". A person chooses a contract proposal, an agreement or
//! a relationship update; each signature in it is listed with whether it holds and whose
//! key made it (rules in `domain::signed_file`, checked by `Store::check_file`). Nothing in
//! the file is applied or kept.

use leptos::prelude::*;

use crate::domain::signed_file::{SignedFile, Verdict};
use crate::i18n::{render, t};
use crate::store::StoreError;
use crate::ui::actions::{store_read_action, Said};
use crate::ui::components::{chosen_text, ActionError, ChosenFile, FileField, PageHeader};

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
            lead=t("See who signed a contract proposal, an agreement or an update, and whether each signature still holds. The file is read on this device only; nothing in it is applied or kept.") />
        <section class="panel" aria-labelledby="check-title">
            <h2 id="check-title">{t("Choose the file")}</h2>
            <FileField id="check-file" label=t("File to check") help=t("An Accord proposal, agreement or update (.json).")
                chosen=move |file| { checked.set(None); read.dispatch(file); } />
            <ActionError action=read />
            {move || checked.get().map(|(file, verdicts)| view! { <Checked file=file verdicts=verdicts /> })}
        </section>
    }
}

/// Each signed part of the file with its verdict.
#[component]
fn Checked(file: SignedFile, verdicts: Vec<Verdict>) -> impl IntoView {
    let holding = verdicts.iter().filter(|v| v.holds()).count();
    let all = verdicts.len();
    view! {
        <div class="check-result" role="region" aria-label=t("Signatures in the file")>
            <h3>{render(&file.kind)}</h3>
            {if all == 0 {
                view! { <p>{t("Nothing in this file is signed: no one has agreed to it yet.")}</p> }.into_any()
            } else {
                view! { <p>{crate::tr!("{holding} of {all} signatures hold.", holding = holding, all = all)}</p> }.into_any()
            }}
            <ul class="checks">
                {file.parts.into_iter().zip(verdicts).map(|(part, verdict)| {
                    let (class, word) = match (verdict.holds(), verdict.other_key()) {
                        (true, false) => ("status status--agreed", t("Holds")),
                        (true, true) => ("status status--draft", t("Holds, by another key")),
                        (false, _) => ("status status--risk", t("Does not hold")),
                    };
                    let key = match &verdict { Verdict::Holds { key, .. } => Some(key.to_string()), _ => None };
                    view! {
                        <li class="check">
                            <p class="check__what">{render(&part.what)} " " <span class=class>{word}</span></p>
                            <p>{render(&verdict.message())}</p>
                            {key.map(|key| view! {
                                <p>{t("Key: ")}<span class="fingerprint fingerprint--inline">{key}</span></p>
                            })}
                        </li>
                    }
                }).collect_view()}
            </ul>
        </div>
    }
}
