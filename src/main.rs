//! Entry point: installs the panic screen and mounts the app. Nothing else lives here.

#[cfg(target_arch = "wasm32")]
fn main() {
    accord::platform::panic::install();
    accord::ui::start();
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    eprintln!("Accord runs in a browser: build it with `trunk build --release` (see README.md).");
}
