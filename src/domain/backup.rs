//! Backups: everything in Accord (or one engagement, as a relationship file) in one
//! self-describing JSON file. A [`Backup`] carries the format name and version, the
//! schema version, the app version, when it was made, what it covers, how many records of
//! each kind it holds, and the SHA-256 checksum of its [`BackupData`], so a damaged or
//! altered file is recognised before anything is read from it ([`Backup::read`]).
//! Deleted records travel too (as tombstones), so a later merge knows about deletions.
//! The layout is documented as a JSON Schema in `docs/backup.schema.json`.
//!
//! Reading is strict: a file over [`MAX_IMPORT_BYTES`] is refused before parsing
//! ([`check_size`]), and every record is read kind by kind, so a [`BackupError`] can say
//! exactly what is wrong (a record of the wrong shape, an unusable or repeated id, a
//! record whose engagement is missing) in words a person understands.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

use crate::domain::assessment::{ClientQuestionnaire, LifeWheel};
use crate::domain::contract::terms_in_force;
use crate::domain::contract::{Agreement, Contract, ContractTemplate};
use crate::domain::engagement::Engagement;
use crate::domain::evidence::cpd::CpdEntry;
use crate::domain::evidence::emcc::SupervisionEntry;
use crate::domain::evidence::EngagementFacts;
use crate::domain::goal::Goal;
use crate::domain::kinds::RecordKind;
use crate::domain::message::{Arg, Message};
use crate::domain::perspective::{self, Perspective};
use crate::domain::record::{Record, RecordId, Timestamp};
use crate::domain::report::SponsorReport;
use crate::domain::session::journey::Journey;
use crate::domain::session::sort_by_time;
use crate::domain::session::Session;
use crate::msg;

pub const FORMAT: &str = "accord-backup";
/// The layout version this build writes.
pub const FORMAT_VERSION: u32 = 1;

/// Every record in the file, by kind.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct BackupData {
    pub engagements: Vec<Record<Engagement>>,
    pub contracts: Vec<Record<Contract>>,
    pub templates: Vec<Record<ContractTemplate>>,
    pub goals: Vec<Record<Goal>>,
    /// Added with schema 5; older files have none. Left out when empty, so the
    /// checksum of a file written before sessions existed still matches.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sessions: Vec<Record<Session>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub journeys: Vec<Record<Journey>>,
    /// Added with schema 6, like sessions: left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub supervision: Vec<Record<SupervisionEntry>>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reports: Vec<Record<SponsorReport>>,
    /// Added with schema 9: who this person is in each engagement. In a full backup
    /// only; a relationship file never carries it. Left out when empty, like sessions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub perspectives: Vec<Record<Perspective>>,
    /// Added with schema 10: the practitioner's CPD log. Left out when empty, like sessions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub cpd: Vec<Record<CpdEntry>>,
    /// Added with schema 10: each engagement's wheel of life. Left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wheels: Vec<Record<LifeWheel>>,
    /// Added with schema 11: the questionnaires given in each engagement, with the
    /// client's answers. Left out when empty.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub questionnaires: Vec<Record<ClientQuestionnaire>>,
}

impl BackupData {
    /// How many records of each kind.
    pub fn counts(&self) -> BTreeMap<String, usize> {
        BTreeMap::from([
            ("engagements".to_string(), self.engagements.len()),
            ("contracts".to_string(), self.contracts.len()),
            ("templates".to_string(), self.templates.len()),
            ("goals".to_string(), self.goals.len()),
            ("sessions".to_string(), self.sessions.len()),
            ("journeys".to_string(), self.journeys.len()),
            ("supervision".to_string(), self.supervision.len()),
            ("reports".to_string(), self.reports.len()),
            ("perspectives".to_string(), self.perspectives.len()),
            ("cpd".to_string(), self.cpd.len()),
            ("wheels".to_string(), self.wheels.len()),
            ("questionnaires".to_string(), self.questionnaires.len()),
        ])
    }

    pub fn total(&self) -> usize {
        self.counts().values().sum()
    }

    /// How many records changed after `since`.
    pub fn changed_after(&self, since: Option<Timestamp>) -> usize {
        let after = |t: Timestamp| since.is_none_or(|s| t > s);
        self.engagements.iter().filter(|r| after(r.updated_at)).count()
            + self.contracts.iter().filter(|r| after(r.updated_at)).count()
            + self.templates.iter().filter(|r| after(r.updated_at)).count()
            + self.goals.iter().filter(|r| after(r.updated_at)).count()
            + self.sessions.iter().filter(|r| after(r.updated_at)).count()
            + self.journeys.iter().filter(|r| after(r.updated_at)).count()
            + self.supervision.iter().filter(|r| after(r.updated_at)).count()
            + self.reports.iter().filter(|r| after(r.updated_at)).count()
            + self.perspectives.iter().filter(|r| after(r.updated_at)).count()
            + self.cpd.iter().filter(|r| after(r.updated_at)).count()
            + self.wheels.iter().filter(|r| after(r.updated_at)).count()
            + self.questionnaires.iter().filter(|r| after(r.updated_at)).count()
    }

    /// Only what belongs to one engagement (its contract versions, goals, sessions and
    /// journey), to share with the other party: sessions carry their shared notes only.
    pub fn only_engagement(self, id: &RecordId) -> BackupData {
        BackupData {
            // What the practitioner's evidence records about the client stays here too.
            engagements: self.engagements.into_iter().filter(|e| e.id == *id).map(|e| Record { data: e.data.shared_copy(), ..e }).collect(),
            contracts: self.contracts.into_iter().filter(|c| c.data.engagement_id == *id).collect(),
            templates: Vec::new(),
            goals: self.goals.into_iter().filter(|g| g.data.engagement_id == *id).collect(),
            // A relationship file is shared with the other party: private note layers
            // never leave this device in it.
            sessions: self
                .sessions
                .into_iter()
                .filter(|s| s.data.engagement_id == *id)
                .map(|s| Record { data: s.data.shared_copy(), ..s })
                .collect(),
            journeys: self.journeys.into_iter().filter(|j| j.data.engagement_id == *id).collect(),
            // The practitioner's own supervision log is not part of a relationship.
            supervision: Vec::new(),
            reports: self.reports.into_iter().filter(|r| r.data.engagement_id == *id).collect(),
            // Who I am in the engagement is mine: the other party is someone else in it.
            perspectives: Vec::new(),
            // The practitioner's own development is not part of a relationship either.
            cpd: Vec::new(),
            // The wheel of life and the questionnaires are the client's and the
            // practitioner's together (docs/domain.md §10).
            wheels: self.wheels.into_iter().filter(|w| w.data.engagement_id == *id).collect(),
            questionnaires: self.questionnaires.into_iter().filter(|q| q.data.engagement_id == *id).collect(),
        }
    }

