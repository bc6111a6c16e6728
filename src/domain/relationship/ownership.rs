//! Who owns what travels: the one table of the groups of fields a relationship update may
//! carry ([`SharedField`]), whose each is ([`Share`]), and so who may send and who may
//! receive it ([`may_send`], [`may_receive`], [`may_add`]). Which records travel to whom at
//! all (a client-private goal to no one; to a sponsor only three-way meetings, goals
//! visible to the sponsor and approved sponsor updates) is here too ([`travels_to`]).
//! Building an update and reading one both ask these functions; nothing else decides.
//!
//! | field group | record | share |
//! |---|---|---|
//! | [`SessionPlan`](SharedField::SessionPlan): date, time, length, mode, purpose, status and its note | session | the practitioner's |
//! | [`Themes`](SharedField::Themes) | session | the client's |
//! | [`Agenda`](SharedField::Agenda), [`SessionAgreement`](SharedField::SessionAgreement), [`Grow`](SharedField::Grow), [`SharedNotes`](SharedField::SharedNotes) | session | joint |
//! | [`Reflection`](SharedField::Reflection): only while the client shares it | session | the client's |
//! | [`Feedback`](SharedField::Feedback) | session | the client's |
//! | [`SessionActions`](SharedField::SessionActions): the actions agreed there, without check-ins | session | joint |
//! | [`GoalWording`](SharedField::GoalWording): title, why, success measure, target date, owner, visibility, GAS levels and their history, weight, how progress is tracked and its entries | goal | joint |
//! | [`GoalScores`](SharedField::GoalScores): the GAS scores | goal | the practitioner's |
//! | [`GoalItems`](SharedField::GoalItems): milestones and actions, without check-ins | goal | joint |
//! | [`CheckIns`](SharedField::CheckIns): one action's check-ins | goal or session | the client's |
//! | [`ReportDraft`](SharedField::ReportDraft): date and text of a sponsor update | sponsor update | the practitioner's |
//! | [`ReportApproval`](SharedField::ReportApproval) | sponsor update | the client's |
//! | [`ContractVersion`](SharedField::ContractVersion): a proposed version, without agreements | contract | the practitioner's |
//! | [`ContractAgreement`](SharedField::ContractAgreement): one party's agreement | contract | that party's |
//! | [`WheelAreas`](SharedField::WheelAreas), [`WheelRounds`](SharedField::WheelRounds) | wheel of life | joint (scored together or by the client alone) |
//! | [`QuestionnaireWording`](SharedField::QuestionnaireWording): title, introduction, questions | questionnaire | the practitioner's |
//! | [`QuestionnaireAnswers`](SharedField::QuestionnaireAnswers): the answers at each review point | questionnaire | the client's |
//! | both private note layers, an unshared reflection, a client-private goal, the practitioner's evidence details | — | private: never in an update |

use serde::{Deserialize, Serialize};

use crate::domain::goal::{Goal, Visibility};
use crate::domain::kinds::RecordKind;
use crate::domain::message::{Arg, Message};
use crate::domain::party::Party;
use crate::domain::record::RecordId;
use crate::domain::report::SponsorReport;
use crate::domain::session::Session;
use crate::msg;

/// A group of fields that travels (or, for the private ones, never does) as one value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedField {
    /// A session's date, time, length, mode, purpose, status and status note.
    SessionPlan,
    Themes,
    Agenda,
    /// "What do you want from today; how will you know."
    SessionAgreement,
    Grow,
    /// The shared note layer.
    SharedNotes,
    /// The client's reflection, only while they share it (`None` once they stop).
    Reflection,
    Feedback,
    /// The actions a session agreed (those linked to no goal), without check-ins.
    SessionActions,
    /// The practitioner's private note layer: never travels.
    PractitionerPrivateNotes,
    /// The client's private note layer: never travels.
    ClientPrivateNotes,
    /// A reflection the client keeps to themselves: never travels.
    UnsharedReflection,
    /// A goal's words, levels, weight, visibility and progress entries.
    GoalWording,
    GoalScores,
    /// A goal's milestones and actions, without check-ins.
    GoalItems,
    /// A goal only the client sees: never travels, in either direction.
    ClientPrivateGoal,
    /// The check-ins of one action (by its id), in a goal or a session.
    CheckIns {
        action: String,
    },
    /// A sponsor update's date and text.
    ReportDraft,
    /// The client's approval of a sponsor update.
    ReportApproval,
    /// A proposed (or agreed) contract version as the practitioner proposed it, without
    /// the agreements.
    ContractVersion,
    /// One party's agreement to a contract version.
    ContractAgreement(Party),
    /// What the practitioner's evidence records about the client: never travels.
    EvidenceDetails,
    /// The names of a wheel of life's areas.
    WheelAreas,
    /// Every round a wheel of life was scored.
    WheelRounds,
    /// A questionnaire's title, introduction and questions.
    QuestionnaireWording,
    /// The client's answers to a questionnaire, at each review point.
    QuestionnaireAnswers,
}

