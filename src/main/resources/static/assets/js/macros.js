// Macros in the reply composer: open the picker with its button or by typing "::" in the reply,
// search as you type, pick with a click or Enter; the filled-in macro goes into the reply at the
// cursor, sets "Then" and adds its promise as a draft row. Nothing is sent until the agent sends.
(() => {
  const bar = (el) => el && el.closest("form") && el.closest("form").querySelector("[data-macro-bar]");

  function open(macroBar) {
    const picker = macroBar.querySelector(".macro-picker");
    picker.hidden = false;
    macroBar.querySelector("[data-macro-open]").setAttribute("aria-expanded", "true");
    const search = picker.querySelector("[data-macro-search]");
    search.focus();
  }

  function close(macroBar, focusReply) {
    macroBar.querySelector(".macro-picker").hidden = true;
    macroBar.querySelector("[data-macro-open]").setAttribute("aria-expanded", "false");
    if (focusReply) {
      const reply = macroBar.closest("form").querySelector("textarea[name=body]");
      if (reply) reply.focus();
    }
  }

  document.addEventListener("click", (event) => {
    const opener = event.target.closest("[data-macro-open]");
    if (opener) {
      const macroBar = opener.closest("[data-macro-bar]");
      if (macroBar.querySelector(".macro-picker").hidden) open(macroBar);
      else close(macroBar, true);
    }
  });

  // "::" typed in the reply opens the picker, as text modules do in other desks.
  document.addEventListener("input", (event) => {
    const area = event.target;
    if (!area.matches || !area.matches("textarea[name=body]")) return;
    const at = area.selectionStart;
    if (at >= 2 && area.value.slice(at - 2, at) === "::") {
      const macroBar = bar(area);
      if (!macroBar) return;
      area.value = area.value.slice(0, at - 2) + area.value.slice(at);
      area.setSelectionRange(at - 2, at - 2);
      area.dataset.macroCaret = String(at - 2);
      open(macroBar);
    }
  });

  document.addEventListener("keydown", (event) => {
    const search = event.target.closest && event.target.closest("[data-macro-search]");
    if (!search) return;
    const macroBar = search.closest("[data-macro-bar]");
    if (event.key === "Escape") {
      event.preventDefault();
      close(macroBar, true);
    } else if (event.key === "Enter") {
      // Enter picks the first macro listed instead of sending the form.
      event.preventDefault();
      const first = macroBar.querySelector(".macro-pick");
      if (first) first.click();
    } else if (event.key === "ArrowDown") {
      const first = macroBar.querySelector(".macro-pick");
      if (first) {
        event.preventDefault();
        first.focus();
      }
    }
  });

  document.addEventListener("keydown", (event) => {
    const pick = event.target.closest && event.target.closest(".macro-pick");
    if (!pick) return;
    const items = Array.from(pick.closest(".macro-picks").querySelectorAll(".macro-pick"));
    const index = items.indexOf(pick);
    if (event.key === "ArrowDown" && index < items.length - 1) {
      event.preventDefault();
      items[index + 1].focus();
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      if (index > 0) items[index - 1].focus();
      else pick.closest("[data-macro-bar]").querySelector("[data-macro-search]").focus();
    } else if (event.key === "Escape") {
      close(pick.closest("[data-macro-bar]"), true);
    }
  });

  // The filled-in macro arrives as a <template>: put it in the composer.
  document.addEventListener("htmx:afterSwap", (event) => {
    const target = event.detail.target;
    if (!target || target.id !== "macro-filled") return;
    const filled = target.querySelector("template.macro-filled");
    if (!filled) return;
    const form = target.closest("form");
    const macroBar = target.closest("[data-macro-bar]");
    const reply = form.querySelector("textarea[name=body]");
    const text = filled.content.textContent;
    const caret = reply.dataset.macroCaret !== undefined ? Number(reply.dataset.macroCaret) : reply.selectionStart;
    delete reply.dataset.macroCaret;
    const at = Number.isFinite(caret) ? Math.min(caret, reply.value.length) : reply.value.length;
    reply.value = reply.value.slice(0, at) + text + reply.value.slice(at);
    reply.dispatchEvent(new Event("input", { bubbles: true }));
    const then = form.querySelector("select[name=then]");
    if (then && filled.dataset.status) {
      then.value = filled.dataset.status;
      then.dispatchEvent(new Event("change", { bubbles: true }));
    }
    setHidden(form, "macro.addTags", filled.dataset.addTags || "");
    setHidden(form, "macro.moveToTeamId", filled.dataset.moveTo || "");
    if (filled.dataset.promise && window.htmx) {
      const drafts = form.querySelector(".promise-drafts");
      const add = form.querySelector(".add-promise");
      if (drafts && add) {
        const url = add.getAttribute("hx-get");
        const query = new URLSearchParams({ description: filled.dataset.promise, due: filled.dataset.promiseDue });
        window.htmx.ajax("GET", url + (url.includes("?") ? "&" : "?") + query, { target: "#" + drafts.id, swap: "beforeend" });
      }
    }
    close(macroBar, false);
    const status = target.querySelector("[role=status]");
    if (status) {
      const note = macroBar.querySelector(".macro-used") || document.createElement("p");
      note.className = "macro-used muted small";
      note.setAttribute("role", "status");
      note.textContent = status.textContent;
      macroBar.appendChild(note);
    }
    reply.focus();
  });

  function setHidden(form, name, value) {
    let input = form.querySelector('input[type=hidden][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }
})();
