//! Browser tests of the store: every command against a real IndexedDB in each of three
//! engines (Chromium, Firefox, WebKit: see scripts/test), each test on its own freshly
//! created database.
#![cfg(target_arch = "wasm32")]

use accord::domain::{Engagement, EngagementForm, RecordId};
use accord::store::{Store, StoreError, SCHEMA_VERSION};
use wasm_bindgen_test::*;

mod common;

wasm_bindgen_test_configure!(run_in_browser);

/// A store on a database no other test uses.
async fn fresh_store() -> Store {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    Store::open_named(&name, || {}).await.expect("a fresh database opens")
}

fn engagement(client: &str, kind: &str) -> Engagement {
    Engagement::try_from(EngagementForm {
        client_name: client.into(),
        practitioner_name: "Sam Lee".into(),
        kind: kind.into(),
        title: String::new(),
        ..EngagementForm::default()
    })
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_new_database_is_migrated_to_the_current_schema() {
    let store = fresh_store().await;
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    assert_eq!(
        store.object_store_names(),
        [
            "contracts",
            "cpd",
            "data_log",
            "engagements",
            "erased",
            "goals",
            "journeys",
            "meta",
            "perspectives",
            "questionnaires",
            "reports",
            "sessions",
            "supervision",
            "sync_changes",
            "sync_docs",
            "templates",
            "wheels"
        ]
        .map(String::from)
        .to_vec()
    );
    assert!(store.list_engagements().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn the_database_has_a_store_for_every_kind_of_record() {
    let store = fresh_store().await;
    let names = store.object_store_names();
    for kind in accord::domain::kinds::RecordKind::ALL {
        assert!(names.contains(&kind.store().to_string()), "no object store for {kind:?}: {names:?}");
    }
}

#[wasm_bindgen_test]
async fn reopening_keeps_the_data_and_the_schema() {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    let store = Store::open_named(&name, || {}).await.unwrap();
    let saved = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
    store.close();
    let reopened = Store::open_named(&name, || {}).await.unwrap();
    assert_eq!(reopened.schema_version(), SCHEMA_VERSION);
    assert_eq!(reopened.get_engagement(&saved.id).await.unwrap(), Some(saved));
    reopened.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn create_then_read_returns_the_same_record() {
    let store = fresh_store().await;
    let saved = store.create_engagement(engagement("Ada Lovelace", "mentoring")).await.unwrap();
    assert_eq!(saved.revision, 1);
    assert!(!saved.deleted);
    assert_eq!(saved.created_at, saved.updated_at);
    assert_eq!(saved.id.as_str().len(), 36, "a UUID");
    let read = store.get_engagement(&saved.id).await.unwrap().expect("the record is there");
    assert_eq!(read, saved);
}

#[wasm_bindgen_test]
async fn update_increments_the_revision_and_keeps_the_creation_time() {
    let store = fresh_store().await;
    let saved = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
    let updated = store.update_engagement(&saved.id, 1, engagement("Ada King", "mentoring")).await.unwrap();
    assert_eq!(updated.revision, 2);
    assert_eq!(updated.created_at, saved.created_at);
    assert!(updated.updated_at >= saved.updated_at);
    let read = store.get_engagement(&saved.id).await.unwrap().unwrap();
    assert_eq!(read.data.client.as_str(), "Ada King");
    assert_eq!(read.revision, 2);
}

#[wasm_bindgen_test]
async fn an_update_against_an_old_revision_is_refused_and_changes_nothing() {
    let store = fresh_store().await;
    let saved = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
    store.update_engagement(&saved.id, 1, engagement("Second tab", "coaching")).await.unwrap();
    let stale = store.update_engagement(&saved.id, 1, engagement("First tab", "coaching")).await;
    assert_eq!(stale, Err(StoreError::ChangedElsewhere));
    let read = store.get_engagement(&saved.id).await.unwrap().unwrap();
    assert_eq!((read.data.client.as_str(), read.revision), ("Second tab", 2));
}

#[wasm_bindgen_test]
async fn delete_hides_the_record_and_restore_brings_it_back() {
    let store = fresh_store().await;
    let keep = store.create_engagement(engagement("Keep", "coaching")).await.unwrap();
    let gone = store.create_engagement(engagement("Gone", "coaching")).await.unwrap();

    let deleted = store.delete_engagement(&gone.id).await.unwrap();
    assert!(deleted.deleted);
    assert_eq!(deleted.revision, 2);
    assert_eq!(store.get_engagement(&gone.id).await.unwrap(), None);
    let listed: Vec<RecordId> = store.list_engagements().await.unwrap().into_iter().map(|r| r.id).collect();
    assert_eq!(listed, vec![keep.id.clone()]);

    let restored = store.restore_engagement(&gone.id).await.unwrap();
    assert_eq!((restored.deleted, restored.revision), (false, 3));
    assert_eq!(restored.data, gone.data);
    assert_eq!(store.list_engagements().await.unwrap().len(), 2);
}

#[wasm_bindgen_test]
async fn a_deleted_engagement_cannot_be_edited() {
    let store = fresh_store().await;
    let saved = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
    store.delete_engagement(&saved.id).await.unwrap();
    let result = store.update_engagement(&saved.id, 2, engagement("Edited", "coaching")).await;
    assert_eq!(result, Err(StoreError::NotFound));
}

#[wasm_bindgen_test]
async fn commands_on_a_missing_id_say_not_found() {
    let store = fresh_store().await;
    let missing = RecordId::parse("no-such-id").unwrap();
    assert_eq!(store.get_engagement(&missing).await, Ok(None));
    assert_eq!(store.delete_engagement(&missing).await, Err(StoreError::NotFound));
    assert_eq!(store.restore_engagement(&missing).await, Err(StoreError::NotFound));
}

#[wasm_bindgen_test]
async fn list_shows_the_most_recently_changed_first() {
    let store = fresh_store().await;
    let first = store.create_engagement(engagement("First", "coaching")).await.unwrap();
    gloo_timers::future::TimeoutFuture::new(5).await;
    store.create_engagement(engagement("Second", "coaching")).await.unwrap();
    gloo_timers::future::TimeoutFuture::new(5).await;
    store.update_engagement(&first.id, 1, engagement("First, edited", "coaching")).await.unwrap();
    let clients: Vec<String> = store.list_engagements().await.unwrap().into_iter().map(|r| r.data.client.as_str().to_string()).collect();
    assert_eq!(clients, vec!["First, edited", "Second"]);
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_version_is_reported_not_overwritten() {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    // Simulate a newer build: open the same database at a higher version first.
    let newer = indexed_db_futures::database::Database::open(name.as_str()).with_version(SCHEMA_VERSION + 1).await.unwrap();
    newer.close();
    let result = Store::open_named(&name, || {}).await;
    assert_eq!(result.unwrap_err(), StoreError::NewerVersion);
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
fn every_store_error_has_a_plain_message() {
    let errors = [
        StoreError::Unavailable("SecurityError".into()),
        StoreError::NewerVersion,
        StoreError::QuotaExceeded,
        StoreError::WriteAborted,
        StoreError::NotFound,
        StoreError::ChangedElsewhere,
        StoreError::Locked,
        StoreError::WrongPassphrase,
        StoreError::ProtectionChanged,
        StoreError::Failed("x".into()),
    ];
    for error in errors {
        let message = error.user_message();
        assert!(message.ends_with("."), "{message}");
        assert!(!message.contains("Error"), "no exception names in: {message}");
    }
    assert_eq!(StoreError::from_dom_name("QuotaExceededError", ""), StoreError::QuotaExceeded);
}

#[wasm_bindgen_test]
async fn a_version_1_database_with_data_is_upgraded_and_keeps_every_record() {
    use indexed_db_futures::prelude::*;
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    // Build the schema as version 1 shipped it, with one engagement in the old shape.
    let old = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(1u32)
        .with_on_upgrade_needed(|_, db| {
            let store = db.create_object_store("engagements").with_key_path("id".into()).build()?;
            store.create_index("updated_at", "updated_at".into()).build()?;
            Ok(())
        })
        .await
        .unwrap();
    let tx = old.transaction("engagements").with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite).build().unwrap();
    let record = js_sys::JSON::parse(
        r#"{"id":"old-1","revision":3,"created_at":1,"updated_at":2,"deleted":false,
            "data":{"client":"Ada","practitioner":"Sam","kind":"mentoring","title":"From version 1"}}"#,
    )
    .unwrap();
    tx.object_store("engagements").unwrap().put(record).await.unwrap();
    tx.commit().await.unwrap();
    old.close();

    let store = Store::open_named(&name, || {}).await.unwrap();
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    assert!(store.object_store_names().contains(&"contracts".to_string()));
    let listed = store.list_engagements().await.unwrap();
    assert_eq!(listed.len(), 1);
    let kept = &listed[0];
    assert_eq!((kept.id.as_str(), kept.revision, kept.data.client.as_str()), ("old-1", 3, "Ada"));
    assert_eq!(kept.data.dial().position(), 2, "an engagement from version 1 reads with the default dial");
    assert!(store.list_contracts(&kept.id).await.unwrap().is_empty());
    store.close();
    Store::delete_database(&name).await.unwrap();
}

mod contracts {
    use super::*;
    use accord::domain::contract::form::{ContractDraft, ContractForm, GoalForm};
    use accord::domain::contract::templates::built_in;
    use accord::domain::contract::{exchange, Agreement, Contract, ContractStatus, Party};
    use accord::domain::date::Date;
    use accord::domain::Record;
    use accord::domain::Timestamp;

    pub(super) fn three_way() -> Engagement {
        Engagement::try_from(EngagementForm {
            client_name: "Ada Lovelace".into(),
            practitioner_name: "Sam Lee".into(),
            kind: "coaching".into(),
            sponsor_organisation: "Northwind".into(),
            sponsor_contact: "Jo Park".into(),
            ..EngagementForm::default()
        })
        .unwrap()
    }

    pub(super) fn complete(record: &accord::domain::Record<accord::domain::contract::Contract>) -> ContractDraft {
        let mut form = ContractForm::from_contract(&record.data.terms, &record.data.clauses);
        form.goals = vec![GoalForm { description: "Lead the team".into(), success_measure: "Survey ≥ 4".into() }];
        form.fee_per_session = "250".into();
        ContractDraft::try_from(form).unwrap()
    }

    fn agreement(record: &accord::domain::Record<accord::domain::contract::Contract>, party: Party, name: &str) -> Agreement {
        Agreement {
            party,
            typed_name: name.into(),
            acknowledged_confidentiality_limits: true,
            acknowledged_sponsor_reporting: true,
            agreed_at: Timestamp(1),
            contract_hash: record.data.hash.clone().unwrap(),
            signature: None,
        }
    }

    #[wasm_bindgen_test]
    async fn a_contract_is_started_proposed_agreed_and_re_contracted() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(three_way()).await.unwrap();
        let template = &built_in()[3];
        let draft = store.start_contract(&engagement.id, template, Date::parse("2026-12-01").unwrap()).await.unwrap();
        assert_eq!((draft.data.version, draft.data.status), (1, ContractStatus::Draft));
        assert!(draft.data.terms.sponsor_reporting.is_some(), "a three-way preset");
        assert!(matches!(
            store.start_contract(&engagement.id, template, Date::parse("2026-12-01").unwrap()).await,
            Err(StoreError::Refused(_))
        ));

        // Proposing an incomplete draft is refused and changes nothing.
        let incomplete = ContractDraft::try_from(ContractForm::from_contract(&draft.data.terms, &draft.data.clauses)).unwrap();
        assert!(matches!(store.propose_contract(&draft.id, draft.revision, incomplete).await, Err(StoreError::Refused(_))));
        assert_eq!(store.get_contract(&draft.id).await.unwrap().unwrap().data.status, ContractStatus::Draft);

        let proposed = store.propose_contract(&draft.id, draft.revision, complete(&draft)).await.unwrap();
        assert_eq!(proposed.data.status, ContractStatus::Proposed);
        store.agree_contract(&proposed.id, agreement(&proposed, Party::Client, "Ada Lovelace")).await.unwrap();
        store.agree_contract(&proposed.id, agreement(&proposed, Party::Practitioner, "Sam Lee")).await.unwrap();
        let agreed = store.agree_contract(&proposed.id, agreement(&proposed, Party::Sponsor, "Jo Park")).await.unwrap();
        assert_eq!(agreed.data.status, ContractStatus::Agreed);

        let next = store.recontract(&agreed.id).await.unwrap();
        assert_eq!((next.data.version, next.data.status), (2, ContractStatus::Draft));
        assert!(matches!(store.recontract(&agreed.id).await, Err(StoreError::Refused(_))), "only one newer draft");
        let next = store.propose_contract(&next.id, next.revision, complete(&next)).await.unwrap();
        for (party, name) in [(Party::Client, "Ada Lovelace"), (Party::Practitioner, "Sam Lee"), (Party::Sponsor, "Jo Park")] {
            store.agree_contract(&next.id, agreement(&next, party, name)).await.unwrap();
        }
        let versions = store.list_contracts(&engagement.id).await.unwrap();
        let statuses: Vec<ContractStatus> = versions.iter().map(|v| v.data.status).collect();
        assert_eq!(statuses, vec![ContractStatus::Superseded, ContractStatus::Agreed], "agreeing version 2 supersedes version 1");
    }

    #[wasm_bindgen_test]
    async fn own_templates_are_saved_listed_by_name_and_start_contracts() {
        use accord::domain::contract::ContractTemplate;
        let store = fresh_store().await;
        let base = &built_in()[0];
        for name in ["Zeta practice template", "alpha practice template"] {
            let terms = base.terms(accord::domain::Kind::Coaching, false, Date::parse("2026-12-01").unwrap());
            let own =
                ContractTemplate::from_contract(name.into(), "Mine".into(), accord::domain::Kind::Coaching, false, &terms, &base.clauses);
            store.save_template(own).await.unwrap();
        }
        let listed = store.list_templates().await.unwrap();
        let names: Vec<&str> = listed.iter().map(|t| t.data.name.as_str()).collect();
        assert_eq!(names, vec!["alpha practice template", "Zeta practice template"]);
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let started = store.start_contract(&engagement.id, &listed[0].data, Date::parse("2026-12-01").unwrap()).await.unwrap();
        assert_eq!(started.data.template_name, "alpha practice template");
        assert_eq!(started.data.clauses, base.clauses);
    }

    #[wasm_bindgen_test]
    async fn only_an_agreed_contract_can_be_ended_and_it_stays_readable() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(three_way()).await.unwrap();
        let draft = store.start_contract(&engagement.id, &built_in()[3], Date::parse("2026-12-01").unwrap()).await.unwrap();
        assert!(matches!(store.end_contract(&draft.id).await, Err(StoreError::Refused(m)) if m.contains("draft cannot be ended")));
        let proposed = store.propose_contract(&draft.id, draft.revision, complete(&draft)).await.unwrap();
        for (party, name) in [(Party::Client, "Ada Lovelace"), (Party::Practitioner, "Sam Lee"), (Party::Sponsor, "Jo Park")] {
            store.agree_contract(&proposed.id, agreement(&proposed, party, name)).await.unwrap();
        }
        let ended = store.end_contract(&proposed.id).await.unwrap();
        assert_eq!(ended.data.status, ContractStatus::Ended);
        assert_eq!(store.get_contract(&proposed.id).await.unwrap().unwrap().data.agreements.len(), 3);
    }

    /// A coach's copy holding a three-way engagement whose contract is proposed.
    async fn proposed_on_a_coach_s_device() -> (Store, Record<Engagement>, Record<Contract>) {
        let coach = fresh_store().await;
        let engagement = coach.create_engagement(three_way()).await.unwrap();
        let draft = coach.start_contract(&engagement.id, &built_in()[3], Date::parse("2026-12-01").unwrap()).await.unwrap();
        let proposed = coach.propose_contract(&draft.id, draft.revision, complete(&draft)).await.unwrap();
        (coach, engagement, proposed)
    }

    /// The client's own copy: `proposed` opened there from its file and agreed by her (her
    /// device signs); her version of the contract.
    async fn agreed_on_the_client_s_device(engagement: &Record<Engagement>, proposed: &Record<Contract>) -> (Store, Record<Contract>) {
        let client = fresh_store().await;
        let proposal = exchange::write_proposal(engagement, proposed);
        let opened = client.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(Party::Client)).await.unwrap();
        let signed = client.agree_contract(&opened.id, agreement(&opened, Party::Client, "Ada Lovelace")).await.unwrap();
        (client, signed)
    }

    #[wasm_bindgen_test]
    async fn files_carry_a_proposal_to_another_copy_and_an_agreement_back() {
        let coach = fresh_store().await;
        let engagement = coach.create_engagement(three_way()).await.unwrap();
        let draft = coach.start_contract(&engagement.id, &built_in()[3], Date::parse("2026-12-01").unwrap()).await.unwrap();
        let proposed = coach.propose_contract(&draft.id, draft.revision, complete(&draft)).await.unwrap();
        let proposal = exchange::write_proposal(&engagement, &proposed);

        // The client's own copy.
        let client = fresh_store().await;
        let opened = client.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(Party::Client)).await.unwrap();
        assert_eq!(client.get_engagement(&engagement.id).await.unwrap().unwrap().data.client.as_str(), "Ada Lovelace");
        assert_eq!(client.my_role(&engagement.id).await.unwrap(), Party::Client, "the client said who they are");
        assert_eq!(coach.my_role(&engagement.id).await.unwrap(), Party::Practitioner, "made here: the practitioner's");
        let signed = client.agree_contract(&opened.id, agreement(&opened, Party::Client, "Ada Lovelace")).await.unwrap();
        let file = exchange::write_agreement(&signed, &signed.data.agreements[0]);

        // Back in the coach's copy.
        let merged = coach.import_agreement(exchange::read_agreement(&file).unwrap(), None).await.unwrap();
        assert_eq!(merged.data.awaiting(), vec![Party::Practitioner, Party::Sponsor]);
        // The same file twice is refused and changes nothing.
        let again = coach.import_agreement(exchange::read_agreement(&file).unwrap(), None).await;
        assert!(matches!(again, Err(StoreError::Refused(message)) if message.contains("already agreed")));
        assert_eq!(coach.get_contract(&proposed.id).await.unwrap().unwrap().data.agreements.len(), 1);
    }

    #[wasm_bindgen_test]
    async fn an_agreement_is_signed_by_its_device_and_a_changed_or_unsigned_one_is_refused() {
        let (coach, engagement, proposed) = proposed_on_a_coach_s_device().await;
        let (client, signed) = agreed_on_the_client_s_device(&engagement, &proposed).await;
        let made = signed.data.agreements[0].clone();
        let key = client.device_key().await.unwrap().public;
        assert_eq!(made.signature.as_ref().and_then(|s| s.fingerprint()), Some(key.fingerprint()), "signed by her device");
        let file = exchange::write_agreement(&signed, &made);

        // Her name changed in the file after she signed: refused, nothing kept.
        let mut changed = exchange::read_agreement(&file).unwrap();
        changed.agreement.typed_name = "Ada Byron".into();
        let refused = coach.import_agreement(changed, None).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("does not hold")), "{refused:?}");
        let mut unsigned = exchange::read_agreement(&file).unwrap();
        unsigned.agreement.signature = None;
        let refused = coach.import_agreement(unsigned, None).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("not signed")), "{refused:?}");
        assert!(coach.get_contract(&proposed.id).await.unwrap().unwrap().data.agreements.is_empty());

        // The real one is taken and her key remembered for the engagement.
        coach.import_agreement(exchange::read_agreement(&file).unwrap(), None).await.unwrap();
        assert_eq!(coach.exchange_ledger(&engagement.id).await.unwrap().key_of(Party::Client), Some(&key));

        // A copy of the proposal whose client agreement is signed by another key than the
        // one now known for her: refused, naming both keys.
        let mut forged = coach.get_contract(&proposed.id).await.unwrap().unwrap();
        let stranger = fresh_store().await;
        forged.data.agreements[0].signature = Some(stranger.sign(&made.signing_input(&engagement.id, 1)).await.unwrap());
        let forged_file = exchange::read_proposal(&exchange::write_proposal(&engagement, &forged)).unwrap();
        let refused = coach.import_proposal(forged_file, None).await;
        let stranger_key = stranger.device_key().await.unwrap().public;
        assert!(
            matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("different key") && m.to_string().contains(&stranger_key.fingerprint().to_string())),
            "{refused:?}"
        );
        assert_eq!(coach.get_contract(&proposed.id).await.unwrap().unwrap().data.agreements[0], made, "hers stays");
    }

    #[wasm_bindgen_test]
    async fn an_agreement_by_a_new_key_is_taken_only_once_that_key_is_accepted() {
        let coach = fresh_store().await;
        let engagement = coach.create_engagement(three_way()).await.unwrap();
        let draft = coach.start_contract(&engagement.id, &built_in()[3], Date::parse("2026-12-01").unwrap()).await.unwrap();
        let first = coach.propose_contract(&draft.id, draft.revision, complete(&draft)).await.unwrap();
        // Version 1: agreed by the client on her first device, whose key the coach's copy keeps.
        let old_device = fresh_store().await;
        let proposal = exchange::write_proposal(&engagement, &first);
        let opened = old_device.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(Party::Client)).await.unwrap();
        let signed = old_device.agree_contract(&opened.id, agreement(&opened, Party::Client, "Ada Lovelace")).await.unwrap();
        coach
            .import_agreement(exchange::read_agreement(&exchange::write_agreement(&signed, &signed.data.agreements[0])).unwrap(), None)
            .await
            .unwrap();
        for (party, name) in [(Party::Practitioner, "Sam Lee"), (Party::Sponsor, "Jo Park")] {
            coach.agree_contract(&first.id, agreement(&first, party, name)).await.unwrap();
        }
        // Version 2: she agrees on a new device, with a key of its own.
        let next = coach.recontract(&first.id).await.unwrap();
        let second = coach.propose_contract(&next.id, next.revision, complete(&next)).await.unwrap();
        let new_device = fresh_store().await;
        let proposal = exchange::write_proposal(&engagement, &second);
        let opened = new_device.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(Party::Client)).await.unwrap();
        let signed = new_device.agree_contract(&opened.id, agreement(&opened, Party::Client, "Ada Lovelace")).await.unwrap();
        let file = exchange::write_agreement(&signed, &signed.data.agreements[0]);
        let new_key = new_device.device_key().await.unwrap().public.fingerprint();

        let refused = coach.import_agreement(exchange::read_agreement(&file).unwrap(), None).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains(&new_key.to_string())), "{refused:?}");
        let another = old_device.device_key().await.unwrap().public.fingerprint();
        let refused = coach.import_agreement(exchange::read_agreement(&file).unwrap(), Some(&another)).await;
        assert!(refused.is_err(), "accepting some other key does not take this one");
        assert!(coach.get_contract(&second.id).await.unwrap().unwrap().data.agreements.is_empty(), "nothing kept");

        coach.import_agreement(exchange::read_agreement(&file).unwrap(), Some(&new_key)).await.unwrap();
        assert_eq!(coach.get_contract(&second.id).await.unwrap().unwrap().data.agreements.len(), 1);
        let ledger = coach.exchange_ledger(&engagement.id).await.unwrap();
        assert_eq!(ledger.key_of(Party::Client).map(|k| k.fingerprint()), Some(new_key), "her new key is the one known now");
    }

    #[wasm_bindgen_test]
    async fn agreements_in_a_relationship_file_are_checked_as_an_update_s_are() {
        use accord::domain::backup::{Backup, BackupData, Scope};
        let (coach, engagement, proposed) = proposed_on_a_coach_s_device().await;
        let (client, _) = agreed_on_the_client_s_device(&engagement, &proposed).await;
        // Her relationship file, as "Download this engagement" makes it.
        let data = client.export_records().await.unwrap().only_engagement(&engagement.id);
        let scope = Scope::Engagement { id: engagement.id.clone(), client: "Ada Lovelace".into() };
        let file = Backup::new(data, scope, SCHEMA_VERSION, "test", Timestamp(1));
        let local = coach.export_records().await.unwrap();
        coach.check_arriving_agreements(&file, &local).await.expect("her signed agreement holds");

        let mut changed = file.clone();
        changed.data.contracts[0].data.agreements[0].typed_name = "Ada Byron".into();
        let refused = coach.check_arriving_agreements(&changed, &local).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("does not hold")), "{refused:?}");
        let mut unsigned = file.clone();
        unsigned.data.contracts[0].data.agreements[0].signature = None;
        let refused = coach.check_arriving_agreements(&unsigned, &local).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("not signed")), "{refused:?}");
        // Her own full backup is hers: restoring it checks nothing.
        let backup = Backup { scope: Scope::Everything, ..unsigned };
        client.check_arriving_agreements(&backup, &BackupData::default()).await.unwrap();
    }
}

