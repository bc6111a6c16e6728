//! Calendar dates without time zones: [`Date`] parses and prints `YYYY-MM-DD` (the
//! value of an HTML date input), counts days between dates and reads as "23 Nov 2026".

use serde::{Deserialize, Serialize};
use std::fmt;

/// A calendar date (proleptic Gregorian), stored as `YYYY-MM-DD`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        _ => 28,
    }
}

impl Date {
    /// A date, if it exists on the calendar.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        ((1..=9999).contains(&year) && (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)).then_some(Date {
            year,
            month,
            day,
        })
    }

    /// Reads `YYYY-MM-DD`; `None` for anything else or a date that does not exist.
    pub fn year(self) -> i32 {
        self.year
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        self.month
    }

    /// 1 to 31.
    pub fn day(self) -> u8 {
        self.day
    }

    pub fn parse(text: &str) -> Option<Date> {
        let text = text.trim();
        let mut parts = text.splitn(3, '-');
        let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return None;
        }
        Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    }

    /// The date of a Unix timestamp in milliseconds (UTC).
    pub fn from_unix_millis(millis: i64) -> Date {
        Date::from_days(millis.div_euclid(86_400_000))
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    fn from_days(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// This date moved by `days` (negative moves back).
    pub fn add_days(self, days: i64) -> Date {
        Date::from_days(self.days_since_epoch() + days)
    }

    /// This date moved by whole calendar months (negative moves back): the same day of
    /// the month, or the last day of the target month when that is shorter
    /// (2027-01-31 plus one month is 2027-02-28).
    pub fn add_months(self, months: i32) -> Date {
        let index = i64::from(self.year) * 12 + i64::from(self.month) - 1 + i64::from(months);
        let year = index.div_euclid(12) as i32;
        let month = (index.rem_euclid(12) + 1) as u8;
        let day = self.day.min(days_in_month(year, month));
        Date { year, month, day }
    }

    /// Whole days from `self` to `later` (negative if `later` is earlier).
    pub fn days_until(self, later: Date) -> i64 {
        later.days_since_epoch() - self.days_since_epoch()
    }

    /// Monday is 0, Sunday is 6.
    pub fn weekday(self) -> u8 {
        // 1970-01-01 was a Thursday (3).
        (self.days_since_epoch() + 3).rem_euclid(7) as u8
    }

    /// Saturday or Sunday.
    pub fn is_weekend(self) -> bool {
        self.weekday() >= 5
    }

    /// The first day after this one that is Monday to Friday.
    pub fn next_working_day(self) -> Date {
        let mut day = self.add_days(1);
        while day.is_weekend() {
            day = day.add_days(1);
        }
        day
    }

    /// "23 Nov 2026".
    pub fn long(self) -> String {
        format!("{} {} {}", self.day, MONTHS[usize::from(self.month - 1)], self.year)
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl TryFrom<String> for Date {
    type Error = String;
    fn try_from(text: String) -> Result<Self, String> {
        Date::parse(&text).ok_or_else(|| format!("not a date: {text}"))
    }
}

impl From<Date> for String {
    fn from(date: Date) -> String {
        date.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints_iso_dates() {
        let date = Date::parse("2026-11-23").unwrap();
        assert_eq!(date.to_string(), "2026-11-23");
        assert_eq!(date.long(), "23 Nov 2026");
    }

    #[test]
    fn refuses_dates_that_do_not_exist_or_are_malformed() {
        for text in ["2026-02-29", "2026-13-01", "2026-00-10", "26-11-23", "2026/11/23", "", "tomorrow"] {
            assert_eq!(Date::parse(text), None, "{text}");
        }
        assert!(Date::parse("2028-02-29").is_some());
    }

    #[test]
    fn counts_days_across_months_and_leap_years() {
        let start = Date::parse("2028-02-01").unwrap();
        assert_eq!(start.days_until(Date::parse("2028-03-01").unwrap()), 29);
        assert_eq!(start.add_days(29).to_string(), "2028-03-01");
        assert_eq!(Date::parse("2026-12-31").unwrap().add_days(1).to_string(), "2027-01-01");
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
    }

    #[test]
    fn adds_months_keeping_the_day_or_the_last_day_of_a_shorter_month() {
        let day = |text: &str| Date::parse(text).unwrap();
        assert_eq!(day("2027-01-31").add_months(1), day("2027-02-28"));
        assert_eq!(day("2028-01-31").add_months(1), day("2028-02-29"));
        assert_eq!(day("2026-11-15").add_months(2), day("2027-01-15"));
        assert_eq!(day("2027-01-31").add_months(2), day("2027-03-31"));
        assert_eq!(day("2027-03-31").add_months(-1), day("2027-02-28"));
        assert_eq!(day("2026-12-10").add_months(12), day("2027-12-10"));
    }

    #[test]
    fn reads_the_date_of_a_timestamp() {
        assert_eq!(Date::from_unix_millis(1_795_392_000_000).to_string(), "2026-11-23");
    }

    #[test]
    fn serialises_as_iso_text() {
        let date = Date::parse("2026-11-23").unwrap();
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2026-11-23\"");
        assert_eq!(serde_json::from_str::<Date>("\"2026-11-23\"").unwrap(), date);
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn weekdays_weekends_and_the_next_working_day() {
        let day = |text: &str| Date::parse(text).unwrap();
        assert_eq!(day("2026-12-06").weekday(), 6, "6 Dec 2026 is a Sunday");
        assert_eq!(day("2026-12-07").weekday(), 0, "a Monday");
        assert_eq!(day("2028-02-29").weekday(), 1, "29 Feb 2028 is a Tuesday");
        assert!(day("2026-12-05").is_weekend() && day("2026-12-06").is_weekend() && !day("2026-12-04").is_weekend());
        assert_eq!(day("2026-12-06").next_working_day(), day("2026-12-07"), "Sunday → Monday");
        assert_eq!(day("2026-12-04").next_working_day(), day("2026-12-07"), "Friday → Monday");
        assert_eq!(day("2026-12-07").next_working_day(), day("2026-12-08"), "Monday → Tuesday");
        assert_eq!(day("2027-12-31").next_working_day(), day("2028-01-03"), "over New Year's weekend");
    }
}
