//! [`Reminder`]: how long before a session the person's calendar reminds them, as they
//! choose it for the calendar file (`super::ics`), and [`reminder_problem`], which refuses
//! a reminder longer than the gap between two sessions.

use crate::domain::message::{Arg, Message};
use crate::msg;

crate::domain::choice::choice_enum!(
    /// How long before a session the calendar reminds, as the person chooses it.
    Reminder {
        None => "none", "No reminder";
        QuarterHour => "15", "15 minutes before";
        Hour => "60", "1 hour before";
        Day => "1440", "1 day before";
    }
);

impl Reminder {
    /// The lead time in minutes, or `None` for no reminder.
    pub fn minutes(self) -> Option<u32> {
        match self {
            Reminder::None => None,
            Reminder::QuarterHour => Some(15),
            Reminder::Hour => Some(60),
            Reminder::Day => Some(1_440),
        }
    }
}

/// A reminder longer than the time between the starts of two planned sessions would ring
/// for the later one before the earlier one has begun: say so, so the person chooses a
/// shorter one. `starts` are in UTC milliseconds.
pub fn reminder_problem(reminder: Reminder, starts: &[i64]) -> Option<Message> {
    let lead = i64::from(reminder.minutes()?);
    let mut sorted = starts.to_vec();
    sorted.sort();
    let gap = sorted.windows(2).map(|w| (w[1] - w[0]) / 60_000).min()?;
    (lead > gap).then(|| {
        msg!(
            "A reminder {reminder} is longer than the {gap} minutes between the starts of two of these sessions. Choose a shorter reminder.",
            reminder = Arg::LabelInSentence(reminder.label()),
            gap = gap.max(0)
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2026-12-01 09:00 UTC.
    const DEC_1_NINE: i64 = 1_796_115_600_000;

    #[test]
    fn a_reminder_is_its_minutes_ahead() {
        assert_eq!(Reminder::None.minutes(), None);
        assert_eq!(Reminder::parse("1440"), Some(Reminder::Day));
        assert_eq!(Reminder::QuarterHour.minutes(), Some(15));
    }

    #[test]
    fn a_reminder_longer_than_the_gap_between_two_sessions_is_refused() {
        let hour = 3_600_000;
        // 09:00-10:00, then 12:00: three hours between the starts.
        let starts = [DEC_1_NINE + 3 * hour, DEC_1_NINE];
        assert_eq!(reminder_problem(Reminder::Hour, &starts), None);
        assert_eq!(
            reminder_problem(Reminder::Day, &starts).unwrap().to_string(),
            "A reminder 1 day before is longer than the 180 minutes between the starts of two of these sessions. Choose a shorter reminder."
        );
        assert_eq!(reminder_problem(Reminder::None, &starts), None);
        // Back to back, an hour apart: an hour ahead still rings before the first begins.
        assert_eq!(reminder_problem(Reminder::Hour, &[DEC_1_NINE, DEC_1_NINE + hour]), None);
        assert!(reminder_problem(Reminder::Hour, &[DEC_1_NINE, DEC_1_NINE + hour / 2]).is_some());
        assert_eq!(reminder_problem(Reminder::Day, &starts[..1]), None, "one session has no gap");
    }
}
