//! Revision trees, as the CouchDB replication protocol keeps them.
//!
//! Every change to a document makes a revision `pos-hash` ([`Rev`]): `pos` counts the
//! edits from the first, `hash` tells apart edits made on different devices from the same
//! parent. A [`RevTree`] holds every revision a document is known to have had, with its
//! parent, so two devices' histories merge into one tree ([`RevTree::merge_path`]).
//! Its leaves are the current versions: more than one live leaf is a conflict.
//! [`RevTree::winner`] picks the version shown by default exactly as CouchDB does (live
//! leaves before deleted ones, then the highest `pos`, then the highest hash), so every
//! device and the server agree without talking; the others stay available as
//! [`RevTree::conflicts`] and [`RevTree::deleted_conflicts`] until someone resolves them.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// A revision id, `pos-hash` (e.g. `3-a41f…`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Rev {
    pub pos: u32,
    pub hash: String,
}

impl Rev {
    pub fn parse(text: &str) -> Option<Rev> {
        let (pos, hash) = text.split_once('-')?;
        let pos: u32 = pos.parse().ok().filter(|p| *p > 0)?;
        let ok = !hash.is_empty() && hash.len() <= 64 && hash.chars().all(|c| c.is_ascii_alphanumeric());
        ok.then(|| Rev { pos, hash: hash.to_string() })
    }

    /// The revision that follows `parent` (or the first) for this content: the hash is
    /// derived from the parent, the deleted flag and the body, so the same edit made twice
    /// gives the same revision, and different edits different ones.
    pub fn next(parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
        let mut digest = Sha256::new();
        digest.update(parent.map(Rev::to_string).unwrap_or_default().as_bytes());
        digest.update([0, u8::from(deleted), 0]);
        digest.update(body.as_bytes());
        let hash: String = digest.finalize()[..16].iter().map(|b| format!("{b:02x}")).collect();
        Rev { pos: parent.map_or(1, |p| p.pos + 1), hash }
    }
}

impl fmt::Display for Rev {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}-{}", self.pos, self.hash)
    }
}

impl TryFrom<String> for Rev {
    type Error = String;
    fn try_from(text: String) -> Result<Self, Self::Error> {
        Rev::parse(&text).ok_or_else(|| format!("not a revision id: {text:?}"))
    }
}

impl From<Rev> for String {
    fn from(rev: Rev) -> String {
        rev.to_string()
    }
}

/// The `_revisions` field of a document: the newest `pos` and the hashes, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Revisions {
    pub start: u32,
    pub ids: Vec<String>,
}

impl Revisions {
    /// The revisions it names, newest first; `None` if it is malformed.
    pub fn path(&self) -> Option<Vec<Rev>> {
        if self.ids.is_empty() || self.ids.len() as u32 > self.start {
            return None;
        }
        self.ids.iter().enumerate().map(|(i, hash)| Rev::parse(&format!("{}-{hash}", self.start - i as u32))).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Node {
    parent: Option<Rev>,
    deleted: bool,
}

/// Every known revision of one document, with its parent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RevTree {
    nodes: BTreeMap<Rev, Node>,
}

impl RevTree {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn is_empty(&self) -> bool {
        self.nodes.is_empty()
    }

    pub fn contains(&self, rev: &Rev) -> bool {
        self.nodes.contains_key(rev)
    }

    /// Adds a history path (newest first, as in `_revisions`); the newest is a leaf,
    /// deleted or not. Returns whether anything was new.
    pub fn merge_path(&mut self, path: &[Rev], deleted: bool) -> bool {
        let mut changed = false;
        for (i, rev) in path.iter().enumerate() {
            let parent = path.get(i + 1).cloned();
            match self.nodes.get_mut(rev) {
                Some(node) => {
                    // A path may know an older parent than a stemmed tree did.
                    if node.parent.is_none() && parent.is_some() {
                        node.parent = parent;
                        changed = true;
                    }
                }
                None => {
                    self.nodes.insert(rev.clone(), Node { parent, deleted: i == 0 && deleted });
                    changed = true;
                }
            }
        }
        changed
    }