mod goals {
    use super::*;
    use accord::domain::contract::form::{ContractDraft, ContractForm, GoalForm};
    use accord::domain::contract::templates::built_in;
    use accord::domain::date::Date;
    use accord::domain::goal::{Goal, ReviewPoint};

    #[wasm_bindgen_test]
    async fn a_goal_is_created_scored_and_refuses_a_stale_save() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let mut goal = Goal::new(engagement.id.clone(), "Run the weekly meeting without notes");
        goal.levels.expected = "Most weeks".into();
        goal.levels.somewhat_less = "Some weeks".into();
        let saved = store.create_goal(goal).await.unwrap();
        let scored = saved.data.with_score(ReviewPoint::Baseline, "-1", Date::parse("2026-12-01").unwrap(), "").unwrap();
        let after = store.save_goal(&saved.id, saved.revision, scored.clone()).await.unwrap();
        assert_eq!((after.revision, after.data.score_at(ReviewPoint::Baseline)), (2, Some(-1)));
        assert_eq!(store.save_goal(&saved.id, saved.revision, scored).await, Err(StoreError::ChangedElsewhere));
        assert_eq!(store.list_goals(&engagement.id).await.unwrap().len(), 1);
        assert_eq!(store.list_all_goals().await.unwrap().len(), 1);
        store.delete_goal(&saved.id).await.unwrap();
        assert!(store.list_goals(&engagement.id).await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn the_contracts_goals_are_brought_in_once() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        assert!(matches!(store.bring_in_contract_goals(&engagement.id).await, Err(StoreError::Refused(_))));
        let draft = store.start_contract(&engagement.id, &built_in()[0], Date::parse("2026-12-01").unwrap()).await.unwrap();
        let mut form = ContractForm::from_contract(&draft.data.terms, &draft.data.clauses);
        form.goals = vec![
            GoalForm { description: "Lead the team".into(), success_measure: "Survey ≥ 4".into() },
            GoalForm { description: "Delegate two projects".into(), success_measure: String::new() },
        ];
        store.save_contract_draft(&draft.id, draft.revision, ContractDraft::try_from(form).unwrap()).await.unwrap();
        assert_eq!(store.bring_in_contract_goals(&engagement.id).await, Ok(2));
        assert_eq!(store.bring_in_contract_goals(&engagement.id).await, Ok(0), "not twice");
        let goals = store.list_goals(&engagement.id).await.unwrap();
        assert_eq!(goals[0].data.success_measure, "Survey ≥ 4");
    }
}

