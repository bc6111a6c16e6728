//! Word-level differences between two texts, for showing what a re-contracted clause changed.
//!
//! [`word_diff`] splits both texts into words and the whitespace between them and returns
//! [`DiffPart`]s: runs that stayed the same, were removed, or were added.
//!
//! The diff is a longest common subsequence over tokens, where a token is a maximal run
//! of non-whitespace characters or a maximal run of whitespace characters, so whitespace
//! survives exactly. Common leading and trailing tokens are set aside first, which keeps
//! typical edits cheap; if what remains is still too large to compare token by token,
//! the middle is reported as one removal followed by one addition.

use serde::{Deserialize, Serialize};

/// One run of a word-level diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum DiffPart {
    /// Text present, unchanged, in both versions.
    Same(String),
    /// Text present only in the old version.
    Removed(String),
    /// Text present only in the new version.
    Added(String),
}

/// The largest `old tokens × new tokens` product compared with a full table. Beyond
/// this the changed middle is reported as one removal followed by one addition.
const MAX_TABLE_CELLS: usize = 4_000_000;

/// Differences from `old` to `new`, word by word. Concatenating every Same and Removed
/// part gives `old` exactly; concatenating every Same and Added part gives `new` exactly.
/// Adjacent parts of the same kind are merged into one.
pub fn word_diff(old: &str, new: &str) -> Vec<DiffPart> {
    let old_tokens = tokenize(old);
    let new_tokens = tokenize(new);

    let prefix = old_tokens.iter().zip(new_tokens.iter()).take_while(|(a, b)| a == b).count();
    let old_rest = &old_tokens[prefix..];
    let new_rest = &new_tokens[prefix..];
    let suffix = old_rest.iter().rev().zip(new_rest.iter().rev()).take_while(|(a, b)| a == b).count();
    let old_middle = &old_rest[..old_rest.len() - suffix];
    let new_middle = &new_rest[..new_rest.len() - suffix];

    let mut ops: Vec<Op<'_>> = Vec::with_capacity(old_tokens.len() + new_tokens.len());
    ops.extend(old_tokens[..prefix].iter().copied().map(Op::Same));
    ops.extend(diff_middle(old_middle, new_middle));
    ops.extend(old_rest[old_rest.len() - suffix..].iter().copied().map(Op::Same));

    merge(group_changes(fold_whitespace(ops)))
}

/// True when the two texts are identical.
pub fn is_unchanged(parts: &[DiffPart]) -> bool {
    parts.iter().all(|part| matches!(part, DiffPart::Same(_)))
}

/// One token's fate in the diff.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op<'a> {
    Same(&'a str),
    Removed(&'a str),
    Added(&'a str),
}

impl Op<'_> {
    fn is_change(&self) -> bool {
        !matches!(self, Op::Same(_))
    }
}

/// Splits `text` into maximal runs of whitespace and maximal runs of non-whitespace.
fn tokenize(text: &str) -> Vec<&str> {
    let mut tokens = Vec::new();
    let mut start = 0;
    let mut current: Option<bool> = None;
    for (index, ch) in text.char_indices() {
        let is_space = ch.is_whitespace();
        match current {
            Some(kind) if kind == is_space => {}
            Some(_) => {
                tokens.push(&text[start..index]);
                start = index;
                current = Some(is_space);
            }
            None => current = Some(is_space),
        }
    }
    if start < text.len() {
        tokens.push(&text[start..]);
    }
    tokens
}

fn is_whitespace_token(token: &str) -> bool {
    !token.is_empty() && token.chars().all(char::is_whitespace)
}

/// Diffs the parts of both texts left after removing common prefix and suffix.
fn diff_middle<'a>(old: &[&'a str], new: &[&'a str]) -> Vec<Op<'a>> {
    let removed_all = || old.iter().copied().map(Op::Removed);
    let added_all = || new.iter().copied().map(Op::Added);

    if old.is_empty() || new.is_empty() {
        return removed_all().chain(added_all()).collect();
    }
    let cells = old.len().checked_mul(new.len());
    if cells.is_none_or(|cells| cells > MAX_TABLE_CELLS) {
        return removed_all().chain(added_all()).collect();
    }

    // table[i * width + j] = length of the LCS of old[i..] and new[j..].
    let width = new.len() + 1;
    let mut table = vec![0u32; (old.len() + 1) * width];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            table[i * width + j] = if old[i] == new[j] {
                table[(i + 1) * width + j + 1] + 1
            } else {
                table[(i + 1) * width + j].max(table[i * width + j + 1])
            };
        }
    }

    let mut ops = Vec::with_capacity(old.len() + new.len());
    let (mut i, mut j) = (0, 0);
    while i < old.len() && j < new.len() {
        if old[i] == new[j] {
            ops.push(Op::Same(old[i]));
            i += 1;
            j += 1;
        } else if table[(i + 1) * width + j] >= table[i * width + j + 1] {
            // Prefer removing first, so a replacement reads as removed-then-added.
            ops.push(Op::Removed(old[i]));
            i += 1;
        } else {
            ops.push(Op::Added(new[j]));
            j += 1;
        }
    }
    ops.extend(old[i..].iter().copied().map(Op::Removed));
    ops.extend(new[j..].iter().copied().map(Op::Added));
    ops
}

