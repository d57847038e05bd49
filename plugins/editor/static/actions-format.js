// The collective's actions in a Text field, for the editor's form: the Text cut into
// the text before the run of actions, the actions (name, need, synthesis, other
// labelled lines) and the text after; and joined back.
//
// The rules are those of plugins/actions/find.py (a name line `*Name*`, right
// below it labelled lines `Besoin identifié : …`, `Synthèse de l’action : …`, one
// action per paragraph), kept stricter where they would need Markdown's parser:
// only whole paragraphs holding exactly one action are taken, outside code
// fences. Anything else stays in the text boxes, as written. The tests check that
// every action found here is the one Python finds (tests/unit/test_editor_format.py).
// Joining back writes every unchanged action and the text around them as they
// were, byte for byte; a changed or new action is written as the guide shows.
(function (root) {
  "use strict";

  const NEED = "need";
  const SYNTHESIS = "synthesis";
  const KINDS = {
    besoin: NEED, besoins: NEED, besoinidentifie: NEED, besoinsidentifies: NEED,
    synthese: SYNTHESIS, synthesedelaction: SYNTHESIS,
  };
  const SENTENCE_STARTS = new Set(("il ils elle elles on nous vous je j tu c ce cela ceci ca " +
    "cet cette ces voici voila et mais ou donc car or ni si ainsi alors puis qui que qu").split(" "));
  const EMPHASIS_LINE = /^ {0,3}(\*{1,3}|_{1,3})(?=\S)(.*?\S)\1\s*$/u;
  const LABEL_BAD = /[^\p{L}\p{N}\s'’ʼ\-/()°]|_/u;
  const FENCE = /^ {0,3}(`{3,}|~{3,})/;
  const DEFAULT_LABELS = { need: "Besoin identifié", synthesis: "Synthèse de l’action" };

  function fold(text) {
    return text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase()
      .replace(/[’ʼ`]/g, "'").replace(/[\u00a0\u202f]/g, " ").replace(/œ/g, "oe");
  }

  function labelKind(label) {
    return KINDS[fold(label).replace(/[\s'_-]+/g, "")] || null;
  }

  function isLabel(label) {
    if (!label || label.length > 40) return false;
    if (labelKind(label)) return true;
    if (!/^\p{L}/u.test(label) || LABEL_BAD.test(label.replace(/\.+$/, ""))) return false;
    const words = label.split(/\s+/);
    return words.length <= 4 && !SENTENCE_STARTS.has(fold(words[0]).split("'")[0]);
  }

  function labelLine(line) {
    const colon = line.indexOf(":");
    if (colon <= 0 || colon > 80) return null;
    let head = line.slice(0, colon).trim();
    let tail = line.slice(colon + 1);
    const mark = ["**", "__"].includes(head.slice(0, 2)) ? head.slice(0, 2)
      : "*_".includes(head[0]) ? head[0] : "";
    if (mark) {
      head = head.slice(mark.length);
      if (head.endsWith(mark)) head = head.slice(0, -mark.length);
      else if (tail.startsWith(mark)) tail = tail.slice(mark.length);
      else return null;
    }
    head = head.trim();
    if (tail && !/^\s/.test(tail) && !labelKind(head)) return null;
    return isLabel(head) ? [head, tail.trim()] : null;
  }

  function nameOf(line) {
    const match = EMPHASIS_LINE.exec(line);
    if (!match || match[2].includes(match[1][0])) return null;
    const name = match[2].trim();
    return name && !name.endsWith(":") ? name : null;
  }

  // One paragraph's action, or null unless the paragraph is exactly one action. Each
  // part keeps its lines as written (`raw`), so that a changed action keeps the
  // lines of what did not change.
  function paragraphAction(lines) {
    const name = nameOf(lines[0]);
    if (name === null || lines.length < 2 || !labelLine(lines[1])) return null;
    const fields = [];
    for (const line of lines.slice(1)) {
      if (nameOf(line) !== null) return null; // a second action: Python's, not ours
      const labelled = labelLine(line);
      if (labelled) fields.push({ label: labelled[0], parts: [labelled[1]], raw: [line] });
      else {
        fields[fields.length - 1].parts.push(line);
        fields[fields.length - 1].raw.push(line);
      }
    }
    const action = { name, need: "", synthesis: "", extras: [], labels: {}, raw: {},
      order: [], nameLine: lines[0] };
    for (const { label, parts, raw } of fields) {
      const value = parts.join("\n").trim();
      const kind = labelKind(label);
      if (kind && !action.labels[kind]) {
        action[kind] = value;
        action.labels[kind] = label;
        action.raw[kind] = raw.join("\n");
        action.order.push(kind);
      } else if (kind) {
        return null; // two needs: joined by Python, left as text here
      } else {
        action.extras.push({ label, value, raw: raw.join("\n") });
      }
    }
    return action.labels.need || action.labels.synthesis ? action : null;
  }

  // The text's paragraphs: [{start, end, lines}] by character offsets, fences skipped.
  function paragraphs(text) {
    const found = [];
    let offset = 0;
    let current = null;
    let fence = null;
    for (const line of text.split("\n")) {
      const bare = line.replace(/\r$/, "");
      const opens = FENCE.exec(bare);
      if (fence) {
        if (opens && opens[1][0] === fence[0] && opens[1].length >= fence.length) fence = null;
      } else if (opens) {
        fence = opens[1];
        current = null;
      } else if (!bare.trim()) {
        current = null;
      } else {
        if (!current) {
          current = { start: offset, lines: [] };
          found.push(current);
        }
        current.lines.push(bare);
        current.end = offset + bare.length;
      }
      if (fence) current = null;
      offset += line.length + 1;
    }
    return found;
  }

  // {text, actions, after, run}: the first run of actions and the text around it.
  function split(text) {
    text = text || "";
    const found = paragraphs(text);
    let first = -1;
    let last = -1;
    const actions = [];
    for (let i = 0; i < found.length; i += 1) {
      const action = paragraphAction(found[i].lines);
      const adjacent = last === i - 1;
      if (action && (first === -1 || adjacent)) {
        if (first === -1) first = i;
        last = i;
        action.block = text.slice(found[i].start, found[i].end);
        actions.push(action);
      } else if (first !== -1) {
        break;
      }
    }
    if (first === -1) return { text, actions: [], after: "", gaps: [] };
    const start = found[first].start;
    const end = found[last].end;
    const gaps = actions.slice(1).map((_, i) => text.slice(found[first + i].end,
      found[first + i + 1].start));
    return {
      text: text.slice(0, start).replace(/\s+$/, ""),
      before: text.slice(0, start).match(/\s*$/)[0],
      actions, gaps,
      afterGap: text.slice(end).match(/^\s*/)[0],
      after: text.slice(end).replace(/^\s+/, ""),
    };
  }

  function same(action, form) {
    return ["name", "need", "synthesis"].every((key) => action[key] === (form[key] || "").trim())
      && JSON.stringify(action.extras.map((e) => [e.label, e.value]))
        === JSON.stringify((form.extras || []).map((e) => [(e.label || "").trim(),
          (e.value || "").trim()]));
  }

  // An action's lines: those of a part that did not change as they were written.
  function format(form, old) {
    const value = (key) => (form[key] || "").trim();
    const lines = [old && old.name === value("name") ? old.nameLine : `*${value("name")}*`];
    const kinds = old ? [...old.order, ...[NEED, SYNTHESIS].filter((k) => !old.order.includes(k))]
      : [NEED, SYNTHESIS];
    for (const kind of kinds) {
      if (old && old.raw[kind] !== undefined && old[kind] === value(kind)) {
        lines.push(old.raw[kind]);
      } else if (value(kind)) {
        lines.push(`${(old && old.labels[kind]) || DEFAULT_LABELS[kind]} : ${value(kind)}`);
      }
    }
    (form.extras || []).forEach((extra, i) => {
      const label = (extra.label || "").trim();
      const text = (extra.value || "").trim();
      const before = old && old.extras[i];
      if (before && before.label === label && before.value === text) lines.push(before.raw);
      else if (label) lines.push(`${label} : ${text}`);
    });
    return lines.join("\n");
  }

  // The Text for the form's values, given the Text the file had.
  function join(original, form) {
    const parts = split(original);
    const actions = form.actions || [];
    const text = (form.text || "").replace(/\s+$/, "");
    const after = (form.after || "").replace(/^\s+/, "");
    const unchanged = text === parts.text && after === parts.after
      && actions.length === parts.actions.length
      && actions.every((action, i) => same(parts.actions[i], action));
    if (unchanged) return original || "";
    const eol = (original || "").includes("\r\n") ? "\r\n" : "\n";
    const blocks = actions.map((action, i) => {
      const old = parts.actions[i];
      return old && same(old, action) ? old.block : format(action, old).replace(/\r?\n/g, eol);
    });
    let body = blocks.map((block, i) => (i ? parts.gaps[i - 1] || eol + eol : "") + block).join("");
    if (!blocks.length) {
      return after ? `${text}${eol}${eol}${after}` : text;
    }
    const lead = text ? text + (parts.before || eol + eol) : "";
    const tail = after ? (parts.afterGap || eol + eol) + after : "";
    return lead + body + tail;
  }

  const api = { split, join, labelLine, nameOf };
  if (typeof module === "object" && module.exports) module.exports = api;
  else root.ActionsFormat = api;
})(typeof self === "object" ? self : this);
