//! Sealing and opening bytes with AES-256-GCM through the browser's WebCrypto.
//!
//! [`Key`] is a non-extractable WebCrypto key derived from a passphrase
//! ([`derive_key`]: Argon2id in [`crate::domain::vault`], then imported). [`seal`] uses a
//! fresh random 96-bit nonce every time and binds the output to its additional data;
//! [`open`] fails with [`VaultError::WrongPassphrase`] if the key or the additional data
//! do not match. [`seal_many`] and [`open_many`] run many at once (the browser does the
//! work off the main thread). [`seal_file`] and [`open_file`] make and read an encrypted
//! backup file. WebCrypto exists only in secure contexts (https or localhost):
//! [`available`] says whether this page has it.

use crate::msg;
use js_sys::{Array, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::domain::vault::{EncryptedBackup, KdfParams, SealedBox, VaultError, BACKUP_AAD, KEY_BYTES, NONCE_BYTES, SALT_BYTES};

/// A WebCrypto AES-GCM key (it never leaves the browser's crypto engine).
#[derive(Clone)]
pub struct Key(web_sys::CryptoKey);

impl std::fmt::Debug for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Key(…)")
    }
}

/// Whether this page can use WebCrypto (a secure context: https, or localhost).
pub fn available() -> bool {
    web_sys::window().is_some_and(|w| w.is_secure_context() && w.crypto().is_ok())
}

fn subtle() -> Result<web_sys::SubtleCrypto, VaultError> {
    if !available() {
        return Err(VaultError::Damaged(msg!("this page is not on a secure (https) address, so the browser offers no encryption")));
    }
    let crypto =
        web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(|| VaultError::Damaged(msg!("the browser offers no encryption")))?;
    Ok(crypto.subtle())
}

fn failed(error: JsValue) -> VaultError {
    let name = Reflect::get(&error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default();
    if name == "OperationError" {
        VaultError::WrongPassphrase
    } else {
        VaultError::Damaged(msg!("the browser's encryption failed ({name})", name = name))
    }
}

/// `N` bytes from the browser's cryptographic random source.
pub fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut bytes = [0u8; N];
    let crypto =
        web_sys::window().and_then(|w| w.crypto().ok()).ok_or_else(|| VaultError::Damaged(msg!("the browser offers no random source")))?;
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(failed)?;
    Ok(bytes)
}

/// Imports 32 raw bytes as a non-extractable AES-GCM key.
pub async fn import_key(raw: &[u8; KEY_BYTES]) -> Result<Key, VaultError> {
    let usages = Array::of2(&"encrypt".into(), &"decrypt".into());
    let data = Uint8Array::from(&raw[..]);
    let algorithm = Object::new();
    Reflect::set(&algorithm, &"name".into(), &"AES-GCM".into()).map_err(failed)?;
    let promise = subtle()?.import_key_with_object("raw", &data, &algorithm, false, &usages).map_err(failed)?;
    let key = JsFuture::from(promise).await.map_err(failed)?;
    Ok(Key(key.unchecked_into()))
}

/// Derives the key for `passphrase` (Argon2id, about a second) and imports it; the raw
/// bytes are wiped once imported.
pub async fn derive_key(params: &KdfParams, passphrase: &str) -> Result<Key, VaultError> {
    let mut raw = params.derive(passphrase)?;
    let key = import_key(&raw).await;
    raw.fill(0);
    key
}

/// New parameters with a fresh random salt.
pub fn new_params() -> Result<KdfParams, VaultError> {
    Ok(KdfParams::current(random::<SALT_BYTES>()?))
}

fn params_for(iv: &[u8; NONCE_BYTES], aad: &[u8]) -> web_sys::AesGcmParams {
    let params = web_sys::AesGcmParams::new("AES-GCM", &Uint8Array::from(&iv[..]));
    params.set_additional_data(&Uint8Array::from(aad));
    params
}

fn start_seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Result<([u8; NONCE_BYTES], Promise), VaultError> {
    let iv = random::<NONCE_BYTES>()?;
    let promise = subtle()?.encrypt_with_object_and_u8_array(&params_for(&iv, aad), &key.0, plaintext).map_err(failed)?;
    Ok((iv, promise))
}

