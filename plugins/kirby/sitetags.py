"""A build's KirbyTags: the built-in ones, Kirby 2's in a Kirby 2 tree, and the site's own.

A site adds or replaces tags in pelicanconf.py, as a Kirby site does with its
`tags` option (`'tags' => ['figure' => ['attr' => [...], 'html' => fn($tag) => ...]]`,
getkirby.com/docs/reference/plugins/extensions/kirbytags):

    KIRBY_TAGS = {
        "figure": {"attr": ["caption", "class"], "html": "mysite.tags:figure"},
        "encart": {"attr": ["titre"], "template": "tags/encart.html"},
    }

`html` is a callable `(value, attrs, context) -> str` or its "module:function"
name; `template` a Jinja template of the theme's templates folder (or
THEME_TEMPLATES_OVERRIDES), rendered with `value`, `attrs`, `file` (the page file
named by the value, or None), `files`, `tag`, `site_url` and `kirbytext(text)`.
A site's tag replaces a built-in one of that name (Kirby allows it), with its
aliases (`video` → `youtube`, `vimeo`). The registry is made at `initialized`
for each build and travels in each page's TagContext, never in a module global.
"""

from __future__ import annotations

import importlib
import importlib.machinery
import importlib.util
import logging
import os
import re
import sys
from collections.abc import Callable, Mapping

from jinja2 import Environment, FileSystemLoader, TemplateNotFound
from markupsafe import Markup

from .kirbytags import ALIASES, KIRBY2_TAGS, TAGS, PageFile, Tag, TagContext, make_tag
from .problems import ERROR, Problem
from .uuids import parse_reference

logger = logging.getLogger(__name__)

SETTINGS_FILE = "pelicanconf.py"  # where a problem of KIRBY_TAGS is said to be
_NAME = re.compile(r"[A-Za-z0-9_-]+\Z")  # §4.1: a tag's name


def registry(version: int = 3, site_tags: Mapping | None = None,
             template_folders: tuple[str, ...] = (), plugin_paths=(),
             problems: list[Problem] | None = None) -> dict[str, Tag]:
    """The tags of one build by name; what is wrong in `site_tags` goes to `problems`
    (that tag left out: written in a page, it stays as text, with a warning)."""
    tags = dict(TAGS)
    aliases = dict(ALIASES)
    if version == 2:
        tags.update(KIRBY2_TAGS)
        aliases = {}  # Kirby 2's youtube and vimeo are tags of their own
    problems = [] if problems is None else problems
    environment = None
    for raw_name, spec in (site_tags or {}).items():
        name = str(raw_name).strip().lower()
        if not _NAME.match(name):
            problems.append(_problem(f"le nom de balise « {raw_name} » (KIRBY_TAGS) n’est pas "
                                     "valable : lettres, chiffres, « _ » et « - » seulement."))
            continue
        if callable(spec):
            spec = {"html": spec}
        if not isinstance(spec, Mapping):
            problems.append(_problem(f"la balise « {name} » de KIRBY_TAGS doit être décrite par "
                                     "un dictionnaire, par exemple {\"attr\": [\"caption\"], "
                                     "\"html\": \"monsite.balises:figure\"}."))
            continue
        attrs = spec.get("attr", spec.get("attrs", ()))
        attrs = [attrs] if isinstance(attrs, str) else list(attrs or ())
        if spec.get("html") is not None:
            render = _callable(name, spec["html"], plugin_paths, problems)
        elif spec.get("template"):
            if environment is None:
                environment = _environment(template_folders)
            render = _template(name, str(spec["template"]), environment, template_folders,
                               problems)
        else:
            problems.append(_problem(f"la balise « {name} » de KIRBY_TAGS n’a ni « html » ni "
                                     "« template » : donnez une fonction (value, attrs, context) "
                                     "ou un modèle Jinja, par exemple {\"template\": "
                                     "\"tags/figure.html\"}."))
            continue
        if render is None:
            continue
        for type_name in (name, *(str(a).strip().lower() for a in spec.get("aliases", ()))):
            tags[type_name] = make_tag(type_name, attrs, render)
        # Kirby 3+ resolves an alias to its tag's name: a site's `video` is `youtube`'s too.
        for alias, target in aliases.items():
            if target == name and alias not in site_tags:
                tags[alias] = make_tag(alias, attrs, render)
    return tags


