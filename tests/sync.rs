//! Browser tests of sync: two devices (two separately named IndexedDB databases) sync
//! through a real CouchDB-protocol server on loopback (pouchdb-server, started by
//! scripts/test, which passes its address as ACCORD_SYNC_TEST_URL at compile time). Each
//! test gets its own fresh database on the server, created as admin.
#![cfg(target_arch = "wasm32")]

use accord::domain::date::Date;
use accord::domain::session::{ClockTime, Purpose, Session};
use accord::domain::sync::status::SyncError;
use accord::domain::sync::target::{SyncTarget, SyncTargetForm};
use accord::store::{Store, SyncSettings};
use accord::sync::http::Http;
use accord::sync::Replicator;
use wasm_bindgen_test::*;

mod common;
use common::{engagement, raw_dump};

wasm_bindgen_test_configure!(run_in_browser);

const ADMIN: (&str, &str) = ("admin", "accord-admin");
const USER: (&str, &str) = ("sam", "accord-sam");

/// The test server's address; without it the tests cannot run, which fails under CI.
fn server() -> Option<&'static str> {
    let url = option_env!("ACCORD_SYNC_TEST_URL");
    if url.is_none() && option_env!("CI").is_some_and(|ci| ci == "true") {
        panic!("ACCORD_SYNC_TEST_URL is not set: run the sync tests through scripts/test, which starts the server");
    }
    if url.is_none() {
        web_sys::console::warn_1(&"Sync tests skipped: ACCORD_SYNC_TEST_URL is not set (scripts/test sets it).".into());
    }
    url
}

fn admin(db: &str) -> Http {
    let server = server().unwrap();
    Http::new(server, &format!("{server}/{db}"), ADMIN.0, ADMIN.1)
}

/// A new, empty database on the server, created as admin.
async fn fresh_database() -> String {
    let name = format!("accord-{}", accord::platform::ids::new_record_id());
    let answer = admin(&name).db("PUT", "", None).await.expect("the test server answers");
    assert_eq!(answer.status, 201, "{:?}", answer.body);
    name
}

async fn device() -> Store {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    Store::open_named(&name, || {}).await.expect("a fresh database opens")
}

fn form(db: &str) -> SyncTargetForm {
    SyncTargetForm {
        server_url: server().unwrap().into(),
        database: db.into(),
        username: USER.0.into(),
        password: USER.1.into(),
        scope: "everything".into(),
        ..SyncTargetForm::default()
    }
}

fn target(form: SyncTargetForm) -> SyncTarget {
    SyncTarget::try_from(form).unwrap()
}

fn replicator(store: &Store, db: &str) -> Replicator {
    Replicator::new(store.clone(), target(form(db)))
}

/// Every document on the server, as text (what someone reading the server would see).
async fn server_text(db: &str) -> String {
    let answer = admin(db).db("GET", "/_all_docs?include_docs=true&conflicts=true", None).await.unwrap();
    answer.body.to_string()
}

async fn doc_count(db: &str) -> u64 {
    admin(db).db("GET", "", None).await.unwrap().body["doc_count"].as_u64().unwrap()
}

#[wasm_bindgen_test]
async fn an_engagement_created_on_one_device_appears_on_the_other_and_edits_flow_back() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Ada Lovelace")).await.unwrap();
    let report = replicator(&a, &db).sync().await.unwrap();
    assert_eq!(report.pushed.sent, 1);
    replicator(&b, &db).sync().await.unwrap();
    let on_b = b.get_engagement(&created.id).await.unwrap().expect("the engagement reached the other device");
    assert_eq!(on_b.data, created.data);
    assert_eq!(on_b.created_at, created.created_at);
    assert_eq!(replicator(&b, &db).status().await.pending, 0, "what came from the server is not waiting to go up");

    let edited = b.update_engagement(&on_b.id, on_b.revision, engagement("Ada King")).await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    assert_eq!(a.get_engagement(&created.id).await.unwrap().unwrap().data, edited.data);
    assert!(a.sync_conflicts().await.unwrap().is_empty(), "one device after the other is no conflict");
    let again = replicator(&a, &db).sync().await.unwrap();
    assert_eq!(again.pushed.sent, 0, "nothing new to send");
    assert_eq!(again.pulled.updated, 0);
}

