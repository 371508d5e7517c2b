// An event's live questions and polls: the site's socket (socket.js) says what changed; questions and the
// polls' layout are fetched again over HTTP (each reader gets what they may see), poll
// results are applied in place and announced politely to screen readers. A close for lost
// access (4401 signed out, 4403/4404 no longer an attendee) is final: the member reads why.
(function () {
  "use strict";
  // The ask and poll forms empty once the server says it saved them (HX-Trigger: live-saved).
  document.addEventListener("live-saved", function (event) {
    const form = event.target.closest && event.target.closest("form[data-reset-on-saved]");
    if (form) { form.reset(); }
  });
  const root = document.querySelector("[data-live]");
  if (!root || !root.dataset.socket) { return; }
  const texts = document.getElementById("live-texts").dataset;
  const status = root.querySelector("[data-live-status]");
  const announce = root.querySelector("[data-live-announce]");
  const lang = document.documentElement.lang || "fr";
  const plural = new Intl.PluralRules(lang);
  const pending = new Set();
  let timer = null;

  function votes(count) {
    const template = plural.select(count) === "one" ? texts.voteone : texts.voteother;
    return template.replace("__n__", String(count));
  }

  function applyResults(message) {
    const poll = root.querySelector('[data-poll="' + message.poll + '"]');
    if (!poll) { refresh("polls"); return; }
    message.choices.forEach(function (choice) {
      const row = poll.querySelector('[data-choice="' + choice.id + '"]');
      if (!row) { return; }
      row.querySelector("[data-result-text]").textContent =
        votes(choice.votes) + " · " + texts.percent.replace("__n__", String(choice.percent));
      const bar = row.querySelector("[data-result-bar]");
      bar.value = choice.percent;
      bar.textContent = choice.percent + "%";
    });
    const total = poll.querySelector("[data-result-total]");
    if (total) { total.textContent = votes(message.total); }
    const question = poll.querySelector("[data-poll-question]");
    announce.textContent = texts.updated.replace("__poll__", question ? question.textContent : "");
  }

  // Several changes in a burst cost one fetch per part.
  function refresh(part) {
    pending.add(part);
    if (timer) { return; }
    timer = setTimeout(function () {
      timer = null;
      pending.forEach(load);
      pending.clear();
    }, 200);
  }

  function load(part) {
    const target = root.querySelector('[data-live-part="' + part + '"]');
    if (!target || !window.htmx) { return; }
    const focused = document.activeElement && target.contains(document.activeElement) ? document.activeElement.id : "";
    const url = root.dataset.url + "?part=" + encodeURIComponent(part);
    window.htmx.ajax("GET", url, { target: target, swap: "innerHTML" }).then(function () {
      const again = focused && document.getElementById(focused);
      if (again) { again.focus(); }
    });
  }

  window.maillageSocket.open(root.dataset.socket, {
    status: status,
    root: root,
    texts: texts,
    onOpen: function (reconnected) {
      if (reconnected) { refresh("questions"); refresh("polls"); }  // what we missed
    },
    onMessage: function (message) {
      if (message.type === "refresh") { refresh(message.part); }
      else if (message.type === "results") { applyResults(message); }
    },
    onLost: function (why) { announce.textContent = why; },
  });
})();
