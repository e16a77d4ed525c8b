// Small helpers; every page works without them.
document.addEventListener("submit", (event) => {
  // Long actions (matching a large cohort, preparing an agenda) show progress and
  // cannot be sent twice.
  const form = event.target;
  const message = form.getAttribute("data-progress");
  if (!message) return;
  const bar = form.querySelector("progress");
  const text = form.querySelector(".progress-text");
  if (bar) bar.hidden = false;
  if (text) text.textContent = message;
  form.querySelectorAll("button[type=submit]").forEach((b) => {
    // Disable after the browser has captured the submission.
    setTimeout(() => { b.disabled = true; }, 0);
  });
});
document.addEventListener("click", (event) => {
  if (event.target.matches("[data-print]")) window.print();
  // "Go back" on error pages; without the script the link goes home.
  if (event.target.matches("[data-back]") && history.length > 1) {
    event.preventDefault();
    history.back();
  }
});
