// Reliant's behaviour on the page. No inline handlers anywhere: templates carry data-*
// attributes and this file, loaded from 'self', reads them (the Content-Security-Policy
// refuses inline script).
(function () {
  "use strict";

  // <form data-confirm="Delete Ada and all their history?">: ask before submitting. The text
  // is read from the attribute as text, so a name with quotes or markup stays a name.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute("data-confirm")) {
      return;
    }
    if (!window.confirm(form.getAttribute("data-confirm"))) {
      event.preventDefault();
      event.stopImmediatePropagation();
    }
  }, true);
})();
