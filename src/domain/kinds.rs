//! [`RecordKind`]: the one registry of the kinds of record Accord keeps. Each kind names
//! its object store (also its sync document prefix and its key in a backup), its words
//! for people, and the type its data must read as. The store (which stores hold records,
//! which are sealed), sync (which documents travel) and import all read this list; the
//! schema test checks that the database has a store for each. Adding a kind: see
//! "Adding a record type" in `docs/architecture.md`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use super::assessment::{ClientQuestionnaire, LifeWheel};
use super::contract::{Contract, ContractTemplate};
use super::engagement::Engagement;
use super::evidence::cpd::CpdEntry;
use super::evidence::emcc::SupervisionEntry;
use super::goal::Goal;
use super::message::Message;
use super::perspective::Perspective;
use super::report::SponsorReport;
use super::session::journey::Journey;
use super::session::Session;
use crate::msg;

/// The kinds of record Accord keeps, in the order a backup and an import plan list them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecordKind {
    Engagement,
    Contract,
    Template,
    Goal,
    Session,
    Journey,
    Supervision,
    Report,
    Perspective,
    Cpd,
    Wheel,
    Questionnaire,
}

impl RecordKind {
    pub const ALL: [RecordKind; 12] = [
        RecordKind::Engagement,
        RecordKind::Contract,
        RecordKind::Template,
        RecordKind::Goal,
        RecordKind::Session,
        RecordKind::Journey,
        RecordKind::Supervision,
        RecordKind::Report,
        RecordKind::Perspective,
        RecordKind::Cpd,
        RecordKind::Wheel,
        RecordKind::Questionnaire,
    ];

