"""The collective's actions: how one is written, found in a paragraph's lines or in
the Actions field.

Pure: lines in, data out; PyYAML and the standard library only, no Pelican and no
Markdown. Markdown's own block parser cuts the Text first (actions.markdown
walks its tree): headings, code, lists, quotes and HTML blocks are Markdown's
business, and what is read here is the lines of one paragraph. In the Text
field an action is written as the seed page writes it::

    Les 3 actions prioritaires du collectif en faveur de l’emploi :

    *Dispositif Premières Heures*
    Besoin identifié : reprendre confiance en soi pour aller vers l’emploi.
    Synthèse de l’action : il s’agit d’ouvrir la possibilité …

The rules (the tables in tests/unit/test_actions_find.py are their spec):

- Name: a paragraph line that is only an emphasised name (``*Name*``,
  ``**Name**``, ``_Name_``…, trailing spaces allowed), or a Markdown heading
  (``### Name``) whose next paragraph starts with a labelled line.
- Block: a name line, then *immediately* a labelled line ``Label : value``, then
  more lines of the paragraph until the next action. A block is an action only
  if one of its labels is the need or the synthesis (so that a bold
  « Secrétariat » followed by « Téléphone : … » stays text).
- Labels are compared after folding case, accents, apostrophes (' ’ ʼ) and
  spaces (NBSP, NNBSP): « Besoin identifié » / « Besoin » → need,
  « Synthèse de l’action » / « Synthèse » → synthesis; any other label is
  kept, in order, as an extra field. A line inside a block that is not a
  labelled line continues the previous label's value (joined with "\\n").
- What counts as a label (so that a sentence with a colon stays a
  continuation): at most 40 characters and 4 words before the colon, starting
  with a letter, no punctuation but ' - / ( ) ° and a final full stop
  (« Tél. »), so no , ; ! ? « » " nor a sentence's full stop; not opening
  like a sentence (« Il », « Nous », « Cette »…); and a space or the end of
  the line after the colon, so that a URL is not a label. The need and
  synthesis labels are always labels, even glued to their value (« Besoin:x »).
- Run and group: actions separated only by blank lines form one run, i.e. one
  ActionGroup; anything else ends the run. The run's heading is what comes
  right before its first action when it is a Markdown heading or a paragraph
  line ending with « : » (the trailing « : » dropped); otherwise the group has
  no heading.
- Anchor: the name folded to lowercase ASCII (accents stripped, œ → oe), every
  run of other characters, apostrophes included, becoming one "-":
  « Valorisation d’espaces… » → ``valorisation-d-espaces-…``. Unique in a page
  by suffixes "-2", "-3"… in page order (``assign_anchors``).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import yaml
from kirby.problems import ContentError
from kirby.tree import fold, slugify

NEED = "need"
SYNTHESIS = "synthesis"
NAME = "name"


@dataclass(slots=True)
class Action:
    name: str  # as written, emphasis/heading markers removed, trimmed
    anchor: str  # unique in the page, see assign_anchors
    # need, synthesis, extras: the source text (inline KirbyText), trimmed, "" if
    # absent; None once the page is rendered (markdown.py): the build keeps the
    # HTML only, the source would double what 10,000 pages hold in memory.
    need: str | None
    synthesis: str | None
    extras: list[tuple[str, str]] | None = field(default_factory=list)  # (label as written, value)
    line: int = 0  # 1-based line of the name (of the YAML item's first key)
    group: str | None = None  # heading of its group, None if none
    origin: str = "text"  # "text" (Text field) or "yaml" (Actions field)
    # Filled when the page is rendered (actions.body): inline KirbyText as HTML.
    name_html: str = ""
    need_html: str = ""
    synthesis_html: str = ""
    # A tuple: most actions have no extra, and one shared () costs nothing per action.
    extras_html: tuple[tuple[str, str], ...] = ()


@dataclass(slots=True)
class ActionGroup:
    heading: str | None
    actions: list[Action]
    line: int = 0  # 1-based file line of its heading, or of its first action
    heading_html: str = ""  # filled when the page is rendered (actions.body)


# --- Lines ----------------------------------------------------------------------------

_EMPHASIS_LINE = re.compile(r" {0,3}(\*{1,3}|_{1,3})(?=\S)(.*?\S)\1\s*")
_NAME_STARTS = frozenset("*_")


def _emphasis_inner(line: str) -> str | None:
    """`*Name*` → "Name"; None unless the whole line is one emphasis."""
    m = _EMPHASIS_LINE.fullmatch(line)
    if m is None or m.group(1)[0] in m.group(2):  # `*A* et *B*` is not one emphasis
        return None
    return m.group(2).strip()


def _name_of(line: str) -> str | None:
    """The action name if a paragraph's `line` can be a name line."""
    if line.lstrip(" ")[:1] not in _NAME_STARTS:  # fast path: most lines
        return None
    return _usable_name(_emphasis_inner(line))


