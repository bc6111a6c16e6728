//! [`ContractTerms`]: the structured data of a contract (programme type, goals,
//! logistics, fees, cancellation, confidentiality limits, sponsor reporting, contact,
//! ethics, review points, note retention). Clause text is bound to these values through
//! merge fields, so the words and the data can never disagree.
//!
//! [`ContractTerms::preset`] fills the defaults a practitioner expects for coaching or
//! mentoring; every value stays editable. The option enums each have `ALL`, `as_str`,
//! `parse` and `label`, so forms and storage share one spelling.

use serde::{Deserialize, Serialize};

use crate::domain::date::Date;
use crate::domain::engagement::Kind;
use crate::domain::message::Message;
use crate::msg;

use crate::domain::choice::choice_enum;

choice_enum!(
    /// Element 3 for coaching.
    CoachingType {
        Behavioural => "behavioural", "Behavioural coaching";
        Performance => "performance", "Performance coaching";
        Leadership => "leadership", "Leadership coaching";
        Executive => "executive", "Executive coaching";
        Career => "career", "Career coaching";
    }
);

choice_enum!(
    /// Element 3 for mentoring.
    MentoringProgramme {
        Developmental => "developmental", "Developmental mentoring";
        Career => "career", "Career mentoring";
        Onboarding => "onboarding", "Onboarding mentoring";
        Reverse => "reverse", "Reverse mentoring";
        Peer => "peer", "Peer mentoring";
    }
);

choice_enum!(
    /// Who sets each session's agenda.
    AgendaLead {
        CoCreated => "co_created", "Co-created at the start of each session";
        ClientLed => "client_led", "Led by the client or mentee, who sends themes ahead";
        PractitionerLed => "practitioner_led", "Proposed by the coach or mentor";
    }
);

choice_enum!(
    SessionMode {
        InPerson => "in_person", "In person";
        Video => "video", "Video call";
        Phone => "phone", "Phone";
        Mixed => "mixed", "A mix of in person and video";
    }
);

choice_enum!(
    Frequency {
        Weekly => "weekly", "Every week";
        Fortnightly => "fortnightly", "Every two weeks";
        EveryThreeWeeks => "every_three_weeks", "Every three weeks";
        Monthly => "monthly", "Every month";
        EveryTwoMonths => "every_two_months", "Every two months";
    }
);

impl Frequency {
    /// Days between sessions, roughly.
    pub fn interval_days(self) -> i64 {
        match self {
            Frequency::Weekly => 7,
            Frequency::Fortnightly => 14,
            Frequency::EveryThreeWeeks => 21,
            Frequency::Monthly => 30,
            Frequency::EveryTwoMonths => 61,
        }
    }
}

choice_enum!(
    /// Who pays for the sessions.
    Payer {
        Client => "client", "The client or mentee";
        Sponsor => "sponsor", "The sponsor";
        NoFee => "no_fee", "No one: there is no fee";
    }
);

choice_enum!(
    /// Element 8: situations in which confidentiality may be broken.
    ConfidentialityLimit {
        RiskOfHarm => "risk_of_harm", "A serious risk of harm to the client or to others";
        IllegalActivity => "illegal_activity", "Disclosure of serious illegal activity";
        LegalOrder => "legal_order", "A court order or other legal requirement";
        Safeguarding => "safeguarding", "Safeguarding concerns about a child or vulnerable adult";
    }
);

choice_enum!(
    ReportCadence {
        AtReviewPoints => "at_review_points", "At the review points only";
        Monthly => "monthly", "Monthly";
        Quarterly => "quarterly", "Quarterly";
    }
);

choice_enum!(
    ReportForm {
        ThreeWayMeeting => "three_way_meeting", "In a three-way meeting";
        WrittenSummary => "written_summary", "As a short written summary";
        Both => "both", "A written summary discussed in a three-way meeting";
    }
);

choice_enum!(
    ReportAuthor {
        Client => "client", "The client";
        Practitioner => "practitioner", "The coach or mentor, reviewed by the client";
        Jointly => "jointly", "The client and the coach or mentor together";
    }
);

choice_enum!(
    /// Element 10.
    ContactBetweenSessions {
        NoContact => "none", "No contact between sessions";
        LogisticsOnly => "logistics_only", "Messages about arrangements only";
        ShortCheckIns => "short_check_ins", "Short check-ins by message, answered within two working days";
    }
);

choice_enum!(
    /// Element 12.
    CodeOfEthics {
        Emcc => "emcc", "the EMCC Global Code of Ethics";
        Icf => "icf", "the ICF Code of Ethics";
    }
);

