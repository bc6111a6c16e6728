//! [`SettingsPage`]: how Accord looks on this device, and which organisation settings
//! apply. Sections, in order: Appearance (light or dark), Language, Notifications (in
//! [`notifications`]), Sync (in [`sync`]), Your signing key (in [`signing`]), Organisation.

pub mod notifications;
pub mod signing;
pub mod sync;

use leptos::prelude::*;

use crate::domain::appearance::Theme;
use crate::i18n::{render, t};
use crate::store::preferences::THEME;
use crate::tr;
use crate::ui::actions::{store_action, Said};
use crate::ui::appearance::{apply_theme, Appearance, Organisation};
use crate::ui::components::{ActionError, PageHeader};
use crate::ui::language::LanguageSetting;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <PageHeader title=t("Settings") lead=t("How Accord looks on this device. Settings stay in this browser and are not part of a backup.") />
        <ThemeSection />
        <LanguageSetting />
        <notifications::NotificationsSection />
        <sync::SyncSection />
        <signing::SigningKeySection />
        <OrganisationSection />
    }
}

/// Light, dark or the device's own setting; applied at once and kept on this device.
#[component]
fn ThemeSection() -> impl IntoView {
    let appearance = Appearance::get();
    let saved = RwSignal::new(false);
    let save = store_action(|store, theme: Theme| async move { store.set_preference(THEME, theme.as_str()).await }, |_| Said::Nothing);
    let choose = move |theme: Theme| {
        appearance.theme.set(theme);
        apply_theme(theme);
        saved.set(true);
        save.dispatch(theme);
    };
    let help = |theme: Theme| match theme {
        Theme::System => t("Light or dark, as this device or browser is set; it changes when the device changes."),
        Theme::Light => t("Dark text on light backgrounds, whatever the device is set to."),
        Theme::Dark => t("Light text on dark backgrounds, whatever the device is set to."),
    };
    view! {
        <section class="panel" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">{t("Appearance")}</h2>
            <fieldset class="field field--choice">
                <legend>{t("Theme")}</legend>
                <div class="choices">
                    {Theme::ALL.iter().copied().map(|theme| {
                        let id = format!("theme-{}", theme.as_str());
                        view! {
                            <div class="choice">
                                <input type="radio" name="theme" id=id.clone() value=theme.as_str()
                                    aria-describedby=format!("{id}-help")
                                    prop:checked=move || appearance.theme.get() == theme
                                    on:change=move |_| choose(theme) />
                                <label for=id.clone()>{t(theme.label())}</label>
                                <p class="choice__help" id=format!("{id}-help")>{help(theme)}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <p class="settings__status" role="status">
                {move || match save.value().get() {
                    Some(Some(_)) => String::new(),
                    _ if save.pending().get() || saved.get() => tr!("Theme: {theme}. Kept on this device.", theme = t(appearance.theme.get().label())),
                    _ => String::new(),
                }}
            </p>
            <ActionError action=save />
        </section>
    }
}

/// What the organisation settings file (`accord-config.json`) set, for people and for
/// whoever looks after Accord.
#[component]
fn OrganisationSection() -> impl IntoView {
    let organisation = Organisation::get();
    let config = organisation.config().clone();
    let reading = organisation.reading().clone();
    let body = if let Some(problem) = reading.problem_message() {
        view! { <p>{render(&problem)}</p> }.into_any()
    } else if config == Default::default() {
        view! {
            <p>{t("This copy of Accord has no organisation settings: it uses its own name, colours and contract templates. Whoever looks after it can add them in the file accord-config.json next to it.")}</p>
        }
        .into_any()
    } else {
        let facts = vec![
            (t("Organisation"), config.organisation_name.clone().unwrap_or_else(|| t("Not set").into())),
            (t("Accent colour"), config.palette.as_ref().map_or(t("Accord's own").into(), |p| p.accent.hex())),
            (
                t("Language Accord starts in"),
                config
                    .default_language
                    .and_then(|l| crate::i18n::Lang::parse(l.tag()))
                    .map_or(t("The browser's language").into(), |l| l.name().to_string()),
            ),
            (
                t("Code of ethics for new contracts"),
                config.default_code_of_ethics.map_or(t("As each template says").into(), |c| t(c.label()).to_string()),
            ),
            (
                t("Contract templates"),
                if config.contract_templates.is_empty() {
                    t("Accord's own").into()
                } else {
                    config.contract_templates.iter().map(|t| t.name.clone()).collect::<Vec<_>>().join(", ")
                },
            ),
        ];
        view! {
            <dl class="facts">
                {facts.into_iter().map(|(term, value)| view! { <div><dt>{term}</dt><dd>{value}</dd></div> }).collect_view()}
            </dl>
        }
        .into_any()
    };
    view! {
        <section class="panel" aria-labelledby="organisation-heading">
            <h2 id="organisation-heading">{t("Organisation settings")}</h2>
            {body}
            {reading.warning_message().map(|warning| view! { <p class="notice notice--warning">{render(&warning)}</p> })}
        </section>
    }
}
