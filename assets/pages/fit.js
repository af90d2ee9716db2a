// The one way Guichet's pages shrink their type to fit the window, for the bar's full-window
// screens (chrome.js) and the guide's pages (guide.js): the largest scale at which nothing
// overflows, found to within 1 % (stepping down by tenths left up to a tenth of the screen
// empty, in smaller type than needed).
"use strict";
window.guichetFit = (apply, overflows, smallest) => {
  apply(1);
  if (!overflows()) return 1;
  apply(smallest);
  if (overflows()) return smallest;
  // `fits` always fits; `over` never does. Wrapping text makes overflow not quite monotonic in
  // the scale: whatever is returned has been checked to fit.
  let fits = smallest;
  let over = 1;
  while (over - fits > 0.01) {
    const middle = (fits + over) / 2;
    apply(middle);
    if (overflows()) over = middle; else fits = middle;
  }
  apply(fits);
  return fits;
};
