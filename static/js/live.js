// Maillage's live connection: one WebSocket per page for what concerns the member.
// It reconnects after a drop, with a growing pause, and tells listeners what came in.
// A close for lost access (4401 signed out or account closed, 4403/4404) is final; when it
// ends a connection that was open, the member reads why at the top of the page.
(function () {
  "use strict";
  const texts = document.currentScript ? document.currentScript.dataset : {};
  const listeners = [];
  let socket = null;
  let pause = 1000;
  let opened = false;

  function tell(text) {
    const main = document.getElementById("main");
    if (!text || !main || main.querySelector("[data-live-closed]")) { return; }
    const notice = document.createElement("p");
    notice.className = "callout";
    notice.setAttribute("role", "status");
    notice.dataset.liveClosed = "";
    notice.textContent = text;
    main.prepend(notice);
  }

  function connect() {
    const scheme = window.location.protocol === "https:" ? "wss" : "ws";
    socket = new WebSocket(scheme + "://" + window.location.host + "/ws/me/");
    socket.addEventListener("open", function () { pause = 1000; opened = true; });
    socket.addEventListener("message", function (event) {
      let message;
      try { message = JSON.parse(event.data); } catch (error) { return; }
      listeners.forEach(function (listener) { listener(message); });
    });
    socket.addEventListener("close", function (event) {
      if (event.code >= 4400 && event.code < 4500) {  // lost access: do not insist
        if (opened) { tell(texts.signedout); }
        return;
      }
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
