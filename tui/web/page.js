// Applies each Server-Sent Event (the page's new body) and keeps "time since it started" current.
(function () {
  var main = document.getElementById("page"), live = document.getElementById("live");
  function since() {
    var now = Date.now();
    main.querySelectorAll("[data-since]").forEach(function (el) {
      var s = Math.max(0, Math.floor((now - Number(el.dataset.since)) / 1000)), h = Math.floor(s / 3600),
        m = Math.floor(s % 3600 / 60);
      el.textContent = h ? h + "h " + String(m).padStart(2, "0") + "m ago" : m ? m + "m ago" : "just now";
    });
  }
  function title() {
    var h = main.querySelector("h1"), st = main.querySelector(".status");
    if (h && st) document.title = st.textContent + ": " + h.textContent;
  }
  setInterval(since, 30000);
  if (!window.EventSource) return;
  var source = new EventSource(location.pathname + "/events?after=" + encodeURIComponent(main.dataset.seq));
  source.addEventListener("state", function (event) {
    main.innerHTML = event.data; main.dataset.seq = event.lastEventId; title(); since();
  });
  source.addEventListener("gone", function () {
    source.close(); main.textContent = "This page is no longer available."; document.title = "Not found";
    live.textContent = "";
  });
  source.onopen = function () { live.textContent = "Live: this page updates on its own."; };
  source.onerror = function () { live.textContent = "Connection lost; reconnecting\u2026"; };
})();
