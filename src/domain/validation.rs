//! Validation shared by every form: [`FieldErrors`] collects each field's problem in
//! words a person understands, and [`clean_text`] is the one text rule (trim, collapse
//! runs of whitespace, count characters rather than bytes).

use std::fmt;

use super::goal::level::GasLevel;
use super::message::Message;
use super::party::Party;
use crate::msg;

/// A form field that can carry a problem. `id()` is stable: the UI uses it as the
/// input's HTML id, so an error summary can link to the field.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    ClientName,
    PractitionerName,
    Kind,
    Title,
    Dial,
    Accreditation,
    SponsorOrganisation,
    SponsorContact,
    SponsorRole,
    ClientContact,
    GroupSize,
    QuietAfterDays,
    // Contract builder
    CoachingType,
    MentoringProgramme,
    Agenda,
    Mode,
    Location,
    Frequency,
    SessionMinutes,
    SessionCount,
    StartDate,
    EndDate,
    Payer,
    Fee,
    Currency,
    NoticeHours,
    ReportCadence,
    ReportForm,
    ReportAuthor,
    /// The limits of confidentiality (the first of its tick boxes).
    ConfidentialityLimits,
    ReportsToSponsor,
    ClientConsent,
    ContactBetweenSessions,
    CodeOfEthics,
    InSupervision,
    MidPointReview,
    EndReview,
    ThreeWayMeetings,
    ReviewEveryMonths,
    RetentionMonths,
    /// The list of goals (the builder's "Add a goal").
    Goals,
    /// The list of sponsor objectives ("Add a sponsor objective").
    SponsorObjectives,
    /// The n-th goal (from 0).
    GoalDescription(u8),
    GoalMeasure(u8),
    SponsorObjective(u8),
    SponsorObjectiveMeasure(u8),
    /// The clause for an element (1 to 19).
    ClauseHeading(u8),
    ClauseText(u8),
    // Goals
    GoalTitle,
    GoalWhy,
    GoalSuccess,
    GoalTargetDate,
    GoalOwner,
    GoalVisibility,
    GoalWeight,
    /// How the weight is set: a number, or importance × difficulty.
    GoalWeightMode,
    GoalImportance,
    GoalDifficulty,
    /// The description of one GAS level, −2 to +2.
    GasLevel(GasLevel),
    ProgressMethod,
    MetricKind,
    MetricUnit,
    MetricStart,
    MetricTarget,
    ScorePoint,
    ScoreValue,
    ScoreNote,
    MetricValue,
    JudgedPercent,
    EntryComment,
    ItemKind,
    ItemTitle,
    ItemOwner,
    ItemDue,
    ItemWeight,
    // Sessions
    SessionDate,
    SessionTime,
    SessionLength,
    SessionMode,
    SessionPurpose,
    SessionStatus,
    SessionStatusNote,
    PlanTime,
    ThemeWhat,
    ThemeWhy,
    ThemeLeaveWith,
    AgendaText,
    AgreementWant,
    AgreementHowKnow,
    GrowGoal,
    GrowReality,
    GrowOptions,
    GrowWill,
    NotePractitioner,
    NoteClient,
    NoteShared,
    Reflection,
    FeedbackScore,
    FeedbackComment,
    ActionTitle,
    ActionGoal,
    ActionOwner,
    ActionDue,
    ReviewOutcome,
    ReviewLearned,
    CheckInDate,
    CheckInOutcome,
    CheckInNote,
    Reminder,
    SignpostKind,
    SignpostTitle,
    SignpostDetail,
    SignpostGoal,
    Phase,
    PauseReason,
    EndingOutcome,
    EndingSummary,
    EndingDate,
    SupervisionDate,
    SupervisionSupervisor,
    SupervisionHours,
    SupervisionNote,
    CpdDate,
    CpdActivity,
    CpdKind,
    CpdHours,
    CpdNote,
    EiaLevel,
    ApprovalName,
    /// Which party the person using this device is in an engagement.
    MyPart,
    /// The full name a party types to agree to a contract version (one field per party).
    AgreementName(Party),
    // Assessments
    /// The list of a wheel's areas (how many there are).
    WheelAreas,
    /// The name of the n-th area of a wheel (from 0).
    WheelArea(u8),
    /// The score of the n-th area in a round of the wheel (from 0).
    WheelScore(u8),
    WheelDate,
    /// The review point a round is taken at (chosen from a list).
    WheelPoint,
    /// Where a new questionnaire starts from (a template or blank).
    QuestionnaireStart,
    QuestionnaireTitle,
    QuestionnaireIntro,
    /// The list of a questionnaire's questions ("Add a question").
    Questions,
    /// The n-th question's wording (from 0).
    QuestionPrompt(u8),
    /// The kind of answer the n-th question expects.
    QuestionKind(u8),
    /// The n-th question's rating scale (its lowest score; problems with the scale show here).
    QuestionScale(u8),
    /// The highest score of the n-th question's rating scale.
    QuestionScaleHigh(u8),
    QuestionLowLabel(u8),
    QuestionHighLabel(u8),
    /// The n-th question's lowest and highest number allowed, and its unit.
    QuestionMin(u8),
    QuestionMax(u8),
    QuestionUnit(u8),
    /// The n-th question's options to choose from.
    QuestionOptions(u8),
    /// The answer to the n-th question (from 0).
    Answer(u8),
    /// The review point answers are given at.
    AnswersPoint,
    AnswersDate,
    // Passphrase protection
    Passphrase,
    NewPassphrase,
    NewPassphraseAgain,
    BackupPassphrase,
    BackupPassphraseAgain,
    FilePassphrase,
    OffPassphrase,
    // Links
    LinkPassphrase,
    LinkPassphraseAgain,
    OpenLinkPassphrase,
    // Sync
    SyncServer,
    SyncDatabase,
    SyncUsername,
    SyncPassword,
    SyncScope,
    SyncPassphrase,
    SyncSignIn,
}

