//! [`UpdateBanner`]: says when a newer version of Accord has been downloaded and is
//! ready, and switches to it only when the person clicks "Reload", never on its own, so
//! nothing changes under someone in the middle of typing. Mounted once, in the shell.

use crate::i18n::t;
use leptos::prelude::*;

use crate::platform::service_worker;

#[component]
pub fn UpdateBanner() -> impl IntoView {
    let update_waiting = RwSignal::new(false);
    service_worker::register(move || update_waiting.set(true));
    // The live region is always there, so screen readers announce the banner when it appears.
    view! {
        <div class="update-status" role="status">
            <Show when=move || update_waiting.get()>
                <div class="update-banner update-banner--calm">
                    <p>
                        <strong>{t("Update available.")}</strong>
                        {t(" A new version of Accord is ready. Save what you are working on, then reload to use it.")}
                    </p>
                    <button type="button" class="button button--primary" on:click=|_| service_worker::activate_waiting()>
                        {t("Reload")}
                    </button>
                </div>
            </Show>
        </div>
    }
}
