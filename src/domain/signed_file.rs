//! What a file says was signed, for "Check a file" (`docs/signatures.md`).
//!
//! [`SignedFile::read`] takes the text of any file Accord signs (a contract proposal, an
//! agreement, a relationship update, a sponsor update exported with its approval) and
//! lists its [`SignedPart`]s: what each is in words, whose it should be, the exact bytes
//! its signature covers and the signature it carries.
//! The store checks each signature (the browser's crypto is asynchronous) and compares its
//! key with the ones this device knows; [`Verdict`] and [`KnownAs`] say the outcome in
//! words. Reading a file here never changes anything.

use crate::domain::contract::exchange::{self, AGREEMENT_FORMAT, PROPOSAL_FORMAT};
use crate::domain::message::{Arg, Message};
use crate::domain::party::Party;
use crate::domain::record::RecordId;
use crate::domain::relationship::update::{self as relationship_update, RelationshipUpdate};
use crate::domain::report::SignedText;
use crate::domain::signing::{Fingerprint, Signature, Unverified};
use crate::msg;

/// A file whose signatures can be checked.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedFile {
    /// What the file is, in words ("A contract proposal", …).
    pub kind: Message,
    pub engagement_id: RecordId,
    pub parts: Vec<SignedPart>,
}

/// One signed thing in a file.
#[derive(Debug, Clone, PartialEq)]
pub struct SignedPart {
    /// What it is, in words: "Ada Lovelace's agreement to version 2, as client".
    pub what: Message,
    /// Whose it says it is (for approvals, which any party's device may sign: none).
    pub party: Option<Party>,
    /// The exact bytes the signature covers.
    pub input: Vec<u8>,
    pub signature: Option<Signature>,
}

/// What checking one signature found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// It holds, made by the key with this fingerprint.
    Holds { key: Fingerprint, known: KnownAs },
    /// It does not match what it came with.
    DoesNotHold,
    /// There is none.
    Unsigned,
    /// It cannot be read (damaged, or a format or method this version does not know).
    Unreadable(Message),
}

/// Whose a key is, as far as this device knows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KnownAs {
    /// This device's own key.
    Yours,
    /// The key this device remembers for that party in the engagement.
    Remembered,
    /// Not the key remembered for that party: theirs is `remembered`.
    NotTheOneKnown { remembered: Fingerprint },
    /// The engagement is not on this device, or nothing was exchanged with them yet.
    Unknown,
}

impl Verdict {
    /// The outcome in one sentence.
    pub fn message(&self) -> Message {
        match self {
            Verdict::Holds { known: KnownAs::Yours, .. } => msg!("The signature holds. It was made with this device's own key."),
            Verdict::Holds { known: KnownAs::Remembered, .. } => {
                msg!("The signature holds, and the key is the one this device knows for them.")
            }
            Verdict::Holds { known: KnownAs::NotTheOneKnown { remembered }, .. } => msg!(
                "The signature holds, but the key is not the one this device knows for them ({remembered}). Compare the key with them before you trust it.",
                remembered = remembered.to_string()
            ),
            Verdict::Holds { known: KnownAs::Unknown, .. } => msg!(
                "The signature holds. This device has no key on record for them yet: compare the key with them (read it aloud) to be sure it is theirs."
            ),
            Verdict::DoesNotHold => msg!("The signature does not hold: this was changed after it was signed."),
            Verdict::Unsigned => msg!("Not signed: made before Accord signed it, or its signature was removed."),
            Verdict::Unreadable(why) => why.clone(),
        }
    }

    /// Whether a person can rely on it.
    pub fn holds(&self) -> bool {
        matches!(self, Verdict::Holds { .. })
    }

    /// It holds, but by another key than the one known for its party: compare first.
    pub fn other_key(&self) -> bool {
        matches!(self, Verdict::Holds { known: KnownAs::NotTheOneKnown { .. }, .. })
    }

    /// When it holds by another key than the one known for `name`'s party: that change, in
    /// the words a refusal uses, for the person to compare and accept.
    pub fn key_change(&self, name: &str) -> Option<Unverified> {
        match self {
            Verdict::Holds { key, known: KnownAs::NotTheOneKnown { remembered } } => {
                Some(Unverified::OtherKey { name: name.to_string(), known: *remembered, now: *key })
            }
            _ => None,
        }
    }
}

impl SignedFile {
    /// Reads a proposal, an agreement or an update, refusing anything else in words.
    pub fn read(text: &str) -> Result<SignedFile, Message> {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        if let Some(report) = SignedText::read(text) {
            return report.map(Self::of_report);
        }
        // Found by its name even in a file cut short, so the reader can say so.
        let formats = [relationship_update::FORMAT, PROPOSAL_FORMAT, AGREEMENT_FORMAT];
        match formats.into_iter().find(|format| text.contains(&format!("\"{format}\""))) {
            Some(relationship_update::FORMAT) => RelationshipUpdate::read(text).map(Self::of_update).map_err(|e| e.message()),
            Some(PROPOSAL_FORMAT) => exchange::read_proposal(text).map(Self::of_proposal).map_err(|e| e.user_message()),
            Some(AGREEMENT_FORMAT) => exchange::read_agreement(text).map(Self::of_agreement).map_err(|e| e.user_message()),
            _ => Err(msg!(
                "This is not a file Accord signs. Choose a contract proposal, an agreement or an update (.json), or a sponsor update (.txt). Nothing was read from it."
            )),
        }
    }