    /// Every engagement that is not deleted and where this device's owner is the
    /// practitioner ([`perspective::practised_here`]: the evidence and the reports are the
    /// practitioner's; an engagement where they are the client or the sponsor is not their
    /// practice), with its terms in force, sessions (in date order) and goals, as the
    /// reports read them.
    pub fn engagement_facts(&self) -> Vec<EngagementFacts> {
        let data = self;
        let mut engagements: Vec<&Record<Engagement>> =
            data.engagements.iter().filter(|e| !e.deleted && perspective::practised_here(&data.perspectives, &e.id)).collect();
        engagements.sort_by_key(|e| (e.created_at, e.id.clone()));
        engagements
            .into_iter()
            .map(|e| {
                let versions: Vec<Record<Contract>> = data.contracts.iter().filter(|c| c.data.engagement_id == e.id).cloned().collect();
                let mut sessions: Vec<&Record<crate::domain::session::Session>> =
                    data.sessions.iter().filter(|s| !s.deleted && s.data.engagement_id == e.id).collect();
                sort_by_time(&mut sessions, |s| &s.data);
                EngagementFacts {
                    id: e.id.clone(),
                    engagement: e.data.clone(),
                    terms: terms_in_force(&versions),
                    sessions: sessions.into_iter().map(|s| s.data.clone()).collect(),
                    goals: data.goals.iter().filter(|g| !g.deleted && g.data.engagement_id == e.id).map(|g| g.data.clone()).collect(),
                    end_answers: data
                        .questionnaires
                        .iter()
                        .filter(|q| !q.deleted && q.data.engagement_id == e.id)
                        .filter_map(|q| q.data.answers_at(crate::domain::goal::ReviewPoint::End).map(|a| a.taken_on))
                        .collect(),
                }
            })
            .collect()
    }

    /// These records with this device's private layers put back, for records from a file
    /// that cannot carry them (a relationship file): each session's practitioner-private and
    /// client-private notes, and what the practitioner's evidence records about the client.
    /// A record this device does not have keeps the file's (empty) layers.
    pub fn with_private_layers_of(mut self, local: &BackupData) -> BackupData {
        for session in &mut self.sessions {
            if let Some(mine) = local.sessions.iter().find(|l| l.id == session.id) {
                session.data.notes.practitioner_private = mine.data.notes.practitioner_private.clone();
                session.data.notes.client_private = mine.data.notes.client_private.clone();
            }
        }
        for engagement in &mut self.engagements {
            if let Some(mine) = local.engagements.iter().find(|l| l.id == engagement.id) {
                engagement.data.evidence = mine.data.evidence.clone();
            }
        }
        self
    }

    /// SHA-256 of the canonical JSON of the data, as 64 lowercase hex digits.
    pub fn checksum(&self) -> String {
        let json = serde_json::to_vec(self).unwrap_or_default();
        Sha256::digest(&json).iter().map(|b| format!("{b:02x}")).collect()
    }
}

/// Counts agree when every kind has the same number, a kind missing from one side
/// counting as none (files from before a kind existed do not list it).
fn same_counts(a: &BTreeMap<String, usize>, b: &BTreeMap<String, usize>) -> bool {
    let non_zero =
        |m: &BTreeMap<String, usize>| m.iter().filter(|(_, n)| **n > 0).map(|(k, n)| (k.clone(), *n)).collect::<BTreeMap<_, _>>();
    non_zero(a) == non_zero(b)
}

/// What a backup covers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Scope {
    Everything,
    /// One engagement, with its contract and goals: a relationship file.
    Engagement {
        id: RecordId,
        client: String,
    },
}

/// The file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Backup {
    pub format: String,
    pub format_version: u32,
    /// The database schema version the records were read from.
    pub schema_version: u32,
    pub app_version: String,
    /// ISO 8601, UTC.
    pub exported_at: String,
    pub scope: Scope,
    pub counts: BTreeMap<String, usize>,
    pub checksum: String,
    pub data: BackupData,
}

/// The largest file Accord will try to import: 50 MB.
pub const MAX_IMPORT_BYTES: u64 = 50 * 1024 * 1024;

/// Refuses a file that is too large to import, before any of it is read.
pub fn check_size(bytes: u64) -> Result<(), BackupError> {
    if bytes > MAX_IMPORT_BYTES {
        Err(BackupError::TooLarge { bytes })
    } else {
        Ok(())
    }
}

/// Why a backup file was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BackupError {
    Unreadable,
    NotABackup,
    NewerFormat,
    /// The data does not match its checksum or its counts.
    Damaged,
    /// Larger than [`MAX_IMPORT_BYTES`].
    TooLarge {
        bytes: u64,
    },
    /// A record of this kind ("goal") does not have the expected shape.
    InvalidRecord {
        kind: RecordKind,
        detail: Message,
    },
    /// A record's id is not one Accord could have made.
    BadId {
        kind: RecordKind,
        id: String,
    },
    /// Two records of the same kind share an id.
    DuplicateId {
        kind: RecordKind,
        id: String,
    },
    /// A record (by its id) whose engagement is not in the file, or a journey whose id is
    /// not its engagement's id.
    Dangling {
        kind: RecordKind,
        id: String,
    },
    /// Nested more deeply than the reader allows: no backup looks like this.
    TooDeep,
    /// A contract version or an approved sponsor update that was changed after it was
    /// agreed or approved (its fingerprint no longer matches); the message says which.
    Altered(Message),
    /// A relationship file whose records are not those of the engagement it names.
    ScopeMismatch {
        client: String,
    },
}

/// An id as it can be shown: shortened when long, named when empty.
fn shown_id(id: &str) -> Message {
    if id.is_empty() {
        return msg!("an empty id");
    }
    let short: String = id.chars().take(40).collect();
    if short.len() < id.len() {
        msg!("“{id}…”", id = short)
    } else {
        msg!("“{id}”", id = short)
    }
}

