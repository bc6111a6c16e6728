//! The sponsor update: what the contract allows the sponsor to be told, and nothing else.
//!
//! [`draft`] reads the contract's sponsor-reporting clause and builds a
//! [`SponsorUpdate`]: [`Attendance`] only when attendance is shared, [`SponsorGoal`]s
//! (sponsor-visible goals only) with progress only when progress is shared, and a list of
//! what was left out, in words. [`SponsorUpdate::text`] is the plain-text report the
//! client approves and the practitioner sends.
//!
//! The draft never reads session notes, themes, reflections, feedback, actions or goals
//! the client keeps private or shares only with the practitioner.

use super::score_text;
use crate::domain::date::Date;
use crate::domain::goal::gas::{self, trend};
use crate::domain::goal::progress::percent_complete;
use crate::domain::goal::{Goal, ReviewPoint, Visibility};
use crate::domain::message::{Arg, Message};
use crate::domain::session::Status;
use crate::msg;

use super::EngagementFacts;

/// Attendance at ordinary sessions and reviews (sponsor meetings are not counted).
#[derive(Debug, Clone, PartialEq)]
pub struct Attendance {
    pub held: usize,
    /// Cancelled in time or late.
    pub cancelled: usize,
    pub no_shows: usize,
    pub still_planned: usize,
    /// Oldest first.
    pub dates_held: Vec<Date>,
}

/// A sponsor-visible goal, as far as the clause allows.
#[derive(Debug, Clone, PartialEq)]
pub struct SponsorGoal {
    pub title: String,
    /// Only when goal progress is shared.
    pub percent: Option<f64>,
    /// Only when goal progress is shared.
    pub latest_score: Option<i8>,
}

/// A draft update for the sponsor.
#[derive(Debug, Clone, PartialEq)]
pub struct SponsorUpdate {
    pub client: String,
    pub organisation: String,
    pub on: Date,
    pub attendance: Option<Attendance>,
    pub goals: Vec<SponsorGoal>,
    pub gas_trend: Vec<(ReviewPoint, f64)>,
    /// What the clause keeps out, in words.
    pub withheld: Vec<Message>,
}

/// Err (plain words) when the engagement has no sponsor, or the contract has no sponsor-reporting clause ("…so nothing may be reported to the sponsor."). Only Visibility::SponsorVisible goals ever appear. Attendance (ordinary sessions and reviews, never sponsor meetings) only when shares_attendance. Goal titles when shares_themes or shares_goal_progress; percent, latest score and the GAS T-score trend (of sponsor-visible goals only) only when shares_goal_progress. `withheld` lists in words what the clause keeps out ("Attendance is not shared under the contract.", "Goal progress is not shared under the contract.", "Goals the client keeps private or shares only with the coach are left out (2).", "Session notes, themes and reflections are never included."). Never reads notes, themes, reflections, feedback or client-private goals.
pub fn draft(facts: &EngagementFacts, today: Date) -> Result<SponsorUpdate, Message> {
    let engagement = &facts.engagement;
    let Some(sponsor) = &engagement.sponsor else {
        return Err(msg!("This engagement has no sponsor, so there is no one to send an update to."));
    };
    let Some(clause) = facts.terms.as_ref().and_then(|t| t.sponsor_reporting.as_ref()) else {
        return Err(msg!("The contract has no sponsor-reporting clause, so nothing may be reported to the sponsor."));
    };

    let attendance = clause.shares_attendance.then(|| {
        let mut attendance = Attendance { held: 0, cancelled: 0, no_shows: 0, still_planned: 0, dates_held: Vec::new() };
        for session in facts.sessions.iter().filter(|s| !s.purpose.is_sponsor_meeting()) {
            match session.status {
                Status::Held => {
                    attendance.held += 1;
                    attendance.dates_held.push(session.date);
                }
                Status::Cancelled | Status::LateCancelled => attendance.cancelled += 1,
                Status::NoShow => attendance.no_shows += 1,
                Status::Planned => attendance.still_planned += 1,
            }
        }
        attendance.dates_held.sort();
        attendance
    });

    let visible: Vec<Goal> = facts.goals.iter().filter(|g| g.visibility == Visibility::SponsorVisible).cloned().collect();
    let hidden = facts.goals.len() - visible.len();
    let progress = clause.shares_goal_progress;
    let goals = if progress || clause.shares_themes {
        visible
            .iter()
            .map(|goal| SponsorGoal {
                title: goal.title.clone(),
                percent: if progress { percent_complete(goal) } else { None },
                latest_score: if progress { goal.latest_score().map(|s| s.score) } else { None },
            })
            .collect()
    } else {
        Vec::new()
    };
    let gas_trend = if progress { trend(&visible) } else { Vec::new() };

    let mut withheld = Vec::new();
    if !clause.shares_attendance {
        withheld.push(msg!("Attendance is not shared under the contract."));
    }
    if !progress {
        withheld.push(msg!("Goal progress is not shared under the contract."));
    }
    if !progress && !clause.shares_themes {
        withheld.push(msg!("Goals are not named: neither goal progress nor themes are shared under the contract."));
    }
    if hidden > 0 {
        withheld.push(msg!(
            "Goals the client keeps private or shares only with the {practitioner} are left out ({hidden}).",
            practitioner = Arg::LabelInSentence(engagement.kind.practitioner_role()),
            hidden = hidden
        ));
    }
    withheld.push(msg!("Session notes, themes and reflections are never included."));

    Ok(SponsorUpdate {
        client: engagement.client.as_str().to_string(),
        organisation: sponsor.organisation.clone(),
        on: today,
        attendance,
        goals,
        gas_trend,
        withheld,
    })
}

