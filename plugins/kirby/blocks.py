"""Kirby's blocks and layouts fields (Kirby 3.5+): JSON in a content field, to HTML.

A blocks field is a JSON list of `{"id", "type", "isHidden", "content": {…}}`; a
layout field a list of rows, `{"id", "attrs", "columns": [{"id", "width": "1/2",
"blocks": […]}]}`. As Kirby renders each block with the snippet
`blocks/<type>.php`, a theme's `templates/blocks/<type>.html` wins over this
plugin's own (`templates/blocks/`), for every core type of Kirby 5 and for a
site's own types; the layout is `templates/layout.html`. What a block holds is
prepared here (writer HTML checked, references resolved, images with their
sizes, Markdown as KirbyText), what it looks like is the template's.

Hidden blocks are not rendered (Kirby's `isHidden`); a type with no template is
shown as its text in a neutral box, with a warning. The whole field's HTML goes
through the sanitiser, like a Text's.
"""

from __future__ import annotations

import dataclasses
import functools
import html
import json
import os
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from jinja2 import ChoiceLoader, Environment, FileSystemLoader, TemplateNotFound
from markupsafe import Markup

from .fields import Field
from .kirbytags import (IMAGE_SIZES, PageFile, TagContext, img_element, is_dangerous_url,
                        video_player)
from .kirbytext import KirbyText, PageText
from .problems import ERROR, WARNING, Problem
from .sanitize import allowed_url, clean
from .textcheck import html_problems
from .uuids import parse_reference, resolve_in_html, unknown_message

TEMPLATES = os.path.join(os.path.dirname(__file__), "templates")
# A field holds blocks or layouts when its value is a JSON list of objects (or
# Kirby's empty `[]`): Markdown never starts so.
_JSON_LIST = re.compile(r"\A\[\s*(?:\{|\]\Z)")
# Kirby's image block ratios ("16/9"…), as CSS classes: the Content Security
# Policy allows no style attribute.
_RATIO = re.compile(r"\A([0-9]{1,2})/([0-9]{1,2})\Z")
_WIDTH = re.compile(r"\A([0-9]{1,2})/([0-9]{1,2})\Z")
_GRID = 12  # a layout's columns span twelfths (1/2 → 6, 1/3 → 4, 1/4 → 3)
_TAGS = re.compile(r"<[^>]*>")


def is_json_field(value: str) -> bool:
    return bool(_JSON_LIST.match(value.strip()))


@dataclass
class Block:
    """A block as its template sees it: `block.type`, `block.id`, `block.content`
    (the JSON's values), and what this module prepared (`block.html`, …)."""

    type: str
    id: str
    content: dict
    prepared: dict = field(default_factory=dict)

    def __getattr__(self, name):
        try:
            return self.prepared[name]
        except KeyError:
            raise AttributeError(name) from None


@dataclass
class FieldSource:
    """A JSON field being rendered: where problems point, what renders its parts."""

    page: PageText
    field: Field
    context: TagContext
    kirbytext: KirbyText
    env: Environment
    problems: list[Problem] = field(default_factory=list)

    @property
    def name(self) -> str:
        """The field's key as the file writes it (`Text`)."""
        for index in range(self.field.line - 1, min(self.field.line, len(self.page.file_lines))):
            key = self.page.file_lines[index].split(":", 1)[0].strip()
            if key:
                return key
        return "Text"

    def line_of(self, needle: str) -> int:
        """The file line holding `needle` (a block's id) within the field, else its first."""
        if needle:
            for index in range(self.field.value_line - 1, len(self.page.file_lines)):
                if needle in self.page.file_lines[index]:
                    return index + 1
        return self.field.value_line

    def report(self, block_id: str, message: str, severity: str = ERROR) -> None:
        self.problems.append(Problem(self.page.path, self.line_of(block_id), message, severity))