fn start_open(key: &Key, aad: &[u8], sealed: &SealedBox) -> Result<Promise, VaultError> {
    let iv = sealed.iv_bytes()?;
    let ciphertext = sealed.ct_bytes()?;
    subtle()?.decrypt_with_object_and_u8_array(&params_for(&iv, aad), &key.0, &ciphertext).map_err(failed)
}

fn bytes_of(buffer: &JsValue) -> Vec<u8> {
    Uint8Array::new(buffer).to_vec()
}

/// Seals `plaintext` with a fresh nonce, bound to `aad`.
pub async fn seal(key: &Key, aad: &[u8], plaintext: &[u8]) -> Result<SealedBox, VaultError> {
    let (iv, promise) = start_seal(key, aad, plaintext)?;
    let buffer = JsFuture::from(promise).await.map_err(failed)?;
    Ok(SealedBox::new(&iv, &bytes_of(&buffer)))
}

/// Opens a sealed box; [`VaultError::WrongPassphrase`] if the key or `aad` differ.
pub async fn open(key: &Key, aad: &[u8], sealed: &SealedBox) -> Result<Vec<u8>, VaultError> {
    let buffer = JsFuture::from(start_open(key, aad, sealed)?).await.map_err(failed)?;
    Ok(bytes_of(&buffer))
}

/// Seals many `(aad, plaintext)` pairs at once; all or nothing.
pub async fn seal_many(key: &Key, items: &[(Vec<u8>, Vec<u8>)]) -> Result<Vec<SealedBox>, VaultError> {
    let mut nonces = Vec::with_capacity(items.len());
    let promises = Array::new();
    for (aad, plaintext) in items {
        let (iv, promise) = start_seal(key, aad, plaintext)?;
        nonces.push(iv);
        promises.push(&promise);
    }
    let buffers: Array = JsFuture::from(Promise::all(&promises)).await.map_err(failed)?.unchecked_into();
    Ok(nonces.iter().zip(buffers.iter()).map(|(iv, buffer)| SealedBox::new(iv, &bytes_of(&buffer))).collect())
}

/// Opens many `(aad, box)` pairs at once; each result on its own.
pub async fn open_many(key: &Key, items: &[(Vec<u8>, SealedBox)]) -> Vec<Result<Vec<u8>, VaultError>> {
    let mut results: Vec<Option<Result<Vec<u8>, VaultError>>> = Vec::with_capacity(items.len());
    let promises = Array::new();
    for (aad, sealed) in items {
        match start_open(key, aad, sealed) {
            Ok(promise) => {
                promises.push(&promise);
                results.push(None);
            }
            Err(error) => {
                promises.push(&Promise::resolve(&JsValue::NULL));
                results.push(Some(Err(error)));
            }
        }
    }
    let settled: Array = match JsFuture::from(Promise::all_settled(&promises)).await {
        Ok(value) => value.unchecked_into(),
        Err(error) => return items.iter().map(|_| Err(failed(error.clone()))).collect(),
    };
    results
        .into_iter()
        .zip(settled.iter())
        .map(|(early, outcome)| {
            early.unwrap_or_else(|| {
                let status = Reflect::get(&outcome, &"status".into()).ok().and_then(|s| s.as_string()).unwrap_or_default();
                if status == "fulfilled" {
                    Ok(bytes_of(&Reflect::get(&outcome, &"value".into()).unwrap_or(JsValue::NULL)))
                } else {
                    Err(failed(Reflect::get(&outcome, &"reason".into()).unwrap_or(JsValue::NULL)))
                }
            })
        })
        .collect()
}

/// Seals a whole backup file's bytes with a passphrase (its own salt and key).
pub async fn seal_file(passphrase: &str, bytes: &[u8]) -> Result<String, VaultError> {
    let params = new_params()?;
    let key = derive_key(&params, passphrase).await?;
    let sealed = seal(&key, BACKUP_AAD, bytes).await?;
    Ok(EncryptedBackup::new(params, sealed).to_json())
}

/// Opens an encrypted backup file with its passphrase, giving the plain backup's bytes.
pub async fn open_file(passphrase: &str, bytes: &[u8]) -> Result<Vec<u8>, VaultError> {
    let file = EncryptedBackup::read(bytes)?;
    let key = derive_key(&file.kdf, passphrase).await?;
    open(&key, BACKUP_AAD, &file.sealed).await
}
