//! Goals: what the client wants to achieve, how progress is measured, and Goal
//! Attainment Scaling (docs/domain.md §4).
//!
//! A [`Goal`] belongs to one engagement. It has a title, why it matters, how success
//! will be known, a target date, an owner and a [`Visibility`]. Its [`GasLevels`] describe
//! the five outcomes −2…+2; [`ScoreEntry`]s record scores at review points
//! ([`ReviewPoint`]). Once scored, the levels are locked ([`Goal::levels_locked`]); a
//! change goes through re-contracting and the old levels stay in `level_history`.
//! Progress is tracked in the form that fits ([`Progress`]): a judged percentage, a roll-up
//! of its [`GoalItem`]s (milestones and actions), or a numeric [`Metric`].
//!
//! - [`gas`]: the aggregate T-score (ρ = 0.3).
//! - [`progress`]: percentage complete for each form of progress; overdue items.
//! - [`smart`]: the SMART checker, which advises and never blocks.
//! - [`form`]: raw goal input, validated into a [`Goal`] with every problem at once.
//! - [`chart`]: geometry for the SVG charts (points scaled into a box).

pub mod chart;
pub mod form;
pub mod gas;
pub mod progress;
pub mod smart;

use serde::{Deserialize, Serialize};

use crate::domain::contract::Party;
use crate::domain::date::Date;
use crate::domain::record::RecordId;

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

/// Who may see a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the client.
    ClientPrivate,
    /// The client and the practitioner.
    Shared,
    /// Also the sponsor: may appear in sponsor reports.
    SponsorVisible,
}

impl Visibility {
    pub const ALL: [Visibility; 3] = [Visibility::ClientPrivate, Visibility::Shared, Visibility::SponsorVisible];
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::ClientPrivate => "client_private",
            Visibility::Shared => "shared",
            Visibility::SponsorVisible => "sponsor_visible",
        }
    }
    pub fn parse(text: &str) -> Option<Visibility> {
        Visibility::ALL.into_iter().find(|v| v.as_str() == text.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            Visibility::ClientPrivate => "Private to the client",
            Visibility::Shared => "Shared with the practitioner",
            Visibility::SponsorVisible => "Visible to the sponsor",
        }
    }
}

/// The five outcome descriptions of Goal Attainment Scaling, −2 to +2. Empty text means
/// "not described".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct GasLevels {
    pub much_less: String,
    pub somewhat_less: String,
    pub expected: String,
    pub somewhat_more: String,
    pub much_more: String,
}

impl GasLevels {
    /// The description for a score from −2 to +2.
    pub fn for_score(&self, score: i8) -> Option<&str> {
        let text = match score {
            -2 => &self.much_less,
            -1 => &self.somewhat_less,
            0 => &self.expected,
            1 => &self.somewhat_more,
            2 => &self.much_more,
            _ => return None,
        };
        Some(text.as_str())
    }

    /// Scoring needs the expected level (0) and at least one other described.
    pub fn ready_for_scoring(&self) -> bool {
        let others = [&self.much_less, &self.somewhat_less, &self.somewhat_more, &self.much_more];
        !self.expected.trim().is_empty() && others.iter().any(|t| !t.trim().is_empty())
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

impl Weight {
    pub fn value(self) -> f64 {
        match self {
            Weight::Direct { value } => value,
            Weight::ImportanceDifficulty { importance, difficulty } => f64::from(importance) * f64::from(difficulty),
        }
    }
}

/// When a score was given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReviewPoint {
    Baseline,
    MidPoint,
    End,
    /// Any other review.
    Review,
}

impl ReviewPoint {
    pub const ALL: [ReviewPoint; 4] = [ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End, ReviewPoint::Review];
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewPoint::Baseline => "baseline",
            ReviewPoint::MidPoint => "mid_point",
            ReviewPoint::End => "end",
            ReviewPoint::Review => "review",
        }
    }
    pub fn parse(text: &str) -> Option<ReviewPoint> {
        ReviewPoint::ALL.into_iter().find(|p| p.as_str() == text.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            ReviewPoint::Baseline => "Baseline",
            ReviewPoint::MidPoint => "Mid-point",
            ReviewPoint::End => "End",
            ReviewPoint::Review => "Review",
        }
    }
}

/// One GAS score of one goal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ScoreEntry {
    pub on: Date,
    pub point: ReviewPoint,
    /// −2 to +2.
    pub score: i8,
    #[serde(default)]
    pub note: String,
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

/// How a numeric metric adds up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MetricKind {
    /// Entries add up towards the target (e.g. presentations given).
    Cumulative,
    /// The latest entry counts (e.g. team survey score).
    Measurement,
    /// A 1–10 self-rating; the latest counts.
    Rating,
    /// Done or not: 1 is yes, 0 is no; the latest counts.
    YesNo,
}

impl MetricKind {
    pub const ALL: [MetricKind; 4] = [MetricKind::Cumulative, MetricKind::Measurement, MetricKind::Rating, MetricKind::YesNo];
    pub fn as_str(self) -> &'static str {
        match self {
            MetricKind::Cumulative => "cumulative",
            MetricKind::Measurement => "measurement",
            MetricKind::Rating => "rating",
            MetricKind::YesNo => "yes_no",
        }
    }
    pub fn parse(text: &str) -> Option<MetricKind> {
        MetricKind::ALL.into_iter().find(|k| k.as_str() == text.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            MetricKind::Cumulative => "A count that adds up",
            MetricKind::Measurement => "A measurement (the latest counts)",
            MetricKind::Rating => "A 1–10 rating",
            MetricKind::YesNo => "Yes or no",
        }
    }
}

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
    Judged { entries: Vec<JudgedEntry> },
    /// From the goal's milestones and actions; `weighted` uses each item's weight.
    RollUp { weighted: bool },
    Metric(Metric),
}

impl Progress {
    pub fn label(&self) -> &'static str {
        match self {
            Progress::Judged { .. } => "Judged percentage",
            Progress::RollUp { .. } => "From milestones and actions",
            Progress::Metric(_) => "A number with a target",
        }
    }
}

/// A milestone (a point on the way) or an action (something to do).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Milestone,
    Action,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemStatus {
    Open,
    InProgress,
    Done,
    Dropped,
}

impl ItemStatus {
    pub const ALL: [ItemStatus; 4] = [ItemStatus::Open, ItemStatus::InProgress, ItemStatus::Done, ItemStatus::Dropped];
    pub fn as_str(self) -> &'static str {
        match self {
            ItemStatus::Open => "open",
            ItemStatus::InProgress => "in_progress",
            ItemStatus::Done => "done",
            ItemStatus::Dropped => "dropped",
        }
    }
    pub fn parse(text: &str) -> Option<ItemStatus> {
        ItemStatus::ALL.into_iter().find(|s| s.as_str() == text.trim())
    }
    pub fn label(self) -> &'static str {
        match self {
            ItemStatus::Open => "Open",
            ItemStatus::InProgress => "In progress",
            ItemStatus::Done => "Done",
            ItemStatus::Dropped => "Dropped",
        }
    }
}

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