impl BackupError {
    pub fn user_message(&self) -> Message {
        match self {
            BackupError::Unreadable => msg!("This file is incomplete or damaged, so it could not be read. Nothing was changed."),
            BackupError::NotABackup => msg!("This is not an Accord backup file. Nothing was changed."),
            BackupError::NewerFormat => msg!(
                "This backup was made by a newer version of Accord. Reload the page to update, \
                then try again. Nothing was changed."
            ),
            BackupError::Damaged => msg!(
                "This backup's contents do not match its checksum: the file was changed or damaged \
                after it was made. Nothing was changed."
            ),
            BackupError::TooLarge { bytes } => msg!(
                "This file is {size} MB, larger than the {limit} MB Accord can import. Nothing was changed.",
                size = Arg::number(*bytes as f64 / (1024.0 * 1024.0), 1),
                limit = MAX_IMPORT_BYTES / (1024 * 1024)
            ),
            BackupError::InvalidRecord { kind, detail } => msg!(
                "One of the {kinds} in this file could not be read ({detail}). Nothing was changed.",
                kinds = kind.many(),
                detail = detail
            ),
            BackupError::BadId { kind, id } => msg!(
                "{kind} in this file has an id Accord cannot use ({id}). Nothing was changed.",
                kind = kind.one().capitalised(),
                id = shown_id(id)
            ),
            BackupError::DuplicateId { kind, id } => msg!(
                "Two {kinds} in this file have the same id ({id}), so it is not clear which to keep. Nothing was changed.",
                kinds = kind.many(),
                id = shown_id(id)
            ),
            BackupError::Dangling { kind, id } => msg!(
                "{kind} in this file ({id}) is not linked to an engagement in the file. Nothing was changed.",
                kind = kind.one().capitalised(),
                id = shown_id(id)
            ),
            BackupError::TooDeep => msg!(
                "This file is nested far more deeply than any Accord backup, so it was not read. \
                Nothing was changed."
            ),
            BackupError::Altered(what) => msg!("{what} Nothing was changed.", what = what),
            BackupError::ScopeMismatch { client } => {
                msg!("This file says it is the engagement with {client}, but it holds other records. Nothing was changed.", client = client)
            }
        }
    }
}

impl std::fmt::Display for BackupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.user_message().fmt(f)
    }
}

impl std::error::Error for BackupError {}

/// "2026-11-23T14:05:09Z".
pub fn iso_time(at: Timestamp) -> String {
    let date = crate::domain::date::Date::from_unix_millis(at.0);
    let seconds_of_day = at.0.div_euclid(1000).rem_euclid(86_400);
    format!("{date}T{:02}:{:02}:{:02}Z", seconds_of_day / 3600, seconds_of_day % 3600 / 60, seconds_of_day % 60)
}

impl Backup {
    /// Whether the file carries the private layers (private notes, evidence details): a full
    /// backup does; a relationship file, made to be shared with the other party, never does.
    pub fn carries_private_layers(&self) -> bool {
        self.scope == Scope::Everything
    }

    /// The engagement a relationship file brings that this device does not have yet: the
    /// person says who they are in it before it is imported (`domain::perspective`).
    pub fn arriving_engagement(&self, local: &BackupData) -> Option<&Record<Engagement>> {
        let Scope::Engagement { id, .. } = &self.scope else { return None };
        if local.engagements.iter().any(|e| e.id == *id) {
            return None;
        }
        self.data.engagements.iter().find(|e| e.id == *id && !e.deleted)
    }

    /// Every agreement a relationship file brings that `local` does not already hold, with
    /// its engagement and the version it agrees to. Each must carry a signature that holds,
    /// by the key known for its party, checked by the store as an update's are
    /// (`Store::check_arriving_agreements`). A full backup is the person's own copy: none.
    pub fn new_agreements(&self, local: &BackupData) -> Vec<(RecordId, u32, Agreement)> {
        if self.carries_private_layers() {
            return Vec::new();
        }
        let held = |contract: &Record<Contract>, agreement: &Agreement| {
            local.contracts.iter().any(|l| l.id == contract.id && l.data.agreements.contains(agreement))
        };
        (self.data.contracts.iter().filter(|c| !c.deleted))
            .flat_map(|c| {
                c.data.agreements.iter().filter(|a| !held(c, a)).map(|a| (c.data.engagement_id.clone(), c.data.version, a.clone()))
            })
            .collect()
    }

    /// What the file brings, as it would be written on a device holding `local`: a
    /// relationship file's records keep this device's private layers, which the file cannot
    /// carry, so merging it never empties them (and a difference only there is no change).
    pub fn incoming_for(&self, local: &BackupData) -> BackupData {
        if self.carries_private_layers() {
            self.data.clone()
        } else {
            self.data.clone().with_private_layers_of(local)
        }
    }

    pub fn new(data: BackupData, scope: Scope, schema_version: u32, app_version: &str, now: Timestamp) -> Backup {
        Backup {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version,
            app_version: app_version.into(),
            exported_at: iso_time(now),
            scope,
            counts: data.counts(),
            checksum: data.checksum(),
            data,
        }
    }

    /// The file's text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Reads a backup and checks, in this order: its size, that it is JSON, its format
    /// and version, the envelope, the shape of every record (kind by kind), the ids
    /// (usable, not repeated), that every record's engagement is in the file, and last
    /// the checksum and counts.
    pub fn read(text: &str) -> Result<Backup, BackupError> {
        check_size(text.len() as u64)?;
        // A byte-order mark, as some editors write, is not part of the JSON.
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value: serde_json::Value = serde_json::from_str(text).map_err(|e| {
            if e.to_string().starts_with("recursion limit exceeded") {
                BackupError::TooDeep
            } else {
                BackupError::Unreadable
            }
        })?;
        let serde_json::Value::Object(mut fields) = value else { return Err(BackupError::NotABackup) };
        if fields.get("format").and_then(|f| f.as_str()) != Some(FORMAT) {
            return Err(BackupError::NotABackup);
        }
        if fields.get("format_version").and_then(|v| v.as_u64()).is_some_and(|v| v > u64::from(FORMAT_VERSION)) {
            return Err(BackupError::NewerFormat);
        }
        let data = fields.remove("data").ok_or(BackupError::Unreadable)?;
        let envelope: Envelope = serde_json::from_value(serde_json::Value::Object(fields)).map_err(|_| BackupError::Unreadable)?;
        let data = read_data(data)?;
        check_ids(&data)?;
        check_links(&data)?;
        if data.checksum() != envelope.checksum || !same_counts(&data.counts(), &envelope.counts) {
            return Err(BackupError::Damaged);
        }
        check_scope(&envelope.scope, &data)?;
        check_integrity(&data)?;
        Ok(Backup {
            format: envelope.format,
            format_version: envelope.format_version,
            schema_version: envelope.schema_version,
            app_version: envelope.app_version,
            exported_at: envelope.exported_at,
            scope: envelope.scope,
            counts: envelope.counts,
            checksum: envelope.checksum,
            data,
        })
    }
}

/// Everything in the file but the data, read on its own so the data can be read kind by kind.
#[derive(Deserialize)]
struct Envelope {
    format: String,
    format_version: u32,
    schema_version: u32,
    app_version: String,
    exported_at: String,
    scope: Scope,
    counts: BTreeMap<String, usize>,
    checksum: String,
}

