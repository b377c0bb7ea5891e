/*
 * Timeline filters: progressive enhancement of partials/timeline.html.
 *
 * Without this script every event is shown and the filter form stays hidden. With it:
 * - filter by kind (checkboxes), administration (select) and text (title, body and sources,
 *   ignoring case and diacritics; every word must match); eras left empty are hidden;
 * - the state lives in the URL query, ?kind=treaty,court&era=obama&text=rome (history.replaceState),
 *   and is read back on load, so a filtered view can be shared (not ?q=: Material's search owns it);
 * - a live region announces "Showing N of M events";
 * - a #event-id deep link scrolls to and highlights its event, clearing filters that hide it;
 * - each event gets a "Cite" button (from the page's <template id="tl-cite-template">) that
 *   opens one dialog with the event's citation: the page's citation pattern (.tl-cite__text)
 *   with its <var> slots filled from the event. Its "Copy citation" button uses the Clipboard
 *   API, else selects the citation (and copies it with execCommand where that still works);
 *   a live region in the dialog says "Citation copied" (or how to copy the selection).
 * Smooth scrolling only without prefers-reduced-motion. Works with Material's instant
 * navigation (document$) when it is enabled. No framework.
 */
(function () {
  "use strict";

  var reduceMotion = window.matchMedia("(prefers-reduced-motion: reduce)");
  var active = null; // the enhanced timeline of the current page, if any

  /* Lower case without diacritics: "dordevic" finds "Đorđević", "rome" finds "Rôme" */
  var LETTERS = { "đ": "d", "ð": "d", "ł": "l", "ø": "o", "ß": "ss", "æ": "ae", "œ": "oe", "ı": "i" };
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[đðłøßæœı]/g, function (c) { return LETTERS[c]; });
  }

  function enhance(root) {
    var form = root.querySelector(".tl-filters");
    if (!form) return null;
    var search = form.elements.text;
    var era = form.elements.era;
    var boxes = Array.from(form.querySelectorAll('input[name="kind"]'));
    var status = form.querySelector(".tl-filters__status");
    var eras = Array.from(root.querySelectorAll(".tl-era"));
    var items = Array.from(root.querySelectorAll(".tl-era__events > li")).map(function (item) {
      var event = item.querySelector(".tl-event");
      var text = [".tl-event__title", ".tl-event__body", ".tl-event__sources"].map(function (sel) {
        var part = event.querySelector(sel);
        return part ? part.textContent : "";
      }).join(" ");
      var era = item.closest(".tl-era").dataset.era;
      return { item: item, kind: event.dataset.kind, era: era, text: fold(text) };
    });
    var timer = 0;

    function checkedKinds() {
      return boxes.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    }

    /* The element the URL's #fragment names, if it is part of this timeline */
    function target() {
      var id = location.hash.slice(1);
      try {
        id = decodeURIComponent(id);
      } catch (e) { /* a malformed %-escape: look the id up as it is */ }
      var el = id && document.getElementById(id);
      return el && root.contains(el) ? el : null;
    }

    /* Controls <- URL query; unknown values are ignored */
    function read() {
      var params = new URLSearchParams(location.search);
      var kinds = (params.get("kind") || "").split(",");
      boxes.forEach(function (box) { box.checked = kinds.indexOf(box.value) >= 0; });
      var wanted = params.get("era") || "";
      era.value = Array.from(era.options).some(function (o) { return o.value === wanted; }) ? wanted : "";
      search.value = params.get("text") || "";
    }

    /* URL query <- controls (other parameters kept; the #fragment dropped if now hidden) */
    function write() {
      var params = new URLSearchParams(location.search);
      var values = { kind: checkedKinds().join(","), era: era.value, text: search.value.trim() };
      Object.keys(values).forEach(function (key) {
        if (values[key]) params.set(key, values[key]);
        else params.delete(key);
      });
      var query = params.toString().replace(/%2C/gi, ",");
      var el = target();
      var hash = el && el.closest("[hidden]") ? "" : location.hash;
      history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + hash);
    }

    /* Show the matching events, hide empty eras, then say how many are shown */
    function apply(quiet) {
      var kinds = checkedKinds();
      var terms = fold(search.value).split(/\s+/).filter(Boolean);
      var shown = 0;
      items.forEach(function (x) {
        var visible = (!kinds.length || kinds.indexOf(x.kind) >= 0) &&
          (!era.value || x.era === era.value) &&
          terms.every(function (term) { return x.text.indexOf(term) >= 0; });
        x.item.hidden = !visible;
        if (visible) shown += 1;
      });
      eras.forEach(function (group) {
        group.hidden = !group.querySelector(".tl-era__events > li:not([hidden])");
      });
      var message = "Showing " + shown + " of " + items.length + " events";
      clearTimeout(timer);
      if (quiet) status.textContent = message;
      else timer = setTimeout(function () { status.textContent = message; }, 300); // one announcement per pause in typing
    }

    function update() {
      apply(false);
      write();
      var el = target();
      if (el && el.closest("[hidden]")) highlight(null);
    }

    function clear() {
      form.reset();
      update();
    }

    function highlight(event) {
      root.querySelectorAll(".tl-event--highlight").forEach(function (old) {
        old.classList.remove("tl-event--highlight");
      });
      if (event) event.classList.add("tl-event--highlight");
    }

    /* Deep link: make the target visible, highlight its event, scroll it into view */
    function showTarget(smooth) {
      var el = target();
      if (!el) return highlight(null);
      if (el.closest("[hidden]")) clear();
      var event = el.closest(".tl-event");
      highlight(event);
      (event || el).scrollIntoView({ block: "start", behavior: smooth && !reduceMotion.matches ? "smooth" : "auto" });
    }

    form.addEventListener("input", update);
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    form.querySelector(".tl-filters__clear").addEventListener("click", clear);

    read();
    apply(true);
    form.hidden = false;
    showTarget(false);
    write(); // drop values the page does not have (an old kind, a renamed era)
    return { showTarget: showTarget };
  }

  /* Select the text of `el`, and copy it the old way; whether that copied it */
  function selectAndCopy(el) {
    var range = document.createRange();
    range.selectNodeContents(el);
    var selection = window.getSelection();
    selection.removeAllRanges();
    selection.addRange(range);
    try {
      return document.execCommand("copy");
    } catch (e) {
      return false;
    }
  }

  /* The citation of `event`: the page's pattern with its slots filled from the event */
  function citation(pattern, event) {
    var title = event.querySelector(".tl-event__title");
    var values = {
      title: title.textContent,
      when: event.querySelector(".tl-event__when").textContent,
      id: title.id,
    };
    var copy = pattern.cloneNode(true);
    copy.querySelectorAll("var[data-cite]").forEach(function (slot) {
      slot.replaceWith(values[slot.dataset.cite]);
    });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* A Cite button in every event, and the one dialog they open */
  function enhanceCitations(root) {
    var pattern = root.querySelector(".tl-cite__text");
    var template = document.getElementById("tl-cite-template");
    if (!pattern || !template) return;
    var parts = template.content;
    var dialog = parts.querySelector("dialog").cloneNode(true);
    root.appendChild(dialog);
    var text = dialog.querySelector(".tl-cite-dialog__text");
    var done = dialog.querySelector(".tl-cite__done");
    var live = dialog.querySelector("[role=status]");
    var opener = null;
    var timer = 0;

    function announce(message) {
      live.textContent = ""; // the same message twice is announced twice
      clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = message; }, 100);
    }

    function report(copied) {
      var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
      done.textContent = copied ? "Copied" : "Selected";
      announce(copied ? "Citation copied" :
        "Citation selected: press " + (mac ? "Command" : "Control") + "+C to copy it");
    }

    dialog.querySelector(".tl-cite__copy").addEventListener("click", function () {
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(text.textContent).then(
          function () { report(true); },
          function () { report(selectAndCopy(text)); }
        );
      } else {
        report(selectAndCopy(text));
      }
    });
    dialog.querySelector(".tl-cite__close").addEventListener("click", function () {
      dialog.close();
    });
    dialog.addEventListener("click", function (e) {
      if (e.target === dialog) dialog.close(); // a click on the backdrop
    });
    dialog.addEventListener("close", function () {
      if (opener) opener.focus();
    });

    root.querySelectorAll(".tl-event").forEach(function (event) {
      var button = parts.querySelector(".tl-event__cite").cloneNode(true);
      button.setAttribute("aria-label", "Cite: " + event.querySelector(".tl-event__title").textContent);
      button.addEventListener("click", function () {
        opener = button;
        text.textContent = citation(pattern, event);
        done.textContent = "";
        live.textContent = "";
        dialog.showModal();
      });
      event.appendChild(button);
    });
  }

  function init() {
    var root = document.querySelector(".tl");
    active = null;
    if (!root) return;
    if (!root.tlCited) {
      root.tlCited = true;
      enhanceCitations(root);
    }
    if (root.tlEnhanced) {
      active = root.tlEnhanced;
      return;
    }
    active = root.tlEnhanced = enhance(root);
  }

  window.addEventListener("hashchange", function () {
    if (active) active.showTarget(true);
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(init); // Material: on load and after every instant navigation
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
