//! [`App`]: the shell every screen shares (skip link, header with the product name and
//! navigation, the main area, the notice area) and the choice of screen by route. Embedded
//! (`?embed=1`), the header keeps only the navigation, so the app fits the host page.

use crate::i18n::{render, t};
use leptos::prelude::*;

use crate::domain::perspective;
use crate::platform::location;
use crate::store::{Protection, Store, StoreError};
use crate::ui::actions::store_resource;
use crate::ui::appearance::{Appearance, Organisation, OrganisationNotice};
use crate::ui::components::{ErrorNotice, Notices, PageHeader, Toast, Undo};
use crate::ui::language::Language;
use crate::ui::pages::conflicts::SyncConflictBanner;
use crate::ui::pages::{
    CheckFilePage, ContractPage, ContractPrintPage, ContractVersionPage, EngagementEditor, EngagementPage, EngagementsPage, EvidencePage,
    GoalEditor, GoalPage, GoalsPage, NewSessionPage, OpenProposalPage, OpenUpdatePage, QuestionnairePage, QuestionnairesPage, ReceivePage,
    SessionPage, SessionsPage, SettingsPage, SponsorUpdatePage, SummaryPage, SyncConflictPage, SyncConflictsPage, UpdatesPage, WheelPage,
    YourDataPage,
};
use crate::ui::protection::UnlockPage;
use crate::ui::route::{Route, Section};
use crate::ui::update_banner::UpdateBanner;
use crate::ui::AppState;

use crate::ui::PRODUCT_NAME;

