// IfpFeeds: rewrites the digest's relative labels ("29 minutes ago") every 30 seconds, so an open tab or a
// cached copy of /recent never shows a stale label. The rules are the server's (RelativeTimeFormatter.cs,
// ARTICLE-FORMAT.md "Relative times"); the tests run this file in Jint over the same table.
(function (root) {
  "use strict";
  var MINUTE = 60, HOUR = 3600, DAY = 86400, WEEK = 7 * DAY, MONTH = 30 * DAY, YEAR = 365 * DAY;
  // [upper bound of the bracket, unit size]; the last bracket (years) has no upper bound.
  var BRACKETS = [[MINUTE, 1], [HOUR, MINUTE], [DAY, HOUR], [WEEK, DAY], [MONTH, WEEK], [YEAR, MONTH], [0, YEAR]];
  var LAST = BRACKETS.length - 1;
  var WORDS = {
    "long": [["second", "seconds"], ["minute", "minutes"], ["hour", "hours"], ["day", "days"], ["week", "weeks"], ["month", "months"], ["year", "years"]],
    "short": [["sec", "secs"], ["min", "mins"], ["hour", "hours"], ["day", "days"], ["week", "weeks"], ["month", "months"], ["year", "years"]]
  };

  // The label for d seconds elapsed: nearest unit, half up, at least 1; 60 s, 60 min, 24 h and 7 days
  // are written in the next unit.
  function label(d, style) {
    if (!(d > 0)) {
      return "just now";
    }
    var i = 0;
    while (i < LAST && d >= BRACKETS[i][0]) {
      i++;
    }
    var upper = BRACKETS[i][0], size = BRACKETS[i][1];
    var n = Math.max(1, Math.floor(d / size + 0.5));
    if (i < LAST && n * size >= upper) {
      n = 1;
      i++;
    }
    var words = (WORDS[style] || WORDS["long"])[i];
    return n + " " + (n === 1 ? words[0] : words[1]) + " ago";
  }

  root.ifpRelativeLabel = label;

  if (typeof document === "undefined") {
    return;
  }

  function refresh() {
    var now = Date.now();
    var times = document.querySelectorAll("time[data-relative]");
    for (var k = 0; k < times.length; k++) {
      var at = Date.parse(times[k].getAttribute("datetime"));
      if (!isNaN(at)) {
        times[k].textContent = label((now - at) / 1000, times[k].getAttribute("data-relative"));
      }
    }
  }

  refresh();
  setInterval(refresh, 30000);
})(this);
