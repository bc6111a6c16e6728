//! [`EngagementsPage`]: every engagement as a card, most recently changed first, or an
//! empty state that explains what to do first.

use leptos::prelude::*;

use crate::domain::{Engagement, Record};
use crate::ui::components::{ErrorNotice, Loading, PageHeader};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::AppState;

#[component]
pub fn EngagementsPage() -> impl IntoView {
    let state = AppState::expect();
    let engagements = LocalResource::new(move || {
        let state = state.clone();
        state.track_changes();
        async move { state.store.list_engagements().await }
    });

    view! {
        {move || match engagements.get() {
            None => view! { <ListHeader count=None /><Loading what="engagements" /> }.into_any(),
            Some(Err(error)) => view! { <ListHeader count=None /><ErrorNotice error=error /> }.into_any(),
            Some(Ok(list)) if list.is_empty() => view! { <ListHeader count=Some(0) /><EmptyState /> }.into_any(),
            Some(Ok(list)) => view! {
                <ListHeader count=Some(list.len()) />
                <ul class="card-list" aria-label="Engagements">
                    {list.into_iter().map(|record| view! { <EngagementCard record=record /> }).collect_view()}
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
        Some(1) => "1 coaching or mentoring relationship.".to_string(),
        Some(n) if n > 1 => format!("{n} coaching and mentoring relationships."),
        _ => "Your coaching and mentoring relationships.".to_string(),
    };
    let has_list = count.is_some_and(|n| n > 0);
    view! {
        <PageHeader title="Engagements" lead=lead>
            {has_list.then(|| view! {
                <a class="button" href=Route::OpenProposal.href()>"Open a proposal"</a>
                <a class="button button--primary" href=Route::NewEngagement.href()>"New engagement"</a>
            })}
        </PageHeader>
    }
}

#[component]
fn EmptyState() -> impl IntoView {
    view! {
        <section class="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">"No engagements yet"</h2>
            <p>
                "An engagement is one coaching or mentoring relationship: who the client or mentee is, "
                "who coaches or mentors them, and what kind of relationship it is. "
                "Start with the first person you work with; the contract, goals and sessions build on it."
            </p>
            <p class="empty-state__privacy">"Everything you enter stays in this browser, on this device."</p>
            <a class="button button--primary" href=Route::NewEngagement.href()>"Create your first engagement"</a>
            <p class="empty-state__alt">
                "Were you sent a contract proposal? "
                <a href=Route::OpenProposal.href()>"Open the proposal file"</a>
                " instead."
            </p>
        </section>
    }
}

#[component]
fn EngagementCard(record: Record<Engagement>) -> impl IntoView {
    let engagement = record.data;
    let kind = engagement.kind;
    view! {
        <li class="card">
            <p class="card__eyebrow"><span class=format!("badge badge--{}", kind.as_str())>{kind.label()}</span></p>
            <h2 class="card__title">
                <a class="card__link" href=Route::Engagement(record.id.clone()).href()>{engagement.client.as_str().to_string()}</a>
            </h2>
            <p class="card__summary">{engagement.summary()}</p>
            <dl class="card__facts">
                <div><dt>{kind.practitioner_role()}</dt><dd>{engagement.practitioner.as_str().to_string()}</dd></div>
                <div><dt>"Updated"</dt><dd>{format::date(record.updated_at)}</dd></div>
            </dl>
        </li>
    }
}