def heading_name(text: str) -> str | None:
    """The action name a Markdown heading's text can be (`### *Name*` too)."""
    return _usable_name(_emphasis_inner(text) or text.strip())


def _usable_name(name: str | None) -> str | None:
    if not name or name.endswith(":"):  # `**Nos actions :**` is a heading, not a name
        return None
    return name


def _is_blank(line: str) -> bool:
    return not line.strip()


# --- Labels ---------------------------------------------------------------------------

_APOSTROPHES = str.maketrans({"`": "'"})  # what Unidecode leaves as it is
_KEY_JUNK = re.compile(r"[\s'_\-]+")
_LABEL_BAD = re.compile(r"[^\w\s'’ʼ\-/()°]|_")  # sentence punctuation, markup
_MAX_LABEL_CHARS = 40
_MAX_LABEL_WORDS = 4
# Folded first words that open a sentence rather than a field name.
_SENTENCE_STARTS = frozenset({
    "il", "ils", "elle", "elles", "on", "nous", "vous", "je", "j", "tu", "c", "ce", "cela",
    "ceci", "ca", "cet", "cette", "ces", "voici", "voila", "et", "mais", "ou", "donc", "car",
    "or", "ni", "si", "ainsi", "alors", "puis", "qui", "que", "qu",
})
_LABEL_KINDS = {
    "besoin": NEED, "besoins": NEED, "besoinidentifie": NEED, "besoinsidentifies": NEED,
    "synthese": SYNTHESIS, "synthesedelaction": SYNTHESIS,
}
_YAML_KINDS = {
    **_LABEL_KINDS,
    "need": NEED, "synthesis": SYNTHESIS,
    "name": NAME, "nom": NAME, "title": NAME, "titre": NAME,
}


def _fold(text: str) -> str:
    """Lowercase, no accents, one apostrophe, NBSP/NNBSP as spaces (kirby.tree.fold)."""
    return fold(text).translate(_APOSTROPHES)


@functools.lru_cache(maxsize=1024)
def _label_kind(label: str) -> str | None:
    return _LABEL_KINDS.get(_KEY_JUNK.sub("", _fold(label)))


@functools.lru_cache(maxsize=1024)
def _is_label(label: str) -> bool:
    if not label or len(label) > _MAX_LABEL_CHARS:
        return False
    if _label_kind(label) is not None:
        return True
    if not label[0].isalpha() or _LABEL_BAD.search(label.rstrip(".")):
        return False
    words = label.split()
    if len(words) > _MAX_LABEL_WORDS:
        return False
    return _fold(words[0]).split("'")[0] not in _SENTENCE_STARTS


def _label_line(line: str) -> tuple[str, str] | None:
    """`Label : value` → (label as written, value); also `**Label** :` and `**Label :**`."""
    colon = line.find(":")
    if colon <= 0 or colon > 2 * _MAX_LABEL_CHARS:
        return None
    head, tail = line[:colon].strip(), line[colon + 1 :]
    mark = head[:2] if head[:2] in ("**", "__") else head[:1] if head[:1] in "*_" else ""
    if mark:
        head = head[len(mark) :]
        if head.endswith(mark):
            head = head[: -len(mark)]
        elif tail.startswith(mark):
            tail = tail[len(mark) :]
        else:
            return None
    head = head.strip()
    if tail and not tail[0].isspace() and _label_kind(head) is None:
        return None  # `https://…` is not a label, `Besoin:x` is
    return (head, tail.strip()) if _is_label(head) else None