/// Element 9: what may be reported to the sponsor, and how.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorReporting {
    pub cadence: ReportCadence,
    pub form: ReportForm,
    pub author: ReportAuthor,
    pub shares_attendance: bool,
    pub shares_goal_progress: bool,
    pub shares_themes: bool,
    /// The client sees and approves every report before it goes to the sponsor.
    pub client_consent: bool,
}

impl SponsorReporting {
    /// What the practitioner would usually agree with a sponsor.
    pub fn usual() -> SponsorReporting {
        SponsorReporting {
            cadence: ReportCadence::AtReviewPoints,
            form: ReportForm::ThreeWayMeeting,
            author: ReportAuthor::Client,
            shares_attendance: true,
            shares_goal_progress: true,
            shares_themes: false,
            client_consent: true,
        }
    }
}

/// A goal as agreed in the contract: what and how success will be known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractGoal {
    pub description: String,
    /// How success will be known. Empty until agreed.
    #[serde(default)]
    pub success_measure: String,
}

/// Everything structured in a contract. `None` means "not decided yet": the linter says
/// what is still missing; the form refuses only values that are wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractTerms {
    pub coaching_type: Option<CoachingType>,
    pub mentoring_programme: Option<MentoringProgramme>,
    pub agenda: AgendaLead,
    pub signposting_prominent: bool,
    pub goals: Vec<ContractGoal>,
    /// The sponsor's objectives, kept apart from the client's own goals.
    pub sponsor_objectives: Vec<ContractGoal>,
    pub mode: Option<SessionMode>,
    pub location: String,
    pub frequency: Option<Frequency>,
    pub session_minutes: Option<u16>,
    pub session_count: Option<u16>,
    pub start_date: Option<Date>,
    pub end_date: Option<Date>,
    pub payer: Option<Payer>,
    /// Whole currency units per session, e.g. 150.
    pub fee_per_session: Option<u32>,
    /// ISO currency code, e.g. "GBP".
    pub currency: String,
    pub cancellation_notice_hours: Option<u16>,
    pub late_cancellation_counts_as_used: bool,
    pub confidentiality_limits: Vec<ConfidentialityLimit>,
    pub sponsor_reporting: Option<SponsorReporting>,
    pub contact_between_sessions: Option<ContactBetweenSessions>,
    pub code_of_ethics: Option<CodeOfEthics>,
    pub practitioner_in_supervision: bool,
    pub mid_point_review: bool,
    pub end_review: bool,
    /// Periodic reviews, e.g. every 3 months in mentoring.
    pub review_every_months: Option<u8>,
    /// Start, mid-point and end meetings with the sponsor.
    pub three_way_meetings: bool,
    pub notes_retention_months: Option<u16>,
}

impl ContractTerms {
    /// The defaults for a new contract: coaching runs weeks to months with a mid-point
    /// review and a co-created agenda; mentoring runs months to years with periodic
    /// reviews, a mentee-led agenda and prominent signposting.
    pub fn preset(kind: Kind, three_way: bool, today: Date) -> ContractTerms {
        let coaching = kind == Kind::Coaching;
        ContractTerms {
            coaching_type: None,
            mentoring_programme: None,
            agenda: if coaching { AgendaLead::CoCreated } else { AgendaLead::ClientLed },
            signposting_prominent: !coaching,
            goals: Vec::new(),
            sponsor_objectives: Vec::new(),
            mode: Some(SessionMode::Video),
            location: String::new(),
            frequency: Some(if coaching { Frequency::Fortnightly } else { Frequency::Monthly }),
            session_minutes: Some(if coaching { 60 } else { 75 }),
            session_count: Some(if coaching { 6 } else { 12 }),
            start_date: Some(today),
            end_date: Some(today.add_days(if coaching { 91 } else { 365 })),
            payer: if three_way { Some(Payer::Sponsor) } else { None },
            fee_per_session: None,
            currency: "GBP".into(),
            cancellation_notice_hours: Some(48),
            late_cancellation_counts_as_used: true,
            confidentiality_limits: vec![
                ConfidentialityLimit::RiskOfHarm,
                ConfidentialityLimit::IllegalActivity,
                ConfidentialityLimit::LegalOrder,
            ],
            sponsor_reporting: three_way.then(SponsorReporting::usual),
            contact_between_sessions: Some(ContactBetweenSessions::LogisticsOnly),
            code_of_ethics: None,
            practitioner_in_supervision: true,
            mid_point_review: coaching,
            end_review: true,
            review_every_months: if coaching { None } else { Some(3) },
            three_way_meetings: three_way,
            notes_retention_months: Some(12),
        }
    }

