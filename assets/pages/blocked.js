// "Retour" on the blocked page: back to where the patron was, or home if there is nowhere to go.
"use strict";
document.getElementById("back").addEventListener("click", () => {
  if (history.length > 1) history.back();
  else location.href = "guichet://app/launcher";
});
