//! [`EngagementPage`]: one engagement as the device's owner sees it in their part: the
//! practitioner's page here, the client's copy in [`client::ClientCopy`], the sponsor's in
//! [`sponsor::SponsorCopy`]. The practitioner's shows who is involved and what kind of
//! relationship it is, with Edit and Delete. Deleting asks for confirmation, then offers Undo. Retention,
//! disposal and erasure are in [`retention::RetentionPanel`]. Once its notes were disposed
//! of, the page shows only what stays.

mod client;
mod retention;
mod sponsor;

use crate::i18n::{lower, number, plural, render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::{Contract, ContractStatus};
use crate::domain::kinds::RecordKind;
use crate::domain::party::Party;
use crate::domain::session::Status;
use crate::domain::{Engagement, Record, RecordId};
use crate::platform::clock::today;
use crate::platform::location;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::components::{close_modal, open_modal, when_read, ActionError, ErrorNotice, PageHeader, Undo};
use crate::ui::data::{with_engagement, SessionsData};
use crate::ui::format;
use crate::ui::perspective::MyPartPanel;
use crate::ui::route::Route;
use crate::ui::session_fields::when;
use crate::ui::AppState;
use client::ClientCopy;
use retention::RetentionPanel;
use sponsor::SponsorCopy;

#[component]
pub fn EngagementPage(id: RecordId) -> impl IntoView {
    with_engagement(id, |record| view! { <ForMyPart record=record /> }.into_any())
}

/// The engagement as the device's owner sees it in their part (`Store::my_role`): the
/// practitioner's page, the client's copy or the sponsor's. What stays after disposal is
/// the same for everyone.
#[component]
fn ForMyPart(record: Record<Engagement>) -> impl IntoView {
    let id = record.id.clone();
    let role = store_resource(move |store| {
        let id = id.clone();
        async move { store.my_role(&id).await }
    });
    when_read(role, t("your part"), move |me| {
        let record = record.clone();
        match me {
            _ if record.data.disposed.is_some() => view! { <EngagementDetails record=record /> }.into_any(),
            Party::Practitioner => view! { <EngagementDetails record=record /> }.into_any(),
            Party::Client => view! { <ClientCopy record=record /> }.into_any(),
            Party::Sponsor => view! { <SponsorCopy record=record /> }.into_any(),
        }
    })
}

/// "Download this engagement": the relationship file for the other party, with the shared
/// notes only, and what came of the download.
#[component]
fn DownloadEngagement(engagement_id: RecordId, client: String) -> impl IntoView {
    let relationship = (engagement_id, client);
    let download = Action::new_local(move |_: &()| {
        let state = AppState::expect();
        let relationship = relationship.clone();
        async move { crate::ui::backup::download_backup(&state, Some(relationship), None).await }
    });
    view! {
        <p class="field__help">{t("Download this engagement as a relationship file to share with the other party: its contract, goals and sessions, with the shared notes only. Private notes stay on this device.")}</p>
        <p class="panel__action">
            <button type="button" class="button" on:click=move |_| { download.dispatch(()); }
                disabled=move || download.pending().get()>{t("Download this engagement")}</button>
        </p>
        {move || download.value().get().map(|result| match result {
            Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
            Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
        })}
    }
}

/// The contract as the client or the sponsor sees it in their copy: its status and
/// version, whether their agreement is awaited, and the way to review and agree it.
#[component]
fn ContractForMe(
    engagement_id: RecordId,
    me: Party,
    contract: Option<Contract>,
    /// What to say while there is no contract.
    none_yet: &'static str,
    /// A line about what the contract holds for this person, if any.
    #[prop(optional)]
    about: Option<&'static str>,
) -> impl IntoView {
    let href = Route::Contract(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="contract-title">
            <h2 id="contract-title">{t("The contract")}</h2>
            {match contract {
                None => view! { <p>{none_yet}</p> }.into_any(),
                Some(contract) => {
                    let status = contract.status;
                    let mine_to_give = status == ContractStatus::Proposed && contract.awaiting().contains(&me);
                    view! {
                        <p>
                            <span class=format!("status status--{}", status.as_str())>{t(status.label())}</span>
                            {tr!(" Version {version}.", version = contract.version)}
                            {mine_to_give.then(|| t(" Waiting for your agreement."))}
                        </p>
                        {about.map(|line| view! { <p>{line}</p> })}
                        <p class="panel__action">
                            {if mine_to_give {
                                view! { <a class="button button--primary" href=href.clone()>{t("Review and agree")}</a> }.into_any()
                            } else {
                                view! { <a class="button" href=href.clone()>{t("Open the contract")}</a> }.into_any()
                            }}
                        </p>
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Where the engagement's contract stands, with the way in.
#[component]
fn ContractSummary(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let versions = store_resource(move |store| {
        let id = id.clone();
        async move { store.list_contracts(&id).await }
    });
    let href = Route::Contract(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="contract-title">
            <h2 id="contract-title">{t("Contract")}</h2>
            {when_read(versions, t("the contract"), move |list| match list.last() {
                    None => view! {
                        <p>{t("No contract yet. Every professional body expects an explicit contract before the first session.")}</p>
                        <a class="button button--primary" href=href.clone()>{t("Start the contract")}</a>
                    }.into_any(),
                    Some(latest) => {
                        let status = latest.data.status;
                        let waiting = latest.data.awaiting().len();
                        let note = match status {
                            ContractStatus::Draft => t("Being drafted.").to_string(),
                            ContractStatus::Proposed => tr!("Waiting for {n} of the parties to agree.", n = waiting),
                            ContractStatus::Agreed => t("Agreed by every party.").to_string(),
                            other => format!("{}.", t(other.label())),
                        };
                        view! {
                            <p>
                                <span class=format!("status status--{}", status.as_str())>{t(status.label())}</span>
                                {tr!(" Version {version}. {note}", version = latest.data.version, note = note)}
                            </p>
                            <a class="button" href=href.clone()>{t("Open the contract")}</a>
                        }.into_any()
                    }
                }
            )}
        </section>
    }
}

/// How many goals, and the latest GAS T-score, with the way in.
#[component]
fn GoalsSummary(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let goals = store_resource(move |store| {
        let id = id.clone();
        async move { store.list_goals(&id).await }
    });
    let href = Route::Goals(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="goals-title">
            <h2 id="goals-title">{t("Goals")}</h2>
            {when_read(goals, t("the goals"), move |list| {
                    let goals: Vec<crate::domain::goal::Goal> = list.into_iter().map(|r| r.data).collect();
                    let trend = crate::domain::goal::gas::trend(&goals);
                    let text = match (goals.len(), trend.last()) {
                        (0, _) => t("No goals yet.").to_string(),
                        (n, None) => tr!("{goals}, not scored yet.", goals = plural(n, "1 goal", "{n} goals")),
                        (n, Some((point, score))) => tr!("{goals}. GAS T-score at {point}: {score}.", goals = plural(n, "1 goal", "{n} goals"), point = lower(t(point.label())), score = number(*score, 1)),
                    };
                    view! { <p>{text}</p><a class="button" href=href.clone()>{t("Open the goals")}</a> }.into_any()
                }
            )}
        </section>
    }
}

/// Which rounds of the wheel of life are taken, with the way in.
#[component]
fn WheelSummary(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let wheel = store_resource(move |store| {
        let id = id.clone();
        async move { store.get_wheel(&id).await }
    });
    let href = Route::Wheel(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="wheel-title">
            <h2 id="wheel-title">{t("Wheel of life")}</h2>
            {when_read(wheel, t("the wheel of life"), move |found| {
                let rounds: Vec<String> = found.map(|r| r.data.wheel.rounds().iter().map(|round| t(round.point.label()).to_string()).collect()).unwrap_or_default();
                let text = if rounds.is_empty() {
                    t("Not scored yet: areas of life from 1 to 10, at the start, the mid-point and the end.").to_string()
                } else {
                    tr!("Scored at: {rounds}.", rounds = rounds.join(", "))
                };
                view! { <p>{text}</p><a class="button" href=href.clone()>{t("Open the wheel of life")}</a> }.into_any()
            })}
        </section>
    }
}

/// The questionnaires given, and how many wait for answers, with the way in. The
/// client's copy says it as hers to answer.
#[component]
fn QuestionnairesSummary(engagement_id: RecordId, me: Party) -> impl IntoView {
    let id = engagement_id.clone();
    let given = store_resource(move |store| {
        let id = id.clone();
        async move { store.list_questionnaires(&id).await }
    });
    let href = Route::Questionnaires(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="questionnaires-title">
            <h2 id="questionnaires-title">{t("Questionnaires")}</h2>
            {when_read(given, t("the questionnaires"), move |given| {
                let waiting = given.iter().filter(|q| q.data.rounds.is_empty()).count();
                let text = match (given.len(), waiting, me) {
                    (0, _, Party::Client) => t("None yet. When your coach or mentor sends one, it shows here for you to answer.").to_string(),
                    (0, _, _) => t("None given yet. Start from the intake questionnaire, the end-of-engagement feedback form or a blank one.").to_string(),
                    (n, 0, _) => tr!("{n} given, all answered.", n = n),
                    (n, w, Party::Client) => tr!("{n} given; {w} waiting for your answers.", n = n, w = w),
                    (n, w, _) => tr!("{n} given; {w} not answered yet.", n = n, w = w),
                };
                view! { <p>{text}</p><a class="button" href=href.clone()>{t("Open the questionnaires")}</a> }.into_any()
            })}
        </section>
    }
}

/// Sessions used and remaining, and the next one, with the way in.
#[component]
fn SessionsSummary(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let data = store_resource(move |store| {
        let id = id.clone();
        async move { SessionsData::read(&store, &id).await }
    });
    let href = Route::Sessions(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="sessions-title">
            <h2 id="sessions-title">{t("Sessions")}</h2>
            {when_read(data, t("the sessions"), move |read| match read {
                None => ().into_any(),
                Some(data) => {
                    let today = today();
                    let next = data.sessions.iter().find(|s| s.data.status == Status::Planned && s.data.date >= today);
                    view! {
                        <p>{format::allocation(&data.allocation())}</p>
                        <p>{next.map_or_else(|| t("Nothing planned.").to_string(), |s| tr!("Next: {when} ({what}).", when = when(&s.data), what = lower(t(s.data.title()))))}</p>
                        <a class="button" href=href.clone()>{t("Open the sessions")}</a>
                    }.into_any()
                }
            })}
        </section>
    }
}

#[component]
fn EngagementDetails(record: Record<Engagement>) -> impl IntoView {
    let engagement = record.data.clone();
    let kind = engagement.kind;
    let client = render(&engagement.client_shown());
    if let Some(disposal) = engagement.disposed {
        return view! { <DisposedEngagement record=record.clone() client=client on=disposal.on /> }.into_any();
    }
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let delete = store_action(|store, id: RecordId| async move { store.delete_engagement(&id).await.map(|_| id) }, {
        let client = client.clone();
        move |id| {
            location::set_fragment(&Route::Engagements.fragment());
            let undo = Undo { kind: RecordKind::Engagement, id, restored: tr!("Restored the engagement with {client}.", client = client) };
            Said::Undoable(tr!("Deleted the engagement with {client}.", client = client), undo)
        }
    });

    let open_dialog = move |_| open_modal(dialog);
    let close_dialog = move |_| close_modal(dialog);
    let id = record.id.clone();
    let edit_href = Route::EditEngagement(record.id.clone()).href();
    let engagement_id = record.id.clone();
    let confirm_delete = move |_| {
        delete.dispatch(id.clone());
    };

    view! {
        <p class="breadcrumb"><a href=Route::Engagements.href()>{t("← All engagements")}</a></p>
        <PageHeader title=client.clone() lead=render(&engagement.summary()) badge=kind>
            <a class="button button--primary" href=edit_href>{t("Edit")}</a>
            <button type="button" class="button button--danger-quiet" on:click=open_dialog>{t("Delete")}</button>
        </PageHeader>
        <ActionError action=delete />

        <section class="panel" aria-labelledby="parties-title">
            <h2 id="parties-title">{t("Who is involved")}</h2>
            <dl class="facts">
                <div><dt>{t(kind.client_role())}</dt><dd>{client.clone()}</dd></div>
                <div><dt>{t(kind.practitioner_role())}</dt><dd>{engagement.practitioner.as_str().to_string()}</dd></div>
                <div><dt>{t("Relationship")}</dt><dd>{t(kind.label())}<span class="facts__note">{t(kind.description())}</span></dd></div>
                <div><dt>{t("Style")}</dt><dd>{t(engagement.dial().label())}</dd></div>
                <div><dt>{t("Accreditation")}</dt><dd>{t(engagement.accreditation.label())}</dd></div>
                <div>
                    <dt>{t("Sponsor")}</dt>
                    <dd>{engagement.sponsor.as_ref().map_or_else(
                        || t("None: a two-way relationship").to_string(),
                        |s| if s.role.is_empty() {
                            format!("{} ({})", s.organisation, s.contact.as_str())
                        } else {
                            format!("{} ({}, {})", s.organisation, s.contact.as_str(), s.role)
                        },
                    )}</dd>
                </div>
                <div>
                    <dt>{t("Title")}</dt>
                    <dd>{engagement.title.as_ref().map_or_else(|| t("No title").to_string(), |t| t.as_str().to_string())}</dd>
                </div>
            </dl>
        </section>
        <MyPartPanel record=record.clone() />
        <ContractSummary engagement_id=engagement_id.clone() />
        <GoalsSummary engagement_id=engagement_id.clone() />
        <SessionsSummary engagement_id=engagement_id.clone() />
        <WheelSummary engagement_id=engagement_id.clone() />
        <QuestionnairesSummary engagement_id=engagement_id.clone() me=Party::Practitioner />
        <section class="panel" aria-labelledby="reports-title">
            <h2 id="reports-title">{t("Reports")}</h2>
            <p>{t("Made on this device from what is recorded here.")}</p>
            <p class="panel__action">
                <a class="button" href=Route::Summary(engagement_id.clone()).href()>{t("Engagement summary")}</a>
                " "
                {engagement.sponsor.is_some().then(|| view! { <a class="button" href=Route::SponsorUpdate(engagement_id.clone()).href()>{t("Sponsor update")}</a> })}
            </p>
        </section>
        <RetentionPanel record=record.clone() />
        <section class="panel" aria-labelledby="record-title">
            <h2 id="record-title">{t("Record")}</h2>
            <dl class="facts">
                <div><dt>{t("Created")}</dt><dd>{format::date(record.created_at)}</dd></div>
                <div><dt>{t("Last changed")}</dt><dd>{format::date(record.updated_at)}</dd></div>
                <div><dt>{t("Stored")}</dt><dd>{t("In this browser, on this device only")}</dd></div>
            </dl>
            <DownloadEngagement engagement_id=engagement_id.clone() client=client.clone() />
        </section>

        <dialog class="dialog" node_ref=dialog aria-labelledby="delete-title" aria-describedby="delete-help">
            <h2 id="delete-title">{tr!("Delete the engagement with {client}?", client = client)}</h2>
            <p id="delete-help">{t("It will disappear from your list. You can undo this straight after deleting.")}</p>
            <div class="dialog__actions">
                <button type="button" class="button button--danger" on:click=confirm_delete
                    disabled=move || delete.pending().get()>{t("Delete engagement")}</button>
                <button type="button" class="button" on:click=close_dialog autofocus>{t("Keep it")}</button>
            </div>
        </dialog>
    }
    .into_any()
}

/// What stays of an engagement after disposal: the facts the coaching log counts, the
/// sessions' dates and lengths, and erasure.
#[component]
fn DisposedEngagement(record: Record<Engagement>, client: String, on: crate::domain::date::Date) -> impl IntoView {
    let engagement = record.data.clone();
    let kind = engagement.kind;
    view! {
        <p class="breadcrumb"><a href=Route::Engagements.href()>{t("← All engagements")}</a></p>
        <PageHeader title=client.clone() lead=tr!("Notes disposed of on {date}.", date = on.local()) badge=kind />
        <section class="panel" aria-labelledby="parties-title">
            <h2 id="parties-title">{t("What stays")}</h2>
            <p>{t("The retention period in the contract ended, and the notes were disposed of. What your coaching log needs stays:")}</p>
            <dl class="facts">
                <div><dt>{t(kind.client_role())}</dt><dd>{client.clone()}</dd></div>
                <div><dt>{t(kind.practitioner_role())}</dt><dd>{engagement.practitioner.as_str().to_string()}</dd></div>
                <div><dt>{t("Relationship")}</dt><dd>{t(kind.label())}</dd></div>
                <div><dt>{t("Individual or group")}</dt><dd>{match engagement.evidence.group_size {
                    Some(n) => tr!("Group of {n}", n = n),
                    None => t("Individual").to_string(),
                }}</dd></div>
                <div><dt>{t("Paid or pro bono")}</dt><dd>{match engagement.disposed.and_then(|d| d.paid) {
                    Some(true) => t("Paid"),
                    Some(false) => t("Pro bono"),
                    None => t("Not known (there was no contract)"),
                }}</dd></div>
            </dl>
        </section>
        <SessionsSummary engagement_id=record.id.clone() />
        <RetentionPanel record=record.clone() />
    }
}
