// Insights for the SWV board: tables per category with a bar (<meter>) per row.
// Values are put on the page as text only.
"use strict";

const $ = (id) => document.getElementById(id);

function element(tag, text) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  return node;
}

function table(category, rows, minimum) {
  const section = element("section");
  section.className = "card";
  const heading = element("h2", category);
  const grid = element("table");
  const caption = element("caption", `${category}: aantal gesprekken per periode`);
  const head = element("tr");
  ["Periode", "Waarde", "Gesprekken", "Grafiek"].forEach((h) => {
    const cell = element("th", h);
    cell.scope = "col";
    head.appendChild(cell);
  });
  grid.append(caption, head);
  const max = Math.max(minimum, ...rows.map((r) => r.aantal || 0));
  rows.forEach((row) => {
    const line = element("tr");
    const count = row.aantal === null ? `minder dan ${minimum}` : String(row.aantal);
    const bar = element("meter");
    bar.min = 0;
    bar.max = max;
    bar.value = row.aantal || 0;
    bar.setAttribute("aria-label", `${row.waarde}: ${count}`);
    const graph = element("td");
    graph.appendChild(bar);
    line.append(element("td", row.periode), element("td", row.waarde), element("td", count), graph);
    grid.appendChild(line);
  });
  section.append(heading, grid);
  return section;
}

async function load(per) {
  const response = await fetch(`/api/medewerker/inzichten?per=${encodeURIComponent(per)}`, { credentials: "same-origin" });
  const data = await response.json().catch(() => ({}));
  if (!response.ok) {
    $("status").textContent = data.detail || "De inzichten konden niet worden geladen.";
    $("tables").replaceChildren();
    return;
  }
  $("status").textContent = "";
  $("minimum").textContent = String(data.minimum);
  $("csv").href = `/api/medewerker/inzichten.csv?per=${encodeURIComponent(per)}`;
  const byCategory = new Map();
  data.rijen.forEach((row) => {
    if (!byCategory.has(row.categorie)) byCategory.set(row.categorie, []);
    byCategory.get(row.categorie).push(row);
  });
  if (!byCategory.size) {
    $("tables").replaceChildren(element("p", "Nog geen gesprekken in deze periode."));
    return;
  }
  $("tables").replaceChildren(...[...byCategory].map(([category, rows]) => table(category, rows, data.minimum)));
}

$("period").addEventListener("submit", (event) => {
  event.preventDefault();
  load($("per").value);
});

load("week");