#[wasm_bindgen_test]
async fn an_export_is_a_snapshot_of_every_record_including_deleted_ones() {
    use accord::domain::backup::{Backup, Scope};
    let store = fresh_store().await;
    let kept = store.create_engagement(engagement("Kept", "coaching")).await.unwrap();
    let gone = store.create_engagement(engagement("Gone", "mentoring")).await.unwrap();
    store.delete_engagement(&gone.id).await.unwrap();
    store.create_goal(accord::domain::goal::Goal::new(kept.id.clone(), "Lead the team")).await.unwrap();
    let data = store.export_records().await.unwrap();
    assert_eq!((data.engagements.len(), data.goals.len()), (2, 1));
    assert!(data.engagements.iter().any(|e| e.id == gone.id && e.deleted));
    let backup = Backup::new(data, Scope::Everything, store.schema_version(), "test", accord::platform::clock::now());
    assert_eq!(Backup::read(&backup.to_json()).unwrap().counts["engagements"], 2);
}

#[wasm_bindgen_test]
async fn the_last_backup_time_is_remembered_and_changes_after_it_are_counted() {
    let store = fresh_store().await;
    assert_eq!(store.last_backup().await, Ok(None));
    store.create_engagement(engagement("Before", "coaching")).await.unwrap();
    let at = accord::platform::clock::now();
    store.record_backup(at).await.unwrap();
    assert_eq!(store.last_backup().await, Ok(Some(at)));
    gloo_timers::future::TimeoutFuture::new(5).await;
    store.create_engagement(engagement("After", "coaching")).await.unwrap();
    assert_eq!(store.export_records().await.unwrap().changed_after(Some(at)), 1);
    assert_eq!(store.changes_since_backup().await, Ok((Some(at), 1)));
}

#[wasm_bindgen_test]
async fn changes_since_the_last_backup_count_each_changed_record_once() {
    let store = fresh_store().await;
    let kept = store.create_engagement(engagement("Kept", "coaching")).await.unwrap();
    let edited = store.create_engagement(engagement("Edited", "coaching")).await.unwrap();
    assert_eq!(store.changes_since_backup().await, Ok((None, 2)), "with no backup yet, every record counts");
    let at = accord::platform::clock::now();
    store.record_backup(at).await.unwrap();
    assert_eq!(store.changes_since_backup().await, Ok((Some(at), 0)));
    // The same record changed twice is one change; a new one and a deletion count too.
    let once = store.update_engagement(&edited.id, 1, engagement("Edited once", "coaching")).await.unwrap();
    store.update_engagement(&edited.id, once.revision, engagement("Edited twice", "coaching")).await.unwrap();
    store.create_engagement(engagement("New", "mentoring")).await.unwrap();
    store.delete_engagement(&kept.id).await.unwrap();
    assert_eq!(store.changes_since_backup().await, Ok((Some(at), 3)));
}

mod sessions {
    use super::*;
    use accord::domain::contract::templates::built_in;
    use accord::domain::date::Date;
    use accord::domain::goal::{Goal, ItemStatus};
    use accord::domain::session::form::{ActionForm, NotesForm, ReviewForm};
    use accord::domain::session::journey::{Journey, Phase};
    use accord::domain::session::learning::{self, ActionHome};
    use accord::domain::session::{plan, ClockTime, Purpose, Session, Status};
    use accord::domain::Kind;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[wasm_bindgen_test]
    async fn the_series_is_planned_in_one_go_and_planning_again_adds_nothing() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let contract = store.start_contract(&engagement.id, &built_in()[0], day("2026-12-01")).await.unwrap();
        let planned = plan::plan_series(engagement.id.clone(), &contract.data.terms, Kind::Coaching, ClockTime::default()).unwrap();
        let count = planned.len();
        assert!(count >= 6, "six sessions and a review at least, got {count}");
        assert_eq!(store.plan_sessions(&engagement.id, planned.clone()).await, Ok(count));
        assert_eq!(store.plan_sessions(&engagement.id, planned).await, Ok(0), "nothing twice");
        let sessions = store.list_sessions(&engagement.id).await.unwrap();
        assert_eq!(sessions.len(), count);
        assert!(sessions.windows(2).all(|w| (w[0].data.date, w[0].data.time) <= (w[1].data.date, w[1].data.time)), "in date order");
        assert!(sessions.iter().any(|s| s.data.purpose == Purpose::MidPointReview));
    }

    #[wasm_bindgen_test]
    async fn a_session_save_against_an_old_revision_is_refused() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let session = Session::planned(engagement.id.clone(), day("2026-12-01"), ClockTime::default(), 60, Purpose::Session);
        let saved = store.create_session(session.clone()).await.unwrap();
        let mut held = saved.data.clone();
        held.status = Status::Held;
        let after = store.save_session(&saved.id, saved.revision, held.clone()).await.unwrap();
        assert_eq!((after.revision, after.data.status), (2, Status::Held));
        assert_eq!(store.save_session(&saved.id, saved.revision, session).await, Err(StoreError::ChangedElsewhere));
        assert_eq!(store.get_session(&saved.id).await.unwrap().unwrap().data.status, Status::Held, "the later save changed nothing");
        store.delete_session(&saved.id).await.unwrap();
        assert!(store.list_sessions(&engagement.id).await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn a_note_of_a_hundred_thousand_characters_saves_and_loads_whole() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let saved = store
            .create_session(Session::planned(engagement.id.clone(), day("2026-12-01"), ClockTime::default(), 60, Purpose::Session))
            .await
            .unwrap();
        let long: String = "Noticed: ".chars().chain("ä€😀 line\n".chars().cycle().take(100_000)).collect();
        let next = saved.data.with_notes(&NotesForm { shared: long.clone(), ..NotesForm::default() }).unwrap();
        store.save_session(&saved.id, saved.revision, next).await.unwrap();
        let read = store.get_session(&saved.id).await.unwrap().unwrap();
        assert_eq!(read.data.notes.shared, long.trim());
    }

    #[wasm_bindgen_test]
    async fn actions_live_in_their_goal_or_session_and_the_next_session_reviews_them() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let goal = store.create_goal(Goal::new(engagement.id.clone(), "Delegate")).await.unwrap();
        let first = store
            .create_session(Session::planned(engagement.id.clone(), day("2026-12-01"), ClockTime::default(), 60, Purpose::Session))
            .await
            .unwrap();
        let second = store
            .create_session(Session::planned(engagement.id.clone(), day("2026-12-15"), ClockTime::default(), 60, Purpose::Session))
            .await
            .unwrap();
        let linked = ActionForm { title: "Hand over the budget report".into(), goal_id: goal.id.to_string(), ..ActionForm::default() };
        let (goal_id, item) = linked.validate(&first.id, "a1".into()).unwrap();
        store.add_action(goal_id.as_ref(), item).await.unwrap();
        let loose = ActionForm { title: "Notice when I interrupt".into(), ..ActionForm::default() };
        let (none, item) = loose.validate(&first.id, "a2".into()).unwrap();
        store.add_action(none.as_ref(), item).await.unwrap();

        let goals = store.list_goals(&engagement.id).await.unwrap();
        assert_eq!(goals[0].data.items.len(), 1, "the linked action counts in the goal");
        let sessions = store.list_sessions(&engagement.id).await.unwrap();
        let review = learning::to_review(&second.id, &sessions, &goals);
        assert_eq!(
            review.iter().map(|a| a.item.title.as_str()).collect::<Vec<_>>(),
            vec!["Hand over the budget report", "Notice when I interrupt"]
        );

        let done =
            ReviewForm { outcome: "done".into(), learned: "They were ready".into() }.validate(&second.id, day("2026-12-15")).unwrap();
        store.review_action(&ActionHome::Goal(goal.id.clone()), "a1", done).await.unwrap();
        let goal_now = store.get_goal(&goal.id).await.unwrap().unwrap();
        assert_eq!(goal_now.data.items[0].status, ItemStatus::Done);
        store.remove_action(&ActionHome::Session(first.id.clone()), "a2").await.unwrap();
        assert!(store.get_session(&first.id).await.unwrap().unwrap().data.actions.is_empty());
        assert_eq!(store.remove_action(&ActionHome::Session(first.id.clone()), "a2").await, Err(StoreError::NotFound));
    }

    #[wasm_bindgen_test]
    async fn the_journey_is_created_once_then_saved_by_revision() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Bea", "mentoring")).await.unwrap();
        assert_eq!(store.get_journey(&engagement.id).await, Ok(None));
        let journey = Journey::new(engagement.id.clone()).with_phase(Phase::Rapport, day("2026-12-01"));
        let saved = store.save_journey(None, journey.clone()).await.unwrap();
        assert_eq!(store.save_journey(None, journey).await, Err(StoreError::ChangedElsewhere), "a second first save is refused");
        let paused = saved.data.paused(day("2027-01-01"), "Parental leave").unwrap();
        let after = store.save_journey(Some(saved.revision), paused).await.unwrap();
        assert_eq!(store.get_journey(&engagement.id).await.unwrap().unwrap().data.pauses.len(), 1);
        assert_eq!(after.revision, 2);
        let data = store.export_records().await.unwrap();
        assert_eq!(data.journeys.len(), 1);
    }
}

#[wasm_bindgen_test]
async fn an_import_writes_every_resolved_record_in_one_go_and_reports_progress() {
    use accord::domain::import::{resolve, ImportPlan};
    use std::cell::Cell;
    use std::collections::BTreeMap;
    let source = fresh_store().await;
    source.create_engagement(engagement("Ada", "coaching")).await.unwrap();
    source.create_engagement(engagement("Bea", "mentoring")).await.unwrap();
    let incoming = source.export_records().await.unwrap();

    let target = fresh_store().await;
    let local = target.export_records().await.unwrap();
    let plan = ImportPlan::new(&incoming, &local);
    let writes = resolve(&plan, &incoming, &local, &BTreeMap::new(), accord::platform::clock::now()).unwrap();
    let seen = Cell::new((0, 0));
    assert_eq!(target.import_records(writes, |done, total| seen.set((done, total))).await, Ok(2));
    assert_eq!(seen.get(), (2, 2));
    assert_eq!(target.export_records().await.unwrap(), incoming, "the same records, byte for byte");
}

