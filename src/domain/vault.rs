//! Passphrase protection, the parts that are pure computation and file layout.
//!
//! When a person sets a passphrase, a 256-bit key is derived from it with Argon2id
//! ([`KdfParams`], at least [`MIN_MEMORY_KIB`] of memory and [`MIN_PASSES`] passes) and
//! every record is kept sealed with AES-256-GCM (done by the browser's WebCrypto, see
//! `platform::crypto`). This module holds what does not need the browser:
//!
//! - [`KdfParams`]: the key-derivation parameters, stored beside the data so they can be
//!   raised later without breaking older data ([`KdfParams::derive`] checks them first).
//! - [`SealedBox`]: one AES-GCM output (nonce and ciphertext) in base64.
//! - [`VaultHeader`]: the versioned header kept in the database while protection is on;
//!   its `check` box tells a right passphrase from a wrong one before anything is read.
//! - [`EncryptedBackup`]: a backup file sealed with a passphrase.
//! - [`record_aad`]: binds each sealed record to its store and id, so sealed records
//!   cannot be swapped.
//! - [`check_new_passphrase`]: the rules for choosing a passphrase.

use crate::domain::message::Message;
use crate::msg;
use argon2::{Algorithm, Argon2, Params, Version};
use base64ct::{Base64, Encoding};
use serde::{Deserialize, Serialize};

use crate::domain::validation::{Field, FieldErrors};

/// The key-derivation function this build uses.
pub const KDF_ARGON2ID: &str = "argon2id";
/// At least 19 MiB of memory (OWASP's Argon2id minimum).
pub const MIN_MEMORY_KIB: u32 = 19 * 1024;
/// At least two passes over that memory.
pub const MIN_PASSES: u32 = 2;
/// Parameters a file may ask for at most (so a crafted file cannot freeze the page).
pub const MAX_MEMORY_KIB: u32 = 1024 * 1024;
pub const MAX_PASSES: u32 = 20;
/// AES-GCM nonce length: 96 bits.
pub const NONCE_BYTES: usize = 12;
pub const SALT_BYTES: usize = 16;
pub const KEY_BYTES: usize = 32;
/// The shortest passphrase accepted.
pub const MIN_PASSPHRASE_CHARS: usize = 10;

/// The header's format name and the version this build writes.
pub const VAULT_FORMAT: &str = "accord-vault";
pub const VAULT_VERSION: u32 = 1;
/// The encrypted backup's format name and version.
pub const ENCRYPTED_BACKUP_FORMAT: &str = "accord-encrypted-backup";
pub const ENCRYPTED_BACKUP_VERSION: u32 = 1;

/// What the header's check box holds once opened.
pub const CHECK_TEXT: &[u8] = b"accord-vault-check";
/// Additional data for the check box and for a sealed backup.
pub const CHECK_AAD: &[u8] = b"accord/vault-check/v1";
pub const BACKUP_AAD: &[u8] = b"accord/encrypted-backup/v1";

/// Why protected data or a protected file could not be opened, in plain words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum VaultError {
    /// The passphrase does not open this data or file.
    WrongPassphrase,
    /// Written by a newer version of Accord.
    NewerVersion(u32),
    /// Parameters outside what this build accepts (too weak, or absurdly large).
    UnusableParameters,
    /// Not valid: damaged, cut short, or not Accord's format.
    Damaged(Message),
}

impl VaultError {
    /// What happened, in plain words (the data or file is "it").
    pub fn message(&self) -> Message {
        match self {
            VaultError::WrongPassphrase => {
                msg!("That passphrase does not open it. Check the passphrase (capital letters count) and try again.")
            }
            VaultError::NewerVersion(v) => {
                msg!("It was protected by a newer version of Accord (format {version}). Open it with that version.", version = *v)
            }
            VaultError::UnusableParameters => msg!("Its protection settings are not ones Accord uses, so it was not opened."),
            VaultError::Damaged(what) => msg!("It is damaged and cannot be opened: {what}.", what = what),
        }
    }
}

impl std::fmt::Display for VaultError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for VaultError {}

/// Argon2id parameters and the salt, as stored beside protected data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    /// Argon2 version 0x13 (19).
    pub version: u32,
    pub memory_kib: u32,
    pub passes: u32,
    pub lanes: u32,
    /// Base64.
    pub salt: String,
}