#[wasm_bindgen_test]
async fn edits_made_apart_conflict_the_same_way_on_both_devices_and_a_resolution_syncs() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Grace Hopper")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    // Both edit while apart ("offline": neither syncs).
    let on_b = b.get_engagement(&created.id).await.unwrap().unwrap();
    a.update_engagement(&created.id, created.revision, engagement("Grace from A")).await.unwrap();
    b.update_engagement(&on_b.id, on_b.revision, engagement("Grace from B")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&a, &db).sync().await.unwrap();

    let shown_a = a.get_engagement(&created.id).await.unwrap().unwrap();
    let shown_b = b.get_engagement(&created.id).await.unwrap().unwrap();
    assert_eq!(shown_a.data, shown_b.data, "both devices show the same winner");
    for store in [&a, &b] {
        let conflicts = store.sync_conflicts().await.unwrap();
        assert_eq!(conflicts.len(), 1, "the conflict is shown on both devices");
        let conflict = &conflicts[0];
        assert_eq!(conflict.store, "engagements");
        assert_eq!(conflict.others.len(), 1);
        let clients: Vec<String> = [&conflict.shown, &conflict.others[0]]
            .iter()
            .map(|v| v.data.as_ref().unwrap()["client"].as_str().unwrap().to_string())
            .collect();
        assert!(
            clients.contains(&"Grace from A".to_string()) && clients.contains(&"Grace from B".to_string()),
            "nothing dropped: {clients:?}"
        );
    }
    // The server agrees on the winner.
    let server_doc = admin(&db).db("GET", &format!("/engagements%3A{}?conflicts=true", created.id), None).await.unwrap().body;
    assert_eq!(server_doc["data"]["client"], serde_json::to_value(&shown_a.data).unwrap()["client"]);
    assert_eq!(server_doc["_conflicts"].as_array().map(Vec::len), Some(1));

    // Resolve on A by keeping the losing version; B hears of it.
    let conflict = a.sync_conflicts().await.unwrap().remove(0);
    let kept = conflict.others[0].data.clone().unwrap();
    a.sync_resolve(&conflict.doc_id, Some(kept.clone())).await.unwrap();
    assert!(a.sync_conflicts().await.unwrap().is_empty());
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    assert!(b.sync_conflicts().await.unwrap().is_empty(), "the resolution reached the other device");
    let resolved = b.get_engagement(&created.id).await.unwrap().unwrap();
    assert_eq!(serde_json::to_value(&resolved.data).unwrap(), kept);
    let server_doc = admin(&db).db("GET", &format!("/engagements%3A{}?conflicts=true", created.id), None).await.unwrap().body;
    assert!(server_doc.get("_conflicts").is_none(), "the server has no conflict left: {server_doc}");
}

#[wasm_bindgen_test]
async fn deleted_on_one_device_and_edited_on_the_other_is_a_conflict_not_a_loss() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Alan Turing")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    a.delete_engagement(&created.id).await.unwrap();
    let on_b = b.get_engagement(&created.id).await.unwrap().unwrap();
    let edited = b.update_engagement(&on_b.id, on_b.revision, engagement("Alan M. Turing")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    for store in [&a, &b] {
        let shown = store.get_engagement(&created.id).await.unwrap().expect("the edit is kept and shown");
        assert_eq!(shown.data, edited.data);
        let conflicts = store.sync_conflicts().await.unwrap();
        assert_eq!(conflicts.len(), 1, "the deletion is shown next to the edit");
        assert!(conflicts[0].others[0].deleted);
    }
    // Deleting syncs as a tombstone when nobody edits meanwhile.
    let other = a.create_engagement(engagement("Tombstone")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    a.delete_engagement(&other.id).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    assert!(b.get_engagement(&other.id).await.unwrap().is_none(), "deleted on the other device too");
}

#[wasm_bindgen_test]
async fn an_interrupted_push_resumes_from_its_checkpoint() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    for i in 0..5 {
        a.create_engagement(engagement(&format!("Client {i}"))).await.unwrap();
    }
    // Two batches of two, then the sync stops as if the connection dropped.
    let first = replicator(&a, &db).with_batch_size(2).with_max_batches(2).push().await.unwrap();
    assert_eq!(first.sent, 4);
    assert_eq!(doc_count(&db).await, 4);
    assert_eq!(replicator(&a, &db).status().await.pending, 1, "one change still waits");
    // The rerun starts from the checkpoint: only the fifth record is looked at.
    let rest = replicator(&a, &db).with_batch_size(2).push().await.unwrap();
    assert_eq!(rest, accord::sync::PushReport { checked: 1, sent: 1 });
    assert_eq!(doc_count(&db).await, 5);
    assert_eq!(replicator(&a, &db).status().await.pending, 0);
    // The same for a pull: stopped after one batch of two, then resumed.
    let b = device().await;
    let first = replicator(&b, &db).with_batch_size(2).with_max_batches(1).pull().await.unwrap();
    assert_eq!(first.merged, 2);
    assert_eq!(b.list_engagements().await.unwrap().len(), 2);
    let rest = replicator(&b, &db).with_batch_size(2).pull().await.unwrap();
    assert_eq!(rest.merged, 3, "only what the first run did not bring");
    assert_eq!(b.list_engagements().await.unwrap().len(), 5);
}

