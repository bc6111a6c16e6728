//! What this device exchanged with the other parties of one engagement: a [`Ledger`],
//! kept on this device only (the store keeps one per engagement, beside its records).
//!
//! It holds the sequence this device's next update gets; for each field group, what this
//! device last sent of it and in which update it last changed ([`Sent`]); and, per other
//! party ([`Peer`]), the value last exchanged with them (sent or received: the *base* a
//! joint field's change is measured from), the highest sequence applied from them for each
//! field, the updates applied from them, the records they are known to have, and the key
//! they sign with.

use std::collections::{BTreeMap, BTreeSet};

use serde::{Deserialize, Serialize};
use serde_json::Value;

use super::ownership::{FieldKey, RecordRef};
use crate::domain::party::Party;
use crate::domain::record::RecordId;
use crate::domain::signing::PublicKey;

/// What was exchanged for one engagement.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ledger {
    pub engagement_id: RecordId,
    /// The sequence this device's next update gets: 1 for the first.
    pub next_sequence: u64,
    /// What this device last sent of each field group.
    #[serde(default, with = "entries")]
    pub sent: BTreeMap<FieldKey, Sent>,
    /// One entry per other party this device exchanged updates with.
    #[serde(default)]
    pub peers: Vec<Peer>,
}

/// A value this device sent, and the update in which it last changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sent {
    pub value: Value,
    pub sequence: u64,
}

/// What was exchanged with one other party.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Peer {
    pub party: Party,
    /// The value of each field group last exchanged with them (sent or received).
    #[serde(default, with = "entries")]
    pub base: BTreeMap<FieldKey, Value>,
    /// The highest of their sequences applied here, per field group.
    #[serde(default, with = "entries")]
    pub applied_fields: BTreeMap<FieldKey, u64>,
    /// Their updates applied here, by sequence.
    #[serde(default)]
    pub applied_updates: BTreeSet<u64>,
    /// Records they have (they sent something of it, or this device sent it to them).
    #[serde(default)]
    pub known: BTreeSet<RecordRef>,
    /// The key their updates and agreements are signed with: the first one seen, or one
    /// the person accepted in its place.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<PublicKey>,
}

impl Peer {
    fn new(party: Party) -> Peer {
        Peer {
            party,
            base: BTreeMap::new(),
            applied_fields: BTreeMap::new(),
            applied_updates: BTreeSet::new(),
            known: BTreeSet::new(),
            key: None,
        }
    }
}

impl Ledger {
    /// Nothing exchanged yet.
    pub fn new(engagement_id: RecordId) -> Ledger {
        Ledger { engagement_id, next_sequence: 1, sent: BTreeMap::new(), peers: Vec::new() }
    }

    pub fn peer(&self, party: Party) -> Option<&Peer> {
        self.peers.iter().find(|p| p.party == party)
    }

    fn peer_mut(&mut self, party: Party) -> &mut Peer {
        let at = match self.peers.iter().position(|p| p.party == party) {
            Some(at) => at,
            None => {
                self.peers.push(Peer::new(party));
                self.peers.len() - 1
            }
        };
        &mut self.peers[at]
    }

    /// The value of `key` last exchanged with `party`.
    pub fn base(&self, party: Party, key: &FieldKey) -> Option<&Value> {
        self.peer(party)?.base.get(key)
    }

    /// The highest of `party`'s sequences applied here for `key` (0 for none).
    pub fn applied_sequence(&self, party: Party, key: &FieldKey) -> u64 {
        self.peer(party).and_then(|p| p.applied_fields.get(key)).copied().unwrap_or(0)
    }

    /// Whether `party`'s update `sequence` was applied here.
    pub fn has_applied(&self, party: Party, sequence: u64) -> bool {
        self.peer(party).is_some_and(|p| p.applied_updates.contains(&sequence))
    }

    /// Whether `party` is known to have `record`.
    pub fn knows(&self, party: Party, record: &RecordRef) -> bool {
        self.peer(party).is_some_and(|p| p.known.contains(record))
    }

    /// What this device last sent of `key`.
    pub fn sent(&self, key: &FieldKey) -> Option<&Sent> {
        self.sent.get(key)
    }

    /// `value` was sent to `to` in an update where it last changed in `sequence`.
    pub(super) fn record_sent(&mut self, to: &[Party], key: &FieldKey, value: &Value, sequence: u64) {
        self.sent.insert(key.clone(), Sent { value: value.clone(), sequence });
        for party in to {
            self.peer_mut(*party).base.insert(key.clone(), value.clone());
        }
    }

    /// `value` of `key` came from `from` with their `sequence` and was applied (taken, or
    /// decided on in a conflict): it is the new base.
    pub(super) fn record_received(&mut self, from: Party, key: &FieldKey, value: &Value, sequence: u64) {
        let peer = self.peer_mut(from);
        peer.base.insert(key.clone(), value.clone());
        let applied = peer.applied_fields.entry(key.clone()).or_insert(0);
        *applied = (*applied).max(sequence);
    }

    pub(super) fn record_known(&mut self, party: Party, record: &RecordRef) {
        self.peer_mut(party).known.insert(record.clone());
    }

    /// The key this device knows `party` signs with in this engagement.
    pub fn key_of(&self, party: Party) -> Option<&PublicKey> {
        self.peer(party)?.key.as_ref()
    }

    /// `party` signs with `key` from now on (the first key seen, or one accepted in place of
    /// the one known).
    pub fn remember_key(&mut self, party: Party, key: PublicKey) {
        self.peer_mut(party).key = Some(key);
    }

    /// The ledger as an update signed by `key` from `party` is read against: when `key` is
    /// not the one known for them, it comes from another device (restored, or someone
    /// else's), whose updates count from 1 again, so what was applied from the old one does
    /// not make the new one's look old or already applied. The values last exchanged stay
    /// (a joint field changed on both sides is still a conflict); the known key stays until
    /// the person accepts the new one.
    pub fn for_signer(mut self, party: Party, key: &PublicKey) -> Ledger {
        let peer = self.peer_mut(party);
        if peer.key.as_ref().is_some_and(|known| known != key) {
            peer.applied_fields.clear();
            peer.applied_updates.clear();
        }
        self
    }

    pub(super) fn record_update(&mut self, from: Party, sequence: u64) {
        self.peer_mut(from).applied_updates.insert(sequence);
    }
}

/// A map whose keys are not text, kept in JSON as a list of `[key, value]` pairs.
mod entries {
    use std::collections::BTreeMap;

    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub fn serialize<K: Serialize, V: Serialize, S: Serializer>(map: &BTreeMap<K, V>, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(map.iter())
    }

    pub fn deserialize<'de, K, V, D>(deserializer: D) -> Result<BTreeMap<K, V>, D::Error>
    where
        K: Deserialize<'de> + Ord,
        V: Deserialize<'de>,
        D: Deserializer<'de>,
    {
        Ok(Vec::<(K, V)>::deserialize(deserializer)?.into_iter().collect())
    }
}
