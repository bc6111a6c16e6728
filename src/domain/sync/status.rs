//! What sync is doing, in words a person understands, and when it tries again.
//!
//! [`SyncStatus`] is the status line's data (idle, syncing, offline or an error; last
//! synced; changes waiting to go up). [`SyncError`] is every way sync can fail, and
//! [`SyncError::message`] is the one place its words live (so they can be translated).
//! [`backoff_seconds`] is how long to wait before the next attempt after repeated
//! failures.

use crate::domain::message::Message;
use crate::domain::Timestamp;
use crate::msg;

/// Every way sync can fail.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SyncError {
    /// No answer: offline, the server is down, the address is wrong, or the server does
    /// not allow this page's origin (the browser cannot tell these apart).
    Unreachable,
    /// The server answered, but not as a CouchDB-protocol server does.
    NotCouch,
    /// 401: the user name or password is wrong.
    WrongCredentials,
    /// 401 while signing in with a session: it ended (or never started) in this browser.
    SessionEnded,
    /// 403: signed in, but not allowed to read or write this database.
    Forbidden,
    /// 404 on the database: it does not exist (or was deleted on the server).
    DatabaseMissing,
    /// The request took too long.
    TimedOut,
    /// A 5xx or another unexpected status.
    ServerError(u16),
    /// The server refused some documents (e.g. a validation function); the others synced.
    Refused { count: usize, reason: String },
    /// Documents from the server that this app cannot read (skipped, nothing changed).
    Unreadable { count: usize },
    /// End-to-end mode needs passphrase protection on and unlocked.
    NeedsUnlock,
    /// End-to-end documents were sealed with another key (the server's key changed).
    WrongKey,
    /// The database is encrypted end to end and this device has not joined it.
    NeedsSyncKey,
    /// The sync passphrase does not open the server's key.
    WrongSyncPassphrase,
    /// The key document on the server is damaged or from a newer version.
    SyncKeyUnusable,
    /// Versions on the server that change a contract version or sponsor update after it
    /// was agreed or approved: not taken, kept aside as conflicts.
    Altered { count: usize },
    /// The local store failed.
    Storage(Message),
}

impl SyncError {
    /// What happened, and what to do, in plain words.
    pub fn message(&self) -> Message {
        match self {
            SyncError::Unreachable => msg!("Could not reach the sync server. You may be offline, the address may be wrong, or the server may not allow this app's address (CORS). Your data on this device is unchanged; sync will try again."),
            SyncError::NotCouch => msg!("The address answered, but not as a sync server (CouchDB) does. Check the server address."),
            SyncError::WrongCredentials => msg!("The sync server did not accept the user name or password. Check them in the sync settings."),
            SyncError::SessionEnded => msg!("Your sign-in session with the sync server has ended. Enter your password in the sync settings and save to sign in again."),
            SyncError::Forbidden => msg!("Your account may not use this database on the sync server. Ask whoever runs the server for access."),
            SyncError::DatabaseMissing => msg!("The database does not exist on the sync server (it may have been deleted). Create it, or check its name."),
            SyncError::TimedOut => msg!("The sync server took too long to answer. Sync will try again."),
            SyncError::ServerError(status) => msg!("The sync server had a problem (HTTP {status}). Sync will try again.", status = *status),
            SyncError::Refused { count: 1, reason } => msg!("The sync server refused one change: {reason}. It stays on this device.", reason = reason),
            SyncError::Refused { count, reason } => msg!("The sync server refused {count} changes: {reason}. They stay on this device.", count = *count, reason = reason),
            SyncError::Unreadable { count: 1 } => msg!("One record on the sync server could not be read and was skipped. Your data on this device is unchanged."),
            SyncError::Unreadable { count } => msg!("{count} records on the sync server could not be read and were skipped. Your data on this device is unchanged.", count = *count),
            SyncError::NeedsUnlock => msg!("End-to-end encrypted sync needs passphrase protection turned on and unlocked."),
            SyncError::WrongKey => msg!("The records on the sync server are encrypted with another key (the database may have been set up again). Enter the sync passphrase again in the sync settings."),
            SyncError::NeedsSyncKey => msg!("This database on the sync server is encrypted end to end. To sync it here, turn on passphrase protection, tick “Encrypt end to end” in the sync settings and enter the sync passphrase."),
            SyncError::WrongSyncPassphrase => msg!("That sync passphrase does not open this database. Use the sync passphrase chosen on the first device that synced it."),
            SyncError::SyncKeyUnusable => msg!("The encryption key on the sync server is damaged or was made by a newer version of Accord, so nothing was synced."),
            SyncError::Altered { count: 1 } => msg!("One record on the sync server was changed after it was agreed or approved. This device kept its own version; compare them under sync conflicts."),
            SyncError::Altered { count } => msg!("{count} records on the sync server were changed after they were agreed or approved. This device kept its own versions; compare them under sync conflicts.", count = *count),
            SyncError::Storage(message) => msg!("Sync could not save to this device: {message}", message = message),
        }
    }

