//! Goal input: [`GoalForm`] holds what a person typed or chose, as text and ticks;
//! [`Goal::from_form`] and [`Goal::with_form`] turn it into a [`Goal`], reporting every
//! problem at once ([`FieldErrors`]). Every other change to a goal is a `with_…` method
//! that returns the changed goal or refuses with a plain message and leaves the goal as
//! it was: scoring ([`Goal::with_score`]), judged and metric entries, milestones and
//! actions ([`ItemForm`]), re-contracting the level descriptions, visibility.
//!
//! Once a goal has been scored its level descriptions are locked: the scores only mean
//! something against the descriptions they were given against. A change goes through
//! [`Goal::with_recontracted_levels`], which keeps the old descriptions in the history.

use crate::domain::message::{Arg, Message};
use crate::msg;
use std::fmt;

use super::*;
use crate::domain::contract::Party;
use crate::domain::date::Date;
use crate::domain::record::RecordId;
use crate::domain::validation::{optional_number, optional_text, required_text, Field, FieldErrors};

/// Longest goal title, and longest milestone or action title, in characters.
pub const TITLE_MAX_CHARS: usize = 200;
/// Longest "why it matters" or success measure, in characters.
pub const TEXT_MAX_CHARS: usize = 1_000;
/// Longest description of one GAS level, in characters.
pub const LEVEL_MAX_CHARS: usize = 500;
/// Longest note on a score or entry, in characters.
pub const NOTE_MAX_CHARS: usize = 500;
/// Longest metric unit, in characters.
pub const UNIT_MAX_CHARS: usize = 60;
/// Heaviest weight a goal or item may carry.
pub const WEIGHT_MAX: f64 = 100.0;

fn locked_levels() -> Message {
    msg!("The level descriptions are locked because this goal has been scored. Change them by re-contracting.")
}

fn not_ready_to_score() -> Message {
    msg!("Describe the expected level (0) and at least one other before scoring.")
}

/// A goal as typed: choices are their `as_str` values ("" for the default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalForm {
    pub title: String,
    pub why_it_matters: String,
    pub success_measure: String,
    /// "" or YYYY-MM-DD.
    pub target_date: String,
    /// [`Party::as_str`]; "" means the client.
    pub owner: String,
    /// [`Visibility::as_str`]; "" means shared.
    pub visibility: String,
    /// [`WeightMode::as_str`]; "" means a number ([`WeightMode::Direct`]).
    pub weight_mode: String,
    /// "" means 1; a number more than 0 and at most 100, decimals allowed ("1.5").
    pub weight: String,
    /// 1 to 5 each, with [`WeightMode::ImportanceDifficulty`].
    pub importance: String,
    pub difficulty: String,
    pub much_less: String,
    pub somewhat_less: String,
    pub expected: String,
    pub somewhat_more: String,
    pub much_more: String,
    /// [`ProgressMethod::as_str`]; "" means judged.
    pub progress_method: String,
    pub rollup_weighted: bool,
    /// [`MetricKind::as_str`], with [`ProgressMethod::Metric`].
    pub metric_kind: String,
    pub metric_unit: String,
    /// "" means 0.
    pub metric_start: String,
    /// Required for a metric; "" means 1 (yes) for a yes-or-no metric.
    pub metric_target: String,
}

impl GoalForm {
    /// The form filled from a saved goal; submitting it unchanged gives the same goal.
    pub fn from_goal(goal: &Goal) -> GoalForm {
        let (weight, importance, difficulty) = match goal.weight {
            Weight::Direct { value } => (value.to_string(), String::new(), String::new()),
            // The product goes in `weight` too, so a form that only shows the direct weight keeps its value.
            Weight::ImportanceDifficulty { importance, difficulty } => {
                (goal.weight.value().to_string(), importance.to_string(), difficulty.to_string())
            }
        };
        let mut form = GoalForm {
            title: goal.title.clone(),
            why_it_matters: goal.why_it_matters.clone(),
            success_measure: goal.success_measure.clone(),
            target_date: goal.target_date.map(|d| d.to_string()).unwrap_or_default(),
            owner: goal.owner.as_str().into(),
            visibility: goal.visibility.as_str().into(),
            weight_mode: goal.weight.mode().as_str().into(),
            weight,
            importance,
            difficulty,
            much_less: goal.levels.much_less.clone(),
            somewhat_less: goal.levels.somewhat_less.clone(),
            expected: goal.levels.expected.clone(),
            somewhat_more: goal.levels.somewhat_more.clone(),
            much_more: goal.levels.much_more.clone(),
            progress_method: goal.progress.method().as_str().into(),
            ..GoalForm::default()
        };
        match &goal.progress {
            Progress::Judged { .. } => {}
            Progress::RollUp { weighted } => form.rollup_weighted = *weighted,
            Progress::Metric(metric) => {
                form.metric_kind = metric.kind.as_str().into();
                form.metric_unit = metric.unit.clone();
                form.metric_start = metric.start_value.to_string();
                form.metric_target = metric.target.to_string();
            }
        }
        form
    }
}

/// A milestone or action as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemForm {
    /// [`ItemKind::as_str`]; "" means an action.
    pub kind: String,
    pub title: String,
    /// [`Party::as_str`]; "" means the client.
    pub owner: String,
    /// "" or YYYY-MM-DD.
    pub due: String,
    /// "" means 1; a number more than 0.
    pub weight: String,
    pub needs_confirmation: bool,
}

/// Why a change to a goal was refused, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GoalError {
    /// What was entered cannot be accepted; each field says why.
    Invalid(FieldErrors),
    /// No milestone or action has this id (it may have been removed meanwhile).
    NotFound(String),
}

impl GoalError {
    /// What happened, for a person: for `Invalid`, the messages joined with spaces.
    pub fn user_message(&self) -> Message {
        match self {
            GoalError::Invalid(errors) => errors.message(),
            GoalError::NotFound(_) => msg!("That milestone or action could not be found. It may have been removed."),
        }
    }
}

impl fmt::Display for GoalError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.user_message().fmt(f)
    }
}

impl std::error::Error for GoalError {}

impl From<FieldErrors> for GoalError {
    fn from(errors: FieldErrors) -> Self {
        GoalError::Invalid(errors)
    }
}

/// The goal's values once every field of a [`GoalForm`] is valid.
struct CheckedGoal {
    title: String,
    why_it_matters: String,
    success_measure: String,
    target_date: Option<Date>,
    owner: Party,
    visibility: Visibility,
    weight: Weight,
    levels: GasLevels,
    /// With no entries: entries come from the goal being changed.
    progress: Progress,
}

/// A number as people type it: "12", "12.5", "-3", "−3", "1,5" (a decimal comma).
/// `None` for anything else, including "NaN", "inf", "1e3" and "1,000" (which could mean
/// one or a thousand).
fn number(raw: &str) -> Option<f64> {
    let text = raw.trim().replace('−', "-");
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '+')) {
        return None;
    }
    let text = match text.split_once(',') {
        None => text,
        Some((whole, fraction)) => {
            // "1,500" could be one and a half or fifteen hundred; "0,125" can only be a fraction.
            let digits = whole.trim_start_matches(['-', '+']);
            let ambiguous = fraction.len() == 3 && !digits.trim_start_matches('0').is_empty();
            if text.contains('.') || fraction.contains(',') || ambiguous {
                return None;
            }
            format!("{whole}.{fraction}")
        }
    };
    text.parse::<f64>().ok().filter(|value| value.is_finite())
}

