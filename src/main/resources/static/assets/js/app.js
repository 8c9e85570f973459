// Small behaviours the console needs beyond htmx. No inline scripts: the content security policy forbids them.
document.addEventListener("click", (event) => {
  const tab = event.target.closest("[data-tab]");
  if (tab) {
    const composer = tab.closest(".composer");
    composer.querySelectorAll("[data-tab]").forEach((t) => {
      const active = t === tab;
      t.classList.toggle("active", active);
      t.setAttribute("aria-selected", String(active));
    });
    composer.querySelectorAll("[data-pane]").forEach((pane) => {
      pane.hidden = pane.dataset.pane !== tab.dataset.tab;
    });
    return;
  }
  if (event.target.closest("[data-dismiss]")) {
    event.target.closest(".flash").remove();
  }
});

// A successful action clears any earlier refusal from the message area; reloading a part of the
// page, saving a draft or settling what the refusal lists does not.
document.addEventListener("htmx:afterRequest", (event) => {
  const status = event.detail.xhr ? event.detail.xhr.status : 0;
  const config = event.detail.requestConfig;
  const source = event.detail.elt;
  if (config && config.verb === "get") return;
  if (source && source.closest && source.closest("#flash, [data-keeps-flash]")) return;
  if (status >= 200 && status < 300) {
    const flash = document.getElementById("flash");
    if (flash) flash.innerHTML = "";
  }
});

// Promises in the composer: a quick choice fills the due time next to it; a draft row or a
// suggestion can be removed.
document.addEventListener("click", (event) => {
  const chip = event.target.closest("[data-due]");
  if (chip) {
    const scope = chip.closest("fieldset, form");
    const input = scope && scope.querySelector('input[type="datetime-local"]');
    if (input) input.value = chip.dataset.due;
    return;
  }
  const remove = event.target.closest("[data-remove-draft]");
  if (remove) {
    remove.closest(".promise-draft").remove();
    return;
  }
  const dismiss = event.target.closest("[data-dismiss-suggestion]");
  if (dismiss) {
    dismiss.closest(".suggestion").remove();
  }
});

// Once a suggestion becomes a draft, it has done its job.
document.addEventListener("htmx:afterRequest", (event) => {
  const source = event.detail.elt;
  if (source && source.matches && source.matches("[data-accept-suggestion]") && event.detail.successful) {
    const card = source.closest(".suggestion");
    if (card) card.remove();
  }
});