/// Opens the fixture of one released schema version as that version left the database,
/// then with the current build, and checks that every record survived and reads.
async fn upgrade_drill(fixture: &str) {
    use indexed_db_futures::prelude::*;
    let parsed: serde_json::Value = serde_json::from_str(fixture).unwrap();
    let version = parsed["version"].as_u64().unwrap() as u32;
    let stores = parsed["stores"].as_object().unwrap().clone();
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    let old = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(version)
        .with_on_upgrade_needed(move |_, db| accord::store::schema::upgrade_between(0, version, &db))
        .await
        .unwrap();
    let mut names: Vec<String> = stores.keys().cloned().collect();
    names.sort();
    let mut existing = old.object_store_names().collect::<Vec<_>>();
    existing.sort();
    assert_eq!(existing, names, "the fixture of version {version} covers every store of that version");
    for (store_name, records) in &stores {
        let tx =
            old.transaction(store_name.as_str()).with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite).build().unwrap();
        for record in records.as_array().unwrap() {
            let value = js_sys::JSON::parse(&record.to_string()).unwrap();
            tx.object_store(store_name.as_str()).unwrap().put(value).await.unwrap();
        }
        tx.commit().await.unwrap();
    }
    old.close();

    let store = Store::open_named(&name, || {}).await.unwrap();
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    let data = store.export_records().await.expect("every record of the old version reads with the current build");
    let count = |key: &str| stores.get(key).and_then(|v| v.as_array()).map_or(0, Vec::len);
    assert_eq!(data.engagements.len(), count("engagements"), "engagements after upgrading from {version}");
    assert_eq!(data.contracts.len(), count("contracts"));
    assert_eq!(data.templates.len(), count("templates"));
    assert_eq!(data.goals.len(), count("goals"));
    assert_eq!(data.sessions.len(), count("sessions"));
    assert_eq!(data.journeys.len(), count("journeys"));
    assert_eq!(data.supervision.len(), count("supervision"));
    assert_eq!(data.reports.len(), count("reports"));
    assert_eq!(data.perspectives.len(), count("perspectives"));
    assert_eq!(data.cpd.len(), count("cpd"));
    assert_eq!(data.wheels.len(), count("wheels"));
    assert_eq!(data.questionnaires.len(), count("questionnaires"));
    // Who the device's owner is (from version 9): an engagement without a perspective,
    // as every engagement before version 9, is the practitioner's.
    let recorded = |id: &RecordId| {
        stores
            .get("perspectives")
            .and_then(|v| v.as_array())
            .into_iter()
            .flatten()
            .find(|p| p["id"] == id.as_str())
            .map(|p| p["data"]["me"].clone())
    };
    for engagement in data.engagements.iter().filter(|e| !e.deleted) {
        let role = store.my_role(&engagement.id).await.unwrap();
        match recorded(&engagement.id) {
            None => assert_eq!(role, accord::domain::party::Party::Practitioner, "upgrading from {version}: {}", engagement.id),
            Some(me) => assert_eq!(serde_json::json!(role.as_str()), me),
        }
    }
    if version < 9 {
        assert!(store.perspectives().await.unwrap().is_empty(), "no engagement got a role it was not given");
    }
    for engagement in &data.engagements {
        assert!(store.get_engagement(&engagement.id).await.unwrap().is_some());
        store.list_contracts(&engagement.id).await.unwrap();
        store.list_goals(&engagement.id).await.unwrap();
        store.list_sessions(&engagement.id).await.unwrap();
    }
    if count("meta") > 0 {
        assert!(store.last_backup().await.unwrap().is_some(), "the last backup time survives");
    }
    // Sync state (from version 7) reads: the fixture's conflict is there to be shown.
    let conflicts = store.sync_conflicts().await.expect("sync state reads");
    assert_eq!(conflicts.len(), count("sync_docs"), "one conflict per sync state in the fixtures");
    // Tombstones and the disposal and erasure log (from version 8) read.
    assert_eq!(store.erased_records().await.unwrap().len(), count("erased"));
    assert_eq!(store.data_log().await.unwrap().len(), count("data_log"));
    assert!(
        store.data_log().await.unwrap().iter().all(|row| matches!(row, accord::domain::erasure::LogRow::Entry(_))),
        "every released log entry reads"
    );
    // Still writable: a changed record saves on top of an old one.
    let first = &data.engagements[0];
    store.update_engagement(&first.id, first.revision, first.data.clone()).await.unwrap();
    store.close();
    Store::delete_database(&name).await.unwrap();
}

#[wasm_bindgen_test]
async fn every_released_schema_version_upgrades_with_every_record() {
    for fixture in [
        include_str!("fixtures/schema/v1.json"),
        include_str!("fixtures/schema/v2.json"),
        include_str!("fixtures/schema/v3.json"),
        include_str!("fixtures/schema/v4.json"),
        include_str!("fixtures/schema/v5.json"),
        include_str!("fixtures/schema/v6.json"),
        include_str!("fixtures/schema/v7.json"),
        include_str!("fixtures/schema/v8.json"),
        include_str!("fixtures/schema/v9.json"),
        include_str!("fixtures/schema/v10.json"),
        include_str!("fixtures/schema/v11.json"),
    ] {
        upgrade_drill(fixture).await;
    }
    let newest: serde_json::Value = serde_json::from_str(include_str!("fixtures/schema/v11.json")).unwrap();
    assert_eq!(newest["version"], SCHEMA_VERSION, "the newest fixture is the current schema: add one when the schema changes");
}

mod evidence {
    use super::*;
    use accord::domain::date::Date;
    use accord::domain::evidence::emcc::SupervisionForm;
    use accord::domain::report::SponsorReport;
    use accord::domain::Timestamp;

    #[wasm_bindgen_test]
    async fn supervision_is_logged_listed_newest_first_and_removed() {
        let store = fresh_store().await;
        for (on, hours) in [("2026-09-01", "1"), ("2026-11-20", "1.5")] {
            let entry = SupervisionForm { on: on.into(), supervisor: "Dr Jo Kim".into(), hours: hours.into(), note: String::new() }
                .validate()
                .unwrap();
            store.add_supervision(entry).await.unwrap();
        }
        let listed = store.list_supervision().await.unwrap();
        assert_eq!(listed.iter().map(|r| r.data.on.to_string()).collect::<Vec<_>>(), vec!["2026-11-20", "2026-09-01"]);
        store.delete_supervision(&listed[0].id).await.unwrap();
        assert_eq!(store.list_supervision().await.unwrap().len(), 1);
        assert_eq!(store.export_records().await.unwrap().supervision.len(), 2, "the deleted one travels as a tombstone");
    }

    #[wasm_bindgen_test]
    async fn cpd_is_logged_listed_newest_first_removed_and_kept_in_a_full_backup_only() {
        use accord::domain::evidence::cpd::CpdForm;
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        for (on, hours) in [("2026-09-01", "6"), ("2026-11-03", "1,5")] {
            let entry = CpdForm {
                on: on.into(),
                activity: "Ethics in coaching".into(),
                kind: "course".into(),
                hours: hours.into(),
                note: String::new(),
            }
            .validate()
            .unwrap();
            store.add_cpd(entry).await.unwrap();
        }
        let listed = store.list_cpd().await.unwrap();
        assert_eq!(
            listed.iter().map(|r| (r.data.on.to_string(), r.data.hours)).collect::<Vec<_>>(),
            vec![("2026-11-03".into(), 1.5), ("2026-09-01".into(), 6.0)]
        );
        store.delete_cpd(&listed[0].id).await.unwrap();
        assert_eq!(store.list_cpd().await.unwrap().len(), 1);
        let everything = store.export_records().await.unwrap();
        assert_eq!(everything.cpd.len(), 2, "the deleted one travels as a tombstone");
        assert!(everything.only_engagement(&engagement.id).cpd.is_empty(), "never in a relationship file");
    }

    #[wasm_bindgen_test]
    async fn a_wheel_is_started_scored_by_revision_and_erased_with_its_engagement() {
        use accord::domain::assessment::{LifeWheel, Wheel, WheelRoundForm};
        use accord::domain::goal::ReviewPoint;
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        assert!(store.get_wheel(&engagement.id).await.unwrap().is_none());
        let started = LifeWheel { engagement_id: engagement.id.clone(), wheel: Wheel::default() };
        let first = store.save_wheel(None, started.clone()).await.unwrap();
        assert_eq!((first.id.clone(), first.revision), (engagement.id.clone(), 1), "kept under the engagement's id");
        assert_eq!(store.save_wheel(None, started).await, Err(StoreError::ChangedElsewhere), "a second start changes nothing");

        let mut scored = first.data.clone();
        let mut form = WheelRoundForm::blank(&scored.wheel, ReviewPoint::Baseline);
        form.taken_on = "2026-10-01".into();
        form.scores = vec!["5".into(); 8];
        scored.wheel.take_round(form.validate(&scored.wheel).unwrap()).unwrap();
        let second = store.save_wheel(Some(1), scored.clone()).await.unwrap();
        assert_eq!((second.revision, second.data.wheel.rounds().len()), (2, 1));
        assert_eq!(store.save_wheel(Some(1), scored).await, Err(StoreError::ChangedElsewhere), "an old revision is refused");
        assert_eq!(store.export_records().await.unwrap().wheels.len(), 1);
        assert_eq!(store.export_records().await.unwrap().only_engagement(&engagement.id).wheels.len(), 1, "in the relationship file");

        store.erase_engagement(&engagement.id).await.unwrap();
        assert!(store.get_wheel(&engagement.id).await.unwrap().is_none(), "erased with its engagement");
    }

    #[wasm_bindgen_test]
    async fn a_questionnaire_is_given_answered_by_revision_deleted_restored_and_erased_with_its_engagement() {
        use accord::domain::assessment::{templates, AnswersForm, ClientQuestionnaire};
        use accord::domain::goal::ReviewPoint;
        use accord::domain::kinds::RecordKind;
        let store = fresh_store().await;
        let other = store.create_engagement(engagement("Grace Hopper", "mentoring")).await.unwrap();
        let engagement = store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        let intake = store.add_questionnaire(ClientQuestionnaire::new(engagement.id.clone(), templates::intake())).await.unwrap();
        store.add_questionnaire(ClientQuestionnaire::new(engagement.id.clone(), templates::end_feedback())).await.unwrap();
        store.add_questionnaire(ClientQuestionnaire::new(other.id.clone(), templates::intake())).await.unwrap();
        let listed = store.list_questionnaires(&engagement.id).await.unwrap();
        assert_eq!(listed.iter().map(|q| q.data.questionnaire.title.as_str()).collect::<Vec<_>>(), ["Before we start", "Looking back"]);

        let mut answered = intake.data.clone();
        let raw = answered.questionnaire.items.iter().map(|i| if i.required { "7".to_string() } else { String::new() }).collect();
        let form = AnswersForm { point: ReviewPoint::Baseline, taken_on: "2026-10-01".into(), answers: raw };
        answered.take_answers(form.validate(&answered.questionnaire).unwrap()).unwrap();
        let saved = store.save_questionnaire(&intake.id, 1, answered.clone()).await.unwrap();
        assert_eq!((saved.revision, saved.data.rounds.len()), (2, 1));
        assert_eq!(
            store.save_questionnaire(&intake.id, 1, answered).await,
            Err(StoreError::ChangedElsewhere),
            "an old revision is refused"
        );
        let everything = store.export_records().await.unwrap();
        assert_eq!(everything.only_engagement(&engagement.id).questionnaires.len(), 2, "only this engagement's, in its relationship file");

        store.delete_record(RecordKind::Questionnaire, &intake.id).await.unwrap();
        assert_eq!(store.list_questionnaires(&engagement.id).await.unwrap().len(), 1);
        store.restore_record(RecordKind::Questionnaire, &intake.id).await.unwrap();
        assert_eq!(store.list_questionnaires(&engagement.id).await.unwrap().len(), 2, "undone");

        store.erase_engagement(&engagement.id).await.unwrap();
        assert!(store.list_questionnaires(&engagement.id).await.unwrap().is_empty(), "erased with its engagement");
        assert_eq!(store.list_questionnaires(&other.id).await.unwrap().len(), 1, "the other engagement's stays");
    }

