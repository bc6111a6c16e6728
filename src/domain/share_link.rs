//! Links that carry a file: an update, a contract proposal or an agreement sent as a link
//! to the same Accord, for e-mail or a message, or shown as a QR code
//! (`docs/signatures.md`, "Links").
//!
//! Everything rides in the URL fragment, which browsers never send to the server:
//! `#/receive/1/<data>/<key>`, or `#/receive/1/<data>/p/<salt>` for a link locked with a
//! passphrase. `<data>` is the AES-256-GCM nonce (12 bytes) followed by the ciphertext of
//! the file's compact JSON compressed with raw DEFLATE; `<key>` is the random 32-byte key,
//! `<salt>` the 16-byte salt the key is derived with from the passphrase (Argon2id with the
//! parameters passphrase protection uses, [`KdfParams::current`]); all base64url without
//! padding. A [`LinkPayload`] is the parts, its [`Lock`] the key or the salt;
//! [`LinkPayload::fragment`] writes them and [`LinkPayload::parse`] reads them back,
//! refusing a link cut short or of an unknown version in words ([`LinkError`]). The
//! encryption and compression are the browser's (`platform::share`); a changed link fails
//! there, and is named the same way. [`Carried::read`] says what an opened link holds. A
//! link longer than [`MAX_LINK_CHARS`] is not offered ([`fits`]): the file is.

use base64ct::{Base64UrlUnpadded, Encoding};
use serde_json::Value;

use crate::domain::contract::exchange::{self, AgreementFile, ProposalFile, AGREEMENT_FORMAT, PROPOSAL_FORMAT};
use crate::domain::message::{Arg, Message};
use crate::domain::relationship::update::{self as relationship_update, RelationshipUpdate};
use crate::domain::vault::{KdfParams, SALT_BYTES};
use crate::msg;

/// The link format's version, the fragment's second segment.
pub const VERSION: &str = "1";
/// The fragment's first segment.
pub const PATH: &str = "receive";
/// The segment before the salt of a link locked with a passphrase.
pub const PASSPHRASE_MARK: &str = "p";
/// The longest link Accord offers: 8,000 characters. Mail programs and messengers carry
/// links of this length; a longer payload goes as a file.
pub const MAX_LINK_CHARS: usize = 8_000;
/// Additional data the link's encryption is bound to.
pub const AAD: &[u8] = b"accord/share-link/v1";
pub const KEY_BYTES: usize = 32;
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's authentication tag: the shortest possible ciphertext.
const TAG_BYTES: usize = 16;

/// What opens a link: the key itself, in the link, or a passphrase sent another way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Lock {
    Key([u8; KEY_BYTES]),
    /// The key is derived from a passphrase with this salt ([`Lock::params`]).
    Passphrase {
        salt: [u8; SALT_BYTES],
    },
}

impl Lock {
    /// The Argon2id parameters of a passphrase lock: those passphrase protection uses.
    pub fn params(salt: [u8; SALT_BYTES]) -> KdfParams {
        KdfParams::current(salt)
    }
}

/// What a link carries, still encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPayload {
    pub lock: Lock,
    pub nonce: [u8; NONCE_BYTES],
    pub ciphertext: Vec<u8>,
}

/// Why a link could not be opened.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkError {
    /// Parts are missing or too short: the link was cut when it was copied.
    CutShort,
    /// Made by a newer version of Accord.
    UnknownVersion(String),
    /// The contents do not open with the key in the link: changed on the way.
    Changed,
    /// The passphrase typed does not open it (or the link was changed: the two cannot be
    /// told apart).
    WrongPassphrase,
    /// It opens, but holds nothing Accord can apply.
    NotAccord,
}

