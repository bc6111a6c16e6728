//! Questionnaires the practitioner builds, and the answers a client gives.
//!
//! A [`Questionnaire`] has a title, an introduction and [`Item`]s; each item asks one
//! question and expects one [`ItemKind`] of answer (a rating, a number, one choice from a
//! list, or text). It is typed in a [`QuestionnaireForm`] of [`ItemForm`]s and validated
//! with every problem reported at once. [`Answers`] are one [`Answer`] per item, taken at a
//! review point and validated from an [`AnswersForm`] against the questionnaire. A
//! [`ClientQuestionnaire`] is one given in an engagement, with the client's answers.

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::goal::ReviewPoint;
use crate::domain::message::{Arg, Message};
use crate::domain::record::RecordId;
use crate::domain::validation::{clean_text, long_text, optional_text, required_text, Field, FieldErrors};
use crate::msg;

use super::wheel::{field_index, parse_date};

/// The longest title accepted, in characters.
pub const TITLE_MAX_CHARS: usize = 100;
/// The longest introduction accepted, in characters.
pub const INTRO_MAX_CHARS: usize = 2_000;
/// The most questions a questionnaire holds.
pub const MAX_ITEMS: usize = 50;
/// The longest question accepted, in characters.
pub const PROMPT_MAX_CHARS: usize = 300;
/// The longest label of a rating's end, unit or option, in characters.
pub const LABEL_MAX_CHARS: usize = 60;
/// The longest text answer accepted, in characters.
pub const ANSWER_MAX_CHARS: usize = 2_000;

/// A questionnaire: what it is called, what it says first, and its questions in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Questionnaire {
    pub title: String,
    #[serde(default)]
    pub intro: String,
    pub items: Vec<Item>,
}

/// One question and the kind of answer it expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Item {
    pub prompt: String,
    #[serde(default)]
    pub required: bool,
    pub kind: ItemKind,
}

/// The kind of answer a question expects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ItemKind {
    /// A whole number on a scale from `low` (0 or 1) to `high` (5 or 10), with optional
    /// words for each end.
    Rating {
        low: u8,
        high: u8,
        #[serde(default)]
        low_label: String,
        #[serde(default)]
        high_label: String,
    },
    /// Any number from `min` to `max`, in an optional unit.
    Number {
        min: f64,
        max: f64,
        #[serde(default)]
        unit: String,
    },
    /// One of at least two different options.
    Choice { options: Vec<String> },
    /// Written text.
    Text,
}

impl ItemKind {
    /// Which of the four kinds this is, as a form offers it.
    pub fn item_type(&self) -> ItemType {
        match self {
            ItemKind::Rating { .. } => ItemType::Rating,
            ItemKind::Number { .. } => ItemType::Number,
            ItemKind::Choice { .. } => ItemType::Choice,
            ItemKind::Text => ItemType::Text,
        }
    }
}

crate::domain::choice::choice_enum!(
    /// The kind of answer a question expects, as the builder offers it.
    ItemType {
        Rating => "rating", "A rating on a scale";
        Number => "number", "A number";
        Choice => "choice", "One choice from a list";
        Text => "text", "Written answer";
    }
);

/// A questionnaire as typed in the builder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct QuestionnaireForm {
    pub title: String,
    pub intro: String,
    pub items: Vec<ItemForm>,
}

/// One question as typed. Only the inputs of the chosen kind are read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemForm {
    pub prompt: String,
    pub required: bool,
    pub kind: ItemType,
    /// A rating's lowest score: "0" or "1".
    pub low: String,
    /// A rating's highest score: "5" or "10".
    pub high: String,
    pub low_label: String,
    pub high_label: String,
    /// A number's lowest and highest answers ("1.5" or "1,5").
    pub min: String,
    pub max: String,
    pub unit: String,
    /// A choice's options, one per input; blank ones are left out.
    pub options: Vec<String>,
}

impl ItemForm {
    /// A blank question of a kind, with a rating from 1 to 5.
    pub fn blank(kind: ItemType) -> ItemForm {
        ItemForm {
            prompt: String::new(),
            required: false,
            kind,
            low: "1".into(),
            high: "5".into(),
            low_label: String::new(),
            high_label: String::new(),
            min: String::new(),
            max: String::new(),
            unit: String::new(),
            options: Vec::new(),
        }
    }
}

