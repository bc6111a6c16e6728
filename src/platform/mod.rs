//! Browser services the rest of the app needs, behind small functions.
//!
//! - [`badge`]: the count of things needing attention on the installed app's icon, where
//!   the browser has the Badging API.
//! - [`clock`]: the current [`Timestamp`](crate::domain::Timestamp).
//! - [`ids`]: new random [`RecordId`](crate::domain::RecordId)s from the browser's
//!   cryptographic random source.
//! - [`persistence`]: asks the browser to keep this site's data (`navigator.storage.persist()`)
//!   and reports usage and quota as a [`StorageStatus`](persistence::StorageStatus).
//! - [`panic`]: replaces a blank page after a crash with an error screen that offers
//!   to download the data (drawn by `public/rescue.js`, which works even if the app
//!   itself cannot start).
//! - [`location`]: reads and changes the URL fragment the app navigates by; embed mode.
//! - [`page`]: fetches the organisation settings file; attributes and CSS properties on `<html>`.
//! - [`tabs`]: tells other tabs of the app about a change, and hears theirs.
//! - [`files`]: downloads (proposal and agreement files) and reading a chosen file.
//! - [`crypto`]: AES-256-GCM through WebCrypto for passphrase protection and encrypted
//!   backups.
//! - [`share`]: a file's text sealed into a link (CompressionStream, AES-GCM), opened back;
//!   the clipboard and the system's share sheet.
//! - [`signing`]: the device's key pair (Ed25519, else ECDSA P-256) and signatures
//!   through WebCrypto.
//! - [`notifications`]: notifications from this app on this device (the Notifications API
//!   through the service worker), only once the person has allowed them.
//! - [`service_worker`]: keeps this build's files for use with no network, and says when a
//!   newer build is waiting (it takes over only when the person asks).

pub mod badge;
pub mod clock;
pub mod crypto;
pub mod files;
pub mod ids;
pub mod location;
pub mod notifications;
pub mod page;
pub mod panic;
pub mod persistence;
pub mod service_worker;
pub mod share;
pub mod signing;
pub mod tabs;