impl LinkError {
    pub fn message(&self) -> Message {
        match self {
            LinkError::CutShort => msg!(
                "This link is incomplete: part of it is missing, perhaps cut off when it was copied. Ask for it again, or for the file. Nothing was changed."
            ),
            LinkError::UnknownVersion(version) => msg!(
                "This link was made by a newer version of Accord (link format {version}). Reload the page to update, then open the link again. Nothing was changed.",
                version = version.as_str()
            ),
            LinkError::Changed => msg!(
                "This link was changed after it was made: its contents do not open with its key. Ask for it again, or for the file. Nothing was changed."
            ),
            LinkError::WrongPassphrase => msg!(
                "That passphrase does not open this link. Check it with the person who sent it (capital letters count) and try again. Nothing was changed."
            ),
            LinkError::NotAccord => msg!(
                "This link does not hold an update, a proposal or an agreement from Accord. Ask for it again, or for the file. Nothing was changed."
            ),
        }
    }
}

impl std::fmt::Display for LinkError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

impl std::error::Error for LinkError {}

impl LinkPayload {
    /// The fragment, without `#`: `/receive/1/<data>/<key>` or `/receive/1/<data>/p/<salt>`.
    pub fn fragment(&self) -> String {
        let mut data = self.nonce.to_vec();
        data.extend_from_slice(&self.ciphertext);
        let data = Base64UrlUnpadded::encode_string(&data);
        match &self.lock {
            Lock::Key(key) => format!("/{PATH}/{VERSION}/{data}/{}", Base64UrlUnpadded::encode_string(key)),
            Lock::Passphrase { salt } => {
                format!("/{PATH}/{VERSION}/{data}/{PASSPHRASE_MARK}/{}", Base64UrlUnpadded::encode_string(salt))
            }
        }
    }

    /// Reads what followed `/receive/` in the fragment: `None` when nothing did (the link
    /// was already opened and removed from the address bar).
    pub fn parse(rest: &str) -> Option<Result<LinkPayload, LinkError>> {
        let segments: Vec<&str> = rest.split('/').filter(|s| !s.is_empty()).collect();
        (!segments.is_empty()).then(|| Self::read(&segments))
    }

    /// Reads the fragment's segments after `receive`: the version, the data, then the key
    /// or the passphrase mark and the salt.
    pub fn read(segments: &[&str]) -> Result<LinkPayload, LinkError> {
        let (data, lock) = match segments {
            [version, ..] if *version != VERSION => return Err(LinkError::UnknownVersion((*version).to_string())),
            [_, data, key] => (*data, Lock::Key(bytes(key)?)),
            [_, data, mark, salt] if *mark == PASSPHRASE_MARK => (*data, Lock::Passphrase { salt: bytes(salt)? }),
            _ => return Err(LinkError::CutShort),
        };
        let data = Base64UrlUnpadded::decode_vec(data).map_err(|_| LinkError::CutShort)?;
        if data.len() < NONCE_BYTES + TAG_BYTES {
            return Err(LinkError::CutShort);
        }
        let (nonce, ciphertext) = data.split_at(NONCE_BYTES);
        Ok(LinkPayload { lock, nonce: nonce.try_into().map_err(|_| LinkError::CutShort)?, ciphertext: ciphertext.to_vec() })
    }
}

/// A segment of exactly `N` bytes in base64url.
fn bytes<const N: usize>(segment: &str) -> Result<[u8; N], LinkError> {
    let decoded = Base64UrlUnpadded::decode_vec(segment).map_err(|_| LinkError::CutShort)?;
    decoded.try_into().map_err(|_| LinkError::CutShort)
}

/// `text` (an Accord file) as compact JSON, as a link carries it; unchanged if it is not
/// JSON. Nothing signed depends on the layout: signatures cover the values
/// (`docs/signatures.md`).
pub fn compact(text: &str) -> String {
    serde_json::from_str::<Value>(text).map(|value| value.to_string()).unwrap_or_else(|_| text.to_string())
}

/// What an opened link holds.
#[derive(Debug, Clone, PartialEq)]
pub enum Carried {
    /// A relationship update, as its text (it is planned and applied as a file would be).
    Update(String),
    Proposal(Box<ProposalFile>),
    Agreement(Box<AgreementFile>),
}