impl From<&Item> for ItemForm {
    fn from(item: &Item) -> ItemForm {
        let mut form = ItemForm { prompt: item.prompt.clone(), required: item.required, ..ItemForm::blank(item.kind.item_type()) };
        match &item.kind {
            ItemKind::Rating { low, high, low_label, high_label } => {
                (form.low, form.high) = (low.to_string(), high.to_string());
                (form.low_label, form.high_label) = (low_label.clone(), high_label.clone());
            }
            ItemKind::Number { min, max, unit } => {
                (form.min, form.max, form.unit) = (min.to_string(), max.to_string(), unit.clone());
            }
            ItemKind::Choice { options } => form.options = options.clone(),
            ItemKind::Text => {}
        }
        form
    }
}

impl From<&Questionnaire> for QuestionnaireForm {
    /// The form filled with a questionnaire, for editing it.
    fn from(questionnaire: &Questionnaire) -> QuestionnaireForm {
        QuestionnaireForm {
            title: questionnaire.title.clone(),
            intro: questionnaire.intro.clone(),
            items: questionnaire.items.iter().map(ItemForm::from).collect(),
        }
    }
}

/// "Question 2: …": a problem with one question, numbered from 1.
fn numbered(index: usize, problem: Message) -> Message {
    msg!("Question {n}: {problem}", n = index + 1, problem = problem)
}

/// A number as typed: "1.5" and "1,5" both read as 1.5.
fn parse_decimal(raw: &str) -> Option<f64> {
    raw.trim().replace(',', ".").parse::<f64>().ok().filter(|n| n.is_finite())
}

impl TryFrom<&QuestionnaireForm> for Questionnaire {
    type Error = FieldErrors;

    /// Checks the whole questionnaire and reports every problem at once: the title is
    /// required (at most 100 characters), the introduction optional (at most 2,000); there
    /// is at least one question and at most 50; each question is worded (at most 300
    /// characters) and its kind set up sensibly (see [`ItemForm`]).
    fn try_from(form: &QuestionnaireForm) -> Result<Questionnaire, FieldErrors> {
        let mut errors = FieldErrors::new();
        let title =
            errors.collect(Field::QuestionnaireTitle, required_text(&form.title, msg!("the questionnaire's title"), TITLE_MAX_CHARS));
        let intro = errors.collect(Field::QuestionnaireIntro, long_text(&form.intro, msg!("the introduction"), INTRO_MAX_CHARS));
        if form.items.is_empty() {
            errors.push(Field::Questions, msg!("Add at least one question."));
        } else if form.items.len() > MAX_ITEMS {
            errors.push(Field::Questions, msg!("Keep the questionnaire to {max} questions or fewer.", max = MAX_ITEMS));
        }
        let items: Vec<Option<Item>> = form.items.iter().enumerate().map(|(index, item)| check_item(index, item, &mut errors)).collect();
        match (title, intro) {
            (Some(title), Some(intro)) if errors.is_empty() => {
                Ok(Questionnaire { title, intro, items: items.into_iter().flatten().collect() })
            }
            _ => Err(errors),
        }
    }
}

