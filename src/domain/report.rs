//! [`SponsorReport`]: a sponsor update as the client approved it. The text is frozen at
//! approval, so what goes to the sponsor is exactly what the client read; only an
//! approved report can be exported ([`SponsorReport::exportable`]). What the reports read
//! from stored records is gathered by `BackupData::engagement_facts`; which contract
//! version's terms apply, by `contract::terms_in_force`.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::domain::message::Message;
use crate::msg;

use crate::domain::date::Date;
use crate::domain::record::{RecordId, Timestamp};
use crate::domain::signing::{self, Signature};
use crate::domain::validation::{required_text, Field, FieldErrors};

/// The client's approval: their typed name, when, and the fingerprint of the text they
/// approved (SHA-256, hex), so a copy whose text was changed afterwards is recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Approval {
    pub by: String,
    pub at: Timestamp,
    /// Absent in approvals made before fingerprints were kept.
    #[serde(default)]
    pub text_sha256: Option<String>,
    /// The approving device's signature of [`Approval::signing_input`] (none on approvals
    /// made before Accord signed them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// What an approval's signature is for (`docs/signatures.md`).
pub const APPROVAL_PURPOSE: &str = "sponsor-update-approval";

impl Approval {
    /// The bytes signed when the client approves report `report_id` of `engagement_id`: who
    /// approved (the name typed), when, and the SHA-256 of exactly the text approved, as
    /// canonical JSON under `sponsor-update-approval`.
    pub fn signing_input(&self, report_id: &RecordId, engagement_id: &RecordId) -> Vec<u8> {
        let value = serde_json::json!({
            "report_id": report_id,
            "engagement_id": engagement_id,
            "text_sha256": self.text_sha256,
            "by": self.by,
            "at": self.at,
        });
        signing::signing_input(APPROVAL_PURPOSE, &value)
    }
}

/// SHA-256 of a report's text, as 64 lowercase hex digits.
fn text_fingerprint(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect()
}

/// One sponsor update.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SponsorReport {
    pub engagement_id: RecordId,
    pub drafted_on: Date,
    /// The report as drafted from what the contract allows.
    pub text: String,
    #[serde(default)]
    pub approval: Option<Approval>,
}

impl SponsorReport {
    pub fn new(engagement_id: RecordId, drafted_on: Date, text: String) -> SponsorReport {
        SponsorReport { engagement_id, drafted_on, text, approval: None }
    }

    /// Approved by the client, who typed `name` (their full name as in the engagement).
    pub fn approved(&self, name: &str, client: &str, at: Timestamp) -> Result<SponsorReport, FieldErrors> {
        let mut e = FieldErrors::new();
        let typed = e.collect(Field::ApprovalName, required_text(name, msg!("your full name"), 100));
        if let Some(typed) = &typed {
            if !typed.eq_ignore_ascii_case(client.trim()) {
                e.push(Field::ApprovalName, msg!("Type the client's full name as the engagement records it: {client}.", client = client));
            }
        }
        if self.approval.is_some() {
            e.push(Field::ApprovalName, msg!("This report is already approved."));
        }
        match typed {
            Some(by) if e.is_empty() => Ok(SponsorReport {
                approval: Some(Approval { by, at, text_sha256: Some(text_fingerprint(&self.text)), signature: None }),
                ..self.clone()
            }),
            _ => Err(e),
        }
    }

    /// Whether an approved report still reads as the client approved it: `None` when it
    /// does (or is not approved yet), otherwise what is wrong.
    pub fn integrity_problem(&self) -> Option<Message> {
        let approval = self.approval.as_ref()?;
        let fingerprint = approval.text_sha256.as_deref()?;
        (fingerprint != text_fingerprint(&self.text)).then(|| {
            msg!(
                "The sponsor update of {date} was changed after {name} approved it, so it was not taken.",
                date = self.drafted_on,
                name = &approval.by
            )
        })
    }

    /// Whether `incoming` (another copy of this report) may replace this one: an approved
    /// report is frozen, so a copy with other text or without the approval is refused.
    pub fn replaced_by_problem(&self, incoming: &SponsorReport) -> Option<Message> {
        if let Some(problem) = incoming.integrity_problem() {
            return Some(problem);
        }
        let approval = self.approval.as_ref()?;
        (incoming.approval.is_none() || incoming.text != self.text).then(|| {
            msg!(
                "The sponsor update of {date} is approved on this device; the copy that arrived differs from what {name} approved, so it was not taken.",
                date = self.drafted_on,
                name = &approval.by
            )
        })
    }

