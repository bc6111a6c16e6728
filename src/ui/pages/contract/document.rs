//! How a contract version reads: [`ContractDocumentView`] (parties, key terms, goals and
//! every clause with merge fields filled), [`Signatures`] (who agreed, when, to which
//! hash) and [`ChangesView`] (what changed from the version before, word by word).

use crate::i18n::{render, t};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::diff::DiffPart;
use crate::domain::contract::{facts, Contract, Parties, VersionChanges};
use crate::domain::Record;
use crate::ui::format;

#[component]
pub fn ContractDocumentView(record: Record<Contract>, parties: Parties) -> impl IntoView {
    let contract = record.data.clone();
    let terms = contract.terms.clone();
    let key_terms = facts(&parties, &terms);
    let clauses = contract.rendered_clauses(&parties);
    let sponsor = parties.sponsor.clone();
    view! {
        <article class="document" aria-label=tr!("Contract, version {version}", version = contract.version)>
            <section class="document__section">
                <h2>{t("Parties")}</h2>
                <dl class="facts">
                    <div><dt>{t(parties.role_of(crate::domain::contract::Party::Client))}</dt><dd>{parties.client.as_str().to_string()}</dd></div>
                    <div>
                        <dt>{t(parties.role_of(crate::domain::contract::Party::Practitioner))}</dt>
                        <dd>{parties.practitioner.as_str().to_string()}<span class="facts__note">{t(parties.accreditation.label())}</span></dd>
                    </div>
                    {sponsor.map(|s| view! {
                        <div><dt>{t("Sponsor")}</dt><dd>{s.organisation.clone()}<span class="facts__note">{
                            if s.role.is_empty() { s.contact.as_str().to_string() } else { format!("{}, {}", s.contact.as_str(), s.role) }
                        }</span></dd></div>
                    })}
                </dl>
            </section>
            <section class="document__section">
                <h2>{t("Goals")}</h2>
                {if terms.goals.is_empty() {
                    view! { <p>{t("No goals agreed yet.")}</p> }.into_any()
                } else {
                    view! {
                        <ol class="document__goals">
                            {terms.goals.iter().map(|g| view! {
                                <li>{g.description.clone()}<span class="facts__note">{
                                    if g.success_measure.is_empty() { t("No success measure yet").to_string() } else { tr!("Success: {measure}", measure = g.success_measure) }
                                }</span></li>
                            }).collect_view()}
                        </ol>
                    }.into_any()
                }}
                {(!terms.sponsor_objectives.is_empty()).then(|| view! {
                    <h3>{t("Sponsor objectives")}</h3>
                    <ol class="document__goals">
                        {terms.sponsor_objectives.iter().map(|g| view! {
                            <li>{g.description.clone()}<span class="facts__note">{g.success_measure.clone()}</span></li>
                        }).collect_view()}
                    </ol>
                })}
            </section>
            <section class="document__section">
                <h2>{t("Key terms")}</h2>
                <dl class="facts facts--terms">
                    {key_terms.into_iter().map(|(label, value)| view! { <div><dt>{t(label)}</dt><dd>{render(&value)}</dd></div> }).collect_view()}
                </dl>
            </section>
            <section class="document__section">
                <h2>{t("Clauses")}</h2>
                {clauses.into_iter().map(|c| view! {
                    <section class="clause">
                        <h3>{format!("{}. {}", c.element.number(), c.heading)}</h3>
                        <p class="clause__text">{c.text}</p>
                    </section>
                }).collect_view()}
            </section>
        </article>
    }
}

/// Who has agreed to a version, when, with which signing key, and the hash they agreed to.
#[component]
pub fn Signatures(record: Record<Contract>) -> impl IntoView {
    let contract = record.data;
    let Some(parties) = contract.parties.clone() else {
        return view! { <p>{t("Not proposed yet: no one can agree to a draft.")}</p> }.into_any();
    };
    let hash = contract.hash.clone().unwrap_or_default();
    view! {
        <table class="signatures">
            <caption>{tr!("Agreement to version {version}", version = contract.version)}</caption>
            <thead><tr><th scope="col">{t("Party")}</th><th scope="col">{t("Name typed")}</th><th scope="col">{t("Agreed")}</th><th scope="col">{t("Signing key")}</th></tr></thead>
            <tbody>
                {parties.signatories().into_iter().map(|party| {
                    let agreement = contract.agreements.iter().find(|a| a.party == party).cloned();
                    let role = t(parties.role_of(party));
                    let name = parties.name_of(party).unwrap_or_default().to_string();
                    match agreement {
                        Some(a) => view! {
                            <tr><th scope="row">{format!("{role}: {name}")}</th><td>{a.typed_name}</td>
                            <td>{format::date_time(a.agreed_at)}</td>
                            <td>{match a.signature.as_ref().and_then(|s| s.fingerprint()) {
                                Some(key) => view! { <span class="fingerprint fingerprint--inline">{key.to_string()}</span> }.into_any(),
                                None => view! { <span class="field__help">{t("Not signed (agreed before Accord signed agreements)")}</span> }.into_any(),
                            }}</td></tr>
                        }.into_any(),
                        None => view! {
                            <tr><th scope="row">{format!("{role}: {name}")}</th><td>"—"</td><td class="signatures__awaiting">{t("Awaiting agreement")}</td><td>"—"</td></tr>
                        }.into_any(),
                    }
                }).collect_view()}
            </tbody>
        </table>
        <p class="hash">{t("Fingerprint (SHA-256) of this version: ")} <code>{hash}</code></p>
    }
    .into_any()
}

/// What changed from the previous version.
#[component]
pub fn ChangesView(changes: VersionChanges, from_version: u32) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p>{tr!("Nothing changed from version {version}.", version = from_version)}</p> }.into_any();
    }
    view! {
        <section class="changes" aria-labelledby="changes-title">
            <h2 id="changes-title">{tr!("What changed from version {version}", version = from_version)}</h2>
            {(!changes.facts.is_empty()).then(|| view! {
                <table class="changes__facts">
                    <thead><tr><th scope="col">{t("Term")}</th><th scope="col">{t("Before")}</th><th scope="col">{t("Now")}</th></tr></thead>
                    <tbody>
                        {changes.facts.iter().map(|(label, before, after)| view! {
                            <tr><th scope="row">{t(label)}</th><td><del>{render(before)}</del></td><td><ins>{render(after)}</ins></td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            })}
            {changes.clauses.into_iter().map(|(element, heading, parts)| view! {
                <section class="clause clause--changed">
                    <h3>{format!("{}. {}", element.number(), heading)}</h3>
                    <p class="clause__text">
                        {parts.into_iter().map(|part| match part {
                            DiffPart::Same(text) => view! { <span>{text}</span> }.into_any(),
                            DiffPart::Removed(text) => view! { <del aria-label=t("removed")>{text}</del> }.into_any(),
                            DiffPart::Added(text) => view! { <ins aria-label=t("added")>{text}</ins> }.into_any(),
                        }).collect_view()}
                    </p>
                </section>
            }).collect_view()}
        </section>
    }
    .into_any()
}
