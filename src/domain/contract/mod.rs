//! Contracts: what client, practitioner and sponsor agree to.
//!
//! A [`Contract`] is one version of an engagement's contract: structured
//! [`ContractTerms`], the [`Clause`]s that put them in words (with merge fields from
//! [`merge`]), and, once proposed, the [`Parties`] snapshot and the SHA-256 hash of the
//! exact text and data each party sees. Its [`ContractStatus`] moves draft → proposed →
//! agreed (→ superseded when re-contracted, → ended); each party's [`Agreement`] must
//! carry that hash. An agreed version is frozen; a change makes a new version.
//!
//! - [`lint`]: checks a draft against the 19 elements ([`Finding`]s by [`Severity`]).
//! - [`templates`]: the built-in [`ContractTemplate`]s.
//! - [`exchange`]: proposal and agreement files, for agreeing without a server.
//! - [`diff`]: what changed between two versions' clause texts.

pub mod clause;
pub mod diff;
pub mod exchange;
pub mod form;
pub mod lint;
pub mod merge;
pub mod parties;
pub mod templates;
pub mod terms;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::choice::choice_enum;
use crate::domain::message::{Arg, Message};
use crate::domain::record::{RecordId, Timestamp};
use crate::domain::signing::{self, Signature};
use crate::domain::validation::clean_text;
use crate::msg;

pub use clause::{Clause, Element};
pub use lint::{lint, Finding, FixIn, Severity};
pub use merge::{render, MergeData};
pub use parties::{Accreditation, Parties, Party, Sponsor};
pub use templates::ContractTemplate;
pub use terms::ContractTerms;

choice_enum!(
    /// Where a contract version is in its life.
    ContractStatus {
        Draft => "draft", "Draft";
        Proposed => "proposed", "Proposed";
        Agreed => "agreed", "Agreed";
        Superseded => "superseded", "Superseded";
        Ended => "ended", "Ended";
    }
);

/// One party's agreement to one contract version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Agreement {
    pub party: Party,
    /// The full name the person typed.
    pub typed_name: String,
    pub acknowledged_confidentiality_limits: bool,
    /// Only asked when the contract is three-way.
    pub acknowledged_sponsor_reporting: bool,
    pub agreed_at: Timestamp,
    /// The hash of the version this person saw.
    pub contract_hash: String,
    /// Their device key's signature of [`Agreement::signing_input`] (none on agreements
    /// made before Accord signed them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// What an agreement's signature is for (`docs/signatures.md`).
pub const AGREEMENT_PURPOSE: &str = "agreement";

impl Agreement {
    /// The bytes a party signs when agreeing to `version` of the contract of
    /// `engagement_id`: who they are in it, the name they typed, what they acknowledged,
    /// when, and the hash of exactly what they read, as canonical JSON under `agreement`.
    pub fn signing_input(&self, engagement_id: &RecordId, version: u32) -> Vec<u8> {
        let value = serde_json::json!({
            "engagement_id": engagement_id,
            "version": version,
            "contract_hash": self.contract_hash,
            "party": self.party,
            "typed_name": self.typed_name,
            "acknowledged_confidentiality_limits": self.acknowledged_confidentiality_limits,
            "acknowledged_sponsor_reporting": self.acknowledged_sponsor_reporting,
            "agreed_at": self.agreed_at,
        });
        signing::signing_input(AGREEMENT_PURPOSE, &value)
    }
}

/// Why a change to a contract was refused, in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ContractError {
    /// The change is not possible in the contract's current status.
    NotAllowed { action: ContractAction, status: ContractStatus },
    /// The linter found missing elements.
    NotReady(Vec<Finding>),
    /// An agreement does not fit this version.
    AgreementRefused(Message),
}

choice_enum!(
    /// What was tried on a contract, for the message when its status does not allow it.
    ContractAction {
        Edit => "edit", "edited";
        Propose => "propose", "proposed";
        Withdraw => "withdraw", "withdrawn";
        Agree => "agree", "agreed to";
        Supersede => "supersede", "superseded";
        End => "end", "ended";
        Recontract => "recontract", "re-contracted";
    }
);

impl ContractError {
    pub fn user_message(&self) -> Message {
        match self {
            ContractError::NotAllowed { action, status } => msg!(
                "A contract that is {status} cannot be {action}.",
                status = Arg::LabelInSentence(status.label()),
                action = Arg::Label(action.label())
            ),
            ContractError::NotReady(findings) if findings.len() == 1 => {
                msg!("The contract cannot be proposed yet: 1 missing element must be added first.")
            }
            ContractError::NotReady(findings) => {
                msg!("The contract cannot be proposed yet: {n} missing elements must be added first.", n = findings.len())
            }
            ContractError::AgreementRefused(reason) => reason.clone(),
        }
    }
}

