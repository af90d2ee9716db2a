// Injected into every page of the content view. WebKit's fullscreen is switched off (the bar
// must stay on screen), which removes the Fullscreen API altogether; pages are told the truth
// the standard way instead: fullscreen is not enabled, and asking for it fails with a
// `fullscreenerror` event and a rejected promise.
(() => {
  "use strict";
  const refuse = function () {
    const target = this instanceof Element ? this : document.documentElement;
    setTimeout(() => {
      target.dispatchEvent(new Event("fullscreenerror", { bubbles: true }));
    }, 0);
    return Promise.reject(new TypeError("Fullscreen is not available on this computer."));
  };
  const constant = (object, name, value) => {
    try { Object.defineProperty(object, name, { configurable: true, get: () => value }); } catch (e) { /* keep going */ }
  };
  constant(Document.prototype, "fullscreenEnabled", false);
  constant(Document.prototype, "fullscreenElement", null);
  constant(Document.prototype, "fullscreen", false);
  Element.prototype.requestFullscreen = refuse;
  Document.prototype.exitFullscreen = () => Promise.reject(new TypeError("Not in fullscreen."));
})();
