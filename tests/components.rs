//! Browser tests of the interface: components mounted into the page in each of three
//! engines (Chromium, Firefox, WebKit: see scripts/test), against a real (fresh)
//! database, driven by DOM events as a person would.
#![cfg(target_arch = "wasm32")]

use accord::domain::RecordId;
use accord::store::{Store, StoreError};
use accord::ui::app::App;
use accord::ui::components::Notices;
use accord::ui::pages::settings::sync::SyncSection;
use accord::ui::pages::{EngagementEditor, EngagementsPage, GoalEditor, SyncConflictsPage};
use accord::ui::route::Route;
use accord::ui::AppState;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

mod common;
use common::engagement;

wasm_bindgen_test_configure!(run_in_browser);

async fn fresh_state() -> AppState {
    let name = format!("accord-test-{}", accord::platform::ids::new_record_id());
    AppState::new(Store::open_named(&name, || {}).await.unwrap())
}

/// A container in the page for one test's components.
fn container() -> web_sys::HtmlElement {
    let element: web_sys::HtmlElement = document().create_element("div").unwrap().unchecked_into();
    document().body().unwrap().append_child(&element).unwrap();
    element
}

/// Mounts a page the way the app does (state and notices provided) into its own container.
fn mount_page<V: IntoView + 'static>(
    state: AppState,
    page: impl Fn() -> V + 'static,
) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<V::State>) {
    let root = container();
    let mounted = leptos::mount::mount_to(root.clone(), move || {
        provide_context(state.clone());
        Notices::provide();
        page()
    });
    (root, mounted)
}

/// Waits (up to three seconds) until `condition` holds.
async fn until(what: &str, condition: impl Fn() -> bool) {
    for _ in 0..300 {
        if condition() {
            return;
        }
        TimeoutFuture::new(10).await;
    }
    panic!("timed out waiting until {what}");
}

fn text(root: &web_sys::HtmlElement) -> String {
    root.text_content().unwrap_or_default()
}

fn find<T: JsCast>(root: &web_sys::HtmlElement, selector: &str) -> T {
    root.query_selector(selector).unwrap().unwrap_or_else(|| panic!("no element matches {selector}")).unchecked_into()
}

/// Types `value` into the input or text area `selector` names, as a person would.
fn type_into(root: &web_sys::HtmlElement, selector: &str, value: &str) {
    let field: web_sys::HtmlElement = find(root, selector);
    if let Some(text_area) = field.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        text_area.set_value(value);
    } else {
        field.unchecked_ref::<web_sys::HtmlInputElement>().set_value(value);
    }
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    field.dispatch_event(&web_sys::Event::new_with_event_init_dict("input", &init).unwrap()).unwrap();
}

fn click(root: &web_sys::HtmlElement, selector: &str) {
    find::<web_sys::HtmlElement>(root, selector).click();
}

#[wasm_bindgen_test]
async fn the_list_explains_what_to_do_when_there_are_no_engagements() {
    let state = fresh_state().await;
    let (root, _mounted) = mount_page(state, || view! { <EngagementsPage /> });
    until("the empty state shows", || text(&root).contains("No engagements yet")).await;
    let start: web_sys::HtmlAnchorElement = find(&root, ".empty-state a");
    assert_eq!(start.text_content().unwrap(), "Create your first engagement");
    assert!(start.href().ends_with("#/engagements/new"));
}

#[wasm_bindgen_test]
async fn the_list_shows_saved_engagements_as_cards_newest_first() {
    let state = fresh_state().await;
    state.store.create_engagement(engagement("Older")).await.unwrap();
    TimeoutFuture::new(5).await;
    state.store.create_engagement(engagement("Newer")).await.unwrap();
    let (root, _mounted) = mount_page(state, || view! { <EngagementsPage /> });
    until("two cards show", || root.query_selector_all(".card").unwrap().length() == 2).await;
    let titles = root.query_selector_all(".card__title").unwrap();
    let first = titles.get(0).unwrap().text_content().unwrap();
    let second = titles.get(1).unwrap().text_content().unwrap();
    assert_eq!((first.as_str(), second.as_str()), ("Newer", "Older"));
    assert!(text(&root).contains("2 coaching and mentoring relationships."));
}

