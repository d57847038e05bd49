"""The editor's configuration (Sveltia CMS), made from the content as it is.

Pure: the content's page files in, a configuration dict out. One collection per
kind of page the site has — the home, the site's settings, and for each folder
the children that share a template (the themes, the news) — with the fields the
files of that kind use, in file order, labelled in French from FIELDS. Fields
that FIELDS does not know are not shown, and kept as they are by the format
(kirby-format.js saves what the form did not change byte for byte).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import PurePosixPath

from kirby.files import IMAGE_EXTENSIONS
from kirby.languages import split_language
from kirby.tree import is_hidden, next_number, split_folder_name

# The form's own values, never written as fields (kirby-format.js drops them):
# the file as it was, and the number a new page's folder gets.
RAW = "_raw"
NUMBER = "_numero"
# An image's page and file name, which its meta file's path says (editor.js).
PAGE = "_page"
IMAGE = "_image"

# (label, help, widget) of the fields a volunteer edits; the help texts are the
# guide's (docs/guide-benevoles.md).
FIELDS = {
    "title": ("Titre", "Le titre de la page, sur une seule ligne.", "string"),
    "description": ("Description", "Une phrase qui résume la page, montrée par les moteurs "
                    "de recherche et les réseaux sociaux.", "text"),
    "date": ("Date", "La date de l’actualité, sous la forme 2024-03-12.", "string"),
    "cover": ("Image de couverture", "Le nom seul d’une image posée dans le dossier de la page "
              "(par exemple atelier.jpg).", "string"),
    "alt": ("Texte alternatif", "Ce que montre l’image, en une phrase, pour qui ne la voit pas "
            "(lecteur d’écran, image qui ne charge pas).", "string"),
    "caption": ("Légende", "Le texte montré sous l’image, si elle en a un.", "string"),
    "text": ("Texte", "Le texte en Markdown, avec les balises du guide : (image: photo.jpg), "
             "(link: … text: …). Une ligne vide commence un nouveau paragraphe.", "text"),
}
ACTIONS_HELP = ("Chaque action a un nom, le besoin identifié et la synthèse de l’action ; "
                "d’autres lignes (Partenaires, Contact…) sont gardées avec elle.")
# Collections named after their template; the others after their folder.
KINDS = {
    "page": "Thèmes", "theme": "Thèmes", "default": "Pages",
    "article": "Actualités", "blog": "Page des actualités",
}
# A file named after an image (`photo.jpg`), as Sveltia CMS reads a pattern: `/…/i`.
IMAGE_NAME = "/\\.(?:" + "|".join(ext[1:] for ext in IMAGE_EXTENSIONS) + ")$/i"
IMAGE_HINT = ("La photo est posée dans le dossier de la page. À la publication, le site en retire "
              "les informations privées qu’elle porte (lieu, appareil, date).")
# A page's folder name, which the form edits as Sveltia CMS's "slug" (its number
# and its address, kirby.tree): Kirby sorts listed pages by their number, so that
# changing a number reorders the themes; the bundle moves the folder whole.
FOLDER_NAME = "^([0-9]+_)?[a-z0-9]+(-[a-z0-9]+)*$"
FOLDER_REFUSED = ("Le nom du dossier : un numéro et un tiret bas pour une page du menu, puis "
                  "l’adresse en minuscules, sans accent ni espace (par exemple "
                  "3_acces-au-logement).")
NUMBERED_HINT = (
    "Le nom du dossier de la page : son numéro, puis son adresse. Le numéro donne sa place "
    "parmi les autres (1 en premier, comme dans le menu) : pour passer une page avant une "
    "autre, donnez-lui un numéro plus petit ; sans numéro, elle n’est pas dans le menu. "
    "Changer l’adresse casse les liens écrits vers l’ancienne.")
DATED_HINT = (
    "Le nom du dossier de l’actualité : sa date (20240312), puis son adresse. Changer "
    "l’adresse casse les liens écrits vers l’ancienne.")
# Templates whose Text holds the collective's actions (plugins/actions).
ACTION_TEMPLATES = frozenset({"page", "theme", "default"})


@dataclass(frozen=True)
class Kind:
    folder: str  # the parent folder, relative to the content ("" at the top)
    template: str
    pages: tuple[str, ...]  # folder names of the pages of this kind


def kinds(files: Iterable[str], extension: str) -> tuple[list[Kind], list[str]]:
    """The kinds of pages among `files` (paths relative to the content folder) and the
    single files: the home's and the site's."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    singles = []
    for name in sorted(files):
        path = PurePosixPath(name)
        if path.suffix != f".{extension}" or any(is_hidden(part) for part in path.parts):
            continue
        if len(path.parts) == 1:
            if path.stem == "site":
                singles.append(name)
            continue
        stem = PurePosixPath(path.stem)
        if stem.suffix:  # photo.jpg.md: an image's meta file, not a page
            continue
        page = path.parent
        if page.name == "home" and len(page.parts) == 1:
            singles.append(name)
            continue
        groups[(page.parent.as_posix().strip("."), path.stem)].append(page.name)
    return [Kind(folder, template, tuple(pages)) for (folder, template), pages in
            sorted(groups.items())], singles


