//! The course of an engagement over time: a [`Journey`] holds the mentoring [`Phase`]
//! (with its history), [`Pause`]s with their reasons, the [`Ending`] (completed or ended
//! early, with a closing summary) and the [`Signpost`] register: reading, courses,
//! contacts and events suggested, each with "followed up?" and "useful?".
//!
//! There is one journey per engagement; its record id is the engagement's id.

use crate::msg;
use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::record::RecordId;
use crate::domain::validation::{long_text, optional_text, required_text, Field, FieldErrors};

use super::choice_enum;

choice_enum!(
    /// The phases a mentoring relationship moves through.
    Phase {
        Rapport => "rapport", "Building rapport";
        DirectionSetting => "direction_setting", "Setting direction";
        Progress => "progress", "Making progress";
        WindingDown => "winding_down", "Winding down";
        MovingOn => "moving_on", "Moving on";
    }
);

impl Phase {
    /// What the phase is about, in a sentence.
    pub fn description(self) -> &'static str {
        match self {
            Phase::Rapport => "Getting to know each other and agreeing how you will work.",
            Phase::DirectionSetting => "Deciding what the mentee wants from the relationship.",
            Phase::Progress => "Working towards the goals; most sessions are here.",
            Phase::WindingDown => "Reviewing what has been achieved and preparing to finish.",
            Phase::MovingOn => "Ending well; the relationship may continue informally.",
        }
    }
}

choice_enum!(
    /// How an engagement ended.
    EndingOutcome {
        Completed => "completed", "Completed as agreed";
        EndedEarly => "ended_early", "Ended early";
    }
);

choice_enum!(
    /// What kind of resource a signpost points to.
    SignpostKind {
        Reading => "reading", "Reading";
        Course => "course", "Course";
        Contact => "contact", "Contact";
        Event => "event", "Event";
    }
);

/// When the engagement moved into a phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PhaseChange {
    pub on: Date,
    pub phase: Phase,
}

/// A pause; `until` is set when it resumes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Pause {
    pub from: Date,
    #[serde(default)]
    pub until: Option<Date>,
    pub reason: String,
}

/// A clean ending.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Ending {
    pub on: Date,
    pub outcome: EndingOutcome,
    pub summary: String,
}

/// A resource suggested to the mentee or client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signpost {
    pub id: String,
    pub kind: SignpostKind,
    pub title: String,
    #[serde(default)]
    pub detail: String,
    #[serde(default)]
    pub goal_id: Option<RecordId>,
    pub suggested_on: Date,
    #[serde(default)]
    pub followed_up: bool,
    /// `None` until the mentee says.
    #[serde(default)]
    pub useful: Option<bool>,
}

/// The course of one engagement.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Journey {
    pub engagement_id: RecordId,
    #[serde(default)]
    pub phases: Vec<PhaseChange>,
    #[serde(default)]
    pub pauses: Vec<Pause>,
    #[serde(default)]
    pub ending: Option<Ending>,
    #[serde(default)]
    pub signposts: Vec<Signpost>,
}

/// A signpost as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SignpostForm {
    pub kind: String,
    pub title: String,
    pub detail: String,
    /// A goal's id, or empty.
    pub goal_id: String,
}

/// An ending as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct EndingForm {
    pub on: String,
    pub outcome: String,
    pub summary: String,
}

/// Where an engagement stands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Standing {
    Active,
    Paused { since: Date, reason: String },
    Ended(Ending),
}

impl Journey {
    pub fn new(engagement_id: RecordId) -> Journey {
        Journey { engagement_id, phases: Vec::new(), pauses: Vec::new(), ending: None, signposts: Vec::new() }
    }

    /// The current phase (the latest change), if one was set.
    pub fn phase(&self) -> Option<Phase> {
        self.phases.last().map(|p| p.phase)
    }

    pub fn standing(&self) -> Standing {
        if let Some(ending) = &self.ending {
            return Standing::Ended(ending.clone());
        }
        match self.pauses.last() {
            Some(pause) if pause.until.is_none() => Standing::Paused { since: pause.from, reason: pause.reason.clone() },
            _ => Standing::Active,
        }
    }

    /// Moved into `phase` on `on`. Setting the phase it is already in changes nothing.
    pub fn with_phase(&self, phase: Phase, on: Date) -> Journey {
        let mut next = self.clone();
        if self.phase() != Some(phase) {
            next.phases.push(PhaseChange { on, phase });
        }
        next
    }

