// The knowledge graph's drawing: the server (a Blazor component) decides what to show and pushes it here; this module
// has it laid out with ForceAtlas2 in a worker (graph-layout-worker.js) so the main thread only draws, and draws it with
// sigma on WebGL. Everything the reader can do by pointer or key lands here or goes back to the component.
import Graph from "graphology";
import Sigma from "sigma";
import { createNodeBorderProgram } from "@sigma/node-border";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import * as layoutHelpers from "graphology-layout-forceatlas2/helpers.js";

const VISITED_KEY = "site.visited-posts";
const MIN_RATIO = 1 / 3; // sigma's camera ratio is the inverse of zoom: zoom 0.1–3
const MAX_RATIO = 10;
const LAYOUT_MILLISECONDS = 6000;
const DIMMED = "#d4d4d8";
const VISITED_RING = "#111827";

/** Paths of the posts this browser has opened (recorded by visited-posts.js on post pages). */
function visitedPaths() {
  try {
    const stored = JSON.parse(localStorage.getItem(VISITED_KEY) || "[]");
    return new Set(Array.isArray(stored) ? stored : []);
  } catch {
    return new Set();
  }
}

function nodeSize(degree, count) {
  const base = count > 1000 ? 1.5 : count > 200 ? 3 : 5;
  return base + Math.sqrt(degree) * (count > 1000 ? 1.2 : 2.2);
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

class KnowledgeGraphView {
  constructor(container, tooltip, component, options) {
    this.container = container;
    this.tooltip = tooltip;
    this.component = component;
    this.options = options || {};
    this.graph = new Graph({ type: "directed", multi: false, allowSelfLoops: false });
    this.hovered = null;
    this.neighbours = new Set();
    this.layout = null;
    this.layoutRuns = 0;
    this.layoutWorker = undefined;
    this.frames = [];
    this.sigma = new Sigma(this.graph, container, {
      minCameraRatio: MIN_RATIO,
      maxCameraRatio: MAX_RATIO,
      defaultNodeType: "bordered",
      nodeProgramClasses: {
        bordered: createNodeBorderProgram({
          borders: [
            { size: { value: 0.3 }, color: { attribute: "ringColor" } },
            { size: { fill: true }, color: { attribute: "color" } },
          ],
        }),
      },
      labelRenderedSizeThreshold: 7,
      labelDensity: 0.6,
      // Moving the camera over thousands of posts redraws only the nodes; edges and labels come back when it stops.
      hideEdgesOnMove: true,
      hideLabelsOnMove: true,
      zIndex: true,
      nodeReducer: (node, data) => this.reduceNode(node, data),
      edgeReducer: (edge, data) => this.reduceEdge(edge, data),
    });
    this.sigma.on("enterNode", ({ node, event }) => this.hover(node, event));
    this.sigma.on("leaveNode", () => this.hover(null));
    this.sigma.on("clickNode", ({ node }) => this.open(node));
    this.onKey = (event) => this.key(event);
    document.addEventListener("keydown", this.onKey);
    // The box changes size without the window doing so (a scroll bar appears, the page reflows): redraw to fit it.
    this.resizeObserver = new ResizeObserver(() => {
      this.sigma.resize();
      this.sigma.refresh();
    });
    this.resizeObserver.observe(container);
  }

  reduceNode(node, data) {
    const result = { ...data };
    if (this.hovered !== null && node !== this.hovered && !this.neighbours.has(node)) {
      result.color = DIMMED;
      result.ringColor = DIMMED;
      result.label = "";
      result.zIndex = 0;
    } else if (this.hovered !== null) {
      result.zIndex = 1;
      result.forceLabel = true;
    }

    if (node === this.focused) {
      result.highlighted = true;
      result.forceLabel = true;
    }

    return result;
  }

  reduceEdge(edge, data) {
    if (this.hovered === null) {
      return data;
    }

    const [source, target] = this.graph.extremities(edge);
    return source === this.hovered || target === this.hovered
      ? { ...data, color: "#374151", size: Math.max(data.size || 1, 2), zIndex: 1 }
      : { ...data, hidden: true };
  }

  /** Replaces what is drawn; positions of posts already shown are kept, so a filter change does not scramble the view. */
  setData(data) {
    const previous = new Map();
    this.graph.forEachNode((node, attributes) => previous.set(node, [attributes.x, attributes.y]));
    const visited = visitedPaths();
    const count = data.nodes.length;
    this.graph.clear();
    // Thousands of labels are unreadable and costly to draw: only the larger posts keep theirs (hover shows any title).
    this.sigma.setSetting("labelRenderedSizeThreshold", count > 1000 ? 12 : 7);
    const radius = Math.sqrt(count) * 10;
    data.nodes.forEach((n, i) => {
      const key = String(n.id);
      const [x, y] = previous.get(key)
        ?? [radius * Math.cos((2 * Math.PI * i) / Math.max(count, 1)) + (i % 7), radius * Math.sin((2 * Math.PI * i) / Math.max(count, 1)) + (i % 5)];
      const seen = visited.has(n.url);
      this.graph.addNode(key, {
        x,
        y,
        label: n.title,
        size: nodeSize(n.degree, count),
        color: n.color,
        ringColor: seen ? VISITED_RING : n.color,
        url: n.url,
        description: n.description || "",
        visited: seen,
      });
    });
    for (const [source, target] of data.edges) {
      const s = String(source);
      const t = String(target);
      if (this.graph.hasNode(s) && this.graph.hasNode(t) && !this.graph.hasEdge(s, t)) {
        this.graph.addEdge(s, t, { size: count > 1000 ? 0.5 : 1, color: "#9ca3af" });
      }
    }

    this.centre = data.centre === null || data.centre === undefined ? null : String(data.centre);
    this.focused = this.centre;
    this.hover(null);
    this.startLayout();
    this.sigma.refresh();
  }

  /** Stops the layout that is running, if any; the positions reached so far stay. */
  stopLayout() {
    if (this.layout) {
      cancelAnimationFrame(this.layout.frame);
      this.layoutWorker?.postMessage({ type: "stop" });
      this.layout = null;
    }
  }

  /**
   * Lays the graph out with ForceAtlas2 in a worker (graph-layout-worker.js, next to this file): the worker posts node
   * positions after each batch of iterations and this page copies the latest of them into the graph once per animation
   * frame, so the main thread only draws. Should the worker not start, the layout runs here, one step per frame.
   */
  startLayout() {
    this.stopLayout();
    if (this.graph.order === 0) {
      return;
    }

    const large = this.graph.order > 400;
    const settings = {
      linLogMode: false,
      outboundAttractionDistribution: false,
      adjustSizes: false,
      edgeWeightInfluence: 1,
      scalingRatio: large ? 10 : 4,
      strongGravityMode: false,
      gravity: 1,
      slowDown: 1 + Math.log(this.graph.order),
      barnesHutOptimize: large,
      barnesHutTheta: 0.6,
    };
    const matrices = layoutHelpers.graphToByteArrays(this.graph, () => 1);
    const milliseconds = this.options.layoutMilliseconds || LAYOUT_MILLISECONDS;
    const layout = { token: ++this.layoutRuns, frame: 0, running: true, started: performance.now(), latest: null, done: false, iterations: 0 };
    this.layout = layout;
    this.frames = [];
    this.container.dataset.layout = "running";
    // Drawing thousands of labels costs more than the nodes in software rendering: they come once the layout stops.
    this.sigma.setSetting("renderLabels", this.graph.order <= 1000);
    const worker = this.startWorker();
    if (worker === null) {
      this.layoutOnPage(layout, settings, matrices, milliseconds);
      return;
    }

    worker.postMessage({ type: "start", token: layout.token, nodes: matrices.nodes, edges: matrices.edges, settings, milliseconds },
      [matrices.nodes.buffer, matrices.edges.buffer]);
    const frame = (now) => {
      if (this.layout !== layout) {
        return;
      }

      this.frames.push(now);
      if (layout.latest !== null) {
        this.place(layout.latest);
        layout.latest = null;
      }

      if (layout.done) {
        this.finishLayout(layout);
      } else {
        layout.frame = requestAnimationFrame(frame);
      }
    };
    layout.frame = requestAnimationFrame(frame);
  }

  /** The layout worker, started at the first layout and kept for the next ones; null where workers cannot start. */
  startWorker() {
    if (this.layoutWorker !== undefined) {
      return this.layoutWorker;
    }

    try {
      const url = this.options.layoutWorkerUrl || new URL("./graph-layout-worker.js", import.meta.url);
      const worker = new Worker(url, { type: "module" });
      worker.onmessage = ({ data }) => {
        const layout = this.layout;
        if (layout && data.type === "positions" && data.token === layout.token) {
          layout.latest = data.positions;
          layout.done = data.done;
          layout.iterations = data.iterations;
        }
      };
      worker.onerror = () => {
        // The script could not load or failed: lay out on the page from where the graph is now.
        worker.terminate();
        this.layoutWorker = null;
        if (this.layout) {
          this.startLayout();
        }
      };
      this.layoutWorker = worker;
    } catch {
      this.layoutWorker = null;
    }

    return this.layoutWorker;
  }

  /** Copies x, y per node (in the graph's node order) into the graph; sigma redraws at its next frame. */
  place(positions) {
    let i = 0;
    this.graph.updateEachNodeAttributes((node, attributes) => {
      attributes.x = positions[i++];
      attributes.y = positions[i++];
      return attributes;
    }, { attributes: ["x", "y"] });
  }

  finishLayout(layout) {
    layout.running = false;
    this.sigma.setSetting("renderLabels", true);
    this.container.dataset.layout = "done";
    this.fit(false);
  }

  /** The layout on the main thread, one step per frame: only where the worker cannot run. */
  layoutOnPage(layout, settings, matrices, milliseconds) {
    const step = (now) => {
      if (this.layout !== layout) {
        return;
      }

      this.frames.push(now);
      iterate(settings, matrices.nodes, matrices.edges);
      layout.iterations++;
      layoutHelpers.assignLayoutChanges(this.graph, matrices.nodes, null);
      if (now - layout.started < milliseconds) {
        layout.frame = requestAnimationFrame(step);
      } else {
        this.finishLayout(layout);
      }
    };
    layout.frame = requestAnimationFrame(step);
  }

  hover(node, event) {
    this.hovered = node;
    this.neighbours = node === null ? new Set() : new Set(this.graph.neighbors(node));
    if (node === null) {
      this.tooltip.hidden = true;
      this.container.style.cursor = "";
    } else {
      const attributes = this.graph.getNodeAttributes(node);
      this.tooltip.querySelector("[data-title]").textContent = attributes.label;
      this.tooltip.querySelector("[data-description]").textContent = attributes.description;
      this.tooltip.querySelector("[data-visited]").hidden = !attributes.visited;
      const position = this.sigma.graphToViewport({ x: attributes.x, y: attributes.y });
      this.tooltip.style.left = `${Math.round(position.x + 12)}px`;
      this.tooltip.style.top = `${Math.round(position.y + 12)}px`;
      this.tooltip.hidden = false;
      this.container.style.cursor = "pointer";
    }

    this.sigma.refresh({ skipIndexation: true });
  }

  open(node) {
    const url = this.graph.getNodeAttribute(node, "url");
    if (typeof url === "string" && url.startsWith("/b/")) {
      // Inside the frame on a post page the post opens in the page, not in the frame.
      (window.top || window).location.assign(url);
    }
  }

  /** Centres the camera on one post and marks it, for "find a post". */
  focus(id) {
    const key = String(id);
    if (!this.graph.hasNode(key)) {
      return false;
    }

    this.focused = key;
    const { x, y } = this.sigma.getNodeDisplayData(key);
    this.sigma.getCamera().animate({ x, y, ratio: 0.4 }, { duration: 400 });
    this.sigma.refresh({ skipIndexation: true });
    return true;
  }

  zoomIn() {
    this.sigma.getCamera().animatedZoom({ duration: 200 });
  }

  zoomOut() {
    this.sigma.getCamera().animatedUnzoom({ duration: 200 });
  }

  /** Fits every post in view. */
  fit(animate = true) {
    const target = { x: 0.5, y: 0.5, ratio: 1, angle: 0 };
    if (animate) {
      this.sigma.getCamera().animate(target, { duration: 300 });
    } else {
      this.sigma.getCamera().setState(target);
    }
  }

  /** Fits the view and lays the graph out again from scratch. */
  reset() {
    this.focused = this.centre;
    this.fit();
    this.startLayout();
  }

  key(event) {
    if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || typing(event.target)) {
      return;
    }

    const actions = { f: () => this.fit(), r: () => this.reset(), "+": () => this.zoomIn(), "=": () => this.zoomIn(), "-": () => this.zoomOut() };
    const action = actions[event.key];
    if (action) {
      event.preventDefault();
      action();
    }
  }

  /** Frames drawn per second while the layout ran (or over the last second) and layout steps taken, for the benchmark. */
  stats() {
    const frames = this.frames;
    const seconds = frames.length < 2 ? 0 : (frames[frames.length - 1] - frames[0]) / 1000;
    return {
      fps: seconds > 0 ? (frames.length - 1) / seconds : 0,
      frames: frames.length,
      nodes: this.graph.order,
      edges: this.graph.size,
      layoutRunning: !!this.layout?.running,
      layoutIterations: this.layout?.iterations ?? 0,
      layoutInWorker: !!this.layoutWorker,
    };
  }

  dispose() {
    this.stopLayout();
    this.layoutWorker?.terminate();
    this.layoutWorker = null;

    document.removeEventListener("keydown", this.onKey);
    this.resizeObserver.disconnect();
    this.sigma.kill();
  }
}

/** Called by the component once its elements are in the page. */
export function create(container, tooltip, component, options) {
  const view = new KnowledgeGraphView(container, tooltip, component, options);
  container.dataset.ready = "true";
  window.siteKnowledgeGraph = view;
  return view;
}