def field(key: str, *, required: bool = False) -> dict:
    label, hint, widget = FIELDS[key]
    return {"name": key, "label": label, "hint": hint, "widget": widget, "required": required}


def form_fields(keys: Iterable[str], actions: bool) -> list[dict]:
    shown = [key for key in dict.fromkeys(("title", *keys)) if key in FIELDS]
    fields = [field(key, required=key == "title") for key in shown]
    if actions:
        at = next((i + 1 for i, f in enumerate(fields) if f["name"] == "text"), len(fields))
        fields[at:at] = [actions_field(), {
            "name": "text_after", "label": "Texte après les actions", "widget": "text",
            "required": False, "hint": "La suite du texte, après la liste des actions."}]
    return [*fields, {"name": RAW, "widget": "hidden"}]


def actions_field() -> dict:
    def line(name, label, hint, required=True):
        return {"name": name, "label": label, "hint": hint, "widget": "string",
                "required": required}

    return {
        "name": "actions", "label": "Actions", "label_singular": "action", "hint": ACTIONS_HELP,
        "widget": "list", "required": False, "collapsed": True, "summary": "{{fields.name}}",
        "fields": [
            line("name", "Nom de l’action", "Le nom, court : il donne l’adresse de l’action."),
            line("need", "Besoin identifié", "Le besoin auquel l’action répond, en une phrase."),
            line("synthesis", "Synthèse de l’action",
                 "Ce que fait l’action, pour qui, avec quels partenaires."),
            {"name": "extras", "label": "Autres lignes", "label_singular": "ligne",
             "widget": "list", "required": False,
             "hint": "Partenaires, Contact… : gardées avec l’action.",
             "fields": [line("label", "Libellé", "Par exemple : Partenaires."),
                        line("value", "Valeur", "")]},
        ],
    }


def images_collection(content: str, folder: str, pages: Iterable[str], label: str) -> dict:
    """The images of the pages in `folder`: one entry per image's meta file
    (`1_logement/photo.jpg.md`, beside the image), whose Alt the form requires."""
    pages = sorted(set(pages))
    return {
        "name": f"{folder.replace('/', '-') or 'racine'}-images",
        "label": label, "label_singular": "image",
        "folder": f"{content}/{folder}".rstrip("/"),
        "format": "kirby-image",
        # `{{fields._page}}/{{fields._image}}`, not slugified (bundle.py): the
        # meta file of `photo.jpg` is `photo.jpg.md`, as Kirby names it. Its
        # pattern also matches the pages' own files (`1_logement/page.md`): the
        # filter keeps the files named after an image.
        "path": f"{{{{fields.{PAGE}}}}}/{{{{fields.{IMAGE}}}}}",
        "filter": {"field": "slug", "pattern": IMAGE_NAME},
        # Its name is its image's: renamed alone, it would describe no image.
        "slug": {"editable": False},
        # Sveltia CMS takes a path whose last part is a template for an entry of
        # its own folder (`1_logement/photo.jpg/`): `..` is the page's folder.
        "media_folder": "..", "public_folder": "",
        "create": True, "identifier_field": "alt",
        "summary": f"{{{{fields.{IMAGE}}}}} ({{{{fields.{PAGE}}}}})",
        "fields": [
            {"name": PAGE, "label": "Page", "widget": "select", "required": True,
             "hint": "La page où l’image est posée. Une page créée ou renommée à l’instant "
                     "apparaît ici quand le site a été publié.",
             "options": [{"label": "Accueil" if page == "home" else split_folder_name(page)[1],
                          "value": page} for page in pages]},
            {"name": IMAGE, "label": "Image", "widget": "image", "required": True,
             "choose_url": False, "hint": IMAGE_HINT},
            field("alt", required=True),
            field("caption"),
            {"name": RAW, "widget": "hidden"},
        ],
    }


def one_file_per_page(files: dict[str, list[str]]) -> dict[str, list[str]]:
    """{path: keys} with a multi-language site's files (`default.fr.txt`,
    `default.en.txt`) as their page's one file (`default.txt`), keys in file order."""
    pages: dict[str, list[str]] = {}
    for name, keys in sorted(files.items()):
        path = PurePosixPath(name)
        plain = (path.parent / split_language(path.name)[0]).as_posix()
        pages[plain] = list(dict.fromkeys([*pages.get(plain, []), *keys]))
    return pages


