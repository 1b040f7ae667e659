// Remembers, in this browser only, which posts the reader has opened, so the knowledge graph can mark them.
// Nothing leaves the browser.
const key = "site.visited-posts";
const path = location.pathname.toLowerCase();
if (/^\/b\/[a-z0-9-]+\/[a-z0-9-]+\/$/.test(path)) {
  try {
    const stored = JSON.parse(localStorage.getItem(key) || "[]");
    const visited = Array.isArray(stored) ? stored.filter((p) => typeof p === "string" && p !== path) : [];
    visited.push(path);
    localStorage.setItem(key, JSON.stringify(visited.slice(-2000)));
  } catch {
    // Storage may be full or switched off; the graph then simply marks nothing.
  }
}
