//! Links that carry a file: an update sent as a link to the same Accord, for e-mail or a
//! message, or shown as a QR code (`docs/signatures.md`, "Links").
//!
//! Everything rides in the URL fragment, which browsers never send to the server:
//! `#/receive/1/<data>/<key>`. `<data>` is the AES-256-GCM nonce (12 bytes) followed by the
//! ciphertext of the file's text compressed with raw DEFLATE; `<key>` is the random 32-byte
//! key; both base64url without padding. A [`LinkPayload`] is the three parts;
//! [`LinkPayload::fragment`] writes them and [`LinkPayload::read`] reads them back from the
//! fragment's segments, refusing a link cut short or of an unknown version in words
//! ([`LinkError`]). The encryption and compression are the browser's
//! (`platform::share`); a changed link fails there, and is named the same way. A link
//! longer than [`MAX_LINK_CHARS`] is not offered ([`fits`]): the file is.

use base64ct::{Base64UrlUnpadded, Encoding};

use crate::domain::message::{Arg, Message};
use crate::msg;

/// The link format's version, the fragment's second segment.
pub const VERSION: &str = "1";
/// The fragment's first segment.
pub const PATH: &str = "receive";
/// The longest link Accord offers: 8,000 characters. Mail programs and messengers carry
/// links of this length; a longer payload goes as a file.
pub const MAX_LINK_CHARS: usize = 8_000;
/// Additional data the link's encryption is bound to.
pub const AAD: &[u8] = b"accord/share-link/v1";
pub const KEY_BYTES: usize = 32;
pub const NONCE_BYTES: usize = 12;
/// AES-GCM's authentication tag: the shortest possible ciphertext.
const TAG_BYTES: usize = 16;

/// What a link carries, still encrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkPayload {
    pub key: [u8; KEY_BYTES],
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
    /// It opens, but holds nothing Accord can apply.
    NotAnUpdate,
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
            LinkError::NotAnUpdate => {
                msg!("This link does not hold an update from Accord. Ask for it again, or for the file. Nothing was changed.")
            }
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
    /// The fragment, without `#`: `/receive/1/<data>/<key>`.
    pub fn fragment(&self) -> String {
        let mut data = self.nonce.to_vec();
        data.extend_from_slice(&self.ciphertext);
        format!("/{PATH}/{VERSION}/{}/{}", Base64UrlUnpadded::encode_string(&data), Base64UrlUnpadded::encode_string(&self.key))
    }

    /// Reads the fragment's segments after `receive`: the version, the data, the key.
    pub fn read(segments: &[&str]) -> Result<LinkPayload, LinkError> {
        let (version, data, key) = match segments {
            [version, data, key] => (*version, *data, *key),
            [version, ..] if *version != VERSION => return Err(LinkError::UnknownVersion((*version).to_string())),
            _ => return Err(LinkError::CutShort),
        };
        if version != VERSION {
            return Err(LinkError::UnknownVersion(version.to_string()));
        }
        let data = Base64UrlUnpadded::decode_vec(data).map_err(|_| LinkError::CutShort)?;
        let key = Base64UrlUnpadded::decode_vec(key).map_err(|_| LinkError::CutShort)?;
        let key: [u8; KEY_BYTES] = key.try_into().map_err(|_| LinkError::CutShort)?;
        if data.len() < NONCE_BYTES + TAG_BYTES {
            return Err(LinkError::CutShort);
        }
        let (nonce, ciphertext) = data.split_at(NONCE_BYTES);
        Ok(LinkPayload { key, nonce: nonce.try_into().map_err(|_| LinkError::CutShort)?, ciphertext: ciphertext.to_vec() })
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
        LinkPayload { key: [7; KEY_BYTES], nonce: [9; NONCE_BYTES], ciphertext: (0..40).collect() }
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