    /// Only what the client approved may leave the device.
    pub fn exportable(&self) -> Option<&str> {
        self.approval.as_ref().map(|_| self.text.as_str())
    }

    /// What goes to the sponsor (report `report_id`): the text exactly as approved and, when
    /// the approval is signed, its approval block after it ([`SignedText`]), so anyone can
    /// check that the text is what the client approved.
    pub fn export_text(&self, report_id: &RecordId) -> Option<String> {
        let text = self.exportable()?;
        let approval = self.approval.as_ref()?;
        if approval.signature.is_none() {
            return Some(text.to_string());
        }
        let block = ApprovalBlock {
            format: SIGNED_TEXT_FORMAT.into(),
            version: SIGNED_TEXT_VERSION,
            report_id: report_id.clone(),
            engagement_id: self.engagement_id.clone(),
            approval: approval.clone(),
        };
        let block = serde_json::to_string_pretty(&block).ok()?;
        Some(format!("{text}{BLOCK_OPENING}{block}\n{BLOCK_END}\n"))
    }
}

/// The line that opens the approval block of an exported sponsor update (after one empty
/// line), and the one that closes it.
pub const BLOCK_START: &str = "-----BEGIN ACCORD APPROVAL-----";
pub const BLOCK_END: &str = "-----END ACCORD APPROVAL-----";
const BLOCK_OPENING: &str = "\n\n-----BEGIN ACCORD APPROVAL-----\n";
/// The block's JSON format and version.
pub const SIGNED_TEXT_FORMAT: &str = "accord-sponsor-update-approval";
pub const SIGNED_TEXT_VERSION: u32 = 1;

/// The JSON between the block's lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct ApprovalBlock {
    format: String,
    version: u32,
    report_id: RecordId,
    engagement_id: RecordId,
    approval: Approval,
}

/// A sponsor update as exported for the sponsor (`docs/signatures.md`, "Sponsor updates"):
/// the text, then an empty line and the approval block naming the report, its
/// engagement and the signed approval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedText {
    /// Everything before the block: what the client approved, if nothing was changed.
    pub text: String,
    pub report_id: RecordId,
    pub engagement_id: RecordId,
    pub approval: Approval,
}

impl SignedText {
    /// Reads an exported sponsor update; `None` when the text has no approval block.
    pub fn read(file: &str) -> Option<Result<SignedText, Message>> {
        let start = file.rfind(BLOCK_OPENING)?;
        let rest = &file[start + BLOCK_OPENING.len()..];
        let Some(end) = rest.find(BLOCK_END) else {
            return Some(Err(msg!("The approval at the end of this sponsor update is cut short, so it cannot be checked.")));
        };
        let block: ApprovalBlock = match serde_json::from_str(&rest[..end]) {
            Ok(block) => block,
            Err(_) => return Some(Err(msg!("The approval at the end of this sponsor update is damaged, so it cannot be checked."))),
        };
        if block.format != SIGNED_TEXT_FORMAT || block.version > SIGNED_TEXT_VERSION {
            return Some(Err(msg!(
                "This sponsor update was approved in a newer version of Accord. Reload the page to update, then check it again."
            )));
        }
        Some(Ok(SignedText {
            text: file[..start].to_string(),
            report_id: block.report_id,
            engagement_id: block.engagement_id,
            approval: block.approval,
        }))
    }

