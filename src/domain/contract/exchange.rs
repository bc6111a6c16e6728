//! Agreeing without a server: a [`ProposalFile`] carries a proposed contract version (and
//! its engagement) to another party's copy of the app; an [`AgreementFile`] carries one
//! party's signature back. Reading either checks it thoroughly: a truncated or damaged
//! file, a file for another contract, or a file whose contract text or hash was changed
//! is refused with an [`ExchangeError`] that says so plainly, and nothing is changed.

use serde::{Deserialize, Serialize};

use super::{Agreement, Contract, ContractStatus, Parties};
use crate::domain::choice::choice_enum;
use crate::domain::engagement::Engagement;
use crate::domain::message::{Arg, Message};
use crate::domain::record::{Record, RecordId};
use crate::msg;

pub const PROPOSAL_FORMAT: &str = "accord-contract-proposal";
pub const AGREEMENT_FORMAT: &str = "accord-contract-agreement";
/// The file layout version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// A proposed contract version, with its engagement, for the other parties to review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProposalFile {
    pub format: String,
    pub format_version: u32,
    pub engagement: Record<Engagement>,
    pub contract: Record<Contract>,
}

/// One party's agreement to one contract version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AgreementFile {
    pub format: String,
    pub format_version: u32,
    pub contract_id: RecordId,
    pub engagement_id: RecordId,
    pub version: u32,
    pub contract_hash: String,
    pub agreement: Agreement,
}

/// Why a file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ExchangeError {
    /// Not JSON, cut short, or missing parts.
    Unreadable,
    /// A different kind of file (e.g. a proposal where an agreement was expected).
    WrongKind { expected: FileKind },
    /// Written by a newer version of the app.
    NewerFormat,
    /// For a contract that is not the one being agreed here.
    OtherContract,
    /// An agreement for a contract this device does not have (its proposal never arrived).
    ContractNotHere,
    /// The contract was changed after it was proposed, or the file was altered.
    HashMismatch { version: u32 },
    /// The local contract is not waiting for agreement.
    NotAwaitingAgreement(ContractStatus),
}

impl ExchangeError {
    pub fn user_message(&self) -> Message {
        match self {
            ExchangeError::Unreadable => msg!(
                "This file is incomplete or damaged, so it could not be read. \
                Ask for the file to be exported and sent again. Nothing was changed."
            ),
            ExchangeError::WrongKind { expected } => msg!(
                "This is not {expected} from Accord. Check that you chose the right file. Nothing was changed.",
                expected = Arg::Label(expected.label())
            ),
            ExchangeError::NewerFormat => msg!(
                "This file was made by a newer version of Accord. Reload the page to \
                update, then try again. Nothing was changed."
            ),
            ExchangeError::OtherContract => msg!(
                "This file is for a different contract, not the one open here. \
                Nothing was changed."
            ),
            ExchangeError::ContractNotHere => msg!(
                "This agreement is for a contract that is not on this device. Open the proposal it belongs to first, \
                then the agreement. Nothing was changed."
            ),
            ExchangeError::HashMismatch { version } => msg!(
                "This file does not match version {version} of the contract as it was proposed: the contract or the \
                 file has been changed since. Nothing was imported. Ask for a fresh proposal or agreement.",
                version = *version
            ),
            ExchangeError::NotAwaitingAgreement(status) => msg!(
                "This contract is {status} here, not waiting for agreement, so the agreement was not added.",
                status = Arg::LabelInSentence(status.label())
            ),
        }
    }
}

choice_enum!(
    /// The kinds of file contracts travel in.
    FileKind {
        Proposal => "proposal", "a contract proposal";
        Agreement => "agreement", "an agreement";
    }
);

impl std::fmt::Display for ExchangeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.user_message().fmt(f)
    }
}

impl std::error::Error for ExchangeError {}

