//! [`EngagementPage`]: one engagement: who is involved and what kind of relationship it
//! is, with Edit and Delete. Deleting asks for confirmation, then offers Undo.

use leptos::prelude::*;

use crate::domain::contract::ContractStatus;
use crate::domain::{Engagement, Record, RecordId};
use crate::domain::session::Status;
use crate::platform::clock::today;
use crate::platform::location;
use crate::ui::pages::sessions::{when, SessionsData};
use crate::store::StoreError;
use crate::ui::components::{loaded, ErrorNotice, Loading, Notices, PageHeader};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::AppState;

#[component]
pub fn EngagementPage(id: RecordId) -> impl IntoView {
    with_engagement(id, |record| view! { <EngagementDetails record=record /> }.into_any())
}

/// The one way a screen shows a single engagement: it reads it by id (again after every
/// write), says so while reading, shows a storage problem or "not found", and otherwise
/// renders `screen` with the record.
pub fn with_engagement(
    id: RecordId,
    screen: impl Fn(Record<Engagement>) -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let state = AppState::expect();
    let engagement = LocalResource::new(move || {
        let state = state.clone();
        let id = id.clone();
        state.track_changes();
        async move { state.store.get_engagement(&id).await }
    });
    loaded(engagement, "the engagement", screen)
}