#[wasm_bindgen_test]
async fn a_wrong_password_says_so_and_changes_nothing_here() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    let created = a.create_engagement(engagement("Mary Somerville")).await.unwrap();
    let wrong = Replicator::new(a.clone(), target(SyncTargetForm { password: "not-it".into(), ..form(&db) }));
    assert_eq!(wrong.test_connection().await, Err(SyncError::WrongCredentials));
    let error = wrong.sync().await.unwrap_err();
    assert_eq!(error, SyncError::WrongCredentials);
    assert!(error.message().contains("user name or password"));
    assert_eq!(a.get_engagement(&created.id).await.unwrap().unwrap(), created, "local data untouched");
    assert_eq!(doc_count(&db).await, 0);
}

#[wasm_bindgen_test]
async fn unreachable_not_a_sync_server_and_a_missing_database_each_say_what_is_wrong() {
    let Some(_) = server() else { return };
    let a = device().await;
    let created = a.create_engagement(engagement("Emmy Noether")).await.unwrap();
    let unreachable = Replicator::new(a.clone(), target(SyncTargetForm { server_url: "http://127.0.0.1:9".into(), ..form("accord") }));
    assert_eq!(unreachable.sync().await.unwrap_err(), SyncError::Unreachable);
    // The test page's own server answers HTML, not CouchDB's JSON.
    let origin = web_sys::window().unwrap().location().origin().unwrap();
    let not_couch = Replicator::new(a.clone(), target(SyncTargetForm { server_url: origin, ..form("accord") }));
    assert_eq!(not_couch.test_connection().await, Err(SyncError::NotCouch));
    assert_eq!(not_couch.sync().await.unwrap_err(), SyncError::NotCouch);

    let missing = format!("accord-missing-{}", accord::platform::ids::new_record_id());
    let as_admin =
        Replicator::new(a.clone(), target(SyncTargetForm { username: ADMIN.0.into(), password: ADMIN.1.into(), ..form(&missing) }));
    assert_eq!(as_admin.test_connection().await, Err(SyncError::DatabaseMissing));
    assert_eq!(as_admin.sync().await.unwrap_err(), SyncError::DatabaseMissing);
    as_admin.create_database().await.unwrap();
    assert_eq!(as_admin.test_connection().await, Ok(()));
    as_admin.sync().await.unwrap();
    // Deleted on the server afterwards: said plainly, nothing lost here.
    assert_eq!(admin(&missing).db("DELETE", "", None).await.unwrap().status, 200);
    assert_eq!(as_admin.sync().await.unwrap_err(), SyncError::DatabaseMissing);
    assert_eq!(a.get_engagement(&created.id).await.unwrap().unwrap(), created);
}

#[wasm_bindgen_test]
async fn a_document_the_app_cannot_read_is_skipped_with_a_message() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    let created = a.create_engagement(engagement("Lise Meitner")).await.unwrap();
    let bad = serde_json::json!({"created_at": 1, "updated_at": 2, "deleted": false, "data": {"client": 42}});
    assert_eq!(admin(&db).db("PUT", "/engagements%3Abad-1", Some(&bad)).await.unwrap().status, 201);
    let error = replicator(&a, &db).sync().await.unwrap_err();
    assert_eq!(error, SyncError::Unreadable { count: 1 });
    assert!(a.get_engagement(&accord::domain::RecordId::parse("bad-1").unwrap()).await.unwrap().is_none());
    assert_eq!(a.list_engagements().await.unwrap(), vec![created]);
}

/// The end-to-end target for `db`.
fn e2e_target(db: &str) -> SyncTarget {
    target(SyncTargetForm { end_to_end: true, ..form(db) })
}

/// Joins `store` to `db`'s shared end-to-end key with the sync passphrase and saves the
/// settings, as the sync form does.
async fn join_end_to_end(store: &Store, db: &str, passphrase: &str) -> Result<Replicator, SyncError> {
    let replicator = Replicator::new(store.clone(), e2e_target(db));
    let key = replicator.join_shared_key(passphrase).await?;
    store.save_sync_settings(Some(&SyncSettings::new(e2e_target(db), Some(key)))).await.unwrap();
    Ok(replicator)
}

const SYNC_PHRASE: &str = "shared harbour lantern";

