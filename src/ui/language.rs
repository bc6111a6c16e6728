//! The interface language on screen: chosen from the browser's languages at first, then
//! from the person's choice ([`LanguageSetting`]), remembered on this device.
//!
//! [`Language`] is a signal in the context. The shell re-renders when it changes, so every
//! text reads [`crate::i18n::t`] again without a reload. `<html lang>` follows it.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::domain::org_config;
use crate::i18n::{self, t, Lang};
use crate::store::preferences::LANGUAGE;
use crate::store::Store;
use crate::ui::components::Notices;
use crate::ui::AppState;

/// The interface language, as a signal every screen can read.
#[derive(Debug, Clone, Copy)]
pub struct Language(pub RwSignal<Lang>);

impl Language {
    /// Provides the signal, starting from the language already applied by [`start_language`].
    pub fn provide() -> Language {
        let language = Language(RwSignal::new(i18n::current()));
        provide_context(language);
        language
    }

    pub fn expect() -> Language {
        expect_context::<Language>()
    }

    /// Tracks the language: a view that calls this is drawn again when it changes.
    pub fn track(&self) -> Lang {
        self.0.get()
    }

    /// Switches the interface to `lang` at once.
    pub fn set(&self, lang: Lang) {
        apply(lang);
        self.0.set(lang);
    }
}

/// The languages the browser prefers, best first (`navigator.languages`).
fn browser_languages() -> Vec<String> {
    let navigator = window().navigator();
    let list: Vec<String> = navigator.languages().iter().filter_map(|value| value.as_string()).collect();
    if list.is_empty() {
        navigator.language().into_iter().collect()
    } else {
        list
    }
}

/// The browser's language if Accord speaks it, else English.
pub fn browser_language() -> Lang {
    Lang::from_preferred(browser_languages().iter().map(String::as_str))
}

/// Makes `lang` the language of every text and of the document.
pub fn apply(lang: Lang) {
    i18n::set_current(lang);
    if let Some(root) = document().document_element() {
        let _ = root.set_attribute("lang", lang.code());
    }
}

/// The language to start in: the one chosen on this device, else the organisation's
/// default (its settings file), else the browser's.
pub async fn start_language(store: Option<&Store>, organisation_default: Option<org_config::Language>) {
    let chosen = match store {
        Some(store) => store.preference(LANGUAGE).await.ok().flatten().and_then(|code| Lang::parse(&code)),
        None => None,
    };
    let organisation = organisation_default.and_then(|language| Lang::parse(language.tag()));
    apply(chosen.or(organisation).unwrap_or_else(browser_language));
}

/// "Language / Sprache": a choice between the interface languages, applied at once and
/// remembered on this device.
#[component]
pub fn LanguageSetting() -> impl IntoView {
    let language = Language::expect();
    let notices = Notices::expect();
    let on_change = move |ev: leptos::ev::Event| {
        let Some(lang) = ev
            .target()
            .and_then(|target| target.dyn_into::<web_sys::HtmlSelectElement>().ok())
            .and_then(|select| Lang::parse(&select.value()))
        else {
            return;
        };
        language.set(lang);
        let state = AppState::expect();
        leptos::task::spawn_local(async move {
            if let Err(error) = state.store.set_preference(LANGUAGE, lang.code()).await {
                notices.show(i18n::render(&error.user_message()));
            }
        });
    };
    view! {
        <section class="panel" aria-labelledby="language-title">
            <h2 id="language-title">{t("Language")}</h2>
            <div class="field">
                <label for="language">"Language / Sprache"</label>
                <p class="field__help" id="language-help">{t("The language of every screen. Until you choose one here, Accord starts in the language your organisation set, or else in your browser's.")}</p>
                <select id="language" name="language" aria-describedby="language-help" on:change=on_change>
                    {Lang::ALL.into_iter().map(|lang| view! {
                        <option value=lang.code() lang=lang.code() selected=move || language.track() == lang>{lang.name()}</option>
                    }).collect_view()}
                </select>
            </div>
        </section>
    }
}
