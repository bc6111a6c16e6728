//! Where to sync, and what: the sync target settings.
//!
//! [`SyncTargetForm`] is what a person typed; [`SyncTarget`] is the checked setting the
//! replicator uses (a `TryFrom`, every problem at once as [`FieldErrors`]). The server
//! address is `http` or `https` with no name or password in it (those go in their own
//! fields, so they never show in a status line), without a trailing slash; the database
//! name follows CouchDB's rule (`^[a-z][a-z0-9_$()+/-]*$`). [`Scope`] says whether
//! everything syncs or only chosen engagements (a [`ScopeKind`] in the form). [`SignIn`] says how Accord signs in: with
//! the user name and password on every request, or with a session the server gives this
//! browser (a cookie; the password is used once to start it and never kept).

use crate::domain::message::Message;
use crate::msg;
use std::collections::BTreeSet;

use serde::{Deserialize, Serialize};

use crate::domain::validation::{Field, FieldErrors};
use crate::domain::RecordId;

/// The settings as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncTargetForm {
    pub server_url: String,
    pub database: String,
    pub username: String,
    pub password: String,
    /// [`ScopeKind::as_str`]; "" means everything.
    pub scope: String,
    /// With [`ScopeKind::Chosen`]: the engagements that sync.
    pub engagements: Vec<String>,
    pub exclude_private_notes: bool,
    pub end_to_end: bool,
    /// [`SignIn::as_str`]; "" means a password.
    pub sign_in: String,
}

crate::domain::choice::choice_enum!(
    /// How Accord signs in to the server. Stored (in the sync settings) by the variant's
    /// name, as before it was a choice.
    #[derive(Default)]
    SignIn {
        /// Basic authentication with the kept user name and password on every request.
        #[default]
        #[serde(rename = "Password")]
        Password => "password", "User name and password";
        /// A session cookie the server gave this browser (`POST /_session`); no password kept.
        #[serde(rename = "Session")]
        Session => "session", "A sign-in session in this browser";
    }
);

crate::domain::choice::choice_enum!(
    /// What syncs, as chosen in the form: a [`Scope`] without its engagements.
    ScopeKind {
        Everything => "everything", "Everything";
        /// Only the engagements ticked.
        Chosen => "chosen", "Chosen engagements";
    }
);

/// What syncs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Scope {
    Everything,
    /// Only these engagements and what belongs to them (templates and the supervision
    /// log belong to no engagement, so they stay on the device).
    Engagements(BTreeSet<RecordId>),
}

impl Scope {
    pub fn kind(&self) -> ScopeKind {
        match self {
            Scope::Everything => ScopeKind::Everything,
            Scope::Engagements(_) => ScopeKind::Chosen,
        }
    }

    /// Whether a record of `engagement` (or of none) syncs.
    pub fn includes(&self, engagement: Option<&RecordId>) -> bool {
        match self {
            Scope::Everything => true,
            Scope::Engagements(chosen) => engagement.is_some_and(|e| chosen.contains(e)),
        }
    }

    /// Words for the option, e.g. in a key for the checkpoint.
    pub fn describe(&self) -> String {
        match self {
            Scope::Everything => "everything".into(),
            Scope::Engagements(chosen) => format!("engagements:{}", chosen.iter().map(RecordId::as_str).collect::<Vec<_>>().join(",")),
        }
    }
}

/// The checked settings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SyncTarget {
    server_url: String,
    database: String,
    pub username: String,
    pub password: String,
    pub scope: Scope,
    pub exclude_private_notes: bool,
    pub end_to_end: bool,
    #[serde(default)]
    pub sign_in: SignIn,
}

impl SyncTarget {
    /// The server's address, without a trailing slash.
    pub fn server_url(&self) -> &str {
        &self.server_url
    }

    pub fn database(&self) -> &str {
        &self.database
    }

    /// The database's address (a `/` in its name is escaped, as CouchDB expects).
    pub fn database_url(&self) -> String {
        format!("{}/{}", self.server_url, self.database.replace('/', "%2F"))
    }

