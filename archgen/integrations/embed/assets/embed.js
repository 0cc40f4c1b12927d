/* archgen: inlined diagrams linked with their page (archgen/integrations/embed).
   Shipped with archgen, nothing fetched. Installed once per document, by delegation,
   so pages loaded later (a theme's instant navigation) work too. Every text it shows
   is set with textContent: a label never becomes markup. */
(function () {
  "use strict";
  if (window.archgenEmbed) return;
  window.archgenEmbed = true;
  var LIT = "archgen-lit";
  var LINKED = "li[data-archgen-step], tr[data-archgen-node], g.edge[data-ends], g.node[data-label]";
  var current = null;

  function figureOf(key) {
    return document.querySelector('figure[data-archgen-figure="' + key + '"]');
  }
  function keyOf(el) {
    var figure = el.closest("figure[data-archgen-figure]");
    return figure ? figure.getAttribute("data-archgen-figure") : el.getAttribute("data-archgen-figure");
  }
  function byId(root, id) {
    return root ? root.querySelector('[id="' + CSS.escape(id) + '"]') : null;
  }
  function items(key, selector) {
    return document.querySelectorAll('[data-archgen-figure="' + key + '"]' + selector);
  }
  function lightEdge(figure, edge) {
    edge.classList.add(LIT);
    (edge.getAttribute("data-ends") || "").split(" ").forEach(function (id) {
      var end = byId(figure, id);
      if (end) end.classList.add(LIT);
    });
  }
  function parts(el) {
    var key = keyOf(el), figure = figureOf(key), lit = [el];
    if (!figure) return lit;
    if (el.matches("li[data-archgen-step]")) {
      var step = el.getAttribute("data-archgen-step");
      figure.querySelectorAll('g.edge[data-steps~="' + step + '"]').forEach(function (edge) {
        lit.push(edge);
      });
    } else if (el.matches("g.edge")) {
      (el.getAttribute("data-steps") || "").split(" ").forEach(function (step) {
        if (step) items(key, '[data-archgen-step="' + step + '"]').forEach(function (li) { lit.push(li); });
      });
    } else {
      var node = el.matches("tr") ? el.getAttribute("data-archgen-node")
        : el.id.slice(el.id.indexOf(".node.") + 6);
      var stage = figure.getAttribute("data-archgen-stage");
      lit.push(byId(figure, stage + ".node." + node));
      items(key, '[data-archgen-node="' + CSS.escape(node) + '"]').forEach(function (tr) { lit.push(tr); });
    }
    return lit.filter(Boolean);
  }
  function light(el) {
    if (el === current) return;
    document.querySelectorAll("." + LIT).forEach(function (on) { on.classList.remove(LIT); });
    current = el;
    if (!el) return;
    var figure = figureOf(keyOf(el));
    parts(el).forEach(function (part) {
      if (part.matches("g.edge") && figure) lightEdge(figure, part);
      else part.classList.add(LIT);
    });
  }
  function tooltip(node, event) {
    var figure = node && node.closest("figure[data-archgen-figure]");
    document.querySelectorAll(".archgen-tooltip").forEach(function (tip) {
      if (!figure || tip.parentNode !== figure) tip.hidden = true;
    });
    if (!figure) return;
    var tip = figure.querySelector(".archgen-tooltip");
    var service = node.getAttribute("data-service"), label = node.getAttribute("data-label");
    tip.textContent = label === service ? label : label + " \u2014 " + service;
    var box = figure.getBoundingClientRect();
    tip.style.left = Math.max(0, event.clientX - box.left + 12) + "px";
    tip.style.top = Math.max(0, event.clientY - box.top + 16) + "px";
    tip.hidden = false;
  }
  document.addEventListener("mouseover", function (event) {
    var el = event.target.closest ? event.target.closest(LINKED) : null;
    light(el);
    var node = el && el.matches("g.node") && !el.closest(".archgen-viewport") ? el : null;
    tooltip(node, event);
  });
  document.addEventListener("focusin", function (event) {
    var el = event.target.closest ? event.target.closest(LINKED) : null;
    if (el) light(el);
  });
  document.addEventListener("focusout", function (event) {
    if (current && event.target === current) light(null);
  });

  /* The enlarged view: one <dialog> per document; the picture is moved into it and
     back, so its ids stay unique. Escape closes it (the dialog's own behaviour). */
  var dialog = null, view = null, opener = null, home = null, holder = null;
  var zoom = { s: 1, x: 0, y: 0 };
  function button(bar, text, label, act) {
    var b = document.createElement("button");
    b.type = "button";
    b.setAttribute("data-archgen-text", text); b.setAttribute("data-archgen-label", label);
    b.addEventListener("click", act);
    bar.appendChild(b);
    return b;
  }
  function say(figure) {  /* the view's words in the language of the figure's page */
    var words = {};
    try { words = JSON.parse(figure.getAttribute("data-archgen-words") || "{}"); } catch (e) {}
    function word(english) { return typeof words[english] === "string" ? words[english] : english; }
    dialog.querySelectorAll("button").forEach(function (b) {
      var text = b.getAttribute("data-archgen-text");
      b.textContent = text.length > 1 ? word(text) : text;
      b.setAttribute("aria-label", word(b.getAttribute("data-archgen-label")));
    });
    view.setAttribute("aria-label", word("Diagram: arrow keys pan, + and - zoom, 0 fits"));
  }
  function makeDialog() {
    dialog = document.createElement("dialog");
    dialog.className = "archgen-dialog";
    var bar = document.createElement("div");
    bar.className = "archgen-bar";
    var title = document.createElement("span");
    bar.appendChild(title);
    button(bar, "+", "Zoom in", function () { zoomBy(1.25); });
    button(bar, "\u2212", "Zoom out", function () { zoomBy(0.8); });
    button(bar, "Fit", "Fit to the window", fit);
    button(bar, "Close", "Close", function () { dialog.close(); });
    view = document.createElement("div");
    view.className = "archgen-viewport";
    view.tabIndex = 0;
    dialog.appendChild(bar);
    dialog.appendChild(view);
    dialog.addEventListener("close", closed);
    view.addEventListener("keydown", keys);
    view.addEventListener("wheel", wheel, { passive: false });
    view.addEventListener("pointerdown", drag);
    document.body.appendChild(dialog);
  }
  function svgIn() { return view.querySelector("svg"); }
  function apply() {
    var svg = svgIn();
    if (svg) svg.style.transform = "translate(" + zoom.x + "px," + zoom.y + "px) scale(" + zoom.s + ")";
  }
  function natural() {
    var svg = svgIn();
    return { w: svg.width.baseVal.value || 1, h: svg.height.baseVal.value || 1 };
  }
  function fit() {
    var size = natural(), w = view.clientWidth, h = view.clientHeight;
    zoom.s = Math.min(1, w / size.w, h / size.h);
    zoom.x = (w - size.w * zoom.s) / 2; zoom.y = Math.max(0, (h - size.h * zoom.s) / 2);
    apply();
  }
  function readable() {  /* the smallest scale at which no text is under 10 px */
    var min = parseFloat(svgIn().getAttribute("data-archgen-min-scale")) || 0;
    var size = natural(), w = view.clientWidth;
    zoom.s = Math.max(min, Math.min(1, w / size.w, view.clientHeight / size.h));
    zoom.x = (w - size.w * zoom.s) / 2; zoom.y = 0;  /* the drawing is centred on its page */
    apply();
  }
  function zoomBy(factor, cx, cy) {
    cx = cx === undefined ? view.clientWidth / 2 : cx;
    cy = cy === undefined ? view.clientHeight / 2 : cy;
    var s = Math.min(8, Math.max(0.1, zoom.s * factor));
    zoom.x = cx - (cx - zoom.x) * (s / zoom.s); zoom.y = cy - (cy - zoom.y) * (s / zoom.s);
    zoom.s = s; apply();
  }
  function keys(event) {
    var step = 60, moves = { ArrowLeft: [step, 0], ArrowRight: [-step, 0], ArrowUp: [0, step], ArrowDown: [0, -step] };
    if (moves[event.key]) { zoom.x += moves[event.key][0]; zoom.y += moves[event.key][1]; apply(); }
    else if (event.key === "+" || event.key === "=") zoomBy(1.25);
    else if (event.key === "-") zoomBy(0.8);
    else if (event.key === "0") fit();
    else return;
    event.preventDefault();
  }
  function wheel(event) {
    event.preventDefault();
    var box = view.getBoundingClientRect();
    zoomBy(event.deltaY < 0 ? 1.15 : 1 / 1.15, event.clientX - box.left, event.clientY - box.top);
  }
  function drag(event) {
    if (event.button !== 0 || event.target.closest("a[href]")) return;
    var x = event.clientX, y = event.clientY;
    view.setPointerCapture(event.pointerId);
    view.classList.add("archgen-dragging");
    function move(e) { zoom.x += e.clientX - x; zoom.y += e.clientY - y; x = e.clientX; y = e.clientY; apply(); }
    function up() {
      view.classList.remove("archgen-dragging");
      view.removeEventListener("pointermove", move);
      view.removeEventListener("pointerup", up);
    }
    view.addEventListener("pointermove", move);
    view.addEventListener("pointerup", up);
  }
  function open(figure, from) {
    if (!dialog) makeDialog();
    if (dialog.open) return;
    var svg = figure.querySelector("svg.archgen-svg");
    if (!svg) return;
    opener = from || document.activeElement;
    home = svg.parentNode;
    holder = document.createElement("div");
    holder.style.height = svg.getBoundingClientRect().height + "px";
    home.insertBefore(holder, svg);
    var titled = svg.querySelector("title");
    dialog.querySelector(".archgen-bar span").textContent = titled ? titled.textContent : "";
    dialog.setAttribute("aria-label", titled ? titled.textContent : "Diagram");
    say(figure);
    view.appendChild(svg);
    svg.style.transform = "";
    dialog.showModal();
    readable();
    view.focus();
  }
  function closed() {
    var svg = svgIn();
    if (svg && home) { svg.style.transform = ""; home.insertBefore(svg, holder); }
    if (holder) holder.remove();
    home = holder = null;
    if (opener && opener.focus) opener.focus();
    opener = null;
  }
  /* A picture wider than its column (so that no text is under 10 px) scrolls; its
     drawing is centred on its page, so it starts scrolled to the middle. */
  function centre() {
    document.querySelectorAll(".archgen-scroll:not([data-archgen-centred])").forEach(function (box) {
      box.setAttribute("data-archgen-centred", "");
      if (box.scrollWidth > box.clientWidth) box.scrollLeft = (box.scrollWidth - box.clientWidth) / 2;
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", centre);
  else centre();
  window.addEventListener("load", centre);
  new MutationObserver(centre).observe(document.documentElement, { childList: true, subtree: true });

  document.addEventListener("click", function (event) {
    if (dialog && dialog.open && event.target.closest(".archgen-viewport a[href]")) {
      dialog.close();  /* a node's link: its row is on the page, behind the view */
      return;
    }
    var enlarge = event.target.closest(".archgen-enlarge");
    var figure = event.target.closest("figure[data-archgen-figure]");
    if (!figure || event.target.closest("a[href]")) return;
    if (enlarge || event.target.closest("svg.archgen-svg")) open(figure, enlarge || figure.querySelector(".archgen-enlarge"));
  });
})();