#[wasm_bindgen_test]
async fn submitting_an_empty_form_shows_every_problem_and_saves_nothing() {
    let state = fresh_state().await;
    let store = state.store.clone();
    let (root, _mounted) = mount_page(state, || view! { <EngagementEditor id=None /> });
    type_into(&root, "#client_name", "   ");
    type_into(&root, "#practitioner_name", "Sam Lee");
    click(&root, "button[type=submit]");
    until("the error summary shows", || !find::<web_sys::HtmlElement>(&root, ".error-summary").hidden()).await;
    let summary = find::<web_sys::HtmlElement>(&root, ".error-summary").text_content().unwrap();
    assert!(summary.contains("Enter the client's name."), "{summary}");
    assert!(summary.contains("Choose whether this is coaching or mentoring."), "{summary}");
    assert!(!summary.contains("practitioner"), "{summary}");
    let client: web_sys::HtmlInputElement = find(&root, "#client_name");
    assert_eq!(client.get_attribute("aria-invalid").as_deref(), Some("true"));
    assert_eq!(client.get_attribute("aria-describedby").as_deref(), Some("client_name-help client_name-error"));
    let practitioner: web_sys::HtmlInputElement = find(&root, "#practitioner_name");
    assert_eq!(practitioner.value(), "Sam Lee", "input is kept");
    assert!(store.list_engagements().await.unwrap().is_empty());
}

#[wasm_bindgen_test]
async fn a_valid_form_saves_one_engagement_with_cleaned_names() {
    let state = fresh_state().await;
    let store = state.store.clone();
    let (root, _mounted) = mount_page(state, || view! { <EngagementEditor id=None /> });
    type_into(&root, "#client_name", "  Ada   Lovelace ");
    type_into(&root, "#practitioner_name", "Sam Lee");
    click(&root, "#kind-mentoring");
    click(&root, "button[type=submit]");
    let saved = {
        let mut saved = Vec::new();
        for _ in 0..300 {
            saved = store.list_engagements().await.unwrap();
            if !saved.is_empty() {
                break;
            }
            TimeoutFuture::new(10).await;
        }
        saved
    };
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].data.client.as_str(), "Ada Lovelace");
    assert_eq!(saved[0].data.kind.as_str(), "mentoring");
    assert_eq!(accord::platform::location::fragment(), Route::Engagement(saved[0].id.clone()).fragment());
    accord::platform::location::set_fragment("/");
}

#[wasm_bindgen_test]
async fn when_storage_cannot_be_opened_the_app_says_why_in_plain_words() {
    let root = container();
    let _mounted = leptos::mount::mount_to(root.clone(), || {
        view! { <App store=Err(StoreError::Unavailable("SecurityError: denied".into())) /> }
    });
    until("the message shows", || text(&root).contains("Accord cannot open your data")).await;
    assert!(text(&root).contains("This browser is not letting Accord store data"));
    let alert: web_sys::HtmlElement = find(&root, "[role=alert]");
    assert!(alert.text_content().unwrap().contains("SecurityError: denied"), "technical detail is available");
}

#[wasm_bindgen_test]
fn routes_round_trip_through_their_fragments() {
    let id = RecordId::parse("0f8fad5b-d9cb-469f-a165-70867728950e").unwrap();
    let routes = [
        Route::Engagements,
        Route::NewEngagement,
        Route::Engagement(id.clone()),
        Route::EditEngagement(id.clone()),
        Route::Contract(id.clone()),
        Route::ContractVersion(id.clone(), 2),
        Route::ContractPrint(id.clone(), 3),
        Route::Goals(id.clone()),
        Route::NewGoal(id.clone()),
        Route::Goal(id.clone(), RecordId::parse("goal-1").unwrap()),
        Route::EditGoal(id, RecordId::parse("goal-2").unwrap()),
        Route::OpenProposal,
        Route::YourData,
        Route::SyncConflicts,
        Route::SyncConflict("sessions:0f8fad5b".into()),
    ];
    for route in routes {
        assert_eq!(Route::parse(&route.href()), route);
    }
    assert_eq!(Route::parse(""), Route::Engagements);
    assert_eq!(Route::parse("#/"), Route::Engagements);
    assert_eq!(Route::parse("#/engagements/<script>"), Route::NotFound);
    assert_eq!(Route::parse("#/nowhere"), Route::NotFound);
    assert_eq!(Route::parse("#/sync/conflicts/meta/x"), Route::NotFound, "only stores that sync");
}

