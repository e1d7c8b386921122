// Start the waiting exercise; click `then` the moment the running screen is ready.
// Run by tests/practice/test_player_browser.py's start_exercise(): the page waits itself,
// because at the tests' time scale an exercise can end between two Playwright round trips.
async ([then, once, seconds]) => {
  const root = document.getElementById("player");
  const counts = () => [...root.querySelectorAll("#screen .per-variant li")].map((li) => li.textContent);
  const pattern = once === null ? null : new RegExp(once);
  const ready = () => root.dataset.screen === "exercise-running"
    && (pattern === null || counts().some((text) => pattern.test(text)));
  const reached = new Promise((resolve, reject) => {
    // A MutationObserver's callback runs before any of the player's timers can fire.
    const observer = new MutationObserver(() => {
      if (!ready()) return;
      observer.disconnect();
      resolve();
    });
    observer.observe(root, { attributes: true, attributeFilter: ["data-screen"], childList: true, characterData: true, subtree: true });
    setTimeout(() => {
      observer.disconnect();
      reject(new Error(`never ready to click ${then}: the player shows ${root.dataset.screen}, counts ${counts()}`));
    }, seconds * 1000);
  });
  root.querySelector("#player[data-screen='exercise-waiting'] button.start").click();
  await reached;
  const seen = counts();
  if (then) root.querySelector(`#screen button.${then}`).click();
  return seen;
}
