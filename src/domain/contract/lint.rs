//! The contract linter: [`lint`] checks a draft against the elements of a complete contract
//! (docs/domain.md §3) and returns a [`Finding`] for every element that is missing or weak.
//!
//! Each finding has a [`Severity`] and says where it is fixed ([`FixIn`]): the field or clause
//! of the contract builder (by its [`Field`], whose id the builder's input carries), or, for
//! the practitioner's accreditation, the engagement's details. `Missing` blocks proposing ([`super::Contract::proposed`]
//! refuses while any is left); `Incomplete` should be settled before anyone agrees; `Advice` is
//! usual good practice the parties may knowingly leave out. A message is one plain line ending
//! with its element, e.g. "No limits of confidentiality stated (element 8)". Findings come most
//! severe first, then by element number; the same message never appears twice.
//!
//! "A clause for element N" means a clause of that element whose text is not blank.
//!
//! | Element    | Rule                                                             | Severity   |
//! |------------|------------------------------------------------------------------|------------|
//! | 1          | no clause for element 1                                          | Missing    |
//! | 1          | practitioner has no accreditation                                | Advice     |
//! | 2          | no clause for element 2                                          | Missing    |
//! | 2          | clause does not say it is not therapy, counselling or consulting | Advice     |
//! | 3          | no coaching type / mentoring programme chosen                    | Incomplete |
//! | 4          | no goals                                                         | Missing    |
//! | 4          | a goal without a description or without a success measure        | Incomplete |
//! | 4          | three-way without sponsor objectives                             | Advice     |
//! | 5          | no start date, end date, number of sessions or session length    | Missing    |
//! | 5          | end date before start date                                       | Missing    |
//! | 5          | no mode, no frequency, or in person without a location           | Incomplete |
//! | 5          | the sessions need longer than the engagement lasts               | Advice     |
//! | 6          | nobody named to pay                                              | Missing    |
//! | 6          | a paid contract without a fee; sponsor pays but no sponsor       | Incomplete |
//! | 6          | no clause for element 6                                          | Incomplete |
//! | 7          | no notice period for cancelling                                  | Missing    |
//! | 7          | notice period longer than the engagement; no clause              | Incomplete |
//! | 8          | no limits of confidentiality; no clause                          | Missing    |
//! | 9          | three-way without a reporting rule or without a clause           | Missing    |
//! | 9          | three-way reports that skip the client's approval                | Incomplete |
//! | 10         | contact between sessions not agreed                              | Incomplete |
//! | 11         | no clause for element 11                                         | Missing    |
//! | 12         | no code of ethics; no clause                                     | Missing    |
//! | 12         | practitioner not in supervision                                  | Advice     |
//! | 13         | no end review; three-way without three-way meetings              | Incomplete |
//! | 13         | mentoring with no review between start and end                   | Incomplete |
//! | 13         | coaching without a mid-point review                              | Advice     |
//! | 14, 15, 17 | no clause (changing the contract, ending, complaints)            | Missing    |
//! | 16         | no retention period for notes; no clause                         | Incomplete |
//! | 18         | no clause for element 18                                         | Incomplete |
//! | any        | a clause uses a merge field that does not exist                  | Incomplete |
//!
//! Element 19 (every party's dated agreement) is the workflow's job, not the linter's: see
//! [`super::Contract::agreed_by`]. The linter never panics, whatever the data: forms refuse
//! most bad values, but a contract can also arrive in a file from another device.

use serde::{Deserialize, Serialize};

use super::clause::{Clause, Element};
use super::merge::{render, MergeData};
use super::parties::{Accreditation, Parties};
use super::terms::{duration_message as duration_words, ContractTerms, Payer, SessionMode};
use crate::domain::engagement::Kind;
use crate::domain::message::{Arg, Message};
use crate::domain::validation::Field;
use crate::msg;

/// How much a finding matters, most severe first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// A required element is absent: the contract cannot be proposed.
    Missing,
    /// The element is there but lacks something to settle before anyone agrees.
    Incomplete,
    /// Usual good practice that the parties may knowingly leave out.
    Advice,
}

impl Severity {
    /// The word shown to people.
    pub fn label(self) -> &'static str {
        match self {
            Severity::Missing => "Missing",
            Severity::Incomplete => "Incomplete",
            Severity::Advice => "Advice",
        }
    }
}

/// One thing the linter found: which element, how much it matters, what is wrong, in one
/// line that ends with the element's number, and where to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    pub element: Element,
    pub severity: Severity,
    pub message: Message,
    pub fix: FixIn,
}

/// Where a finding is fixed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixIn {
    /// A field or clause of the contract builder.
    Contract(Field),
    /// A field of the engagement's details (the parties), outside the builder.
    Engagement(Field),
}

impl From<Field> for FixIn {
    fn from(field: Field) -> FixIn {
        FixIn::Contract(field)
    }
}

/// The builder's text for the clause of `element`.
fn clause_of(element: Element) -> Field {
    Field::ClauseText(element.number())
}

/// Every missing or weak element, most severe first, then by element number.
pub fn lint(parties: &Parties, terms: &ContractTerms, clauses: &[Clause]) -> Vec<Finding> {
    let mut check = Check { parties, terms, clauses, findings: Vec::new() };
    check.parties_and_roles();
    check.nature_of_relationship();
    check.programme_type();
    check.goals();
    check.logistics();
    check.fees();
    check.cancellation();
    check.confidentiality();
    check.sponsor_reporting();
    check.contact_between_sessions();
    check.client_responsibilities();
    check.practitioner_responsibilities();
    check.review_points();
    check.changing_the_contract();
    check.ending();
    check.notes_and_data();
    check.complaints();
    check.disclaimers();
    check.merge_fields();
    let mut findings = check.findings;
    // A stable sort: within one severity and element, findings keep the order of the rules.
    findings.sort_by_key(|finding| (finding.severity, finding.element));
    findings
}

/// Words that show a nature clause says what the relationship is not ("therap" also matches
/// "therapist", "counsel" also matches the US "counseling", "consult" matches "consultancy").
const NOT_THIS_RELATIONSHIP: [&str; 3] = ["therap", "counsel", "consult"];

/// One run of the linter: the contract being checked and what was found so far.
struct Check<'a> {
    parties: &'a Parties,
    terms: &'a ContractTerms,
    clauses: &'a [Clause],
    findings: Vec<Finding>,
}

impl<'a> Check<'a> {
    /// Records a finding, adding the element citation; a message already found is skipped.
    fn report(&mut self, element: Element, severity: Severity, fix: FixIn, what: Message) {
        let message = msg!("{what} (element {n})", what = what, n = element.number());
        if !self.findings.iter().any(|finding| finding.message == message) {
            self.findings.push(Finding { element, severity, message, fix });
        }
    }

