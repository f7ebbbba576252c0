/* actorgraph report: draws the actor graph with the vendored sigma.js (WebGL renderer),
   graphology (graph model) and ForceAtlas2 (layout), and links the highlighted spans of each
   article to its relations table. No network. Label placement is ours (sigma draws them): the
   most active actors' labels are always shown, the others in order of activity wherever they
   fit without overlapping a label already drawn, so zooming in shows more of them. The drawn
   label boxes are published as window.actorgraphLabels and the graph's data-labels attribute.
   Data from the run is only ever inserted with textContent, never as HTML. */
(function () {
  "use strict";
  var TYPE_COLORS = {person: "#2563eb", PERSON: "#2563eb", org: "#d97706", ORG: "#d97706",
    country: "#059669", GPE: "#059669", group: "#7c3aed", NORP: "#7c3aed", place: "#0891b2",
    LOC: "#0891b2", FAC: "#be185d", UNKNOWN: "#6b7280"};
  var TONE_COLORS = {neg: "#dc2626", pos: "#16a34a", neu: "#9ca3af", aff: "#94a3b8"};
  var DIM = "#e5e7eb";
  var HUBS = 10;  // the labels of this many most active actors are always drawn
  var FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";
  var LABEL_PX = 12, LABEL_MAX = 32;

  function h(tag, text, parent, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    if (parent) { parent.appendChild(e); }
    return e;
  }
  function fmt(n) { return (Math.round(n * 100) / 100).toString(); }
  function count(n, word) { return fmt(n) + " " + word + (n === 1 ? "" : "s"); }
  // A quote is shown in one pair of quotation marks, whatever marks it came with.
  function quoted(q) { return "\u201c" + q.replace(/^[\s"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]+|[\s"'\u201c\u201d\u2018\u2019\u00ab\u00bb\u201e]+$/g, "") + "\u201d"; }
  function shortLabel(s) { return s.length > LABEL_MAX ? s.slice(0, LABEL_MAX - 1) + "\u2026" : s; }
  function overlaps(a, b) { return a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2; }

  function drawGraph(data) {
    var box = document.getElementById("ag-graph");
    var stage = document.getElementById("ag-stage");
    var tip = document.getElementById("ag-tip");
    var panel = document.getElementById("ag-panel");
    if (!box || !stage) { return; }
    var nodes = data.nodes, edges = data.edges;
    function ready(extra) {
      box.setAttribute("data-nodes", String(nodes.length));
      box.setAttribute("data-edges", String(edges.length));
      if (extra) { box.setAttribute("data-error", extra); }
      box.setAttribute("data-ready", "1");
    }
    if (!nodes.length) {
      h("p", "No actors in this run.", stage, "empty");
      ready();
      return;
    }
    if (typeof Sigma === "undefined" || typeof graphology === "undefined") {
      h("p", "The graph view could not load its renderer.", stage, "empty");
      ready("no renderer");
      return;
    }
    var G = new graphology.Graph({type: "directed", multi: false, allowSelfLoops: false});
    var maxW = 1, adj = nodes.map(function () { return []; });
    edges.forEach(function (e) { maxW = Math.max(maxW, e.w); });
    nodes.forEach(function (n, i) {
      G.addNode(String(i), {x: n.x, y: -n.y, label: n.label, rank: i, forceLabel: true,
        size: Math.min(3 + 2.2 * Math.sqrt(Math.max(n.statements, 0)), 22),
        color: TYPE_COLORS[n.type] || TYPE_COLORS.UNKNOWN});
    });
    edges.forEach(function (e, i) {
      adj[e.s].push(i);
      adj[e.t].push(i);
      if (G.hasEdge(String(e.s), String(e.t))) { return; }
      var cls = e.kind === "affiliation" ? "aff" : e.tone;
      G.addDirectedEdgeWithKey("e" + i, String(e.s), String(e.t), {i: i,
        size: 0.6 + 3 * Math.sqrt(e.w / maxW), color: TONE_COLORS[cls] || TONE_COLORS.neu,
        type: data.directed ? "arrow" : "line"});
    });
    // ForceAtlas2 from the positions computed in Python (components apart), then no overlap.
    var lib = graphologyLibrary;
    var settings = lib.layoutForceAtlas2.inferSettings(G);
    settings.barnesHutOptimize = G.order > 300;
    lib.layoutForceAtlas2.assign(G, {iterations: G.order > 300 ? 150 : 300, settings: settings});
    lib.layoutNoverlap.assign(G, {maxIterations: 150, settings: {ratio: 1.2, margin: 1}});

    var selected = -1, near = {}, matches = {};
    var pending = [], labelCtx = null, drawnLabels = [];
    var renderer;
    try {
      renderer = new Sigma(G, stage, {
        labelDensity: 0,  // no grid-chosen labels: every label goes through placeLabels
        labelRenderedSizeThreshold: 0,
        labelFont: FONT, labelSize: LABEL_PX, labelColor: {color: "#111827"},
        defaultDrawNodeLabel: function (ctx, d) { labelCtx = ctx; if (d.label) { pending.push(d); } },
        zIndex: true, stagePadding: 40, minCameraRatio: 0.03, maxCameraRatio: 5,
        nodeReducer: function (key, attr) {
          var i = +key, res = Object.assign({}, attr);
          if (selected >= 0 && !near[i]) {
            res.color = DIM; res.label = ""; res.forceLabel = false; res.zIndex = 0;
          } else if (i === selected || matches[i]) {
            res.highlighted = true; res.zIndex = 2;
          }
          return res;
        },
        edgeReducer: function (key, attr) {
          var e = edges[attr.i], res = Object.assign({}, attr);
          if (selected >= 0 && e.s !== selected && e.t !== selected) { res.color = "#f1f5f9"; res.zIndex = 0; }
          else if (selected >= 0) { res.zIndex = 1; }
          return res;
        }
      });
    } catch (err) {
      h("p", "The graph view needs WebGL, which this browser does not offer (" + err.message +
        ").", stage, "empty");
      ready("no webgl");
      return;
    }

    // Labels: in order of activity, each at the first free place around its node.
    function placeLabels() {
      drawnLabels = [];
      var dims = renderer.getDimensions(), W = dims.width, H = dims.height;
      pending.sort(function (a, b) { return a.rank - b.rank; });
      pending.forEach(function (d) {
        var hub = d.rank < HUBS;
        var text = shortLabel(d.label), px = hub ? LABEL_PX + 1 : LABEL_PX;
        labelCtx.font = (hub ? "600 " : "") + px + "px " + FONT;
        var w = labelCtx.measureText(text).width, ht = px + 2, r = d.size, g = 3;
        var places = [[d.x + r + g, d.y - ht / 2], [d.x - r - g - w, d.y - ht / 2],
          [d.x - w / 2, d.y - r - g - ht], [d.x - w / 2, d.y + r + g]];
        if (hub) {  // a hub's label is always drawn: try further out before giving up
          [2, 3, 4].forEach(function (k) {
            places.push([d.x + r + g, d.y - ht / 2 - k * ht], [d.x + r + g, d.y - ht / 2 + k * ht],
              [d.x - r - g - w, d.y - ht / 2 - k * ht], [d.x - r - g - w, d.y - ht / 2 + k * ht]);
          });
        }
        for (var k = 0; k < places.length; k++) {
          var b = {x1: places[k][0] - 1, y1: places[k][1], x2: places[k][0] + w + 1, y2: places[k][1] + ht};
          if (!hub && (b.x1 < 0 || b.y1 < 0 || b.x2 > W || b.y2 > H)) { continue; }
          if (drawnLabels.some(function (o) { return overlaps(b, o); })) { continue; }
          labelCtx.lineWidth = 3;
          labelCtx.strokeStyle = "rgba(255,255,255,0.9)";
          labelCtx.fillStyle = "#111827";
          labelCtx.textBaseline = "middle";
          labelCtx.strokeText(text, b.x1 + 1, b.y1 + ht / 2);
          labelCtx.fillText(text, b.x1 + 1, b.y1 + ht / 2);
          drawnLabels.push({id: nodes[d.rank].id, label: d.label, text: text, rank: d.rank,
            x1: Math.round(b.x1 * 10) / 10, y1: Math.round(b.y1 * 10) / 10,
            x2: Math.round(b.x2 * 10) / 10, y2: Math.round(b.y2 * 10) / 10});
          break;
        }
      });
      window.actorgraphLabels = drawnLabels;
      box.setAttribute("data-labels", JSON.stringify(drawnLabels));
    }
    renderer.on("beforeRender", function () { pending = []; });
    renderer.on("afterRender", function () { if (labelCtx) { placeLabels(); } });

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
      if (!evt) { return; }
      var r = box.getBoundingClientRect();
      var x = evt.clientX - r.left + 14, y = evt.clientY - r.top + 14;
      if (x + 320 > r.width) { x = Math.max(4, x - 340); }
      tip.style.left = x + "px";
      tip.style.top = y + "px";
    }

    function select(i) {
      selected = i;
      near = {};
      if (i >= 0) {
        near[i] = true;
        adj[i].forEach(function (k) { near[edges[k].s] = true; near[edges[k].t] = true; });
      }
      box.setAttribute("data-selected", i >= 0 ? nodes[i].id : "");
      box.setAttribute("data-dimmed", JSON.stringify(i < 0 ? [] : nodes.filter(function (n, k) {
        return !near[k]; }).map(function (n) { return n.label; })));
      renderer.refresh();
      showPanel(i);
    }
    function showPanel(i) {
      panel.textContent = "";
      if (i < 0) { panel.hidden = true; return; }
      var n = nodes[i];
      h("h4", n.label, panel);
      h("div", [n.type, n.roles, n.affiliation].filter(Boolean).join(" \u00b7 "), panel, "muted");
      h("div", count(n.statements, "statement") + " \u00b7 " + count(n.targeted, "statement") +
        " about it \u00b7 " + count(n.mentions, "mention"), panel);
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
            var bits = [fmt(e.w) + "\u00d7", e.kind === "affiliation" ? "affiliation" :
              ({neg: "critical", pos: "supportive", neu: "neutral"}[e.tone] || e.tone)];
            if (e.cues) { bits.push(e.cues); }
            if (e.first) { bits.push(e.first + (e.last && e.last !== e.first ? "\u2013" + e.last : "")); }
            h("small", " " + bits.join(" \u00b7 "), li);
            if (e.quote) { h("div", quoted(e.quote), li, "q"); }
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

    renderer.on("enterNode", function (p) {
      showTip(nodes[+p.node], p.event && p.event.original);
      stage.style.cursor = "pointer";
    });
    renderer.on("leaveNode", function () { tip.hidden = true; stage.style.cursor = ""; });
    stage.addEventListener("mousemove", function (evt) { if (!tip.hidden) { moveTip(evt); } });
    renderer.on("clickNode", function (p) { select(+p.node === selected ? -1 : +p.node); });
    renderer.on("clickStage", function () { if (selected >= 0) { select(-1); } });

    var camera = renderer.getCamera();
    document.querySelectorAll(".graph-tools button[data-zoom]").forEach(function (b) {
      b.addEventListener("click", function () {
        var f = +b.getAttribute("data-zoom");
        if (f === 0) { camera.animatedReset({duration: 250}); }
        else if (f > 1) { camera.animatedZoom({factor: f, duration: 250}); }
        else { camera.animatedUnzoom({factor: 1 / f, duration: 250}); }
      });
    });
    var search = document.getElementById("ag-search");
    if (search) {
      search.addEventListener("input", function () {
        var q = search.value.trim().toLowerCase();
        matches = {};
        nodes.forEach(function (n, k) {
          if (q && (n.label.toLowerCase().indexOf(q) >= 0 || n.aliases.toLowerCase().indexOf(q) >= 0)) {
            matches[k] = true;
          }
        });
        renderer.refresh();
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
    renderer.refresh();
    // For the browser console (and tests): the sigma renderer and the graphology graph.
    window.actorgraph = {renderer: renderer, graph: G, select: select};
    ready();
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