impl KdfParams {
    /// This build's parameters with a fresh salt.
    pub fn current(salt: [u8; SALT_BYTES]) -> Self {
        Self {
            algorithm: KDF_ARGON2ID.into(),
            version: 0x13,
            memory_kib: MIN_MEMORY_KIB,
            passes: MIN_PASSES,
            lanes: 1,
            salt: Base64::encode_string(&salt),
        }
    }

    /// Checks the parameters are ones this build accepts: Argon2id, version 1.3, at
    /// least the minimum cost and no more than the maximum, a salt of 16 bytes or more.
    pub fn check(&self) -> Result<(), VaultError> {
        let salt_ok = self.salt_bytes().is_ok_and(|s| s.len() >= SALT_BYTES);
        let ok = self.algorithm == KDF_ARGON2ID
            && self.version == 0x13
            && (MIN_MEMORY_KIB..=MAX_MEMORY_KIB).contains(&self.memory_kib)
            && (MIN_PASSES..=MAX_PASSES).contains(&self.passes)
            && (1..=4).contains(&self.lanes)
            && salt_ok;
        if ok {
            Ok(())
        } else {
            Err(VaultError::UnusableParameters)
        }
    }

    fn salt_bytes(&self) -> Result<Vec<u8>, VaultError> {
        Base64::decode_vec(&self.salt).map_err(|_| VaultError::Damaged(msg!("the salt is not valid base64")))
    }

    /// The 256-bit key for `passphrase` (takes about a second: that is the point).
    pub fn derive(&self, passphrase: &str) -> Result<[u8; KEY_BYTES], VaultError> {
        self.check()?;
        let salt = self.salt_bytes()?;
        let params = Params::new(self.memory_kib, self.passes, self.lanes, Some(KEY_BYTES)).map_err(|_| VaultError::UnusableParameters)?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut key = [0u8; KEY_BYTES];
        argon.hash_password_into(passphrase.as_bytes(), &salt, &mut key).map_err(|_| VaultError::UnusableParameters)?;
        Ok(key)
    }
}

/// One AES-256-GCM output: the 96-bit nonce and the ciphertext with its tag, in base64.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SealedBox {
    pub iv: String,
    pub ct: String,
}

impl SealedBox {
    pub fn new(iv: &[u8; NONCE_BYTES], ciphertext: &[u8]) -> Self {
        Self { iv: Base64::encode_string(iv), ct: Base64::encode_string(ciphertext) }
    }

    pub fn iv_bytes(&self) -> Result<[u8; NONCE_BYTES], VaultError> {
        let bytes = Base64::decode_vec(&self.iv).map_err(|_| VaultError::Damaged(msg!("a nonce is not valid base64")))?;
        bytes.try_into().map_err(|_| VaultError::Damaged(msg!("a nonce has the wrong length")))
    }

    pub fn ct_bytes(&self) -> Result<Vec<u8>, VaultError> {
        Base64::decode_vec(&self.ct).map_err(|_| VaultError::Damaged(msg!("sealed text is not valid base64")))
    }
}

/// The header kept in the database while passphrase protection is on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VaultHeader {
    pub format: String,
    pub version: u32,
    pub kdf: KdfParams,
    /// [`CHECK_TEXT`] sealed with the key, additional data [`CHECK_AAD`].
    pub check: SealedBox,
}

impl VaultHeader {
    pub fn new(kdf: KdfParams, check: SealedBox) -> Self {
        Self { format: VAULT_FORMAT.into(), version: VAULT_VERSION, kdf, check }
    }

    /// Checks the header is one this build can open.
    pub fn check_readable(&self) -> Result<(), VaultError> {
        if self.format != VAULT_FORMAT {
            return Err(VaultError::Damaged(msg!("the protection header is not Accord's")));
        }
        if self.version > VAULT_VERSION {
            return Err(VaultError::NewerVersion(self.version));
        }
        self.kdf.check()
    }
}

/// A backup file sealed with a passphrase: the plain backup's bytes, sealed whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EncryptedBackup {
    pub format: String,
    pub version: u32,
    pub kdf: KdfParams,
    pub sealed: SealedBox,
}

impl EncryptedBackup {
    pub fn new(kdf: KdfParams, sealed: SealedBox) -> Self {
        Self { format: ENCRYPTED_BACKUP_FORMAT.into(), version: ENCRYPTED_BACKUP_VERSION, kdf, sealed }
    }