/// A serde message made short and plain: no line numbers, no backticks, at most 100
/// characters of what the file held.
fn plain_detail(error: &serde_json::Error) -> Message {
    let text = error.to_string();
    let text = text.split(" at line ").next().unwrap_or_default().replace('`', "");
    let shorten = |text: &str| {
        let short: String = text.chars().take(100).collect();
        if short.len() < text.len() {
            format!("{short}…")
        } else {
            short
        }
    };
    if let Some(field) = text.strip_prefix("missing field ") {
        return msg!("“{field}” is missing", field = shorten(field));
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let value = rest.split(',').next().unwrap_or_default();
        return msg!("“{value}” is not a value Accord knows", value = shorten(value));
    }
    let found = text.strip_prefix("invalid type: ").or_else(|| text.strip_prefix("invalid value: "));
    if let Some((found, expected)) = found.and_then(|rest| rest.split_once(", expected ")) {
        return msg!("found {found} where Accord expected {expected}", found = shorten(found), expected = expected_words(expected));
    }
    msg!("{detail}", detail = shorten(&text))
}

/// What serde expected, in words: "u16" is "a whole number".
fn expected_words(rust: &str) -> Message {
    match rust {
        "u8" | "u16" | "u32" | "u64" | "i64" => msg!("a whole number"),
        "f64" => msg!("a number"),
        "a sequence" => msg!("a list"),
        "a boolean" => msg!("true or false"),
        "a string" => msg!("a string"),
        "a map" => msg!("an object"),
        other if other.starts_with("struct ") => msg!("a record"),
        other => msg!("{expected}", expected = other.to_string()),
    }
}

/// One kind's records: every entry must have the shape of a `Record<T>`.
fn read_kind<T: serde::de::DeserializeOwned>(
    data: &mut serde_json::Map<String, serde_json::Value>,
    key: &str,
    kind: RecordKind,
    required: bool,
) -> Result<Vec<Record<T>>, BackupError> {
    let invalid = |detail: Message| BackupError::InvalidRecord { kind, detail };
    match data.remove(key) {
        None if required => Err(BackupError::Unreadable),
        None => Ok(Vec::new()),
        Some(serde_json::Value::Array(entries)) => {
            entries.into_iter().map(|entry| serde_json::from_value(entry).map_err(|e| invalid(plain_detail(&e)))).collect()
        }
        Some(_) => Err(invalid(msg!("the {kinds} are not a list", kinds = kind.many()))),
    }
}

fn read_data(data: serde_json::Value) -> Result<BackupData, BackupError> {
    let serde_json::Value::Object(mut data) = data else { return Err(BackupError::Unreadable) };
    let data = BackupData {
        engagements: read_kind(&mut data, "engagements", RecordKind::Engagement, true)?,
        contracts: read_kind(&mut data, "contracts", RecordKind::Contract, true)?,
        templates: read_kind(&mut data, "templates", RecordKind::Template, true)?,
        goals: read_kind(&mut data, "goals", RecordKind::Goal, true)?,
        sessions: read_kind(&mut data, "sessions", RecordKind::Session, false)?,
        journeys: read_kind(&mut data, "journeys", RecordKind::Journey, false)?,
        supervision: read_kind(&mut data, "supervision", RecordKind::Supervision, false)?,
        reports: read_kind(&mut data, "reports", RecordKind::Report, false)?,
        perspectives: read_kind(&mut data, "perspectives", RecordKind::Perspective, false)?,
        cpd: read_kind(&mut data, "cpd", RecordKind::Cpd, false)?,
        wheels: read_kind(&mut data, "wheels", RecordKind::Wheel, false)?,
        questionnaires: read_kind(&mut data, "questionnaires", RecordKind::Questionnaire, false)?,
    };
    // Names are stored as validated text; a file must keep within the same limits.
    use crate::domain::engagement::NAME_MAX_CHARS;
    for engagement in &data.engagements {
        for (whose, name) in
            [(msg!("the client's name"), &engagement.data.client), (msg!("the practitioner's name"), &engagement.data.practitioner)]
        {
            let chars = name.as_str().chars().count();
            if chars == 0 || chars > NAME_MAX_CHARS {
                return Err(BackupError::InvalidRecord {
                    kind: RecordKind::Engagement,
                    detail: msg!("{whose} must be 1 to {max} characters, not {chars}", whose = whose, max = NAME_MAX_CHARS, chars = chars),
                });
            }
        }
    }
    Ok(data)
}

/// Every record's id, with its kind, in file order.
fn ids(data: &BackupData) -> Vec<(RecordKind, &RecordId)> {
    let mut all = Vec::new();
    all.extend(data.engagements.iter().map(|r| (RecordKind::Engagement, &r.id)));
    all.extend(data.contracts.iter().map(|r| (RecordKind::Contract, &r.id)));
    all.extend(data.templates.iter().map(|r| (RecordKind::Template, &r.id)));
    all.extend(data.goals.iter().map(|r| (RecordKind::Goal, &r.id)));
    all.extend(data.sessions.iter().map(|r| (RecordKind::Session, &r.id)));
    all.extend(data.journeys.iter().map(|r| (RecordKind::Journey, &r.id)));
    all.extend(data.supervision.iter().map(|r| (RecordKind::Supervision, &r.id)));
    all.extend(data.reports.iter().map(|r| (RecordKind::Report, &r.id)));
    all.extend(data.perspectives.iter().map(|r| (RecordKind::Perspective, &r.id)));
    all.extend(data.cpd.iter().map(|r| (RecordKind::Cpd, &r.id)));
    all.extend(data.wheels.iter().map(|r| (RecordKind::Wheel, &r.id)));
    all.extend(data.questionnaires.iter().map(|r| (RecordKind::Questionnaire, &r.id)));
    all
}

fn check_ids(data: &BackupData) -> Result<(), BackupError> {
    let all = ids(data);
    if let Some((kind, id)) = all.iter().find(|(_, id)| RecordId::parse(id.as_str()).is_none()) {
        return Err(BackupError::BadId { kind: *kind, id: id.as_str().to_string() });
    }
    let mut seen = std::collections::BTreeSet::new();
    for (kind, id) in all {
        if !seen.insert((kind, id)) {
            return Err(BackupError::DuplicateId { kind, id: id.as_str().to_string() });
        }
    }
    Ok(())
}

fn check_links(data: &BackupData) -> Result<(), BackupError> {
    let engagements: std::collections::BTreeSet<&RecordId> = data.engagements.iter().map(|e| &e.id).collect();
    let dangling = |kind: RecordKind, id: &RecordId| BackupError::Dangling { kind, id: id.as_str().to_string() };
    if let Some(r) = data.contracts.iter().find(|r| !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Contract, &r.id));
    }
    if let Some(r) = data.goals.iter().find(|r| !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Goal, &r.id));
    }
    if let Some(r) = data.sessions.iter().find(|r| !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Session, &r.id));
    }
    if let Some(r) = data.wheels.iter().find(|r| r.id != r.data.engagement_id || !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Wheel, &r.id));
    }
    if let Some(r) = data.questionnaires.iter().find(|r| !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Questionnaire, &r.id));
    }
    if let Some(r) = data.journeys.iter().find(|r| r.id != r.data.engagement_id || !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Journey, &r.id));
    }
    if let Some(r) = data.reports.iter().find(|r| !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Report, &r.id));
    }
    if let Some(r) = data.perspectives.iter().find(|r| r.id != r.data.engagement_id || !engagements.contains(&r.data.engagement_id)) {
        return Err(dangling(RecordKind::Perspective, &r.id));
    }
    Ok(())
}

