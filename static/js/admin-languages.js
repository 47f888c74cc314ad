/* After a save the form refused, the cursor goes to the first field with an error, on
   whichever language tab it is (modeltranslation has already opened that tab). */
(function () {
  "use strict";

  // After every other script of the page has run its own start-up (the language tabs,
  // the inlines, the rich-text editor), so that none of them moves the cursor again.
  window.addEventListener("load", () => setTimeout(focusFirstError, 0));

  function focusFirstError() {
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
  }
})();
