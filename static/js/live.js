// Maillage's live connection: one socket per page (socket.js) for what concerns the member:
// the bell's and the messages' unread counts, and whatever else listens.
// A close for lost access (4401 signed out or account closed, 4403/4404) is final; when it
// ends a connection that was open, the member reads why at the top of the page.
(function () {
  "use strict";
  const texts = document.currentScript ? document.currentScript.dataset : {};
  const listeners = [];

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
  window.maillageSocket.open("/ws/me/", {
    texts: { signedout: texts.signedout, forbidden: texts.signedout },
    maxPause: 30000,
    onMessage: function (message) { listeners.forEach(function (listener) { listener(message); }); },
    onLost: function (why, code, wasOpen) { if (wasOpen) { tell(why); } },  // not on a page opened signed out
  });
})();
