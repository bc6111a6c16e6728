//! A record's fields as a person reads them, for comparing versions in a sync conflict.
//!
//! [`describe`] turns one version of a record (the JSON of its store's type) into
//! [`FieldRow`]s: each with a stable key to compare versions by, a label made of the words
//! the forms use for that field, and a [`FieldValue`] read as the field's own type (a
//! choice's words, a date, a yes / no, …). The interface translates the labels and
//! formats the values in its language.
//!
//! What each store's fields are called and how they read is in the tables below (one per
//! record type, in the order the forms show them). Internal fields (ids, links to other
//! records, fingerprints) are left out. Nothing else is hidden: a key the tables do not
//! know (data from a newer version of Accord) is shown with its own name, and a value
//! that does not read as its type is shown as it is stored. [`labels`] lists every label,
//! so the German catalog can be checked for each.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::domain::contract::clause::Element;
use crate::domain::contract::parties::{Accreditation, Party};
use crate::domain::contract::terms::{
    AgendaLead, CoachingType, CodeOfEthics, ConfidentialityLimit, ContactBetweenSessions, Frequency, MentoringProgramme, Payer,
    ReportAuthor, ReportCadence, ReportForm, SessionMode,
};
use crate::domain::contract::ContractStatus;
use crate::domain::date::Date;
use crate::domain::engagement::{Dial, Kind};
use crate::domain::evidence::cpd::CpdKind;
use crate::domain::goal::{GasLevel, ItemKind, ItemStatus, MetricKind, ProgressMethod, ReviewPoint, Visibility, WeightMode};
use crate::domain::record::Timestamp;
use crate::domain::session::journey::{EndingOutcome, Phase, SignpostKind};
use crate::domain::session::{ClockTime, Purpose, ReviewOutcome, Status, Usefulness};

/// One field of one version of a record.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldRow {
    /// Where the field is in the record ("terms.frequency", "themes.0.what"): the same
    /// field has the same key in every version.
    pub key: String,
    /// The field's name, outermost first ("Sponsor", "Organisation"); English, translated
    /// where it is shown.
    pub label: Vec<Label>,
    pub value: FieldValue,
    /// A private note layer: shown marked as private.
    pub private: bool,
}

/// One part of a field's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Label {
    /// Words from the forms, in English.
    Words(&'static str),
    /// The n-th entry of a list, counted from 1.
    Entry(usize),
    /// A field these tables do not know, named after its key ("Priority level").
    Unknown(String),
}

