/* After a save the form refused, the cursor goes to the first field with an error, on
   whichever language tab it is (modeltranslation has already opened that tab). */
(function () {
  "use strict";

  window.addEventListener("load", () => {
    if (!document.querySelector(".errornote")) {
      return;
    }
    const field = document.querySelector(
      ".errors input:not([type=hidden]), .errors select, .errors textarea, " +
        ".errors [contenteditable=true]"
    );
    if (!field) {
      return;
    }
    const panel = field.closest(".ui-tabs-panel");
    if (panel && panel.id) {
      const tab = document.querySelector(`a[href="#${panel.id}"]`);
      if (tab) {
        tab.click();
      }
    }
    field.focus();
  });
})();
