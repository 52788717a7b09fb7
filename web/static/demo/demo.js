// Fills the demo site's contact block from the SWV settings (knowledge/swv.yml).
"use strict";

fetch("/api/widget/config")
  .then((response) => response.json())
  .then((config) => {
    document.getElementById("swv-name").textContent = config.swv;
    document.getElementById("steunpunt-name").textContent = config.steunpunt.name;
    document.getElementById("steunpunt-phone").textContent = config.steunpunt.phone;
    document.getElementById("steunpunt-email").textContent = config.steunpunt.email;
    document.getElementById("steunpunt-hours").textContent = config.opening_hours;
  })
  .catch(() => {});
