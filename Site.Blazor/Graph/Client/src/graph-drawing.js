// Draws the knowledge graph on a 2D canvas. A 2D canvas, not WebGL: on machines without a graphics card (servers,
// many virtual desktops, the screenshot job) browsers draw WebGL through a software emulation that manages a few frames
// a second for thousands of posts, while their 2D canvas draws the same picture in a few tens of milliseconds.

const EDGE_COLOUR = "rgba(156, 163, 175, 0.6)";
const EDGE_HIGHLIGHT = "#374151";
const DIMMED = "#d4d4d8";
const VISITED_RING = "#111827";
const FOCUS_RING = "#111827";
const BACKGROUND = "#ffffff";
const LABEL_FONT = "12px system-ui, -apple-system, 'Segoe UI', sans-serif";
const LABEL_COLOUR = "#111827";
const LABEL_MAX_CHARACTERS = 48;
const MAX_LABELS = 250;

/**
 * While the layout or the camera moves, at most this many edges are drawn (an even sample of all of them); the rest
 * come back in the first still frame. A software-drawn line across the view costs about 5 µs, so 20,000 of them would
 * hold each frame for a tenth of a second.
 */
const EDGES_WHILE_MOVING = 1500;

/**
 * Draws `scene` as `camera` sees it. `state`: hovered (index or -1), highlighted (a Uint8Array marking the hovered
 * post and its neighbours, or null), focused (index or -1), moving (fewer edges, no labels for large graphs) and
 * labels (whether labels are drawn at all). Returns how many edges it drew.
 */
export function drawGraph(context, scene, camera, state) {
  const { width, height } = camera;
  context.fillStyle = BACKGROUND;
  context.fillRect(0, 0, width, height);
  if (scene.count === 0) {
    return 0;
  }

  const positions = scene.positions;
  const scale = camera.scale;
  const offsetX = width / 2 - camera.x * scale;
  const offsetY = height / 2 - camera.y * scale;
  const sizeFactor = Math.sqrt(Math.max(camera.zoom, 0.05));
  const edgesDrawn = drawEdges(context, scene, state, scale, offsetX, offsetY, width, height);

  // Nodes: each its own small path. The software rasterizer's cost for a path grows with the area of its bounding
  // box, so one path of thousands of circles spread over the view costs several times what the same circles do apart.
  // When a post is hovered, everything outside its neighbourhood is drawn grey, below the rest.
  const highlighted = state.highlighted;
  const visible = (x, y, radius) => x + radius >= 0 && x - radius <= width && y + radius >= 0 && y - radius <= height;
  const eachNode = (indices, filter, paint) => {
    for (let k = 0; k < indices.length; k++) {
      const i = indices[k];
      if (filter(i)) {
        const x = positions[2 * i] * scale + offsetX;
        const y = positions[2 * i + 1] * scale + offsetY;
        const radius = scene.radius[i] * sizeFactor;
        if (visible(x, y, radius)) {
          context.beginPath();
          context.arc(x, y, radius, 0, 2 * Math.PI);
          paint(i);
        }
      }
    }
  };
  let colour = -1;
  const fill = (i) => {
    if (scene.colourOf[i] !== colour) {
      colour = scene.colourOf[i];
      context.fillStyle = scene.colours[colour];
    }

    context.fill();
  };
  const stroke = () => context.stroke();
  const inNeighbourhood = highlighted ? (i) => highlighted[i] === 1 : () => true;

  if (highlighted) {
    context.fillStyle = DIMMED;
    eachNode(scene.drawOrder, (i) => !highlighted[i], () => context.fill());
  }

  // Smaller posts first, so the most linked ones are on top.
  eachNode(scene.drawOrder, inNeighbourhood, fill);

  // Rings: posts this reader has visited, and the focused one.
  context.strokeStyle = VISITED_RING;
  context.lineWidth = 1.5;
  eachNode(scene.visitedIndices, inNeighbourhood, stroke);
  if (state.focused >= 0) {
    const focused = state.focused;
    context.strokeStyle = FOCUS_RING;
    context.lineWidth = 2.5;
    context.beginPath();
    context.arc(positions[2 * focused] * scale + offsetX, positions[2 * focused + 1] * scale + offsetY, scene.radius[focused] * sizeFactor + 3, 0, 2 * Math.PI);
    context.stroke();
  }

  if (state.labels) {
    drawLabels(context, scene, state, scale, offsetX, offsetY, sizeFactor, width, height);
  }

  return edgesDrawn;
}

