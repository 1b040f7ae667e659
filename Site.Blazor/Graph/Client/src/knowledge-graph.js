// The knowledge graph in the browser. The server (a Blazor component) decides what to show and pushes it here; this
// module keeps it in a graphology graph, has it laid out with ForceAtlas2 in a worker (graph-layout-worker.js) so the
// main thread only draws, and draws it on a 2D canvas (graph-drawing.js) through a camera (graph-camera.js).
// Everything the reader can do by pointer or key lands here.
import Graph from "graphology";
import iterate from "graphology-layout-forceatlas2/iterate.js";
import * as layoutHelpers from "graphology-layout-forceatlas2/helpers.js";
import { Camera, boundsOf } from "./graph-camera.js";
import { drawGraph } from "./graph-drawing.js";

const VISITED_KEY = "site.visited-posts";
const LAYOUT_MILLISECONDS = 6000;
/** Share of the way to the layout's latest positions that the drawing covers each frame: motion stays smooth. */
const EASE = 0.5;
/** The camera counts as still this long after the last wheel, drag or pinch; then every edge is drawn again. */
const STILL_AFTER = 150;
const DRAG_THRESHOLD = 4;
/** Graphs up to this many posts write every title that fits; fitting them keeps this many pixels for the rightmost. */
const LABELLED_GRAPH = 200;
const LABEL_ROOM = 300;
const HIT_MARGIN = 3;

/** Paths of the posts this browser has opened (recorded by visited-posts.js on post pages). */
function visitedPaths() {
  try {
    const stored = JSON.parse(localStorage.getItem(VISITED_KEY) || "[]");
    return new Set(Array.isArray(stored) ? stored : []);
  } catch {
    return new Set();
  }
}

/** A post's radius in pixels when the whole graph fits the view: larger with more links, smaller in large graphs. */
function nodeRadius(degree, count) {
  const base = count > 1000 ? 1.5 : count > 200 ? 3 : 5;
  return base + Math.sqrt(degree) * (count > 1000 ? 1.2 : 2.2);
}

function typing(target) {
  return target instanceof HTMLElement
    && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName));
}

function emptyScene() {
  return {
    count: 0, keys: [], index: new Map(), positions: new Float32Array(0), radius: new Float32Array(0), labels: [],
    colours: [], colourOf: new Uint8Array(0), visitedIndices: new Int32Array(0), bySize: new Int32Array(0), drawOrder: new Int32Array(0),
    edges: new Uint32Array(0),
  };
}

class KnowledgeGraphView {
  constructor(container, tooltip, options) {
    this.container = container;
    this.tooltip = tooltip;
    this.options = options || {};
    this.graph = new Graph({ type: "directed", multi: false, allowSelfLoops: false });
    this.scene = emptyScene();
    this.target = new Float32Array(0); // where the layout has put each post (x, y per post, in scene order)
    this.camera = new Camera();
    this.follow = true; // the camera keeps the whole graph in view until the reader moves it
    this.hovered = -1;
    this.highlighted = null;
    this.focused = -1;
    this.centre = -1;
    this.layout = null;
    this.layoutRuns = 0;
    this.layoutIterations = 0;
    this.layoutWorker = undefined;
    this.frames = [];
    this.scriptTimes = []; // milliseconds of script per drawn frame while the layout runs
    this.edgesWhileMoving = 0;
    this.frame = 0;
    this.lastInteraction = -Infinity;
    this.pointers = new Map();
    this.drag = null;
    this.reducedMotion = window.matchMedia?.("(prefers-reduced-motion: reduce)").matches ?? false;

    this.canvas = document.createElement("canvas");
    Object.assign(this.canvas.style, { display: "block", width: "100%", height: "100%", touchAction: "none" });
    container.appendChild(this.canvas);
    this.context = this.canvas.getContext("2d", { alpha: false });

    this.listeners = [
      [this.canvas, "pointerdown", (event) => this.pointerDown(event)],
      [this.canvas, "pointermove", (event) => this.pointerMove(event)],
      [this.canvas, "pointerup", (event) => this.pointerUp(event)],
      [this.canvas, "pointercancel", (event) => this.pointerUp(event, true)],
      [this.canvas, "pointerleave", () => this.drag === null && this.hover(-1)],
      [this.canvas, "wheel", (event) => this.wheel(event), { passive: false }],
      [this.canvas, "dblclick", (event) => this.doubleClick(event)],
      [document, "keydown", (event) => this.key(event)],
    ];
    for (const [target, name, handler, settings] of this.listeners) {
      target.addEventListener(name, handler, settings);
    }

    // The box changes size without the window doing so (a scroll bar appears, the page reflows): redraw to fit it.
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(container);
    this.resize();
  }