    /// "engagement", "contract", … (English, for documents and logs).
    pub fn label(self) -> &'static str {
        match self {
            RecordKind::Engagement => "engagement",
            RecordKind::Contract => "contract",
            RecordKind::Template => "template",
            RecordKind::Goal => "goal",
            RecordKind::Session => "session",
            RecordKind::Journey => "journey",
            RecordKind::Supervision => "supervision entry",
            RecordKind::Report => "sponsor update",
            RecordKind::Perspective => "perspective",
            RecordKind::Cpd => "CPD entry",
            RecordKind::Wheel => "wheel of life",
            RecordKind::Questionnaire => "questionnaire",
        }
    }

    /// The object store (and sync document prefix, and backup key) its records live in.
    pub const fn store(self) -> &'static str {
        match self {
            RecordKind::Engagement => "engagements",
            RecordKind::Contract => "contracts",
            RecordKind::Template => "templates",
            RecordKind::Goal => "goals",
            RecordKind::Session => "sessions",
            RecordKind::Journey => "journeys",
            RecordKind::Supervision => "supervision",
            RecordKind::Report => "reports",
            RecordKind::Perspective => "perspectives",
            RecordKind::Cpd => "cpd",
            RecordKind::Wheel => "wheels",
            RecordKind::Questionnaire => "questionnaires",
        }
    }

    /// The store names of every kind, in [`RecordKind::ALL`]'s order.
    pub const STORES: [&'static str; 12] = {
        let mut stores = [""; 12];
        let mut i = 0;
        while i < 12 {
            stores[i] = RecordKind::ALL[i].store();
            i += 1;
        }
        stores
    };

    /// The kind kept in store `name`, if any.
    pub fn of_store(name: &str) -> Option<RecordKind> {
        RecordKind::ALL.into_iter().find(|kind| kind.store() == name)
    }

    /// Whether `data` reads as this kind's type (what a record from elsewhere must do
    /// before the app keeps it).
    pub fn reads(self, data: &Value) -> bool {
        fn is<T: DeserializeOwned>(data: &Value) -> bool {
            T::deserialize(data).is_ok()
        }
        match self {
            RecordKind::Engagement => is::<Engagement>(data),
            RecordKind::Contract => is::<Contract>(data),
            RecordKind::Template => is::<ContractTemplate>(data),
            RecordKind::Goal => is::<Goal>(data),
            RecordKind::Session => is::<Session>(data),
            RecordKind::Journey => is::<Journey>(data),
            RecordKind::Supervision => is::<SupervisionEntry>(data),
            RecordKind::Report => is::<SponsorReport>(data),
            RecordKind::Perspective => is::<Perspective>(data),
            RecordKind::Cpd => is::<CpdEntry>(data),
            RecordKind::Wheel => is::<LifeWheel>(data),
            RecordKind::Questionnaire => is::<ClientQuestionnaire>(data),
        }
    }

    /// One record of this kind, with its article: "an engagement", "a goal".
    pub fn one(self) -> Message {
        match self {
            RecordKind::Engagement => msg!("an engagement"),
            RecordKind::Contract => msg!("a contract"),
            RecordKind::Template => msg!("a template"),
            RecordKind::Goal => msg!("a goal"),
            RecordKind::Session => msg!("a session"),
            RecordKind::Journey => msg!("a journey"),
            RecordKind::Supervision => msg!("a supervision entry"),
            RecordKind::Report => msg!("a sponsor update"),
            RecordKind::Perspective => msg!("your part in an engagement"),
            RecordKind::Cpd => msg!("a CPD entry"),
            RecordKind::Wheel => msg!("a wheel of life"),
            RecordKind::Questionnaire => msg!("a questionnaire"),
        }
    }

    /// The kind as a heading: "Engagement", "Contract template".
    pub fn title(self) -> Message {
        match self {
            RecordKind::Engagement => msg!("Engagement"),
            RecordKind::Contract => msg!("Contract"),
            RecordKind::Template => msg!("Contract template"),
            RecordKind::Goal => msg!("Goal"),
            RecordKind::Session => msg!("Session"),
            RecordKind::Journey => msg!("Mentoring journey"),
            RecordKind::Supervision => msg!("Supervision entry"),
            RecordKind::Report => msg!("Sponsor update"),
            RecordKind::Perspective => msg!("Your part"),
            RecordKind::Cpd => msg!("CPD entry"),
            RecordKind::Wheel => msg!("Wheel of life"),
            RecordKind::Questionnaire => msg!("Questionnaire"),
        }
    }

    /// Records of this kind: "engagements", "goals".
    pub fn many(self) -> Message {
        match self {
            RecordKind::Engagement => msg!("engagements"),
            RecordKind::Contract => msg!("contracts"),
            RecordKind::Template => msg!("templates"),
            RecordKind::Goal => msg!("goals"),
            RecordKind::Session => msg!("sessions"),
            RecordKind::Journey => msg!("journeys"),
            RecordKind::Supervision => msg!("supervision entries"),
            RecordKind::Report => msg!("sponsor updates"),
            RecordKind::Perspective => msg!("your parts in engagements"),
            RecordKind::Cpd => msg!("CPD entries"),
            RecordKind::Wheel => msg!("wheels of life"),
            RecordKind::Questionnaire => msg!("questionnaires"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_its_own_store_and_is_found_by_it() {
        let mut stores = RecordKind::STORES.to_vec();
        stores.sort_unstable();
        stores.dedup();
        assert_eq!(stores.len(), RecordKind::ALL.len(), "one store per kind");
        for kind in RecordKind::ALL {
            assert_eq!(RecordKind::of_store(kind.store()), Some(kind));
        }
        assert_eq!(RecordKind::of_store("meta"), None);
    }

    #[test]
    fn data_reads_as_its_kinds_type_or_not() {
        let engagement = serde_json::to_value(crate::domain::contract::fixtures::engagement(crate::domain::Kind::Coaching, false)).unwrap();
        assert!(RecordKind::Engagement.reads(&engagement));
        assert!(!RecordKind::Goal.reads(&engagement));
        assert!(!RecordKind::Session.reads(&serde_json::json!({ "anything": 1 })));
    }
}