/// A field's value, read as its type.
#[derive(Debug, Clone, PartialEq)]
pub enum FieldValue {
    /// Nothing given.
    Empty,
    /// Text as typed (names, notes), or a value as stored when it does not read as its type.
    Text(String),
    /// One of a closed set of choices: its words, in English.
    Choice(&'static str),
    Date(Date),
    /// A moment (agreed at, approved at).
    Timestamp(Timestamp),
    YesNo(bool),
    Number(f64),
    /// Several values, e.g. the situations in which confidentiality may be broken.
    List(Vec<FieldValue>),
}

/// How one field reads.
#[derive(Clone, Copy)]
enum Reads {
    Text,
    Number,
    YesNo,
    Date,
    Time,
    Timestamp,
    /// A closed choice: the words for the stored value, if it is one.
    Choice(fn(&Value) -> Option<&'static str>),
    /// A list of such choices.
    Choices(fn(&Value) -> Option<&'static str>),
    /// An object with fields of its own.
    Group(&'static [Field]),
    /// A list of objects, each with these fields.
    Entries(&'static [Field]),
    /// Internal (an id, a link, a fingerprint): not shown.
    Hidden,
}

/// A field of a record type: its key, the words for it ("" adds no words: the group's
/// fields speak for themselves), how it reads, whether it is a private note layer.
#[derive(Clone, Copy)]
struct Field {
    key: &'static str,
    label: &'static str,
    reads: Reads,
    private: bool,
}

const fn field(key: &'static str, label: &'static str, reads: Reads) -> Field {
    Field { key, label, reads, private: false }
}

const fn hidden(key: &'static str) -> Field {
    Field { key, label: "", reads: Reads::Hidden, private: false }
}

/// The words for a stored choice, read as its domain type.
fn words<T: DeserializeOwned>(value: &Value, label: fn(T) -> &'static str) -> Option<&'static str> {
    serde_json::from_value::<T>(value.clone()).ok().map(label)
}

const SPONSOR: &[Field] = &[
    field("organisation", "Organisation", Reads::Text),
    field("contact", "Contact person", Reads::Text),
    field("role", "Contact's role", Reads::Text),
];

const EVIDENCE: &[Field] = &[
    field("client_contact", "Client's contact details", Reads::Text),
    field("named_in_log", "The client agrees to appear by name in my coaching log", Reads::YesNo),
    field("group_size", "Number of people in the group", Reads::Number),
];

const ENGAGEMENT: &[Field] = &[
    field("client", "Client or mentee", Reads::Text),
    field("practitioner", "Coach or mentor", Reads::Text),
    field("kind", "Kind of relationship", Reads::Choice(|v| words(v, Kind::label))),
    field(
        "dial",
        "Style of the relationship",
        Reads::Choice(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()).and_then(Dial::new).map(Dial::label)),
    ),
    field("accreditation", "Practitioner's accreditation", Reads::Choice(|v| words(v, Accreditation::label))),
    field("title", "Short title", Reads::Text),
    field("sponsor", "Sponsor", Reads::Group(SPONSOR)),
    field("evidence", "", Reads::Group(EVIDENCE)),
];

const CLAUSE: &[Field] = &[
    field(
        "element",
        "Element",
        Reads::Choice(|v| v.as_u64().and_then(|n| u8::try_from(n).ok()).and_then(Element::new).map(Element::title)),
    ),
    field("heading", "Heading", Reads::Text),
    field("text", "Text", Reads::Text),
];

const CONTRACT_GOAL: &[Field] =
    &[field("description", "Goal", Reads::Text), field("success_measure", "How success will be known", Reads::Text)];

const SPONSOR_OBJECTIVE: &[Field] =
    &[field("description", "Objective", Reads::Text), field("success_measure", "How success will be known", Reads::Text)];

const SPONSOR_REPORTING: &[Field] = &[
    field("cadence", "How often", Reads::Choice(|v| words(v, ReportCadence::label))),
    field("form", "In what form", Reads::Choice(|v| words(v, ReportForm::label))),
    field("author", "Who writes it", Reads::Choice(|v| words(v, ReportAuthor::label))),
    field("shares_attendance", "Attendance", Reads::YesNo),
    field("shares_goal_progress", "Progress on goals the client chooses to share", Reads::YesNo),
    field("shares_themes", "Broad themes agreed with the client", Reads::YesNo),
    field("client_consent", "The client sees and approves every report first", Reads::YesNo),
];

const TERMS: &[Field] = &[
    field("coaching_type", "Type of coaching", Reads::Choice(|v| words(v, CoachingType::label))),
    field("mentoring_programme", "Type of mentoring programme", Reads::Choice(|v| words(v, MentoringProgramme::label))),
    field("agenda", "Who sets each session's agenda", Reads::Choice(|v| words(v, AgendaLead::label))),
    field("signposting_prominent", "Signposting is prominent", Reads::YesNo),
    field("goals", "Goals", Reads::Entries(CONTRACT_GOAL)),
    field("sponsor_objectives", "Sponsor objectives", Reads::Entries(SPONSOR_OBJECTIVE)),
    field("mode", "How you meet", Reads::Choice(|v| words(v, SessionMode::label))),
    field("location", "Location", Reads::Text),
    field("frequency", "How often", Reads::Choice(|v| words(v, Frequency::label))),
    field("session_count", "Number of sessions", Reads::Number),
    field("session_minutes", "Session length (minutes)", Reads::Number),
    field("start_date", "Start date", Reads::Date),
    field("end_date", "End date", Reads::Date),
    field("payer", "Who pays", Reads::Choice(|v| words(v, Payer::label))),
    field("fee_per_session", "Fee per session", Reads::Number),
    field("currency", "Currency", Reads::Text),
    field("cancellation_notice_hours", "Notice to cancel or move a session (hours)", Reads::Number),
    field("late_cancellation_counts_as_used", "A session cancelled with less notice counts as used", Reads::YesNo),
    field("confidentiality_limits", "Confidentiality may be broken only for", Reads::Choices(|v| words(v, ConfidentialityLimit::label))),
    field("sponsor_reporting", "Reporting to the sponsor", Reads::Group(SPONSOR_REPORTING)),
    field("contact_between_sessions", "Contact between sessions", Reads::Choice(|v| words(v, ContactBetweenSessions::label))),
    field("code_of_ethics", "Code of ethics", Reads::Choice(|v| words(v, CodeOfEthics::label))),
    field("practitioner_in_supervision", "The practitioner is in supervision", Reads::YesNo),
    field("mid_point_review", "Mid-point review", Reads::YesNo),
    field("end_review", "End review", Reads::YesNo),
    field("review_every_months", "Also review every … months", Reads::Number),
    field("three_way_meetings", "Three-way meetings with the sponsor at the start, mid-point and end", Reads::YesNo),
    field("notes_retention_months", "Keep notes for (months)", Reads::Number),
];

const PARTIES: &[Field] = &[
    field("kind", "Kind of relationship", Reads::Choice(|v| words(v, Kind::label))),
    field("client", "Client or mentee", Reads::Text),
    field("practitioner", "Coach or mentor", Reads::Text),
    field("accreditation", "Practitioner's accreditation", Reads::Choice(|v| words(v, Accreditation::label))),
    field("sponsor", "Sponsor", Reads::Group(SPONSOR)),
];

const AGREEMENT: &[Field] = &[
    field("party", "Who agreed", Reads::Choice(|v| words(v, Party::label))),
    field("typed_name", "Your full name", Reads::Text),
    field("acknowledged_confidentiality_limits", "Acknowledged the limits of confidentiality", Reads::YesNo),
    field("acknowledged_sponsor_reporting", "Acknowledged what is reported to the sponsor", Reads::YesNo),
    field("agreed_at", "Agreed", Reads::Timestamp),
    hidden("contract_hash"),
];

const CONTRACT: &[Field] = &[
    hidden("engagement_id"),
    field("version", "Version", Reads::Number),
    field("status", "Status", Reads::Choice(|v| words(v, ContractStatus::label))),
    field("template_name", "Template name", Reads::Text),
    field("terms", "", Reads::Group(TERMS)),
    field("clauses", "Clauses", Reads::Entries(CLAUSE)),
    field("parties", "Parties", Reads::Group(PARTIES)),
    hidden("hash"),
    field("agreements", "Agreements", Reads::Entries(AGREEMENT)),
    field("proposed_at", "Proposed", Reads::Timestamp),
    field("agreed_at", "Agreed", Reads::Timestamp),
];

const TEMPLATE: &[Field] = &[
    field("name", "Template name", Reads::Text),
    field("description", "Description", Reads::Text),
    field("kind", "Kind of relationship", Reads::Choice(|v| words(v, Kind::label))),
    field("three_way", "Three-way", Reads::YesNo),
    field("code_of_ethics", "Code of ethics", Reads::Choice(|v| words(v, CodeOfEthics::label))),
    field("coaching_type", "Type of coaching", Reads::Choice(|v| words(v, CoachingType::label))),
    field("mentoring_programme", "Type of mentoring programme", Reads::Choice(|v| words(v, MentoringProgramme::label))),
    field("clauses", "Clauses", Reads::Entries(CLAUSE)),
];

const GAS_LEVELS: &[Field] = &[
    field("much_more", GasLevel::MuchMore.label(), Reads::Text),
    field("somewhat_more", GasLevel::SomewhatMore.label(), Reads::Text),
    field("expected", GasLevel::Expected.label(), Reads::Text),
    field("somewhat_less", GasLevel::SomewhatLess.label(), Reads::Text),
    field("much_less", GasLevel::MuchLess.label(), Reads::Text),
];

const WEIGHT: &[Field] = &[
    field("kind", "Weight in the T-score", Reads::Choice(|v| words(v, WeightMode::label))),
    field("value", "Weight", Reads::Number),
    field("importance", "Importance (1–5)", Reads::Number),
    field("difficulty", "Difficulty (1–5)", Reads::Number),
];

const SCORE: &[Field] = &[
    field("on", "Date", Reads::Date),
    field("point", "Review point", Reads::Choice(|v| words(v, ReviewPoint::label))),
    field("score", "Score", Reads::Number),
    field("note", "Note", Reads::Text),
];

/// A judged entry (percent, comment) or a metric's entry (value, note).
const PROGRESS_ENTRY: &[Field] = &[
    field("on", "Date", Reads::Date),
    field("percent", "Progress (%)", Reads::Number),
    field("comment", "Comment", Reads::Text),
    field("value", "Value", Reads::Number),
    field("note", "Note", Reads::Text),
];

const PROGRESS: &[Field] = &[
    field("method", "Method", Reads::Choice(|v| words(v, ProgressMethod::label))),
    field("weighted", "Weight milestones and actions by their weight", Reads::YesNo),
    field("kind", "Kind of number", Reads::Choice(|v| words(v, MetricKind::label))),
    field("unit", "What is counted or measured", Reads::Text),
    field("start_value", "Starting value", Reads::Number),
    field("target", "Target", Reads::Number),
    field("entries", "", Reads::Entries(PROGRESS_ENTRY)),
];

const ACTION_REVIEW: &[Field] = &[
    hidden("session_id"),
    field("on", "Date", Reads::Date),
    field("outcome", "Outcome", Reads::Choice(|v| words(v, ReviewOutcome::label))),
    field("learned", "What was learned", Reads::Text),
];

const GOAL_ITEM: &[Field] = &[
    hidden("id"),
    field("kind", "Kind", Reads::Choice(|v| words(v, ItemKind::label))),
    field("title", "What", Reads::Text),
    field("owner", "Owner", Reads::Choice(|v| words(v, Party::label))),
    field("due", "Due date", Reads::Date),
    field("status", "Status", Reads::Choice(|v| words(v, ItemStatus::label))),
    field("done_on", "Done on", Reads::Date),
    field("weight", "Weight", Reads::Number),
    field("needs_confirmation", "The practitioner confirms completion", Reads::YesNo),
    field("confirmed", "Confirmed", Reads::YesNo),
    hidden("agreed_in"),
    field("reviews", "Reviews", Reads::Entries(ACTION_REVIEW)),
];

const GOAL: &[Field] = &[
    hidden("engagement_id"),
    field("title", "Goal", Reads::Text),
    field("why_it_matters", "Why it matters", Reads::Text),
    field("success_measure", "How success will be known", Reads::Text),
    field("target_date", "Target date", Reads::Date),
    field("owner", "Owner", Reads::Choice(|v| words(v, Party::label))),
    field("visibility", "Who can see it", Reads::Choice(|v| words(v, Visibility::label))),
    field("levels", "Goal Attainment Scaling", Reads::Group(GAS_LEVELS)),
    field("weight", "", Reads::Group(WEIGHT)),
    field("scores", "Scores", Reads::Entries(SCORE)),
    field("level_history", "Earlier levels", Reads::Entries(GAS_LEVELS)),
    field("progress", "Progress", Reads::Group(PROGRESS)),
    field("items", "Milestones and actions", Reads::Entries(GOAL_ITEM)),
];

const THEME: &[Field] = &[
    hidden("id"),
    field("what", "What I want to bring", Reads::Text),
    field("why_now", "Why now", Reads::Text),
    field("leave_with", "What I want to leave with", Reads::Text),
];

const AGENDA_ITEM: &[Field] = &[hidden("id"), field("text", "", Reads::Text), hidden("theme_id")];

const SESSION_AGREEMENT: &[Field] =
    &[field("want", "What do you want from today?", Reads::Text), field("how_know", "How will you know you have it?", Reads::Text)];

const GROW: &[Field] = &[
    field("goal", "Goal: what do you want?", Reads::Text),
    field("reality", "Reality: what is happening now?", Reads::Text),
    field("options", "Options: what could you do?", Reads::Text),
    field("will", "Will: what will you do?", Reads::Text),
];

/// The three note layers, in the words of [`NoteLayer::label`](crate::domain::session::NoteLayer::label).
const NOTES: &[Field] = &[
    field("shared", "Shared notes", Reads::Text),
    Field { key: "practitioner_private", label: "Practitioner's private notes", reads: Reads::Text, private: true },
    Field { key: "client_private", label: "Client's private notes", reads: Reads::Text, private: true },
];

const FEEDBACK: &[Field] =
    &[field("score", "How useful was the session?", Reads::Choice(feedback_score)), field("comment", "Feedback comment", Reads::Text)];

/// A session's feedback score (1 to 4), in the words of the session screen.
fn feedback_score(value: &Value) -> Option<&'static str> {
    let score = u8::try_from(value.as_u64()?).ok()?;
    Usefulness::from_score(score).map(Usefulness::label)
}

const SESSION: &[Field] = &[
    hidden("engagement_id"),
    field("date", "Date", Reads::Date),
    field("time", "Start time", Reads::Time),
    field("minutes", "Length in minutes", Reads::Number),
    field("mode", "How you meet", Reads::Choice(|v| words(v, SessionMode::label))),
    field("purpose", "What it is for", Reads::Choice(|v| words(v, Purpose::label))),
    field("status", "Status", Reads::Choice(|v| words(v, Status::label))),
    field("status_note", "Note about the arrangement", Reads::Text),
    field("themes", "Themes", Reads::Entries(THEME)),
    field("agenda", "Agenda", Reads::Entries(AGENDA_ITEM)),
    field("agreement", "Session agreement", Reads::Group(SESSION_AGREEMENT)),
    field("grow", "", Reads::Group(GROW)),
    field("notes", "", Reads::Group(NOTES)),
    field("reflection", "One thing I take away", Reads::Text),
    field("reflection_shared", "Share this reflection in the engagement summary", Reads::YesNo),
    field("feedback", "", Reads::Group(FEEDBACK)),
    field("actions", "Actions agreed in this session", Reads::Entries(GOAL_ITEM)),
];

const PHASE_CHANGE: &[Field] = &[field("on", "Date", Reads::Date), field("phase", "Phase", Reads::Choice(|v| words(v, Phase::label)))];

const PAUSE: &[Field] =
    &[field("from", "Paused from", Reads::Date), field("until", "Until", Reads::Date), field("reason", "Why it is paused", Reads::Text)];

const ENDING: &[Field] = &[
    field("on", "Ended on", Reads::Date),
    field("outcome", "How it ended", Reads::Choice(|v| words(v, EndingOutcome::label))),
    field("summary", "Closing summary", Reads::Text),
];

const SIGNPOST: &[Field] = &[
    hidden("id"),
    field("kind", "Kind", Reads::Choice(|v| words(v, SignpostKind::label))),
    field("title", "What", Reads::Text),
    field("detail", "Details", Reads::Text),
    hidden("goal_id"),
    field("suggested_on", "Suggested on", Reads::Date),
    field("followed_up", "Followed up", Reads::YesNo),
    field("useful", "Useful", Reads::YesNo),
];

const JOURNEY: &[Field] = &[
    hidden("engagement_id"),
    field("phases", "Mentoring phase", Reads::Entries(PHASE_CHANGE)),
    field("pauses", "Pauses", Reads::Entries(PAUSE)),
    field("ending", "", Reads::Group(ENDING)),
    field("signposts", "Signposts", Reads::Entries(SIGNPOST)),
];

const SUPERVISION: &[Field] = &[
    field("on", "Date", Reads::Date),
    field("supervisor", "Supervisor", Reads::Text),
    field("hours", "Hours", Reads::Number),
    field("note", "Note", Reads::Text),
];

const CPD: &[Field] = &[
    field("on", "Date", Reads::Date),
    field("activity", "What you did", Reads::Text),
    field("kind", "Kind of development", Reads::Choice(|v| words(v, CpdKind::label))),
    field("hours", "Hours", Reads::Number),
    field("note", "Note", Reads::Text),
];

const WHEEL_ROUND: &[Field] = &[
    field("point", "Review point", Reads::Choice(|v| words(v, ReviewPoint::label))),
    field("taken_on", "Taken on", Reads::Date),
    field("scores", "Scores", Reads::Text),
];

const WHEEL: &[Field] =
    &[hidden("engagement_id"), field("areas", "Areas", Reads::Text), field("rounds", "Rounds", Reads::Entries(WHEEL_ROUND))];

const QUESTION: &[Field] = &[
    field("prompt", "Question", Reads::Text),
    field("required", "Needs an answer", Reads::YesNo),
    field("kind", "Kind of answer", Reads::Text),
];

const QUESTIONS: &[Field] = &[
    field("title", "Title", Reads::Text),
    field("intro", "Introduction", Reads::Text),
    field("items", "Questions", Reads::Entries(QUESTION)),
];

const ANSWERS: &[Field] = &[
    field("point", "Review point", Reads::Choice(|v| words(v, ReviewPoint::label))),
    field("taken_on", "Answered on", Reads::Date),
    field("answers", "Answers", Reads::Text),
];

const QUESTIONNAIRE: &[Field] =
    &[hidden("engagement_id"), field("questionnaire", "", Reads::Group(QUESTIONS)), field("rounds", "Answers", Reads::Entries(ANSWERS))];

const APPROVAL: &[Field] = &[field("by", "Approved by", Reads::Text), field("at", "Approved on", Reads::Timestamp)];

const REPORT: &[Field] = &[
    hidden("engagement_id"),
    field("drafted_on", "Drafted on", Reads::Date),
    field("text", "Text", Reads::Text),
    field("approval", "", Reads::Group(APPROVAL)),
];

/// The fields of a store's records; `None` for a store these tables do not know.
fn fields_of(store: &str) -> Option<&'static [Field]> {
    Some(match store {
        "engagements" => ENGAGEMENT,
        "contracts" => CONTRACT,
        "templates" => TEMPLATE,
        "goals" => GOAL,
        "sessions" => SESSION,
        "journeys" => JOURNEY,
        "supervision" => SUPERVISION,
        "reports" => REPORT,
        "cpd" => CPD,
        "wheels" => WHEEL,
        "questionnaires" => QUESTIONNAIRE,
        _ => return None,
    })
}

/// One version of a record of `store` (its data, as stored), field by field, in the
/// order the forms show them; keys no table knows come last, named after the key.
pub fn describe(store: &str, data: &Value) -> Vec<FieldRow> {
    let mut out = Vec::new();
    let fields = fields_of(store).unwrap_or(&[]);
    match data {
        Value::Object(_) => group(fields, data, "", &[], &mut out),
        Value::Null => {}
        other => out.push(FieldRow { key: String::new(), label: Vec::new(), value: as_stored(other), private: false }),
    }
    out
}

/// Every label the tables use (for the German catalog's check).
pub fn labels() -> Vec<&'static str> {
    fn collect(fields: &'static [Field], out: &mut Vec<&'static str>) {
        for f in fields {
            if !f.label.is_empty() && !out.contains(&f.label) {
                out.push(f.label);
            }
            if let Reads::Group(inner) | Reads::Entries(inner) = f.reads {
                collect(inner, out);
            }
        }
    }
    let mut out = Vec::new();
    for store in [
        "engagements",
        "contracts",
        "templates",
        "goals",
        "sessions",
        "journeys",
        "supervision",
        "reports",
        "cpd",
        "wheels",
        "questionnaires",
    ] {
        collect(fields_of(store).unwrap_or(&[]), &mut out);
    }
    out
}

fn child_key(prefix: &str, key: &str) -> String {
    if prefix.is_empty() {
        key.to_string()
    } else {
        format!("{prefix}.{key}")
    }
}

fn with(label: &[Label], part: Option<Label>) -> Vec<Label> {
    label.iter().cloned().chain(part).collect()
}

fn words_of(label: &'static str) -> Option<Label> {
    (!label.is_empty()).then_some(Label::Words(label))
}

/// The fields of an object: the known ones in table order, then any others.
fn group(fields: &'static [Field], data: &Value, key: &str, label: &[Label], out: &mut Vec<FieldRow>) {
    let Value::Object(map) = data else { return };
    for f in fields {
        if let Some(value) = map.get(f.key) {
            one(f, value, &child_key(key, f.key), &with(label, words_of(f.label)), out);
        }
    }
    for (name, value) in map {
        if !fields.iter().any(|f| f.key == name) {
            unknown(value, &child_key(key, name), &with(label, Some(Label::Unknown(key_words(name)))), out);
        }
    }
}

fn one(f: &Field, value: &Value, key: &str, label: &[Label], out: &mut Vec<FieldRow>) {
    let row = |value: FieldValue| FieldRow { key: key.to_string(), label: label.to_vec(), value, private: f.private };
    if value.is_null() {
        if !matches!(f.reads, Reads::Hidden) {
            out.push(row(FieldValue::Empty));
        }
        return;
    }
    let read = |ok: Option<FieldValue>| ok.unwrap_or_else(|| as_stored(value));
    match f.reads {
        Reads::Hidden => {}
        Reads::Text => out.push(row(read(value.as_str().map(text)))),
        Reads::Number => out.push(row(read(value.as_f64().map(FieldValue::Number)))),
        Reads::YesNo => out.push(row(read(value.as_bool().map(FieldValue::YesNo)))),
        Reads::Date => out.push(row(read(serde_json::from_value::<Date>(value.clone()).ok().map(FieldValue::Date)))),
        Reads::Time => {
            out.push(row(read(serde_json::from_value::<ClockTime>(value.clone()).ok().map(|t| FieldValue::Text(t.to_string())))))
        }
        Reads::Timestamp => out.push(row(read(serde_json::from_value::<Timestamp>(value.clone()).ok().map(FieldValue::Timestamp)))),
        Reads::Choice(words) => out.push(row(read(words(value).map(FieldValue::Choice)))),
        Reads::Choices(words) => {
            let list = value.as_array().map(|items| {
                FieldValue::List(items.iter().map(|item| words(item).map_or_else(|| as_stored(item), FieldValue::Choice)).collect())
            });
            out.push(row(read(list)));
        }
        Reads::Group(inner) if value.is_object() => group(inner, value, key, label, out),
        Reads::Entries(inner) if value.is_array() => {
            let items = value.as_array().map(Vec::as_slice).unwrap_or_default();
            if items.is_empty() {
                out.push(row(FieldValue::Empty));
            }
            for (index, item) in items.iter().enumerate() {
                let item_key = child_key(key, &index.to_string());
                let item_label = with(label, Some(Label::Entry(index + 1)));
                if item.is_object() {
                    group(inner, item, &item_key, &item_label, out);
                } else {
                    unknown(item, &item_key, &item_label, out);
                }
            }
        }
        Reads::Group(_) | Reads::Entries(_) => out.push(row(as_stored(value))),
    }
}

/// A field no table knows: objects field by field, anything else as stored.
fn unknown(value: &Value, key: &str, label: &[Label], out: &mut Vec<FieldRow>) {
    match value {
        Value::Object(_) => group(&[], value, key, label, out),
        Value::Array(items) if items.iter().any(|i| i.is_object() || i.is_array()) => {
            for (index, item) in items.iter().enumerate() {
                unknown(item, &child_key(key, &index.to_string()), &with(label, Some(Label::Entry(index + 1))), out);
            }
        }
        other => out.push(FieldRow { key: key.to_string(), label: label.to_vec(), value: as_stored(other), private: false }),
    }
}

fn text(text: &str) -> FieldValue {
    if text.trim().is_empty() {
        FieldValue::Empty
    } else {
        FieldValue::Text(text.to_string())
    }
}

/// A value as it is stored, when nothing better is known about it.
fn as_stored(value: &Value) -> FieldValue {
    match value {
        Value::Null => FieldValue::Empty,
        Value::Bool(yes) => FieldValue::YesNo(*yes),
        Value::Number(n) => n.as_f64().map_or_else(|| FieldValue::Text(n.to_string()), FieldValue::Number),
        Value::String(s) => text(s),
        Value::Array(items) if items.is_empty() => FieldValue::Empty,
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            FieldValue::List(items.iter().map(as_stored).collect())
        }
        other => FieldValue::Text(other.to_string()),
    }
}

/// A key as words: `priority_level` → "Priority level".
fn key_words(key: &str) -> String {
    let words = key.replace('_', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn row<'a>(rows: &'a [FieldRow], key: &str) -> &'a FieldRow {
        rows.iter().find(|r| r.key == key).unwrap_or_else(|| panic!("no row {key} in {rows:#?}"))
    }