/// The whole app. `store` is the opened database, or why it could not be opened.
#[component]
pub fn App(store: Result<Store, StoreError>) -> impl IntoView {
    let (route, set_route) = signal(Route::parse(&location::fragment()));
    let _listener = window_event_listener(leptos::ev::hashchange, move |_| {
        set_route.set(Route::parse(&location::fragment()));
    });
    let notices = Notices::provide();
    let language = Language::provide();
    let state = store.map(AppState::new);
    // Set when a newer version of Accord opened the data in another tab.
    let updated_elsewhere = RwSignal::new(false);
    if let Ok(state) = &state {
        provide_context(state.clone());
        state.store.on_version_change(move || updated_elsewhere.set(true));
    }
    // Protected data stays closed until the passphrase is entered.
    let locked = RwSignal::new(state.as_ref().is_ok_and(|s| s.store.protection() == Protection::Locked));
    // Sync runs once the data is open, if it is set up; it goes at once when the network returns.
    let sync_state = state.as_ref().ok().cloned();
    if let Some(state) = &sync_state {
        state.sync.start_if_set_up(state.clone());
        let runner = state.sync;
        let _online = window_event_listener(leptos::ev::online, move |_| runner.sync_now());
        // Notifications of what needs attention, if the person turned them on.
        crate::ui::notifications::watch(state.clone(), locked);
        // This device's signing key, made on first use (domain::signing).
        let store = state.store.clone();
        leptos::task::spawn_local(async move {
            if let Err(error) = store.device_key().await {
                web_sys::console::warn_1(&format!("Accord could not make this device's signing key: {error:?}").into());
            }
        });
    }
    let on_unlocked = Callback::new(move |_| {
        locked.set(false);
        if let Some(state) = &sync_state {
            state.sync.start_if_set_up(state.clone());
        }
    });
    let protection_changed = state.as_ref().ok().map(|s| s.protection_changed_elsewhere);

    // After navigating, start reading (and tabbing) from the top of the new screen.
    let main_ref = NodeRef::<leptos::html::Main>::new();
    Effect::new(move |previous: Option<Route>| {
        let current = route.get();
        language.track();
        document().set_title(&format!("{} · {PRODUCT_NAME}", current.title()));
        if previous.is_some_and(|previous| previous != current) {
            notices.navigated();
            window().scroll_to_with_x_and_y(0.0, 0.0);
            if let Some(main) = main_ref.get() {
                let _ = main.focus();
            }
        }
        current
    });

    let undo_state = state.clone().ok();
    let on_undo = Callback::new(move |undo: Undo| {
        let Some(state) = undo_state.clone() else { return };
        leptos::task::spawn_local(async move {
            match state.store.restore_record(undo.kind, &undo.id).await {
                Ok(()) => {
                    state.data_changed();
                    notices.show(undo.restored);
                }
                Err(error) => notices.show(render(&error.user_message())),
            }
        });
    });

    let skip_to_main = move |ev: leptos::ev::MouseEvent| {
        ev.prevent_default();
        if let Some(main) = main_ref.get() {
            let _ = main.focus();
        }
    };

    let organisation = Organisation::get();
    let embedded = Appearance::get().embedded;
    let org_name = organisation.config().organisation_name.clone();
    let logo = organisation.config().logo.clone();

    // A change of language draws the whole shell again, so every text is read anew.
    move || {
        language.track();
        let state = state.clone();
        let logo = logo.clone();
        let org_name = org_name.clone();
        let brand = (!embedded).then(|| {
            view! {
                <a class="brand" href=Route::Engagements.href()>
                    {match logo {
                        Some(logo) => view! { <img class="brand__logo" src=logo alt="" /> }.into_any(),
                        None => view! { <span class="brand__mark" aria-hidden="true">"A"</span> }.into_any(),
                    }}
                    <span class="brand__name">{PRODUCT_NAME}</span>
                    <span class="brand__tagline">{org_name.clone().unwrap_or_else(|| t("Coaching & mentoring").into())}</span>
                </a>
            }
        });
        let embedded_org = embedded.then(|| org_name.map(|name| view! { <span class="app-header__org">{name}</span> }));
        view! {
        <a class="skip-link" href="#main" on:click=skip_to_main>{t("Skip to content")}</a>
        <header class="app-header" class:app-header--embedded=embedded>
            <div class="app-header__inner">
                {brand}
                {embedded_org}
                <nav class="app-nav" aria-label=t("Main")>
                    <NavLink route=route section=Section::Engagements target=Route::Engagements label=t("Engagements") />
                    <EvidenceNavLink route=route open=state.is_ok() />
                    <NavLink route=route section=Section::YourData target=Route::YourData label=t("Your data") />
                    <NavLink route=route section=Section::Settings target=Route::Settings label=t("Settings") />
                </nav>
            </div>
        </header>
        <OrganisationNotice />
        <Show when=move || updated_elsewhere.get()>
            <div class="update-banner" role="alert">
                <p>{t("A newer version of Accord was opened in another tab. Reload this tab to keep working: everything you saved is safe.")}</p>
                <button type="button" class="button button--primary" on:click=|_| { let _ = window().location().reload(); }>{t("Reload")}</button>
            </div>
        </Show>
        <Show when=move || protection_changed.is_some_and(|changed| changed.get())>
            <div class="update-banner" role="alert">
                <p>{t("Passphrase protection was changed in another tab. Reload this tab to keep working: everything you saved is safe.")}</p>
                <button type="button" class="button button--primary" on:click=|_| { let _ = window().location().reload(); }>{t("Reload")}</button>
            </div>
        </Show>
        <UpdateBanner />
        <SyncConflictBanner route=route />
        <main id="main" class="app-main" tabindex="-1" node_ref=main_ref>
            {move || match &state {
                Err(error) => view! {
                    <PageHeader title=t("Accord cannot open your data") />
                    <ErrorNotice error=error.clone() />
                    // In another site's frame, browsers may refuse storage: on its own it works.
                    {embedded.then(|| view! {
                        <p><a class="button button--primary" href=location::standalone_address() target="_blank" rel="noopener">{t("Open Accord in its own tab")}</a></p>
                    })}
                }.into_any(),
                Ok(_) if locked.get() => view! { <UnlockPage on_unlocked=on_unlocked /> }.into_any(),
                Ok(_) => screen(route.get()),
            }}
        </main>
        <Toast on_undo=on_undo />
        }
    }
}