function drawEdges(context, scene, state, scale, offsetX, offsetY, width, height) {
  const { edges, positions } = scene;
  const edgeCount = edges.length / 2;
  const hovered = state.hovered;
  const line = (e) => {
    const a = 2 * edges[2 * e];
    const b = 2 * edges[2 * e + 1];
    const x1 = positions[a] * scale + offsetX;
    const y1 = positions[a + 1] * scale + offsetY;
    const x2 = positions[b] * scale + offsetX;
    const y2 = positions[b + 1] * scale + offsetY;
    // Both ends beyond the same side of the view: the line cannot cross it.
    if ((x1 < 0 && x2 < 0) || (x1 > width && x2 > width) || (y1 < 0 && y2 < 0) || (y1 > height && y2 > height)) {
      return false;
    }

    context.moveTo(x1, y1);
    context.lineTo(x2, y2);
    return true;
  };

  let drawn = 0;
  context.beginPath();
  if (hovered >= 0) {
    // Only the hovered post's links, dark and thicker.
    for (let e = 0; e < edgeCount; e++) {
      if ((edges[2 * e] === hovered || edges[2 * e + 1] === hovered) && line(e)) {
        drawn++;
      }
    }

    context.strokeStyle = EDGE_HIGHLIGHT;
    context.lineWidth = 1.5;
  } else {
    const step = state.moving && edgeCount > EDGES_WHILE_MOVING ? Math.ceil(edgeCount / EDGES_WHILE_MOVING) : 1;
    for (let e = 0; e < edgeCount; e += step) {
      if (line(e)) {
        drawn++;
      }
    }

    context.strokeStyle = EDGE_COLOUR;
    context.lineWidth = edgeCount > 2000 ? 0.5 : 1;
  }

  context.stroke();
  return drawn;
}

/**
 * Titles of the larger posts, biggest first, each only where it overlaps no title already placed; the hovered and the
 * focused post always get theirs, and while a post is hovered only its neighbours are labelled. Titles have a white
 * halo so they read over edges.
 */
function drawLabels(context, scene, state, scale, offsetX, offsetY, sizeFactor, width, height) {
  const positions = scene.positions;
  const placed = [];
  context.font = LABEL_FONT;
  context.textBaseline = "middle";
  context.lineJoin = "round";
  context.lineWidth = 3;
  context.strokeStyle = "rgba(255, 255, 255, 0.9)";
  context.fillStyle = LABEL_COLOUR;
  const place = (i, forced) => {
    const radius = scene.radius[i] * sizeFactor;
    const x = positions[2 * i] * scale + offsetX + radius + 6;
    const y = positions[2 * i + 1] * scale + offsetY;
    if (x > width || y < -8 || y > height + 8) {
      return;
    }

    const text = scene.labels[i].length > LABEL_MAX_CHARACTERS ? scene.labels[i].slice(0, LABEL_MAX_CHARACTERS - 1) + "…" : scene.labels[i];
    const box = { left: x, right: x + context.measureText(text).width, top: y - 8, bottom: y + 8 };
    if (box.right < 0 || (!forced && placed.some((b) => b.left < box.right && box.left < b.right && b.top < box.bottom && box.top < b.bottom))) {
      return;
    }

    placed.push(box);
    context.strokeText(text, x, y);
    context.fillText(text, x, y);
  };

  if (state.focused >= 0) {
    place(state.focused, true);
  }

  if (state.hovered >= 0) {
    place(state.hovered, true);
  }

  const highlighted = state.highlighted;
  const minimum = scene.count > 1000 ? 7 : scene.count > 200 ? 5 : 0;
  for (let k = 0; k < scene.bySize.length && placed.length < MAX_LABELS; k++) {
    const i = scene.bySize[k];
    if (i === state.focused || i === state.hovered || (highlighted && !highlighted[i])) {
      continue;
    }

    if (highlighted || scene.radius[i] * sizeFactor >= minimum) {
      place(i, false);
    } else {
      break; // every post after this one is smaller still
    }
  }
}