#[wasm_bindgen_test]
async fn the_sync_form_shows_every_problem_and_saves_nothing() {
    let state = fresh_state().await;
    let (root, _mounted) = mount_page(state.clone(), || view! { <SyncSection /> });
    until("the sync form is shown", || root.query_selector("form").ok().flatten().is_some()).await;
    assert!(!text(&root).contains("Sync now"), "no device buttons before it is set up");
    type_into(&root, "#sync_server", "sync.example.org");
    type_into(&root, "#sync_database", "Team");
    type_into(&root, "#sync_username", "sam");
    click(&root, "button[type=submit]");
    until("the problems are shown", || text(&root).contains("The server address must start with https://")).await;
    let shown = text(&root);
    assert!(shown.contains("The server address must start with https://"), "{shown}");
    assert!(shown.contains("A database name starts with a lower-case letter"), "{shown}");
    assert!(shown.contains("Enter the password for this user name."), "{shown}");
    assert_eq!(find::<web_sys::HtmlInputElement>(&root, "#sync_server").value(), "sync.example.org", "the input is kept");
    assert_eq!(state.store.sync_target().await.unwrap(), None);
    assert!(!state.sync.active.get_untracked());
}

#[wasm_bindgen_test]
async fn saving_the_sync_form_keeps_the_target_and_starts_sync_and_stopping_forgets_it() {
    let state = fresh_state().await;
    let (root, _mounted) = mount_page(state.clone(), || view! { <SyncSection /> });
    until("the sync form is shown", || root.query_selector("form").ok().flatten().is_some()).await;
    // Nothing listens on port 9 of loopback: sync fails and says so, and retries later.
    type_into(&root, "#sync_server", "http://127.0.0.1:9");
    type_into(&root, "#sync_database", "team");
    click(&root, "button[type=submit]");
    until("sync is set up", || text(&root).contains("Stop syncing on this device")).await;
    let target = state.store.sync_target().await.unwrap().expect("saved");
    assert_eq!(target.server_url(), "http://127.0.0.1:9");
    assert!(target.exclude_private_notes, "private notes stay on the device unless chosen otherwise");
    assert!(!target.end_to_end, "end-to-end needs protection on");
    assert!(state.sync.active.get_untracked());
    until("the status names the problem", || text(&root).contains("Could not reach the sync server")).await;
    let stop = root.query_selector_all("button").unwrap();
    let stop: web_sys::HtmlElement = (0..stop.length())
        .filter_map(|i| stop.item(i))
        .find(|b| b.text_content().unwrap_or_default() == "Stop syncing on this device")
        .unwrap()
        .unchecked_into();
    stop.click();
    until("sync is off", || !state.sync.active.get_untracked()).await;
    assert_eq!(state.store.sync_target().await.unwrap(), None);
}

