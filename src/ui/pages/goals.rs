//! The goal tracker of one engagement.
//!
//! - [`GoalsPage`]: every goal with its progress and latest GAS score, the aggregate GAS
//!   T-score at baseline, mid-point and end with its trend chart, and the way to add goals
//!   (or bring in those agreed in the contract).
//! - [`GoalPage`]: one goal: SMART advice, the five GAS levels and scoring, progress in the
//!   form that fits it (judged, rolled up from milestones and actions, or a metric), its
//!   chart, milestones and actions, and who may see it.
//! - [`GoalEditor`]: the form to write or change a goal, with the SMART checker inline.

use crate::i18n::{lower, number, plural, render, t, DateText};
use crate::tr;
use leptos::prelude::*;

use crate::domain::contract::Party;
use crate::domain::date::Date;
use crate::domain::goal::chart::line_chart;
use crate::domain::goal::form::{GoalForm, ItemForm};
use crate::domain::goal::{
    gas, progress, smart, EngagementWindow, GasLevel, Goal, ItemKind, ItemStatus, MetricKind, Progress, ProgressMethod, ReviewPoint,
    Visibility, WeightMode,
};
use crate::domain::kinds::RecordKind;
use crate::domain::{Engagement, Field, FieldErrors, Kind, Record, RecordId};
use crate::platform::{ids, location};
use crate::store::StoreError;
use crate::ui::actions::store_action;
use crate::ui::chart::LineChartView;
use crate::ui::components::NotFound;
use crate::ui::components::{ActionError, CheckboxField, DeleteRecord, ErrorSummary, PageHeader, SelectField, TextAreaField, TextField};
use crate::ui::data::with_goals_data;
use crate::ui::format;
use crate::ui::route::Route;
use crate::ui::AppState;

use crate::platform::clock::{self, today};

fn percent_text(percent: Option<f64>) -> String {
    percent.map_or_else(|| t("No progress recorded yet").to_string(), |p| tr!("{percent}% complete", percent = number(p, 0)))
}

/// A progress bar with its value in words.
#[component]
fn ProgressBar(percent: Option<f64>, #[prop(into)] label: String) -> impl IntoView {
    let value = percent.unwrap_or(0.0).clamp(0.0, 100.0);
    view! {
        <div class="progress">
            <div class="progress__track" role="progressbar" aria-label=label aria-valuemin="0" aria-valuemax="100"
                aria-valuenow=format!("{value:.0}") aria-valuetext=percent_text(percent)>
                <div class="progress__fill" style:width=format!("{value:.0}%")></div>
            </div>
            <span class="progress__text">{percent_text(percent)}</span>
        </div>
    }
}

