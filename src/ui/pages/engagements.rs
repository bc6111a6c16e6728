//! [`EngagementsPage`]: every engagement as a card, most recently changed first, or an
//! empty state that explains what to do first.

use crate::i18n::{render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::goal::{progress, ItemStatus};
use crate::domain::party::Party;
use crate::domain::perspective::role_in;
use crate::domain::{Engagement, Record};
use crate::platform::clock::{self, today};
use crate::ui::actions::store_resource;
use crate::ui::attention::AttentionPanel;
use crate::ui::components::{when_read, ErrorNotice, Loading, PageHeader};
use crate::ui::format;
use crate::ui::route::Route;

#[component]
pub fn EngagementsPage() -> impl IntoView {
    let engagements = store_resource(|store| async move { Ok((store.list_engagements().await?, store.perspectives().await?)) });

    view! {
        {move || match engagements.get() {
            None => view! { <ListHeader count=None /><Loading what=t("engagements") /> }.into_any(),
            Some(Err(error)) => view! { <ListHeader count=None /><ErrorNotice error=error /> }.into_any(),
            Some(Ok((list, _))) if list.is_empty() => view! { <ListHeader count=Some(0) /><EmptyState /> }.into_any(),
            Some(Ok((list, perspectives))) => view! {
                <ListHeader count=Some(list.len()) />
                <BackupReminder />
                <DueForDisposal />
                <AttentionPanel />
                <Dashboard engagements=list.clone() />
                <h2 class="section-title">{t("Active engagements")}</h2>
                <ul class="card-list" aria-label=t("Engagements")>
                    {list.into_iter().map(|record| {
                        let me = role_in(&perspectives, &record.id);
                        view! { <EngagementCard record=record me=me /> }
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

/// The list's header: the count, and "New engagement" once there is a list (the empty
/// state has its own, single call to action).
#[component]
fn ListHeader(count: Option<usize>) -> impl IntoView {
    let lead = match count {
        Some(1) => t("1 coaching or mentoring relationship.").to_string(),
        Some(n) if n > 1 => tr!("{n} coaching and mentoring relationships.", n = n),
        _ => t("Your coaching and mentoring relationships.").to_string(),
    };
    let has_list = count.is_some_and(|n| n > 0);
    view! {
        <PageHeader title=t("Engagements") lead=lead>
            {has_list.then(|| view! {
                <a class="button" href=Route::OpenProposal.href()>{t("Open a proposal")}</a>
                <a class="button button--primary" href=Route::NewEngagement.href()>{t("New engagement")}</a>
            })}
        </PageHeader>
    }
}

/// A gentle reminder to back up after many changes or a week (the rule is
/// [`crate::domain::backup::reminder`]).
#[component]
fn BackupReminder() -> impl IntoView {
    let reminder = store_resource(|store| async move {
        let (last, changes) = store.changes_since_backup().await?;
        Ok(crate::domain::backup::reminder(last, changes, crate::platform::clock::now()))
    });
    move || {
        reminder.get().and_then(Result::ok).flatten().map(|text| {
            view! {
                <div class="notice backup-reminder" role="status">
                    <p>{render(&text)}</p>
                    <p><a href=Route::YourData.href()>{t("Back up now")}</a></p>
                </div>
            }
        })
    }
}

/// Engagements whose retention period is over, with the day each fell due: each links to
/// where disposal is done (`domain::retention`). Shown only when there is one.
#[component]
fn DueForDisposal() -> impl IntoView {
    let due = store_resource(|store| async move { store.due_for_disposal(today()).await });
    move || {
        due.get().and_then(Result::ok).filter(|due| !due.is_empty()).map(|due| {
            view! {
                <section class="panel panel--attention" aria-labelledby="disposal-title">
                    <h2 id="disposal-title">{t("Notes due for disposal")}</h2>
                    <p>{t("The retention period in these contracts is over. The contracts promise the notes are then deleted.")}</p>
                    <ul>{due.into_iter().map(|(record, due_on)| view! {
                        <li>
                            <a href=Route::Engagement(record.id.clone()).href()>{render(&record.data.client_shown())}</a>
                            {tr!(" · due since {date}", date = due_on.local())}
                        </li>
                    }).collect_view()}</ul>
                </section>
            }
        })
    }
}

/// Across every engagement: goals at risk and the next actions due.
#[component]
fn Dashboard(engagements: Vec<Record<Engagement>>) -> impl IntoView {
    let goals = store_resource(|store| async move { store.list_all_goals().await });
    let names: Vec<(crate::domain::RecordId, String)> =
        engagements.iter().map(|e| (e.id.clone(), render(&e.data.client_shown()))).collect();
    view! {
        {when_read(goals, t("goals"), move |all| {
                let names = &names;
                let client_of = move |id: &crate::domain::RecordId| names.iter().find(|(e, _)| e == id).map(|(_, n)| n.clone());
                let today = today();
                let visible: Vec<_> = all.into_iter().filter(|g| client_of(&g.data.engagement_id).is_some()).collect();
                let at_risk: Vec<_> = visible
                    .iter()
                    .filter(|g| progress::needs_attention(&g.data, today, clock::date_of(g.created_at)))
                    .map(|g| (g.data.engagement_id.clone(), g.id.clone(), g.data.title.clone(), client_of(&g.data.engagement_id).unwrap_or_default(), progress::overdue_items(&g.data, today).len()))
                    .collect();
                let mut due: Vec<_> = visible
                    .iter()
                    .flat_map(|g| g.data.items.iter().filter(|i| i.due.is_some() && !matches!(i.status, ItemStatus::Done | ItemStatus::Dropped))
                        .map(move |i| (i.due, i.title.clone(), g.data.engagement_id.clone(), g.id.clone(), client_of(&g.data.engagement_id).unwrap_or_default())))
                    .collect();
                due.sort_by_key(|d| d.0);
                due.truncate(8);
                view! {
                    <div class="dashboard">
                        <section class="panel" aria-labelledby="risk-title">
                            <h2 id="risk-title">{t("Goals needing attention")}</h2>
                            {if at_risk.is_empty() {
                                view! { <p>{t("None: every goal has recent progress and nothing is overdue.")}</p> }.into_any()
                            } else {
                                view! { <ul>{at_risk.into_iter().map(|(eid, gid, title, client, overdue)| view! {
                                    <li><a href=Route::Goal(eid, gid).href()>{title}</a>{format!(" · {client}")}
                                        {if overdue > 0 { tr!(" · {n} overdue", n = overdue) } else { t(" · no progress in 3 weeks").to_string() }}</li>
                                }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                        <section class="panel" aria-labelledby="due-title">
                            <h2 id="due-title">{t("Next actions due")}</h2>
                            {if due.is_empty() {
                                view! { <p>{t("No dated actions open.")}</p> }.into_any()
                            } else {
                                view! { <ul>{due.into_iter().map(|(date, title, eid, gid, client)| {
                                    let late = date.is_some_and(|d| d < today);
                                    view! {
                                        <li class:dashboard__late=late><a href=Route::Goal(eid, gid).href()>{title}</a>
                                            {format!(" · {client} · {}{}", date.map(|d| d.local()).unwrap_or_default(), if late { t(" (overdue)") } else { "" })}</li>
                                    }
                                }).collect_view()}</ul> }.into_any()
                            }}
                        </section>
                    </div>
                }.into_any()
            }
        )}
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">{t("No engagements yet")}</h2>
            <p>
                {t("An engagement is one coaching or mentoring relationship: who the client or mentee is, \
                who coaches or mentors them, and what kind of relationship it is. \
                Start with the first person you work with; the contract, goals and sessions build on it.")}
            </p>
            <p class="empty-state__privacy">{t("Everything you enter stays in this browser, on this device.")}</p>
            <a class="button button--primary" href=Route::NewEngagement.href()>{t("Create your first engagement")}</a>
            <p class="empty-state__alt">
                {t("Were you sent a contract proposal? ")}
                <a href=Route::OpenProposal.href()>{t("Open the proposal file")}</a>
                {t(" instead.")}
            </p>
        </section>
    }
}

/// One engagement in the list; one where the device's owner is the client or the sponsor
/// says so in words ("You: client").
#[component]
fn EngagementCard(record: Record<Engagement>, me: Party) -> impl IntoView {
    let engagement = record.data;
    let kind = engagement.kind;
    let my_part = match me {
        Party::Practitioner => None,
        Party::Client => Some(t("You: client")),
        Party::Sponsor => Some(t("You: sponsor")),
    };
    view! {
        <li class="card">
            <p class="card__eyebrow">
                <span class=format!("badge badge--{}", kind.as_str())>{t(kind.label())}</span>
                {my_part.map(|words| view! { " "<span class="badge badge--part">{words}</span> })}
            </p>
            <h2 class="card__title">
                <a class="card__link" href=Route::Engagement(record.id.clone()).href()>{render(&engagement.client_shown())}</a>
            </h2>
            <p class="card__summary">{render(&engagement.summary())}</p>
            <dl class="card__facts">
                <div><dt>{t(kind.practitioner_role())}</dt><dd>{engagement.practitioner.as_str().to_string()}</dd></div>
                <div><dt>{t("Updated")}</dt><dd>{format::date(record.updated_at)}</dd></div>
            </dl>
        </li>
    }
}
