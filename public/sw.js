// Accord's service worker: keeps a copy of every file of one build, so that after one
// visit the app opens and works with no network, and lets a newer build wait until the
// person chooses to reload into it.
//
// This file is a template. After each build, scripts/finish-build.mjs writes the build's
// own VERSION (derived from the content of every file) and PRECACHE (every file, with its
// hashed name) into dist/sw.js, so the list can never name a file that no longer exists,
// and any change to any file makes a new worker the browser will find.
//
// - install: fetch and keep every file of this build (past the HTTP cache). No
//   skipWaiting here: a new build waits while a page of the old one is open.
// - message "skip-waiting": the page asks the waiting build to take over, sent only when
//   the person clicks "Reload" (src/platform/service_worker.rs).
// - activate: remove this scope's copies of older builds; take control of open pages.
// - fetch: the build's own files come from the copy; the app's address (with or without
//   index.html) is answered with the copied index.html. The organisation settings file,
//   accord-config.json, is not part of the build (administrators change it on the server
//   at any time): it is asked from the network first, and the last copy fetched answers
//   only when the network cannot. Anything else goes to the network untouched, and
//   nothing is ever fetched from another origin.
// - notificationclick: a notification the app showed (src/platform/notifications.rs) is
//   closed, and an open window of the app is brought forward and taken to the item
//   (data.url, only if it is of this copy of Accord), or a new one is opened there.
"use strict";

const VERSION = "development";
const PRECACHE = [];

const SCOPE = self.registration.scope;
// Several copies of Accord may live on one origin (/a/, /b/): each keeps to its own caches.
const CACHE_PREFIX = "accord " + SCOPE + " ";
const CACHE = CACHE_PREFIX + VERSION;
const INDEX = new URL("index.html", SCOPE).href;
const FILES = new Set(PRECACHE.map((path) => new URL(path, SCOPE).href));
const CONFIG = new URL("accord-config.json", SCOPE).href;

/** Fetches the settings file and keeps the answer: a copy if it exists, none if it is gone. */
function refreshConfig(cache, request) {
  return fetch(request, { cache: "no-cache" }).then((response) => {
    if (response.ok) return cache.put(CONFIG, response.clone()).then(() => response);
    if (response.status === 404) return cache.delete(CONFIG).then(() => response);
    return response;
  });
}

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches.open(CACHE).then((cache) =>
      cache
        .addAll([...FILES].map((url) => new Request(url, { cache: "reload" })))
        // The settings file may not exist: keeping a copy is a bonus, never a failure.
        .then(() => refreshConfig(cache, CONFIG).catch(() => undefined))
    )
  );
});

self.addEventListener("message", (event) => {
  if (event.data === "skip-waiting") self.skipWaiting();
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((key) => key.startsWith(CACHE_PREFIX) && key !== CACHE).map((key) => caches.delete(key))))
      .then(() => self.clients.claim())
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET") return;
  const url = new URL(request.url);
  url.hash = "";
  url.search = "";
  const address = url.href;
  if (address === CONFIG) {
    event.respondWith(
      caches.open(CACHE).then((cache) =>
        refreshConfig(cache, request).catch(() => cache.match(CONFIG).then((copy) => copy || Response.error()))
      )
    );
    return;
  }
  let file = null;
  if (request.mode === "navigate") {
    if (address === SCOPE || address === INDEX) file = INDEX;
  } else if (FILES.has(address)) {
    file = address;
  }
  if (file === null) return;
  event.respondWith(
    caches
      .open(CACHE)
      .then((cache) => cache.match(file))
      .then((copy) => copy || fetch(request))
  );
});

/** The notification's address if it belongs to this copy of Accord, else the app's own. */
function notificationTarget(notification) {
  try {
    const url = new URL(notification.data && notification.data.url, SCOPE);
    if (url.origin === self.location.origin && url.href.startsWith(SCOPE)) return url.href;
  } catch (_) {
    // No address, or not one: open the app itself.
  }
  return SCOPE;
}

self.addEventListener("notificationclick", (event) => {
  event.notification.close();
  const target = notificationTarget(event.notification);
  event.waitUntil(
    self.clients.matchAll({ type: "window", includeUncontrolled: true }).then((windows) => {
      const open = windows.find((client) => client.url.startsWith(SCOPE));
      if (!open) return self.clients.openWindow(target);
      return open
        .focus()
        .catch(() => open)
        .then((focused) => {
          const window = focused || open;
          if (window.url === target) return window;
          // Only a window this worker controls can be navigated; another stays where it is.
          return window.navigate(target).catch(() => window);
        });
    })
  );
});
