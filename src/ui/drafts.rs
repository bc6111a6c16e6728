//! [`Drafts`]: text a person has typed but not saved yet, kept across re-renders.
//!
//! A screen with several sections that save on their own (the session screen) reloads
//! its data after each save, and after a change in another tab. Without this, saving one
//! section would wipe what was typed but not yet saved in another. Each field's text
//! lives in a signal owned by the page, not by the section, with the stored value it
//! started from. When the stored value changes under a draft (another tab saved):
//! an untouched draft simply takes the new value; an edited one is marked *stale*, so
//! its section asks "reload or keep mine" instead of silently saving over the other
//! version ([`Drafts::is_stale`]). A section forgets its drafts once they are saved.

use std::collections::HashMap;

use leptos::prelude::*;

struct Draft {
    text: RwSignal<String>,
    /// The stored value the draft started from.
    base: String,
    /// The stored value changed while this draft held other text.
    stale: bool,
}

#[derive(Clone, Copy)]
pub struct Drafts {
    owner: StoredValue<Option<Owner>>,
    drafts: StoredValue<HashMap<String, Draft>>,
}

impl Drafts {
    /// Call once at the top of a page (outside anything that re-renders).
    pub fn new() -> Drafts {
        Drafts { owner: StoredValue::new(Owner::current()), drafts: StoredValue::new(HashMap::new()) }
    }

    /// The draft for `key`, started from `stored` the first time it is asked for.
    pub fn text(&self, key: &str, stored: &str) -> RwSignal<String> {
        let existing = self.drafts.try_update_value(|drafts| {
            drafts.get_mut(key).map(|draft| {
                if draft.base != stored {
                    if draft.text.get_untracked() == draft.base {
                        draft.text.set(stored.to_string());
                    } else {
                        draft.stale = true;
                    }
                    draft.base = stored.to_string();
                }
                draft.text
            })
        });
        if let Some(Some(text)) = existing {
            return text;
        }
        let make = || RwSignal::new(stored.to_string());
        let text = self.owner.with_value(|owner| match owner {
            Some(owner) => owner.with(make),
            None => make(),
        });
        self.drafts.update_value(|drafts| {
            drafts.insert(key.to_string(), Draft { text, base: stored.to_string(), stale: false });
        });
        text
    }

    /// Whether any draft whose key starts with `prefix` was overtaken by a change made
    /// elsewhere while it held unsaved text.
    pub fn is_stale(&self, prefix: &str) -> bool {
        self.drafts.with_value(|drafts| drafts.iter().any(|(key, d)| key.starts_with(prefix) && d.stale))
    }

    /// Keeps the drafts under `prefix` as they are (the person chose "keep mine").
    pub fn keep_mine(&self, prefix: &str) {
        self.drafts.update_value(|drafts| {
            for (_, draft) in drafts.iter_mut().filter(|(key, _)| key.starts_with(prefix)) {
                draft.stale = false;
            }
        });
    }

    /// Forgets the drafts whose keys start with `prefix` (after they were saved, or to
    /// show the stored version again).
    pub fn forget(&self, prefix: &str) {
        self.drafts.update_value(|drafts| drafts.retain(|key, _| !key.starts_with(prefix)));
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
