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

// A successful action clears any earlier refusal from the message area.
document.addEventListener("htmx:afterRequest", (event) => {
  const status = event.detail.xhr ? event.detail.xhr.status : 0;
  if (status >= 200 && status < 300) {
    const flash = document.getElementById("flash");
    if (flash) flash.innerHTML = "";
  }
});
