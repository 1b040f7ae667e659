// The knowledge graph's layout, run in a worker so the page's main thread only draws. The page sends the node and edge
// matrices once; this worker runs ForceAtlas2 in batches of about one frame's work and posts the node positions back
// (x, y per node, a transferred Float32Array) after each batch, until the layout settles or its time runs out.
// Served from this site (a same-origin script file, not a blob: URL), so the CSP's worker-src 'self' allows it.
import iterate from "graphology-layout-forceatlas2/iterate.js";

const PPN = 10; // values per node in the node matrix: x, y, dx, dy, old dx, old dy, mass, convergence, size, fixed
const BATCH_MILLISECONDS = 16;
const SETTLED = 0.0005; // mean movement per iteration, as a share of the graph's extent, below which it has settled
const SETTLED_BATCHES = 3;

let run = 0;

function positions(nodes) {
  const count = nodes.length / PPN;
  const result = new Float32Array(count * 2);
  for (let i = 0, j = 0; i < count; i++, j += PPN) {
    result[2 * i] = nodes[j];
    result[2 * i + 1] = nodes[j + 1];
  }
  return result;
}

/** Mean distance moved by a node since `before`, as a share of the graph's extent. */
function movement(before, nodes) {
  const count = nodes.length / PPN;
  let moved = 0;
  let minX = Infinity, maxX = -Infinity, minY = Infinity, maxY = -Infinity;
  for (let i = 0, j = 0; i < count; i++, j += PPN) {
    const x = nodes[j];
    const y = nodes[j + 1];
    moved += Math.abs(x - before[2 * i]) + Math.abs(y - before[2 * i + 1]);
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }
  const extent = Math.max(maxX - minX, maxY - minY, 1e-9);
  return moved / Math.max(count, 1) / extent;
}

function start({ nodes, edges, settings, milliseconds, token }) {
  const id = ++run;
  const started = performance.now();
  let calm = 0;
  let iterations = 0;
  const batch = () => {
    if (id !== run) {
      return;
    }

    const before = positions(nodes);
    const batchStarted = performance.now();
    let steps = 0;
    do {
      iterate(settings, nodes, edges);
      steps++;
    } while (performance.now() - batchStarted < BATCH_MILLISECONDS);
    iterations += steps;

    calm = movement(before, nodes) / steps < SETTLED ? calm + 1 : 0;
    const done = calm >= SETTLED_BATCHES || performance.now() - started >= milliseconds;
    const result = positions(nodes);
    self.postMessage({ type: "positions", token, positions: result, done, iterations }, [result.buffer]);
    if (!done) {
      // A task boundary between batches, so a "stop" or a new graph is heard at once.
      setTimeout(batch, 0);
    }
  };
  batch();
}

self.onmessage = ({ data }) => {
  if (data.type === "start") {
    start(data);
  } else if (data.type === "stop") {
    run++;
  }
};
