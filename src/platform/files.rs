//! Files the person saves or opens: [`download`] offers text as a file (nothing leaves
//! the device: the browser saves it locally); [`read_chosen_file`] reads the file a person
//! picked in an `<input type="file">`.

use wasm_bindgen::JsCast;

use crate::domain::message::Message;
use crate::msg;
use wasm_bindgen_futures::JsFuture;

/// Offers `text` as a download named `filename`.
pub fn download(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |e: wasm_bindgen::JsValue| format!("{e:?}");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or("no document")?;
    let link: web_sys::HtmlAnchorElement = document.create_element("a").map_err(fail)?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    if let Some(body) = document.body() {
        let _ = body.append_child(&link);
        link.click();
        link.remove();
    }
    // Let the download start before the URL is released.
    let release = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(release.unchecked_ref(), 10_000);
    }
    Ok(())
}

/// The text of the first file chosen in a file input, or `None` if none was chosen.
pub async fn read_chosen_file(input: &web_sys::HtmlInputElement) -> Result<Option<String>, Message> {
    read_chosen_file_checked(
        input,
        |bytes| {
            if bytes > 20_000_000 {
                Err(msg!("This file is too large to be an Accord file."))
            } else {
                Ok(())
            }
        },
    )
    .await
}

/// Like [`read_chosen_file`], with the size checked by `size_ok` (given the size in
/// bytes) before anything is read.
pub async fn read_chosen_file_checked(
    input: &web_sys::HtmlInputElement,
    size_ok: impl Fn(u64) -> Result<(), Message>,
) -> Result<Option<String>, Message> {
    let Some(file) = input.files().and_then(|files| files.get(0)) else { return Ok(None) };
    size_ok(file.size() as u64)?;
    let text = JsFuture::from(file.text()).await.map_err(|_| msg!("The file could not be read."))?;
    Ok(text.as_string())
}

/// A file name made safe from a person's name: "proposal-ada-lovelace-v1.json".
pub fn file_name(parts: &[&str]) -> String {
    file_name_with(parts, "json")
}

/// Like [`file_name`], with another extension (without the dot), e.g. "ics".
pub fn file_name_with(parts: &[&str], extension: &str) -> String {
    let joined = parts.join("-").to_lowercase();
    let safe: String = joined.chars().map(|c| if c.is_alphanumeric() { c } else { '-' }).collect();
    let mut collapsed = String::new();
    for c in safe.chars() {
        if !(c == '-' && collapsed.ends_with('-')) {
            collapsed.push(c);
        }
    }
    format!("{}.{extension}", collapsed.trim_matches('-'))
}
