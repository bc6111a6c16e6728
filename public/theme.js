// Before the first paint: <html data-theme> as the device asks (light or dark), so the
// start-up screen never flashes the other theme. The app then sets the theme chosen in
// Settings, and follows the device while the choice is "Same as this device"
// (ui::appearance). The stylesheet's dark colours apply only with data-theme="dark".
document.documentElement.setAttribute(
  "data-theme",
  window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light"
);
