//! The interface: Leptos components and pages. Pages call the [`Store`](crate::store::Store)'s
//! named commands through [`AppState`]; none opens a transaction.
//!
//! - [`actions`]: the one way a screen reads ([`store_resource`](actions::store_resource))
//!   and writes ([`store_action`](actions::store_action), [`ActionError`](actions::ActionError)).
//! - [`app`]: [`App`](app::App), the shell (header, navigation, main area, notices) and
//!   the screen for each [`Route`](route::Route).
//! - [`attention`]: the home screen's "Needs attention" list, per role, and the app badge.
//! - [`appearance`]: the organisation settings, the light / dark theme and embed mode.
//! - [`backup`]: saving a backup or a relationship file as a download.
//! - [`calendar`]: the sessions as a calendar file with reminders and to-dos, in each part.
//! - [`chart`]: SVG line charts drawn by the app, with a text alternative.
//! - [`data`]: what the screens read, and the one way each loads it.
//! - [`components`]: the one form pattern, the one error display, the notice area,
//!   warnings, "not found".
//! - [`drafts`]: unsaved text that survives a screen reloading its data.
//! - [`notices`]: the one notice area (what just happened, with undo).
//! - [`notifications`]: what needs attention as notifications on this device, once the
//!   person turned them on.
//! - [`pages`]: one module per screen.
//! - [`perspective`]: who the person is in an engagement: the question and the panel.
//! - [`protection`]: passphrase protection on screen: the unlock screen at start and the
//!   panel on "Your data".
//! - [`route`]: URL fragment ↔ screen.
//! - [`session_fields`]: what the session screens share: when, status badge, form fields.
//! - [`sync`]: [`SyncRunner`](sync::SyncRunner), the sync loop while the app is open, and its status.
//! - [`format`]: dates and sizes for people.
//! - [`language`]: the interface language: the browser's, or the one chosen; the switch.
//! - [`update_banner`]: "Update available" when a newer build is waiting.
//! - [`update_open`]: opening a relationship update (from a file or a link), shared by
//!   the updates screens and the link screen.
//! - [`share`]: a link to send instead of a file (or locked with a passphrase): copy,
//!   share, QR code.
//! - [`proposal_open`]: opening a contract proposal (from a file or a link), asking who
//!   the person is in an engagement new here.
//! - [`agreement_add`]: adding an agreement that arrived (a link, or a file signed by a
//!   new key), with the new key accepted first where it changed.
//! - [`key_change`]: the one warning for something signed by a changed key.
//! - [`signature_list`]: each signature in a file, whether it holds and whose key made it.
//! - [`start`] mounts the app once the database is open.

pub mod actions;
pub mod agreement_add;
pub mod app;
pub mod appearance;
pub mod attention;
pub mod backup;
pub mod calendar;
pub mod chart;
pub mod components;
pub mod data;
pub mod drafts;
pub mod format;
pub mod key_change;
pub mod language;
pub mod notices;
pub mod notifications;
pub mod pages;
pub mod perspective;
pub mod proposal_open;
pub mod protection;
pub mod route;
pub mod session_fields;
pub mod share;
pub mod signature_list;
pub mod sync;
pub mod update_banner;
pub mod update_open;

use crate::i18n::t;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::platform::tabs::TabMessage;
use crate::store::{Store, StoreError};

/// The product's name, as the window title and notifications show it.
pub const PRODUCT_NAME: &str = "Accord";

