//! Sync while the app is open: [`SyncRunner`], one per app, in [`AppState`].
//!
//! [`SyncRunner::start`] runs [`crate::sync::run_continuously`] once (when a sync target is
//! saved and the data is open); [`SyncRunner::sync_now`] asks it to sync at once (after every
//! local write, [`AppState::data_changed`] does; and when the browser is back online);
//! [`SyncRunner::stop`] ends it (the target was removed). Its [`SyncRunner::status`] is the
//! status line's data. When a sync round changed records here, screens read their data again
//! ([`AppState::changed_by_sync`]). The runner calls the store's commands only.

use std::cell::Cell;
use std::rc::Rc;

use leptos::prelude::*;

use crate::domain::sync::status::{SyncState, SyncStatus};
use crate::store::Protection;
use crate::sync::{run_continuously, SyncControl};
use crate::ui::AppState;

/// The app's one sync loop and what it reports.
#[derive(Clone, Copy)]
pub struct SyncRunner {
    /// The latest status (default while sync is not running).
    pub status: RwSignal<SyncStatus>,
    /// Whether the loop runs on this device (a target is saved and the data is open).
    pub active: RwSignal<bool>,
    control: StoredValue<Option<SyncControl>, LocalStorage>,
    /// Counts starts, so a stopped loop's last reports are ignored.
    generation: StoredValue<u32>,
}

impl std::fmt::Debug for SyncRunner {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SyncRunner").field("active", &self.active.get_untracked()).finish()
    }
}

impl Default for SyncRunner {
    fn default() -> Self {
        Self::new()
    }
}

impl SyncRunner {
    pub fn new() -> SyncRunner {
        SyncRunner {
            status: RwSignal::new(SyncStatus::default()),
            active: RwSignal::new(false),
            control: StoredValue::new_local(None),
            generation: StoredValue::new(0),
        }
    }

    /// Starts syncing if a target is saved and the data is open (does nothing if it runs).
    pub fn start_if_set_up(self, state: AppState) {
        if self.active.get_untracked() || state.store.protection() == Protection::Locked {
            return;
        }
        leptos::task::spawn_local(async move {
            if let Ok(Some(_)) = state.store.sync_target().await {
                self.start(state);
            }
        });
    }

    /// Starts the loop (once; a second call asks it to sync now).
    pub fn start(self, state: AppState) {
        if self.active.get_untracked() {
            self.sync_now();
            return;
        }
        let generation = self.generation.get_value().wrapping_add(1);
        self.generation.set_value(generation);
        let control = SyncControl::default();
        self.control.set_value(Some(control.clone()));
        self.active.set(true);
        // Until the first round reports, the loop is starting to sync (never "up to date").
        self.status.set(SyncStatus { state: SyncState::Syncing, ..SyncStatus::default() });
        let store = state.store.clone();
        // The change sequence when the round began: a different one at its end means
        // the pull changed records here.
        // Plain cells, not reactive values: `start` may be called from a screen's task, and
        // the loop outlives that screen.
        let before: Rc<Cell<Option<u64>>> = Rc::default();
        let was_syncing: Rc<Cell<bool>> = Rc::default();
        let on_status = move |status: SyncStatus| {
            if self.generation.get_value() != generation {
                return;
            }
            let syncing = status.state == SyncState::Syncing;
            let store = state.store.clone();
            let state = state.clone();
            let before = before.clone();
            if syncing && !was_syncing.get() {
                leptos::task::spawn_local(async move { before.set(store.sync_change_seq().await.ok()) });
            } else if !syncing && was_syncing.get() {
                leptos::task::spawn_local(async move {
                    let after = store.sync_change_seq().await.ok();
                    if before.get().is_some() && after != before.get() {
                        state.changed_by_sync();
                    }
                });
            }
            was_syncing.set(syncing);
            self.status.set(status);
        };
        leptos::task::spawn_local(run_continuously(store, control, on_status));
    }

    /// Stops the loop (after its current request); the status goes back to "not syncing".
    pub fn stop(self) {
        if let Some(control) = self.control.get_value() {
            control.stop();
        }
        self.control.set_value(None);
        self.generation.update_value(|g| *g = g.wrapping_add(1));
        self.active.set(false);
        self.status.set(SyncStatus::default());
    }

    /// Sync as soon as possible, if the loop runs.
    pub fn sync_now(self) {
        if let Some(control) = self.control.get_value() {
            control.sync_now();
        }
    }

    /// Records with conflicting versions, as last reported.
    pub fn conflicts(self) -> u64 {
        if self.active.get() {
            self.status.with(|s| s.conflicts)
        } else {
            0
        }
    }
}
