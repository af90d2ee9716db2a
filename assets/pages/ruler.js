// The reading ruler: a band that follows the pointer, on when the accessibility settings' user
// style sheet sets --guichet-ruler (its look is in that style sheet too). Runs in an isolated
// world in every frame of both views; it reads nothing of the page but the pointer's height.
"use strict";
(() => {
  const ID = "guichet-reading-ruler";
  let pending = false;
  let y = 0;
  const place = () => {
    pending = false;
    const root = document.documentElement;
    if (!root) return;
    const on = getComputedStyle(root).getPropertyValue("--guichet-ruler").trim() === "on";
    let ruler = document.getElementById(ID);
    if (!on) {
      if (ruler) ruler.remove();
      return;
    }
    if (!ruler) {
      ruler = document.createElement("div");
      ruler.id = ID;
      ruler.setAttribute("aria-hidden", "true");
      root.append(ruler);
    }
    ruler.style.top = `${y}px`;
  };
  document.addEventListener("mousemove", (event) => {
    y = event.clientY;
    if (!pending) {
      pending = true;
      requestAnimationFrame(place);
    }
  }, { passive: true, capture: true });
})();