/// Text that may run over several lines: trimmed, line breaks kept, at most `max`
/// characters. `what` names the text, e.g. "the note".
fn long_text(raw: &str, what: Message, max: usize) -> Result<String, Message> {
    let text = raw.trim().to_string();
    let length = text.chars().count();
    if length > max {
        return Err(msg!(
            "{what} is {length} characters long. Keep it to {max} characters or fewer.",
            what = what.capitalised(),
            length = length,
            max = max
        ));
    }
    Ok(text)
}

/// A choice from a list, `parse`d from its value; "" means `default`, anything else
/// unknown is `None`.
fn chosen<T>(raw: &str, parse: impl Fn(&str) -> Option<T>, default: T) -> Option<T> {
    match raw.trim() {
        "" => Some(default),
        text => parse(text),
    }
}

/// One of a list; "" means `default`.
fn choice<T>(raw: &str, parse: impl Fn(&str) -> Option<T>, default: T, what: Message) -> Result<T, Message> {
    chosen(raw, parse, default).ok_or_else(|| msg!("Choose {what} from the list.", what = what))
}

/// An optional date; `what` names it, e.g. "the due date".
fn optional_date(raw: &str, what: Message) -> Result<Option<Date>, Message> {
    match raw.trim() {
        "" => Ok(None),
        text => Date::parse(text).map(Some).ok_or_else(|| msg!("Enter {what} as a date, such as 2027-03-31.", what = what)),
    }
}

fn target_date(raw: &str, window: EngagementWindow) -> Result<Option<Date>, Message> {
    let date = optional_date(raw, msg!("the target date"))?;
    if let (Some(date), Some(start)) = (date, window.start) {
        if date < start {
            return Err(msg!("The target date ({date}) is before the engagement starts ({start}).", date = date, start = start));
        }
    }
    Ok(date)
}

/// A weight: "" means 1; otherwise a number more than 0 and at most [`WEIGHT_MAX`].
fn weight_value(raw: &str) -> Result<f64, Message> {
    if raw.trim().is_empty() {
        return Ok(1.0);
    }
    let value = number(raw).ok_or_else(|| msg!("Enter the weight as a number, such as 1 or 1.5."))?;
    if value <= 0.0 {
        return Err(msg!("The weight must be more than 0."));
    }
    if value > WEIGHT_MAX {
        return Err(msg!("The weight must be {max} or less.", max = WEIGHT_MAX as u32));
    }
    Ok(value)
}

/// Importance or difficulty: a whole number from 1 to 5, required.
fn one_to_five(raw: &str, what: Message) -> Result<u8, Message> {
    optional_number::<u8>(raw, what.clone(), 1, 5, 3)?.ok_or_else(|| msg!("Enter {what}, from 1 to 5.", what = what))
}

fn weight(form: &GoalForm, errors: &mut FieldErrors) -> Option<Weight> {
    match chosen(&form.weight_mode, WeightMode::parse, WeightMode::Direct) {
        Some(WeightMode::Direct) => errors.collect(Field::GoalWeight, weight_value(&form.weight)).map(|value| Weight::Direct { value }),
        Some(WeightMode::ImportanceDifficulty) => {
            let importance = errors.collect(Field::GoalImportance, one_to_five(&form.importance, msg!("the importance")));
            let difficulty = errors.collect(Field::GoalDifficulty, one_to_five(&form.difficulty, msg!("the difficulty")));
            Some(Weight::ImportanceDifficulty { importance: importance?, difficulty: difficulty? })
        }
        None => {
            errors.push(Field::GoalWeight, msg!("Choose how the weight is set from the list."));
            None
        }
    }
}

/// The description typed for one level.
fn level_text(form: &GoalForm, level: GasLevel) -> &str {
    match level {
        GasLevel::MuchLess => &form.much_less,
        GasLevel::SomewhatLess => &form.somewhat_less,
        GasLevel::Expected => &form.expected,
        GasLevel::SomewhatMore => &form.somewhat_more,
        GasLevel::MuchMore => &form.much_more,
    }
}

fn levels(form: &GoalForm, errors: &mut FieldErrors) -> Option<GasLevels> {
    let mut all_valid = true;
    let levels = GasLevels::from_fn(|level| {
        let what = msg!("the description for {score} ({name})", score = level.signed(), name = Arg::LabelInSentence(level.label()));
        let text = errors.collect(Field::GasLevel(level), long_text(level_text(form, level), what, LEVEL_MAX_CHARS));
        all_valid &= text.is_some();
        text.unwrap_or_default()
    });
    all_valid.then_some(levels)
}

/// "yes", "no", "1", "0" in any case.
fn yes_or_no(raw: &str) -> Option<f64> {
    match raw.trim().to_lowercase().as_str() {
        "yes" | "1" => Some(1.0),
        "no" | "0" => Some(0.0),
        _ => None,
    }
}

fn metric(form: &GoalForm, errors: &mut FieldErrors) -> Option<Metric> {
    let kind = match form.metric_kind.trim() {
        "" => {
            errors.push(Field::MetricKind, msg!("Choose what kind of number this is."));
            None
        }
        text => errors
            .collect(Field::MetricKind, MetricKind::parse(text).ok_or_else(|| msg!("Choose what kind of number this is from the list."))),
    };
    let unit = errors.collect(Field::MetricUnit, optional_text(&form.metric_unit, msg!("the unit"), UNIT_MAX_CHARS));
    let start = errors.collect(
        Field::MetricStart,
        match form.metric_start.trim() {
            "" => Ok(0.0),
            raw => number(raw).ok_or_else(|| msg!("Enter the starting value as a number, such as 0.")),
        },
    );
    let target = errors.collect(Field::MetricTarget, metric_target(&form.metric_target, kind));
    if let (Some(start), Some(target)) = (start, target) {
        if start == target {
            errors.push(Field::MetricTarget, msg!("The target is the same as the starting value. Enter the value to aim for."));
            return None;
        }
    }
    Some(Metric { kind: kind?, unit: unit?.unwrap_or_default(), start_value: start?, target: target?, entries: Vec::new() })
}

fn metric_target(raw: &str, kind: Option<MetricKind>) -> Result<f64, Message> {
    let raw = raw.trim();
    if kind == Some(MetricKind::YesNo) {
        let value = if raw.is_empty() { Some(1.0) } else { yes_or_no(raw) };
        return if value == Some(1.0) { Ok(1.0) } else { Err(msg!("The target of a yes-or-no goal is yes (1).")) };
    }
    if raw.is_empty() {
        return Err(msg!("Enter the target, such as 10."));
    }
    let target = number(raw).ok_or_else(|| msg!("Enter the target as a number, such as 10."))?;
    if kind == Some(MetricKind::Rating) && !(1.0..=10.0).contains(&target) {
        return Err(msg!("A rating target must be from 1 to 10."));
    }
    Ok(target)
}

