// The search page: Pagefind, loaded here only, so other pages carry no script.
const pagefindUrl = new URL("../../pagefind/pagefind.js", import.meta.url);
const form = document.querySelector("[data-search-form]");
const input = form.querySelector("input[type=search]");
const status = document.querySelector("[data-search-status]");
const list = document.querySelector("[data-search-results]");
const MAX_RESULTS = 20;
// The index was given « d’ Asnières » so that « Asnières » is a word of its own
// (plugins/search/index.py); excerpts get their elisions back.
const ELISION = /(^|[^\p{L}'’])(qu|jusqu|lorsqu|puisqu|quoiqu|presqu|[cdjlmnst])(['’]) (?=<mark>|\p{L})/giu;

let pagefind;

async function search(query) {
  list.replaceChildren();
  if (!query.trim()) {
    status.textContent = "Tapez un ou plusieurs mots, par exemple « emploi ».";
    return;
  }
  status.textContent = "Recherche en cours…";
  pagefind ??= await import(pagefindUrl.href);
  const found = await pagefind.search(query);
  const results = await Promise.all(found.results.slice(0, MAX_RESULTS).map((r) => r.data()));
  if (results.length === 0) {
    status.textContent = `Aucun résultat pour « ${query} ». Essayez un autre mot, ou parcourez la liste des actions.`;
    return;
  }
  const count = found.results.length;
  status.textContent = `${count} résultat${count > 1 ? "s" : ""} pour « ${query} ».`;
  for (const result of results) list.append(render(result));
}

function render(result) {
  const item = document.createElement("li");
  const heading = document.createElement("h2");
  const link = document.createElement("a");
  link.href = result.meta.target || result.url;
  link.textContent = result.meta.title || result.url;
  heading.append(link);
  item.append(heading);
  if (result.meta.page) {
    const page = document.createElement("p");
    page.className = "search-page";
    page.textContent = `Action de la page « ${result.meta.page} »`;
    item.append(page);
  }
  const excerpt = document.createElement("p");
  // Pagefind's excerpt is the page's own escaped text with <mark> around matches.
  excerpt.innerHTML = result.excerpt.replace(ELISION, "$1$2$3");
  item.append(excerpt);
  return item;
}

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const url = new URL(location.href);
  url.searchParams.set("q", input.value);
  history.replaceState(null, "", url);
  search(input.value);
});

const initial = new URLSearchParams(location.search).get("q") || "";
input.value = initial;
if (initial) search(initial);
