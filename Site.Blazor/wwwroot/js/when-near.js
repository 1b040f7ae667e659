// Resolves once the element is within a screen's height of the viewport, so a heavy widget further down the page
// loads only for readers who scroll towards it.
export function whenNear(element) {
  return new Promise((resolve) => {
    if (!("IntersectionObserver" in window)) {
      resolve();
      return;
    }

    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) {
        observer.disconnect();
        resolve();
      }
    }, { rootMargin: "100% 0px" });
    observer.observe(element);
  });
}