impl Carried {
    /// Reads a link's text, checked exactly as the file would be; refused in words.
    pub fn read(text: &str) -> Result<Carried, Message> {
        let format = serde_json::from_str::<Value>(text).ok().and_then(|v| v.get("format")?.as_str().map(str::to_owned));
        match format.as_deref() {
            Some(relationship_update::FORMAT) => {
                RelationshipUpdate::read(text).map(|_| Carried::Update(text.to_string())).map_err(|e| e.message())
            }
            Some(PROPOSAL_FORMAT) => exchange::read_proposal(text).map(|f| Carried::Proposal(Box::new(f))).map_err(|e| e.user_message()),
            Some(AGREEMENT_FORMAT) => exchange::read_agreement(text).map(|f| Carried::Agreement(Box::new(f))).map_err(|e| e.user_message()),
            _ => Err(LinkError::NotAccord.message()),
        }
    }
}

/// Whether a link of `chars` characters is offered, or the reason it is not.
pub fn fits(chars: usize) -> Result<(), Message> {
    if chars <= MAX_LINK_CHARS {
        return Ok(());
    }
    Err(msg!(
        "This is too long for a link ({chars} characters; a link may have up to {limit}). Send the file instead.",
        chars = Arg::number(chars as f64, 0),
        limit = Arg::number(MAX_LINK_CHARS as f64, 0)
    ))
}

/// A QR code drawn as SVG: `size` modules square (with the 4-module quiet zone around
/// them) and the path of the dark modules, one unit each.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QrDrawing {
    pub size: i32,
    pub path: String,
}