/// A relationship file holds one engagement, the one its scope names, and only records
/// of that engagement (the headline of the preview reads the scope).
fn check_scope(scope: &Scope, data: &BackupData) -> Result<(), BackupError> {
    let Scope::Engagement { id, client } = scope else { return Ok(()) };
    let mismatch = || Err(BackupError::ScopeMismatch { client: client.clone() });
    match data.engagements.as_slice() {
        [only] if only.id == *id && only.data.client.as_str() == client.as_str() => {}
        _ => return mismatch(),
    }
    let outside = data.contracts.iter().any(|r| r.data.engagement_id != *id)
        || data.goals.iter().any(|r| r.data.engagement_id != *id)
        || data.sessions.iter().any(|r| r.data.engagement_id != *id)
        || data.journeys.iter().any(|r| r.data.engagement_id != *id)
        || data.reports.iter().any(|r| r.data.engagement_id != *id)
        || data.wheels.iter().any(|r| r.data.engagement_id != *id)
        || data.questionnaires.iter().any(|r| r.data.engagement_id != *id)
        || !data.templates.is_empty()
        || !data.supervision.is_empty()
        || !data.perspectives.is_empty()
        || !data.cpd.is_empty();
    if outside {
        return mismatch();
    }
    Ok(())
}

/// Every proposed or agreed contract version still matches its fingerprint and its
/// agreements; every approved sponsor update still reads as approved.
fn check_integrity(data: &BackupData) -> Result<(), BackupError> {
    for contract in &data.contracts {
        if let Some(problem) = contract.data.integrity_problem(&contract.id) {
            return Err(BackupError::Altered(problem));
        }
    }
    for report in &data.reports {
        if let Some(problem) = report.data.integrity_problem() {
            return Err(BackupError::Altered(problem));
        }
    }
    Ok(())
}

/// How many changes, or how many days, before Accord reminds a person to back up.
pub const REMIND_AFTER_CHANGES: usize = 25;
pub const REMIND_AFTER_DAYS: i64 = 7;