#[component]
pub fn GoalsPage(engagement_id: RecordId) -> impl IntoView {
    with_goals_data(engagement_id, |data| {
        let engagement = data.engagement.clone();
        let id = engagement.id.clone();
        let goals: Vec<Goal> = data.goals.iter().map(|g| g.data.clone()).collect();
        let trend = gas::trend(&goals);
        let missing_from_contract = data.contract_goal_count > 0 && data.contract_goal_count > goals.len();
        let new_goal_href = Route::NewGoal(id.clone()).href();
        view! {
            <p class="breadcrumb"><a href=Route::Engagement(id.clone()).href()>{format!("← {}", engagement.data.client.as_str())}</a></p>
            <PageHeader title=t("Goals") lead=tr!("What {client} wants to achieve, and how it is going.", client = engagement.data.client.as_str())>
                <a class="button button--primary" href=new_goal_href>{t("Add a goal")}</a>
            </PageHeader>
            {missing_from_contract.then(|| view! { <BringInContractGoals engagement_id=id.clone() /> })}
            <GasOverview trend=trend goals=goals.clone() />
            {if data.goals.is_empty() {
                view! {
                    <section class="empty-state" aria-labelledby="no-goals-title">
                        <h2 id="no-goals-title">{t("No goals yet")}</h2>
                        <p>{t("Write each goal so you will both know when it is achieved: what, why it matters, how success will be known, and by when. Then describe what much less, less, as expected, more and much more would look like, so it can be scored at each review.")}</p>
                        <a class="button button--primary" href=Route::NewGoal(id.clone()).href()>{t("Add the first goal")}</a>
                    </section>
                }.into_any()
            } else {
                let today = today();
                view! {
                    <ul class="card-list card-list--wide" aria-label=t("Goals")>
                        {data.goals.into_iter().map(|record| {
                            let goal = record.data.clone();
                            let overdue = progress::overdue_items(&goal, today).len();
                            let at_risk = progress::needs_attention(&goal, today, clock::date_of(record.created_at));
                            let latest = goal.latest_score().map(|s| tr!("GAS {score} at {point}", score = format::gas_score(s.score), point = lower(t(s.point.label()))));
                            view! {
                                <li class="card">
                                    <p class="card__eyebrow">
                                        <span class=format!("visibility visibility--{}", goal.visibility.as_str())>{t(goal.visibility.label())}</span>
                                        {at_risk.then(|| view! { <span class="status status--risk">{t("At risk")}</span> })}
                                    </p>
                                    <h2 class="card__title"><a class="card__link" href=Route::Goal(id.clone(), record.id.clone()).href()>{goal.title.clone()}</a></h2>
                                    <ProgressBar percent=progress::percent_complete(&goal) label=tr!("Progress on {goal}", goal = goal.title) />
                                    <dl class="card__facts">
                                        <div><dt>{t("Score")}</dt><dd>{latest.unwrap_or_else(|| t("Not scored yet").into())}</dd></div>
                                        <div><dt>{t("Target date")}</dt><dd>{goal.target_date.map_or(t("None yet").into(), |d| d.local())}</dd></div>
                                        {(overdue > 0).then(|| view! { <div><dt>{t("Overdue")}</dt><dd>{plural(overdue, "1 item", "{n} items")}</dd></div> })}
                                    </dl>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
        }
        .into_any()
    })
}

#[component]
fn BringInContractGoals(engagement_id: RecordId) -> impl IntoView {
    let bring = store_action(
        move |store, _: ()| {
            let id = engagement_id.clone();
            async move { store.bring_in_contract_goals(&id).await }
        },
        |added| match added {
            0 => t("Every goal in the contract is already here.").into(),
            1 => t("Brought in 1 goal from the contract.").into(),
            n => tr!("Brought in {n} goals from the contract.", n = n).into(),
        },
    );
    view! {
        <div class="notice">
            <p>{t("The contract lists goals that are not tracked here yet.")}</p>
            <button type="button" class="button" on:click=move |_| { bring.dispatch(()); }>{t("Bring in the contract's goals")}</button>
            <ActionError action=bring />
        </div>
    }
}

/// The aggregate T-score at baseline, mid-point and end, with its trend.
#[component]
fn GasOverview(trend: Vec<(ReviewPoint, f64)>, goals: Vec<Goal>) -> impl IntoView {
    if goals.is_empty() {
        return view! { <span></span> }.into_any();
    }
    let chart = line_chart(
        &trend.iter().map(|(p, score)| (t(p.label()).to_string(), (score * 10.0).round() / 10.0)).collect::<Vec<_>>(),
        Some(50.0),
        Some((20.0, 80.0)),
        560.0,
        220.0,
        t("GAS T-score"),
    );
    view! {
        <section class="panel gas-overview" aria-labelledby="gas-title">
            <h2 id="gas-title">{t("Goal Attainment Scaling")}</h2>
            <p class="field__help">{t("The T-score combines every scored goal (weighted, ρ = 0.3). 50 means the goals were met as expected.")}</p>
            <dl class="facts">
                {[ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End].into_iter().map(|point| {
                    let score = trend.iter().find(|(p, _)| *p == point).map(|(_, score)| *score);
                    view! {
                        <div><dt>{t(point.label())}</dt>
                        <dd class="gas-overview__t">{score.map_or_else(|| t("Not scored").to_string(), |score| format!("T = {}", number(score, 1)))}
                            {score.map(|score| view! { <span class="facts__note">{tr!("Goals met {band}", band = render(&gas::band(score)))}</span> })}</dd></div>
                    }
                }).collect_view()}
            </dl>
            {(!trend.is_empty()).then(|| view! { <LineChartView chart=chart title=t("GAS T-score over time") /> })}
        </section>
    }
    .into_any()
}

/// Saves a changed goal; shows the problem if any. The one way goal changes are saved.
fn save_goal_action(record: &Record<Goal>, success: &'static str) -> Action<Goal, Option<StoreError>> {
    let id = record.id.clone();
    let revision = record.revision;
    store_action(
        move |store, goal: Goal| {
            let id = id.clone();
            async move { store.save_goal(&id, revision, goal).await }
        },
        move |_| success.into(),
    )
}

#[component]
pub fn GoalPage(engagement_id: RecordId, goal_id: RecordId) -> impl IntoView {
    with_goals_data(engagement_id, move |data| {
        let Some(record) = data.goals.iter().find(|g| g.id == goal_id).cloned() else {
            return view! { <NotFound /> }.into_any();
        };
        let goal = record.data.clone();
        let eid = data.engagement.id.clone();
        let smart_check = smart::check(&goal.title, &goal.why_it_matters, &goal.success_measure, goal.target_date, data.window);
        let kind = data.engagement.data.kind;
        let three_way = data.engagement.data.sponsor.is_some();
        let edit_href = Route::EditGoal(eid.clone(), record.id.clone()).href();
        let goal_id = record.id.clone();
        view! {
            <p class="breadcrumb"><a href=Route::Goals(eid.clone()).href()>{t("← All goals")}</a></p>
            <PageHeader title=goal.title.clone() lead=if goal.why_it_matters.is_empty() { t("Why it matters is not written yet.").to_string() } else { goal.why_it_matters.clone() }>
                <a class="button" href=edit_href>{t("Edit the goal")}</a>
                <DeleteRecord kind=RecordKind::Goal id=goal_id button=t("Delete this goal")
                    question=tr!("Delete the goal “{title}”?", title = goal.title)
                    explanation=t("Its levels, scores, progress, milestones and the actions linked to it go with it. You can undo this straight after deleting.")
                    deleted=tr!("Deleted the goal “{title}”.", title = goal.title)
                    restored=tr!("Restored the goal “{title}”.", title = goal.title)
                    then=Route::Goals(eid.clone()).fragment() />
            </PageHeader>
            <section class="panel" aria-labelledby="about-title">
                <h2 id="about-title">{t("About this goal")}</h2>
                <dl class="facts">
                    <div><dt>{t("How success will be known")}</dt><dd>{if goal.success_measure.is_empty() { t("Not written yet").to_string() } else { goal.success_measure.clone() }}</dd></div>
                    <div><dt>{t("Target date")}</dt><dd>{goal.target_date.map_or(t("None yet").into(), |d| d.local())}</dd></div>
                    <div><dt>{t("Owner")}</dt><dd>{format::party(goal.owner, kind)}</dd></div>
                    <div><dt>{t("Weight")}</dt><dd>{number(goal.weight.value(), if goal.weight.value().fract() == 0.0 { 0 } else { 2 })}</dd></div>
                </dl>
                <SmartAdviceList check=smart_check />
                <VisibilityControl record=record.clone() three_way=three_way />
            </section>
            <GasSection record=record.clone() />
            <ProgressSection record=record.clone() />
            <ItemsSection record=record.clone() kind=kind three_way=three_way />
        }
        .into_any()
    })
}

#[component]
fn SmartAdviceList(check: smart::SmartCheck) -> impl IntoView {
    view! {
        <div class="smart" role="status" aria-live="polite">
            {match check {
                smart::SmartCheck::NotWrittenYet => view! {
                    <p class="smart__pending">{t("Once the goal is written, the SMART check will advise on it here.")}</p>
                }.into_any(),
                smart::SmartCheck::ReadsAsSmart => view! {
                    <p class="smart__clean">{t("Reads as SMART: specific, measurable, relevant and time-bound.")}</p>
                }.into_any(),
                smart::SmartCheck::Advice(advice) => view! {
                    <p class="smart__title">{t("SMART check (advice only)")}</p>
                    <ul class="smart__list">
                        {advice.into_iter().map(|a| view! {
                            <li><span class="smart__letter" title=t(a.letter.label())>{a.letter.initial().to_string()}</span>
                            <span class="visually-hidden">{format!("{}: ", t(a.letter.label()))}</span>{render(&a.message)}</li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
            }}
        </div>
    }
}

#[component]
fn VisibilityControl(record: Record<Goal>, three_way: bool) -> impl IntoView {
    let value = RwSignal::new(record.data.visibility.as_str().to_string());
    let save = save_goal_action(&record, t("Changed who can see this goal."));
    let goal = record.data.clone();
    let options = Visibility::ALL
        .iter()
        .filter(|v| three_way || **v != Visibility::SponsorVisible)
        .map(|v| (v.as_str(), t(v.label())))
        .collect::<Vec<_>>();
    Effect::new(move |previous: Option<String>| {
        let now = value.get();
        if previous.is_some_and(|p| p != now) {
            if let Some(visibility) = Visibility::parse(&now) {
                save.dispatch(goal.with_visibility(visibility));
            }
        }
        now
    });
    view! {
        <SelectField field=Field::GoalVisibility label=t("Who can see this goal") options=options value=value
            help=t("Only sponsor-visible goals may appear in reports to the sponsor.") />
        <ActionError action=save />
    }
}

#[component]
fn GasSection(record: Record<Goal>) -> impl IntoView {
    let goal = record.data.clone();
    let locked = goal.levels_locked();
    let point = RwSignal::new(
        if goal.score_at(ReviewPoint::Baseline).is_none() { ReviewPoint::Baseline } else { ReviewPoint::Review }.as_str().to_string(),
    );
    let score = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let save = save_goal_action(&record, t("Score saved."));
    let for_scoring = goal.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let point = ReviewPoint::parse(&point.get_untracked()).unwrap_or(ReviewPoint::Review);
        match for_scoring.with_score(point, &score.get_untracked(), today(), &note.get_untracked()) {
            Ok(scored) => {
                errors.set(FieldErrors::new());
                save.dispatch(scored);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let history = goal.scores.clone();
    let chart = line_chart(
        &history.iter().map(|s| (format!("{} {}", t(s.point.label()), s.on.local()), f64::from(s.score))).collect::<Vec<_>>(),
        Some(0.0),
        Some((-2.0, 2.0)),
        560.0,
        200.0,
        t("GAS score"),
    );
    view! {
        <section class="panel" aria-labelledby="gas-levels-title">
            <h2 id="gas-levels-title">{t("Goal Attainment Scaling")}</h2>
            {locked.then(|| view! { <p class="field__help">{t("The level descriptions are locked because this goal has been scored. Change them by re-contracting.")}</p> })}
            <table class="gas-levels">
                <thead><tr><th scope="col">{t("Score")}</th><th scope="col">{t("What it looks like")}</th></tr></thead>
                <tbody>
                    {GasLevel::ALL.iter().rev().map(|&level| {
                        let text = goal.levels.of(level).to_string();
                        view! {
                            <tr class:gas-levels__expected=level == GasLevel::Expected>
                                <th scope="row">{format::gas_level(level)}</th>
                                <td>{if text.is_empty() { t("Not described").to_string() } else { text }}</td>
                            </tr>
                        }
                    }).collect_view()}
                </tbody>
            </table>
            <form class="form form--inline-panel" novalidate on:submit=submit aria-label=t("Score this goal")>
                <h3>{t("Score this goal")}</h3>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <div class="field-row">
                    <SelectField field=Field::ScorePoint label=t("Review point") options={ReviewPoint::ALL.iter().map(|p| (p.as_str(), t(p.label()))).collect::<Vec<_>>()}
                        value=point />
                    <SelectField field=Field::ScoreValue label=t("Score") placeholder=t("Choose a score")
                        options={GasLevel::ALL.iter().rev().map(|l| (l.as_str().to_string(), format::gas_level(*l))).collect::<Vec<_>>()}
                        value=score errors=errors />
                </div>
                <TextField field=Field::ScoreNote label=t("Note") value=note errors=errors />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Save the score")}</button></div>
            </form>
            {(!history.is_empty()).then(|| view! {
                <h3>{t("Score history")}</h3>
                <LineChartView chart=chart title=t("GAS score history") />
            })}
            {locked.then(|| view! { <RecontractLevels record=record.clone() /> })}
        </section>
    }
}

/// Changing the levels of a scored goal: the change is recorded as re-contracting, and
/// the earlier descriptions stay readable.
#[component]
fn RecontractLevels(record: Record<Goal>) -> impl IntoView {
    let goal = record.data.clone();
    let levels = goal.levels.clone();
    let fields = [
        RwSignal::new(levels.much_less.clone()),
        RwSignal::new(levels.somewhat_less.clone()),
        RwSignal::new(levels.expected.clone()),
        RwSignal::new(levels.somewhat_more.clone()),
        RwSignal::new(levels.much_more.clone()),
    ];
    let save = save_goal_action(&record, t("The new level descriptions are recorded; the earlier ones are kept."));
    let history = goal.level_history.clone();
    view! {
        <details class="recontract-levels">
            <summary>{t("Change the level descriptions (re-contracting)")}</summary>
            <p class="field__help">{t("Agree the change with everyone involved. Scores given so far stay, and the earlier descriptions are kept below.")}</p>
            <form class="form form--inline-panel" novalidate aria-label=t("Re-contract the levels") on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let levels = crate::domain::goal::GasLevels {
                    much_less: fields[0].get_untracked(),
                    somewhat_less: fields[1].get_untracked(),
                    expected: fields[2].get_untracked(),
                    somewhat_more: fields[3].get_untracked(),
                    much_more: fields[4].get_untracked(),
                };
                save.dispatch(goal.with_recontracted_levels(levels));
            }>
                {GasLevel::ALL.iter().enumerate().map(|(index, &level)| view! {
                    <TextField field=Field::GasLevel(level) label=format::gas_level(level) value=fields[index] no_optional_hint=true />
                }).collect_view()}
                <ActionError action=save />
                <div class="form__actions"><button type="submit" class="button">{t("Record the new levels")}</button></div>
            </form>
            {(!history.is_empty()).then(|| view! {
                <h3>{t("Earlier level descriptions")}</h3>
                <ol class="entries">{history.into_iter().map(|old| view! {
                    <li>{GasLevel::ALL.iter().map(|l| format!("{} {}", l.signed(), old.of(*l))).collect::<Vec<_>>().join(" · ")}</li>
                }).collect_view()}</ol>
            })}
        </details>
    }
}

#[component]
fn ProgressSection(record: Record<Goal>) -> impl IntoView {
    let goal = record.data.clone();
    let percent = progress::percent_complete(&goal);
    let body = match goal.progress.clone() {
        Progress::Judged { entries } => {
            let chart = line_chart(
                &entries.iter().map(|e| (e.on.local(), f64::from(e.percent))).collect::<Vec<_>>(),
                Some(100.0),
                Some((0.0, 100.0)),
                560.0,
                200.0,
                t("Judged progress (%)"),
            );
            view! {
                <JudgedEntryForm record=record.clone() />
                {(!entries.is_empty()).then(|| view! {
                    <LineChartView chart=chart title=t("Judged progress over time") />
                    <ul class="entries">{entries.iter().rev().map(|e| view! {
                        <li><strong>{format!("{}%", e.percent)}</strong>{tr!(" on {date}", date = e.on.local())}
                            {(!e.comment.is_empty()).then(|| format!(": {}", e.comment))}</li>
                    }).collect_view()}</ul>
                })}
            }
            .into_any()
        }
        Progress::RollUp { weighted } => view! {
            <p>{if weighted { t("Progress is the weighted share of milestones and actions done.") } else { t("Progress is the share of milestones and actions done.") }}</p>
        }
        .into_any(),
        Progress::Metric(metric) => {
            let chart = line_chart(
                &metric.entries.iter().map(|e| (e.on.local(), e.value)).collect::<Vec<_>>(),
                Some(metric.target),
                if metric.kind == MetricKind::Rating { Some((0.0, 10.0)) } else if metric.kind == MetricKind::YesNo { Some((0.0, 1.0)) } else { None },
                560.0,
                220.0,
                &metric.unit,
            );
            view! {
                <p>{tr!("{unit}: now {value}, target {target}.", unit = metric.unit, value = number(progress::metric_value(&metric), 2).trim_end_matches('0').trim_end_matches(['.', ',']), target = metric.target)}</p>
                <MetricEntryForm record=record.clone() kind=metric.kind />
                {(!metric.entries.is_empty()).then(|| view! { <LineChartView chart=chart title=tr!("{unit} against the target", unit = metric.unit) /> })}
            }
            .into_any()
        }
    };
    view! {
        <section class="panel" aria-labelledby="progress-title">
            <h2 id="progress-title">{t("Progress")}</h2>
            <p class="field__help">{t(goal.progress.label())}</p>
            <ProgressBar percent=percent label=tr!("Progress on {goal}", goal = goal.title) />
            {body}
        </section>
    }
}

#[component]
fn JudgedEntryForm(record: Record<Goal>) -> impl IntoView {
    let percent = RwSignal::new(String::new());
    let comment = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let save = save_goal_action(&record, t("Progress recorded."));
    let goal = record.data.clone();
    view! {
        <form class="form form--inline-panel" novalidate aria-label=t("Record progress") on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match goal.with_judged_entry(&percent.get_untracked(), &comment.get_untracked(), today()) {
                Ok(next) => { errors.set(FieldErrors::new()); save.dispatch(next); }
                Err(problems) => errors.set(problems),
            }
        }>
            <ErrorSummary errors=errors />
            <ActionError action=save />
            <div class="field-row">
                <TextField field=Field::JudgedPercent label=t("Progress (%)") value=percent input_type="number" errors=errors required=true />
                <TextField field=Field::EntryComment label=t("Comment") value=comment errors=errors />
            </div>
            <div class="form__actions"><button type="submit" class="button button--primary">{t("Record progress")}</button></div>
        </form>
    }
}

#[component]
fn MetricEntryForm(record: Record<Goal>, kind: MetricKind) -> impl IntoView {
    let value = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let errors = RwSignal::new(FieldErrors::new());
    let save = save_goal_action(&record, t("Entry recorded."));
    let goal = record.data.clone();
    let help = match kind {
        MetricKind::Cumulative => t("How many since the last entry; entries add up."),
        MetricKind::Measurement => t("The value measured today."),
        MetricKind::Rating => t("A rating from 1 to 10."),
        MetricKind::YesNo => t("Yes or no."),
    };
    view! {
        <form class="form form--inline-panel" novalidate aria-label=t("Record a value") on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match goal.with_metric_entry(&value.get_untracked(), today(), &note.get_untracked()) {
                Ok(next) => { errors.set(FieldErrors::new()); save.dispatch(next); }
                Err(problems) => errors.set(problems),
            }
        }>
            <ErrorSummary errors=errors />
            <ActionError action=save />
            <div class="field-row">
                <TextField field=Field::MetricValue label=t("Value") value=value errors=errors help=help required=true />
                <TextField field=Field::EntryComment label=t("Note") value=note errors=errors />
            </div>
            <div class="form__actions"><button type="submit" class="button button--primary">{t("Record the value")}</button></div>
        </form>
    }
}

#[component]
fn ItemsSection(record: Record<Goal>, kind: Kind, three_way: bool) -> impl IntoView {
    let goal = record.data.clone();
    let today = today();
    let title = RwSignal::new(String::new());
    let item_kind = RwSignal::new(ItemKind::Action.as_str().to_string());
    let owner = RwSignal::new(Party::Client.as_str().to_string());
    let due = RwSignal::new(String::new());
    let weight = RwSignal::new(String::new());
    let confirm = RwSignal::new(false);
    let errors = RwSignal::new(FieldErrors::new());
    let add = save_goal_action(&record, t("Added."));
    let change = save_goal_action(&record, t("Updated."));
    let remove = save_goal_action(&record, t("Removed."));
    let for_add = goal.clone();
    let owners = format::party_options(kind, three_way);
    view! {
        <section class="panel" aria-labelledby="items-title">
            <h2 id="items-title">{t("Milestones and actions")}</h2>
            {if goal.items.is_empty() {
                view! { <p>{t("None yet. Break the goal into milestones and actions to practise between sessions.")}</p> }.into_any()
            } else {
                view! {
                    <ul class="items" aria-label=t("Milestones and actions")>
                        {goal.items.iter().map(|item| {
                            let overdue = progress::is_overdue(item, today);
                            let status = RwSignal::new(item.status.as_str().to_string());
                            let item_id = item.id.clone();
                            let base = goal.clone();
                            Effect::new(move |previous: Option<String>| {
                                let now = status.get();
                                if previous.is_some_and(|p| p != now) {
                                    if let Some(new_status) = ItemStatus::parse(&now) {
                                        if let Ok(next) = base.with_item_status(&item_id, new_status, today) {
                                            change.dispatch(next);
                                        }
                                    }
                                }
                                now
                            });
                            let confirm_id = item.id.clone();
                            let for_confirm = goal.clone();
                            let (remove_id, for_remove) = (item.id.clone(), goal.clone());
                            let label_id = format!("item-{}-status", item.id);
                            view! {
                                <li class="item" class:item--overdue=overdue class:item--done=item.status == ItemStatus::Done>
                                    <div class="item__main">
                                        <span class="item__kind">{t(item.kind.label())}</span>
                                        <span class="item__title">{item.title.clone()}</span>
                                        <span class="item__meta">
                                            {format!("{} · ", format::party(item.owner, kind))}
                                            {item.due.map_or(t("No due date").to_string(), |d| tr!("due {date}", date = d.local()))}
                                            {overdue.then(|| view! { <strong class="item__overdue">{t(" · Overdue")}</strong> })}
                                            {item.done_on.map(|d| tr!(" · done {date}", date = d.local()))}
                                            {(item.needs_confirmation && item.status == ItemStatus::Done && !item.confirmed).then_some(t(" · awaiting the practitioner's confirmation"))}
                                        </span>
                                    </div>
                                    <label class="visually-hidden" for=label_id.clone()>{tr!("Status of {item}", item = item.title)}</label>
                                    <select id=label_id prop:value=move || status.get() on:change=move |ev| status.set(event_target_value(&ev))>
                                        {ItemStatus::ALL.iter().map(|s| view! { <option value=s.as_str() selected=item.status == *s>{t(s.label())}</option> }).collect_view()}
                                    </select>
                                    {(item.needs_confirmation && item.status == ItemStatus::Done && !item.confirmed).then(|| view! {
                                        <button type="button" class="button button--quiet" on:click=move |_| {
                                            if let Ok(next) = for_confirm.with_item_confirmed(&confirm_id) { change.dispatch(next); }
                                        }>{t("Confirm completion")}</button>
                                    })}
                                    <button type="button" class="button button--quiet" on:click=move |_| {
                                        if let Ok(next) = for_remove.without_item(&remove_id) { remove.dispatch(next); }
                                    } aria-label=tr!("Remove {item}", item = item.title)>{t("Remove")}</button>
                                </li>
                            }
                        }).collect_view()}
                    </ul>
                }.into_any()
            }}
            <ActionError action=change />
            <ActionError action=remove />
            <form class="form form--inline-panel" novalidate aria-label=t("Add a milestone or action") on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                let form = ItemForm {
                    kind: item_kind.get_untracked(),
                    title: title.get_untracked(),
                    owner: owner.get_untracked(),
                    due: due.get_untracked(),
                    weight: weight.get_untracked(),
                    needs_confirmation: confirm.get_untracked(),
                };
                match for_add.with_item(form, ids::new_record_id().to_string()) {
                    Ok(next) => { errors.set(FieldErrors::new()); add.dispatch(next); }
                    Err(problems) => errors.set(problems),
                }
            }>
                <h3>{t("Add a milestone or action")}</h3>
                <ErrorSummary errors=errors />
                <ActionError action=add />
                <TextField field=Field::ItemTitle label=t("What") value=title errors=errors required=true />
                <div class="field-row">
                    <SelectField field=Field::ItemKind label=t("Kind") options={ItemKind::ALL.iter().map(|k| (k.as_str(), t(k.label()))).collect::<Vec<_>>()} value=item_kind />
                    <SelectField field=Field::ItemOwner label=t("Owner") options=owners value=owner errors=errors />
                </div>
                <div class="field-row">
                    <TextField field=Field::ItemDue label=t("Due date") value=due input_type="date" errors=errors />
                    <TextField field=Field::ItemWeight label=t("Weight") value=weight errors=errors help=t("For a weighted roll-up; 1 if empty.") />
                </div>
                <CheckboxField id="item_needs_confirmation" label=t("The practitioner confirms completion") checked=confirm />
                <div class="form__actions"><button type="submit" class="button button--primary">{t("Add")}</button></div>
            </form>
        </section>
    }
}

/// `goal_id` is `None` for a new goal.
#[component]
pub fn GoalEditor(engagement_id: RecordId, goal_id: Option<RecordId>) -> impl IntoView {
    with_goals_data(engagement_id, move |data| {
        let existing = goal_id.as_ref().and_then(|id| data.goals.iter().find(|g| g.id == *id).cloned());
        if goal_id.is_some() && existing.is_none() {
            return view! { <NotFound /> }.into_any();
        }
        let eid = data.engagement.id.clone();
        let back = existing.as_ref().map_or(Route::Goals(eid.clone()), |g| Route::Goal(eid.clone(), g.id.clone()));
        let title = if existing.is_some() { t("Edit the goal") } else { t("New goal") };
        view! {
            <p class="breadcrumb"><a href=back.href()>{t("← Back")}</a></p>
            <PageHeader title=title lead=t("Write the goal so you will both know when it is achieved.") />
            <GoalFormView engagement=data.engagement.clone() window=data.window existing=existing />
        }
        .into_any()
    })
}

#[component]
fn GoalFormView(engagement: Record<Engagement>, window: EngagementWindow, existing: Option<Record<Goal>>) -> impl IntoView {
    AppState::expect().editing_while_mounted();
    let initial = existing.as_ref().map(|g| GoalForm::from_goal(&g.data)).unwrap_or_default();
    let f = |value: String| RwSignal::new(value);
    let title = f(initial.title);
    let why = f(initial.why_it_matters);
    let measure = f(initial.success_measure);
    let target = f(initial.target_date);
    let owner = f(if initial.owner.is_empty() { Party::Client.as_str().into() } else { initial.owner });
    let visibility = f(if initial.visibility.is_empty() { Visibility::Shared.as_str().into() } else { initial.visibility });
    let weight = f(initial.weight);
    let weight_mode = f(if initial.weight_mode.is_empty() { WeightMode::Direct.as_str().into() } else { initial.weight_mode });
    let importance = f(initial.importance);
    let difficulty = f(initial.difficulty);
    let levels = [f(initial.much_less), f(initial.somewhat_less), f(initial.expected), f(initial.somewhat_more), f(initial.much_more)];
    let method = f(if initial.progress_method.is_empty() { ProgressMethod::Judged.as_str().into() } else { initial.progress_method });
    let weighted = RwSignal::new(initial.rollup_weighted);
    let metric_kind = f(initial.metric_kind);
    let metric_unit = f(initial.metric_unit);
    let metric_start = f(initial.metric_start);
    let metric_target = f(initial.metric_target);
    let errors = RwSignal::new(FieldErrors::new());
    let locked = existing.as_ref().is_some_and(|g| g.data.levels_locked());
    let kind = engagement.data.kind;
    let three_way = engagement.data.sponsor.is_some();
    let read = move || GoalForm {
        title: title.get(),
        why_it_matters: why.get(),
        success_measure: measure.get(),
        target_date: target.get(),
        owner: owner.get(),
        visibility: visibility.get(),
        weight_mode: weight_mode.get(),
        weight: weight.get(),
        importance: importance.get(),
        difficulty: difficulty.get(),
        much_less: levels[0].get(),
        somewhat_less: levels[1].get(),
        expected: levels[2].get(),
        somewhat_more: levels[3].get(),
        much_more: levels[4].get(),
        progress_method: method.get(),
        rollup_weighted: weighted.get(),
        metric_kind: metric_kind.get(),
        metric_unit: metric_unit.get(),
        metric_start: metric_start.get(),
        metric_target: metric_target.get(),
    };
    let smart_check = Memo::new(move |_| smart::check(&title.get(), &why.get(), &measure.get(), Date::parse(&target.get()), window));
    // The goal as typed, checked: a new goal, or the changed one.
    let checked = {
        let (engagement_id, existing) = (engagement.id.clone(), existing.clone());
        move |form: GoalForm| match &existing {
            None => Goal::from_form(engagement_id.clone(), form, window),
            Some(record) => record.data.with_form(form, window),
        }
    };
    let stored_as = existing.as_ref().map(|record| (record.id.clone(), record.revision));
    let engagement_id = engagement.id.clone();
    let save = store_action(
        move |store, goal: Goal| {
            let stored_as = stored_as.clone();
            async move {
                match stored_as {
                    None => store.create_goal(goal).await,
                    Some((id, revision)) => store.save_goal(&id, revision, goal).await,
                }
            }
        },
        move |saved| {
            location::set_fragment(&Route::Goal(engagement_id.clone(), saved.id).fragment());
            t("Goal saved.").into()
        },
    );
    let owners = format::party_options(kind, three_way);
    let visibilities = Visibility::ALL
        .iter()
        .filter(|v| three_way || **v != Visibility::SponsorVisible)
        .map(|v| (v.as_str(), t(v.label())))
        .collect::<Vec<_>>();
    view! {
        <form class="form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| {
            ev.prevent_default();
            match checked(read()) {
                Ok(goal) => {
                    errors.set(FieldErrors::new());
                    save.dispatch(goal);
                }
                Err(problems) => errors.set(problems),
            }
        }>
            <ErrorSummary errors=errors />
            <ActionError action=save />
            <TextField field=Field::GoalTitle label=t("Goal") value=title errors=errors required=true
                help=t("What will be different, in a sentence: “Run the weekly team meeting without notes”.") />
            <TextAreaField field=Field::GoalWhy label=t("Why it matters") value=why errors=errors rows=3 />
            <TextAreaField field=Field::GoalSuccess label=t("How success will be known") value=measure errors=errors rows=2 />
            <TextField field=Field::GoalTargetDate label=t("Target date") value=target input_type="date" errors=errors />
            <SelectField field=Field::GoalWeightMode label=t("Weight in the T-score") value=weight_mode
                options={WeightMode::ALL.iter().map(|m| (m.as_str(), t(m.label()))).collect::<Vec<_>>()} />
            <Show when=move || WeightMode::parse(&weight_mode.get()) == Some(WeightMode::ImportanceDifficulty) fallback=move || view! {
                <TextField field=Field::GoalWeight label=t("Weight") value=weight errors=errors help=t("1 if empty.") />
            }>
                <div class="field-row">
                    <TextField field=Field::GoalImportance label=t("Importance (1–5)") value=importance input_type="number" errors=errors />
                    <TextField field=Field::GoalDifficulty label=t("Difficulty (1–5)") value=difficulty input_type="number" errors=errors />
                </div>
            </Show>
            <div class="field-row">
                <SelectField field=Field::GoalOwner label=t("Owner") options=owners value=owner errors=errors />
                <SelectField field=Field::GoalVisibility label=t("Who can see it") options=visibilities value=visibility errors=errors />
            </div>
            {move || view! { <SmartAdviceList check=smart_check.get() /> }}
            <fieldset class="form__group">
                <legend>{t("Goal Attainment Scaling")}</legend>
                <p class="field__help">
                    {if locked { t("Locked: this goal has been scored. Change the levels by re-contracting.") }
                     else { t("Describe what each outcome would look like. The expected outcome (0) and at least one other are needed before scoring.") }}
                </p>
                {GasLevel::ALL.iter().enumerate().map(|(index, &level)| {
                    let value = levels[index];
                    view! { <TextField field=Field::GasLevel(level) label=format::gas_level(level) value=value errors=errors /> }
                }).collect_view()}
            </fieldset>
            <fieldset class="form__group">
                <legend>{t("How progress is tracked")}</legend>
                <SelectField field=Field::ProgressMethod label=t("Method") value=method errors=errors
                    options={ProgressMethod::ALL.iter().map(|m| (m.as_str(), t(m.label()))).collect::<Vec<_>>()} />
                <Show when=move || ProgressMethod::parse(&method.get()) == Some(ProgressMethod::RollUp)>
                    <CheckboxField id="rollup_weighted" label=t("Weight milestones and actions by their weight") checked=weighted />
                </Show>
                <Show when=move || ProgressMethod::parse(&method.get()) == Some(ProgressMethod::Metric)>
                    <SelectField field=Field::MetricKind label=t("Kind of number") value=metric_kind errors=errors
                        placeholder=t("Choose") options={MetricKind::ALL.iter().map(|k| (k.as_str(), t(k.label()))).collect::<Vec<_>>()} />
                    <TextField field=Field::MetricUnit label=t("What is counted or measured") value=metric_unit errors=errors />
                    <div class="field-row">
                        <TextField field=Field::MetricStart label=t("Starting value") value=metric_start errors=errors />
                        <TextField field=Field::MetricTarget label=t("Target") value=metric_target errors=errors />
                    </div>
                </Show>
            </fieldset>
            <div class="form__actions">
                <button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Save the goal")}</button>
            </div>
        </form>
    }
}
