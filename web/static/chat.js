// Minimal chat page for the public chat API. Everything users or the bot
// write is inserted as text, never as HTML.
"use strict";

const log = document.getElementById("log");
const form = document.getElementById("ask");
const input = document.getElementById("text");
const statusLine = document.getElementById("status");
const STORAGE_KEY = "wegwijzer.conversation";

let lastId = 0;
let stream = null;

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
  let id = fresh ? null : localStorage.getItem(STORAGE_KEY);
  if (!id) {
    id = (await api("/api/conversations")).conversation_id;
    localStorage.setItem(STORAGE_KEY, id);
    lastId = 0;
  }
  listen(id);
  return id;
}

// Messages from a consultant (and notices such as "Anna heeft het gesprek
// overgenomen") arrive on the event stream; the bot's answers come with the reply.
function listen(id) {
  if (stream && stream.conversation === id) return;
  if (stream) stream.close();
  stream = new EventSource(`/api/conversations/${encodeURIComponent(id)}/events?after=${lastId}`);
  stream.conversation = id;
  stream.addEventListener("bericht", (event) => showStored(JSON.parse(event.data)));
  stream.addEventListener("status", (event) => {
    const status = JSON.parse(event.data);
    statusLine.textContent = status.queue_position ? `Je bent nummer ${status.queue_position} in de rij.` : "";
  });
}

function showStored(message) {
  if (message.id && message.id <= lastId) return;
  show(message.sender, message);
  if (message.id) lastId = message.id;
}

// A reload, a new tab or a link with ?gesprek=<id> continues the conversation.
async function restore() {
  const linked = new URLSearchParams(window.location.search).get("gesprek");
  if (linked) localStorage.setItem(STORAGE_KEY, linked);
  const id = localStorage.getItem(STORAGE_KEY);
  if (!id) return;
  const response = await fetch(`/api/conversations/${encodeURIComponent(id)}`);
  if (!response.ok) {
    localStorage.removeItem(STORAGE_KEY);
    return;
  }
  (await response.json()).messages.forEach(showStored);
  listen(id);
}

// A deep link /?start=<flow> opens a new conversation inside that guided flow.
async function startFlow(flow) {
  try {
    const created = await api("/api/conversations", { start: flow });
    localStorage.setItem(STORAGE_KEY, created.conversation_id);
    lastId = 0;
    created.messages.forEach((m) => showStored({ ...m, sender: "bot" }));
    listen(created.conversation_id);
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
  if (sender === "medewerker") {
    const who = document.createElement("span");
    who.className = "who";
    who.textContent = `Medewerker${message.author ? " " + message.author : ""}: `;
    item.appendChild(who);
  }
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
    reply.messages.forEach((m) => showStored({ ...m, sender: "bot" }));
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
} else {
  restore().catch(() => {});
}
