// Turns the header's search form into a combobox with suggestions (WAI-ARIA combobox with a listbox popup).
// Suggestions are asked for 150 ms after the last keystroke; a newer request aborts the one in flight, and an answer
// for text that is no longer in the box is dropped. ↑/↓ move (wrapping), Enter opens the chosen suggestion or submits
// the form as a search, Esc and a click elsewhere close the list. Without script the form is a plain GET to /search/.
const form = document.querySelector("form.site-search[data-suggestions]");
const input = form?.querySelector("input[name=q]");
const list = form?.querySelector("[role=listbox]");
const minLength = 2;
const delay = 150;
const typeNames = { post: "Post", project: "Project", book: "Book", album: "Album", photo: "Photo" };

if (form && input && list) {
  let items = [];
  let active = -1;
  let timer = 0;
  let controller = null;

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

  const close = () => {
    list.hidden = true;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
    active = -1;
  };

  const select = (index) => {
    const options = list.querySelectorAll("[role=option]");
    options.forEach((option, i) => option.setAttribute("aria-selected", i === index ? "true" : "false"));
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  };

  const render = (suggestions) => {
    items = suggestions;
    list.replaceChildren(...suggestions.map((item, i) => {
      const option = document.createElement("li");
      option.id = `site-search-option-${i}`;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      const title = document.createElement("span");
      title.textContent = item.title;
      const type = document.createElement("span");
      type.className = "suggestion-type";
      type.textContent = typeNames[item.type] ?? item.type;
      option.append(title, type);
      // mousedown would blur the input first; keep the focus and open the suggestion on click.
      option.addEventListener("mousedown", (event) => event.preventDefault());
      option.addEventListener("click", () => open(i));
      return option;
    }));
    active = -1;
    if (items.length > 0) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      input.removeAttribute("aria-activedescendant");
    } else {
      close();
    }
  };

  const open = (index) => {
    const url = items[index]?.url;
    if (url && url.startsWith("/") && !url.startsWith("//")) {
      window.location.assign(url);
    }
  };

  const fetchSuggestions = async (text) => {
    controller?.abort();
    controller = new AbortController();
    try {
      const response = await fetch(`${form.dataset.suggestions}?q=${encodeURIComponent(text)}`, {
        signal: controller.signal,
        headers: { Accept: "application/json" },
      });
      if (!response.ok) return;
      const suggestions = await response.json();
      if (input.value.trim() === text && Array.isArray(suggestions)) render(suggestions);
    } catch (error) {
      if (error.name !== "AbortError") close();
    }
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.trim();
    if (text.length < minLength) {
      controller?.abort();
      items = [];
      close();
      return;
    }
    timer = setTimeout(() => fetchSuggestions(text), delay);
  });

  input.addEventListener("keydown", (event) => {
    const count = items.length;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (count === 0) return;
        event.preventDefault();
        if (list.hidden) {
          list.hidden = false;
          input.setAttribute("aria-expanded", "true");
        }
        const step = event.key === "ArrowDown" ? 1 : -1;
        select(active < 0 ? (step > 0 ? 0 : count - 1) : (active + step + count) % count);
        break;
      }
      case "Enter":
        if (!list.hidden && active >= 0) {
          event.preventDefault();
          open(active);
        }
        break;
      case "Escape":
        if (!list.hidden) {
          event.preventDefault();
          close();
        }
        break;
    }
  });

  document.addEventListener("click", (event) => {
    if (!form.contains(event.target)) close();
  });
  input.addEventListener("blur", () => setTimeout(() => {
    if (!form.contains(document.activeElement)) close();
  }, 0));
}
