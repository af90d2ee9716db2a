// The on-screen keyboard in the chrome view: shows it where the core said (its height), keeps
// Shift and Caps Lock (which only change what the keys show and send), and tells chrome.js what
// a key sends. What is typed goes to the kiosk and on to the page; nothing comes back here.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  let shift = false;
  let capsLock = false;
  const capitals = () => shift !== capsLock;
  const draw = () => {
    const keyboard = $("keyboard");
    keyboard.classList.toggle("capitals", capitals());
    for (const key of keyboard.querySelectorAll("[data-plain]")) {
      key.textContent = capitals() ? key.dataset.capital : key.dataset.plain;
    }
    keyboard.querySelector("[data-special=shift]").setAttribute("aria-pressed", String(shift));
    keyboard.querySelector("[data-special=caps-lock]").setAttribute("aria-pressed", String(capsLock));
  };
  // A press on the keyboard never moves the focus inside this page.
  document.addEventListener("mousedown", (event) => {
    if (event.target.closest(".key")) event.preventDefault();
  });
  window.guichetKeyboard = {
    render(state) {
      const keyboard = $("keyboard");
      const up = Boolean(state.keyboard) && state.screen === "bar";
      keyboard.hidden = !up;
      if (up) {
        const height = state.keyboard.height;
        keyboard.style.setProperty("--keyboard-height", `${height}px`);
        // Six rows, 4 px apart, in 6 px of padding: the type takes 45 % of a row.
        const row = (height - 12 - 5 * 4) / 6;
        keyboard.style.setProperty("--key-font", `${Math.max(8, Math.floor(row * 0.45))}px`);
      }
      $("keyboard-button").setAttribute("aria-pressed", String(up));
    },
    // What a key sends (null: nothing to send, the key changed the keyboard itself).
    press(button) {
      const special = button.dataset.special;
      if (special === "shift") { shift = !shift; draw(); return null; }
      if (special === "caps-lock") { capsLock = !capsLock; shift = false; draw(); return null; }
      if (special) return special;
      const key = capitals() ? button.dataset.capital : button.dataset.plain;
      if (shift) { shift = false; draw(); }
      return key;
    },
  };
})();