/// Checks one question, pushing each problem; the item when it has none.
fn check_item(index: usize, form: &ItemForm, errors: &mut FieldErrors) -> Option<Item> {
    let at = field_index(index);
    let before = errors.len();
    let prompt = errors.collect(
        Field::QuestionPrompt(at),
        required_text(&form.prompt, msg!("the question"), PROMPT_MAX_CHARS).map_err(|problem| numbered(index, problem)),
    );
    let mut text = |field: Field, raw: &str, what: Message| {
        errors.collect(field, optional_text(raw, what, LABEL_MAX_CHARS).map_err(|problem| numbered(index, problem))).flatten()
    };
    let kind = match form.kind {
        ItemType::Rating => {
            let low_label = text(Field::QuestionLowLabel(at), &form.low_label, msg!("the label of the low end"));
            let high_label = text(Field::QuestionHighLabel(at), &form.high_label, msg!("the label of the high end"));
            let low = form.low.trim().parse::<u8>().ok().filter(|low| *low <= 1);
            let high = form.high.trim().parse::<u8>().ok().filter(|high| *high == 5 || *high == 10);
            match (low, high) {
                (Some(low), Some(high)) => Some(ItemKind::Rating {
                    low,
                    high,
                    low_label: low_label.unwrap_or_default(),
                    high_label: high_label.unwrap_or_default(),
                }),
                _ => {
                    errors.push(Field::QuestionScale(at), numbered(index, msg!("A rating runs from 0 or 1 up to 5 or 10.")));
                    None
                }
            }
        }
        ItemType::Number => {
            let unit = text(Field::QuestionUnit(at), &form.unit, msg!("the unit"));
            let min = parse_decimal(&form.min);
            let max = parse_decimal(&form.max);
            if min.is_none() {
                errors.push(Field::QuestionMin(at), numbered(index, msg!("Enter the lowest answer allowed as a number, such as 0.")));
            }
            if max.is_none() {
                errors.push(Field::QuestionMax(at), numbered(index, msg!("Enter the highest answer allowed as a number, such as 100.")));
            }
            match (min, max) {
                (Some(min), Some(max)) if min < max => Some(ItemKind::Number { min, max, unit: unit.unwrap_or_default() }),
                (Some(min), Some(max)) => {
                    errors.push(
                        Field::QuestionMax(at),
                        numbered(
                            index,
                            msg!(
                                "The highest answer allowed ({max}) must be above the lowest ({min}).",
                                max = Arg::Amount(max),
                                min = Arg::Amount(min)
                            ),
                        ),
                    );
                    None
                }
                _ => None,
            }
        }
        ItemType::Choice => {
            check_options(&form.options).map_err(|problem| errors.push(Field::QuestionOptions(at), numbered(index, problem))).ok()
        }
        ItemType::Text => Some(ItemKind::Text),
    };
    match (prompt, kind) {
        (Some(prompt), Some(kind)) if errors.len() == before => Some(Item { prompt, required: form.required, kind }),
        _ => None,
    }
}

/// A choice's options: blank ones left out, each at most 60 characters, at least two, none
/// twice (capitals and spaces do not count).
fn check_options(raw: &[String]) -> Result<ItemKind, Message> {
    let mut options: Vec<String> = Vec::new();
    for option in raw {
        let Some(option) = optional_text(option, msg!("an option"), LABEL_MAX_CHARS)? else { continue };
        if options.iter().any(|kept| kept.to_lowercase() == option.to_lowercase()) {
            return Err(msg!("“{option}” is listed twice. List each option once.", option = option));
        }
        options.push(option);
    }
    if options.len() < 2 {
        return Err(msg!("Give at least two different options to choose from."));
    }
    Ok(ItemKind::Choice { options })
}

/// One answer to one question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "type", content = "value", rename_all = "snake_case")]
pub enum Answer {
    Rating(u8),
    Number(f64),
    /// The option chosen, as the questionnaire words it.
    Choice(String),
    Text(String),
    /// An optional question left unanswered.
    Skipped,
}

/// The answers to a questionnaire at one review point, one per question in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Answers {
    pub point: ReviewPoint,
    pub taken_on: Date,
    pub answers: Vec<Answer>,
}

/// Answers as typed: one raw answer per question (a rating's or a number's digits, the
/// option chosen, or the text), the review point and the date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AnswersForm {
    pub point: ReviewPoint,
    /// YYYY-MM-DD.
    pub taken_on: String,
    /// One per question; a missing one counts as blank.
    pub answers: Vec<String>,
}

impl AnswersForm {
    /// Checks the answers against the questionnaire and reports every problem at once:
    /// each required question answered; a rating a whole number within its scale; a
    /// number within its range; a choice one of the options; text at most 2,000
    /// characters; the date as YYYY-MM-DD. An optional question left blank is skipped.
    pub fn validate(&self, questionnaire: &Questionnaire) -> Result<Answers, FieldErrors> {
        let mut errors = FieldErrors::new();
        let mut answers = Vec::with_capacity(questionnaire.items.len());
        for (index, item) in questionnaire.items.iter().enumerate() {
            let raw = self.answers.get(index).map_or("", String::as_str);
            let answer = check_answer(item, raw).map_err(|problem| numbered(index, problem));
            if let Some(answer) = errors.collect(Field::Answer(field_index(index)), answer) {
                answers.push(answer);
            }
        }
        let taken_on = errors.collect(Field::AnswersDate, parse_date(&self.taken_on, msg!("Enter the date the questions were answered.")));
        match taken_on {
            Some(taken_on) if errors.is_empty() => Ok(Answers { point: self.point, taken_on, answers }),
            _ => Err(errors),
        }
    }
}

