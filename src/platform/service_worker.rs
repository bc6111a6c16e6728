//! The service worker (`sw.js`, written by `scripts/finish-build.mjs` from `public/sw.js`):
//! it keeps every file of this build, so after one visit Accord opens with no network.
//!
//! [`register`] installs it and calls back when a newer build has been downloaded and is
//! waiting. A waiting build never takes over by itself, so nothing is swapped under a
//! person mid-edit: [`activate_waiting`], called when they click "Reload", asks it to take
//! over and reloads once it has. The browser looks for a new build at each visit; this
//! module also looks when the page becomes visible again, and every hour.
//!
//! Only in release builds (a development server rebuilds too often for a copy to help),
//! in a secure context, where the browser has service workers. Without one, everything
//! else works the same; only opening with no network does not.

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use js_sys::Reflect;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;
use web_sys::{ServiceWorker, ServiceWorkerContainer, ServiceWorkerRegistration, ServiceWorkerState};

/// Relative, so a copy of Accord in a sub-folder registers its own worker for that folder.
const SCRIPT: &str = "./sw.js";
const SCOPE: &str = "./";
/// The message `sw.js` answers by taking over.
const TAKE_OVER: &str = "skip-waiting";
const CHECK_EVERY_MS: u32 = 60 * 60 * 1000;
/// If the new build has not taken over by then, reload anyway (it activates on reload).
const RELOAD_FALLBACK_MS: u32 = 4000;

thread_local! {
    static REGISTRATION: RefCell<Option<ServiceWorkerRegistration>> = const { RefCell::new(None) };
    /// Set when the person asked for the new build: only then does a change of worker reload.
    static RELOAD_ON_TAKE_OVER: Cell<bool> = const { Cell::new(false) };
}

/// The browser's service worker container, if this page may use one.
pub(crate) fn container() -> Option<ServiceWorkerContainer> {
    let window = web_sys::window()?;
    if !window.is_secure_context() {
        return None;
    }
    // Without service workers, web-sys would hand back `undefined`.
    Reflect::get(&window.navigator(), &JsValue::from_str("serviceWorker")).ok()?.dyn_into().ok()
}

/// Registers the service worker; `on_update_waiting` is called when a newer build is
/// installed and waiting for this page to let it take over (at most once per page).
pub fn register(on_update_waiting: impl Fn() + 'static) {
    if cfg!(debug_assertions) {
        return;
    }
    let Some(container) = container() else { return };
    let reload_after_take_over = Closure::<dyn Fn()>::new(|| {
        if RELOAD_ON_TAKE_OVER.with(Cell::get) {
            reload();
        }
    });
    container.set_oncontrollerchange(Some(reload_after_take_over.as_ref().unchecked_ref()));
    reload_after_take_over.forget();

    let announced = Cell::new(false);
    let on_update_waiting: Rc<dyn Fn()> = Rc::new(move || {
        if !announced.replace(true) {
            on_update_waiting();
        }
    });
    wasm_bindgen_futures::spawn_local(async move {
        let options = web_sys::RegistrationOptions::new();
        options.set_scope(SCOPE);
        // Some browsers and policies that block service workers answer with no registration.
        match JsFuture::from(container.register_with_options(SCRIPT, &options)).await.map(JsCast::dyn_into) {
            Ok(Ok(registration)) => watch(registration, container, on_update_waiting),
            Ok(Err(nothing)) | Err(nothing) => {
                web_sys::console::warn_2(&"Accord will not work offline: the service worker did not register.".into(), &nothing)
            }
        }
    });
}

/// Lets the waiting build take over, then reloads into it. With none waiting (another tab
/// already let it take over), reloads at once.
pub fn activate_waiting() {
    let waiting = REGISTRATION.with(|cell| cell.borrow().as_ref().and_then(ServiceWorkerRegistration::waiting));
    let Some(waiting) = waiting else {
        reload();
        return;
    };
    RELOAD_ON_TAKE_OVER.with(|flag| flag.set(true));
    if waiting.post_message(&JsValue::from_str(TAKE_OVER)).is_err() {
        reload();
        return;
    }
    gloo_timers::callback::Timeout::new(RELOAD_FALLBACK_MS, reload).forget();
}

fn watch(registration: ServiceWorkerRegistration, container: ServiceWorkerContainer, on_update_waiting: Rc<dyn Fn()>) {
    // A first install is not an update: only a page already run by a worker has an older build.
    let is_update = {
        let container = container.clone();
        move || container.controller().is_some()
    };
    if registration.waiting().is_some() && is_update() {
        on_update_waiting();
    }
    let when_installed = {
        let on_update_waiting = on_update_waiting.clone();
        let is_update = is_update.clone();
        move |worker: ServiceWorker| {
            let on_update_waiting = on_update_waiting.clone();
            let is_update = is_update.clone();
            let watched = worker.clone();
            let on_state_change = Closure::<dyn Fn()>::new(move || {
                if watched.state() == ServiceWorkerState::Installed && is_update() {
                    on_update_waiting();
                }
            });
            worker.set_onstatechange(Some(on_state_change.as_ref().unchecked_ref()));
            on_state_change.forget();
        }
    };
    if let Some(installing) = registration.installing() {
        when_installed(installing);
    }
    let found = registration.clone();
    let on_update_found = Closure::<dyn Fn()>::new(move || {
        if let Some(installing) = found.installing() {
            when_installed(installing);
        }
    });
    registration.set_onupdatefound(Some(on_update_found.as_ref().unchecked_ref()));
    on_update_found.forget();

    REGISTRATION.with(|cell| *cell.borrow_mut() = Some(registration));
    gloo_timers::callback::Interval::new(CHECK_EVERY_MS, check_for_update).forget();
    let on_visible = Closure::<dyn Fn()>::new(|| {
        if web_sys::window().and_then(|w| w.document()).is_some_and(|d| !d.hidden()) {
            check_for_update();
        }
    });
    if let Some(document) = web_sys::window().and_then(|w| w.document()) {
        let _ = document.add_event_listener_with_callback("visibilitychange", on_visible.as_ref().unchecked_ref());
    }
    on_visible.forget();
}

/// Asks the browser to look for a new build now. Failing (offline) is fine: it looks again.
fn check_for_update() {
    let Some(promise) = REGISTRATION.with(|cell| cell.borrow().as_ref().and_then(|r| r.update().ok())) else { return };
    wasm_bindgen_futures::spawn_local(async move {
        let _ = JsFuture::from(promise).await;
    });
}

fn reload() {
    if let Some(window) = web_sys::window() {
        let _ = window.location().reload();
    }
}
