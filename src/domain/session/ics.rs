//! Planned sessions as an iCalendar file (RFC 5545).
//!
//! An [`Event`] is one meeting as a calendar app sees it; [`event_for`] makes one from a
//! stored [`Session`] with a UID that stays the same across exports (so calendar apps
//! replace an event rather than duplicate it) and the record's revision as its SEQUENCE.
//! An event may carry a reminder (a VALARM [`Reminder`] ahead of its start). A [`Todo`] is
//! something to do by a date: an agreed action ([`todo_for_action`]) or, in the client's
//! calendar, sending the themes for a session ([`themes_todo`]); its UID is stable too.
//! How long ahead a reminder rings is a [`Reminder`](super::reminder::Reminder).
//! [`calendar`] writes the whole VCALENDAR: text [`escape`]d, every line [`fold`]ed at 75
//! octets and ended with CRLF, times as [`utc_stamp`]s. Notes never go into an event.

use crate::domain::date::Date;
use crate::domain::goal::{GoalItem, ItemStatus};
use crate::domain::record::RecordId;

use super::{Session, Status};

const MILLIS_PER_DAY: i64 = 86_400_000;
const MAX_LINE_OCTETS: usize = 75;

/// One calendar event.
#[derive(Debug, Clone, PartialEq)]
pub struct Event {
    /// Stable across exports: "<record id>@accord.app".
    pub uid: String,
    /// Goes up with every change, so calendar apps take the newest.
    pub sequence: u32,
    pub start_utc_ms: i64,
    pub minutes: u16,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub cancelled: bool,
    /// Minutes before the start that the calendar reminds (a VALARM); none when `None`.
    pub alarm_minutes: Option<u32>,
}

/// Something to do by a date (a VTODO).
#[derive(Debug, Clone, PartialEq)]
pub struct Todo {
    /// Stable across exports, like an event's.
    pub uid: String,
    pub summary: String,
    pub due: Date,
    pub done: bool,
}

/// The to-do for an agreed action with a due date (none without one): done once it is.
pub fn todo_for_action(item: &GoalItem) -> Option<Todo> {
    Some(Todo {
        uid: format!("{}@accord.app", item.id),
        summary: item.title.clone(),
        due: item.due?,
        done: item.status == ItemStatus::Done,
    })
}

/// In the client's calendar: send the themes for a planned session, due two days before it.
/// `summary` is the to-do's wording in the person's language.
pub fn themes_todo(record_id: &RecordId, session: &Session, summary: String) -> Option<Todo> {
    (session.status == Status::Planned).then(|| Todo {
        uid: format!("{record_id}-themes@accord.app"),
        summary,
        due: session.date.add_days(-2),
        done: !session.themes.is_empty(),
    })
}

/// A UTC date-time as "20261201T090000Z", from milliseconds since the Unix epoch.
pub fn utc_stamp(ms: i64) -> String {
    let date = Date::from_unix_millis(ms).to_string().replace('-', "");
    let seconds = ms.rem_euclid(MILLIS_PER_DAY) / 1000;
    format!("{date}T{:02}{:02}{:02}Z", seconds / 3600, seconds / 60 % 60, seconds % 60)
}

/// Escapes a text value: backslash, semicolon and comma get a backslash before them,
/// and line breaks become a literal `\n`.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            _ => out.push(c),
        }
    }
    out
}

/// Folds a content line so no physical line is longer than 75 octets, never splitting a
/// UTF-8 character: continuation lines start with one space; lines are joined with CRLF
/// (no CRLF at the end).
pub fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 70 * 3);
    let mut octets = 0;
    for c in line.chars() {
        if octets + c.len_utf8() > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            octets = 1;
        }
        out.push(c);
        octets += c.len_utf8();
    }
    out
}

