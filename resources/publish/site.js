/* CRC Reporter: the published website's search and filters.
 * No network: the index is a script that assigned window.CRC_SEARCH_INDEX before this one ran.
 * The search and filters live in the address after "#" so a link can be shared and a reload keeps them. */
(function () {
  "use strict";
  var form = document.getElementById("filters");
  if (!form) { return; }
  var index = window.CRC_SEARCH_INDEX || { keys: [], unspaced: [], words: {}, separators: "\\s+", spaced: "^[0-9a-z]+$" };
  var separators = new RegExp(index.separators);
  var spaced = new RegExp(index.spaced, "i");
  var vocabulary = Object.keys(index.words).sort();
  var fields = ["q", "doc", "cluster", "gov", "cs", "body", "urgent"];
  var items = Array.prototype.slice.call(document.querySelectorAll("#results li.rec"));
  var groups = Array.prototype.slice.call(document.querySelectorAll("#results section.group"));
  var count = document.getElementById("count");
  var nothing = document.getElementById("nothing");
  var khmerDigits = count && count.getAttribute("data-khmer-digits") === "1";
  var lastHash = null;

  function fold(text) {
    return text.toLowerCase().split("\u17d2\u178a").join("\u17d2\u178f").replace(/[\u200b\ufeff]/g, "");
  }

  function digits(text) {
    return khmerDigits ? String(text).replace(/[0-9]/g, function (d) { return "០១២៣៤៥៦៧៨៩"[+d]; }) : String(text);
  }

  function unspaced(term) {
    var hits = {};
    index.unspaced.forEach(function (text, n) { if (text.indexOf(term) >= 0) { hits[n] = true; } });
    return hits;
  }

  function found(piece) {
    return index.unspaced.some(function (text) { return text.indexOf(piece) >= 0; });
  }

  /* A cut inside a Khmer syllable (before a vowel sign or a sign, after a subscript mark) is no cut. */
  function cuttable(text, at) {
    var next = text.charCodeAt(at), before = text.charCodeAt(at - 1);
    return !(next >= 0x17b4 && next <= 0x17d3) && next !== 0x17dd && before !== 0x17d2;
  }

  /* The query cut into the longest pieces found in the index, from its start. */
  function segment(term) {
    var pieces = [], rest = term;
    while (rest.length) {
      var n = rest.length;
      while (n > 1 && ((n < rest.length && !cuttable(rest, n)) || !found(rest.slice(0, n)))) { n--; }
      if (n < 2) { return [term]; }  /* a piece the index does not hold: the query is not there */
      pieces.push(rest.slice(0, n));
      rest = rest.slice(n);
    }
    return pieces;
  }

  /* The paragraphs every word of the query is found in (null: no words, no search). */
  function search(query) {
    var terms = fold(query).split(separators).filter(function (t) { return t.length > 0; });
    if (!terms.length) { return null; }
    var found = null;
    terms.forEach(function (term) {
      var hits = {};
      if (spaced.test(term)) {
        var lo = 0, hi = vocabulary.length;
        while (lo < hi) { var mid = (lo + hi) >> 1; if (vocabulary[mid] < term) { lo = mid + 1; } else { hi = mid; } }
        for (var i = lo; i < vocabulary.length && vocabulary[i].lastIndexOf(term, 0) === 0; i++) {
          index.words[vocabulary[i]].forEach(function (n) { hits[n] = true; });
        }
      } else {
        hits = unspaced(term);
        if (!Object.keys(hits).length) {
          /* Khmer typed without the space the text has between two words: every piece of the query, cut by
             longest match against the index, must be in the paragraph */
          var pieces = segment(term);
          if (pieces.length > 1) {
            hits = unspaced(pieces[0]);
            pieces.slice(1).forEach(function (piece) {
              var more = unspaced(piece);
              Object.keys(hits).forEach(function (n) { if (!more[n]) { delete hits[n]; } });
            });
          }
        }
      }
      if (found === null) { found = hits; }
      else { Object.keys(found).forEach(function (n) { if (!hits[n]) { delete found[n]; } }); }
    });
    var keys = {};
    Object.keys(found).forEach(function (n) { keys[index.keys[n]] = true; });
    return keys;
  }

  function readState() {
    var state = {};
    var hash = window.location.hash.replace(/^#/, "");
    hash.split("&").forEach(function (pair) {
      if (!pair) { return; }
      var at = pair.indexOf("=");
      var name = decodeURIComponent(at < 0 ? pair : pair.slice(0, at));
      var value = at < 0 ? "" : decodeURIComponent(pair.slice(at + 1).replace(/\+/g, " "));
      if (fields.indexOf(name) >= 0) { state[name] = value; }
    });
    return state;
  }

  function formState() {
    var state = {};
    fields.forEach(function (name) {
      var el = form.elements[name];
      var value = el.type === "checkbox" ? (el.checked ? "1" : "") : el.value;
      if (value) { state[name] = value; }
    });
    return state;
  }

  function fillForm(state) {
    fields.forEach(function (name) {
      var el = form.elements[name];
      if (el.type === "checkbox") { el.checked = state[name] === "1"; }
      else { el.value = state[name] || ""; }
    });
  }

  function apply(state) {
    var keys = search(state.q || "");
    var shown = 0;
    items.forEach(function (li) {
      var d = li.dataset;
      var bodies = JSON.parse(d.bodies || "[]");
      var ok = (!keys || keys[d.key]) &&
        (!state.doc || d.doc === state.doc) &&
        (!state.cluster || d.cluster === state.cluster) &&
        (!state.gov || d.gov === state.gov) &&
        (!state.cs || d.cs === state.cs) &&
        (!state.body || bodies.indexOf(state.body) >= 0) &&
        (!state.urgent || d.urgent === "1");
      li.hidden = !ok;
      if (ok) { shown++; }
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector("li.rec:not([hidden])"); });
    if (count) {
      count.textContent = count.getAttribute("data-template")
        .replace("{shown}", digits(shown)).replace("{total}", digits(count.getAttribute("data-total")));
    }
    if (nothing) { nothing.hidden = shown > 0; }
  }

  function encode(state) {
    return fields.filter(function (n) { return state[n]; })
      .map(function (n) { return encodeURIComponent(n) + "=" + encodeURIComponent(state[n]); }).join("&");
  }

  function changed() {
    var state = formState();
    apply(state);
    var hash = encode(state);
    lastHash = "#" + hash;
    if (window.location.hash !== lastHash && !(hash === "" && window.location.hash === "")) {
      window.location.replace("#" + hash);  /* replaces the entry: Back leaves the page, not a keystroke */
    }
  }

  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  form.addEventListener("submit", function (e) { e.preventDefault(); changed(); });
  form.addEventListener("reset", function (e) { e.preventDefault(); fillForm({}); changed(); form.elements.q.focus(); });
  window.addEventListener("hashchange", function () {
    if (window.location.hash === lastHash) { return; }
    var state = readState();
    fillForm(state);
    apply(state);
  });
  var initial = readState();
  fillForm(initial);
  apply(initial);
  document.documentElement.classList.add("js");
}());
