//! The learning loop between sessions: actions agreed in one session are carried forward
//! to the next, which opens by reviewing them.
//!
//! An action is a [`GoalItem`] that lives either in its goal or, linked to no goal, in the
//! session that agreed it: [`ActionHome`] says which. [`all_actions`] gathers them as
//! [`ActionRef`]s; [`open_actions`] those still to practise (the client's copy); [`agreed_in`] lists one session's; [`to_review`] decides which a session
//! reviews, with [`shared_reflection_before`] (what the client shared after the last one);
//! [`reviewed`] records how one went. An action that comes round again carries its
//! story: [`ActionRef::earlier_reviews`] are the reviews before this session, and
//! [`ActionReview::in_words`] says what happened and what was learned.

use crate::domain::date::Date;
use crate::domain::goal::{Goal, GoalItem, ItemKind, ItemStatus};
use crate::domain::message::{Arg, Message};
use crate::domain::record::{Record, RecordId};
use crate::msg;

use super::{ActionReview, ClockTime, ReviewOutcome, Session};

/// Where an action is stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActionHome {
    /// In this goal's items (it counts in the goal's roll-up).
    Goal(RecordId),
    /// In this session's own list (linked to no goal).
    Session(RecordId),
}

/// An action and where it lives.
#[derive(Debug, Clone, PartialEq)]
pub struct ActionRef {
    pub home: ActionHome,
    /// The goal's title, for a linked action.
    pub goal_title: Option<String>,
    pub item: GoalItem,
}

impl ActionRef {
    /// The review a given session made of it, if any.
    pub fn review_in(&self, session_id: &RecordId) -> Option<&ActionReview> {
        self.item.reviews.iter().find(|r| r.session_id == *session_id)
    }

    /// What happened each earlier time the action came round: the reviews made in sessions
    /// before `session_id`, oldest first. Empty the first time it is reviewed.
    pub fn earlier_reviews(&self, session_id: &RecordId, sessions: &[Record<Session>]) -> Vec<&ActionReview> {
        let Some(this) = when(session_id, sessions) else { return Vec::new() };
        let mut earlier: Vec<(SessionOrder, &ActionReview)> = self
            .item
            .reviews
            .iter()
            .filter_map(|review| when(&review.session_id, sessions).filter(|at| *at < this).map(|at| (at, review)))
            .collect();
        earlier.sort_by_key(|(at, _)| *at);
        earlier.into_iter().map(|(_, review)| review).collect()
    }
}

impl ActionReview {
    /// The review in one line: "15 Dec 2026: not done. What was learned: “…”".
    pub fn in_words(&self) -> Message {
        let outcome = Arg::LabelInSentence(self.outcome.label());
        match self.learned.trim() {
            "" => msg!("{date}: {outcome}. Nothing was noted about what was learned.", date = self.on, outcome = outcome),
            learned => msg!("{date}: {outcome}. What was learned: “{learned}”", date = self.on, outcome = outcome, learned = learned),
        }
    }
}

/// Where a session falls in the series: its date, time, then when it was made.
type SessionOrder = (Date, ClockTime, i64);

/// The order of a session that is there (not deleted).
fn when(id: &RecordId, sessions: &[Record<Session>]) -> Option<SessionOrder> {
    sessions.iter().find(|s| s.id == *id && !s.deleted).map(|s| (s.data.date, s.data.time, s.created_at.0))
}

/// Every action agreed in a session: goal items with `agreed_in`, and each session's own.
pub fn all_actions(sessions: &[Record<Session>], goals: &[Record<Goal>]) -> Vec<ActionRef> {
    let in_goals = goals.iter().filter(|g| !g.deleted).flat_map(|goal| {
        goal.data.items.iter().filter(|item| item.agreed_in.is_some()).map(|item| ActionRef {
            home: ActionHome::Goal(goal.id.clone()),
            goal_title: Some(goal.data.title.clone()),
            item: item.clone(),
        })
    });
    let in_sessions = sessions.iter().filter(|s| !s.deleted).flat_map(|session| {
        session.data.actions.iter().map(|item| ActionRef {
            home: ActionHome::Session(session.id.clone()),
            goal_title: None,
            item: item.clone(),
        })
    });
    in_goals.chain(in_sessions).collect()
}

