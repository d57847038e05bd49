// Starts the editor: French, the Kirby formats, then the configuration made from the
// content (config.js). Runs before the Sveltia CMS bundle, which reads
// CMS_MANUAL_INIT when it loads.
(function () {
  "use strict";

  window.CMS_MANUAL_INIT = true;

  // Sveltia CMS follows the browser's language and has no option for it; a saved
  // preference wins over the browser's (its `sveltia-cms.prefs` in localStorage).
  try {
    const key = "sveltia-cms.prefs";
    const prefs = JSON.parse(localStorage.getItem(key) || "{}");
    if (prefs.locale !== "fr") localStorage.setItem(key, JSON.stringify({ ...prefs, locale: "fr" }));
  } catch (error) {
    // Private browsing without storage: the editor then follows the browser.
  }

  const RAW = "_raw";
  const INTERNAL = /^_/; // the form's own values (_raw, _numero), never fields

  function fields(text) {
    return { ...window.KirbyFormat.parse(text), [RAW]: text };
  }

  // The form's values written into the file as it was (kirby-format.js).
  function changes(data, skip) {
    const values = {};
    for (const [key, value] of Object.entries(data || {})) {
      if (INTERNAL.test(key) || skip.includes(key) || value === undefined || value === null) continue;
      values[key] = typeof value === "string" ? value : String(value);
    }
    return values;
  }

  const kirby = {
    fromFile: (text) => fields(text),
    toFile: (data) => window.KirbyFormat.serialize(data[RAW] || "", changes(data, [])),
  };

  // A theme: its Text cut into the text, the actions and the text after them.
  const withActions = {
    fromFile(text) {
      const values = fields(text);
      const parts = window.ActionsFormat.split(values.text || "");
      return {
        ...values, text: parts.text, text_after: parts.after,
        actions: parts.actions.map(({ name, need, synthesis, extras }) => ({
          name, need, synthesis, extras: extras.map(({ label, value }) => ({ label, value })),
        })),
      };
    },
    toFile(data) {
      const raw = data[RAW] || "";
      const values = changes(data, ["actions", "text_after", "text"]);
      const old = window.KirbyFormat.parse(raw).text;
      const text = window.ActionsFormat.join(old || "", {
        text: data.text || "", actions: data.actions || [], after: data.text_after || "",
      });
      if (old !== undefined || text) values.text = text;
      return window.KirbyFormat.serialize(raw, values);
    },
  };

  // For the tests, which open and save every fixture through them in the browser.
  window.EditorFormats = { kirby, "kirby-actions": withActions };

  function start() {
    window.CMS.registerCustomFormat("kirby", window.EDITOR_CONFIG.extension || "md", kirby);
    window.CMS.registerCustomFormat("kirby-actions", window.EDITOR_CONFIG.extension || "md",
      withActions);
    window.CMS.init({ config: window.EDITOR_CONFIG.config });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
