//! The contract builder's raw input: [`ContractForm`] holds what a person typed or
//! chose, as text and ticks; [`ContractDraft::try_from`] turns it into [`ContractTerms`]
//! and [`Clause`]s, reporting every wrong value at once ([`FieldErrors`]). Values that are
//! merely missing are not errors here: the linter lists them, so a draft can be saved
//! half-done. Values that cannot be right are refused: an end date before the start,
//! zero sessions, a notice period longer than the whole engagement.

use super::clause::{Clause, Element};
use super::terms::*;
use crate::domain::date::Date;
use crate::domain::message::Message;
use crate::domain::validation::{clean_text, optional_number, optional_text, Field, FieldErrors};
use crate::msg;

/// Longest clause text accepted, in characters.
pub const CLAUSE_MAX_CHARS: usize = 5_000;
/// Longest goal or measure accepted, in characters.
pub const GOAL_MAX_CHARS: usize = 300;

/// One goal row as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct GoalForm {
    pub description: String,
    pub success_measure: String,
}

/// One clause as typed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClauseForm {
    pub element: u8,
    pub heading: String,
    pub text: String,
}

/// The builder as typed: choices are their `as_str` values ("" for none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ContractForm {
    pub coaching_type: String,
    pub mentoring_programme: String,
    pub agenda: String,
    pub signposting_prominent: bool,
    pub goals: Vec<GoalForm>,
    pub sponsor_objectives: Vec<GoalForm>,
    pub mode: String,
    pub location: String,
    pub frequency: String,
    pub session_minutes: String,
    pub session_count: String,
    pub start_date: String,
    pub end_date: String,
    pub payer: String,
    pub fee_per_session: String,
    pub currency: String,
    pub cancellation_notice_hours: String,
    pub late_cancellation_counts_as_used: bool,
    /// The `as_str` of every ticked limit.
    pub confidentiality_limits: Vec<String>,
    pub reports_to_sponsor: bool,
    pub report_cadence: String,
    pub report_form: String,
    pub report_author: String,
    pub shares_attendance: bool,
    pub shares_goal_progress: bool,
    pub shares_themes: bool,
    pub client_consent: bool,
    pub contact_between_sessions: String,
    pub code_of_ethics: String,
    pub practitioner_in_supervision: bool,
    pub mid_point_review: bool,
    pub end_review: bool,
    pub review_every_months: String,
    pub three_way_meetings: bool,
    pub notes_retention_months: String,
    pub clauses: Vec<ClauseForm>,
}

fn goal_forms(goals: &[ContractGoal]) -> Vec<GoalForm> {
    goals.iter().map(|g| GoalForm { description: g.description.clone(), success_measure: g.success_measure.clone() }).collect()
}

fn text_of<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

