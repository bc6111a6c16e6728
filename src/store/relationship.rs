//! Relationship updates on this device: making one ([`Store::make_update`]), planning what
//! one that arrived would do ([`Store::plan_update`]) and applying it
//! ([`Store::apply_update`]), each signed by its sender and checked on arrival, with the
//! exchange [`Ledger`] of each engagement (which also remembers each party's key), and where the
//! exchange with each party stands ([`Store::exchange_with`], an [`Exchange`]). The rules
//! are in `domain::relationship`.
//!
//! The ledger holds the values last exchanged with each party, so it is content: it is one
//! `meta` fact per engagement, `exchange:<engagement id>`, sealed with the device key when
//! protection is on (and resealed when protection changes, like unsaved text), never synced,
//! never in a backup, and removed when the engagement is erased. Applying an update writes
//! its records and the new ledger in one strict transaction.

use indexed_db_futures::prelude::*;
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsValue;

use super::io::{from_js, to_js, Codec, Expect, Put};
use super::signing_key::verified;
use super::{schema, Store, StoreError};
use crate::domain::backup::{Backup, BackupData};
use crate::domain::contract::Agreement;
use crate::domain::party::Party;
use crate::domain::perspective;
use crate::domain::relationship::{self, Applied, Ledger, RelationshipUpdate, Resolution, UpdatePlan};
use crate::domain::signing::{Fingerprint, PublicKey, Unverified};
use crate::domain::vault::SealedBox;
use crate::domain::{Engagement, Record, RecordId};
use crate::msg;
use crate::platform::{clock, crypto};

/// The prefix of every exchange ledger fact in `meta`.
pub(super) const PREFIX: &str = "exchange:";
/// Additional data for a sealed ledger.
const AAD: &[u8] = b"accord/exchange-ledger/v1";

#[derive(Serialize, Deserialize)]
struct LedgerFact {
    key: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    value: Option<Ledger>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    sealed: Option<SealedBox>,
}

fn failed(what: impl std::fmt::Display) -> StoreError {
    StoreError::Failed(what.to_string())
}

fn key_of(engagement_id: &RecordId) -> String {
    format!("{PREFIX}{engagement_id}")
}

/// What applying an update wrote.
#[derive(Debug, Clone, PartialEq)]
pub struct AppliedUpdate {
    pub engagement_id: RecordId,
    /// How many records were written.
    pub records: usize,
}

/// Where the exchange with one other party stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Exchange {
    /// Changes an update to them would carry now (0: nothing new since the last one).
    pub waiting: usize,
    /// Their updates applied on this device.
    pub received: usize,
}

impl Store {
    /// The exchange ledger of an engagement (a new one when nothing was exchanged yet).
    pub async fn exchange_ledger(&self, engagement_id: &RecordId) -> Result<Ledger, StoreError> {
        let key = key_of(engagement_id);
        let tx = self.db.transaction(schema::META).build()?;
        let value: Option<JsValue> = tx.object_store(schema::META)?.get(key.as_str()).primitive()?.await?;
        drop(tx);
        match value {
            None => Ok(Ledger::new(engagement_id.clone())),
            Some(value) => Self::open_ledger(&self.codec(), &value).await,
        }
    }

    /// The update this device's owner sends `to` about an engagement: what changed since the
    /// last one (`None` when nothing did). Keeps the ledger that remembers what was sent.
    pub async fn make_update(&self, engagement_id: &RecordId, to: &[Party]) -> Result<Option<RelationshipUpdate>, StoreError> {
        let Some((mut update, ledger)) = self.next_update(engagement_id, to).await? else { return Ok(None) };
        update.signature = Some(self.sign(&update.signing_input()).await?);
        let codec = self.codec();
        let fact = Self::ledger_fact(&codec, &key_of(engagement_id), &ledger).await?;
        self.apply_as(&codec, vec![Put::raw(schema::META, &key_of(engagement_id), Some(fact))], &|_, _| {}).await?;
        Ok(Some(update))
    }

