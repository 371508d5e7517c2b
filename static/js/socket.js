// Maillage's one WebSocket client: every live script of the site (the bell, a space's chat,
// a private conversation, an event's live page) opens its socket here, so connecting,
// reconnecting with a growing pause, the heartbeat, resuming and the close codes are
// written once.
//
//   const connection = window.maillageSocket.open("/ws/…/", {
//     status: element,        // optional: reads "connected", "reconnecting" or why it stopped
//     root: element,          // optional: its data-connected says "true" or "false"
//     texts: dataset,         // connected, reconnecting, signedout, forbidden
//     maxPause: 15000,        // longest pause between two attempts, in ms
//     onOpen: function (reconnected) {},  // resume here: send what the page last saw
//     onMessage: function (message) {},   // every JSON object the server sends
//     onLost: function (why, code, wasOpen) {},  // access lost: no reconnecting
//   });
//   connection.send({ type: "…" });  // false when the socket is not open
//
// The server closes with the app's codes (common/consumers.py) when access is lost: 4401
// signed out or account closed, 4403 no longer allowed, 4404 gone. Any close in 4400-4499
// is final: reconnecting would only be refused again, so the page says why and stops.
(function () {
  "use strict";
  const HEARTBEAT = 30000;  // a ping keeps presence fresh and idle proxies from closing
  const FIRST_PAUSE = 1000;
  const SIGNED_OUT = 4401;

  function isLostAccess(code) { return code >= 4400 && code < 4500; }

  function open(path, options) {
    const texts = options.texts || {};
    const maxPause = options.maxPause || 15000;
    let socket = null;
    let pause = FIRST_PAUSE;
    let heartbeat = null;
    let everOpened = false;

    function show(text) { if (options.status && text) { options.status.textContent = text; } }
    function mark(connected) { if (options.root) { options.root.dataset.connected = String(connected); } }

    function send(payload) {
      if (socket && socket.readyState === WebSocket.OPEN) {
        socket.send(JSON.stringify(payload));
        return true;
      }
      return false;
    }

    function connect() {
      const scheme = window.location.protocol === "https:" ? "wss" : "ws";
      socket = new WebSocket(scheme + "://" + window.location.host + path);
      socket.addEventListener("open", function () {
        const reconnected = everOpened;
        pause = FIRST_PAUSE;
        everOpened = true;
        show(texts.connected);
        mark(true);
        heartbeat = setInterval(function () { send({ type: "ping" }); }, HEARTBEAT);
        if (options.onOpen) { options.onOpen(reconnected); }
      });
      socket.addEventListener("message", function (event) {
        let message;
        try { message = JSON.parse(event.data); } catch (error) { return; }
        if (message && typeof message === "object" && options.onMessage) { options.onMessage(message); }
      });
      socket.addEventListener("close", function (event) {
        clearInterval(heartbeat);
        mark(false);
        if (isLostAccess(event.code)) {
          const why = event.code === SIGNED_OUT ? texts.signedout : texts.forbidden;
          show(why);
          if (options.onLost) { options.onLost(why, event.code, everOpened); }
          return;
        }
        show(texts.reconnecting);
        setTimeout(connect, pause);
        pause = Math.min(pause * 2, maxPause);
      });
    }

    connect();
    return { send: send };
  }

  window.maillageSocket = { open: open };
})();