    /// Adds a local edit on top of `parent` (or a first version) and returns its revision.
    pub fn edit(&mut self, parent: Option<&Rev>, deleted: bool, body: &str) -> Rev {
        let rev = Rev::next(parent, deleted, body);
        let mut path = vec![rev.clone()];
        if let Some(parent) = parent {
            path.push(parent.clone());
        }
        self.merge_path(&path, deleted);
        rev
    }

    /// The current versions: revisions no other revision names as its parent.
    pub fn leaves(&self) -> Vec<(Rev, bool)> {
        let parents: std::collections::BTreeSet<&Rev> = self.nodes.values().filter_map(|n| n.parent.as_ref()).collect();
        self.nodes.iter().filter(|(rev, _)| !parents.contains(rev)).map(|(rev, node)| (rev.clone(), node.deleted)).collect()
    }

    /// The version every replica shows by default: live leaves before deleted ones, then
    /// the highest `pos`, then the highest hash (CouchDB's rule).
    pub fn winner(&self) -> Option<(Rev, bool)> {
        self.leaves().into_iter().max_by(|(a, a_deleted), (b, b_deleted)| (!a_deleted, a.pos, &a.hash).cmp(&(!b_deleted, b.pos, &b.hash)))
    }

    /// Live versions other than the winner: a conflict to show the person.
    pub fn conflicts(&self) -> Vec<Rev> {
        let winner = self.winner().map(|(rev, _)| rev);
        self.leaves().into_iter().filter(|(rev, deleted)| !deleted && Some(rev) != winner.as_ref()).map(|(rev, _)| rev).collect()
    }

    /// Deletions on another branch while the winner lives on: a record deleted on one
    /// device and edited on another. Shown too, never dropped silently.
    pub fn deleted_conflicts(&self) -> Vec<Rev> {
        let winner = self.winner();
        match winner {
            Some((_, false)) => self.leaves().into_iter().filter(|(_, deleted)| *deleted).map(|(rev, _)| rev).collect(),
            _ => Vec::new(),
        }
    }

    /// Which of `revs` this tree lacks (the answer to `_revs_diff`).
    pub fn missing(&self, revs: &[Rev]) -> Vec<Rev> {
        revs.iter().filter(|rev| !self.contains(rev)).cloned().collect()
    }

    /// `rev` and its ancestors, newest first, as far as known.
    pub fn ancestry(&self, rev: &Rev) -> Vec<Rev> {
        let mut path = Vec::new();
        let mut current = Some(rev.clone());
        while let Some(rev) = current {
            current = self.nodes.get(&rev).and_then(|n| n.parent.clone());
            path.push(rev);
        }
        path
    }

