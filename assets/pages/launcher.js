// "Tous les sites": shows the tiles whose name, category or address contain the words typed,
// ignoring case and accents.
"use strict";
(() => {
  const input = document.getElementById("search");
  const none = document.getElementById("no-result");
  const plain = (text) => text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase();
  const tiles = [...document.querySelectorAll(".tile")].map((tile) => ({
    item: tile.parentElement, text: plain(tile.dataset.search || ""),
  }));
  input.addEventListener("input", () => {
    const words = plain(input.value).split(/\s+/).filter(Boolean);
    let shown = 0;
    for (const tile of tiles) {
      const match = words.every((word) => tile.text.includes(word));
      tile.item.hidden = !match;
      if (match) shown += 1;
    }
    for (const group of document.querySelectorAll(".group")) {
      group.hidden = !group.querySelector("li:not([hidden])");
    }
    none.hidden = shown > 0;
  });
})();
