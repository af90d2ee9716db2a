// The accessibility panel in the chrome view: shows which presets and settings are on (as
// pressed buttons), the text size, the bar's read-aloud buttons and the key help. Loaded before
// chrome.js, whose show() calls render() with every state; chrome.js sends the clicks.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const press = (button, on) => button.setAttribute("aria-pressed", on ? "true" : "false");
  window.guichetAccessibility = {
    render(state) {
      const view = state.accessibility || {};
      const on = new Set(view.settings || []);
      const presets = new Set(view.presets || []);
      for (const button of document.querySelectorAll("[data-setting]")) press(button, on.has(button.dataset.setting));
      for (const button of document.querySelectorAll("[data-preset]")) press(button, presets.has(button.dataset.preset));
      for (const button of document.querySelectorAll("[data-cmd=screen-reader]")) press(button, Boolean(view.screenReader));
      $("a11y-size-value").textContent = view.textSize || "";
      const bar = state.bar || {};
      $("read-aloud").hidden = !bar.readAloud;
      $("stop-reading").hidden = !bar.readAloud;
      $("key-help").hidden = !bar.keyboardHelp;
    },
    // What a panel button sends besides its command.
    details(button) {
      if (button.dataset.preset) return { preset: button.dataset.preset };
      if (button.dataset.setting) return { setting: button.dataset.setting };
      return {};
    },
  };
})();
