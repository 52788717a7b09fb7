// The consultants' console. It talks only to /api/medewerker; everything a user
// typed is put on the page as text (textContent), never as HTML.
"use strict";

const $ = (id) => document.getElementById(id);
const STATES = {
  bot: "Bij de chatbot",
  wachtrij: "Wacht op een medewerker",
  medewerker: "In behandeling",
  afgerond: "Afgerond",
  terugbelverzoek: "Terugbelverzoek",
};
const SENDERS = { user: "Gebruiker", bot: "Wegwijzer (chatbot)", medewerker: "Medewerker", systeem: "Melding" };
let me = null;
let settings = null;
let openId = null;
let shownMessages = -1;

function say(text) {
  $("status").textContent = text;
}

async function api(method, path, body) {
  const headers = { "Content-Type": "application/json" };
  if (me) headers["X-CSRF-Token"] = me.csrf;
  const response = await fetch("/api/medewerker" + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials: "same-origin",
  });
  if (response.status === 401 && path !== "/login") {
    showLogin();
    throw new Error("Log opnieuw in.");
  }
  const data = response.status === 204 ? {} : await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(data.detail || "Er ging iets mis.");
  return data;
}

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function showLogin() {
  me = null;
  $("login-view").hidden = false;
  $("work-view").hidden = true;
  $("nav").hidden = true;
  $("who").hidden = true;
  $("username").focus();
}

async function showWork() {
  $("login-view").hidden = true;
  $("work-view").hidden = false;
  $("nav").hidden = false;
  $("who").hidden = false;
  $("who").textContent = `${me.naam} (${me.rol})`;
  $("insights-link").hidden = me.rol !== "beheerder";
  settings = await api("GET", "/instellingen");
  const standard = $("standard");
  standard.replaceChildren(element("option", "Standaardtekst invoegen…"));
  standard.firstChild.value = "";
  settings.standaardteksten.forEach((t, i) => {
    const option = element("option", t.titel);
    option.value = String(i);
    standard.appendChild(option);
  });
  $("texts-editor").hidden = me.rol !== "beheerder";
  if (me.rol === "beheerder") textFields(settings.standaardteksten);
  await refreshQueue();
}

// The beheerder edits the standard texts; an empty title and text removes one.
function textFields(texts) {
  const fields = $("texts-fields");
  fields.replaceChildren();
  texts.forEach((t, i) => addTextField(t, i));
}

function addTextField(text, i) {
  const group = element("fieldset");
  group.appendChild(element("legend", `Tekst ${i + 1}`));
  const title = element("input");
  title.id = `text-title-${i}`;
  title.maxLength = 80;
  title.value = text.titel;
  const titleLabel = element("label", "Titel");
  titleLabel.htmlFor = title.id;
  const body = element("textarea");
  body.id = `text-body-${i}`;
  body.rows = 2;
  body.maxLength = 4000;
  body.value = text.tekst;
  const bodyLabel = element("label", "Tekst");
  bodyLabel.htmlFor = body.id;
  group.append(titleLabel, title, bodyLabel, body);
  $("texts-fields").appendChild(group);
}

function minutes(n) {
  return n === 1 ? "1 minuut" : `${n} minuten`;
}

function queueList(items, emptyText) {
  if (!items.length) return element("p", emptyText, "empty");
  const list = element("ul");
  items.forEach((item) => {
    const button = element("button");
    button.type = "button";
    button.setAttribute("aria-current", String(item.id === openId));
    const title = element("span");
    if (item.prioriteit === "urgent") title.appendChild(element("span", "Urgent ", "urgent"));
    title.appendChild(document.createTextNode(item.onderwerpen.join(", ") || "Onderwerp onbekend"));
    if (item.alarm) {
      title.appendChild(document.createTextNode(" "));
      title.appendChild(element("span", "wacht te lang", "alarm"));
    }
    const wait = item.status === "medewerker" ? `bij ${item.medewerker}` : `wacht ${minutes(item.wacht_minuten)}`;
    const meta = element("span", `${STATES[item.status] || item.status} · ${wait} · ${item.reden}`, "meta");
    const last = element("span", item.laatste_bericht ? `“${item.laatste_bericht}”` : "", "meta");
    button.append(title, meta, last);
    button.addEventListener("click", () => openConversation(item.id, true));
    const row = element("li");
    row.appendChild(button);
    list.appendChild(row);
  });
  return list;
}