    /// Whether trying again later may help (a wrong setting will not fix itself).
    pub fn worth_retrying(&self) -> bool {
        matches!(self, SyncError::Unreachable | SyncError::TimedOut | SyncError::ServerError(_) | SyncError::Storage(_))
    }
}

impl std::fmt::Display for SyncError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.message().fmt(f)
    }
}

/// What sync is doing.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum SyncState {
    /// Not set up, or set up and waiting.
    #[default]
    Idle,
    Syncing,
    /// The browser says there is no network; sync resumes when it returns.
    Offline,
    Failed(SyncError),
}

/// The status line's data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SyncStatus {
    pub state: SyncState,
    pub last_synced: Option<Timestamp>,
    /// Local changes not yet sent.
    pub pending: u64,
    /// Records with conflicting versions to look at.
    pub conflicts: u64,
    /// Failed attempts in a row (for [`backoff_seconds`]).
    pub failures: u32,
}

impl SyncStatus {
    /// The state in words, e.g. for the status line.
    pub fn describe(&self) -> Message {
        match &self.state {
            SyncState::Idle if self.pending == 0 => msg!("Up to date."),
            SyncState::Idle if self.pending == 1 => msg!("1 change waiting to sync."),
            SyncState::Idle => msg!("{count} changes waiting to sync.", count = self.pending),
            SyncState::Syncing => msg!("Syncing…"),
            SyncState::Offline => msg!("Offline. Changes are kept on this device and sync when you are back online."),
            SyncState::Failed(error) => error.message(),
        }
    }
}

/// Seconds to wait before attempt `failures + 1`: 5 s, doubling, at most 5 minutes.
pub fn backoff_seconds(failures: u32) -> u32 {
    if failures == 0 {
        return 0;
    }
    5u32.saturating_mul(1 << (failures - 1).min(10)).min(300)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn back_off_doubles_from_five_seconds_to_five_minutes() {
        let waits: Vec<u32> = (0..10).map(backoff_seconds).collect();
        assert_eq!(waits, vec![0, 5, 10, 20, 40, 80, 160, 300, 300, 300]);
        assert_eq!(backoff_seconds(u32::MAX), 300);
    }

    #[test]
    fn every_error_has_its_own_plain_message() {
        let all = [
            SyncError::Unreachable,
            SyncError::NotCouch,
            SyncError::WrongCredentials,
            SyncError::SessionEnded,
            SyncError::Forbidden,
            SyncError::DatabaseMissing,
            SyncError::TimedOut,
            SyncError::ServerError(500),
            SyncError::Refused { count: 2, reason: "invalid".into() },
            SyncError::Unreadable { count: 3 },
            SyncError::NeedsUnlock,
            SyncError::WrongKey,
            SyncError::NeedsSyncKey,
            SyncError::WrongSyncPassphrase,
            SyncError::SyncKeyUnusable,
            SyncError::Altered { count: 2 },
            SyncError::Storage(crate::msg!("full")),
        ];
        let messages: std::collections::BTreeSet<String> = all.iter().map(|e| e.message().to_string()).collect();
        assert_eq!(messages.len(), all.len());
        assert!(SyncError::WrongCredentials.message().contains("password"));
        assert!(SyncError::Unreachable.message().contains("unchanged"));
        assert!(SyncError::Unreachable.worth_retrying() && !SyncError::WrongCredentials.worth_retrying());
    }

    #[test]
    fn the_status_says_what_is_waiting() {
        let mut status = SyncStatus { pending: 2, ..SyncStatus::default() };
        assert_eq!(status.describe(), "2 changes waiting to sync.");
        status.pending = 0;
        assert_eq!(status.describe(), "Up to date.");
        status.state = SyncState::Failed(SyncError::DatabaseMissing);
        assert!(status.describe().contains("does not exist"));
    }
}