    /// The form these settings came from (to show them for editing).
    pub fn to_form(&self) -> SyncTargetForm {
        let engagements = match &self.scope {
            Scope::Everything => Vec::new(),
            Scope::Engagements(chosen) => chosen.iter().map(|e| e.as_str().to_string()).collect(),
        };
        SyncTargetForm {
            server_url: self.server_url.clone(),
            database: self.database.clone(),
            username: self.username.clone(),
            password: self.password.clone(),
            scope: self.scope.kind().as_str().into(),
            engagements,
            exclude_private_notes: self.exclude_private_notes,
            end_to_end: self.end_to_end,
            sign_in: self.sign_in.as_str().into(),
        }
    }
}

/// Checks a server address: `http(s)://host[:port][/path]`, no credentials, no query.
pub fn server_url(raw: &str) -> Result<String, Message> {
    let text = raw.trim();
    if text.is_empty() {
        return Err(msg!("Enter the sync server's address, for example https://sync.example.org."));
    }
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or_else(|| msg!("The server address must start with https:// (or http:// on your own network)."))?;
    if text.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(msg!("The server address cannot contain spaces."));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(msg!("Put the user name and password in their own fields, not in the address."));
    }
    if rest.contains('?') || rest.contains('#') {
        return Err(msg!("The server address cannot contain ? or #."));
    }
    let (host, port) = match authority.rsplit_once(':') {
        Some((host, port)) if !host.ends_with(']') || authority.starts_with('[') => (host, Some(port)),
        _ => (authority, None),
    };
    if host.is_empty() || host.starts_with('.') || host.starts_with('-') {
        return Err(msg!("The server address has no server name."));
    }
    if port.is_some_and(|p| p.parse::<u16>().map_or(true, |p| p == 0)) {
        return Err(msg!("The port in the server address must be a number between 1 and 65535."));
    }
    Ok(text.trim_end_matches('/').to_string())
}

/// Checks a database name by CouchDB's rule.
pub fn database_name(raw: &str) -> Result<String, Message> {
    let name = raw.trim();
    if name.is_empty() {
        return Err(msg!("Enter the database name your organisation gave you."));
    }
    if name.len() > 238 {
        return Err(msg!("The database name can be at most 238 characters."));
    }
    let mut chars = name.chars();
    let first_ok = chars.next().is_some_and(|c| c.is_ascii_lowercase());
    let rest_ok = chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_$()+/-".contains(c));
    if !first_ok || !rest_ok {
        return Err(msg!("A database name starts with a lower-case letter and has only lower-case letters, digits and _ $ ( ) + - /."));
    }
    Ok(name.to_string())
}

impl TryFrom<SyncTargetForm> for SyncTarget {
    type Error = FieldErrors;

