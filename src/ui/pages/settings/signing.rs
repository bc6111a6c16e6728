//! [`SigningKeySection`]: this device's signing key, by its fingerprint (rules in
//! `domain::signing`, the key kept by `store::signing_key`).

use leptos::prelude::*;

use crate::i18n::t;
use crate::platform::signing::KeyPair;
use crate::ui::actions::store_resource;
use crate::ui::components::when_read;
use crate::ui::route::Route;

/// The key's fingerprint in four groups a person reads aloud, and what it is for.
#[component]
pub fn SigningKeySection() -> impl IntoView {
    let key = store_resource(|store| async move { store.device_key().await });
    view! {
        <section class="panel" aria-labelledby="signing-key-heading">
            <h2 id="signing-key-heading">{t("Your signing key")}</h2>
            <p>{t("This copy of Accord has a signing key of its own, made on this device. Its private half never leaves the browser: it is in no backup, update or file. The fingerprint below names it; read it aloud to compare it with the one another person sees for you.")}</p>
            {when_read(key, t("your signing key"), |pair: KeyPair| view! {
                <dl class="facts">
                    <div>
                        <dt>{t("Fingerprint")}</dt>
                        <dd class="fingerprint">{pair.public.fingerprint().to_string()}</dd>
                    </div>
                    <div><dt>{t("Method")}</dt><dd>{pair.public.algorithm.label()}</dd></div>
                </dl>
            }.into_any())}
            <p class="panel__action"><a class="button" href=Route::CheckFile.href()>{t("Check a file's signatures")}</a></p>
        </section>
    }
}
