//! The one way a screen reads and the one way it writes.
//!
//! [`store_resource`] reads through the store's commands and reads again after every write
//! (anywhere in the app, or in another tab). [`store_action`] writes: it runs a command,
//! and on success tells the app that data changed and says what happened ([`Said`]: a
//! notice, a notice with "Undo", or nothing); on failure it keeps the error, which
//! `ui::components::ActionError` shows. A page never repeats that bookkeeping.
//! [`store_action_off_screen`] is the same for a write the open screen does not show, so
//! the screen is not read again under a form being typed in.

use std::future::Future;
use std::rc::Rc;

use leptos::prelude::*;

use crate::store::{Store, StoreError};
use crate::ui::notices::{Notices, Undo};
use crate::ui::AppState;

/// What a write says once it succeeded.
pub enum Said {
    /// Nothing: the screen shows the change itself.
    Nothing,
    Notice(String),
    /// A notice with "Undo" (after a delete).
    Undoable(String, Undo),
}

impl From<&str> for Said {
    fn from(text: &str) -> Said {
        Said::Notice(text.to_string())
    }
}

impl From<String> for Said {
    fn from(text: String) -> Said {
        Said::Notice(text)
    }
}

/// A write from a screen: `command` gets the store and the input; `done` gets the command's
/// result and says what happened (it may also move on, e.g. to another screen).
pub fn store_action<I, O, F, Fut, D>(command: F, done: D) -> Action<I, Option<StoreError>>
where
    I: Clone + 'static,
    O: 'static,
    F: Fn(Store, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, StoreError>> + 'static,
    D: Fn(O) -> Said + 'static,
{
    write_action(command, done, AppState::data_changed)
}

/// A write whose result the open screen does not show (a template kept from the contract
/// builder): as [`store_action`], but this tab's screens are not read again
/// ([`AppState::data_changed_off_screen`]), so what is typed in the open form stays.
pub fn store_action_off_screen<I, O, F, Fut, D>(command: F, done: D) -> Action<I, Option<StoreError>>
where
    I: Clone + 'static,
    O: 'static,
    F: Fn(Store, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, StoreError>> + 'static,
    D: Fn(O) -> Said + 'static,
{
    write_action(command, done, AppState::data_changed_off_screen)
}

/// A read on request whose result the screen shows (an update file read to be previewed):
/// as [`store_action`], but nothing changed, so no screen is read again (which would
/// rebuild the open form and lose what was read), and no other tab or sync hears of it.
pub fn store_read_action<I, O, F, Fut, D>(command: F, done: D) -> Action<I, Option<StoreError>>
where
    I: Clone + 'static,
    O: 'static,
    F: Fn(Store, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, StoreError>> + 'static,
    D: Fn(O) -> Said + 'static,
{
    write_action(command, done, |_| {})
}

fn write_action<I, O, F, Fut, D>(command: F, done: D, changed: fn(&AppState)) -> Action<I, Option<StoreError>>
where
    I: Clone + 'static,
    O: 'static,
    F: Fn(Store, I) -> Fut + 'static,
    Fut: Future<Output = Result<O, StoreError>> + 'static,
    D: Fn(O) -> Said + 'static,
{
    let state = AppState::expect();
    let notices = Notices::expect();
    let done = Rc::new(done);
    Action::new_local(move |input: &I| {
        let (state, done) = (state.clone(), Rc::clone(&done));
        let running = command(state.store.clone(), input.clone());
        async move {
            match running.await {
                Ok(output) => {
                    changed(&state);
                    match done(output) {
                        Said::Nothing => {}
                        Said::Notice(text) => notices.show(text),
                        Said::Undoable(text, undo) => notices.show_with_undo(text, undo),
                    }
                    None
                }
                Err(error) => Some(error),
            }
        }
    })
}

/// A read for a screen: `read` gets the store; it runs again after every write.
pub fn store_resource<T, F, Fut>(read: F) -> LocalResource<Result<T, StoreError>>
where
    T: 'static,
    F: Fn(Store) -> Fut + 'static,
    Fut: Future<Output = Result<T, StoreError>> + 'static,
{
    let state = AppState::expect();
    LocalResource::new(move || {
        state.track_changes();
        read(state.store.clone())
    })
}
