// Keyboard shortcuts: Ctrl/Cmd+Enter sends the form being written; j/k move through a list of
// cases and Enter opens the selected one; r and n open the reply and note composer on a case;
// / goes to the search box; ? lists the shortcuts. Letters never fire while typing.
(() => {
  const TYPING = "input, textarea, select, [contenteditable]:not([contenteditable=false])";

  const typing = (element) => element && element.closest && element.closest(TYPING);

  const listItems = () =>
    Array.from(document.querySelectorAll("main [data-case]")).filter((item) => item.offsetParent !== null);

  const select = (step) => {
    const items = listItems();
    if (items.length === 0) return false;
    const current = items.findIndex((item) => item.classList.contains("key-selected"));
    const next = current < 0 ? (step > 0 ? 0 : items.length - 1) : Math.min(items.length - 1, Math.max(0, current + step));
    items.forEach((item, index) => {
      item.classList.toggle("key-selected", index === next);
      if (index === next) item.setAttribute("aria-current", "true");
      else item.removeAttribute("aria-current");
    });
    items[next].scrollIntoView({ block: "nearest" });
    return true;
  };

  const openSelected = () => {
    const selected = document.querySelector("main [data-case].key-selected");
    const link = selected && selected.querySelector("a[href]");
    if (!link) return false;
    link.click();
    return true;
  };

  const compose = (pane) => {
    const tab = document.querySelector(`.composer [data-tab="${pane}"]`);
    if (!tab) return false;
    tab.click();
    const field = document.querySelector(`.composer form[data-pane="${pane}"] textarea`);
    if (field) field.focus();
    return true;
  };

  const focusSearch = () => {
    const search = document.querySelector(".topbar .search input");
    if (!search) return false;
    search.focus();
    search.select();
    return true;
  };

  const showHelp = () => {
    const help = document.getElementById("keys-help");
    if (!help || help.open) return false;
    help.showModal();
    return true;
  };

  document.addEventListener("keydown", (event) => {
    if (event.defaultPrevented || event.isComposing) return;
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      const form = event.target.closest && event.target.closest("form");
      if (form && (form.closest(".composer") || event.target.matches("textarea"))) {
        event.preventDefault();
        form.requestSubmit();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    if (document.querySelector("dialog[open]")) return;
    let handled = false;
    switch (event.key) {
      case "j": handled = select(1); break;
      case "k": handled = select(-1); break;
      case "Enter":
        // Only when nothing else has the focus: Enter on a link or button keeps its meaning.
        if (event.target === document.body || event.target === document.documentElement) handled = openSelected();
        break;
      case "r": handled = compose("reply"); break;
      case "n": handled = compose("note"); break;
      case "/": handled = focusSearch(); break;
      case "?": handled = showHelp(); break;
      default: break;
    }
    if (handled) event.preventDefault();
  });

  // A click on a list item makes it the selected one, so j/k go on from there.
  document.addEventListener("click", (event) => {
    const item = event.target.closest && event.target.closest("main [data-case]");
    if (!item) return;
    document.querySelectorAll("main [data-case].key-selected").forEach((other) => {
      other.classList.remove("key-selected");
      other.removeAttribute("aria-current");
    });
    item.classList.add("key-selected");
    item.setAttribute("aria-current", "true");
  });
})();