#[wasm_bindgen_test]
async fn end_to_end_sync_asks_for_a_sync_passphrase_before_anything_is_saved() {
    let state = fresh_state().await;
    state.store.protect("device one passphrase").await.unwrap();
    let (root, _mounted) = mount_page(state.clone(), || view! { <SyncSection /> });
    until("the sync form is shown", || root.query_selector("form").ok().flatten().is_some()).await;
    let ticked = find::<web_sys::HtmlInputElement>(&root, "#sync-end-to-end");
    assert!(ticked.checked(), "with protection on, end to end is the default");
    assert!(text(&root).contains("Sync passphrase"));
    type_into(&root, "#sync_server", "http://127.0.0.1:9");
    type_into(&root, "#sync_database", "team");
    click(&root, "button[type=submit]");
    until("the passphrase is asked for", || text(&root).contains("Enter the sync passphrase.")).await;
    type_into(&root, "#sync_passphrase", "short");
    click(&root, "button[type=submit]");
    until("a short one is refused", || text(&root).contains("The sync passphrase has at least 10 characters.")).await;
    assert_eq!(state.store.sync_settings().await.unwrap(), None, "nothing saved");
    assert!(!state.sync.active.get_untracked());
    // Unticked, the passphrase is not asked for.
    ticked.click();
    until("the field goes", || !text(&root).contains("Sync passphrase")).await;
}

#[wasm_bindgen_test]
async fn the_conflicts_screen_says_when_there_are_none() {
    let state = fresh_state().await;
    let (root, _mounted) = mount_page(state, || view! { <SyncConflictsPage /> });
    until("the empty state is shown", || text(&root).contains("No conflicts")).await;
    assert!(text(&root).contains("If two devices change the same record while apart, it appears here."));
}

#[wasm_bindgen_test]
async fn an_empty_goal_form_is_not_praised_as_smart_until_the_goal_is_written() {
    let state = fresh_state().await;
    let engagement_id = state.store.create_engagement(engagement("Ada Lovelace")).await.unwrap().id;
    let (root, _mounted) = mount_page(state, move || view! { <GoalEditor engagement_id=engagement_id.clone() goal_id=None /> });
    until("the goal form shows", || root.query_selector("#goal_title").ok().flatten().is_some()).await;
    let smart = || find::<web_sys::HtmlElement>(&root, ".smart").text_content().unwrap_or_default();
    assert!(!smart().contains("Reads as SMART"), "an empty form is not SMART: {}", smart());
    assert_eq!(smart(), "Once the goal is written, the SMART check will advise on it here.");

    // Everything but the goal itself: still nothing to praise.
    type_into(&root, "#goal_why", "The team needs to see me lead with confidence.");
    type_into(&root, "#goal_success", "Four meetings in a row run without notes.");
    type_into(&root, "#goal_target_date", "2027-01-29");
    assert!(!smart().contains("Reads as SMART"), "{}", smart());

    // A goal with a title is checked: advice while it is vague, praise once it reads as SMART.
    type_into(&root, "#goal_title", "Improve");
    until("advice shows", || smart().contains("SMART check (advice only)")).await;
    assert!(smart().contains("“Improve” is hard to see happen"), "{}", smart());
    type_into(&root, "#goal_title", "Run the weekly team meeting without notes");
    until("it reads as SMART", || smart().contains("Reads as SMART")).await;
    type_into(&root, "#goal_title", "  ");
    until("the prompt returns", || smart().starts_with("Once the goal is written")).await;
}

/// The device's calendar, not UTC's: `clock::date_of` gives the date the browser's own
/// `Date` shows for an instant, in its time zone and with the offset of that instant
/// (around midnight and either side of a change to summer time), and `today` is the date of now.
#[wasm_bindgen_test]
fn dates_are_read_on_the_devices_calendar() {
    use accord::domain::Timestamp;
    use accord::platform::clock;
    let now = clock::now().0;
    let hour = 3_600_000;
    // Every hour across two days around now, and around the 2027 changes to and from summer time.
    let instants = (0..48)
        .map(|h| now - 24 * hour + h * hour)
        .chain((0..48).map(|h| 1_806_105_600_000 + h * hour))
        .chain((0..48).map(|h| 1_824_854_400_000 + h * hour));
    for at in instants {
        let js = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(at as f64));
        let expected = format!("{:04}-{:02}-{:02}", js.get_full_year(), js.get_month() + 1, js.get_date());
        assert_eq!(clock::date_of(Timestamp(at)).to_string(), expected, "the date of {at}");
    }
    assert_eq!(clock::today(), clock::date_of(clock::now()));
}