#[wasm_bindgen_test]
async fn end_to_end_mode_leaves_only_ciphertext_on_the_server() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    let created = a.create_engagement(engagement("Zebulon Quagmire")).await.unwrap();
    let mut session = Session::planned(created.id.clone(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 60, Purpose::Session);
    session.notes.shared = "marker-shared-vermilion".into();
    a.create_session(session).await.unwrap();
    let e2e = Replicator::new(a.clone(), e2e_target(&db));
    assert_eq!(e2e.sync().await.unwrap_err(), SyncError::NeedsUnlock, "needs protection on");
    a.protect("correct horse battery staple").await.unwrap();
    assert_eq!(e2e.sync().await.unwrap_err(), SyncError::NeedsSyncKey, "needs the shared key");
    assert_eq!(doc_count(&db).await, 0, "nothing went up without it");
    let e2e = join_end_to_end(&a, &db, SYNC_PHRASE).await.unwrap();
    e2e.sync().await.unwrap();
    let text = server_text(&db).await;
    assert_eq!(doc_count(&db).await, 3, "two records and the wrapped key");
    for plaintext in ["Zebulon", "Quagmire", "marker-shared-vermilion", "Sam Lee", SYNC_PHRASE] {
        assert!(!text.contains(plaintext), "{plaintext} is on the server: {text}");
    }
    assert!(text.contains("\"sealed\"") && text.contains("accord-sync-key"));
    // The same device reads its sealed documents back without complaint.
    let again = e2e.sync().await.unwrap();
    assert_eq!(again.pulled.unreadable, 0);
}

#[wasm_bindgen_test]
async fn devices_with_their_own_passphrases_share_end_to_end_sync_through_the_sync_passphrase() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    a.protect("device one passphrase").await.unwrap();
    b.protect("another device passphrase").await.unwrap();
    let created = a.create_engagement(engagement("Grace Hopper")).await.unwrap();
    join_end_to_end(&a, &db, SYNC_PHRASE).await.unwrap().sync().await.unwrap();
    // A wrong sync passphrase opens nothing and saves nothing.
    assert_eq!(join_end_to_end(&b, &db, "not the shared phrase").await.err(), Some(SyncError::WrongSyncPassphrase));
    assert_eq!(b.sync_settings().await.unwrap(), None);
    let on_b = join_end_to_end(&b, &db, SYNC_PHRASE).await.unwrap();
    on_b.sync().await.unwrap();
    let seen = b.get_engagement(&created.id).await.unwrap().expect("A's record opens on B");
    assert_eq!(seen.data.client.as_str(), "Grace Hopper");
    b.update_engagement(&seen.id, seen.revision, engagement("Grace Brewster Hopper")).await.unwrap();
    on_b.sync().await.unwrap();
    Replicator::new(a.clone(), e2e_target(&db)).sync().await.unwrap();
    assert_eq!(a.get_engagement(&created.id).await.unwrap().unwrap().data.client.as_str(), "Grace Brewster Hopper");
    assert!(!server_text(&db).await.contains("Hopper"));
    // A device that has not joined never sends plaintext among the ciphertext.
    let c = device().await;
    c.create_engagement(engagement("Plaintext Leak")).await.unwrap();
    let before = doc_count(&db).await;
    assert_eq!(replicator(&c, &db).sync().await.unwrap_err(), SyncError::NeedsSyncKey);
    assert_eq!(doc_count(&db).await, before);
    assert!(!server_text(&db).await.contains("Plaintext Leak"));
}

#[wasm_bindgen_test]
async fn a_lost_key_document_is_put_back_and_a_replaced_one_stops_sync() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    a.protect("device one passphrase").await.unwrap();
    a.create_engagement(engagement("Katherine Johnson")).await.unwrap();
    let e2e = join_end_to_end(&a, &db, SYNC_PHRASE).await.unwrap();
    e2e.sync().await.unwrap();
    let key_path = "/accord-sync-key";
    let doc = admin(&db).db("GET", key_path, None).await.unwrap().body;
    let rev = doc["_rev"].as_str().unwrap().to_string();
    admin(&db).db("DELETE", &format!("{key_path}?rev={rev}"), None).await.unwrap();
    e2e.sync().await.unwrap();
    let back = admin(&db).db("GET", key_path, None).await.unwrap();
    assert_eq!(back.status, 200, "the key document is back");
    assert_eq!(back.body["key_id"], doc["key_id"]);
    // Another key on the server (the database set up again elsewhere): sync stops.
    let mut other = back.body.clone();
    other["key_id"] = serde_json::json!("someone-elses-key");
    admin(&db).db("PUT", key_path, Some(&other)).await.unwrap();
    assert_eq!(e2e.sync().await.unwrap_err(), SyncError::WrongKey);
}

