//! Signatures anyone can check: each person's device key, its fingerprint, and the exact
//! bytes a signature covers (`docs/signatures.md`).
//!
//! A [`PublicKey`] is the public half of the key pair each person's copy makes for itself
//! (the private half never leaves the browser's crypto engine): its [`KeyAlgorithm`]
//! (Ed25519, or ECDSA P-256 where a browser has no Ed25519) and its bytes in the standard
//! SubjectPublicKeyInfo (SPKI) form. Its [`Fingerprint`] is the first 8 bytes of the
//! SHA-256 of those bytes, written as four groups of four hex digits that two people can
//! read aloud and compare. What is signed is [`signing_input`]: a fixed first line naming
//! the format and what the signature is for, then the value as [`canonical_json`] (keys
//! in code-point order, no spaces), so the same value signs to the same bytes on every
//! device. A [`Signature`] carries the algorithm, the public key and the signature bytes,
//! each base64; [`Signature::read`] refuses a damaged one in words ([`SignatureError`]).

use base64ct::{Base64, Encoding};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::domain::message::Message;
use crate::msg;

/// The first line of every signed input: the format and its version.
pub const FORMAT: &str = "accord-signature/1";

/// The signature algorithms a device key may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum KeyAlgorithm {
    /// Ed25519 (RFC 8032): 64-byte signatures.
    #[serde(rename = "Ed25519")]
    Ed25519,
    /// ECDSA on the P-256 curve with SHA-256: 64-byte signatures, r then s (IEEE P1363).
    #[serde(rename = "ECDSA-P256")]
    EcdsaP256,
}

impl KeyAlgorithm {
    pub fn as_str(self) -> &'static str {
        match self {
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::EcdsaP256 => "ECDSA-P256",
        }
    }

    pub fn parse(text: &str) -> Option<KeyAlgorithm> {
        [KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256].into_iter().find(|a| a.as_str() == text)
    }

    /// The name a person reads.
    pub fn label(self) -> &'static str {
        match self {
            KeyAlgorithm::Ed25519 => "Ed25519",
            KeyAlgorithm::EcdsaP256 => "ECDSA P-256",
        }
    }

    /// The length of a signature, in bytes.
    pub fn signature_len(self) -> usize {
        64
    }
}

/// The public half of a device key: its algorithm and its SPKI bytes (base64 in JSON).
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct PublicKey {
    pub algorithm: KeyAlgorithm,
    #[serde(with = "base64_bytes")]
    pub spki: Vec<u8>,
}

mod base64_bytes {
    use base64ct::{Base64, Encoding};
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(bytes: &[u8], serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&Base64::encode_string(bytes))
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Vec<u8>, D::Error> {
        let text = String::deserialize(deserializer)?;
        Base64::decode_vec(&text).map_err(serde::de::Error::custom)
    }
}

impl PublicKey {
    pub fn fingerprint(&self) -> Fingerprint {
        let digest = Sha256::digest(&self.spki);
        let mut bytes = [0u8; 8];
        bytes.copy_from_slice(&digest[..8]);
        Fingerprint(bytes)
    }
}

/// The first 8 bytes of the SHA-256 of a public key's SPKI bytes; shown as
/// "3F9A 07C2 11D4 E85B".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 8]);

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        for (i, pair) in self.0.chunks(2).enumerate() {
            if i > 0 {
                f.write_str(" ")?;
            }
            write!(f, "{:02X}{:02X}", pair[0], pair[1])?;
        }
        Ok(())
    }
}

/// A value as canonical JSON: object keys in code-point order at every level, no spaces,
/// strings escaped as JSON requires, numbers as `serde_json` writes them. The same value
/// gives the same bytes on every device and in every tool that sorts keys the same way.
pub fn canonical_json(value: &Value) -> String {
    let mut out = String::new();
    write_canonical(value, &mut out);
    out
}

fn write_canonical(value: &Value, out: &mut String) {
    match value {
        Value::Object(fields) => {
            let mut keys: Vec<&String> = fields.keys().collect();
            keys.sort();
            out.push('{');
            for (i, key) in keys.into_iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&Value::String(key.clone()).to_string());
                out.push(':');
                write_canonical(&fields[key], out);
            }
            out.push('}');
        }
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_canonical(item, out);
            }
            out.push(']');
        }
        Value::Number(number) => match number.as_f64().filter(|_| number.is_f64()) {
            Some(float) => out.push_str(&js_number(float)),
            None => out.push_str(&number.to_string()),
        },
        other => out.push_str(&other.to_string()),
    }
}