def render_field(source: FieldSource) -> str:
    """A blocks or layout field as sanitised HTML ("" when it cannot be read)."""
    value = source.field.value
    try:
        data = json.loads(value)
    except ValueError as error:
        lineno = getattr(error, "lineno", 1)
        column = getattr(error, "colno", 0)
        source.problems.append(Problem(
            source.page.path, source.field.value_line + lineno - 1,
            f"le champ « {source.name} » ressemble à des blocs Kirby (JSON) mais ne se lit "
            f"pas (colonne {column}) : rouvrez la page dans le Panel de Kirby, ou corrigez les guillemets, "
            "virgules et crochets. Le reste du site est publié, sans ce champ."))
        return ""
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        source.problems.append(Problem(source.page.path, source.field.value_line,
                                       f"le champ « {source.name} » ressemble à des blocs Kirby "
                                       "mais n’en est pas (une liste d’objets JSON est "
                                       "attendue) : il n’est pas publié."))
        return ""
    if data and all("columns" in item for item in data):
        body = render_layout(data, source)
    else:
        body = render_blocks(data, source)
    return clean(body)


def render_layout(rows: list[dict], source: FieldSource) -> str:
    prepared = []
    for row in rows:
        columns = []
        for column in row.get("columns") or []:
            if not isinstance(column, dict):
                continue
            blocks = column.get("blocks") or []
            columns.append({"id": str(column.get("id", "")), "span": _span(column.get("width")),
                            "width": str(column.get("width") or "1/1"),
                            "html": Markup(render_blocks(blocks if isinstance(blocks, list)
                                                         else [], source))})
        prepared.append({"id": str(row.get("id", "")), "columns": columns,
                         "attrs": row.get("attrs") or {}})
    return source.env.get_template("layout.html").render(rows=prepared).strip()


def _span(width) -> int:
    match = _WIDTH.match(str(width or "").strip())
    if not match or not int(match.group(2)):
        return _GRID
    return max(1, min(_GRID, round(_GRID * int(match.group(1)) / int(match.group(2)))))


def render_blocks(items: list, source: FieldSource) -> str:
    out = []
    for item in items:
        if not isinstance(item, dict) or _true(item.get("isHidden")):
            continue
        content = item.get("content")
        block = Block(str(item.get("type") or ""), str(item.get("id") or ""),
                      content if isinstance(content, dict) else {})
        out.append(render_block(block, source))
    return "\n".join(part for part in out if part.strip())


def render_block(block: Block, source: FieldSource) -> str:
    try:
        template = source.env.get_template(f"blocks/{block.type}.html")
    except (TemplateNotFound, ValueError):
        source.report(block.id, (
            f"le bloc de type « {block.type} » n’a pas de modèle sur ce site : son texte est "
            f"montré dans un encadré neutre. Ajoutez au thème « templates/blocks/{block.type}"
            ".html », ou remplacez ce bloc par un bloc connu."), WARNING)
        block.prepared["texts"] = [text for text in _texts(block.content) if text.strip()]
        return source.env.get_template("blocks/unknown.html").render(block=block).strip()
    prepare = PREPARE.get(block.type)
    if prepare is not None:
        prepare(block, source)
    return template.render(block=block).strip()


# --- What each core block type gets ------------------------------------------


def writer(block: Block, source: FieldSource, value) -> Markup:
    """A writer field's HTML (Kirby's inline editor): its references resolved, what the
    sanitiser will remove said at the block's line."""
    text = value if isinstance(value, str) else ""
    references = source.context.references
    text, unknown = resolve_in_html(text, references.url if references is not None
                                    else lambda reference: None)
    for reference in unknown:
        source.report(block.id, unknown_message(reference))
    for _line, severity, message in html_problems(text, source.context.files):
        if message:
            source.report(block.id, message, severity)
    return Markup(text)


def _prepare_text(block: Block, source: FieldSource) -> None:
    block.prepared["text"] = writer(block, source, block.content.get("text"))


def _prepare_heading(block: Block, source: FieldSource) -> None:
    level = str(block.content.get("level") or "h2").lower()
    # The page's title is its one h1 (the theme's): a heading block starts at h2,
    # as a Text's own headings do.
    number = int(level[1]) if re.fullmatch(r"h[1-6]", level) else 2
    block.prepared["level"] = f"h{max(2, number)}"
    block.prepared["text"] = writer(block, source, block.content.get("text"))


