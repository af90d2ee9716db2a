// Printing in the chrome view: shows "Imprimer" when the machine prints, and the print dialog's
// words as the kiosk sends them. Loaded before chrome.js, whose show() calls render().
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  window.guichetPrinting = {
    render(state) {
      const offered = Boolean(state.bar && state.bar.print);
      // chrome.js shows the bar's button, or folds it under "Plus", when it is offered.
      $("print-button").dataset.offered = String(offered);
      $("print-menu").hidden = !offered;
      const view = state.print;
      if (!view) return;
      $("print-title").textContent = view.title;
      $("print-text").textContent = view.text;
      $("print-do").hidden = !view.canPrint;
    },
  };
})();
