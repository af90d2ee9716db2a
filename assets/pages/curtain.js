// Runs in the content view's isolated world "guichet-curtain" (see src/shell/curtain.rs): tells
// the kiosk only that a password field got or lost focus, never what is typed.
(() => {
  // The field itself, also inside a shadow tree (the event's target is then its host).
  const secret = (event) => {
    const element = event.composedPath()[0];
    return element instanceof HTMLInputElement && element.type === "password";
  };
  const post = (name) => { try { window.webkit.messageHandlers[name].postMessage(0); } catch (_) {} };
  document.addEventListener("focusin", (event) => { if (secret(event)) post("guichetPasswordFocus"); }, true);
  document.addEventListener("focusout", (event) => { if (secret(event)) post("guichetPasswordBlur"); }, true);
  window.addEventListener("pagehide", () => post("guichetPasswordBlur"), true);
})();
