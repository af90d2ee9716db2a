// Assisted mode in the chrome view: the advisor's PIN pad, and the bar's badge and curtain.
// Loaded before chrome.js, whose show() calls render() with every state. The digits stay in
// this page until "Valider" sends them to Guichet, and are forgotten as soon as they are sent
// or the pad closes.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const send = (message) => window.ipc.postMessage(JSON.stringify(message));
  const MAX_DIGITS = 12;
  let digits = [];
  let padShown = false;
  let locked = false;

  const drawDots = () => {
    $("pin-dots").textContent = "●".repeat(digits.length);
  };
  const forget = () => {
    digits = [];
    drawDots();
  };
  const press = (digit) => {
    if (locked || digits.length >= MAX_DIGITS) return;
    digits.push(digit);
    drawDots();
  };
  const erase = () => {
    digits.pop();
    drawDots();
  };
  const submit = () => {
    if (locked || digits.length === 0) return;
    const pin = digits.join("");
    forget();
    send({ cmd: "pin", pin });
  };

  document.addEventListener("click", (event) => {
    const key = event.target.closest("[data-digit], [data-pad]");
    if (!key || key.disabled || !padShown) return;
    if (key.dataset.digit !== undefined) press(key.dataset.digit);
    else if (key.dataset.pad === "erase") erase();
    else if (key.dataset.pad === "submit") submit();
  });
  // The pad is usable from a keyboard too: digits, Backspace, Enter (Escape closes, as any
  // dismissable screen, in chrome.js).
  document.addEventListener("keydown", (event) => {
    if (!padShown) return;
    if (/^[0-9]$/.test(event.key)) {
      event.preventDefault();
      press(event.key);
    } else if (event.key === "Backspace") {
      event.preventDefault();
      erase();
    } else if (event.key === "Enter" && !event.target.closest("button:not([data-digit])")) {
      // Enter sends the PIN, also from a digit key; on "Effacer" or "Annuler" it presses them.
      event.preventDefault();
      submit();
    }
  });

  window.guichetAssisted = {
    render(state) {
      const assisted = state.assisted || {};
      $("advisor").hidden = !assisted.offered;
      document.body.dataset.assisted = assisted.active ? "true" : "false";
      $("assisted-badge").hidden = !assisted.active;
      $("assisted-end").hidden = !assisted.active;
      const curtain = $("curtain");
      curtain.textContent = assisted.curtain ? curtain.dataset.text : "";
      curtain.hidden = !assisted.curtain;
      if (assisted.active) {
        const texts = $("assisted-texts");
        $("end-title").textContent = texts.dataset.endTitle;
        document.querySelector("#confirm-end .big").textContent = texts.dataset.endText;
      }
      const nowShown = state.screen === "pin";
      if (!nowShown) forget();
      padShown = nowShown;
      locked = Boolean(assisted.padLocked);
      for (const key of document.querySelectorAll("#pin .key")) key.disabled = locked;
      const message = $("pin-message");
      message.textContent = assisted.padMessage || "";
      message.hidden = !assisted.padMessage;
    },
  };
})();
