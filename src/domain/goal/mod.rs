//! Goals: what the client wants to achieve, how progress is measured, and Goal
//! Attainment Scaling (docs/domain.md §4).
//!
//! A [`Goal`] belongs to one engagement. It has a title, why it matters, how success
//! will be known, a target date, an owner and a [`Visibility`]. Its [`GasLevels`] describe
//! the five outcomes −2…+2 (each a [`GasLevel`]); [`ScoreEntry`]s record scores at review
//! points ([`ReviewPoint`]). Once scored, the levels are locked ([`Goal::levels_locked`]); a
//! change goes through re-contracting and the old levels stay in `level_history`.
//! Progress is tracked in the form that fits ([`Progress`], chosen as a [`ProgressMethod`]):
//! a judged percentage, a roll-up of its [`GoalItem`]s (milestones and actions), or a
//! numeric [`Metric`]. Its [`Weight`] is set as a [`WeightMode`] says.
//!
//! - [`level`]: the five levels of Goal Attainment Scaling and their words.
//! - [`gas`]: the aggregate T-score (ρ = 0.3).
//! - [`progress`]: percentage complete for each form of progress; overdue items.
//! - [`smart`]: the SMART checker, which advises and never blocks.
//! - [`form`]: raw goal input, validated into a [`Goal`] with every problem at once.
//! - [`chart`]: geometry for the SVG charts (points scaled into a box).

pub mod chart;
pub mod form;
pub mod gas;
pub mod level;
pub mod progress;
pub mod smart;

use serde::{Deserialize, Serialize};

use crate::domain::contract::Party;
use crate::domain::date::Date;
use crate::domain::record::RecordId;
use crate::domain::validation::{long_text, Field, FieldErrors};
use crate::msg;

pub use level::GasLevel;

/// The engagement's dates, from its contract, for checking goal and session dates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EngagementWindow {
    pub start: Option<Date>,
    pub end: Option<Date>,
}

impl EngagementWindow {
    /// The dates of the contract in force ([`terms_in_force`](crate::domain::contract::terms_in_force):
    /// the newest agreed or ended version, else the newest draft). Every screen takes the
    /// engagement's dates from here, so a draft of a new version does not move them before
    /// it is agreed.
    pub fn of(versions: &[crate::domain::Record<crate::domain::contract::Contract>]) -> EngagementWindow {
        crate::domain::contract::terms_in_force(versions)
            .map(|terms| EngagementWindow { start: terms.start_date, end: terms.end_date })
            .unwrap_or_default()
    }
}

crate::domain::choice::choice_enum!(
    /// Who may see a goal.
    Visibility {
        /// Only the client.
        ClientPrivate => "client_private", "Private to the client";
        /// The client and the practitioner.
        Shared => "shared", "Shared with the practitioner";
        /// Also the sponsor: may appear in sponsor reports.
        SponsorVisible => "sponsor_visible", "Visible to the sponsor";
    }
);

/// The five outcome descriptions of Goal Attainment Scaling, −2 to +2, one per
/// [`GasLevel`]. Empty text means "not described".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GasLevels {
    pub much_less: String,
    pub somewhat_less: String,
    pub expected: String,
    pub somewhat_more: String,
    pub much_more: String,
}

impl GasLevels {
    /// Levels with each description given by `text`.
    pub fn from_fn(mut text: impl FnMut(GasLevel) -> String) -> GasLevels {
        GasLevels {
            much_less: text(GasLevel::MuchLess),
            somewhat_less: text(GasLevel::SomewhatLess),
            expected: text(GasLevel::Expected),
            somewhat_more: text(GasLevel::SomewhatMore),
            much_more: text(GasLevel::MuchMore),
        }
    }

    /// The description of one level.
    pub fn of(&self, level: GasLevel) -> &str {
        match level {
            GasLevel::MuchLess => &self.much_less,
            GasLevel::SomewhatLess => &self.somewhat_less,
            GasLevel::Expected => &self.expected,
            GasLevel::SomewhatMore => &self.somewhat_more,
            GasLevel::MuchMore => &self.much_more,
        }
    }