/// Whether to remind a person to back up: after [`REMIND_AFTER_CHANGES`] changes since
/// the last backup (or ever, if there was none), or when the last backup is more than
/// [`REMIND_AFTER_DAYS`] days old and anything changed since. Returns the sentence to show.
pub fn reminder(last_backup: Option<Timestamp>, changes_since: usize, now: Timestamp) -> Option<Message> {
    let changes = |n: usize| if n == 1 { msg!("1 change") } else { msg!("{n} changes", n = n) };
    match last_backup {
        None if changes_since >= REMIND_AFTER_CHANGES => Some(msg!(
            "You have {changes} and no backup yet. Download a backup to keep a copy outside this browser.",
            changes = changes(changes_since)
        )),
        None => None,
        Some(last) => {
            let days = (now.0 - last.0).div_euclid(86_400_000);
            if changes_since >= REMIND_AFTER_CHANGES || (days > REMIND_AFTER_DAYS && changes_since > 0) {
                Some(msg!(
                    "{changes} since your last backup {days} days ago. Download a fresh backup.",
                    changes = changes(changes_since).capitalised(),
                    days = days
                ))
            } else {
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::fixtures;
    use crate::domain::engagement::Kind;

    fn data() -> BackupData {
        let ada = Record::new(RecordId::parse("eng-ada").unwrap(), Timestamp(1), fixtures::engagement(Kind::Coaching, false));
        let bea = Record::new(RecordId::parse("eng-bea").unwrap(), Timestamp(2), fixtures::engagement(Kind::Mentoring, true))
            .marked_deleted(Timestamp(3));
        let goal = Record::new(RecordId::parse("goal-1").unwrap(), Timestamp(4), Goal::new(ada.id.clone(), "Lead the team"));
        let mut session = crate::domain::session::Session::planned(
            ada.id.clone(),
            crate::domain::date::Date::parse("2026-12-01").unwrap(),
            crate::domain::session::ClockTime::default(),
            60,
            crate::domain::session::Purpose::Session,
        );
        session.notes.practitioner_private = "PRACTITIONER-ONLY".into();
        session.notes.client_private = "CLIENT-ONLY".into();
        session.notes.shared = "We agreed to try delegating".into();
        let session = Record::new(RecordId::parse("ses-1").unwrap(), Timestamp(5), session);
        BackupData {
            engagements: vec![ada, bea],
            contracts: Vec::new(),
            templates: Vec::new(),
            goals: vec![goal],
            sessions: vec![session],
            journeys: Vec::new(),
            supervision: Vec::new(),
            reports: Vec::new(),
            perspectives: Vec::new(),
            cpd: Vec::new(),
            wheels: Vec::new(),
            questionnaires: Vec::new(),
        }
    }

    #[test]
    fn an_engagement_where_i_am_the_client_or_sponsor_is_not_in_the_evidence() {
        use crate::domain::date::Date;
        use crate::domain::evidence::icf;
        use crate::domain::party::Party;
        use crate::domain::session::{ClockTime, Purpose, Session, Status};
        let held = |engagement: &Record<Engagement>, id: &str| {
            let mut session =
                Session::planned(engagement.id.clone(), Date::parse("2026-11-02").unwrap(), ClockTime::default(), 60, Purpose::Session);
            session.status = Status::Held;
            Record::new(RecordId::parse(id).unwrap(), Timestamp(6), session)
        };
        let mut data = data();
        let mine = data.engagements[0].clone();
        let theirs = Record::new(RecordId::parse("eng-cy").unwrap(), Timestamp(7), fixtures::engagement(Kind::Coaching, true));
        let sponsored = Record::new(RecordId::parse("eng-dee").unwrap(), Timestamp(8), fixtures::engagement(Kind::Coaching, true));
        data.sessions = vec![held(&mine, "ses-a"), held(&theirs, "ses-c"), held(&sponsored, "ses-d")];
        data.engagements.extend([theirs.clone(), sponsored.clone()]);
        data.perspectives = vec![
            Record::new(theirs.id.clone(), Timestamp(9), Perspective::new(theirs.id.clone(), Party::Client)),
            Record::new(sponsored.id.clone(), Timestamp(9), Perspective::new(sponsored.id.clone(), Party::Sponsor)),
        ];
        let facts = data.engagement_facts();
        assert_eq!(facts.iter().map(|f| f.id.as_str()).collect::<Vec<_>>(), ["eng-ada"], "only the practitioner's engagement");
        let log = icf::log(&facts, Date::parse("2026-12-01").unwrap());
        assert_eq!(log.rows.len(), 1);
        assert_eq!(log.totals.hours, 1.0);
        // Once she says she is the coach after all, it counts.
        data.perspectives[0].data.me = Party::Practitioner;
        assert_eq!(data.engagement_facts().len(), 2);
    }

    #[test]
    fn the_evidence_reads_the_days_a_client_answered_a_questionnaire_at_the_end() {
        use crate::domain::assessment::{templates, Answer, Answers, ClientQuestionnaire};
        use crate::domain::date::Date;
        use crate::domain::goal::ReviewPoint;
        let mut data = data();
        let ada = data.engagements[0].id.clone();
        let answered = |point: ReviewPoint, on: &str| {
            let mut given = ClientQuestionnaire::new(ada.clone(), templates::end_feedback());
            let answers = given.questionnaire.items.iter().map(|i| if i.required { Answer::Rating(9) } else { Answer::Skipped }).collect();
            given.take_answers(Answers { point, taken_on: Date::parse(on).unwrap(), answers }).unwrap();
            given
        };
        data.questionnaires = vec![
            Record::new(RecordId::parse("q-end").unwrap(), Timestamp(9), answered(ReviewPoint::End, "2026-11-20")),
            Record::new(RecordId::parse("q-start").unwrap(), Timestamp(9), answered(ReviewPoint::Baseline, "2026-06-01")),
            Record::new(RecordId::parse("q-gone").unwrap(), Timestamp(9), answered(ReviewPoint::End, "2026-11-21"))
                .marked_deleted(Timestamp(10)),
        ];
        let facts = data.engagement_facts();
        assert_eq!(facts[0].end_answers, [Date::parse("2026-11-20").unwrap()], "answered at the end, not deleted");
    }

    #[test]
    fn a_backup_describes_itself_and_reads_back() {
        let backup = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(1_795_443_909_000));
        assert_eq!(backup.exported_at, "2026-11-23T14:25:09Z");
        assert_eq!(backup.counts["engagements"], 2);
        assert_eq!(backup.counts["goals"], 1);
        assert_eq!(backup.checksum.len(), 64);
        let read = Backup::read(&backup.to_json()).unwrap();
        assert_eq!(read, backup);
    }

    #[test]
    fn deleted_records_travel_as_tombstones() {
        let backup = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0));
        assert!(backup.data.engagements.iter().any(|e| e.deleted));
    }

    #[test]
    fn a_changed_record_is_caught_by_the_checksum() {
        let text = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0)).to_json().replace("Lead the team", "Lead the tea");
        assert_eq!(Backup::read(&text), Err(BackupError::Damaged));
    }

    #[test]
    fn truncated_foreign_and_newer_files_are_refused() {
        let text = Backup::new(data(), Scope::Everything, 3, "0.1.0", Timestamp(0)).to_json();
        assert_eq!(Backup::read(&text[..text.len() / 2]), Err(BackupError::Unreadable));
        assert_eq!(Backup::read(r#"{"format":"something-else"}"#), Err(BackupError::NotABackup));
        assert_eq!(Backup::read(&text.replace("\"format_version\": 1", "\"format_version\": 9")), Err(BackupError::NewerFormat));
    }

    #[test]
    fn a_reminder_comes_after_many_changes_or_a_week_with_changes() {
        let day = 86_400_000;
        let now = Timestamp(100 * day);
        assert_eq!(reminder(None, 3, now), None, "a few changes and no backup yet: no nagging");
        assert!(reminder(None, REMIND_AFTER_CHANGES, now).unwrap().contains("no backup yet"));
        assert_eq!(reminder(Some(Timestamp(99 * day)), 5, now), None);
        assert!(reminder(Some(Timestamp(99 * day)), REMIND_AFTER_CHANGES, now).is_some());
        assert_eq!(reminder(Some(Timestamp(90 * day)), 0, now), None, "nothing changed: nothing to back up");
        assert_eq!(
            reminder(Some(Timestamp(90 * day)), 1, now).unwrap(),
            "1 change since your last backup 10 days ago. Download a fresh backup."
        );
    }

    #[test]
    fn a_relationship_file_holds_one_engagement_and_what_belongs_to_it() {
        let one = data().only_engagement(&RecordId::parse("eng-ada").unwrap());
        assert_eq!((one.engagements.len(), one.goals.len()), (1, 1));
        let other = data().only_engagement(&RecordId::parse("eng-bea").unwrap());
        assert_eq!((other.engagements.len(), other.goals.len()), (1, 0));
    }

    #[test]
    fn a_relationship_file_leaves_out_private_notes_but_a_full_backup_keeps_them() {
        let shared = Backup::new(data().only_engagement(&RecordId::parse("eng-ada").unwrap()), Scope::Everything, 5, "0.1.0", Timestamp(0))
            .to_json();
        assert!(shared.contains("We agreed to try delegating"));
        assert!(!shared.contains("PRACTITIONER-ONLY") && !shared.contains("CLIENT-ONLY"));
        let full = Backup::new(data(), Scope::Everything, 5, "0.1.0", Timestamp(0)).to_json();
        assert!(full.contains("PRACTITIONER-ONLY") && full.contains("CLIENT-ONLY"));
    }

    /// The text of a backup of [`data`] after `change` to its JSON; the checksum and
    /// counts are brought up to date whenever the changed data still reads.
    fn changed(change: impl FnOnce(&mut serde_json::Value)) -> String {
        let mut value = serde_json::to_value(Backup::new(data(), Scope::Everything, 5, "0.1.0", Timestamp(0))).unwrap();
        change(&mut value);
        if let Ok(data) = serde_json::from_value::<BackupData>(value["data"].clone()) {
            value["checksum"] = data.checksum().into();
            value["counts"] = serde_json::to_value(data.counts()).unwrap();
        }
        serde_json::to_string_pretty(&value).unwrap()
    }

    fn refusal(text: &str) -> (BackupError, String) {
        let error = Backup::read(text).unwrap_err();
        let message = error.user_message();
        assert!(message.ends_with("Nothing was changed."), "{message}");
        (error, message.to_string())
    }

    #[test]
    fn a_file_over_50_mb_is_refused_before_reading_and_says_how_big_it_is() {
        assert_eq!(check_size(MAX_IMPORT_BYTES), Ok(()));
        assert_eq!(check_size(0), Ok(()));
        let error = check_size(MAX_IMPORT_BYTES + 1).unwrap_err();
        assert_eq!(error, BackupError::TooLarge { bytes: MAX_IMPORT_BYTES + 1 });
        assert_eq!(
            BackupError::TooLarge { bytes: 63_438_848 }.user_message(),
            "This file is 60.5 MB, larger than the 50 MB Accord can import. Nothing was changed."
        );
    }

    #[test]
    fn every_refusal_says_nothing_was_changed() {
        let kind = || RecordKind::Goal;
        for error in [
            BackupError::Unreadable,
            BackupError::NotABackup,
            BackupError::NewerFormat,
            BackupError::Damaged,
            BackupError::TooLarge { bytes: 1 },
            BackupError::InvalidRecord { kind: kind(), detail: crate::msg!("x") },
            BackupError::BadId { kind: kind(), id: "<b>".into() },
            BackupError::DuplicateId { kind: kind(), id: "g".into() },
            BackupError::Dangling { kind: kind(), id: "g".into() },
            BackupError::TooDeep,
            BackupError::Altered(crate::msg!("x")),
            BackupError::ScopeMismatch { client: "Ada".into() },
        ] {
            assert!(error.user_message().ends_with("Nothing was changed."), "{error:?}");
            assert_eq!(error.to_string(), error.user_message().to_string());
        }
    }

    #[test]
    fn a_record_of_the_wrong_shape_is_named_by_its_kind() {
        let (error, message) = refusal(&changed(|v| v["data"]["goals"][0]["data"]["title"] = 5.into()));
        assert!(matches!(&error, BackupError::InvalidRecord { kind, .. } if *kind == RecordKind::Goal), "{error:?}");
        assert_eq!(
            message,
            "One of the goals in this file could not be read (found integer 5 where Accord expected a string). Nothing was changed."
        );

        let (_, message) = refusal(&changed(|v| {
            v["data"]["sessions"][0]["data"].as_object_mut().unwrap().remove("date");
        }));
        assert_eq!(message, "One of the sessions in this file could not be read (“date” is missing). Nothing was changed.");

        let (_, message) = refusal(&changed(|v| v["data"]["engagements"][0]["data"]["kind"] = "therapy".into()));
        assert!(
            message.starts_with("One of the engagements in this file could not be read (“therapy” is not a value Accord knows"),
            "{message}"
        );

        let (_, message) = refusal(&changed(|v| v["data"]["goals"] = serde_json::json!({})));
        assert!(message.contains("the goals are not a list"), "{message}");
    }

    #[test]
    fn a_name_longer_than_a_person_could_type_is_refused() {
        let (error, message) = refusal(&changed(|v| v["data"]["engagements"][0]["data"]["client"] = "A".repeat(101).into()));
        assert!(matches!(error, BackupError::InvalidRecord { .. }));
        assert!(message.contains("the client's name must be 1 to 100 characters, not 101"), "{message}");
        let (_, message) = refusal(&changed(|v| v["data"]["engagements"][1]["data"]["practitioner"] = "".into()));
        assert!(message.contains("the practitioner's name must be 1 to 100 characters, not 0"), "{message}");
    }

    #[test]
    fn unusable_and_repeated_ids_are_refused_with_the_id() {
        let (error, message) = refusal(&changed(|v| v["data"]["goals"][0]["id"] = "<script>".into()));
        assert_eq!(error, BackupError::BadId { kind: RecordKind::Goal, id: "<script>".into() });
        assert_eq!(message, "A goal in this file has an id Accord cannot use (“<script>”). Nothing was changed.");
        let (_, message) = refusal(&changed(|v| v["data"]["engagements"][0]["id"] = "".into()));
        assert!(message.contains("(an empty id)"), "{message}");
        let (_, message) = refusal(&changed(|v| v["data"]["goals"][0]["id"] = "a".repeat(65).into()));
        assert!(message.contains(&format!("“{}…”", "a".repeat(40))), "a long id is shortened: {message}");

        let (error, message) = refusal(&changed(|v| {
            let goal = v["data"]["goals"][0].clone();
            v["data"]["goals"].as_array_mut().unwrap().push(goal);
        }));
        assert_eq!(error, BackupError::DuplicateId { kind: RecordKind::Goal, id: "goal-1".into() });
        assert!(message.starts_with("Two goals in this file have the same id (“goal-1”)"), "{message}");
    }

    #[test]
    fn the_same_id_in_two_kinds_is_not_a_duplicate() {
        let text = changed(|v| v["data"]["goals"][0]["id"] = "ses-1".into());
        assert!(Backup::read(&text).is_ok());
    }

    #[test]
    fn a_record_whose_engagement_is_not_in_the_file_is_refused() {
        let (error, message) = refusal(&changed(|v| v["data"]["sessions"][0]["data"]["engagement_id"] = "eng-zed".into()));
        assert_eq!(error, BackupError::Dangling { kind: RecordKind::Session, id: "ses-1".into() });
        assert_eq!(message, "A session in this file (“ses-1”) is not linked to an engagement in the file. Nothing was changed.");

        let journey = |id: &str, engagement: &str| {
            let mut j = serde_json::to_value(Record::new(
                RecordId::parse(id).unwrap(),
                Timestamp(9),
                Journey::new(RecordId::parse(engagement).unwrap()),
            ))
            .unwrap();
            j["id"] = id.into();
            j
        };
        let fine = changed(|v| v["data"]["journeys"] = serde_json::json!([journey("eng-ada", "eng-ada")]));
        assert_eq!(Backup::read(&fine).unwrap().data.journeys.len(), 1);
        let (error, _) = refusal(&changed(|v| v["data"]["journeys"] = serde_json::json!([journey("jour-1", "eng-ada")])));
        assert_eq!(
            error,
            BackupError::Dangling { kind: RecordKind::Journey, id: "jour-1".into() },
            "a journey's id is its engagement's id"
        );
    }

    #[test]
    fn nesting_beyond_any_backup_is_refused_as_too_deep() {
        let deep = format!("{}{}", "[".repeat(5_000), "]".repeat(5_000));
        assert_eq!(refusal(&deep).0, BackupError::TooDeep);
        let inside =
            changed(|_| {}).replacen("\"app_version\"", &format!("\"x\": {}{}, \"app_version\"", "[".repeat(200), "]".repeat(200)), 1);
        assert_eq!(refusal(&inside).0, BackupError::TooDeep);
    }

    #[test]
    fn a_file_saved_with_a_byte_order_mark_still_reads() {
        assert!(Backup::read(&format!("\u{feff}{}", changed(|_| {}))).is_ok());
    }

    #[test]
    fn a_record_of_the_wrong_type_is_described_in_plain_words() {
        let (_, message) = refusal(&changed(|v| v["data"]["goals"][0]["revision"] = (-1).into()));
        assert_eq!(
            message,
            "One of the goals in this file could not be read (found integer -1 where Accord expected a whole number). Nothing was changed."
        );
        let (_, message) = refusal(&changed(|v| v["data"]["goals"][0] = 42.into()));
        assert_eq!(
            message,
            "One of the goals in this file could not be read (found integer 42 where Accord expected a record). Nothing was changed."
        );
    }

    #[test]
    fn a_file_without_its_data_or_counts_is_incomplete() {
        assert_eq!(
            refusal(&changed(|v| {
                v.as_object_mut().unwrap().remove("data");
            }))
            .0,
            BackupError::Unreadable
        );
        let mut without_counts: serde_json::Value = serde_json::from_str(&changed(|_| {})).unwrap();
        without_counts.as_object_mut().unwrap().remove("counts");
        assert_eq!(refusal(&without_counts.to_string()).0, BackupError::Unreadable);
        assert_eq!(refusal("[1, 2]").0, BackupError::NotABackup);
        assert_eq!(refusal("").0, BackupError::Unreadable);
    }

    fn data_without_sessions() -> BackupData {
        BackupData { sessions: Vec::new(), ..data() }
    }

    #[test]
    fn a_backup_from_before_sessions_still_reads() {
        // Written the way a schema-4 build wrote it: no sessions or journeys keys at all.
        let mut old: serde_json::Value =
            serde_json::from_str(&Backup::new(data_without_sessions(), Scope::Everything, 4, "0.1.0", Timestamp(0)).to_json()).unwrap();
        assert!(old["data"].get("sessions").is_none() && old["data"].get("journeys").is_none());
        let counts = old["counts"].as_object_mut().unwrap();
        counts.remove("sessions");
        counts.remove("journeys");
        let read = Backup::read(&serde_json::to_string(&old).unwrap()).unwrap();
        assert!(read.data.sessions.is_empty());
    }

    #[test]
    fn files_written_by_earlier_versions_still_read() {
        // Real files, frozen as the app wrote them. Add one whenever a record gains a field.
        for (name, text) in [
            ("schema-5", include_str!("../../tests/fixtures/backups/schema-5.json")),
            ("schema-6", include_str!("../../tests/fixtures/backups/schema-6.json")),
        ] {
            let backup = Backup::read(text).unwrap_or_else(|e| panic!("{name}: {}", e.user_message()));
            assert!(backup.data.total() > 0, "{name}");
        }
    }

    /// A relationship file of Ada's engagement holding its agreed contract.
    fn relationship_file_with_agreed_contract() -> serde_json::Value {
        let mut data = data().only_engagement(&RecordId::parse("eng-ada").unwrap());
        let contract = fixtures::agreed_contract(&RecordId::parse("eng-ada").unwrap(), &RecordId::parse("contract-1").unwrap());
        data.contracts.push(Record::new(RecordId::parse("contract-1").unwrap(), Timestamp(6), contract));
        let scope = Scope::Engagement { id: RecordId::parse("eng-ada").unwrap(), client: "Ada Lovelace".into() };
        serde_json::to_value(Backup::new(data, scope, 7, "0.1.0", Timestamp(0))).unwrap()
    }

    #[test]
    fn a_relationship_file_lists_the_agreements_new_here_for_their_signatures_to_be_checked() {
        let file: Backup = serde_json::from_value(relationship_file_with_agreed_contract()).unwrap();
        let arriving = file.new_agreements(&BackupData::default());
        let agreements = &file.data.contracts[0].data.agreements;
        assert!(!agreements.is_empty());
        assert_eq!(arriving.len(), agreements.len(), "all new on an empty device");
        assert!(arriving.iter().all(|(engagement, version, _)| engagement.as_str() == "eng-ada" && *version == 1));
        // Held here already: nothing to check.
        assert_eq!(file.new_agreements(&file.data), vec![]);
        // A full backup is the person's own copy.
        let backup = Backup { scope: Scope::Everything, ..file };
        assert_eq!(backup.new_agreements(&BackupData::default()), vec![]);
    }

    /// The file as text, with its checksum and counts recomputed (as anyone can).
    fn resealed(mut value: serde_json::Value) -> String {
        let data: BackupData = serde_json::from_value(value["data"].clone()).unwrap();
        value["checksum"] = data.checksum().into();
        value["counts"] = serde_json::to_value(data.counts()).unwrap();
        serde_json::to_string_pretty(&value).unwrap()
    }

    #[test]
    fn an_agreed_fee_changed_in_a_relationship_file_is_refused_even_with_a_recomputed_checksum() {
        let honest = relationship_file_with_agreed_contract();
        assert!(Backup::read(&resealed(honest.clone())).is_ok(), "the honest file reads");
        let mut forged = honest;
        forged["data"]["contracts"][0]["data"]["terms"]["fee_per_session"] = 359.into();
        forged["data"]["contracts"][0]["revision"] = 9.into();
        let (error, message) = refusal(&resealed(forged));
        assert!(matches!(error, BackupError::Altered(_)), "{error:?}");
        assert!(message.contains("Version 1 of the contract with Ada Lovelace was changed after it was proposed"), "{message}");
    }

    #[test]
    fn a_relationship_file_whose_records_are_not_the_named_engagement_is_refused() {
        let mut value = relationship_file_with_agreed_contract();
        value["scope"]["client"] = "Bea Other".into();
        let (error, message) = refusal(&resealed(value));
        assert_eq!(error, BackupError::ScopeMismatch { client: "Bea Other".into() });
        assert!(message.contains("the engagement with Bea Other, but it holds other records"), "{message}");
        // Another client's engagement inside a file scoped to Ada's.
        let mut value = relationship_file_with_agreed_contract();
        let bea = serde_json::to_value(&data().engagements[1]).unwrap();
        value["data"]["engagements"].as_array_mut().unwrap().push(bea);
        assert!(matches!(refusal(&resealed(value)).0, BackupError::ScopeMismatch { .. }));
    }

    #[test]
    fn a_relationship_file_carries_no_private_notes_and_no_evidence_details_and_merging_keeps_this_devices() {
        let mut local = data();
        local.engagements[0].data.evidence.client_contact = "ada@example.org".into();
        local.engagements[0].data.evidence.named_in_log = true;
        let shared = local.clone().only_engagement(&RecordId::parse("eng-ada").unwrap());
        let json = serde_json::to_string(&shared).unwrap();
        for secret in ["PRACTITIONER-ONLY", "CLIENT-ONLY", "ada@example.org"] {
            assert!(!json.contains(secret), "{secret} must not travel");
        }
        assert!(!shared.engagements[0].data.evidence.named_in_log);
        let scope = Scope::Engagement { id: RecordId::parse("eng-ada").unwrap(), client: "Ada Lovelace".into() };
        let file = Backup::new(shared, scope, 7, "0.1.0", Timestamp(0));
        assert!(!file.carries_private_layers());
        let incoming = file.incoming_for(&local);
        assert_eq!(incoming.sessions[0].data.notes.practitioner_private, "PRACTITIONER-ONLY");
        assert_eq!(incoming.sessions[0].data.notes.client_private, "CLIENT-ONLY");
        assert_eq!(incoming.engagements[0].data.evidence.client_contact, "ada@example.org");
        // A full backup carries them itself.
        let full = Backup::new(data(), Scope::Everything, 7, "0.1.0", Timestamp(0));
        assert!(full.carries_private_layers());
    }
}