#[wasm_bindgen_test]
async fn the_sync_password_and_shared_key_are_sealed_at_rest_and_follow_the_passphrase() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    let name = a.name();
    a.save_sync_settings(Some(&SyncSettings::new(target(form(&db)), None))).await.unwrap();
    assert!(raw_dump(&name).await.contains(USER.1), "without protection the password is kept as it is");
    a.protect("device one passphrase").await.unwrap();
    assert!(!raw_dump(&name).await.contains(USER.1), "protection seals the saved password");
    assert_eq!(a.sync_target().await.unwrap(), Some(target(form(&db))));
    join_end_to_end(&a, &db, SYNC_PHRASE).await.unwrap();
    let settings = a.sync_settings().await.unwrap().unwrap();
    assert!(settings.data_key.is_some());
    assert!(!raw_dump(&name).await.contains(USER.1));
    a.change_passphrase("device one passphrase", "device two passphrase").await.unwrap();
    assert_eq!(a.sync_settings().await.unwrap(), Some(settings.clone()), "readable with the new passphrase");
    a.lock();
    assert_eq!(a.sync_settings().await.unwrap_err(), accord::store::StoreError::Locked);
    a.unlock("device two passphrase").await.unwrap();
    // Turning protection off would leave the shared key in the clear: refused, nothing changed.
    let refused = a.unprotect("device two passphrase").await.unwrap_err();
    assert!(refused.user_message().contains("Encrypt end to end"), "{refused:?}");
    assert_eq!(a.protection(), accord::store::Protection::Unlocked);
    a.save_sync_settings(Some(&SyncSettings::new(target(form(&db)), None))).await.unwrap();
    a.unprotect("device two passphrase").await.unwrap();
    assert_eq!(a.sync_target().await.unwrap(), Some(target(form(&db))), "plain again, still set up");
}

#[wasm_bindgen_test]
async fn a_session_sign_in_keeps_no_password_and_says_when_the_session_ended() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    // Only sam may use this database: without signing in, the server refuses.
    let members = serde_json::json!({ "members": { "names": [USER.0], "roles": [] }, "admins": { "names": [], "roles": [] } });
    assert_eq!(admin(&db).db("PUT", "/_security", Some(&members)).await.unwrap().status, 200);
    let a = device().await;
    a.create_engagement(engagement("Session Client")).await.unwrap();
    let session = target(SyncTargetForm { sign_in: "session".into(), ..form(&db) });
    assert_eq!(session.password, "", "the typed password is not part of the settings");
    let replicator = Replicator::new(a.clone(), session.clone());
    let _ = replicator.end_session().await; // no session left over in this browser
    assert_eq!(replicator.sync().await.unwrap_err(), SyncError::SessionEnded);
    assert_eq!(replicator.start_session("not the password").await.unwrap_err(), SyncError::WrongCredentials);
    replicator.start_session(USER.1).await.unwrap();
    replicator.sync().await.unwrap();
    assert_eq!(doc_count(&db).await, 1);
    a.save_sync_settings(Some(&SyncSettings::new(session, None))).await.unwrap();
    assert!(!raw_dump(&a.name()).await.contains(USER.1), "the password is kept nowhere on the device");
    replicator.end_session().await.unwrap();
    assert_eq!(replicator.sync().await.unwrap_err(), SyncError::SessionEnded);
    assert_eq!(a.list_engagements().await.unwrap().len(), 1, "nothing here changed");
}

#[wasm_bindgen_test]
async fn excluded_private_notes_never_reach_the_server_and_stay_on_the_device() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Rosalind Franklin")).await.unwrap();
    let mut session = Session::planned(created.id.clone(), Date::parse("2026-12-01").unwrap(), ClockTime::default(), 60, Purpose::Session);
    session.notes.practitioner_private = "marker-private-coach".into();
    session.notes.client_private = "marker-private-client".into();
    session.notes.shared = "marker-shared-notes".into();
    let saved = a.create_session(session).await.unwrap();
    let private = |store: &Store| Replicator::new(store.clone(), target(SyncTargetForm { exclude_private_notes: true, ..form(&db) }));
    private(&a).sync().await.unwrap();
    let text = server_text(&db).await;
    assert!(text.contains("marker-shared-notes"));
    assert!(!text.contains("marker-private-coach") && !text.contains("marker-private-client"), "{text}");
    private(&b).sync().await.unwrap();
    let on_b = b.get_session(&saved.id).await.unwrap().unwrap();
    assert_eq!(on_b.data.notes.shared, "marker-shared-notes");
    assert!(on_b.data.notes.practitioner_private.is_empty());
    // B's edit comes back to A without wiping A's private layers.
    let mut changed = on_b.data.clone();
    changed.notes.shared = "marker-shared-edited".into();
    b.save_session(&on_b.id, on_b.revision, changed).await.unwrap();
    private(&b).sync().await.unwrap();
    private(&a).sync().await.unwrap();
    let on_a = a.get_session(&saved.id).await.unwrap().unwrap();
    assert_eq!(on_a.data.notes.shared, "marker-shared-edited");
    assert_eq!(on_a.data.notes.practitioner_private, "marker-private-coach");
    assert_eq!(on_a.data.notes.client_private, "marker-private-client");
    assert!(!server_text(&db).await.contains("marker-private"));
}

