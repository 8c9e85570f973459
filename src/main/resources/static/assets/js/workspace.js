// The case workspace (ADR 019): what changes a composer without typing saves its draft too, and a
// refusal's "Agree a new time" opens that promise's form in the panel.
(() => {
  const draftChanged = (form) => {
    if (form && window.htmx) window.htmx.trigger(form, "draft-changed");
  };

  // A quick due choice or a removed promise row changes the composer without an input event. The
  // listener runs first (capture) to find the form; the change itself is made by app.js after it.
  document.addEventListener(
    "click",
    (event) => {
      const control = event.target.closest("[data-due], [data-remove-draft]");
      const form = control && control.closest("form[data-pane]");
      if (form) setTimeout(() => draftChanged(form), 0);
    },
    true,
  );

  // A suggestion taken as a promise row is part of the draft.
  document.addEventListener("htmx:afterSwap", (event) => {
    const source = event.detail.elt;
    if (source && source.matches && source.matches("[data-accept-suggestion]")) {
      draftChanged(event.detail.target.closest("form[data-pane]"));
    }
  });

  // Once the entry is on its way, a save still waiting for a pause in typing would bring back the
  // draft that sending it deletes.
  document.addEventListener("htmx:beforeRequest", (event) => {
    const source = event.detail.elt;
    if (!source.matches || !source.matches(".draft-status")) return;
    const form = source.closest("form");
    if (form && form.classList.contains("htmx-request")) event.preventDefault();
  });

  document.addEventListener("click", (event) => {
    const link = event.target.closest("a[data-open-details]");
    if (!link) return;
    const details = document.getElementById(link.getAttribute("href").slice(1));
    if (!details) return;
    event.preventDefault();
    details.open = true;
    details.scrollIntoView({ block: "center" });
    const field = details.querySelector("input, textarea, select");
    if (field) field.focus();
  });
})();
