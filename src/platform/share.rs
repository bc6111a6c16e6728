//! Links and sharing through the browser (the link format in `domain::share_link`).
//!
//! [`seal`] compresses a file's text with the browser's `CompressionStream` (raw DEFLATE)
//! and encrypts it with AES-256-GCM under a fresh random key, or one derived from a
//! passphrase ([`SealWith`]), giving the [`LinkPayload`] a link carries; [`open`]
//! reverses it, naming a link that was changed or a passphrase that does not open it.
//! [`link_to`] is this app's address with a payload's fragment. [`copy`] puts text on the
//! clipboard; [`share`] hands a link to the system's share sheet where the browser has one
//! ([`can_share`]).

use js_sys::{Array, Function, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::share_link::{LinkError, LinkPayload, Lock, AAD, KEY_BYTES};
use crate::domain::vault::{SealedBox, SALT_BYTES};
use crate::platform::crypto;

fn failed(error: JsValue) -> String {
    let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let message = Reflect::get(&error, &"message".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    format!("the browser could not make the link ({name}: {message})")
}

fn global_function(name: &str) -> Result<Function, String> {
    Reflect::get(&js_sys::global(), &name.into())
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok())
        .ok_or_else(|| format!("this browser has no {name}"))
}

fn method(target: &JsValue, name: &str) -> Result<Function, String> {
    Reflect::get(target, &name.into()).map_err(failed)?.dyn_into::<Function>().map_err(|_| format!("no {name} here"))
}

/// `bytes` through a `CompressionStream` or `DecompressionStream` (`stream`) of raw DEFLATE.
async fn through(stream: &str, bytes: &[u8]) -> Result<Vec<u8>, String> {
    let transform = Reflect::construct(&global_function(stream)?, &Array::of1(&"deflate-raw".into())).map_err(failed)?;
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts).map_err(failed)?;
    let readable = method(&blob, "stream")?.call0(&blob).map_err(failed)?;
    let piped = method(&readable, "pipeThrough")?.call1(&readable, &transform).map_err(failed)?;
    let response = Reflect::construct(&global_function("Response")?, &Array::of1(&piped)).map_err(failed)?;
    let buffer = method(&response, "arrayBuffer")?.call0(&response).map_err(failed)?;
    let buffer = JsFuture::from(js_sys::Promise::from(buffer)).await.map_err(failed)?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// What locks a new link.
#[derive(Debug, Clone, Copy)]
pub enum SealWith<'a> {
    /// A new random key, carried in the link.
    NewKey,
    /// A key derived from this passphrase (Argon2id, about a second); only the salt is in
    /// the link.
    Passphrase(&'a str),
}

/// The payload of a link carrying `text`: compressed, then encrypted.
pub async fn seal(text: &str, with: SealWith<'_>) -> Result<LinkPayload, String> {
    let compressed = through("CompressionStream", text.as_bytes()).await?;
    let (key, lock) = match with {
        SealWith::NewKey => {
            let raw = crypto::random::<KEY_BYTES>().map_err(|e| e.to_string())?;
            (crypto::import_key(&raw).await.map_err(|e| e.to_string())?, Lock::Key(raw))
        }
        SealWith::Passphrase(passphrase) => {
            let salt = crypto::random::<SALT_BYTES>().map_err(|e| e.to_string())?;
            let key = crypto::derive_key(&Lock::params(salt), passphrase).await.map_err(|e| e.to_string())?;
            (key, Lock::Passphrase { salt })
        }
    };
    let sealed = crypto::seal(&key, AAD, &compressed).await.map_err(|e| e.to_string())?;
    let nonce = sealed.iv_bytes().map_err(|e| e.to_string())?;
    let ciphertext = sealed.ct_bytes().map_err(|e| e.to_string())?;
    Ok(LinkPayload { lock, nonce, ciphertext })
}

/// The text a link carries. `passphrase` is needed for a link locked with one.
/// [`LinkError::Changed`] when it does not open with its key,
/// [`LinkError::WrongPassphrase`] when it does not open with the passphrase.
pub async fn open(payload: &LinkPayload, passphrase: Option<&str>) -> Result<String, LinkError> {
    let (key, refused) = match (&payload.lock, passphrase) {
        (Lock::Key(raw), _) => (crypto::import_key(raw).await.map_err(|_| LinkError::Changed)?, LinkError::Changed),
        (Lock::Passphrase { salt }, Some(passphrase)) => {
            let key = crypto::derive_key(&Lock::params(*salt), passphrase).await.map_err(|_| LinkError::WrongPassphrase)?;
            (key, LinkError::WrongPassphrase)
        }
        (Lock::Passphrase { .. }, None) => return Err(LinkError::WrongPassphrase),
    };
    let sealed = SealedBox::new(&payload.nonce, &payload.ciphertext);
    let compressed = crypto::open(&key, AAD, &sealed).await.map_err(|_| refused.clone())?;
    let bytes = through("DecompressionStream", &compressed).await.map_err(|_| refused.clone())?;
    String::from_utf8(bytes).map_err(|_| refused)
}

/// This app's address (its page, without any query) with `payload`'s fragment.
pub fn link_to(payload: &LinkPayload) -> String {
    let page = web_sys::window()
        .map(|w| {
            let location = w.location();
            format!("{}{}", location.origin().unwrap_or_default(), location.pathname().unwrap_or_default())
        })
        .unwrap_or_default();
    format!("{page}#{}", payload.fragment())
}

/// Puts `text` on the clipboard.
pub async fn copy(text: &str) -> Result<(), String> {
    let navigator = web_sys::window().ok_or("no window")?.navigator();
    let clipboard = Reflect::get(&navigator, &"clipboard".into()).map_err(failed)?;
    if clipboard.is_undefined() {
        return Err("this browser offers no clipboard here".into());
    }
    let promise = method(&clipboard, "writeText")?.call1(&clipboard, &text.into()).map_err(failed)?;
    JsFuture::from(js_sys::Promise::from(promise)).await.map_err(failed)?;
    Ok(())
}

/// Whether the browser has a share sheet (Web Share).
pub fn can_share() -> bool {
    web_sys::window().is_some_and(|w| Reflect::get(&w.navigator(), &"share".into()).is_ok_and(|s| s.is_function()))
}

/// Hands `url` to the system's share sheet, titled `title`. Cancelling is not an error.
pub async fn share(title: &str, url: &str) -> Result<(), String> {
    let navigator: JsValue = web_sys::window().ok_or("no window")?.navigator().into();
    let data = Object::new();
    Reflect::set(&data, &"title".into(), &title.into()).map_err(failed)?;
    Reflect::set(&data, &"url".into(), &url.into()).map_err(failed)?;
    let promise = method(&navigator, "share")?.call1(&navigator, &data).map_err(failed)?;
    match JsFuture::from(js_sys::Promise::from(promise)).await {
        Ok(_) => Ok(()),
        Err(error) if Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).as_deref() == Some("AbortError") => Ok(()),
        Err(error) => Err(failed(error)),
    }
}