# --- Blocks ---------------------------------------------------------------------------


def _starts_action(lines: list[str], i: int) -> str | None:
    """The name if line i is a name line followed by a labelled line."""
    name = _name_of(lines[i])
    if name is None or i + 1 >= len(lines) or _label_line(lines[i + 1]) is None:
        return None
    return name


def _read_block(lines: list[str], i: int, name: str) -> tuple[Action | None, int]:
    """The action whose name line is i (None if it has no known label) and the end line."""
    fields: list[tuple[str, list[str]]] = []
    j = i + 1
    while j < len(lines):
        line = lines[j]
        if _is_blank(line):
            break
        if _starts_action(lines, j) is not None:
            break
        labelled = _label_line(line)
        if labelled is not None:
            fields.append((labelled[0], [labelled[1]]))
        elif fields:  # line i + 1 is labelled, so fields is not empty here
            fields[-1][1].append(line)
        else:
            break
        j += 1
    need: list[str] = []
    synthesis: list[str] = []
    extras: list[tuple[str, str]] = []
    for label, parts in fields:
        value = "\n".join(parts).strip()
        kind = _label_kind(label)
        if kind == NEED:
            need.append(value)
        elif kind == SYNTHESIS:
            synthesis.append(value)
        else:
            extras.append((label, value))
    if not need and not synthesis:
        return None, j
    action = Action(
        name=name,
        anchor="",
        need="\n".join(v for v in need if v),
        synthesis="\n".join(v for v in synthesis if v),
        extras=extras,
        line=i + 1,
    )
    return action, j


def group_heading(line: str) -> str | None:
    """The heading a paragraph's last line gives to the run of actions right after it."""
    text = line.strip()
    if not text.rstrip("*_ \t").endswith(":") or text[0] in "|<":  # `Nos actions :`
        return None
    text = (_emphasis_inner(text) or text).rstrip(" \t\u00a0\u202f:").strip()
    return text or None


# --- API ------------------------------------------------------------------------------


def paragraph_actions(lines: list[str], name: str | None = None) -> list[list[str] | Action]:
    """A paragraph's lines cut into runs of text lines (lists) and Actions, in order.

    `name`: the paragraph follows a heading that names an action (its first line
    must then be labelled). An action's `line` is the index of its name line
    (-1 for the heading's). Never raises.
    """
    segments: list[list[str] | Action] = []
    i = 0
    if name is not None:
        action, end = _read_block(["", *lines], 0, name)
        if action is not None:
            action.line = -1
            segments.append(action)
            i = end - 1
    if ":" not in "".join(lines[i:]):  # fast path: no labelled line, no action
        return [*segments, lines[i:]] if i < len(lines) else segments
    text: list[str] = []
    while i < len(lines):
        found = _starts_action(lines, i)
        action, end = _read_block(lines, i, found) if found is not None else (None, i)
        if action is None:
            text.append(lines[i])
            i += 1
            continue
        if text:
            segments.append(text)
            text = []
        action.line = i
        segments.append(action)
        i = end
    if text:
        segments.append(text)
    return segments


def read_action(lines: list[str], i: int, name: str | None = None) -> Action | None:
    """The action whose name line is `lines[i]` (or a heading `name`, lines[i] being
    its first labelled line), read again from other lines than the tree's."""
    if name is not None:
        return _read_block(["", *lines[i:]], 0, name)[0]
    found = _name_of(lines[i]) if i < len(lines) else None
    return _read_block(lines, i, found)[0] if found is not None else None