    #[wasm_bindgen_test]
    async fn a_sponsor_update_is_kept_then_approved_once_by_revision() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        let kept = store
            .create_report(SponsorReport::new(engagement.id.clone(), Date::parse("2027-01-10").unwrap(), "Sessions held: 3".into()))
            .await
            .unwrap();
        assert_eq!(kept.data.exportable(), None);
        let approved = kept.data.approved("Ada Lovelace", "Ada Lovelace", Timestamp(1)).unwrap();
        let saved = store.approve_report(&kept.id, kept.revision, approved.clone()).await.unwrap();
        assert_eq!(saved.data.exportable(), Some("Sessions held: 3"));
        // Signed by this device over who approved, when, and exactly the text approved.
        let approval = saved.data.approval.clone().unwrap();
        let (key, signature) = approval.signature.as_ref().expect("signed").read().unwrap();
        assert_eq!(key, store.device_key().await.unwrap().public);
        let input = approval.signing_input(&kept.id, &engagement.id);
        assert_eq!(accord::platform::signing::verify(&key, &signature, &input).await, Ok(true));
        let other_text = accord::domain::report::Approval { text_sha256: Some("0".repeat(64)), ..approval.clone() };
        assert_eq!(
            accord::platform::signing::verify(&key, &signature, &other_text.signing_input(&kept.id, &engagement.id)).await,
            Ok(false)
        );
        assert_eq!(store.approve_report(&kept.id, kept.revision, approved).await, Err(StoreError::ChangedElsewhere));
        let unapproved = store.approve_report(&kept.id, saved.revision, kept.data.clone()).await;
        assert!(matches!(&unapproved, Err(StoreError::Refused(_))), "{unapproved:?}");
        assert_eq!(store.list_reports(&engagement.id).await.unwrap().len(), 1);
        store.delete_report(&kept.id).await.unwrap();
        assert!(store.list_reports(&engagement.id).await.unwrap().is_empty());
    }
}

/// Passphrase protection: records sealed in IndexedDB, unlock, wrong passphrase, change,
/// turn off, other tabs, encrypted backup files.
mod protection {
    use super::*;
    use accord::domain::date::Date;
    use accord::domain::session::{ClockTime, Purpose, Session};
    use accord::domain::vault::VaultError;
    use accord::platform::crypto;
    use accord::store::Protection;

    const NAME_MARKER: &str = "Zebulon Quagmire";
    const NOTE_MARKER: &str = "marker-note-ultramarine";
    const PASSPHRASE: &str = "river stone lantern";

    use super::common::raw_dump;

    /// A database with an engagement and a session whose private notes carry markers.
    async fn store_with_notes() -> (String, Store, RecordId) {
        let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
        let store = Store::open_named(&name, || {}).await.unwrap();
        let saved = store.create_engagement(engagement(NAME_MARKER, "coaching")).await.unwrap();
        let mut session =
            Session::planned(saved.id.clone(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 60, Purpose::Session);
        session.notes.practitioner_private = NOTE_MARKER.into();
        store.create_session(session).await.unwrap();
        (name, store, saved.id)
    }

    #[wasm_bindgen_test]
    async fn with_protection_on_no_name_or_note_is_readable_in_indexeddb() {
        let (name, store, id) = store_with_notes().await;
        assert!(raw_dump(&name).await.contains(NAME_MARKER), "stored plainly before");
        assert_eq!(store.protection(), Protection::Off);
        assert_eq!(store.protect(PASSPHRASE).await, Ok(2));
        assert_eq!(store.protection(), Protection::Unlocked);
        let dump = raw_dump(&name).await;
        assert!(!dump.contains(NAME_MARKER) && !dump.contains("Zebulon"), "no client name in: {dump}");
        assert!(!dump.contains(NOTE_MARKER), "no note");
        assert!(dump.contains("argon2id") && dump.contains("\"sealed\""), "the header and sealed records are there");
        // Still readable through the store, and new writes are sealed too.
        assert_eq!(store.get_engagement(&id).await.unwrap().unwrap().data.client.as_str(), NAME_MARKER);
        let later = store.create_engagement(engagement("Marker Later Client", "mentoring")).await.unwrap();
        assert_eq!(store.list_engagements().await.unwrap().len(), 2);
        assert_eq!(store.list_sessions(&id).await.unwrap()[0].data.notes.practitioner_private, NOTE_MARKER);
        assert!(!raw_dump(&name).await.contains("Marker Later Client"));
        store.delete_engagement(&later.id).await.unwrap();
        store.close();
    }

    #[wasm_bindgen_test]
    async fn unsaved_text_is_kept_on_the_device_sealed_with_protection_and_forgotten_once_saved() {
        use accord::store::UnsavedText;
        let (name, store, _) = store_with_notes().await;
        let typed = |text: &str| UnsavedText { text: text.into(), base: String::new(), at: accord::domain::Timestamp(1) };
        let scope = "session:s-1";
        store.keep_unsaved_text(scope, "notes/shared", Some(typed("half-typed marker-unsaved-cobalt"))).await.unwrap();
        store.keep_unsaved_text(scope, "after/reflection", Some(typed("a reflection"))).await.unwrap();
        assert_eq!(store.unsaved_texts(scope).await.unwrap()["notes/shared"].text, "half-typed marker-unsaved-cobalt");
        assert!(raw_dump(&name).await.contains("marker-unsaved-cobalt"), "kept plainly while protection is off");
        // Turning protection on seals it with everything else; it still reads back.
        store.protect(PASSPHRASE).await.unwrap();
        assert!(!raw_dump(&name).await.contains("marker-unsaved-cobalt"), "sealed with protection on");
        assert_eq!(store.unsaved_texts(scope).await.unwrap().len(), 2);
        store.keep_unsaved_text(scope, "notes/client_private", Some(typed("marker-unsaved-vermilion"))).await.unwrap();
        assert!(!raw_dump(&name).await.contains("marker-unsaved-vermilion"), "new unsaved text is sealed too");
        // After a reload (a new connection), locked until unlocked, then back.
        store.close();
        let reopened = Store::open_named(&name, || {}).await.unwrap();
        assert_eq!(reopened.unsaved_texts(scope).await, Err(StoreError::Locked));
        reopened.unlock(PASSPHRASE).await.unwrap();
        assert_eq!(reopened.unsaved_texts(scope).await.unwrap()["notes/client_private"].text, "marker-unsaved-vermilion");
        // Saved: the section forgets its text; the other section's stays.
        reopened.forget_unsaved_texts(scope, "notes/").await.unwrap();
        let left = reopened.unsaved_texts(scope).await.unwrap();
        assert_eq!(left.keys().collect::<Vec<_>>(), vec!["after/reflection"]);
        reopened.keep_unsaved_text(scope, "after/reflection", None).await.unwrap();
        assert!(reopened.unsaved_texts(scope).await.unwrap().is_empty());
        reopened.close();
    }

    #[wasm_bindgen_test]
    async fn reopened_protected_data_is_locked_until_the_right_passphrase() {
        let (name, store, id) = store_with_notes().await;
        store.protect(PASSPHRASE).await.unwrap();
        store.close();
        let reopened = Store::open_named(&name, || {}).await.unwrap();
        assert_eq!(reopened.protection(), Protection::Locked);
        assert_eq!(reopened.list_engagements().await, Err(StoreError::Locked), "nothing is read while locked");
        assert_eq!(reopened.create_engagement(engagement("Someone", "coaching")).await.map(|_| ()), Err(StoreError::Locked));
        assert_eq!(reopened.unlock("river stone lanterm").await, Err(StoreError::WrongPassphrase));
        assert_eq!(reopened.protection(), Protection::Locked, "a wrong passphrase leaves no partial state");
        assert_eq!(reopened.unlock(PASSPHRASE).await, Ok(()));
        assert_eq!(reopened.get_engagement(&id).await.unwrap().unwrap().data.client.as_str(), NAME_MARKER);
        assert_eq!(reopened.list_engagements().await.unwrap().len(), 1, "the refused write left nothing");
        reopened.close();
    }

    #[wasm_bindgen_test]
    async fn changing_the_passphrase_and_turning_protection_off() {
        let (name, store, id) = store_with_notes().await;
        store.protect(PASSPHRASE).await.unwrap();
        assert_eq!(store.change_passphrase("not the passphrase", "new harbour morning").await, Err(StoreError::WrongPassphrase));
        store.change_passphrase(PASSPHRASE, "new harbour morning").await.unwrap();
        store.close();
        let reopened = Store::open_named(&name, || {}).await.unwrap();
        assert_eq!(reopened.unlock(PASSPHRASE).await, Err(StoreError::WrongPassphrase), "the old one no longer opens it");
        reopened.unlock("new harbour morning").await.unwrap();
        assert_eq!(reopened.unprotect("wrong wrong wrong").await, Err(StoreError::WrongPassphrase));
        reopened.unprotect("new harbour morning").await.unwrap();
        assert_eq!(reopened.protection(), Protection::Off);
        let dump = raw_dump(&name).await;
        assert!(dump.contains(NAME_MARKER) && !dump.contains("\"sealed\"") && !dump.contains("argon2id"), "plain again, header gone");
        assert_eq!(reopened.get_engagement(&id).await.unwrap().unwrap().data.client.as_str(), NAME_MARKER);
        reopened.close();
    }

    #[wasm_bindgen_test]
    async fn a_tab_that_missed_the_change_cannot_write_in_the_old_form() {
        let (name, first, id) = store_with_notes().await;
        let other_tab = Store::open_named(&name, || {}).await.unwrap();
        first.protect(PASSPHRASE).await.unwrap();
        let current = other_tab.get_engagement(&id).await;
        assert_eq!(current, Err(StoreError::Locked), "the other tab cannot read sealed records with no key");
        let refused = other_tab.create_engagement(engagement("Plaintext Leak", "coaching")).await.map(|_| ());
        assert_eq!(refused, Err(StoreError::ProtectionChanged));
        assert!(!raw_dump(&name).await.contains("Plaintext Leak"), "nothing was written unencrypted");
        first.close();
        other_tab.close();
    }

    #[wasm_bindgen_test]
    async fn export_and_import_work_the_same_while_protected() {
        use accord::domain::import::{resolve, ImportPlan};
        use std::collections::BTreeMap;
        let (_, source, _) = store_with_notes().await;
        source.protect(PASSPHRASE).await.unwrap();
        let incoming = source.export_records().await.unwrap();
        assert!(incoming.sessions[0].data.notes.practitioner_private == NOTE_MARKER, "exports are whole");
        let (target_name, target, _) = store_with_notes().await;
        target.protect("another good passphrase").await.unwrap();
        let local = target.export_records().await.unwrap();
        let plan = ImportPlan::new(&incoming, &local);
        let writes = resolve(&plan, &incoming, &local, &BTreeMap::new(), accord::platform::clock::now()).unwrap();
        assert_eq!(target.import_records(writes, |_, _| {}).await, Ok(2));
        assert_eq!(target.list_engagements().await.unwrap().len(), 2);
        assert!(!raw_dump(&target_name).await.contains(NOTE_MARKER), "imported records are sealed too");
    }

    #[wasm_bindgen_test]
    async fn an_encrypted_backup_file_round_trips_and_refuses_a_wrong_passphrase() {
        let plain = br#"{"format":"accord-backup","marker":"Zebulon Quagmire"}"#;
        let sealed = crypto::seal_file(PASSPHRASE, plain).await.unwrap();
        assert!(!sealed.contains("Zebulon"), "the file holds no plaintext");
        assert!(sealed.contains("accord-encrypted-backup") && sealed.contains("argon2id"));
        assert_eq!(crypto::open_file(PASSPHRASE, sealed.as_bytes()).await.unwrap(), plain.to_vec());
        assert_eq!(crypto::open_file("river stone lanterm", sealed.as_bytes()).await, Err(VaultError::WrongPassphrase));
        let tampered = sealed.replacen("\"ct\": \"", "\"ct\": \"AAAA", 1);
        assert!(crypto::open_file(PASSPHRASE, tampered.as_bytes()).await.is_err(), "a changed file does not open");
    }
}

mod retention {
    //! Disposal at the end of the retention period and erasure on request: afterwards no
    //! byte of what was written is left in any object store (issue: keeping the contract's
    //! promises about data).
    use super::*;
    use accord::domain::erasure::{LogAction, LogRow};
    use accord::domain::import::{resolve, Choice, ImportPlan, Outcome};
    use accord::domain::retention::Retention;
    use accord::platform::clock::today;
    use common::{marked_engagement, raw_dump};

    const PASSPHRASE: &str = "harbour quiet meadow";

    async fn named_store() -> (String, Store) {
        let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
        (name.clone(), Store::open_named(&name, || {}).await.unwrap())
    }

