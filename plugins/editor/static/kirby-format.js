// Kirby's field format (kirby-format.md §2) for the browser editor: a file's text to
// the form's values and back, byte for byte where nothing changed.
//
// The reading rules are plugins/kirby/fields.py's, line for line; the two are tested
// against the same table of cases (tests/fixtures/format-cases.json) so that they
// cannot drift. Writing is not Kirby's Txt::encode of the whole file: the file's own
// text is kept (its separators, line endings, escaped dividers, unknown fields,
// chunks without a key), and only the value of a field the form changed is
// rewritten, in place. Loaded by /admin/ as a plain script (window.KirbyFormat) and
// by Node in the tests (module.exports).
(function (root) {
  "use strict";

  // §2.2 — ASCII whitespace only: `\s` would also eat NBSP.
  const SEPARATOR = /\n----[ \t\n\r\f\v]*\n*/g;
  // §2.4 — PHP's trim() set: NBSP and U+FEFF are deliberately not in it.
  const TRIM = " \t\n\r\0\x0b";
  const ESCAPED_DIVIDER = /(^|\n)\\----/g;
  const DIVIDER = /(^|\n)----/g;

  function trimStart(text) {
    let i = 0;
    while (i < text.length && TRIM.includes(text[i])) i += 1;
    return text.slice(i);
  }

  function trimEnd(text) {
    let i = text.length;
    while (i > 0 && TRIM.includes(text[i - 1])) i -= 1;
    return text.slice(0, i);
  }

  function normaliseKey(raw) {
    return trimEnd(trimStart(raw)).toLowerCase().replace(/-/g, "_").replace(/ /g, "_");
  }

  // The file cut at its separators: [{text, separator}], the separator being what
  // follows the chunk ("" for the last one). Joined back, they are the file.
  function chunks(text) {
    const parts = [];
    let start = 0;
    for (const match of text.matchAll(SEPARATOR)) {
      parts.push({ text: text.slice(start, match.index), separator: match[0] });
      start = match.index + match[0].length;
    }
    parts.push({ text: text.slice(start), separator: "" });
    return parts;
  }

  // One chunk's field: its key, its value and the chunk cut around the value
  // (head = key, colon and the blanks before the value; tail = blanks after it).
  function chunkField(chunk) {
    const colon = chunk.indexOf(":");
    if (colon <= 0) return null; // §2.3: no colon, or the chunk starts with it
    const key = normaliseKey(chunk.slice(0, colon));
    if (!key) return null;
    const rest = chunk.slice(colon + 1);
    const raw = trimEnd(trimStart(rest));
    // An empty value's blanks: those on the key's line stay before it, the following
    // lines after it, so that filling the value keeps the lines around it.
    const lead = raw ? rest.length - trimStart(rest).length : rest.search(/[\r\n]|$/);
    return {
      key,
      spelling: trimStart(chunk.slice(0, colon)).trimEnd(),
      value: raw.replace(ESCAPED_DIVIDER, "$1----"),
      head: chunk.slice(0, colon + 1 + lead),
      tail: raw ? rest.slice(lead + raw.length) : rest.slice(lead),
      multiline: raw.includes("\n") || rest.slice(0, lead).includes("\n"),
    };
  }

  function withoutBom(text) {
    return text.startsWith("\ufeff") ? [text.slice(1), "\ufeff"] : [text, ""];
  }

  // The fields of a content file, {key: value} in file order; the last duplicate
  // wins but keeps the first one's place (§2.6), as in Python's dict.
  function parse(text) {
    const fields = {};
    for (const part of chunks(withoutBom(text)[0])) {
      const field = chunkField(part.text);
      if (field) fields[field.key] = field.value;
    }
    return fields;
  }

  // The file's line ending, so that a rewritten value keeps the file's own.
  function lineEnding(text) {
    return text.includes("\r\n") ? "\r\n" : "\n";
  }

  function encodeValue(value, eol) {
    const text = trimEnd(trimStart(value.replace(/\r\n/g, "\n"))).replace(DIVIDER, "$1\\----");
    return eol === "\n" ? text : text.replace(/\n/g, eol);
  }

  // Kirby writes a field's key with a capital (Txt::encode through ucfirst).
  function spell(key) {
    return key.slice(0, 1).toUpperCase() + key.slice(1);
  }

  // `original` with the values of `changes` ({key: value}) written in: a field whose
  // value is unchanged keeps its chunk as it was; a changed one keeps its key as
  // written and the blanks around its value; a new non-empty field is added at the
  // end, written as Kirby writes it. Keys absent from `changes` are untouched.
  function serialize(original, changes) {
    const [text, bom] = withoutBom(original || "");
    const eol = lineEnding(text);
    const current = parse(text);
    const parts = chunks(text);
    // The last chunk of a key is the one that counts (§2.6): it is the one rewritten.
    const last = {};
    parts.forEach((part, index) => {
      const field = chunkField(part.text);
      if (field) last[field.key] = index;
    });
    const rewritten = parts.map((part, index) => {
      const field = chunkField(part.text);
      if (!field || last[field.key] !== index || !(field.key in changes)) return part.text;
      const value = changes[field.key];
      if (typeof value !== "string" || value === current[field.key]) return part.text;
      const encoded = encodeValue(value, eol);
      const multiline = encoded.includes("\n");
      if (multiline === field.multiline || !encoded) {
        return field.head + encoded + field.tail;
      }
      // From one line to several (or back): Kirby's layout for the value (§2.4).
      const layout = multiline ? eol + eol : " ";
      return `${field.spelling}:${layout}${encoded}${field.tail}`;
    });
    let result = parts.map((part, index) => rewritten[index] + part.separator).join("");
    const added = Object.entries(changes).filter(
      ([key, value]) => !(key in current) && typeof value === "string" && encodeValue(value, eol),
    );
    for (const [key, value] of added) {
      const encoded = encodeValue(value, eol);
      const layout = encoded.includes("\n") ? eol + eol : " ";
      const chunk = `${spell(key)}:${layout}${encoded}`;
      const body = trimEnd(result);
      result = body ? `${body}${eol}${eol}----${eol}${eol}${chunk}${eol}` : `${chunk}${eol}`;
    }
    return bom + result;
  }

  const api = { parse, serialize, normaliseKey };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.KirbyFormat = api;
})(typeof self === "object" ? self : this);
