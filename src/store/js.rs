//! Records to and from the plain objects IndexedDB stores: JSON text by serde_json, parsed
//! and written by the browser's own `JSON`. One conversion for every store module.

use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::JsValue;

use super::StoreError;

/// A value as the plain object IndexedDB stores: written as JSON text by serde_json and
/// parsed by the browser's own `JSON.parse`. One serializer for records everywhere
/// (backups use the same), and far fewer calls across the WebAssembly boundary than
/// building the object field by field.
pub(super) fn to_js<T: Serialize>(value: &T) -> Result<JsValue, StoreError> {
    let text = serde_json::to_string(value).map_err(|e| StoreError::Failed(format!("could not prepare a record ({e})")))?;
    js_sys::JSON::parse(&text).map_err(|_| StoreError::Failed("could not prepare a record".into()))
}

/// The other way: `JSON.stringify` in the browser, then serde_json. A field missing in
/// older records reads as its default, as the record types say.
pub(super) fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, String> {
    let text: String = js_sys::JSON::stringify(value).map_err(|_| "not storable as JSON".to_string())?.into();
    serde_json::from_str(&text).map_err(|e| e.to_string())
}
