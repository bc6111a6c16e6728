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

/// The public half of a device key: its algorithm and its SPKI bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct PublicKey {
    pub algorithm: KeyAlgorithm,
    pub spki: Vec<u8>,
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
        other => out.push_str(&other.to_string()),
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
    fn algorithms_read_back_by_name() {
        for algorithm in [KeyAlgorithm::Ed25519, KeyAlgorithm::EcdsaP256] {
            assert_eq!(KeyAlgorithm::parse(algorithm.as_str()), Some(algorithm));
            assert_eq!(serde_json::to_value(algorithm).unwrap(), json!(algorithm.as_str()));
        }
        assert_eq!(KeyAlgorithm::parse("ed25519"), None);
    }
}
