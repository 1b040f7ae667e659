// The album page's lightbox. Without this script every tile is a plain link to the photo's own page; with it, a
// click opens the photo over the grid: the thumbnail at once, then the display size, with the neighbours preloaded.
// Keys: Escape closes, ← and → move; a swipe moves too. Focus stays inside while it is open and returns to the tile.
// The address carries #photo=<id>, so a photo can be linked to directly. The EXIF panel is fetched on demand.
const grid = document.querySelector('[data-lightbox]');
if (grid) {
  const links = Array.from(grid.querySelectorAll('a[data-photo]'));
  const box = document.createElement('div');
  box.className = 'lightbox';
  box.hidden = true;
  box.setAttribute('role', 'dialog');
  box.setAttribute('aria-modal', 'true');
  box.setAttribute('aria-label', 'Photo viewer');
  box.innerHTML = `
    <div class="lightbox-bar">
      <span class="lightbox-caption" aria-live="polite"></span>
      <button type="button" data-action="exif" aria-expanded="false">Info</button>
      <a data-action="download" download hidden>Download</a>
      <button type="button" data-action="previous" aria-label="Previous photo">←</button>
      <button type="button" data-action="next" aria-label="Next photo">→</button>
      <button type="button" data-action="close" aria-label="Close">✕</button>
    </div>
    <div class="lightbox-stage"><img alt=""></div>
    <dl class="lightbox-exif" hidden></dl>`;
  document.body.appendChild(box);
  const image = box.querySelector('.lightbox-stage img');
  const caption = box.querySelector('.lightbox-caption');
  const exifButton = box.querySelector('[data-action="exif"]');
  const exifPanel = box.querySelector('.lightbox-exif');
  const download = box.querySelector('[data-action="download"]');
  const exifCache = new Map();
  let current = -1;
  let opener = null;
  let touchStartX = null;

  const labels = { camera: 'Camera', lens: 'Lens', focalLength: 'Focal length', aperture: 'Aperture', shutter: 'Shutter', iso: 'ISO', takenAt: 'Taken' };

  function preload(index) {
    const link = links[index];
    if (!link || !link.dataset.srcset) return;
    const img = new Image();
    img.sizes = '100vw';
    img.srcset = link.dataset.srcset;
  }

  function show(index) {
    current = (index + links.length) % links.length;
    const link = links[current];
    // The thumbnail is already in the browser's cache: show it at once, then swap in the display size once loaded.
    image.removeAttribute('srcset');
    image.src = link.dataset.thumb || '';
    image.alt = link.dataset.name || '';
    image.width = Number(link.dataset.width) || 0;
    image.height = Number(link.dataset.height) || 0;
    if (link.dataset.srcset) {
      const full = new Image();
      full.sizes = '100vw';
      full.srcset = link.dataset.srcset;
      full.onload = () => {
        if (links[current] === link) {
          image.sizes = '100vw';
          image.srcset = link.dataset.srcset;
        }
      };
    }
    caption.textContent = `${link.dataset.name || ''} (${current + 1} of ${links.length})`;
    download.hidden = !link.dataset.download;
    if (link.dataset.download) download.href = link.dataset.download;
    if (!exifPanel.hidden) loadExif();
    preload(current + 1);
    preload(current - 1);
    history.replaceState(null, '', `#photo=${link.dataset.photo}`);
  }

  function open(index, from) {
    opener = from || links[index];
    box.hidden = false;
    document.body.style.overflow = 'hidden';
    show(index);
    box.querySelector('[data-action="close"]').focus();
  }

  function close() {
    box.hidden = true;
    document.body.style.overflow = '';
    history.replaceState(null, '', location.pathname + location.search);
    if (opener) opener.focus();
  }

  async function loadExif() {
    const link = links[current];
    let facts = exifCache.get(link.dataset.exif);
    if (!facts) {
      exifPanel.textContent = 'Loading…';
      try {
        const response = await fetch(link.dataset.exif, { credentials: 'same-origin' });
        facts = response.ok ? await response.json() : {};
      } catch {
        facts = {};
      }
      exifCache.set(link.dataset.exif, facts);
    }
    if (links[current] !== link) return;
    exifPanel.textContent = '';
    for (const [key, label] of Object.entries(labels)) {
      if (facts[key] === null || facts[key] === undefined) continue;
      const dt = document.createElement('dt');
      dt.textContent = label;
      const dd = document.createElement('dd');
      dd.textContent = String(facts[key]);
      exifPanel.append(dt, dd);
    }
    if (!exifPanel.childElementCount) exifPanel.textContent = 'No camera details recorded.';
  }

  links.forEach((link, index) => link.addEventListener('click', event => {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    open(index, link);
  }));

  box.addEventListener('click', event => {
    const action = event.target.closest('[data-action]')?.dataset.action;
    if (action === 'close') close();
    else if (action === 'next') show(current + 1);
    else if (action === 'previous') show(current - 1);
    else if (action === 'exif') {
      exifPanel.hidden = !exifPanel.hidden;
      exifButton.setAttribute('aria-expanded', String(!exifPanel.hidden));
      if (!exifPanel.hidden) loadExif();
    }
  });

  document.addEventListener('keydown', event => {
    if (box.hidden) return;
    if (event.key === 'Escape') { event.preventDefault(); close(); }
    else if (event.key === 'ArrowRight') { event.preventDefault(); show(current + 1); }
    else if (event.key === 'ArrowLeft') { event.preventDefault(); show(current - 1); }
    else if (event.key === 'Tab') {
      // Keep focus inside the viewer while it is open.
      const focusable = Array.from(box.querySelectorAll('button, a[href]:not([hidden])'));
      const first = focusable[0];
      const last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      else if (!box.contains(document.activeElement)) { event.preventDefault(); first.focus(); }
    }
  });

  const stage = box.querySelector('.lightbox-stage');
  stage.addEventListener('touchstart', event => { touchStartX = event.changedTouches[0].clientX; }, { passive: true });
  stage.addEventListener('touchend', event => {
    if (touchStartX === null) return;
    const distance = event.changedTouches[0].clientX - touchStartX;
    touchStartX = null;
    if (Math.abs(distance) > 50) show(current + (distance < 0 ? 1 : -1));
  });

  const linked = /^#photo=([0-9a-f-]{36})$/i.exec(location.hash);
  if (linked) {
    const index = links.findIndex(link => link.dataset.photo === linked[1].toLowerCase());
    if (index >= 0) open(index);
  }
}
