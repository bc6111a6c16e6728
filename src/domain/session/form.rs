//! What a person types about a session, as raw text, and the rules that turn it into a
//! changed [`Session`]. Each form is a plain struct of strings ([`SessionForm`],
//! [`ThemeForm`], [`AgreementForm`], [`NotesForm`], [`AfterForm`], [`ActionForm`],
//! [`ReviewForm`]); each `apply`/`validate` reports every problem at once as
//! [`FieldErrors`] and never touches the session it was given.

use crate::domain::contract::terms::SessionMode;
use crate::domain::contract::Party;
use crate::domain::date::Date;
use crate::domain::goal::{GoalItem, ItemKind, ItemStatus};
use crate::domain::record::RecordId;
use crate::domain::validation::{long_text, optional_text, required_text, Field, FieldErrors};
use crate::msg;

use super::{
    ActionReview, AgendaItem, ClockTime, Feedback, Grow, LocalMoment, Notes, Purpose, ReviewOutcome, Session, SessionAgreement, Status,
    Theme, Usefulness, MAX_NOTE_CHARS,
};

/// The longest a theme, agenda line or action title may be.
const SHORT: usize = 300;
/// The longest a considered answer (why now, what was learned, …) may be.
const MEDIUM: usize = 5_000;

/// When, how long, how, what for, and whether it happened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SessionForm {
    /// YYYY-MM-DD
    pub date: String,
    /// HH:MM
    pub time: String,
    pub minutes: String,
    /// A [`SessionMode`] value, or empty.
    pub mode: String,
    pub purpose: String,
    pub status: String,
    pub status_note: String,
}

impl SessionForm {
    pub fn from_session(session: &Session) -> SessionForm {
        SessionForm {
            date: session.date.to_string(),
            time: session.time.to_string(),
            minutes: session.minutes.to_string(),
            mode: session.mode.map(|m| m.as_str().to_string()).unwrap_or_default(),
            purpose: session.purpose.as_str().into(),
            status: session.status.as_str().into(),
            status_note: session.status_note.clone(),
        }
    }

    /// `base` with these details, as of `now` on this device: a session still to come
    /// cannot be marked held or missed (its hours would count before it took place).
    pub fn apply(&self, base: &Session, now: LocalMoment) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let date = e.collect(
            Field::SessionDate,
            match self.date.trim() {
                "" => Err(msg!("Enter the date of the session.")),
                text => Date::parse(text).ok_or_else(|| msg!("Enter the date as a date, such as 2027-03-31.")),
            },
        );
        let time = e.collect(
            Field::SessionTime,
            match self.time.trim() {
                "" => Err(msg!("Enter the start time, such as 09:30.")),
                text => ClockTime::parse(text).ok_or_else(|| msg!("Enter the start time as hours and minutes, such as 09:30.")),
            },
        );
        let minutes = e.collect(
            Field::SessionLength,
            match self.minutes.trim().parse::<u16>() {
                Ok(m) if (5..=480).contains(&m) => Ok(m),
                Ok(_) => Err(msg!("A session lasts between 5 and 480 minutes.")),
                Err(_) => Err(msg!("Enter the length in minutes, such as 60.")),
            },
        );
        let mode = e.collect(
            Field::SessionMode,
            match self.mode.trim() {
                "" => Ok(None),
                text => SessionMode::parse(text).map(Some).ok_or_else(|| msg!("Choose how you meet from the list.")),
            },
        );
        let purpose =
            e.collect(Field::SessionPurpose, Purpose::parse(&self.purpose).ok_or_else(|| msg!("Choose what the meeting is for.")));
        let status = e.collect(
            Field::SessionStatus,
            Status::parse(&self.status).ok_or_else(|| msg!("Choose whether the session is planned, held, cancelled or missed.")),
        );
        let note = e.collect(Field::SessionStatusNote, optional_text(&self.status_note, msg!("the note about the arrangement"), MEDIUM));
        match (date, time, minutes, mode, purpose, status, note) {
            (Some(date), Some(time), Some(minutes), Some(mode), Some(purpose), Some(status), Some(note)) if e.is_empty() => {
                let mut next = base.clone();
                next.date = date;
                next.time = time;
                next.minutes = minutes;
                next.mode = mode;
                next.purpose = purpose;
                next.status = status;
                next.status_note = note.unwrap_or_default();
                if matches!(status, Status::Held | Status::NoShow) && next.is_still_to_come(now) {
                    e.push(
                        Field::SessionStatus,
                        msg!(
                            "This session is on {date} at {time}, which is still to come. Mark it as held or missed once that time has passed.",
                            date = date,
                            time = time.to_string()
                        ),
                    );
                    return Err(e);
                }
                Ok(next)
            }
            _ => Err(e),
        }
    }
}

