"""A page's fields as data for templates (`page.data`): Kirby's field types, guessed.

Kirby types a field by its blueprint, which a content folder does not hold; these
rules read the value as the Panel writes each type (README.md, "Fields as data"):

- `true` / `false`: a toggle, a bool;
- a number (`12`, `-3.5`): a number field, int or float;
- `2024-09-21` or `2024-09-21 14:30[:00]`: a date field, a datetime;
- a YAML list (`- a` lines): a files, pages or structure field; `file://…` and
  `page://…` items become the file (PageFile) and the page's URL, and a file name
  of the page's own files its PageFile; a structure's records stay dicts;
- a JSON list of objects: blocks or a layout, rendered (blocks.py) as Markup;
- `<p>…`, `<ul>…`: a writer field's HTML, sanitised (Markup);
- a field named in `KIRBY_TAGS_FIELDS` (`tags` by default): comma-separated tags, a
  list of strings;
- anything else stays the string it is (`page.fields` always has the strings).
Pure: no Pelican import.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from datetime import datetime

import yaml
from markupsafe import Markup

from .sanitize import clean
from .uuids import parse_reference

_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?\Z")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}(?:[ T][0-9]{2}:[0-9]{2}(?::[0-9]{2})?)?\Z")
_WRITER = re.compile(r"<(?:p|ul|ol|h[1-6]|blockquote|strong|em|a)\b[^>]*>.*>\Z", re.S)
_YAML_LIST = re.compile(r"\A-[ \t\n]")
TAGS_FIELDS = ("tags",)


def field_value(key: str, value: str, *, files: Mapping, references=None,
                render_json: Callable[[str], str] | None = None,
                tags_fields=TAGS_FIELDS):
    """One field's value as data (the rules above)."""
    stripped = value.strip()
    if key in tags_fields:
        return [tag.strip() for tag in stripped.split(",") if tag.strip()]
    if stripped in ("true", "false"):
        return stripped == "true"
    if _NUMBER.match(stripped):
        return float(stripped) if "." in stripped else int(stripped)
    if _DATE.match(stripped):
        try:
            return datetime.fromisoformat(stripped)
        except ValueError:
            return value
    if _YAML_LIST.match(stripped):
        items = yaml_list(stripped)
        if items is not None:
            return [_item(item, files, references) for item in items]
    if render_json is not None and stripped.startswith("[") and stripped.endswith("]"):
        rendered = render_json(stripped)
        if rendered is not None:
            return Markup(rendered)
    if _WRITER.match(stripped):
        return Markup(clean(stripped))
    return value


def is_writer_html(value: str) -> bool:
    """A writer field's value (Kirby's inline editor saves HTML)."""
    return bool(_WRITER.match(value.strip()))


def yaml_list(value: str) -> list | None:
    """A YAML list field's items (Kirby's Data::decode), or None if it is not one."""
    try:
        items = yaml.safe_load(value)
    except yaml.YAMLError:
        return None
    return items if isinstance(items, list) else None


def file_names(value: str) -> list[str]:
    """The files a files field names: a YAML list (Kirby 3+), or one name (Kirby 2)."""
    stripped = value.strip()
    if _YAML_LIST.match(stripped) or stripped.startswith("["):  # `[]`: Kirby's empty list
        items = yaml_list(stripped) or []
        return [str(item).strip() for item in items if isinstance(item, (str, int))]
    return [stripped] if stripped else []


def _item(item, files: Mapping, references):
    if not isinstance(item, str):
        return item
    reference = parse_reference(item)
    if reference is not None and references is not None:
        return references.file(item) if reference[0] == "file" else references.url(item)
    return files.get(item, item)
