// Accord's one Trusted Types policy, loaded before anything else runs.
//
// Hosting headers (README.md, "Hosting") can send `require-trusted-types-for 'script';
// trusted-types default`: the browser then refuses to pass a plain string to a place that
// can run code (innerHTML, script URLs, eval) unless this "default" policy lets it through.
// What Accord itself passes:
// - HTML: Leptos builds the static parts of each screen from HTML fixed when the app was
//   compiled (never from what a person typed: that is always set as text). Let through,
//   unless it carries a script, a frame, a plugin, an inline event handler or a
//   javascript: URL, which Accord never writes.
// - Script URLs: only the service worker, sw.js, from Accord's own folder.
// - Script text (eval and the like): never.
// A refusal is reported in the console and the browser blocks the operation.
(function () {
  "use strict";
  if (!window.trustedTypes || !window.trustedTypes.createPolicy) return;
  // Looked for inside tags only: text such as "one = two" is harmless.
  var DANGEROUS_HTML = /<\s*(script|iframe|object|embed|frame|base|meta)\b|<[^>]*\son[a-z]+\s*=|<[^>]*=\s*["']?\s*javascript:/i;
  var SERVICE_WORKER = new URL("sw.js", document.baseURI).href;

  function refuse(kind, value) {
    console.error("Accord refused to use this " + kind + " (Trusted Types): " + String(value).slice(0, 120));
    return null;
  }

  window.trustedTypes.createPolicy("default", {
    createHTML: function (html) {
      return DANGEROUS_HTML.test(html) ? refuse("HTML", html) : html;
    },
    createScriptURL: function (url) {
      return new URL(url, document.baseURI).href === SERVICE_WORKER ? url : refuse("script address", url);
    },
    createScript: function (script) {
      return refuse("script", script);
    },
  });
})();
