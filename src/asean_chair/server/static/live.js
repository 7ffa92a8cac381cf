/* ASEAN Chair classroom server: keeps live pages fresh. Part of ASEAN Chair (MIT licence).
 *
 * The pages work without this script; it only
 * - disables a form's buttons once it is sent (the server ignores a second post anyway),
 * - runs the vote countdown between two looks at the server,
 * - asks the server every few seconds whether a live part of the page changed:
 *   data-live="URL" data-key="KEY" data-mode="reload|swap" data-every="SECONDS".
 *   The server answers 204 when nothing changed; otherwise "reload" reloads the
 *   page and "swap" replaces the element's content with the HTML it sent.
 * - says so when the server cannot be reached, and reloads the page when it is back.
 */
(function () {
  "use strict";

  document.addEventListener("submit", function (event) {
    var form = event.target;
    window.setTimeout(function () {
      var buttons = form.querySelectorAll("button");
      for (var i = 0; i < buttons.length; i++) { buttons[i].disabled = true; }
    }, 0);
  });

  // The page's digits (a <meta name="digits"> with ten of them: Khmer pages write ០-៩).
  var meta = document.querySelector("meta[name=digits]");
  var digits = meta && meta.content.length === 10 ? meta.content : "";
  function written(text) {
    return digits ? text.replace(/[0-9]/g, function (d) { return digits.charAt(+d); }) : text;
  }

  var started = Date.now();
  function tick() {
    var clocks = document.querySelectorAll("[data-left]");
    for (var i = 0; i < clocks.length; i++) {
      var el = clocks[i];
      if (!el.dataset.since) { el.dataset.since = String(Date.now()); }
      var left = parseFloat(el.dataset.left);
      if (!el.dataset.paused) { left -= (Date.now() - parseFloat(el.dataset.since)) / 1000; }
      var whole = Math.max(0, Math.ceil(left - 0.001));
      el.textContent = written(Math.floor(whole / 60) + ":" + ("0" + (whole % 60)).slice(-2));
    }
  }
  window.setInterval(tick, 250);

  var offline = false;
  function setOffline(on) {
    var banner = document.getElementById("offline");
    if (banner) { banner.hidden = !on; }
    offline = on;
  }

  function busy(el) {
    var active = document.activeElement;
    return (active && active !== document.body && el.contains(active) &&
            (active.tagName === "SELECT" || active.tagName === "INPUT")) || el.dataset.pressed;
  }

  function watch(el) {
    var every = Math.max(1, parseFloat(el.dataset.every || "3")) * 1000;
    el.addEventListener("pointerdown", function () { el.dataset.pressed = "1"; });
    document.addEventListener("pointerup", function () {
      window.setTimeout(function () { delete el.dataset.pressed; }, 400);
    });
    function poll() {
      var url = el.dataset.live + "?key=" + encodeURIComponent(el.dataset.key || "");
      fetch(url, { credentials: "same-origin", cache: "no-store" }).then(function (response) {
        if (offline) { window.location.reload(); return null; }
        if (response.status === 204) { return null; }
        if (!response.ok) { return null; }
        var key = response.headers.get("x-live-key");
        if (el.dataset.mode === "reload") {
          if (key && key !== el.dataset.key) { window.location.reload(); }
          return null;
        }
        return response.text().then(function (html) {
          if (busy(el)) { return; }  // never under the teacher's finger: next time
          el.innerHTML = html;
          el.dataset.key = key || "";
          started = Date.now();
          tick();
        });
      }).catch(function () {
        setOffline(true);
      }).then(function () {
        window.setTimeout(poll, offline ? 2000 : every);
      });
    }
    window.setTimeout(poll, every);
  }

  function start() {
    tick();
    var live = document.querySelectorAll("[data-live]");
    for (var i = 0; i < live.length; i++) { watch(live[i]); }
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
