//! Questionnaires given in an engagement (rules in `domain::assessment::questionnaire`).
//!
//! - [`QuestionnairesPage`]: the questionnaires given so far, each with where its answers
//!   stand; the practitioner gives a new one, starting from the intake questionnaire, the
//!   end-of-engagement feedback form or a blank one, in the [`QuestionnaireBuilder`].
//! - [`QuestionnairePage`]: one questionnaire. The practitioner changes its questions until
//!   it is answered; the client answers it in their own copy, at the baseline, the mid-point
//!   or the end ([`AnswerForm`]); both read the answers given. Questions and answers travel
//!   in relationship updates (`domain::relationship::ownership`).

use leptos::prelude::*;

use crate::domain::assessment::questionnaire::{ItemForm, ItemType, QuestionnaireForm};
use crate::domain::assessment::{templates, Answer, Answers, AnswersForm, ClientQuestionnaire, ItemKind, Questionnaire};
use crate::domain::goal::ReviewPoint;
use crate::domain::kinds::RecordKind;
use crate::domain::party::Party;
use crate::domain::{Engagement, Field, FieldErrors, Record, RecordId};
use crate::i18n::{render, t, DateText};
use crate::platform::clock::today;
use crate::platform::location::set_fragment;
use crate::tr;
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::components::{
    loaded, ActionError, CheckboxField, Choice, ChoiceField, DeleteRecord, ErrorSummary, PageHeader, SelectField, TextAreaField, TextField,
};
use crate::ui::route::Route;

/// An engagement, this device's part in it, and its questionnaires.
#[derive(Clone)]
struct Given {
    engagement: Record<Engagement>,
    me: Party,
    questionnaires: Vec<Record<ClientQuestionnaire>>,
}

async fn read_given(store: crate::store::Store, id: RecordId) -> Result<Option<Given>, crate::store::StoreError> {
    let Some(engagement) = store.get_engagement(&id).await? else { return Ok(None) };
    let me = store.my_role(&id).await?;
    let questionnaires = store.list_questionnaires(&id).await?;
    Ok(Some(Given { engagement, me, questionnaires }))
}

/// "Baseline (1 Dec 2026)", for each set of answers given.
fn answered_at(rounds: &[Answers]) -> String {
    rounds.iter().map(|a| format!("{} ({})", t(a.point.label()), a.taken_on.local())).collect::<Vec<_>>().join(", ")
}