impl SponsorUpdate {
    /// A plain-text report with headings: the form the client approves and the
    /// practitioner exports.
    pub fn text(&self) -> String {
        let mut lines =
            vec![format!("Update for {}", self.organisation), format!("Client: {}", self.client), format!("Date: {}", self.on.long())];
        if let Some(a) = &self.attendance {
            lines.push(String::new());
            lines.push("Attendance".into());
            let dates: Vec<String> = a.dates_held.iter().map(|d| d.long()).collect();
            if dates.is_empty() {
                lines.push("Sessions held: 0".into());
            } else {
                lines.push(format!("Sessions held: {} ({})", a.held, dates.join(", ")));
            }
            lines.push(format!("Cancelled: {}", a.cancelled));
            lines.push(format!("Missed without notice: {}", a.no_shows));
            lines.push(format!("Still planned: {}", a.still_planned));
        }
        if !self.goals.is_empty() {
            lines.push(String::new());
            lines.push("Goals".into());
            for goal in &self.goals {
                let mut parts = Vec::new();
                if let Some(percent) = goal.percent {
                    parts.push(format!("{percent:.0}% complete"));
                }
                if let Some(score) = goal.latest_score {
                    parts.push(format!("latest score {} on a scale of -2 to +2", score_text(score)));
                }
                if parts.is_empty() {
                    lines.push(format!("- {}", goal.title));
                } else {
                    lines.push(format!("- {}: {}", goal.title, parts.join(", ")));
                }
            }
        }
        if !self.gas_trend.is_empty() {
            lines.push(String::new());
            lines.push("Goal attainment (GAS T-score, 50 = as expected)".into());
            for (point, t) in &self.gas_trend {
                lines.push(format!("- {}: {}", point.label(), gas::describe(*t)));
            }
        }
        lines.push(String::new());
        lines.push("Not included".into());
        lines.extend(self.withheld.iter().map(|w| format!("- {w}")));
        let mut text = lines.join("\n");
        text.push('\n');
        text
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::*;
    use super::*;
    use crate::domain::contract::terms::{ContractTerms, Payer, SponsorReporting};
    use crate::domain::engagement::Kind;
    use crate::domain::goal::{ItemStatus, JudgedEntry, Progress};
    use crate::domain::session::{Feedback, Notes, Purpose, Theme};

    fn clause(attendance: bool, progress: bool, themes: bool) -> ContractTerms {
        let mut terms = terms(Some(Payer::Sponsor), Some(300));
        terms.sponsor_reporting = Some(SponsorReporting {
            shares_attendance: attendance,
            shares_goal_progress: progress,
            shares_themes: themes,
            ..SponsorReporting::usual()
        });
        terms
    }

    fn sponsored(terms: Option<ContractTerms>) -> EngagementFacts {
        let sessions = vec![
            session("2026-01-05", 60, Purpose::SponsorStart, Status::Held),
            held("2026-01-19", 60),
            held("2026-01-12", 60),
            session("2026-02-02", 60, Purpose::MidPointReview, Status::Held),
            session("2026-02-16", 60, Purpose::Session, Status::LateCancelled),
            session("2026-02-23", 60, Purpose::Session, Status::Cancelled),
            session("2026-03-02", 60, Purpose::Session, Status::NoShow),
            session("2026-03-16", 60, Purpose::Session, Status::Planned),
            session("2026-03-30", 60, Purpose::SponsorEnd, Status::Planned),
        ];
        let mut f = facts("Ann Client", Kind::Coaching, terms, sessions);
        f.engagement.sponsor = Some(sponsor());
        let mut visible =
            goal("Lead the team meeting", Visibility::SponsorVisible, &[(ReviewPoint::Baseline, -1), (ReviewPoint::MidPoint, 1)]);
        visible.progress = Progress::Judged { entries: vec![JudgedEntry { on: day("2026-02-02"), percent: 40, comment: String::new() }] };
        f.goals = vec![
            visible,
            goal("Shared only goal", Visibility::Shared, &[(ReviewPoint::Baseline, -2)]),
            goal("Private goal", Visibility::ClientPrivate, &[(ReviewPoint::Baseline, -2)]),
        ];
        f
    }

    #[test]
    fn no_sponsor_or_no_clause_means_no_update() {
        let mut f = sponsored(Some(clause(true, true, true)));
        f.engagement.sponsor = None;
        assert!(draft(&f, day("2026-03-10")).unwrap_err().contains("no sponsor"));

        let mut terms = clause(true, true, true);
        terms.sponsor_reporting = None;
        let error = draft(&sponsored(Some(terms)), day("2026-03-10")).unwrap_err();
        assert!(error.ends_with("so nothing may be reported to the sponsor."), "{error}");
        let error = draft(&sponsored(None), day("2026-03-10")).unwrap_err();
        assert!(error.ends_with("so nothing may be reported to the sponsor."), "{error}");
    }

    #[test]
    fn attendance_counts_sessions_and_reviews_but_not_sponsor_meetings() {
        let update = draft(&sponsored(Some(clause(true, false, false))), day("2026-03-10")).unwrap();
        let attendance = update.attendance.unwrap();
        assert_eq!(
            attendance,
            Attendance {
                held: 3,
                cancelled: 2,
                no_shows: 1,
                still_planned: 1,
                dates_held: vec![day("2026-01-12"), day("2026-01-19"), day("2026-02-02")],
            }
        );
        assert_eq!(update.organisation, "Acme Ltd");
    }

    #[test]
    fn attendance_off_is_withheld() {
        let update = draft(&sponsored(Some(clause(false, true, false))), day("2026-03-10")).unwrap();
        assert_eq!(update.attendance, None);
        assert!(update.withheld.iter().any(|w| w == "Attendance is not shared under the contract."));
        assert!(!update.text().contains("Sessions held"));
    }

    #[test]
    fn goal_progress_on_shows_sponsor_visible_goals_with_scores_and_trend() {
        let update = draft(&sponsored(Some(clause(false, true, false))), day("2026-03-10")).unwrap();
        assert_eq!(update.goals, vec![SponsorGoal { title: "Lead the team meeting".into(), percent: Some(40.0), latest_score: Some(1) }]);
        let points: Vec<ReviewPoint> = update.gas_trend.iter().map(|(p, _)| *p).collect();
        assert_eq!(points, vec![ReviewPoint::Baseline, ReviewPoint::MidPoint], "only the sponsor-visible goal's scores");
        assert!((update.gas_trend[0].1 - 40.0).abs() < 1e-9);
        assert!(!update.withheld.iter().any(|w| w.starts_with("Goal progress")));
        assert!(update.withheld.iter().any(|w| w == "Goals the client keeps private or shares only with the coach are left out (2)."));
        let text = update.text();
        assert!(text.contains("Lead the team meeting: 40% complete, latest score +1"), "{text}");
        assert!(text.contains("Mid-point: T = 60.0"), "{text}");
    }

    #[test]
    fn themes_only_names_goals_without_progress() {
        let update = draft(&sponsored(Some(clause(true, false, true))), day("2026-03-10")).unwrap();
        assert_eq!(update.goals, vec![SponsorGoal { title: "Lead the team meeting".into(), percent: None, latest_score: None }]);
        assert!(update.gas_trend.is_empty());
        assert!(update.withheld.iter().any(|w| w == "Goal progress is not shared under the contract."));
        let text = update.text();
        assert!(text.contains("- Lead the team meeting\n"));
        assert!(!text.contains('%') && !text.contains("T = "));
    }

    #[test]
    fn neither_progress_nor_themes_names_no_goal() {
        let update = draft(&sponsored(Some(clause(true, false, false))), day("2026-03-10")).unwrap();
        assert!(update.goals.is_empty());
        assert!(update.gas_trend.is_empty());
        assert!(!update.text().contains("Lead the team meeting"));
        assert!(update.withheld.iter().any(|w| w.starts_with("Goals are not named")));
    }

    #[test]
    fn everything_on_still_says_what_is_never_included() {
        let update = draft(&sponsored(Some(clause(true, true, true))), day("2026-03-10")).unwrap();
        assert_eq!(
            update.withheld,
            vec![
                "Goals the client keeps private or shares only with the coach are left out (2).".to_string(),
                "Session notes, themes and reflections are never included.".to_string(),
            ]
        );
        let text = update.text();
        for heading in ["Update for Acme Ltd", "Client: Ann Client", "Date: 10 Mar 2026", "Attendance", "Goals", "Not included"] {
            assert!(text.contains(heading), "{heading} missing from:\n{text}");
        }
    }

    #[test]
    fn no_private_field_ever_reaches_the_sponsor() {
        let marker = |n: &str| format!("PRIVATE-MARKER-{n}");
        let mut f = sponsored(Some(clause(true, true, true)));
        for (i, session) in f.sessions.iter_mut().enumerate() {
            session.notes =
                Notes { practitioner_private: marker("practitioner"), client_private: marker("client"), shared: marker("shared") };
            session.themes = vec![Theme { id: "t".into(), what: marker("theme"), why_now: marker("why"), leave_with: marker("leave") }];
            session.reflection = marker("reflection");
            session.reflection_shared = true;
            session.status_note = marker("status-note");
            session.feedback = Some(Feedback { score: 4, comment: marker("feedback") });
            session.actions = vec![action(&marker(&format!("session-action-{i}")), ItemStatus::Done)];
            session.agreement.want = marker("want");
            session.grow.reality = marker("grow");
        }
        for goal in &mut f.goals {
            goal.items = vec![action(&marker("goal-action"), ItemStatus::Open)];
            goal.why_it_matters = marker("why-it-matters");
            for score in &mut goal.scores {
                score.note = marker("score-note");
            }
            if goal.visibility != Visibility::SponsorVisible {
                goal.title = marker("goal-title");
            }
        }
        let update = draft(&f, day("2026-03-10")).unwrap();
        assert!(!format!("{update:?}").contains("PRIVATE-MARKER"), "{update:?}");
        let text = update.text();
        assert!(!text.contains("PRIVATE-MARKER"), "{text}");
        assert!(text.contains("Lead the team meeting"));
    }

    #[test]
    fn an_engagement_with_nothing_held_still_drafts_an_update() {
        let mut f = facts("Anne \"Nan\"\nO'Neil", Kind::Coaching, Some(clause(true, true, false)), vec![]);
        f.engagement.sponsor = Some(sponsor());
        let update = draft(&f, day("2026-03-10")).unwrap();
        assert_eq!(update.attendance.as_ref().map(|a| a.held), Some(0));
        assert!(update.goals.is_empty() && update.gas_trend.is_empty());
        let text = update.text();
        assert!(text.contains("Sessions held: 0\n"), "{text}");
        assert!(!text.contains("Goals\n"));
    }
}
