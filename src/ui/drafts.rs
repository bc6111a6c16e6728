//! [`Drafts`]: text a person has typed but not saved yet, kept across re-renders and, for
//! a screen that asks for it, on the device across a reload, a crash or a closed tab.
//!
//! A screen with several sections that save on their own (the session screen) reloads
//! its data after each save, and after a change in another tab. Without this, saving one
//! section would wipe what was typed but not yet saved in another. Each field's text
//! lives in a signal owned by the page, not by the section, with the stored value it
//! started from. When the stored value changes under a draft (another tab saved):
//! an untouched draft simply takes the new value; an edited one is marked *stale*, so
//! its section asks "reload or keep mine" instead of silently saving over the other
//! version ([`Drafts::is_stale`]). A section forgets its drafts once they are saved.
//!
//! [`Drafts::kept_on_device`] also keeps each unsaved text on the device (through the
//! store's [`UnsavedText`], sealed when protection is on), half a second after the last
//! keystroke. When the screen opens again, the text comes back into its field, with a
//! notice; if the record changed since, the field's section asks "reload or keep mine".

use std::collections::HashMap;

use leptos::prelude::*;

use crate::i18n::t;
use crate::platform::clock;
use crate::store::{Store, UnsavedText, UnsavedTexts};
use crate::ui::components::Notices;
use crate::ui::AppState;

/// How long after the last keystroke unsaved text is written to the device.
const KEEP_AFTER_MS: u32 = 500;

struct Draft {
    text: RwSignal<String>,
    /// The stored value the draft started from.
    base: String,
    /// The stored value changed while this draft held other text.
    stale: bool,
    /// Counts changes, so only the last of a quick run is written to the device.
    generation: u64,
}

#[derive(Clone, Copy)]
pub struct Drafts {
    owner: StoredValue<Option<Owner>>,
    drafts: StoredValue<HashMap<String, Draft>>,
    /// Where unsaved text is kept on the device (the store, and this screen's scope in it);
    /// `None` keeps it in memory only.
    device: StoredValue<Option<(Store, String)>>,
    /// Unsaved text found on the device for fields not asked for yet.
    restored: StoredValue<UnsavedTexts>,
}

impl Drafts {
    /// Call once at the top of a page (outside anything that re-renders).
    pub fn new() -> Drafts {
        Drafts {
            owner: StoredValue::new(Owner::current()),
            drafts: StoredValue::new(HashMap::new()),
            device: StoredValue::new(None),
            restored: StoredValue::new(UnsavedTexts::new()),
        }
    }

    /// Like [`Drafts::new`], keeping unsaved text on the device under `scope` (one per
    /// record, e.g. `session:<id>`) and bringing back what was kept there before.
    pub fn kept_on_device(scope: impl Into<String>) -> Drafts {
        let drafts = Drafts::new();
        let scope = scope.into();
        let store = AppState::expect().store;
        drafts.device.set_value(Some((store.clone(), scope.clone())));
        let notices = Notices::expect();
        leptos::task::spawn_local(async move {
            // Locked or unreadable: nothing to bring back.
            let kept = store.unsaved_texts(&scope).await.unwrap_or_default();
            if drafts.bring_back(kept) > 0 {
                notices.show(t("What you typed here and had not saved is back. Save it to keep it."));
            }
        });
        drafts
    }

    /// Puts kept text into the fields already on screen (untouched ones only) and keeps
    /// the rest for when their fields are asked for. How many fields get text back.
    fn bring_back(&self, kept: UnsavedTexts) -> usize {
        let brought = kept.values().filter(|unsaved| unsaved.text != unsaved.base).count();
        let mut later = UnsavedTexts::new();
        for (key, unsaved) in kept {
            let on_screen = self
                .drafts
                .try_update_value(|drafts| {
                    drafts.get_mut(&key).map(|draft| {
                        if draft.text.get_untracked() == draft.base {
                            Self::apply(draft, &unsaved);
                        }
                    })
                })
                .flatten()
                .is_some();
            if !on_screen {
                later.insert(key, unsaved);
            }
        }
        self.restored.update_value(|restored| restored.extend(later));
        brought
    }

    /// Kept text into a draft: if the record changed since it was typed, the draft is stale.
    fn apply(draft: &mut Draft, unsaved: &UnsavedText) {
        if unsaved.text == draft.base {
            return;
        }
        draft.text.set(unsaved.text.clone());
        draft.stale = unsaved.base != draft.base;
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
        let mut draft = Draft { text, base: stored.to_string(), stale: false, generation: 0 };
        if let Some(unsaved) = self.restored.try_update_value(|restored| restored.remove(key)).flatten() {
            Self::apply(&mut draft, &unsaved);
        }
        self.drafts.update_value(|drafts| {
            drafts.insert(key.to_string(), draft);
        });
        if self.device.with_value(Option::is_some) {
            self.keep_on_device(key.to_string(), text);
        }
        text
    }

    /// Writes `text` to the device a moment after it stops changing.
    fn keep_on_device(&self, key: String, text: RwSignal<String>) {
        let this = *self;
        let watch = move || {
            Effect::new(move |previous: Option<String>| {
                let value = text.get();
                if previous.as_ref().is_some_and(|p| *p != value) {
                    this.schedule_keep(&key);
                }
                value
            });
        };
        self.owner.with_value(|owner| match owner {
            Some(owner) => owner.with(watch),
            None => watch(),
        });
    }

    fn schedule_keep(&self, key: &str) {
        let Some(generation) = self
            .drafts
            .try_update_value(|drafts| {
                drafts.get_mut(key).map(|draft| {
                    draft.generation += 1;
                    draft.generation
                })
            })
            .flatten()
        else {
            return;
        };
        let (this, key) = (*self, key.to_string());
        leptos::task::spawn_local(async move {
            gloo_timers::future::TimeoutFuture::new(KEEP_AFTER_MS).await;
            let Some(Some((text, base))) = this.drafts.try_with_value(|drafts| {
                drafts.get(&key).filter(|d| d.generation == generation).map(|d| (d.text.get_untracked(), d.base.clone()))
            }) else {
                return;
            };
            let Some(Some((store, scope))) = this.device.try_get_value() else { return };
            let unsaved = (text != base).then(|| UnsavedText { text, base, at: clock::now() });
            // Not kept (locked, or the browser refused): the text is still on screen.
            let _ = store.keep_unsaved_text(&scope, &key, unsaved).await;
        });
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
    /// show the stored version again), on the device too.
    pub fn forget(&self, prefix: &str) {
        self.drafts.update_value(|drafts| drafts.retain(|key, _| !key.starts_with(prefix)));
        self.restored.update_value(|restored| restored.retain(|key, _| !key.starts_with(prefix)));
        if let Some(Some((store, scope))) = self.device.try_get_value() {
            let prefix = prefix.to_string();
            leptos::task::spawn_local(async move {
                let _ = store.forget_unsaved_texts(&scope, &prefix).await;
            });
        }
    }
}

impl Default for Drafts {
    fn default() -> Self {
        Drafts::new()
    }
}