/// A floating-point number as JavaScript's `JSON.stringify` writes it (RFC 8785): a whole
/// number without a decimal point, the shortest digits that read back the same, and an
/// exponent only below 1e-6 or from 1e21.
fn js_number(value: f64) -> String {
    if value == 0.0 {
        return "0".into();
    }
    let magnitude = value.abs();
    if (1e-6..1e21).contains(&magnitude) {
        // Rust's shortest round-trip form, which has no exponent; "2.0" becomes "2".
        let text = format!("{value}");
        return text.strip_suffix(".0").map(str::to_string).unwrap_or(text);
    }
    let text = format!("{value:e}");
    match text.split_once('e') {
        Some((digits, exponent)) if !exponent.starts_with('-') => format!("{digits}e+{exponent}"),
        _ => text,
    }
}

/// The exact bytes a signature covers: `accord-signature/1`, a line feed, what the
/// signature is for (`purpose`, such as `agreement` or `update`), a line feed, and the
/// value as [`canonical_json`].
pub fn signing_input(purpose: &str, value: &Value) -> Vec<u8> {
    format!("{FORMAT}\n{purpose}\n{}", canonical_json(value)).into_bytes()
}

/// A signature as it travels: the algorithm, the signer's public key and the signature.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Signature {
    pub format: String,
    pub algorithm: String,
    /// SPKI bytes, base64.
    pub public_key: String,
    /// base64.
    pub signature: String,
}

/// Why something signed was not taken, in words a person understands.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Unverified {
    /// It carries no signature (made by a version of Accord before signatures, or removed).
    Unsigned,
    /// The signature could not be read.
    Unreadable(SignatureError),
    /// The signature does not match what it came with: changed after it was signed.
    DoesNotHold,
    /// Signed by another key than the one this device knows for `name` in this engagement.
    OtherKey { name: String, known: Fingerprint, now: Fingerprint },
}

impl Unverified {
    pub fn message(&self) -> Message {
        match self {
            Unverified::Unsigned => msg!(
                "This file is not signed, so Accord cannot tell who made it. Ask the person who sent it to send it again from an up-to-date Accord. Nothing was changed."
            ),
            Unverified::Unreadable(error) => error.message(),
            Unverified::DoesNotHold => msg!(
                "The signature on this file does not hold: the file was changed after it was signed. Ask the person who sent it to send it again. Nothing was changed."
            ),
            Unverified::OtherKey { name, known, now } => msg!(
                "This file is signed by {name} with a different key ({now}) from the one this device knows for them ({known}). If {name} now uses Accord on a new device, compare the new key with them (read it aloud) before you accept it; otherwise someone else may have made this file.",
                name = name.as_str(),
                now = now.to_string(),
                known = known.to_string()
            ),
        }
    }
}

impl std::fmt::Display for Unverified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for Unverified {}

/// Why a signature could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignatureError {
    /// A newer format than this version of Accord reads.
    UnknownFormat(String),
    UnknownAlgorithm(String),
    /// The key or the signature is not base64, or has the wrong length.
    Damaged,
}

impl SignatureError {
    pub fn message(&self) -> Message {
        match self {
            SignatureError::UnknownFormat(format) => msg!(
                "The signature is in a format this version of Accord does not know ({format}). Update Accord, then try again.",
                format = format.as_str()
            ),
            SignatureError::UnknownAlgorithm(name) => {
                msg!("The signature uses a method Accord does not know ({name}).", name = name.as_str())
            }
            SignatureError::Damaged => msg!("The signature is damaged: part of it is missing or changed."),
        }
    }
}

impl Signature {
    /// The signature of `signature` bytes by `key`.
    pub fn new(key: &PublicKey, signature: &[u8]) -> Signature {
        Signature {
            format: FORMAT.to_string(),
            algorithm: key.algorithm.as_str().to_string(),
            public_key: Base64::encode_string(&key.spki),
            signature: Base64::encode_string(signature),
        }
    }

    /// The signer's fingerprint, when the key can be read.
    pub fn fingerprint(&self) -> Option<Fingerprint> {
        self.read().ok().map(|(key, _)| key.fingerprint())
    }