impl Answer {
    /// Whether this answer is one `item` could have: the same kind, within its scale or
    /// range, one of its options; skipped only when the question is optional.
    pub fn fits(&self, item: &Item) -> bool {
        match (self, &item.kind) {
            (Answer::Skipped, _) => !item.required,
            (Answer::Rating(score), ItemKind::Rating { low, high, .. }) => (low..=high).contains(&score),
            (Answer::Number(n), ItemKind::Number { min, max, .. }) => n >= min && n <= max,
            (Answer::Choice(chosen), ItemKind::Choice { options }) => options.contains(chosen),
            (Answer::Text(text), ItemKind::Text) => text.chars().count() <= ANSWER_MAX_CHARS,
            _ => false,
        }
    }
}

impl Answers {
    /// Whether these answers answer `questionnaire`: one fitting answer per question.
    pub fn fit(&self, questionnaire: &Questionnaire) -> bool {
        self.answers.len() == questionnaire.items.len() && self.answers.iter().zip(&questionnaire.items).all(|(a, item)| a.fits(item))
    }
}

/// A questionnaire given to the client of one engagement, and her answers at each review
/// point she answered it (at most one set per point). The practitioner words it; the
/// client answers it in her own copy (`docs/domain.md` §10).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClientQuestionnaire {
    pub engagement_id: RecordId,
    pub questionnaire: Questionnaire,
    /// In the order answered (by date, then review point).
    #[serde(default)]
    pub rounds: Vec<Answers>,
}

impl ClientQuestionnaire {
    /// A questionnaire not answered yet.
    pub fn new(engagement_id: RecordId, questionnaire: Questionnaire) -> ClientQuestionnaire {
        ClientQuestionnaire { engagement_id, questionnaire, rounds: Vec::new() }
    }

    /// The answers given at a review point, if any.
    pub fn answers_at(&self, point: ReviewPoint) -> Option<&Answers> {
        self.rounds.iter().find(|answers| answers.point == point)
    }

    /// The questions can change until the client first answers them.
    pub fn questions_can_change(&self) -> bool {
        self.rounds.is_empty()
    }

    /// Changes the questions; refused once answered, since the answers would no longer
    /// match what was asked.
    pub fn change_questions(&mut self, questionnaire: Questionnaire) -> Result<(), Message> {
        if !self.questions_can_change() {
            return Err(msg!(
                "The questions cannot change once they have been answered: the answers would no longer match what was asked. Make a new questionnaire instead."
            ));
        }
        self.questionnaire = questionnaire;
        Ok(())
    }

    /// Keeps answers (from [`AnswersForm::validate`]). Answers already given at the same
    /// review point are replaced and returned, so the person can be told. Refused when
    /// they do not answer these questions.
    pub fn take_answers(&mut self, answers: Answers) -> Result<Option<Answers>, Message> {
        if !answers.fit(&self.questionnaire) {
            return Err(msg!("These answers do not match the questions as they are now. Answer them again."));
        }
        let replaced = self.rounds.iter().position(|given| given.point == answers.point).map(|at| self.rounds.remove(at));
        self.rounds.push(answers);
        self.sort();
        Ok(replaced)
    }

    /// Whether every set of answers answers the questions as they are: what a
    /// questionnaire put together from two copies (the questions from one, the answers
    /// from the other) must keep.
    pub fn lines_up(&self) -> bool {
        self.rounds.iter().all(|answers| answers.fit(&self.questionnaire))
    }

    /// Puts the answers in the order given.
    pub(crate) fn sort(&mut self) {
        self.rounds.sort_by_key(|answers| (answers.taken_on, answers.point));
    }
}