impl std::fmt::Display for ContractError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.user_message().fmt(f)
    }
}

impl std::error::Error for ContractError {}

/// A clause as a party reads it: heading and text with every merge field filled.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RenderedClause {
    pub element: Element,
    pub heading: String,
    pub text: String,
}

/// Exactly what a party sees and agrees to; its SHA-256 is the contract hash.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ContractDocument {
    pub contract_id: RecordId,
    pub engagement_id: RecordId,
    pub version: u32,
    pub parties: Parties,
    pub terms: ContractTerms,
    pub clauses: Vec<RenderedClause>,
}

impl ContractDocument {
    /// SHA-256 of the canonical JSON form, as 64 lowercase hex digits. Stable across runs
    /// and devices: structs serialise in declaration order and no maps are involved.
    pub fn hash(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// One version of an engagement's contract.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contract {
    pub engagement_id: RecordId,
    /// 1 for the first contract; re-contracting adds one.
    pub version: u32,
    pub status: ContractStatus,
    /// The template this version started from.
    pub template_name: String,
    pub terms: ContractTerms,
    pub clauses: Vec<Clause>,
    /// Frozen copy of the parties, taken when proposed.
    #[serde(default)]
    pub parties: Option<Parties>,
    /// The hash of the proposed text and data.
    #[serde(default)]
    pub hash: Option<String>,
    #[serde(default)]
    pub agreements: Vec<Agreement>,
    #[serde(default)]
    pub proposed_at: Option<Timestamp>,
    #[serde(default)]
    pub agreed_at: Option<Timestamp>,
}

impl Contract {
    /// A first draft from a template.
    pub fn from_template(engagement_id: RecordId, template: &ContractTemplate, terms: ContractTerms) -> Contract {
        Contract {
            engagement_id,
            version: 1,
            status: ContractStatus::Draft,
            template_name: template.name.clone(),
            terms,
            clauses: template.clauses.clone(),
            parties: None,
            hash: None,
            agreements: Vec::new(),
            proposed_at: None,
            agreed_at: None,
        }
    }

    /// Only a draft can be edited.
    pub fn is_editable(&self) -> bool {
        self.status == ContractStatus::Draft
    }

    /// The parties this version binds: the frozen copy once proposed, else the current ones.
    pub fn parties_or<'a>(&'a self, current: &'a Parties) -> &'a Parties {
        self.parties.as_ref().unwrap_or(current)
    }

    /// What the linter says about this version with these parties.
    pub fn lint(&self, parties: &Parties) -> Vec<Finding> {
        lint(parties, &self.terms, &self.clauses)
    }

    /// The clauses with every merge field filled.
    pub fn rendered_clauses(&self, parties: &Parties) -> Vec<RenderedClause> {
        let data = MergeData::new(parties, &self.terms);
        self.clauses
            .iter()
            .map(|c| RenderedClause { element: c.element, heading: c.heading.clone(), text: render(&c.text, &data).text })
            .collect()
    }

    /// Exactly what a party sees.
    pub fn document(&self, contract_id: &RecordId, parties: &Parties) -> ContractDocument {
        ContractDocument {
            contract_id: contract_id.clone(),
            engagement_id: self.engagement_id.clone(),
            version: self.version,
            parties: parties.clone(),
            terms: self.terms.clone(),
            clauses: self.rendered_clauses(parties),
        }
    }

    fn require(&self, allowed: ContractStatus, action: ContractAction) -> Result<(), ContractError> {
        if self.status == allowed {
            Ok(())
        } else {
            Err(ContractError::NotAllowed { action, status: self.status })
        }
    }

