// "Lire à voix haute": the text to read from the content view, evaluated in an isolated world
// (the page's own scripts cannot change what it calls). The selection if there is one, else the
// page's main text; cut to 20,000 characters. The result goes straight to speech, unlogged.
(() => {
  const selected = String(window.getSelection ? window.getSelection() : "").trim();
  if (selected) return selected.slice(0, 20000);
  const main = document.querySelector("main, [role=main], article") || document.body;
  return main ? main.innerText.trim().slice(0, 20000) : "";
})()
