//! [`WheelPage`]: an engagement's wheel of life (rules in `domain::assessment::wheel`).
//! Before the first round the areas can be changed (eight to start with, three to twelve);
//! each round scores every area from 1 to 10 at the baseline, the mid-point or the end, and
//! a round taken again at the same point replaces the earlier one, saying so. The rounds are
//! drawn over each other as a radar (`ui::chart::RadarView`), with the scores in words and
//! in a table.

use leptos::prelude::*;

use crate::domain::assessment::radar::{area_lines, biggest_change};
use crate::domain::assessment::{Areas, LifeWheel, Wheel, WheelForm, WheelRoundForm};
use crate::domain::goal::ReviewPoint;
use crate::domain::party::Party;
use crate::domain::{Field, FieldErrors, Record, RecordId};
use crate::i18n::{render, t, DateText};
use crate::platform::clock::today;
use crate::tr;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::chart::RadarView;
use crate::ui::components::{loaded, ActionError, ErrorSummary, PageHeader, SelectField, TextField};
use crate::ui::route::Route;

/// The engagement's client (as shown) and its wheel, if one was started.
#[derive(Clone)]
struct WheelData {
    client: String,
    wheel: Option<Record<LifeWheel>>,
    /// The device's owner is the client: the words speak to her.
    mine: bool,
}

#[component]
pub fn WheelPage(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let data = store_resource(move |store| {
        let id = id.clone();
        async move {
            let Some(engagement) = store.get_engagement(&id).await? else { return Ok(None) };
            let wheel = store.get_wheel(&id).await?;
            let mine = store.my_role(&id).await? == Party::Client;
            Ok(Some(WheelData { client: render(&engagement.data.client_shown()), wheel, mine }))
        }
    });
    view! {
        {loaded(data, t("the wheel of life"), move |data| {
            let id = engagement_id.clone();
            let (revision, wheel) = match &data.wheel {
                Some(record) => (Some(record.revision), record.data.wheel.clone()),
                None => (None, Wheel::with_default_areas(|name| t(name).to_string())),
            };
            let scored = !wheel.rounds().is_empty();
            view! {
                <p class="breadcrumb"><a href=Route::Engagement(id.clone()).href()>{tr!("← {client}", client = data.client.clone())}</a></p>
                <PageHeader title=t("Wheel of life")
                    lead=t("Each area of life scored from 1 (low) to 10 (high), at the start, the mid-point and the end. The rounds are drawn over each other, so change shows.") />
                // Before the first round, the areas come first: they are named, then scored.
                {if scored {
                    view! { <RoundsPanel wheel=wheel.clone() /> }.into_any()
                } else {
                    view! { <AreasForm engagement_id=id.clone() revision=revision wheel=wheel.clone() mine=data.mine /> }.into_any()
                }}
                <RoundForm engagement_id=id.clone() revision=revision wheel=wheel.clone() mine=data.mine />
            }
            .into_any()
        })}
    }
}

