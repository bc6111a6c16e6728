//! [`Drafts`]: text a person has typed but not saved yet, kept across re-renders.
//!
//! A screen with several sections that save on their own (the session screen) reloads
//! its data after each save. Without this, saving one section would wipe what was typed
//! but not yet saved in another. Each field's text lives in a signal owned by the page,
//! not by the section; a section forgets its drafts once they are saved, so the next
//! render shows what was stored.

use std::collections::HashMap;

use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Drafts {
    owner: StoredValue<Option<Owner>>,
    texts: StoredValue<HashMap<String, RwSignal<String>>>,
}

impl Drafts {
    /// Call once at the top of a page (outside anything that re-renders).
    pub fn new() -> Drafts {
        Drafts { owner: StoredValue::new(Owner::current()), texts: StoredValue::new(HashMap::new()) }
    }

    /// The draft for `key`, started from `stored` the first time it is asked for.
    pub fn text(&self, key: &str, stored: &str) -> RwSignal<String> {
        if let Some(signal) = self.texts.with_value(|texts| texts.get(key).copied()) {
            return signal;
        }
        let make = || RwSignal::new(stored.to_string());
        let signal = self.owner.with_value(|owner| match owner {
            Some(owner) => owner.with(make),
            None => make(),
        });
        self.texts.update_value(|texts| {
            texts.insert(key.to_string(), signal);
        });
        signal
    }

    /// Forgets the drafts whose keys start with `prefix` (after they were saved).
    pub fn forget(&self, prefix: &str) {
        self.texts.update_value(|texts| texts.retain(|key, _| !key.starts_with(prefix)));
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