impl Field {
    pub fn id(self) -> String {
        let fixed = match self {
            Field::ClientName => "client_name",
            Field::PractitionerName => "practitioner_name",
            Field::Kind => "kind",
            Field::Title => "title",
            Field::Dial => "dial",
            Field::Accreditation => "accreditation",
            Field::SponsorOrganisation => "sponsor_organisation",
            Field::SponsorContact => "sponsor_contact",
            Field::SponsorRole => "sponsor_role",
            Field::ClientContact => "client_contact",
            Field::GroupSize => "group_size",
            Field::QuietAfterDays => "quiet_after_days",
            Field::CoachingType => "coaching_type",
            Field::MentoringProgramme => "mentoring_programme",
            Field::Agenda => "agenda",
            Field::Mode => "mode",
            Field::Location => "location",
            Field::Frequency => "frequency",
            Field::SessionMinutes => "session_minutes",
            Field::SessionCount => "session_count",
            Field::StartDate => "start_date",
            Field::EndDate => "end_date",
            Field::Payer => "payer",
            Field::Fee => "fee",
            Field::Currency => "currency",
            Field::NoticeHours => "notice_hours",
            Field::ReportCadence => "report_cadence",
            Field::ReportForm => "report_form",
            Field::ReportAuthor => "report_author",
            Field::ConfidentialityLimits => "confidentiality_limits",
            Field::ReportsToSponsor => "reports_to_sponsor",
            Field::ClientConsent => "client_consent",
            Field::ContactBetweenSessions => "contact_between_sessions",
            Field::CodeOfEthics => "code_of_ethics",
            Field::InSupervision => "supervision",
            Field::MidPointReview => "mid_point_review",
            Field::EndReview => "end_review",
            Field::ThreeWayMeetings => "three_way_meetings",
            Field::ReviewEveryMonths => "review_every_months",
            Field::RetentionMonths => "retention_months",
            Field::Goals => "goals",
            Field::SponsorObjectives => "sponsor_objectives",
            Field::GoalDescription(i) => return format!("goal_{i}_description"),
            Field::GoalMeasure(i) => return format!("goal_{i}_measure"),
            Field::SponsorObjective(i) => return format!("objective_{i}_description"),
            Field::SponsorObjectiveMeasure(i) => return format!("objective_{i}_measure"),
            Field::ClauseHeading(e) => return format!("clause_{e}_heading"),
            Field::ClauseText(e) => return format!("clause_{e}_text"),
            Field::GoalTitle => "goal_title",
            Field::GoalWhy => "goal_why",
            Field::GoalSuccess => "goal_success",
            Field::GoalTargetDate => "goal_target_date",
            Field::GoalOwner => "goal_owner",
            Field::GoalVisibility => "goal_visibility",
            Field::GoalWeight => "goal_weight",
            Field::GoalWeightMode => "goal_weight_mode",
            Field::GoalImportance => "goal_importance",
            Field::GoalDifficulty => "goal_difficulty",
            Field::GasLevel(level) => match level {
                GasLevel::MuchLess => "gas_minus_2",
                GasLevel::SomewhatLess => "gas_minus_1",
                GasLevel::Expected => "gas_0",
                GasLevel::SomewhatMore => "gas_plus_1",
                GasLevel::MuchMore => "gas_plus_2",
            },
            Field::ProgressMethod => "progress_method",
            Field::MetricKind => "metric_kind",
            Field::MetricUnit => "metric_unit",
            Field::MetricStart => "metric_start",
            Field::MetricTarget => "metric_target",
            Field::ScorePoint => "score_point",
            Field::ScoreValue => "score_value",
            Field::ScoreNote => "score_note",
            Field::MetricValue => "metric_value",
            Field::JudgedPercent => "judged_percent",
            Field::EntryComment => "entry_comment",
            Field::ItemKind => "item_kind",
            Field::ItemTitle => "item_title",
            Field::ItemOwner => "item_owner",
            Field::ItemDue => "item_due",
            Field::ItemWeight => "item_weight",
            Field::SessionDate => "session_date",
            Field::SessionTime => "session_time",
            Field::SessionLength => "session_length",
            Field::SessionMode => "session_mode",
            Field::SessionPurpose => "session_purpose",
            Field::SessionStatus => "session_status",
            Field::SessionStatusNote => "session_status_note",
            Field::PlanTime => "plan_time",
            Field::ThemeWhat => "theme_what",
            Field::ThemeWhy => "theme_why",
            Field::ThemeLeaveWith => "theme_leave_with",
            Field::AgendaText => "agenda_text",
            Field::AgreementWant => "agreement_want",
            Field::AgreementHowKnow => "agreement_how_know",
            Field::GrowGoal => "grow_goal",
            Field::GrowReality => "grow_reality",
            Field::GrowOptions => "grow_options",
            Field::GrowWill => "grow_will",
            Field::NotePractitioner => "note_practitioner_private",
            Field::NoteClient => "note_client_private",
            Field::NoteShared => "note_shared",
            Field::Reflection => "reflection",
            Field::FeedbackScore => "feedback_score",
            Field::FeedbackComment => "feedback_comment",
            Field::ActionTitle => "action_title",
            Field::ActionGoal => "action_goal",
            Field::ActionOwner => "action_owner",
            Field::ActionDue => "action_due",
            Field::ReviewOutcome => "review_outcome",
            Field::ReviewLearned => "review_learned",
            Field::CheckInDate => "check_in_date",
            Field::CheckInOutcome => "check_in_outcome",
            Field::CheckInNote => "check_in_note",
            Field::Reminder => "reminder",
            Field::SignpostKind => "signpost_kind",
            Field::SignpostTitle => "signpost_title",
            Field::SignpostDetail => "signpost_detail",
            Field::SignpostGoal => "signpost_goal",
            Field::Phase => "phase",
            Field::PauseReason => "pause_reason",
            Field::EndingOutcome => "ending_outcome",
            Field::EndingSummary => "ending_summary",
            Field::EndingDate => "ending_date",
            Field::SupervisionDate => "supervision_date",
            Field::SupervisionSupervisor => "supervision_supervisor",
            Field::SupervisionHours => "supervision_hours",
            Field::SupervisionNote => "supervision_note",
            Field::CpdDate => "cpd_date",
            Field::CpdActivity => "cpd_activity",
            Field::CpdKind => "cpd_kind",
            Field::CpdHours => "cpd_hours",
            Field::CpdNote => "cpd_note",
            Field::WheelAreas => "wheel_areas",
            Field::WheelArea(i) => return format!("wheel_area_{i}"),
            Field::WheelScore(i) => return format!("wheel_score_{i}"),
            Field::WheelDate => "wheel_date",
            Field::WheelPoint => "wheel_point",
            Field::QuestionnaireStart => "questionnaire_start",
            Field::QuestionnaireTitle => "questionnaire_title",
            Field::QuestionnaireIntro => "questionnaire_intro",
            Field::Questions => "questions",
            Field::QuestionPrompt(i) => return format!("question_{i}_prompt"),
            Field::QuestionKind(i) => return format!("question_{i}_kind"),
            Field::QuestionScale(i) => return format!("question_{i}_scale"),
            Field::QuestionScaleHigh(i) => return format!("question_{i}_scale_high"),
            Field::QuestionLowLabel(i) => return format!("question_{i}_low_label"),
            Field::QuestionHighLabel(i) => return format!("question_{i}_high_label"),
            Field::QuestionMin(i) => return format!("question_{i}_min"),
            Field::QuestionMax(i) => return format!("question_{i}_max"),
            Field::QuestionUnit(i) => return format!("question_{i}_unit"),
            Field::QuestionOptions(i) => return format!("question_{i}_options"),
            Field::Answer(i) => return format!("answer_{i}"),
            Field::AnswersPoint => "answers_point",
            Field::AnswersDate => "answers_date",
            Field::Passphrase => "passphrase",
            Field::NewPassphrase => "new_passphrase",
            Field::NewPassphraseAgain => "new_passphrase_again",
            Field::BackupPassphrase => "backup_passphrase",
            Field::BackupPassphraseAgain => "backup_passphrase_again",
            Field::FilePassphrase => "file_passphrase",
            Field::OffPassphrase => "off_passphrase",
            Field::LinkPassphrase => "link_passphrase",
            Field::LinkPassphraseAgain => "link_passphrase_again",
            Field::OpenLinkPassphrase => "open_link_passphrase",
            Field::SyncServer => "sync_server",
            Field::SyncDatabase => "sync_database",
            Field::SyncUsername => "sync_username",
            Field::SyncPassword => "sync_password",
            Field::SyncScope => "sync_scope",
            Field::SyncPassphrase => "sync_passphrase",
            Field::SyncSignIn => "sync_sign_in",
            Field::EiaLevel => "eia_level",
            Field::ApprovalName => "approval_name",
            Field::MyPart => "my_part",
            Field::AgreementName(party) => return format!("agreement_name_{}", party.as_str()),
        };
        fixed.to_string()
    }
}