/// Whose a field group is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Share {
    /// Only this party changes it; the others take their latest.
    Owned(Party),
    /// Client and practitioner both change it; a change on both sides is a conflict the
    /// person decides.
    Joint,
    /// Never in an update, never read from one.
    Private,
}

impl SharedField {
    /// Whose it is: the table at the top of this module.
    pub fn share(&self) -> Share {
        use SharedField as F;
        match self {
            F::SessionPlan | F::GoalScores | F::ReportDraft | F::ContractVersion | F::QuestionnaireWording => {
                Share::Owned(Party::Practitioner)
            }
            F::Themes | F::Reflection | F::Feedback | F::CheckIns { .. } | F::ReportApproval | F::QuestionnaireAnswers => {
                Share::Owned(Party::Client)
            }
            F::WheelAreas | F::WheelRounds => Share::Joint,
            F::ContractAgreement(party) => Share::Owned(*party),
            F::Agenda | F::SessionAgreement | F::Grow | F::SharedNotes | F::SessionActions | F::GoalWording | F::GoalItems => Share::Joint,
            F::PractitionerPrivateNotes | F::ClientPrivateNotes | F::UnsharedReflection | F::ClientPrivateGoal | F::EvidenceDetails => {
                Share::Private
            }
        }
    }

    /// Whether a record of this kind has this field group (check-ins: goals and sessions).
    pub fn fits(&self, kind: SharedKind) -> bool {
        use SharedField as F;
        match self {
            F::SessionPlan
            | F::Themes
            | F::Agenda
            | F::SessionAgreement
            | F::Grow
            | F::SharedNotes
            | F::Reflection
            | F::Feedback
            | F::SessionActions
            | F::PractitionerPrivateNotes
            | F::ClientPrivateNotes
            | F::UnsharedReflection => kind == SharedKind::Session,
            F::GoalWording | F::GoalScores | F::GoalItems | F::ClientPrivateGoal => kind == SharedKind::Goal,
            F::CheckIns { .. } => matches!(kind, SharedKind::Goal | SharedKind::Session),
            F::ReportDraft | F::ReportApproval => kind == SharedKind::Report,
            F::ContractVersion | F::ContractAgreement(_) => kind == SharedKind::Contract,
            F::EvidenceDetails => false,
            F::WheelAreas | F::WheelRounds => kind == SharedKind::Wheel,
            F::QuestionnaireWording | F::QuestionnaireAnswers => kind == SharedKind::Questionnaire,
        }
    }

    /// The field group in words, inside a sentence: "the themes of a session".
    pub fn label(&self) -> Message {
        use SharedField as F;
        match self {
            F::SessionPlan => msg!("the date, time and status of a session"),
            F::Themes => msg!("the themes of a session"),
            F::Agenda => msg!("the agenda of a session"),
            F::SessionAgreement => msg!("the agreement at the start of a session"),
            F::Grow => msg!("the GROW notes of a session"),
            F::SharedNotes => msg!("the shared notes of a session"),
            F::Reflection => msg!("a shared reflection"),
            F::Feedback => msg!("the feedback on a session"),
            F::SessionActions => msg!("the actions agreed in a session"),
            F::PractitionerPrivateNotes => msg!("the practitioner's private notes"),
            F::ClientPrivateNotes => msg!("the client's private notes"),
            F::UnsharedReflection => msg!("a reflection that is not shared"),
            F::GoalWording => msg!("the wording of a goal"),
            F::GoalScores => msg!("the scores of a goal"),
            F::GoalItems => msg!("the milestones and actions of a goal"),
            F::ClientPrivateGoal => msg!("a goal private to the client"),
            F::CheckIns { .. } => msg!("the check-ins on an action"),
            F::ReportDraft => msg!("the text of a sponsor update"),
            F::ReportApproval => msg!("the approval of a sponsor update"),
            F::ContractVersion => msg!("a version of the contract"),
            F::ContractAgreement(party) => {
                msg!("the {party}'s agreement to the contract", party = Arg::LabelInSentence(party.label()))
            }
            F::EvidenceDetails => msg!("the practitioner's evidence details"),
            F::WheelAreas => msg!("the areas of the wheel of life"),
            F::WheelRounds => msg!("the scores of the wheel of life"),
            F::QuestionnaireWording => msg!("the questions of a questionnaire"),
            F::QuestionnaireAnswers => msg!("the answers to a questionnaire"),
        }
    }
}

