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
 * - each event's "Cite" <details> gets a "Copy citation" button: the Clipboard API, else the
 *   citation is selected (and copied with execCommand where that still works); a live region
 *   says "Citation copied" (or how to copy the selection).
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

  /* The text a reader sees: without the words only screen readers get ("(external link)") */
  function visibleText(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".tl-visually-hidden").forEach(function (hidden) { hidden.remove(); });
    return copy.textContent;
  }

  function enhance(root) {
    var form = root.querySelector(".tl-filters");
    if (!form) return null;
    var search = form.elements.text;
    var era = form.elements.era;
    var boxes = Array.from(form.querySelectorAll('input[name="kind"]'));
    var status = form.querySelector(".tl-filters__status");
    var eras = Array.from(root.querySelectorAll(".tl-era"));
    var items = Array.from(root.querySelectorAll(".tl-era__item")).map(function (item) {
      var event = item.querySelector(".tl-event");
      var text = [".tl-event__title", ".tl-event__body", ".tl-event__sources"].map(function (sel) {
        var part = event.querySelector(sel);
        return part ? visibleText(part) : "";
      }).join(" ");
      return { item: item, kind: event.dataset.kind, era: event.dataset.era, text: fold(text) };
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
        group.hidden = !group.querySelector(".tl-era__item:not([hidden])");
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

  /* A copy button in every citation, and one live region that reports each copy */
  function enhanceCitations(root) {
    var live = document.createElement("p");
    live.className = "tl-visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    live.setAttribute("data-search-exclude", "");
    root.appendChild(live);
    var timer = 0;

    function announce(message) {
      live.textContent = ""; // the same message twice is announced twice
      clearTimeout(timer);
      timer = setTimeout(function () { live.textContent = message; }, 100);
    }

    root.querySelectorAll(".tl-cite").forEach(function (cite) {
      var text = cite.querySelector("p");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tl-cite__copy";
      button.textContent = "Copy citation";
      var done = document.createElement("span");
      done.className = "tl-cite__done";
      done.setAttribute("aria-hidden", "true"); // the live region speaks for it
      cite.appendChild(button);
      cite.appendChild(done);

      function report(copied) {
        var mac = /Mac|iPhone|iPad/.test(navigator.platform || "");
        done.textContent = copied ? "Copied" : "Selected";
        announce(copied ? "Citation copied" :
          "Citation selected: press " + (mac ? "Command" : "Control") + "+C to copy it");
        setTimeout(function () { done.textContent = ""; }, 4000);
      }

      button.addEventListener("click", function () {
        var citation = text.textContent;
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(citation).then(
            function () { report(true); },
            function () { report(selectAndCopy(text)); }
          );
        } else {
          report(selectAndCopy(text));
        }
      });
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
