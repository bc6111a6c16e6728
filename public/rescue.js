// Accord's rescue screen. Plain JavaScript on purpose: it must work when the
// WebAssembly app cannot start or has crashed. It shows what happened and offers a
// download of everything Accord stored in this browser (read-only: it never writes).
// The Rust panic hook calls window.accordRescue.showFatalError(message).
(function () {
  "use strict";
  var DATABASE = "accord";
  var started = false;
  window.addEventListener("TrunkApplicationStarted", function () { started = true; });

  function dumpDatabase() {
    return new Promise(function (resolve, reject) {
      var open = indexedDB.open(DATABASE);
      open.onerror = function () { reject(open.error); };
      open.onupgradeneeded = function () {
        // No database existed: nothing to save. Abort so none is created.
        open.transaction.abort();
      };
      open.onsuccess = function () {
        var db = open.result;
        var names = Array.prototype.slice.call(db.objectStoreNames);
        var dump = {
          format: "accord-rescue-copy",
          database: DATABASE,
          schema_version: db.version,
          exported_at: new Date().toISOString(),
          stores: {}
        };
        if (names.length === 0) { db.close(); resolve(dump); return; }
        var tx = db.transaction(names, "readonly");
        names.forEach(function (name) {
          var request = tx.objectStore(name).getAll();
          request.onsuccess = function () {
            // The sync settings hold the sync server's password: they stay out of the file.
            dump.stores[name] = name === "meta"
              ? request.result.filter(function (fact) { return fact.key !== "sync_target"; })
              : request.result;
          };
        });
        tx.oncomplete = function () { db.close(); resolve(dump); };
        tx.onerror = function () { db.close(); reject(tx.error); };
      };
    });
  }

  function download(dump) {
    var blob = new Blob([JSON.stringify(dump, null, 2)], { type: "application/json" });
    var link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "accord-data-" + dump.exported_at.slice(0, 10) + ".json";
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(link.href); }, 10000);
  }

  function element(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text) node.textContent = text;
    return node;
  }

  function showFatalError(message) {
    if (document.getElementById("rescue")) return;
    var main = element("main", "app-main rescue");
    main.id = "rescue";
    main.setAttribute("tabindex", "-1");
    main.appendChild(element("h1", "", "Accord stopped because of an error"));
    main.appendChild(element("p", "", "Your data is still stored in this browser. Download a copy now to be safe, then reload the page."));
    var actions = element("p", "rescue__actions");
    var save = element("button", "button button--primary", "Download a copy of my data");
    save.type = "button";
    var status = element("p", "rescue__status");
    status.setAttribute("role", "status");
    save.addEventListener("click", function () {
      status.textContent = "Preparing your data…";
      dumpDatabase().then(function (dump) {
        var count = 0;
        // Records only: not the app's own bookkeeping (meta, sync state, change markers).
        Object.keys(dump.stores).forEach(function (k) {
          if (k !== "meta" && k.indexOf("sync_") !== 0) count += dump.stores[k].length;
        });
        download(dump);
        status.textContent = "Downloaded " + count + " record" + (count === 1 ? "" : "s") + ".";
      }, function (error) {
        status.textContent = "The data could not be read: " + (error && error.message ? error.message : error);
      });
    });
    var reload = element("button", "button", "Reload");
    reload.type = "button";
    reload.addEventListener("click", function () { location.reload(); });
    actions.appendChild(save);
    actions.appendChild(document.createTextNode(" "));
    actions.appendChild(reload);
    main.appendChild(actions);
    main.appendChild(status);
    var details = element("details");
    details.appendChild(element("summary", "", "Technical details"));
    details.appendChild(element("pre", "", String(message)));
    main.appendChild(details);
    document.body.textContent = "";
    document.body.appendChild(main);
    main.focus();
  }

  // If the app cannot even start (no WebAssembly, a broken download), say so. Before
  // start-up nothing else runs, so any uncaught error here means the app failed to load.
  function failedToStart(reason) {
    if (!started) showFatalError("Accord could not start in this browser. " + (reason && reason.message ? reason.message : reason));
  }
  window.addEventListener("unhandledrejection", function (event) { failedToStart(event.reason); });
  window.addEventListener("error", function (event) { failedToStart(event.error || event.message); });

  window.accordRescue = { showFatalError: showFatalError, dumpDatabase: dumpDatabase };
})();