    fn named(row: &FieldRow) -> Vec<&str> {
        row.label
            .iter()
            .map(|part| match part {
                Label::Words(words) => *words,
                Label::Unknown(name) => name.as_str(),
                Label::Entry(_) => "#",
            })
            .collect()
    }

    #[test]
    fn an_engagement_reads_in_the_words_of_its_form() {
        let data = json!({
            "client": "Ada Lovelace", "practitioner": "Grace Hopper", "kind": "coaching", "dial": 4,
            "accreditation": "icf_pcc", "sponsor": { "organisation": "Acme", "contact": "Bob", "role": "" },
            "evidence": { "client_contact": "", "named_in_log": true, "group_size": null }
        });
        let rows = describe("engagements", &data);
        assert_eq!(named(&rows[0]), ["Client or mentee"]);
        assert_eq!(rows[0].value, FieldValue::Text("Ada Lovelace".into()));
        assert_eq!(row(&rows, "kind").value, FieldValue::Choice("Coaching"));
        assert_eq!(row(&rows, "dial").value, FieldValue::Choice("Ask and reflect"));
        assert_eq!(row(&rows, "accreditation").value, FieldValue::Choice("ICF PCC (Professional Certified Coach)"));
        assert_eq!(named(row(&rows, "sponsor.organisation")), ["Sponsor", "Organisation"]);
        assert_eq!(row(&rows, "sponsor.role").value, FieldValue::Empty);
        assert_eq!(named(row(&rows, "evidence.named_in_log")), ["The client agrees to appear by name in my coaching log"]);
        assert_eq!(row(&rows, "evidence.named_in_log").value, FieldValue::YesNo(true));
        assert_eq!(row(&rows, "evidence.group_size").value, FieldValue::Empty);
    }

