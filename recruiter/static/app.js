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

  // <select data-browser-zone>: propose the browser's time zone (the first setup form; a
  // re-rendered one keeps what the recruiter chose and has no such attribute).
  document.querySelectorAll("select[data-browser-zone]").forEach(function (select) {
    var zone = window.Intl && Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (!zone || !select.querySelector('option[value="' + zone + '"]')) {
      return;
    }
    select.value = zone;
  });

  // <button data-copy="#field">: copy that field's value, and say so on the button.
  document.addEventListener("click", function (event) {
    var button = event.target instanceof Element ? event.target.closest("[data-copy]") : null;
    if (!button) {
      return;
    }
    var field = document.querySelector(button.getAttribute("data-copy"));
    if (!field) {
      return;
    }
    var said = function (text) {
      var before = button.textContent;
      button.textContent = text;
      window.setTimeout(function () { button.textContent = before; }, 1500);
    };
    field.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { said("Copied"); },
        function () { said("Press Ctrl+C"); });
    } else {
      said(document.execCommand("copy") ? "Copied" : "Press Ctrl+C");
    }
  });
})();
