// Where the knowledge graph's camera looks: a point of the layout at the centre of the view and a scale (screen pixels
// per layout unit). Converts between the two spaces, keeps zoom within bounds relative to "the whole graph fits", and
// eases towards a target for fit, focus and the zoom buttons.

const MIN_ZOOM = 0.1; // relative to the scale at which the whole graph fits
const MAX_ZOOM = 20;
const FIT_PADDING = 24; // pixels kept free around the fitted graph

export class Camera {
  constructor() {
    this.x = 0;
    this.y = 0;
    this.scale = 1;
    this.width = 1;
    this.height = 1;
    this.fitScale = 1;
    this.animation = null;
  }

  /** How far the view is zoomed relative to the whole graph fitting it. */
  get zoom() {
    return this.scale / this.fitScale;
  }

  resize(width, height) {
    this.width = Math.max(1, width);
    this.height = Math.max(1, height);
  }

  /** Screen x of a layout x (pixels from the view's left edge). */
  screenX(x) {
    return (x - this.x) * this.scale + this.width / 2;
  }

  screenY(y) {
    return (y - this.y) * this.scale + this.height / 2;
  }

  graphX(screenX) {
    return (screenX - this.width / 2) / this.scale + this.x;
  }

  graphY(screenY) {
    return (screenY - this.height / 2) / this.scale + this.y;
  }

  /**
   * The camera that shows all of `bounds` ({minX, maxX, minY, maxY}) with a margin, and `labelRoom` pixels more on the
   * right for the titles written beside the posts; it also becomes the reference for zoom limits.
   */
  fitting(bounds, labelRoom = 0) {
    const room = Math.min(labelRoom, this.width * 0.4);
    const width = Math.max(bounds.maxX - bounds.minX, 1e-6);
    const height = Math.max(bounds.maxY - bounds.minY, 1e-6);
    const scale = Math.max(1e-6, Math.min((this.width - 2 * FIT_PADDING - room) / width, (this.height - 2 * FIT_PADDING) / height));
    this.fitScale = scale;
    // Centred in the view less the label room, so the room is on the right.
    return { x: (bounds.minX + bounds.maxX) / 2 + room / 2 / scale, y: (bounds.minY + bounds.maxY) / 2, scale };
  }

  set(target) {
    this.animation = null;
    this.x = target.x;
    this.y = target.y;
    this.scale = this.clampScale(target.scale);
  }

  clampScale(scale) {
    return Math.min(this.fitScale * MAX_ZOOM, Math.max(this.fitScale * MIN_ZOOM, scale));
  }

  /** Eases to `target` over `duration` ms (at once when the reader asked for reduced motion). */
  animateTo(target, duration, now) {
    const clamped = { ...target, scale: this.clampScale(target.scale) };
    if (duration <= 0) {
      this.set(clamped);
      return;
    }

    this.animation = { from: { x: this.x, y: this.y, scale: this.scale }, to: clamped, started: now, duration };
  }

  /** Advances an animation to `now`; true while one is still running. */
  step(now) {
    const animation = this.animation;
    if (!animation) {
      return false;
    }

    const t = Math.min(1, (now - animation.started) / animation.duration);
    const eased = t < 0.5 ? 2 * t * t : 1 - (-2 * t + 2) ** 2 / 2;
    const { from, to } = animation;
    this.x = from.x + (to.x - from.x) * eased;
    this.y = from.y + (to.y - from.y) * eased;
    // Scale eases geometrically, so zooming feels even at every level.
    this.scale = from.scale * (to.scale / from.scale) ** eased;
    if (t >= 1) {
      this.animation = null;
    }

    return this.animation !== null;
  }

  /** Zooms by `factor` keeping the layout point under (screenX, screenY) where it is. */
  zoomAt(factor, screenX, screenY) {
    this.animation = null;
    const x = this.graphX(screenX);
    const y = this.graphY(screenY);
    this.scale = this.clampScale(this.scale * factor);
    this.x = x - (screenX - this.width / 2) / this.scale;
    this.y = y - (screenY - this.height / 2) / this.scale;
  }

  panBy(dx, dy) {
    this.animation = null;
    this.x -= dx / this.scale;
    this.y -= dy / this.scale;
  }
}

/** The smallest box around the first `count` points of an x, y, x, y… array. */
export function boundsOf(positions, count) {
  let minX = Infinity;
  let maxX = -Infinity;
  let minY = Infinity;
  let maxY = -Infinity;
  for (let i = 0; i < count; i++) {
    const x = positions[2 * i];
    const y = positions[2 * i + 1];
    if (x < minX) minX = x;
    if (x > maxX) maxX = x;
    if (y < minY) minY = y;
    if (y > maxY) maxY = y;
  }

  return count === 0 ? { minX: -1, maxX: 1, minY: -1, maxY: 1 } : { minX, maxX, minY, maxY };
}