    #[test]
    fn a_contract_shows_choice_words_dates_and_moments_not_stored_values() {
        let data = json!({
            "engagement_id": "e1", "version": 2, "status": "agreed", "template_name": "Coaching",
            "terms": { "frequency": "fortnightly", "mode": "video", "start_date": "2026-11-23",
                       "confidentiality_limits": ["risk_of_harm", "legal_order"], "sponsor_reporting": { "form": "three_way_meeting" } },
            "clauses": [{ "element": 3, "heading": "Purpose", "text": "…" }],
            "hash": "ab12", "agreements": [{ "party": "client", "agreed_at": 1_790_000_000_000_i64, "contract_hash": "ab12" }],
        });
        let rows = describe("contracts", &data);
        assert!(rows.iter().all(|r| !r.key.contains("engagement_id") && !r.key.contains("hash")), "ids and fingerprints are left out");
        assert_eq!(row(&rows, "status").value, FieldValue::Choice("Agreed"));
        assert_eq!(named(row(&rows, "terms.frequency")), ["How often"]);
        assert_eq!(row(&rows, "terms.frequency").value, FieldValue::Choice("Every two weeks"));
        assert_eq!(row(&rows, "terms.start_date").value, FieldValue::Date(Date::new(2026, 11, 23).unwrap()));
        assert_eq!(
            row(&rows, "terms.confidentiality_limits").value,
            FieldValue::List(vec![
                FieldValue::Choice("A serious risk of harm to the client or to others"),
                FieldValue::Choice("A court order or other legal requirement")
            ])
        );
        assert_eq!(named(row(&rows, "terms.sponsor_reporting.form")), ["Reporting to the sponsor", "In what form"]);
        assert_eq!(row(&rows, "terms.sponsor_reporting.form").value, FieldValue::Choice("In a three-way meeting"));
        assert_eq!(row(&rows, "clauses.0.element").value, FieldValue::Choice(Element::new(3).unwrap().title()));
        assert_eq!(row(&rows, "clauses.0.element").label[1], Label::Entry(1));
        assert_eq!(row(&rows, "agreements.0.party").value, FieldValue::Choice("Client"));
        assert_eq!(row(&rows, "agreements.0.agreed_at").value, FieldValue::Timestamp(Timestamp(1_790_000_000_000)));
    }