    /// Replaces a draft's terms and clauses.
    pub fn edited(mut self, terms: ContractTerms, clauses: Vec<Clause>) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Draft, ContractAction::Edit)?;
        self.terms = terms;
        self.clauses = clauses;
        Ok(self)
    }

    /// Draft → proposed: freezes the parties and the hash. Refused while the linter
    /// reports missing elements.
    pub fn proposed(mut self, contract_id: &RecordId, parties: Parties, now: Timestamp) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Draft, ContractAction::Propose)?;
        let missing: Vec<Finding> = self.lint(&parties).into_iter().filter(|f| f.severity == Severity::Missing).collect();
        if !missing.is_empty() {
            return Err(ContractError::NotReady(missing));
        }
        self.hash = Some(self.document(contract_id, &parties).hash());
        self.parties = Some(parties);
        self.status = ContractStatus::Proposed;
        self.proposed_at = Some(now);
        self.agreements.clear();
        Ok(self)
    }

    /// Proposed → draft, to change something before anyone agrees further.
    pub fn withdrawn(mut self) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Proposed, ContractAction::Withdraw)?;
        self.status = ContractStatus::Draft;
        self.parties = None;
        self.hash = None;
        self.agreements.clear();
        self.proposed_at = None;
        Ok(self)
    }

    /// Whether an agreement fits this proposed version; `Ok` means it may be recorded.
    pub fn check_agreement(&self, agreement: &Agreement) -> Result<(), ContractError> {
        self.require(ContractStatus::Proposed, ContractAction::Agree)?;
        let refuse = |reason: Message| Err(ContractError::AgreementRefused(reason));
        let (Some(parties), Some(hash)) = (&self.parties, &self.hash) else {
            return refuse(msg!("This contract has not been proposed, so it cannot be agreed to yet."));
        };
        if agreement.contract_hash != *hash {
            return refuse(msg!(
                "This agreement was made on a different text than version {version} here, so it was not recorded. \
                 The contract may have been changed after it was proposed, or the agreement was altered.",
                version = self.version
            ));
        }
        let Some(expected) = parties.name_of(agreement.party) else {
            return refuse(msg!("This contract has no sponsor, so there is no sponsor agreement to record."));
        };
        if !clean_text(&agreement.typed_name).eq_ignore_ascii_case(&clean_text(expected)) {
            return refuse(msg!("Type the full name exactly as it appears in the contract: {expected}.", expected = expected));
        }
        if !agreement.acknowledged_confidentiality_limits {
            return refuse(msg!("Tick to confirm you have read the limits of confidentiality."));
        }
        if parties.is_three_way() && !agreement.acknowledged_sponsor_reporting {
            return refuse(msg!("Tick to confirm you have read what may be reported to the sponsor."));
        }
        if self.agreements.iter().any(|a| a.party == agreement.party) {
            return refuse(msg!(
                "The {role} has already agreed to this version.",
                role = Arg::LabelInSentence(parties.role_of(agreement.party))
            ));
        }
        Ok(())
    }

    /// Records one party's agreement; when every party has agreed the version becomes
    /// agreed (and frozen).
    pub fn agreed_by(mut self, agreement: Agreement) -> Result<Contract, ContractError> {
        self.check_agreement(&agreement)?;
        let now = agreement.agreed_at;
        self.agreements.push(agreement);
        self.agreements.sort_by_key(|a| a.party);
        if self.awaiting().is_empty() {
            self.status = ContractStatus::Agreed;
            self.agreed_at = Some(now);
        }
        Ok(self)
    }

    /// Whether a version that was proposed (and so frozen) still reads as it was: its
    /// fingerprint recomputed from its content, every agreement naming that fingerprint, and
    /// every party's agreement there when it says it is agreed. `None` when all holds (and for
    /// a draft, which has no fingerprint yet); otherwise what is wrong, in plain words. A file
    /// or a sync server can carry a version changed after it was agreed: this is the check.
    pub fn integrity_problem(&self, contract_id: &RecordId) -> Option<Message> {
        if self.status == ContractStatus::Draft {
            return None;
        }
        let altered = || {
            let client = self.parties.as_ref().map_or_else(String::new, |p| p.client.as_str().to_string());
            Some(msg!(
                "Version {version} of the contract with {client} was changed after it was proposed: its text no longer matches the fingerprint the parties agreed to.",
                version = self.version,
                client = client
            ))
        };
        let (Some(parties), Some(hash)) = (&self.parties, &self.hash) else { return altered() };
        if *hash != self.document(contract_id, parties).hash() || self.agreements.iter().any(|a| a.contract_hash != *hash) {
            return altered();
        }
        let says_agreed = matches!(self.status, ContractStatus::Agreed | ContractStatus::Superseded | ContractStatus::Ended);
        if says_agreed && !self.awaiting().is_empty() {
            return Some(msg!(
                "Version {version} of the contract with {client} says it is agreed, but not every party's agreement is on it.",
                version = self.version,
                client = parties.client.as_str()
            ));
        }
        None
    }

    /// Whether `incoming` (another copy of this version, from a file or a sync server) may
    /// replace this one. An agreed version is frozen for good: a copy that differs in its
    /// fingerprint, or is no longer agreed, is refused. `None` when it may.
    pub fn replaced_by_problem(&self, contract_id: &RecordId, incoming: &Contract) -> Option<Message> {
        if let Some(problem) = incoming.integrity_problem(contract_id) {
            return Some(problem);
        }
        let frozen = matches!(self.status, ContractStatus::Agreed | ContractStatus::Superseded | ContractStatus::Ended);
        let still_agreed = matches!(incoming.status, ContractStatus::Agreed | ContractStatus::Superseded | ContractStatus::Ended);
        if frozen && (!still_agreed || incoming.hash != self.hash) {
            let client = self.parties.as_ref().map_or_else(String::new, |p| p.client.as_str().to_string());
            return Some(msg!(
                "Version {version} of the contract with {client} is agreed on this device; the copy that arrived differs from what was agreed, so it was not taken.",
                version = self.version,
                client = client
            ));
        }
        None
    }

    /// Parties who still have to agree to this proposed version.
    pub fn awaiting(&self) -> Vec<Party> {
        let Some(parties) = &self.parties else { return Vec::new() };
        parties.signatories().into_iter().filter(|p| !self.agreements.iter().any(|a| a.party == *p)).collect()
    }

    /// Agreed → superseded, when a newer version has been agreed.
    pub fn superseded(mut self) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Agreed, ContractAction::Supersede)?;
        self.status = ContractStatus::Superseded;
        Ok(self)
    }

    /// Agreed → ended, when the engagement closes.
    pub fn ended(mut self) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Agreed, ContractAction::End)?;
        self.status = ContractStatus::Ended;
        Ok(self)
    }

    /// The next version, as a draft copied from this agreed one (re-contracting).
    pub fn next_version(&self) -> Result<Contract, ContractError> {
        self.require(ContractStatus::Agreed, ContractAction::Recontract)?;
        Ok(Contract {
            engagement_id: self.engagement_id.clone(),
            version: self.version + 1,
            status: ContractStatus::Draft,
            template_name: self.template_name.clone(),
            terms: self.terms.clone(),
            clauses: self.clauses.clone(),
            parties: None,
            hash: None,
            agreements: Vec::new(),
            proposed_at: None,
            agreed_at: None,
        })
    }
}