fn progress(form: &GoalForm, errors: &mut FieldErrors) -> Option<Progress> {
    match chosen(&form.progress_method, ProgressMethod::parse, ProgressMethod::Judged) {
        Some(ProgressMethod::Judged) => Some(Progress::Judged { entries: Vec::new() }),
        Some(ProgressMethod::RollUp) => Some(Progress::RollUp { weighted: form.rollup_weighted }),
        Some(ProgressMethod::Metric) => metric(form, errors).map(Progress::Metric),
        None => {
            errors.push(Field::ProgressMethod, msg!("Choose how progress is tracked from the list."));
            None
        }
    }
}

fn check(form: &GoalForm, window: EngagementWindow) -> Result<CheckedGoal, FieldErrors> {
    let mut errors = FieldErrors::new();
    let e = &mut errors;
    let title = e.collect(Field::GoalTitle, required_text(&form.title, msg!("the goal"), TITLE_MAX_CHARS));
    let why = e.collect(Field::GoalWhy, long_text(&form.why_it_matters, msg!("why it matters"), TEXT_MAX_CHARS));
    let measure = e.collect(Field::GoalSuccess, long_text(&form.success_measure, msg!("the success measure"), TEXT_MAX_CHARS));
    let target_date = e.collect(Field::GoalTargetDate, target_date(&form.target_date, window));
    let owner = e.collect(Field::GoalOwner, choice(&form.owner, Party::parse, Party::Client, msg!("who owns the goal")));
    let visibility =
        e.collect(Field::GoalVisibility, choice(&form.visibility, Visibility::parse, Visibility::Shared, msg!("who can see the goal")));
    let weight = weight(form, e);
    let levels = levels(form, e);
    let progress = progress(form, e);
    match (title, why, measure, target_date, owner, visibility, weight, levels, progress) {
        (
            Some(title),
            Some(why_it_matters),
            Some(success_measure),
            Some(target_date),
            Some(owner),
            Some(visibility),
            Some(weight),
            Some(levels),
            Some(progress),
        ) if errors.is_empty() => {
            Ok(CheckedGoal { title, why_it_matters, success_measure, target_date, owner, visibility, weight, levels, progress })
        }
        _ => Err(errors),
    }
}

/// Level descriptions compared as a person reads them (surrounding spaces do not count).
fn same_levels(a: &GasLevels, b: &GasLevels) -> bool {
    GasLevel::ALL.iter().all(|level| a.of(*level).trim() == b.of(*level).trim())
}

/// How progress is tracked, inside a sentence ("recorded as {method}").
fn method_name(progress: &Progress) -> Message {
    match progress.method() {
        ProgressMethod::Judged => msg!("a judged percentage"),
        ProgressMethod::RollUp => msg!("milestones and actions"),
        ProgressMethod::Metric => msg!("a number with a target"),
    }
}

fn has_entries(progress: &Progress) -> bool {
    match progress {
        Progress::Judged { entries } => !entries.is_empty(),
        Progress::RollUp { .. } => false,
        Progress::Metric(metric) => !metric.entries.is_empty(),
    }
}

fn invalid(field: Field, message: Message) -> FieldErrors {
    let mut errors = FieldErrors::new();
    errors.push(field, message);
    errors
}

impl Goal {
    /// A new goal from the form.
    pub fn from_form(engagement_id: RecordId, form: GoalForm, window: EngagementWindow) -> Result<Goal, FieldErrors> {
        // A new goal has no scores or entries, so the history rules of `with_form` never refuse it.
        Goal::new(engagement_id, String::new()).with_form(form, window)
    }

    /// This goal with the form's values. Keeps scores, entries and items. Once the goal
    /// has been scored its level descriptions cannot change here (see
    /// [`Goal::with_recontracted_levels`]); the way progress is tracked can change only
    /// while nothing has been recorded that way. Changing a metric's target, unit, start
    /// or kind keeps its entries.
    pub fn with_form(&self, form: GoalForm, window: EngagementWindow) -> Result<Goal, FieldErrors> {
        let mut errors = match check(&form, window) {
            Ok(checked) => return self.with_checked(checked),
            Err(errors) => errors,
        };
        // Report the rules about this goal's history alongside the form's own problems.
        let mut scratch = FieldErrors::new();
        if let Some(levels) = levels(&form, &mut scratch) {
            let unreported = errors.message_for(Field::GasLevel(GasLevel::Expected)).is_none();
            if unreported && self.levels_locked() && !same_levels(&levels, &self.levels) {
                errors.push(Field::GasLevel(GasLevel::Expected), locked_levels());
            }
        }
        if let Some(progress) = progress(&form, &mut scratch) {
            if let (Err(message), None) = (self.method_change(&progress), errors.message_for(Field::ProgressMethod)) {
                errors.push(Field::ProgressMethod, message);
            }
        }
        Err(errors)
    }

    fn method_change(&self, progress: &Progress) -> Result<(), Message> {
        let same = std::mem::discriminant(progress) == std::mem::discriminant(&self.progress);
        if same || !has_entries(&self.progress) {
            return Ok(());
        }
        Err(msg!(
            "Progress on this goal has already been recorded as {method}, so the way it is tracked cannot change now.",
            method = method_name(&self.progress)
        ))
    }