    /// Days from start to end, if both are set.
    pub fn duration_days(&self) -> Option<i64> {
        Some(self.start_date?.days_until(self.end_date?))
    }

    /// Contracted time in clock hours (45 minutes = 0.75 h).
    pub fn total_hours(&self) -> Option<f64> {
        Some(f64::from(self.session_count?) * f64::from(self.session_minutes?) / 60.0)
    }

    /// Days the sessions need at the chosen frequency (first to last session).
    pub fn days_needed_for_sessions(&self) -> Option<i64> {
        Some(i64::from(self.session_count?.saturating_sub(1)) * self.frequency?.interval_days())
    }
}

/// "12 weeks", "1 year", "45 days": a duration in the words people use.
pub fn duration_words(days: i64) -> String {
    duration_message(days).to_string()
}

/// [`duration_words`] as a message, for the screen.
pub fn duration_message(days: i64) -> Message {
    if days > 0 && days % 7 == 0 && days <= 182 {
        match days / 7 {
            1 => msg!("1 week"),
            n => msg!("{n} weeks", n = n),
        }
    } else if days >= 360 && days % 365 < 7 {
        match (days + 7) / 365 {
            1 => msg!("1 year"),
            n => msg!("{n} years", n = n),
        }
    } else if days >= 56 && days % 30 < 3 && days < 360 {
        match days / 30 {
            1 => msg!("1 month"),
            n => msg!("{n} months", n = n),
        }
    } else {
        match days {
            1 => msg!("1 day"),
            n => msg!("{n} days", n = n),
        }
    }
}

/// The start date a new contract suggests on `today`: the next working day (Monday to
/// Friday), so a series planned from it starts neither in the past nor on a weekend.
pub fn suggested_start(today: Date) -> Date {
    today.next_working_day()
}

/// "1 hour", "0.75 hours", "9 hours".
pub fn hours_words(hours: f64) -> String {
    hours_message(hours).to_string()
}

/// [`hours_words`] as a message, for the screen.
pub fn hours_message(hours: f64) -> Message {
    if crate::domain::message::amount(hours) == "1" {
        msg!("1 hour")
    } else {
        msg!("{hours} hours", hours = crate::domain::message::Arg::Amount(hours))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::parse("2026-11-23").unwrap()
    }

    #[test]
    fn coaching_preset_is_weeks_to_months_with_a_mid_point_review() {
        let terms = ContractTerms::preset(Kind::Coaching, false, today());
        assert_eq!(terms.duration_days(), Some(91));
        assert!(terms.mid_point_review);
        assert_eq!(terms.agenda, AgendaLead::CoCreated);
        assert!(!terms.signposting_prominent);
        assert_eq!(terms.sponsor_reporting, None);
    }

    #[test]
    fn mentoring_preset_is_a_year_mentee_led_with_periodic_reviews_and_signposting() {
        let terms = ContractTerms::preset(Kind::Mentoring, false, today());
        assert_eq!(terms.duration_days(), Some(365));
        assert_eq!(terms.agenda, AgendaLead::ClientLed);
        assert!(terms.signposting_prominent);
        assert_eq!(terms.review_every_months, Some(3));
        assert!(!terms.mid_point_review);
    }

    #[test]
    fn a_three_way_preset_has_a_reporting_rule_and_three_way_meetings() {
        let terms = ContractTerms::preset(Kind::Coaching, true, today());
        assert!(terms.sponsor_reporting.as_ref().is_some_and(|r| r.client_consent));
        assert!(terms.three_way_meetings);
        assert_eq!(terms.payer, Some(Payer::Sponsor));
    }

    #[test]
    fn hours_are_clock_hours() {
        let mut terms = ContractTerms::preset(Kind::Coaching, false, today());
        terms.session_minutes = Some(45);
        terms.session_count = Some(1);
        assert_eq!(terms.total_hours(), Some(0.75));
        assert_eq!(hours_words(0.75), "0.75 hours");
        assert_eq!(hours_words(9.0), "9 hours");
        assert_eq!(hours_words(1.0), "1 hour");
    }

    #[test]
    fn durations_read_naturally() {
        assert_eq!(duration_words(91), "13 weeks");
        assert_eq!(duration_words(365), "1 year");
        assert_eq!(duration_words(90), "3 months");
        assert_eq!(duration_words(10), "10 days");
    }

    #[test]
    fn choices_round_trip_through_their_values() {
        for mode in SessionMode::ALL {
            assert_eq!(SessionMode::parse(mode.as_str()), Some(*mode));
        }
        assert_eq!(CodeOfEthics::parse("icf"), Some(CodeOfEthics::Icf));
        assert_eq!(Payer::parse("nobody"), None);
    }
}