fn check_answer(item: &Item, raw: &str) -> Result<Answer, Message> {
    if raw.trim().is_empty() {
        return if item.required { Err(msg!("This question needs an answer.")) } else { Ok(Answer::Skipped) };
    }
    match &item.kind {
        ItemKind::Rating { low, high, .. } => raw
            .trim()
            .parse::<u8>()
            .ok()
            .filter(|score| (low..=high).contains(&score))
            .map(Answer::Rating)
            .ok_or_else(|| msg!("Choose from {low} to {high}.", low = *low, high = *high)),
        ItemKind::Number { min, max, .. } => {
            let range = || msg!("Enter a number from {min} to {max}.", min = Arg::Amount(*min), max = Arg::Amount(*max));
            let number = parse_decimal(raw).ok_or_else(range)?;
            if number < *min || number > *max {
                return Err(range());
            }
            Ok(Answer::Number(number))
        }
        ItemKind::Choice { options } => {
            let chosen = clean_text(raw).to_lowercase();
            options
                .iter()
                .find(|option| option.to_lowercase() == chosen)
                .map(|option| Answer::Choice(option.clone()))
                .ok_or_else(|| msg!("Choose one of the options."))
        }
        ItemKind::Text => long_text(raw, msg!("the answer"), ANSWER_MAX_CHARS).map(Answer::Text),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(prompt: &str, kind: ItemType) -> ItemForm {
        ItemForm { prompt: prompt.into(), ..ItemForm::blank(kind) }
    }

    fn rating(prompt: &str, low: &str, high: &str) -> ItemForm {
        ItemForm { low: low.into(), high: high.into(), required: true, ..item(prompt, ItemType::Rating) }
    }

    fn number(prompt: &str, min: &str, max: &str) -> ItemForm {
        ItemForm { min: min.into(), max: max.into(), ..item(prompt, ItemType::Number) }
    }

    fn choice(prompt: &str, options: &[&str]) -> ItemForm {
        ItemForm { options: options.iter().map(|o| o.to_string()).collect(), ..item(prompt, ItemType::Choice) }
    }

    fn form(items: Vec<ItemForm>) -> QuestionnaireForm {
        QuestionnaireForm { title: "Check-in".into(), intro: String::new(), items }
    }

    fn errors_of(errors: &FieldErrors) -> Vec<(Field, String)> {
        errors.iter().map(|e| (e.field, e.message.to_string())).collect()
    }

    /// Rating 1–5 (required), a number 0–40 hours, a choice, a text.
    fn sample() -> Questionnaire {
        Questionnaire::try_from(&form(vec![
            rating("How settled do you feel?", "1", "5"),
            ItemForm { unit: "hours".into(), ..number("How many hours did you work last week?", "0", "80") },
            choice("Which suits you?", &["Mornings", "Evenings"]),
            item("Anything else?", ItemType::Text),
        ]))
        .unwrap()
    }

    fn answers(raw: &[&str]) -> AnswersForm {
        AnswersForm { point: ReviewPoint::Baseline, taken_on: "2026-03-14".into(), answers: raw.iter().map(|a| a.to_string()).collect() }
    }

    #[test]
    fn a_questionnaire_is_validated_into_its_items() {
        let questionnaire = sample();
        assert_eq!(questionnaire.title, "Check-in");
        assert_eq!(
            questionnaire.items[0],
            Item {
                prompt: "How settled do you feel?".into(),
                required: true,
                kind: ItemKind::Rating { low: 1, high: 5, low_label: String::new(), high_label: String::new() }
            }
        );
        assert_eq!(questionnaire.items[1].kind, ItemKind::Number { min: 0.0, max: 80.0, unit: "hours".into() });
        assert_eq!(questionnaire.items[2].kind, ItemKind::Choice { options: vec!["Mornings".into(), "Evenings".into()] });
        assert_eq!(questionnaire.items[3].kind, ItemKind::Text);
        assert!(!questionnaire.items[3].required);
    }

    #[test]
    fn a_questionnaire_with_no_items_is_refused() {
        let errors = Questionnaire::try_from(&form(vec![])).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::Questions, "Add at least one question.".to_string())]);
    }

    #[test]
    fn a_questionnaire_holds_at_most_fifty_questions() {
        let many: Vec<ItemForm> = (0..51).map(|n| item(&format!("Question {n}?"), ItemType::Text)).collect();
        let errors = Questionnaire::try_from(&form(many.clone())).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::Questions, "Keep the questionnaire to 50 questions or fewer.".to_string())]);
        assert!(Questionnaire::try_from(&form(many[..50].to_vec())).is_ok());
    }

    #[test]
    fn every_problem_is_reported_at_once_numbered_by_question() {
        let blank_title = QuestionnaireForm {
            title: "  ".into(),
            intro: String::new(),
            items: vec![item("Fine?", ItemType::Text), item(" ", ItemType::Text), choice("Pick one", &["Only"])],
        };
        let errors = Questionnaire::try_from(&blank_title).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::QuestionnaireTitle, "Enter the questionnaire's title.".to_string()),
                (Field::QuestionPrompt(1), "Question 2: Enter the question.".to_string()),
                (Field::QuestionOptions(2), "Question 3: Give at least two different options to choose from.".to_string()),
            ]
        );
    }

    #[test]
    fn a_choice_needs_two_different_options() {
        let one = Questionnaire::try_from(&form(vec![choice("Pick", &["Yes", "  ", ""])])).unwrap_err();
        assert_eq!(one.message_for(Field::QuestionOptions(0)).unwrap(), "Question 1: Give at least two different options to choose from.");
        let twice = Questionnaire::try_from(&form(vec![choice("Pick", &["Yes", "No", " yes "])])).unwrap_err();
        assert_eq!(twice.message_for(Field::QuestionOptions(0)).unwrap(), "Question 1: “yes” is listed twice. List each option once.");
        let fine = Questionnaire::try_from(&form(vec![choice("Pick", &[" Yes ", "", "No"])])).unwrap();
        assert_eq!(fine.items[0].kind, ItemKind::Choice { options: vec!["Yes".into(), "No".into()] });
    }

    #[test]
    fn a_number_needs_its_lowest_below_its_highest() {
        let errors = Questionnaire::try_from(&form(vec![number("Weight?", "10", "10"), number("Hours?", "", "x")])).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::QuestionMax(0), "Question 1: The highest answer allowed (10) must be above the lowest (10).".to_string()),
                (Field::QuestionMin(1), "Question 2: Enter the lowest answer allowed as a number, such as 0.".to_string()),
                (Field::QuestionMax(1), "Question 2: Enter the highest answer allowed as a number, such as 100.".to_string()),
            ]
        );
        let comma = Questionnaire::try_from(&form(vec![number("Litres?", "1,5", " 2.75 ")])).unwrap();
        assert_eq!(comma.items[0].kind, ItemKind::Number { min: 1.5, max: 2.75, unit: String::new() });
    }

    #[test]
    fn a_rating_runs_from_zero_or_one_to_five_or_ten() {
        for (low, high) in [("0", "10"), ("1", "5"), ("0", "5"), ("1", "10")] {
            assert!(Questionnaire::try_from(&form(vec![rating("Rate", low, high)])).is_ok(), "{low} to {high}");
        }
        for (low, high) in [("2", "10"), ("1", "7"), ("", "5"), ("1", "")] {
            let errors = Questionnaire::try_from(&form(vec![rating("Rate", low, high)])).unwrap_err();
            assert_eq!(
                errors_of(&errors),
                [(Field::QuestionScale(0), "Question 1: A rating runs from 0 or 1 up to 5 or 10.".to_string())],
                "{low} to {high}"
            );
        }
    }

    #[test]
    fn long_words_are_refused_with_their_length() {
        let long = "x".repeat(61);
        let errors = Questionnaire::try_from(&form(vec![
            ItemForm { low_label: long.clone(), ..rating("Rate", "1", "5") },
            ItemForm { prompt: "y".repeat(301), ..item("", ItemType::Text) },
        ]))
        .unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (
                    Field::QuestionLowLabel(0),
                    "Question 1: The label of the low end is 61 characters long. Keep it to 60 characters or fewer.".to_string()
                ),
                (
                    Field::QuestionPrompt(1),
                    "Question 2: The question is 301 characters long. Keep it to 300 characters or fewer.".to_string()
                ),
            ]
        );
    }

    #[test]
    fn inputs_of_other_kinds_are_not_read() {
        let text = ItemForm { min: "nonsense".into(), options: vec!["one".into()], low: "7".into(), ..item("Say more", ItemType::Text) };
        assert_eq!(Questionnaire::try_from(&form(vec![text])).unwrap().items[0].kind, ItemKind::Text);
    }

    #[test]
    fn a_questionnaire_round_trips_through_its_form_and_storage() {
        let questionnaire = sample();
        assert_eq!(Questionnaire::try_from(&QuestionnaireForm::from(&questionnaire)), Ok(questionnaire.clone()));
        let json = serde_json::to_value(&questionnaire).unwrap();
        assert_eq!(json["items"][0]["kind"]["type"], "rating");
        assert_eq!(serde_json::from_value::<Questionnaire>(json).unwrap(), questionnaire);
        let sparse: Questionnaire = serde_json::from_str(r#"{"title":"T","items":[{"prompt":"P","kind":{"type":"text"}}]}"#).unwrap();
        assert_eq!((sparse.intro.as_str(), sparse.items[0].required), ("", false));
    }

    #[test]
    fn item_types_are_stored_by_their_values() {
        crate::domain::choice::assert_values(
            ItemType::ALL,
            &[(ItemType::Rating, "rating"), (ItemType::Number, "number"), (ItemType::Choice, "choice"), (ItemType::Text, "text")],
            ItemType::as_str,
            ItemType::parse,
        );
    }

    #[test]
    fn answers_are_read_by_the_kind_of_each_question() {
        let questionnaire = sample();
        let given = answers(&["4", "37,5", " evenings ", "  Mostly fine.\r\nThanks  "]).validate(&questionnaire).unwrap();
        assert_eq!(
            given,
            Answers {
                point: ReviewPoint::Baseline,
                taken_on: Date::parse("2026-03-14").unwrap(),
                answers: vec![
                    Answer::Rating(4),
                    Answer::Number(37.5),
                    Answer::Choice("Evenings".into()),
                    Answer::Text("Mostly fine.\nThanks".into())
                ],
            }
        );
        let json = serde_json::to_value(&given).unwrap();
        assert_eq!(json["answers"][2], serde_json::json!({"type": "choice", "value": "Evenings"}));
        assert_eq!(serde_json::from_value::<Answers>(json).unwrap(), given);
    }

    #[test]
    fn optional_questions_may_be_skipped_but_required_ones_not() {
        let questionnaire = sample();
        let given = answers(&["3"]).validate(&questionnaire).unwrap();
        assert_eq!(given.answers, [Answer::Rating(3), Answer::Skipped, Answer::Skipped, Answer::Skipped]);
        let errors = answers(&[" ", "", "", ""]).validate(&questionnaire).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::Answer(0), "Question 1: This question needs an answer.".to_string())]);
    }

    #[test]
    fn a_rating_outside_its_scale_is_refused() {
        let questionnaire = sample();
        for raw in ["0", "6", "2.5", "five"] {
            let errors = answers(&[raw]).validate(&questionnaire).unwrap_err();
            assert_eq!(errors_of(&errors), [(Field::Answer(0), "Question 1: Choose from 1 to 5.".to_string())], "{raw}");
        }
        assert_eq!(answers(&["5"]).validate(&questionnaire).unwrap().answers[0], Answer::Rating(5));
        assert_eq!(answers(&["1"]).validate(&questionnaire).unwrap().answers[0], Answer::Rating(1));
    }

    #[test]
    fn a_number_outside_its_range_is_refused() {
        let questionnaire = sample();
        for raw in ["-1", "80.5", "lots"] {
            let errors = answers(&["3", raw]).validate(&questionnaire).unwrap_err();
            assert_eq!(errors_of(&errors), [(Field::Answer(1), "Question 2: Enter a number from 0 to 80.".to_string())], "{raw}");
        }
        assert_eq!(answers(&["3", "80"]).validate(&questionnaire).unwrap().answers[1], Answer::Number(80.0));
        assert_eq!(answers(&["3", "0"]).validate(&questionnaire).unwrap().answers[1], Answer::Number(0.0));
    }

    #[test]
    fn a_choice_must_be_one_of_the_options_and_text_has_a_limit() {
        let questionnaire = sample();
        let errors = answers(&["3", "", "Afternoons", &"z".repeat(2_001)]).validate(&questionnaire).unwrap_err();
        assert_eq!(
            errors_of(&errors),
            [
                (Field::Answer(2), "Question 3: Choose one of the options.".to_string()),
                (Field::Answer(3), "Question 4: The answer is 2001 characters long. Keep it to 2000 characters or fewer.".to_string()),
            ]
        );
        assert!(answers(&["3", "", "", &"z".repeat(2_000)]).validate(&questionnaire).is_ok());
    }

    #[test]
    fn answers_need_their_date() {
        let questionnaire = sample();
        let errors = AnswersForm { taken_on: String::new(), ..answers(&["3"]) }.validate(&questionnaire).unwrap_err();
        assert_eq!(errors_of(&errors), [(Field::AnswersDate, "Enter the date the questions were answered.".to_string())]);
        let errors = AnswersForm { taken_on: "2026-02-30".into(), ..answers(&["3"]) }.validate(&questionnaire).unwrap_err();
        assert_eq!(errors.message_for(Field::AnswersDate).unwrap(), "Enter the date as YYYY-MM-DD, such as 2026-03-14.");
    }

    fn answered(q: &Questionnaire, point: ReviewPoint, on: &str, answers: &[&str]) -> Answers {
        AnswersForm { point, taken_on: on.into(), answers: answers.iter().map(|a| a.to_string()).collect() }.validate(q).unwrap()
    }

    #[test]
    fn a_given_questionnaire_keeps_one_set_of_answers_per_review_point_and_its_questions_once_answered() {
        let mut given = ClientQuestionnaire::new(RecordId::parse("eng-1").unwrap(), sample());
        assert!(given.questions_can_change());
        let first = answered(&given.questionnaire, ReviewPoint::Baseline, "2026-12-01", &["3", "38", "Mornings", ""]);
        assert_eq!(given.take_answers(first.clone()), Ok(None));
        let end = answered(&given.questionnaire, ReviewPoint::End, "2027-05-01", &["5", "30", "Evenings", "Calmer"]);
        given.take_answers(end).unwrap();
        let again = answered(&given.questionnaire, ReviewPoint::Baseline, "2026-12-02", &["4", "40", "Mornings", ""]);
        assert_eq!(given.take_answers(again.clone()), Ok(Some(first)), "the earlier baseline is replaced and returned");
        assert_eq!(given.rounds.iter().map(|a| a.point).collect::<Vec<_>>(), [ReviewPoint::Baseline, ReviewPoint::End]);
        assert_eq!(given.answers_at(ReviewPoint::Baseline), Some(&again));
        assert!(given.lines_up());

        let refused = given.change_questions(sample()).unwrap_err().to_string();
        assert!(refused.starts_with("The questions cannot change once they have been answered"), "{refused}");
    }

    #[test]
    fn answers_that_do_not_match_the_questions_are_refused() {
        let mut given = ClientQuestionnaire::new(RecordId::parse("eng-1").unwrap(), sample());
        let mut short = answered(&given.questionnaire, ReviewPoint::Baseline, "2026-12-01", &["3", "38", "Mornings", ""]);
        short.answers.pop();
        assert_eq!(
            given.take_answers(short).unwrap_err().to_string(),
            "These answers do not match the questions as they are now. Answer them again."
        );
        let mut wrong = answered(&given.questionnaire, ReviewPoint::Baseline, "2026-12-01", &["3", "38", "Mornings", ""]);
        wrong.answers[0] = Answer::Rating(9);
        assert!(given.take_answers(wrong.clone()).is_err(), "9 is off a scale of 1 to 5");
        wrong.answers[0] = Answer::Skipped;
        assert!(given.take_answers(wrong.clone()).is_err(), "a required question skipped");
        wrong.answers[0] = Answer::Text("three".into());
        assert!(given.take_answers(wrong).is_err(), "text for a rating");
        assert!(given.rounds.is_empty(), "nothing kept");
    }
}
