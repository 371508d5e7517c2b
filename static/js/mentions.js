// @mention suggestions: as a member types "@jul", the server suggests members to name.
(function () {
  "use strict";
  document.querySelectorAll("[data-mentions]").forEach(function (box) {
    const field = box.querySelector("textarea");
    const list = box.querySelector("[data-mention-list]");
    if (!field || !list) { return; }
    let timer = null;

    function tokenBeforeCaret() {
      const before = field.value.slice(0, field.selectionStart);
      const match = before.match(/(^|\s)@([\w-]{1,30})$/u);
      return match ? match[2] : null;
    }

    field.addEventListener("input", function () {
      clearTimeout(timer);
      const token = tokenBeforeCaret();
      if (!token) { list.replaceChildren(); return; }
      timer = setTimeout(function () {
        fetch(box.dataset.mentions + "?q=" + encodeURIComponent(token), { headers: { "HX-Request": "true" } })
          .then(function (response) { return response.ok ? response.text() : ""; })
          .then(function (html) { list.innerHTML = html; });
      }, 200);
    });

    list.addEventListener("click", function (event) {
      const button = event.target.closest("[data-handle]");
      if (!button) { return; }
      const caret = field.selectionStart;
      const before = field.value.slice(0, caret).replace(/@[\w-]{1,30}$/u, "@" + button.dataset.handle + " ");
      field.value = before + field.value.slice(caret);
      field.focus();
      field.selectionStart = field.selectionEnd = before.length;
      list.replaceChildren();
    });
  });
})();