fn screen(route: Route) -> AnyView {
    match route {
        Route::Engagements => view! { <EngagementsPage /> }.into_any(),
        Route::NewEngagement => view! { <EngagementEditor id=None /> }.into_any(),
        Route::Engagement(id) => view! { <EngagementPage id=id /> }.into_any(),
        Route::EditEngagement(id) => view! { <EngagementEditor id=Some(id) /> }.into_any(),
        Route::Contract(id) => view! { <ContractPage engagement_id=id /> }.into_any(),
        Route::ContractVersion(id, version) => view! { <ContractVersionPage engagement_id=id version=version /> }.into_any(),
        Route::ContractPrint(id, version) => view! { <ContractPrintPage engagement_id=id version=version /> }.into_any(),
        Route::Goals(id) => view! { <GoalsPage engagement_id=id /> }.into_any(),
        Route::NewGoal(id) => view! { <GoalEditor engagement_id=id goal_id=None /> }.into_any(),
        Route::Goal(id, goal) => view! { <GoalPage engagement_id=id goal_id=goal /> }.into_any(),
        Route::EditGoal(id, goal) => view! { <GoalEditor engagement_id=id goal_id=Some(goal) /> }.into_any(),
        Route::Sessions(id) => view! { <SessionsPage engagement_id=id /> }.into_any(),
        Route::NewSession(id) => view! { <NewSessionPage engagement_id=id /> }.into_any(),
        Route::Session(id, session) => view! { <SessionPage engagement_id=id session_id=session /> }.into_any(),
        Route::Evidence => view! { <EvidencePage /> }.into_any(),
        Route::SponsorUpdate(id) => view! { <SponsorUpdatePage engagement_id=id /> }.into_any(),
        Route::Summary(id) => view! { <SummaryPage engagement_id=id /> }.into_any(),
        Route::Wheel(id) => view! { <WheelPage engagement_id=id /> }.into_any(),
        Route::Questionnaires(id) => view! { <QuestionnairesPage engagement_id=id /> }.into_any(),
        Route::Questionnaire(id, given) => view! { <QuestionnairePage engagement_id=id questionnaire_id=given /> }.into_any(),
        Route::OpenProposal => view! { <OpenProposalPage /> }.into_any(),
        Route::Updates(id) => view! { <UpdatesPage engagement_id=id /> }.into_any(),
        Route::OpenUpdate => view! { <OpenUpdatePage /> }.into_any(),
        Route::CheckFile => view! { <CheckFilePage /> }.into_any(),
        Route::Receive(rest) => view! { <ReceivePage rest=rest /> }.into_any(),
        Route::YourData => view! { <YourDataPage /> }.into_any(),
        Route::Settings => view! { <SettingsPage /> }.into_any(),
        Route::SyncConflicts => view! { <SyncConflictsPage /> }.into_any(),
        Route::SyncConflict(doc_id) => view! { <SyncConflictPage doc_id=doc_id /> }.into_any(),
        Route::NotFound => view! { <crate::ui::components::NotFound /> }.into_any(),
    }
}

/// "Evidence" in the main navigation, only where this device keeps evidence of practice
/// (`domain::perspective::keeps_evidence`): someone who is only ever the client or the
/// sponsor here has none. Shown while that is not known yet, or the data cannot be read.
#[component]
fn EvidenceNavLink(route: ReadSignal<Route>, open: bool) -> impl IntoView {
    let keeps = open.then(|| {
        store_resource(|store| async move {
            let (engagements, perspectives) = (store.list_engagements().await?, store.perspectives().await?);
            Ok::<_, StoreError>(perspective::keeps_evidence(&engagements, &perspectives))
        })
    });
    let shown = move || keeps.is_none_or(|keeps| keeps.get().and_then(Result::ok).unwrap_or(true));
    view! {
        <Show when=shown>
            <NavLink route=route section=Section::Evidence target=Route::Evidence label=t("Evidence") />
        </Show>
    }
}

#[component]
fn NavLink(route: ReadSignal<Route>, section: Section, target: Route, label: &'static str) -> impl IntoView {
    view! {
        <a href=target.href() aria-current=move || (route.get().section() == section).then_some("page")>{label}</a>
    }
}
