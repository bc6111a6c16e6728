//! The relationship update file: a [`RelationshipUpdate`] names its format and version,
//! carries an [`UpdateBody`] (the engagement, who sent it and for whom, the sender's own
//! sequence number, and the values: [`FieldValue`]s and, for records the receivers do
//! not have yet, [`RecordShell`]s) and the SHA-256 checksum of that body.
//! [`RelationshipUpdate::read`] refuses a file that is too large, is not JSON, ends early,
//! is another kind of file, comes from a newer version, or whose body does not match its
//! checksum, each with an [`UpdateError`] that says so in plain words.
//!
//! ```json
//! { "format": "accord-relationship-update", "version": 1, "checksum": "…64 hex digits…",
//!   "body": { "engagement_id": "…", "from": "client", "from_name": "Ada Lovelace",
//!             "to": ["practitioner"], "sequence": 3, "made_at": 1795443909000,
//!             "fields": [{ "kind": "session", "id": "…", "field": "themes",
//!                          "value": [ … ], "sequence": 3 }],
//!             "records": [] },
//!   "signature": { "format": "accord-signature/1", "algorithm": "Ed25519", … } }
//! ```

use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use super::ownership::{FieldKey, SharedField, SharedKind};
use crate::domain::contract::{Agreement, Contract};
use crate::domain::message::{Arg, Message};
use crate::domain::party::Party;
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::domain::report::{Approval, SponsorReport};
use crate::domain::signing::{self, Signature};
use crate::msg;

pub const FORMAT: &str = "accord-relationship-update";
/// The layout version this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest update Accord reads: 20 MB (an update holds only what changed).
pub const MAX_UPDATE_BYTES: u64 = 20 * 1024 * 1024;
/// What an update's signature is for (`docs/signatures.md`).
pub const PURPOSE: &str = "relationship-update";

/// The file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RelationshipUpdate {
    pub format: String,
    pub version: u32,
    /// SHA-256 of the body's JSON, as 64 lowercase hex digits.
    pub checksum: String,
    pub body: UpdateBody,
    /// The sender's signature of the body ([`RelationshipUpdate::signing_input`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signature: Option<Signature>,
}

/// Everything the checksum covers.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct UpdateBody {
    pub engagement_id: RecordId,
    pub from: Party,
    /// The sender's name as the engagement records it.
    pub from_name: String,
    /// The roles it is for: it holds only what every one of them may receive.
    pub to: Vec<Party>,
    /// The sender's own count of updates sent for this engagement, from 1.
    pub sequence: u64,
    pub made_at: Timestamp,
    pub fields: Vec<FieldValue>,
    /// Records the receivers do not have yet (only the practitioner adds records), holding
    /// only what the receivers may keep.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub records: Vec<RecordShell>,
}

/// One field group of one record, as the sender has it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldValue {
    pub kind: SharedKind,
    pub id: RecordId,
    pub field: SharedField,
    pub value: Value,
    /// The update (by the sender's sequence) in which the sender last changed this value.
    pub sequence: u64,
}

impl FieldValue {
    pub fn key(&self) -> FieldKey {
        FieldKey { kind: self.kind, id: self.id.clone(), field: self.field.clone() }
    }
}

/// A record new to the receivers: its id, when it was made, and its shareable content.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecordShell {
    pub kind: SharedKind,
    pub id: RecordId,
    pub created_at: Timestamp,
    pub data: Value,
}

/// Why an update file was refused before anything in it was looked at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UpdateError {
    /// Not JSON at all.
    Unreadable,
    /// JSON that ends before it is finished (cut short on the way).
    Truncated,
    /// Another kind of file (a backup, a proposal, something else).
    NotAnUpdate,
    /// Written by a newer version of Accord.
    NewerVersion,
    /// The body does not match its checksum, or parts are missing or of the wrong shape.
    Damaged,
    /// Larger than [`MAX_UPDATE_BYTES`].
    TooLarge { bytes: u64 },
}

impl UpdateError {
    pub fn message(&self) -> Message {
        match self {
            UpdateError::Unreadable => msg!(
                "This file could not be read: it is not an Accord update, or it is damaged. \
                Check that you chose the right file. Nothing was changed."
            ),
            UpdateError::Truncated => msg!(
                "This file is damaged or incomplete: it ends before it is finished. \
                Ask the person who sent it to send it again. Nothing was changed."
            ),
            UpdateError::NotAnUpdate => {
                msg!("This is not a relationship update from Accord. Check that you chose the right file. Nothing was changed.")
            }
            UpdateError::NewerVersion => msg!(
                "This update was made by a newer version of Accord. Reload the page to update, \
                then try again. Nothing was changed."
            ),
            UpdateError::Damaged => msg!(
                "This file is damaged or was changed after it was sent: its contents do not match its checksum. \
                Ask the person who sent it to send it again. Nothing was changed."
            ),
            UpdateError::TooLarge { bytes } => msg!(
                "This file is {size} MB, larger than the {limit} MB an update may be. Nothing was changed.",
                size = Arg::number(*bytes as f64 / (1024.0 * 1024.0), 1),
                limit = MAX_UPDATE_BYTES / (1024 * 1024)
            ),
        }
    }
}