/// The actions still to practise, for the client's copy: every action of the engagement
/// (an action item of a goal, whether or not a session agreed it, and each session's own)
/// that is open or in progress. Milestones, done and dropped actions are left out.
pub fn open_actions(sessions: &[Record<Session>], goals: &[Record<Goal>]) -> Vec<ActionRef> {
    let open = |item: &GoalItem| item.kind == ItemKind::Action && matches!(item.status, ItemStatus::Open | ItemStatus::InProgress);
    let in_goals = goals.iter().filter(|g| !g.deleted).flat_map(|goal| {
        goal.data.items.iter().filter(|item| open(item)).map(|item| ActionRef {
            home: ActionHome::Goal(goal.id.clone()),
            goal_title: Some(goal.data.title.clone()),
            item: item.clone(),
        })
    });
    let in_sessions = sessions.iter().filter(|s| !s.deleted).flat_map(|session| {
        session.data.actions.iter().filter(|item| open(item)).map(|item| ActionRef {
            home: ActionHome::Session(session.id.clone()),
            goal_title: None,
            item: item.clone(),
        })
    });
    in_goals.chain(in_sessions).collect()
}

/// The actions a session agreed, in the order they were added.
pub fn agreed_in(session_id: &RecordId, sessions: &[Record<Session>], goals: &[Record<Goal>]) -> Vec<ActionRef> {
    all_actions(sessions, goals).into_iter().filter(|a| a.item.agreed_in.as_ref() == Some(session_id)).collect()
}

/// The actions `session` opens by reviewing: agreed in an earlier session and not
/// dropped, and either already reviewed in this session, or not yet settled by an
/// earlier review (an action reviewed as partly or not done comes round again).
pub fn to_review(session_id: &RecordId, sessions: &[Record<Session>], goals: &[Record<Goal>]) -> Vec<ActionRef> {
    let when = |id: &RecordId| when(id, sessions);
    let Some(this) = when(session_id) else { return Vec::new() };
    all_actions(sessions, goals)
        .into_iter()
        .filter(|action| {
            let Some(agreed) = action.item.agreed_in.as_ref().and_then(&when) else { return false };
            if agreed >= this {
                return false;
            }
            if action.review_in(session_id).is_some() {
                return true;
            }
            if action.item.status == ItemStatus::Dropped {
                return false;
            }
            let last_earlier =
                action.item.reviews.iter().filter(|r| when(&r.session_id).is_some_and(|at| at < this)).max_by_key(|r| when(&r.session_id));
            last_earlier.is_none_or(|r| r.outcome != ReviewOutcome::Done)
        })
        .collect()
}

impl ActionRef {
    /// What the review of this action in `session_id` starts from: the review already
    /// saved there, else the outcome of the client's latest check-in since the action was
    /// last reviewed (made between sessions, so the review opens pre-filled from it), else
    /// nothing.
    pub fn review_start(&self, session_id: &RecordId) -> Option<ReviewOutcome> {
        if let Some(review) = self.review_in(session_id) {
            return Some(review.outcome);
        }
        let last_reviewed = self.item.reviews.iter().map(|r| r.on).max();
        let check_in = self.item.latest_check_in().filter(|c| last_reviewed.is_none_or(|on| c.on > on))?;
        Some(check_in.outcome.as_review())
    }
}

/// The client's reflection on the session held last before `session_id`, when they shared
/// it: the date of that session and the reflection, for the review that opens this one.
pub fn shared_reflection_before(session_id: &RecordId, sessions: &[Record<Session>]) -> Option<(Date, String)> {
    let this = when(session_id, sessions)?;
    sessions
        .iter()
        .filter(|s| !s.deleted && s.data.status == super::Status::Held)
        .filter(|s| when(&s.id, sessions).is_some_and(|at| at < this))
        .max_by_key(|s| when(&s.id, sessions))
        .filter(|s| s.data.reflection_shared && !s.data.reflection.trim().is_empty())
        .map(|s| (s.data.date, s.data.reflection.trim().to_string()))
}

