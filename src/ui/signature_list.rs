//! [`SignatureList`]: each signature in a file with whether it holds and whose key made it
//! (rules in `domain::signed_file`, checked by `Store::check_file`). Shown by "Check a
//! file" and by a link that brings a proposal or an agreement.

use leptos::prelude::*;

use crate::domain::signed_file::{SignedFile, Verdict};
use crate::i18n::{render, t};

/// Each signed part of `file` with its verdict.
#[component]
pub fn SignatureList(file: SignedFile, verdicts: Vec<Verdict>) -> impl IntoView {
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
