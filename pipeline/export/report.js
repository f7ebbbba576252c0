/* actorgraph report: draws the actor graph (positions precomputed in Python) and links the
   highlighted spans of each article to its relations table. No libraries, no network.
   Data from the run is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var SVG = "http://www.w3.org/2000/svg";
  var TYPE_COLORS = {PERSON: "#2563eb", ORG: "#d97706", GPE: "#059669", NORP: "#7c3aed",
    LOC: "#0891b2", FAC: "#be185d", UNKNOWN: "#6b7280"};
  var TONE_COLORS = {neg: "#dc2626", pos: "#16a34a", neu: "#9ca3af", aff: "#94a3b8"};

  function el(name, attrs, parent) {
    var e = document.createElementNS(SVG, name);
    for (var k in attrs) { e.setAttribute(k, attrs[k]); }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function h(tag, text, parent, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fmt(n) { return (Math.round(n * 100) / 100).toString(); }
  function count(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }

  function drawGraph(data) {
    var box = document.getElementById("ag-graph");
    var svg = document.getElementById("ag-svg");
    var tip = document.getElementById("ag-tip");
    var panel = document.getElementById("ag-panel");
    if (!box || !svg) { return; }
    var nodes = data.nodes, edges = data.edges;
    if (!nodes.length) {
      var t = el("text", {x: 500, y: 320, "text-anchor": "middle", "class": "empty"}, svg);
      t.textContent = "No actors in this run.";
      box.setAttribute("data-ready", "1");
      box.setAttribute("data-nodes", "0");
      return;
    }
    var defs = el("defs", {}, svg);
    Object.keys(TONE_COLORS).forEach(function (k) {
      var m = el("marker", {id: "arrow-" + k, viewBox: "0 0 10 10", refX: 9, refY: 5,
        markerUnits: "userSpaceOnUse", markerWidth: 11, markerHeight: 11,
        orient: "auto-start-reverse"}, defs);
      el("path", {d: "M0,0 L10,5 L0,10 z", fill: TONE_COLORS[k]}, m);
    });
    var view = el("g", {"class": "viewport"}, svg);
    var gEdges = el("g", {"class": "edges"}, view);
    var gNodes = el("g", {"class": "nodes"}, view);
    var maxW = 1;
    edges.forEach(function (e) { maxW = Math.max(maxW, e.w); });
    var adj = nodes.map(function () { return []; });

    edges.forEach(function (e, i) {
      var a = nodes[e.s], b = nodes[e.t];
      var dx = b.x - a.x, dy = b.y - a.y, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var x2 = b.x - dx / len * (b.r + 3), y2 = b.y - dy / len * (b.r + 3);
      var cls = e.kind === "affiliation" ? "aff" : e.tone;
      var line = el("line", {x1: a.x, y1: a.y, x2: x2, y2: y2, "class": "edge " + cls,
        "stroke-width": fmt(1 + 4 * Math.sqrt(e.w / maxW)), "data-i": i}, gEdges);
      if (data.directed) { line.setAttribute("marker-end", "url(#arrow-" + cls + ")"); }
      e.el = line;
      adj[e.s].push(i);
      adj[e.t].push(i);
    });

    var labelAll = nodes.length <= 40;
    nodes.forEach(function (n, i) {
      var g = el("g", {"class": "node", transform: "translate(" + n.x + "," + n.y + ")",
        "data-i": i, tabindex: 0}, gNodes);
      el("circle", {r: n.r, fill: TYPE_COLORS[n.type] || TYPE_COLORS.UNKNOWN}, g);
      if (labelAll || n.r >= 9 || i < 25) {
        var right = n.x > 760;  // labels of nodes near the right edge go to their left
        var t = el("text", {x: right ? -(n.r + 3) : n.r + 3, y: 4,
          "text-anchor": right ? "end" : "start"}, g);
        t.textContent = n.label;
      }
      n.el = g;
    });

    function showTip(n, evt) {
      tip.textContent = "";
      h("b", n.label, tip);
      var lines = [n.type, n.roles && "roles: " + n.roles, n.affiliation && "affiliation: " +
        n.affiliation, n.aliases && "also: " + n.aliases, count(n.statements, "statement") +
        ", " + count(n.targeted, "statement") + " about it, " + count(n.mentions, "mention") +
        ", " + count(n.articles, "article")];
      lines.forEach(function (l) { if (l) { h("div", l, tip); } });
      tip.hidden = false;
      moveTip(evt);
    }
    function moveTip(evt) {
      var r = box.getBoundingClientRect();
      var x = evt.clientX - r.left + 14, y = evt.clientY - r.top + 14;
      if (x + 320 > r.width) { x = Math.max(4, x - 340); }
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }

    var selected = -1;
    function select(i) {
      selected = i;
      var near = {};
      if (i >= 0) {
        near[i] = true;
        adj[i].forEach(function (k) { near[edges[k].s] = true; near[edges[k].t] = true; });
      }
      nodes.forEach(function (n, k) {
        n.el.classList.toggle("dim", i >= 0 && !near[k]);
        n.el.classList.toggle("sel", k === i);
      });
      edges.forEach(function (e) {
        e.el.classList.toggle("dim", i >= 0 && e.s !== i && e.t !== i);
      });
      showPanel(i);
    }
    function showPanel(i) {
      panel.textContent = "";
      if (i < 0) { panel.hidden = true; return; }
      var n = nodes[i];
      h("h4", n.label, panel);
      h("div", [n.type, n.roles, n.affiliation].filter(Boolean).join(" · "), panel, "muted");
      h("div", count(n.statements, "statement") + " · " + count(n.targeted, "statement") +
        " about it · " + count(n.mentions, "mention"), panel);
      var out = adj[i].filter(function (k) { return edges[k].s === i; });
      var inc = adj[i].filter(function (k) { return edges[k].t === i; });
      [["Says about", out, "t"], ["Is talked about by", inc, "s"]].forEach(function (grp) {
        if (!grp[1].length) { return; }
        h("b", grp[0], panel);
        var ul = h("ul", null, panel);
        grp[1].sort(function (a, b) { return edges[b].w - edges[a].w; }).slice(0, 15)
          .forEach(function (k) {
            var e = edges[k], li = h("li", null, ul);
            h("span", nodes[e[grp[2]]].label, li);
            var bits = [fmt(e.w) + "×", e.kind === "affiliation" ? "affiliation" :
              ({neg: "critical", pos: "supportive", neu: "neutral"}[e.tone] || e.tone)];
            if (e.cues) { bits.push(e.cues); }
            if (e.first) { bits.push(e.first + (e.last && e.last !== e.first ? "–" + e.last : "")); }
            h("small", " " + bits.join(" · "), li);
            if (e.quote) { h("div", "“" + e.quote + "”", li, "q"); }
          });
      });
      if (n.arts && n.arts.length) {
        h("b", "In these articles", panel);
        var ul2 = h("ul", null, panel);
        n.arts.forEach(function (k) {
          var a = document.getElementById("a" + k);
          var li = h("li", null, ul2), link = h("a", null, li);
          link.href = "#a" + k;
          var title = a && a.querySelector("h3");
          link.textContent = title ? title.textContent : "article " + (k + 1);
        });
      }
      panel.hidden = false;
    }

    gNodes.addEventListener("mouseover", function (evt) {
      var g = evt.target.closest(".node");
      if (g) { showTip(nodes[+g.getAttribute("data-i")], evt); }
    });
    gNodes.addEventListener("mousemove", function (evt) { if (!tip.hidden) { moveTip(evt); } });
    gNodes.addEventListener("mouseout", function () { tip.hidden = true; });

    // zoom and pan by changing the viewBox
    var vb0 = {x: 0, y: 0, w: 1000, h: 640}, vb = {x: 0, y: 0, w: 1000, h: 640};
    function applyVb() { svg.setAttribute("viewBox", [vb.x, vb.y, vb.w, vb.h].join(" ")); }
    function zoom(f, cx, cy) {
      if (f === 0) { vb = {x: vb0.x, y: vb0.y, w: vb0.w, h: vb0.h}; applyVb(); return; }
      var nw = Math.min(Math.max(vb.w / f, 60), 4000), nh = nw * vb.h / vb.w;
      if (cx === undefined) { cx = vb.x + vb.w / 2; cy = vb.y + vb.h / 2; }
      vb.x = cx - (cx - vb.x) * nw / vb.w;
      vb.y = cy - (cy - vb.y) * nh / vb.h;
      vb.w = nw;
      vb.h = nh;
      applyVb();
    }
    function svgPoint(evt) {
      var r = svg.getBoundingClientRect();
      return {x: vb.x + (evt.clientX - r.left) / r.width * vb.w,
              y: vb.y + (evt.clientY - r.top) / r.height * vb.h};
    }
    svg.addEventListener("wheel", function (evt) {
      evt.preventDefault();
      var p = svgPoint(evt);
      zoom(evt.deltaY < 0 ? 1.15 : 1 / 1.15, p.x, p.y);
    }, {passive: false});
    var drag = null, moved = false;
    svg.addEventListener("mousedown", function (evt) {
      drag = {x: evt.clientX, y: evt.clientY, vx: vb.x, vy: vb.y};
      moved = false;
    });
    window.addEventListener("mousemove", function (evt) {
      if (!drag) { return; }
      var r = svg.getBoundingClientRect();
      var dx = evt.clientX - drag.x, dy = evt.clientY - drag.y;
      if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; svg.classList.add("panning"); }
      vb.x = drag.vx - dx / r.width * vb.w;
      vb.y = drag.vy - dy / r.height * vb.h;
      applyVb();
    });
    window.addEventListener("mouseup", function () { drag = null; svg.classList.remove("panning"); });
    svg.addEventListener("click", function (evt) {
      if (moved) { return; }
      var g = evt.target.closest(".node");
      select(g ? (+g.getAttribute("data-i") === selected ? -1 : +g.getAttribute("data-i")) : -1);
    });
    gNodes.addEventListener("keydown", function (evt) {
      var g = evt.target.closest(".node");
      if (g && (evt.key === "Enter" || evt.key === " ")) {
        evt.preventDefault();
        select(+g.getAttribute("data-i"));
      }
    });
    document.querySelectorAll(".graph-tools button[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () { zoom(+b.getAttribute("data-zoom")); });
    });
    var search = document.getElementById("ag-search");
    if (search) {
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase();
        nodes.forEach(function (n) {
          var hit = q && (n.label.toLowerCase().indexOf(q) >= 0 ||
            n.aliases.toLowerCase().indexOf(q) >= 0);
          n.el.classList.toggle("match", !!hit);
        });
      });
    }
    // A link to report.html#actor=ID (or a label) opens with that actor selected.
    function selectFromHash() {
      var m = /^#actor=(.+)$/.exec(window.location.hash);
      if (!m) { return; }
      var want = decodeURIComponent(m[1]);
      for (var i = 0; i < nodes.length; i++) {
        if (nodes[i].id === want || nodes[i].label === want) { select(i); return; }
      }
    }
    window.addEventListener("hashchange", selectFromHash);
    selectFromHash();
    box.setAttribute("data-ready", "1");
    box.setAttribute("data-nodes", String(nodes.length));
    box.setAttribute("data-edges", String(edges.length));
  }

  // Hovering a highlight or a table row marks every span of that relation and its row.
  function linkArticles() {
    document.querySelectorAll(".article").forEach(function (art) {
      var current = null;
      function mark(r, on) {
        art.querySelectorAll('[data-r="' + r + '"]').forEach(function (e) {
          e.classList.toggle("on", on);
        });
      }
      art.addEventListener("mouseover", function (evt) {
        var t = evt.target.closest("[data-r]");
        var r = t ? t.getAttribute("data-r") : null;
        if (r === current) { return; }
        if (current !== null) { mark(current, false); }
        current = r;
        if (r !== null) { mark(r, true); }
      });
      art.addEventListener("mouseleave", function () {
        if (current !== null) { mark(current, false); current = null; }
      });
    });
  }

  var data;
  try {
    data = JSON.parse(document.getElementById("ag-data").textContent);
  } catch (err) {
    data = {nodes: [], edges: []};
  }
  drawGraph(data);
  linkArticles();
  document.body.setAttribute("data-report-ready", "1");
})();
