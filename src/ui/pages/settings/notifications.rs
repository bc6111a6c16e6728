//! [`NotificationsSection`]: whether this device tells the person when something needs
//! their attention (`ui::notifications` shows them). Off until they turn it on; the
//! browser asks its own question only when they click "Turn on notifications". Where the
//! browser cannot, or has blocked the site, the panel says so and what still works.

use leptos::prelude::*;

use crate::i18n::t;
use crate::platform::notifications::{self, Permission};
use crate::ui::actions::{store_action, store_resource, Said};
use crate::ui::components::ActionError;
use crate::ui::notifications::{turn, turned_on};

#[component]
pub fn NotificationsSection() -> impl IntoView {
    let permission = RwSignal::new(notifications::permission());
    let chosen = store_resource(|store| async move { turned_on(&store).await });
    let choose = store_action(|store, on: bool| async move { turn(&store, on).await }, |_| Said::Nothing);
    let asking = RwSignal::new(false);
    let turn_on = move |_| {
        if permission.get_untracked() == Some(Permission::Granted) {
            choose.dispatch(true);
            return;
        }
        asking.set(true);
        // Asked now, while the click still counts as the person's.
        let answer = notifications::request();
        leptos::task::spawn_local(async move {
            let answer = answer.await;
            permission.set(Some(answer));
            asking.set(false);
            if answer == Permission::Granted {
                choose.dispatch(true);
            }
        });
    };
    let state = move || {
        match (permission.get(), chosen.get()) {
        (None, _) => view! {
            <p>{t("This browser cannot show notifications. The home screen's list and your calendar reminders still work.")}</p>
        }
        .into_any(),
        (Some(Permission::Denied), _) => view! {
            <p class="notice notice--warning" role="status">
                {t("Notifications are blocked for this site in the browser's settings. To use them, allow notifications for this site there, then come back.")}
            </p>
        }
        .into_any(),
        (Some(Permission::Granted), Some(Ok(true))) => view! {
            <p class="settings__status" role="status">{t("Notifications are on.")}</p>
            <div class="form__actions">
                <button type="button" class="button" on:click=move |_| { choose.dispatch(false); } disabled=move || choose.pending().get()>
                    {t("Turn off")}
                </button>
            </div>
        }
        .into_any(),
        (Some(_), _) => view! {
            <p class="settings__status" role="status">{t("Notifications are off.")}</p>
            <div class="form__actions">
                <button type="button" class="button button--primary" on:click=turn_on disabled=move || asking.get() || choose.pending().get()>
                    {t("Turn on notifications")}
                </button>
            </div>
        }
        .into_any(),
    }
    };
    view! {
        <section class="panel" aria-labelledby="notifications-heading">
            <h2 id="notifications-heading">{t("Notifications")}</h2>
            <p>{t("Accord can tell you on this device when something needs your attention (themes not sent, a session to record, an update to approve…). Nothing is sent anywhere: the notice comes from this app on this device.")}</p>
            {state}
            <ActionError action=choose />
        </section>
    }
}
