// Maillage's live connection: one WebSocket per page for what concerns the member.
// It reconnects after a drop, with a growing pause, and tells listeners what came in.
(function () {
  "use strict";
  const listeners = [];
  let socket = null;
  let pause = 1000;

  function connect() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(scheme + "://" + window.location.host + "/ws/me/");
    socket.addEventListener("open", function () { pause = 1000; });
    socket.addEventListener("message", function (event) {
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      listeners.forEach(function (listener) { listener(message); });
    });
    socket.addEventListener("close", function (event) {
      if (event.code === 4401) { return; }  // signed out: do not insist
      setTimeout(connect, pause);
      pause = Math.min(pause * 2, 30000);
    });
  }

  function updateBell(message) {
    const selector = { notifications: "[data-unread-count]", messages: "[data-unread-messages]" }[message.type];
    if (!selector) { return; }
    document.querySelectorAll(selector).forEach(function (badge) {
      badge.textContent = message.unread;
      badge.hidden = message.unread === 0;
    });
  }

  window.maillageLive = {
    listen: function (listener) { listeners.push(listener); },
  };
  listeners.push(updateBell);
  connect();
})();
