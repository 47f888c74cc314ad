/* The rich-text editor's toolbar in the admin's language. django-prose-editor names its
   buttons ("bold", "insert link") and block types ("Heading 2") in English without
   asking gettext; the admin's script catalogue has them (kzunesco_site/translations),
   and this puts them in once the editor has built its toolbar. */
(function () {
  "use strict";

  function translateToolbar(container) {
    for (const button of container.querySelectorAll(".prose-menubar__button[title]")) {
      const label = window.gettext(button.title);
      button.title = label;
      button.setAttribute("aria-label", label);
    }
    for (const option of container.querySelectorAll(".prose-menubar__option > *")) {
      option.textContent = window.gettext(option.textContent);
    }
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const container = event.target.closest(".prose-editor");
    if (!window.gettext || !container) {
      return;
    }
    // The toolbar is built when the editor announces "create", just after "ready".
    if (container.querySelector(".prose-menubar")) {
      translateToolbar(container);
    } else {
      event.detail.editor.on("create", () => translateToolbar(container));
    }
  });
})();