    fn of_proposal(file: exchange::ProposalFile) -> SignedFile {
        let contract = &file.contract.data;
        let parties = contract.parties.clone();
        let parts = (contract.agreements.iter())
            .map(|a| {
                let name = parties.as_ref().and_then(|p| p.name_of(a.party)).unwrap_or(a.typed_name.as_str()).to_string();
                let role = parties.as_ref().map_or(a.party.label(), |p| p.role_of(a.party));
                SignedPart {
                    what: agreement_words(&name, contract.version, role),
                    party: Some(a.party),
                    input: a.signing_input(&contract.engagement_id, contract.version),
                    signature: a.signature.clone(),
                }
            })
            .collect();
        SignedFile {
            kind: msg!("A proposal of version {version} of the contract", version = contract.version),
            engagement_id: contract.engagement_id.clone(),
            parts,
        }
    }

    fn of_agreement(file: exchange::AgreementFile) -> SignedFile {
        let a = &file.agreement;
        SignedFile {
            kind: msg!("An agreement to version {version} of the contract", version = file.version),
            engagement_id: file.engagement_id.clone(),
            parts: vec![SignedPart {
                what: agreement_words(&a.typed_name, file.version, a.party.label()),
                party: Some(a.party),
                input: a.signing_input(&file.engagement_id, file.version),
                signature: a.signature.clone(),
            }],
        }
    }

    fn of_report(report: SignedText) -> SignedFile {
        SignedFile {
            kind: msg!("A sponsor update approved by {name}", name = report.approval.by.as_str()),
            engagement_id: report.engagement_id.clone(),
            parts: vec![SignedPart {
                what: msg!("{name}'s approval of a sponsor update", name = report.approval.by.as_str()),
                party: None,
                input: report.signing_input(),
                signature: report.approval.signature.clone(),
            }],
        }
    }

    fn of_update(update: RelationshipUpdate) -> SignedFile {
        let body = &update.body;
        let mut parts = vec![SignedPart {
            what: msg!("The update from {name}, as {role}", name = body.from_name.as_str(), role = Arg::LabelInSentence(body.from.label())),
            party: Some(body.from),
            input: update.signing_input(),
            signature: update.signature.clone(),
        }];
        parts.extend(update.new_agreements(&[]).into_iter().map(|(version, a)| SignedPart {
            what: agreement_words(&a.typed_name, version, a.party.label()),
            party: Some(a.party),
            input: a.signing_input(&body.engagement_id, version),
            signature: a.signature.clone(),
        }));
        parts.extend(update.new_approvals(&[]).into_iter().map(|(report_id, approval)| SignedPart {
            what: msg!("{name}'s approval of a sponsor update", name = approval.by.as_str()),
            party: None,
            input: approval.signing_input(&report_id, &body.engagement_id),
            signature: approval.signature.clone(),
        }));
        SignedFile { kind: msg!("A relationship update"), engagement_id: body.engagement_id.clone(), parts }
    }
}

/// `role`: the party's role as a label ("Coach", or the plain role where the kind of
/// engagement is not in the file).
fn agreement_words(name: &str, version: u32, role: &'static str) -> Message {
    msg!("{name}'s agreement to version {version}, as {role}", name = name, version = version, role = Arg::LabelInSentence(role))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::signing::{KeyAlgorithm, PublicKey};

    #[test]
    fn any_other_file_is_refused_in_words() {
        for text in ["", "not json", r#"{"format":"accord-backup"}"#, "[1,2]"] {
            let refused = SignedFile::read(text).unwrap_err().to_string();
            assert!(refused.starts_with("This is not a file Accord signs."), "{text}: {refused}");
        }
        let cut = SignedFile::read(r#"{"format":"accord-relationship-update","version":1,"checksum":"#).unwrap_err().to_string();
        assert!(cut.contains("ends before it is finished"), "{cut}");
        let newer = SignedFile::read(r#"{"format":"accord-contract-agreement","format_version":9}"#).unwrap_err().to_string();
        assert!(newer.contains("newer version of Accord"), "{newer}");
    }

    #[test]
    fn each_verdict_says_in_words_whether_to_rely_on_it() {
        let key = PublicKey { algorithm: KeyAlgorithm::Ed25519, spki: vec![1; 44] }.fingerprint();
        let other = PublicKey { algorithm: KeyAlgorithm::Ed25519, spki: vec![2; 44] }.fingerprint();
        let changed = Verdict::Holds { key, known: KnownAs::NotTheOneKnown { remembered: other } };
        assert_eq!(changed.key_change("Zoë Ng"), Some(Unverified::OtherKey { name: "Zoë Ng".into(), known: other, now: key }));
        assert_eq!(Verdict::Holds { key, known: KnownAs::Remembered }.key_change("Zoë Ng"), None);
        assert_eq!(Verdict::DoesNotHold.key_change("Zoë Ng"), None);
        assert!(changed.holds() && changed.other_key());
        assert!(!Verdict::Holds { key, known: KnownAs::Remembered }.other_key());
        assert!(changed.message().to_string().contains(&other.to_string()));
        assert!(!Verdict::DoesNotHold.holds() && !Verdict::Unsigned.holds());
        assert!(Verdict::DoesNotHold.message().to_string().contains("changed after it was signed"));
    }
}
