// Wegwijzer chat widget. One tag on any SWV page:
//   <script src="https://<gateway>/widget.js" data-swv="<naam>" defer></script>
// It lives in a shadow root (the host page's styles do not reach in, ours do not
// leak out), talks only to the gateway it came from, and puts everything anyone
// typed on the page as text, never as HTML.
(() => {
  "use strict";
  const script = document.currentScript;
  if (!script || window.wegwijzerWidget) return;
  const BASE = new URL(script.src, window.location.href).origin;
  const KEY = `wegwijzer:${BASE}:`;
  const HANDOFF = { text: "/handoff_request", shown: "Praat met een medewerker" };
  const RETRY_MS = 4000;

  const saved = {
    get: (name) => { try { return window.localStorage.getItem(KEY + name); } catch { return null; } },
    set: (name, value) => { try { window.localStorage.setItem(KEY + name, value); } catch { /* private mode */ } },
    drop: (name) => { try { window.localStorage.removeItem(KEY + name); } catch { /* private mode */ } },
  };

  // ---- building blocks ------------------------------------------------------
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  function button(text, className, onClick) {
    const node = el("button", className, text);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  const host = el("div");
  host.setAttribute("data-wegwijzer", script.dataset.swv || "");
  const root = host.attachShadow({ mode: "open" });
  const style = el("link");
  style.rel = "stylesheet";
  style.href = `${BASE}/static/widget/widget.css`;

  const launcher = button("", "launcher", () => (panel.hidden ? openPanel() : closePanel()));
  launcher.append(el("span", "launcher-icon"), el("span", "", "Vragen? Chat met Wegwijzer"));
  launcher.setAttribute("aria-expanded", "false");
  launcher.setAttribute("aria-controls", "ww-panel");

  const panel = el("section", "panel");
  panel.id = "ww-panel";
  panel.hidden = true;
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "ww-title");
  panel.setAttribute("aria-describedby", "ww-sub");

  const title = el("h2", "title", "Wegwijzer");
  title.id = "ww-title";
  const subtitle = el("p", "sub", "Chatassistent van het ouder- en jeugdsteunpunt");
  subtitle.id = "ww-sub";
  const closeButton = button("×", "close", () => closePanel());
  closeButton.setAttribute("aria-label", "Chat sluiten");
  const header = el("header", "head");
  const heading = el("div");
  heading.append(title, subtitle);
  header.append(heading, closeButton);

  const personButton = button("Praat met een medewerker", "tool", () => send(HANDOFF.text, HANDOFF.shown));
  const eraseButton = button("Gesprek wissen", "tool", () => askErase());
  const tools = el("div", "tools");
  tools.append(personButton, eraseButton);

  const confirmBox = el("div", "confirm");
  confirmBox.hidden = true;
  confirmBox.setAttribute("role", "group");
  confirmBox.setAttribute("aria-label", "Gesprek wissen");
  const confirmText = el("p", "", "Weet je het zeker? Het hele gesprek wordt gewist, ook bij het steunpunt.");
  const confirmYes = button("Ja, wis het gesprek", "danger", () => erase());
  const confirmNo = button("Nee, niet wissen", "tool", () => {
    confirmBox.hidden = true;
    eraseButton.focus();
  });
  confirmBox.append(confirmText, confirmYes, confirmNo);

  const notice = el("p", "notice");
  notice.setAttribute("role", "status");
  const log = el("div", "log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-label", "Gesprek met Wegwijzer");
  const typing = el("p", "typing", "Wegwijzer typt");
  typing.hidden = true;
  typing.append(el("span", "dots"));

  const form = el("form", "ask");
  const label = el("label", "", "Je bericht");
  label.htmlFor = "ww-text";
  const input = el("textarea");
  input.id = "ww-text";
  input.rows = 2;
  input.maxLength = 2000;
  input.setAttribute("autocomplete", "off");
  const sendButton = el("button", "send", "Verstuur");
  sendButton.type = "submit";
  const row = el("div", "row");
  row.append(input, sendButton);
  form.append(label, row);

  panel.append(header, tools, confirmBox, notice, log, typing, form);
  root.append(style, launcher, panel);

  // ---- conversation state ---------------------------------------------------
  let conversation = saved.get("id");
  let lastId = 0;
  let stream = null;
  let sending = false;
  let retryTimer = null;
  let outbox = JSON.parse(saved.get("outbox") || "[]");

  // kind: "status" (queue, consultant) is replaced by the next status; "offline"
  // and "info" stay until something else is said.
  function say(text, kind = "info") {
    notice.textContent = text;
    notice.dataset.kind = kind;
  }

  async function call(method, path, body) {
    const response = await fetch(BASE + path, {
      method,
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
    if (!response.ok) {
      const error = new Error(data.detail || "Er ging iets mis. Probeer het zo opnieuw.");
      error.status = response.status;
      throw error;
    }
    return data;
  }

  // **bold** and web addresses are the only markup; both are built as elements.
  const LINK = /(https?:\/\/[^\s<>"')]+[^\s<>"').,;:!?])/g;
  function appendText(target, text) {
    text.split("**").forEach((part, index) => {
      if (!part) return;
      const holder = index % 2 ? el("strong") : target;
      part.split(LINK).forEach((piece, i) => {
        if (i % 2) {
          const link = el("a", "", piece);
          link.href = piece;
          link.target = "_blank";
          link.rel = "noopener noreferrer";
          link.append(el("span", "visually-hidden", " (opent in een nieuw venster)"));
          holder.append(link);
        } else if (piece) {
          holder.append(document.createTextNode(piece));
        }
      });
      if (holder !== target) target.append(holder);
    });
  }

  function clock(iso) {
    const moment = iso ? new Date(iso) : new Date();
    const node = el("time", "time", moment.toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" }));
    node.dateTime = moment.toISOString();
    return node;
  }

  function summaryBlock(summary) {
    const block = el("details", "summary");
    block.append(el("summary", "", `Samenvatting: ${summary.title}`), el("pre", "", summary.text));
    const download = el("a", "download", "Download de samenvatting (.txt)");
    download.href = URL.createObjectURL(new Blob([summary.text], { type: "text/plain;charset=utf-8" }));
    download.download = `wegwijzer-${summary.flow}-${summary.date}.txt`;
    block.append(download);
    return block;
  }

  function dropOldChoices() {
    root.querySelectorAll(".choices").forEach((choices) => choices.remove());
  }

  function show(sender, message) {
    const item = el("div", `msg ${sender}`);
    if (sender === "medewerker") item.append(el("span", "who", `Medewerker${message.author ? " " + message.author : ""}`));
    if (sender === "user") item.append(el("span", "visually-hidden", "Jij: "));
    if (sender === "bot") item.append(el("span", "visually-hidden", "Wegwijzer: "));
    const body = el("p", "text");
    appendText(body, message.text || "");
    item.append(body);
    if (message.sources && message.sources.length) {
      item.append(el("p", "sources", "Bron: " + message.sources.map((s) => s.title).join("; ")));
    }
    if (message.summary) item.append(summaryBlock(message.summary));
    if (message.buttons && message.buttons.length) {
      const choices = el("div", "choices");
      message.buttons.forEach((b) => choices.append(button(b.title, "choice", () => send(b.payload, b.title))));
      item.append(choices);
    }
    item.append(clock(message.created_at));
    log.append(item);
    item.scrollIntoView({ block: "nearest" });
    return item;
  }

  function showStored(message) {
    if (message.id && message.id <= lastId) return;
    if (message.sender === "medewerker" || (message.buttons && message.buttons.length)) dropOldChoices();
    show(message.sender || "bot", message);
    if (message.id) lastId = message.id;
  }

  function showStatus(status) {
    if (status.state === "wachtrij" && status.queue_position) {
      say(`Je wacht op een medewerker. Je bent nummer ${status.queue_position} in de rij.`, "status");
    } else if (status.state === "medewerker") {
      say("Je praat nu met een medewerker van het steunpunt.", "status");
    } else if (notice.dataset.kind === "status") {
      say("", "");
    }
  }

  function listen() {
    if (!conversation || (stream && stream.conversation === conversation)) return;
    if (stream) stream.close();
    stream = new EventSource(`${BASE}/api/conversations/${encodeURIComponent(conversation)}/events?after=${lastId}`);
    stream.conversation = conversation;
    stream.addEventListener("bericht", (event) => showStored(JSON.parse(event.data)));
    stream.addEventListener("status", (event) => showStatus(JSON.parse(event.data)));
  }

  async function start(body) {
    const created = await call("POST", "/api/conversations", body);
    conversation = created.conversation_id;
    saved.set("id", conversation);
    lastId = 0;
    created.messages.forEach((m) => showStored({ ...m, sender: "bot" }));
    listen();
  }

  async function restore() {
    const params = new URLSearchParams(window.location.search);
    if (params.get("gesprek")) {
      conversation = params.get("gesprek");
      saved.set("id", conversation);
    }
    if (conversation) {
      try {
        const history = await call("GET", `/api/conversations/${encodeURIComponent(conversation)}`);
        history.messages.forEach(showStored);
        showStatus(history);
        listen();
      } catch (error) {
        if (error.status !== 404) throw error;
        conversation = null;
        saved.drop("id");
      }
    }
    outbox.forEach((entry) => { entry.item = show("user", { text: entry.shown }); entry.item.classList.add("pending"); });
    if (params.get("start")) {
      // A deep link ("Bereken de termijn") starts that guided flow in a new conversation;
      // it leaves the address so a reload does not start it again.
      const flow = params.get("start");
      params.delete("start");
      const query = params.toString();
      window.history.replaceState(null, "", window.location.pathname + (query ? `?${query}` : "") + window.location.hash);
      log.replaceChildren();
      if (stream) stream.close();
      stream = null;
      await start({ start: flow });
      await openPanel();
    } else if (saved.get("open") === "1" || params.get("gesprek")) {
      await openPanel();
    }
    flush();
  }

  // Everything typed goes through the outbox (kept in localStorage), so a lost
  // connection or a reload never loses a message; it is sent when possible.
  function send(text, shown) {
    text = text.trim();
    if (!text) return;
    confirmBox.hidden = true;
    dropOldChoices();
    const entry = { text, shown: shown || text };
    entry.item = show("user", { text: entry.shown });
    outbox.push(entry);
    keepOutbox();
    flush();
  }

  function keepOutbox() {
    saved.set("outbox", JSON.stringify(outbox.map(({ text, shown }) => ({ text, shown }))));
  }

  async function flush() {
    if (sending || !outbox.length) return;
    sending = true;
    typing.hidden = false;
    try {
      while (outbox.length) {
        const entry = outbox[0];
        if (!conversation) await start({});
        let reply;
        try {
          reply = await call("POST", `/api/conversations/${encodeURIComponent(conversation)}/messages`, { text: entry.text });
        } catch (error) {
          if (error.status === 404) { // the conversation was removed: start a new one and send again
            conversation = null;
            saved.drop("id");
            continue;
          }
          if (error.status) { // the gateway answered: show why, do not send it again
            outbox.shift();
            keepOutbox();
            if (entry.item) entry.item.classList.remove("pending");
            say(error.message);
            continue;
          }
          throw error;
        }
        outbox.shift();
        keepOutbox();
        if (entry.item) entry.item.classList.remove("pending");
        if (notice.dataset.kind === "offline") say("De verbinding is terug. Je bericht is verstuurd.");
        reply.messages.forEach((m) => showStored({ ...m, sender: "bot" }));
        showStatus(reply);
        listen();
      }
    } catch {
      // No answer at all: the network is gone. Keep the message and try again.
      outbox.forEach((entry) => entry.item && entry.item.classList.add("pending"));
      say("Er is even geen verbinding. Je bericht staat klaar en wordt verstuurd zodra de verbinding terug is.", "offline");
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, RETRY_MS);
    } finally {
      sending = false;
      typing.hidden = true;
    }
  }

  function askErase() {
    confirmBox.hidden = false;
    confirmNo.focus();
  }

  async function erase() {
    if (conversation) {
      try {
        await call("DELETE", `/api/conversations/${encodeURIComponent(conversation)}`);
      } catch (error) {
        if (error.status !== 404) {
          say("Wissen lukte niet. Probeer het zo opnieuw.");
          return;
        }
      }
    }
    if (stream) stream.close();
    stream = null;
    conversation = null;
    lastId = 0;
    outbox = [];
    saved.drop("id");
    saved.drop("outbox");
    log.replaceChildren();
    confirmBox.hidden = true;
    say("Het gesprek is gewist.");
    input.focus();
  }

  async function openPanel() {
    panel.hidden = false;
    launcher.setAttribute("aria-expanded", "true");
    saved.set("open", "1");
    if (!conversation && !log.children.length) {
      try {
        await start({ welcome: true });
      } catch {
        say("Wegwijzer is nu niet bereikbaar. Probeer het zo opnieuw.");
      }
    }
    log.scrollTop = log.scrollHeight; // the newest messages, as the user left them
    const firstChoice = root.querySelector(".choices .choice");
    (log.children.length <= 3 && firstChoice ? firstChoice : input).focus();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.setAttribute("aria-expanded", "false");
    saved.set("open", "0");
    launcher.focus();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value;
    input.value = "";
    send(text);
  });
  input.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") closePanel();
  });
  window.addEventListener("online", () => flush());

  async function applyConfig() {
    const config = await call("GET", "/api/widget/config");
    subtitle.textContent = `Chatassistent van ${config.steunpunt.name}`;
    host.style.setProperty("--ww-accent", config.colour);
    host.style.setProperty("--ww-on-accent", readableOn(config.colour));
  }

  // White or near-black text, whichever contrasts more with the SWV's colour.
  function readableOn(hex) {
    const channel = (i) => {
      const c = parseInt(hex.slice(i, i + 2), 16) / 255;
      return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
    };
    const light = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
    return (1.05 / (light + 0.05)) >= ((light + 0.05) / 0.05) ? "#ffffff" : "#111111";
  }

  function mount() {
    document.body.append(host);
    window.wegwijzerWidget = { open: openPanel, close: closePanel };
    applyConfig().catch(() => {});
    restore().catch(() => say("Wegwijzer is nu niet bereikbaar. Probeer het zo opnieuw."));
  }

  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount);
})();