def assign_anchors(actions: Iterable[Action]) -> list[Action]:
    """Give every action of a page a unique anchor, in order: "x", then "x-2", "x-3"…

    Recomputed from the names, so calling it on a page's merged list (Actions
    field + Text field) makes anchors unique across both.
    """
    actions = list(actions)
    used: set[str] = set()
    next_suffix: dict[str, int] = {}  # so that 1,000 equal names stay linear
    for action in actions:
        base = slugify(action.name) or "action"
        anchor, n = base, next_suffix.get(base, 2)
        while anchor in used:
            anchor, n = f"{base}-{n}", n + 1
        next_suffix[base] = n
        used.add(anchor)
        action.anchor = anchor
    return actions


# --- The Actions field (YAML, Kirby's structure field) --------------------------------

_NULL_TAG = "tag:yaml.org,2002:null"
_YAML_HINT = (
    "chaque action commence par une ligne « - », suivie de lignes « name: … », "
    "« need: … » et « synthesis: … » indentées de deux espaces"
)


def _yaml_text(node: yaml.Node, key: str, first_line: int) -> str:
    if isinstance(node, yaml.ScalarNode):
        return "" if node.tag == _NULL_TAG else str(node.value).strip()
    if isinstance(node, yaml.SequenceNode) and all(
        isinstance(item, yaml.ScalarNode) for item in node.value
    ):
        values = (str(item.value).strip() for item in node.value if item.tag != _NULL_TAG)
        return ", ".join(v for v in values if v)
    raise ContentError(
        f"Dans le champ Actions, la valeur de « {key} » doit être un texte (ou une "
        "simple liste) : mettez-la sur la même ligne que la clé, entre guillemets "
        "si elle contient « : ».",
        first_line + node.start_mark.line,
    )


# PyYAML's problem (English) → what the volunteer should do (French); the first match wins.
_YAML_HINTS = [
    ("'\\t'", "une tabulation sert d’indentation ; indentez avec des espaces"),
    ("mapping values are not allowed",
     "une valeur contient « : » ; mettez-la entre guillemets droits (\"…\")"),
    ("expected <block end>",
     ("l’indentation n’est pas alignée (les clés d’une même action commencent à la même "
      "colonne), ou une valeur entre guillemets en contient un autre")),
    ("cannot start any token",
     "une valeur commence par un signe réservé (* & ! @ ` % | >) ; mettez-la entre guillemets"),
    ("alias", "une valeur commence par « * » ou « & » ; mettez-la entre guillemets"),
    ("alphabetic or numeric",
     "une valeur commence par « * » ou « & » ; mettez-la entre guillemets"),
    ("special characters", "le texte contient un caractère invisible interdit ; supprimez-le"),
    ("expected ','", "un crochet [ ou une accolade { n’est pas refermé"),
    ("end of stream", "un guillemet, un crochet ou une accolade n’est pas refermé"),
]


def _yaml_hint(error: Exception) -> str:
    problem = str(getattr(error, "problem", None) or getattr(error, "reason", None) or "")
    for needle, hint in _YAML_HINTS:
        if needle in problem:
            return hint
    return f"vérifiez l’indentation et les guillemets ; {_YAML_HINT}"


def _yaml_error_line(error: Exception, value: str) -> int:
    mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
    if mark is not None:
        return mark.line
    position = getattr(error, "position", None)  # yaml.reader.ReaderError
    if isinstance(position, int):
        return value.count("\n", 0, position)
    return 0