/// Where the engagement's contract stands, with the way in.
#[component]
fn ContractSummary(engagement_id: RecordId) -> impl IntoView {
    let state = AppState::expect();
    let id = engagement_id.clone();
    let versions = LocalResource::new(move || {
        let state = state.clone();
        let id = id.clone();
        state.track_changes();
        async move { state.store.list_contracts(&id).await }
    });
    let href = Route::Contract(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="contract-title">
            <h2 id="contract-title">"Contract"</h2>
            {move || match versions.get() {
                None => view! { <Loading what="the contract" /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                Some(Ok(list)) => match list.last() {
                    None => view! {
                        <p>"No contract yet. Every professional body expects an explicit contract before the first session."</p>
                        <a class="button button--primary" href=href.clone()>"Start the contract"</a>
                    }.into_any(),
                    Some(latest) => {
                        let status = latest.data.status;
                        let waiting = latest.data.awaiting().len();
                        let note = match status {
                            ContractStatus::Draft => "Being drafted.".to_string(),
                            ContractStatus::Proposed => format!("Waiting for {waiting} of the parties to agree."),
                            ContractStatus::Agreed => "Agreed by every party.".to_string(),
                            other => format!("{}.", other.label()),
                        };
                        view! {
                            <p>
                                <span class=format!("status status--{}", status.as_str())>{status.label()}</span>
                                {format!(" Version {}. {note}", latest.data.version)}
                            </p>
                            <a class="button" href=href.clone()>"Open the contract"</a>
                        }.into_any()
                    }
                },
            }}
        </section>
    }
}

/// How many goals, and the latest GAS T-score, with the way in.
#[component]
fn GoalsSummary(engagement_id: RecordId) -> impl IntoView {
    let state = AppState::expect();
    let id = engagement_id.clone();
    let goals = LocalResource::new(move || {
        let state = state.clone();
        let id = id.clone();
        state.track_changes();
        async move { state.store.list_goals(&id).await }
    });
    let href = Route::Goals(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="goals-title">
            <h2 id="goals-title">"Goals"</h2>
            {move || match goals.get() {
                None => view! { <Loading what="the goals" /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                Some(Ok(list)) => {
                    let goals: Vec<crate::domain::goal::Goal> = list.into_iter().map(|r| r.data).collect();
                    let trend = crate::domain::goal::gas::trend(&goals);
                    let text = match (goals.len(), trend.last()) {
                        (0, _) => "No goals yet.".to_string(),
                        (n, None) => format!("{n} goal{}, not scored yet.", if n == 1 { "" } else { "s" }),
                        (n, Some((point, t))) => format!("{n} goal{}. GAS T-score at {}: {t:.1}.", if n == 1 { "" } else { "s" }, point.label().to_lowercase()),
                    };
                    view! { <p>{text}</p><a class="button" href=href.clone()>"Open the goals"</a> }.into_any()
                }
            }}
        </section>
    }
}

/// Sessions used and remaining, and the next one, with the way in.
#[component]
fn SessionsSummary(engagement_id: RecordId) -> impl IntoView {
    let state = AppState::expect();
    let id = engagement_id.clone();
    let data = LocalResource::new(move || {
        let state = state.clone();
        let id = id.clone();
        state.track_changes();
        async move { SessionsData::read(&state, &id).await }
    });
    let href = Route::Sessions(engagement_id).href();
    view! {
        <section class="panel" aria-labelledby="sessions-title">
            <h2 id="sessions-title">"Sessions"</h2>
            {move || match data.get() {
                None => view! { <Loading what="the sessions" /> }.into_any(),
                Some(Err(error)) => view! { <ErrorNotice error=error /> }.into_any(),
                Some(Ok(None)) => ().into_any(),
                Some(Ok(Some(data))) => {
                    let today = today();
                    let next = data.sessions.iter().find(|s| s.data.status == Status::Planned && s.data.date >= today);
                    view! {
                        <p>{data.allocation().summary()}</p>
                        <p>{next.map_or_else(|| "Nothing planned.".to_string(), |s| format!("Next: {} ({}).", when(&s.data), s.data.title().to_lowercase()))}</p>
                        <a class="button" href=href.clone()>"Open the sessions"</a>
                    }.into_any()
                }
            }}
        </section>
    }
}

#[component]
fn EngagementDetails(record: Record<Engagement>) -> impl IntoView {
    let state = AppState::expect();
    let notices = Notices::expect();
    let engagement = record.data.clone();
    let kind = engagement.kind;
    let client = engagement.client.as_str().to_string();
    let dialog = NodeRef::<leptos::html::Dialog>::new();

    let delete = Action::new_local({
        let client = client.clone();
        move |id: &RecordId| {
            let state = state.clone();
            let id = id.clone();
            let client = client.clone();
            async move {
                let result = state.store.delete_engagement(&id).await;
                match result {
                    Ok(_) => {
                        state.data_changed();
                        notices.show_with_undo(format!("Deleted the engagement with {client}."), id);
                        location::set_fragment(&Route::Engagements.fragment());
                        None
                    }
                    Err(error) => Some(error),
                }
            }
        }
    });
    let delete_error = move || delete.value().get().flatten();

    let open_dialog = move |_| {
        if let Some(dialog) = dialog.get() {
            let _ = dialog.show_modal();
        }
    };
    let close_dialog = move |_| {
        if let Some(dialog) = dialog.get() {
            dialog.close();
        }
    };
    let id = record.id.clone();
    let edit_href = Route::EditEngagement(record.id.clone()).href();
    let relationship = (record.id.clone(), client.clone());
    let download = Action::new_local(move |_: &()| {
        let state = AppState::expect_untracked();
        let relationship = relationship.clone();
        async move { crate::ui::pages::your_data::download_backup(&state, Some(relationship), None).await }
    });
    let engagement_id = record.id.clone();
    let confirm_delete = move |_| {
        delete.dispatch(id.clone());
    };

    view! {
        <p class="breadcrumb"><a href=Route::Engagements.href()>"← All engagements"</a></p>
        <PageHeader title=client.clone() lead=engagement.summary() badge=kind>
            <a class="button button--primary" href=edit_href>"Edit"</a>
            <button type="button" class="button button--danger-quiet" on:click=open_dialog>"Delete"</button>
        </PageHeader>
        {move || delete_error().map(|error: StoreError| view! { <ErrorNotice error=error /> })}

        <section class="panel" aria-labelledby="parties-title">
            <h2 id="parties-title">"Who is involved"</h2>
            <dl class="facts">
                <div><dt>{kind.client_role()}</dt><dd>{client.clone()}</dd></div>
                <div><dt>{kind.practitioner_role()}</dt><dd>{engagement.practitioner.as_str().to_string()}</dd></div>
                <div><dt>"Relationship"</dt><dd>{kind.label()}<span class="facts__note">{kind.description()}</span></dd></div>
                <div><dt>"Style"</dt><dd>{engagement.dial().label()}</dd></div>
                <div><dt>"Accreditation"</dt><dd>{engagement.accreditation.label()}</dd></div>
                <div>
                    <dt>"Sponsor"</dt>
                    <dd>{engagement.sponsor.as_ref().map_or_else(
                        || "None: a two-way relationship".to_string(),
                        |s| if s.role.is_empty() {
                            format!("{} ({})", s.organisation, s.contact.as_str())
                        } else {
                            format!("{} ({}, {})", s.organisation, s.contact.as_str(), s.role)
                        },
                    )}</dd>
                </div>
                <div>
                    <dt>"Title"</dt>
                    <dd>{engagement.title.as_ref().map_or_else(|| "No title".to_string(), |t| t.as_str().to_string())}</dd>
                </div>
            </dl>
        </section>
        <ContractSummary engagement_id=engagement_id.clone() />
        <GoalsSummary engagement_id=engagement_id.clone() />
        <SessionsSummary engagement_id=engagement_id.clone() />
        <section class="panel" aria-labelledby="reports-title">
            <h2 id="reports-title">"Reports"</h2>
            <p>"Made on this device from what is recorded here."</p>
            <p class="panel__action">
                <a class="button" href=Route::Summary(engagement_id.clone()).href()>"Engagement summary"</a>
                " "
                {engagement.sponsor.is_some().then(|| view! { <a class="button" href=Route::SponsorUpdate(engagement_id.clone()).href()>"Sponsor update"</a> })}
            </p>
        </section>
        <section class="panel" aria-labelledby="record-title">
            <h2 id="record-title">"Record"</h2>
            <dl class="facts">
                <div><dt>"Created"</dt><dd>{format::date(record.created_at)}</dd></div>
                <div><dt>"Last changed"</dt><dd>{format::date(record.updated_at)}</dd></div>
                <div><dt>"Stored"</dt><dd>"In this browser, on this device only"</dd></div>
            </dl>
            <p class="field__help">"Download this engagement as a relationship file to share with the other party: its contract, goals and sessions, with the shared notes only. Private notes stay on this device."</p>
            <p class="panel__action">
                <button type="button" class="button" on:click=move |_| { download.dispatch(()); }
                    disabled=move || download.pending().get()>"Download this engagement"</button>
            </p>
            {move || download.value().get().map(|result| match result {
                Ok(message) => view! { <p class="notice" role="status">{message}</p> }.into_any(),
                Err(error) => view! { <ErrorNotice error=error /> }.into_any(),
            })}
        </section>

        <dialog class="dialog" node_ref=dialog aria-labelledby="delete-title" aria-describedby="delete-help">
            <h2 id="delete-title">{format!("Delete the engagement with {client}?")}</h2>
            <p id="delete-help">"It will disappear from your list. You can undo this straight after deleting."</p>
            <div class="dialog__actions">
                <button type="button" class="button button--danger" on:click=confirm_delete
                    disabled=move || delete.pending().get()>"Delete engagement"</button>
                <button type="button" class="button" on:click=close_dialog autofocus>"Keep it"</button>
            </div>
        </dialog>
    }
}