/// The key terms shown in a contract, by merge field, with their labels. (Names and
/// roles are shown with the parties, not here.)
pub const KEY_TERMS: &[(&str, &str)] = &[
    ("programme", "Programme"),
    ("agenda", "Agenda"),
    ("session_count", "Sessions"),
    ("session_length", "Session length"),
    ("frequency", "Frequency"),
    ("mode", "How you meet"),
    ("location", "Location"),
    ("start_date", "Starts"),
    ("end_date", "Ends"),
    ("duration", "Duration"),
    ("total_hours", "Contracted time"),
    ("fee", "Fee"),
    ("payer", "Paid by"),
    ("notice_period", "Notice to cancel or move"),
    ("late_cancellation", "A late cancellation"),
    ("confidentiality_limits", "Confidentiality may be broken for"),
    ("sponsor_reporting", "Reported to the sponsor"),
    ("contact_between_sessions", "Contact between sessions"),
    ("code_of_ethics", "Code of ethics"),
    ("review_points", "Reviews"),
    ("retention", "Notes kept for"),
];

/// The contract's data as labelled key terms ("Sessions": "6"), for the document view,
/// print and the diff. Values not decided yet read "To be agreed"; a location only shows
/// when one is given, and sponsor reporting only in a three-way contract.
pub fn facts(parties: &Parties, terms: &ContractTerms) -> Vec<(&'static str, Message)> {
    let data = MergeData::new(parties, terms);
    KEY_TERMS
        .iter()
        .filter(|(key, _)| *key != "sponsor_reporting" || parties.is_three_way())
        .filter(|(key, _)| *key != "location" || data.message(key).is_some())
        .map(|(key, label)| (*label, data.message(key).cloned().unwrap_or_else(|| msg!("To be agreed"))))
        .collect()
}

/// The terms in force: the newest agreed (or ended) version, else the newest draft.
pub fn terms_in_force(versions: &[crate::domain::Record<Contract>]) -> Option<ContractTerms> {
    let live = versions.iter().filter(|v| !v.deleted);
    live.clone()
        .filter(|v| matches!(v.data.status, ContractStatus::Agreed | ContractStatus::Ended))
        .max_by_key(|v| v.data.version)
        .or_else(|| live.max_by_key(|v| v.data.version))
        .map(|v| v.data.terms.clone())
}

