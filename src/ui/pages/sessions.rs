//! The sessions of one engagement.
//!
//! - [`SessionsPage`]: sessions used and remaining against the contract, the series
//!   planned from the contract, every session in date order, the calendar file, and the
//!   engagement's journey (phase, pause and resume, ending) and signposting register.
//! - [`NewSessionPage`]: add one session by hand.
//! - [`SessionsData`]: what every session screen reads, in one place.

use crate::i18n::{hours, plural, render, t, DateText};
use crate::msg;
use crate::tr;
use leptos::prelude::*;

use crate::domain::party::Party;
use crate::domain::session::allocation::Allocation;
use crate::domain::session::form::SessionForm;
use crate::domain::session::journey::{EndingForm, EndingOutcome, Journey, Phase, SignpostForm, SignpostKind, Standing};
use crate::domain::session::{checks, plan, ClockTime, Purpose, Session, Status};
use crate::domain::{Field, FieldErrors, Kind, RecordId};
use crate::platform::clock::{self, today};
use crate::platform::{ids, location};
use crate::store::StoreError;
use crate::ui::actions::store_action;
use crate::ui::calendar::CalendarPanel;
use crate::ui::components::{ActionError, ErrorSummary, PageHeader, SelectField, TextAreaField, TextField, Warnings};
use crate::ui::data::{with_sessions_data, SessionsData};
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::session_fields::{when, SessionFields, SessionFormSignals, StatusBadge};

#[component]
pub fn SessionsPage(engagement_id: RecordId) -> impl IntoView {
    with_sessions_data(engagement_id, |data| view! { <SessionsScreen data=data /> }.into_any())
}