impl ContractForm {
    /// The form filled from saved terms and clauses.
    pub fn from_contract(terms: &ContractTerms, clauses: &[Clause]) -> ContractForm {
        let reporting = terms.sponsor_reporting.clone();
        let usual = SponsorReporting::usual();
        let report = reporting.clone().unwrap_or(usual);
        ContractForm {
            coaching_type: text_of(terms.coaching_type.map(|v| v.as_str())),
            mentoring_programme: text_of(terms.mentoring_programme.map(|v| v.as_str())),
            agenda: terms.agenda.as_str().into(),
            signposting_prominent: terms.signposting_prominent,
            goals: goal_forms(&terms.goals),
            sponsor_objectives: goal_forms(&terms.sponsor_objectives),
            mode: text_of(terms.mode.map(|v| v.as_str())),
            location: terms.location.clone(),
            frequency: text_of(terms.frequency.map(|v| v.as_str())),
            session_minutes: text_of(terms.session_minutes),
            session_count: text_of(terms.session_count),
            start_date: text_of(terms.start_date),
            end_date: text_of(terms.end_date),
            payer: text_of(terms.payer.map(|v| v.as_str())),
            fee_per_session: text_of(terms.fee_per_session),
            currency: terms.currency.clone(),
            cancellation_notice_hours: text_of(terms.cancellation_notice_hours),
            late_cancellation_counts_as_used: terms.late_cancellation_counts_as_used,
            confidentiality_limits: terms.confidentiality_limits.iter().map(|l| l.as_str().to_string()).collect(),
            reports_to_sponsor: reporting.is_some(),
            report_cadence: report.cadence.as_str().into(),
            report_form: report.form.as_str().into(),
            report_author: report.author.as_str().into(),
            shares_attendance: report.shares_attendance,
            shares_goal_progress: report.shares_goal_progress,
            shares_themes: report.shares_themes,
            client_consent: report.client_consent,
            contact_between_sessions: text_of(terms.contact_between_sessions.map(|v| v.as_str())),
            code_of_ethics: text_of(terms.code_of_ethics.map(|v| v.as_str())),
            practitioner_in_supervision: terms.practitioner_in_supervision,
            mid_point_review: terms.mid_point_review,
            end_review: terms.end_review,
            review_every_months: text_of(terms.review_every_months),
            three_way_meetings: terms.three_way_meetings,
            notes_retention_months: text_of(terms.notes_retention_months),
            clauses: clauses
                .iter()
                .map(|c| ClauseForm { element: c.element.number(), heading: c.heading.clone(), text: c.text.clone() })
                .collect(),
        }
    }
}

/// A validated draft: the terms and clauses to save.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ContractDraft {
    pub terms: ContractTerms,
    pub clauses: Vec<Clause>,
}

/// A choice that must be one of a list; empty means "not chosen yet".
fn choice<T>(raw: &str, parse: impl Fn(&str) -> Option<T>, what: Message) -> Result<Option<T>, Message> {
    match raw.trim() {
        "" => Ok(None),
        text => parse(text).map(Some).ok_or_else(|| msg!("Choose {what} from the list.", what = what)),
    }
}

fn date(raw: &str, what: Message) -> Result<Option<Date>, Message> {
    match raw.trim() {
        "" => Ok(None),
        text => Date::parse(text).map(Some).ok_or_else(|| msg!("Enter {what} as a date, such as 2026-12-01.", what = what)),
    }
}

fn goals(rows: &[GoalForm], errors: &mut FieldErrors, sponsor: bool) -> Vec<ContractGoal> {
    let mut goals = Vec::new();
    for (index, row) in rows.iter().enumerate() {
        let i = u8::try_from(index).unwrap_or(u8::MAX);
        let (description_field, measure_field) = if sponsor {
            (Field::SponsorObjective(i), Field::SponsorObjectiveMeasure(i))
        } else {
            (Field::GoalDescription(i), Field::GoalMeasure(i))
        };
        let what = if sponsor { msg!("the objective") } else { msg!("the goal") };
        let description = errors.collect(description_field, optional_text(&row.description, what.clone(), GOAL_MAX_CHARS));
        let measure = errors.collect(measure_field, optional_text(&row.success_measure, msg!("the success measure"), GOAL_MAX_CHARS));
        match (description, measure) {
            (Some(None), Some(None)) => {} // an empty row is dropped
            (Some(None), Some(Some(_))) => errors.push(description_field, msg!("Describe {what} this measure belongs to.", what = what)),
            (Some(Some(description)), Some(measure)) => {
                goals.push(ContractGoal { description, success_measure: measure.unwrap_or_default() });
            }
            _ => {}
        }
    }
    goals
}

impl TryFrom<ContractForm> for ContractDraft {
    type Error = FieldErrors;

