// The chrome view: sends the patron's commands to Guichet and shows the state it pushes back.
// All text arrives already translated; this script only places it and fits the bar.
"use strict";
(() => {
  const send = (message) => window.ipc.postMessage(JSON.stringify(message));
  const $ = (id) => document.getElementById(id);
  const screens = ["welcome", "bar", "idle", "confirm-end", "menu", "files", "help", "clearing", "unavailable", "checklist", "pin", "consent", "accessibility", "print"];
  const firstButton = { welcome: ".start", bar: "#bar button:not([hidden])", idle: "#idle button",
    "confirm-end": "#confirm-end .secondary", menu: "#menu button", files: "#files button",
    help: "#alert-staff", checklist: "#checklist .primary", pin: "#pin .key", consent: "#consent .primary",
    accessibility: "#accessibility .a11y-preset", print: "#print button:not([hidden])" };
  // Screens a patron may leave with Escape without deciding anything.
  const dismissable = new Set(["confirm-end", "menu", "files", "help", "checklist", "pin", "accessibility", "print"]);
  let current = null;

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-cmd]");
    if (!button || button.disabled) return;
    const cmd = button.dataset.cmd;
    if (cmd === "lang") send({ cmd, lang: button.dataset.lang });
    else if (cmd === "pick-file") send({ cmd, index: Number(button.dataset.index) });
    else if (cmd === "key") {
      const key = window.guichetKeyboard.press(button);
      if (key) send({ cmd, key });
    }
    else send({ cmd, ...window.guichetAccessibility.details(button) });
  });
  document.addEventListener("keydown", (event) => {
    if (event.key === "Escape" && dismissable.has(current)) {
      event.preventDefault();
      send({ cmd: "close" });
    }
  });

  // The bar keeps one row, "Terminer ma session" always whole. While the row overflows it
  // gets more compact, step by step: the buttons marked data-collapse go under "Plus" (lowest
  // number first), then the clock goes, then the end button's short words, then the
  // remaining buttons keep only their sign (their accessible names stay whole).
  const collapsible = [...document.querySelectorAll("#bar [data-collapse]")]
    .sort((a, b) => Number(a.dataset.collapse) - Number(b.dataset.collapse));
  const fitBar = () => {
    const bar = $("bar");
    const row = bar.querySelector(".row");
    const fits = () => row.scrollWidth <= row.clientWidth;
    // A button the machine does not offer (data-offered="false") stays hidden.
    const offered = (button) => button.dataset.offered !== "false";
    for (const button of collapsible) button.hidden = !offered(button);
    $("more").hidden = true;
    bar.classList.remove("no-clock", "short-end", "signs-only");
    for (const button of collapsible) {
      if (fits()) return;
      if (!offered(button)) continue;
      button.hidden = true;
      $("more").hidden = false;
    }
    for (const step of ["no-clock", "short-end", "signs-only"]) {
      if (fits()) return;
      bar.classList.add(step);
    }
  };

  // A screen over the whole window never scrolls: its type shrinks until everything fits.
  // The accessibility panel scrolls instead: its patrons asked for large type.
  const fitScreen = () => {
    const screen = current && current !== "bar" && current !== "accessibility" && $(current);
    if (!screen) return;
    const overflows = () => [screen, ...screen.children].some((e) => e.scrollHeight > e.clientHeight + 1)
      || screen.scrollWidth > screen.clientWidth + 1;
    window.guichetFit((s) => screen.style.setProperty("--fit", s.toFixed(3)), overflows, 0.35);
  };

  let reportedHeight = 0;
  const reportHeight = () => {
    const bar = $("bar");
    if (bar.hidden) return;
    const px = Math.ceil(bar.getBoundingClientRect().height);
    if (px > 0 && px !== reportedHeight) {
      reportedHeight = px;
      send({ cmd: "height", px });
    }
  };
  new ResizeObserver(() => { fitBar(); fitScreen(); reportHeight(); }).observe(document.documentElement);

  const setText = (id, text) => {
    const element = $(id);
    element.textContent = text || "";
    element.hidden = !text;
  };

  window.guichet = {
    show(state) {
      if (window.guichetAssisted) window.guichetAssisted.render(state);
      window.guichetAccessibility.render(state);
      window.guichetKeyboard.render(state);
      window.guichetPrinting.render(state);
      for (const screen of screens) $(screen).hidden = screen !== state.screen;
      // The cover of a session waiting for the screen lies over its welcome screen, laid out
      // and painted beneath, so that uncovering it is quick.
      if (state.screen === "clearing") $("welcome").hidden = false;
      document.body.dataset.screen = state.screen;
      $("receipt").classList.toggle("shown", Boolean(state.receipt));
      $("receipt-title").hidden = !state.receipt;
      $("receipt-detail").textContent = state.receipt || "";
      if (state.bar) {
        $("site").textContent = state.bar.site;
        $("loading").hidden = !state.bar.loading;
        $("clock").textContent = state.bar.clock;
        $("back").disabled = !state.bar.canBack;
        $("help-button").hidden = !state.bar.help;
        $("forward").disabled = !state.bar.canForward;
        setText("max-warning", state.bar.maxWarning);
        setText("notice", state.bar.notice);
      }
      $("idle-text").textContent = state.idleText || "";
      $("staff-alerted").hidden = !state.staffAlerted;
      $("alert-staff").disabled = state.staffAlerted;
      if (window.guichetGuide) window.guichetGuide.show(state.guide);
      if (state.files) {
        const list = $("file-list");
        list.replaceChildren(...state.files.map((name, index) => {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.dataset.cmd = "pick-file";
          button.dataset.index = String(index);
          button.textContent = name;
          // A file's name keeps its own direction, whatever the page's.
          button.dir = "auto";
          item.append(button);
          return item;
        }));
        $("files-empty").hidden = state.files.length > 0;
      }
      const changed = state.screen !== current;
      current = state.screen;
      fitScreen();
      if (changed) {
        // The bar leaves the keyboard in the page; every other screen takes it.
        if (state.screen !== "bar") window.guichet.focusFirst();
      }
      fitBar();
      reportHeight();
    },
    // F6 into the bar, or a new screen: the first button gets the focus, ring showing.
    focusFirst() {
      const target = current && firstButton[current] && document.querySelector(firstButton[current]);
      if (target) target.focus();
    },
  };
  send({ cmd: "ready" });
})();