    #[test]
    fn every_record_kind_has_labels_for_its_fields() {
        let samples = [
            (
                "templates",
                json!({ "name": "Mine", "kind": "mentoring", "three_way": false, "clauses": [] }),
                "kind",
                "Kind of relationship",
            ),
            (
                "goals",
                json!({ "engagement_id": "e", "title": "Delegate", "visibility": "sponsor_visible", "weight": { "kind": "direct", "value": 1.0 },
                              "progress": { "method": "roll_up", "weighted": true }, "items": [{ "id": "i1", "kind": "action", "title": "Ask", "owner": "practitioner", "status": "in_progress" }] }),
                "visibility",
                "Who can see it",
            ),
            (
                "sessions",
                json!({ "engagement_id": "e", "date": "2026-12-01", "time": "14:05", "minutes": 60, "purpose": "mid_point_review", "status": "late_cancelled" }),
                "purpose",
                "What it is for",
            ),
            (
                "journeys",
                json!({ "engagement_id": "e", "phases": [{ "on": "2026-12-01", "phase": "direction_setting" }],
                                 "signposts": [{ "id": "s", "kind": "course", "title": "A course", "goal_id": "g", "suggested_on": "2026-12-01" }] }),
                "phases.0.phase",
                "Phase",
            ),
            ("supervision", json!({ "on": "2026-12-01", "supervisor": "Sam", "hours": 1.5, "note": "" }), "supervisor", "Supervisor"),
            (
                "reports",
                json!({ "engagement_id": "e", "drafted_on": "2026-12-01", "text": "All good", "approval": { "by": "Ada", "at": 1 } }),
                "approval.by",
                "Approved by",
            ),
        ];
        for (store, data, key, label) in &samples {
            let rows = describe(store, data);
            assert_eq!(named(row(&rows, key)).last(), Some(label), "{store}");
            assert!(
                rows.iter().all(|r| r.label.iter().all(|part| !matches!(part, Label::Unknown(_)))),
                "{store}: every field is known: {rows:#?}"
            );
            assert!(rows.iter().all(|r| !r.key.ends_with("id")), "{store}: no ids shown");
        }
        let goal = describe("goals", &samples[1].1);
        assert_eq!(row(&goal, "visibility").value, FieldValue::Choice("Visible to the sponsor"));
        assert_eq!(row(&goal, "weight.kind").value, FieldValue::Choice("A number (1 unless some goals matter more)"));
        assert_eq!(row(&goal, "progress.method").value, FieldValue::Choice("From milestones and actions"));
        assert_eq!(row(&goal, "items.0.owner").value, FieldValue::Choice("Coach or mentor"));
        assert_eq!(row(&goal, "items.0.status").value, FieldValue::Choice("In progress"));
        let session = describe("sessions", &samples[2].1);
        assert_eq!(row(&session, "time").value, FieldValue::Text("14:05".into()));
        assert_eq!(row(&session, "status").value, FieldValue::Choice("Cancelled late"));
        let journey = describe("journeys", &samples[3].1);
        assert_eq!(row(&journey, "phases.0.phase").value, FieldValue::Choice("Setting direction"));
        assert_eq!(row(&journey, "signposts.0.kind").value, FieldValue::Choice("Course"));
        let report = describe("reports", &samples[5].1);
        assert_eq!(row(&report, "approval.at").value, FieldValue::Timestamp(Timestamp(1)));
    }