/// The action with `review` recorded (replacing an earlier review from the same
/// session). Done marks it done on the review's date; partly done puts it in progress;
/// not done leaves it open.
pub fn reviewed(item: &GoalItem, review: ActionReview) -> GoalItem {
    let mut next = item.clone();
    next.reviews.retain(|r| r.session_id != review.session_id);
    match review.outcome {
        ReviewOutcome::Done => {
            next.status = ItemStatus::Done;
            next.done_on = Some(review.on);
        }
        ReviewOutcome::Partly => {
            next.status = ItemStatus::InProgress;
            next.done_on = None;
        }
        ReviewOutcome::NotDone => {
            next.status = ItemStatus::Open;
            next.done_on = None;
        }
    }
    next.reviews.push(review);
    next
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::contract::Party;
    use crate::domain::record::Timestamp;
    use crate::domain::session::Purpose;

    fn id(text: &str) -> RecordId {
        RecordId::parse(text).unwrap()
    }

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn session(sid: &str, date: &str) -> Record<Session> {
        Record::new(id(sid), Timestamp(0), Session::planned(id("eng"), day(date), ClockTime::default(), 60, Purpose::Session))
    }

    fn action(item_id: &str, agreed: &str) -> GoalItem {
        GoalItem {
            id: item_id.into(),
            kind: ItemKind::Action,
            title: format!("Practise {item_id}"),
            owner: Party::Client,
            due: None,
            status: ItemStatus::Open,
            done_on: None,
            weight: 1.0,
            needs_confirmation: false,
            confirmed: false,
            agreed_in: Some(id(agreed)),
            reviews: Vec::new(),
            check_ins: Vec::new(),
        }
    }

    fn review(sid: &str, on: &str, outcome: ReviewOutcome) -> ActionReview {
        ActionReview { session_id: id(sid), on: day(on), outcome, learned: String::new() }
    }

    fn learned(mut review: ActionReview, what: &str) -> ActionReview {
        review.learned = what.into();
        review
    }

    fn ids(actions: &[ActionRef]) -> Vec<String> {
        actions.iter().map(|a| a.item.id.clone()).collect()
    }

    /// Three sessions; s1 agreed a goal-linked action and an unlinked one.
    fn series() -> (Vec<Record<Session>>, Vec<Record<Goal>>) {
        let mut s1 = session("s1", "2026-12-01");
        s1.data.actions.push(action("loose", "s1"));
        let sessions = vec![s1, session("s2", "2026-12-15"), session("s3", "2027-01-05")];
        let mut goal = Goal::new(id("eng"), "Delegate");
        goal.items.push(action("linked", "s1"));
        (sessions, vec![Record::new(id("g1"), Timestamp(0), goal)])
    }

    #[test]
    fn the_actions_to_practise_are_the_open_ones_in_goals_and_sessions() {
        let (mut sessions, mut goals) = series();
        let mut own = action("own", "s1");
        own.agreed_in = None;
        goals[0].data.items.push(own);
        let mut milestone = action("milestone", "s1");
        milestone.kind = ItemKind::Milestone;
        goals[0].data.items.push(milestone);
        let mut dropped = action("dropped", "s1");
        dropped.status = ItemStatus::Dropped;
        sessions[0].data.actions.push(dropped);
        assert_eq!(ids(&open_actions(&sessions, &goals)), vec!["linked", "own", "loose"]);
        goals[0].data.items[0] = reviewed(&goals[0].data.items[0], review("s2", "2026-12-15", ReviewOutcome::Done));
        assert_eq!(ids(&open_actions(&sessions, &goals)), vec!["own", "loose"], "a done action is not to practise");
        goals[0].deleted = true;
        assert_eq!(ids(&open_actions(&sessions, &goals)), vec!["loose"]);
    }

    #[test]
    fn the_review_opens_with_what_the_client_shared_after_the_last_session() {
        use crate::domain::session::Status;
        let (mut sessions, _) = series();
        assert_eq!(shared_reflection_before(&id("s2"), &sessions), None, "nothing held before");
        sessions[0].data.status = Status::Held;
        sessions[0].data.reflection = "  Saying no is easier in writing. ".into();
        assert_eq!(shared_reflection_before(&id("s2"), &sessions), None, "kept to herself");
        sessions[0].data.reflection_shared = true;
        assert_eq!(
            shared_reflection_before(&id("s2"), &sessions),
            Some((Date::parse("2026-12-01").unwrap(), "Saying no is easier in writing.".into()))
        );
        assert_eq!(shared_reflection_before(&id("s1"), &sessions), None, "not the session's own");
        sessions[1].data.status = Status::Held;
        assert_eq!(shared_reflection_before(&id("s3"), &sessions), None, "only the session held last before");
    }

    #[test]
    fn a_review_starts_from_the_check_in_made_since_the_last_review() {
        use crate::domain::goal::{CheckIn, CheckInOutcome};
        let (_, goals) = series();
        let item = goals[0].data.items[0].clone();
        let at = |item: GoalItem| ActionRef { home: ActionHome::Goal(id("g1")), goal_title: None, item };
        assert_eq!(at(item.clone()).review_start(&id("s2")), None, "no check-in, no review: nothing chosen");
        let checked =
            |item: &GoalItem, on: &str, outcome| item.with_check_in(CheckIn { on: Date::parse(on).unwrap(), outcome, note: String::new() });
        let partly = checked(&item, "2026-12-08", CheckInOutcome::Partly);
        assert_eq!(at(partly.clone()).review_start(&id("s2")), Some(ReviewOutcome::Partly));
        let not_yet = checked(&partly, "2026-12-10", CheckInOutcome::NotYet);
        assert_eq!(at(not_yet.clone()).review_start(&id("s2")), Some(ReviewOutcome::NotDone), "the latest check-in");
        // Reviewed in s2: that review is what s2 shows; s3 starts afresh until a new check-in.
        let reviewed_in_s2 = reviewed(&not_yet, review("s2", "2026-12-15", ReviewOutcome::Partly));
        assert_eq!(at(reviewed_in_s2.clone()).review_start(&id("s2")), Some(ReviewOutcome::Partly));
        assert_eq!(at(reviewed_in_s2.clone()).review_start(&id("s3")), None, "a check-in from before the last review is old news");
        let done = checked(&reviewed_in_s2, "2026-12-20", CheckInOutcome::Done);
        assert_eq!(at(done).review_start(&id("s3")), Some(ReviewOutcome::Done));
    }

    #[test]
    fn a_check_in_reads_as_one_line() {
        use crate::domain::goal::{CheckIn, CheckInOutcome};
        let on = Date::parse("2026-12-09").unwrap();
        let check_in = CheckIn { on, outcome: CheckInOutcome::Partly, note: " Said no to the stand-up ".into() };
        assert_eq!(check_in.in_words().to_string(), "9 Dec 2026: partly. “Said no to the stand-up”");
        let bare = CheckIn { note: String::new(), ..check_in };
        assert_eq!(bare.in_words().to_string(), "9 Dec 2026: partly.");
    }

    #[test]
    fn the_next_session_reviews_the_actions_agreed_before_it() {
        let (sessions, goals) = series();
        assert_eq!(ids(&to_review(&id("s2"), &sessions, &goals)), vec!["linked", "loose"]);
        assert!(to_review(&id("s1"), &sessions, &goals).is_empty(), "a session does not review its own actions");
        assert_eq!(agreed_in(&id("s1"), &sessions, &goals).len(), 2);
        let linked = &to_review(&id("s2"), &sessions, &goals)[0];
        assert_eq!((linked.home.clone(), linked.goal_title.as_deref()), (ActionHome::Goal(id("g1")), Some("Delegate")));
    }

    #[test]
    fn an_action_done_at_review_is_not_carried_again_but_one_not_done_is() {
        let (mut sessions, mut goals) = series();
        let done = reviewed(&goals[0].data.items[0], review("s2", "2026-12-15", ReviewOutcome::Done));
        assert_eq!((done.status, done.done_on), (ItemStatus::Done, Some(day("2026-12-15"))));
        goals[0].data.items[0] = done;
        let not_done = reviewed(&sessions[0].data.actions[0], review("s2", "2026-12-15", ReviewOutcome::NotDone));
        sessions[0].data.actions[0] = not_done;
        assert_eq!(ids(&to_review(&id("s2"), &sessions, &goals)), vec!["linked", "loose"], "still shown where reviewed");
        assert_eq!(ids(&to_review(&id("s3"), &sessions, &goals)), vec!["loose"], "carried forward again");
    }

    #[test]
    fn a_dropped_action_is_not_carried_forward() {
        let (sessions, mut goals) = series();
        goals[0].data.items[0].status = ItemStatus::Dropped;
        assert_eq!(ids(&to_review(&id("s2"), &sessions, &goals)), vec!["loose"]);
    }

    #[test]
    fn reviewing_again_in_the_same_session_replaces_the_review() {
        let (_, goals) = series();
        let first = reviewed(&goals[0].data.items[0], review("s2", "2026-12-15", ReviewOutcome::Partly));
        assert_eq!(first.status, ItemStatus::InProgress);
        let second = reviewed(&first, review("s2", "2026-12-15", ReviewOutcome::Done));
        assert_eq!(second.reviews.len(), 1);
        assert_eq!(second.reviews[0].outcome, ReviewOutcome::Done);
    }

    #[test]
    fn actions_of_deleted_sessions_or_goals_are_left_out() {
        let (mut sessions, mut goals) = series();
        goals[0].deleted = true;
        sessions[0].deleted = true;
        assert!(to_review(&id("s2"), &sessions, &goals).is_empty());
    }

    #[test]
    fn an_action_that_comes_round_again_brings_what_happened_last_time() {
        let (mut sessions, goals) = series();
        let not_done = learned(review("s2", "2026-12-15", ReviewOutcome::NotDone), "Mornings were too full.");
        sessions[0].data.actions[0] = reviewed(&sessions[0].data.actions[0], not_done.clone());
        let at_s3 = &to_review(&id("s3"), &sessions, &goals)[1];
        assert_eq!(at_s3.item.id, "loose");
        assert_eq!(at_s3.earlier_reviews(&id("s3"), &sessions), vec![&not_done]);
        assert_eq!(
            at_s3.earlier_reviews(&id("s3"), &sessions)[0].in_words(),
            "15 Dec 2026: not done. What was learned: “Mornings were too full.”"
        );
        let at_s2 = &to_review(&id("s2"), &sessions, &goals)[1];
        assert!(at_s2.earlier_reviews(&id("s2"), &sessions).is_empty(), "the session's own review is not history");
        let first_time = &to_review(&id("s2"), &sessions, &goals)[0];
        assert!(first_time.earlier_reviews(&id("s2"), &sessions).is_empty(), "nothing before the first review");
    }

    #[test]
    fn every_earlier_review_comes_oldest_first_whatever_order_they_were_saved_in() {
        let (mut sessions, goals) = series();
        sessions.push(session("s4", "2027-01-26"));
        let mut action = sessions[0].data.actions[0].clone();
        action = reviewed(&action, review("s3", "2027-01-05", ReviewOutcome::NotDone));
        action = reviewed(&action, learned(review("s2", "2026-12-15", ReviewOutcome::Partly), "Two of five days."));
        sessions[0].data.actions[0] = action;
        let loose = to_review(&id("s4"), &sessions, &goals).into_iter().find(|a| a.item.id == "loose").unwrap();
        let words: Vec<String> = loose.earlier_reviews(&id("s4"), &sessions).iter().map(|r| r.in_words().to_string()).collect();
        assert_eq!(
            words,
            [
                "15 Dec 2026: partly done. What was learned: “Two of five days.”",
                "5 Jan 2027: not done. Nothing was noted about what was learned.",
            ]
        );
        assert_eq!(loose.earlier_reviews(&id("s3"), &sessions).len(), 1, "only what came before that session");
    }

    #[test]
    fn a_review_from_a_deleted_session_is_not_told() {
        let (mut sessions, goals) = series();
        sessions[0].data.actions[0] = reviewed(&sessions[0].data.actions[0], review("s2", "2026-12-15", ReviewOutcome::NotDone));
        sessions[1].deleted = true;
        let loose = &to_review(&id("s3"), &sessions, &goals)[1];
        assert!(loose.earlier_reviews(&id("s3"), &sessions).is_empty());
    }
}