    #[wasm_bindgen_test]
    async fn disposal_at_the_end_of_the_retention_period_leaves_no_written_word() {
        let (name, store) = named_store().await;
        let marker = "marker-disposal-saffron";
        // Ended 70 days ago, notes kept for 1 month: due.
        let record = marked_engagement(&store, marker, Some(70), "1").await;
        let other = store.create_engagement(engagement("Someone Else", "mentoring")).await.unwrap();
        assert!(raw_dump(&name).await.contains(marker), "written plainly first");
        let due_on = today().add_days(-70).add_months(1);
        assert_eq!(store.retention(&record.id, today()).await.unwrap(), Retention::Due { ended_on: today().add_days(-70), due_on });
        let due = store.due_for_disposal(today()).await.unwrap();
        assert_eq!(due.iter().map(|(e, d)| (e.id.clone(), *d)).collect::<Vec<_>>(), vec![(record.id.clone(), due_on)]);

        let entry = store.dispose_engagement(&record.id, today()).await.unwrap();
        let dump = raw_dump(&name).await;
        assert!(!dump.contains(marker), "no marker text left anywhere: {dump}");
        assert!(dump.contains("Someone Else"), "other engagements untouched");

        // What the coaching log needs stays: the held session's date and length, paid.
        let kept = store.get_engagement(&record.id).await.unwrap().unwrap();
        assert_eq!(kept.data.disposed.unwrap().paid, Some(true));
        assert_eq!(kept.data.client_shown().to_string(), "Former client");
        let sessions = store.list_sessions(&record.id).await.unwrap();
        assert_eq!(sessions.iter().map(|s| (s.data.date, s.data.minutes)).collect::<Vec<_>>(), vec![(today().add_days(-100), 60)]);
        assert!(store.list_goals(&record.id).await.unwrap().is_empty());
        assert!(store.list_contracts(&record.id).await.unwrap().is_empty());
        assert_eq!(store.retention(&record.id, today()).await.unwrap(), Retention::Disposed { on: today() });
        assert!(store.due_for_disposal(today()).await.unwrap().is_empty());
        assert!(store.get_engagement(&other.id).await.unwrap().is_some());

        let log = store.data_log().await.unwrap();
        assert_eq!(log, vec![LogRow::Entry(entry.clone())]);
        assert_eq!((entry.action, entry.due_on), (LogAction::Disposed, Some(due_on)));
        assert!(!format!("{log:?}").contains(marker));
        // Not twice.
        assert!(matches!(store.dispose_engagement(&record.id, today()).await, Err(StoreError::Refused(_))));
    }

    #[wasm_bindgen_test]
    async fn notes_not_yet_due_are_refused_and_nothing_changes() {
        let (name, store) = named_store().await;
        let marker = "marker-not-due-olive";
        let record = marked_engagement(&store, marker, Some(10), "6").await;
        let before = raw_dump(&name).await;
        let refused = store.dispose_engagement(&record.id, today()).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().starts_with("Not due for disposal")), "{refused:?}");
        assert_eq!(raw_dump(&name).await, before, "nothing written");
        assert!(store.data_log().await.unwrap().is_empty());
    }

    #[wasm_bindgen_test]
    async fn erasure_under_protection_leaves_only_content_free_tombstones() {
        let (name, store) = named_store().await;
        store.protect(PASSPHRASE).await.unwrap();
        let marker = "marker-erasure-cerulean";
        // In progress: the store erases on the person's second confirmation (the screen asks).
        let record = marked_engagement(&store, marker, None, "12").await;
        let plan = store.plan_erasure(&record.id).await.unwrap();
        assert!(plan.in_progress);
        assert_eq!(plan.open_contract.as_ref().map(ToString::to_string).as_deref(), Some("contract version 1 (agreed)"));
        let entry = store.erase_engagement(&record.id).await.unwrap();
        assert_eq!(entry.records, plan.tombstones.len());
        assert_eq!(plan.tombstones.len(), 1 + 1 + 1 + 2 + 1 + 1, "engagement, contract, goal, two sessions, journey, sponsor update");
        assert!(store.get_engagement(&record.id).await.unwrap().is_none());
        assert!(store.list_engagements().await.unwrap().is_empty());
        // Turning protection off opens every sealed record: none of the content is there.
        store.unprotect(PASSPHRASE).await.unwrap();
        let dump = raw_dump(&name).await;
        assert!(!dump.contains(marker), "no marker text left: {dump}");
        let erased = store.erased_records().await.unwrap();
        assert_eq!(erased.len(), plan.tombstones.len());
        assert!(erased.iter().all(|t| t.engagement_id.as_ref() == Some(&record.id)));
        assert!(store.restore_engagement(&record.id).await.is_err(), "an erasure has no undo");
    }

    #[wasm_bindgen_test]
    async fn an_older_backup_asks_before_bringing_an_erased_engagement_back() {
        let (_, store) = named_store().await;
        let marker = "marker-backup-umber";
        let record = marked_engagement(&store, marker, Some(5), "12").await;
        let backup = store.export_records().await.unwrap();
        store.erase_engagement(&record.id).await.unwrap();

        let local = store.export_records().await.unwrap();
        let plan = ImportPlan::new(&backup, &local).leaving_out_erased(&store.erased_records().await.unwrap(), &backup);
        assert_eq!(plan.erased, vec![(record.id.clone(), format!("{marker} Client"))]);
        assert_eq!(plan.count(Outcome::Erased), backup.total());
        let nothing = resolve(&plan, &backup, &local, &Default::default(), accord::platform::clock::now()).unwrap();
        assert_eq!(store.import_records(nothing, |_, _| {}).await.unwrap(), 0, "left out unless chosen");
        assert!(store.get_engagement(&record.id).await.unwrap().is_none());

        let chosen = plan.items.iter().map(|i| ((i.kind, i.id.clone()), Choice::Theirs)).collect();
        let writes = resolve(&plan, &backup, &local, &chosen, accord::platform::clock::now()).unwrap();
        store.import_records(writes, |_, _| {}).await.unwrap();
        let back = store.get_engagement(&record.id).await.unwrap().expect("brought back when chosen");
        assert!(back.revision > record.revision, "above its tombstone, so it wins when devices meet");
        assert!(store.erased_records().await.unwrap().is_empty(), "the tombstones went with it");
    }

    #[wasm_bindgen_test]
    async fn an_old_proposal_file_does_not_reopen_an_erased_engagement() {
        use accord::domain::contract::exchange;
        let (name, store) = named_store().await;
        let record = marked_engagement(&store, "marker-proposal-sienna", None, "12").await;
        let contract = store.list_contracts(&record.id).await.unwrap().remove(0);
        let proposal = exchange::write_proposal(&record, &contract);
        store.erase_engagement(&record.id).await.unwrap();
        let before = raw_dump(&name).await;
        let refused = store.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(accord::domain::party::Party::Client)).await;
        assert!(
            matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().starts_with("This proposal is for an engagement you erased on this device")),
            "{refused:?}"
        );
        assert_eq!(raw_dump(&name).await, before, "nothing written");
        assert!(!before.contains("marker-proposal-sienna"));
    }

    #[wasm_bindgen_test]
    async fn a_damaged_log_entry_is_reported_not_dropped() {
        use indexed_db_futures::prelude::*;
        let (name, store) = named_store().await;
        let record = marked_engagement(&store, "marker-log-teal", Some(5), "12").await;
        let entry = store.erase_engagement(&record.id).await.unwrap();
        store.close();
        let db = indexed_db_futures::database::Database::open(name.as_str()).await.unwrap();
        let tx = db.transaction("data_log").with_mode(indexed_db_futures::transaction::TransactionMode::Readwrite).build().unwrap();
        let damaged = js_sys::JSON::parse(r#"{"id":"log-damaged","at":"last Tuesday","action":"shredded"}"#).unwrap();
        tx.object_store("data_log").unwrap().put(damaged).await.unwrap();
        tx.commit().await.unwrap();
        db.close();
        let store = Store::open_named(&name, || {}).await.unwrap();
        let log = store.data_log().await.unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0], LogRow::Entry(entry));
        assert!(matches!(&log[1], LogRow::Damaged { key, .. } if key == "log-damaged"));
    }
}

mod perspectives {
    //! Who the person using the device is in each engagement (docs/domain.md §8).
    use super::*;
    use accord::domain::backup::{Backup, Scope};
    use accord::domain::contract::exchange;
    use accord::domain::contract::templates::built_in;
    use accord::domain::date::Date;
    use accord::domain::import::{resolve, ImportPlan};
    use accord::domain::party::Party;
    use accord::domain::Timestamp;
    use std::collections::BTreeMap;

    use super::contracts::three_way;

    #[wasm_bindgen_test]
    async fn who_i_am_is_kept_corrected_and_never_put_in_a_relationship_file() {
        let store = fresh_store().await;
        let two_way = store.create_engagement(engagement("Grace Hopper", "mentoring")).await.unwrap();
        assert_eq!(store.my_role(&two_way.id).await.unwrap(), Party::Practitioner, "made here: the practitioner's");
        let first = store.set_my_role(&two_way.id, Party::Client).await.unwrap();
        assert_eq!((first.revision, first.id.clone()), (1, two_way.id.clone()));
        let corrected = store.set_my_role(&two_way.id, Party::Practitioner).await.unwrap();
        assert_eq!(corrected.revision, 2);
        assert_eq!(store.my_role(&two_way.id).await.unwrap(), Party::Practitioner);
        // A two-way engagement has no sponsor to be: refused, nothing changed.
        let refused = store.set_my_role(&two_way.id, Party::Sponsor).await;
        assert!(matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().contains("has no sponsor")), "{refused:?}");
        assert_eq!(store.perspectives().await.unwrap()[0].revision, 2);
        let missing = RecordId::parse("not-here").unwrap();
        assert!(matches!(store.set_my_role(&missing, Party::Client).await, Err(StoreError::NotFound)));

        // In a full backup, but never in the relationship file made for the other party.
        let everything = store.export_records().await.unwrap();
        assert_eq!(everything.perspectives.len(), 1);
        assert!(everything.clone().only_engagement(&two_way.id).perspectives.is_empty());

        // A full backup restored on a fresh device brings who I am back.
        let restored = fresh_store().await;
        let local = restored.export_records().await.unwrap();
        let plan = ImportPlan::new(&everything, &local);
        let writes = resolve(&plan, &everything, &local, &BTreeMap::new(), Timestamp(9)).unwrap();
        restored.import_records(writes, |_, _| {}).await.unwrap();
        assert_eq!(restored.my_role(&two_way.id).await.unwrap(), Party::Practitioner);
        assert_eq!(restored.perspectives().await.unwrap().len(), 1);
    }

    #[wasm_bindgen_test]
    async fn a_relationship_file_for_a_new_engagement_asks_and_one_already_here_does_not() {
        let coach = fresh_store().await;
        let record = coach.create_engagement(three_way()).await.unwrap();
        let data = coach.export_records().await.unwrap().only_engagement(&record.id);
        let scope = Scope::Engagement { id: record.id.clone(), client: "Ada Lovelace".into() };
        let file = Backup::read(&Backup::new(data, scope, SCHEMA_VERSION, "test", Timestamp(5)).to_json()).unwrap();
        let client = fresh_store().await;
        let empty = client.export_records().await.unwrap();
        assert_eq!(file.arriving_engagement(&empty).map(|e| e.id.clone()), Some(record.id.clone()));
        let here = coach.export_records().await.unwrap();
        assert_eq!(file.arriving_engagement(&here), None, "the coach has it already");
    }

    #[wasm_bindgen_test]
    async fn a_proposal_for_a_new_engagement_opens_only_once_the_person_says_who_they_are() {
        let coach = fresh_store().await;
        let engagement = coach.create_engagement(three_way()).await.unwrap();
        let draft = coach.start_contract(&engagement.id, &built_in()[3], Date::parse("2026-12-01").unwrap()).await.unwrap();
        let proposed = coach.propose_contract(&draft.id, draft.revision, super::contracts::complete(&draft)).await.unwrap();
        let proposal = exchange::write_proposal(&engagement, &proposed);
        let sponsor = fresh_store().await;
        let refused = sponsor.import_proposal(exchange::read_proposal(&proposal).unwrap(), None).await;
        assert!(
            matches!(&refused, Err(StoreError::Refused(m)) if m.to_string().starts_with("Choose which of the people in this engagement you are.")),
            "{refused:?}"
        );
        assert!(sponsor.list_engagements().await.unwrap().is_empty(), "nothing written");
        sponsor.import_proposal(exchange::read_proposal(&proposal).unwrap(), Some(Party::Sponsor)).await.unwrap();
        assert_eq!(sponsor.my_role(&engagement.id).await.unwrap(), Party::Sponsor);
        // Opening it again (the engagement is here now) keeps the answer.
        sponsor.import_proposal(exchange::read_proposal(&proposal).unwrap(), None).await.unwrap();
        assert_eq!(sponsor.my_role(&engagement.id).await.unwrap(), Party::Sponsor);
        // Erasing the engagement erases who I was in it too.
        sponsor.erase_engagement(&engagement.id).await.unwrap();
        assert!(sponsor.perspectives().await.unwrap().is_empty());
        assert!(sponsor.erased_records().await.unwrap().iter().any(|t| t.doc_id == format!("perspectives:{}", engagement.id)));
    }
}