def _prepare_quote(block: Block, source: FieldSource) -> None:
    block.prepared["text"] = writer(block, source, block.content.get("text"))
    block.prepared["citation"] = writer(block, source, block.content.get("citation"))


def _prepare_markdown(block: Block, source: FieldSource) -> None:
    text = block.content.get("text")
    page = dataclasses.replace(source.page, first_line=source.line_of(block.id), problems=[],
                               metadata={}, html_parts=[], lines=[])
    html_ = source.kirbytext.render(text if isinstance(text, str) else "", source.context, page)
    source.problems.extend(page.problems)
    block.prepared["html"] = Markup(html_)


def _prepare_code(block: Block, source: FieldSource) -> None:
    language = str(block.content.get("language") or "text")
    block.prepared["language"] = re.sub(r"[^A-Za-z0-9_+-]", "", language) or "text"
    block.prepared["code"] = str(block.content.get("code") or "")


def _image(block: Block, source: FieldSource, reference, alt=None) -> tuple[Markup, str] | None:
    """An image of a block (a page file, `file://…`, or its URL) as the site's `<img>`,
    and its source; None (and a problem) when it names nothing."""
    if isinstance(reference, list):
        reference = reference[0] if reference else ""
    reference = str(reference or "").strip()
    if not reference:
        return None
    page_file = _file(block, source, reference)
    if page_file is None:
        if parse_reference(reference) or "/" not in reference and ":" not in reference:
            return None  # said by _file
        if not allowed_url(reference) or is_dangerous_url(reference):
            source.report(block.id, f"l’adresse de l’image « {reference[:60]} » est refusée : "
                          "écrivez une adresse qui commence par https://.", WARNING)
            return None
        shown = alt if alt is not None else ""
        lazy = bool(source.context.images)
        source.context.images.append(reference)
        return Markup(img_element(reference, shown, None, None, lazy=lazy, priority=not lazy)), reference
    shown = alt if alt else page_file.meta.get("alt", "")
    lazy = bool(source.context.images)
    source.context.images.append(page_file.url)
    return Markup(img_element(page_file.url, shown, page_file.width, page_file.height,
                              page_file.srcset, IMAGE_SIZES, lazy=lazy, priority=not lazy)), page_file.url


def _file(block: Block, source: FieldSource, reference: str) -> PageFile | None:
    if parse_reference(reference):
        references = source.context.references
        found = references.file(reference) if references is not None else None
        if found is None:
            source.report(block.id, unknown_message(reference))
        return found
    if "/" in reference or ":" in reference:
        return None
    found = source.context.files.get(reference)
    if found is None:
        source.report(block.id, f"l’image « {reference} » est introuvable dans le dossier de "
                      "la page : ajoutez-la à côté de la page ou choisissez-en une autre.")
    return found


def _prepare_image(block: Block, source: FieldSource) -> None:
    content = block.content
    alt = str(content.get("alt") or "") or None
    if str(content.get("location") or "") == "web":
        found = _image(block, source, content.get("src"), alt)
    else:
        found = _image(block, source, content.get("image"), alt)
    block.prepared["image"] = found[0] if found else None
    block.prepared["src"] = found[1] if found else ""
    block.prepared["caption"] = writer(block, source, content.get("caption"))
    block.prepared["link"] = _link(block, source, content.get("link"))
    match = _RATIO.match(str(content.get("ratio") or ""))
    block.prepared["ratio"] = f"{match.group(1)}-{match.group(2)}" if match else ""
    block.prepared["crop"] = _true(content.get("crop"))


def _link(block: Block, source: FieldSource, value) -> str:
    value = str(value or "").strip()
    if not value:
        return ""
    if parse_reference(value):
        references = source.context.references
        url = references.url(value) if references is not None else None
        if url is None:
            source.report(block.id, unknown_message(value))
        return url or ""
    if not allowed_url(value):
        source.report(block.id, f"le lien « {value[:60]} » est refusé : écrivez une adresse qui "
                      "commence par https://.", WARNING)
        return ""
    return value


