//! [`ClientCopy`]: the engagement as the client sees it on their own device (docs/domain.md
//! §8): the next session and the themes they bring to it, the actions to practise with a
//! check-in on each, their goals (the shared ones and their own private ones), their
//! reflections and feedback, the contract to review and agree, and sponsor updates waiting
//! for their approval. The practitioner's evidence and reports are not here.

use crate::i18n::{number, render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::goal::form::GoalForm;
use crate::domain::goal::{progress, CheckIn, CheckInForm, CheckInOutcome, Goal, Visibility};
use crate::domain::party::Party;
use crate::domain::session::form::ThemeForm;
use crate::domain::session::learning::{self, ActionHome, ActionRef};
use crate::domain::session::{Session, Status};
use crate::domain::{Engagement, Field, FieldErrors, Kind, Record, RecordId};
use crate::platform::{clock, ids};
use crate::ui::actions::store_action;
use crate::ui::calendar::CalendarPanel;
use crate::ui::components::{ActionError, Choice, ChoiceField, ErrorSummary, PageHeader, TextAreaField, TextField};
use crate::ui::data::{with_copy_data, CopyData};
use crate::ui::format;
use crate::ui::perspective::MyPartPanel;
use crate::ui::route::Route;
use crate::ui::session_fields::{when, ThemeLine};

use super::{ContractForMe, DownloadEngagement, QuestionnairesSummary, WheelSummary};

#[component]
pub fn ClientCopy(record: Record<Engagement>) -> impl IntoView {
    let id = record.id.clone();
    with_copy_data(id, move |data| view! { <ClientScreen record=record.clone() data=data /> }.into_any())
}

#[component]
fn ClientScreen(record: Record<Engagement>, data: CopyData) -> impl IntoView {
    let engagement = record.data.clone();
    let practitioner = engagement.practitioner.as_str().to_string();
    let title = match engagement.kind {
        Kind::Coaching => tr!("My coaching with {practitioner}", practitioner = practitioner),
        Kind::Mentoring => tr!("My mentoring with {practitioner}", practitioner = practitioner),
    };
    let eid = record.id.clone();
    let sessions = data.sessions.sessions.clone();
    let goals = data.sessions.goals.clone();
    let today = clock::today();
    let next = sessions.iter().find(|s| s.data.status == Status::Planned && s.data.date >= today).cloned();
    let held: Vec<Record<Session>> = sessions.iter().filter(|s| s.data.status == Status::Held).cloned().collect();
    let actions = learning::open_actions(&sessions, &goals);
    let waiting = engagement.sponsor.is_some() && data.reports.iter().any(|r| r.data.approval.is_none());
    let client = render(&engagement.client_shown());
    view! {
        <p class="breadcrumb"><a href=Route::Engagements.href()>{t("← All engagements")}</a></p>
        {match engagement.title.as_ref() {
            // The engagement's own title, if it has one; the heading already names the kind and the practitioner.
            Some(lead) => view! { <PageHeader title=title lead=lead.as_str().to_string() badge=engagement.kind /> }.into_any(),
            None => view! { <PageHeader title=title badge=engagement.kind /> }.into_any(),
        }}
        <MyPartPanel record=record.clone() />
        {waiting.then(|| view! {
            <section class="panel panel--attention" aria-labelledby="approval-title">
                <h2 id="approval-title">{t("Sponsor updates waiting for my approval")}</h2>
                <p>{t("Nothing goes to the sponsor until you have read the update and approved it.")}</p>
                <p class="panel__action">
                    <a class="button button--primary" href=Route::SponsorUpdate(eid.clone()).href()>{t("Read and approve the sponsor update")}</a>
                </p>
            </section>
        })}
        <NextSession engagement_id=eid.clone() next=next />
        {(!data.sessions.sessions.is_empty()).then(|| view! { <CalendarPanel data=data.sessions.clone() me=Party::Client /> })}
        <ActionsToPractise actions=actions kind=engagement.kind />
        <MyGoals engagement_id=eid.clone() goals=goals data=data.clone() />
        <MyReflections engagement_id=eid.clone() held=held />
        <QuestionnairesSummary engagement_id=eid.clone() me=Party::Client />
        <WheelSummary engagement_id=eid.clone() />
        <ContractForMe engagement_id=eid.clone() me=Party::Client contract=data.contracts.last().map(|c| c.data.clone())
            none_yet=t("No contract yet. Your coach or mentor drafts it and sends it to you to agree.") />
        <section class="panel" aria-labelledby="record-title">
            <h2 id="record-title">{t("The whole engagement as a file")}</h2>
            <p>{t("Between sessions, Updates with the others sends only what changed. A whole copy is for a new device, or for someone who has none yet.")}</p>
            <DownloadEngagement engagement_id=eid client=client />
        </section>
    }
}

/// The next planned session, and the themes I bring to it.
#[component]
fn NextSession(engagement_id: RecordId, next: Option<Record<Session>>) -> impl IntoView {
    let Some(record) = next else {
        return view! {
            <section class="panel" aria-labelledby="next-title">
                <h2 id="next-title">{t("Next session")}</h2>
                <p>{t("Nothing planned yet. Your coach or mentor plans the sessions.")}</p>
            </section>
        }
        .into_any();
    };
    let session = record.data.clone();
    let (id, revision) = (record.id.clone(), record.revision);
    let save = store_action(
        move |store, next: Session| {
            let id = id.clone();
            async move { store.save_session(&id, revision, next).await }
        },
        |_| t("Saved the themes.").into(),
    );
    let what = RwSignal::new(String::new());
    let why = RwSignal::new(String::new());
    let leave = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let base = session.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ThemeForm { what: what.get_untracked(), why_now: why.get_untracked(), leave_with: leave.get_untracked() };
        match base.with_theme(&form, ids::new_record_id().to_string()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let href = Route::Session(engagement_id, record.id.clone()).href();
    view! {
        <section class="panel" aria-labelledby="next-title">
            <h2 id="next-title">{t("Next session")}</h2>
            <p class="next-session__when">{tr!("{when} ({what}), {minutes} minutes.", when = when(&session), what = t(session.title()), minutes = session.minutes)}</p>
            <p class="panel__action"><a class="button" href=href>{t("Open the session")}</a></p>
            <h3>{t("What I want to bring")}</h3>
            {if session.themes.is_empty() {
                view! { <p>{t("No themes yet. Add what you want to talk about, so the session can start from it.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="themes" aria-label=t("My themes")>
                        {session.themes.iter().map(|theme| view! { <ThemeLine theme=theme.clone() /> }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Add a theme")>
                <h4>{t("Add a theme")}</h4>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <TextField field=Field::ThemeWhat label=t("What I want to bring") value=what required=true errors=errors />
                <TextAreaField field=Field::ThemeWhy label=t("Why now") value=why rows=2 errors=errors />
                <TextAreaField field=Field::ThemeLeaveWith label=t("What I want to leave with") value=leave rows=2 errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Add the theme")}</button>
                </div>
            </form>
        </section>
    }
    .into_any()
}

/// Every open action, with its latest check-in and a check-in form (one open at a time).
#[component]
fn ActionsToPractise(actions: Vec<ActionRef>, kind: Kind) -> impl IntoView {
    let open = RwSignal::new(None::<String>);
    view! {
        <section class="panel" aria-labelledby="practise-title">
            <h2 id="practise-title">{t("Actions to practise")}</h2>
            {if actions.is_empty() {
                view! { <p>{t("No open actions. The actions you agree in a session appear here, so you can say how they are going.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="items" aria-label=t("Actions to practise")>
                        {actions.into_iter().map(|action| {
                            let item_id = action.item.id.clone();
                            let is_open = {
                                let item_id = item_id.clone();
                                move || open.get().as_deref() == Some(item_id.as_str())
                            };
                            let latest = action.item.latest_check_in().map(|c| {
                                let said = tr!("Last check-in {date}: {outcome}.", date = c.on.local(), outcome = t(c.outcome.label()));
                                match c.note.trim() {
                                    "" => said,
                                    note => format!("{said} {note}"),
                                }
                            });
                            let meta = format!(
                                "{}{}{}",
                                format::party(action.item.owner, kind),
                                action.item.due.map(|d| tr!(" · due {date}", date = d.local())).unwrap_or_default(),
                                action.goal_title.clone().map(|goal| tr!(" · Goal: {goal}", goal = goal)).unwrap_or_default(),
                            );
                            let title = action.item.title.clone();
                            view! {
                                <li class="item item--check-in">
                                    <div class="item__main">
                                        <span class="item__title">{title.clone()}</span>
                                        <span class="item__meta">{meta}</span>
                                        <span class="item__meta">{latest.unwrap_or_else(|| t("No check-in yet.").to_string())}</span>
                                    </div>
                                    <Show when=is_open.clone()
                                        fallback=move || {
                                            let item_id = item_id.clone();
                                            view! {
                                                <button type="button" class="button" on:click=move |_| open.set(Some(item_id.clone()))>
                                                    {t("Check in")}<span class="visually-hidden">{tr!(" on {action}", action = title)}</span>
                                                </button>
                                            }
                                        }>
                                        <CheckInPanel action=action.clone() on_close=Callback::new(move |_| open.set(None)) />
                                    </Show>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

/// The check-in form for one action: how it is going, what happened, the date.
#[component]
fn CheckInPanel(action: ActionRef, on_close: Callback<()>) -> impl IntoView {
    let outcome = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let on = RwSignal::new(clock::today().to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let add = store_action(
        |store, (home, item, check_in): (ActionHome, String, CheckIn)| async move { store.add_check_in(&home, &item, check_in).await },
        |_| t("Saved your check-in.").into(),
    );
    let (home, item_id) = (action.home.clone(), action.item.id.clone());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = CheckInForm { on: on.get_untracked(), outcome: outcome.get_untracked(), note: note.get_untracked() };
        match CheckIn::try_from(&form) {
            Ok(check_in) => {
                errors.set(FieldErrors::new());
                add.dispatch((home.clone(), item_id.clone(), check_in));
            }
            Err(problems) => errors.set(problems),
        }
    };
    let choices =
        CheckInOutcome::ALL.iter().map(|o| Choice { value: o.as_str().into(), label: t(o.label()).into(), help: String::new() }).collect();
    view! {
        <form class="form form--inline-panel check-in" novalidate on:submit=on_submit aria-label=tr!("Check in on {action}", action = action.item.title)>
            <ErrorSummary errors=errors />
            <ActionError action=add />
            <ChoiceField field=Field::CheckInOutcome legend=t("How is it going?") choices=choices value=outcome inline=true errors=errors />
            <TextAreaField field=Field::CheckInNote label=t("What happened") value=note rows=2 errors=errors help=t("A line is enough; up to 1,000 characters.") />
            <TextField field=Field::CheckInDate label=t("Date") value=on input_type="date" required=true errors=errors />
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || add.pending().get()>{t("Save the check-in")}</button>
                <button type="button" class="button" on:click=move |_| on_close.run(())>{t("Cancel")}</button>
            </div>
        </form>
    }
}

/// The goals shared with me, with their progress, and my own private goals.
#[component]
fn MyGoals(engagement_id: RecordId, goals: Vec<Record<Goal>>, data: CopyData) -> impl IntoView {
    let (mine, shared): (Vec<Record<Goal>>, Vec<Record<Goal>>) =
        goals.into_iter().filter(|g| !g.deleted).partition(|g| g.data.visibility == Visibility::ClientPrivate);
    let title = RwSignal::new(String::new());
    let why = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let create = store_action(|store, goal: Goal| async move { store.create_goal(goal).await }, |_| t("Saved your private goal.").into());
    let window = data.sessions.window();
    let eid = engagement_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = GoalForm {
            title: title.get_untracked(),
            why_it_matters: why.get_untracked(),
            owner: Party::Client.as_str().into(),
            visibility: Visibility::ClientPrivate.as_str().into(),
            ..GoalForm::default()
        };
        match Goal::from_form(eid.clone(), form, window) {
            Ok(goal) => {
                errors.set(FieldErrors::new());
                create.dispatch(goal);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let link = move |goal: &Record<Goal>| Route::Goal(engagement_id.clone(), goal.id.clone()).href();
    view! {
        <section class="panel" aria-labelledby="my-goals-title">
            <h2 id="my-goals-title">{t("My goals")}</h2>
            <h3>{t("Shared with my coach or mentor")}</h3>
            {if shared.is_empty() {
                view! { <p>{t("No shared goals yet. You set them together in the contract or a session.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines" aria-label=t("Shared goals")>
                        {shared.iter().map(|goal| {
                            let progress = progress::percent_complete(&goal.data)
                                .map_or_else(|| t("No progress recorded yet.").to_string(), |p| tr!("{percent}% complete", percent = number(p, 0)));
                            let seen = (goal.data.visibility == Visibility::SponsorVisible).then(|| t(" · the sponsor sees its title"));
                            view! {
                                <li><a href=link(goal)>{goal.data.title.clone()}</a>{format!(" · {progress}")}{seen}</li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <h3>{t("My private goals")}</h3>
            {if mine.is_empty() {
                view! { <p>{t("None yet. A private goal is yours alone: it stays on this device and never goes to your coach, mentor or sponsor.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines" aria-label=t("My private goals")>
                        {mine.iter().map(|goal| view! {
                            <li>
                                <span class="goal-lines__title">{goal.data.title.clone()}</span>
                                " "<span class="visibility visibility--client_private">{t("Only on this device")}</span>
                                {(!goal.data.why_it_matters.is_empty()).then(|| view! { <p class="goal-lines__why">{goal.data.why_it_matters.clone()}</p> })}
                            </li>
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Add a private goal")>
                <h4>{t("Add a private goal")}</h4>
                <ErrorSummary errors=errors />
                <ActionError action=create />
                <TextField field=Field::GoalTitle label=t("Goal") value=title required=true errors=errors />
                <TextAreaField field=Field::GoalWhy label=t("Why it matters") value=why rows=2 errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary" disabled=move || create.pending().get()>{t("Add the private goal")}</button>
                </div>
            </form>
        </section>
    }
}

/// Per held session: the way in, whether a reflection is written and shared, feedback.
#[component]
fn MyReflections(engagement_id: RecordId, held: Vec<Record<Session>>) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="reflections-title">
            <h2 id="reflections-title">{t("My reflections and feedback")}</h2>
            {if held.is_empty() {
                view! { <p>{t("No sessions held yet. After each session, write one thing you take away and say how useful it was.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="goal-lines" aria-label=t("Held sessions")>
                        {held.into_iter().map(|record| {
                            let session = &record.data;
                            let reflection = match (session.reflection.trim().is_empty(), session.reflection_shared) {
                                (true, _) => t("No reflection yet"),
                                (false, true) => t("Reflection written and shared"),
                                (false, false) => t("Reflection written, kept to myself"),
                            };
                            let feedback = if session.feedback.is_some() { t("feedback given") } else { t("no feedback yet") };
                            view! {
                                <li>
                                    <a href=Route::Session(engagement_id.clone(), record.id.clone()).href()>{when(session)}</a>
                                    {format!(" · {reflection} · {feedback}")}
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}
