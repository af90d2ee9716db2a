// The body of an async function that tests/axe_audit.rs runs in the page under audit (in the
// audit's script world, with the page's view focused), after axe-core. Two checks of our own,
// on every visible control, returned as JSON:
// - the focus ring: at least 2 CSS px of outline, whose colour has 3:1 against what it touches,
//   the background it is drawn on (outside) and, inside, the white halo that separates it from
//   the control (or, without a halo, the gap's or the control's own background);
// - the target: at least 44 × 44 CSS px. WCAG 2.5.8 exempts a link inline in running text
//   (its size is the text's); such links are counted, not failed.

// The view was just given the keyboard focus: the page hears of it a moment later.
for (let waited = 0; !document.hasFocus(); waited += 10) {
  if (waited > 5000) throw new Error("the page never got the focus");
  await new Promise((done) => setTimeout(done, 10));
}

const describe = (element) => {
  let name = element.localName;
  if (element.id) name += "#" + element.id;
  else if (element.classList.length) name += "." + [...element.classList].join(".");
  const text = (element.getAttribute("aria-label") || element.textContent || element.value || "").trim().replace(/\s+/g, " ");
  return text ? `${name} "${text.slice(0, 40)}"` : name;
};

const parseColour = (text) => {
  const match = /rgba?\(([^)]*)\)/.exec(text || "");
  if (!match) return null;
  const parts = match[1].split(/[\s,/]+/).filter(Boolean).map(Number);
  return { r: parts[0], g: parts[1], b: parts[2], a: parts.length > 3 ? parts[3] : 1 };
};
const over = (top, below) => ({
  r: top.r * top.a + below.r * (1 - top.a),
  g: top.g * top.a + below.g * (1 - top.a),
  b: top.b * top.a + below.b * (1 - top.a),
  a: 1,
});
// What is painted behind an element: its own background and its ancestors', on white.
const backgroundOf = (element) => {
  const layers = [];
  for (let e = element; e; e = e.parentElement) {
    const colour = parseColour(getComputedStyle(e).backgroundColor);
    if (colour && colour.a > 0) {
      layers.push(colour);
      if (colour.a >= 1) break;
    }
  }
  return layers.reverse().reduce((below, top) => over(top, below), { r: 255, g: 255, b: 255, a: 1 });
};
const luminance = (c) => {
  const channel = (v) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
};
const contrast = (a, b) => {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi + 0.05) / (lo + 0.05);
};
const hex = (c) => "#" + [c.r, c.g, c.b].map((v) => Math.round(v).toString(16).padStart(2, "0")).join("");

// The first shadow with no offset and no blur: a halo of `spread` px around the border box.
const haloOf = (style) => {
  for (const shadow of style.boxShadow.split(/,(?![^(]*\))/)) {
    const colour = parseColour(shadow);
    const lengths = shadow.replace(/rgba?\([^)]*\)/, "").trim().split(/\s+/).map(parseFloat);
    if (colour && colour.a > 0 && lengths.length >= 4 && lengths[0] === 0 && lengths[1] === 0 && lengths[2] === 0 && lengths[3] > 0) {
      return { colour, spread: lengths[3] };
    }
  }
  return null;
};

const shown = (element) => {
  const rect = element.getBoundingClientRect();
  return rect.width > 0 && rect.height > 0 && getComputedStyle(element).visibility === "visible";
};
const controls = [...document.querySelectorAll(
  "a[href], button, input:not([type=hidden]), select, textarea, [role=button], [tabindex]:not([tabindex='-1'])")]
  .filter(shown);

// A link in running text: laid out inline, among words of its parent's own.
const inlineInText = (element) =>
  element.localName === "a" && getComputedStyle(element).display === "inline" &&
  [...element.parentElement.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());

const focus = [];
const before = document.activeElement;
let focusChecked = 0;
for (const control of controls) {
  if (control.disabled) continue;
  control.focus({ preventScroll: true });
  if (document.activeElement !== control) {
    focus.push({ target: describe(control), problem: "cannot take the focus" });
    continue;
  }
  focusChecked += 1;
  const style = getComputedStyle(control);
  const width = parseFloat(style.outlineWidth) || 0;
  if (style.outlineStyle === "none" || width < 2) {
    focus.push({ target: describe(control), problem: `no focus ring (outline ${style.outlineStyle} ${style.outlineWidth})` });
    continue;
  }
  const ring = parseColour(style.outlineColor);
  const outside = backgroundOf(control.parentElement);
  const offset = parseFloat(style.outlineOffset) || 0;
  const halo = haloOf(style);
  let inside;
  let insideName;
  if (offset <= 0) [inside, insideName] = [backgroundOf(control), "the control"];
  else if (halo && halo.spread >= offset) [inside, insideName] = [over(halo.colour, outside), "the halo"];
  else [inside, insideName] = [outside, "the gap"];
  const ratios = [[contrast(ring, outside), `the background ${hex(outside)}`], [contrast(ring, inside), `${insideName} ${hex(inside)}`]];
  for (const [ratio, against] of ratios) {
    if (ratio < 3) focus.push({ target: describe(control), problem: `ring ${hex(ring)} has ${ratio.toFixed(2)}:1 against ${against}` });
  }
}
if (before && before.focus) before.focus({ preventScroll: true });
else document.activeElement.blur();

const targets = [];
let inlineLinks = 0;
for (const control of controls) {
  if (inlineInText(control)) {
    inlineLinks += 1;
    continue;
  }
  const rect = control.getBoundingClientRect();
  // Layout rounds to 1/64 px.
  if (rect.width < 44 - 0.02 || rect.height < 44 - 0.02) {
    targets.push({ target: describe(control), width: rect.width, height: rect.height });
  }
}

return JSON.stringify({ viewport: [innerWidth, innerHeight], focus, targets, controls: controls.length, focusChecked, inlineLinks });
