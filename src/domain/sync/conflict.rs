//! Conflicts: which versions of a record to show side by side, and how a resolution
//! ends them.
//!
//! [`conflicting_leaves`] lists, next to the version shown (the tree's winner), the other
//! live versions and any deletion at least as recent as the version shown (deleted on
//! one device, edited on another). [`resolve`] is how CouchDB conflicts are resolved: the
//! chosen content becomes a new revision on the shown branch and every other live version
//! ends with a deletion on its own branch; the shown branch then moves past any older
//! deletion, so no replica lists the conflict again. The result is a [`Resolution`].

use super::revtree::{Rev, RevTree};

/// The versions to show next to the winner, each with its deleted flag.
pub fn conflicting_leaves(tree: &RevTree) -> Vec<(Rev, bool)> {
    let Some((winner, winner_deleted)) = tree.winner() else { return Vec::new() };
    let mut leaves: Vec<(Rev, bool)> = tree.conflicts().into_iter().map(|rev| (rev, false)).collect();
    if !winner_deleted {
        leaves.extend(tree.deleted_conflicts().into_iter().filter(|rev| rev.pos >= winner.pos).map(|rev| (rev, true)));
    }
    leaves
}

/// What [`resolve`] added to the tree.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Resolution {
    /// The resolved version: the record's new revision.
    pub current: Rev,
    /// Each deletion that ended another version: (the deletion, the version it ended).
    pub tombstones: Vec<(Rev, Rev)>,
}

/// Resolves every conflict of `tree`: `body` (deleted or not) becomes a new revision on
/// `current` (the version the record shows), every other live version is ended with a
/// deletion whose body is `tombstone_body(version)`.
pub fn resolve(
    tree: &mut RevTree,
    current: Option<&Rev>,
    deleted: bool,
    body: &str,
    tombstone_body: impl Fn(&Rev) -> String,
) -> Resolution {
    let mut new = tree.edit(current, deleted, body);
    let mut tombstones = Vec::new();
    for (leaf, leaf_deleted) in tree.leaves() {
        if leaf == new || leaf_deleted {
            continue;
        }
        let tombstone = tree.edit(Some(&leaf), true, &tombstone_body(&leaf));
        tombstones.push((tombstone, leaf));
    }
    // A deletion as recent as the resolution would still read as a conflict: the
    // resolution moves past it (same content, one more revision).
    while let Some(newest) = tree.leaves().iter().filter(|(rev, leaf_deleted)| *leaf_deleted && *rev != new).map(|(rev, _)| rev.pos).max() {
        if new.pos > newest {
            break;
        }
        new = tree.edit(Some(&new), deleted, body);
    }
    Resolution { current: new, tombstones }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn apart() -> (RevTree, Rev, Rev) {
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        let a = tree.edit(Some(&one), false, "edited on A");
        let b = tree.edit(Some(&one), false, "edited on B");
        (tree, a, b)
    }

    #[test]
    fn edits_made_apart_show_the_loser_next_to_the_winner() {
        let (tree, a, b) = apart();
        let winner = tree.winner().unwrap().0;
        let loser = if winner == a { b } else { a };
        assert_eq!(conflicting_leaves(&tree), vec![(loser, false)]);
    }

    #[test]
    fn a_resolution_leaves_one_live_version_and_no_conflict() {
        let (mut tree, a, b) = apart();
        let winner = tree.winner().unwrap().0;
        let resolution = resolve(&mut tree, Some(&winner), false, "merged", |_| "gone".into());
        assert!(conflicting_leaves(&tree).is_empty());
        assert_eq!(tree.winner(), Some((resolution.current.clone(), false)));
        assert_eq!(tree.leaves().iter().filter(|(_, deleted)| !deleted).count(), 1, "one live version");
        let loser = if winner == a { b } else { a };
        assert_eq!(resolution.tombstones.len(), 1);
        assert_eq!(resolution.tombstones[0].1, loser, "the other version ends with a deletion on its own branch");
        assert_eq!(tree.ancestry(&resolution.tombstones[0].0)[1], loser);
        assert!(tree.ancestry(&resolution.current).contains(&winner), "the resolution continues the shown branch");
        // Another replica that merges the same paths sees the same: no conflict.
        let mut other = RevTree::new();
        for (leaf, deleted) in tree.leaves() {
            other.merge_path(&tree.ancestry(&leaf), deleted);
        }
        assert_eq!(other, tree);
        assert!(conflicting_leaves(&other).is_empty());
    }

    #[test]
    fn deleted_on_one_device_and_edited_on_the_other_is_shown_until_resolved() {
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        let deleted = tree.edit(Some(&one), true, "v1");
        let edited = tree.edit(Some(&one), false, "edited");
        assert_eq!(tree.winner(), Some((edited.clone(), false)), "the edit is shown, not lost");
        assert_eq!(conflicting_leaves(&tree), vec![(deleted.clone(), true)]);
        let resolution = resolve(&mut tree, Some(&edited), false, "edited", |_| String::new());
        assert!(conflicting_leaves(&tree).is_empty());
        assert!(resolution.tombstones.is_empty(), "a deletion needs no second deletion");
        assert!(resolution.current.pos > deleted.pos);
        // Keeping the deletion instead: the record ends deleted and nothing is in conflict.
        let mut tree = RevTree::new();
        let one = tree.edit(None, false, "v1");
        tree.edit(Some(&one), true, "v1");
        let edited = tree.edit(Some(&one), false, "edited");
        let resolution = resolve(&mut tree, Some(&edited), true, "edited", |_| String::new());
        assert!(tree.winner().unwrap().1, "the record ends deleted");
        assert_eq!(tree.winner().unwrap().0, resolution.current);
        assert!(conflicting_leaves(&tree).is_empty());
    }
}
