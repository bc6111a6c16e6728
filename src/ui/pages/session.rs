//! [`SessionPage`]: one session, laid out in the order of the learning loop: when and
//! how it happens; the themes the client sends ahead; the agenda co-created from them;
//! the session agreement (with an optional GROW prompt); the review of the actions from
//! last time; notes in three clearly labelled layers; the actions to practise before
//! next time; and the reflection and feedback afterwards.
//!
//! In the client's copy the practitioner's private note layer does not exist; in the
//! sponsor's a three-way meeting shows only its date, time and purpose, and any other
//! session nothing at all ([`SponsorSession`]).
//!
//! Each section saves on its own. Unsaved text in the other sections is kept
//! ([`Drafts`]), so saving one never loses what was typed in another.

use crate::i18n::{render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::Party;
use crate::domain::goal::GoalItem;
use crate::domain::kinds::RecordKind;
use crate::domain::relationship::ownership::{travels_to, SharedRecord};
use crate::domain::session::form::{ActionForm, AfterForm, AgreementForm, NotesForm, ReviewForm, SessionForm, ThemeForm};
use crate::domain::session::learning::{self, ActionHome, ActionRef};
use crate::domain::session::{checks, ActionReview, NoteLayer, ReviewOutcome, Session, Usefulness};
use crate::domain::{Field, FieldErrors, Kind, Record, RecordId};
use crate::platform::{clock, ids};
use crate::store::StoreError;
use crate::ui::actions::store_action;
use crate::ui::components::NotFound;
use crate::ui::components::{
    ActionError, CheckboxField, Choice, ChoiceField, DeleteRecord, ErrorNotice, ErrorSummary, PageHeader, SelectField, TextAreaField,
    TextField, Warnings,
};
use crate::ui::data::{with_sessions_data, SessionsData};
use crate::ui::drafts::Drafts;
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::session_fields::{when, SessionFields, SessionFormSignals, StatusBadge, ThemeLine};
use crate::ui::AppState;

#[component]
pub fn SessionPage(engagement_id: RecordId, session_id: RecordId) -> impl IntoView {
    // What is typed here and not saved yet is kept on the device (a session's notes may be
    // typed for 45 minutes): a reload, a crash or a closed tab brings it back.
    let drafts = Drafts::kept_on_device(format!("session:{}", session_id.as_str()));
    with_sessions_data(engagement_id, move |data| match data.sessions.iter().find(|s| s.id == session_id).cloned() {
        None => view! { <NotFound /> }.into_any(),
        Some(record) => view! { <SessionScreen data=data record=record drafts=drafts /> }.into_any(),
    })
}

/// Which fields a section owns: copies them from `mine` onto `latest`, so "keep mine"
/// after a change elsewhere keeps this section's edit and everything else as it now is.
type CopyFields = fn(&mut Session, &Session);

/// How one section saves the session: by revision; if the session changed elsewhere
/// (refused by revision, or a draft overtaken by another tab's save), it offers
/// "reload" or "keep mine" instead of saving over the other version.
#[derive(Clone, Copy)]
struct SessionSaver {
    save: Action<Session, Option<StoreError>>,
    keep: Action<Session, Option<StoreError>>,
    last: StoredValue<Option<Session>>,
    stale: RwSignal<bool>,
    drafts: Drafts,
    section: &'static str,
}

impl SessionSaver {
    fn new(record: &Record<Session>, drafts: Drafts, section: &'static str, done: &'static str, copy: CopyFields) -> SessionSaver {
        let (id, revision) = (record.id.clone(), record.revision);
        let saved = move |_| {
            drafts.forget(section);
            done.into()
        };
        let save = store_action(
            {
                let id = id.clone();
                move |store, next: Session| {
                    let id = id.clone();
                    async move { store.save_session(&id, revision, next).await }
                }
            },
            saved,
        );
        // Keeps this person's text in the section over the version saved elsewhere.
        let keep = store_action(
            move |store, mine: Session| {
                let id = id.clone();
                async move {
                    let latest = store.get_session(&id).await?.ok_or(StoreError::NotFound)?;
                    let mut next = latest.data.clone();
                    copy(&mut next, &mine);
                    store.save_session(&id, latest.revision, next).await
                }
            },
            saved,
        );
        SessionSaver { save, keep, last: StoredValue::new(None), stale: RwSignal::new(false), drafts, section }
    }

    fn dispatch(&self, next: Session) {
        self.last.set_value(Some(next.clone()));
        if self.drafts.is_stale(self.section) {
            self.stale.set(true);
        } else {
            self.save.dispatch(next);
        }
    }

    /// The section's storage problem, if any, with the choice after a change elsewhere.
    fn problems(self) -> impl IntoView {
        let reload = Callback::new(move |_| {
            self.drafts.forget(self.section);
            self.stale.set(false);
            AppState::expect().data_changed();
        });
        let keep_mine = Callback::new(move |_| {
            self.drafts.keep_mine(self.section);
            self.stale.set(false);
            if let Some(mine) = self.last.get_value() {
                self.keep.dispatch(mine);
            }
        });
        move || {
            let error = if self.stale.get() {
                Some(StoreError::ChangedElsewhere)
            } else {
                self.keep.value().get().flatten().or_else(|| self.save.value().get().flatten())
            };
            error.map(|error| view! { <ErrorNotice error=error on_reload=reload on_keep_mine=keep_mine /> })
        }
    }
}

/// A change to an action, wherever it lives.
#[derive(Clone)]
enum ActionChange {
    Add(Option<RecordId>, GoalItem),
    Review(ActionHome, String, ActionReview),
    Remove(ActionHome, String),
}

fn action_changer(drafts: Drafts) -> Action<ActionChange, Option<StoreError>> {
    store_action(
        |store, change: ActionChange| async move {
            // What it says once done, and which unsaved text it settles.
            match change {
                ActionChange::Add(goal, item) => store.add_action(goal.as_ref(), item).await.map(|()| (t("Added the action."), "action.")),
                ActionChange::Review(home, item, review) => {
                    store.review_action(&home, &item, review).await.map(|()| (t("Saved the review."), "review."))
                }
                ActionChange::Remove(home, item) => store.remove_action(&home, &item).await.map(|()| (t("Removed the action."), "-")),
            }
        },
        move |(done, section)| {
            drafts.forget(section);
            done.into()
        },
    )
}

#[component]
fn SessionScreen(data: SessionsData, record: Record<Session>, drafts: Drafts) -> impl IntoView {
    if data.me == Party::Sponsor {
        return view! { <SponsorSession data=data record=record /> }.into_any();
    }
    let me = data.me;
    let session = record.data.clone();
    let eid = data.engagement.id.clone();
    let number = data
        .sessions
        .iter()
        .filter(|s| s.data.purpose.counts_against_allocation())
        .position(|s| s.id == record.id)
        .map(|n| (n + 1, data.terms.as_ref().and_then(|t| t.session_count)));
    let title = match number {
        Some((n, Some(of))) => tr!("Session {n} of {of}", n = n, of = of),
        Some((n, None)) => tr!("Session {n}", n = n),
        None => t(session.title()).to_string(),
    };
    let warnings = checks::session_warnings(Some(&record.id), &session, &data.sessions, data.window(), clock::today());
    view! {
        <p class="breadcrumb"><a href=Route::Sessions(eid.clone()).href()>{t("← Sessions")}</a></p>
        <PageHeader title=title lead=tr!("{when} · {minutes} minutes · with {client}", when = when(&session), minutes = session.minutes, client = data.client())>
            <StatusBadge status=session.status />
        </PageHeader>
        <Warnings warnings=Signal::stored(warnings) />
        {session.purpose.is_review().then(|| view! {
            <section class="panel panel--accent" aria-labelledby="review-point-title">
                <h2 id="review-point-title">{t("A review point")}</h2>
                <p>{t("Score each goal against its levels (Goal Attainment Scaling) to see how far you have come, and decide together whether the contract still fits: the goals, the number of sessions, the dates.")}</p>
                <p class="panel__action">
                    <a class="button button--primary" href=Route::Goals(eid.clone()).href()>{t("Score the goals")}</a>
                    " "
                    <a class="button" href=Route::Contract(eid.clone()).href()>{t("Review the contract")}</a>
                </p>
            </section>
        })}
        <nav class="on-this-page" aria-label=t("On this page")>
            <ul>
                <li><a href="#themes-title">{t("Themes")}</a></li>
                <li><a href="#agenda-title">{t("Agenda")}</a></li>
                <li><a href="#agreement-title">{t("Agreement")}</a></li>
                <li><a href="#last-actions-title">{t("Last time's actions")}</a></li>
                <li><a href="#notes-title">{t("Notes")}</a></li>
                <li><a href="#actions-title">{t("Actions")}</a></li>
                <li><a href="#after-title">{t("After")}</a></li>
                <li><a href="#details-title">{t("Date and status")}</a></li>
            </ul>
        </nav>
        <ThemesSection record=record.clone() drafts=drafts />
        <AgendaSection record=record.clone() drafts=drafts />
        <AgreementSection record=record.clone() drafts=drafts />
        <ReviewSection record=record.clone() data=data.clone() drafts=drafts />
        <NotesSection record=record.clone() drafts=drafts kind=data.kind() me=me />
        <ActionsSection record=record.clone() data=data.clone() drafts=drafts />
        <AfterSection record=record.clone() drafts=drafts />
        <DetailsSection record=record drafts=drafts />
    }
    .into_any()
}

/// A session in the sponsor's copy: a three-way meeting shows only its date, time and
/// purpose; any other session shows nothing of itself (what reaches a sponsor is decided by
/// `domain::relationship::ownership::travels_to`).
#[component]
fn SponsorSession(data: SessionsData, record: Record<Session>) -> impl IntoView {
    let session = record.data;
    let back = view! { <p class="breadcrumb"><a href=Route::Engagement(data.engagement.id.clone()).href()>{t("← The engagement")}</a></p> };
    if !travels_to(SharedRecord::Session(&session), Party::Sponsor) {
        return view! {
            {back}
            <PageHeader title=t("Not shared with the sponsor") lead=t("Only three-way meetings are shared with the sponsor.") />
        }
        .into_any();
    }
    view! {
        {back}
        <PageHeader title=t(session.title()) />
        <section class="panel" aria-labelledby="meeting-title">
            <h2 id="meeting-title">{t("The three-way meeting")}</h2>
            <dl class="facts">
                <div><dt>{t("Date")}</dt><dd>{session.date.local()}</dd></div>
                <div><dt>{t("Time")}</dt><dd>{session.time.to_string()}</dd></div>
                <div><dt>{t("Purpose")}</dt><dd>{t(session.purpose.label())}</dd></div>
            </dl>
        </section>
    }
    .into_any()
}

/// Date, time, length, mode, purpose, status; and deleting the session.
#[component]
fn DetailsSection(record: Record<Session>, drafts: Drafts) -> impl IntoView {
    let stored = SessionForm::from_session(&record.data);
    let form = SessionFormSignals {
        date: drafts.text("details.date", &stored.date),
        time: drafts.text("details.time", &stored.time),
        minutes: drafts.text("details.minutes", &stored.minutes),
        mode: drafts.text("details.mode", &stored.mode),
        purpose: drafts.text("details.purpose", &stored.purpose),
        status: drafts.text("details.status", &stored.status),
        status_note: drafts.text("details.status_note", &stored.status_note),
    };
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "details.", t("Saved the date and status."), |to, from| {
        to.date = from.date;
        to.time = from.time;
        to.minutes = from.minutes;
        to.mode = from.mode;
        to.purpose = from.purpose;
        to.status = from.status;
        to.status_note = from.status_note.clone();
    });
    let base = record.data.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match form.read().apply(&base, clock::local_now()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let (id, eid, on) = (record.id.clone(), record.data.engagement_id.clone(), when(&record.data));
    view! {
        <section class="panel" aria-labelledby="details-title">
            <h2 id="details-title">{t("Date, time and status")}</h2>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Date, time and status")>
                <ErrorSummary errors=errors />
                {save.problems()}
                <SessionFields form=form errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{t("Save date and status")}</button>
                    <DeleteRecord kind=RecordKind::Session id=id button=t("Delete this session")
                        question=t("Delete this session?")
                        explanation=t("Its themes, agenda, notes and the actions kept with it go too. Actions linked to a goal stay with the goal. You can undo this straight after deleting.")
                        deleted=tr!("Deleted the session on {date}.", date = on)
                        restored=tr!("Restored the session on {date}.", date = on)
                        then=Route::Sessions(eid).fragment() />
                </div>
            </form>
        </section>
    }
}

/// The themes the client brings, written before the session.
#[component]
fn ThemesSection(record: Record<Session>, drafts: Drafts) -> impl IntoView {
    let what = drafts.text("theme.what", "");
    let why = drafts.text("theme.why", "");
    let leave = drafts.text("theme.leave", "");
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "theme.", t("Saved the themes."), |to, from| to.themes = from.themes.clone());
    let base = record.data.clone();
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
    let session = record.data.clone();
    view! {
        <section class="panel" aria-labelledby="themes-title">
            <h2 id="themes-title">{t("Before the session: themes")}</h2>
            <p class="field__help">{t("What the client wants to bring, why now, and what they want to leave with. The themes become the draft agenda.")}</p>
            {save.problems()}
            {if session.themes.is_empty() {
                view! { <p>{t("No themes yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="themes" aria-label=t("Themes")>
                        {session.themes.iter().map(|theme| {
                            let without = session.without_theme(&theme.id);
                            let what = theme.what.clone();
                            view! {
                                <ThemeLine theme=theme.clone()>
                                    <button type="button" class="button button--quiet" on:click=move |_| { save.dispatch(without.clone()); }>
                                        {t("Remove")}<span class="visually-hidden">{tr!(" the theme {theme}", theme = what.clone())}</span>
                                    </button>
                                </ThemeLine>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Add a theme")>
                <h3>{t("Add a theme")}</h3>
                <ErrorSummary errors=errors />
                <TextField field=Field::ThemeWhat label=t("What I want to bring") value=what required=true errors=errors />
                <TextAreaField field=Field::ThemeWhy label=t("Why now") value=why rows=2 errors=errors />
                <TextAreaField field=Field::ThemeLeaveWith label=t("What I want to leave with") value=leave rows=2 errors=errors />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Add the theme")}</button></div>
            </form>
        </section>
    }
}

/// The agenda, co-created: reorder, add, drop.
#[component]
fn AgendaSection(record: Record<Session>, drafts: Drafts) -> impl IntoView {
    let text = drafts.text("agenda.text", "");
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "agenda.", t("Saved the agenda."), |to, from| to.agenda = from.agenda.clone());
    let session = record.data.clone();
    let agenda = session.agenda_or_draft();
    let drafted = session.agenda.is_empty() && !agenda.is_empty();
    let count = agenda.len();
    let base = session.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        match base.with_agenda_item(&text.get_untracked(), ids::new_record_id().to_string()) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="agenda-title">
            <h2 id="agenda-title">{t("Agenda")}</h2>
            {drafted.then(|| view! { <p class="field__help">{t("Drafted from the themes. Reorder, add or drop lines to agree it together.")}</p> })}
            {save.problems()}
            {if agenda.is_empty() {
                view! { <p>{t("No agenda yet. Add the themes first, or a line below.")}</p> }.into_any()
            } else {
                view! {
                    <ol class="agenda" aria-label=t("Agenda")>
                        {agenda.iter().enumerate().map(|(at, item)| {
                            let (up, down, drop) = (session.with_agenda_moved(&item.id, true), session.with_agenda_moved(&item.id, false), session.without_agenda_item(&item.id));
                            let name = item.text.clone();
                            view! {
                                <li class="agenda__item">
                                    <span class="agenda__text">{item.text.clone()}</span>
                                    <span class="agenda__actions">
                                        <button type="button" class="button button--quiet" aria-label=tr!("Move {item} up", item = name) disabled=at == 0 on:click=move |_| { save.dispatch(up.clone()); }>{t("Up")}</button>
                                        <button type="button" class="button button--quiet" aria-label=tr!("Move {item} down", item = item.text) disabled=at + 1 == count on:click=move |_| { save.dispatch(down.clone()); }>{t("Down")}</button>
                                        <button type="button" class="button button--quiet" aria-label=tr!("Drop {item}", item = item.text) on:click=move |_| { save.dispatch(drop.clone()); }>{t("Drop")}</button>
                                    </span>
                                </li>
                            }
                        }).collect_view()}
                    </ol>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Add to the agenda")>
                <ErrorSummary errors=errors />
                <TextField field=Field::AgendaText label=t("Add a line to the agenda") value=text required=true errors=errors />
                <div class="form__actions"><button type="submit" class="button">{t("Add to the agenda")}</button></div>
            </form>
        </section>
    }
}

/// "What do you want from today; how will you know", and the GROW prompt.
#[component]
fn AgreementSection(record: Record<Session>, drafts: Drafts) -> impl IntoView {
    let stored = AgreementForm::from_session(&record.data);
    let want = drafts.text("agreement.want", &stored.want);
    let how = drafts.text("agreement.how", &stored.how_know);
    let goal = drafts.text("agreement.grow_goal", &stored.grow_goal);
    let reality = drafts.text("agreement.grow_reality", &stored.grow_reality);
    let options = drafts.text("agreement.grow_options", &stored.grow_options);
    let will = drafts.text("agreement.grow_will", &stored.grow_will);
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "agreement.", t("Saved the session agreement."), |to, from| {
        to.agreement = from.agreement.clone();
        to.grow = from.grow.clone();
    });
    let grow_open = !record.data.grow.is_empty();
    let base = record.data.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = AgreementForm {
            want: want.get_untracked(),
            how_know: how.get_untracked(),
            grow_goal: goal.get_untracked(),
            grow_reality: reality.get_untracked(),
            grow_options: options.get_untracked(),
            grow_will: will.get_untracked(),
        };
        match base.with_agreement(&form) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="agreement-title">
            <h2 id="agreement-title">{t("Session agreement")}</h2>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Session agreement")>
                <ErrorSummary errors=errors />
                {save.problems()}
                <TextAreaField field=Field::AgreementWant label=t("What do you want from today?") value=want rows=2 errors=errors />
                <TextAreaField field=Field::AgreementHowKnow label=t("How will you know you have it?") value=how rows=2 errors=errors />
                <details class="disclosure" open=grow_open>
                    <summary>{t("GROW prompt (optional)")}</summary>
                    <p class="field__help">{t("A structure for the conversation if it helps: Goal, Reality, Options, Will.")}</p>
                    <TextAreaField field=Field::GrowGoal label=t("Goal: what do you want?") value=goal rows=2 errors=errors />
                    <TextAreaField field=Field::GrowReality label=t("Reality: what is happening now?") value=reality rows=2 errors=errors />
                    <TextAreaField field=Field::GrowOptions label=t("Options: what could you do?") value=options rows=2 errors=errors />
                    <TextAreaField field=Field::GrowWill label=t("Will: what will you do?") value=will rows=2 errors=errors />
                </details>
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Save the agreement")}</button></div>
            </form>
        </section>
    }
}

/// Opens by reviewing the actions carried forward from earlier sessions.
#[component]
fn ReviewSection(record: Record<Session>, data: SessionsData, drafts: Drafts) -> impl IntoView {
    let to_review = learning::to_review(&record.id, &data.sessions, &data.goals);
    let change = action_changer(drafts);
    let kind = data.kind();
    let dates: Vec<(RecordId, String)> = data.sessions.iter().map(|s| (s.id.clone(), s.data.date.local())).collect();
    view! {
        <section class="panel" aria-labelledby="last-actions-title">
            <h2 id="last-actions-title">{t("Actions from last time")}</h2>
            <p class="field__help">{t("The session opens by reviewing what was practised: done, partly done or not done, and what was learned. Actions not yet done come round again next time.")}</p>
            <ActionError action=change />
            {learning::shared_reflection_before(&record.id, &data.sessions).map(|(date, reflection)| view! {
                <div class="review__reflection">
                    <h3>{tr!("Shared after the session on {date}", date = date.local())}</h3>
                    <blockquote>{reflection}</blockquote>
                </div>
            })}
            {if to_review.is_empty() {
                view! { <p>{t("Nothing to review: no open actions were agreed in earlier sessions.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="reviews" aria-label=t("Actions to review")>
                        {to_review.into_iter().map(|action| {
                            let agreed_on = action.item.agreed_in.as_ref().and_then(|a| dates.iter().find(|(id, _)| id == a)).map(|(_, d)| d.clone()).unwrap_or_default();
                            let before = action.earlier_reviews(&record.id, &data.sessions).into_iter().map(ActionReview::in_words).collect();
                            view! { <ReviewItem action=action session_id=record.id.clone() on=record.data.date agreed_on=agreed_on before=before kind=kind change=change drafts=drafts /> }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        </section>
    }
}

#[component]
fn ReviewItem(
    action: ActionRef,
    session_id: RecordId,
    on: crate::domain::date::Date,
    agreed_on: String,
    /// How it went each earlier time it came round, oldest first.
    before: Vec<crate::domain::Message>,
    kind: Kind,
    change: Action<ActionChange, Option<StoreError>>,
    drafts: Drafts,
) -> impl IntoView {
    let existing = action.review_in(&session_id).cloned();
    let key = format!("review.{}", action.item.id);
    // The saved review, else what the client's latest check-in suggests.
    let start = action.review_start(&session_id);
    let outcome = drafts.text(&format!("{key}.outcome"), start.map_or("", |o| o.as_str()));
    let learned = drafts.text(&format!("{key}.learned"), existing.as_ref().map_or("", |r| r.learned.as_str()));
    let error = RwSignal::new(None::<String>);
    let base = format!("review-{}", action.item.id);
    let (outcome_name, learned_id, error_id) = (format!("{base}-outcome"), format!("{base}-learned"), format!("{base}-error"));
    let item = action.item.clone();
    let home = action.home.clone();
    let sid = session_id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ReviewForm { outcome: outcome.get_untracked(), learned: learned.get_untracked() };
        match form.validate(&sid, on) {
            Ok(review) => {
                error.set(None);
                change.dispatch(ActionChange::Review(home.clone(), item.id.clone(), review));
            }
            Err(problems) => error.set(problems.iter().next().map(|p| render(&p.message))),
        }
    };
    let meta = format!(
        "{} · {}{}",
        format::party(action.item.owner, kind),
        tr!("agreed {date}", date = agreed_on),
        action.item.due.map(|d| tr!(" · due {date}", date = d.local())).unwrap_or_default()
    );
    view! {
        <li class="review">
            <p class="review__title">{action.item.title.clone()}</p>
            <p class="item__meta">{meta}" · "{action.goal_title.clone().map_or_else(|| t("No goal").to_string(), |goal| tr!("Goal: {goal}", goal = goal))}</p>
            {(!before.is_empty()).then(|| view! {
                <div class="review__before">
                    <p class="review__before-title" id=format!("{base}-before")>{t("Carried forward: how it went before")}</p>
                    <ul aria-labelledby=format!("{base}-before")>
                        {before.iter().map(|words| view! { <li>{render(words)}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {(!action.item.check_ins.is_empty()).then(|| view! {
                <div class="review__before">
                    <p class="review__before-title" id=format!("{base}-check-ins")>{t("Check-ins between sessions")}</p>
                    <ul aria-labelledby=format!("{base}-check-ins")>
                        {action.item.check_ins.iter().map(|c| view! { <li>{render(&c.in_words())}</li> }).collect_view()}
                    </ul>
                </div>
            })}
            {(existing.is_none() && start.is_some()).then(|| view! {
                <p class="field__help">{t("Chosen from the client's latest check-in: change it if the session finds otherwise.")}</p>
            })}
            {existing.as_ref().map(|r| view! { <p class="review__saved">{tr!("Reviewed: {outcome}.", outcome = t(r.outcome.label()))}</p> })}
            <form class="form" novalidate on:submit=on_submit aria-label=tr!("Review: {action}", action = action.item.title)>
                <fieldset class="field field--choice" aria-describedby=error_id.clone()>
                    <legend>{t("How did it go?")}</legend>
                    <p class="field__error" id=error_id.clone() hidden=move || error.with(Option::is_none)>{move || error.get()}</p>
                    <div class="choices choices--row">
                        {ReviewOutcome::ALL.iter().map(|o| {
                            let value = o.as_str();
                            let input_id = format!("{base}-{value}");
                            view! {
                                <div class="choice">
                                    <input type="radio" id=input_id.clone() name=outcome_name.clone() value=value
                                        prop:checked=move || outcome.get() == value on:change=move |_| outcome.set(value.to_string()) />
                                    <label for=input_id>{t(o.label())}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
                <div class="field">
                    <label for=learned_id.clone()>{t("What was learned")}</label>
                    <textarea id=learned_id rows=2 prop:value=move || learned.get() on:input=move |ev| learned.set(event_target_value(&ev))></textarea>
                </div>
                <div class="form__actions"><button type="submit" class="button">{t("Save the review")}</button></div>
            </form>
        </li>
    }
}

/// Notes in three layers, each labelled with who may read it.
#[component]
fn NotesSection(record: Record<Session>, drafts: Drafts, kind: Kind, me: Party) -> impl IntoView {
    let stored = NotesForm::from_session(&record.data);
    let practitioner = drafts.text("notes.practitioner", &stored.practitioner_private);
    let client = drafts.text("notes.client", &stored.client_private);
    let shared = drafts.text("notes.shared", &stored.shared);
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "notes.", t("Saved the notes."), |to, from| to.notes = from.notes.clone());
    let base = record.data.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = NotesForm {
            practitioner_private: practitioner.get_untracked(),
            client_private: client.get_untracked(),
            shared: shared.get_untracked(),
        };
        match base.with_notes(&form) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let label = |layer: NoteLayer| match (layer, kind) {
        (NoteLayer::PractitionerPrivate, Kind::Mentoring) => t("Mentor's private notes"),
        (NoteLayer::PractitionerPrivate, Kind::Coaching) => t("Coach's private notes"),
        (NoteLayer::ClientPrivate, Kind::Mentoring) => t("Mentee's private notes"),
        (NoteLayer::ClientPrivate, Kind::Coaching) => t("Client's private notes"),
        (NoteLayer::Shared, _) => t("Shared notes"),
    };
    view! {
        <section class="panel" aria-labelledby="notes-title">
            <h2 id="notes-title">{t("Notes")}</h2>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Notes")>
                <ErrorSummary errors=errors />
                {save.problems()}
                <div class="note-layer note-layer--shared">
                    <TextAreaField field=Field::NoteShared label=label(NoteLayer::Shared) value=shared rows=6 help=t(NoteLayer::Shared.audience()) errors=errors />
                </div>
                // The practitioner's private layer does not exist in the client's copy.
                {(me != Party::Client).then(|| view! {
                    <div class="note-layer note-layer--private">
                        <p class="note-layer__badge">{t("Private")}</p>
                        <TextAreaField field=Field::NotePractitioner label=label(NoteLayer::PractitionerPrivate) value=practitioner rows=5 help=t(NoteLayer::PractitionerPrivate.audience()) errors=errors />
                    </div>
                })}
                <div class="note-layer note-layer--private">
                    <p class="note-layer__badge">{t("Private")}</p>
                    <TextAreaField field=Field::NoteClient label=label(NoteLayer::ClientPrivate) value=client rows=5 help=t(NoteLayer::ClientPrivate.audience()) errors=errors />
                </div>
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Save the notes")}</button></div>
            </form>
        </section>
    }
}

/// Actions to practise before next time, each linked to a goal where it fits.
#[component]
fn ActionsSection(record: Record<Session>, data: SessionsData, drafts: Drafts) -> impl IntoView {
    let agreed = learning::agreed_in(&record.id, &data.sessions, &data.goals);
    let change = action_changer(drafts);
    let kind = data.kind();
    let title = drafts.text("action.title", "");
    let goal = drafts.text("action.goal", "");
    let owner = drafts.text("action.owner", Party::Client.as_str());
    let due = drafts.text("action.due", "");
    let errors = RwSignal::new(FieldErrors::new());
    let goal_options: Vec<(String, String)> = data.goals.iter().map(|g| (g.id.to_string(), g.data.title.clone())).collect();
    let has_goals = !goal_options.is_empty();
    let owners = format::party_options(kind, data.engagement.data.sponsor.is_some());
    let sid = record.id.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = ActionForm {
            title: title.get_untracked(),
            goal_id: goal.get_untracked(),
            owner: owner.get_untracked(),
            due: due.get_untracked(),
        };
        match form.validate(&sid, ids::new_record_id().to_string()) {
            Ok((goal, item)) => {
                errors.set(FieldErrors::new());
                change.dispatch(ActionChange::Add(goal, item));
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="actions-title">
            <h2 id="actions-title">{t("Actions to practise before next time")}</h2>
            <p class="field__help">{t("Each action linked to a goal counts in that goal's progress, and the next session opens by reviewing it.")}</p>
            <ActionError action=change />
            {if agreed.is_empty() {
                view! { <p>{t("No actions agreed in this session yet.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="items" aria-label=t("Actions agreed in this session")>
                        {agreed.into_iter().map(|action| {
                            let flag = checks::action_warning(&action.item, action.goal_title.as_deref());
                            let flagged = flag.is_some();
                            let remove = ActionChange::Remove(action.home.clone(), action.item.id.clone());
                            view! {
                                <li class="item" class:item--flagged=flagged>
                                    <div class="item__main">
                                        <span class="item__kind">{t("Action")}</span>
                                        <span class="item__title">{action.item.title.clone()}</span>
                                        <span class="item__meta">
                                            {format!("{} · ", format::party(action.item.owner, kind))}
                                            {action.item.due.map_or(t("No due date").to_string(), |d| tr!("due {date}", date = d.local()))}
                                            {action.goal_title.clone().map(|goal| tr!(" · Goal: {goal}", goal = goal))}
                                            {format!(" · {}", t(action.item.status.label()))}
                                        </span>
                                        {flag.map(|text| view! { <span class="item__flag">{render(&text)}</span> })}
                                    </div>
                                    <button type="button" class="button button--quiet" on:click=move |_| { change.dispatch(remove.clone()); }>
                                        {t("Remove")}<span class="visually-hidden">{format!(" {}", action.item.title)}</span>
                                    </button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <form class="form form--inline-panel" novalidate on:submit=on_submit aria-label=t("Add an action")>
                <h3>{t("Add an action")}</h3>
                <ErrorSummary errors=errors />
                <TextField field=Field::ActionTitle label=t("What to practise") value=title required=true errors=errors />
                <div class="field-row">
                    <SelectField field=Field::ActionGoal label=t("For the goal") options=goal_options value=goal placeholder=t("No goal") errors=errors
                        help=if has_goals { t("An action with no goal is kept, but counts in no goal's progress.") } else { t("There are no goals yet; add them on the Goals page.") } />
                    <SelectField field=Field::ActionOwner label=t("Who does it") options=owners value=owner errors=errors />
                    <TextField field=Field::ActionDue label=t("Due date") value=due input_type="date" errors=errors />
                </div>
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Add the action")}</button></div>
            </form>
        </section>
    }
}

/// The reflection and the optional feedback.
#[component]
fn AfterSection(record: Record<Session>, drafts: Drafts) -> impl IntoView {
    let stored = AfterForm::from_session(&record.data);
    let reflection = drafts.text("after.reflection", &stored.reflection);
    let score = drafts.text("after.score", &stored.feedback_score);
    let comment = drafts.text("after.comment", &stored.feedback_comment);
    let shared = RwSignal::new(stored.reflection_shared);
    let errors = RwSignal::new(FieldErrors::new());
    let save = SessionSaver::new(&record, drafts, "after.", t("Saved the reflection and feedback."), |to, from| {
        to.reflection = from.reflection.clone();
        to.reflection_shared = from.reflection_shared;
        to.feedback = from.feedback.clone();
    });
    let base = record.data.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = AfterForm {
            reflection: reflection.get_untracked(),
            reflection_shared: shared.get_untracked(),
            feedback_score: score.get_untracked(),
            feedback_comment: comment.get_untracked(),
        };
        match base.with_after(&form) {
            Ok(next) => {
                errors.set(FieldErrors::new());
                save.dispatch(next);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let choices = Usefulness::ALL
        .iter()
        .map(|u| Choice { value: u.as_str().into(), label: u.as_str().into(), help: t(u.label()).into() })
        .collect::<Vec<_>>();
    view! {
        <section class="panel" aria-labelledby="after-title">
            <h2 id="after-title">{t("After the session")}</h2>
            <form class="form" novalidate on:submit=on_submit aria-label=t("After the session")>
                <ErrorSummary errors=errors />
                {save.problems()}
                <TextAreaField field=Field::Reflection label=t("One thing I take away") value=reflection rows=3 errors=errors />
                <CheckboxField id="reflection_shared" label=t("Share this reflection in the engagement summary") checked=shared
                    help=t("Otherwise it stays between the two of you and appears in no report.") />
                <ChoiceField field=Field::FeedbackScore legend=t("How useful was the session? (optional)") choices=choices value=score inline=true errors=errors />
                <TextAreaField field=Field::FeedbackComment label=t("Feedback comment") value=comment rows=2 errors=errors />
                <div class="form__actions">
                    <button type="submit" class="button button--primary">{t("Save")}</button>
                    <button type="button" class="button button--quiet" on:click=move |_| score.set(String::new())>{t("Clear the score")}</button>
                </div>
            </form>
        </section>
    }
}