    fn missing(&mut self, element: Element, fix: impl Into<FixIn>, what: Message) {
        self.report(element, Severity::Missing, fix.into(), what);
    }

    fn incomplete(&mut self, element: Element, fix: impl Into<FixIn>, what: Message) {
        self.report(element, Severity::Incomplete, fix.into(), what);
    }

    fn advice(&mut self, element: Element, fix: impl Into<FixIn>, what: Message) {
        self.report(element, Severity::Advice, fix.into(), what);
    }

    /// The clauses covering `element` that have some text.
    fn clauses_for(&self, element: Element) -> impl Iterator<Item = &'a Clause> {
        self.clauses.iter().filter(move |clause| clause.element == element && !clause.text.trim().is_empty())
    }

    fn has_clause(&self, element: Element) -> bool {
        self.clauses_for(element).next().is_some()
    }

    /// "client" or "mentee", inside a sentence.
    fn client_role(&self) -> Arg {
        Arg::LabelInSentence(self.parties.kind.client_role())
    }

    /// "coach" or "mentor", inside a sentence.
    fn practitioner_role(&self) -> Arg {
        Arg::LabelInSentence(self.parties.kind.practitioner_role())
    }

    /// Element 1.
    fn parties_and_roles(&mut self) {
        let element = Element::PARTIES;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause names the parties and their roles"));
        }
        if self.parties.accreditation == Accreditation::None {
            self.advice(
                element,
                FixIn::Engagement(Field::Accreditation),
                msg!("No accreditation recorded for the {role}", role = self.practitioner_role()),
            );
        }
    }

    /// Element 2.
    fn nature_of_relationship(&mut self) {
        let element = Element::NATURE;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause says what kind of relationship this is"));
            return;
        }
        let says_what_it_is_not = self.clauses_for(element).any(|clause| {
            let text = clause.text.to_lowercase();
            NOT_THIS_RELATIONSHIP.iter().any(|word| text.contains(word))
        });
        if !says_what_it_is_not {
            self.advice(element, clause_of(element), msg!("Say what this relationship is not, such as therapy or consultancy"));
        }
    }

    /// Element 3.
    fn programme_type(&mut self) {
        let element = Element::PROGRAMME;
        match self.parties.kind {
            Kind::Coaching if self.terms.coaching_type.is_none() => {
                self.incomplete(element, Field::CoachingType, msg!("No type of coaching chosen"));
            }
            Kind::Mentoring if self.terms.mentoring_programme.is_none() => {
                self.incomplete(element, Field::MentoringProgramme, msg!("No type of mentoring programme chosen"));
            }
            _ => {}
        }
    }

    /// Element 4.
    fn goals(&mut self) {
        let element = Element::GOALS;
        let terms = self.terms;
        if terms.goals.is_empty() {
            self.missing(element, Field::Goals, msg!("No goals agreed yet"));
        }
        for (index, goal) in terms.goals.iter().enumerate() {
            let row = u8::try_from(index).unwrap_or(u8::MAX);
            let description = goal.description.trim();
            if description.is_empty() {
                self.incomplete(element, Field::GoalDescription(row), msg!("Goal {n} has no description", n = index + 1));
            }
            if goal.success_measure.trim().is_empty() {
                let message = if description.is_empty() {
                    msg!("Goal {n} has no success measure", n = index + 1)
                } else {
                    msg!("Goal “{goal}” has no success measure", goal = description)
                };
                self.incomplete(element, Field::GoalMeasure(row), message);
            }
        }
        if self.parties.is_three_way() && terms.sponsor_objectives.is_empty() {
            self.advice(
                element,
                Field::SponsorObjectives,
                msg!("No sponsor objectives recorded; they are kept apart from the {role}'s own goals", role = self.client_role()),
            );
        }
    }

    /// Element 5.
    fn logistics(&mut self) {
        let element = Element::LOGISTICS;
        let terms = self.terms;
        if terms.start_date.is_none() {
            self.missing(element, Field::StartDate, msg!("No start date given"));
        }
        if terms.end_date.is_none() {
            self.missing(element, Field::EndDate, msg!("No end date given"));
        }
        if terms.duration_days().is_some_and(|days| days < 0) {
            self.missing(element, Field::EndDate, msg!("The end date is before the start date"));
        }
        if terms.session_count.unwrap_or(0) == 0 {
            self.missing(element, Field::SessionCount, msg!("No number of sessions given"));
        }
        if terms.session_minutes.unwrap_or(0) == 0 {
            self.missing(element, Field::SessionMinutes, msg!("No length of a session given"));
        }
        match terms.mode {
            None => self.incomplete(element, Field::Mode, msg!("Not yet chosen whether sessions are in person, by video or by phone")),
            Some(SessionMode::InPerson | SessionMode::Mixed) if terms.location.trim().is_empty() => {
                self.incomplete(element, Field::Location, msg!("No location given for in-person sessions"));
            }
            Some(_) => {}
        }
        if terms.frequency.is_none() {
            self.incomplete(element, Field::Frequency, msg!("No frequency of sessions chosen"));
        }
        self.sessions_fit_the_dates();
    }

    /// Element 5: at the chosen frequency, the sessions should fit between start and end.
    fn sessions_fit_the_dates(&mut self) {
        let terms = self.terms;
        let (Some(count), Some(frequency), Some(needed), Some(lasts)) =
            (terms.session_count, terms.frequency, terms.days_needed_for_sessions(), terms.duration_days())
        else {
            return;
        };
        // An end before the start is reported on its own; an engagement without sessions needs no time.
        if lasts < 0 || needed <= lasts {
            return;
        }
        let engagement = if lasts == 0 {
            msg!("the engagement starts and ends on the same day")
        } else {
            msg!("the engagement lasts {duration}", duration = duration_words(lasts))
        };
        self.advice(
            Element::LOGISTICS,
            Field::Frequency,
            msg!(
                "{count} sessions {frequency} need about {needed}; {engagement}",
                count = count,
                frequency = Arg::LabelInSentence(frequency.label()),
                needed = duration_words(needed),
                engagement = engagement
            ),
        );
    }

    /// Element 6.
    fn fees(&mut self) {
        let element = Element::FEES;
        let terms = self.terms;
        match terms.payer {
            None => self.missing(element, Field::Payer, msg!("Who pays is not stated")),
            Some(Payer::Client | Payer::Sponsor) if terms.fee_per_session.is_none() => {
                self.incomplete(element, Field::Fee, msg!("No fee per session stated"));
            }
            Some(_) => {}
        }
        if terms.payer == Some(Payer::Sponsor) && self.parties.sponsor.is_none() {
            self.incomplete(element, Field::Payer, msg!("The sponsor pays, but no sponsor is recorded"));
        }
        if !self.has_clause(element) {
            self.incomplete(element, clause_of(element), msg!("No clause about fees and who pays"));
        }
    }

    /// Element 7.
    fn cancellation(&mut self) {
        let element = Element::CANCELLATION;
        let terms = self.terms;
        match (terms.cancellation_notice_hours, terms.duration_days()) {
            (None, _) => self.missing(element, Field::NoticeHours, msg!("No notice period for cancelling a session")),
            (Some(hours), Some(days)) if days >= 0 && i64::from(hours) > days * 24 => {
                self.incomplete(
                    element,
                    Field::NoticeHours,
                    msg!("The notice period for cancelling ({hours} hours) is longer than the whole engagement", hours = hours),
                );
            }
            (Some(_), _) => {}
        }
        if !self.has_clause(element) {
            self.incomplete(element, clause_of(element), msg!("No clause about cancelling or moving a session"));
        }
    }

    /// Element 8.
    fn confidentiality(&mut self) {
        let element = Element::CONFIDENTIALITY;
        if self.terms.confidentiality_limits.is_empty() {
            self.missing(element, Field::ConfidentialityLimits, msg!("No limits of confidentiality stated"));
        }
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause about confidentiality"));
        }
    }

    /// Element 9: only a three-way contract reports to a sponsor.
    fn sponsor_reporting(&mut self) {
        let element = Element::SPONSOR_REPORTING;
        if !self.parties.is_three_way() {
            return;
        }
        match &self.terms.sponsor_reporting {
            None => self.missing(
                element,
                Field::ReportsToSponsor,
                msg!("A three-way contract needs a rule on what may be reported to the sponsor"),
            ),
            Some(reporting) if !reporting.client_consent => {
                self.incomplete(
                    element,
                    Field::ClientConsent,
                    msg!("Reports to the sponsor do not need the {role}'s approval", role = self.client_role()),
                );
            }
            Some(_) => {}
        }
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause says what may be reported to the sponsor"));
        }
    }

    /// Element 10.
    fn contact_between_sessions(&mut self) {
        if self.terms.contact_between_sessions.is_none() {
            self.incomplete(Element::CONTACT, Field::ContactBetweenSessions, msg!("Contact between sessions is not agreed"));
        }
    }

    /// Element 11.
    fn client_responsibilities(&mut self) {
        let element = Element::CLIENT_RESPONSIBILITIES;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No responsibilities stated for the {role}", role = self.client_role()));
        }
    }

    /// Element 12.
    fn practitioner_responsibilities(&mut self) {
        let element = Element::PRACTITIONER_RESPONSIBILITIES;
        if self.terms.code_of_ethics.is_none() {
            self.missing(element, Field::CodeOfEthics, msg!("No code of ethics named"));
        }
        if !self.terms.practitioner_in_supervision {
            self.advice(
                element,
                Field::InSupervision,
                msg!("The {role} is not in supervision, which codes of ethics expect", role = self.practitioner_role()),
            );
        }
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No responsibilities stated for the {role}", role = self.practitioner_role()));
        }
    }

    /// Element 13.
    fn review_points(&mut self) {
        let element = Element::REVIEWS;
        let terms = self.terms;
        if !terms.end_review {
            self.incomplete(element, Field::EndReview, msg!("No end review planned"));
        }
        if self.parties.is_three_way() && !terms.three_way_meetings {
            self.incomplete(element, Field::ThreeWayMeetings, msg!("No three-way meetings with the sponsor"));
        }
        let periodic_reviews = terms.review_every_months.is_some_and(|months| months > 0);
        match self.parties.kind {
            Kind::Coaching if !terms.mid_point_review => {
                self.advice(element, Field::MidPointReview, msg!("A coaching contract usually has a mid-point review"));
            }
            Kind::Mentoring if !terms.mid_point_review && !periodic_reviews => {
                self.incomplete(element, Field::MidPointReview, msg!("No reviews planned between the start and the end"));
            }
            _ => {}
        }
    }

    /// Element 14.
    fn changing_the_contract(&mut self) {
        let element = Element::RECONTRACTING;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause on how changes to this contract are agreed"));
        }
    }

    /// Element 15.
    fn ending(&mut self) {
        let element = Element::ENDING;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause on how the engagement can end"));
        }
    }

    /// Element 16.
    fn notes_and_data(&mut self) {
        let element = Element::NOTES_AND_DATA;
        if self.terms.notes_retention_months.is_none() {
            self.incomplete(element, Field::RetentionMonths, msg!("No retention period for notes"));
        }
        if !self.has_clause(element) {
            self.incomplete(element, clause_of(element), msg!("No clause about what notes are kept and for how long"));
        }
    }

    /// Element 17.
    fn complaints(&mut self) {
        let element = Element::COMPLAINTS;
        if !self.has_clause(element) {
            self.missing(element, clause_of(element), msg!("No clause on how to make a complaint"));
        }
    }

    /// Element 18.
    fn disclaimers(&mut self) {
        let element = Element::DISCLAIMERS;
        if !self.has_clause(element) {
            self.incomplete(element, clause_of(element), msg!("No disclaimers or limits of liability stated"));
        }
    }

    /// Any element: a merge field that does not exist would show up as `{{…}}` in the contract.
    fn merge_fields(&mut self) {
        let data = MergeData::new(self.parties, self.terms);
        let clauses = self.clauses;
        for clause in clauses {
            let heading = match clause.heading.trim() {
                "" => clause.element.title(),
                heading => heading,
            };
            for field in render(&clause.text, &data).unknown_fields {
                let problem = if field.is_empty() {
                    msg!("Clause “{heading}” has an empty field {field}", heading = heading, field = "{{}}")
                } else {
                    msg!("Clause “{heading}” uses an unknown field {field}", heading = heading, field = format!("{{{{{field}}}}}"))
                };
                self.incomplete(clause.element, clause_of(clause.element), problem);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::terms::{CoachingType, CodeOfEthics, ContractGoal, Frequency, MentoringProgramme, SponsorReporting};
    use crate::domain::date::Date;

    fn start() -> Date {
        Date::parse("2026-12-01").unwrap()
    }

    fn parties(kind: Kind, three_way: bool) -> Parties {
        crate::domain::contract::fixtures::parties(kind, three_way)
    }

    fn goal(description: &str, success_measure: &str) -> ContractGoal {
        ContractGoal { description: description.into(), success_measure: success_measure.into() }
    }

    /// Terms with everything a complete contract needs.
    fn complete_terms(kind: Kind, three_way: bool) -> ContractTerms {
        let mut terms = ContractTerms::preset(kind, three_way, start());
        terms.coaching_type = (kind == Kind::Coaching).then_some(CoachingType::Leadership);
        terms.mentoring_programme = (kind == Kind::Mentoring).then_some(MentoringProgramme::Developmental);
        terms.goals = vec![goal("Lead the team through the merger", "Team survey trust score of 7 or more")];
        if three_way {
            terms.sponsor_objectives = vec![goal("A confident new head of department", "Rated ready by the board")];
        } else {
            terms.payer = Some(Payer::Client);
        }
        terms.fee_per_session = Some(150);
        terms.code_of_ethics = Some(CodeOfEthics::Emcc);
        terms
    }

    /// One short clause for each of elements 1 to 18, some using merge fields.
    fn complete_clauses() -> Vec<Clause> {
        Element::all()
            .filter(|element| *element != Element::AGREEMENT)
            .map(|element| {
                let text = match element {
                    Element::PARTIES => "{{client_name}} is the {{client_role}}; {{practitioner_name}} is the coach.",
                    Element::NATURE => "This is {{relationship}}, not therapy or counselling.",
                    Element::FEES => "The fee is {{fee}}, paid by {{payer}}.",
                    _ => "Agreed as set out here.",
                };
                Clause::new(element, element.title(), text)
            })
            .collect()
    }

    /// A contract being linted, built from complete parts and then spoiled by each test.
    struct Draft {
        parties: Parties,
        terms: ContractTerms,
        clauses: Vec<Clause>,
    }

    impl Draft {
        fn complete(kind: Kind, three_way: bool) -> Draft {
            Draft { parties: parties(kind, three_way), terms: complete_terms(kind, three_way), clauses: complete_clauses() }
        }

        fn coaching() -> Draft {
            Draft::complete(Kind::Coaching, false)
        }

        fn three_way_coaching() -> Draft {
            Draft::complete(Kind::Coaching, true)
        }

        fn mentoring() -> Draft {
            Draft::complete(Kind::Mentoring, false)
        }

        fn without_clause(mut self, element: Element) -> Draft {
            self.clauses.retain(|clause| clause.element != element);
            self
        }

        fn with_clause_text(mut self, element: Element, text: &str) -> Draft {
            for clause in self.clauses.iter_mut().filter(|clause| clause.element == element) {
                clause.text = text.into();
            }
            self
        }

        fn findings(&self) -> Vec<Finding> {
            lint(&self.parties, &self.terms, &self.clauses)
        }

        fn reports(&self, severity: Severity, message: &str) -> bool {
            self.findings().iter().any(|finding| finding.severity == severity && finding.message == message)
        }

        /// Every message about one element, whatever its severity.
        fn messages_for(&self, element: Element) -> Vec<String> {
            self.findings().into_iter().filter(|f| f.element == element).map(|f| f.message.to_string()).collect()
        }
    }

    /// Everything a form could leave undecided: no clauses, no dates, no choices.
    fn empty_draft(kind: Kind, three_way: bool) -> Draft {
        let mut parties = parties(kind, three_way);
        parties.accreditation = Accreditation::None;
        let terms = ContractTerms {
            coaching_type: None,
            mentoring_programme: None,
            goals: Vec::new(),
            sponsor_objectives: Vec::new(),
            mode: None,
            location: String::new(),
            frequency: None,
            session_minutes: None,
            session_count: None,
            start_date: None,
            end_date: None,
            payer: None,
            fee_per_session: None,
            cancellation_notice_hours: None,
            confidentiality_limits: Vec::new(),
            sponsor_reporting: None,
            contact_between_sessions: None,
            code_of_ethics: None,
            practitioner_in_supervision: false,
            mid_point_review: false,
            end_review: false,
            review_every_months: None,
            three_way_meetings: false,
            notes_retention_months: None,
            ..ContractTerms::preset(kind, three_way, start())
        };
        Draft { parties, terms, clauses: Vec::new() }
    }

    // The whole contract.

    #[test]
    fn a_complete_contract_has_no_missing_findings() {
        for draft in [Draft::coaching(), Draft::three_way_coaching(), Draft::mentoring()] {
            let findings = draft.findings();
            assert!(findings.iter().all(|f| f.severity == Severity::Advice), "{:?}: {findings:#?}", draft.parties.kind);
        }
    }

    #[test]
    fn a_complete_contract_with_an_accredited_supervised_practitioner_has_no_advice_either() {
        for draft in [Draft::coaching(), Draft::three_way_coaching(), Draft::mentoring()] {
            assert_eq!(draft.findings(), Vec::new());
        }
    }

    #[test]
    fn an_empty_draft_is_missing_every_required_element() {
        let findings = empty_draft(Kind::Coaching, true).findings();
        let missing: Vec<u8> = findings
            .iter()
            .filter(|f| f.severity == Severity::Missing)
            .map(|f| f.element.number())
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        assert_eq!(missing, vec![1, 2, 4, 5, 6, 7, 8, 9, 11, 12, 14, 15, 17]);
    }

    #[test]
    fn findings_come_most_severe_first_then_by_element() {
        let findings = empty_draft(Kind::Mentoring, true).findings();
        assert!(findings.len() > 20);
        let order: Vec<(Severity, Element)> = findings.iter().map(|f| (f.severity, f.element)).collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        assert_eq!(findings[0].message, "No clause names the parties and their roles (element 1)");
        assert_eq!(findings.last().map(|f| f.severity), Some(Severity::Advice));
    }

    #[test]
    fn within_one_element_findings_keep_the_order_of_the_rules() {
        let draft = empty_draft(Kind::Coaching, false);
        let element_5_missing: Vec<String> = draft
            .findings()
            .into_iter()
            .filter(|f| f.element == Element::LOGISTICS && f.severity == Severity::Missing)
            .map(|f| f.message.to_string())
            .collect();
        assert_eq!(
            element_5_missing,
            vec![
                "No start date given (element 5)",
                "No end date given (element 5)",
                "No number of sessions given (element 5)",
                "No length of a session given (element 5)",
            ]
        );
    }

    #[test]
    fn every_message_is_one_line_ending_with_its_element() {
        for draft in [empty_draft(Kind::Coaching, true), empty_draft(Kind::Mentoring, false)] {
            for finding in draft.findings() {
                let citation = format!("(element {})", finding.element.number());
                assert!(finding.message.ends_with(&citation), "{}", finding.message);
                assert!(!finding.message.contains("\n"), "{}", finding.message);
            }
        }
    }

    #[test]
    fn the_same_message_is_never_repeated() {
        let mut draft = Draft::coaching();
        draft.terms.goals = vec![goal("Delegate more", ""), goal("Delegate more", "")];
        draft.clauses.push(Clause::new(Element::ENDING, "Ending", "Ends on {{finish}}."));
        draft.clauses.push(Clause::new(Element::ENDING, "Ending", "Or earlier than {{finish}}."));
        let messages: Vec<String> = draft.findings().into_iter().map(|f| f.message.to_string()).collect();
        assert_eq!(
            messages,
            vec![
                "Goal “Delegate more” has no success measure (element 4)",
                "Clause “Ending” uses an unknown field {{finish}} (element 15)",
            ]
        );
    }

    #[test]
    fn severities_are_labelled_in_words() {
        assert_eq!(Severity::Missing.label(), "Missing");
        assert_eq!(Severity::Incomplete.label(), "Incomplete");
        assert_eq!(Severity::Advice.label(), "Advice");
        assert!(Severity::Missing < Severity::Incomplete && Severity::Incomplete < Severity::Advice);
    }

    #[test]
    fn a_clause_with_only_blank_text_does_not_count() {
        let draft = Draft::coaching().with_clause_text(Element::CONFIDENTIALITY, "  \n ");
        assert!(draft.reports(Severity::Missing, "No clause about confidentiality (element 8)"));
    }

    // Element 1: parties and roles.

    #[test]
    fn a_contract_without_a_parties_clause_is_missing_element_1() {
        let draft = Draft::coaching().without_clause(Element::PARTIES);
        assert!(draft.reports(Severity::Missing, "No clause names the parties and their roles (element 1)"));
    }

    #[test]
    fn a_practitioner_without_accreditation_gets_advice() {
        let mut draft = Draft::coaching();
        draft.parties.accreditation = Accreditation::None;
        assert!(draft.reports(Severity::Advice, "No accreditation recorded for the coach (element 1)"));
    }

    #[test]
    fn an_accredited_practitioner_gets_no_advice_on_accreditation() {
        assert_eq!(Draft::coaching().messages_for(Element::PARTIES), Vec::<String>::new());
    }

    // Element 2: nature of the relationship.

    #[test]
    fn a_contract_without_a_nature_clause_is_missing_element_2() {
        let draft = Draft::coaching().without_clause(Element::NATURE);
        assert!(draft.reports(Severity::Missing, "No clause says what kind of relationship this is (element 2)"));
    }

    #[test]
    fn a_nature_clause_that_does_not_say_what_the_relationship_is_not_gets_advice() {
        let draft = Draft::coaching().with_clause_text(Element::NATURE, "This is a coaching relationship.");
        assert_eq!(
            draft.messages_for(Element::NATURE),
            vec!["Say what this relationship is not, such as therapy or consultancy (element 2)"]
        );
    }

    #[test]
    fn naming_therapy_counselling_or_consulting_in_any_case_is_enough() {
        for text in ["It is not THERAPY.", "Not Counselling.", "This is not consultancy.", "Not consulting work."] {
            let draft = Draft::coaching().with_clause_text(Element::NATURE, text);
            assert_eq!(draft.messages_for(Element::NATURE), Vec::<String>::new(), "{text}");
        }
    }

    // Element 3: type of programme.

    #[test]
    fn coaching_without_a_type_of_coaching_is_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.coaching_type = None;
        assert!(draft.reports(Severity::Incomplete, "No type of coaching chosen (element 3)"));
    }

    #[test]
    fn mentoring_without_a_programme_is_incomplete() {
        let mut draft = Draft::mentoring();
        draft.terms.mentoring_programme = None;
        assert!(draft.reports(Severity::Incomplete, "No type of mentoring programme chosen (element 3)"));
    }

    #[test]
    fn coaching_does_not_need_a_mentoring_programme_nor_mentoring_a_coaching_type() {
        let coaching = Draft::coaching();
        assert_eq!(coaching.terms.mentoring_programme, None);
        assert_eq!(coaching.messages_for(Element::PROGRAMME), Vec::<String>::new());
        let mentoring = Draft::mentoring();
        assert_eq!(mentoring.terms.coaching_type, None);
        assert_eq!(mentoring.messages_for(Element::PROGRAMME), Vec::<String>::new());
    }

    // Element 4: purpose and goals.

    #[test]
    fn a_contract_without_goals_is_missing_element_4() {
        let mut draft = Draft::coaching();
        draft.terms.goals.clear();
        assert!(draft.reports(Severity::Missing, "No goals agreed yet (element 4)"));
    }

    #[test]
    fn a_goal_without_a_success_measure_is_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.goals[0].success_measure = "  ".into();
        assert_eq!(draft.messages_for(Element::GOALS), vec!["Goal “Lead the team through the merger” has no success measure (element 4)"]);
    }

    #[test]
    fn a_goal_without_a_description_is_incomplete_and_named_by_its_number() {
        let mut draft = Draft::coaching();
        draft.terms.goals.push(goal(" ", "Promoted by June"));
        assert_eq!(draft.messages_for(Element::GOALS), vec!["Goal 2 has no description (element 4)"]);
    }

    #[test]
    fn a_three_way_contract_without_sponsor_objectives_gets_advice() {
        let mut draft = Draft::three_way_coaching();
        draft.terms.sponsor_objectives.clear();
        assert!(
            draft.reports(Severity::Advice, "No sponsor objectives recorded; they are kept apart from the client's own goals (element 4)")
        );
    }

    #[test]
    fn a_one_to_one_contract_needs_no_sponsor_objectives() {
        let draft = Draft::coaching();
        assert!(draft.terms.sponsor_objectives.is_empty());
        assert_eq!(draft.messages_for(Element::GOALS), Vec::<String>::new());
    }

    // Element 5: logistics.

    #[test]
    fn a_contract_without_dates_is_missing_element_5() {
        let mut draft = Draft::coaching();
        draft.terms.start_date = None;
        draft.terms.end_date = None;
        assert!(draft.reports(Severity::Missing, "No start date given (element 5)"));
        assert!(draft.reports(Severity::Missing, "No end date given (element 5)"));
    }

    #[test]
    fn no_sessions_or_sessions_of_no_length_are_missing() {
        for (count, minutes) in [(None, None), (Some(0), Some(0))] {
            let mut draft = Draft::coaching();
            draft.terms.session_count = count;
            draft.terms.session_minutes = minutes;
            assert!(draft.reports(Severity::Missing, "No number of sessions given (element 5)"));
            assert!(draft.reports(Severity::Missing, "No length of a session given (element 5)"));
        }
    }

    #[test]
    fn without_a_mode_or_a_frequency_logistics_are_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.mode = None;
        draft.terms.frequency = None;
        assert_eq!(
            draft.messages_for(Element::LOGISTICS),
            vec![
                "Not yet chosen whether sessions are in person, by video or by phone (element 5)",
                "No frequency of sessions chosen (element 5)",
            ]
        );
    }

    #[test]
    fn in_person_sessions_without_a_location_are_incomplete() {
        for mode in [SessionMode::InPerson, SessionMode::Mixed] {
            let mut draft = Draft::coaching();
            draft.terms.mode = Some(mode);
            draft.terms.location = " ".into();
            assert!(draft.reports(Severity::Incomplete, "No location given for in-person sessions (element 5)"));
        }
    }

    #[test]
    fn in_person_sessions_with_a_location_or_video_sessions_without_one_are_fine() {
        let mut in_person = Draft::coaching();
        in_person.terms.mode = Some(SessionMode::InPerson);
        in_person.terms.location = "Northwind offices, Leeds".into();
        assert_eq!(in_person.messages_for(Element::LOGISTICS), Vec::<String>::new());
        let video = Draft::coaching();
        assert_eq!((video.terms.mode, video.terms.location.as_str()), (Some(SessionMode::Video), ""));
        assert_eq!(video.messages_for(Element::LOGISTICS), Vec::<String>::new());
    }

    #[test]
    fn more_sessions_than_the_dates_allow_gets_advice_in_words() {
        let mut draft = Draft::coaching();
        draft.terms.end_date = Some(start().add_days(28));
        assert_eq!(
            draft.messages_for(Element::LOGISTICS),
            vec!["6 sessions every two weeks need about 10 weeks; the engagement lasts 4 weeks (element 5)"]
        );
        assert!(draft.reports(Severity::Advice, "6 sessions every two weeks need about 10 weeks; the engagement lasts 4 weeks (element 5)"));
    }

    #[test]
    fn sessions_that_just_fit_the_dates_get_no_advice() {
        let mut draft = Draft::coaching();
        draft.terms.end_date = Some(start().add_days(70));
        assert_eq!(draft.messages_for(Element::LOGISTICS), Vec::<String>::new());
    }

    #[test]
    fn an_end_date_before_the_start_date_is_missing_and_nothing_else_is_said_about_the_dates() {
        let mut draft = Draft::coaching();
        draft.terms.end_date = Some(start().add_days(-1));
        assert_eq!(draft.messages_for(Element::LOGISTICS), vec!["The end date is before the start date (element 5)"]);
        assert_eq!(draft.messages_for(Element::CANCELLATION), Vec::<String>::new());
    }

    // Element 6: fees.

    #[test]
    fn a_contract_that_does_not_say_who_pays_is_missing_element_6() {
        let mut draft = Draft::coaching();
        draft.terms.payer = None;
        assert!(draft.reports(Severity::Missing, "Who pays is not stated (element 6)"));
    }

    #[test]
    fn a_paid_contract_without_a_fee_is_incomplete() {
        for draft in [Draft::coaching(), Draft::three_way_coaching()] {
            let mut draft = draft;
            draft.terms.fee_per_session = None;
            assert_eq!(draft.messages_for(Element::FEES), vec!["No fee per session stated (element 6)"]);
        }
    }

    #[test]
    fn a_contract_with_no_fee_needs_no_amount() {
        let mut draft = Draft::coaching();
        draft.terms.payer = Some(Payer::NoFee);
        draft.terms.fee_per_session = None;
        assert_eq!(draft.messages_for(Element::FEES), Vec::<String>::new());
    }

    #[test]
    fn a_sponsor_who_pays_must_be_recorded() {
        let mut draft = Draft::coaching();
        draft.terms.payer = Some(Payer::Sponsor);
        assert_eq!(draft.messages_for(Element::FEES), vec!["The sponsor pays, but no sponsor is recorded (element 6)"]);
    }

    #[test]
    fn a_contract_without_a_fees_clause_is_incomplete() {
        let draft = Draft::coaching().without_clause(Element::FEES);
        assert!(draft.reports(Severity::Incomplete, "No clause about fees and who pays (element 6)"));
    }

    // Element 7: cancellation.

    #[test]
    fn a_contract_without_a_notice_period_is_missing_element_7() {
        let mut draft = Draft::coaching();
        draft.terms.cancellation_notice_hours = None;
        assert!(draft.reports(Severity::Missing, "No notice period for cancelling a session (element 7)"));
    }

    #[test]
    fn a_contract_without_a_cancellation_clause_is_incomplete() {
        let draft = Draft::coaching().without_clause(Element::CANCELLATION);
        assert!(draft.reports(Severity::Incomplete, "No clause about cancelling or moving a session (element 7)"));
    }

    #[test]
    fn a_notice_period_longer_than_the_engagement_is_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.session_count = Some(1);
        draft.terms.end_date = Some(start().add_days(1));
        draft.terms.cancellation_notice_hours = Some(48);
        assert_eq!(
            draft.messages_for(Element::CANCELLATION),
            vec!["The notice period for cancelling (48 hours) is longer than the whole engagement (element 7)"]
        );
    }

    #[test]
    fn a_notice_period_as_long_as_the_engagement_is_fine() {
        let mut draft = Draft::coaching();
        draft.terms.session_count = Some(1);
        draft.terms.end_date = Some(start().add_days(2));
        draft.terms.cancellation_notice_hours = Some(48);
        assert_eq!(draft.messages_for(Element::CANCELLATION), Vec::<String>::new());
    }

    // Element 8: confidentiality.

    #[test]
    fn a_contract_without_limits_of_confidentiality_is_missing_element_8() {
        let mut draft = Draft::coaching();
        draft.terms.confidentiality_limits.clear();
        assert!(draft.reports(Severity::Missing, "No limits of confidentiality stated (element 8)"));
    }

    #[test]
    fn a_contract_without_a_confidentiality_clause_is_missing_element_8() {
        let draft = Draft::coaching().without_clause(Element::CONFIDENTIALITY);
        assert_eq!(draft.messages_for(Element::CONFIDENTIALITY), vec!["No clause about confidentiality (element 8)"]);
    }

    // Element 9: reporting to the sponsor.

    #[test]
    fn three_way_contract_without_reporting_rule_is_an_error() {
        let mut draft = Draft::three_way_coaching();
        draft.terms.sponsor_reporting = None;
        assert!(draft.reports(Severity::Missing, "A three-way contract needs a rule on what may be reported to the sponsor (element 9)"));
    }

    #[test]
    fn reports_to_the_sponsor_without_the_clients_approval_are_incomplete() {
        let mut draft = Draft::three_way_coaching();
        draft.terms.sponsor_reporting = Some(SponsorReporting { client_consent: false, ..SponsorReporting::usual() });
        assert_eq!(
            draft.messages_for(Element::SPONSOR_REPORTING),
            vec!["Reports to the sponsor do not need the client's approval (element 9)"]
        );
    }

    #[test]
    fn a_three_way_contract_without_a_reporting_clause_is_missing_element_9() {
        let draft = Draft::three_way_coaching().without_clause(Element::SPONSOR_REPORTING);
        assert!(draft.reports(Severity::Missing, "No clause says what may be reported to the sponsor (element 9)"));
    }

    #[test]
    fn a_one_to_one_contract_has_no_reporting_findings() {
        let mut draft = Draft::coaching().without_clause(Element::SPONSOR_REPORTING);
        draft.terms.sponsor_reporting = Some(SponsorReporting { client_consent: false, ..SponsorReporting::usual() });
        assert_eq!(draft.messages_for(Element::SPONSOR_REPORTING), Vec::<String>::new());
        draft.terms.sponsor_reporting = None;
        assert_eq!(draft.messages_for(Element::SPONSOR_REPORTING), Vec::<String>::new());
    }

    // Element 10: contact between sessions.

    #[test]
    fn contact_between_sessions_not_agreed_is_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.contact_between_sessions = None;
        assert_eq!(draft.messages_for(Element::CONTACT), vec!["Contact between sessions is not agreed (element 10)"]);
    }

    // Element 11: client responsibilities.

    #[test]
    fn a_contract_without_client_responsibilities_is_missing_element_11() {
        let draft = Draft::coaching().without_clause(Element::CLIENT_RESPONSIBILITIES);
        assert!(draft.reports(Severity::Missing, "No responsibilities stated for the client (element 11)"));
    }

    #[test]
    fn in_mentoring_the_client_is_called_the_mentee() {
        let draft = Draft::mentoring().without_clause(Element::CLIENT_RESPONSIBILITIES);
        assert!(draft.reports(Severity::Missing, "No responsibilities stated for the mentee (element 11)"));
    }

    // Element 12: practitioner responsibilities.

    #[test]
    fn a_contract_without_a_code_of_ethics_is_missing_element_12() {
        let mut draft = Draft::coaching();
        draft.terms.code_of_ethics = None;
        assert!(draft.reports(Severity::Missing, "No code of ethics named (element 12)"));
    }

    #[test]
    fn a_practitioner_not_in_supervision_gets_advice() {
        let mut draft = Draft::mentoring();
        draft.terms.practitioner_in_supervision = false;
        assert_eq!(
            draft.messages_for(Element::PRACTITIONER_RESPONSIBILITIES),
            vec!["The mentor is not in supervision, which codes of ethics expect (element 12)"]
        );
    }

    #[test]
    fn a_contract_without_practitioner_responsibilities_is_missing_element_12() {
        let draft = Draft::coaching().without_clause(Element::PRACTITIONER_RESPONSIBILITIES);
        assert!(draft.reports(Severity::Missing, "No responsibilities stated for the coach (element 12)"));
    }

    // Element 13: review points.

    #[test]
    fn coaching_without_a_mid_point_review_gets_advice() {
        let mut draft = Draft::coaching();
        draft.terms.mid_point_review = false;
        assert!(draft.reports(Severity::Advice, "A coaching contract usually has a mid-point review (element 13)"));
    }

    #[test]
    fn a_contract_without_an_end_review_is_incomplete() {
        let mut draft = Draft::mentoring();
        draft.terms.end_review = false;
        assert_eq!(draft.messages_for(Element::REVIEWS), vec!["No end review planned (element 13)"]);
    }

    #[test]
    fn a_three_way_contract_without_three_way_meetings_is_incomplete() {
        let mut draft = Draft::three_way_coaching();
        draft.terms.three_way_meetings = false;
        assert!(draft.reports(Severity::Incomplete, "No three-way meetings with the sponsor (element 13)"));
    }

    #[test]
    fn mentoring_with_periodic_reviews_needs_no_mid_point_review() {
        let draft = Draft::mentoring();
        assert!(!draft.terms.mid_point_review && draft.terms.review_every_months == Some(3));
        assert_eq!(draft.messages_for(Element::REVIEWS), Vec::<String>::new());
    }

    #[test]
    fn mentoring_without_any_review_before_the_end_is_incomplete() {
        for every_months in [None, Some(0)] {
            let mut draft = Draft::mentoring();
            draft.terms.review_every_months = every_months;
            assert_eq!(draft.messages_for(Element::REVIEWS), vec!["No reviews planned between the start and the end (element 13)"]);
        }
    }

    // Elements 14 to 18.

    #[test]
    fn contracts_without_clauses_on_changes_ending_or_complaints_are_missing_them() {
        let draft =
            Draft::coaching().without_clause(Element::RECONTRACTING).without_clause(Element::ENDING).without_clause(Element::COMPLAINTS);
        let missing: Vec<String> =
            draft.findings().into_iter().filter(|f| f.severity == Severity::Missing).map(|f| f.message.to_string()).collect();
        assert_eq!(
            missing,
            vec![
                "No clause on how changes to this contract are agreed (element 14)",
                "No clause on how the engagement can end (element 15)",
                "No clause on how to make a complaint (element 17)",
            ]
        );
    }

    #[test]
    fn a_contract_without_a_retention_period_for_notes_is_incomplete() {
        let mut draft = Draft::coaching();
        draft.terms.notes_retention_months = None;
        assert_eq!(draft.messages_for(Element::NOTES_AND_DATA), vec!["No retention period for notes (element 16)"]);
    }

    #[test]
    fn a_contract_without_a_notes_clause_is_incomplete() {
        let draft = Draft::coaching().without_clause(Element::NOTES_AND_DATA);
        assert!(draft.reports(Severity::Incomplete, "No clause about what notes are kept and for how long (element 16)"));
    }

    #[test]
    fn a_contract_without_disclaimers_is_incomplete() {
        let draft = Draft::coaching().without_clause(Element::DISCLAIMERS);
        assert_eq!(draft.messages_for(Element::DISCLAIMERS), vec!["No disclaimers or limits of liability stated (element 18)"]);
    }

    // Merge fields.

    #[test]
    fn a_clause_with_an_unknown_merge_field_is_incomplete() {
        let draft = Draft::coaching().with_clause_text(Element::CONFIDENTIALITY, "{{clinet_name}} may share {{}}.");
        assert_eq!(
            draft.messages_for(Element::CONFIDENTIALITY),
            vec![
                "Clause “Confidentiality and its limits” uses an unknown field {{clinet_name}} (element 8)",
                "Clause “Confidentiality and its limits” has an empty field {{}} (element 8)",
            ]
        );
    }

    #[test]
    fn known_merge_fields_are_fine_even_when_not_decided_yet() {
        let mut draft = Draft::coaching();
        draft.terms.fee_per_session = None;
        let fees = draft.messages_for(Element::FEES);
        assert_eq!(fees, vec!["No fee per session stated (element 6)"]);
    }

    #[test]
    fn a_clause_without_a_heading_is_named_by_its_element() {
        let mut draft = Draft::coaching();
        draft.clauses.push(Clause::new(Element::ENDING, " ", "Ends on {{finish}}."));
        assert_eq!(draft.messages_for(Element::ENDING), vec!["Clause “Ending” uses an unknown field {{finish}} (element 15)"]);
    }

    // Safety on any data.

    #[test]
    fn the_linter_is_safe_on_empty_or_odd_data() {
        for &kind in Kind::ALL {
            for three_way in [false, true] {
                let mut draft = empty_draft(kind, three_way);
                assert!(!draft.findings().is_empty());
                draft.terms.start_date = Some(start());
                draft.terms.end_date = Some(start());
                draft.terms.session_count = Some(u16::MAX);
                draft.terms.frequency = Some(Frequency::EveryTwoMonths);
                draft.terms.cancellation_notice_hours = Some(u16::MAX);
                draft.clauses.push(Clause::new(Element::AGREEMENT, "", "{{ unclosed"));
                let findings = draft.findings();
                assert!(findings.iter().any(|f| f.message.contains("starts and ends on the same day")));
                assert!(findings.iter().any(|f| f.message.contains("longer than the whole engagement")));
            }
        }
    }

    // Where each finding is fixed.

    /// (message, where it is fixed) for every finding.
    fn fixes(draft: &Draft) -> Vec<(String, FixIn)> {
        draft.findings().into_iter().map(|f| (f.message.to_string(), f.fix)).collect()
    }

    #[test]
    fn each_finding_of_an_empty_draft_points_to_the_field_or_clause_that_fixes_it() {
        let builder = FixIn::Contract;
        let expected: Vec<(&str, FixIn)> = vec![
            ("No clause names the parties and their roles (element 1)", builder(Field::ClauseText(1))),
            ("No clause says what kind of relationship this is (element 2)", builder(Field::ClauseText(2))),
            ("No goals agreed yet (element 4)", builder(Field::Goals)),
            ("No start date given (element 5)", builder(Field::StartDate)),
            ("No end date given (element 5)", builder(Field::EndDate)),
            ("No number of sessions given (element 5)", builder(Field::SessionCount)),
            ("No length of a session given (element 5)", builder(Field::SessionMinutes)),
            ("Who pays is not stated (element 6)", builder(Field::Payer)),
            ("No notice period for cancelling a session (element 7)", builder(Field::NoticeHours)),
            ("No limits of confidentiality stated (element 8)", builder(Field::ConfidentialityLimits)),
            ("No clause about confidentiality (element 8)", builder(Field::ClauseText(8))),
            ("A three-way contract needs a rule on what may be reported to the sponsor (element 9)", builder(Field::ReportsToSponsor)),
            ("No clause says what may be reported to the sponsor (element 9)", builder(Field::ClauseText(9))),
            ("No responsibilities stated for the client (element 11)", builder(Field::ClauseText(11))),
            ("No code of ethics named (element 12)", builder(Field::CodeOfEthics)),
            ("No responsibilities stated for the coach (element 12)", builder(Field::ClauseText(12))),
            ("No clause on how changes to this contract are agreed (element 14)", builder(Field::ClauseText(14))),
            ("No clause on how the engagement can end (element 15)", builder(Field::ClauseText(15))),
            ("No clause on how to make a complaint (element 17)", builder(Field::ClauseText(17))),
            ("No type of coaching chosen (element 3)", builder(Field::CoachingType)),
            ("Not yet chosen whether sessions are in person, by video or by phone (element 5)", builder(Field::Mode)),
            ("No frequency of sessions chosen (element 5)", builder(Field::Frequency)),
            ("No clause about fees and who pays (element 6)", builder(Field::ClauseText(6))),
            ("No clause about cancelling or moving a session (element 7)", builder(Field::ClauseText(7))),
            ("Contact between sessions is not agreed (element 10)", builder(Field::ContactBetweenSessions)),
            ("No end review planned (element 13)", builder(Field::EndReview)),
            ("No three-way meetings with the sponsor (element 13)", builder(Field::ThreeWayMeetings)),
            ("No retention period for notes (element 16)", builder(Field::RetentionMonths)),
            ("No clause about what notes are kept and for how long (element 16)", builder(Field::ClauseText(16))),
            ("No disclaimers or limits of liability stated (element 18)", builder(Field::ClauseText(18))),
            ("No accreditation recorded for the coach (element 1)", FixIn::Engagement(Field::Accreditation)),
            (
                "No sponsor objectives recorded; they are kept apart from the client's own goals (element 4)",
                builder(Field::SponsorObjectives),
            ),
            ("The coach is not in supervision, which codes of ethics expect (element 12)", builder(Field::InSupervision)),
            ("A coaching contract usually has a mid-point review (element 13)", builder(Field::MidPointReview)),
        ];
        let expected: Vec<(String, FixIn)> = expected.into_iter().map(|(m, f)| (m.to_string(), f)).collect();
        assert_eq!(fixes(&empty_draft(Kind::Coaching, true)), expected);
    }

    #[test]
    fn mentoring_findings_point_to_the_programme_and_the_reviews() {
        let draft = empty_draft(Kind::Mentoring, false);
        let found = fixes(&draft);
        let fix_of = |message: &str| found.iter().find(|(m, _)| m == message).map(|(_, fix)| *fix);
        assert_eq!(fix_of("No type of mentoring programme chosen (element 3)"), Some(FixIn::Contract(Field::MentoringProgramme)));
        assert_eq!(fix_of("No reviews planned between the start and the end (element 13)"), Some(FixIn::Contract(Field::MidPointReview)));
    }

    #[test]
    fn a_goal_row_finding_points_to_that_row() {
        let mut draft = Draft::coaching();
        draft.terms.goals.push(goal("", ""));
        draft.terms.goals.push(goal("Chair the board", " "));
        assert_eq!(
            fixes(&draft),
            vec![
                ("Goal 2 has no description (element 4)".to_string(), FixIn::Contract(Field::GoalDescription(1))),
                ("Goal 2 has no success measure (element 4)".to_string(), FixIn::Contract(Field::GoalMeasure(1))),
                ("Goal “Chair the board” has no success measure (element 4)".to_string(), FixIn::Contract(Field::GoalMeasure(2))),
            ]
        );
    }

    #[test]
    fn findings_about_values_point_to_their_field_and_a_bad_merge_field_to_its_clause() {
        let mut draft = Draft::coaching().with_clause_text(Element::CANCELLATION, "Give {{notice_perod}} notice.");
        draft.terms.end_date = Some(Date::parse("2026-11-01").unwrap());
        draft.terms.fee_per_session = None;
        draft.terms.mode = Some(SessionMode::InPerson);
        draft.terms.location = String::new();
        let found = fixes(&draft);
        let fix_of = |start: &str| found.iter().find(|(m, _)| m.starts_with(start)).map(|(_, fix)| *fix);
        assert_eq!(fix_of("The end date is before the start date"), Some(FixIn::Contract(Field::EndDate)));
        assert_eq!(fix_of("No fee per session stated"), Some(FixIn::Contract(Field::Fee)));
        assert_eq!(fix_of("No location given"), Some(FixIn::Contract(Field::Location)));
        assert_eq!(fix_of("Clause “Cancellation"), Some(FixIn::Contract(Field::ClauseText(7))));
    }

    #[test]
    fn a_clause_finding_points_to_the_clause_of_its_own_element() {
        for draft in [empty_draft(Kind::Coaching, true), empty_draft(Kind::Mentoring, false)] {
            for finding in draft.findings() {
                if let FixIn::Contract(Field::ClauseText(n)) = finding.fix {
                    assert_eq!(n, finding.element.number(), "{}", finding.message);
                }
            }
        }
    }
}