async function refreshQueue() {
  const queue = await api("GET", "/wachtrij");
  $("queue-title").textContent = `Wachtrij (${queue.wachtend.length})`;
  $("queue-waiting").replaceChildren(queueList(queue.wachtend, "Niemand wacht."));
  $("queue-owned").replaceChildren(queueList(queue.in_behandeling, "Geen gesprekken in behandeling."));
  $("queue-scheduled").replaceChildren(queueList(queue.gepland, "Geen verzoeken voor later."));
}

function intakeRows(card) {
  const rows = [
    ["Wie", card.audience],
    ["Prioriteit", card.priority],
    ["Reden", card.reason || "—"],
    ["Toestemming", card.consent],
    ["Contact", card.contact],
    ["Onderwerpen", card.topics.join(", ") || "—"],
    ["School", card.schools.join(", ") || "—"],
    ["Antwoorden gegeven", card.articles.join(", ") || "—"],
    ["Vraagt om een mens", card.needs_person.join("\n") || "—"],
    ["Stappenplannen", card.flows.map((f) => `${f.title}\n${f.text}`).join("\n\n") || "—"],
    ["Eigen woorden", card.own_words.map((w) => `“${w}”`).join("\n") || "—"],
  ];
  const list = $("intake");
  list.replaceChildren();
  rows.forEach(([label, value]) => list.append(element("dt", label), element("dd", value)));
}

function transcriptItem(message) {
  const item = element("li", undefined, message.afzender);
  const who = message.auteur ? `${SENDERS[message.afzender]} ${message.auteur}` : SENDERS[message.afzender];
  const time = new Date(message.tijd).toLocaleTimeString("nl-NL", { hour: "2-digit", minute: "2-digit" });
  item.appendChild(element("span", `${who || message.afzender} · ${time}`, "who-line"));
  item.appendChild(document.createTextNode(message.tekst));
  if (message.bronnen.length) item.appendChild(element("span", "Bron: " + message.bronnen.join("; "), "who-line"));
  return item;
}

function actionButton(label, handler) {
  const button = element("button", label);
  button.type = "button";
  button.addEventListener("click", handler);
  return button;
}

function labelledSelect(id, label, options) {
  const wrap = element("div");
  const text = element("label", label);
  text.htmlFor = id;
  const select = element("select");
  select.id = id;
  options.forEach(([value, title]) => {
    const option = element("option", title);
    option.value = value;
    select.appendChild(option);
  });
  wrap.append(text, select);
  return [wrap, select];
}

async function act(path, body, done) {
  try {
    await api("POST", `/gesprekken/${encodeURIComponent(openId)}${path}`, body);
    say(done);
    await Promise.all([refreshQueue(), openConversation(openId, false)]);
  } catch (error) {
    say(error.message);
  }
}

function renderActions(view) {
  const actions = $("actions");
  actions.replaceChildren();
  const mine = view.status === "medewerker" && view.medewerker === me.gebruikersnaam;
  if (view.status === "wachtrij" || view.status === "terugbelverzoek") {
    actions.appendChild(actionButton("Oppakken", () => act("/oppakken", {}, "Je hebt het gesprek overgenomen.")));
  }
  if (mine) {
    actions.appendChild(
      actionButton("Teruggeven aan de chatbot", () => act("/teruggeven", {}, "Het gesprek is terug bij de chatbot."))
    );
    const colleagues = settings.collegas.map((c) => [c.gebruikersnaam, c.naam]);
    const [wrap, select] = labelledSelect("transfer-to", "Overdragen aan", [["", "de wachtrij"], ...colleagues]);
    actions.append(
      wrap,
      actionButton("Overdragen", () => act("/overdragen", { aan: select.value || null }, "Het gesprek is overgedragen."))
    );
  }
  if (mine || view.status === "terugbelverzoek") {
    const [wrap, select] = labelledSelect("outcome", "Uitkomst", settings.uitkomsten.map((u) => [u, u]));
    actions.append(
      wrap,
      actionButton("Afsluiten", () => act("/afsluiten", { uitkomst: select.value }, "Het gesprek is afgesloten."))
    );
  }
  $("reply").hidden = !mine;
  // For an access request (inzageverzoek): the whole conversation as text or JSON.
  const base = `/api/medewerker/gesprekken/${encodeURIComponent(view.id)}/export`;
  [["Download als tekst", `${base}?vorm=tekst`], ["Download als JSON", base]].forEach(([label, href]) => {
    const link = element("a", label);
    link.href = href;
    link.download = "";
    actions.appendChild(link);
  });
}

