//! [`SettingsPage`]: how Accord looks on this device, and which organisation settings
//! apply. Sections, in order: Appearance (light or dark), Language (to come), Organisation.

use leptos::prelude::*;

use crate::domain::appearance::Theme;
use crate::store::preferences::THEME;
use crate::ui::appearance::{apply_theme, Appearance, Organisation};
use crate::ui::components::{ErrorNotice, PageHeader};
use crate::ui::AppState;

#[component]
pub fn SettingsPage() -> impl IntoView {
    view! {
        <PageHeader title="Settings" lead="How Accord looks on this device. Settings stay in this browser and are not part of a backup." />
        <ThemeSection />
        // The language section comes here, between Appearance and Organisation.
        <OrganisationSection />
    }
}

/// Light, dark or the device's own setting; applied at once and kept on this device.
#[component]
fn ThemeSection() -> impl IntoView {
    let appearance = Appearance::get();
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |theme: &Theme| {
        let state = AppState::expect_untracked();
        let theme = *theme;
        async move { state.store.set_preference(THEME, theme.as_str()).await.err() }
    });
    let choose = move |theme: Theme| {
        appearance.theme.set(theme);
        apply_theme(theme);
        saved.set(true);
        save.dispatch(theme);
    };
    let help = |theme: Theme| match theme {
        Theme::System => "Light or dark, as this device or browser is set; it changes when the device changes.",
        Theme::Light => "Dark text on light backgrounds, whatever the device is set to.",
        Theme::Dark => "Light text on dark backgrounds, whatever the device is set to.",
    };
    view! {
        <section class="panel" aria-labelledby="appearance-heading">
            <h2 id="appearance-heading">"Appearance"</h2>
            <fieldset class="field field--choice">
                <legend>"Theme"</legend>
                <div class="choices">
                    {Theme::ALL.iter().copied().map(|theme| {
                        let id = format!("theme-{}", theme.as_str());
                        view! {
                            <div class="choice">
                                <input type="radio" name="theme" id=id.clone() value=theme.as_str()
                                    aria-describedby=format!("{id}-help")
                                    prop:checked=move || appearance.theme.get() == theme
                                    on:change=move |_| choose(theme) />
                                <label for=id.clone()>{theme.label()}</label>
                                <p class="choice__help" id=format!("{id}-help")>{help(theme)}</p>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
            <p class="settings__status" role="status">
                {move || match save.value().get() {
                    Some(Some(_)) => String::new(),
                    _ if save.pending().get() || saved.get() => format!("Theme: {}. Kept on this device.", appearance.theme.get().label()),
                    _ => String::new(),
                }}
            </p>
            {move || save.value().get().flatten().map(|error| view! { <ErrorNotice error=error /> })}
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
        view! { <p>{problem}</p> }.into_any()
    } else if config == Default::default() {
        view! {
            <p>"This copy of Accord has no organisation settings: it uses its own name, colours and contract templates. Whoever looks after it can add them in the file accord-config.json next to it."</p>
        }
        .into_any()
    } else {
        let facts = vec![
            ("Organisation", config.organisation_name.clone().unwrap_or_else(|| "Not set".into())),
            ("Accent colour", config.palette.as_ref().map_or("Accord's own".into(), |p| p.accent.hex())),
            ("Language Accord starts in", config.default_language.tag().to_string()),
            ("Code of ethics for new contracts", config.default_code_of_ethics.map_or("As each template says".into(), |c| c.label().to_string())),
            (
                "Contract templates",
                if config.contract_templates.is_empty() {
                    "Accord's own".into()
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
            <h2 id="organisation-heading">"Organisation settings"</h2>
            {body}
            {reading.warning_message().map(|warning| view! { <p class="notice notice--warning">{warning}</p> })}
        </section>
    }
}
