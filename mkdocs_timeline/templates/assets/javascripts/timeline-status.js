/* The summary of section statuses (mkdocs_timeline, option sections.status_file): shows the
   status filter the page holds hidden, and keeps the table to the rows of the chosen
   status. Without this script the table lists every row. */
(function () {
  "use strict";
  function mount(summary) {
    var filter = summary.querySelector(".tl-status-filter");
    var select = filter && filter.querySelector("select");
    var count = filter && filter.querySelector(".tl-status-filter__count");
    var rows = summary.querySelectorAll("tbody tr[data-status]");
    if (!select || !rows.length) return;
    function apply() {
      var chosen = select.value;
      var shown = 0;
      rows.forEach(function (row) {
        var match = !chosen || row.getAttribute("data-status") === chosen;
        row.hidden = !match;
        if (match) shown += 1;
      });
      count.textContent = chosen ? "Showing " + shown + " of " + rows.length : "";
    }
    select.addEventListener("change", apply);
    filter.hidden = false;
    apply();
  }
  function start() {
    document.querySelectorAll(".tl-status-summary").forEach(mount);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