    /// The `_revisions` field for `rev` (for `_bulk_docs` with `new_edits: false`),
    /// listing at most `limit` ancestors.
    pub fn revisions(&self, rev: &Rev, limit: usize) -> Revisions {
        let path = self.ancestry(rev);
        Revisions { start: rev.pos, ids: path.into_iter().take(limit.max(1)).map(|r| r.hash).collect() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rev(text: &str) -> Rev {
        Rev::parse(text).unwrap()
    }

    #[test]
    fn revision_ids_parse_print_and_order() {
        assert_eq!(rev("3-abc").to_string(), "3-abc");
        for bad in ["", "abc", "0-abc", "-abc", "3-", "x-abc", "3-ab c", "3-ab-c"] {
            assert_eq!(Rev::parse(bad), None, "{bad}");
        }
        assert!(rev("2-zzz") < rev("10-aaa"), "by pos first, as numbers");
        let json = serde_json::to_string(&rev("4-f00")).unwrap();
        assert_eq!(json, "\"4-f00\"");
        assert!(serde_json::from_str::<Rev>("\"nope\"").is_err());
    }

    #[test]
    fn the_same_edit_gives_the_same_revision_and_different_edits_differ() {
        let first = Rev::next(None, false, "{\"a\":1}");
        assert_eq!(first.pos, 1);
        assert_eq!(first, Rev::next(None, false, "{\"a\":1}"));
        let second = Rev::next(Some(&first), false, "{\"a\":2}");
        assert_eq!(second.pos, 2);
        assert_ne!(second, Rev::next(Some(&first), false, "{\"a\":3}"));
        assert_ne!(second, Rev::next(Some(&first), true, "{\"a\":2}"), "a deletion is its own revision");
    }

    #[test]
    fn a_linear_history_has_one_leaf_and_no_conflict() {
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        let two = tree.edit(Some(&one), false, "v2");
        assert_eq!(tree.leaves(), vec![(two.clone(), false)]);
        assert_eq!(tree.winner(), Some((two.clone(), false)));
        assert!(tree.conflicts().is_empty());
        assert_eq!(tree.ancestry(&two), vec![two.clone(), one]);
    }

    #[test]
    fn edits_on_two_devices_conflict_and_every_replica_picks_the_same_winner() {
        let mut base = RevTree::new();
        let one = base.edit(None, false, "v1");
        let mut laptop = base.clone();
        let mut phone = base.clone();
        let a = laptop.edit(Some(&one), false, "laptop edit");
        let b = phone.edit(Some(&one), false, "phone edit");
        // Each learns of the other's edit, in opposite orders.
        laptop.merge_path(&[b.clone(), one.clone()], false);
        phone.merge_path(&[a.clone(), one.clone()], false);
        assert_eq!(laptop, phone, "the same tree whatever the order");
        let winner = laptop.winner().unwrap().0;
        assert_eq!(winner, std::cmp::max(a.clone(), b.clone()), "highest hash at the same pos");
        assert_eq!(laptop.conflicts().len(), 1, "the other edit is kept as a conflict");
        // Resolving: the loser is deleted on its branch; the conflict is gone.
        let loser = laptop.conflicts()[0].clone();
        laptop.edit(Some(&loser), true, "");
        assert!(laptop.conflicts().is_empty());
        assert_eq!(laptop.winner().unwrap().0, winner);
    }

    #[test]
    fn a_live_version_beats_a_longer_deleted_branch_and_the_deletion_is_shown() {
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        let two = tree.edit(Some(&one), false, "v2");
        let deleted = tree.edit(Some(&two), true, "");
        let edited = tree.edit(Some(&one), false, "edited elsewhere");
        assert!(deleted.pos > edited.pos);
        assert_eq!(tree.winner(), Some((edited, false)), "deleted on one device, edited on another: the edit is shown");
        assert_eq!(tree.deleted_conflicts(), vec![deleted]);
    }

    #[test]
    fn revs_diff_names_what_is_missing_and_revisions_round_trip() {
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        let two = tree.edit(Some(&one), false, "v2");
        let three = tree.edit(Some(&two), false, "v3");
        let unknown = rev("3-ffff");
        assert_eq!(tree.missing(&[two.clone(), unknown.clone()]), vec![unknown]);
        let revisions = tree.revisions(&three, 1000);
        assert_eq!(revisions.start, 3);
        assert_eq!(revisions.path().unwrap(), vec![three.clone(), two.clone(), one.clone()]);
        let mut other = RevTree::new();
        assert!(other.merge_path(&revisions.path().unwrap(), false));
        assert!(!other.merge_path(&revisions.path().unwrap(), false), "nothing new the second time");
        assert_eq!(other.winner().unwrap().0, three);
        assert_eq!(tree.revisions(&three, 2).ids.len(), 2);
        assert_eq!(Revisions { start: 1, ids: vec!["a".into(), "b".into()] }.path(), None, "more ids than positions");
    }
}
