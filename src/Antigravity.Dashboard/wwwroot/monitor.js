// The Monitor page's live table: new records arrive over server-sent events (/api/monitor/stream, same filters
// as the page) and are added on top, in the same markup as Components/Monitor/MonitorRow.razor.
(function () {
  "use strict";

  const table = document.querySelector("table[data-monitor-live]");
  const controls = document.querySelector("[data-monitor-controls]");
  localizeTimes(document);
  openRowOnClick();
  if (!table || !controls || !window.EventSource) {
    return;
  }

  const MAX_ROWS = 500;
  const body = table.tBodies[0];
  const status = controls.querySelector("[data-testid=live-status]");
  const pauseButton = controls.querySelector("[data-testid=pause]");
  const pendingBadge = controls.querySelector("[data-pending]");
  const pending = [];
  let paused = false;
  let connected = false;

  function localizeTimes(root) {
    root.querySelectorAll("td.col-time time[datetime]").forEach(function (element) {
      const time = new Date(element.dateTime);
      if (!isNaN(time)) {
        element.textContent = time.toLocaleTimeString([], { hour: "2-digit", minute: "2-digit", second: "2-digit", hour12: false });
        element.title = time.toLocaleString();
      }
    });
  }

  // The whole row opens the detail; the link in its first cell stays the keyboard's way in.
  function openRowOnClick() {
    const rows = document.querySelector("table[data-testid=monitor-table] tbody");
    if (!rows) {
      return;
    }
    rows.addEventListener("click", function (event) {
      const row = event.target.closest("tr[data-testid=monitor-row]");
      if (!row || event.target.closest("a") || String(window.getSelection()).length > 0) {
        return;
      }
      const link = row.querySelector("a[href]");
      if (!link) {
        return;
      }
      if (event.ctrlKey || event.metaKey) {
        window.open(link.href, "_blank");
      } else {
        window.location.assign(link.href);
      }
    });
  }

  function cell(row, className, text) {
    const td = document.createElement("td");
    if (className) {
      td.className = className;
    }
    if (text !== undefined) {
      td.textContent = text;
    }
    row.appendChild(td);
    return td;
  }

  function statusClass(record) {
    if (record.status >= 500) return "badge-danger";
    if (record.status >= 400) return "badge-warn";
    return record.error ? "badge-danger" : "badge-success";
  }

  function modelText(record) {
    const client = record.clientModel, upstream = record.upstreamModel;
    if (!client && !upstream) return "\u2014";
    if (!upstream || client === upstream) return client || upstream;
    if (!client) return upstream;
    return client + " \u2192 " + upstream;
  }

  function duration(ms) {
    if (ms < 1000) return ms + " ms";
    if (ms < 60000) return (ms / 1000).toFixed(1) + " s";
    return Math.floor(ms / 60000) + " min " + Math.floor((ms % 60000) / 1000) + " s";
  }

  function number(value) {
    return (value || 0).toLocaleString("en-US");
  }

  function buildRow(record) {
    const row = document.createElement("tr");
    row.dataset.testid = "monitor-row";
    row.dataset.id = record.id;
    if (record.status >= 400 || record.error) {
      row.className = "row-error";
    }
    const link = document.createElement("a");
    link.href = "/monitor/" + encodeURIComponent(record.id);
    const time = document.createElement("time");
    time.dateTime = record.time;
    link.appendChild(time);
    cell(row, "col-time").appendChild(link);
    const badge = document.createElement("span");
    badge.className = "badge " + statusClass(record);
    badge.textContent = String(record.status);
    cell(row).appendChild(badge);
    cell(row, "col-proto", record.protocol);
    const path = cell(row, "col-path");
    const method = document.createElement("span");
    method.className = "method";
    method.textContent = record.method;
    path.append(method, " " + record.path);
    cell(row, "col-model", modelText(record));
    cell(row, "col-account", record.accountLabel || record.accountId || "\u2014");
    cell(row, "num", number(record.inputTokens) + " / " + number(record.outputTokens));
    cell(row, "num", duration(record.durationMs));
    const error = cell(row, "col-error", record.error || "");
    if (record.error) {
      error.title = record.error;
    }
    localizeTimes(row);
    return row;
  }

  function add(record) {
    if (body.querySelector('tr[data-id="' + CSS.escape(record.id) + '"]')) {
      return;
    }
    const wrap = table.closest(".monitor-wrap");
    if (wrap) {
      wrap.hidden = false;
    }
    document.querySelectorAll("[data-testid=monitor-empty], [data-testid=monitor-no-match]").forEach(function (e) { e.remove(); });
    body.insertBefore(buildRow(record), body.firstChild);
    while (body.rows.length > MAX_ROWS) {
      body.deleteRow(body.rows.length - 1);
    }
  }

  function showState() {
    status.textContent = !connected ? "Reconnecting\u2026" : paused ? "Paused" : "Live";
    status.className = "live-status " + (!connected ? "is-down" : paused ? "is-paused" : "is-live");
    pauseButton.textContent = paused ? "Resume" : "Pause";
    pauseButton.setAttribute("aria-pressed", paused ? "true" : "false");
    pendingBadge.hidden = pending.length === 0;
    pendingBadge.textContent = pending.length + " new";
  }

  pauseButton.addEventListener("click", function () {
    paused = !paused;
    if (!paused) {
      pending.splice(0).forEach(add);
    }
    showState();
  });

  const source = new EventSource(table.dataset.monitorLive);
  source.addEventListener("open", function () { connected = true; showState(); });
  source.addEventListener("error", function () { connected = false; showState(); });
  source.addEventListener("request", function (event) {
    let record;
    try {
      record = JSON.parse(event.data);
    } catch (e) {
      return;
    }
    if (paused) {
      pending.push(record);
      if (pending.length > MAX_ROWS) {
        pending.shift();
      }
    } else {
      add(record);
    }
    showState();
  });
  window.addEventListener("pagehide", function () { source.close(); });
})();