def _yaml_action(item: yaml.Node, first_line: int) -> Action:
    line = first_line + item.start_mark.line
    if not isinstance(item, yaml.MappingNode):
        raise ContentError(
            f"Le champ Actions contient un élément qui n’est pas une action : {_YAML_HINT}.",
            line,
        )
    values: dict[str, str] = {}
    extras: list[tuple[str, str]] = []
    seen: set[str] = set()
    for key_node, value_node in item.value:
        key_line = first_line + key_node.start_mark.line
        if not isinstance(key_node, yaml.ScalarNode) or not str(key_node.value).strip():
            raise ContentError(
                f"Dans le champ Actions, une clé n’est pas un simple mot : {_YAML_HINT}.",
                key_line,
            )
        key = str(key_node.value).strip()
        folded = _KEY_JUNK.sub("", _fold(key))
        kind = _YAML_KINDS.get(folded)
        if (kind or folded) in seen:
            raise ContentError(
                f"Dans le champ Actions, cette action a deux fois la clé « {key} » : "
                "gardez-en une seule.",
                key_line,
            )
        seen.add(kind or folded)
        text = _yaml_text(value_node, key, first_line)
        if kind is None:
            extras.append((key, text))
        else:
            values[kind] = text
    if not values.get(NAME):
        raise ContentError(
            "Dans le champ Actions, une action n’a pas de nom : "
            "ajoutez-lui une ligne « name: … ».",
            line,
        )
    return Action(
        name=values[NAME],
        anchor="",
        need=values.get(NEED, ""),
        synthesis=values.get(SYNTHESIS, ""),
        extras=extras,
        line=line,
        origin="yaml",
    )


def actions_from_yaml(value: str, first_line: int = 1) -> list[Action]:
    """The actions of the `Actions:` field: a YAML list of mappings.

    Keys, case-insensitive: name/nom, need/besoin/besoin identifié,
    synthesis/synthèse/synthèse de l'action; other keys are extras, in order.
    `first_line` is the file line of the value's first line. Raises ContentError
    (and nothing else) on invalid YAML or a wrong shape.
    """
    if not isinstance(value, str) or not value.strip():
        return []
    try:
        # The pure-Python loader: its recursion on deep nesting is a catchable error.
        root = yaml.compose(value, Loader=yaml.SafeLoader)
    except Exception as error:  # noqa: BLE001 -- any text whatsoever gets a French message
        raise ContentError(
            f"Le champ Actions n’est pas du YAML valide : {_yaml_hint(error)}.",
            first_line + _yaml_error_line(error, value),
        ) from None
    if root is None:
        return []
    if not isinstance(root, yaml.SequenceNode):
        raise ContentError(
            f"Le champ Actions doit être une liste d’actions : {_YAML_HINT}.",
            first_line + root.start_mark.line,
        )
    return assign_anchors(_yaml_action(item, first_line) for item in root.value)


# --- Strict mode ----------------------------------------------------------------------


_HOW_TO_ADD = {
    ("text", NEED): "ajoutez sous son nom une ligne « Besoin identifié : … »",
    ("text", SYNTHESIS): (
        "ajoutez, après son besoin et sans ligne vide avant, "
        "une ligne « Synthèse de l’action : … »"
    ),
    ("yaml", NEED): "ajoutez-lui une ligne « need: … » dans le champ Actions",
    ("yaml", SYNTHESIS): "ajoutez-lui une ligne « synthesis: … » dans le champ Actions",
}


def check_actions(actions: list[Action]) -> list[tuple[int, str]]:
    """Strict-mode problems of a page's actions: (line, French message saying how to fix).

    An action without need, without synthesis, or whose anchor (before
    de-duplication) is another action's: two actions named alike in one page.
    """
    problems: list[tuple[int, str]] = []
    first: dict[str, Action] = {}
    for action in actions:
        origin = "yaml" if action.origin == "yaml" else "text"
        if not action.need:
            how = _HOW_TO_ADD[origin, NEED]
            message = f"L’action « {action.name} » n’a pas de besoin identifié : {how}."
            problems.append((action.line, message))
        if not action.synthesis:
            how = _HOW_TO_ADD[origin, SYNTHESIS]
            message = f"L’action « {action.name} » n’a pas de synthèse : {how}."
            problems.append((action.line, message))
        base = slugify(action.name) or "action"
        other = first.setdefault(base, action)
        if other is not action:
            alike = "le même nom" if other.name == action.name else "presque le même nom"
            message = (
                f"L’action « {action.name} » porte {alike} que l’action « {other.name} » "
                f"(ligne {other.line}) : leurs liens #{base} se confondraient ; "
                "donnez-leur des noms différents."
            )
            problems.append((action.line, message))
    return problems