/// A whole VCALENDAR with one VEVENT per event and one VTODO per to-do, stamped
/// `stamp_utc_ms`. Every line is folded and ends with CRLF, the last one too.
pub fn calendar(name: &str, events: &[Event], todos: &[Todo], stamp_utc_ms: i64) -> String {
    let mut lines: Vec<String> = vec![
        "BEGIN:VCALENDAR".into(),
        "VERSION:2.0".into(),
        "PRODID:-//Accord//Coaching and mentoring//EN".into(),
        "CALSCALE:GREGORIAN".into(),
        "METHOD:PUBLISH".into(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    let stamp = utc_stamp(stamp_utc_ms);
    for event in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&event.uid)));
        lines.push(format!("SEQUENCE:{}", event.sequence));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DTSTART:{}", utc_stamp(event.start_utc_ms)));
        lines.push(format!("DTEND:{}", utc_stamp(event.start_utc_ms + i64::from(event.minutes) * 60_000)));
        lines.push(format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        if !event.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&event.location)));
        }
        lines.push(if event.cancelled { "STATUS:CANCELLED" } else { "STATUS:CONFIRMED" }.into());
        if let Some(minutes) = event.alarm_minutes.filter(|_| !event.cancelled) {
            lines.push("BEGIN:VALARM".into());
            lines.push("ACTION:DISPLAY".into());
            lines.push(format!("DESCRIPTION:{}", escape(&event.summary)));
            lines.push(format!("TRIGGER:-PT{minutes}M"));
            lines.push("END:VALARM".into());
        }
        lines.push("END:VEVENT".into());
    }
    for todo in todos {
        lines.push("BEGIN:VTODO".into());
        lines.push(format!("UID:{}", escape(&todo.uid)));
        lines.push(format!("DTSTAMP:{stamp}"));
        lines.push(format!("DUE;VALUE=DATE:{}", todo.due.to_string().replace('-', "")));
        lines.push(format!("SUMMARY:{}", escape(&todo.summary)));
        lines.push(if todo.done { "STATUS:COMPLETED" } else { "STATUS:NEEDS-ACTION" }.into());
        lines.push("END:VTODO".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line) + "\r\n").collect()
}

