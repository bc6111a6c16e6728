//! Device keys and signatures through the browser's WebCrypto (the rules in
//! `domain::signing`).
//!
//! [`generate`] makes a [`KeyPair`]: Ed25519 where the browser has it, ECDSA P-256
//! otherwise, chosen by trying Ed25519 first ([`Prefer`] lets a test force the fallback).
//! The private half is made non-extractable: no script, not even this app's, can read its
//! bytes, so it can never end up in a backup, an update or a file. [`sign`] signs bytes
//! with it; [`verify`] checks a signature against any [`PublicKey`] (imported from its
//! SPKI bytes). ECDSA signatures are 64 bytes, r then s, as WebCrypto gives them.

use js_sys::{Array, Object, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::signing::{KeyAlgorithm, PublicKey};

/// A device's key pair: the private key stays in the browser's crypto engine.
#[derive(Clone)]
pub struct KeyPair {
    pub private: web_sys::CryptoKey,
    pub public: PublicKey,
}

impl std::fmt::Debug for KeyPair {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "KeyPair({}, {})", self.public.algorithm.as_str(), self.public.fingerprint())
    }
}

/// Which algorithm to try first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Prefer {
    /// Ed25519 where the browser has it, else ECDSA P-256.
    Best,
    /// ECDSA P-256 straight away (the path a browser without Ed25519 takes).
    Fallback,
}

fn subtle() -> Result<web_sys::SubtleCrypto, String> {
    web_sys::window()
        .filter(|w| w.is_secure_context())
        .and_then(|w| w.crypto().ok())
        .map(|c| c.subtle())
        .ok_or_else(|| "this page is not on a secure (https) address, so the browser offers no signing".to_string())
}

fn failed(error: JsValue) -> String {
    let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    let message = Reflect::get(&error, &"message".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    format!("the browser's signing failed ({name}: {message})")
}

/// What a WebCrypto parameter object is for: a key (generate, import) or a signature
/// (sign, verify). ECDSA names its curve for a key and its hash for a signature.
#[derive(Clone, Copy)]
enum Use {
    Key,
    Signature,
}

/// WebCrypto's parameters for `algorithm`, for a key or for a signature.
fn params(algorithm: KeyAlgorithm, used: Use) -> Result<Object, String> {
    let params = Object::new();
    let set = |name: &str, value: &str| Reflect::set(&params, &name.into(), &value.into()).map(|_| ()).map_err(failed);
    match (algorithm, used) {
        (KeyAlgorithm::Ed25519, _) => set("name", "Ed25519")?,
        (KeyAlgorithm::EcdsaP256, Use::Key) => {
            set("name", "ECDSA")?;
            set("namedCurve", "P-256")?;
        }
        (KeyAlgorithm::EcdsaP256, Use::Signature) => {
            set("name", "ECDSA")?;
            set("hash", "SHA-256")?;
        }
    }
    Ok(params)
}

async fn generate_with(algorithm: KeyAlgorithm) -> Result<KeyPair, String> {
    let usages = Array::of2(&"sign".into(), &"verify".into());
    let promise = subtle()?.generate_key_with_object(&params(algorithm, Use::Key)?, false, &usages).map_err(failed)?;
    let pair = JsFuture::from(promise).await.map_err(failed)?;
    let private: web_sys::CryptoKey = Reflect::get(&pair, &"privateKey".into()).map_err(failed)?.unchecked_into();
    let public: web_sys::CryptoKey = Reflect::get(&pair, &"publicKey".into()).map_err(failed)?.unchecked_into();
    let spki = JsFuture::from(subtle()?.export_key("spki", &public).map_err(failed)?).await.map_err(failed)?;
    Ok(KeyPair { private, public: PublicKey { algorithm, spki: Uint8Array::new(&spki).to_vec() } })
}

/// A new key pair for this device: Ed25519 where the browser has it, else ECDSA P-256.
pub async fn generate(prefer: Prefer) -> Result<KeyPair, String> {
    if prefer == Prefer::Best {
        if let Ok(pair) = generate_with(KeyAlgorithm::Ed25519).await {
            return Ok(pair);
        }
    }
    generate_with(KeyAlgorithm::EcdsaP256).await
}

/// Signs `input` (from `domain::signing::signing_input`) with the device's private key.
pub async fn sign(pair: &KeyPair, input: &[u8]) -> Result<Vec<u8>, String> {
    let promise =
        subtle()?.sign_with_object_and_u8_array(&params(pair.public.algorithm, Use::Signature)?, &pair.private, input).map_err(failed)?;
    let signature = JsFuture::from(promise).await.map_err(failed)?;
    Ok(Uint8Array::new(&signature).to_vec())
}

/// Whether `signature` is `key`'s signature of `input`. A key the browser cannot import
/// (damaged bytes, an algorithm it lacks) is an error, not a "no".
pub async fn verify(key: &PublicKey, signature: &[u8], input: &[u8]) -> Result<bool, String> {
    let data = Uint8Array::from(&key.spki[..]);
    let usages = Array::of1(&"verify".into());
    let promise = subtle()?.import_key_with_object("spki", &data, &params(key.algorithm, Use::Key)?, true, &usages).map_err(failed)?;
    let public: web_sys::CryptoKey = JsFuture::from(promise).await.map_err(failed)?.unchecked_into();
    let promise = subtle()?
        .verify_with_object_and_u8_array_and_u8_array(&params(key.algorithm, Use::Signature)?, &public, signature, input)
        .map_err(failed)?;
    Ok(JsFuture::from(promise).await.map_err(failed)?.as_bool().unwrap_or(false))
}

/// A key pair as the browser's database keeps it (structured clone keeps a CryptoKey as
/// it is, still non-extractable).
pub fn to_stored(pair: &KeyPair) -> Result<JsValue, String> {
    let stored = Object::new();
    Reflect::set(&stored, &"private".into(), &pair.private).map_err(failed)?;
    Reflect::set(&stored, &"algorithm".into(), &pair.public.algorithm.as_str().into()).map_err(failed)?;
    Reflect::set(&stored, &"spki".into(), &Uint8Array::from(&pair.public.spki[..])).map_err(failed)?;
    Ok(stored.into())
}

/// Reads back a key pair kept by [`to_stored`].
pub fn from_stored(stored: &JsValue) -> Result<KeyPair, String> {
    let private = Reflect::get(stored, &"private".into()).map_err(failed)?;
    let private: web_sys::CryptoKey = private.dyn_into().map_err(|_| "the stored signing key is not a key".to_string())?;
    let algorithm = Reflect::get(stored, &"algorithm".into()).map_err(failed)?.as_string().unwrap_or_default();
    let algorithm =
        KeyAlgorithm::parse(&algorithm).ok_or_else(|| format!("the stored signing key has an unknown algorithm ({algorithm})"))?;
    let spki: Uint8Array =
        Reflect::get(stored, &"spki".into()).map_err(failed)?.dyn_into().map_err(|_| "the stored public key is damaged")?;
    Ok(KeyPair { private, public: PublicKey { algorithm, spki: spki.to_vec() } })
}
