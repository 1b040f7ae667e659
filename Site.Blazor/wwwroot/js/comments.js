// The comment form of a cached post page. The page is shared by every reader, so it carries no antiforgery token;
// this swaps the "Write a comment" link for the form and, when the form is sent, first fetches a token (and its
// cookie) from the uncached token endpoint. Without script the link leads to the comment page, which has its own.
const form = document.querySelector("form[data-comment-form]");
const link = document.querySelector("[data-comment-link]");
if (form) {
  form.hidden = false;
  if (link) link.closest("p")?.setAttribute("hidden", "");
  form.addEventListener("submit", async (event) => {
    const field = form.querySelector("input[data-antiforgery]");
    if (!field || field.value) return;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      const response = await fetch("/api/antiforgery", { credentials: "same-origin", cache: "no-store" });
      if (!response.ok) throw new Error(String(response.status));
      const { token, field: name } = await response.json();
      field.name = name;
      field.value = token;
      form.submit();
    } catch {
      if (button) button.disabled = false;
      if (link) window.location.assign(link.href);
    }
  });
}