/// The event for one stored session. `who` is the other party, e.g. "Ada Lovelace".
/// Only the title, time, status and status note go in; never any notes.
pub fn event_for(record_id: &RecordId, revision: u32, session: &Session, who: &str, start_utc_ms: i64) -> Event {
    let summary = if who.trim().is_empty() { session.title().to_string() } else { format!("{} · {}", session.title(), who.trim()) };
    Event {
        uid: format!("{record_id}@accord.app"),
        sequence: revision,
        start_utc_ms,
        minutes: session.minutes,
        summary,
        description: session.status_note.trim().to_string(),
        location: String::new(),
        cancelled: matches!(session.status, Status::Cancelled | Status::LateCancelled),
        alarm_minutes: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::session::{ClockTime, Notes, Purpose};

    /// 2026-12-01 09:00 UTC.
    const DEC_1_NINE: i64 = 1_796_115_600_000;

    fn session() -> Session {
        Session::planned(RecordId::parse("abc").unwrap(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 45, Purpose::Session)
    }

    fn event(summary: &str) -> Event {
        Event {
            uid: "abc@accord.app".into(),
            sequence: 2,
            start_utc_ms: DEC_1_NINE,
            minutes: 90,
            summary: summary.into(),
            description: String::new(),
            location: String::new(),
            cancelled: false,
            alarm_minutes: None,
        }
    }

    fn unfold(text: &str) -> String {
        text.replace("\r\n ", "")
    }

    #[test]
    fn stamps_are_utc_date_times() {
        assert_eq!(utc_stamp(DEC_1_NINE), "20261201T090000Z");
        assert_eq!(utc_stamp(0), "19700101T000000Z");
        assert_eq!(utc_stamp(DEC_1_NINE + 3_723_000 + 999), "20261201T100203Z");
        assert_eq!(utc_stamp(-1000), "19691231T235959Z");
    }

    #[test]
    fn escapes_commas_semicolons_backslashes_and_newlines() {
        assert_eq!(escape("a, b; c\\d"), "a\\, b\\; c\\\\d");
        assert_eq!(escape("one\ntwo\r\nthree"), "one\\ntwo\\nthree");
        assert_eq!(escape("plain"), "plain");
    }

    #[test]
    fn short_lines_are_not_folded() {
        assert_eq!(fold("SUMMARY:Session"), "SUMMARY:Session");
        let exact = "X".repeat(75);
        assert_eq!(fold(&exact), exact);
    }

    #[test]
    fn long_lines_fold_at_75_octets_and_unfold_to_the_original() {
        let line = format!("DESCRIPTION:{}", "word ".repeat(60));
        let folded = fold(&line);
        assert!(folded.split("\r\n").count() > 1);
        for (i, physical) in folded.split("\r\n").enumerate() {
            assert!(physical.len() <= 75, "{physical}");
            assert_eq!(physical.starts_with(' '), i > 0);
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn folding_never_splits_a_multibyte_character() {
        let line = format!("SUMMARY:{}", "é·ü😀".repeat(30));
        let folded = fold(&line);
        for physical in folded.split("\r\n") {
            assert!(physical.len() <= 75);
        }
        assert_eq!(unfold(&folded), line);
    }

    #[test]
    fn every_line_ends_with_crlf_and_no_lf_stands_alone() {
        let mut long = event(&"Long summary, with commas; ".repeat(10));
        long.description = "First line\nsecond line".into();
        let text = calendar("Accord: Ada", &[long, event("Session")], &[], DEC_1_NINE);
        assert!(text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert_eq!(text.matches('\n').count(), text.matches("\r\n").count());
        assert!(!text.replace("\r\n", "").contains('\r'));
        for line in text.split("\r\n") {
            assert!(line.len() <= 75);
        }
        let unfolded = unfold(&text);
        assert!(unfolded.contains("X-WR-CALNAME:Accord: Ada\r\n"));
        assert!(unfolded.contains("DESCRIPTION:First line\\nsecond line\r\n"));
        assert_eq!(unfolded.matches("BEGIN:VEVENT\r\n").count(), 2);
        assert!(!unfolded.contains("LOCATION:"));
    }

    #[test]
    fn events_end_their_length_after_they_start() {
        let text = calendar("Sessions", &[event("Session")], &[], DEC_1_NINE);
        assert!(text.contains("DTSTART:20261201T090000Z\r\n"));
        assert!(text.contains("DTEND:20261201T103000Z\r\n"));
        assert!(text.contains("DTSTAMP:20261201T090000Z\r\n"));
        assert!(text.contains("STATUS:CONFIRMED\r\n"));
    }

    #[test]
    fn the_uid_is_stable_and_the_sequence_is_the_revision() {
        let id = RecordId::parse("abc").unwrap();
        let first = event_for(&id, 1, &session(), "Ada Lovelace", DEC_1_NINE);
        let mut moved = session();
        moved.time = ClockTime::new(11, 0).unwrap();
        let second = event_for(&id, 4, &moved, "Ada Lovelace", DEC_1_NINE + 7_200_000);
        assert_eq!(first.uid, "abc@accord.app");
        assert_eq!(second.uid, first.uid);
        assert_eq!((first.sequence, second.sequence), (1, 4));
        assert_eq!(first.summary, "Session · Ada Lovelace");
        assert_eq!(first.minutes, 45);
        let text = calendar("Sessions", &[second], &[], DEC_1_NINE);
        assert!(text.contains("UID:abc@accord.app\r\n"));
        assert!(text.contains("SEQUENCE:4\r\n"));
    }

    #[test]
    fn cancelled_sessions_are_cancelled_events() {
        let id = RecordId::parse("abc").unwrap();
        for (status, cancelled) in
            [(Status::Cancelled, true), (Status::LateCancelled, true), (Status::Planned, false), (Status::Held, false)]
        {
            let mut s = session();
            s.status = status;
            assert_eq!(event_for(&id, 1, &s, "Ada", DEC_1_NINE).cancelled, cancelled, "{status:?}");
        }
        let mut s = session();
        s.status = Status::Cancelled;
        s.status_note = "Client unwell".into();
        let event = event_for(&id, 2, &s, "Ada", DEC_1_NINE);
        assert_eq!(event.description, "Client unwell");
        let text = calendar("Sessions", &[event], &[], DEC_1_NINE);
        assert!(text.contains("STATUS:CANCELLED\r\n"));
        assert!(text.contains("DESCRIPTION:Client unwell\r\n"));
    }

    #[test]
    fn notes_never_reach_the_calendar() {
        let mut s = session();
        s.notes = Notes { practitioner_private: "P-SECRET".into(), client_private: "C-SECRET".into(), shared: "S-SECRET".into() };
        s.reflection = "R-SECRET".into();
        let event = event_for(&RecordId::parse("abc").unwrap(), 1, &s, "Ada", DEC_1_NINE);
        assert!(!calendar("Sessions", &[event], &[], DEC_1_NINE).contains("SECRET"));
    }

    #[test]
    fn a_reminder_is_an_alarm_ahead_of_the_start_and_none_on_a_cancelled_event() {
        let mut reminded = event("Session");
        reminded.alarm_minutes = Some(60);
        let mut cancelled = reminded.clone();
        cancelled.cancelled = true;
        cancelled.uid = "gone@accord.app".into();
        let text = unfold(&calendar("Sessions", &[reminded, cancelled], &[], DEC_1_NINE));
        assert_eq!(text.matches("BEGIN:VALARM\r\nACTION:DISPLAY\r\nDESCRIPTION:Session\r\nTRIGGER:-PT60M\r\nEND:VALARM\r\n").count(), 1);
    }

    #[test]
    fn actions_and_themes_to_send_are_to_dos_with_stable_uids() {
        use crate::domain::contract::Party;
        use crate::domain::goal::{GoalItem, ItemKind};
        let mut item = GoalItem {
            id: "act-1".into(),
            kind: ItemKind::Action,
            title: "Say no to one meeting".into(),
            owner: Party::Client,
            due: None,
            status: ItemStatus::Open,
            done_on: None,
            weight: 1.0,
            needs_confirmation: false,
            confirmed: false,
            agreed_in: None,
            reviews: Vec::new(),
            check_ins: Vec::new(),
        };
        assert_eq!(todo_for_action(&item), None, "no due date, no to-do");
        item.due = Date::parse("2026-12-10");
        let todo = todo_for_action(&item).unwrap();
        assert_eq!((todo.uid.as_str(), todo.done), ("act-1@accord.app", false));
        item.status = ItemStatus::Done;
        assert!(todo_for_action(&item).unwrap().done);

        let id = RecordId::parse("ses-9").unwrap();
        let mut s = session();
        let themes = themes_todo(&id, &s, "Send your themes".into()).unwrap();
        assert_eq!((themes.uid.as_str(), themes.due.to_string().as_str(), themes.done), ("ses-9-themes@accord.app", "2026-11-29", false));
        s.status = Status::Held;
        assert_eq!(themes_todo(&id, &s, "Send your themes".into()), None, "only for a session still to come");

        let text = unfold(&calendar("Sessions", &[], &[todo, themes], DEC_1_NINE));
        assert!(text.contains("BEGIN:VTODO\r\nUID:act-1@accord.app\r\nDTSTAMP:20261201T090000Z\r\nDUE;VALUE=DATE:20261210\r\nSUMMARY:Say no to one meeting\r\nSTATUS:NEEDS-ACTION\r\nEND:VTODO\r\n"), "{text}");
        assert!(text.contains("DUE;VALUE=DATE:20261129\r\nSUMMARY:Send your themes\r\nSTATUS:NEEDS-ACTION\r\n"));
    }
}
