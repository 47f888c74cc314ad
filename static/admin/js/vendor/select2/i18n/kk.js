/* Kazakh for Select2 4.0.13 (the admin's autocomplete fields), which ships none.
   PortalAdminConfig.ready() names it to Django's admin, which then loads it after
   Select2 on Kazakh pages; Select2 takes it from the field's lang attribute. */
(function () {
  "use strict";
  if (!(window.jQuery && jQuery.fn && jQuery.fn.select2 && jQuery.fn.select2.amd)) {
    return;
  }
  jQuery.fn.select2.amd.define("select2/i18n/kk", [], function () {
    return {
      errorLoading: () => "Нәтижелерді жүктеу мүмкін болмады",
      inputTooLong: (args) => `${args.input.length - args.maximum} таңбаны өшіріңіз`,
      inputTooShort: (args) => `Тағы кемінде ${args.minimum - args.input.length} таңба енгізіңіз`,
      loadingMore: () => "Тағы жүктелуде…",
      maximumSelected: (args) => `Ең көбі ${args.maximum} нұсқа таңдауға болады`,
      noResults: () => "Ештеңе табылмады",
      searching: () => "Іздеу…",
      removeAllItems: () => "Барлығын алып тастау",
    };
  });
})();