#[wasm_bindgen_test]
async fn with_protection_on_conflicting_versions_stay_readable_after_a_passphrase_change() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    a.protect("first passphrase here").await.unwrap();
    let created = a.create_engagement(engagement("Ada Lovelace")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    let on_b = b.get_engagement(&created.id).await.unwrap().unwrap();
    a.update_engagement(&created.id, created.revision, engagement("Ada from A")).await.unwrap();
    b.update_engagement(&on_b.id, on_b.revision, engagement("Ada from B")).await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    let before = a.sync_conflicts().await.unwrap();
    assert_eq!(before.len(), 1);
    assert!(before[0].others[0].data.is_some(), "the other version's content is kept (sealed)");
    a.change_passphrase("first passphrase here", "second passphrase here").await.unwrap();
    assert_eq!(a.sync_conflicts().await.unwrap(), before, "still readable with the new key");
    a.unprotect("second passphrase here").await.unwrap();
    assert_eq!(a.sync_conflicts().await.unwrap(), before, "and with protection off");
}

#[wasm_bindgen_test]
async fn continuous_sync_reports_its_status_and_sends_what_was_saved_offline() {
    use std::cell::RefCell;
    use std::rc::Rc;
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let a = device().await;
    // Saved before sync was set up: queued, sent on the first round.
    a.create_engagement(engagement("Queued while offline")).await.unwrap();
    a.save_sync_settings(Some(&SyncSettings::new(target(form(&db)), None))).await.unwrap();
    assert_eq!(a.sync_target().await.unwrap(), Some(target(form(&db))));
    let seen: Rc<RefCell<Vec<accord::domain::sync::status::SyncStatus>>> = Rc::default();
    let control = accord::sync::SyncControl::default();
    let (store, log, stop) = (a.clone(), seen.clone(), control.clone());
    wasm_bindgen_futures::spawn_local(async move {
        accord::sync::run_continuously(store, stop, move |status| log.borrow_mut().push(status)).await;
    });
    for _ in 0..100 {
        if seen.borrow().iter().any(|s| s.last_synced.is_some()) {
            break;
        }
        gloo_timers::future::TimeoutFuture::new(100).await;
    }
    control.stop();
    let statuses = seen.borrow().clone();
    use accord::domain::sync::status::SyncState;
    assert_eq!(statuses.first().map(|s| s.state.clone()), Some(SyncState::Syncing), "{statuses:?}");
    let done = statuses.iter().find(|s| s.last_synced.is_some()).expect("a round completed");
    assert_eq!(done.state, SyncState::Idle);
    assert_eq!(done.pending, 0);
    assert_eq!(done.describe(), "Up to date.");
    assert_eq!(doc_count(&db).await, 1);
}

/// Two devices on a fresh database, the first with an agreed contract it has synced, which
/// someone who can write to the server then changed with `change` (read, changed, put back).
struct Changed {
    db: String,
    a: Store,
    b: Store,
    created: accord::domain::Record<accord::domain::Engagement>,
    agreed: accord::domain::Record<accord::domain::contract::Contract>,
}

async fn agreed_contract_changed_on_the_server(change: impl FnOnce(&mut serde_json::Value)) -> Changed {
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Zoë Ng")).await.unwrap();
    let agreed = common::agreed_contract(&a, &created).await;
    replicator(&a, &db).sync().await.unwrap();
    let path = format!("/contracts%3A{}", agreed.id.as_str());
    let mut doc = admin(&db).db("GET", &path, None).await.unwrap().body;
    change(&mut doc);
    assert_eq!(admin(&db).db("PUT", &path, Some(&doc)).await.unwrap().status, 201);
    Changed { db, a, b, created, agreed }
}

