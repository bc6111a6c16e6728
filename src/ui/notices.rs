//! The app's one notice area: [`Notices`] holds the latest [`Notice`] (what just happened,
//! optionally with an [`Undo`]); [`Toast`] shows it. Screens say things through
//! [`store_action`](crate::ui::actions::store_action) or [`Notices::show`].

use leptos::prelude::*;

use crate::domain::kinds::RecordKind;
use crate::domain::RecordId;
use crate::i18n::t;

/// What a notice's "Undo" brings back: a record just deleted (of any kind), and what to
/// say once it is back.
#[derive(Debug, Clone, PartialEq)]
pub struct Undo {
    pub kind: RecordKind,
    pub id: RecordId,
    /// The notice once restored, e.g. "Restored the goal “Lead the team”."
    pub restored: String,
}

/// A short message about what just happened, optionally with an undo.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    pub message: String,
    /// A record that was just deleted and can be restored.
    pub undo: Option<Undo>,
    /// How many more screen changes the notice outlives. It survives the change that
    /// follows its action (save, then show the engagement) and goes with the next.
    navigations_left: u8,
}

/// The app's one notice area: shows the latest notice until it is dismissed, replaced,
/// or the person moves on to another screen.
#[derive(Debug, Clone, Copy)]
pub struct Notices(RwSignal<Option<Notice>>);

impl Notices {
    pub fn provide() -> Notices {
        let notices = Notices(RwSignal::new(None));
        provide_context(notices);
        notices
    }

    pub fn expect() -> Notices {
        expect_context::<Notices>()
    }

    pub fn show(&self, message: impl Into<String>) {
        self.0.set(Some(Notice { message: message.into(), undo: None, navigations_left: 1 }));
    }

    /// A notice after deleting something, with "Undo" to bring it back.
    pub fn show_with_undo(&self, message: impl Into<String>, undo: Undo) {
        self.0.set(Some(Notice { message: message.into(), undo: Some(undo), navigations_left: 1 }));
    }

    pub fn dismiss(&self) {
        self.0.set(None);
    }

    /// Call when the screen changes.
    pub fn navigated(&self) {
        self.0.update(|current| match current {
            Some(notice) if notice.navigations_left > 0 => notice.navigations_left -= 1,
            _ => *current = None,
        });
    }

    pub fn current(&self) -> Option<Notice> {
        self.0.get()
    }
}

/// Renders the current [`Notice`]. `on_undo` brings back what was deleted.
#[component]
pub fn Toast(on_undo: Callback<Undo>) -> impl IntoView {
    let notices = Notices::expect();
    view! {
        <div class="toast-region" role="status" aria-live="polite">
            {move || notices.current().map(|notice| {
                let undo = notice.undo.clone();
                view! {
                    <div class="toast">
                        <p class="toast__message">{notice.message.clone()}</p>
                        {undo.map(|id| view! {
                            <button type="button" class="button button--inverse"
                                on:click=move |_| on_undo.run(id.clone())>{t("Undo")}</button>
                        })}
                        <button type="button" class="toast__close" aria-label=t("Dismiss message")
                            on:click=move |_| notices.dismiss()>"×"</button>
                    </div>
                }
            })}
        </div>
    }
}