    /// Scoring needs the expected level (0) and at least one other described.
    pub fn ready_for_scoring(&self) -> bool {
        let described = |level: &GasLevel| !self.of(*level).trim().is_empty();
        described(&GasLevel::Expected) && GasLevel::ALL.iter().filter(|l| **l != GasLevel::Expected).any(described)
    }
}

/// The weight of a goal in the T-score: either given directly, or importance × difficulty.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Weight {
    Direct { value: f64 },
    ImportanceDifficulty { importance: u8, difficulty: u8 },
}

impl Default for Weight {
    fn default() -> Self {
        Weight::Direct { value: 1.0 }
    }
}

crate::domain::choice::choice_enum!(
    /// How a goal's weight is set: the [`Weight`] without its numbers (the `kind` it is
    /// stored with).
    WeightMode {
        Direct => "direct", "A number (1 unless some goals matter more)";
        ImportanceDifficulty => "importance_difficulty", "Importance × difficulty";
    }
);

impl Weight {
    pub fn mode(self) -> WeightMode {
        match self {
            Weight::Direct { .. } => WeightMode::Direct,
            Weight::ImportanceDifficulty { .. } => WeightMode::ImportanceDifficulty,
        }
    }

    pub fn value(self) -> f64 {
        match self {
            Weight::Direct { value } => value,
            Weight::ImportanceDifficulty { importance, difficulty } => f64::from(importance) * f64::from(difficulty),
        }
    }
}

crate::domain::choice::choice_enum!(
    /// When a score was given.
    #[derive(PartialOrd, Ord)]
    ReviewPoint {
        Baseline => "baseline", "Baseline";
        MidPoint => "mid_point", "Mid-point";
        End => "end", "End";
        /// Any other review.
        Review => "review", "Review";
    }
);

/// One GAS score of one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    pub on: Date,
    pub point: ReviewPoint,
    /// −2 to +2: a [`GasLevel`]'s score, stored as the number.
    pub score: i8,
    #[serde(default)]
    pub note: String,
}

impl ScoreEntry {
    /// The level scored; `None` for a number outside −2…+2.
    pub fn level(&self) -> Option<GasLevel> {
        GasLevel::from_score(self.score)
    }
}

/// A judged percentage with a dated comment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JudgedEntry {
    pub on: Date,
    /// 0 to 100.
    pub percent: u8,
    #[serde(default)]
    pub comment: String,
}

crate::domain::choice::choice_enum!(
    /// How a numeric metric adds up.
    MetricKind {
        /// Entries add up towards the target (e.g. presentations given).
        Cumulative => "cumulative", "A count that adds up";
        /// The latest entry counts (e.g. team survey score).
        Measurement => "measurement", "A measurement (the latest counts)";
        /// A 1–10 self-rating; the latest counts.
        Rating => "rating", "A 1–10 rating";
        /// Done or not: 1 is yes, 0 is no; the latest counts.
        YesNo => "yes_no", "Yes or no";
    }
);

/// One dated value of a metric.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricEntry {
    pub on: Date,
    pub value: f64,
    #[serde(default)]
    pub note: String,
}

/// A numeric metric with a target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Metric {
    pub kind: MetricKind,
    /// What is counted or measured, e.g. "presentations given".
    pub unit: String,
    pub start_value: f64,
    pub target: f64,
    pub entries: Vec<MetricEntry>,
}

/// How progress on a goal is tracked.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "method")]
pub enum Progress {
    Judged {
        entries: Vec<JudgedEntry>,
    },
    /// From the goal's milestones and actions; `weighted` uses each item's weight.
    RollUp {
        weighted: bool,
    },
    Metric(Metric),
}

crate::domain::choice::choice_enum!(
    /// How progress on a goal is tracked: the [`Progress`] without its entries (the
    /// `method` it is stored with).
    ProgressMethod {
        Judged => "judged", "A judged percentage with a comment";
        RollUp => "roll_up", "From milestones and actions";
        Metric => "metric", "A number with a target";
    }
);

impl Progress {
    pub fn method(&self) -> ProgressMethod {
        match self {
            Progress::Judged { .. } => ProgressMethod::Judged,
            Progress::RollUp { .. } => ProgressMethod::RollUp,
            Progress::Metric(_) => ProgressMethod::Metric,
        }
    }