#[wasm_bindgen_test]
async fn a_contract_changed_on_the_server_after_it_was_agreed_is_not_taken_and_is_shown_as_a_conflict() {
    let Some(_) = server() else { return };
    // Someone who can write to the server reads the document, changes a clause, puts it back.
    let Changed { db, a, b, agreed, .. } = agreed_contract_changed_on_the_server(|doc| {
        doc["data"]["clauses"][0]["text"] = "The coach may share session notes with the sponsor.".into()
    })
    .await;

    // The device that agreed keeps what was agreed and says so.
    let result = replicator(&a, &db).sync().await;
    assert!(matches!(result, Err(SyncError::Altered { count: 1 })), "{result:?}");
    assert_eq!(a.get_contract(&agreed.id).await.unwrap().unwrap().data, agreed.data, "the agreed version is unchanged");
    let conflicts = a.sync_conflicts().await.unwrap();
    assert_eq!(conflicts.len(), 1, "kept aside as a conflict the person sees");
    let changed = &conflicts[0].others[0];
    assert!(changed.refused.as_ref().is_some_and(|why| why.contains("Version 1 of the contract with Zoë Ng")), "{:?}", changed.refused);
    // The changed version cannot be chosen; keeping this device's ends the conflict everywhere.
    let chose_changed = a.sync_resolve(&conflicts[0].doc_id, changed.data.clone()).await;
    assert!(matches!(chose_changed, Err(accord::store::StoreError::Refused(_))), "{chose_changed:?}");
    assert_eq!(a.get_contract(&agreed.id).await.unwrap().unwrap().data, agreed.data);
    a.sync_resolve(&conflicts[0].doc_id, conflicts[0].shown.data.clone()).await.unwrap();
    assert!(a.sync_conflicts().await.unwrap().is_empty());
    replicator(&a, &db).sync().await.unwrap();

    // Another device gets the agreed version as it was agreed.
    replicator(&b, &db).sync().await.unwrap();
    let on_b = b.get_contract(&agreed.id).await.unwrap().expect("the agreed contract reaches the other device");
    assert_eq!(on_b.data, agreed.data);
    assert_eq!(on_b.data.integrity_problem(&on_b.id), None);
}

#[wasm_bindgen_test]
async fn a_new_device_never_takes_a_contract_changed_on_the_server() {
    let Some(_) = server() else { return };
    let Changed { db, b, created, agreed, .. } =
        agreed_contract_changed_on_the_server(|doc| doc["data"]["terms"]["fee_per_session"] = 359.into()).await;
    let result = replicator(&b, &db).sync().await;
    assert!(matches!(result, Err(SyncError::Altered { count: 1 })), "{result:?}");
    assert!(b.get_contract(&agreed.id).await.unwrap().is_none(), "the changed version is not taken");
    assert!(b.get_engagement(&created.id).await.unwrap().is_some(), "everything else is");
}

/// Every document on the server with every current version, deleted ones included, as
/// text: what replication hands any device.
async fn server_versions_text(db: &str) -> String {
    let changes = admin(db).db("GET", "/_changes?style=all_docs", None).await.unwrap();
    let mut text = String::new();
    for change in changes.body["results"].as_array().unwrap() {
        let id = change["id"].as_str().unwrap();
        let versions = admin(db).db("GET", &format!("/{id}?open_revs=all&revs=true"), None).await.unwrap();
        text.push_str(&versions.body.to_string());
    }
    text
}

#[wasm_bindgen_test]
async fn an_erasure_reaches_the_other_device_and_leaves_no_content_on_the_server() {
    use accord::domain::erasure::{LogAction, LogRow};
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let marker = "marker-erased-sync-magenta";
    let record = common::marked_engagement(&a, marker, Some(5), "12").await;
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    assert!(b.get_engagement(&record.id).await.unwrap().is_some(), "the other device has it");
    assert!(server_versions_text(&db).await.contains(marker), "and so has the server");
    // The other device edits a session meanwhile (it has not heard of the erasure yet).
    let on_b = b.list_sessions(&record.id).await.unwrap().remove(0);
    let mut edited = on_b.data.clone();
    edited.notes.shared = format!("{marker} edited on b");
    b.save_session(&on_b.id, on_b.revision, edited).await.unwrap();

    a.erase_engagement(&record.id).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    replicator(&a, &db).sync().await.unwrap();

    for (device, who) in [(&a, "a"), (&b, "b")] {
        assert!(device.get_engagement(&record.id).await.unwrap().is_none(), "gone on {who}");
        assert!(device.list_sessions(&record.id).await.unwrap().is_empty(), "sessions gone on {who}");
        assert!(device.sync_conflicts().await.unwrap().is_empty(), "no conflict left on {who}");
        let dump = raw_dump(&device.name()).await;
        assert!(!dump.contains(marker), "no content on {who}: {dump}");
    }
    assert!(!server_versions_text(&db).await.contains(marker), "every version on the server ends content-free");
    // Once the server compacts (CouchDB does by itself), earlier revisions' bodies are gone too.
    let compacted = admin(&db).db("POST", "/_compact", Some(&serde_json::json!({}))).await.unwrap();
    assert!(compacted.status < 300, "{:?}", compacted.body);
    let mut text = String::new();
    for _ in 0..20 {
        gloo_timers::future::TimeoutFuture::new(100).await;
        let changes = admin(&db).db("GET", "/_changes?style=all_docs", None).await.unwrap();
        text.clear();
        for change in changes.body["results"].as_array().unwrap() {
            let id = change["id"].as_str().unwrap();
            let info = admin(&db).db("GET", &format!("/{id}?revs_info=true&open_revs=all"), None).await.unwrap();
            text.push_str(&info.body.to_string());
            let history = admin(&db).db("GET", &format!("/{id}?revs_info=true&deleted=true"), None).await.unwrap();
            for rev in history.body["_revs_info"].as_array().into_iter().flatten() {
                if rev["status"] == "available" {
                    let old = admin(&db).db("GET", &format!("/{id}?rev={}", rev["rev"].as_str().unwrap()), None).await.unwrap();
                    text.push_str(&old.body.to_string());
                }
            }
        }
        if !text.contains(marker) {
            break;
        }
    }
    assert!(!text.contains(marker), "no earlier revision keeps content after compaction: {text}");
    let log = b.data_log().await.unwrap();
    assert!(
        log.iter().any(|row| matches!(row, LogRow::Entry(e) if e.action == LogAction::ErasedElsewhere && e.engagement_id == record.id)),
        "the other device logs the erasure it received: {log:?}"
    );
}

