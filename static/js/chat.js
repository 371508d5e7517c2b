// A space's live chat, or a private conversation: messages over the site's socket (socket.js),
// resumed after a dropped connection.
// A close for lost access (4401 signed out, 4403/4404 no longer allowed) is final: no
// reconnecting, the member reads why and the form is disabled.
(function () {
  "use strict";
  const root = document.querySelector("[data-chat]");
  if (!root) { return; }
  const log = root.querySelector("[data-chat-log]");
  const form = root.querySelector("[data-chat-form]");
  const errorBox = root.querySelector("[data-chat-error]");
  const presence = root.querySelector("[data-chat-presence]");
  const status = root.querySelector("[data-chat-status]");
  const texts = document.getElementById("chat-texts").dataset;
  const seen = new Set();
  let lastId = 0;
  const outbox = [];

  log.querySelectorAll("[data-id]").forEach(function (item) {
    const id = Number(item.dataset.id);
    seen.add(id);
    lastId = Math.max(lastId, id);
  });

  function scrollToEnd() { log.scrollTop = log.scrollHeight; }

  function render(message) {
    if (seen.has(message.id)) { return; }
    seen.add(message.id);
    lastId = Math.max(lastId, message.id);
    const empty = log.querySelector("[data-chat-empty]");
    if (empty) { empty.remove(); }
    const item = document.createElement("li");
    item.className = "chat-message";
    item.dataset.id = message.id;
    const author = document.createElement("a");
    author.className = "chat-author";
    if (message.author_url) { author.href = message.author_url; }
    author.textContent = message.author || texts.former;
    const time = document.createElement("time");
    time.className = "muted";
    time.dateTime = message.at;
    time.textContent = new Date(message.at).toLocaleTimeString(document.documentElement.lang, { hour: "2-digit", minute: "2-digit" });
    const body = document.createElement("p");
    body.textContent = message.body;
    item.append(author, " ", time, body);
    if (String(message.author_id) !== root.dataset.me) {
      const report = document.createElement("a");
      report.className = "muted chat-report";
      report.href = root.dataset.report.replace("/0/", "/" + message.id + "/");
      report.textContent = root.dataset.reportLabel;
      item.append(report);
    }
    log.append(item);
    scrollToEnd();
  }

  function stop(why) {
    errorBox.textContent = why;
    outbox.length = 0;
    presence.replaceChildren();
    if (form) { Array.prototype.forEach.call(form.elements, function (field) { field.disabled = true; }); }
  }

  function receive(message) {
    if (message.type === "message") {
      render(message);
      if (root.dataset.read !== undefined && document.visibilityState === "visible") { connection.send({ type: "read" }); }
    }
    else if (message.type === "messages") { message.messages.forEach(render); }
    else if (message.type === "hidden") {
      const item = log.querySelector('[data-id="' + message.id + '"]');
      if (item) { item.remove(); }
    }
    else if (message.type === "presence") {
      presence.replaceChildren.apply(presence, message.names.map(function (name) {
        const item = document.createElement("li");
        item.textContent = name;
        return item;
      }));
    } else if (message.type === "error") { errorBox.textContent = message.message; }  // e.g. sending too fast
  }

  const connection = window.maillageSocket.open(root.dataset.socket, {
    status: status,
    root: root,
    texts: texts,
    onOpen: function () {
      connection.send({ type: "resume", after: lastId });  // what came in while we were away
      while (outbox.length) { connection.send(outbox.shift()); }
    },
    onMessage: receive,
    onLost: stop,
  });

  if (form) {
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      const input = form.elements.body;
      const body = input.value.trim();
      if (!body) { return; }
      errorBox.textContent = "";
      const payload = { type: "message", body: body, client_id: String(Date.now()) + Math.random().toString(16).slice(2) };
      if (!connection.send(payload)) { outbox.push(payload); }
      input.value = "";
      input.focus();
    });
  }
  scrollToEnd();
})();
