// Exercise animations: a pause/play button (WCAG 2.2.2), and paused from the start
// for people who ask their device for reduced motion. Plain JS, no framework.
(function () {
  "use strict";

  var reduceMotion = window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)");

  function setPlaying(figure, button, playing) {
    figure.classList.toggle("animations-paused", !playing);
    figure.querySelectorAll("svg").forEach(function (svg) {
      // SMIL animations are driven by the SVG's own clock; CSS ones by the class above.
      if (typeof svg.pauseAnimations !== "function") return;
      if (playing) svg.unpauseAnimations(); else svg.pauseAnimations();
    });
    button.textContent = playing ? button.dataset.pauseLabel : button.dataset.playLabel;
  }

  document.querySelectorAll("figure.animation").forEach(function (figure) {
    var button = figure.querySelector(".animation-toggle");
    if (!button) return;
    var playing = !(reduceMotion && reduceMotion.matches);
    button.hidden = false;
    setPlaying(figure, button, playing);
    button.addEventListener("click", function () {
      playing = !playing;
      setPlaying(figure, button, playing);
    });
  });
})();