    /// The words for how progress is tracked: the method's.
    pub fn label(&self) -> &'static str {
        self.method().label()
    }
}

crate::domain::choice::choice_enum!(
    /// An action (something to do) or a milestone (a point on the way).
    ItemKind {
        Action => "action", "Action";
        Milestone => "milestone", "Milestone";
    }
);

crate::domain::choice::choice_enum!(
    /// Where a milestone or action stands.
    ItemStatus {
        Open => "open", "Open";
        InProgress => "in_progress", "In progress";
        Done => "done", "Done";
        Dropped => "dropped", "Dropped";
    }
);

/// A milestone or action under a goal.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GoalItem {
    /// Unique within the goal.
    pub id: String,
    pub kind: ItemKind,
    pub title: String,
    pub owner: Party,
    pub due: Option<Date>,
    pub status: ItemStatus,
    pub done_on: Option<Date>,
    /// Weight in a weighted roll-up (default 1).
    pub weight: f64,
    /// Completion counts only once the practitioner confirms it.
    pub needs_confirmation: bool,
    pub confirmed: bool,
    /// The session that agreed it, for an action to practise between sessions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_in: Option<RecordId>,
    /// How it went, each time a later session reviewed it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reviews: Vec<ActionReview>,
    /// The client's own check-ins between sessions ("done", "partly", "not yet"), oldest
    /// first. Left out when there are none, so files written before check-ins existed keep
    /// their checksum.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub check_ins: Vec<CheckIn>,
}

impl GoalItem {
    /// With `check_in` added (kept in date order; one of the same day goes after it).
    pub fn with_check_in(&self, check_in: CheckIn) -> GoalItem {
        let mut next = self.clone();
        let at = next.check_ins.partition_point(|c| c.on <= check_in.on);
        next.check_ins.insert(at, check_in);
        next
    }

    /// The latest check-in, if any.
    pub fn latest_check_in(&self) -> Option<&CheckIn> {
        self.check_ins.last()
    }
}

/// A goal of one engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub engagement_id: RecordId,
    pub title: String,
    #[serde(default)]
    pub why_it_matters: String,
    #[serde(default)]
    pub success_measure: String,
    pub target_date: Option<Date>,
    pub owner: Party,
    pub visibility: Visibility,
    pub levels: GasLevels,
    pub weight: Weight,
    pub scores: Vec<ScoreEntry>,
    /// Earlier level descriptions, replaced through re-contracting (oldest first).
    #[serde(default)]
    pub level_history: Vec<GasLevels>,
    pub progress: Progress,
    #[serde(default)]
    pub items: Vec<GoalItem>,
}

impl Goal {
    /// A new goal with default weight 1, shared visibility, judged progress and no scores.
    pub fn new(engagement_id: RecordId, title: impl Into<String>) -> Goal {
        Goal {
            engagement_id,
            title: title.into(),
            why_it_matters: String::new(),
            success_measure: String::new(),
            target_date: None,
            owner: Party::Client,
            visibility: Visibility::Shared,
            levels: GasLevels::default(),
            weight: Weight::default(),
            scores: Vec::new(),
            level_history: Vec::new(),
            progress: Progress::Judged { entries: Vec::new() },
            items: Vec::new(),
        }
    }

    /// Once a goal has been scored its level descriptions are locked.
    pub fn levels_locked(&self) -> bool {
        !self.scores.is_empty()
    }

    /// The score at a review point (the latest if several).
    pub fn score_at(&self, point: ReviewPoint) -> Option<i8> {
        self.scores.iter().filter(|s| s.point == point).max_by_key(|s| s.on).map(|s| s.score)
    }

    /// The most recent score.
    pub fn latest_score(&self) -> Option<&ScoreEntry> {
        self.scores.iter().max_by_key(|s| s.on)
    }
}
crate::domain::choice::choice_enum!(
    /// How an action went, reviewed at the next session.
    ReviewOutcome {
        Done => "done", "Done";
        Partly => "partly", "Partly done";
        NotDone => "not_done", "Not done";
    }
);

crate::domain::choice::choice_enum!(
    /// How an action is going, as the client checks in between sessions.
    CheckInOutcome {
        Done => "done", "Done";
        Partly => "partly", "Partly";
        NotYet => "not_yet", "Not yet";
    }
);