/// The hash a proposed version's own text and data produce now.
fn recomputed_hash(contract: &Record<Contract>, parties: &Parties) -> String {
    contract.data.document(&contract.id, parties).hash()
}

/// Serialises a proposed version for the other parties.
pub fn write_proposal(engagement: &Record<Engagement>, contract: &Record<Contract>) -> String {
    let file = ProposalFile {
        format: PROPOSAL_FORMAT.into(),
        format_version: FORMAT_VERSION,
        // The sponsor receives the proposal too: what the practitioner's evidence records
        // about the client does not travel.
        engagement: Record { data: engagement.data.shared_copy(), ..engagement.clone() },
        contract: contract.clone(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads a proposal and checks that its contract text still matches its hash.
pub fn read_proposal(text: &str) -> Result<ProposalFile, ExchangeError> {
    let kind = peek_format(text)?;
    if kind.0 != PROPOSAL_FORMAT {
        return Err(ExchangeError::WrongKind { expected: FileKind::Proposal });
    }
    if kind.1 > FORMAT_VERSION {
        return Err(ExchangeError::NewerFormat);
    }
    let file: ProposalFile = serde_json::from_str(text).map_err(|_| ExchangeError::Unreadable)?;
    let contract = &file.contract;
    if contract.data.engagement_id != file.engagement.id {
        return Err(ExchangeError::OtherContract);
    }
    let (Some(parties), Some(hash)) = (&contract.data.parties, &contract.data.hash) else {
        return Err(ExchangeError::NotAwaitingAgreement(contract.data.status));
    };
    if *hash != recomputed_hash(contract, parties) {
        return Err(ExchangeError::HashMismatch { version: contract.data.version });
    }
    Ok(file)
}

/// Serialises one party's agreement to send back.
pub fn write_agreement(contract: &Record<Contract>, agreement: &Agreement) -> String {
    let file = AgreementFile {
        format: AGREEMENT_FORMAT.into(),
        format_version: FORMAT_VERSION,
        contract_id: contract.id.clone(),
        engagement_id: contract.data.engagement_id.clone(),
        version: contract.data.version,
        contract_hash: agreement.contract_hash.clone(),
        agreement: agreement.clone(),
    };
    serde_json::to_string_pretty(&file).unwrap_or_default()
}

/// Reads an agreement file (it is checked against a contract by [`check_agreement_fits`]).
pub fn read_agreement(text: &str) -> Result<AgreementFile, ExchangeError> {
    let kind = peek_format(text)?;
    if kind.0 != AGREEMENT_FORMAT {
        return Err(ExchangeError::WrongKind { expected: FileKind::Agreement });
    }
    if kind.1 > FORMAT_VERSION {
        return Err(ExchangeError::NewerFormat);
    }
    serde_json::from_str(text).map_err(|_| ExchangeError::Unreadable)
}

/// Whether an agreement file belongs to this local contract version, as proposed.
pub fn check_agreement_fits(file: &AgreementFile, local: &Record<Contract>) -> Result<(), ExchangeError> {
    if file.contract_id != local.id || file.engagement_id != local.data.engagement_id {
        return Err(ExchangeError::OtherContract);
    }
    if local.data.status != ContractStatus::Proposed {
        return Err(ExchangeError::NotAwaitingAgreement(local.data.status));
    }
    let local_hash = local.data.hash.as_deref().unwrap_or_default();
    if file.version != local.data.version || file.contract_hash != local_hash || file.agreement.contract_hash != local_hash {
        return Err(ExchangeError::HashMismatch { version: local.data.version });
    }
    Ok(())
}

/// The `format` and `format_version` of a file, before reading the rest.
fn peek_format(text: &str) -> Result<(String, u32), ExchangeError> {
    #[derive(Deserialize)]
    struct Header {
        format: String,
        format_version: u32,
    }
    let header: Header = serde_json::from_str(text).map_err(|_| ExchangeError::Unreadable)?;
    Ok((header.format, header.format_version))
}