#[component]
fn SessionsScreen(data: SessionsData) -> impl IntoView {
    let id = data.engagement.id.clone();
    let client = data.client();
    let today = today();
    let next = data.sessions.iter().find(|s| s.data.status == Status::Planned && s.data.date >= today).map(|s| s.id.clone());
    let has_sessions = !data.sessions.is_empty();
    let signposting = data.kind() == Kind::Mentoring
        || data.terms.as_ref().is_some_and(|t| t.signposting_prominent)
        || data.journey.as_ref().is_some_and(|j| !j.data.signposts.is_empty());
    let ordinary: Vec<RecordId> =
        data.sessions.iter().filter(|s| s.data.purpose.counts_against_allocation()).map(|s| s.id.clone()).collect();
    let new_href = Route::NewSession(id.clone()).href();
    view! {
        <p class="breadcrumb"><a href=Route::Engagement(id.clone()).href()>{format!("← {client}")}</a></p>
        <PageHeader title=t("Sessions") lead=tr!("The sessions with {client}: what is planned, what was agreed in each, and what comes next.", client = client)>
            <a class="button button--primary" href=new_href>{t("Add a session")}</a>
        </PageHeader>
        <AllocationPanel allocation=data.allocation() />
        {has_sessions.then(|| view! { <CalendarPanel data=data.clone() me=Party::Practitioner /> })}
        {(!has_sessions).then(|| view! { <PlanPanel data=data.clone() /> })}
        <section class="panel" aria-labelledby="series-title">
            <h2 id="series-title">{t("The series")}</h2>
            {if data.sessions.is_empty() {
                view! { <p>{t("No sessions yet. Plan the series from the contract, or add a session by hand.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="sessions" aria-label=t("Sessions in date order")>
                        {data.sessions.iter().map(|record| {
                            let session = &record.data;
                            let number = ordinary.iter().position(|o| *o == record.id).map(|n| tr!("Session {n}", n = n + 1));
                            let is_next = next.as_ref() == Some(&record.id);
                            let title = number.unwrap_or_else(|| t(session.title()).to_string());
                            view! {
                                <li class="sessions__item" class:sessions__item--next=is_next class:sessions__item--special=!session.purpose.counts_against_allocation()>
                                    <a class="sessions__link" href=Route::Session(id.clone(), record.id.clone()).href()>
                                        <span class="sessions__title">{title}</span>
                                        <span class="sessions__when">{tr!("{when} · {minutes} minutes", when = when(session), minutes = session.minutes)}</span>
                                    </a>
                                    <span class="sessions__meta">
                                        <StatusBadge status=session.status />
                                        {is_next.then(|| view! { <strong class="sessions__next">{t(" Next")}</strong> })}
                                        {(!session.themes.is_empty()).then(|| format!(" · {}", plural(session.themes.len(), "1 theme", "{n} themes")))}
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
        </section>
        {has_sessions.then(|| view! { <PlanPanel data=data.clone() /> })}
        <JourneyPanel data=data.clone() />
        {signposting.then(|| view! { <SignpostPanel data=data.clone() /> })}
    }
}

/// Sessions used and remaining, and hours in clock time.
#[component]
fn AllocationPanel(allocation: Allocation) -> impl IntoView {
    let remaining = allocation.remaining().map_or(t("Not set").to_string(), |r| {
        if r < 0 {
            tr!("{n} more than contracted", n = -r)
        } else {
            r.to_string()
        }
    });
    view! {
        <section class="panel" aria-labelledby="allocation-title">
            <h2 id="allocation-title">{t("Sessions used")}</h2>
            <p>{format::allocation(&allocation)}</p>
            <dl class="facts facts--row">
                <div><dt>{t("Used")}</dt><dd>{allocation.used.to_string()}</dd></div>
                <div><dt>{t("Remaining")}</dt><dd>{remaining}</dd></div>
                <div><dt>{t("Planned")}</dt><dd>{allocation.planned.to_string()}</dd></div>
                <div><dt>{t("Hours held")}</dt><dd>{hours(allocation.hours_held)}</dd></div>
            </dl>
            <p class="field__help">{t("Held sessions and no-shows count as used; a late cancellation counts when the contract's cancellation clause says so. Hours are clock hours: 45 minutes is 0.75 h.")}</p>
        </section>
    }
}

/// Plans the series from the contract, or says what the contract still needs.
#[component]
fn PlanPanel(data: SessionsData) -> impl IntoView {
    let id = data.engagement.id.clone();
    let Some(terms) = data.terms.clone() else {
        return view! {
            <section class="panel" aria-labelledby="plan-title">
                <h2 id="plan-title">{t("Plan the series")}</h2>
                <p>{t("The series is planned from the contract: how often you meet, how many sessions, how long each is, and the start and end dates.")}</p>
                <a class="button" href=Route::Contract(id).href()>{t("Start the contract")}</a>
            </section>
        }.into_any();
    };
    let time = RwSignal::new(ClockTime::default().to_string());
    let errors = RwSignal::new(FieldErrors::new());
    let kind = data.kind();
    let existing = !data.sessions.is_empty();
    let preview = {
        let terms = terms.clone();
        let id = id.clone();
        move || plan::plan_series(id.clone(), &terms, kind, ClockTime::default())
    };
    let plan_action = store_action(
        move |store, planned: Vec<Session>| {
            let id = data.engagement.id.clone();
            async move { store.plan_sessions(&id, planned).await }
        },
        |added| match added {
            0 => t("Nothing to add: every meeting the contract plans is already in the series.").into(),
            1 => t("Added 1 meeting to the series.").into(),
            n => tr!("Added {n} meetings to the series.", n = n).into(),
        },
    );
    let submit = {
        let terms = terms.clone();
        let id = id.clone();
        move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            let Some(at) = ClockTime::parse(&time.get_untracked()) else {
                let mut e = FieldErrors::new();
                e.push(Field::PlanTime, msg!("Enter the usual start time as hours and minutes, such as 09:30."));
                errors.set(e);
                return;
            };
            errors.set(FieldErrors::new());
            if let Ok(planned) = plan::plan_series(id.clone(), &terms, kind, at) {
                plan_action.dispatch(planned);
            }
        }
    };
    view! {
        <section class="panel" aria-labelledby="plan-title">
            <h2 id="plan-title">{t("Plan the series")}</h2>
            {match preview() {
                Err(message) => view! { <p class="notice">{render(&message)}</p><a class="button" href=Route::Contract(id.clone()).href()>{t("Open the contract")}</a> }.into_any(),
                Ok(planned) => {
                    let count = |p: fn(Purpose) -> bool| planned.iter().filter(|s| p(s.purpose)).count();
                    let sessions = count(Purpose::counts_against_allocation);
                    let reviews = count(|p| p.is_review() && !p.is_sponsor_meeting());
                    let sponsor = count(Purpose::is_sponsor_meeting);
                    let first = planned.first().map(|s| s.date.local()).unwrap_or_default();
                    let last = planned.last().map(|s| s.date.local()).unwrap_or_default();
                    let mut parts = vec![plural(sessions, "1 session", "{n} sessions")];
                    if reviews > 0 { parts.push(plural(reviews, "1 review", "{n} reviews")); }
                    if sponsor > 0 { parts.push(plural(sponsor, "1 three-way meeting", "{n} three-way meetings")); }
                    let warnings = checks::series_warnings(&planned, today());
                    view! {
                        <p>{tr!("The contract plans {what} between {first} and {last}.", what = parts.join(", "), first = first, last = last)}
                            {existing.then_some(t(" Planning again adds only what is not in the series yet."))}</p>
                        <Warnings warnings=Signal::stored(warnings) />
                        <form class="form form--inline-panel" novalidate aria-label=t("Plan the series") on:submit=submit.clone()>
                            <ErrorSummary errors=errors />
                            <ActionError action=plan_action />
                            <TextField field=Field::PlanTime label=t("Usual start time") value=time input_type="time" required=true errors=errors help=t("Each session can be moved afterwards.") />
                            <div class="form__actions">
                                <button type="submit" class="button button--primary" disabled=move || plan_action.pending().get()>
                                    {if existing { t("Add what is missing") } else { t("Plan the series") }}
                                </button>
                            </div>
                        </form>
                    }.into_any()
                }
            }}
        </section>
    }.into_any()
}

/// Saves the journey (creating it the first time) and reloads.
fn journey_saver(revision: Option<u32>, done: &'static str) -> Action<Journey, Option<StoreError>> {
    store_action(move |store, journey: Journey| async move { store.save_journey(revision, journey).await }, move |_| done.into())
}

/// Where the engagement stands: phase (mentoring), pause and resume, ending.
#[component]
fn JourneyPanel(data: SessionsData) -> impl IntoView {
    let (revision, journey) = data.journey_or_new();
    let kind = data.kind();
    let today = today();
    let save = journey_saver(revision, t("Saved."));
    let errors = RwSignal::new(FieldErrors::new());
    let phase = RwSignal::new(journey.phase().map(|p| p.as_str().to_string()).unwrap_or_default());
    let reason = RwSignal::new(String::new());
    let ending_on = RwSignal::new(today.to_string());
    let outcome = RwSignal::new(String::new());
    let summary = RwSignal::new(String::new());
    let standing = journey.standing();
    let for_phase = journey.clone();
    let on_phase = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(chosen) = Phase::parse(&phase.get_untracked()) {
            save.dispatch(for_phase.with_phase(chosen, today));
        }
    };
    let for_pause = journey.clone();
    let on_pause = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match for_pause.paused(today, &reason.get_untracked()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let for_resume = journey.clone();
    let for_end = journey.clone();
    let on_end = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = EndingForm { on: ending_on.get_untracked(), outcome: outcome.get_untracked(), summary: summary.get_untracked() };
        match for_end.ended(&form) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let phases: Vec<(&'static str, &'static str)> = Phase::ALL.iter().map(|p| (p.as_str(), t(p.label()))).collect();
    let history = journey.phases.clone();
    view! {
        <section class="panel" aria-labelledby="journey-title">
            <h2 id="journey-title">{t("Where the engagement stands")}</h2>
            <ErrorSummary errors=errors />
            <ActionError action=save />
            {match standing.clone() {
                Standing::Active => view! { <p><span class="status status--agreed">{t("Active")}</span></p> }.into_any(),
                Standing::Paused { since, reason } => view! {
                    <p><span class="status status--proposed">{t("Paused")}</span>{tr!(" since {date}: {reason}", date = since.local(), reason = reason)}</p>
                }.into_any(),
                Standing::Ended(ending) => view! {
                    <p><span class="status status--ended">{t(ending.outcome.label())}</span>{tr!(" on {date}.", date = ending.on.local())}</p>
                    <p class="closing-summary">{ending.summary.clone()}</p>
                }.into_any(),
            }}
            {(kind == Kind::Mentoring).then(|| view! {
                <form class="form form--inline-panel" novalidate aria-label=t("Mentoring phase") on:submit=on_phase>
                    <h3>{t("Mentoring phase")}</h3>
                    {journey.phase().map(|p| view! { <p>{tr!("Now: {phase}. {description}", phase = t(p.label()), description = t(p.description()))}</p> })}
                    {(history.len() > 1).then(|| view! {
                        <p class="field__help">{history.iter().map(|c| tr!("{phase} from {date}", phase = t(c.phase.label()), date = c.on.local())).collect::<Vec<_>>().join(" · ")}</p>
                    })}
                    <SelectField field=Field::Phase label=t("Phase") options=phases.clone() value=phase placeholder=t("Choose the phase") errors=errors />
                    <div class="form__actions"><button type="submit" class="button">{t("Set the phase")}</button></div>
                </form>
            })}
            {match standing {
                Standing::Active => view! {
                    <details class="disclosure">
                        <summary>{t("Pause the engagement")}</summary>
                        <form class="form" novalidate aria-label=t("Pause the engagement") on:submit=on_pause>
                            <TextField field=Field::PauseReason label=t("Why it is paused") value=reason required=true errors=errors help=t("For example: parental leave, a change of role, illness.") />
                            <div class="form__actions"><button type="submit" class="button">{t("Pause")}</button></div>
                        </form>
                    </details>
                }.into_any(),
                Standing::Paused { .. } => view! {
                    <p><button type="button" class="button button--primary" on:click=move |_| { save.dispatch(for_resume.resumed(today)); }>{t("Resume the engagement")}</button></p>
                }.into_any(),
                Standing::Ended(_) => ().into_any(),
            }}
            {(journey.ending.is_none()).then(|| view! {
                <details class="disclosure">
                    <summary>{t("End the engagement")}</summary>
                    <form class="form" novalidate aria-label=t("End the engagement") on:submit=on_end>
                        <TextField field=Field::EndingDate label=t("Ended on") value=ending_on input_type="date" required=true errors=errors />
                        <SelectField field=Field::EndingOutcome label=t("How it ended") options={EndingOutcome::ALL.iter().map(|o| (o.as_str(), t(o.label()))).collect::<Vec<_>>()} value=outcome placeholder=t("Choose") errors=errors />
                        <TextAreaField field=Field::EndingSummary label=t("Closing summary") value=summary rows=4 errors=errors help=t("What was achieved, what was not, and what happens next.") />
                        <div class="form__actions"><button type="submit" class="button">{t("End the engagement")}</button></div>
                    </form>
                </details>
            })}
        </section>
    }
}

/// The signposting register: what was suggested, whether it was followed up, whether
/// it helped.
#[component]
fn SignpostPanel(data: SessionsData) -> impl IntoView {
    let (revision, journey) = data.journey_or_new();
    let save = journey_saver(revision, t("Saved the signposting register."));
    let errors = RwSignal::new(FieldErrors::new());
    let kind = RwSignal::new(String::new());
    let title = RwSignal::new(String::new());
    let detail = RwSignal::new(String::new());
    let goal = RwSignal::new(String::new());
    let goal_titles: Vec<(RecordId, String)> = data.goals.iter().map(|g| (g.id.clone(), g.data.title.clone())).collect();
    let goal_options: Vec<(String, String)> = goal_titles.iter().map(|(id, t)| (id.to_string(), t.clone())).collect();
    let kinds: Vec<(&'static str, &'static str)> = SignpostKind::ALL.iter().map(|k| (k.as_str(), t(k.label()))).collect();
    let for_add = journey.clone();
    let on_add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = SignpostForm {
            kind: kind.get_untracked(),
            title: title.get_untracked(),
            detail: detail.get_untracked(),
            goal_id: goal.get_untracked(),
        };
        match for_add.with_signpost(&form, ids::new_record_id().to_string(), today()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="signposts-title">
            <h2 id="signposts-title">{t("Signposting register")}</h2>
            <p class="field__help">{t("Reading, courses, contacts and events suggested, linked to a goal where it fits.")}</p>
            <ActionError action=save />
            {if journey.signposts.is_empty() {
                view! { <p>{t("Nothing suggested yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="items" aria-label=t("Signposts")>
                        {journey.signposts.iter().map(|signpost| {
                            let goal_title = signpost.goal_id.as_ref().and_then(|g| goal_titles.iter().find(|(id, _)| id == g)).map(|(_, t)| t.clone());
                            let followed_id = format!("signpost-{}-followed", signpost.id);
                            let useful_id = format!("signpost-{}-useful", signpost.id);
                            let (sid, sid2, sid3) = (signpost.id.clone(), signpost.id.clone(), signpost.id.clone());
                            let (j1, j2, j3) = (journey.clone(), journey.clone(), journey.clone());
                            let useful = signpost.useful;
                            let followed = signpost.followed_up;
                            view! {
                                <li class="item">
                                    <div class="item__main">
                                        <span class="item__kind">{t(signpost.kind.label())}</span>
                                        <span class="item__title">{signpost.title.clone()}</span>
                                        <span class="item__meta">
                                            {tr!("Suggested {date}", date = signpost.suggested_on.local())}
                                            {goal_title.map(|goal| tr!(" · for “{goal}”", goal = goal))}
                                            {(!signpost.detail.is_empty()).then(|| format!(" · {}", signpost.detail))}
                                        </span>
                                    </div>
                                    <div class="checkbox">
                                        <input type="checkbox" id=followed_id.clone() prop:checked=followed
                                            on:change=move |ev| { save.dispatch(j1.with_signpost_answers(&sid, event_target_checked(&ev), useful)); } />
                                        <label for=followed_id>{t("Followed up")}</label>
                                    </div>
                                    <label class="visually-hidden" for=useful_id.clone()>{tr!("Was “{title}” useful?", title = signpost.title)}</label>
                                    <select id=useful_id on:change=move |ev| {
                                        let answer = match event_target_value(&ev).as_str() { "yes" => Some(true), "no" => Some(false), _ => None };
                                        save.dispatch(j2.with_signpost_answers(&sid2, followed, answer));
                                    }>
                                        <option value="" selected=useful.is_none()>{t("Useful? Not known yet")}</option>
                                        <option value="yes" selected=useful == Some(true)>{t("Useful")}</option>
                                        <option value="no" selected=useful == Some(false)>{t("Not useful")}</option>
                                    </select>
                                    <button type="button" class="button button--quiet" on:click=move |_| { save.dispatch(j3.without_signpost(&sid3)); }>
                                        {t("Remove")}<span class="visually-hidden">{format!(" {}", signpost.title)}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate aria-label=t("Add a signpost") on:submit=on_add>
                <h3>{t("Suggest something")}</h3>
                <ErrorSummary errors=errors />
                <div class="field-row">
                    <SelectField field=Field::SignpostKind label=t("Kind") options=kinds value=kind placeholder=t("Choose") errors=errors />
                    <SelectField field=Field::SignpostGoal label=t("For the goal") options=goal_options value=goal placeholder=t("No goal") errors=errors />
                </div>
                <TextField field=Field::SignpostTitle label=t("What") value=title required=true errors=errors />
                <TextField field=Field::SignpostDetail label=t("Details") value=detail errors=errors help=t("An author, a link, how to get in touch.") />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Add to the register")}</button></div>
            </form>
        </section>
    }
}

#[component]
pub fn NewSessionPage(engagement_id: RecordId) -> impl IntoView {
    with_sessions_data(engagement_id, |data| view! { <NewSessionScreen data=data /> }.into_any())
}

#[component]
fn NewSessionScreen(data: SessionsData) -> impl IntoView {
    let id = data.engagement.id.clone();
    let minutes = data.terms.as_ref().and_then(|t| t.session_minutes).unwrap_or(60);
    let mode = data.terms.as_ref().and_then(|t| t.mode);
    let after_last = data.sessions.last().map(|s| s.data.date.add_days(7)).filter(|d| *d > today()).unwrap_or_else(today);
    let mut base = Session::planned(id.clone(), after_last, ClockTime::default(), minutes, Purpose::Session);
    base.mode = mode;
    let initial = SessionForm::from_session(&base);
    let for_check = base.clone();
    let errors = RwSignal::new(FieldErrors::new());
    let form = SessionFormSignals::new(&initial);
    let create = store_action(
        |store, session: Session| async move { store.create_session(session).await },
        |record| {
            location::set_fragment(&Route::Session(record.data.engagement_id.clone(), record.id).fragment());
            t("Added the session.").into()
        },
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.read().apply(&base, clock::local_now()) {
            Ok(session) => {
                errors.set(FieldErrors::new());
                create.dispatch(session);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let others = data.sessions.clone();
    let window = data.window();
    let warnings = move || {
        form.read()
            .apply(&for_check, clock::local_now())
            .map(|s| checks::session_warnings(None, &s, &others, window, today()))
            .unwrap_or_default()
    };
    view! {
        <p class="breadcrumb"><a href=Route::Sessions(data.engagement.id.clone()).href()>{t("← Sessions")}</a></p>
        <PageHeader title=t("New session") lead=t("When, how long, and what it is for. Themes, notes and actions come once it is saved.") />
        <form class="form panel" novalidate on:submit=on_submit aria-label=t("New session")>
            <ErrorSummary errors=errors />
            <ActionError action=create />
            <SessionFields form=form errors=errors />
            <Warnings warnings=Signal::derive(warnings) />
            <div class="form__actions"><button type="submit" class="button button--primary" disabled=move || create.pending().get()>{t("Add the session")}</button></div>
        </form>
    }
}