/// Folds a shared whitespace token that sits between two changed tokens into the change,
/// as a removal of it from the old text and an addition of it to the new text, so
/// "quick brown" → "slow red" reads as one change rather than two.
fn fold_whitespace(ops: Vec<Op<'_>>) -> Vec<Op<'_>> {
    let mut folded = Vec::with_capacity(ops.len() + 4);
    for (index, op) in ops.iter().enumerate() {
        let between_changes = index > 0 && ops.get(index - 1).is_some_and(Op::is_change) && ops.get(index + 1).is_some_and(Op::is_change);
        match op {
            Op::Same(token) if between_changes && is_whitespace_token(token) => {
                folded.push(Op::Removed(token));
                folded.push(Op::Added(token));
            }
            other => folded.push(*other),
        }
    }
    folded
}

/// Within every run of consecutive changes, puts all removals before all additions,
/// keeping each kind's own order (so both texts are still reproduced exactly).
fn group_changes(ops: Vec<Op<'_>>) -> Vec<Op<'_>> {
    let mut grouped = Vec::with_capacity(ops.len());
    let mut added: Vec<Op<'_>> = Vec::new();
    for op in ops {
        match op {
            Op::Same(_) => {
                grouped.append(&mut added);
                grouped.push(op);
            }
            Op::Removed(_) => grouped.push(op),
            Op::Added(_) => added.push(op),
        }
    }
    grouped.append(&mut added);
    grouped
}

/// Turns token operations into parts, merging adjacent operations of the same kind.
fn merge(ops: Vec<Op<'_>>) -> Vec<DiffPart> {
    let mut parts: Vec<DiffPart> = Vec::new();
    for op in ops {
        match (parts.last_mut(), op) {
            (Some(DiffPart::Same(text)), Op::Same(token))
            | (Some(DiffPart::Removed(text)), Op::Removed(token))
            | (Some(DiffPart::Added(text)), Op::Added(token)) => text.push_str(token),
            (_, Op::Same(token)) => parts.push(DiffPart::Same(token.to_owned())),
            (_, Op::Removed(token)) => parts.push(DiffPart::Removed(token.to_owned())),
            (_, Op::Added(token)) => parts.push(DiffPart::Added(token.to_owned())),
        }
    }
    parts.retain(|part| match part {
        DiffPart::Same(text) | DiffPart::Removed(text) | DiffPart::Added(text) => !text.is_empty(),
    });
    parts
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(text: &str) -> DiffPart {
        DiffPart::Same(text.to_owned())
    }

    fn removed(text: &str) -> DiffPart {
        DiffPart::Removed(text.to_owned())
    }

    fn added(text: &str) -> DiffPart {
        DiffPart::Added(text.to_owned())
    }

    fn rebuild_old(parts: &[DiffPart]) -> String {
        parts
            .iter()
            .filter_map(|part| match part {
                DiffPart::Same(text) | DiffPart::Removed(text) => Some(text.as_str()),
                DiffPart::Added(_) => None,
            })
            .collect()
    }

    fn rebuild_new(parts: &[DiffPart]) -> String {
        parts
            .iter()
            .filter_map(|part| match part {
                DiffPart::Same(text) | DiffPart::Added(text) => Some(text.as_str()),
                DiffPart::Removed(_) => None,
            })
            .collect()
    }

    fn kind(part: &DiffPart) -> u8 {
        match part {
            DiffPart::Same(_) => 0,
            DiffPart::Removed(_) => 1,
            DiffPart::Added(_) => 2,
        }
    }

    fn assert_invariants(old: &str, new: &str, parts: &[DiffPart]) {
        assert_eq!(rebuild_old(parts), old, "old text not rebuilt from {parts:?}");
        assert_eq!(rebuild_new(parts), new, "new text not rebuilt from {parts:?}");
        for pair in parts.windows(2) {
            assert_ne!(kind(&pair[0]), kind(&pair[1]), "unmerged parts in {parts:?}");
        }
        for part in parts {
            assert_ne!(part, &same(""), "empty part in {parts:?}");
            assert_ne!(part, &removed(""), "empty part in {parts:?}");
            assert_ne!(part, &added(""), "empty part in {parts:?}");
        }
        assert_eq!(is_unchanged(parts), old == new);
    }

    #[test]
    fn identical_texts_are_one_same_part() {
        let text = "The coachee sets the agenda for each session.";
        let parts = word_diff(text, text);
        assert_eq!(parts, vec![same(text)]);
        assert!(is_unchanged(&parts));
    }

    #[test]
    fn two_empty_texts_have_no_parts_and_are_unchanged() {
        let parts = word_diff("", "");
        assert!(parts.is_empty());
        assert!(is_unchanged(&parts));
    }

    #[test]
    fn an_inserted_word_is_added() {
        let parts = word_diff("We meet every week.", "We meet every other week.");
        assert_eq!(parts, vec![same("We meet every "), added("other "), same("week.")]);
        assert!(!is_unchanged(&parts));
    }

    #[test]
    fn a_deleted_word_is_removed() {
        let parts = word_diff("Sessions last one full hour.", "Sessions last one hour.");
        assert_eq!(parts, vec![same("Sessions last one "), removed("full "), same("hour.")]);
    }

    #[test]
    fn a_replaced_word_is_removed_then_added() {
        let parts = word_diff("We meet every week.", "We meet every fortnight.");
        assert_eq!(parts, vec![same("We meet every "), removed("week."), added("fortnight.")]);
    }

    #[test]
    fn replaced_neighbouring_words_read_as_one_change() {
        let parts = word_diff("the quick brown fox", "the slow red fox");
        assert_eq!(parts, vec![same("the "), removed("quick brown"), added("slow red"), same(" fox"),]);
    }

    #[test]
    fn empty_old_text_is_all_added() {
        let parts = word_diff("", "Confidential unless agreed otherwise.");
        assert_eq!(parts, vec![added("Confidential unless agreed otherwise.")]);
        assert!(!is_unchanged(&parts));
    }

    #[test]
    fn empty_new_text_is_all_removed() {
        let parts = word_diff("Confidential unless agreed otherwise.", "");
        assert_eq!(parts, vec![removed("Confidential unless agreed otherwise.")]);
        assert!(!is_unchanged(&parts));
    }

    #[test]
    fn whitespace_is_preserved_exactly() {
        let old = "Fees:\n\n  £100  per\tsession ";
        let new = "Fees:\n  £120  per\tsession  ";
        let parts = word_diff(old, new);
        assert_invariants(old, new, &parts);
        assert_eq!(
            parts,
            vec![same("Fees:"), removed("\n\n  £100"), added("\n  £120"), same("  per\tsession"), removed(" "), added("  "),]
        );
    }

    #[test]
    fn a_change_in_whitespace_alone_is_reported() {
        let parts = word_diff("one two", "one  two");
        assert_eq!(parts, vec![same("one"), removed(" "), added("  "), same("two")]);
        assert!(!is_unchanged(&parts));
    }

    #[test]
    fn tokens_are_runs_of_words_and_runs_of_whitespace() {
        assert_eq!(tokenize("  café\t naïve\n"), vec!["  ", "café", "\t ", "naïve", "\n"]);
        assert!(tokenize("").is_empty());
    }

    #[test]
    fn parts_can_be_serialized_and_deserialized() {
        fn assert_serde<T: Serialize + for<'de> Deserialize<'de>>() {}
        assert_serde::<DiffPart>();
        assert_serde::<Vec<DiffPart>>();
    }

    #[test]
    fn both_texts_are_always_rebuilt_from_the_parts() {
        let pairs: &[(&str, &str)] = &[
            ("", ""),
            ("", "   "),
            ("  ", ""),
            ("a", "a"),
            ("café au lait", "café noir"),
            ("naïve approach", "a naïve, gentle approach"),
            ("one  two   three", "one two three"),
            ("line one\nline two\n", "line one\r\nline 2\n\nline three"),
            ("Sessions are weekly.", "Sessions are fortnightly, by video."),
            ("a b c d e f", "f e d c b a"),
            ("the the the", "the"),
            ("  leading and trailing  ", "leading and trailing"),
            ("日本語 の テキスト", "日本語 と テキスト 🙂"),
            ("x\u{00A0}y z", "x y\u{2003}z"),
            ("The coach keeps notes private.", "The coachee keeps notes private"),
        ];
        for (old, new) in pairs {
            assert_invariants(old, new, &word_diff(old, new));
            assert_invariants(new, old, &word_diff(new, old));
        }
    }

    #[test]
    fn both_texts_are_rebuilt_for_many_generated_pairs() {
        // A small deterministic generator, so the test needs no extra crates.
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move |bound: usize| {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            ((state >> 33) as usize) % bound
        };
        let pieces = ["a", "b", "café", "naïve", " ", "  ", "\n", "\t", "x.", "é"];
        for _ in 0..500 {
            let mut make = || {
                let length = next(12);
                (0..length).map(|_| pieces[next(pieces.len())]).collect::<String>()
            };
            let old = make();
            let new = make();
            assert_invariants(&old, &new, &word_diff(&old, &new));
        }
    }

    fn words(prefix: &str, count: usize) -> String {
        (0..count).map(|index| format!("{prefix}{index}")).collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn a_small_edit_inside_a_long_text_stays_small() {
        let old = words("w", 3_000);
        let new = old.replacen(" w1500 ", " changed ", 1);
        let parts = word_diff(&old, &new);
        assert_invariants(&old, &new, &parts);
        assert_eq!(parts.len(), 4);
        assert_eq!(parts[1], removed("w1500"));
        assert_eq!(parts[2], added("changed"));
    }

    #[test]
    fn large_texts_differing_in_the_middle_fall_back_to_one_removal_and_one_addition() {
        let start = words("start", 20);
        let end = words("end", 20);
        let old = format!("{start} {} {end}", words("old", 3_000));
        let new = format!("{start} {} {end}", words("new", 3_000));
        let parts = word_diff(&old, &new);
        assert_invariants(&old, &new, &parts);
        assert_eq!(parts.len(), 4);
        assert!(matches!(parts[0], DiffPart::Same(_)));
        assert!(matches!(parts[1], DiffPart::Removed(_)));
        assert!(matches!(parts[2], DiffPart::Added(_)));
        assert!(matches!(parts[3], DiffPart::Same(_)));
    }
}
