//! The engagement summary: what the client and practitioner achieved together, shared by
//! both at a review or at the end.
//!
//! [`summarise`] builds an [`EngagementSummary`]: one [`GoalLine`] per goal the client
//! shares (GAS scores at baseline, mid-point and end, and percentage complete), the GAS
//! T-score trend, sessions and hours held, actions done, the reflections the client chose
//! to share, and plain notes where data is missing. [`EngagementSummary::text`] writes it
//! as plain text. Session notes are never read.

use super::{client_hours, is_client_session, score_text, zero_length_note, EngagementFacts};
use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::goal::gas::{self, trend};
use crate::domain::goal::progress::percent_complete;
use crate::domain::goal::{Goal, GoalItem, ItemKind, ItemStatus, ReviewPoint, Visibility};
use crate::domain::message::Message;
use crate::domain::session::allocation::hours_text;
use crate::msg;

/// One goal's scores and progress.
#[derive(Debug, Clone, PartialEq)]
pub struct GoalLine {
    pub title: String,
    pub baseline: Option<i8>,
    pub mid: Option<i8>,
    pub end: Option<i8>,
    pub percent: Option<f64>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EngagementSummary {
    pub client: String,
    pub practitioner: String,
    pub kind: Kind,
    pub on: Date,
    pub goals: Vec<GoalLine>,
    pub trend: Vec<(ReviewPoint, f64)>,
    /// Held sessions and reviews with the client (not sponsor meetings).
    pub sessions_held: usize,
    pub hours_held: f64,
    pub actions_done: usize,
    /// Actions not dropped.
    pub actions_total: usize,
    /// Oldest first.
    pub shared_reflections: Vec<(Date, String)>,
    /// Plain notes where data is missing: "No sessions held yet.", "No goals scored yet."
    pub notes: Vec<Message>,
}

/// Goals that are not client-private (the summary is shared by client and practitioner); actions = goal items of kind Action plus session.actions (done = ItemStatus::Done); reflections only where reflection_shared and non-empty, oldest first. Never notes.
///
/// Actions are counted from the goals shown (never a client-private goal) and from the
/// sessions; dropped actions are left out of the total.
pub fn summarise(facts: &EngagementFacts, today: Date) -> EngagementSummary {
    let shown: Vec<Goal> = facts.goals.iter().filter(|g| g.visibility != Visibility::ClientPrivate).cloned().collect();
    let goals: Vec<GoalLine> = shown
        .iter()
        .map(|goal| GoalLine {
            title: goal.title.clone(),
            baseline: goal.score_at(ReviewPoint::Baseline),
            mid: goal.score_at(ReviewPoint::MidPoint),
            end: goal.score_at(ReviewPoint::End),
            percent: percent_complete(goal),
        })
        .collect();

    let held: Vec<_> = facts.sessions.iter().filter(|s| is_client_session(s)).collect();
    let actions: Vec<&GoalItem> = shown
        .iter()
        .flat_map(|g| g.items.iter().filter(|i| i.kind == ItemKind::Action))
        .chain(facts.sessions.iter().flat_map(|s| s.actions.iter()))
        .filter(|a| a.status != ItemStatus::Dropped)
        .collect();

    let mut shared_reflections: Vec<(Date, String)> = facts
        .sessions
        .iter()
        .filter(|s| s.reflection_shared && !s.reflection.trim().is_empty())
        .map(|s| (s.date, s.reflection.trim().to_string()))
        .collect();
    shared_reflections.sort_by_key(|(date, _)| *date);

    let mut notes = Vec::new();
    if held.is_empty() {
        notes.push(msg!("No sessions held yet."));
    }
    notes.extend(zero_length_note(&facts.sessions));
    if !shown.iter().any(|g| !g.scores.is_empty()) {
        notes.push(msg!("No goals scored yet."));
    }

    EngagementSummary {
        client: facts.engagement.client.as_str().to_string(),
        practitioner: facts.engagement.practitioner.as_str().to_string(),
        kind: facts.engagement.kind,
        on: today,
        trend: trend(&shown),
        goals,
        sessions_held: held.len(),
        hours_held: held.iter().map(|s| client_hours(s)).sum(),
        actions_done: actions.iter().filter(|a| a.status == ItemStatus::Done).count(),
        actions_total: actions.len(),
        shared_reflections,
        notes,
    }
}

impl EngagementSummary {
    /// The summary as plain text with headings.
    pub fn text(&self) -> String {
        let mut lines = vec![
            format!("{} summary", self.kind.label()),
            format!("{}: {}", self.kind.client_role(), self.client),
            format!("{}: {}", self.kind.practitioner_role(), self.practitioner),
            format!("Date: {}", self.on.long()),
            String::new(),
            "Sessions".into(),
            format!(
                "{} held, {}.",
                if self.sessions_held == 1 { "1 session".to_string() } else { format!("{} sessions", self.sessions_held) },
                hours_text(self.hours_held)
            ),
            format!("Actions done: {} of {}.", self.actions_done, self.actions_total),
        ];
        if !self.goals.is_empty() {
            lines.push(String::new());
            lines.push("Goals (scored from -2 to +2; 0 is the expected outcome)".into());
            let score = |s: Option<i8>| s.map_or_else(|| "not scored".to_string(), score_text);
            for goal in &self.goals {
                let mut line =
                    format!("- {}: baseline {}, mid-point {}, end {}", goal.title, score(goal.baseline), score(goal.mid), score(goal.end));
                if let Some(percent) = goal.percent {
                    line.push_str(&format!(", {percent:.0}% complete"));
                }
                lines.push(line);
            }
        }
        if !self.trend.is_empty() {
            lines.push(String::new());
            lines.push("Goal attainment (GAS T-score, 50 = as expected)".into());
            for (point, t) in &self.trend {
                lines.push(format!("- {}: {}", point.label(), gas::describe(*t)));
            }
        }
        if !self.shared_reflections.is_empty() {
            lines.push(String::new());
            lines.push("Reflections shared by the client".into());
            for (date, reflection) in &self.shared_reflections {
                lines.push(format!("- {}: {}", date.long(), reflection.replace('\n', "\n  ")));
            }
        }
        if !self.notes.is_empty() {
            lines.push(String::new());
            lines.push("Notes".into());
            lines.extend(self.notes.iter().map(|n| format!("- {n}")));
        }
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::goal::{JudgedEntry, Progress};
    use crate::domain::session::{Notes, Purpose, Status};

    fn rich() -> EngagementFacts {
        let mut first = held("2026-01-12", 60);
        first.reflection = "I can say no".into();
        first.reflection_shared = true;
        first.actions = vec![action("Book a 1:1", ItemStatus::Done), action("Dropped idea", ItemStatus::Dropped)];
        let mut second = held("2026-01-05", 45);
        second.reflection = "Earlier thought".into();
        second.reflection_shared = true;
        let mut unshared = held("2026-01-26", 60);
        unshared.reflection = "kept to myself".into();
        let mut blank = held("2026-02-09", 30);
        blank.reflection = "  ".into();
        blank.reflection_shared = true;
        blank.notes = Notes { practitioner_private: "P-NOTE".into(), client_private: "C-NOTE".into(), shared: "S-NOTE".into() };
        let sessions = vec![
            first,
            second,
            unshared,
            blank,
            session("2026-02-01", 60, Purpose::SponsorMid, Status::Held),
            session("2026-02-16", 60, Purpose::Session, Status::NoShow),
            session("2026-03-02", 60, Purpose::Session, Status::Planned),
        ];
        let mut f = facts("Ann Client", Kind::Coaching, None, sessions);
        let mut delegate =
            goal("Delegate more", Visibility::Shared, &[(ReviewPoint::Baseline, -2), (ReviewPoint::MidPoint, 0), (ReviewPoint::End, 1)]);
        delegate.progress = Progress::Judged { entries: vec![JudgedEntry { on: day("2026-02-09"), percent: 60, comment: String::new() }] };
        delegate.items = vec![
            action("Hand over the rota", ItemStatus::Done),
            action("Weekly check-in", ItemStatus::Open),
            GoalItem { kind: ItemKind::Milestone, ..action("Team runs alone", ItemStatus::Done) },
        ];
        let present = goal("Present to the board", Visibility::SponsorVisible, &[(ReviewPoint::Baseline, -1)]);
        let mut private = goal("PRIVATE goal", Visibility::ClientPrivate, &[(ReviewPoint::Baseline, 2)]);
        private.items = vec![action("Private action", ItemStatus::Done)];
        f.goals = vec![delegate, present, private];
        f
    }

    #[test]
    fn goals_show_their_scores_at_each_review_point_and_progress() {
        let summary = summarise(&rich(), day("2026-03-10"));
        assert_eq!(
            summary.goals,
            vec![
                GoalLine { title: "Delegate more".into(), baseline: Some(-2), mid: Some(0), end: Some(1), percent: Some(60.0) },
                GoalLine { title: "Present to the board".into(), baseline: Some(-1), mid: None, end: None, percent: None },
            ]
        );
        let points: Vec<ReviewPoint> = summary.trend.iter().map(|(p, _)| *p).collect();
        assert_eq!(points, vec![ReviewPoint::Baseline, ReviewPoint::MidPoint, ReviewPoint::End]);
        let expected_baseline = gas::t_score(&[(1.0, -2), (1.0, -1)]).unwrap();
        assert!((summary.trend[0].1 - expected_baseline).abs() < 1e-9, "the private goal's +2 is not in the trend");
        assert!(summary.notes.is_empty(), "{:?}", summary.notes);
    }

    #[test]
    fn sessions_hours_and_actions_are_counted() {
        let summary = summarise(&rich(), day("2026-03-10"));
        assert_eq!(summary.sessions_held, 4);
        assert_eq!(summary.hours_held, 3.25);
        assert_eq!((summary.actions_done, summary.actions_total), (2, 3));
    }

    #[test]
    fn only_shared_reflections_appear_oldest_first() {
        let summary = summarise(&rich(), day("2026-03-10"));
        assert_eq!(
            summary.shared_reflections,
            vec![(day("2026-01-05"), "Earlier thought".to_string()), (day("2026-01-12"), "I can say no".to_string())]
        );
        let text = summary.text();
        assert!(text.contains("- 5 Jan 2026: Earlier thought"));
        assert!(!text.contains("kept to myself"));
    }

    #[test]
    fn the_text_has_headings_and_never_notes_or_private_goals() {
        let text = summarise(&rich(), day("2026-03-10")).text();
        for expected in [
            "Coaching summary",
            "Client: Ann Client",
            "Coach: Pat Coach",
            "4 sessions held, 3.25 h.",
            "Actions done: 2 of 3.",
            "- Delegate more: baseline -2, mid-point 0, end +1, 60% complete",
            "- Present to the board: baseline -1, mid-point not scored, end not scored",
            "Reflections shared by the client",
        ] {
            assert!(text.contains(expected), "{expected} missing from:\n{text}");
        }
        for hidden in ["NOTE", "PRIVATE", "Private action"] {
            assert!(!text.contains(hidden), "{hidden} leaked:\n{text}");
        }
    }

    #[test]
    fn missing_data_gets_plain_notes() {
        let f = facts("New Client", Kind::Mentoring, None, vec![session("2026-04-01", 60, Purpose::Session, Status::Planned)]);
        let summary = summarise(&f, day("2026-03-10"));
        assert_eq!(summary.notes, vec!["No sessions held yet.", "No goals scored yet."]);
        assert_eq!((summary.sessions_held, summary.hours_held, summary.actions_total), (0, 0.0, 0));
        let text = summary.text();
        assert!(text.contains("Mentoring summary") && text.contains("Mentee: New Client") && text.contains("Mentor: Pat Coach"));
        assert!(text.contains("0 sessions held, 0 h."));
        assert!(text.contains("Notes\n- No sessions held yet.\n- No goals scored yet.\n"));
    }

    #[test]
    fn a_zero_length_session_and_an_awkward_name_still_summarise() {
        let name = "Anne \"Nan\"\nO'Neil";
        let mut f = facts(name, Kind::Coaching, None, vec![held("2026-01-05", 0)]);
        f.goals = vec![goal("Unscored", Visibility::Shared, &[])];
        let summary = summarise(&f, day("2026-03-10"));
        assert_eq!(summary.sessions_held, 1);
        assert_eq!(summary.notes, vec!["1 held session has no length, so it counts as 0 hours.", "No goals scored yet."]);
        assert!(summary.trend.is_empty());
        assert!(summary.text().contains(name));
    }
}
