// hookq console: what needs a script. Every form works without it; this
// adds Send Test Payload in place (no page load) and confirmations.
"use strict";
(function () {
  const send = document.getElementById("send-test");
  const tester = document.getElementById("tester");
  if (send && tester) {
    send.addEventListener("click", async function (ev) {
      ev.preventDefault();
      const form = send.form;
      const body = new URLSearchParams(new FormData(form));
      tester.textContent = "Sending…";
      tester.className = "busy";
      try {
        const res = await fetch("/webhooks/test", {
          method: "POST",
          headers: { "Accept": "application/json" },
          body: body,
          credentials: "same-origin",
        });
        const r = await res.json();
        tester.className = "";
        tester.replaceChildren();
        if (r.error) {
          const p = document.createElement("p");
          p.className = "failure";
          p.textContent = r.error;
          tester.append(p);
          return;
        }
        const head = document.createElement("p");
        head.className = r.ok ? "success" : "failure";
        const strong = document.createElement("strong");
        strong.textContent = r.ok ? "Success!" : "Error Detected!";
        const span = document.createElement("span");
        span.className = "muted";
        span.textContent = " " + r.statusCode + " in " + r.runtime + " s";
        head.append(strong, span);
        tester.append(head);
        if (r.note) {
          const note = document.createElement("p");
          note.className = "muted";
          note.textContent = r.note;
          tester.append(note);
        }
        if (r.response) {
          const pre = document.createElement("pre");
          pre.textContent = r.response;
          tester.append(pre);
        }
      } catch (e) {
        tester.className = "";
        tester.textContent = "Error Detected! " + e;
      }
    });
  }
  // A webhook's page: new attempts appear in its log while it is open.
  const log = document.getElementById("log");
  if (log) {
    let last = Number(log.dataset.last || 0);
    const id = log.dataset.webhook;
    const csrf = log.dataset.csrf;
    const cell = (label, text, cls) => {
      const td = document.createElement("td");
      td.dataset.label = label;
      if (cls) td.className = cls;
      if (text !== null) td.textContent = text;
      return td;
    };
    const poll = async function () {
      try {
        const res = await fetch("/webhooks/" + id + "/log?after=" + last, { credentials: "same-origin" });
        if (!res.ok) return;
        const r = await res.json();
        const body = log.tBodies[0];
        for (const l of r.logs.slice().reverse()) {
          if (l.id <= last) continue;
          last = l.id;
          const tr = document.createElement("tr");
          tr.className = "new";
          const status = cell("Response", null);
          const span = document.createElement("span");
          span.className = "label " + l.class;
          span.textContent = l.status;
          status.append(span);
          const batch = cell("Batch", null);
          if (l.batch) {
            const code = document.createElement("code");
            code.className = "batch";
            code.textContent = l.batch;
            batch.append(code);
            if (l.resendable) {
              const a = document.createElement("a");
              a.className = "link";
              a.href = "/webhooks/" + id + "/batches/" + encodeURIComponent(l.batch);
              a.textContent = "Body";
              batch.append(" ", a);
              const f = document.createElement("form");
              f.method = "post";
              f.action = "/webhooks/" + id + "/resend";
              f.className = "inline-form";
              for (const [k, v] of [["csrf", csrf], ["batch", l.batch]]) {
                const i = document.createElement("input");
                i.type = "hidden"; i.name = k; i.value = v;
                f.append(i);
              }
              const b = document.createElement("button");
              b.type = "submit"; b.className = "link"; b.textContent = "Resend";
              f.append(b);
              batch.append(" ", f);
            }
          }
          tr.append(
            cell("ID", String(l.id)), status,
            cell("Note", l.note || "Empty response body received", l.note ? "" : "muted"),
            cell("Request Runtime", l.runtime + " s", "num"), cell("Date added", l.date),
            cell("Attempt", String(l.attempt), "num"), batch);
          body.prepend(tr);
          const none = document.getElementById("no-logs");
          if (none) none.remove();
        }
      } catch (e) { /* the next poll tries again */ }
    };
    setInterval(poll, 1500);
  }
  for (const f of document.querySelectorAll("form[data-confirm]")) {
    f.addEventListener("submit", function (ev) {
      if (!window.confirm(f.dataset.confirm)) ev.preventDefault();
    });
  }
})();
