// Issue 12, replies: when nothing delivers a reply, the composer offers to log a call instead.
document.addEventListener("click", (event) => {
  const link = event.target.closest("[data-switch-tab]");
  if (!link) return;
  const composer = link.closest(".composer");
  const tab = composer && composer.querySelector('[role="tab"][data-tab="' + link.dataset.switchTab + '"]');
  if (tab) {
    tab.click();
    tab.focus();
  }
});

// Issue 12, time zones: a due time is written in the zone the agent chose next to it (their own,
// the customer's or the team's); a quick choice fills it in that zone, and follows a change of zone.
(() => {
  const filledBy = new WeakMap();

  const valueIn = (chip, zone) => chip.dataset["due" + zone.charAt(0).toUpperCase() + zone.slice(1)];

  const zoneOf = (scope) => {
    const select = scope.querySelector("select.due-zone");
    return select && select.selectedOptions.length ? select.selectedOptions[0].dataset.zone || "me" : "me";
  };

  document.addEventListener("click", (event) => {
    const chip = event.target.closest("[data-due-me]");
    if (!chip) return;
    const scope = chip.closest("fieldset, form");
    const input = scope && scope.querySelector('input[type="datetime-local"]');
    if (!input) return;
    input.value = valueIn(chip, zoneOf(scope));
    filledBy.set(input, chip);
  });

  document.addEventListener("change", (event) => {
    const select = event.target.closest("select.due-zone");
    if (!select) return;
    const scope = select.closest("fieldset, form");
    const input = scope && scope.querySelector('input[type="datetime-local"]');
    const chip = input && filledBy.get(input);
    if (!chip) return;
    const before = ["me", "customer", "team"].some((zone) => valueIn(chip, zone) === input.value);
    if (before) input.value = valueIn(chip, zoneOf(scope));
  });
})();