    /// How many changes (field groups and records) an update to `to` would carry now, and
    /// how many updates from them were applied here: what the updates page says per party.
    /// Reads only.
    pub async fn exchange_with(&self, engagement_id: &RecordId, to: Party) -> Result<Exchange, StoreError> {
        let waiting = self.next_update(engagement_id, &[to]).await?.map_or(0, |(u, _)| u.body.fields.len() + u.body.records.len());
        let received = self.exchange_ledger(engagement_id).await?.peer(to).map_or(0, |p| p.applied_updates.len());
        Ok(Exchange { waiting, received })
    }

    /// The next update to `to` and the ledger as it would be once it is sent.
    async fn next_update(&self, engagement_id: &RecordId, to: &[Party]) -> Result<Option<(RelationshipUpdate, Ledger)>, StoreError> {
        let data = self.engagement_records(engagement_id).await?;
        let me = perspective::role_in(&data.perspectives, engagement_id);
        let engagement = &data.engagements[0].data;
        if let Some(party) = to.iter().find(|p| !perspective::parties_of(engagement).contains(p) || **p == me) {
            return Err(StoreError::Refused(msg!(
                "This engagement has no {party} to send an update to.",
                party = crate::domain::Arg::LabelInSentence(party.label())
            )));
        }
        let name = perspective::name_of(engagement, me).unwrap_or_default();
        let my_name = match me {
            // The sponsor signs as the contact person the engagement names.
            Party::Sponsor => engagement.sponsor.as_ref().map_or(name, |s| s.contact.as_str().to_string()),
            _ => name,
        };
        let ledger = self.exchange_ledger(engagement_id).await?;
        Ok(relationship::outgoing(me, &my_name, to, &data, &ledger, clock::now()))
    }

    /// What an update that arrived would do on this device; refused with the reason (and
    /// nothing changed) when it cannot be applied here: its signature first (it must hold),
    /// then each agreement it brings (each signed by its party), each approval of a sponsor
    /// update (signed by a key known in the engagement), then the plan. A key other
    /// than the one known for the sender is named in [`UpdatePlan::key_problem`].
    pub async fn plan_update(&self, update: &RelationshipUpdate) -> Result<UpdatePlan, StoreError> {
        let signer = verified(update.signature.as_ref(), &update.signing_input()).await?;
        let engagement_id = &update.body.engagement_id;
        let data = match self.engagement_records(engagement_id).await {
            Ok(data) if !data.engagements[0].deleted => data,
            Ok(_) | Err(StoreError::NotFound) => BackupData::default(),
            Err(error) => return Err(error),
        };
        let me = perspective::role_in(&data.perspectives, engagement_id);
        let ledger = self.exchange_ledger(engagement_id).await?;
        let plan = relationship::plan_signed(update, signer.clone(), me, &data, &ledger)
            .map_err(|refusal| StoreError::Refused(refusal.message()))?;
        // The sender's own agreements are checked against the key that signed the update.
        let mut keys = ledger;
        keys.remember_key(update.body.from, signer);
        Self::check_agreements(&data.engagements[0].data, me, &update.new_agreements(&data.contracts), keys.clone(), None).await?;
        let mut known: Vec<PublicKey> = keys.peers.iter().filter_map(|p| p.key.clone()).collect();
        known.push(self.device_key().await?.public);
        for (report_id, approval) in update.new_approvals(&data.reports) {
            let key = verified(approval.signature.as_ref(), &approval.signing_input(&report_id, engagement_id)).await?;
            if !known.contains(&key) {
                return Err(StoreError::Refused(msg!(
                    "The approval of a sponsor update in this file is signed by a key ({key}) that belongs to no one this device knows in this engagement, so nothing was changed. Ask {name} where it came from.",
                    key = key.fingerprint().to_string(),
                    name = plan.from_name.as_str()
                )));
            }
        }
        Ok(plan)
    }

