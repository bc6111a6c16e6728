//! The envelope every stored thing travels in.
//!
//! A [`Record`] carries a string [`RecordId`], a revision that grows by one with every
//! change, created/updated [`Timestamp`]s and a deleted flag (a tombstone, so a deletion
//! can be undone and, later, merged across devices). The domain decides how a record
//! changes; the store only persists what these methods return.

use serde::{Deserialize, Serialize};
use std::fmt;

/// Milliseconds since the Unix epoch (UTC). Kept well below 2^53 so it survives the
/// round trip through JavaScript numbers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Timestamp(pub i64);

/// A record's identity: a random UUID (version 4) as text. Text ids never collide with
/// JavaScript's number limits and merge cleanly between devices.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct RecordId(String);

impl RecordId {
    /// Formats sixteen random bytes as a version-4 UUID, e.g.
    /// `"0f8fad5b-d9cb-469f-a165-70867728950e"`. The caller supplies the randomness.
    pub fn from_random_bytes(mut bytes: [u8; 16]) -> Self {
        bytes[6] = (bytes[6] & 0x0f) | 0x40; // version 4
        bytes[8] = (bytes[8] & 0x3f) | 0x80; // RFC 4122 variant
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        Self(format!("{}-{}-{}-{}-{}", &hex[0..8], &hex[8..12], &hex[12..16], &hex[16..20], &hex[20..32]))
    }

    /// Accepts an id that came from outside (a link, a test); `None` if it is empty or
    /// holds characters no id of ours contains.
    pub fn parse(text: &str) -> Option<Self> {
        let ok = !text.is_empty() && text.len() <= 64 && text.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| Self(text.to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for RecordId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One stored thing and its history counters.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Record<T> {
    pub id: RecordId,
    /// 1 when created; every change adds one.
    pub revision: u32,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    /// A tombstone: the record is hidden but kept, so the deletion can be undone.
    pub deleted: bool,
    pub data: T,
}

impl<T> Record<T> {
    /// A new record at revision 1.
    pub fn new(id: RecordId, now: Timestamp, data: T) -> Self {
        Self { id, revision: 1, created_at: now, updated_at: now, deleted: false, data }
    }

    /// The record with new contents, one revision later.
    pub fn revised(self, now: Timestamp, data: T) -> Self {
        let mut next = self.next_revision(now);
        next.data = data;
        next
    }

    /// The record marked deleted, one revision later.
    pub fn marked_deleted(self, now: Timestamp) -> Self {
        let mut next = self.next_revision(now);
        next.deleted = true;
        next
    }

    /// The record brought back from deletion, one revision later.
    pub fn restored(self, now: Timestamp) -> Self {
        let mut next = self.next_revision(now);
        next.deleted = false;
        next
    }

    /// Whether a change made against `expected_revision` may be applied: only if no
    /// other change landed in between (compare-and-set).
    pub fn is_at_revision(&self, expected_revision: u32) -> bool {
        self.revision == expected_revision
    }

    fn next_revision(mut self, now: Timestamp) -> Self {
        self.revision += 1;
        // A clock that went backwards must not make a change look older than the last.
        self.updated_at = now.max(self.updated_at);
        self
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record() -> Record<&'static str> {
        Record::new(RecordId::parse("abc").unwrap(), Timestamp(1_000), "first")
    }

    #[test]
    fn new_record_starts_at_revision_one_and_not_deleted() {
        let r = record();
        assert_eq!(r.revision, 1);
        assert_eq!(r.created_at, Timestamp(1_000));
        assert_eq!(r.updated_at, Timestamp(1_000));
        assert!(!r.deleted);
    }

    #[test]
    fn every_change_adds_one_revision_and_keeps_created_time() {
        let r = record().revised(Timestamp(2_000), "second");
        assert_eq!((r.revision, r.data, r.updated_at, r.created_at), (2, "second", Timestamp(2_000), Timestamp(1_000)));
        let r = r.marked_deleted(Timestamp(3_000));
        assert_eq!((r.revision, r.deleted), (3, true));
        let r = r.restored(Timestamp(4_000));
        assert_eq!((r.revision, r.deleted, r.data), (4, false, "second"));
    }

    #[test]
    fn updated_time_never_goes_backwards() {
        let r = record().revised(Timestamp(500), "clock went back");
        assert_eq!(r.updated_at, Timestamp(1_000));
    }

    #[test]
    fn compare_and_set_accepts_only_the_current_revision() {
        let r = record().revised(Timestamp(2_000), "second");
        assert!(r.is_at_revision(2));
        assert!(!r.is_at_revision(1));
    }

    #[test]
    fn uuid_from_bytes_is_version_4_with_rfc_variant() {
        let id = RecordId::from_random_bytes([0xff; 16]);
        assert_eq!(id.as_str(), "ffffffff-ffff-4fff-bfff-ffffffffffff");
        let id = RecordId::from_random_bytes([0; 16]);
        assert_eq!(id.as_str(), "00000000-0000-4000-8000-000000000000");
    }

    #[test]
    fn parse_refuses_ids_that_could_not_be_ours() {
        assert!(RecordId::parse("").is_none());
        assert!(RecordId::parse("<script>").is_none());
        assert!(RecordId::parse(&"a".repeat(65)).is_none());
        assert_eq!(RecordId::parse("0f8fad5b-d9cb-469f").unwrap().as_str(), "0f8fad5b-d9cb-469f");
    }
}