/// The QR code of `text` (the error correction raised as far as its size allows), or
/// `None` when `text` is too long for one. Encoded by `qrcodegen` (Project Nayuki's
/// reference implementation of ISO/IEC 18004: no dependencies, small, widely used).
pub fn qr(text: &str) -> Option<QrDrawing> {
    const QUIET: i32 = 4;
    let code = qrcodegen::QrCode::encode_text(text, qrcodegen::QrCodeEcc::Low).ok()?;
    let modules = code.size();
    let mut path = String::new();
    for y in 0..modules {
        for x in 0..modules {
            if code.get_module(x, y) {
                path.push_str(&format!("M{},{}h1v1h-1z", x + QUIET, y + QUIET));
            }
        }
    }
    Some(QrDrawing { size: modules + 2 * QUIET, path })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn payload() -> LinkPayload {
        LinkPayload { lock: Lock::Key([7; KEY_BYTES]), nonce: [9; NONCE_BYTES], ciphertext: (0..40).collect() }
    }

    fn locked() -> LinkPayload {
        LinkPayload { lock: Lock::Passphrase { salt: [3; SALT_BYTES] }, ..payload() }
    }

    fn segments(fragment: &str) -> Vec<&str> {
        fragment.trim_start_matches('/').split('/').skip(1).collect()
    }

    #[test]
    fn a_link_reads_back_to_what_it_carries_and_uses_only_url_safe_characters() {
        let fragment = payload().fragment();
        assert!(fragment.starts_with("/receive/1/"), "{fragment}");
        assert!(fragment.chars().all(|c| c.is_ascii_alphanumeric() || "/-_".contains(c)), "{fragment}");
        assert_eq!(LinkPayload::read(&segments(&fragment)), Ok(payload()));
        assert_eq!(LinkPayload::parse(fragment.trim_start_matches("/receive")), Some(Ok(payload())));
        assert_eq!(LinkPayload::parse(""), None, "an opened link leaves nothing to open");
        assert_eq!(LinkPayload::parse("/"), None);
    }

    #[test]
    fn a_link_locked_with_a_passphrase_carries_the_salt_and_no_key() {
        let fragment = locked().fragment();
        let whole = segments(&fragment);
        assert_eq!((whole.len(), whole[2]), (4, PASSPHRASE_MARK), "{fragment}");
        assert_eq!(Base64UrlUnpadded::decode_vec(whole[3]).unwrap(), vec![3; SALT_BYTES]);
        assert!(!fragment.contains(&Base64UrlUnpadded::encode_string(&[7; KEY_BYTES])));
        assert_eq!(LinkPayload::read(&whole), Ok(locked()));
        assert_eq!(LinkPayload::read(&[whole[0], whole[1], whole[2], &whole[3][..8]]), Err(LinkError::CutShort), "the salt cut");
        assert_eq!(LinkPayload::read(&[whole[0], whole[1], "q", whole[3]]), Err(LinkError::CutShort), "an unknown lock");
        let params = Lock::params([3; SALT_BYTES]);
        assert_eq!(params.check(), Ok(()), "the parameters passphrase protection accepts");
        assert!(LinkError::WrongPassphrase.message().to_string().starts_with("That passphrase does not open this link."));
    }

    #[test]
    fn an_opened_link_is_read_as_the_file_it_carries_or_refused_in_words() {
        let refused = Carried::read(r#"{"format":"accord-backup"}"#).unwrap_err().to_string();
        assert!(refused.starts_with("This link does not hold an update, a proposal or an agreement"), "{refused}");
        assert_eq!(Carried::read("not json").unwrap_err(), LinkError::NotAccord.message());
        let newer = Carried::read(r#"{"format":"accord-contract-agreement","format_version":9}"#).unwrap_err().to_string();
        assert!(newer.contains("newer version of Accord"), "{newer}");
        let damaged = Carried::read(r#"{"format":"accord-contract-proposal","format_version":1}"#).unwrap_err().to_string();
        assert!(damaged.contains("incomplete or damaged"), "{damaged}");
        let update = Carried::read(r#"{"format":"accord-relationship-update","version":1,"checksum":"x"}"#).unwrap_err().to_string();
        assert!(update.contains("damaged"), "{update}");
    }

    #[test]
    fn compact_json_drops_the_layout_and_keeps_every_value() {
        let pretty = "{\n  \"format\": \"accord-contract-agreement\",\n  \"version\": 2,\n  \"at\": 1.5e12\n}";
        let compact = compact(pretty);
        assert!(!compact.contains([' ', '\n']), "{compact}");
        assert_eq!(serde_json::from_str::<Value>(&compact).unwrap(), serde_json::from_str::<Value>(pretty).unwrap());
        assert_eq!(super::compact("not json"), "not json");
    }

    #[test]
    fn a_link_cut_short_or_from_a_newer_version_is_refused_in_words() {
        let fragment = payload().fragment();
        let whole = segments(&fragment);
        assert_eq!(LinkPayload::read(&whole[..2]), Err(LinkError::CutShort), "the key missing");
        let short_key = &whole[2][..20];
        assert_eq!(LinkPayload::read(&[whole[0], whole[1], short_key]), Err(LinkError::CutShort), "the key cut");
        assert_eq!(LinkPayload::read(&[whole[0], &whole[1][..10], whole[2]]), Err(LinkError::CutShort), "the data cut");
        assert_eq!(LinkPayload::read(&[whole[0], "not*base64", whole[2]]), Err(LinkError::CutShort));
        assert_eq!(LinkPayload::read(&["2", whole[1], whole[2]]), Err(LinkError::UnknownVersion("2".into())));
        assert_eq!(LinkPayload::read(&["2"]), Err(LinkError::UnknownVersion("2".into())));
        assert_eq!(LinkPayload::read(&[]), Err(LinkError::CutShort));
        assert!(LinkError::CutShort.message().to_string().contains("incomplete"));
        assert!(LinkError::UnknownVersion("2".into()).message().to_string().contains("link format 2"));
    }

    #[test]
    fn a_qr_code_is_drawn_for_a_link_that_fits_and_none_for_one_too_long() {
        let link = format!("https://coach.example/accord/#{}", payload().fragment());
        let drawing = qr(&link).expect("a short link fits");
        assert!(drawing.size >= 21 + 8, "version 1 or larger, with its quiet zone");
        assert!(drawing.path.starts_with("M4,4h1v1h-1z"), "the finder pattern's corner is dark");
        assert_eq!(qr(&link), Some(drawing), "the same link, the same code");
        assert_eq!(qr(&"x".repeat(3_000)), None, "longer than the largest QR code holds");
    }

    #[test]
    fn a_link_longer_than_the_limit_is_not_offered() {
        assert_eq!(fits(MAX_LINK_CHARS), Ok(()));
        let refused = fits(MAX_LINK_CHARS + 1).unwrap_err().to_string();
        assert!(refused.contains("8001 characters") && refused.contains("Send the file instead"), "{refused}");
    }
}
