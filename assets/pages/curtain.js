// Runs in the content view's isolated world "guichet-curtain" (see src/shell/curtain.rs): tells
// the kiosk only that a password field, or any field one types in, got or lost focus — never
// what is typed. While a field has focus, a smaller page (the on-screen keyboard came up) keeps
// it in sight.
(() => {
  // The element itself, also inside a shadow tree (the event's target is then its host).
  const element = (event) => event.composedPath()[0];
  const secret = (node) => node instanceof HTMLInputElement && node.type === "password";
  const typedIn = new Set(["text", "password", "email", "search", "tel", "url", "number", "date", ""]);
  const editable = (node) => (node instanceof HTMLInputElement && typedIn.has(node.type) && !node.readOnly && !node.disabled)
    || (node instanceof HTMLTextAreaElement && !node.readOnly && !node.disabled)
    || (node instanceof HTMLElement && node.isContentEditable);
  const post = (name) => { try { window.webkit.messageHandlers[name].postMessage(0); } catch (_) {} };
  document.addEventListener("focusin", (event) => {
    const node = element(event);
    if (secret(node)) post("guichetPasswordFocus");
    if (editable(node)) post("guichetFieldFocus");
  }, true);
  document.addEventListener("focusout", (event) => {
    const node = element(event);
    if (secret(node)) post("guichetPasswordBlur");
    if (editable(node)) post("guichetFieldBlur");
  }, true);
  window.addEventListener("pagehide", () => { post("guichetPasswordBlur"); post("guichetFieldBlur"); }, true);
  window.addEventListener("resize", () => {
    let active = document.activeElement;
    while (active && active.shadowRoot && active.shadowRoot.activeElement) active = active.shadowRoot.activeElement;
    if (editable(active)) active.scrollIntoView({ block: "center", inline: "nearest" });
  });
})();
