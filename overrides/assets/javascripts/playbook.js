// Lean L&D Playbook: worksheet actions. Everything works without this script; it adds a
// Print button to worksheet pages.
(function () {
  "use strict";
  function init() {
    document.querySelectorAll(".pb-print").forEach(function (button) {
      button.hidden = false;
      button.addEventListener("click", function () { window.print(); });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
})();