def translated(config: dict, languages: tuple[str, ...]) -> dict:
    """A collection of a multi-language site: one file per language, named as Kirby
    names them (`default.en.txt`: Sveltia CMS's `multiple_files`), each field
    its own in each language; the new folder's number is the default language's."""
    fields = [{**f, "i18n": "duplicate" if f["name"] in (NUMBER, PAGE, IMAGE) else True}
              for f in config["fields"]]
    return {**config, "i18n": True, "fields": fields} if languages else config


def editor_config(content: str, files: dict[str, list[str]], extension: str,
                  backend: dict, site_url: str, languages: tuple[str, ...] = ()) -> dict:
    """Sveltia CMS's configuration for the content folder `content` (its path in the
    repository), given its page files ({path: [field keys]}, relative to it) and, for
    a multi-language site, its languages (the default first)."""
    languages = tuple(languages) if len(languages) > 1 else ()
    files = one_file_per_page(files) if languages else files
    groups, singles = kinds(files, extension)
    collections = []
    # The home and the site's settings: one-entry folder collections. Sveltia CMS
    # refuses a custom format for a file or an `extension` ending in .md (it takes
    # .md for Markdown with front matter); without `extension`, a collection takes
    # its custom format's (editor.js registers it with the site's).
    for name in singles:
        path = PurePosixPath(name)
        home = name.startswith("home/")
        collections.append({
            "name": "accueil" if home else "reglages",
            "label": "Accueil" if home else "Réglages du site",
            "label_singular": "Accueil" if home else "Réglages du site",
            "folder": f"{content}/{path.parent.as_posix()}".rstrip("/."),
            "path": path.stem, "format": "kirby", "create": False, "delete": False,
            "slug": {"editable": False},
            "identifier_field": "title", "summary": "{{title}}",
            "fields": form_fields(files[name], actions=False),
        })
    for kind in groups:
        folder = f"{content}/{kind.folder}".rstrip("/")
        keys = [key for page in kind.pages
                for key in files[f"{kind.folder}/{page}/{kind.template}.{extension}".lstrip("/")]]
        dated = kind.template == "article"
        label = KINDS.get(kind.template) or f"Pages « {kind.template} »"
        if kind.folder:
            label = f"{label} ({split_folder_name(PurePosixPath(kind.folder).name)[1]})"
        number = next_number(kind.pages)
        actions = kind.template in ACTION_TEMPLATES
        fields = form_fields(keys, actions=actions)
        if not dated:
            # A new page's folder is numbered after the others, so that Kirby lists it.
            fields.insert(0, {"name": NUMBER, "widget": "hidden", "default": str(number)})
        collections.append({
            "name": f"{kind.folder.replace('/', '-') or 'racine'}-{kind.template}",
            "label": label, "folder": folder,
            "format": "kirby-actions" if actions else "kirby",
            "path": f"{{{{slug}}}}/{kind.template}",
            # Kirby's folder names: `4_logement`, `20240312_reunion` for the news.
            "slug": {
                "template": ("{{year}}{{month}}{{day}}_{{slug}}" if dated
                             else f"{{{{fields.{NUMBER}}}}}_{{{{slug}}}}"),
                "editable": ["update"], "hint": DATED_HINT if dated else NUMBERED_HINT,
                "pattern": [FOLDER_NAME, FOLDER_REFUSED]},
            "media_folder": "", "public_folder": "",
            "create": True, "identifier_field": "title", "summary": "{{title}}",
            "sortable_fields": ["title"],
            "fields": fields,
        })
    images: dict[str, list[str]] = defaultdict(list)
    for name in singles:
        if name.startswith("home/"):
            images[""].append("home")
    for kind in groups:
        images[kind.folder].extend(kind.pages)
    for folder, pages in sorted(images.items()):
        label = "Images des pages" if not folder else (
            f"Images ({split_folder_name(PurePosixPath(folder).name)[1]})")
        collections.append(images_collection(content, folder, pages, label))
    collections = [translated(collection, languages) for collection in collections]
    return {
        "backend": backend,
        **({"i18n": {"structure": "multiple_files", "locales": list(languages),
                     "default_locale": languages[0]}} if languages else {}),
        **({"site_url": site_url} if site_url.startswith(("https://", "http://")) else {}),
        "load_config_file": False,
        "media_folder": f"{content}/medias", "public_folder": "/",
        # An upload's name as Kirby's Panel makes it (F::safeName): `img-2034.jpg`.
        "media_libraries": {"default": {"config": {"slugify_filename": True}}},
        # ASCII slugs, as the site's (kirby.tree.slugify): `acces-au-logement`.
        "slug": {"encoding": "ascii", "clean_accents": True, "sanitize_replacement": "-"},
        "collections": collections,
    }
