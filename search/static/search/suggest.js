// Suggestions under the search box. Without this script the form works as it is.
(function () {
  "use strict";
  var input = document.querySelector("input[data-suggest-url]");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) return;
  var timer = null;
  var lastQuery = "";

  function clear() {
    list.textContent = "";
    list.hidden = true;
  }

  function show(suggestions) {
    list.textContent = "";
    suggestions.forEach(function (item) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      var link = document.createElement("a");
      link.href = item.url;
      link.textContent = item.title; // text, never HTML
      var type = document.createElement("span");
      type.className = "suggestion-type";
      type.textContent = " · " + item.type;
      link.appendChild(type);
      li.appendChild(link);
      list.appendChild(li);
    });
    list.hidden = suggestions.length === 0;
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query === lastQuery) return;
    lastQuery = query;
    if (query.length < 2) return clear();
    var url = input.getAttribute("data-suggest-url") + "?q=" + encodeURIComponent(query);
    fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (data) { if (input.value.trim() === query) show(data.suggestions || []); })
      .catch(clear);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (event.key === "Escape") clear();
    if (event.key === "ArrowDown" && !list.hidden) {
      var first = list.querySelector("a");
      if (first) { event.preventDefault(); first.focus(); }
    }
  });
})();