    /// Checks the agreements a relationship file brings that `local` (this device's records)
    /// does not hold yet, as an update's are checked: each signature must hold, by the key
    /// known for its party in the engagement. Reads only; refused in words. A full backup
    /// is the person's own copy and brings none to check (`Backup::new_agreements`).
    pub async fn check_arriving_agreements(&self, file: &Backup, local: &BackupData) -> Result<(), StoreError> {
        let arriving = file.new_agreements(local);
        let mut engagements: Vec<&RecordId> = arriving.iter().map(|(id, _, _)| id).collect();
        engagements.dedup();
        for id in engagements {
            let Some(engagement) = local.engagements.iter().chain(&file.data.engagements).find(|e| e.id == *id) else { continue };
            let agreements: Vec<(u32, Agreement)> =
                arriving.iter().filter(|(of, _, _)| of == id).map(|(_, version, a)| (*version, a.clone())).collect();
            let me = perspective::role_in(&local.perspectives, id);
            Self::check_agreements(&engagement.data, me, &agreements, self.exchange_ledger(id).await?, None).await?;
        }
        Ok(())
    }

    /// Checks that each agreement's signature holds and is by the key this device knows for
    /// its party in the engagement; the ledger with the keys seen for the first time
    /// remembered. Refused in words, naming both keys when one differs.
    ///
    /// `accepted`: a new key the person compared with its owner and accepted in place of the
    /// one known (`Store::import_agreement`): it becomes the one known for its party, whose
    /// new device counts its updates from 1 ([`Ledger::for_signer`]).
    pub(super) async fn check_agreements(
        engagement: &Engagement,
        me: Party,
        agreements: &[(u32, Agreement)],
        mut ledger: Ledger,
        accepted: Option<&Fingerprint>,
    ) -> Result<Ledger, StoreError> {
        for (version, agreement) in agreements {
            let key = verified(agreement.signature.as_ref(), &agreement.signing_input(&ledger.engagement_id, *version)).await?;
            if agreement.party == me {
                continue;
            }
            match ledger.key_of(agreement.party) {
                Some(known) if *known != key && accepted == Some(&key.fingerprint()) => {
                    ledger = ledger.for_signer(agreement.party, &key);
                    ledger.remember_key(agreement.party, key);
                }
                Some(known) if *known != key => {
                    let name = perspective::name_of(engagement, agreement.party).unwrap_or_default();
                    let other = Unverified::OtherKey { name, known: known.fingerprint(), now: key.fingerprint() };
                    return Err(StoreError::Refused(other.message()));
                }
                Some(_) => {}
                None => ledger.remember_key(agreement.party, key),
            }
        }
        Ok(ledger)
    }

    /// The `meta` write that keeps `ledger` as its engagement's, in `codec`'s form.
    pub(super) async fn ledger_put(codec: &Codec, ledger: &Ledger) -> Result<Put, StoreError> {
        let key = key_of(&ledger.engagement_id);
        Ok(Put::raw(schema::META, &key, Some(Self::ledger_fact(codec, &key, ledger).await?)))
    }