#[component]
pub fn QuestionnairesPage(engagement_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let data = store_resource(move |store| read_given(store, id.clone()));
    view! {
        {loaded(data, t("the questionnaires"), move |given| {
            let eid = given.engagement.id.clone();
            let client = render(&given.engagement.data.client_shown());
            let practitioner = given.me == Party::Practitioner;
            let lead = if practitioner {
                t("Questions for the client to answer in their own copy of Accord, at the start, the mid-point or the end. Their answers come back with their next update.")
            } else {
                t("Questions from your coach or mentor. Your answers go back with your next update.")
            };
            view! {
                <p class="breadcrumb"><a href=Route::Engagement(eid.clone()).href()>{tr!("← {client}", client = client)}</a></p>
                <PageHeader title=t("Questionnaires") lead=lead />
                <section class="panel" aria-labelledby="given-title">
                    <h2 id="given-title">{t("Given so far")}</h2>
                    {if given.questionnaires.is_empty() {
                        view! { <p>{t("None yet.")}</p> }.into_any()
                    } else {
                        view! {
                            <ul class="list">
                                {given.questionnaires.iter().map(|q| {
                                    let status = if q.data.rounds.is_empty() {
                                        t("Not answered yet.").to_string()
                                    } else {
                                        tr!("Answered at: {points}.", points = answered_at(&q.data.rounds))
                                    };
                                    view! {
                                        <li class="list__item">
                                            <a href=Route::Questionnaire(eid.clone(), q.id.clone()).href()>{q.data.questionnaire.title.clone()}</a>
                                            <p class="list__meta">{tr!("{n} questions. {status}", n = q.data.questionnaire.items.len(), status = status)}</p>
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any()
                    }}
                </section>
                {practitioner.then(|| view! { <GiveQuestionnaire engagement_id=eid.clone() /> })}
            }
            .into_any()
        })}
    }
}

/// Where a new questionnaire can start from, and its words.
fn starts() -> Vec<(&'static str, &'static str)> {
    vec![("intake", t("Intake: before we start")), ("end", t("End of engagement: looking back")), ("blank", t("A blank questionnaire"))]
}

fn start_from(which: &str) -> QuestionnaireForm {
    let words = |text: &'static str| t(text).to_string();
    match which {
        "intake" => QuestionnaireForm::from(&templates::intake_in(&words)),
        "end" => QuestionnaireForm::from(&templates::end_feedback_in(&words)),
        _ => QuestionnaireForm { title: String::new(), intro: String::new(), items: vec![ItemForm::blank(ItemType::Text)] },
    }
}

/// The practitioner chooses where to start, changes the questions, and gives it.
#[component]
fn GiveQuestionnaire(engagement_id: RecordId) -> impl IntoView {
    let start = RwSignal::new("intake".to_string());
    let building: RwSignal<Option<QuestionnaireForm>> = RwSignal::new(None);
    let eid = engagement_id.clone();
    let add = store_action(
        move |store, questionnaire: Questionnaire| {
            let eid = eid.clone();
            async move { store.add_questionnaire(ClientQuestionnaire::new(eid, questionnaire)).await }
        },
        move |record: Record<ClientQuestionnaire>| {
            set_fragment(&Route::Questionnaire(record.data.engagement_id.clone(), record.id.clone()).fragment());
            Said::from(t("Saved the questionnaire. It goes to the client with your next update."))
        },
    );
    view! {
        <section class="panel" aria-labelledby="give-title">
            <h2 id="give-title">{t("Give a questionnaire")}</h2>
            <div class="form">
                <SelectField field=Field::QuestionnaireStart label=t("Start from") options=starts() value=start />
                <div class="form__actions">
                    <button type="button" class="button" on:click=move |_| building.set(Some(start_from(&start.get_untracked())))>
                        {t("Start")}
                    </button>
                </div>
            </div>
            {move || building.get().map(|form| view! {
                <QuestionnaireBuilder form=form submit=t("Save the questionnaire") pending=add.pending()
                    on_valid=Callback::new(move |q| { add.dispatch(q); })>
                    <ActionError action=add />
                </QuestionnaireBuilder>
            })}
        </section>
    }
}

/// One question's inputs, as signals.
#[derive(Clone, Copy)]
struct ItemInputs {
    prompt: RwSignal<String>,
    required: RwSignal<bool>,
    kind: RwSignal<String>,
    low: RwSignal<String>,
    high: RwSignal<String>,
    low_label: RwSignal<String>,
    high_label: RwSignal<String>,
    min: RwSignal<String>,
    max: RwSignal<String>,
    unit: RwSignal<String>,
    /// One option a line.
    options: RwSignal<String>,
}

impl ItemInputs {
    fn new(form: ItemForm) -> ItemInputs {
        ItemInputs {
            prompt: RwSignal::new(form.prompt),
            required: RwSignal::new(form.required),
            kind: RwSignal::new(form.kind.as_str().to_string()),
            low: RwSignal::new(form.low),
            high: RwSignal::new(form.high),
            low_label: RwSignal::new(form.low_label),
            high_label: RwSignal::new(form.high_label),
            min: RwSignal::new(form.min),
            max: RwSignal::new(form.max),
            unit: RwSignal::new(form.unit),
            options: RwSignal::new(form.options.join("\n")),
        }
    }

    fn form(&self) -> ItemForm {
        ItemForm {
            prompt: self.prompt.get_untracked(),
            required: self.required.get_untracked(),
            kind: ItemType::parse(&self.kind.get_untracked()).unwrap_or(ItemType::Text),
            low: self.low.get_untracked(),
            high: self.high.get_untracked(),
            low_label: self.low_label.get_untracked(),
            high_label: self.high_label.get_untracked(),
            min: self.min.get_untracked(),
            max: self.max.get_untracked(),
            unit: self.unit.get_untracked(),
            options: self.options.get_untracked().lines().map(str::to_string).collect(),
        }
    }
}

/// The questions of a questionnaire as a form: title, introduction and each question
/// with its kind of answer. Checked as a whole on submit; `on_valid` gets the result.
#[component]
fn QuestionnaireBuilder(
    form: QuestionnaireForm,
    submit: &'static str,
    #[prop(into)] pending: Signal<bool>,
    on_valid: Callback<Questionnaire>,
    /// Where the save's own error shows (an `ActionError`).
    children: Children,
) -> impl IntoView {
    let title = RwSignal::new(form.title);
    let intro = RwSignal::new(form.intro);
    let items: RwSignal<Vec<ItemInputs>> = RwSignal::new(form.items.into_iter().map(ItemInputs::new).collect());
    let errors = RwSignal::new(FieldErrors::new());
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = QuestionnaireForm {
            title: title.get_untracked(),
            intro: intro.get_untracked(),
            items: items.get_untracked().iter().map(ItemInputs::form).collect(),
        };
        match Questionnaire::try_from(&form) {
            Ok(questionnaire) => {
                errors.set(FieldErrors::new());
                on_valid.run(questionnaire);
            }
            Err(problems) => errors.set(problems),
        }
    };
    let kinds: Vec<(&'static str, &'static str)> = ItemType::ALL.iter().map(|k| (k.as_str(), t(k.label()))).collect();
    let full = move || items.get().len() >= crate::domain::assessment::questionnaire::MAX_ITEMS;
    view! {
        <form class="form questionnaire__builder" novalidate on:submit=on_submit aria-label=t("Questions")>
            <ErrorSummary errors=errors />
            {children()}
            <TextField field=Field::QuestionnaireTitle label=t("Title") value=title required=true errors=errors />
            <TextAreaField field=Field::QuestionnaireIntro label=t("Introduction") value=intro rows=3 errors=errors
                help=t("What the client reads first: why you ask, and how long it takes.") />
            <p class="field__error" id=Field::Questions.id()>{move || errors.get().message_for(Field::Questions).map(render)}</p>
            <ol class="questionnaire__items">
                {move || items.get().into_iter().enumerate().map(|(i, item)| {
                    let at = i as u8;
                    let kinds = kinds.clone();
                    let kind = item.kind;
                    view! {
                        <li class="questionnaire__item">
                            <fieldset class="questionnaire__question">
                                <legend>{tr!("Question {n}", n = i + 1)}</legend>
                                <TextField field=Field::QuestionPrompt(at) label=t("Question") value=item.prompt required=true errors=errors />
                                <SelectField field=Field::QuestionKind(at) label=t("Kind of answer") options=kinds value=item.kind />
                                {move || match ItemType::parse(&kind.get()).unwrap_or(ItemType::Text) {
                                    ItemType::Rating => view! {
                                        <div class="field-row">
                                            <SelectField field=Field::QuestionScale(at) label=t("From") options=vec![("0", "0"), ("1", "1")] value=item.low errors=errors />
                                            <SelectField field=Field::QuestionScaleHigh(at) label=t("To") options=vec![("5", "5"), ("10", "10")] value=item.high />
                                        </div>
                                        <div class="field-row">
                                            <TextField field=Field::QuestionLowLabel(at) label=t("Words for the low end") value=item.low_label errors=errors />
                                            <TextField field=Field::QuestionHighLabel(at) label=t("Words for the high end") value=item.high_label errors=errors />
                                        </div>
                                    }.into_any(),
                                    ItemType::Number => view! {
                                        <div class="field-row">
                                            <TextField field=Field::QuestionMin(at) label=t("Lowest answer") value=item.min required=true errors=errors />
                                            <TextField field=Field::QuestionMax(at) label=t("Highest answer") value=item.max required=true errors=errors />
                                            <TextField field=Field::QuestionUnit(at) label=t("Unit") value=item.unit errors=errors />
                                        </div>
                                    }.into_any(),
                                    ItemType::Choice => view! {
                                        <TextAreaField field=Field::QuestionOptions(at) label=t("Options, one a line") value=item.options rows=3 errors=errors />
                                    }.into_any(),
                                    ItemType::Text => ().into_any(),
                                }}
                                <CheckboxField id=format!("question_{i}_required") label=t("Needs an answer") checked=item.required />
                                <div class="questionnaire__moves">
                                    <button type="button" class="button button--quiet" disabled=i == 0 on:click=move |_| move_question(items, i, i - 1)>
                                        {t("Move up")}<span class="visually-hidden">{tr!(" question {n}", n = i + 1)}</span>
                                    </button>
                                    <button type="button" class="button button--quiet" disabled=move || { i + 1 >= items.with(Vec::len) }
                                        on:click=move |_| move_question(items, i, i + 1)>
                                        {t("Move down")}<span class="visually-hidden">{tr!(" question {n}", n = i + 1)}</span>
                                    </button>
                                    <button type="button" class="button button--quiet" on:click=move |_| items.update(|list| { list.remove(i); })>
                                        {t("Remove")}<span class="visually-hidden">{tr!(" question {n}", n = i + 1)}</span>
                                    </button>
                                </div>
                            </fieldset>
                        </li>
                    }
                }).collect_view()}
            </ol>
            <div class="form__actions">
                <button type="button" class="button" disabled=full
                    on:click=move |_| items.update(|list| list.push(ItemInputs::new(ItemForm::blank(ItemType::Text))))>{t("Add a question")}</button>
                <button type="submit" class="button button--primary" disabled=move || pending.get()>{submit}</button>
            </div>
        </form>
    }
}

/// Swaps a question with its neighbour and keeps the keyboard on the question moved.
fn move_question(items: RwSignal<Vec<ItemInputs>>, from: usize, to: usize) {
    items.update(|list| list.swap(from, to));
    let id = Field::QuestionPrompt(to as u8).id();
    // The list is drawn again first; then its field takes the focus.
    leptos::task::spawn_local(async move {
        gloo_timers::future::TimeoutFuture::new(0).await;
        crate::ui::components::focus_element(&id);
    });
}

#[component]
pub fn QuestionnairePage(engagement_id: RecordId, questionnaire_id: RecordId) -> impl IntoView {
    let id = engagement_id.clone();
    let data = store_resource(move |store| read_given(store, id.clone()));
    view! {
        {loaded(data, t("the questionnaire"), move |given| {
            let eid = given.engagement.id.clone();
            let Some(record) = given.questionnaires.iter().find(|q| q.id == questionnaire_id).cloned() else {
                return view! { <crate::ui::components::NotFound /> }.into_any();
            };
            let q = record.data.clone();
            let client = render(&given.engagement.data.client_shown());
            let practitioner = given.me == Party::Practitioner;
            let title = q.questionnaire.title.clone();
            view! {
                <p class="breadcrumb"><a href=Route::Questionnaires(eid.clone()).href()>{t("← Questionnaires")}</a></p>
                <PageHeader title=title.clone() lead=q.questionnaire.intro.clone() />
                {(!q.rounds.is_empty()).then(|| view! { <AnswersPanel given=q.clone() /> })}
                {match given.me {
                    Party::Client => view! { <AnswerForm record=record.clone() /> }.into_any(),
                    Party::Practitioner if q.questions_can_change() => view! {
                        <section class="panel" aria-labelledby="waiting-title">
                            <h2 id="waiting-title">{t("Waiting for answers")}</h2>
                            <p>{tr!("{client} answers in their own copy of Accord. Send them an update and the questionnaire goes with it; the answers come back with their next update.", client = client.clone())}</p>
                            <p class="panel__action"><a class="button" href=Route::Updates(eid.clone()).href()>{t("Updates")}</a></p>
                        </section>
                        <EditQuestions record=record.clone() />
                    }.into_any(),
                    Party::Practitioner => view! {
                        <QuestionsPanel questionnaire=q.questionnaire.clone() />
                    }.into_any(),
                    Party::Sponsor => ().into_any(),
                }}
                {practitioner.then(|| view! {
                    <section class="panel" aria-labelledby="remove-title">
                        <h2 id="remove-title">{t("Remove")}</h2>
                        <DeleteRecord kind=RecordKind::Questionnaire id=record.id.clone() button=t("Delete this questionnaire")
                            question=tr!("Delete the questionnaire “{title}”?", title = title.clone())
                            explanation=t("Its questions and every answer given go from this device. You can undo this straight away.")
                            deleted=t("Deleted the questionnaire.") restored=t("Restored the questionnaire.")
                            then=Route::Questionnaires(eid.clone()).fragment() />
                    </section>
                })}
            }
            .into_any()
        })}
    }
}

/// The questions as the client sees them, once they can no longer change.
#[component]
fn QuestionsPanel(questionnaire: Questionnaire) -> impl IntoView {
    view! {
        <section class="panel" aria-labelledby="questions-title">
            <h2 id="questions-title">{t("Questions")}</h2>
            <p>{t("Answered once, the questions stay as they are, so every answer matches what was asked.")}</p>
            <ol>{questionnaire.items.iter().map(|item| view! { <li>{item.prompt.clone()}</li> }).collect_view()}</ol>
        </section>
    }
}

/// The practitioner changes the questions until the client first answers.
#[component]
fn EditQuestions(record: Record<ClientQuestionnaire>) -> impl IntoView {
    let (id, revision, given) = (record.id.clone(), record.revision, record.data.clone());
    let save = store_action(
        move |store, questionnaire: Questionnaire| {
            let (id, mut given) = (id.clone(), given.clone());
            async move {
                given.change_questions(questionnaire).map_err(crate::store::StoreError::Refused)?;
                store.save_questionnaire(&id, revision, given).await
            }
        },
        |_| Said::from(t("Saved the questions.")),
    );
    view! {
        <section class="panel" aria-labelledby="edit-title">
            <h2 id="edit-title">{t("Questions")}</h2>
            <QuestionnaireBuilder form=QuestionnaireForm::from(&record.data.questionnaire) submit=t("Save the questions")
                pending=save.pending() on_valid=Callback::new(move |q| { save.dispatch(q); })>
                <ActionError action=save />
            </QuestionnaireBuilder>
        </section>
    }
}

/// A number as typed: whole numbers without decimals, others with up to two.
fn shown(n: f64) -> String {
    let decimals = if n.fract() == 0.0 { 0 } else { 2 };
    crate::i18n::number(n, decimals)
}

/// An answer in words.
fn answer_text(answer: &Answer) -> String {
    match answer {
        Answer::Rating(score) => score.to_string(),
        Answer::Number(n) => shown(*n),
        Answer::Choice(chosen) => chosen.clone(),
        Answer::Text(text) => text.clone(),
        Answer::Skipped => t("Not answered").to_string(),
    }
}

/// Every set of answers given, each question with its answer.
#[component]
fn AnswersPanel(given: ClientQuestionnaire) -> impl IntoView {
    let items = given.questionnaire.items.clone();
    view! {
        <section class="panel" aria-labelledby="answers-title">
            <h2 id="answers-title">{t("Answers")}</h2>
            {given.rounds.iter().map(|round| {
                let heading = format!("{} · {}", t(round.point.label()), round.taken_on.local());
                view! {
                    <h3>{heading}</h3>
                    <dl class="facts questionnaire__answers">
                        {items.iter().zip(&round.answers).map(|(item, answer)| view! {
                            <div><dt>{item.prompt.clone()}</dt><dd>{answer_text(answer)}</dd></div>
                        }).collect_view()}
                    </dl>
                }
            }).collect_view()}
        </section>
    }
}

/// The client answers at a review point; answering again at the same point replaces it.
#[component]
fn AnswerForm(record: Record<ClientQuestionnaire>) -> impl IntoView {
    let given = record.data.clone();
    let first_open = [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End].into_iter().find(|p| given.answers_at(*p).is_none());
    let point = RwSignal::new(first_open.unwrap_or(ReviewPoint::End).as_str().to_string());
    let taken_on = RwSignal::new(today().to_string());
    let answers: Vec<RwSignal<String>> = given.questionnaire.items.iter().map(|_| RwSignal::new(String::new())).collect();
    let errors = RwSignal::new(FieldErrors::new());
    let (id, revision) = (record.id.clone(), record.revision);
    let save = store_action(
        move |store, (given, replaced): (ClientQuestionnaire, Option<ReviewPoint>)| {
            let id = id.clone();
            async move { store.save_questionnaire(&id, revision, given).await.map(|_| replaced) }
        },
        |replaced: Option<ReviewPoint>| match replaced {
            Some(point) => Said::from(tr!(
                "Saved your answers. They replace your earlier {point} answers, and go back with your next update.",
                point = t(point.label()).to_lowercase()
            )),
            None => Said::from(t("Saved your answers. They go back with your next update.")),
        },
    );
    let form_given = given.clone();
    let form_answers = answers.clone();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let form = AnswersForm {
            point: ReviewPoint::parse(&point.get_untracked()).unwrap_or(ReviewPoint::Baseline),
            taken_on: taken_on.get_untracked(),
            answers: form_answers.iter().map(|a| a.get_untracked()).collect(),
        };
        let mut given = form_given.clone();
        let taken = form.validate(&given.questionnaire).and_then(|answers| {
            let point = answers.point;
            given.take_answers(answers).map(|replaced| replaced.map(|_| point)).map_err(|message| {
                let mut problems = FieldErrors::new();
                problems.push(Field::Questions, message);
                problems
            })
        });
        match taken {
            Ok(replaced) => {
                errors.set(FieldErrors::new());
                save.dispatch((given, replaced));
            }
            Err(problems) => errors.set(problems),
        }
    };
    let points: Vec<(&'static str, &'static str)> =
        [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End].iter().map(|p| (p.as_str(), t(p.label()))).collect();
    view! {
        <section class="panel" aria-labelledby="answer-title">
            <h2 id="answer-title">{t("Your answers")}</h2>
            <form class="form" novalidate on:submit=on_submit aria-label=t("Your answers")>
                <ErrorSummary errors=errors />
                <ActionError action=save />
                <div class="field-row">
                    <SelectField field=Field::AnswersPoint label=t("Review point") options=points value=point errors=errors />
                    <TextField field=Field::AnswersDate label=t("Date") value=taken_on input_type="date" required=true errors=errors />
                </div>
                {given.questionnaire.items.iter().zip(answers).enumerate().map(|(i, (item, value))| {
                    let field = Field::Answer(i as u8);
                    let label = if item.required { item.prompt.clone() } else { format!("{}{}", item.prompt, t(" (optional)")) };
                    match &item.kind {
                        ItemKind::Rating { low, high, low_label, high_label } => {
                            let choices = (*low..=*high).map(|n| Choice {
                                value: n.to_string(),
                                label: n.to_string(),
                                help: if n == *low { low_label.clone() } else if n == *high { high_label.clone() } else { String::new() },
                            }).collect();
                            view! { <ChoiceField field=field legend=label choices=choices value=value errors=errors inline=true /> }.into_any()
                        }
                        ItemKind::Choice { options } => {
                            let choices = options.iter().map(|o| Choice { value: o.clone(), label: o.clone(), help: String::new() }).collect();
                            view! { <ChoiceField field=field legend=label choices=choices value=value errors=errors /> }.into_any()
                        }
                        ItemKind::Number { min, max, unit } => {
                            let range = format!("{}–{}", shown(*min), shown(*max));
                            let help = if unit.is_empty() { tr!("From {range}.", range = range) } else { tr!("From {range} {unit}.", range = range, unit = unit.clone()) };
                            view! { <TextField field=field label=item.prompt.clone() value=value input_type="number" required=item.required help=help errors=errors /> }.into_any()
                        }
                        ItemKind::Text => view! {
                            <TextAreaField field=field label=label value=value rows=3 errors=errors />
                        }.into_any(),
                    }
                }).collect_view()}
                <div class="form__actions"><button type="submit" class="button button--primary" disabled=move || save.pending().get()>{t("Save my answers")}</button></div>
            </form>
        </section>
    }
}
