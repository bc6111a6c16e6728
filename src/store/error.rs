//! [`StoreError`]: everything that can go wrong with storage, each able to tell a
//! person what happened and what to do, in plain words.

use std::fmt;

use crate::domain::message::Message;
use crate::msg;

use indexed_db_futures::error::{DomException, Error, OpenDbError, UnexpectedDataError};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreError {
    /// IndexedDB cannot be used here (some private modes, disabled storage, old browsers).
    Unavailable(String),
    /// The database was written by a newer version of the app.
    NewerVersion,
    /// The browser has no room left for this site's data.
    QuotaExceeded,
    /// The browser cancelled a write before it finished.
    WriteAborted,
    /// The record does not exist (or was deleted).
    NotFound,
    /// Someone else (another tab) saved a change to this record since it was opened.
    ChangedElsewhere,
    /// The change does not fit the data (e.g. agreeing to a contract that is not
    /// proposed); the message says why in plain words.
    Refused(Message),
    /// Passphrase protection is on and the passphrase has not been entered yet.
    Locked,
    /// The passphrase does not open the data.
    WrongPassphrase,
    /// Another tab turned protection on or off, or changed the passphrase.
    ProtectionChanged,
    /// Anything else, with the browser's technical detail.
    Failed(String),
}

impl StoreError {
    /// What happened, for a person, in one or two sentences.
    pub fn user_message(&self) -> Message {
        match self {
            StoreError::Unavailable(_) => msg!(
                "This browser is not letting Accord store data, so nothing can be saved. \
                Private or incognito windows and strict privacy settings can do this: open Accord in a normal window, \
                or allow site data for it."
            ),
            StoreError::NewerVersion => msg!(
                "Your data was saved by a newer version of Accord. Reload the page to get \
                the newer version; your data is untouched."
            ),
            StoreError::QuotaExceeded => msg!(
                "This browser has no room left for more data, so the change was not saved. \
                Everything saved before is safe and still readable. Download a backup now, then free some space on \
                this device and try again."
            ),
            StoreError::WriteAborted => msg!(
                "The browser stopped the save before it finished, so the change was not \
                saved. Everything saved before is safe. Try again; if it keeps happening, the device may be low on space."
            ),
            StoreError::NotFound => msg!("This engagement no longer exists. It may have been deleted in another tab."),
            StoreError::ChangedElsewhere => msg!(
                "This was changed in another tab or window since you opened it, so your \
                edit was not saved yet."
            ),
            StoreError::Refused(reason) => reason.clone(),
            StoreError::Locked => msg!("Your data is protected with a passphrase. Enter it to open your data."),
            StoreError::ProtectionChanged => msg!(
                "Passphrase protection was changed in another tab, so this tab stopped \
                saving. Reload this tab to continue; everything saved is safe."
            ),
            StoreError::WrongPassphrase => msg!(
                "That passphrase does not open your data. Check it (capital letters count) \
                and try again. Nothing was changed."
            ),
            StoreError::Failed(_) => msg!(
                "Something went wrong while reading or saving your data. Everything saved \
                before is safe. Reload the page and try again."
            ),
        }
    }

    /// The technical detail, for a "details" disclosure or a bug report.
    pub fn detail(&self) -> Option<&str> {
        match self {
            StoreError::Unavailable(detail) | StoreError::Failed(detail) => Some(detail),
            _ => None,
        }
    }

    /// Classifies a DOMException by its name.
    pub fn from_dom_name(name: &str, message: &str) -> StoreError {
        match name {
            "QuotaExceededError" => StoreError::QuotaExceeded,
            "VersionError" => StoreError::NewerVersion,
            "AbortError" => StoreError::WriteAborted,
            "SecurityError" | "InvalidStateError" | "UnknownError" => StoreError::Unavailable(format!("{name}: {message}")),
            _ => StoreError::Failed(format!("{name}: {message}")),
        }
    }

    /// Errors from opening the database: most mean storage is unavailable here.
    pub fn from_open(error: OpenDbError) -> StoreError {
        match error {
            OpenDbError::Base(error) => match StoreError::from(error) {
                StoreError::Failed(detail) => StoreError::Unavailable(detail),
                other => other,
            },
            other => StoreError::Unavailable(other.to_string()),
        }
    }
}

impl From<Error> for StoreError {
    fn from(error: Error) -> Self {
        match error {
            Error::DomException(DomException::AbortError(_)) => StoreError::WriteAborted,
            Error::DomException(exception) => {
                let raw: &web_sys::DomException = wasm_bindgen::JsCast::unchecked_ref(exception.as_ref());
                StoreError::from_dom_name(&raw.name(), &raw.message())
            }
            Error::MissingData(UnexpectedDataError::TransactionAborted) => StoreError::WriteAborted,
            other => StoreError::Failed(other.to_string()),
        }
    }
}

impl From<crate::domain::contract::ContractError> for StoreError {
    fn from(error: crate::domain::contract::ContractError) -> Self {
        StoreError::Refused(error.user_message())
    }
}

impl From<crate::domain::contract::exchange::ExchangeError> for StoreError {
    fn from(error: crate::domain::contract::exchange::ExchangeError) -> Self {
        StoreError::Refused(error.user_message())
    }
}

/// A signature that does not hold (or is missing, or by another key) refuses what it came
/// with, in words.
impl From<crate::domain::signing::Unverified> for StoreError {
    fn from(why: crate::domain::signing::Unverified) -> Self {
        StoreError::Refused(why.message())
    }
}

impl From<crate::domain::vault::VaultError> for StoreError {
    fn from(error: crate::domain::vault::VaultError) -> Self {
        match error {
            crate::domain::vault::VaultError::WrongPassphrase => StoreError::WrongPassphrase,
            other => StoreError::Refused(msg!("Your protected data could not be opened. {reason}", reason = other.message())),
        }
    }
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.user_message().fmt(f)?;
        if let Some(detail) = self.detail() {
            write!(f, " ({detail})")?;
        }
        Ok(())
    }
}

impl std::error::Error for StoreError {}