async function openConversation(id, chosen) {
  if (chosen) {
    openId = id;
    shownMessages = -1;
  }
  let view;
  try {
    view = await api("GET", `/gesprekken/${encodeURIComponent(id)}`);
  } catch (error) {
    say(error.message);
    return;
  }
  $("conversation").hidden = false;
  $("conversation-title").textContent = `Gesprek ${id.slice(0, 8)}…`;
  $("conversation-state").textContent = STATES[view.status] || view.status;
  renderActions(view);
  intakeRows(view.kaart);
  if (view.berichten.length !== shownMessages) {
    $("transcript").replaceChildren(...view.berichten.map(transcriptItem));
    shownMessages = view.berichten.length;
  }
  $("notes").replaceChildren(...view.notities.map((n) => element("li", `${n.auteur}: ${n.tekst}`)));
  $("transitions").replaceChildren(
    ...view.overgangen.map((t) => element("li", `${new Date(t.tijd).toLocaleString("nl-NL")}: ${STATES[t.van]} → ${STATES[t.naar]}, door ${t.door} (${t.reden})`))
  );
  if (chosen) $("gesprek").focus();
}

$("login").addEventListener("submit", async (event) => {
  event.preventDefault();
  try {
    me = await api("POST", "/login", { gebruikersnaam: $("username").value, wachtwoord: $("password").value });
    $("password").value = "";
    say("");
    await showWork();
    $("queue-title").focus();
  } catch (error) {
    say(error.message);
  }
});

$("logout").addEventListener("click", async () => {
  try {
    await api("POST", "/logout");
  } finally {
    openId = null;
    showLogin();
  }
});

$("standard").addEventListener("change", (event) => {
  const chosen = settings.standaardteksten[Number(event.target.value)];
  if (chosen) $("reply-text").value = chosen.tekst;
  event.target.value = "";
  $("reply-text").focus();
});

$("reply").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("reply-text").value.trim();
  if (!text) return;
  await act("/berichten", { tekst: text }, "Je antwoord is verstuurd.");
  $("reply-text").value = "";
});

$("note").addEventListener("submit", async (event) => {
  event.preventDefault();
  const text = $("note-text").value.trim();
  if (!text) return;
  await act("/notities", { tekst: text }, "De notitie is opgeslagen.");
  $("note-text").value = "";
});

$("texts-add").addEventListener("click", () => {
  const count = $("texts-fields").children.length;
  addTextField({ titel: "", tekst: "" }, count);
  $(`text-title-${count}`).focus();
});

$("texts-form").addEventListener("submit", async (event) => {
  event.preventDefault();
  const texts = [...$("texts-fields").children]
    .map((group) => ({ titel: group.querySelector("input").value.trim(), tekst: group.querySelector("textarea").value.trim() }))
    .filter((t) => t.titel && t.tekst);
  try {
    await api("PUT", "/standaardteksten", texts);
    say("De standaardteksten zijn opgeslagen.");
    await showWork();
  } catch (error) {
    say(error.message);
  }
});

$("queue-title").tabIndex = -1;

// The queue and the open conversation refresh by themselves; the forms keep what is typed.
setInterval(() => {
  if (!me) return;
  refreshQueue().catch(() => say("De wachtrij kon niet worden bijgewerkt."));
  if (openId) openConversation(openId, false);
}, 3000);

api("GET", "/ik")
  .then((who) => {
    me = who;
    return showWork();
  })
  .catch(() => showLogin());