/// The kinds of record an update names. Engagements themselves never travel in an update
/// (each device has its own copy, and the practitioner's evidence details stay on theirs).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SharedKind {
    Session,
    Goal,
    Contract,
    Report,
    Wheel,
    Questionnaire,
}

impl SharedKind {
    pub fn record_kind(self) -> RecordKind {
        match self {
            SharedKind::Session => RecordKind::Session,
            SharedKind::Goal => RecordKind::Goal,
            SharedKind::Contract => RecordKind::Contract,
            SharedKind::Report => RecordKind::Report,
            SharedKind::Wheel => RecordKind::Wheel,
            SharedKind::Questionnaire => RecordKind::Questionnaire,
        }
    }
}

/// One record, by kind and id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct RecordRef {
    pub kind: SharedKind,
    pub id: RecordId,
}

/// One field group of one record: what the ledger keeps a base and a sequence for.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FieldKey {
    pub kind: SharedKind,
    pub id: RecordId,
    pub field: SharedField,
}

impl FieldKey {
    pub fn record(&self) -> RecordRef {
        RecordRef { kind: self.kind, id: self.id.clone() }
    }
}

/// Whether `role` may put `field` in an update it sends: its own fields and, for client
/// and practitioner, the joint ones. A sponsor sends only their own agreement. Nobody
/// sends a private field.
pub fn may_send(role: Party, field: &SharedField) -> bool {
    match field.share() {
        Share::Owned(owner) => owner == role,
        Share::Joint => role != Party::Sponsor,
        Share::Private => false,
    }
}

/// Whether `role`'s copy may hold `field` (so an update to them may carry it). Client and
/// practitioner receive every field that is not private; a sponsor only the session plan
/// (of three-way meetings), the wording of goals visible to them, contract versions and
/// agreements, and approved sponsor updates ([`travels_to`] says which records).
pub fn may_receive(role: Party, field: &SharedField) -> bool {
    use SharedField as F;
    if field.share() == Share::Private {
        return false;
    }
    match role {
        Party::Client | Party::Practitioner => true,
        Party::Sponsor => {
            matches!(
                field,
                F::SessionPlan | F::GoalWording | F::ContractVersion | F::ContractAgreement(_) | F::ReportDraft | F::ReportApproval
            )
        }
    }
}

/// Whether `role` may add a record of this kind to the others' copies: only the
/// practitioner adds sessions, goals, contract versions, sponsor updates and
/// questionnaires; the client or the practitioner may start the wheel of life.
pub fn may_add(role: Party, kind: SharedKind) -> bool {
    match kind {
        SharedKind::Session | SharedKind::Goal | SharedKind::Contract | SharedKind::Report | SharedKind::Questionnaire => {
            role == Party::Practitioner
        }
        SharedKind::Wheel => role != Party::Sponsor,
    }
}

/// A record of the engagement, as the rules about who sees it need it.
#[derive(Debug, Clone, Copy)]
pub enum SharedRecord<'a> {
    Session(&'a Session),
    Goal(&'a Goal),
    /// Contract versions travel once proposed (a draft is the practitioner's work in
    /// progress); whether it is proposed is passed in.
    Contract {
        proposed: bool,
    },
    Report(&'a SponsorReport),
    /// The wheel of life and the questionnaires: the client's and the practitioner's.
    Assessment,
}

/// Whether this record travels to (and may be kept on the device of) `role`. A
/// client-private goal never does; a sponsor sees only three-way meetings, goals visible
/// to the sponsor and sponsor updates the client approved (never a wheel of life or a
/// questionnaire).
pub fn travels_to(record: SharedRecord<'_>, role: Party) -> bool {
    match record {
        SharedRecord::Session(session) => role != Party::Sponsor || session.purpose.is_sponsor_meeting(),
        SharedRecord::Goal(goal) => match goal.visibility {
            Visibility::ClientPrivate => false,
            Visibility::Shared => role != Party::Sponsor,
            Visibility::SponsorVisible => true,
        },
        SharedRecord::Contract { proposed } => proposed,
        SharedRecord::Report(report) => role != Party::Sponsor || report.approval.is_some(),
        SharedRecord::Assessment => role != Party::Sponsor,
    }
}
