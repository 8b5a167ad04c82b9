// Search results show a snippet of each page, fetched from the page itself. A browser blocks
// those fetches for a site opened from disk (file://) and logs errors, so skip snippets there.
if (window.location.protocol === "file:" && typeof DOCUMENTATION_OPTIONS !== "undefined") {
  DOCUMENTATION_OPTIONS.SHOW_SEARCH_SUMMARY = false;
}
