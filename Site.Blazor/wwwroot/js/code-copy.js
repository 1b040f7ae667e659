// Shows the copy button of each code block and copies the code (without line numbers, which are CSS) when pressed.
// Without script the buttons stay hidden, so nobody sees a button that does nothing.
for (const figure of document.querySelectorAll("figure.code-block")) {
  const button = figure.querySelector("button.code-copy");
  const code = figure.querySelector("code");
  if (!button || !code || !navigator.clipboard) continue;
  button.hidden = false;
  button.addEventListener("click", async () => {
    try {
      await navigator.clipboard.writeText(code.textContent);
      button.textContent = "Copied";
    } catch {
      button.textContent = "Select and copy";
    }
    setTimeout(() => { button.textContent = "Copy"; }, 2000);
  });
}