    /// Paused from `on`, for `reason` (required).
    pub fn paused(&self, on: Date, reason: &str) -> Result<Journey, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.standing() != Standing::Active {
            e.push(Field::PauseReason, msg!("Only an active engagement can be paused."));
        }
        let reason = e.collect(Field::PauseReason, required_text(reason, msg!("why the engagement is paused"), 500));
        match reason {
            Some(reason) if e.is_empty() => {
                let mut next = self.clone();
                next.pauses.push(Pause { from: on, until: None, reason });
                Ok(next)
            }
            _ => Err(e),
        }
    }

    /// Resumed on `on`; unchanged unless paused.
    pub fn resumed(&self, on: Date) -> Journey {
        let mut next = self.clone();
        if let Some(pause) = next.pauses.last_mut().filter(|p| p.until.is_none()) {
            pause.until = Some(on.max(pause.from));
        }
        next
    }

    /// Ended, with a closing summary (required). A paused engagement can end; the
    /// pause closes on the same day.
    pub fn ended(&self, form: &EndingForm) -> Result<Journey, FieldErrors> {
        let mut e = FieldErrors::new();
        if self.ending.is_some() {
            e.push(Field::EndingOutcome, msg!("This engagement has already ended."));
        }
        let on =
            e.collect(Field::EndingDate, Date::parse(form.on.trim()).ok_or_else(|| msg!("Enter the date it ended, such as 2027-03-31.")));
        let outcome = e.collect(
            Field::EndingOutcome,
            EndingOutcome::parse(&form.outcome).ok_or_else(|| msg!("Choose whether it was completed or ended early.")),
        );
        let summary = e.collect(
            Field::EndingSummary,
            long_text(&form.summary, msg!("the closing summary"), 10_000).and_then(|s| {
                if s.is_empty() {
                    Err(msg!("Write a short closing summary: what was achieved and what happens next."))
                } else {
                    Ok(s)
                }
            }),
        );
        match (on, outcome, summary) {
            (Some(on), Some(outcome), Some(summary)) if e.is_empty() => {
                let mut next = self.resumed(on);
                next.ending = Some(Ending { on, outcome, summary });
                Ok(next)
            }
            _ => Err(e),
        }
    }

    /// With a signpost added.
    pub fn with_signpost(&self, form: &SignpostForm, id: String, on: Date) -> Result<Journey, FieldErrors> {
        let mut e = FieldErrors::new();
        let kind = e
            .collect(Field::SignpostKind, SignpostKind::parse(&form.kind).ok_or_else(|| msg!("Choose reading, course, contact or event.")));
        let title = e.collect(Field::SignpostTitle, required_text(&form.title, msg!("what you suggest"), 300));
        let detail = e.collect(Field::SignpostDetail, optional_text(&form.detail, msg!("the details"), 2_000));
        let goal = e.collect(
            Field::SignpostGoal,
            match form.goal_id.trim() {
                "" => Ok(None),
                text => RecordId::parse(text).map(Some).ok_or_else(|| msg!("Choose a goal from the list, or no goal.")),
            },
        );
        match (kind, title, detail, goal) {
            (Some(kind), Some(title), Some(detail), Some(goal_id)) if e.is_empty() => {
                let mut next = self.clone();
                next.signposts.push(Signpost {
                    id,
                    kind,
                    title,
                    detail: detail.unwrap_or_default(),
                    goal_id,
                    suggested_on: on,
                    followed_up: false,
                    useful: None,
                });
                Ok(next)
            }
            _ => Err(e),
        }
    }

    /// With a signpost's follow-up answers changed.
    pub fn with_signpost_answers(&self, id: &str, followed_up: bool, useful: Option<bool>) -> Journey {
        let mut next = self.clone();
        if let Some(signpost) = next.signposts.iter_mut().find(|s| s.id == id) {
            signpost.followed_up = followed_up;
            signpost.useful = useful;
        }
        next
    }

    /// Without the signpost.
    pub fn without_signpost(&self, id: &str) -> Journey {
        let mut next = self.clone();
        next.signposts.retain(|s| s.id != id);
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn journey() -> Journey {
        Journey::new(RecordId::parse("eng").unwrap())
    }

    #[test]
    fn the_phase_moves_on_and_keeps_its_history() {
        let j = journey().with_phase(Phase::Rapport, day("2026-12-01")).with_phase(Phase::DirectionSetting, day("2027-01-10"));
        assert_eq!(j.phase(), Some(Phase::DirectionSetting));
        assert_eq!(j.with_phase(Phase::DirectionSetting, day("2027-02-01")).phases.len(), 2, "same phase again changes nothing");
    }

    #[test]
    fn a_pause_needs_a_reason_and_resumes() {
        assert!(journey().paused(day("2027-01-01"), "  ").unwrap_err().message_for(Field::PauseReason).is_some());
        let paused = journey().paused(day("2027-01-01"), "Parental leave").unwrap();
        assert_eq!(paused.standing(), Standing::Paused { since: day("2027-01-01"), reason: "Parental leave".into() });
        assert!(paused.paused(day("2027-01-02"), "Again").is_err(), "cannot pause twice");
        let resumed = paused.resumed(day("2027-04-01"));
        assert_eq!((resumed.standing(), resumed.pauses[0].until), (Standing::Active, Some(day("2027-04-01"))));
    }

    #[test]
    fn an_ending_needs_an_outcome_and_a_summary_and_happens_once() {
        let errors = journey().ended(&EndingForm { on: "2027-06-30".into(), ..EndingForm::default() }).unwrap_err();
        assert_eq!(errors.len(), 2);
        let form = EndingForm {
            on: "2027-06-30".into(),
            outcome: "ended_early".into(),
            summary: "Moved to a new role; goals 1 and 2 met.".into(),
        };
        let ended = journey().paused(day("2027-05-01"), "Role change").unwrap().ended(&form).unwrap();
        assert!(matches!(ended.standing(), Standing::Ended(Ending { outcome: EndingOutcome::EndedEarly, .. })));
        assert_eq!(ended.pauses[0].until, Some(day("2027-06-30")), "the pause closes");
        assert!(ended.ended(&form).is_err());
    }

    #[test]
    fn signposts_are_added_linked_to_goals_and_followed_up() {
        let form = SignpostForm { kind: "reading".into(), title: "The Coaching Habit".into(), detail: String::new(), goal_id: "g1".into() };
        let j = journey().with_signpost(&form, "s1".into(), day("2026-12-01")).unwrap();
        assert_eq!(j.signposts[0].goal_id, RecordId::parse("g1"));
        let answered = j.with_signpost_answers("s1", true, Some(true));
        assert_eq!((answered.signposts[0].followed_up, answered.signposts[0].useful), (true, Some(true)));
        assert!(answered.without_signpost("s1").signposts.is_empty());
        assert_eq!(journey().with_signpost(&SignpostForm::default(), "x".into(), day("2026-12-01")).unwrap_err().len(), 2);
    }
}
