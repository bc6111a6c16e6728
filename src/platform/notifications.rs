//! Notifications from this app on this device (the Notifications API): [`supported`] and
//! [`permission`] read what the browser allows, [`request`] asks it (only ever on the
//! person's click), [`show`] shows one through the service worker, so that clicking it
//! brings the app forward (`notificationclick` in `public/sw.js`). No push service and no
//! server: a notification is made here, and its icon and address are this app's own.

use std::future::Future;

use js_sys::{Function, Object, Promise, Reflect};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use super::service_worker;

/// The app's own icon, beside `index.html` (relative, so a copy in a sub-folder finds its own).
const ICON: &str = "icons/icon-192.png";

/// What the browser allows this site.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// Not asked yet (or the question was dismissed): asking is possible.
    Default,
    Granted,
    /// Refused; only the browser's site settings can change it.
    Denied,
}

/// Whether this browser can show notifications here: it has the Notifications API and
/// service workers (in a secure context).
pub fn supported() -> bool {
    notification().is_some() && service_worker::container().is_some()
}

/// What the browser allows, or `None` where it cannot show notifications.
pub fn permission() -> Option<Permission> {
    if !supported() {
        return None;
    }
    let class = notification()?;
    let value = Reflect::get(&class, &JsValue::from_str("permission")).ok()?.as_string();
    Some(parse(value.as_deref()))
}

/// Asks the browser for permission (its own question, shown at once, so the click that
/// called this still counts as the person's); resolves to the answer.
pub fn request() -> impl Future<Output = Permission> {
    let asked: Option<Promise> = notification().and_then(|class| {
        let ask = Reflect::get(&class, &JsValue::from_str("requestPermission")).ok()?.dyn_into::<Function>().ok()?;
        ask.call0(&class).ok()?.dyn_into::<Promise>().ok()
    });
    async move {
        match asked {
            Some(promise) => parse(JsFuture::from(promise).await.ok().and_then(|answer| answer.as_string()).as_deref()),
            None => permission().unwrap_or(Permission::Denied),
        }
    }
}

/// Shows a notification through the service worker once it runs: `tag` replaces an earlier
/// one with the same tag, `url` (a fragment such as `#/engagements/…`, made absolute on this
/// page's address) is where a click takes the person. Fails where no service worker runs
/// (a development build has none) or the browser refuses.
pub async fn show(title: &str, body: &str, tag: &str, url: &str) -> Result<(), JsValue> {
    if cfg!(debug_assertions) {
        return Err(JsValue::from_str("notifications need the service worker of a release build"));
    }
    let container = service_worker::container().ok_or_else(|| JsValue::from_str("no service worker"))?;
    let registration = JsFuture::from(container.ready()?).await?;
    let address = web_sys::Url::new_with_base(url, &web_sys::window().ok_or("no window")?.location().href()?)?.href();
    let data = Object::new();
    Reflect::set(&data, &"url".into(), &address.into())?;
    let options = Object::new();
    Reflect::set(&options, &"body".into(), &body.into())?;
    Reflect::set(&options, &"tag".into(), &tag.into())?;
    Reflect::set(&options, &"icon".into(), &ICON.into())?;
    Reflect::set(&options, &"data".into(), &data)?;
    let show: Function = Reflect::get(&registration, &"showNotification".into())?.dyn_into()?;
    let shown: Promise = show.call2(&registration, &title.into(), &options)?.dyn_into()?;
    JsFuture::from(shown).await.map(|_| ())
}

/// `window.Notification`, where the browser has it.
fn notification() -> Option<Function> {
    let window = web_sys::window()?;
    Reflect::get(&window, &JsValue::from_str("Notification")).ok()?.dyn_into::<Function>().ok()
}

fn parse(value: Option<&str>) -> Permission {
    match value {
        Some("granted") => Permission::Granted,
        Some("denied") => Permission::Denied,
        _ => Permission::Default,
    }
}