def configure_tags(settings: dict) -> None:
    """At `initialized` (after the Kirby version is known): the build's registry."""
    problems: list[Problem] = []
    theme = settings.get("THEME") or ""
    folders = (*settings.get("THEME_TEMPLATES_OVERRIDES", ()),
               *([os.path.join(theme, "templates")] if theme else []))
    settings["KIRBY_TAG_SET"] = registry(settings.get("KIRBY_VERSION"),
                                         settings.get("KIRBY_TAGS") or {}, tuple(folders),
                                         settings.get("PLUGIN_PATHS", ()), problems)
    for problem in problems:
        logger.error("%s", problem)


def _problem(message: str) -> Problem:
    return Problem(SETTINGS_FILE, 1, message, ERROR)


def _callable(name: str, html, plugin_paths, problems: list[Problem]):
    if callable(html):
        return html
    module_name, _, function = str(html).partition(":")
    try:
        module = _import(module_name.strip(), plugin_paths)
        found = getattr(module, function.strip())
    except (ImportError, AttributeError, ValueError) as error:
        problems.append(_problem(f"la fonction « {html} » de la balise « {name} » (KIRBY_TAGS) "
                                 f"ne se charge pas ({type(error).__name__} : {error}) : écrivez "
                                 "« module:fonction », un module que Python trouve (à côté de "
                                 "pelicanconf.py ou dans PLUGIN_PATHS)."))
        return None
    if not callable(found):
        problems.append(_problem(f"« {html} » (balise « {name} », KIRBY_TAGS) n’est pas une "
                                 "fonction (value, attrs, context) -> HTML."))
        return None
    return found


def _import(module_name: str, plugin_paths):
    if not module_name:
        raise ValueError("nom de module vide")
    try:
        return importlib.import_module(module_name)
    except ModuleNotFoundError:
        # Pelican puts PLUGIN_PATHS on the path only while it loads plugins: the
        # module's top package is found there without touching sys.path.
        top = module_name.split(".", 1)[0]
        spec = importlib.machinery.PathFinder.find_spec(top, [str(p) for p in plugin_paths])
        if spec is None or spec.loader is None:
            raise
        module = importlib.util.module_from_spec(spec)
        sys.modules[top] = module
        spec.loader.exec_module(module)
        return importlib.import_module(module_name)


def _environment(folders: tuple[str, ...]) -> Environment:
    # Autoescaped as the theme's templates: a value or attribute is text.
    return Environment(loader=FileSystemLoader(list(folders)), autoescape=True,
                       trim_blocks=True, lstrip_blocks=True)


def _template(name: str, template_name: str, environment: Environment, folders,
              problems: list[Problem]) -> Callable | None:
    try:
        template = environment.get_template(template_name)
    except TemplateNotFound:
        problems.append(_problem(f"le modèle « {template_name} » de la balise « {name} » "
                                 "(KIRBY_TAGS) est introuvable dans les modèles du thème ("
                                 f"{', '.join(folders) or 'aucun thème'})."))
        return None
    except Exception as error:  # a syntax error in the template
        problems.append(_problem(f"le modèle « {template_name} » de la balise « {name} » "
                                 f"(KIRBY_TAGS) ne se lit pas : {error}."))
        return None

    def render(value: str, attrs: dict[str, str], context: TagContext) -> str:
        return template.render(
            value=value, attrs=attrs, file=page_file(value, context), files=context.files,
            tag=name, site_url=context.site_url, SITEURL=context.site_url,
            kirbytext=lambda text: Markup(context.render_inline(str(text))),
        ).strip()

    return render


def page_file(value: str, context: TagContext) -> PageFile | None:
    """The page file a tag's value names (a name, or Kirby's `file://` UUID), or None,
    without a problem: a site's tag may name no file at all."""
    if (parse_reference(value) or ("",))[0] == "file":
        references = context.references
        return references.file(value) if references is not None else None
    return context.files.get(value)
