//! Tests of erasure plans, tombstones, the log and imports after an erasure.

use super::*;
use crate::domain::evidence::fixtures::id;
use crate::domain::import::{resolve, Choice, ImportPlan, Outcome};
use crate::domain::retention::tests::{marked_engagement, MARK};
use serde_json::json;

#[test]
fn an_erasure_replaces_every_record_with_a_tombstone_that_holds_no_content() {
    let data = marked_engagement(false, Some("2026-04-30"), Some(12));
    let plan = plan_erasure(&data, &id("eng-m"), Timestamp(9_000)).unwrap();
    assert_eq!(plan.tombstones.len(), 1 + 1 + 1 + 4 + 1 + 1, "engagement, contract, goal, 4 sessions (one deleted), journey, report");
    let text = serde_json::to_string(&plan.tombstones).unwrap();
    assert!(!text.contains(MARK), "{text}");
    let session = plan.tombstones.iter().find(|t| t.id.as_str() == "ses-4").unwrap();
    assert_eq!(session.doc_id, "sessions:ses-4");
    assert_eq!(session.revision, 3, "one above the deleted record's revision 2");
    assert_eq!(session.engagement_id, Some(id("eng-m")));
    assert_eq!(session.erased_at, Timestamp(9_000));
    assert_eq!(session.kind(), Some(RecordKind::Session));
    // Exactly these fields, and nothing else, are kept.
    let keys: Vec<String> = serde_json::to_value(session).unwrap().as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["created_at", "doc_id", "engagement_id", "erased_at", "id", "revision", "store"]);
}

#[test]
fn the_confirmation_names_what_will_go() {
    let data = marked_engagement(false, Some("2026-04-30"), Some(12));
    let plan = plan_erasure(&data, &id("eng-m"), Timestamp(9_000)).unwrap();
    assert_eq!(
        plan.what_goes().to_string(),
        "the engagement, 1 contract version, 1 goal, 4 sessions with every note, the journey (signposts, pauses, ending), 1 sponsor update"
    );
    assert!(!plan.in_progress);
}

#[test]
fn erasing_an_engagement_in_progress_names_its_open_contract() {
    let data = marked_engagement(false, None, Some(12));
    let plan = plan_erasure(&data, &id("eng-m"), Timestamp(9_000)).unwrap();
    assert!(plan.in_progress);
    assert_eq!(plan.open_contract.unwrap().to_string(), "contract version 1 (agreed)");
    assert!(plan_erasure(&data, &id("nobody"), Timestamp(9_000)).is_err());
}

#[test]
fn a_log_entry_says_what_when_and_which_engagement_and_reads_back() {
    let entry = LogEntry {
        id: id("log-1"),
        at: Timestamp(1_767_225_600_000),
        action: LogAction::Disposed,
        engagement_id: id("eng-m"),
        kind: Kind::Coaching,
        records: 9,
        due_on: Some(Date::parse("2026-12-31").unwrap()),
    };
    let value = serde_json::to_value(&entry).unwrap();
    assert_eq!(read_log_row("log-1", &value), LogRow::Entry(entry.clone()));
    let csv_text = log_csv(&[LogRow::Entry(entry)]);
    assert!(csv_text.starts_with('\u{FEFF}'));
    assert!(
        csv_text.contains("2026-01-01T00:00:00Z,Notes disposed of at the end of the retention period,eng-m,Coaching,9,2026-12-31,\r\n"),
        "{csv_text}"
    );
}

#[test]
fn a_damaged_log_entry_is_reported_never_dropped() {
    let good = LogEntry {
        id: id("log-1"),
        at: Timestamp(5),
        action: LogAction::Erased,
        engagement_id: id("e"),
        kind: Kind::Mentoring,
        records: 3,
        due_on: None,
    };
    let rows = sorted(vec![
        read_log_row("log-2", &json!({ "id": "log-2", "at": "yesterday" })),
        read_log_row("log-1", &serde_json::to_value(&good).unwrap()),
        read_log_row("log-3", &serde_json::to_value(&good).unwrap()),
    ]);
    assert_eq!(rows[0], LogRow::Entry(good));
    assert!(matches!(&rows[1], LogRow::Damaged { key, .. } if key == "log-2"));
    assert!(matches!(&rows[2], LogRow::Damaged { key, problem } if key == "log-3" && problem.contains("does not match")));
    let csv_text = log_csv(&rows);
    assert_eq!(csv_text.matches("Damaged entry").count(), 2);
    assert!(csv_text.contains("Entry log-2 could not be read"));
}

#[test]
fn an_older_backup_does_not_bring_an_erased_engagement_back_unasked() {
    let backup = marked_engagement(false, Some("2026-04-30"), Some(12));
    let erasure = plan_erasure(&backup, &id("eng-m"), Timestamp(9_000)).unwrap();
    let plan = ImportPlan::new(&backup, &BackupData::default()).leaving_out_erased(&erasure.tombstones, &backup);
    assert_eq!(plan.count(Outcome::Erased), plan.items.len(), "every record of it is left out");
    assert_eq!(plan.erased, vec![(id("eng-m"), format!("{MARK} Zoë Client"))]);
    assert_eq!(plan.summary().to_string(), "9 erased here (left out).");
    let nothing = resolve(&plan, &backup, &BackupData::default(), &Default::default(), Timestamp(10_000)).unwrap();
    assert_eq!(nothing.total(), 0);

    // Chosen explicitly, it comes back.
    let decisions = plan.items.iter().map(|i| ((i.kind, i.id.clone()), Choice::Theirs)).collect();
    let restored = resolve(&plan, &backup, &BackupData::default(), &decisions, Timestamp(10_000)).unwrap();
    assert_eq!(restored.total(), backup.total());
}

#[test]
fn records_of_other_engagements_import_as_usual_beside_an_erased_one() {
    let backup = marked_engagement(false, Some("2026-04-30"), Some(12));
    let tombstones = vec![Tombstone::of(RecordKind::Goal, id("goal-m"), 1, Timestamp(1), Some(id("eng-other")), Timestamp(2))];
    let plan = ImportPlan::new(&backup, &BackupData::default()).leaving_out_erased(&tombstones, &backup);
    assert_eq!(plan.count(Outcome::Erased), 1, "only the erased goal");
    assert_eq!(plan.count(Outcome::New), plan.items.len() - 1);
    assert!(plan.erased.is_empty(), "no erased engagement to name");
}
