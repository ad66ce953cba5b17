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
  for (const f of document.querySelectorAll("form[data-confirm]")) {
    f.addEventListener("submit", function (ev) {
      if (!window.confirm(f.dataset.confirm)) ev.preventDefault();
    });
  }
})();