  // ---------------------------------------------------------------------------------------------------- data

  /** Replaces what is drawn; positions of posts already shown are kept, so a filter change does not scramble the view. */
  setData(data) {
    const old = this.scene;
    const visited = visitedPaths();
    const count = data.nodes.length;
    const radius = Math.sqrt(count) * 10;
    this.graph.clear();
    data.nodes.forEach((n, i) => {
      const key = String(n.id);
      const before = old.index.get(key);
      const angle = (2 * Math.PI * i) / Math.max(count, 1);
      this.graph.addNode(key, {
        x: before === undefined ? radius * Math.cos(angle) + (i % 7) : old.positions[2 * before],
        y: before === undefined ? radius * Math.sin(angle) + (i % 5) : old.positions[2 * before + 1],
        label: n.title,
        size: nodeRadius(n.degree, count),
        color: n.color,
        url: n.url,
        description: n.description || "",
        visited: visited.has(n.url),
      });
    });
    for (const [source, target] of data.edges) {
      const s = String(source);
      const t = String(target);
      if (this.graph.hasNode(s) && this.graph.hasNode(t) && !this.graph.hasEdge(s, t)) {
        this.graph.addEdge(s, t);
      }
    }

    this.scene = this.buildScene();
    this.target = this.scene.positions.slice();
    this.centre = data.centre === null || data.centre === undefined ? -1 : this.scene.index.get(String(data.centre)) ?? -1;
    this.focused = this.centre;
    this.hover(-1);
    this.follow = true;
    this.camera.animation = null;
    this.startLayout();
    this.requestDraw();
  }

  /** The graph as flat arrays in the graph's node order: what drawing, hit-testing and the layout read. */
  buildScene() {
    const graph = this.graph;
    const count = graph.order;
    const scene = emptyScene();
    scene.count = count;
    scene.keys = graph.nodes();
    scene.positions = new Float32Array(2 * count);
    scene.radius = new Float32Array(count);
    scene.colourOf = new Uint8Array(count);
    const colours = new Map();
    const visited = [];
    scene.keys.forEach((key, i) => {
      const attributes = graph.getNodeAttributes(key);
      scene.index.set(key, i);
      scene.positions[2 * i] = attributes.x;
      scene.positions[2 * i + 1] = attributes.y;
      scene.radius[i] = attributes.size;
      scene.labels.push(attributes.label);
      if (!colours.has(attributes.color)) {
        colours.set(attributes.color, colours.size);
      }

      scene.colourOf[i] = colours.get(attributes.color);
      if (attributes.visited) {
        visited.push(i);
      }
    });
    scene.colours = [...colours.keys()];
    scene.visitedIndices = Int32Array.from(visited);
    scene.bySize = Int32Array.from({ length: count }, (_, i) => i).sort((a, b) => scene.radius[b] - scene.radius[a]);
    scene.drawOrder = scene.bySize.slice().reverse();
    scene.edges = new Uint32Array(2 * graph.size);
    let e = 0;
    graph.forEachEdge((edge, attributes, source, target) => {
      scene.edges[e++] = scene.index.get(source);
      scene.edges[e++] = scene.index.get(target);
    });
    return scene;
  }

  // ---------------------------------------------------------------------------------------------------- layout

  /** Stops the layout that is running, if any; the positions reached so far stay. */
  stopLayout() {
    if (this.layout) {
      this.layoutWorker?.postMessage({ type: "stop" });
      this.layout = null;
    }
  }

