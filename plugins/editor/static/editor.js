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
  const INTERNAL = /^_/; // the form's own values (_raw, _numero, _page…), never fields

  // The file as it was rides in the form as a JSON string: Sveltia CMS trims every
  // value it saves, which would take the file's last newline with it.
  function fields(text) {
    return { ...window.KirbyFormat.parse(text), [RAW]: JSON.stringify(text) };
  }

  function original(data) {
    const value = (data || {})[RAW];
    if (typeof value !== "string" || !value) return "";
    try {
      const text = JSON.parse(value);
      if (typeof text === "string") return text;
    } catch (error) {
      // A draft kept from before: the text itself.
    }
    return value;
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
    toFile: (data) => window.KirbyFormat.serialize(original(data), changes(data, [])),
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
      const raw = original(data);
      const values = changes(data, ["actions", "text_after", "text"]);
      const old = window.KirbyFormat.parse(raw).text;
      const text = window.ActionsFormat.join(old || "", {
        text: data.text || "", actions: data.actions || [], after: data.text_after || "",
      });
      if (old !== undefined || text) values.text = text;
      return window.KirbyFormat.serialize(raw, values);
    },
  };

  // An image's meta file (`1_logement/photo.jpg.md`, kirby-format.md): which page and
  // which image it describes come from its path (bundle.py hands the path over).
  const image = {
    fromFile(text, path) {
      const parts = String(path || "").split("/");
      const name = parts.pop() || "";
      // `photo.jpg.md`, or `photo.jpg.en.md` on a multi-language site.
      const words = name.split(".");
      words.pop();
      const languages = (window.EDITOR_CONFIG || {}).languages || [];
      if (words.length > 2 && languages.includes(words.at(-1))) words.pop();
      return { ...fields(text), _page: parts.pop() || "", _image: words.join(".") };
    },
    toFile: kirby.toFile,
  };

  // For the tests, which open and save every fixture through them in the browser.
  window.EditorFormats = { kirby, "kirby-actions": withActions, "kirby-image": image };

  function start() {
    window.CMS.registerCustomFormat("kirby", window.EDITOR_CONFIG.extension || "md", kirby);
    window.CMS.registerCustomFormat("kirby-actions", window.EDITOR_CONFIG.extension || "md",
      withActions);
    window.CMS.registerCustomFormat("kirby-image", window.EDITOR_CONFIG.extension || "md", image);
    window.CMS.init({ config: window.EDITOR_CONFIG.config });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