/// What every page can reach: the store's commands and a counter that goes up after
/// every write, so pages that read data read it again.
#[derive(Clone, Debug)]
pub struct AppState {
    pub store: Store,
    data_version: RwSignal<u64>,
    /// An editing form is open: changes from other tabs wait until it closes, so they
    /// never wipe what a person is typing (a stale save is refused by revision anyway).
    /// How many such forms are on screen.
    editing: RwSignal<u32>,
    /// Another tab changed data while a form was open.
    changed_elsewhere: RwSignal<bool>,
    /// Another tab changed passphrase protection: this tab must reload.
    pub protection_changed_elsewhere: RwSignal<bool>,
    /// The sync loop and its status.
    pub sync: sync::SyncRunner,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        let state = Self {
            store,
            data_version: RwSignal::new(0),
            editing: RwSignal::new(0),
            changed_elsewhere: RwSignal::new(false),
            protection_changed_elsewhere: RwSignal::new(false),
            sync: sync::SyncRunner::new(),
        };
        let (version, editing, waiting, protection) =
            (state.data_version, state.editing, state.changed_elsewhere, state.protection_changed_elsewhere);
        let store = state.store.clone();
        crate::platform::tabs::listen(move |message| {
            if message == TabMessage::ProtectionChanged {
                // This tab's key (or lack of one) no longer fits the data: stop, and ask for a reload.
                store.stop_after_change_elsewhere();
                protection.set(true);
            } else if editing.get_untracked() > 0 {
                waiting.set(true);
            } else {
                version.update(|v| *v += 1);
            }
        });
        state
    }

    /// Call in a form that edits stored data: while it is on screen, changes from other
    /// tabs do not reload it (they are applied when it closes).
    pub fn editing_while_mounted(&self) {
        self.editing.update(|n| *n += 1);
        let (version, editing, waiting) = (self.data_version, self.editing, self.changed_elsewhere);
        on_cleanup(move || {
            editing.update(|n| *n = n.saturating_sub(1));
            if editing.get_untracked() == 0 && waiting.get_untracked() {
                waiting.set(false);
                version.update(|v| *v += 1);
            }
        });
    }

    /// Whether another tab changed data while this form was open.
    pub fn changed_elsewhere(&self) -> bool {
        self.changed_elsewhere.get()
    }

    /// The app's state, from the context the app provides (in components, event handlers
    /// and actions alike).
    pub fn expect() -> AppState {
        expect_context::<AppState>()
    }

    /// Tracks the data version: a resource that calls this reloads after every write.
    pub fn track_changes(&self) -> u64 {
        self.data_version.get()
    }

    /// Call after a successful write. Sync (if set up) sends the change at once.
    pub fn data_changed(&self) {
        self.data_version.update(|v| *v += 1);
        crate::platform::tabs::announce_change();
        self.sync.sync_now();
    }

    /// Call after a successful write that the open screen does not show (a template kept
    /// from the contract builder): other tabs and sync hear of it at once; this tab's screens
    /// are not read again, so nothing typed in the open form is reset. A screen opened later
    /// reads the change as usual.
    pub fn data_changed_off_screen(&self) {
        crate::platform::tabs::announce_change();
        self.sync.sync_now();
    }

    /// A sync brought changes from another device: screens read their data again, as
    /// for a change in another tab (an open form is not reloaded under the person typing).
    pub fn changed_by_sync(&self) {
        if self.editing.get_untracked() > 0 {
            self.changed_elsewhere.set(true);
        } else {
            self.data_version.update(|v| *v += 1);
        }
        crate::platform::tabs::announce_change();
    }

    /// Call after passphrase protection was turned on or off or the passphrase changed:
    /// other tabs stop and ask to be reloaded.
    pub fn protection_changed(&self) {
        self.data_version.update(|v| *v += 1);
        crate::platform::tabs::announce_protection_changed();
    }
}

/// Opens the database, then replaces the static start-up shell in `#app` with the app.
pub fn start() {
    wasm_bindgen_futures::spawn_local(async {
        // The settings file is fetched while the database opens.
        let organisation = appearance::load_organisation();
        // The browser's language until the saved choice and the organisation's are known.
        language::apply(language::browser_language());
        let store = Store::open(|| {
            set_boot_status(t("Accord is open in another tab that uses an older version of its data. \
                 Close that tab and this page will continue."))
        })
        .await;
        let theme = match &store {
            Ok(store) => appearance::saved_theme(store).await,
            Err(_) => crate::domain::appearance::Theme::System,
        };
        let organisation = appearance::Organisation::new(organisation.await);
        language::start_language(store.as_ref().ok(), organisation.config().default_language).await;
        let looks = appearance::Appearance::new(theme);
        appearance::apply(&organisation, &looks);
        mount_with(store, organisation, looks);
    });
}

/// Mounts [`App`](app::App) into `#app` (or the body), replacing the static shell.
pub fn mount(store: Result<Store, StoreError>) {
    mount_with(store, appearance::Organisation::default(), appearance::Appearance::new(crate::domain::appearance::Theme::System));
}

/// Mounts the app with the organisation settings and the appearance it was started with.
fn mount_with(store: Result<Store, StoreError>, organisation: appearance::Organisation, looks: appearance::Appearance) {
    let host: web_sys::HtmlElement = document()
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into().ok())
        .unwrap_or_else(|| document().body().expect("a page has a body"));
    host.set_inner_html("");
    leptos::mount::mount_to(host, move || {
        provide_context(organisation.clone());
        provide_context(looks);
        view! { <app::App store=store.clone() /> }
    })
    .forget();
}

fn set_boot_status(message: &str) {
    if let Some(status) = document().get_element_by_id("boot-status") {
        status.set_text_content(Some(message));
    }
}