/// One problem with one field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub field: Field,
    pub message: Message,
}

/// Every problem found in one form, in the order the fields appear.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FieldErrors(Vec<FieldError>);

impl FieldErrors {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn push(&mut self, field: Field, message: Message) {
        self.0.push(FieldError { field, message });
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }

    pub fn iter(&self) -> impl Iterator<Item = &FieldError> {
        self.0.iter()
    }

    /// The message for one field, if it has a problem.
    pub fn message_for(&self, field: Field) -> Option<&Message> {
        self.0.iter().find(|e| e.field == field).map(|e| &e.message)
    }

    /// Records the outcome of one field's validation and returns its value, if valid.
    pub fn collect<T>(&mut self, field: Field, result: Result<T, Message>) -> Option<T> {
        match result {
            Ok(value) => Some(value),
            Err(message) => {
                self.push(field, message);
                None
            }
        }
    }
}

impl FieldErrors {
    /// Every problem as one message, the sentences one after another.
    pub fn message(&self) -> Message {
        Message::sentences(self.0.iter().map(|e| e.message.clone()).collect())
    }
}

impl fmt::Display for FieldErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for FieldErrors {}

/// Trims the text and collapses every run of whitespace (including line breaks) into
/// one space, so names look the same wherever they are shown.
pub fn clean_text(raw: &str) -> String {
    raw.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Checks a required single-line text: present after cleaning, and at most `max`
/// characters. `what` names the field in the message, e.g. "the client's name".
pub fn required_text(raw: &str, what: Message, max: usize) -> Result<String, Message> {
    let text = clean_text(raw);
    if text.is_empty() {
        return Err(msg!("Enter {what}.", what = what));
    }
    within_limit(text, what, max)
}

/// Checks a whole number in a range; empty means absent. `what` names the quantity.
pub fn optional_number<T: TryFrom<u64> + Copy>(raw: &str, what: Message, min: u64, max: u64, example: u64) -> Result<Option<T>, Message> {
    let text = raw.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let Ok(number) = text.parse::<u64>() else {
        return Err(msg!("Enter {what} as a whole number, such as {example}.", what = what, example = example));
    };
    let out_of_range = |what: Message| msg!("{what} must be between {min} and {max}.", what = what.capitalised(), min = min, max = max);
    if number < min || number > max {
        return Err(out_of_range(what));
    }
    T::try_from(number).map(Some).map_err(|_| out_of_range(what))
}

/// Checks an optional single-line text: empty means absent.
pub fn optional_text(raw: &str, what: Message, max: usize) -> Result<Option<String>, Message> {
    let text = clean_text(raw);
    if text.is_empty() {
        return Ok(None);
    }
    within_limit(text, what, max).map(Some)
}

/// Checks a multi-line text such as a note: trimmed at both ends, line breaks kept, at
/// most `max` characters; empty is allowed.
pub fn long_text(raw: &str, what: Message, max: usize) -> Result<String, Message> {
    within_limit(raw.trim().replace("\r\n", "\n"), what, max)
}

fn within_limit(text: String, what: Message, max: usize) -> Result<String, Message> {
    let length = text.chars().count();
    if length > max {
        return Err(msg!(
            "{what} is {length} characters long. Keep it to {max} characters or fewer.",
            what = what.capitalised(),
            length = length,
            max = max
        ));
    }
    Ok(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The English of a validation result's error.
    fn english<T>(result: Result<T, Message>) -> Result<T, String> {
        result.map_err(|message| message.to_string())
    }

    #[test]
    fn each_gas_level_has_the_field_id_it_always_had() {
        let ids: Vec<String> = GasLevel::ALL.iter().map(|level| Field::GasLevel(*level).id()).collect();
        assert_eq!(ids, ["gas_minus_2", "gas_minus_1", "gas_0", "gas_plus_1", "gas_plus_2"]);
    }

    #[test]
    fn each_party_types_their_name_into_a_field_of_their_own() {
        let ids: Vec<String> = [Party::Client, Party::Practitioner, Party::Sponsor].map(|party| Field::AgreementName(party).id()).into();
        assert_eq!(ids, ["agreement_name_client", "agreement_name_practitioner", "agreement_name_sponsor"]);
    }

    #[test]
    fn clean_text_trims_and_collapses_whitespace() {
        assert_eq!(clean_text("  Ada \n\t Lovelace  "), "Ada Lovelace");
    }

    #[test]
    fn required_text_refuses_whitespace_only() {
        assert_eq!(english(required_text(" \n ", msg!("the client's name"), 10)), Err("Enter the client's name.".into()));
    }

    #[test]
    fn length_is_counted_in_characters_not_bytes() {
        // Five characters, ten bytes.
        assert_eq!(english(required_text("ÉÉÉÉÉ", msg!("a name"), 5)), Ok("ÉÉÉÉÉ".to_string()));
        assert!(required_text("ÉÉÉÉÉÉ", msg!("a name"), 5).is_err());
    }

    #[test]
    fn too_long_message_says_the_length_and_the_limit() {
        let message = required_text(&"x".repeat(10_000), msg!("the client's name"), 100).unwrap_err();
        assert_eq!(message, "The client's name is 10000 characters long. Keep it to 100 characters or fewer.");
    }

    #[test]
    fn optional_text_treats_blank_as_absent() {
        assert_eq!(english(optional_text("   ", msg!("the title"), 10)), Ok(None));
        assert_eq!(english(optional_text(" a  b ", msg!("the title"), 10)), Ok(Some("a b".into())));
    }

    #[test]
    fn numbers_must_be_whole_and_in_range() {
        assert_eq!(english(optional_number::<u16>(" 6 ", msg!("the number of sessions"), 1, 500, 6)), Ok(Some(6)));
        assert_eq!(english(optional_number::<u16>("", msg!("the number of sessions"), 1, 500, 6)), Ok(None));
        assert_eq!(
            english(optional_number::<u16>("0", msg!("the number of sessions"), 1, 500, 6)),
            Err("The number of sessions must be between 1 and 500.".into())
        );
        assert_eq!(
            english(optional_number::<u16>("-3", msg!("the number of sessions"), 1, 500, 6)),
            Err("Enter the number of sessions as a whole number, such as 6.".into())
        );
        assert!(optional_number::<u16>("2.5", msg!("the number of sessions"), 1, 500, 6).is_err());
    }

    #[test]
    fn indexed_fields_have_distinct_ids() {
        assert_eq!(Field::GoalDescription(2).id(), "goal_2_description");
        assert_eq!(Field::ClauseText(8).id(), "clause_8_text");
        assert_eq!(Field::StartDate.id(), "start_date");
        assert_eq!(Field::WheelScore(3).id(), "wheel_score_3");
        assert_eq!(Field::QuestionOptions(1).id(), "question_1_options");
        assert_ne!(Field::QuestionMin(1).id(), Field::QuestionMax(1).id());
    }

    #[test]
    fn field_errors_keep_every_problem_in_order() {
        let mut errors = FieldErrors::new();
        errors.push(Field::ClientName, msg!("Enter the client's name."));
        errors.push(Field::Kind, msg!("Choose coaching or mentoring."));
        assert_eq!(errors.len(), 2);
        assert_eq!(errors.message_for(Field::Kind).map(ToString::to_string).as_deref(), Some("Choose coaching or mentoring."));
        assert_eq!(errors.message_for(Field::Title).map(ToString::to_string).as_deref(), None);
        let fields: Vec<Field> = errors.iter().map(|e| e.field).collect();
        assert_eq!(fields, vec![Field::ClientName, Field::Kind]);
    }
}