mod updates {
    //! Relationship updates between two devices (docs/domain.md §8): made from what changed,
    //! applied in one transaction with the exchange ledger, refused when they cannot apply.
    use super::*;
    use accord::domain::backup::BackupData;
    use accord::domain::date::Date;
    use accord::domain::import::{resolve, ImportPlan};
    use accord::domain::party::Party;
    use accord::domain::relationship::RelationshipUpdate;
    use accord::domain::session::{ClockTime, Purpose, Session, Theme};
    use accord::domain::Timestamp;
    use std::collections::BTreeMap;

    /// The coach's device with a two-way engagement and one planned session, and the
    /// client's device holding it from a relationship file, the client's by her answer.
    async fn two_devices() -> (Store, Store, RecordId, RecordId) {
        let coach = fresh_store().await;
        let record = coach.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        let planned =
            Session::planned(record.id.clone(), Date::parse("2027-01-12").unwrap(), ClockTime::new(9, 0).unwrap(), 60, Purpose::Session);
        let session = coach.create_session(planned).await.unwrap();
        let client = client_copy(&coach, &record.id).await;
        (coach, client, record.id, session.id)
    }

    /// The client's copy of the engagement on a device of her own (its own signing key).
    async fn client_copy(coach: &Store, engagement_id: &RecordId) -> Store {
        let shared: BackupData = coach.export_records().await.unwrap().only_engagement(engagement_id);
        let client = fresh_store().await;
        let local = client.export_records().await.unwrap();
        let writes = resolve(&ImportPlan::new(&shared, &local), &shared, &local, &BTreeMap::new(), Timestamp(9)).unwrap();
        client.import_records(writes, |_, _| {}).await.unwrap();
        client.set_my_role(engagement_id, Party::Client).await.unwrap();
        client
    }

    /// The client adds a theme to the session and makes her update for the coach.
    async fn theme_update(client: &Store, engagement_id: &RecordId, session_id: &RecordId, what: &str) -> RelationshipUpdate {
        let mut session = client.get_session(session_id).await.unwrap().unwrap();
        let revision = session.revision;
        session.data.themes.push(Theme { id: what.into(), what: what.into(), why_now: String::new(), leave_with: String::new() });
        client.save_session(session_id, revision, session.data).await.unwrap();
        let update = client.make_update(engagement_id, &[Party::Practitioner]).await.unwrap().expect("a theme to send");
        RelationshipUpdate::read(&update.to_json()).unwrap()
    }

    fn refused_with(result: &Result<impl std::fmt::Debug, StoreError>, words: &str) -> bool {
        matches!(result, Err(StoreError::Refused(m)) if m.to_string().contains(words))
    }

    #[wasm_bindgen_test]
    async fn an_update_is_signed_and_one_changed_unsigned_or_signed_by_a_new_key_is_not_taken_unasked() {
        let (coach, client, engagement_id, session_id) = two_devices().await;
        let update = theme_update(&client, &engagement_id, &session_id, "Delegation").await;
        let signature = update.signature.clone().expect("signed by its sender");
        let client_key = client.device_key().await.unwrap().public;
        assert_eq!(signature.fingerprint(), Some(client_key.fingerprint()));
        let before = coach.export_records().await.unwrap();

        // Changed after it was signed (its checksum made to match): refused.
        let mut forged = update.clone();
        forged.body.from_name = "Ada  Lovelace".into();
        forged.checksum = forged.body.checksum();
        let refused = coach.plan_update(&forged).await;
        assert!(refused_with(&refused, "does not hold"), "{refused:?}");
        // Without its signature: refused.
        let unsigned = accord::domain::relationship::RelationshipUpdate { signature: None, ..update.clone() };
        assert!(refused_with(&coach.plan_update(&unsigned).await, "not signed"));
        assert_eq!(coach.export_records().await.unwrap(), before, "nothing changed");

        // The real one: taken, and the client's key remembered.
        let plan = coach.plan_update(&update).await.unwrap();
        assert_eq!(plan.signer.as_ref().map(|s| s.key.clone()), Some(client_key.clone()));
        assert_eq!(plan.key_problem(), None, "the first key seen");
        coach.apply_update(plan, &[]).await.unwrap();
        let ledger = coach.exchange_ledger(&engagement_id).await.unwrap();
        assert_eq!(ledger.key_of(Party::Practitioner), None);
        assert_eq!(ledger.key_of(Party::Client), Some(&client_key));

        // The client on a new device (another key) sends her second update.
        let new_device = client_copy(&coach, &engagement_id).await;
        // Its first update is number 1 again, read as the new device's first.
        let second = theme_update(&new_device, &engagement_id, &session_id, "Feedback").await;
        assert_eq!(second.body.sequence, 1);
        let plan = coach.plan_update(&second).await.unwrap();
        let problem = plan.key_problem().expect("a new key is named").to_string();
        let new_key = new_device.device_key().await.unwrap().public;
        assert!(
            problem.contains(&new_key.fingerprint().to_string()) && problem.contains(&client_key.fingerprint().to_string()),
            "{problem}"
        );
        let unasked = coach.apply_update(plan.clone(), &[]).await;
        assert!(refused_with(&unasked, "different key"), "{unasked:?}");
        assert_eq!(coach.exchange_ledger(&engagement_id).await.unwrap().key_of(Party::Client), Some(&client_key));
        coach.apply_update(plan.accept_new_key(), &[]).await.unwrap();
        assert_eq!(coach.exchange_ledger(&engagement_id).await.unwrap().key_of(Party::Client), Some(&new_key), "accepted");
    }

    #[wasm_bindgen_test]
    async fn the_clients_theme_reaches_the_coach_once_and_the_same_update_twice_changes_nothing() {
        let (coach, client, engagement_id, session_id) = two_devices().await;
        let mut session = client.get_session(&session_id).await.unwrap().unwrap();
        let revision = session.revision;
        session.data.themes.push(Theme {
            id: "t1".into(),
            what: "Feedback to Ravi".into(),
            why_now: "Review week".into(),
            leave_with: "Two sentences".into(),
        });
        session.data.notes.client_private = "CLIENT-ONLY nervous".into();
        client.save_session(&session_id, revision, session.data).await.unwrap();

        let update = client.make_update(&engagement_id, &[Party::Practitioner]).await.unwrap().expect("a theme to send");
        let text = update.to_json();
        assert!(!text.contains("CLIENT-ONLY"), "a private layer never travels");
        assert!(client.make_update(&engagement_id, &[Party::Practitioner]).await.unwrap().is_none(), "nothing new since");
        let read = RelationshipUpdate::read(&text).unwrap();
        let plan = coach.plan_update(&read).await.unwrap();
        assert!(plan.summary().to_string().contains("1 theme"), "{}", plan.summary());
        let applied = coach.apply_update(plan, &[]).await.unwrap();
        assert_eq!(applied.engagement_id, engagement_id);
        let themes = coach.get_session(&session_id).await.unwrap().unwrap().data.themes;
        assert_eq!(themes.iter().map(|t| t.what.as_str()).collect::<Vec<_>>(), ["Feedback to Ravi"]);
        // The same file again: refused, nothing changed.
        let before = coach.export_records().await.unwrap();
        let again = coach.plan_update(&RelationshipUpdate::read(&text).unwrap()).await;
        assert!(matches!(&again, Err(StoreError::Refused(m)) if m.to_string().starts_with("You already applied this update")), "{again:?}");
        assert_eq!(coach.export_records().await.unwrap(), before);
        // Erasing the engagement forgets what was exchanged.
        assert!(coach.exchange_ledger(&engagement_id).await.unwrap() != accord::domain::relationship::Ledger::new(engagement_id.clone()));
        coach.erase_engagement(&engagement_id).await.unwrap();
        assert_eq!(coach.exchange_ledger(&engagement_id).await.unwrap(), accord::domain::relationship::Ledger::new(engagement_id.clone()));
    }

    #[wasm_bindgen_test]
    async fn the_clients_signed_approval_reaches_the_coach_and_one_signed_by_a_stranger_is_refused() {
        use accord::domain::relationship::{FieldValue, SharedField};
        use accord::domain::report::SponsorReport;
        let (coach, client, engagement_id, _) = two_devices().await;
        let report = SponsorReport::new(engagement_id.clone(), Date::parse("2027-01-10").unwrap(), "Sessions held: 3".into());
        let kept = coach.create_report(report).await.unwrap();
        let to_client = coach.make_update(&engagement_id, &[Party::Client]).await.unwrap().unwrap();
        let plan = client.plan_update(&RelationshipUpdate::read(&to_client.to_json()).unwrap()).await.unwrap();
        client.apply_update(plan, &[]).await.unwrap();
        let hers = client.list_reports(&engagement_id).await.unwrap().remove(0);
        let approved = hers.data.approved("Ada Lovelace", "Ada Lovelace", Timestamp(5)).unwrap();
        client.approve_report(&hers.id, hers.revision, approved).await.unwrap();
        let update = client.make_update(&engagement_id, &[Party::Practitioner]).await.unwrap().unwrap();
        let update = RelationshipUpdate::read(&update.to_json()).unwrap();
        assert_eq!(update.new_approvals(&[]).len(), 1);

        // Her approval re-signed by a stranger, the update itself re-signed by her device.
        let stranger = fresh_store().await;
        let mut forged = update.clone();
        let field: &mut FieldValue = forged.body.fields.iter_mut().find(|f| f.field == SharedField::ReportApproval).unwrap();
        let mut approval: accord::domain::report::Approval = serde_json::from_value(field.value.clone()).unwrap();
        approval.signature = Some(stranger.sign(&approval.signing_input(&kept.id, &engagement_id)).await.unwrap());
        field.value = serde_json::to_value(Some(approval)).unwrap();
        forged.checksum = forged.body.checksum();
        forged.signature = Some(client.sign(&forged.signing_input()).await.unwrap());
        let refused = coach.plan_update(&forged).await;
        assert!(refused_with(&refused, "belongs to no one this device knows"), "{refused:?}");
        assert!(coach.list_reports(&engagement_id).await.unwrap()[0].data.approval.is_none(), "nothing changed");

        // Her own: taken.
        coach.apply_update(coach.plan_update(&update).await.unwrap(), &[]).await.unwrap();
        let approval = coach.list_reports(&engagement_id).await.unwrap()[0].data.approval.clone().expect("approved");
        assert_eq!(approval.signature.and_then(|s| s.fingerprint()), Some(client.device_key().await.unwrap().public.fingerprint()));
    }

    #[wasm_bindgen_test]
    async fn an_update_for_an_engagement_this_device_does_not_have_is_refused() {
        let (_coach, client, engagement_id, _) = two_devices().await;
        let mut session = client.list_sessions(&engagement_id).await.unwrap().remove(0);
        session.data.themes.push(Theme { id: "t1".into(), what: "Delegation".into(), why_now: String::new(), leave_with: String::new() });
        client.save_session(&session.id.clone(), session.revision, session.data).await.unwrap();
        let update = client.make_update(&engagement_id, &[Party::Practitioner]).await.unwrap().unwrap();
        let stranger = fresh_store().await;
        let refused = stranger.plan_update(&update).await;
        assert!(matches!(&refused, Err(StoreError::Refused(_))), "{refused:?}");
        assert!(stranger.list_engagements().await.unwrap().is_empty());
        // A client cannot send to a sponsor the engagement does not have.
        let no_sponsor = client.make_update(&engagement_id, &[Party::Sponsor]).await;
        assert!(matches!(&no_sponsor, Err(StoreError::Refused(m)) if m.to_string().contains("no sponsor")), "{no_sponsor:?}");
    }
}

mod check_ins {
    //! The client's check-ins on actions (`Store::add_check_in`): stored on the action where
    //! it lives (its goal or its session), in date order; an action that is not there is
    //! refused and nothing is written.
    use super::*;
    use accord::domain::date::Date;
    use accord::domain::goal::{CheckIn, CheckInForm, Goal};
    use accord::domain::session::form::ActionForm;
    use accord::domain::session::learning::ActionHome;
    use accord::domain::session::{ClockTime, Purpose, Session};