/// The radar of every round, the scores in words, the biggest change and the table.
#[component]
fn RoundsPanel(wheel: Wheel) -> impl IntoView {
    let lines: Vec<String> = area_lines(&wheel).iter().map(render).collect();
    let change = biggest_change(&wheel).map(|m| render(&m));
    let rounds = wheel.rounds().to_vec();
    let rows: Vec<(String, Vec<u8>)> = wheel
        .areas()
        .iter()
        .enumerate()
        .map(|(i, area)| (area.clone(), rounds.iter().map(|r| r.scores.get(i).copied().unwrap_or(0)).collect()))
        .collect();
    view! {
        <section class="panel" aria-labelledby="rounds-title">
            <h2 id="rounds-title">{t("The rounds so far")}</h2>
            <RadarView wheel=wheel.clone() title=t("Wheel of life") />
            {change.map(|text| view! { <p class="radar__change">{text}</p> })}
            <h3>{t("In words")}</h3>
            <ul class="radar__lines" aria-label=t("Scores by area")>{lines.into_iter().map(|line| view! { <li>{line}</li> }).collect_view()}</ul>
            <div class="table-wrap" tabindex="0" role="region" aria-label=t("Scores by area and round")>
                <table class="table">
                    <caption class="visually-hidden">{t("Scores by area and round")}</caption>
                    <thead><tr>
                        <th scope="col">{t("Area")}</th>
                        {rounds.iter().map(|r| view! { <th scope="col">{format!("{} ({})", t(r.point.label()), r.taken_on.local())}</th> }).collect_view()}
                    </tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(area, scores)| view! {
                            <tr><th scope="row">{area}</th>{scores.into_iter().map(|s| view! { <td>{s.to_string()}</td> }).collect_view()}</tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </section>
    }
}

/// Scores every area at a review point; one taken again at the same point replaces it.
#[component]
fn RoundForm(engagement_id: RecordId, revision: Option<u32>, wheel: Wheel, mine: bool) -> impl IntoView {
    let first_open = [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End].into_iter().find(|p| wheel.round_at(*p).is_none());
    let point = RwSignal::new(first_open.unwrap_or(ReviewPoint::End).as_str().to_string());
    let taken_on = RwSignal::new(today().to_string());
    let scores: Vec<RwSignal<String>> = wheel.areas().iter().map(|_| RwSignal::new(String::new())).collect();
    let errors = RwSignal::new(FieldErrors::new());
    let save = store_action(
        move |store, (revision, wheel, replaced): (Option<u32>, LifeWheel, Option<ReviewPoint>)| async move {
            store.save_wheel(revision, wheel).await.map(|_| replaced)
        },
        |replaced: Option<ReviewPoint>| match replaced {
            Some(point) => {
                Said::from(tr!("Saved the round. It replaces the earlier {point} round.", point = t(point.label()).to_lowercase()))
            }
            None => Said::from(t("Saved the round.")),
        },
    );
    let form_wheel = wheel.clone();
    let form_scores = scores.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = WheelRoundForm {
            point: ReviewPoint::parse(&point.get_untracked()).unwrap_or(ReviewPoint::Baseline),
            taken_on: taken_on.get_untracked(),
            scores: form_scores.iter().map(|s| s.get_untracked()).collect(),
        };
        let mut wheel = form_wheel.clone();
        let taken = form.validate(&wheel).and_then(|round| {
            let point = round.point;
            wheel.take_round(round).map(|replaced| replaced.map(|_| point)).map_err(|message| {
                let mut problems = FieldErrors::new();
                problems.push(Field::WheelAreas, message);
                problems
            })
        });
        match taken {
            Ok(replaced) => {
                errors.set(FieldErrors::new());
                save.dispatch((revision, LifeWheel { engagement_id: engagement_id.clone(), wheel }, replaced));
            }
            Err(problems) => errors.set(problems),
        }
    };
    let points: Vec<(&'static str, &'static str)> =
        [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End].iter().map(|p| (p.as_str(), t(p.label()))).collect();
    view! {
        <section class="panel" aria-labelledby="round-title">
            <h2 id="round-title">{t("Score the wheel")}</h2>
            <p>{if mine {
                t("How satisfied are you with each area now, from 1 (not at all) to 10 (completely)? Taking a round again at the same point replaces it.")
            } else {
                t("How satisfied is the client with each area now, from 1 (not at all) to 10 (completely)? Taking a round again at the same point replaces it.")
            }}</p>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Score the wheel")>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <div class="field-row">
                    <SelectField field=Field::WheelPoint label=t("Review point") options=points value=point errors=errors />
                    <TextField field=Field::WheelDate label=t("Date") value=taken_on input_type="date" required=true errors=errors />
                </div>
                <div class="wheel__scores">
                    {wheel.areas().iter().zip(scores).enumerate().map(|(i, (area, score))| view! {
                        <TextField field=Field::WheelScore(i as u8) label=area.clone() value=score input_type="number" required=true errors=errors />
                    }).collect_view()}
                </div>
                <div class="form__actions"><button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Save the round")}</button></div>
            </form>
        </section>
    }
}

/// The areas, while no round is taken: change, add (up to twelve) or remove them.
#[component]
fn AreasForm(engagement_id: RecordId, revision: Option<u32>, wheel: Wheel, mine: bool) -> impl IntoView {
    let areas: RwSignal<Vec<RwSignal<String>>> =
        RwSignal::new(WheelForm::from_wheel(&wheel).areas.into_iter().map(RwSignal::new).collect());
    // Twelve areas at most: the button to add one more is off then.
    let full = move || areas.get().len() >= crate::domain::assessment::wheel::MAX_AREAS;
    let errors = RwSignal::new(FieldErrors::new());
    let save = store_action(
        move |store, (revision, wheel): (Option<u32>, LifeWheel)| async move { store.save_wheel(revision, wheel).await },
        |_| Said::from(t("Saved the areas.")),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = WheelForm { areas: areas.get_untracked().iter().map(|a| a.get_untracked()).collect() };
        match Areas::try_from(&form) {
            Ok(areas) => {
                errors.set(FieldErrors::new());
                save.dispatch((revision, LifeWheel { engagement_id: engagement_id.clone(), wheel: Wheel::new(areas) }));
            }
            Err(problems) => errors.set(problems),
        }
    };
    view! {
        <section class="panel" aria-labelledby="areas-title">
            <h2 id="areas-title">{t("Areas of the wheel")}</h2>
            <p>{if mine {
                t("Name the areas in your own words before the first round: three to twelve. Once the wheel is scored, the areas stay as they are, so the rounds line up.")
            } else {
                t("Name the areas in the client's own words before the first round: three to twelve. Once the wheel is scored, the areas stay as they are, so the rounds line up.")
            }}</p>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Areas of the wheel")>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <p class="field__error" id=Field::WheelAreas.id()>{move || errors.get().message_for(Field::WheelAreas).map(render)}</p>
                {move || areas.get().into_iter().enumerate().map(|(i, area)| view! {
                    <div class="wheel__area">
                        <TextField field=Field::WheelArea(i as u8) label=tr!("Area {n}", n = i + 1) value=area required=true errors=errors />
                        <button type="button" class="button button--quiet" on:click=move |_| areas.update(|list| { list.remove(i); })>
                            {t("Remove")}<span class="visually-hidden">{tr!(" area {n}", n = i + 1)}</span>
                        </button>
                    </div>
                }).collect_view()}
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| areas.update(|list| list.push(RwSignal::new(String::new())))
                        disabled=full>{t("Add an area")}</button>
                    <button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Save the areas")}</button>
                </div>
            </form>
        </section>
    }
}
