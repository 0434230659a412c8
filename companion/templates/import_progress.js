// Polls the import's status (same origin, session cookie) and shows progress and the report.
// Everything from the file (names, messages) is set with textContent, never as HTML.
(function () {
  "use strict";
  var box = document.getElementById("import-job");
  if (!box) return;
  var url = box.getAttribute("data-status-url");
  var words = JSON.parse(box.getAttribute("data-words") || "{}");
  var bar = document.getElementById("import-bar");
  var state = document.getElementById("import-state");
  var count = document.getElementById("import-count");
  var report = document.getElementById("import-report");

  function show(job) {
    state.textContent = words[job.state] || job.state;
    box.setAttribute("data-state", job.state);
    if (job.total) {
      bar.max = job.total;
      bar.value = job.done;
      count.textContent = job.done + " / " + job.total;
    }
    if (job.state === "done") { bar.max = 1; bar.value = 1; }
    if (job.report || job.error) {
      var r = job.report || {};
      var lines = [];
      if (job.error) lines.push(job.error.message);
      if (r.rows !== undefined) {
        lines.push("rows " + r.rows + " · new " + r.imported + " · updated " + r.updated + " · already imported " +
                   r.duplicates + " · bad " + r.failed + " · classified " + r.classified);
      }
      if (r.unknown_columns && r.unknown_columns.length) lines.push("unknown columns: " + r.unknown_columns.join(", "));
      if (r.ignored_columns && r.ignored_columns.length) lines.push("ignored columns: " + r.ignored_columns.join(", "));
      (r.errors || []).forEach(function (e) { lines.push("line " + e.line + ": " + (e.field || "row") + ": " + e.message); });
      report.textContent = lines.join("\n");
    }
  }

  function poll() {
    fetch(url, { credentials: "same-origin", cache: "no-store" })
      .then(function (res) { return res.json(); })
      .then(function (job) {
        show(job);
        if (job.state === "running") setTimeout(poll, 500);
      })
      .catch(function () { setTimeout(poll, 2000); });
  }
  poll();
})();