    fn try_from(form: ContractForm) -> Result<ContractDraft, FieldErrors> {
        let mut errors = FieldErrors::new();
        let e = &mut errors;
        let coaching_type = e.collect(Field::CoachingType, choice(&form.coaching_type, CoachingType::parse, msg!("a type of coaching")));
        let mentoring_programme =
            e.collect(Field::MentoringProgramme, choice(&form.mentoring_programme, MentoringProgramme::parse, msg!("a programme")));
        let agenda = e.collect(Field::Agenda, choice(&form.agenda, AgendaLead::parse, msg!("who sets the agenda")));
        let goal_list = goals(&form.goals, e, false);
        let objective_list = goals(&form.sponsor_objectives, e, true);
        let mode = e.collect(Field::Mode, choice(&form.mode, SessionMode::parse, msg!("how you meet")));
        let location = e.collect(Field::Location, optional_text(&form.location, msg!("the location"), 200));
        let frequency = e.collect(Field::Frequency, choice(&form.frequency, Frequency::parse, msg!("how often you meet")));
        let session_minutes = e.collect(
            Field::SessionMinutes,
            optional_number::<u16>(&form.session_minutes, msg!("the session length in minutes"), 10, 480, 60),
        );
        let session_count =
            e.collect(Field::SessionCount, optional_number::<u16>(&form.session_count, msg!("the number of sessions"), 1, 500, 6));
        let start_date = e.collect(Field::StartDate, date(&form.start_date, msg!("the start date")));
        let end_date = e.collect(Field::EndDate, date(&form.end_date, msg!("the end date")));
        let payer = e.collect(Field::Payer, choice(&form.payer, Payer::parse, msg!("who pays")));
        let fee = e.collect(Field::Fee, optional_number::<u32>(&form.fee_per_session, msg!("the fee per session"), 0, 1_000_000, 150));
        let currency = clean_text(&form.currency).to_uppercase();
        if !(currency.is_empty() || (currency.len() == 3 && currency.chars().all(|c| c.is_ascii_uppercase()))) {
            e.push(Field::Currency, msg!("Enter the currency as a three-letter code, such as GBP or EUR."));
        }
        let notice = e.collect(
            Field::NoticeHours,
            optional_number::<u16>(&form.cancellation_notice_hours, msg!("the notice period in hours"), 0, 8_760, 48),
        );
        let limits: Vec<ConfidentialityLimit> =
            ConfidentialityLimit::ALL.iter().copied().filter(|l| form.confidentiality_limits.iter().any(|v| v == l.as_str())).collect();
        let cadence = e.collect(Field::ReportCadence, choice(&form.report_cadence, ReportCadence::parse, msg!("how often reports go")));
        let report_form = e.collect(Field::ReportForm, choice(&form.report_form, ReportForm::parse, msg!("the form of reports")));
        let author = e.collect(Field::ReportAuthor, choice(&form.report_author, ReportAuthor::parse, msg!("who writes reports")));
        let contact = e.collect(
            Field::ContactBetweenSessions,
            choice(&form.contact_between_sessions, ContactBetweenSessions::parse, msg!("the contact between sessions")),
        );
        let ethics = e.collect(Field::CodeOfEthics, choice(&form.code_of_ethics, CodeOfEthics::parse, msg!("a code of ethics")));
        let review_every = e.collect(
            Field::ReviewEveryMonths,
            optional_number::<u8>(&form.review_every_months, msg!("the months between reviews"), 1, 24, 3),
        );
        let retention = e.collect(
            Field::RetentionMonths,
            // 0: the notes are due for disposal the day the engagement ends (`domain::retention`).
            optional_number::<u16>(&form.notes_retention_months, msg!("the months notes are kept"), 0, 120, 12),
        );

        let mut clauses = Vec::new();
        for clause in &form.clauses {
            let Some(element) = Element::new(clause.element) else { continue };
            let heading = e.collect(Field::ClauseHeading(clause.element), optional_text(&clause.heading, msg!("the heading"), 120));
            let text = clause.text.trim().to_string();
            let length = text.chars().count();
            if length > CLAUSE_MAX_CHARS {
                e.push(
                    Field::ClauseText(clause.element),
                    msg!(
                        "This clause is {length} characters long. Keep it to {max} characters or fewer.",
                        length = length,
                        max = CLAUSE_MAX_CHARS
                    ),
                );
            }
            if let Some(heading) = heading {
                clauses.push(Clause { element, heading: heading.unwrap_or_else(|| element.title().to_string()), text });
            }
        }

        // Values that cannot be right together.
        if let (Some(Some(start)), Some(Some(end))) = (start_date, end_date) {
            if end < start {
                e.push(Field::EndDate, msg!("The end date ({end}) is before the start date ({start}).", end = end, start = start));
            } else if let Some(Some(hours)) = notice {
                let engagement_hours = (start.days_until(end) + 1) * 24;
                if i64::from(hours) > engagement_hours {
                    e.push(
                        Field::NoticeHours,
                        msg!("The notice period ({hours} hours) is longer than the whole engagement.", hours = hours),
                    );
                }
            }
        }

        if !errors.is_empty() {
            return Err(errors);
        }
        let reporting = form.reports_to_sponsor.then(|| SponsorReporting {
            cadence: cadence.flatten().unwrap_or(ReportCadence::AtReviewPoints),
            form: report_form.flatten().unwrap_or(ReportForm::ThreeWayMeeting),
            author: author.flatten().unwrap_or(ReportAuthor::Client),
            shares_attendance: form.shares_attendance,
            shares_goal_progress: form.shares_goal_progress,
            shares_themes: form.shares_themes,
            client_consent: form.client_consent,
        });
        let terms = ContractTerms {
            coaching_type: coaching_type.flatten(),
            mentoring_programme: mentoring_programme.flatten(),
            agenda: agenda.flatten().unwrap_or(AgendaLead::CoCreated),
            signposting_prominent: form.signposting_prominent,
            goals: goal_list,
            sponsor_objectives: objective_list,
            mode: mode.flatten(),
            location: location.flatten().unwrap_or_default(),
            frequency: frequency.flatten(),
            session_minutes: session_minutes.flatten(),
            session_count: session_count.flatten(),
            start_date: start_date.flatten(),
            end_date: end_date.flatten(),
            payer: payer.flatten(),
            fee_per_session: fee.flatten(),
            currency,
            cancellation_notice_hours: notice.flatten(),
            late_cancellation_counts_as_used: form.late_cancellation_counts_as_used,
            confidentiality_limits: limits,
            sponsor_reporting: reporting,
            contact_between_sessions: contact.flatten(),
            code_of_ethics: ethics.flatten(),
            practitioner_in_supervision: form.practitioner_in_supervision,
            mid_point_review: form.mid_point_review,
            end_review: form.end_review,
            review_every_months: review_every.flatten(),
            three_way_meetings: form.three_way_meetings,
            notes_retention_months: retention.flatten(),
        };
        Ok(ContractDraft { terms, clauses })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::engagement::Kind;

    fn form() -> ContractForm {
        let terms = ContractTerms::preset(Kind::Coaching, false, Date::parse("2026-12-01").unwrap());
        let clauses = vec![Clause::new(Element::NATURE, "Nature", "Coaching, not therapy.")];
        ContractForm::from_contract(&terms, &clauses)
    }

    #[test]
    fn an_unchanged_form_gives_back_the_same_terms_and_clauses() {
        let terms = ContractTerms::preset(Kind::Coaching, true, Date::parse("2026-12-01").unwrap());
        let clauses = vec![Clause::new(Element::NATURE, "Nature", "Coaching, not therapy.")];
        let draft = ContractDraft::try_from(ContractForm::from_contract(&terms, &clauses)).unwrap();
        assert_eq!(draft.terms, terms);
        assert_eq!(draft.clauses, clauses);
    }

    #[test]
    fn an_end_date_before_the_start_is_refused() {
        let mut form = form();
        form.start_date = "2026-12-01".into();
        form.end_date = "2026-11-01".into();
        let errors = ContractDraft::try_from(form).unwrap_err();
        assert_eq!(
            errors.message_for(Field::EndDate).map(ToString::to_string).as_deref(),
            Some("The end date (1 Nov 2026) is before the start date (1 Dec 2026).")
        );
    }

    #[test]
    fn notes_may_be_kept_for_0_months_but_not_for_more_than_ten_years() {
        let mut form = form();
        form.notes_retention_months = "0".into();
        assert_eq!(ContractDraft::try_from(form.clone()).unwrap().terms.notes_retention_months, Some(0), "disposed of when it ends");
        for (bad, message) in [
            ("121", "The months notes are kept must be between 0 and 120."),
            ("-1", "Enter the months notes are kept as a whole number, such as 12."),
            ("a year", "Enter the months notes are kept as a whole number, such as 12."),
        ] {
            form.notes_retention_months = bad.into();
            let errors = ContractDraft::try_from(form.clone()).unwrap_err();
            assert_eq!(errors.message_for(Field::RetentionMonths).map(ToString::to_string).as_deref(), Some(message), "{bad}");
        }
    }

    #[test]
    fn zero_or_negative_session_counts_are_refused() {
        for bad in ["0", "-2"] {
            let mut form = form();
            form.session_count = bad.into();
            let errors = ContractDraft::try_from(form).unwrap_err();
            assert!(errors.message_for(Field::SessionCount).is_some(), "{bad}");
        }
    }

    #[test]
    fn a_notice_period_longer_than_the_engagement_is_refused() {
        let mut form = form();
        form.start_date = "2026-12-01".into();
        form.end_date = "2026-12-02".into();
        form.cancellation_notice_hours = "72".into();
        let errors = ContractDraft::try_from(form).unwrap_err();
        assert_eq!(
            errors.message_for(Field::NoticeHours).map(ToString::to_string).as_deref(),
            Some("The notice period (72 hours) is longer than the whole engagement.")
        );
    }

    #[test]
    fn missing_values_are_allowed_in_a_draft() {
        let mut form = form();
        form.session_count.clear();
        form.start_date.clear();
        form.payer.clear();
        let draft = ContractDraft::try_from(form).unwrap();
        assert_eq!((draft.terms.session_count, draft.terms.start_date, draft.terms.payer), (None, None, None));
    }

    #[test]
    fn empty_goal_rows_are_dropped_and_a_measure_without_a_goal_is_refused() {
        let mut form = form();
        form.goals = vec![
            GoalForm { description: " Lead the merger ".into(), success_measure: "Survey ≥ 4".into() },
            GoalForm::default(),
            GoalForm { description: String::new(), success_measure: "Something".into() },
        ];
        let errors = ContractDraft::try_from(form.clone()).unwrap_err();
        assert_eq!(
            errors.message_for(Field::GoalDescription(2)).map(ToString::to_string).as_deref(),
            Some("Describe the goal this measure belongs to.")
        );
        form.goals.pop();
        let draft = ContractDraft::try_from(form).unwrap();
        assert_eq!(draft.terms.goals, vec![ContractGoal { description: "Lead the merger".into(), success_measure: "Survey ≥ 4".into() }]);
    }

    #[test]
    fn a_choice_not_on_the_list_is_refused() {
        let mut form = form();
        form.mode = "carrier pigeon".into();
        form.currency = "pounds".into();
        let errors = ContractDraft::try_from(form).unwrap_err();
        assert_eq!(errors.message_for(Field::Mode).map(ToString::to_string).as_deref(), Some("Choose how you meet from the list."));
        assert!(errors.message_for(Field::Currency).is_some());
    }

    #[test]
    fn a_very_long_clause_is_refused_with_its_length() {
        let mut form = form();
        form.clauses[0].text = "x".repeat(10_000);
        let errors = ContractDraft::try_from(form).unwrap_err();
        assert_eq!(
            errors.message_for(Field::ClauseText(2)).map(ToString::to_string).as_deref(),
            Some("This clause is 10000 characters long. Keep it to 5000 characters or fewer.")
        );
    }
}