    fn check_in(on: &str, outcome: &str, note: &str) -> CheckIn {
        CheckIn::try_from(&CheckInForm { on: on.into(), outcome: outcome.into(), note: note.into() }).unwrap()
    }

    #[wasm_bindgen_test]
    async fn a_check_in_is_stored_on_a_goal_action_and_on_a_session_action() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let goal = store.create_goal(Goal::new(engagement.id.clone(), "Delegate")).await.unwrap();
        let session = store
            .create_session(Session::planned(
                engagement.id.clone(),
                Date::parse("2026-12-01").unwrap(),
                ClockTime::default(),
                60,
                Purpose::Session,
            ))
            .await
            .unwrap();
        let linked = ActionForm { title: "Hand over the budget report".into(), goal_id: goal.id.to_string(), ..ActionForm::default() };
        let (goal_id, item) = linked.validate(&session.id, "a1".into()).unwrap();
        store.add_action(goal_id.as_ref(), item).await.unwrap();
        let loose = ActionForm { title: "Notice when I interrupt".into(), ..ActionForm::default() };
        let (none, item) = loose.validate(&session.id, "a2".into()).unwrap();
        store.add_action(none.as_ref(), item).await.unwrap();

        let in_goal = ActionHome::Goal(goal.id.clone());
        store.add_check_in(&in_goal, "a1", check_in("2026-12-09", "partly", "Handed over half")).await.unwrap();
        store.add_check_in(&in_goal, "a1", check_in("2026-12-05", "not_yet", "")).await.unwrap();
        let items = store.get_goal(&goal.id).await.unwrap().unwrap().data.items;
        let dates: Vec<String> = items[0].check_ins.iter().map(|c| c.on.to_string()).collect();
        assert_eq!(dates, ["2026-12-05", "2026-12-09"], "kept in date order");
        assert_eq!(items[0].latest_check_in().unwrap().note, "Handed over half");

        let in_session = ActionHome::Session(session.id.clone());
        store.add_check_in(&in_session, "a2", check_in("2026-12-06", "done", "Caught myself twice")).await.unwrap();
        let stored = store.get_session(&session.id).await.unwrap().unwrap();
        assert_eq!(stored.data.actions[0].check_ins, [check_in("2026-12-06", "done", "Caught myself twice")]);
    }

    #[wasm_bindgen_test]
    async fn a_check_in_on_an_action_that_is_not_there_is_refused_and_nothing_is_written() {
        let store = fresh_store().await;
        let engagement = store.create_engagement(engagement("Ada", "coaching")).await.unwrap();
        let goal = store.create_goal(Goal::new(engagement.id.clone(), "Delegate")).await.unwrap();
        let session = store
            .create_session(Session::planned(
                engagement.id.clone(),
                Date::parse("2026-12-01").unwrap(),
                ClockTime::default(),
                60,
                Purpose::Session,
            ))
            .await
            .unwrap();
        let (_, item) = ActionForm { title: "Say no once".into(), ..ActionForm::default() }.validate(&session.id, "a1".into()).unwrap();
        store.add_action(None, item).await.unwrap();
        let in_session = ActionHome::Session(session.id.clone());
        let before = store.export_records().await.unwrap();

        // An action removed since the screen was read.
        store.remove_action(&in_session, "a1").await.unwrap();
        let after_removal = store.export_records().await.unwrap();
        let refused = store.add_check_in(&in_session, "a1", check_in("2026-12-05", "done", "")).await;
        assert_eq!(refused, Err(StoreError::NotFound));
        // An action that was never in that goal, and a goal that is gone.
        let in_goal = ActionHome::Goal(goal.id.clone());
        assert_eq!(store.add_check_in(&in_goal, "a1", check_in("2026-12-05", "done", "")).await, Err(StoreError::NotFound));
        store.delete_goal(&goal.id).await.unwrap();
        let after_delete = store.export_records().await.unwrap();
        assert_eq!(store.add_check_in(&in_goal, "a1", check_in("2026-12-05", "done", "")).await, Err(StoreError::NotFound));
        let missing = ActionHome::Session(RecordId::parse("no-such-session").unwrap());
        assert_eq!(store.add_check_in(&missing, "a1", check_in("2026-12-05", "done", "")).await, Err(StoreError::NotFound));

        // Nothing written by any refusal.
        assert_eq!(store.export_records().await.unwrap(), after_delete);
        assert_ne!(after_removal, before);
        let sessions = store.list_sessions(&engagement.id).await.unwrap();
        assert!(sessions[0].data.actions.is_empty());
        assert_eq!(sessions[0].revision, after_removal.sessions[0].revision, "the refused check-in left the session as it was");
    }
}

mod attention {
    use super::*;
    use accord::domain::attention::{self, Need};
    use accord::domain::date::Date;
    use accord::domain::party::Party;
    use accord::domain::session::{ClockTime, LocalMoment, Purpose, Session};

    #[wasm_bindgen_test]
    async fn attention_reads_each_engagement_with_its_own_records_and_role() {
        let store = fresh_store().await;
        let coached = store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        let mentored = store.create_engagement(engagement("Grace Hopper", "mentoring")).await.unwrap();
        let on = Date::parse("2026-03-02").unwrap();
        let at = ClockTime::parse("10:00").unwrap();
        store.create_session(Session::planned(coached.id.clone(), on, at, 60, Purpose::Session)).await.unwrap();
        let gone = store.create_session(Session::planned(mentored.id.clone(), on, at, 60, Purpose::Session)).await.unwrap();
        store.delete_record(accord::domain::kinds::RecordKind::Session, &gone.id).await.unwrap();
        store.set_my_role(&mentored.id, Party::Client).await.unwrap();

        let facts = store.attention_facts().await.unwrap();
        let of = |id: &RecordId| facts.iter().find(|f| &f.id == id).unwrap();
        assert_eq!((of(&coached.id).me, of(&coached.id).sessions.len()), (Party::Practitioner, 1));
        assert_eq!((of(&mentored.id).me, of(&mentored.id).sessions.len()), (Party::Client, 0), "a deleted session is not read");

        let now = LocalMoment { date: Date::parse("2026-03-02").unwrap(), time: ClockTime::parse("11:30").unwrap() };
        let items = attention::all(&facts, now);
        assert_eq!(items.len(), 1, "{items:?}");
        assert_eq!((items[0].engagement_id.clone(), items[0].need.clone()), (coached.id.clone(), Need::RecordSession { on }));
    }
}

/// The device's signing key and signatures, through the browser's own WebCrypto.
mod signing {
    use super::*;
    use accord::domain::signing::{signing_input, KeyAlgorithm, Signature};
    use accord::platform::signing::{generate, sign, verify, Prefer};
    use serde_json::json;

    async fn signs_and_verifies(prefer: Prefer) -> KeyAlgorithm {
        let pair = generate(prefer).await.expect("a key pair");
        assert!(!pair.private.extractable(), "the private key can never be read out");
        let input = signing_input("agreement", &json!({ "party": "client", "contract_hash": "ab12", "at": 1_800_000_000_000_i64 }));
        let signature = sign(&pair, &input).await.unwrap();
        assert_eq!(signature.len(), 64);
        assert_eq!(verify(&pair.public, &signature, &input).await, Ok(true));
        // One byte changed in what was signed, or in the signature: no longer holds.
        let mut changed = input.clone();
        changed[25] ^= 1;
        assert_eq!(verify(&pair.public, &signature, &changed).await, Ok(false));
        let mut forged = signature.clone();
        forged[10] ^= 1;
        assert_eq!(verify(&pair.public, &forged, &input).await, Ok(false));
        // The signature travels as text and reads back to the same key.
        let (key, bytes) = Signature::new(&pair.public, &signature).read().unwrap();
        assert_eq!(verify(&key, &bytes, &input).await, Ok(true));
        // Another device's key does not verify it.
        let other = generate(prefer).await.unwrap();
        assert_ne!(other.public.fingerprint(), pair.public.fingerprint());
        assert_eq!(verify(&other.public, &signature, &input).await, Ok(false));
        pair.public.algorithm
    }

    #[wasm_bindgen_test]
    async fn a_device_key_signs_and_a_change_of_one_byte_fails_to_verify() {
        // Ed25519 where the browser has it (Chromium, Firefox and WebKit here do).
        let algorithm = signs_and_verifies(Prefer::Best).await;
        assert!(matches!(algorithm, KeyAlgorithm::Ed25519 | KeyAlgorithm::EcdsaP256));
    }

    #[wasm_bindgen_test]
    async fn the_fallback_key_signs_and_verifies_too() {
        assert_eq!(signs_and_verifies(Prefer::Fallback).await, KeyAlgorithm::EcdsaP256);
    }

    #[wasm_bindgen_test]
    async fn the_device_key_is_made_once_kept_and_never_in_a_backup() {
        let store = fresh_store().await;
        let first = store.device_key().await.unwrap();
        let again = store.device_key().await.unwrap();
        assert_eq!(again.public, first.public, "the same key every time");
        assert!(!again.private.extractable());
        let input = signing_input("update", &json!({ "n": 1 }));
        let signature = sign(&again, &input).await.unwrap();
        assert_eq!(verify(&first.public, &signature, &input).await, Ok(true), "the kept private key is the first one's");
        store.create_engagement(engagement("Ada Lovelace", "coaching")).await.unwrap();
        let backup = serde_json::to_string(&store.export_records().await.unwrap()).unwrap();
        let public = Signature::new(&first.public, &signature).public_key;
        assert!(!backup.contains(&public), "no part of the key is in a backup");
    }
}

mod links {
    //! An update carried in a link (`platform::share`): compressed and encrypted into the
    //! fragment, opened back exactly; a changed or cut link is refused in words.
    use accord::domain::share_link::{LinkError, LinkPayload, Lock};
    use accord::platform::share::{open, seal, SealWith};
    use wasm_bindgen_test::*;

    fn segments(fragment: &str) -> Vec<&str> {
        fragment.trim_start_matches('/').split('/').skip(1).collect()
    }

    fn key_of(payload: &LinkPayload) -> [u8; 32] {
        match payload.lock {
            Lock::Key(key) => key,
            Lock::Passphrase { .. } => panic!("a key link"),
        }
    }

    #[wasm_bindgen_test]
    async fn a_link_opens_to_exactly_what_was_sealed_and_a_changed_one_does_not() {
        let text = format!("{{\"format\":\"accord-relationship-update\",\"note\":\"Zoë — {}\"}}", "theme ".repeat(200));
        let payload = seal(&text, SealWith::NewKey).await.unwrap();
        assert!(payload.ciphertext.len() < text.len() / 2, "compressed before it is encrypted");
        let fragment = payload.fragment();
        let read = LinkPayload::read(&segments(&fragment)).unwrap();
        assert_eq!(open(&read, None).await.unwrap(), text);
        // Each link has its own key.
        assert_ne!(key_of(&seal(&text, SealWith::NewKey).await.unwrap()), key_of(&payload));

        let mut changed = read.clone();
        changed.ciphertext[3] ^= 1;
        assert_eq!(open(&changed, None).await, Err(LinkError::Changed));
        let mut other_key = read.clone();
        let mut key = key_of(&read);
        key[0] ^= 1;
        other_key.lock = Lock::Key(key);
        assert_eq!(open(&other_key, None).await, Err(LinkError::Changed));
        let whole = segments(&fragment);
        assert_eq!(LinkPayload::read(&[whole[0], &whole[1][..30], whole[2]]), Err(LinkError::CutShort));
    }

    #[wasm_bindgen_test]
    async fn a_link_locked_with_a_passphrase_opens_only_with_that_passphrase() {
        let text = "{\"format\":\"accord-contract-agreement\",\"typed_name\":\"Zoë Ng\"}";
        let payload = seal(text, SealWith::Passphrase("river lantern 42")).await.unwrap();
        let fragment = payload.fragment();
        assert!(fragment.contains("/p/"), "{fragment}");
        let read = LinkPayload::read(&segments(&fragment)).unwrap();
        assert!(matches!(read.lock, Lock::Passphrase { .. }));
        assert_eq!(open(&read, Some("river lantern 42")).await.unwrap(), text);
        assert_eq!(open(&read, Some("River lantern 42")).await, Err(LinkError::WrongPassphrase));
        assert_eq!(open(&read, None).await, Err(LinkError::WrongPassphrase));
        let mut changed = read.clone();
        changed.ciphertext[0] ^= 1;
        assert_eq!(open(&changed, Some("river lantern 42")).await, Err(LinkError::WrongPassphrase));
    }
}
