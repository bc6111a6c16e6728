//! How the app looks where it runs: the organisation's settings ([`Organisation`], read
//! once at start from `accord-config.json`), the light or dark theme ([`Appearance`]) and
//! embed mode. The rules live in [`crate::domain::org_config`] and
//! [`crate::domain::appearance`]; this module applies them to the page and shows the
//! notice when the settings file has a problem.

use std::sync::Arc;

use leptos::prelude::*;

use crate::i18n::{render, t};

use crate::domain::appearance::Theme;
use crate::domain::org_config::{self, OrgConfig, Reading};
use crate::platform::{location, page};
use crate::store::preferences::THEME;
use crate::store::Store;

/// The organisation settings as read at start. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct Organisation(Arc<Reading>);

impl Organisation {
    pub fn new(reading: Reading) -> Organisation {
        Organisation(Arc::new(reading))
    }

    /// The settings in this app, or Accord's defaults where none were provided.
    pub fn get() -> Organisation {
        use_context::<Organisation>().unwrap_or_default()
    }

    pub fn config(&self) -> &OrgConfig {
        &self.0.config
    }

    pub fn reading(&self) -> &Reading {
        &self.0
    }
}

/// The theme the person chose and whether Accord runs embedded in another page.
#[derive(Clone, Copy, Debug)]
pub struct Appearance {
    pub theme: RwSignal<Theme>,
    pub embedded: bool,
}

impl Appearance {
    pub fn new(theme: Theme) -> Appearance {
        Appearance { theme: RwSignal::new(theme), embedded: location::embedded() }
    }

    /// The app's appearance, or a fresh one following the system (in component tests).
    pub fn get() -> Appearance {
        use_context::<Appearance>().unwrap_or_else(|| Appearance::new(Theme::System))
    }
}

/// Starts fetching the settings file at once; awaiting gives what it says. No file means
/// the defaults, silently.
pub fn load_organisation() -> impl std::future::Future<Output = Reading> {
    let text = page::fetch_text(org_config::FILE_NAME);
    async move { text.await.map_or_else(Reading::missing, |text| org_config::read(&text)) }
}

/// The theme chosen on this device (System if none, or if it cannot be read).
pub async fn saved_theme(store: &Store) -> Theme {
    store.preference(THEME).await.ok().flatten().and_then(|value| Theme::parse(&value)).unwrap_or(Theme::System)
}

/// Applies everything to the page before the app is drawn: the organisation's accent
/// colours, the theme and embed mode.
pub fn apply(organisation: &Organisation, appearance: &Appearance) {
    if let Some(palette) = &organisation.config().palette {
        for (name, value) in palette.css_properties() {
            page::set_root_property(name, &value);
        }
    }
    let theme = appearance.theme;
    apply_theme(theme.get_untracked());
    // "Same as this device" follows the device while Accord is open.
    page::on_prefers_dark_change(move || {
        if let Some(theme) = theme.try_get_untracked() {
            apply_theme(theme);
        }
    });
    page::set_root_attribute("data-embed", appearance.embedded.then_some("true"));
}

/// Sets `data-theme` on `<html>` to the theme in force, light or dark (for "Same as this
/// device", the device's): the stylesheet reads nothing else. `public/theme.js` sets the
/// device's before the first paint.
pub fn apply_theme(theme: Theme) {
    page::set_root_attribute("data-theme", Some(theme.data_theme(page::prefers_dark())));
}

/// On every screen while the settings file has a problem or settings Accord ignores.
#[component]
pub fn OrganisationNotice() -> impl IntoView {
    let organisation = Organisation::get();
    let reading = organisation.reading();
    let hidden = RwSignal::new(false);
    let message = reading.problem_message().or_else(|| reading.warning_message());
    message.map(|message| {
        view! {
            <Show when=move || !hidden.get()>
                <div class="org-notice notice notice--warning" role="region" aria-label=t("Organisation settings")>
                    <p>{render(&message)}</p>
                    <p>{t("If you look after Accord for your organisation, correct accord-config.json (README, “Organisation settings”); otherwise, tell whoever does.")}</p>
                    <button type="button" class="button" on:click=move |_| hidden.set(true)>{t("Hide this message")}</button>
                </div>
            </Show>
        }
    })
}
