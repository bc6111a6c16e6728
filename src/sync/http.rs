//! Requests to the sync server, through the browser's `fetch`.
//!
//! [`Http`] sends JSON to one server, signed in with Basic authentication or with the
//! session cookie the server gave this browser ([`Http::with_session`]), and gives every
//! request a time limit (an `AbortController`; a long poll especially, since some servers ignore
//! their own `timeout`). [`Http::send`] answers the status and the body read as JSON, or
//! a [`SyncError`] when there was no answer, it came too late, or it was not JSON.
//! Requests go only to the configured server: every URL is built from its address.

use base64ct::{Base64, Encoding};
use serde_json::Value;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{AbortController, Headers, RequestCredentials, RequestInit, RequestMode, Response};

use crate::domain::sync::status::SyncError;

/// Aborts a request when dropped (after it completed, aborting does nothing).
struct AbortOnDrop(AbortController);

impl Drop for AbortOnDrop {
    fn drop(&mut self) {
        self.0.abort();
    }
}

/// Time limit for an ordinary request.
pub const REQUEST_TIMEOUT_MS: u32 = 30_000;

/// One server, one account.
#[derive(Clone, Debug)]
pub struct Http {
    /// The database's address; paths are appended to it.
    database_url: String,
    server_url: String,
    authorization: Option<String>,
    /// Send the browser's cookies for the server (a session), instead of a password.
    session: bool,
}

/// An answer: HTTP status and its JSON body.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: Value,
    /// What a 401 means: a wrong password, or a session that ended.
    signed_out: SyncError,
}

impl Answer {
    /// The body of a successful answer; anything else as the error it means. `missing`
    /// is the error a 404 means here (the database, usually).
    pub fn ok_or(self, missing: SyncError) -> Result<Value, SyncError> {
        match self.status {
            200..=299 => Ok(self.body),
            401 => Err(self.signed_out),
            403 => Err(SyncError::Forbidden),
            404 => Err(missing),
            status => Err(SyncError::ServerError(status)),
        }
    }
}

impl Http {
    pub fn new(server_url: &str, database_url: &str, username: &str, password: &str) -> Http {
        let authorization =
            (!username.is_empty()).then(|| format!("Basic {}", Base64::encode_string(format!("{username}:{password}").as_bytes())));
        Http { database_url: database_url.to_string(), server_url: server_url.to_string(), authorization, session: false }
    }

    /// Signed in by the session cookie the server set in this browser (see [`Http::server`]
    /// with `POST /_session`).
    pub fn with_session(server_url: &str, database_url: &str) -> Http {
        Http { database_url: database_url.to_string(), server_url: server_url.to_string(), authorization: None, session: true }
    }

    fn signed_out(&self) -> SyncError {
        if self.session {
            SyncError::SessionEnded
        } else {
            SyncError::WrongCredentials
        }
    }

    /// A request to the database (`path` starts with `/` or is empty).
    pub async fn db(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Answer, SyncError> {
        self.send(method, &format!("{}{path}", self.database_url), body, REQUEST_TIMEOUT_MS).await
    }

    /// A request to the database with its own time limit.
    pub async fn db_with_timeout(&self, method: &str, path: &str, body: Option<&Value>, timeout_ms: u32) -> Result<Answer, SyncError> {
        self.send(method, &format!("{}{path}", self.database_url), body, timeout_ms).await
    }

    /// A request to the server itself (`/` is its welcome, `/_session` the sign-in).
    pub async fn server(&self, method: &str, path: &str, body: Option<&Value>) -> Result<Answer, SyncError> {
        self.send(method, &format!("{}{path}", self.server_url), body, REQUEST_TIMEOUT_MS).await
    }

    async fn send(&self, method: &str, url: &str, body: Option<&Value>, timeout_ms: u32) -> Result<Answer, SyncError> {
        let window = web_sys::window().ok_or(SyncError::Unreachable)?;
        let headers = Headers::new().map_err(|_| SyncError::Unreachable)?;
        let set = |name: &str, value: &str| headers.set(name, value).map_err(|_| SyncError::Unreachable);
        set("Accept", "application/json")?;
        if let Some(authorization) = &self.authorization {
            set("Authorization", authorization)?;
        }
        let init = RequestInit::new();
        init.set_method(method);
        init.set_mode(RequestMode::Cors);
        // Basic authentication in a header and no cookies, or the session's cookie.
        init.set_credentials(if self.session { RequestCredentials::Include } else { RequestCredentials::Omit });
        if let Some(body) = body {
            set("Content-Type", "application/json")?;
            init.set_body(&JsValue::from_str(&body.to_string()));
        }
        init.set_headers(&headers);
        let controller = AbortController::new().map_err(|_| SyncError::Unreachable)?;
        init.set_signal(Some(&controller.signal()));
        let abort = controller.clone();
        let timer = gloo_timers::callback::Timeout::new(timeout_ms, move || abort.abort());
        // A request given up on (its future dropped: sync was asked to go now, or stopped)
        // is aborted, so it does not hold one of the browser's few connections to the server.
        let _give_up = AbortOnDrop(controller.clone());
        let answer = async {
            let response = JsFuture::from(window.fetch_with_str_and_init(url, &init)).await.map_err(|_| SyncError::Unreachable)?;
            let response: Response = response.dyn_into().map_err(|_| SyncError::NotCouch)?;
            let status = response.status();
            let text = JsFuture::from(response.text().map_err(|_| SyncError::NotCouch)?).await.map_err(|_| SyncError::Unreachable)?;
            let text = text.as_string().unwrap_or_default();
            match serde_json::from_str::<Value>(&text) {
                Ok(body) => Ok(Answer { status, body, signed_out: self.signed_out() }),
                // Some proxies answer 401 or 5xx with a page of their own.
                Err(_) if status == 401 => Err(self.signed_out()),
                Err(_) if status == 403 => Err(SyncError::Forbidden),
                Err(_) if status >= 500 => Err(SyncError::ServerError(status)),
                Err(_) => Err(SyncError::NotCouch),
            }
        }
        .await;
        let timed_out = controller.signal().aborted();
        drop(timer);
        match answer {
            Err(SyncError::Unreachable) if timed_out => Err(SyncError::TimedOut),
            other => other,
        }
    }
}