    #[test]
    fn private_note_layers_are_labelled_as_private() {
        use crate::domain::session::NoteLayer;
        let data = json!({ "notes": { "practitioner_private": "mine", "client_private": "theirs", "shared": "ours" } });
        let rows = describe("sessions", &data);
        for (key, layer) in [("practitioner_private", NoteLayer::PractitionerPrivate), ("client_private", NoteLayer::ClientPrivate)] {
            let row = row(&rows, &format!("notes.{key}"));
            assert!(row.private, "{key} is marked private");
            assert_eq!(named(row), [layer.label()]);
        }
        let shared = row(&rows, "notes.shared");
        assert!(!shared.private);
        assert_eq!(named(shared), [NoteLayer::Shared.label()]);
    }

    #[test]
    fn keys_from_a_newer_version_are_still_shown() {
        let data = json!({ "client": "Ada", "priority_level": "high", "extra": { "deep_thing": [1, 2] }, "sponsor": { "organisation": "Acme", "cost_centre": "42" } });
        let rows = describe("engagements", &data);
        assert_eq!(named(row(&rows, "priority_level")), ["Priority level"]);
        assert_eq!(row(&rows, "priority_level").value, FieldValue::Text("high".into()));
        assert_eq!(named(row(&rows, "extra.deep_thing")), ["Extra", "Deep thing"]);
        assert_eq!(row(&rows, "extra.deep_thing").value, FieldValue::List(vec![FieldValue::Number(1.0), FieldValue::Number(2.0)]));
        assert_eq!(named(row(&rows, "sponsor.cost_centre")), ["Sponsor", "Cost centre"]);
        // A store these tables do not know: every key by its own name.
        let rows = describe("bookmarks", &json!({ "url": "x" }));
        assert_eq!(named(row(&rows, "url")), ["Url"]);
    }