/// What changed from one version to the next: facts whose value changed, and clauses
/// whose words changed (word by word).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VersionChanges {
    /// (what, before, after)
    pub facts: Vec<(&'static str, Message, Message)>,
    /// (element, heading, the words)
    pub clauses: Vec<(Element, String, Vec<diff::DiffPart>)>,
}

impl VersionChanges {
    pub fn is_empty(&self) -> bool {
        self.facts.is_empty() && self.clauses.is_empty()
    }
}

/// Compares two versions as their parties read them.
pub fn changes(older: &Contract, older_parties: &Parties, newer: &Contract, newer_parties: &Parties) -> VersionChanges {
    let before = facts(older_parties, &older.terms);
    let after = facts(newer_parties, &newer.terms);
    let facts = after
        .iter()
        .filter_map(|(label, value)| {
            let old = before.iter().find(|(l, _)| l == label).map_or_else(|| msg!("—"), |(_, v)| v.clone());
            (old != *value).then(|| (*label, old, value.clone()))
        })
        .collect();
    let old_clauses = older.rendered_clauses(older_parties);
    let clauses = newer
        .rendered_clauses(newer_parties)
        .into_iter()
        .filter_map(|clause| {
            let old = old_clauses.iter().find(|c| c.element == clause.element).map_or("", |c| c.text.as_str());
            let parts = diff::word_diff(old, &clause.text);
            (!diff::is_unchanged(&parts)).then_some((clause.element, clause.heading, parts))
        })
        .collect();
    VersionChanges { facts, clauses }
}

#[cfg(test)]
mod tests;

/// Shared test fixtures for the contract modules.
#[cfg(test)]
pub(crate) mod fixtures {
    use super::{Agreement, Contract, Parties, Party};
    use crate::domain::engagement::{Engagement, EngagementForm, Kind};
    use crate::domain::record::{RecordId, Timestamp};

    /// The engagement everyone's tests use: Ada Lovelace with Sam Lee (ICF PCC), and, when
    /// `three_way`, Northwind as sponsor with Jo Park as contact.
    pub fn engagement(kind: Kind, three_way: bool) -> Engagement {
        let mut form = EngagementForm {
            client_name: "Ada Lovelace".into(),
            practitioner_name: "Sam Lee".into(),
            kind: kind.as_str().into(),
            accreditation: "icf_pcc".into(),
            ..EngagementForm::default()
        };
        if three_way {
            form.sponsor_organisation = "Northwind".into();
            form.sponsor_contact = "Jo Park".into();
        }
        Engagement::try_from(form).expect("the fixture engagement is valid")
    }

    /// The parties of [`engagement`].
    pub fn parties(kind: Kind, three_way: bool) -> Parties {
        Parties::of(&engagement(kind, three_way))
    }

    /// Version 1 of the one-to-one coaching contract of [`engagement`] (stored as
    /// `contract_id`, for `engagement_id`), from the built-in ICF-style template with every
    /// element filled, agreed by Ada Lovelace and Sam Lee.
    pub fn agreed_contract(engagement_id: &RecordId, contract_id: &RecordId) -> Contract {
        let template = &super::templates::built_in()[0];
        let mut terms = template.terms(Kind::Coaching, false, crate::domain::date::Date::parse("2026-12-01").expect("a date"));
        terms.coaching_type = Some(super::terms::CoachingType::Leadership);
        terms.goals = vec![super::terms::ContractGoal { description: "Lead the team".into(), success_measure: "Survey ≥ 4/5".into() }];
        terms.payer = Some(super::terms::Payer::Client);
        terms.fee_per_session = Some(350);
        terms.currency = "GBP".into();
        let draft = Contract::from_template(engagement_id.clone(), template, terms);
        let proposed =
            draft.proposed(contract_id, parties(Kind::Coaching, false), Timestamp(3)).expect("the built-in template is complete");
        let agree = |contract: Contract, party: Party, name: &str| {
            let agreement = Agreement {
                party,
                typed_name: name.into(),
                acknowledged_confidentiality_limits: true,
                acknowledged_sponsor_reporting: true,
                agreed_at: Timestamp(10),
                contract_hash: contract.hash.clone().expect("proposed"),
                signature: None,
            };
            contract.agreed_by(agreement).expect("a valid agreement")
        };
        agree(agree(proposed, Party::Client, "Ada Lovelace"), Party::Practitioner, "Sam Lee")
    }
}
