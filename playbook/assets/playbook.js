// Lean L&D Playbook: worksheets that participants fill in online.
//
// Everything prints without this script (blank sheets). With it, answers typed into a sheet
// are kept in this browser's localStorage, one entry per sheet, and never sent anywhere; they
// come back after a reload, print in full, and the Clear button empties them.
(function () {
  "use strict";

  var PREFIX = "lean-ld-playbook:answers:";
  var FIELDS = "input[name], textarea[name]";
  var TEXT_FIELDS = "textarea[name], input[type='text'][name]";

  // Answers are stored per site (its base path) and per sheet, so that two playbooks served
  // from the same origin do not mix up; an exercise's worksheet and a pack showing the same
  // sheet share its answers, so what a participant typed on either prints on both.
  function storageKey(sheet) {
    var base = "/";
    var config = document.getElementById("__config");
    try {
      if (config) base = new URL(JSON.parse(config.textContent).base || ".", location.href).pathname;
    } catch (error) { /* keep "/" */ }
    return PREFIX + base + sheet.getAttribute("data-sheet");
  }

  // localStorage throws when the browser forbids it (private modes, blocked cookies).
  function storage() {
    try {
      var probe = PREFIX + "probe";
      window.localStorage.setItem(probe, "1");
      window.localStorage.removeItem(probe);
      return window.localStorage;
    } catch (error) {
      return null;
    }
  }

  function answersOf(sheet) {
    var answers = {};
    sheet.querySelectorAll(FIELDS).forEach(function (field) {
      if (field.type === "checkbox") {
        if (field.checked) answers[field.name] = true;
      } else if (field.type === "radio") {
        if (field.checked) answers[field.name] = field.value;
      } else if (field.value) {
        answers[field.name] = field.value;
      }
    });
    return answers;
  }

  function fillIn(sheet, answers) {
    sheet.querySelectorAll(FIELDS).forEach(function (field) {
      var answer = Object.prototype.hasOwnProperty.call(answers, field.name) ? answers[field.name] : null;
      if (field.type === "checkbox") field.checked = answer === true;
      else if (field.type === "radio") field.checked = answer === field.value;
      else field.value = typeof answer === "string" ? answer : "";
      mirror(field);
    });
  }

  // A print-only copy of a text field that grows with its text (see playbook.css).
  function mirror(field) {
    if (!field.matches(TEXT_FIELDS)) return;
    var copy = field.nextElementSibling;
    if (!copy || !copy.classList.contains("pb-mirror")) {
      copy = document.createElement("div");
      copy.className = "pb-mirror" + (field.classList.contains("pb-lines") ? " pb-mirror--lines" : "");
      copy.setAttribute("aria-hidden", "true");
      var lines = field.style.getPropertyValue("--pb-lines");
      if (lines) copy.style.setProperty("--pb-lines", lines);
      field.after(copy);
      field.classList.add("pb-mirrored");
    }
    copy.textContent = field.value;
  }

  function load(store, sheet) {
    if (!store) return {};
    try {
      return JSON.parse(store.getItem(storageKey(sheet)) || "{}") || {};
    } catch (error) {
      return {};  // a damaged entry must not stop the sheet from working
    }
  }

  function save(store, sheet) {
    if (!store) return;
    var answers = answersOf(sheet);
    if (Object.keys(answers).length) store.setItem(storageKey(sheet), JSON.stringify(answers));
    else store.removeItem(storageKey(sheet));
  }

  function setUpSheet(store, sheet) {
    if (sheet.hasAttribute("data-pb-ready")) return;
    sheet.setAttribute("data-pb-ready", "");
    fillIn(sheet, load(store, sheet));
    function changed(event) {
      if (event.target.matches && event.target.matches(FIELDS)) {
        mirror(event.target);
        save(store, sheet);
      }
    }
    sheet.addEventListener("input", changed);
    sheet.addEventListener("change", changed);
  }

  function setUpButtons(store, sheets) {
    document.querySelectorAll(".pb-print").forEach(function (button) {
      if (button.hasAttribute("data-pb-ready")) return;
      button.setAttribute("data-pb-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
    if (!store) return;  // nothing is kept, so there is nothing to clear
    document.querySelectorAll(".pb-clear").forEach(function (button) {
      if (button.hasAttribute("data-pb-ready")) return;
      button.setAttribute("data-pb-ready", "");
      button.hidden = false;
      button.addEventListener("click", function () {
        if (!window.confirm("Clear your answers on this page? They are kept only in this browser.")) return;
        sheets.forEach(function (sheet) {
          store.removeItem(storageKey(sheet));
          fillIn(sheet, {});
        });
      });
    });
  }

  function init() {
    var sheets = Array.prototype.slice.call(document.querySelectorAll(".pb-sheet[data-sheet]"));
    if (!sheets.length) return;
    var store = storage();
    sheets.forEach(function (sheet) { setUpSheet(store, sheet); });
    setUpButtons(store, sheets);
  }

  // Autofill and form restoration change fields without input events: refresh the mirrors.
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll(".pb-sheet " + TEXT_FIELDS).forEach(mirror);
  });

  // With Material's instant navigation, pages arrive without a reload and document$ announces
  // each one (the first included); without it, the page loads once.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
