// The dashboard's only script: progressive enhancement of server-rendered pages (they work without it).
(function () {
  "use strict";

  // navigator.clipboard needs a secure context (https or localhost); over plain http on a LAN address it is
  // missing, so fall back to a hidden textarea and execCommand("copy").
  async function copyText(text) {
    try {
      if (navigator.clipboard && window.isSecureContext) {
        await navigator.clipboard.writeText(text);
        return true;
      }
    } catch (e) {
      // Permission refused or page not focused: try the fallback.
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.top = "-1000px";
    area.style.opacity = "0";
    document.body.appendChild(area);
    area.select();
    let ok = false;
    try {
      ok = document.execCommand("copy");
    } catch (e) {
      ok = false;
    }
    area.remove();
    return ok;
  }

  document.addEventListener("click", async function (event) {
    const button = event.target.closest("[data-copy]");
    if (!button) {
      return;
    }
    const label = button.dataset.label || button.textContent;
    button.dataset.label = label;
    const ok = await copyText(button.dataset.copy);
    button.textContent = ok ? "Copied" : "Copy failed: select the text and press Ctrl+C";
    if (!ok) {
      const secret = button.closest(".card") && button.closest(".card").querySelector("details.secret");
      if (secret) {
        secret.open = true;
      }
    }
    window.setTimeout(function () { button.textContent = label; }, ok ? 1500 : 5000);
  });

  // A select marked data-autosubmit saves as soon as it changes.
  document.addEventListener("change", function (event) {
    const field = event.target;
    if (field.matches && field.matches("[data-autosubmit]") && field.form) {
      field.form.requestSubmit();
    }
  });

  // The model mapping editor: "Add row" appends an empty row numbered after the last one.
  document.addEventListener("click", function (event) {
    const button = event.target.closest("[data-add-mapping-row]");
    if (!button || !button.form) {
      return;
    }
    const body = button.form.querySelector("[data-mapping-rows]");
    const last = body && body.lastElementChild;
    if (!last) {
      return;
    }
    const row = last.cloneNode(true);
    const index = body.children.length;
    row.querySelectorAll("input").forEach(function (input) {
      input.name = input.name.replace(/Rows\[\d+\]/, "Rows[" + index + "]");
      if (input.type === "checkbox") {
        input.checked = false;
      } else {
        input.value = "";
      }
      const label = input.getAttribute("aria-label");
      if (label) {
        input.setAttribute("aria-label", label.replace(/row \d+$/, "row " + (index + 1)));
      }
    });
    body.appendChild(row);
    row.querySelector("input").focus();
  });

  window.antigravity = { copyText: copyText };
})();
