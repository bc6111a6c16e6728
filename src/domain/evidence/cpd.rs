//! The practitioner's CPD log (continuing professional development: courses, reading,
//! peer learning, events): [`CpdEntry`] records, typed in a [`CpdForm`]. The EMCC summary
//! (`super::emcc`) counts their hours in the last 12 months against
//! [`CPD_HOURS_PER_YEAR`]. Supervision has its own log (`super::emcc::SupervisionEntry`).

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::message::Message;
use crate::domain::validation::{long_text, required_text, Field, FieldErrors};
use crate::msg;

/// The CPD hours a year the EMCC asks of an accredited practitioner.
pub const CPD_HOURS_PER_YEAR: f64 = 16.0;
/// The longest description of an activity, in characters.
pub const ACTIVITY_MAX_CHARS: usize = 200;
/// The longest note, in characters.
pub const NOTE_MAX_CHARS: usize = 2000;
/// The most hours one entry may log (a week-long course).
pub const MAX_HOURS: f64 = 100.0;

crate::domain::choice::choice_enum!(
    /// What kind of development an entry logs.
    CpdKind {
        Course => "course", "Course or workshop";
        Reading => "reading", "Reading, listening or watching";
        Peer => "peer", "Peer learning";
        Event => "event", "Conference or event";
        Other => "other", "Other development";
    }
);

/// One piece of the practitioner's development.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CpdEntry {
    pub on: Date,
    pub activity: String,
    pub kind: CpdKind,
    pub hours: f64,
    #[serde(default)]
    pub note: String,
}

/// The CPD form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CpdForm {
    /// YYYY-MM-DD.
    pub on: String,
    pub activity: String,
    /// A [`CpdKind`] value such as "course".
    pub kind: String,
    /// "1.5" or "1,5".
    pub hours: String,
    pub note: String,
}

impl CpdForm {
    /// Checks every field and reports every problem at once: the date is required; what
    /// was done is required (at most 200 characters); the kind is one of the list; hours
    /// are a number above 0 and at most 100 ("1,5" reads as 1.5); the note is optional
    /// (at most 2,000).
    pub fn validate(&self) -> Result<CpdEntry, FieldErrors> {
        let mut errors = FieldErrors::new();
        let on = errors.collect(Field::CpdDate, parse_date(&self.on));
        let activity = errors.collect(Field::CpdActivity, required_text(&self.activity, msg!("what you did"), ACTIVITY_MAX_CHARS));
        let kind =
            errors.collect(Field::CpdKind, CpdKind::parse(self.kind.trim()).ok_or_else(|| msg!("Choose what kind of development it was.")));
        let hours = errors.collect(Field::CpdHours, parse_hours(&self.hours));
        let note = errors.collect(Field::CpdNote, long_text(&self.note, msg!("the note"), NOTE_MAX_CHARS));
        match (on, activity, kind, hours, note) {
            (Some(on), Some(activity), Some(kind), Some(hours), Some(note)) if errors.is_empty() => {
                Ok(CpdEntry { on, activity, kind, hours, note })
            }
            _ => Err(errors),
        }
    }
}

fn parse_date(text: &str) -> Result<Date, Message> {
    if text.trim().is_empty() {
        return Err(msg!("Enter the date of the activity."));
    }
    Date::parse(text).ok_or_else(|| msg!("Enter the date as YYYY-MM-DD, such as 2026-03-14."))
}

fn parse_hours(text: &str) -> Result<f64, Message> {
    let text = text.trim();
    if text.is_empty() {
        return Err(msg!("Enter how many hours it took."));
    }
    let hours: f64 = text.replace(',', ".").parse().map_err(|_| msg!("Enter the hours as a number, such as 1.5."))?;
    if !hours.is_finite() || hours <= 0.0 || hours > MAX_HOURS {
        return Err(msg!("Hours must be more than 0 and at most {max}.", max = MAX_HOURS as i64));
    }
    Ok(hours)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form(on: &str, activity: &str, kind: &str, hours: &str) -> CpdForm {
        CpdForm { on: on.into(), activity: activity.into(), kind: kind.into(), hours: hours.into(), note: String::new() }
    }

    #[test]
    fn a_complete_entry_is_kept_with_a_comma_read_as_a_decimal_point() {
        let entry = form("2026-11-03", "  Ethics in coaching, EMCC webinar ", "course", "1,5").validate().unwrap();
        assert_eq!(entry.on, Date::parse("2026-11-03").unwrap());
        assert_eq!((entry.activity.as_str(), entry.kind, entry.hours), ("Ethics in coaching, EMCC webinar", CpdKind::Course, 1.5));
    }

    #[test]
    fn every_problem_is_named_at_once() {
        let errors = form("", "", "", "").validate().unwrap_err();
        assert_eq!(errors.message_for(Field::CpdDate).unwrap(), "Enter the date of the activity.");
        assert!(errors.message_for(Field::CpdActivity).is_some());
        assert_eq!(errors.message_for(Field::CpdKind).unwrap(), "Choose what kind of development it was.");
        assert_eq!(errors.message_for(Field::CpdHours).unwrap(), "Enter how many hours it took.");
    }

    #[test]
    fn hours_out_of_range_or_not_a_number_are_refused() {
        for (hours, message) in [
            ("0", "Hours must be more than 0 and at most 100."),
            ("100.5", "Hours must be more than 0 and at most 100."),
            ("-2", "Hours must be more than 0 and at most 100."),
            ("two", "Enter the hours as a number, such as 1.5."),
        ] {
            let errors = form("2026-11-03", "Reading", "reading", hours).validate().unwrap_err();
            assert_eq!(errors.message_for(Field::CpdHours).unwrap(), message, "{hours}");
        }
        assert_eq!(form("2026-11-03", "A week's course", "course", "100").validate().unwrap().hours, 100.0);
        let errors = form("3 Nov", "Reading", "reading", "2").validate().unwrap_err();
        assert_eq!(errors.message_for(Field::CpdDate).unwrap(), "Enter the date as YYYY-MM-DD, such as 2026-03-14.");
    }
}