    /// The signer's key and the signature bytes, checked for shape (not yet verified).
    pub fn read(&self) -> Result<(PublicKey, Vec<u8>), SignatureError> {
        if self.format != FORMAT {
            return Err(SignatureError::UnknownFormat(self.format.clone()));
        }
        let algorithm = KeyAlgorithm::parse(&self.algorithm).ok_or_else(|| SignatureError::UnknownAlgorithm(self.algorithm.clone()))?;
        let spki = Base64::decode_vec(&self.public_key).map_err(|_| SignatureError::Damaged)?;
        let signature = Base64::decode_vec(&self.signature).map_err(|_| SignatureError::Damaged)?;
        if spki.is_empty() || signature.len() != algorithm.signature_len() {
            return Err(SignatureError::Damaged);
        }
        Ok((PublicKey { algorithm, spki }, signature))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The SPKI bytes of an Ed25519 key: a fixed 12-byte header and the 32-byte key.
    fn ed25519(key: [u8; 32]) -> PublicKey {
        let mut spki = vec![0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00];
        spki.extend_from_slice(&key);
        PublicKey { algorithm: KeyAlgorithm::Ed25519, spki }
    }

    #[test]
    fn the_same_value_gives_the_same_bytes_whatever_the_order_of_its_keys() {
        let a = json!({ "party": "client", "at": 1_800_000_000_000_i64, "hash": "ab12", "nested": { "z": [1, 2.5, "x"], "a": null } });
        let b: Value =
            serde_json::from_str(r#"{"nested":{"a":null,"z":[1,2.5,"x"]},"hash":"ab12","at":1800000000000,"party":"client"}"#).unwrap();
        assert_eq!(canonical_json(&a), canonical_json(&b));
        assert_eq!(canonical_json(&a), r#"{"at":1800000000000,"hash":"ab12","nested":{"a":null,"z":[1,2.5,"x"]},"party":"client"}"#);
        assert_eq!(canonical_json(&json!({ "é": "“quoted”\n", "e": true })), "{\"e\":true,\"é\":\"“quoted”\\n\"}");
        assert_eq!(signing_input("agreement", &json!({ "b": 1, "a": 2 })), b"accord-signature/1\nagreement\n{\"a\":2,\"b\":1}".to_vec());
        assert_ne!(signing_input("agreement", &a), signing_input("update", &a), "the purpose is signed too");
    }

    #[test]
    fn a_fingerprint_is_four_groups_of_four_hex_digits_from_the_keys_sha256() {
        let key = ed25519([7; 32]);
        let shown = key.fingerprint().to_string();
        assert_eq!(shown.len(), 19);
        assert!(shown.split(' ').all(|g| g.len() == 4 && g.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase())), "{shown}");
        let digest = Sha256::digest(&key.spki);
        assert_eq!(shown.replace(' ', ""), digest[..8].iter().map(|b| format!("{b:02X}")).collect::<String>());
        assert_ne!(ed25519([8; 32]).fingerprint(), key.fingerprint(), "another key, another fingerprint");
    }

    #[test]
    fn a_signature_reads_back_and_a_damaged_or_unknown_one_is_refused_in_words() {
        let key = ed25519([7; 32]);
        let signed = Signature::new(&key, &[9; 64]);
        let travelled: Signature = serde_json::from_str(&serde_json::to_string(&signed).unwrap()).unwrap();
        assert_eq!(travelled.read(), Ok((key.clone(), vec![9; 64])));

        let cut = Signature { signature: signed.signature[..40].to_string(), ..signed.clone() };
        assert_eq!(cut.read(), Err(SignatureError::Damaged));
        let short = Signature::new(&key, &[9; 63]);
        assert_eq!(short.read(), Err(SignatureError::Damaged));
        let newer = Signature { format: "accord-signature/2".into(), ..signed.clone() };
        assert_eq!(
            newer.read().unwrap_err().message().to_string(),
            "The signature is in a format this version of Accord does not know (accord-signature/2). Update Accord, then try again."
        );
        let other = Signature { algorithm: "RSA".into(), ..signed };
        assert_eq!(other.read(), Err(SignatureError::UnknownAlgorithm("RSA".into())));
    }

    #[test]
    fn numbers_are_written_as_javascript_writes_them() {
        let numbers = json!([2.0, -0.0, 0.5, 7.25, 1e21, 1.5e-7, 123456789.0, 1e-6, 3, -4]);
        assert_eq!(canonical_json(&numbers), "[2,0,0.5,7.25,1e+21,1.5e-7,123456789,0.000001,3,-4]");
    }

    #[test]
    fn a_public_key_travels_as_base64_and_an_unverified_file_is_named_in_words() {
        let key = ed25519([7; 32]);
        let value = serde_json::to_value(&key).unwrap();
        assert_eq!(value["algorithm"], json!("Ed25519"));
        assert_eq!(value["spki"], json!(Base64::encode_string(&key.spki)));
        assert_eq!(serde_json::from_value::<PublicKey>(value).unwrap(), key);
        assert_eq!(Signature::new(&key, &[1; 64]).fingerprint(), Some(key.fingerprint()));

        let changed = Unverified::OtherKey { name: "Ada Lovelace".into(), known: key.fingerprint(), now: ed25519([8; 32]).fingerprint() };
        let text = changed.message().to_string();
        assert!(text.contains(&key.fingerprint().to_string()) && text.contains(&ed25519([8; 32]).fingerprint().to_string()), "{text}");
        assert!(Unverified::DoesNotHold.message().to_string().contains("changed after it was signed"));
        assert!(Unverified::Unsigned.message().to_string().contains("not signed"));
    }

    #[test]
    fn algorithms_read_back_by_name() {
        for algorithm in [KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256] {
            assert_eq!(KeyAlgorithm::parse(algorithm.as_str()), Some(algorithm));
            assert_eq!(serde_json::to_value(algorithm).unwrap(), json!(algorithm.as_str()));
        }
        assert_eq!(KeyAlgorithm::parse("ed25519"), None);
    }
}
