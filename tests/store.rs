//! Browser tests of the store: every command against a real IndexedDB in headless
//! Chromium, each test on its own freshly created database.
#![cfg(target_arch = "wasm32")]

use accord::domain::{Engagement, EngagementForm, RecordId};
use accord::store::{Store, StoreError, SCHEMA_VERSION};
use wasm_bindgen_test::*;

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
    })
    .unwrap()
}

#[wasm_bindgen_test]
async fn a_new_database_is_migrated_to_the_current_schema() {
    let store = fresh_store().await;
    assert_eq!(store.schema_version(), SCHEMA_VERSION);
    assert_eq!(store.object_store_names(), vec!["engagements".to_string()]);
    assert!(store.list_engagements().await.unwrap().is_empty());
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
    let clients: Vec<String> =
        store.list_engagements().await.unwrap().into_iter().map(|r| r.data.client.as_str().to_string()).collect();
    assert_eq!(clients, vec!["First, edited", "Second"]);
}

#[wasm_bindgen_test]
async fn a_database_from_a_newer_app_version_is_reported_not_overwritten() {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    // Simulate a newer build: open the same database at a higher version first.
    let newer = indexed_db_futures::database::Database::open(name.as_str())
        .with_version(SCHEMA_VERSION + 1)
        .await
        .unwrap();
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
        StoreError::Failed("x".into()),
    ];
    for error in errors {
        let message = error.user_message();
        assert!(message.ends_with('.'), "{message}");
        assert!(!message.contains("Error"), "no exception names in: {message}");
    }
    assert_eq!(StoreError::from_dom_name("QuotaExceededError", ""), StoreError::QuotaExceeded);
}