impl CheckInOutcome {
    /// The review outcome a check-in suggests for the next session's review: done is done,
    /// partly is partly done, not yet is not done.
    pub fn as_review(self) -> ReviewOutcome {
        match self {
            CheckInOutcome::Done => ReviewOutcome::Done,
            CheckInOutcome::Partly => ReviewOutcome::Partly,
            CheckInOutcome::NotYet => ReviewOutcome::NotDone,
        }
    }
}

/// The longest note a check-in may carry, in characters.
pub const MAX_CHECK_IN_NOTE_CHARS: usize = 1_000;

/// The client's check-in on an action between sessions: when, how it is going, a note.
/// Only the client writes these; they travel to the practitioner in a relationship update
/// (`domain::relationship`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckIn {
    pub on: Date,
    pub outcome: CheckInOutcome,
    #[serde(default)]
    pub note: String,
}

/// A check-in as typed: every field is text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckInForm {
    /// `YYYY-MM-DD`.
    pub on: String,
    /// A [`CheckInOutcome`] value.
    pub outcome: String,
    pub note: String,
}

impl CheckIn {
    /// The check-in in one line, as the practitioner reads it in the next session's review:
    /// "9 Dec 2026: partly. Said no to the Monday stand-up".
    pub fn in_words(&self) -> crate::domain::message::Message {
        let outcome = crate::domain::message::Arg::LabelInSentence(self.outcome.label());
        match self.note.trim() {
            "" => msg!("{date}: {outcome}.", date = self.on, outcome = outcome),
            note => msg!("{date}: {outcome}. “{note}”", date = self.on, outcome = outcome, note = note),
        }
    }
}

impl TryFrom<&CheckInForm> for CheckIn {
    type Error = FieldErrors;

    /// Checks every field at once: a date, one of the three outcomes, a note of at most
    /// [`MAX_CHECK_IN_NOTE_CHARS`] characters (empty is fine).
    fn try_from(form: &CheckInForm) -> Result<CheckIn, FieldErrors> {
        let mut e = FieldErrors::new();
        let on = e.collect(
            Field::CheckInDate,
            match form.on.trim() {
                "" => Err(msg!("Enter the date of the check-in.")),
                text => Date::parse(text).ok_or_else(|| msg!("Enter the date as a date, such as 2027-03-31.")),
            },
        );
        let outcome =
            e.collect(Field::CheckInOutcome, CheckInOutcome::parse(&form.outcome).ok_or_else(|| msg!("Choose done, partly or not yet.")));
        let note = e.collect(Field::CheckInNote, long_text(&form.note, msg!("the note"), MAX_CHECK_IN_NOTE_CHARS));
        match (on, outcome, note) {
            (Some(on), Some(outcome), Some(note)) if e.is_empty() => Ok(CheckIn { on, outcome, note }),
            _ => Err(e),
        }
    }
}

