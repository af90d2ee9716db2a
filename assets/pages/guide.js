// The guide's pages: the search box searches as the patron types (a new results page, the
// search itself runs in Guichet), and "Que voulez-vous faire ?" shrinks its type until every
// theme fits on the screen, whatever the text size.
"use strict";
(() => {
  const input = document.getElementById("search");
  if (input) {
    let timer = null;
    const go = () => {
      const words = input.value.trim();
      if (!words) return;
      location.replace(input.dataset.search + "?q=" + encodeURIComponent(input.value));
    };
    input.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(go, 600);
    });
    input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") {
        event.preventDefault();
        clearTimeout(timer);
        go();
      }
    });
    if (input.value) {
      // Back on the results: the patron keeps typing where they were.
      input.focus();
      input.setSelectionRange(input.value.length, input.value.length);
    }
  }

  const fit = document.querySelector(".fit");
  if (fit) {
    const root = document.documentElement;
    const overflows = () => root.scrollHeight > window.innerHeight + 1 || root.scrollWidth > window.innerWidth + 1;
    const shrink = () => {
      const scale = window.guichetFit((s) => fit.style.setProperty("--fit", s.toFixed(3)), overflows, 0.3);
      document.body.dataset.fitted = scale.toFixed(2);
    };
    new ResizeObserver(shrink).observe(root);
    shrink();
  }
})();