    #[test]
    fn a_value_that_does_not_read_as_its_type_is_shown_as_stored() {
        let data = json!({ "kind": "coaching_plus", "dial": 9, "title": 42, "sponsor": "Acme", "evidence": { "named_in_log": "yes" } });
        let rows = describe("engagements", &data);
        assert_eq!(row(&rows, "kind").value, FieldValue::Text("coaching_plus".into()));
        assert_eq!(row(&rows, "dial").value, FieldValue::Number(9.0));
        assert_eq!(row(&rows, "title").value, FieldValue::Number(42.0));
        assert_eq!(row(&rows, "sponsor").value, FieldValue::Text("Acme".into()));
        assert_eq!(row(&rows, "evidence.named_in_log").value, FieldValue::Text("yes".into()));
        let rows = describe("sessions", &json!({ "date": "someday", "time": "25:00" }));
        assert_eq!(row(&rows, "date").value, FieldValue::Text("someday".into()));
        assert_eq!(row(&rows, "time").value, FieldValue::Text("25:00".into()));
    }

    #[test]
    fn the_same_field_has_the_same_key_in_every_version() {
        let one = describe("sessions", &json!({ "status": "planned", "themes": [{ "id": "a", "what": "Time" }] }));
        let two = describe("sessions", &json!({ "status": "held", "themes": [{ "id": "a", "what": "Energy" }] }));
        let keys = |rows: &[FieldRow]| rows.iter().map(|r| r.key.clone()).collect::<Vec<_>>();
        assert_eq!(keys(&one), keys(&two));
        assert_ne!(row(&one, "themes.0.what").value, row(&two, "themes.0.what").value);
        assert_eq!(named(row(&one, "themes.0.what")), ["Themes", "#", "What I want to bring"]);
    }

    #[test]
    fn every_label_is_listed_once() {
        let labels = labels();
        assert!(labels.contains(&"Client or mentee") && labels.contains(&"Supervisor") && labels.contains(&"Practitioner's private notes"));
        assert!(!labels.contains(&""));
    }
}
