// The import's progress page (templates/imports/progress.html) follows the import by itself:
// <div id="import-progress" data-import-status-url="..." data-import-page-url="...">. It polls
// the status URL (JSON: status, phase, text, percent) and, once the import has finished,
// loads the page again, which then shows the preview or the result. Without JavaScript the
// page says where the import stands and offers a refresh link.
(function () {
  "use strict";

  var box = document.getElementById("import-progress");
  if (!box) {
    return;
  }
  var statusUrl = box.getAttribute("data-import-status-url");
  var pageUrl = box.getAttribute("data-import-page-url");
  var bar = document.getElementById("import-bar");
  var statusText = document.getElementById("import-status");
  var phaseText = document.getElementById("import-phase");
  var delay = 500;

  function show(info) {
    statusText.textContent = info.status.charAt(0).toUpperCase() + info.status.slice(1);
    phaseText.textContent = info.text;
    if (info.percent !== null && info.percent !== undefined) {
      bar.value = info.percent;
      bar.textContent = info.percent + " %";
    }
  }

  function poll() {
    fetch(statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) {
          throw new Error("status " + response.status);
        }
        return response.json();
      })
      .then(function (info) {
        show(info);
        if (info.status === "done" || info.status === "failed") {
          window.location.assign(pageUrl);
          return;
        }
        delay = Math.min(delay * 1.5, 3000);
        window.setTimeout(poll, delay);
      })
      .catch(function () {
        window.setTimeout(poll, 5000); // the server is busy or restarting: try again later
      });
  }

  window.setTimeout(poll, delay);
})();
