// rolematch web: drag and drop, the form's choices, batch progress, sortable tables.
// Served from this server only; the pages hold no inline script.
(function () {
  "use strict";

  function setupDrop(zone) {
    var input = zone.querySelector("input[type=file]");
    var label = zone.querySelector("[data-drop-label]");
    function show() {
      var names = Array.prototype.map.call(input.files, function (f) { return f.name; });
      if (names.length) { label.textContent = names.join(", "); }
    }
    ["dragenter", "dragover"].forEach(function (ev) {
      zone.addEventListener(ev, function (e) { e.preventDefault(); zone.classList.add("rmw-over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      zone.addEventListener(ev, function () { zone.classList.remove("rmw-over"); });
    });
    zone.addEventListener("drop", function (e) {
      e.preventDefault();
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        show();
      }
    });
    input.addEventListener("change", show);
  }

  function setupChoices(form) {
    var radios = form.querySelectorAll("input[type=radio][data-show]");
    var panels = form.querySelectorAll("[data-panel]");
    function update() {
      var want = "";
      radios.forEach(function (r) { if (r.checked) { want = r.getAttribute("data-show"); } });
      panels.forEach(function (p) { p.hidden = p.id !== want; });
    }
    radios.forEach(function (r) { r.addEventListener("change", update); });
    update();
  }

  function poll(bar) {
    var url = bar.getAttribute("data-status-url");
    var done = document.getElementById("job-done");
    function tick() {
      fetch(url, { headers: { "Accept": "application/json" } })
        .then(function (r) { return r.json(); })
        .then(function (s) {
          bar.max = s.total; bar.value = s.done; bar.textContent = s.done + " / " + s.total;
          if (done) { done.textContent = s.done; }
          if (s.state === "done" || s.state === "failed") { window.location.reload(); }
          else { window.setTimeout(tick, 400); }
        })
        .catch(function () { window.setTimeout(tick, 2000); });
    }
    tick();
  }

  function cellValue(row, i, numeric) {
    var cell = row.cells[i];
    var raw = cell.hasAttribute("data-sort") ? cell.getAttribute("data-sort") : cell.textContent.trim();
    return numeric ? parseFloat(raw) || 0 : raw.toLowerCase();
  }

  function setupSort(table) {
    var heads = table.tHead.rows[0].cells;
    Array.prototype.forEach.call(heads, function (th, i) {
      th.addEventListener("click", function () {
        var numeric = th.getAttribute("data-type") === "num";
        var asc = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(heads, function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = cellValue(a, i, numeric), y = cellValue(b, i, numeric);
          return (x < y ? -1 : x > y ? 1 : 0) * (asc ? 1 : -1);
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }

  function setupSuggest(input) {
    var list = document.getElementById(input.getAttribute("list"));
    var url = input.getAttribute("data-suggest");
    var timer = null;
    input.addEventListener("input", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(function () {
        fetch(url + "?q=" + encodeURIComponent(input.value))
          .then(function (r) { return r.json(); })
          .then(function (hits) {
            list.textContent = "";
            hits.forEach(function (h) {
              var opt = document.createElement("option");
              opt.value = h.id;
              opt.textContent = h.title;
              list.appendChild(opt);
            });
          })
          .catch(function () { /* suggestions are optional */ });
      }, 200);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("input[data-suggest]").forEach(setupSuggest);
    document.querySelectorAll("[data-drop]").forEach(setupDrop);
    document.querySelectorAll("form").forEach(setupChoices);
    document.querySelectorAll("table[data-sortable]").forEach(setupSort);
    var bar = document.getElementById("progress");
    if (bar) { poll(bar); }
  });
}());