    fn with_checked(&self, checked: CheckedGoal) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::new();
        let levels = if same_levels(&checked.levels, &self.levels) {
            self.levels.clone()
        } else {
            if self.levels_locked() {
                errors.push(Field::GasLevel(GasLevel::Expected), locked_levels());
            }
            checked.levels
        };
        if let Err(message) = self.method_change(&checked.progress) {
            errors.push(Field::ProgressMethod, message);
        }
        if !errors.is_empty() {
            return Err(errors);
        }
        let progress = match (checked.progress, &self.progress) {
            (Progress::Judged { .. }, Progress::Judged { entries }) => Progress::Judged { entries: entries.clone() },
            (Progress::Metric(metric), Progress::Metric(old)) => Progress::Metric(Metric { entries: old.entries.clone(), ..metric }),
            (progress, _) => progress,
        };
        Ok(Goal {
            engagement_id: self.engagement_id.clone(),
            title: checked.title,
            why_it_matters: checked.why_it_matters,
            success_measure: checked.success_measure,
            target_date: checked.target_date,
            owner: checked.owner,
            visibility: checked.visibility,
            levels,
            weight: checked.weight,
            scores: self.scores.clone(),
            level_history: self.level_history.clone(),
            progress,
            items: self.items.clone(),
        })
    }

    /// Re-contracting the levels: the old levels go to `level_history`, scores are kept.
    /// Descriptions are trimmed; the same descriptions again change nothing.
    pub fn with_recontracted_levels(&self, levels: GasLevels) -> Goal {
        let levels = GasLevels::from_fn(|level| levels.of(level).trim().to_string());
        let mut goal = self.clone();
        if same_levels(&levels, &self.levels) {
            return goal;
        }
        goal.level_history.push(std::mem::replace(&mut goal.levels, levels));
        goal
    }

    /// Scores the goal at a review point: a whole number from −2 to +2 ("+1", "-1" and
    /// "−1" with the Unicode minus are accepted), once the expected level and at least one
    /// other are described. The note is optional, at most 500 characters.
    pub fn with_score(&self, point: ReviewPoint, score: &str, on: Date, note: &str) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::new();
        let text = score.trim().replace('−', "-");
        let level = match text.parse::<i8>().ok().and_then(GasLevel::from_score) {
            Some(level) => Some(level),
            None => {
                errors.push(Field::ScoreValue, msg!("Enter a score from −2 to +2, as a whole number."));
                None
            }
        };
        if !self.levels.ready_for_scoring() {
            errors.push(Field::ScoreValue, not_ready_to_score());
        }
        let note = errors.collect(Field::ScoreNote, long_text(note, msg!("the note"), NOTE_MAX_CHARS));
        match (level, note) {
            (Some(level), Some(note)) if errors.is_empty() => {
                let mut goal = self.clone();
                goal.scores.push(ScoreEntry { on, point, score: level.score(), note });
                Ok(goal)
            }
            _ => Err(errors),
        }
    }

    /// A judged percentage from 0 to 100 ("45" or "45%") with an optional comment of at
    /// most 500 characters. Only for a goal whose progress is judged.
    pub fn with_judged_entry(&self, percent: &str, comment: &str, on: Date) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::new();
        if !matches!(self.progress, Progress::Judged { .. }) {
            errors.push(
                Field::ProgressMethod,
                msg!("Progress on this goal is tracked as {method}, not as a judged percentage.", method = method_name(&self.progress)),
            );
        }
        let text = percent.trim();
        let text = text.strip_suffix('%').unwrap_or(text).trim();
        let percent = match text.parse::<u8>() {
            Ok(value) if value <= 100 => Some(value),
            _ => {
                errors.push(Field::JudgedPercent, msg!("Enter a percentage from 0 to 100."));
                None
            }
        };
        let comment = errors.collect(Field::EntryComment, long_text(comment, msg!("the comment"), NOTE_MAX_CHARS));
        let mut goal = self.clone();
        match (&mut goal.progress, percent, comment) {
            (Progress::Judged { entries }, Some(percent), Some(comment)) if errors.is_empty() => {
                entries.push(JudgedEntry { on, percent, comment });
                Ok(goal)
            }
            _ => Err(errors),
        }
    }

    /// A metric entry: a number ("12", "12.5", "-3", "1,5"); for a rating, 1 to 10; for
    /// yes or no, "yes", "no", "1" or "0" (stored as 1 and 0). The note is optional, at most
    /// 500 characters. Only for a goal whose progress is a number with a target.
    pub fn with_metric_entry(&self, value: &str, on: Date, note: &str) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::new();
        let kind = match &self.progress {
            Progress::Metric(metric) => Some(metric.kind),
            other => {
                errors.push(
                    Field::ProgressMethod,
                    msg!("Progress on this goal is tracked as {method}, not as a number.", method = method_name(other)),
                );
                None
            }
        };
        let value = errors.collect(Field::MetricValue, metric_entry_value(value, kind));
        let note = errors.collect(Field::EntryComment, long_text(note, msg!("the note"), NOTE_MAX_CHARS));
        let mut goal = self.clone();
        match (&mut goal.progress, value, note) {
            (Progress::Metric(metric), Some(value), Some(note)) if errors.is_empty() => {
                metric.entries.push(MetricEntry { on, value, note });
                Ok(goal)
            }
            _ => Err(errors),
        }
    }

    /// Adds a milestone or action with the given id (unique within the goal).
    pub fn with_item(&self, form: ItemForm, id: String) -> Result<Goal, FieldErrors> {
        let mut errors = FieldErrors::new();
        let e = &mut errors;
        let kind = chosen(&form.kind, ItemKind::parse, ItemKind::Action);
        if kind.is_none() {
            e.push(Field::ItemTitle, msg!("Choose a milestone or an action."));
        }
        let title = e.collect(Field::ItemTitle, required_text(&form.title, msg!("the milestone or action"), TITLE_MAX_CHARS));
        if self.items.iter().any(|item| item.id == id) {
            e.push(Field::ItemTitle, msg!("This milestone or action has already been added."));
        }
        let owner = e.collect(Field::ItemOwner, choice(&form.owner, Party::parse, Party::Client, msg!("who does it")));
        let due = e.collect(Field::ItemDue, optional_date(&form.due, msg!("the due date")));
        let weight = e.collect(Field::ItemWeight, weight_value(&form.weight));
        match (kind, title, owner, due, weight) {
            (Some(kind), Some(title), Some(owner), Some(due), Some(weight)) if errors.is_empty() => {
                let mut goal = self.clone();
                goal.items.push(GoalItem {
                    id,
                    kind,
                    title,
                    owner,
                    due,
                    status: ItemStatus::Open,
                    done_on: None,
                    weight,
                    needs_confirmation: form.needs_confirmation,
                    confirmed: false,
                    agreed_in: None,
                    reviews: Vec::new(),
                    check_ins: Vec::new(),
                });
                Ok(goal)
            }
            _ => Err(errors),
        }
    }

    /// Sets an item's status. Done records `on` as the day it was done; any other status
    /// clears that day and any confirmation (a reopened item needs confirming again).
    pub fn with_item_status(&self, item_id: &str, status: ItemStatus, on: Date) -> Result<Goal, GoalError> {
        let mut goal = self.clone();
        let item = goal.items.iter_mut().find(|item| item.id == item_id);
        let item = item.ok_or_else(|| GoalError::NotFound(item_id.to_string()))?;
        item.status = status;
        if status == ItemStatus::Done {
            item.done_on = Some(on);
        } else {
            item.done_on = None;
            item.confirmed = false;
        }
        Ok(goal)
    }

    /// This goal without one of its milestones or actions.
    pub fn without_item(&self, item_id: &str) -> Result<Goal, GoalError> {
        let mut goal = self.clone();
        let before = goal.items.len();
        goal.items.retain(|item| item.id != item_id);
        if goal.items.len() == before {
            return Err(GoalError::NotFound(item_id.to_string()));
        }
        Ok(goal)
    }

    /// The practitioner confirms a done item. Refused for an item not marked done.
    pub fn with_item_confirmed(&self, item_id: &str) -> Result<Goal, GoalError> {
        let mut goal = self.clone();
        let item = goal.items.iter_mut().find(|item| item.id == item_id);
        let item = item.ok_or_else(|| GoalError::NotFound(item_id.to_string()))?;
        if item.status != ItemStatus::Done {
            let message = msg!("This milestone or action is not marked done yet, so there is nothing to confirm.");
            return Err(GoalError::Invalid(invalid(Field::ItemTitle, message)));
        }
        item.confirmed = true;
        Ok(goal)
    }

    /// This goal with a different visibility.
    pub fn with_visibility(&self, visibility: Visibility) -> Goal {
        Goal { visibility, ..self.clone() }
    }
}

