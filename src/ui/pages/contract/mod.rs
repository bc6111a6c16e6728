//! The contract screens of one engagement.
//!
//! - [`ContractPage`]: the latest version. With no contract yet, a template chooser; a
//!   draft shows the builder; a proposed version shows the text, who has agreed, a form to
//!   agree as each party, and the proposal/agreement files for agreeing without a server;
//!   an agreed version is frozen, with print and re-contract.
//! - [`ContractVersionPage`]: one version, with what changed from the one before.
//! - [`ContractPrintPage`]: a version laid out for paper or PDF.
//!
//! Their parts: [`builder`] (the draft's form, clauses and findings) and [`document`]
//! (the contract as text, what changed, the signatures).

pub mod builder;
pub mod document;

use crate::i18n::{lower, phrase, t};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::exchange;
use crate::domain::contract::exchange::AgreementFile;
use crate::domain::contract::{changes, Agreement, Contract, ContractStatus, ContractTemplate, Parties, Party};
use crate::domain::kinds::RecordKind;
use crate::domain::share_link;
use crate::domain::signed_file::SignedFile;
use crate::domain::signing::Unverified;
use crate::domain::{Engagement, Field, Record, RecordId};
use crate::platform::{clock, files};
use crate::store::StoreError;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::agreement_add::AddAgreement;
use crate::ui::components::NotFound;
use crate::ui::components::{chosen_text, ActionError, ChosenFile, DeleteRecord, Notices, PageHeader, TextField};
use crate::ui::data::with_contract_data;
use crate::ui::proposal_open::OpenProposal;
use crate::ui::route::Route;
use crate::ui::share::{LinkToSend, SharePanel};
use builder::ContractBuilder;
use document::{ChangesView, ContractDocumentView, Signatures};

fn status_badge(status: ContractStatus) -> impl IntoView {
    view! { <span class=format!("status status--{}", status.as_str())>{t(status.label())}</span> }
}

#[component]
pub fn ContractPage(engagement_id: RecordId) -> impl IntoView {
    // An agreement file signed by a changed key, waiting for the person to compare and
    // accept it: kept here, above the screen, which is drawn again whenever data changes.
    let new_key = RwSignal::new(None::<(AgreementFile, Unverified)>);
    with_contract_data(engagement_id, move |data| {
        let engagement = data.engagement.clone();
        let back = view! {
            <p class="breadcrumb"><a href=Route::Engagement(engagement.id.clone()).href()>
                {format!("← {}", engagement.data.client.as_str())}</a></p>
        };
        let Some(latest) = data.latest().cloned() else {
            return view! { {back} <TemplateChooser engagement=engagement /> }.into_any();
        };
        let current_parties = Parties::of(&engagement.data);
        let parties = latest.data.parties_or(&current_parties).clone();
        let title = tr!("Contract with {client}", client = engagement.data.client.as_str());
        let lead = tr!(
            "Version {version} · from the template “{template}”",
            version = latest.data.version,
            template = phrase(&latest.data.template_name)
        );
        let body = match latest.data.status {
            ContractStatus::Draft => {
                let version = latest.data.version;
                let (button, explanation) = if version == 1 {
                    (
                        t("Discard this draft"),
                        t("The draft contract goes; you can start again from a template. You can undo this straight after discarding."),
                    )
                } else {
                    (
                        t("Discard this new version"),
                        t("The draft goes and the agreed version stays in force. You can undo this straight after discarding."),
                    )
                };
                view! {
                    <ContractBuilder record=latest.clone() parties=parties.clone() />
                    <p class="panel__action">
                        <DeleteRecord kind=RecordKind::Contract id=latest.id.clone() button=button
                            question=tr!("Discard the draft of version {version}?", version = version)
                            explanation=explanation
                            deleted=tr!("Discarded the draft of version {version}.", version = version)
                            restored=tr!("Restored the draft of version {version}.", version = version) />
                    </p>
                }
                .into_any()
            }
            ContractStatus::Proposed => view! {
                <ProposedContract engagement=engagement.clone() record=latest.clone() new_key=new_key />
            }
            .into_any(),
            _ => view! { <AgreedContract record=latest.clone() parties=parties.clone() /> }.into_any(),
        };
        view! {
            {back}
            <PageHeader title=title lead=lead>
                {status_badge(latest.data.status)}
            </PageHeader>
            <VersionList engagement_id=engagement.id.clone() versions=data.versions.clone() />
            {body}
        }
        .into_any()
    })
}