    /// The bytes the approval's signature covers, for the text in this file: a text changed
    /// after it was approved gives other bytes, and the signature does not hold.
    pub fn signing_input(&self) -> Vec<u8> {
        let as_read = Approval { text_sha256: Some(text_fingerprint(&self.text)), ..self.approval.clone() };
        as_read.signing_input(&self.report_id, &self.engagement_id)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> SponsorReport {
        SponsorReport::new(RecordId::parse("eng").unwrap(), Date::parse("2027-01-10").unwrap(), "Sessions held: 3".into())
    }

    #[test]
    fn an_exported_update_carries_its_approval_and_reads_back_to_the_same_signed_bytes() {
        use crate::domain::signing::{KeyAlgorithm, PublicKey};
        let id = RecordId::parse("report-1").unwrap();
        let mut approved = report().approved("Ada Lovelace", "Ada Lovelace", Timestamp(7)).unwrap();
        assert_eq!(approved.export_text(&id).as_deref(), Some("Sessions held: 3"), "an unsigned approval: the text alone");
        let key = PublicKey { algorithm: KeyAlgorithm::Ed25519, spki: vec![1; 44] };
        approved.approval.as_mut().unwrap().signature = Some(Signature::new(&key, &[2; 64]));
        let file = approved.export_text(&id).unwrap();
        assert!(file.starts_with("Sessions held: 3\n\n-----BEGIN ACCORD APPROVAL-----\n"), "{file}");
        assert!(file.ends_with("-----END ACCORD APPROVAL-----\n"), "{file}");
        let read = SignedText::read(&file).unwrap().unwrap();
        assert_eq!((read.text.as_str(), &read.report_id, &read.approval), ("Sessions held: 3", &id, approved.approval.as_ref().unwrap()));
        let approval = approved.approval.as_ref().unwrap();
        assert_eq!(read.signing_input(), approval.signing_input(&id, &approved.engagement_id), "the bytes that were signed");
        // One word changed in the text: other bytes, so the signature cannot hold.
        let changed = SignedText::read(&file.replacen("held: 3", "held: 4", 1)).unwrap().unwrap();
        assert_ne!(changed.signing_input(), read.signing_input());
        // No block, a cut one, a damaged one.
        assert_eq!(SignedText::read("Sessions held: 3"), None);
        let cut = &file[..file.len() - 40];
        assert!(SignedText::read(cut).unwrap().unwrap_err().to_string().contains("cut short"));
        let damaged = file.replace("\"report_id\"", "\"rep\"");
        assert!(SignedText::read(&damaged).unwrap().unwrap_err().to_string().contains("damaged"));
    }

    #[test]
    fn a_draft_cannot_be_exported_until_the_client_approves_it() {
        assert_eq!(report().exportable(), None);
        let approved = report().approved("ada lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        assert_eq!(approved.exportable(), Some("Sessions held: 3"));
        assert_eq!(approved.approval.unwrap().by, "ada lovelace");
    }

    #[test]
    fn approval_needs_the_clients_own_name_and_happens_once() {
        assert!(report().approved("", "Ada Lovelace", Timestamp(5)).is_err());
        let wrong = report().approved("Sam Lee", "Ada Lovelace", Timestamp(5)).unwrap_err();
        assert!(wrong.message_for(Field::ApprovalName).unwrap().contains("Ada Lovelace"));
        let approved = report().approved("Ada Lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        assert!(approved.approved("Ada Lovelace", "Ada Lovelace", Timestamp(6)).is_err());
    }

    #[test]
    fn an_approved_update_whose_text_was_changed_afterwards_is_caught() {
        let approved = report().approved("Ada Lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        assert_eq!(approved.integrity_problem(), None);
        let mut changed = approved.clone();
        changed.text = "Sessions held: 30".into();
        let problem = changed.integrity_problem().expect("the changed text is caught");
        assert!(problem.contains("was changed after Ada Lovelace approved it"), "{problem}");
        // Approvals made before fingerprints were kept cannot be checked, and are not refused.
        let mut legacy = changed.clone();
        legacy.approval.as_mut().unwrap().text_sha256 = None;
        assert_eq!(legacy.integrity_problem(), None);
    }

    #[test]
    fn an_approved_update_is_not_replaced_by_a_copy_with_other_text_or_without_approval() {
        let approved = report().approved("Ada Lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        assert_eq!(approved.replaced_by_problem(&approved), None);
        let mut legacy = approved.clone();
        legacy.text = "Sessions held: 30".into();
        legacy.approval.as_mut().unwrap().text_sha256 = None;
        assert!(approved.replaced_by_problem(&legacy).is_some(), "other text, even unfingerprinted");
        assert!(approved.replaced_by_problem(&report()).is_some(), "the approval taken away");
        assert_eq!(report().replaced_by_problem(&approved), None, "a draft may be replaced by its approval");
    }
}
