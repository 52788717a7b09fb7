// Minimal chat page for the public chat API. Everything users or the bot
// write is inserted as text, never as HTML.
"use strict";

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("text");
const statusLine = document.getElementById("status");
const STORAGE_KEY = "wegwijzer.conversation";

async function api(path, body) {
  const response = await fetch(path, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body || {}),
  });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    const error = new Error(data.detail || "Er ging iets mis. Probeer het opnieuw.");
    error.status = response.status;
    throw error;
  }
  return data;
}

async function conversationId(fresh) {
  let id = fresh ? null : sessionStorage.getItem(STORAGE_KEY);
  if (!id) {
    id = (await api("/api/conversations")).conversation_id;
    sessionStorage.setItem(STORAGE_KEY, id);
  }
  return id;
}

// A deep link /?start=<flow> opens a new conversation inside that guided flow.
async function startFlow(flow) {
  try {
    const created = await api("/api/conversations", { start: flow });
    sessionStorage.setItem(STORAGE_KEY, created.conversation_id);
    created.messages.forEach((m) => show("bot", m));
  } catch (error) {
    statusLine.textContent = error.message;
  }
}

// **bold** is the only markup answers use; render it without innerHTML.
function appendText(element, text) {
  text.split("**").forEach((part, index) => {
    if (!part) return;
    if (index % 2) {
      const strong = document.createElement("strong");
      strong.textContent = part;
      element.appendChild(strong);
    } else {
      element.appendChild(document.createTextNode(part));
    }
  });
}

function summaryBlock(summary) {
  const block = document.createElement("section");
  block.className = "summary";
  const heading = document.createElement("h2");
  heading.textContent = summary.title;
  const text = document.createElement("pre");
  text.textContent = summary.text;
  const copy = document.createElement("button");
  copy.type = "button";
  copy.textContent = "Kopieer samenvatting";
  copy.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(summary.text);
      statusLine.textContent = "De samenvatting is gekopieerd.";
    } catch (error) {
      statusLine.textContent = "Kopiëren lukt niet. Selecteer de tekst en kopieer die zelf.";
    }
  });
  const download = document.createElement("a");
  download.textContent = "Download samenvatting (.txt)";
  download.href = URL.createObjectURL(new Blob([summary.text], { type: "text/plain;charset=utf-8" }));
  download.download = `wegwijzer-${summary.flow}-${summary.date}.txt`;
  block.append(heading, text, copy, download);
  return block;
}

function show(sender, message) {
  const item = document.createElement("li");
  item.className = "msg " + sender;
  appendText(item, message.text);
  if (message.sources && message.sources.length) {
    const sources = document.createElement("p");
    sources.className = "sources";
    sources.textContent = "Bron: " + message.sources.map((s) => s.title).join("; ");
    item.appendChild(sources);
  }
  if (message.summary) {
    item.appendChild(summaryBlock(message.summary));
  }
  if (message.buttons && message.buttons.length) {
    const row = document.createElement("div");
    row.className = "buttons";
    message.buttons.forEach((b) => {
      const button = document.createElement("button");
      button.type = "button";
      button.textContent = b.title;
      button.addEventListener("click", () => send(b.payload, b.title));
      row.appendChild(button);
    });
    item.appendChild(row);
  }
  log.appendChild(item);
  item.scrollIntoView({ block: "nearest" });
}

async function send(text, shownAs) {
  statusLine.textContent = "";
  show("user", { text: shownAs || text });
  try {
    let id = await conversationId(false);
    let reply;
    try {
      reply = await api(`/api/conversations/${encodeURIComponent(id)}/messages`, { text });
    } catch (error) {
      if (error.status !== 404) throw error;
      id = await conversationId(true);
      reply = await api(`/api/conversations/${encodeURIComponent(id)}/messages`, { text });
    }
    reply.messages.forEach((m) => show("bot", m));
  } catch (error) {
    statusLine.textContent = error.message;
  }
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send(text);
});

const startParam = new URLSearchParams(window.location.search).get("start");
if (startParam) {
  startFlow(startParam);
}
