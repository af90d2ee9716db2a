// The chrome view: sends the patron's commands to Guichet and shows the state it pushes back.
// All text arrives already translated; this script only places it.
"use strict";
(() => {
  const send = (message) => window.ipc.postMessage(JSON.stringify(message));
  const $ = (id) => document.getElementById(id);
  const screens = ["welcome", "bar", "idle", "confirm-end", "files", "unavailable"];
  const firstButton = { welcome: ".start", idle: "#idle button", "confirm-end": "#confirm-end .secondary",
    files: "#files button" };

  document.addEventListener("click", (event) => {
    const button = event.target.closest("[data-cmd]");
    if (!button || button.disabled) return;
    const cmd = button.dataset.cmd;
    if (cmd === "lang") send({ cmd, lang: button.dataset.lang });
    else if (cmd === "pick-file") send({ cmd, index: Number(button.dataset.index) });
    else send({ cmd });
  });

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
  new ResizeObserver(reportHeight).observe($("bar"));

  const setText = (id, text) => {
    const element = $(id);
    element.textContent = text || "";
    element.hidden = !text;
  };

  let current = null;
  window.guichet = {
    show(state) {
      for (const screen of screens) $(screen).hidden = screen !== state.screen;
      document.body.dataset.screen = state.screen;
      $("receipt").hidden = !state.receipt;
      $("receipt-detail").textContent = state.receipt || "";
      if (state.bar) {
        $("site").textContent = state.bar.site;
        $("clock").textContent = state.bar.clock;
        $("back").disabled = !state.bar.canBack;
        $("forward").disabled = !state.bar.canForward;
        setText("max-warning", state.bar.maxWarning);
        setText("notice", state.bar.notice);
      }
      $("idle-text").textContent = state.idleText || "";
      if (state.files) {
        const list = $("file-list");
        list.replaceChildren(...state.files.map((name, index) => {
          const item = document.createElement("li");
          const button = document.createElement("button");
          button.dataset.cmd = "pick-file";
          button.dataset.index = String(index);
          button.textContent = name;
          item.append(button);
          return item;
        }));
        $("files-empty").hidden = state.files.length > 0;
      }
      if (state.screen !== current) {
        current = state.screen;
        const target = firstButton[state.screen] && document.querySelector(firstButton[state.screen]);
        if (target) target.focus();
      }
      reportHeight();
    },
  };
  send({ cmd: "ready" });
})();