/// A theme the client wants to bring.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ThemeForm {
    pub what: String,
    pub why_now: String,
    pub leave_with: String,
}

/// "What do you want from today; how will you know", and the GROW prompt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgreementForm {
    pub want: String,
    pub how_know: String,
    pub grow_goal: String,
    pub grow_reality: String,
    pub grow_options: String,
    pub grow_will: String,
}

impl AgreementForm {
    pub fn from_session(session: &Session) -> AgreementForm {
        AgreementForm {
            want: session.agreement.want.clone(),
            how_know: session.agreement.how_know.clone(),
            grow_goal: session.grow.goal.clone(),
            grow_reality: session.grow.reality.clone(),
            grow_options: session.grow.options.clone(),
            grow_will: session.grow.will.clone(),
        }
    }
}

/// The three note layers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NotesForm {
    pub practitioner_private: String,
    pub client_private: String,
    pub shared: String,
}

impl NotesForm {
    pub fn from_session(session: &Session) -> NotesForm {
        NotesForm {
            practitioner_private: session.notes.practitioner_private.clone(),
            client_private: session.notes.client_private.clone(),
            shared: session.notes.shared.clone(),
        }
    }
}

/// The reflection and the optional feedback.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AfterForm {
    pub reflection: String,
    /// The client shares the reflection in the engagement summary.
    pub reflection_shared: bool,
    /// "" or [`Usefulness::as_str`] ("1" to "4").
    pub feedback_score: String,
    pub feedback_comment: String,
}

impl AfterForm {
    pub fn from_session(session: &Session) -> AfterForm {
        AfterForm {
            reflection: session.reflection.clone(),
            reflection_shared: session.reflection_shared,
            feedback_score: session.feedback.as_ref().map(|f| f.score.to_string()).unwrap_or_default(),
            feedback_comment: session.feedback.as_ref().map(|f| f.comment.clone()).unwrap_or_default(),
        }
    }
}

/// An action to practise before next time.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActionForm {
    pub title: String,
    /// A goal's record id, or empty for no goal.
    pub goal_id: String,
    /// A [`Party`] value; empty means the client.
    pub owner: String,
    pub due: String,
}

impl ActionForm {
    /// The goal it belongs to (if any) and the action, agreed in `session_id`.
    pub fn validate(&self, session_id: &RecordId, item_id: String) -> Result<(Option<RecordId>, GoalItem), FieldErrors> {
        let mut e = FieldErrors::new();
        let title = e.collect(Field::ActionTitle, required_text(&self.title, msg!("what to practise"), SHORT));
        let goal = e.collect(
            Field::ActionGoal,
            match self.goal_id.trim() {
                "" => Ok(None),
                text => RecordId::parse(text).map(Some).ok_or_else(|| msg!("Choose a goal from the list, or no goal.")),
            },
        );
        let owner = e.collect(
            Field::ActionOwner,
            match self.owner.trim() {
                "" => Ok(Party::Client),
                text => Party::parse(text).ok_or_else(|| msg!("Choose who does it from the list.")),
            },
        );
        let due = e.collect(
            Field::ActionDue,
            match self.due.trim() {
                "" => Ok(None),
                text => Date::parse(text).map(Some).ok_or_else(|| msg!("Enter the due date as a date, such as 2027-03-31.")),
            },
        );
        match (title, goal, owner, due) {
            (Some(title), Some(goal), Some(owner), Some(due)) if e.is_empty() => Ok((
                goal,
                GoalItem {
                    id: item_id,
                    kind: ItemKind::Action,
                    title,
                    owner,
                    due,
                    status: ItemStatus::Open,
                    done_on: None,
                    weight: 1.0,
                    needs_confirmation: false,
                    confirmed: false,
                    agreed_in: Some(session_id.clone()),
                    reviews: Vec::new(),
                    check_ins: Vec::new(),
                },
            )),
            _ => Err(e),
        }
    }
}

/// How an action went.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReviewForm {
    /// A [`ReviewOutcome`] value.
    pub outcome: String,
    pub learned: String,
}

