// Tell the server the browser's time zone, so that pages show times where the reader is.
(function () {
  try {
    var zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (zone && document.cookie.indexOf("tz=" + zone) === -1) {
      document.cookie = "tz=" + zone + "; path=/; max-age=31536000; SameSite=Lax";
    }
  } catch (error) {
    // An old browser: times stay in the site's zone.
  }
})();