def _prepare_gallery(block: Block, source: FieldSource) -> None:
    images = block.content.get("images")
    found = [_image(block, source, reference) for reference in
             (images if isinstance(images, list) else [])]
    block.prepared["images"] = [image for image, _src in filter(None, found)]
    block.prepared["caption"] = writer(block, source, block.content.get("caption"))


def _prepare_video(block: Block, source: FieldSource) -> None:
    content = block.content
    url = str(content.get("url") or "").strip()
    attrs = {name: str(content[name]) for name in ("autoplay", "controls", "loop", "muted",
                                                    "preload") if content.get(name) not in (None, "")}
    video = content.get("video")
    if str(content.get("location") or "") == "kirby" and isinstance(video, list) and video:
        url = str(video[0])
        poster = content.get("poster")
        if isinstance(poster, list) and poster:
            attrs["poster"] = str(poster[0])
    tag_problems: list = []
    context = dataclasses.replace(source.context, problems=tag_problems)
    player = video_player(url, attrs, context) if url else ""
    link = url if not player and url.startswith(("https://", "http://")) and allowed_url(url) else ""
    if link:
        # Kirby's block shows nothing; a link keeps the video within reach.
        source.report(block.id, f"la vidéo « {url[:60]} » n’est pas reconnue : un lien vers "
                      "elle est publié à la place du lecteur (seules YouTube, Vimeo et les "
                      "fichiers vidéo ont un lecteur).", WARNING)
    else:
        for problem in tag_problems:
            source.report(block.id, problem.message, problem.severity)
    block.prepared["player"] = Markup(player)
    block.prepared["url"] = link
    block.prepared["caption"] = writer(block, source, content.get("caption"))


def _prepare_table(block: Block, source: FieldSource) -> None:
    """Kirby's table block holds `rows`, records of the columns its blueprint names."""
    rows = block.content.get("rows")
    if isinstance(rows, str):
        try:
            rows = json.loads(rows)
        except ValueError:
            rows = []
    records = [row for row in rows if isinstance(row, dict)] if isinstance(rows, list) else []
    head = [key for key in dict.fromkeys(k for row in records for k in row) if key != "id"]
    block.prepared["head"] = head
    block.prepared["rows"] = [[writer(block, source, str(row.get(key, ""))) for key in head]
                              for row in records]
    block.prepared["text"] = writer(block, source, block.content.get("text"))


PREPARE: dict[str, Callable[[Block, FieldSource], None]] = {
    "text": _prepare_text,
    "list": _prepare_text,
    "heading": _prepare_heading,
    "quote": _prepare_quote,
    "markdown": _prepare_markdown,
    "code": _prepare_code,
    "image": _prepare_image,
    "gallery": _prepare_gallery,
    "video": _prepare_video,
    "table": _prepare_table,
}


def _true(value) -> bool:
    return value is True or str(value).strip().lower() in ("true", "1")


def _texts(value) -> list[str]:
    """The words of an unknown block's content, for its neutral box."""
    if isinstance(value, str):
        if parse_reference(value) or value.startswith(("http://", "https://")):
            return []
        return [" ".join(html.unescape(_TAGS.sub(" ", value)).split())]
    if isinstance(value, dict):
        return [text for item in value.values() for text in _texts(item)]
    if isinstance(value, list):
        return [text for item in value for text in _texts(item)]
    return []


@functools.cache
def environment(theme: str) -> Environment:
    """The blocks' templates: the theme's first (`templates/blocks/<type>.html`), then
    this plugin's. One per theme for the process: its templates are compiled once."""
    loaders = [FileSystemLoader(os.path.join(theme, "templates"))] if theme else []
    return Environment(loader=ChoiceLoader([*loaders, FileSystemLoader(TEMPLATES)]),
                       autoescape=True, trim_blocks=True, lstrip_blocks=True)