    /// Whether `bytes` look like an encrypted backup (so the person is asked for its
    /// passphrase instead of being told the file is broken).
    pub fn recognise(bytes: &[u8]) -> bool {
        #[derive(Deserialize)]
        struct Probe {
            format: String,
        }
        serde_json::from_slice::<Probe>(bytes).is_ok_and(|p| p.format == ENCRYPTED_BACKUP_FORMAT)
    }

    /// Reads an encrypted backup's outer layer.
    pub fn read(bytes: &[u8]) -> Result<Self, VaultError> {
        let file: EncryptedBackup = serde_json::from_slice(bytes)
            .map_err(|e| VaultError::Damaged(msg!("the file's outer layer is not readable ({detail})", detail = e.to_string())))?;
        if file.format != ENCRYPTED_BACKUP_FORMAT {
            return Err(VaultError::Damaged(msg!("it is not an encrypted Accord backup")));
        }
        if file.version > ENCRYPTED_BACKUP_VERSION {
            return Err(VaultError::NewerVersion(file.version));
        }
        file.kdf.check()?;
        file.sealed.iv_bytes()?;
        file.sealed.ct_bytes()?;
        Ok(file)
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// The additional authenticated data for a record sealed in `store` with `id`.
pub fn record_aad(store: &str, id: &str) -> Vec<u8> {
    format!("accord/record/v1/{store}/{id}").into_bytes()
}

/// The problems with a new passphrase typed into `fields` (the passphrase and the same
/// again); empty if it is acceptable.
pub fn check_new_passphrase(passphrase: &str, again: &str, fields: (Field, Field)) -> FieldErrors {
    let mut errors = FieldErrors::new();
    if passphrase.chars().count() < MIN_PASSPHRASE_CHARS {
        errors.push(
            fields.0,
            msg!(
                "Choose a passphrase of at least {n} characters. A few unrelated words are easy to remember and hard to guess.",
                n = MIN_PASSPHRASE_CHARS
            ),
        );
    } else if passphrase.trim() != passphrase {
        errors.push(fields.0, msg!("The passphrase starts or ends with a space. Remove it, so you can type it the same way next time."));
    } else if passphrase != again {
        errors.push(fields.1, msg!("The two passphrases are not the same. Type it again in both boxes."));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fast_params(salt: &str) -> KdfParams {
        KdfParams { salt: Base64::encode_string(salt.as_bytes()), ..KdfParams::current([7; SALT_BYTES]) }
    }

    #[test]
    fn argon2id_matches_the_reference_vector() {
        // Reference implementation's test vector: Argon2id v1.3, t=2, m=2^16 KiB, p=1,
        // password "password", salt "somesalt".
        let params = Params::new(1 << 16, 2, 1, Some(32)).unwrap();
        let mut out = [0u8; 32];
        Argon2::new(Algorithm::Argon2id, Version::V0x13, params).hash_password_into(b"password", b"somesalt", &mut out).unwrap();
        let hex: String = out.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "09316115d5cf24ed5a15a31a3ba326e5cf32edc24702987c02b6566f61913cf7");
    }

    #[test]
    fn current_parameters_meet_the_minimum() {
        let params = KdfParams::current([1; SALT_BYTES]);
        assert_eq!(params.algorithm, "argon2id");
        assert!(params.memory_kib >= 19 * 1024);
        assert!(params.passes >= 2);
        assert_eq!(params.check(), Ok(()));
    }

    #[test]
    fn the_same_passphrase_and_salt_give_the_same_key_and_others_differ() {
        let a = fast_params("salt-one-sixteen").derive("correct horse battery").unwrap();
        let b = fast_params("salt-one-sixteen").derive("correct horse battery").unwrap();
        let other_salt = fast_params("salt-two-sixteen").derive("correct horse battery").unwrap();
        let other_pass = fast_params("salt-one-sixteen").derive("correct horse batterz").unwrap();
        assert_eq!(a, b);
        assert_ne!(a, other_salt);
        assert_ne!(a, other_pass);
    }

    #[test]
    fn weak_or_absurd_parameters_are_refused_before_deriving() {
        let base = KdfParams::current([3; SALT_BYTES]);
        for params in [
            KdfParams { memory_kib: 8 * 1024, ..base.clone() },
            KdfParams { passes: 1, ..base.clone() },
            KdfParams { algorithm: "argon2i".into(), ..base.clone() },
            KdfParams { version: 0x10, ..base.clone() },
            KdfParams { memory_kib: 4 * 1024 * 1024, ..base.clone() },
            KdfParams { passes: 1000, ..base.clone() },
            KdfParams { salt: "c2hvcnQ=".into(), ..base.clone() },
            KdfParams { salt: "not base64!".into(), ..base.clone() },
        ] {
            assert!(params.derive("a long enough passphrase").is_err(), "{params:?}");
        }
    }

    #[test]
    fn a_sealed_box_round_trips_its_bytes() {
        let sealed = SealedBox::new(&[9; NONCE_BYTES], b"\x00\x01ciphertext");
        let json = serde_json::to_string(&sealed).unwrap();
        let back: SealedBox = serde_json::from_str(&json).unwrap();
        assert_eq!(back.iv_bytes().unwrap(), [9; NONCE_BYTES]);
        assert_eq!(back.ct_bytes().unwrap(), b"\x00\x01ciphertext");
        let short = SealedBox { iv: Base64::encode_string(&[1; 8]), ..sealed };
        assert!(matches!(short.iv_bytes(), Err(VaultError::Damaged(_))));
    }

    #[test]
    fn headers_from_newer_versions_or_other_formats_are_refused() {
        let header = VaultHeader::new(KdfParams::current([5; SALT_BYTES]), SealedBox::new(&[0; NONCE_BYTES], b"x"));
        assert_eq!(header.check_readable(), Ok(()));
        assert_eq!(VaultHeader { version: 2, ..header.clone() }.check_readable(), Err(VaultError::NewerVersion(2)));
        assert!(matches!(VaultHeader { format: "other".into(), ..header }.check_readable(), Err(VaultError::Damaged(_))));
    }

    #[test]
    fn encrypted_backups_are_recognised_and_read_strictly() {
        let file = EncryptedBackup::new(KdfParams::current([5; SALT_BYTES]), SealedBox::new(&[2; NONCE_BYTES], b"sealed"));
        let json = file.to_json();
        assert!(EncryptedBackup::recognise(json.as_bytes()));
        assert!(!EncryptedBackup::recognise(br#"{"format":"accord-backup"}"#));
        assert!(!EncryptedBackup::recognise(b"not json"));
        assert_eq!(EncryptedBackup::read(json.as_bytes()), Ok(file.clone()));
        let newer = json.replace("\"version\": 1", "\"version\": 9");
        assert_eq!(EncryptedBackup::read(newer.as_bytes()), Err(VaultError::NewerVersion(9)));
        let weak = json.replace(&format!("\"memory_kib\": {MIN_MEMORY_KIB}"), "\"memory_kib\": 64");
        assert_eq!(EncryptedBackup::read(weak.as_bytes()), Err(VaultError::UnusableParameters));
        assert!(matches!(EncryptedBackup::read(&json.as_bytes()[..40]), Err(VaultError::Damaged(_))));
    }

    #[test]
    fn record_aad_names_store_and_id() {
        assert_eq!(record_aad("sessions", "abc"), b"accord/record/v1/sessions/abc".to_vec());
        assert_ne!(record_aad("sessions", "abc"), record_aad("goals", "abc"));
    }

    #[test]
    fn new_passphrases_must_be_long_enough_trimmed_and_typed_twice() {
        let fields = (Field::NewPassphrase, Field::NewPassphraseAgain);
        let check = |a: &str, b: &str| check_new_passphrase(a, b, fields);
        assert!(check("short", "short").message_for(Field::NewPassphrase).unwrap().contains("at least 10"));
        assert!(check(" padded passphrase", " padded passphrase").message_for(Field::NewPassphrase).unwrap().contains("space"));
        let mismatch = check("river stone lantern", "river stone lanterm");
        assert!(mismatch.message_for(Field::NewPassphraseAgain).unwrap().contains("not the same"));
        assert_eq!(mismatch.message_for(Field::NewPassphrase).map(ToString::to_string).as_deref(), None);
        assert!(check("river stone lantern", "river stone lantern").is_empty());
        // Characters, not bytes: ten accented letters are enough.
        assert!(check("éééééééééé", "éééééééééé").is_empty());
    }
}