fn metric_entry_value(raw: &str, kind: Option<MetricKind>) -> Result<f64, Message> {
    if kind == Some(MetricKind::YesNo) {
        return yes_or_no(raw).ok_or_else(|| msg!("Answer yes or no."));
    }
    let value = number(raw).ok_or_else(|| msg!("Enter a number, such as 12."))?;
    if kind == Some(MetricKind::Rating) && !(1.0..=10.0).contains(&value) {
        return Err(msg!("Enter a rating from 1 to 10."));
    }
    Ok(value)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::goal::gas::t_score_at;
    use crate::domain::goal::progress::{percent_complete, roll_up};

    fn day(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn engagement() -> RecordId {
        RecordId::parse("engagement-1").expect("id")
    }

    fn window() -> EngagementWindow {
        EngagementWindow { start: Some(day("2027-01-01")), end: Some(day("2027-06-30")) }
    }

    fn form() -> GoalForm {
        GoalForm {
            title: "  Lead the weekly team meeting  ".into(),
            why_it_matters: "My manager wants me to step up.".into(),
            success_measure: "I chair four meetings in a row.".into(),
            target_date: "2027-05-31".into(),
            much_less: "I avoid chairing.".into(),
            somewhat_less: "I chair once, with help.".into(),
            expected: "I chair four meetings.".into(),
            somewhat_more: "I chair and coach a colleague.".into(),
            much_more: "I run the meeting series.".into(),
            ..GoalForm::default()
        }
    }

    fn goal() -> Goal {
        Goal::from_form(engagement(), form(), window()).expect("a valid goal")
    }

    fn metric_form(kind: &str, start: &str, target: &str) -> GoalForm {
        GoalForm {
            progress_method: "metric".into(),
            metric_kind: kind.into(),
            metric_unit: "presentations".into(),
            metric_start: start.into(),
            metric_target: target.into(),
            ..form()
        }
    }

    fn metric_goal(kind: &str, start: &str, target: &str) -> Goal {
        Goal::from_form(engagement(), metric_form(kind, start, target), window()).expect("a valid metric goal")
    }

    fn scored() -> Goal {
        goal().with_score(ReviewPoint::Baseline, "-1", day("2027-01-10"), "").expect("scored")
    }

    fn item_form(title: &str) -> ItemForm {
        ItemForm { title: title.into(), ..ItemForm::default() }
    }

    // The goal form.

    #[test]
    fn a_complete_form_becomes_a_goal_with_defaults() {
        let goal = goal();
        assert_eq!(goal.title, "Lead the weekly team meeting");
        assert_eq!(goal.target_date, Some(day("2027-05-31")));
        assert_eq!(goal.owner, Party::Client);
        assert_eq!(goal.visibility, Visibility::Shared);
        assert_eq!(goal.weight, Weight::Direct { value: 1.0 });
        assert_eq!(goal.progress, Progress::Judged { entries: Vec::new() });
        assert!(goal.levels.ready_for_scoring());
        assert!(goal.scores.is_empty() && goal.items.is_empty() && goal.level_history.is_empty());
    }

    #[test]
    fn a_goal_needs_a_title() {
        let errors = Goal::from_form(engagement(), GoalForm { title: "  ".into(), ..form() }, window()).unwrap_err();
        assert_eq!(errors.message_for(Field::GoalTitle).map(ToString::to_string).as_deref(), Some("Enter the goal."));
    }

    #[test]
    fn every_problem_in_the_goal_form_is_reported_at_once() {
        let bad = GoalForm {
            title: String::new(),
            why_it_matters: "x".repeat(1_001),
            target_date: "next spring".into(),
            owner: "manager".into(),
            weight: "0".into(),
            expected: "y".repeat(501),
            progress_method: "metric".into(),
            metric_target: "lots".into(),
            ..form()
        };
        let errors = Goal::from_form(engagement(), bad, window()).unwrap_err();
        assert_eq!(errors.message_for(Field::GoalTitle).map(ToString::to_string).as_deref(), Some("Enter the goal."));
        assert_eq!(
            errors.message_for(Field::GoalWhy).map(ToString::to_string).as_deref(),
            Some("Why it matters is 1001 characters long. Keep it to 1000 characters or fewer.")
        );
        assert_eq!(
            errors.message_for(Field::GoalTargetDate).map(ToString::to_string).as_deref(),
            Some("Enter the target date as a date, such as 2027-03-31.")
        );
        assert_eq!(
            errors.message_for(Field::GoalOwner).map(ToString::to_string).as_deref(),
            Some("Choose who owns the goal from the list.")
        );
        assert_eq!(errors.message_for(Field::GoalWeight).map(ToString::to_string).as_deref(), Some("The weight must be more than 0."));
        assert_eq!(
            errors.message_for(Field::GasLevel(GasLevel::Expected)).map(ToString::to_string).as_deref(),
            Some(
                "The description for 0 (as expected) is 501 characters long. \
                 Keep it to 500 characters or fewer."
            )
        );
        assert_eq!(errors.message_for(Field::MetricKind).map(ToString::to_string).as_deref(), Some("Choose what kind of number this is."));
        assert_eq!(
            errors.message_for(Field::MetricTarget).map(ToString::to_string).as_deref(),
            Some("Enter the target as a number, such as 10.")
        );
        assert_eq!(errors.len(), 8);
        for error in errors.iter() {
            assert!(error.message.ends_with("."), "{}", error.message);
        }
    }

    #[test]
    fn a_target_date_before_the_engagement_starts_is_refused() {
        let early = GoalForm { target_date: "2026-12-31".into(), ..form() };
        let errors = Goal::from_form(engagement(), early.clone(), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::GoalTargetDate).map(ToString::to_string).as_deref(),
            Some("The target date (31 Dec 2026) is before the engagement starts (1 Jan 2027).")
        );
        let goal = goal();
        assert_eq!(goal.with_form(early, window()).unwrap_err().len(), 1);
    }

    #[test]
    fn a_target_date_after_the_engagement_ends_is_left_to_the_smart_checker() {
        let late = GoalForm { target_date: "2027-12-31".into(), ..form() };
        assert_eq!(Goal::from_form(engagement(), late, window()).unwrap().target_date, Some(day("2027-12-31")));
        let no_window = GoalForm { target_date: "2020-01-01".into(), ..form() };
        assert!(Goal::from_form(engagement(), no_window, EngagementWindow::default()).is_ok());
    }

    #[test]
    fn a_zero_or_negative_weight_is_refused() {
        for weight in ["0", "-1", "−2", "0.0"] {
            let errors = Goal::from_form(engagement(), GoalForm { weight: weight.into(), ..form() }, window()).unwrap_err();
            assert_eq!(
                errors.message_for(Field::GoalWeight).map(ToString::to_string).as_deref(),
                Some("The weight must be more than 0."),
                "{weight}"
            );
        }
        let errors = Goal::from_form(engagement(), GoalForm { weight: "heavy".into(), ..form() }, window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::GoalWeight).map(ToString::to_string).as_deref(),
            Some("Enter the weight as a number, such as 1 or 1.5.")
        );
        let errors = Goal::from_form(engagement(), GoalForm { weight: "101".into(), ..form() }, window()).unwrap_err();
        assert_eq!(errors.message_for(Field::GoalWeight).map(ToString::to_string).as_deref(), Some("The weight must be 100 or less."));
    }

    #[test]
    fn a_weight_may_have_decimals() {
        let goal = Goal::from_form(engagement(), GoalForm { weight: "1.5".into(), ..form() }, window()).unwrap();
        assert_eq!(goal.weight, Weight::Direct { value: 1.5 });
        let goal = Goal::from_form(engagement(), GoalForm { weight: "2,5".into(), ..form() }, window()).unwrap();
        assert_eq!(goal.weight, Weight::Direct { value: 2.5 });
    }

    #[test]
    fn importance_and_difficulty_are_each_from_one_to_five() {
        let by_parts = GoalForm { weight_mode: "importance_difficulty".into(), importance: "4".into(), difficulty: "3".into(), ..form() };
        let goal = Goal::from_form(engagement(), by_parts.clone(), window()).unwrap();
        assert_eq!(goal.weight, Weight::ImportanceDifficulty { importance: 4, difficulty: 3 });
        assert_eq!(goal.weight.value(), 12.0);

        let bad = GoalForm { importance: "6".into(), difficulty: String::new(), ..by_parts };
        let errors = Goal::from_form(engagement(), bad, window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::GoalImportance).map(ToString::to_string).as_deref(),
            Some("The importance must be between 1 and 5.")
        );
        assert_eq!(
            errors.message_for(Field::GoalDifficulty).map(ToString::to_string).as_deref(),
            Some("Enter the difficulty, from 1 to 5.")
        );
    }

    #[test]
    fn a_form_from_a_goal_gives_back_the_same_goal() {
        let mut goal = Goal::from_form(
            engagement(),
            GoalForm {
                weight_mode: "importance_difficulty".into(),
                importance: "2".into(),
                difficulty: "5".into(),
                owner: "practitioner".into(),
                visibility: "sponsor_visible".into(),
                ..metric_form("measurement", "20", "5")
            },
            window(),
        )
        .unwrap();
        goal = goal.with_metric_entry("14", day("2027-02-01"), "").unwrap();
        goal = goal.with_item(item_form("Book the room"), "i1".into()).unwrap();
        goal = scored_from(goal);
        let again = goal.with_form(GoalForm::from_goal(&goal), window()).unwrap();
        assert_eq!(again, goal);
        // A form that shows only the direct weight still carries importance × difficulty.
        let direct_only = GoalForm { weight_mode: String::new(), ..GoalForm::from_goal(&goal) };
        assert_eq!(goal.with_form(direct_only, window()).unwrap().weight.value(), 10.0);

        let weighted = Goal::from_form(
            engagement(),
            GoalForm { progress_method: "roll_up".into(), rollup_weighted: true, weight: "1.5".into(), ..form() },
            window(),
        )
        .unwrap();
        assert_eq!(weighted.with_form(GoalForm::from_goal(&weighted), window()).unwrap(), weighted);
    }

    fn scored_from(goal: Goal) -> Goal {
        goal.with_score(ReviewPoint::Baseline, "−1", day("2027-01-10"), "A slow start.").unwrap()
    }

    #[test]
    fn editing_a_goal_keeps_its_scores_entries_and_items() {
        let goal =
            scored().with_judged_entry("30", "", day("2027-02-01")).unwrap().with_item(item_form("Draft an agenda"), "i1".into()).unwrap();
        let edited = goal.with_form(GoalForm { title: "Chair the weekly meeting".into(), ..form() }, window()).unwrap();
        assert_eq!(edited.title, "Chair the weekly meeting");
        assert_eq!(edited.scores, goal.scores);
        assert_eq!(edited.progress, goal.progress);
        assert_eq!(edited.items, goal.items);
    }

    // Levels and scoring.

    #[test]
    fn levels_are_locked_after_scoring() {
        let goal = scored();
        assert!(goal.levels_locked());
        let changed = GoalForm { expected: "I chair three meetings.".into(), ..form() };
        let errors = goal.with_form(changed.clone(), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::GasLevel(GasLevel::Expected)).map(ToString::to_string).as_deref(),
            Some(locked_levels().to_string().as_str())
        );
        assert_eq!(
            locked_levels().to_string().as_str(),
            "The level descriptions are locked because this goal has been scored. Change them by re-contracting."
        );
        // Reported with the form's other problems too.
        let errors = goal.with_form(GoalForm { title: String::new(), ..changed }, window()).unwrap_err();
        assert_eq!(errors.len(), 2);
        // Unscored goals may change their levels freely; spaces alone are no change.
        let unscored = goal.clone().with_form(GoalForm { expected: " I chair four meetings. ".into(), ..form() }, window());
        assert_eq!(unscored.unwrap().levels, goal.levels);
        let fresh = self::goal().with_form(GoalForm { expected: "I chair three meetings.".into(), ..form() }, window());
        assert_eq!(fresh.unwrap().levels.expected, "I chair three meetings.");
    }

    #[test]
    fn re_contracting_levels_keeps_the_history_and_scores() {
        let goal = scored();
        let new_levels = GasLevels { expected: "I chair three meetings.".into(), ..goal.levels.clone() };
        let recontracted = goal.with_recontracted_levels(new_levels.clone());
        assert_eq!(recontracted.levels, new_levels);
        assert_eq!(recontracted.level_history, vec![goal.levels.clone()]);
        assert_eq!(recontracted.scores, goal.scores);
        // The same levels again add nothing to the history.
        assert_eq!(recontracted.with_recontracted_levels(new_levels.clone()), recontracted);
        // The form now matches the new levels and is accepted.
        let form = GoalForm::from_goal(&recontracted);
        assert_eq!(recontracted.with_form(form, window()).unwrap(), recontracted);
    }

    #[test]
    fn a_score_outside_minus_two_to_two_is_refused_and_nothing_changes() {
        let goal = goal();
        for bad in ["3", "-3", "−3", "1.5", "", "one", "++1"] {
            let errors = goal.with_score(ReviewPoint::Baseline, bad, day("2027-01-10"), "").unwrap_err();
            assert_eq!(
                errors.message_for(Field::ScoreValue).map(ToString::to_string).as_deref(),
                Some("Enter a score from −2 to +2, as a whole number."),
                "{bad}"
            );
        }
        assert!(goal.scores.is_empty());
    }

    #[test]
    fn scores_may_be_written_with_a_plus_a_hyphen_or_a_minus_sign() {
        let goal = goal();
        for (text, expected) in [("+1", 1), ("-1", -1), ("−1", -1), (" 2 ", 2), ("0", 0), ("−2", -2)] {
            let scored = goal.with_score(ReviewPoint::End, text, day("2027-06-01"), "").unwrap();
            assert_eq!(scored.score_at(ReviewPoint::End), Some(expected), "{text}");
        }
    }

    #[test]
    fn scoring_a_goal_without_level_descriptions_is_refused() {
        let bare = Goal::new(engagement(), "Speak up more");
        let errors = bare.with_score(ReviewPoint::Baseline, "-1", day("2027-01-10"), "").unwrap_err();
        assert_eq!(
            errors.message_for(Field::ScoreValue).map(ToString::to_string).as_deref(),
            Some(not_ready_to_score().to_string().as_str())
        );
        // The expected level alone is not enough.
        let only_expected = Goal::from_form(
            engagement(),
            GoalForm {
                much_less: String::new(),
                somewhat_less: String::new(),
                somewhat_more: String::new(),
                much_more: String::new(),
                ..form()
            },
            window(),
        )
        .unwrap();
        assert!(only_expected.with_score(ReviewPoint::Baseline, "0", day("2027-01-10"), "").is_err());
    }

    #[test]
    fn a_score_note_longer_than_five_hundred_characters_is_refused() {
        let errors = goal().with_score(ReviewPoint::End, "1", day("2027-06-01"), &"n".repeat(501)).unwrap_err();
        assert_eq!(
            errors.message_for(Field::ScoreNote).map(ToString::to_string).as_deref(),
            Some("The note is 501 characters long. Keep it to 500 characters or fewer.")
        );
    }

    #[test]
    fn scores_feed_the_t_score() {
        let goals = vec![
            goal().with_score(ReviewPoint::End, "+2", day("2027-06-01"), "").unwrap(),
            goal().with_score(ReviewPoint::End, "+2", day("2027-06-01"), "").unwrap(),
        ];
        // 50 + 10·4/√2.6.
        let t = t_score_at(&goals, ReviewPoint::End).unwrap();
        assert!((t - (50.0 + 40.0 / 2.6_f64.sqrt())).abs() < 1e-9);
    }

    // Judged percentages and metrics.

    #[test]
    fn a_judged_percentage_is_from_zero_to_one_hundred() {
        let goal = goal();
        let judged = goal.with_judged_entry("45%", "Good progress.", day("2027-02-01")).unwrap();
        assert_eq!(percent_complete(&judged), Some(45.0));
        for bad in ["101", "-5", "half", "", "45.5"] {
            let errors = goal.with_judged_entry(bad, "", day("2027-02-01")).unwrap_err();
            assert_eq!(
                errors.message_for(Field::JudgedPercent).map(ToString::to_string).as_deref(),
                Some("Enter a percentage from 0 to 100."),
                "{bad}"
            );
        }
        let errors = goal.with_judged_entry("50", &"c".repeat(501), day("2027-02-01")).unwrap_err();
        assert!(errors.message_for(Field::EntryComment).is_some());
    }

    #[test]
    fn a_judged_percentage_is_refused_when_progress_is_tracked_another_way() {
        let goal = metric_goal("cumulative", "", "10");
        let errors = goal.with_judged_entry("50", "", day("2027-02-01")).unwrap_err();
        assert_eq!(
            errors.message_for(Field::ProgressMethod).map(ToString::to_string).as_deref(),
            Some("Progress on this goal is tracked as a number with a target, not as a judged percentage.")
        );
    }

    #[test]
    fn a_metric_entry_that_is_not_a_number_is_refused() {
        let goal = metric_goal("cumulative", "0", "10");
        for bad in ["", "abc", "NaN", "inf", "infinity", "1e3", "12 talks", "1,000"] {
            let errors = goal.with_metric_entry(bad, day("2027-02-01"), "").unwrap_err();
            assert_eq!(
                errors.message_for(Field::MetricValue).map(ToString::to_string).as_deref(),
                Some("Enter a number, such as 12."),
                "{bad}"
            );
        }
        for (text, value) in [("12", 12.0), ("12.5", 12.5), ("-3", -3.0), ("1,5", 1.5), ("−2", -2.0)] {
            let entered = goal.with_metric_entry(text, day("2027-02-01"), "").unwrap();
            let Progress::Metric(metric) = &entered.progress else { panic!("a metric") };
            assert_eq!(metric.entries[0].value, value, "{text}");
        }
    }

    #[test]
    fn a_rating_entry_must_be_from_one_to_ten() {
        let goal = metric_goal("rating", "4", "8");
        assert!(goal.with_metric_entry("7", day("2027-02-01"), "").is_ok());
        for bad in ["0", "11"] {
            let errors = goal.with_metric_entry(bad, day("2027-02-01"), "").unwrap_err();
            assert_eq!(errors.message_for(Field::MetricValue).map(ToString::to_string).as_deref(), Some("Enter a rating from 1 to 10."));
        }
    }

    #[test]
    fn a_yes_or_no_entry_is_stored_as_one_or_zero() {
        let goal = metric_goal("yes_no", "", "");
        let Progress::Metric(metric) = &goal.progress else { panic!("a metric") };
        assert_eq!(metric.target, 1.0);
        for (text, value) in [("Yes", 1.0), ("NO", 0.0), ("1", 1.0), ("0", 0.0)] {
            let entered = goal.with_metric_entry(text, day("2027-02-01"), "").unwrap();
            let Progress::Metric(metric) = &entered.progress else { panic!("a metric") };
            assert_eq!(metric.entries[0].value, value, "{text}");
        }
        let errors = goal.with_metric_entry("maybe", day("2027-02-01"), "").unwrap_err();
        assert_eq!(errors.message_for(Field::MetricValue).map(ToString::to_string).as_deref(), Some("Answer yes or no."));
        let done = goal.with_metric_entry("yes", day("2027-02-01"), "").unwrap();
        assert_eq!(percent_complete(&done), Some(100.0));
    }

    #[test]
    fn a_metric_entry_is_refused_when_progress_is_judged() {
        let errors = goal().with_metric_entry("3", day("2027-02-01"), "").unwrap_err();
        assert_eq!(
            errors.message_for(Field::ProgressMethod).map(ToString::to_string).as_deref(),
            Some("Progress on this goal is tracked as a judged percentage, not as a number.")
        );
    }

    #[test]
    fn a_metric_needs_a_kind_and_a_target_that_fits_it() {
        let errors = Goal::from_form(engagement(), metric_form("", "", ""), window()).unwrap_err();
        assert_eq!(errors.message_for(Field::MetricKind).map(ToString::to_string).as_deref(), Some("Choose what kind of number this is."));
        assert_eq!(errors.message_for(Field::MetricTarget).map(ToString::to_string).as_deref(), Some("Enter the target, such as 10."));

        let errors = Goal::from_form(engagement(), metric_form("rating", "", "12"), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::MetricTarget).map(ToString::to_string).as_deref(),
            Some("A rating target must be from 1 to 10.")
        );

        let errors = Goal::from_form(engagement(), metric_form("yes_no", "", "3"), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::MetricTarget).map(ToString::to_string).as_deref(),
            Some("The target of a yes-or-no goal is yes (1).")
        );

        let errors = Goal::from_form(engagement(), metric_form("measurement", "five", "5"), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::MetricStart).map(ToString::to_string).as_deref(),
            Some("Enter the starting value as a number, such as 0.")
        );

        let errors = Goal::from_form(engagement(), metric_form("measurement", "5", "5"), window()).unwrap_err();
        assert!(errors.message_for(Field::MetricTarget).is_some());

        let long_unit = GoalForm { metric_unit: "u".repeat(61), ..metric_form("cumulative", "", "10") };
        let errors = Goal::from_form(engagement(), long_unit, window()).unwrap_err();
        assert!(errors.message_for(Field::MetricUnit).is_some());

        // The start defaults to 0.
        let Progress::Metric(metric) = metric_goal("cumulative", "", "10").progress else { panic!("a metric") };
        assert_eq!((metric.start_value, metric.target, metric.unit.as_str()), (0.0, 10.0, "presentations"));
    }

    #[test]
    fn the_progress_method_cannot_change_once_entries_are_recorded() {
        let judged = goal().with_judged_entry("30", "", day("2027-02-01")).unwrap();
        let errors = judged.with_form(metric_form("cumulative", "", "10"), window()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::ProgressMethod).map(ToString::to_string).as_deref(),
            Some(
                "Progress on this goal has already been recorded as a judged percentage, \
                 so the way it is tracked cannot change now."
            )
        );
        // With no entries yet, it may change.
        let switched = goal().with_form(metric_form("cumulative", "", "10"), window()).unwrap();
        assert!(matches!(switched.progress, Progress::Metric(_)));
        // A roll-up has no entries of its own: its items stay either way.
        let rolled = goal().with_form(GoalForm { progress_method: "roll_up".into(), ..form() }, window()).unwrap();
        assert!(rolled.with_form(form(), window()).is_ok());
        // A metric with entries cannot become judged.
        let counted = metric_goal("cumulative", "", "10").with_metric_entry("2", day("2027-02-01"), "").unwrap();
        assert!(counted.with_form(form(), window()).unwrap_err().message_for(Field::ProgressMethod).is_some());
    }

    #[test]
    fn changing_a_metrics_target_keeps_its_entries() {
        let counted = metric_goal("cumulative", "", "10").with_metric_entry("2", day("2027-02-01"), "").unwrap();
        let retargeted = counted.with_form(metric_form("cumulative", "", "4"), window()).unwrap();
        let Progress::Metric(metric) = &retargeted.progress else { panic!("a metric") };
        assert_eq!(metric.target, 4.0);
        assert_eq!(metric.entries.len(), 1);
        // 2 of 4.
        assert_eq!(percent_complete(&retargeted), Some(50.0));
    }

    // Milestones and actions.

    #[test]
    fn an_item_needs_a_title_and_valid_details() {
        let bad = ItemForm { title: " ".into(), owner: "boss".into(), due: "soon".into(), weight: "0".into(), ..item_form("") };
        let errors = goal().with_item(bad, "i1".into()).unwrap_err();
        assert_eq!(errors.message_for(Field::ItemTitle).map(ToString::to_string).as_deref(), Some("Enter the milestone or action."));
        assert_eq!(errors.message_for(Field::ItemOwner).map(ToString::to_string).as_deref(), Some("Choose who does it from the list."));
        assert_eq!(
            errors.message_for(Field::ItemDue).map(ToString::to_string).as_deref(),
            Some("Enter the due date as a date, such as 2027-03-31.")
        );
        assert_eq!(errors.message_for(Field::ItemWeight).map(ToString::to_string).as_deref(), Some("The weight must be more than 0."));
        let errors = goal().with_item(item_form(&"t".repeat(201)), "i1".into()).unwrap_err();
        assert!(errors.message_for(Field::ItemTitle).is_some());
    }

    #[test]
    fn an_item_is_added_open_with_defaults() {
        let form = ItemForm {
            kind: "milestone".into(),
            due: "2027-03-01".into(),
            owner: "practitioner".into(),
            weight: "2.5".into(),
            needs_confirmation: true,
            ..item_form("First meeting chaired")
        };
        let goal = goal().with_item(form, "m1".into()).unwrap();
        let item = &goal.items[0];
        assert_eq!(item.kind, ItemKind::Milestone);
        assert_eq!((item.status, item.done_on, item.confirmed), (ItemStatus::Open, None, false));
        assert_eq!((item.owner, item.due, item.weight), (Party::Practitioner, Some(day("2027-03-01")), 2.5));
        let action = goal.with_item(item_form("Book the room"), "a1".into()).unwrap();
        assert_eq!((action.items[1].kind, action.items[1].weight, action.items[1].owner), (ItemKind::Action, 1.0, Party::Client));
        assert!(action.with_item(item_form("Again"), "a1".into()).is_err());
    }

    #[test]
    fn marking_an_item_done_records_the_day_and_reopening_clears_it() {
        let goal = goal().with_item(item_form("Book the room"), "a1".into()).unwrap();
        let done = goal.with_item_status("a1", ItemStatus::Done, day("2027-02-02")).unwrap();
        assert_eq!(done.items[0].done_on, Some(day("2027-02-02")));
        let reopened = done.with_item_status("a1", ItemStatus::InProgress, day("2027-02-03")).unwrap();
        assert_eq!((reopened.items[0].status, reopened.items[0].done_on), (ItemStatus::InProgress, None));
        let missing = goal.with_item_status("nope", ItemStatus::Done, day("2027-02-02")).unwrap_err();
        assert_eq!(missing, GoalError::NotFound("nope".into()));
        assert_eq!(missing.user_message(), "That milestone or action could not be found. It may have been removed.");
    }

    #[test]
    fn a_done_item_that_needs_confirmation_counts_once_confirmed() {
        let form = ItemForm { needs_confirmation: true, ..item_form("Give the talk") };
        let goal = goal()
            .with_form(GoalForm { progress_method: "roll_up".into(), ..self::form() }, window())
            .unwrap()
            .with_item(form, "a1".into())
            .unwrap()
            .with_item(item_form("Write the slides"), "a2".into())
            .unwrap();
        let refused = goal.with_item_confirmed("a1").unwrap_err();
        assert!(matches!(refused, GoalError::Invalid(_)));
        assert!(refused.user_message().ends_with("nothing to confirm."));
        let done = goal.with_item_status("a1", ItemStatus::Done, day("2027-02-02")).unwrap();
        assert_eq!(percent_complete(&done), Some(0.0));
        let confirmed = done.with_item_confirmed("a1").unwrap();
        assert_eq!(percent_complete(&confirmed), Some(50.0));
        assert_eq!(roll_up(&confirmed.items, true), Some(50.0));
        // Reopening withdraws the confirmation.
        let reopened = confirmed.with_item_status("a1", ItemStatus::Open, day("2027-02-03")).unwrap();
        assert!(!reopened.items[0].confirmed);
        assert_eq!(goal.with_item_confirmed("zz").unwrap_err(), GoalError::NotFound("zz".into()));
    }

    #[test]
    fn visibility_can_be_changed() {
        let goal = goal().with_visibility(Visibility::ClientPrivate);
        assert_eq!(goal.visibility, Visibility::ClientPrivate);
    }

    #[test]
    fn an_invalid_change_says_every_problem_in_one_message() {
        let errors = goal().with_judged_entry("200", &"c".repeat(501), day("2027-02-01")).unwrap_err();
        assert_eq!(
            GoalError::from(errors).user_message(),
            "Enter a percentage from 0 to 100. The comment is 501 characters long. Keep it to 500 characters or fewer."
        );
    }

    #[test]
    fn a_milestone_or_action_can_be_removed_and_an_unknown_one_is_not_found() {
        let goal = Goal::new(RecordId::parse("eng").unwrap(), "Lead the team");
        let form =
            ItemForm { kind: "milestone".into(), title: "First team meeting run".into(), owner: "client".into(), ..ItemForm::default() };
        let with_item = goal.with_item(form, "item-1".into()).unwrap();
        let id = with_item.items[0].id.clone();
        assert!(with_item.without_item(&id).unwrap().items.is_empty());
        assert!(matches!(with_item.without_item("nope"), Err(GoalError::NotFound(_))));
    }
}