impl ReviewForm {
    pub fn validate(&self, session_id: &RecordId, on: Date) -> Result<ActionReview, FieldErrors> {
        let mut e = FieldErrors::new();
        let outcome = e.collect(
            Field::ReviewOutcome,
            ReviewOutcome::parse(&self.outcome).ok_or_else(|| msg!("Choose done, partly done or not done.")),
        );
        let learned = e.collect(Field::ReviewLearned, long_text(&self.learned, msg!("what was learned"), MEDIUM));
        match (outcome, learned) {
            (Some(outcome), Some(learned)) if e.is_empty() => Ok(ActionReview { session_id: session_id.clone(), on, outcome, learned }),
            _ => Err(e),
        }
    }
}

impl Session {
    /// With a theme added at the end.
    pub fn with_theme(&self, form: &ThemeForm, id: String) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let what = e.collect(Field::ThemeWhat, required_text(&form.what, msg!("the theme"), SHORT));
        let why_now = e.collect(Field::ThemeWhy, long_text(&form.why_now, msg!("why it matters now"), MEDIUM));
        let leave_with = e.collect(Field::ThemeLeaveWith, long_text(&form.leave_with, msg!("what you want to leave with"), MEDIUM));
        match (what, why_now, leave_with) {
            (Some(what), Some(why_now), Some(leave_with)) if e.is_empty() => {
                let mut next = self.clone();
                next.themes.push(Theme { id, what, why_now, leave_with });
                Ok(next)
            }
            _ => Err(e),
        }
    }

    /// With the theme removed (its line stays on an agenda already agreed).
    pub fn without_theme(&self, id: &str) -> Session {
        let mut next = self.clone();
        next.themes.retain(|t| t.id != id);
        next
    }

    /// With a line added at the end of the agenda (the draft from the themes is taken
    /// over first, so nothing in it is lost).
    pub fn with_agenda_item(&self, text: &str, id: String) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let text = e.collect(Field::AgendaText, required_text(text, msg!("the agenda item"), SHORT));
        match text {
            Some(text) if e.is_empty() => {
                let mut next = self.clone();
                next.agenda = self.agenda_or_draft();
                next.agenda.push(AgendaItem { id, text, theme_id: None });
                Ok(next)
            }
            _ => Err(e),
        }
    }

    /// With the agenda line moved one place up (`up`) or down; unchanged at either end.
    pub fn with_agenda_moved(&self, id: &str, up: bool) -> Session {
        let mut next = self.clone();
        next.agenda = self.agenda_or_draft();
        if let Some(at) = next.agenda.iter().position(|a| a.id == id) {
            let to = if up { at.checked_sub(1) } else { Some(at + 1).filter(|to| *to < next.agenda.len()) };
            if let Some(to) = to {
                next.agenda.swap(at, to);
            }
        }
        next
    }

    /// With the agenda line dropped.
    pub fn without_agenda_item(&self, id: &str) -> Session {
        let mut next = self.clone();
        next.agenda = self.agenda_or_draft();
        next.agenda.retain(|a| a.id != id);
        next
    }

    /// With the session agreement and the GROW prompt.
    pub fn with_agreement(&self, form: &AgreementForm) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut text = |field, raw: &str, what| e.collect(field, long_text(raw, what, MEDIUM)).unwrap_or_default();
        let agreement = SessionAgreement {
            want: text(Field::AgreementWant, &form.want, msg!("what you want from today")),
            how_know: text(Field::AgreementHowKnow, &form.how_know, msg!("how you will know")),
        };
        let grow = Grow {
            goal: text(Field::GrowGoal, &form.grow_goal, msg!("the goal")),
            reality: text(Field::GrowReality, &form.grow_reality, msg!("the reality")),
            options: text(Field::GrowOptions, &form.grow_options, msg!("the options")),
            will: text(Field::GrowWill, &form.grow_will, msg!("the will")),
        };
        if !e.is_empty() {
            return Err(e);
        }
        let mut next = self.clone();
        next.agreement = agreement;
        next.grow = grow;
        Ok(next)
    }

    /// With the three note layers.
    pub fn with_notes(&self, form: &NotesForm) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let mut text = |field, raw: &str, what| e.collect(field, long_text(raw, what, MAX_NOTE_CHARS)).unwrap_or_default();
        let notes = Notes {
            practitioner_private: text(Field::NotePractitioner, &form.practitioner_private, msg!("the practitioner's private notes")),
            client_private: text(Field::NoteClient, &form.client_private, msg!("the client's private notes")),
            shared: text(Field::NoteShared, &form.shared, msg!("the shared notes")),
        };
        if !e.is_empty() {
            return Err(e);
        }
        let mut next = self.clone();
        next.notes = notes;
        Ok(next)
    }

    /// With the reflection and feedback.
    pub fn with_after(&self, form: &AfterForm) -> Result<Session, FieldErrors> {
        let mut e = FieldErrors::new();
        let reflection = e.collect(Field::Reflection, long_text(&form.reflection, msg!("the reflection"), MEDIUM));
        let score = e.collect(
            Field::FeedbackScore,
            match form.feedback_score.trim() {
                "" => Ok(None),
                text => Usefulness::parse(text).map(|u| Some(u.score())).ok_or_else(|| msg!("Choose a score from 1 to 4.")),
            },
        );
        let comment = e.collect(Field::FeedbackComment, long_text(&form.feedback_comment, msg!("the feedback comment"), MEDIUM));
        if let (Some(None), Some(comment)) = (&score, &comment) {
            if !comment.is_empty() {
                e.push(Field::FeedbackScore, msg!("Choose a score from 1 to 4 to go with the comment."));
            }
        }
        match (reflection, score, comment) {
            (Some(reflection), Some(score), Some(comment)) if e.is_empty() => {
                let mut next = self.clone();
                next.reflection_shared = form.reflection_shared && !reflection.is_empty();
                next.reflection = reflection;
                next.feedback = score.map(|score| Feedback { score, comment });
                Ok(next)
            }
            _ => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::planned(RecordId::parse("eng").unwrap(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 60, Purpose::Session)
    }

    /// A fixed "now" on this device: 6 December 2026 at 20:00.
    fn now() -> LocalMoment {
        LocalMoment { date: Date::parse("2026-12-06").unwrap(), time: ClockTime::new(20, 0).unwrap() }
    }

    #[test]
    fn the_details_form_changes_date_time_length_and_status() {
        let mut form = SessionForm::from_session(&session());
        form.date = "2026-12-08".into();
        form.time = "14:30".into();
        form.minutes = "45".into();
        form.status = "late_cancelled".into();
        let next = form.apply(&session(), now()).unwrap();
        assert_eq!(
            (next.date.to_string(), next.time.to_string(), next.minutes, next.status),
            ("2026-12-08".into(), "14:30".into(), 45, Status::LateCancelled)
        );
    }

    #[test]
    fn a_session_still_to_come_cannot_be_marked_held_or_missed_but_may_be_cancelled() {
        let mut form = SessionForm::from_session(&session());
        form.date = "2026-12-08".into();
        form.time = "09:00".into();
        for status in ["held", "no_show"] {
            form.status = status.into();
            let errors = form.apply(&session(), now()).unwrap_err();
            let message = errors.message_for(Field::SessionStatus).map(ToString::to_string).unwrap_or_default();
            assert_eq!(
                message,
                "This session is on 8 Dec 2026 at 09:00, which is still to come. Mark it as held or missed once that time has passed."
            );
        }
        for status in ["planned", "cancelled", "late_cancelled"] {
            form.status = status.into();
            assert!(form.apply(&session(), now()).is_ok(), "{status}");
        }
        // Later the same day is still to come; earlier the same day has passed.
        form.date = "2026-12-06".into();
        form.status = "held".into();
        form.time = "20:30".into();
        assert!(form.apply(&session(), now()).is_err());
        form.time = "19:00".into();
        assert_eq!(form.apply(&session(), now()).unwrap().status, Status::Held);
    }

    #[test]
    fn bad_details_are_all_reported_in_plain_words() {
        let form = SessionForm {
            date: "next week".into(),
            time: "25:00".into(),
            minutes: "0".into(),
            purpose: "party".into(),
            status: "held".into(),
            ..SessionForm::default()
        };
        let errors = form.apply(&session(), now()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::SessionDate).map(ToString::to_string).as_deref(),
            Some("Enter the date as a date, such as 2027-03-31.")
        );
        assert!(errors.message_for(Field::SessionTime).unwrap().contains("09:30"));
        assert_eq!(
            errors.message_for(Field::SessionLength).map(ToString::to_string).as_deref(),
            Some("A session lasts between 5 and 480 minutes.")
        );
        assert!(errors.message_for(Field::SessionPurpose).is_some());
    }

    #[test]
    fn agenda_lines_are_added_moved_and_dropped_starting_from_the_themes() {
        let form = ThemeForm { what: "Delegating".into(), why_now: "Two projects land in March".into(), leave_with: "A plan".into() };
        let with_theme = session().with_theme(&form, "t1".into()).unwrap();
        let added = with_theme.with_agenda_item("Feedback to my team", "a2".into()).unwrap();
        assert_eq!(added.agenda.iter().map(|a| a.text.as_str()).collect::<Vec<_>>(), vec!["Delegating", "Feedback to my team"]);
        let moved = added.with_agenda_moved("a2", true);
        assert_eq!(moved.agenda[0].text, "Feedback to my team");
        assert_eq!(moved.with_agenda_moved("a2", true), moved, "the first line cannot move up");
        let dropped = moved.without_agenda_item("from-t1");
        assert_eq!(dropped.agenda.len(), 1);
        assert!(session().with_theme(&ThemeForm::default(), "t".into()).unwrap_err().message_for(Field::ThemeWhat).is_some());
    }

    #[test]
    fn a_hundred_thousand_character_note_is_kept_whole_with_its_line_breaks() {
        let long = "Line one\nline two ".repeat(6_000);
        assert!(long.chars().count() > 100_000);
        let form = NotesForm { shared: long.clone(), ..NotesForm::default() };
        let next = session().with_notes(&form).unwrap();
        assert_eq!(next.notes.shared, long.trim());
    }

    #[test]
    fn a_note_beyond_the_limit_is_refused_with_its_length() {
        let form = NotesForm { practitioner_private: "x".repeat(MAX_NOTE_CHARS + 1), ..NotesForm::default() };
        let errors = session().with_notes(&form).unwrap_err();
        assert!(errors.message_for(Field::NotePractitioner).unwrap().contains("200001 characters"));
    }

    #[test]
    fn feedback_is_optional_but_a_comment_needs_a_score() {
        let none = session().with_after(&AfterForm { reflection: "Ask before telling".into(), ..AfterForm::default() }).unwrap();
        assert_eq!((none.reflection.as_str(), none.feedback.clone()), ("Ask before telling", None));
        let scored = session()
            .with_after(&AfterForm { feedback_score: "4".into(), feedback_comment: "Clear".into(), ..AfterForm::default() })
            .unwrap();
        assert_eq!(scored.feedback, Some(Feedback { score: 4, comment: "Clear".into() }));
        let errors = session().with_after(&AfterForm { feedback_comment: "Clear".into(), ..AfterForm::default() }).unwrap_err();
        assert!(errors.message_for(Field::FeedbackScore).is_some());
        assert!(session().with_after(&AfterForm { feedback_score: "5".into(), ..AfterForm::default() }).is_err());
    }

    #[test]
    fn an_action_is_agreed_in_the_session_with_or_without_a_goal() {
        let sid = RecordId::parse("s1").unwrap();
        let form = ActionForm {
            title: "Ask one open question per meeting".into(),
            goal_id: "g1".into(),
            owner: String::new(),
            due: "2026-12-14".into(),
        };
        let (goal, item) = form.validate(&sid, "a1".into()).unwrap();
        assert_eq!((goal, item.owner, item.agreed_in), (RecordId::parse("g1"), Party::Client, Some(sid.clone())));
        let (no_goal, _) = ActionForm { goal_id: String::new(), ..form }.validate(&sid, "a2".into()).unwrap();
        assert_eq!(no_goal, None);
        let errors = ActionForm { due: "soon".into(), ..ActionForm::default() }.validate(&sid, "a3".into()).unwrap_err();
        assert_eq!(errors.len(), 2);
    }

    #[test]
    fn a_review_needs_an_outcome() {
        let sid = RecordId::parse("s2").unwrap();
        let on = Date::parse("2026-12-15").unwrap();
        assert!(ReviewForm::default().validate(&sid, on).unwrap_err().message_for(Field::ReviewOutcome).is_some());
        let review = ReviewForm { outcome: "partly".into(), learned: "Silence works".into() }.validate(&sid, on).unwrap();
        assert_eq!(review.outcome, ReviewOutcome::Partly);
    }
}
