/* Behaviour the templates ask for with data- attributes, so that pages carry no inline
   script (the Content-Security-Policy allows scripts from this site only).
   - <form data-confirm="question">: ask before submitting.
   - <button data-print>: print the page. */
document.addEventListener("submit", function (event) {
  var form = event.target.closest("form[data-confirm]");
  if (form && !window.confirm(form.dataset.confirm)) {
    event.preventDefault();
  }
}, true);
document.addEventListener("click", function (event) {
  if (event.target.closest("[data-print]")) {
    window.print();
  }
});