#[wasm_bindgen_test]
async fn an_erasure_travels_in_end_to_end_mode_too() {
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    a.protect("device one passphrase").await.unwrap();
    b.protect("another device passphrase").await.unwrap();
    let record = common::marked_engagement(&a, "marker-sealed-erasure-ochre", Some(5), "12").await;
    join_end_to_end(&a, &db, SYNC_PHRASE).await.unwrap().sync().await.unwrap();
    let on_b = join_end_to_end(&b, &db, SYNC_PHRASE).await.unwrap();
    on_b.sync().await.unwrap();
    assert!(b.get_engagement(&record.id).await.unwrap().is_some());
    a.erase_engagement(&record.id).await.unwrap();
    let on_a = Replicator::new(a.clone(), e2e_target(&db));
    let pushed = on_a.sync().await.unwrap();
    assert!(pushed.pushed.sent >= 7, "every erased record goes up: {pushed:?}");
    let pulled = on_b.sync().await.unwrap();
    assert_eq!((pulled.pulled.unreadable, pulled.pulled.wrong_key), (0, 0), "an erasure carries nothing to open");
    assert!(b.get_engagement(&record.id).await.unwrap().is_none(), "erased on the other device");
    assert!(b.list_sessions(&record.id).await.unwrap().is_empty());
    // Sync off, then protection off: every sealed record opens, and none holds any of it.
    b.save_sync_settings(None).await.unwrap();
    b.unprotect("another device passphrase").await.unwrap();
    assert!(!raw_dump(&b.name()).await.contains("marker-sealed-erasure-ochre"), "nothing of it is left on b, even unsealed");
}

#[wasm_bindgen_test]
async fn an_engagement_brought_back_from_a_backup_after_an_erasure_comes_back_everywhere() {
    use accord::domain::import::{resolve, Choice, ImportPlan};
    let Some(_) = server() else { return };
    let db = fresh_database().await;
    let (a, b) = (device().await, device().await);
    let created = a.create_engagement(engagement("Katherine Johnson")).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    let backup = a.export_records().await.unwrap();
    a.erase_engagement(&created.id).await.unwrap();
    replicator(&a, &db).sync().await.unwrap();
    replicator(&b, &db).sync().await.unwrap();
    assert!(b.get_engagement(&created.id).await.unwrap().is_none(), "erased on b");

    // On a, the person chooses to bring it back from the backup.
    let local = a.export_records().await.unwrap();
    let plan = ImportPlan::new(&backup, &local).leaving_out_erased(&a.erased_records().await.unwrap(), &backup);
    let chosen = plan.items.iter().map(|i| ((i.kind, i.id.clone()), Choice::Theirs)).collect();
    a.import_records(resolve(&plan, &backup, &local, &chosen, accord::platform::clock::now()).unwrap(), |_, _| {}).await.unwrap();
    for _ in 0..2 {
        replicator(&a, &db).sync().await.unwrap();
        replicator(&b, &db).sync().await.unwrap();
    }
    for (device, who) in [(&a, "a"), (&b, "b")] {
        let back = device.get_engagement(&created.id).await.unwrap();
        assert_eq!(back.map(|r| r.data.client.as_str().to_string()).as_deref(), Some("Katherine Johnson"), "back on {who}");
        assert!(device.erased_records().await.unwrap().is_empty(), "no tombstone left on {who}");
    }
}