  /**
   * Lays the graph out with ForceAtlas2 in a worker (graph-layout-worker.js, next to this file): the worker posts post
   * positions after each batch of iterations and each animation frame moves the drawing towards the latest of them.
   * Should the worker not start, the layout runs here, one step per frame.
   */
  startLayout() {
    this.stopLayout();
    const scene = this.scene;
    if (scene.count === 0) {
      return;
    }

    // The layout starts from what the reader sees.
    this.graph.updateEachNodeAttributes((node, attributes) => {
      const i = scene.index.get(node);
      attributes.x = scene.positions[2 * i];
      attributes.y = scene.positions[2 * i + 1];
      return attributes;
    }, { attributes: ["x", "y"] });
    const large = scene.count > 400;
    const settings = {
      linLogMode: false,
      outboundAttractionDistribution: false,
      adjustSizes: false,
      edgeWeightInfluence: 1,
      scalingRatio: large ? 10 : 4,
      strongGravityMode: true, // keeps posts without links near the rest instead of on a far ring
      gravity: 1,
      slowDown: 1 + Math.log(scene.count),
      barnesHutOptimize: large,
      barnesHutTheta: 0.6,
    };
    const matrices = layoutHelpers.graphToByteArrays(this.graph, () => 1);
    const milliseconds = this.options.layoutMilliseconds || LAYOUT_MILLISECONDS;
    const layout = { token: ++this.layoutRuns, running: true, started: performance.now(), latest: null, done: false, onPage: null };
    this.layout = layout;
    this.layoutIterations = 0;
    this.frames = [];
    this.scriptTimes = [];
    this.container.dataset.layout = "running";
    const worker = this.startWorker();
    if (worker === null) {
      layout.onPage = { settings, matrices, milliseconds };
    } else {
      worker.postMessage({ type: "start", token: layout.token, nodes: matrices.nodes, edges: matrices.edges, settings, milliseconds },
        [matrices.nodes.buffer, matrices.edges.buffer]);
    }

    this.requestDraw();
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
          this.layoutIterations = data.iterations;
          this.requestDraw();
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

  /** Takes in what the layout has reached since the last frame; the layout on the page takes one step here. */
  advanceLayout(layout, now) {
    if (layout.onPage) {
      const { settings, matrices, milliseconds } = layout.onPage;
      iterate(settings, matrices.nodes, matrices.edges);
      this.layoutIterations++;
      for (let i = 0, j = 0; i < this.scene.count; i++, j += 10) {
        this.target[2 * i] = matrices.nodes[j];
        this.target[2 * i + 1] = matrices.nodes[j + 1];
      }

      layout.done = now - layout.started >= milliseconds;
    } else if (layout.latest !== null) {
      this.target.set(layout.latest);
      layout.latest = null;
    }

    if (layout.done) {
      this.scene.positions.set(this.target);
      this.layout = null;
      this.container.dataset.layout = "done";
      if (this.follow) {
        this.camera.set(this.fitted(this.scene.positions));
      }
    }
  }

  /** Moves the drawing part of the way to the layout's positions; false once it is there. */
  ease() {
    const positions = this.scene.positions;
    const target = this.target;
    const epsilon = 0.25 / this.camera.scale; // a quarter of a pixel
    let moving = false;
    for (let i = 0; i < positions.length; i++) {
      const distance = target[i] - positions[i];
      if (distance > epsilon || distance < -epsilon) {
        positions[i] += distance * EASE;
        moving = true;
      } else {
        positions[i] = target[i];
      }
    }

    return moving;
  }

  // ---------------------------------------------------------------------------------------------------- drawing

  requestDraw() {
    if (this.frame === 0 && this.context) {
      this.frame = requestAnimationFrame((now) => this.render(now));
    }
  }

  render(now) {
    this.frame = 0;
    const scene = this.scene;
    const layout = this.layout;
    if (layout) {
      this.advanceLayout(layout, now);
    }

    let moving = this.ease();
    if (scene.count > 0) {
      const fitted = this.fitted(scene.positions);
      if (this.follow && !this.camera.animation) {
        this.camera.set(fitted);
      }
    }

    moving = this.camera.step(now) || moving;
    moving = moving || now - this.lastInteraction < STILL_AFTER || this.drag?.moved === true;
    const layoutRunning = this.layout !== null;
    const context = this.context;
    const drawingStarted = performance.now();
    context.setTransform(this.dpr, 0, 0, this.dpr, 0, 0);
    const drawn = drawGraph(context, scene, this.camera, {
      hovered: this.hovered,
      highlighted: this.highlighted,
      focused: this.focused,
      moving: moving || layoutRunning,
      // Thousands of titles are unreadable and costly to draw: they come once the layout has placed the posts.
      labels: !(layoutRunning && scene.count > 1000),
    });
    if (layoutRunning) {
      this.frames.push(now);
      this.scriptTimes.push(performance.now() - drawingStarted);
      this.edgesWhileMoving = drawn;
    }

    if (this.hovered >= 0) {
      this.placeTooltip(this.hovered);
    }

    if (moving || layoutRunning) {
      this.requestDraw();
    }
  }

  resize() {
    const box = this.container.getBoundingClientRect();
    const width = Math.max(1, Math.round(box.width));
    const height = Math.max(1, Math.round(box.height));
    this.dpr = Math.min(window.devicePixelRatio || 1, 2);
    this.canvas.width = Math.round(width * this.dpr);
    this.canvas.height = Math.round(height * this.dpr);
    this.camera.resize(width, height);
    this.requestDraw();
  }

  // ---------------------------------------------------------------------------------------------------- pointer and keys

  /** The post under a point of the view (pixels from its top left corner), or -1. */
  nodeAt(screenX, screenY) {
    const { scene, camera } = this;
    const x = camera.graphX(screenX);
    const y = camera.graphY(screenY);
    const sizeFactor = Math.sqrt(Math.max(camera.zoom, 0.05));
    let best = -1;
    let bestDistance = Infinity;
    for (let i = 0; i < scene.count; i++) {
      const dx = scene.positions[2 * i] - x;
      const dy = scene.positions[2 * i + 1] - y;
      const distance = dx * dx + dy * dy;
      const reach = (scene.radius[i] * sizeFactor + HIT_MARGIN) / camera.scale;
      if (distance <= reach * reach && distance < bestDistance) {
        best = i;
        bestDistance = distance;
      }
    }

    return best;
  }

  localPoint(event) {
    const box = this.canvas.getBoundingClientRect();
    return { x: event.clientX - box.left, y: event.clientY - box.top };
  }

  interacted() {
    this.follow = false;
    this.lastInteraction = performance.now();
    this.requestDraw();
  }

  pointerDown(event) {
    const point = this.localPoint(event);
    this.pointers.set(event.pointerId, point);
    this.canvas.setPointerCapture?.(event.pointerId);
    this.drag = this.pointers.size === 1 ? { ...point, moved: false } : { ...point, moved: true };
  }

  pointerMove(event) {
    const point = this.localPoint(event);
    if (this.pointers.size >= 2 && this.pointers.has(event.pointerId)) {
      // Two fingers: zoom by how much their distance changed, around the point between them.
      const [a, b] = [...this.pointers.values()];
      const before = Math.hypot(a.x - b.x, a.y - b.y);
      this.pointers.set(event.pointerId, point);
      const [c, d] = [...this.pointers.values()];
      const after = Math.hypot(c.x - d.x, c.y - d.y);
      if (before > 0 && after > 0) {
        this.camera.zoomAt(after / before, (c.x + d.x) / 2, (c.y + d.y) / 2);
        this.interacted();
      }

      return;
    }

    if (this.drag !== null && this.pointers.has(event.pointerId)) {
      const dx = point.x - this.drag.x;
      const dy = point.y - this.drag.y;
      if (this.drag.moved || Math.abs(dx) + Math.abs(dy) > DRAG_THRESHOLD) {
        this.drag = { ...point, moved: true };
        this.camera.panBy(dx, dy);
        this.canvas.style.cursor = "grabbing";
        this.interacted();
      }

      return;
    }

    this.hover(this.nodeAt(point.x, point.y));
  }

  pointerUp(event, cancelled = false) {
    const point = this.localPoint(event);
    this.pointers.delete(event.pointerId);
    const drag = this.drag;
    this.drag = this.pointers.size > 0 ? { ...[...this.pointers.values()][0], moved: true } : null;
    this.canvas.style.cursor = this.hovered >= 0 ? "pointer" : "";
    if (!cancelled && drag !== null && !drag.moved && this.pointers.size === 0) {
      const node = this.nodeAt(point.x, point.y);
      if (node >= 0) {
        this.open(node);
      }
    }

    this.requestDraw();
  }

  wheel(event) {
    event.preventDefault();
    const lines = event.deltaMode === 1 ? 16 : event.deltaMode === 2 ? 400 : 1;
    const point = this.localPoint(event);
    this.camera.zoomAt(Math.exp(-event.deltaY * lines * 0.002), point.x, point.y);
    this.interacted();
  }

  doubleClick(event) {
    const point = this.localPoint(event);
    const camera = this.camera;
    const x = camera.graphX(point.x);
    const y = camera.graphY(point.y);
    this.follow = false;
    camera.animateTo({ x, y, scale: camera.scale * 2 }, this.duration(250), performance.now());
    this.requestDraw();
  }

  hover(node) {
    if (node === this.hovered) {
      return;
    }

    this.hovered = node;
    if (node < 0) {
      this.highlighted = null;
      this.tooltip.hidden = true;
      this.canvas.style.cursor = "";
    } else {
      const key = this.scene.keys[node];
      const highlighted = new Uint8Array(this.scene.count);
      highlighted[node] = 1;
      this.graph.forEachNeighbor(key, (neighbour) => {
        highlighted[this.scene.index.get(neighbour)] = 1;
      });
      this.highlighted = highlighted;
      const attributes = this.graph.getNodeAttributes(key);
      this.tooltip.querySelector("[data-title]").textContent = attributes.label;
      this.tooltip.querySelector("[data-description]").textContent = attributes.description;
      this.tooltip.querySelector("[data-visited]").hidden = !attributes.visited;
      this.placeTooltip(node);
      this.tooltip.hidden = false;
      this.canvas.style.cursor = "pointer";
    }

    this.requestDraw();
  }

  placeTooltip(node) {
    const { x, y } = this.screenPosition(node);
    this.tooltip.style.left = `${Math.round(x + 12)}px`;
    this.tooltip.style.top = `${Math.round(y + 12)}px`;
  }

  open(node) {
    const url = this.graph.getNodeAttribute(this.scene.keys[node], "url");
    if (typeof url === "string" && url.startsWith("/b/")) {
      // Inside the frame on a post page the post opens in the page, not in the frame.
      (window.top || window).location.assign(url);
    }
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

  // ---------------------------------------------------------------------------------------------------- camera commands

  /** The camera showing every post at `positions`; small graphs, whose posts all have titles, keep room for them. */
  fitted(positions) {
    return this.camera.fitting(boundsOf(positions, this.scene.count), this.scene.count <= LABELLED_GRAPH ? LABEL_ROOM : 0);
  }

  duration(milliseconds) {
    return this.reducedMotion ? 0 : milliseconds;
  }

  /** Centres the camera on one post and marks it, for "find a post". */
  focus(id) {
    const node = this.scene.index.get(String(id));
    if (node === undefined) {
      return false;
    }

    this.focused = node;
    this.follow = false;
    const camera = this.camera;
    camera.animateTo({ x: this.target[2 * node], y: this.target[2 * node + 1], scale: camera.fitScale * 2.5 }, this.duration(400), performance.now());
    this.requestDraw();
    return true;
  }

  zoomIn() {
    this.zoomBy(1.5);
  }

  zoomOut() {
    this.zoomBy(1 / 1.5);
  }

  zoomBy(factor) {
    const camera = this.camera;
    this.follow = false;
    camera.animateTo({ x: camera.x, y: camera.y, scale: camera.scale * factor }, this.duration(200), performance.now());
    this.requestDraw();
  }

  /** Fits every post in view, and keeps them in view while the layout moves them. */
  fit(animate = true) {
    const camera = this.camera;
    this.follow = true;
    const target = this.fitted(this.target);
    camera.animateTo(target, animate ? this.duration(300) : 0, performance.now());
    this.requestDraw();
  }

  /** Fits the view and lays the graph out again from scratch. */
  reset() {
    this.focused = this.centre;
    this.fit();
    this.startLayout();
  }

  // ---------------------------------------------------------------------------------------------------- for tests and the benchmark

  /** Where a post is drawn, in pixels from the view's top left corner; `node` is its index or its id. */
  screenPosition(node) {
    const i = typeof node === "number" ? node : this.scene.index.get(String(node));
    return { x: this.camera.screenX(this.scene.positions[2 * i]), y: this.camera.screenY(this.scene.positions[2 * i + 1]) };
  }

  /** Frames drawn per second while the layout ran and what they drew, for the benchmark. */
  stats() {
    const frames = this.frames;
    const seconds = frames.length < 2 ? 0 : (frames[frames.length - 1] - frames[0]) / 1000;
    return {
      fps: seconds > 0 ? (frames.length - 1) / seconds : 0,
      frames: frames.length,
      nodes: this.scene.count,
      edges: this.scene.edges.length / 2,
      edgesWhileMoving: this.edgesWhileMoving,
      scriptMilliseconds: [...this.scriptTimes].sort((a, b) => a - b)[this.scriptTimes.length >> 1] ?? 0,
      layoutRunning: this.layout !== null,
      layoutIterations: this.layoutIterations,
      layoutInWorker: !!this.layoutWorker,
    };
  }

  dispose() {
    this.stopLayout();
    this.layoutWorker?.terminate();
    this.layoutWorker = null;
    cancelAnimationFrame(this.frame);
    this.frame = 0;
    this.context = null;
    for (const [target, name, handler, settings] of this.listeners) {
      target.removeEventListener(name, handler, settings);
    }

    this.resizeObserver.disconnect();
    this.canvas.remove();
  }
}

/** Called by the component once its elements are in the page. */
export function create(container, tooltip, options) {
  const view = new KnowledgeGraphView(container, tooltip, options);
  container.dataset.ready = "true";
  window.siteKnowledgeGraph = view;
  return view;
}