/// Links to every version, newest last.
#[component]
fn VersionList(engagement_id: RecordId, versions: Vec<Record<Contract>>) -> impl IntoView {
    (versions.len() > 1).then(|| {
        view! {
            <nav class="versions" aria-label=t("Contract versions")>
                <span class="versions__label">{t("Versions:")}</span>
                {versions.into_iter().map(|v| view! {
                    <a href=Route::ContractVersion(engagement_id.clone(), v.data.version).href()>
                        {tr!("Version {version} ({status})", version = v.data.version, status = lower(t(v.data.status.label())))}
                    </a>
                }).collect_view()}
            </nav>
        }
    })
}

/// Choosing how to start: a built-in template or one of the person's own.
#[component]
fn TemplateChooser(engagement: Record<Engagement>) -> impl IntoView {
    let own = store_resource(|store| async move { store.list_templates().await });
    let chosen = RwSignal::new(0usize);
    let kind = engagement.data.kind;
    let three_way = engagement.data.sponsor.is_some();
    // Suggest the template that fits the engagement first.
    let built = crate::ui::appearance::Organisation::get().config().templates();
    let suggested = built.iter().position(|t| t.kind == kind && t.three_way == three_way).unwrap_or(0);
    chosen.set(suggested);
    let start = store_action(
        move |store, template: ContractTemplate| {
            let id = engagement.id.clone();
            let start = crate::domain::contract::terms::suggested_start(clock::today());
            async move { store.start_contract(&id, &template, start).await }
        },
        |_| Said::Nothing,
    );
    view! {
        <PageHeader title=t("Start the contract")
            lead=t("Choose a template to start from. Every clause and every default stays editable, and the contract check shows what is still missing.") />
        <ActionError action=start />
        {move || {
            let mut templates = built.clone();
            let own_records = own.get().and_then(Result::ok).unwrap_or_default();
            templates.extend(own_records.iter().map(|r| r.data.clone()));
            let start_templates = templates.clone();
            view! {
                <fieldset class="field field--choice template-choice">
                    <legend>{t("Template")}</legend>
                    <div class="choices">
                        {templates.into_iter().enumerate().map(|(index, template)| {
                            let id = format!("template-{index}");
                            view! {
                                <div class="choice">
                                    <input type="radio" name="template" id=id.clone() prop:checked=move || chosen.get() == index
                                        on:change=move |_| chosen.set(index) aria-describedby=format!("{id}-help") />
                                    <label for=id.clone()>{phrase(&template.name)}</label>
                                    <p class="choice__help" id=format!("{id}-help")>{phrase(&template.description)}</p>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <p>
                    <button type="button" class="button button--primary" disabled=move || start.pending().get()
                        on:click=move |_| {
                            if let Some(template) = start_templates.get(chosen.get_untracked()) {
                                start.dispatch(template.clone());
                            }
                        }>{t("Start from this template")}</button>
                </p>
                {(!own_records.is_empty()).then(|| view! {
                    <section class="panel" aria-labelledby="own-templates-title">
                        <h2 id="own-templates-title">{t("Your own templates")}</h2>
                        <ul class="items">
                            {own_records.iter().map(|record| {
                                let name = record.data.name.clone();
                                view! {
                                    <li class="item">
                                        <div class="item__main"><span class="item__title">{name.clone()}</span></div>
                                        <DeleteRecord kind=RecordKind::Template id=record.id.clone()
                                            button=tr!("Delete the template “{name}”", name = name)
                                            question=tr!("Delete the template “{name}”?", name = name)
                                            explanation=t("Contracts already started from it keep their text. You can undo this straight after deleting.")
                                            deleted=tr!("Deleted the template “{name}”.", name = name)
                                            restored=tr!("Restored the template “{name}”.", name = name) />
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    </section>
                })}
            }
        }}
    }
}

/// A proposed version: its text, who has agreed, agreeing, and the exchange files.
#[component]
fn ProposedContract(
    engagement: Record<Engagement>,
    record: Record<Contract>,
    new_key: RwSignal<Option<(AgreementFile, Unverified)>>,
) -> impl IntoView {
    let notices = Notices::expect();
    let parties = record.data.parties.clone().unwrap_or_else(|| Parties::of(&engagement.data));
    let awaiting = record.data.awaiting();
    let agreed: Vec<Agreement> = record.data.agreements.clone();

    let proposal_text = exchange::write_proposal(&engagement, &record);
    let proposal_name = files::file_name(&["proposal", engagement.data.client.as_str(), &format!("v{}", record.data.version)]);
    let proposal_link = RwSignal::new(None::<LinkToSend>);
    let make_proposal_link = {
        let text = share_link::compact(&proposal_text);
        move |_| proposal_link.set(Some(LinkToSend::new(text.clone())))
    };
    let download_proposal = move |_| {
        if let Err(problem) = files::download(&proposal_name, "application/json", &proposal_text) {
            notices.show(tr!("The file could not be saved: {problem}", problem = problem));
        }
    };
    let others = others_in(engagement.id.clone(), parties.clone());
    let version = record.data.version;

    let import = store_action(
        move |store, input: ChosenFile| async move {
            new_key.set(None);
            let Some(text) = chosen_text(&input).await? else { return Ok(None) };
            let file = exchange::read_agreement(&text).map_err(StoreError::from)?;
            let checked = store.check_file(&SignedFile::read(&text).map_err(StoreError::Refused)?).await?;
            if let Some(change) = checked.first().and_then(|v| v.key_change(&file.agreement.typed_name)) {
                new_key.set(Some((file, change)));
                return Ok(None);
            }
            store.import_agreement(file, None).await.map(Some)
        },
        |saved| match saved {
            None => Said::Nothing,
            Some(saved) if saved.data.status == ContractStatus::Agreed => {
                tr!("Agreement added. Every party has agreed to version {version}.", version = saved.data.version).into()
            }
            Some(_) => t("Agreement added.").into(),
        },
    );

    let withdraw = store_action(
        {
            let id = record.id.clone();
            move |store, _: ()| {
                let id = id.clone();
                async move { store.withdraw_contract(&id).await }
            }
        },
        |_| t("The proposal was withdrawn; the contract is a draft again.").into(),
    );

    view! {
        <section class="panel" aria-labelledby="agreement-title">
            <h2 id="agreement-title">{t("Agreement")}</h2>
            <p>
                {t("Each party reads this version and agrees by typing their full name. Send the proposal, as a file or a link, \
                to anyone using their own copy of Accord; they agree there and send their agreement back the same way.")}
            </p>
            <Signatures record=record.clone() />
            <div class="exchange">
                <button type="button" class="button" on:click=download_proposal>{t("Download the proposal file")}</button>
                <button type="button" class="button" on:click=make_proposal_link>{t("Send the proposal as a link")}</button>
                <label class="button file-button">
                    {t("Add an agreement from a file")}
                    <input type="file" accept=".json,application/json" class="visually-hidden"
                        on:change=move |ev| {
                            let input: web_sys::HtmlInputElement = event_target(&ev);
                            import.dispatch(ChosenFile::new(input));
                        } />
                </label>
                <button type="button" class="button button--quiet" on:click=move |_| { withdraw.dispatch(()); }>{t("Withdraw to make changes")}</button>
            </div>
            <ActionError action=import />
            {move || new_key.get().map(|(file, change)| view! { <AddAgreement file=file change=Some(change) on_added=Callback::new(move |_| new_key.set(None)) /> })}
            <ActionError action=withdraw />
            {move || proposal_link.get().map(|link| {
                let names = others.get().unwrap_or_default();
                view! {
                    <SharePanel link=link name=names.clone() id="share-proposal".to_string()
                        title=tr!("Accord: version {version} of the contract, proposed to {names}", version = version, names = names) />
                }
            })}
            {agreed.into_iter().map(|agreement| view! { <AgreementFileLink record=record.clone() agreement=agreement parties=parties.clone() others=others /> }).collect_view()}
            {awaiting.into_iter().map(|party| view! { <AgreeForm record=record.clone() parties=parties.clone() party=party /> }).collect_view()}
        </section>
        <ContractDocumentView record=record.clone() parties=parties.clone() />
    }
}

/// The names of the engagement's people other than the one using this device (all of
/// them until the store has said who that is), for "Link for …".
fn others_in(id: RecordId, parties: Parties) -> Signal<Option<String>> {
    let me = store_resource(move |store| {
        let id = id.clone();
        async move { store.my_role(&id).await }
    });
    Signal::derive(move || {
        let me = me.get().and_then(Result::ok);
        let names: Vec<String> = (parties.signatories().into_iter())
            .filter(|party| Some(*party) != me)
            .filter_map(|party| parties.name_of(party).map(str::to_string))
            .collect();
        (!names.is_empty()).then(|| names.join(", "))
    })
}

/// After a party agreed here: the file (or a link) to send back to the others, `others`
/// (read once per screen by [`others_in`]).
#[component]
fn AgreementFileLink(record: Record<Contract>, agreement: Agreement, parties: Parties, others: Signal<Option<String>>) -> impl IntoView {
    let role = parties.role_of(agreement.party);
    let name = parties.name_of(agreement.party).unwrap_or_default().to_string();
    let text = exchange::write_agreement(&record, &agreement);
    let link = RwSignal::new(None::<LinkToSend>);
    let compact = share_link::compact(&text);
    let file_name = files::file_name(&["agreement", &name, &format!("v{}", record.data.version)]);
    let notices = Notices::expect();
    let id = format!("share-agreement-{}", agreement.party.as_str());
    let title = tr!("Accord: the agreement of {name} to version {version}", name = name.clone(), version = record.data.version);
    view! {
        <div class="exchange__file">
            <p>
                <button type="button" class="button button--quiet" on:click=move |_| {
                    if let Err(problem) = files::download(&file_name, "application/json", &text) {
                        notices.show(tr!("The file could not be saved: {problem}", problem = problem));
                    }
                }>{tr!("Download the agreement of the {role} ({name})", role = lower(t(role)), name = name.clone())}</button>
                " "
                <button type="button" class="button button--quiet" on:click=move |_| link.set(Some(LinkToSend::new(compact.clone())))>
                    {tr!("Send {name}'s agreement as a link", name = name)}</button>
            </p>
            {move || link.get().map(|link| view! {
                <SharePanel link=link name=others.get().unwrap_or_default() id=id.clone() title=title.clone() />
            })}
        </div>
    }
}

/// Agreeing as one party: full name and the acknowledgements, for this exact version.
#[component]
fn AgreeForm(record: Record<Contract>, parties: Parties, party: Party) -> impl IntoView {
    let role = parties.role_of(party);
    let name = parties.name_of(party).unwrap_or_default().to_string();
    let typed = RwSignal::new(String::new());
    let confidentiality = RwSignal::new(false);
    let reporting = RwSignal::new(false);
    let three_way = parties.is_three_way();
    let open = RwSignal::new(false);
    let version = record.data.version;
    let hash = record.data.hash.clone().unwrap_or_default();
    let id = record.id.clone();
    let agree = store_action(
        move |store, agreement: Agreement| {
            let id = id.clone();
            async move { store.agree_contract(&id, agreement).await }
        },
        |saved| {
            if saved.data.status == ContractStatus::Agreed {
                tr!("Every party has agreed. Version {version} is now agreed and frozen. Download your agreement file below and send it to the other parties.", version = saved.data.version).into()
            } else {
                t("Agreement recorded. Download the agreement file to send it to the other parties.").into()
            }
        },
    );
    let slug = party.as_str();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        agree.dispatch(Agreement {
            party,
            typed_name: typed.get_untracked(),
            acknowledged_confidentiality_limits: confidentiality.get_untracked(),
            acknowledged_sponsor_reporting: reporting.get_untracked() || !three_way,
            agreed_at: clock::now(),
            contract_hash: hash.clone(),
            signature: None,
        });
    };
    view! {
        <div class="agree">
            <Show when=move || open.get() fallback=move || view! {
                <button type="button" class="button button--primary" on:click=move |_| open.set(true)>
                    {tr!("Agree as {role} ({name})", role = lower(t(role)), name = name)}
                </button>
            }>
                <form class="form agree__form" novalidate on:submit=submit.clone()
                    aria-label=tr!("Agree as {role}", role = lower(t(role)))>
                    <h3>{tr!("Agree to version {version} as {role}", version = version, role = lower(t(role)))}</h3>
                    <ActionError action=agree />
                    <TextField field=Field::AgreementName(party) label=t("Your full name") value=typed required=true
                        help=t("Type your name exactly as it appears in the contract.") autocomplete="name" />
                    <div class="checkbox">
                        <input type="checkbox" id=format!("ack-confidentiality-{slug}")
                            on:change=move |ev| confidentiality.set(event_target_checked(&ev)) />
                        <label for=format!("ack-confidentiality-{slug}")>{t("I have read the limits of confidentiality (clause 8)")}</label>
                    </div>
                    {three_way.then(|| view! {
                        <div class="checkbox">
                            <input type="checkbox" id=format!("ack-reporting-{slug}")
                                on:change=move |ev| reporting.set(event_target_checked(&ev)) />
                            <label for=format!("ack-reporting-{slug}")>{t("I have read what may be reported to the sponsor (clause 9)")}</label>
                        </div>
                    })}
                    <div class="form__actions">
                        <button type="submit" class="button button--primary" disabled=move || agree.pending().get()>
                            {tr!("I agree to version {version}", version = version)}
                        </button>
                    </div>
                </form>
            </Show>
        </div>
    }
}

/// An agreed (or superseded, or ended) version: frozen, printable, and the starting point
/// for re-contracting.
#[component]
fn AgreedContract(record: Record<Contract>, parties: Parties) -> impl IntoView {
    let status = record.data.status;
    let id = record.id.clone();
    let recontract = store_action(
        move |store, _: ()| {
            let id = id.clone();
            async move { store.recontract(&id).await }
        },
        |draft| tr!("Version {version} is a new draft. Change what needs changing, then propose it.", version = draft.data.version).into(),
    );
    let end_id = record.id.clone();
    let end = store_action(
        move |store, _: ()| {
            let id = end_id.clone();
            async move { store.end_contract(&id).await }
        },
        |_| t("The contract is marked as ended. It stays here to read and print.").into(),
    );
    let print = Route::ContractPrint(record.data.engagement_id.clone(), record.data.version).href();
    view! {
        <section class="panel" aria-labelledby="agreed-title">
            <h2 id="agreed-title">{match status {
                ContractStatus::Agreed => t("Agreed by every party"),
                ContractStatus::Superseded => t("Replaced by a newer version"),
                _ => t("Ended"),
            }}</h2>
            <p>{t("This version is frozen: it cannot be edited. A change makes a new version that every party agrees to again.")}</p>
            <Signatures record=record.clone() />
            <div class="exchange">
                <a class="button" href=print>{t("Print or save as PDF")}</a>
                {(status == ContractStatus::Agreed).then(|| view! {
                    <button type="button" class="button button--primary" on:click=move |_| { recontract.dispatch(()); }
                        disabled=move || recontract.pending().get()>{t("Change the contract (new version)")}</button>
                })}
            </div>
            <ActionError action=recontract />
            {(status == ContractStatus::Agreed).then(|| view! {
                <details class="end-contract">
                    <summary>{t("End the contract…")}</summary>
                    <p>{t("When the engagement closes, mark its contract as ended. It stays here to read and print, and cannot be changed again.")}</p>
                    <button type="button" class="button button--danger" on:click=move |_| { end.dispatch(()); }
                        disabled=move || end.pending().get()>{t("End the contract")}</button>
                </details>
            })}
            <ActionError action=end />
            <AgreementFiles record=record.clone() parties=parties.clone() />
        </section>
        <ContractDocumentView record=record parties=parties />
    }
}

/// Every agreement on this version as a file, whatever its status: the party who agreed
/// last on their own device sends theirs back this way, so every copy shows every agreement.
#[component]
fn AgreementFiles(record: Record<Contract>, parties: Parties) -> impl IntoView {
    let agreements = record.data.agreements.clone();
    let others = others_in(record.data.engagement_id.clone(), parties.clone());
    (!agreements.is_empty()).then(|| {
        view! {
            <div class="agreement-files">
                <h3>{t("Agreement files")}</h3>
                <p>{t("If you agreed on this device, send your agreement file to the other parties so their copies show it too.")}</p>
                {agreements.into_iter().map(|agreement| view! { <AgreementFileLink record=record.clone() agreement=agreement parties=parties.clone() others=others /> }).collect_view()}
            </div>
        }
    })
}

#[component]
pub fn ContractVersionPage(engagement_id: RecordId, version: u32) -> impl IntoView {
    with_contract_data(engagement_id, move |data| {
        let Some(record) = data.versions.iter().find(|v| v.data.version == version).cloned() else {
            return view! { <NotFound /> }.into_any();
        };
        let current = Parties::of(&data.engagement.data);
        let parties = record.data.parties_or(&current).clone();
        let previous = data.versions.iter().find(|v| v.data.version + 1 == version).cloned();
        let changed = previous.map(|older| {
            let older_parties = older.data.parties_or(&current).clone();
            (changes(&older.data, &older_parties, &record.data, &parties), older.data.version)
        });
        let contract_href = Route::Contract(data.engagement.id.clone()).href();
        let print_href = Route::ContractPrint(data.engagement.id.clone(), version).href();
        view! {
            <p class="breadcrumb"><a href=contract_href>{t("← The contract")}</a></p>
            <PageHeader title=tr!("Contract version {version}", version = version) lead=tr!("With {client}", client = data.engagement.data.client.as_str())>
                {status_badge(record.data.status)}
                <a class="button" href=print_href>{t("Print")}</a>
            </PageHeader>
            <VersionList engagement_id=data.engagement.id.clone() versions=data.versions.clone() />
            {changed.map(|(changes, from)| view! { <ChangesView changes=changes from_version=from /> })}
            <Signatures record=record.clone() />
            <ContractDocumentView record=record parties=parties />
        }
        .into_any()
    })
}

#[component]
pub fn ContractPrintPage(engagement_id: RecordId, version: u32) -> impl IntoView {
    with_contract_data(engagement_id, move |data| {
        let Some(record) = data.versions.iter().find(|v| v.data.version == version).cloned() else {
            return view! { <NotFound /> }.into_any();
        };
        let current = Parties::of(&data.engagement.data);
        let parties = record.data.parties_or(&current).clone();
        let kind = t(parties.kind.label());
        let hash = record.data.hash.clone().unwrap_or_else(|| t("not proposed yet").into());
        // The footer prints at the foot of every page (style/main.css), so each printed page
        // says which version it belongs to.
        view! {
            <div class="print-only-hide print-bar">
                <a href=Route::Contract(data.engagement.id.clone()).href()>{t("← The contract")}</a>
                <button type="button" class="button button--primary" on:click=|_| { let _ = window().print(); }>{t("Print")}</button>
            </div>
            <div class="print-page print-page--running-footer">
                <h1>{tr!("{kind} contract: {client}", kind = kind, client = parties.client.as_str())}</h1>
                <p class="print-page__meta">{tr!("Version {version} · {status}", version = version, status = t(record.data.status.label()))}</p>
                <ContractDocumentView record=record.clone() parties=parties />
                <section class="document__section">
                    <h2>{t("Signatures")}</h2>
                    <Signatures record=record />
                </section>
                <footer class="print-page__footer">{tr!("Version {version} · SHA-256 {hash}", version = version, hash = hash)}</footer>
            </div>
        }
        .into_any()
    })
}

/// Opens a proposal someone sent as a file, in this copy of the app
/// (`ui::proposal_open`).
#[component]
pub fn OpenProposalPage() -> impl IntoView {
    view! {
        <PageHeader title=t("Open a proposal")
            lead=t("Someone sent you a contract proposal file from their copy of Accord. Open it here to read it and agree.") />
        <OpenProposal />
    }
}
