// The inbox: the header's box ticks or clears every row for a bulk change.
document.addEventListener('change', (event) => {
  const all = event.target.closest('.pick-all');
  if (!all) return;
  document.querySelectorAll('input[type=checkbox][name=case][form=bulk]').forEach((box) => {
    box.checked = all.checked;
  });
});