    /// Applies a planned update with the person's decision on each conflict: its records and
    /// the ledger, in one strict transaction. A record changed on this device since the plan
    /// was made refuses the whole write ([`StoreError::ChangedElsewhere`]); plan again.
    /// A sender's new key the person has not accepted refuses it.
    pub async fn apply_update(&self, plan: UpdatePlan, resolutions: &[Resolution]) -> Result<AppliedUpdate, StoreError> {
        if let Some(problem) = plan.key_problem() {
            return Err(StoreError::Refused(problem.message()));
        }
        let engagement_id = plan.engagement_id.clone();
        let Applied { records, created, ledger } = plan.apply(resolutions);
        let now = clock::now();
        let is_new =
            |kind: crate::domain::kinds::RecordKind, id: &RecordId| created.iter().any(|r| r.kind.record_kind() == kind && r.id == *id);
        fn borrow<T>(writes: &[(Record<T>, Expect)]) -> Vec<(&Record<T>, Expect)> {
            writes.iter().map(|(r, e)| (r, *e)).collect()
        }
        fn writes<T: Clone>(
            records: &[Record<T>],
            now: crate::domain::Timestamp,
            is_new: impl Fn(&RecordId) -> bool,
        ) -> Vec<(Record<T>, Expect)> {
            records
                .iter()
                .map(|r| {
                    if is_new(&r.id) {
                        (r.clone(), Expect::Absent)
                    } else {
                        (r.clone().revised(now, r.data.clone()), Expect::At(r.revision))
                    }
                })
                .collect()
        }
        use crate::domain::kinds::RecordKind as K;
        let sessions = writes(&records.sessions, now, |id| is_new(K::Session, id));
        let goals = writes(&records.goals, now, |id| is_new(K::Goal, id));
        let contracts = writes(&records.contracts, now, |id| is_new(K::Contract, id));
        let reports = writes(&records.reports, now, |id| is_new(K::Report, id));
        let wheels = writes(&records.wheels, now, |id| is_new(K::Wheel, id));
        let questionnaires = writes(&records.questionnaires, now, |id| is_new(K::Questionnaire, id));
        let mut puts = self.prepare(schema::SESSIONS, &borrow(&sessions)).await?;
        puts.extend(self.prepare(schema::GOALS, &borrow(&goals)).await?);
        puts.extend(self.prepare(schema::CONTRACTS, &borrow(&contracts)).await?);
        puts.extend(self.prepare(schema::REPORTS, &borrow(&reports)).await?);
        puts.extend(self.prepare(schema::WHEELS, &borrow(&wheels)).await?);
        puts.extend(self.prepare(schema::QUESTIONNAIRES, &borrow(&questionnaires)).await?);
        let written = puts.len();
        let codec = self.codec();
        puts.push(Self::ledger_put(&codec, &ledger).await?);
        self.apply_as(&codec, puts, &|_, _| {}).await?;
        Ok(AppliedUpdate { engagement_id, records: written })
    }

    async fn open_ledger(codec: &Codec, value: &JsValue) -> Result<Ledger, StoreError> {
        let fact = from_js::<LedgerFact>(value).map_err(|e| failed(format!("unreadable exchange ledger: {e:?}")))?;
        match (fact.value, fact.sealed) {
            (Some(ledger), None) => Ok(ledger),
            (_, Some(sealed)) => match codec {
                Codec::Sealed { key, .. } => {
                    let bytes = crypto::open(key, AAD, &sealed).await.map_err(|e| failed(e.to_string()))?;
                    serde_json::from_slice(&bytes).map_err(failed)
                }
                Codec::Locked => Err(StoreError::Locked),
                Codec::Plain => Err(failed("a sealed exchange ledger while protection is off")),
            },
            (None, None) => Err(failed("an empty exchange ledger")),
        }
    }

    async fn ledger_fact(codec: &Codec, key: &str, ledger: &Ledger) -> Result<JsValue, StoreError> {
        let fact = match codec {
            Codec::Sealed { key: device_key, .. } => {
                let bytes = serde_json::to_vec(ledger).map_err(failed)?;
                let sealed = crypto::seal(device_key, AAD, &bytes).await.map_err(|e| failed(e.to_string()))?;
                LedgerFact { key: key.to_string(), value: None, sealed: Some(sealed) }
            }
            Codec::Locked => return Err(StoreError::Locked),
            Codec::Plain => LedgerFact { key: key.to_string(), value: Some(ledger.clone()), sealed: None },
        };
        to_js(&fact)
    }

    /// Every ledger rewritten from one protection to another (with the records, when
    /// protection is turned on or off or the passphrase changes).
    pub(super) async fn reseal_ledgers(&self, from: &Codec, to: &Codec) -> Result<Vec<Put>, StoreError> {
        let mut puts = Vec::new();
        for (key, value) in self.raw_values(schema::META).await? {
            if !key.starts_with(PREFIX) {
                continue;
            }
            let ledger = Self::open_ledger(from, &value).await?;
            puts.push(Put::raw(schema::META, &key, Some(Self::ledger_fact(to, &key, &ledger).await?)));
        }
        Ok(puts)
    }
}