    fn try_from(form: SyncTargetForm) -> Result<Self, Self::Error> {
        let mut errors = FieldErrors::new();
        let server_url = errors.collect(Field::SyncServer, server_url(&form.server_url));
        let database = errors.collect(Field::SyncDatabase, database_name(&form.database));
        let username = form.username.trim().to_string();
        if username.contains(':') {
            errors.push(Field::SyncUsername, msg!("A user name cannot contain a colon."));
        }
        let sign_in = match form.sign_in.trim() {
            "" => SignIn::Password,
            text => SignIn::parse(text).unwrap_or_else(|| {
                errors.push(Field::SyncSignIn, msg!("Choose how Accord signs in to the server."));
                SignIn::Password
            }),
        };
        match sign_in {
            SignIn::Password if !username.is_empty() && form.password.is_empty() => {
                errors.push(Field::SyncPassword, msg!("Enter the password for this user name."))
            }
            SignIn::Session if username.is_empty() => {
                errors.push(Field::SyncUsername, msg!("Enter the user name you sign in to the server with."))
            }
            _ => {}
        }
        if username.is_empty() && !form.password.is_empty() {
            errors.push(Field::SyncUsername, msg!("Enter the user name this password belongs to."));
        }
        let scope_kind = match form.scope.trim() {
            "" => Some(ScopeKind::Everything),
            text => ScopeKind::parse(text),
        };
        let scope = match scope_kind {
            Some(ScopeKind::Everything) => Some(Scope::Everything),
            Some(ScopeKind::Chosen) => {
                let chosen: Option<BTreeSet<RecordId>> = form.engagements.iter().map(|e| RecordId::parse(e)).collect();
                match chosen {
                    Some(chosen) if !chosen.is_empty() => Some(Scope::Engagements(chosen)),
                    Some(_) => {
                        errors.push(Field::SyncScope, msg!("Choose at least one engagement to sync, or sync everything."));
                        None
                    }
                    None => {
                        errors.push(Field::SyncScope, msg!("One of the chosen engagements is not known."));
                        None
                    }
                }
            }
            None => {
                errors.push(Field::SyncScope, msg!("Choose everything or chosen engagements."));
                None
            }
        };
        match (server_url, database, scope) {
            (Some(server_url), Some(database), Some(scope)) if errors.is_empty() => Ok(SyncTarget {
                server_url,
                database,
                username,
                // With a session, the password only starts it: it is never kept.
                password: if sign_in == SignIn::Session { String::new() } else { form.password },
                scope,
                exclude_private_notes: form.exclude_private_notes,
                end_to_end: form.end_to_end,
                sign_in,
            }),
            _ => Err(errors),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> SyncTargetForm {
        SyncTargetForm {
            server_url: "https://sync.example.org/couch/".into(),
            database: "accord-team".into(),
            username: "sam".into(),
            password: "pw".into(),
            scope: "everything".into(),
            ..SyncTargetForm::default()
        }
    }

    #[test]
    fn a_good_form_gives_a_target_without_the_trailing_slash() {
        let target = SyncTarget::try_from(form()).unwrap();
        assert_eq!(target.server_url(), "https://sync.example.org/couch");
        assert_eq!(target.database_url(), "https://sync.example.org/couch/accord-team");
        assert_eq!(target.scope, Scope::Everything);
        assert_eq!(SyncTarget::try_from(target.to_form()).unwrap(), target);
        let nested = SyncTarget::try_from(SyncTargetForm { database: "team/a".into(), ..form() }).unwrap();
        assert_eq!(nested.database_url(), "https://sync.example.org/couch/team%2Fa");
    }

    #[test]
    fn server_addresses_are_http_or_https_without_credentials() {
        assert_eq!(server_url("http://127.0.0.1:5984").unwrap(), "http://127.0.0.1:5984");
        assert_eq!(server_url("  https://couch.example.org///  ").unwrap(), "https://couch.example.org");
        for bad in [
            "",
            "ftp://x",
            "couch.example.org",
            "https://sam:pw@couch.example.org",
            "https://",
            "https://x/db?x=1",
            "https://a b",
            "http://x:0",
            "http://x:70000",
        ] {
            assert!(server_url(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn database_names_follow_couchdb_rules() {
        for good in ["a", "accord", "team_1$()+-/x"] {
            assert!(database_name(good).is_ok(), "{good}");
        }
        for bad in ["", "Accord", "1team", "_users", "team space", "team.x", &"a".repeat(239)] {
            assert!(database_name(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn every_problem_is_reported_at_once_next_to_its_field() {
        let errors = SyncTarget::try_from(SyncTargetForm {
            server_url: "sync.example.org".into(),
            database: "Team".into(),
            username: "sam".into(),
            password: String::new(),
            scope: "chosen".into(),
            ..SyncTargetForm::default()
        })
        .unwrap_err();
        for field in [Field::SyncServer, Field::SyncDatabase, Field::SyncPassword, Field::SyncScope] {
            assert!(errors.message_for(field).is_some(), "{field:?}");
        }
        assert_eq!(errors.len(), 4);
    }

    #[test]
    fn a_session_sign_in_needs_a_user_name_and_never_keeps_the_password() {
        let session = SyncTarget::try_from(SyncTargetForm { sign_in: "session".into(), ..form() }).unwrap();
        assert_eq!(session.sign_in, SignIn::Session);
        assert_eq!(session.password, "", "the password only starts the session");
        assert_eq!(SyncTarget::try_from(session.to_form()).unwrap(), session);
        let without_password = SyncTarget::try_from(SyncTargetForm { sign_in: "session".into(), password: String::new(), ..form() });
        assert!(without_password.is_ok(), "the browser may already have a session");
        let nameless =
            SyncTarget::try_from(SyncTargetForm { sign_in: "session".into(), username: String::new(), password: String::new(), ..form() })
                .unwrap_err();
        assert!(nameless.message_for(Field::SyncUsername).is_some());
        assert!(SyncTarget::try_from(SyncTargetForm { sign_in: "other".into(), ..form() })
            .unwrap_err()
            .message_for(Field::SyncSignIn)
            .is_some());
        // Settings saved before sign-in could be chosen read as password sign-in.
        let mut old = serde_json::to_value(SyncTarget::try_from(form()).unwrap()).unwrap();
        old.as_object_mut().unwrap().remove("sign_in");
        assert_eq!(serde_json::from_value::<SyncTarget>(old).unwrap().sign_in, SignIn::Password);
    }

    #[test]
    fn chosen_engagements_limit_what_syncs() {
        let target =
            SyncTarget::try_from(SyncTargetForm { scope: "chosen".into(), engagements: vec!["e1".into(), "e2".into()], ..form() }).unwrap();
        let e1 = RecordId::parse("e1").unwrap();
        let e3 = RecordId::parse("e3").unwrap();
        assert!(target.scope.includes(Some(&e1)));
        assert!(!target.scope.includes(Some(&e3)));
        assert!(!target.scope.includes(None), "templates and supervision stay on the device");
        assert!(Scope::Everything.includes(None));
        assert_eq!(target.scope.describe(), "engagements:e1,e2");
        assert!(
            SyncTarget::try_from(SyncTargetForm { username: String::new(), password: String::new(), ..form() }).is_ok(),
            "anonymous is allowed"
        );
    }

    #[test]
    fn the_sign_in_is_chosen_by_its_form_value_and_stored_by_its_name_as_before() {
        for (sign_in, value, stored) in [(SignIn::Password, "password", "Password"), (SignIn::Session, "session", "Session")] {
            assert_eq!(sign_in.as_str(), value);
            assert_eq!(SignIn::parse(value), Some(sign_in));
            assert_eq!(serde_json::to_value(sign_in).unwrap(), stored);
            assert_eq!(serde_json::from_value::<SignIn>(stored.into()).unwrap(), sign_in);
        }
        assert_eq!(SignIn::ALL, &[SignIn::Password, SignIn::Session]);
        assert_eq!(SignIn::default(), SignIn::Password);
        // A target saved by an earlier version.
        let mut old = serde_json::to_value(SyncTarget::try_from(form()).unwrap()).unwrap();
        old["sign_in"] = "Session".into();
        let old: SyncTarget = serde_json::from_value(old).unwrap();
        assert_eq!(old.sign_in, SignIn::Session);
        assert_eq!(old.to_form().sign_in, "session");
        assert_eq!(SyncTarget::try_from(SyncTargetForm { sign_in: String::new(), ..form() }).unwrap().sign_in, SignIn::Password);
    }

    #[test]
    fn what_syncs_is_chosen_as_everything_or_chosen_engagements() {
        let expected = [(ScopeKind::Everything, "everything"), (ScopeKind::Chosen, "chosen")];
        crate::domain::choice::assert_values(ScopeKind::ALL, &expected, ScopeKind::as_str, ScopeKind::parse);
        let chosen = SyncTarget::try_from(SyncTargetForm { scope: "chosen".into(), engagements: vec!["e1".into()], ..form() }).unwrap();
        assert_eq!(chosen.scope.kind(), ScopeKind::Chosen);
        assert_eq!(chosen.to_form().scope, "chosen");
        assert_eq!(SyncTarget::try_from(chosen.to_form()).unwrap(), chosen);
        let everything = SyncTarget::try_from(SyncTargetForm { scope: String::new(), ..form() }).unwrap();
        assert_eq!((everything.scope.kind(), everything.to_form().scope.as_str()), (ScopeKind::Everything, "everything"));
        let unknown = SyncTarget::try_from(SyncTargetForm { scope: "some".into(), ..form() }).unwrap_err();
        assert_eq!(
            unknown.message_for(Field::SyncScope).map(ToString::to_string).as_deref(),
            Some("Choose everything or chosen engagements.")
        );
    }
}