impl std::fmt::Display for UpdateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for UpdateError {}

impl UpdateBody {
    /// SHA-256 of the body's JSON (fields in declaration order, objects with sorted keys
    /// as serde_json writes them), as 64 lowercase hex digits.
    pub fn checksum(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
    }
}

impl RelationshipUpdate {
    /// The file for `body`, with its checksum.
    pub fn new(body: UpdateBody) -> RelationshipUpdate {
        RelationshipUpdate { format: FORMAT.into(), version: FORMAT_VERSION, checksum: body.checksum(), body, signature: None }
    }

    /// The bytes the sender signs: the body as canonical JSON under
    /// `accord-signature/1` and `relationship-update`.
    pub fn signing_input(&self) -> Vec<u8> {
        signing::signing_input(PURPOSE, &serde_json::to_value(&self.body).unwrap_or_default())
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// The same without spaces or line breaks, for a link (which reads back the same).
    pub fn to_compact_json(&self) -> String {
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Every contract agreement it carries that `local` (this device's contract versions)
    /// does not already hold, with the version it agrees to (read from the record it
    /// arrives with, or this device's copy). Each must carry its own signature, checked
    /// by the store; one for a version unknown on either side is left to the plan.
    pub fn new_agreements(&self, local: &[Record<Contract>]) -> Vec<(u32, Agreement)> {
        let version_of = |id: &RecordId| {
            local.iter().find(|r| r.id == *id).map(|r| r.data.version).or_else(|| {
                self.body
                    .records
                    .iter()
                    .find(|s| s.kind == SharedKind::Contract && s.id == *id)
                    .and_then(|s| s.data.get("version")?.as_u64())
                    .map(|v| v as u32)
            })
        };
        let held =
            |id: &RecordId, agreement: &Agreement| local.iter().any(|r| r.id == *id && r.data.agreements.iter().any(|a| a == agreement));
        self.body
            .fields
            .iter()
            .filter(|f| f.kind == SharedKind::Contract && matches!(f.field, SharedField::ContractAgreement(_)))
            .filter_map(|f| Some((f, version_of(&f.id)?, serde_json::from_value::<Agreement>(f.value.clone()).ok()?)))
            .filter(|(f, _, agreement)| !held(&f.id, agreement))
            .map(|(_, version, agreement)| (version, agreement))
            .collect()
    }

    /// Every client approval of a sponsor update it carries that `local` (this device's
    /// reports) does not already hold, with its report's id. Each must carry its own
    /// signature, checked by the store.
    pub fn new_approvals(&self, local: &[Record<SponsorReport>]) -> Vec<(RecordId, Approval)> {
        let held = |id: &RecordId, approval: &Approval| local.iter().any(|r| r.id == *id && r.data.approval.as_ref() == Some(approval));
        let shells =
            self.body.records.iter().filter(|s| s.kind == SharedKind::Report).filter_map(|s| Some((&s.id, s.data.get("approval")?)));
        let fields = (self.body.fields.iter())
            .filter(|f| f.kind == SharedKind::Report && f.field == SharedField::ReportApproval)
            .map(|f| (&f.id, &f.value));
        shells
            .chain(fields)
            .filter_map(|(id, value)| Some((id.clone(), serde_json::from_value::<Option<Approval>>(value.clone()).ok()??)))
            .filter(|(id, approval)| !held(id, approval))
            .collect()
    }

    /// "accord-update-<from>-<engagement>-<sequence>.json": a name to save the file under.
    pub fn file_name(&self) -> String {
        format!("accord-update-{}-{}-{}.json", self.body.from.as_str(), self.body.engagement_id, self.body.sequence)
    }

    /// Reads an update and checks, in this order: its size, that it is JSON and complete,
    /// its format and version, its shape, and its checksum. Whether its sender may send
    /// what it holds, and what it would change, is for [`plan`](super::merge::plan).
    pub fn read(text: &str) -> Result<RelationshipUpdate, UpdateError> {
        if text.len() as u64 > MAX_UPDATE_BYTES {
            return Err(UpdateError::TooLarge { bytes: text.len() as u64 });
        }
        // A byte-order mark, as some editors write, is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: Value = serde_json::from_str(text).map_err(|e| match e.classify() {
            serde_json::error::Category::Eof => UpdateError::Truncated,
            _ => UpdateError::Unreadable,
        })?;
        let Value::Object(fields) = &value else { return Err(UpdateError::NotAnUpdate) };
        if fields.get("format").and_then(Value::as_str) != Some(FORMAT) {
            return Err(UpdateError::NotAnUpdate);
        }
        if fields.get("version").and_then(Value::as_u64).is_none_or(|v| v > u64::from(FORMAT_VERSION)) {
            return Err(if fields.get("version").is_some_and(Value::is_u64) { UpdateError::NewerVersion } else { UpdateError::Damaged });
        }
        let update: RelationshipUpdate = serde_json::from_value(value).map_err(|_| UpdateError::Damaged)?;
        if update.body.checksum() != update.checksum {
            return Err(UpdateError::Damaged);
        }
        Ok(update)
    }
}
