// An HTMX request the server refuses (400, 403, 429...) swaps nothing: say why instead.
// The refusal's own words (a role="alert" fragment, or the error page's main text) go
// into the page's alert region, which screen readers announce. Closing it returns the focus
// to what was used; the same form or button succeeding later clears it.
(function () {
  "use strict";

  let refused = null;  // the form or button whose request was refused
  let returnTo = null;  // where the focus goes back when the message is closed

  function region() { return document.querySelector("[data-request-errors]"); }

  function reasons(xhr) {
    const page = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    const scope = page.querySelector("main") || page.body;
    const part = scope.querySelector("[role=alert]") || scope;
    const blocks = part.matches("h1, h2, p, li") ? [part] : part.querySelectorAll("h1, h2, p, li");
    const texts = Array.from(blocks, function (block) {
      return block.querySelector("a") ? "" : block.textContent.replace(/\s+/g, " ").trim();
    }).filter(Boolean);
    if (texts.length) { return texts; }
    const text = part.textContent.replace(/\s+/g, " ").trim();
    return text ? [text] : [];
  }

  function clear() {
    const alert = region();
    if (alert) { alert.replaceChildren(); }
    refused = null;
    returnTo = null;
  }

  function show(texts, from) {
    const alert = region();
    if (!alert) { return; }
    const box = document.createElement("div");
    box.className = "message message-error";
    (texts.length ? texts : [alert.dataset.fallback]).forEach(function (text) {
      const line = document.createElement("p");
      line.textContent = text;
      box.append(line);
    });
    const close = document.createElement("button");
    close.type = "button";
    close.className = "link-button";
    close.textContent = alert.dataset.dismiss;
    close.addEventListener("click", function () {
      const back = returnTo && returnTo.isConnected ? returnTo : null;
      clear();
      if (back) { back.focus(); }
    });
    box.append(close);
    alert.replaceChildren(box);
    refused = from;
    const active = document.activeElement;
    returnTo = from && from.contains(active) ? active
      : from && from.querySelector("button, input:not([type=hidden]), select, textarea") || from;
  }

  document.addEventListener("htmx:responseError", function (event) {
    show(reasons(event.detail.xhr), event.detail.elt);
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.successful && refused && event.detail.elt === refused) { clear(); }
  });
})();