/// One review of an action at a later session.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionReview {
    /// The session it was reviewed in.
    pub session_id: RecordId,
    pub on: Date,
    pub outcome: ReviewOutcome,
    #[serde(default)]
    pub learned: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::choice::assert_values;

    #[test]
    fn each_goal_choice_is_chosen_and_stored_by_the_same_value_as_before() {
        use Visibility as V;
        let visibility = [(V::ClientPrivate, "client_private"), (V::Shared, "shared"), (V::SponsorVisible, "sponsor_visible")];
        assert_values(V::ALL, &visibility, V::as_str, V::parse);
        use ReviewPoint as R;
        let points = [(R::Baseline, "baseline"), (R::MidPoint, "mid_point"), (R::End, "end"), (R::Review, "review")];
        assert_values(R::ALL, &points, R::as_str, R::parse);
        assert!(R::Baseline < R::MidPoint && R::MidPoint < R::End && R::End < R::Review, "review points in order");
        use MetricKind as M;
        let kinds = [(M::Cumulative, "cumulative"), (M::Measurement, "measurement"), (M::Rating, "rating"), (M::YesNo, "yes_no")];
        assert_values(M::ALL, &kinds, M::as_str, M::parse);
        assert_values(
            ItemKind::ALL,
            &[(ItemKind::Action, "action"), (ItemKind::Milestone, "milestone")],
            ItemKind::as_str,
            ItemKind::parse,
        );
        use ItemStatus as S;
        let statuses = [(S::Open, "open"), (S::InProgress, "in_progress"), (S::Done, "done"), (S::Dropped, "dropped")];
        assert_values(S::ALL, &statuses, S::as_str, S::parse);
        use ReviewOutcome as O;
        assert_values(O::ALL, &[(O::Done, "done"), (O::Partly, "partly"), (O::NotDone, "not_done")], O::as_str, O::parse);
    }

    #[test]
    fn the_progress_method_is_the_method_progress_is_stored_with() {
        use ProgressMethod as P;
        assert_values(P::ALL, &[(P::Judged, "judged"), (P::RollUp, "roll_up"), (P::Metric, "metric")], P::as_str, P::parse);
        let metric = Metric { kind: MetricKind::Rating, unit: "confidence".into(), start_value: 4.0, target: 8.0, entries: Vec::new() };
        let progress = [Progress::Judged { entries: Vec::new() }, Progress::RollUp { weighted: true }, Progress::Metric(metric)];
        for progress in progress {
            let stored = serde_json::to_value(&progress).unwrap();
            assert_eq!(stored["method"], progress.method().as_str());
            assert_eq!(progress.label(), progress.method().label());
        }
        // Stored by an earlier version.
        let old: Progress = serde_json::from_str(r#"{ "method": "roll_up", "weighted": false }"#).unwrap();
        assert_eq!(old.method(), P::RollUp);
        assert_eq!(P::parse("percentage"), None);
    }

    #[test]
    fn the_weight_mode_is_the_kind_a_weight_is_stored_with() {
        use WeightMode as W;
        assert_values(W::ALL, &[(W::Direct, "direct"), (W::ImportanceDifficulty, "importance_difficulty")], W::as_str, W::parse);
        for weight in [Weight::Direct { value: 1.5 }, Weight::ImportanceDifficulty { importance: 4, difficulty: 2 }] {
            assert_eq!(serde_json::to_value(weight).unwrap()["kind"], weight.mode().as_str());
        }
        let old: Weight = serde_json::from_str(r#"{ "kind": "importance_difficulty", "importance": 3, "difficulty": 5 }"#).unwrap();
        assert_eq!((old.mode(), old.value()), (W::ImportanceDifficulty, 15.0));
    }

    #[test]
    fn each_level_has_its_own_description() {
        let levels = GasLevels::from_fn(|level| format!("described at {}", level.score()));
        assert_eq!(levels.much_less, "described at -2");
        assert_eq!(levels.expected, "described at 0");
        assert_eq!(levels.much_more, "described at 2");
        for level in GasLevel::ALL {
            assert_eq!(levels.of(*level), format!("described at {}", level.score()));
        }
        assert_eq!(GasLevels::from_fn(|level| levels.of(level).to_string()), levels);
    }

    #[test]
    fn scoring_needs_the_expected_level_and_one_other() {
        let only = |described: &[GasLevel]| GasLevels::from_fn(|level| if described.contains(&level) { "x".into() } else { " ".into() });
        assert!(!only(&[]).ready_for_scoring());
        assert!(!only(&[GasLevel::Expected]).ready_for_scoring());
        assert!(!only(&[GasLevel::MuchLess, GasLevel::MuchMore]).ready_for_scoring());
        assert!(only(&[GasLevel::Expected, GasLevel::MuchLess]).ready_for_scoring());
        assert!(only(&[GasLevel::Expected, GasLevel::SomewhatMore]).ready_for_scoring());
    }

    #[test]
    fn a_stored_score_reads_as_its_level() {
        let entry =
            |score: i8| ScoreEntry { on: Date::parse("2027-01-10").unwrap(), point: ReviewPoint::Baseline, score, note: String::new() };
        assert_eq!(entry(-1).level(), Some(GasLevel::SomewhatLess));
        assert_eq!(entry(2).level(), Some(GasLevel::MuchMore));
        assert_eq!(entry(5).level(), None);
        let stored = serde_json::to_value(entry(-2)).unwrap();
        assert_eq!(stored["score"], -2, "stored as the number");
    }
}
