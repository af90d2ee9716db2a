// The démarche in progress, in the chrome view: the bar's step panel ("Étape 2 sur 5") and the
// checklist screen. The text arrives translated from Guichet; this only places it.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const fill = (list, items, current) => {
    list.replaceChildren(...items.map((text, index) => {
      const item = document.createElement("li");
      item.textContent = text;
      // A démarche's text may be French in a right-to-left bar (a staff entry not translated):
      // each item takes the direction of its own words.
      item.dir = "auto";
      if (index === current) item.setAttribute("aria-current", "step");
      return item;
    }));
  };
  window.guichetGuide = {
    show(guide) {
      $("guide-panel").hidden = !guide;
      if (!guide) return;
      $("guide-step").textContent = guide.stepLabel;
      $("guide-step-text").textContent = guide.stepText;
      $("guide-step-back").disabled = !guide.canBack;
      $("guide-step-next").disabled = !guide.canNext;
      $("checklist-back").disabled = !guide.canBack;
      $("checklist-next").disabled = !guide.canNext;
      $("checklist-title").textContent = guide.title + " — " + guide.stepLabel;
      fill($("checklist-documents"), guide.documents, -1);
      fill($("checklist-steps"), guide.steps, guide.current);
    },
  };
})();
