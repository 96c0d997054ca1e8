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

/* Feedback while the server works (issue 16). Words come from the <script> tag's
   data- attributes, translated by the template.
   - Every file-upload form shows the percentage sent in a <progress> element and
     disables its submit button while sending. A form that htmx does not already send is
     sent by htmx as a boosted form, so the page still works, unchanged, without script.
   - <form data-busy> and <a data-busy> (actions that make a document) disable the button
     and say that the document is being prepared. A link that downloads a file stays on
     the page: its note goes away when the server's "saisaat_download" cookie changes.
   - A form shown again with errors: the first invalid field is scrolled into view and
     focused; the links of an error summary focus the field they name.
   - The header's "More" menu closes with Escape and gives the focus back to its label.
   - Files chosen for a form that together exceed what the server accepts in one request
     make the file field invalid at once (the browser and htmx then refuse to send), so
     nothing typed in the form is lost to a refusal after a long upload. */
(function () {
  var script = document.currentScript;
  var words = (script && script.dataset) || {};

  // The form's other fields and the multipart framing travel too: keep 64 KB for them.
  var maxRequest = Math.max(0, parseInt(words.maxRequest || "0", 10) - 65536);

  function chosenBytes(form) {
    var total = 0;
    Array.prototype.forEach.call(form.querySelectorAll("input[type=file]"), function (input) {
      Array.prototype.forEach.call(input.files || [], function (file) { total += file.size; });
    });
    return total;
  }

  // The refusal is said on the page too (the browser's own bubble may lack Thai glyphs).
  function markTooLarge(input, tooLarge) {
    input.setCustomValidity(tooLarge ? (words.tooLarge || "") : "");
    input.setAttribute("aria-invalid", tooLarge ? "true" : "false");
    var note = input.parentNode.querySelector(".too-large-note");
    if (tooLarge && !note) {
      note = document.createElement("p");
      note.className = "message message-error too-large-note";
      note.setAttribute("role", "alert");
      note.textContent = words.tooLarge || "";
      input.insertAdjacentElement("afterend", note);
    } else if (!tooLarge && note) {
      note.remove();
    }
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!maxRequest || !input.matches || !input.matches("input[type=file]") || !input.form) {
      return;
    }
    markTooLarge(input, chosenBytes(input.form) > maxRequest);
  });

  // A form marked novalidate (its errors come from the server) is still not sent with
  // files the server would refuse: caught before htmx or the browser sends it.
  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!maxRequest || !form.matches || chosenBytes(form) <= maxRequest) {
      return;
    }
    event.preventDefault();
    event.stopPropagation();
    var input = form.querySelector("input[type=file][aria-invalid=true]") ||
      form.querySelector("input[type=file]");
    markTooLarge(input, true);
    input.focus();
  }, true);

  function submitButtons(form) {
    return form.querySelectorAll("button[type=submit], button:not([type]), input[type=submit]");
  }

  function progressFor(form) {
    var box = form.querySelector(".upload-progress");
    if (!box) {
      box = document.createElement("p");
      box.className = "upload-progress";
      box.hidden = true;
      var label = document.createElement("span");
      label.className = "upload-progress-label";
      label.textContent = words.uploading || "";
      var bar = document.createElement("progress");
      bar.max = 100;
      bar.value = 0;
      var percent = document.createElement("span");
      percent.className = "upload-progress-percent";
      percent.setAttribute("role", "status");
      box.append(label, " ", bar, " ", percent);
      var buttons = submitButtons(form);
      var last = buttons[buttons.length - 1];
      if (last) {
        last.before(box);
      } else {
        form.append(box);
      }
    }
    return box;
  }

  function showProgress(form, loaded, total) {
    var box = progressFor(form);
    var percent = total ? Math.min(100, Math.round((loaded / total) * 100)) : 0;
    box.hidden = false;
    box.querySelector("progress").value = percent;
    box.querySelector(".upload-progress-percent").textContent = percent + " %";
  }

  function isUploadForm(form) {
    return form.matches("form[enctype='multipart/form-data'], form[hx-encoding='multipart/form-data']");
  }

  function enhanceUploads(root) {
    var forms = root.querySelectorAll ? root.querySelectorAll("form") : [];
    Array.prototype.forEach.call(forms, function (form) {
      if (!isUploadForm(form) || form.dataset.uploadReady) {
        return;
      }
      form.dataset.uploadReady = "1";
      progressFor(form);
      if (!form.hasAttribute("hx-post") && window.htmx) {
        form.setAttribute("hx-boost", "true");
        window.htmx.process(form);
      }
    });
  }

  function setBusy(element, busy) {
    var form = element.closest("form") || element;
    var buttons = element.matches("a") ? [element] : submitButtons(form);
    Array.prototype.forEach.call(buttons, function (button) {
      // Pico draws a spinner in a button marked busy.
      button.setAttribute("aria-busy", busy ? "true" : "false");
      if (busy) {
        button.setAttribute("aria-disabled", "true");
        if (button.matches("a")) {
          button.classList.add("is-disabled");
        } else {
          // After the browser has read the form: a disabled submitter is not sent.
          window.setTimeout(function () { button.disabled = true; }, 0);
        }
      } else {
        button.removeAttribute("aria-disabled");
        button.classList.remove("is-disabled");
        button.disabled = false;
      }
    });
    element.setAttribute("aria-busy", busy ? "true" : "false");
    var note = element.matches("a") ? element.nextElementSibling : form.querySelector(".busy-note");
    if (!note || !note.classList.contains("busy-note")) {
      note = document.createElement("span");
      note.className = "busy-note";
      note.setAttribute("role", "status");
      element.matches("a") ? element.after(note) : (submitButtons(form)[0] || form.lastChild).after(note);
    }
    // Filled after insertion so that a screen reader announces it.
    window.setTimeout(function () { note.textContent = busy ? (words.working || "") : ""; }, 50);
  }

  function downloadCookie() {
    var match = document.cookie.match(/(?:^|; )saisaat_download=([^;]*)/);
    return match ? match[1] : "";
  }

  function waitForDownload(link) {
    var before = downloadCookie();
    var started = Date.now();
    var timer = window.setInterval(function () {
      if (downloadCookie() !== before || Date.now() - started > 120000) {
        window.clearInterval(timer);
        setBusy(link, false);
      }
    }, 250);
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (event.defaultPrevented || !form.matches) {
      return;
    }
    if (form.matches("form[data-busy]")) {
      setBusy(form, true);
    } else if (isUploadForm(form) && !form.hasAttribute("hx-post") && !form.hasAttribute("hx-boost")) {
      // Without htmx (not loaded): no percentage, but the button still says "wait".
      setBusy(form, true);
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest("a[data-busy]");
    if (!link || event.ctrlKey || event.metaKey || event.shiftKey) {
      return;
    }
    if (link.getAttribute("aria-disabled") === "true") {
      event.preventDefault();
      return;
    }
    setBusy(link, true);
    waitForDownload(link);
  });

  // Back to a page kept in the browser's cache: nothing is being worked on any more.
  window.addEventListener("pageshow", function (event) {
    if (event.persisted) {
      document.querySelectorAll("[aria-busy=true]").forEach(function (element) {
        setBusy(element, false);
      });
    }
  });

  document.addEventListener("htmx:beforeRequest", function (event) {
    var form = event.detail.elt;
    if (form.matches && form.matches("form") && isUploadForm(form)) {
      Array.prototype.forEach.call(submitButtons(form), function (button) {
        button.disabled = true;
        button.setAttribute("aria-busy", "true");
      });
      form.setAttribute("aria-busy", "true");
      showProgress(form, 0, 0);
    }
  });
  document.addEventListener("htmx:xhr:progress", function (event) {
    var form = event.detail && event.target;
    // Upload progress only: the download of the answer reports its own.
    if (form && form.matches && isUploadForm(form) && form.getAttribute("aria-busy") === "true" &&
        event.detail.lengthComputable && !form.dataset.uploaded) {
      showProgress(form, event.detail.loaded, event.detail.total);
      if (event.detail.loaded >= event.detail.total) {
        form.dataset.uploaded = "1";
      }
    }
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    var form = event.detail.elt;
    if (form && form.matches && form.matches("form") && isUploadForm(form) && document.contains(form)) {
      Array.prototype.forEach.call(submitButtons(form), function (button) {
        button.disabled = false;
        button.setAttribute("aria-busy", "false");
      });
      form.setAttribute("aria-busy", "false");
      delete form.dataset.uploaded;
      progressFor(form).hidden = true;
    }
  });

  function focusFirstInvalid(root) {
    var scope = root.querySelector ? root : document;
    var field = scope.querySelector("main [aria-invalid=true], main .has-error input, main .has-error select, main .has-error textarea");
    if (!field) {
      var error = scope.querySelector("main form .errorlist, main form .error[role=alert], main form .message-error");
      var holder = error && error.closest("label, td, fieldset");
      if (holder) {
        field = holder.querySelector("input:not([type=hidden]), select, textarea");
      } else if (error) {
        // An error about the whole form (a refused file, nothing given): its file field
        // when it has one, else its first field.
        var form = error.closest("form");
        field = form.querySelector("input[type=file]") ||
          form.querySelector("input:not([type=hidden]), select, textarea");
      }
    }
    if (field) {
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    }
  }

  document.addEventListener("click", function (event) {
    var link = event.target.closest && event.target.closest(".error-summary a[href^='#']");
    if (!link) {
      return;
    }
    var field = document.getElementById(decodeURIComponent(link.hash.slice(1)));
    if (field) {
      event.preventDefault();
      field.scrollIntoView({ block: "center" });
      field.focus({ preventScroll: true });
    }
  });

  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape") {
      return;
    }
    document.querySelectorAll("details.dropdown[open]").forEach(function (menu) {
      menu.open = false;
      menu.querySelector("summary").focus();
    });
  });

  function ready(root) {
    enhanceUploads(root);
  }
  document.addEventListener("DOMContentLoaded", function () {
    ready(document);
    focusFirstInvalid(document);
  });
  document.addEventListener("htmx:load", function (event) {
    ready(event.detail.elt);
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    // An outerHTML swap leaves the old target detached: look in the page instead.
    var target = event.detail.target;
    var root = target && target.isConnected ? target : document;
    if (root.querySelector("main [aria-invalid=true], main form .errorlist, main form .error[role=alert], main form .message-error")) {
      focusFirstInvalid(root);
    }
  });
})();
