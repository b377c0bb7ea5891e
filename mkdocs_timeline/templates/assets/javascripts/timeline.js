/*
 * Timeline filters: progressive enhancement of partials/timeline.html.
 *
 * Without this script every event is shown and the filter form stays hidden. With it:
 * - filter by kind (checkboxes), administration and situation (selects) and text (title, body and sources,
 *   ignoring case and diacritics; every word must match); eras left empty are hidden;
 * - the state lives in the URL query, ?kind=treaty,court&era=obama&situation=libya&text=rome (history.replaceState),
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
    var situation = form.elements.situation || null; // only when the data declares situations
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
      var situations = (event.dataset.situations || "").split(" ");
      var rest = Array.from(event.children).filter(function (el) {
        return !el.matches(".tl-event__title, .tl-event__meta");
      });
      return {
        item: item, event: event, id: event.querySelector(".tl-event__title").id, rest: rest,
        kind: event.dataset.kind, era: era, situations: situations, text: fold(text), open: false,
      };
    });
    var timer = 0;
    var headlines = form.elements.view;
    enhanceOverview(root, items);

    /* Headlines only: each event one line (date, kind, title); the rest of it hidden
       until found (find-in-page still finds it and opens it) or until its Details button */
    function collapse(x, shut) {
      x.rest.forEach(function (el) {
        if (shut) el.setAttribute("hidden", "until-found");
        else el.removeAttribute("hidden");
      });
      x.toggle.setAttribute("aria-expanded", String(!shut));
    }
    items.forEach(function (x) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "tl-event__toggle";
      button.textContent = "Details";
      button.setAttribute("aria-label", "Details: " + x.event.querySelector(".tl-event__title").textContent);
      button.addEventListener("click", function () {
        x.open = button.getAttribute("aria-expanded") !== "true";
        collapse(x, !x.open);
      });
      x.toggle = button;
      x.event.querySelector(".tl-event__meta").appendChild(button);
    });
    root.addEventListener("beforematch", function (e) {
      var x = items.find(function (y) { return y.event.contains(e.target); });
      if (x) { x.open = true; collapse(x, false); }
    });
    function showHeadlines(on) {
      root.classList.toggle("tl--headlines", on);
      items.forEach(function (x) { collapse(x, on && !x.open); });
    }

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
      headlines.checked = params.get("view") === "headlines";
      if (situation) {
        var place = params.get("situation") || "";
        situation.value = Array.from(situation.options).some(function (o) { return o.value === place; }) ? place : "";
      }
    }

    /* URL query <- controls (other parameters kept; the #fragment dropped if now hidden) */
    function write() {
      var params = new URLSearchParams(location.search);
      var values = { kind: checkedKinds().join(","), era: era.value, text: search.value.trim() };
      if (situation) values.situation = situation.value;
      values.view = headlines.checked ? "headlines" : "";
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
          (!situation || !situation.value || x.situations.indexOf(situation.value) >= 0) &&
          terms.every(function (term) { return x.text.indexOf(term) >= 0; });
        x.item.hidden = !visible;
        if (x.mark) x.mark.classList.toggle("tl-overview__off", !visible);
        if (visible) shown += 1;
      });
      eras.forEach(function (group) {
        group.hidden = !group.querySelector(".tl-era__events > li:not([hidden])");
      });
      if (root.classList.contains("tl--headlines") !== headlines.checked) showHeadlines(headlines.checked);
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

  /* The overview: arrow keys move between the marks (one in the tab order), Home and End to
     the first and last; a caption names the mark pointed at or focused; the mark of the
     event at the top of the list is marked aria-current="location" */
  function enhanceOverview(root, items) {
    var svg = root.querySelector(".tl-overview__svg");
    if (!svg) return null;
    var marks = Array.from(svg.querySelectorAll("a"));
    var byId = {};
    marks.forEach(function (mark, number) {
      byId[mark.getAttribute("href").slice(1)] = mark;
      mark.tabIndex = number ? -1 : 0; // one tab stop; the arrow keys move along
    });
    items.forEach(function (x) { x.mark = byId[x.id]; });
    var caption = document.createElement("p");
    caption.className = "tl-overview__caption";
    caption.setAttribute("aria-hidden", "true"); // the mark's own name is announced
    svg.parentNode.after(caption);

    function name(mark) {
      var title = document.getElementById(mark.getAttribute("href").slice(1));
      caption.textContent = (title ? title.textContent : "") + " — " + mark.getAttribute("aria-label");
    }
    svg.addEventListener("focusin", function (e) { var m = e.target.closest("a"); if (m) name(m); });
    svg.addEventListener("mouseover", function (e) { var m = e.target.closest("a"); if (m) name(m); });
    svg.addEventListener("keydown", function (e) {
      var at = marks.indexOf(e.target.closest("a"));
      var step = { ArrowRight: 1, ArrowDown: 1, ArrowLeft: -1, ArrowUp: -1 }[e.key];
      var to = e.key === "Home" ? 0 : e.key === "End" ? marks.length - 1 : at;
      if (at < 0 || (!step && to === at)) return;
      if (step) {
        do { to += step; } while (marks[to] && marks[to].classList.contains("tl-overview__off"));
      }
      if (!marks[to]) return;
      e.preventDefault();
      marks[at].tabIndex = -1;
      marks[to].tabIndex = 0;
      marks[to].focus();
    });

    var seen = new Set();
    var here = null;
    var watcher = new IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) seen.add(entry.target);
        else seen.delete(entry.target);
      });
      var first = items.find(function (x) { return seen.has(x.event); });
      var mark = first && first.mark;
      if (mark === here) return;
      if (here) here.removeAttribute("aria-current");
      here = mark || null;
      if (here) here.setAttribute("aria-current", "location");
    }, { rootMargin: "0px 0px -60% 0px" });
    items.forEach(function (x) { watcher.observe(x.event); });
    return svg;
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
