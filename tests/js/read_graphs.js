// Read a GEXF or GraphML file with graphology, the library Gephi Lite parses files with, and
// print what it sees as JSON: {"nodes": [{key, attributes}], "edges": [{source, target,
// attributes}]}. Used by tests/test_export_gephi_lite.py (after `npm ci` in this folder).
"use strict";
const fs = require("fs");
const Graph = require("graphology");

const [, , format, file] = process.argv;
const text = fs.readFileSync(file, "utf-8");
const parser = format === "gexf" ? require("graphology-gexf") : require("graphology-graphml");
const graph = parser.parse(Graph, text);
const out = { type: graph.type, nodes: [], edges: [] };
graph.forEachNode((key, attributes) => out.nodes.push({ key, attributes }));
graph.forEachEdge((key, attributes, source, target) =>
  out.edges.push({ source, target, attributes }));
process.stdout.write(JSON.stringify(out));
