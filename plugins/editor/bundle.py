"""Every remote URL of the pinned Sveltia CMS bundle, rewritten to /admin/ itself; and
the places where it would alter a custom format's text or a file's name.

The bundle (npm @sveltia/cms, package-lock.json) fetches its fonts from jsDelivr
and its French strings, its lazy chunks and an hourly update check from unpkg.
Each rule below is one literal found in the pinned bundle and what replaces it;
`rewrite_bundle` refuses a bundle where a rule's literal is missing, so that a
new version of the package cannot silently bring a third-party request back, or
Kirby files stop being saved byte for byte (tests/unit/test_editor_bundle.py runs
it on the installed bundle; tests/browser/test_editor_in_browser.py saves files).

What is not rewritten is refused by /admin/'s Content Security Policy and not
needed by the configuration: shiki's code highlighting (the `code` widget) and
leaflet (the `map` widget), both from unpkg.
"""

from __future__ import annotations

from dataclasses import dataclass

from .config import PAGE

VERSION = "0.221.1"
FONTS_FOLDER = "fonts"
# The font files, from the npm packages pinned beside the bundle (package.json):
# (URL in the bundle, npm package, file in the package's files/ folder).
FONTS = (
    ("https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/"
     "latin-wght-normal.woff2",
     "@fontsource-variable/material-symbols-outlined",
     "material-symbols-outlined-latin-wght-normal.woff2"),
    ("https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
     "@fontsource/noto-mono", "noto-mono-latin-400-normal.woff2"),
    ("https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
     "@fontsource-variable/source-sans-3", "source-sans-3-latin-wght-normal.woff2"),
)


_FORMAT = ("let o=!a&&eF(i,t),{format:s}=_F({collection:i,collectionFile:a,isIndexFile:o}),"
           "c=GP.get(s)?.parser;")
_NORMALISE = "e=e.trim().replace(/\\r\\n?/g,`\n`);"
_READ = _NORMALISE + _FORMAT + "if(c)return c(e);"
_READ_AS_IS = _FORMAT + "if(c)return c(e,t);" + _NORMALISE
_SAVED = "[t,{slug:o,path:s,content:lr(a)}]"
_PATH = "h?bR(h,{collection:d,locale:t,content:o[c],currentSlug:n}):n"
# Where the entry being saved has just had its folder's assets moved with it.
_MOVED = "f.push(...v),p.push(...y);let b=w8(e);"
# For each folder an existing entry moved (`1_logement` → `3_logement`), every other
# entry with a file under it — an image's meta file, a child page — moves too, with
# its text as its format writes it, and the image's page field names the new folder.
_MOVE_OTHERS = (
    "if(s)for(let[kO,kN]of ize({collection:i,originalEntry:s,savingEntry:d}))"
    "for(let kE of DP.current){"
    "if(kE.id===s?.id||[...h,..._].some(e=>e.id===kE.id))continue;"
    "let kC=RI(kE)[0];if(!kC)continue;"
    "let kM=!1,kL=Object.fromEntries(Object.entries(kE.locales).map(([l,t])=>{"
    "if(!t.path?.startsWith(`${kO}/`))return[l,t];kM=!0;"
    "let q=`${kN}${t.path.slice(kO.length)}`,c=t.content;"
    "c&&c[`PAGE`]===EA(kO).basename&&(c={...c,[`PAGE`]:EA(kN).basename});"
    "return[l,{...t,path:q,slug:u2({collection:kC,path:q,fallback:t.slug}),content:c}]}));"
    "if(!kM)continue;"
    "let kD=kL[kC._i18n?.defaultLocale]??Object.values(kL)[0],"
    "kS=u2({collection:kC,path:kD.path,fallback:kE.slug}),kV={...kE,slug:kS,subPath:kS,locales:kL};"
    "f.push(...(await nze({collection:kC,originalEntry:kE,movedEntry:kV,draft:p2({collection:kC}),"
    "cacheDB:m2()})).filter(e=>!f.some(c=>c.previousPath&&c.previousPath===e.previousPath)));"
    "h.push(kV)}"
)
# Where a page is deleted, once Sveltia CMS has checked no other entry needs it…
_DELETED = ("throw Error(`Cannot delete entries that other entries require`,{cause:i});"
            "let a=CB(")
# … its folder goes whole, as Kirby's Panel deletes it: every other entry with a
# file under it (its images' meta files, its child pages) and every file there,
# not only the images its text names; a folder left with a meta file would still
# be a page for Kirby.
_DELETE_OTHERS = (
    "if(n?._type===`entry`){"
    "let kF=e.flatMap(({locales:t})=>Object.values(t).map(({path:t})=>G0(n,t))).filter(Boolean),"
    "kU=r=>kF.some(f=>r?.startsWith(`${f}/`));"
    "e=[...e,...DP.current.filter(t=>!e.some(x=>x.id===t.id)"
    "&&Object.values(t.locales).some(({path:r})=>kU(r)))];"
    "t=[...t,...zK.current.filter(a=>kU(a.path)&&!t.some(x=>x.path===a.path))]}"
)
_MOVE_NEEDS = (
    ",ize=({collection:e,originalEntry:t,savingEntry:n})=>", ",DP=GA([])", ",RI=e=>",
    ",EA=e=>", ",u2=({collection:{_file:e},path:t,fallback:n})=>",
    ",nze=async({collection:e,originalEntry:t,movedEntry:n,draft:r,cacheDB:i})=>",
    ",p2=({collection:e,collectionFile:t,isIndexFile:n=!1})=>", ",m2=e=>e||CB(",
    "{changes:m,savingEntries:h}=await lze(", "let{changes:g,savingEntries:_}=await rze(",
)


@dataclass(frozen=True)
class Rule:
    find: str
    replace: str
    why: str
    # The bundle's own functions that `replace` calls, as the bundle defines them.
    needs: tuple[str, ...] = ()


def rules(base: str) -> tuple[Rule, ...]:
    """The rewrites for an editor served at `base` (`/admin/sveltia`, no final slash)."""
    return (
        Rule("iP=`https://unpkg.com/@sveltia/cms`", f"iP=`{base}`",
             "the package's own root: French strings, chunk fallback, update check"),
        # With iP local, the versioned paths drop their `@version`: the files are
        # copied into one folder, not one per version.
        Rule("USe=`${iP}@${rP}/locales`", "USe=`${iP}/locales`",
             "the French strings (locales/fr.json)"),
        Rule("r=`${iP}@${rP}/dist/${n}`", "r=`${iP}/dist/${n}`",
             "the fallback URL of a lazy chunk (dist/chunks/…)"),
        *(Rule(url, f"{base}/{FONTS_FOLDER}/{file}", f"the font {package}")
          for url, package, file in FONTS),
        # Kirby files byte for byte (kirby-format.md §2): Sveltia trims a file and
        # turns CRLF into LF before a custom format reads it, and trims what the
        # format wrote then adds a newline; kirby-format.js keeps the file's own
        # BOM, line endings and last line, so a custom format gets and gives the text.
        # The format also gets the file's path: an image's meta file (`photo.jpg.md`)
        # names its image and its page, which no field of it says.
        Rule(_READ, _READ_AS_IS, "a custom format reads the file as it is, and its path"),
        # A collection's `path` template fills its `{{fields.…}}` as they are, not
        # slugified (`photo-jpg`): the meta file of `photo.jpg` is `photo.jpg.md`.
        # The values are the page's folder (a select) and an uploaded image, whose
        # value is its blob: URL until saved: the path takes the file's name, already
        # slugified on upload (`slugify_filename`)…
        Rule(_PATH, _PATH.replace("bR(h,{", "bR(h,{type:`path`,").replace(
            "content:o[c]", "content:Object.fromEntries(Object.entries(o[c]??{})"
            ".map(([k,v])=>[k,e.files?.[v]?.file?.name??v]))"),
             "a path template keeps its fields' values, an upload's by its name"),
        # … and once the uploads are named, the path is made again from the values
        # saved: an image renamed `photo-1.jpg` beside another `photo.jpg` gets its
        # own meta file, not the other's.
        Rule(_SAVED, _SAVED.replace(
            "path:s",
            "path:U0({draft:{...e,files:{},currentValues:{...d,[t]:a}},locale:t,slug:o})"),
             "the path is made from the values as saved"),
        # A page moved to another folder (its number changed: the themes reordered)
        # takes every file of its folder with it, its images' meta files too.
        Rule(_MOVED, _MOVED.replace(";let b=", f";{_MOVE_OTHERS.replace('PAGE', PAGE)};let b="),
             "a page's folder moves whole", _MOVE_NEEDS),
        Rule(_DELETED, _DELETED.replace("let a=CB(", _DELETE_OTHERS + "let a=CB("),
             "a page's folder is deleted whole",
             (",s7=async(e,t=[])=>{let n=wF.current,", ",G0=(e,t)=>{", ",DP=GA([])",
              ",zK=GA([])")),
        Rule("if(i)return`${(await i(e)).trim()}\\n`;", "if(i)return await i(e);",
             "a custom format's text is written as it is"),
        # The source map is not copied (8 MB): no request for it either.
        Rule("//# sourceMappingURL=sveltia-cms.js.map", "", "the source map"),
    )


class BundleChanged(Exception):
    """The pinned bundle no longer holds a literal that a rule rewrites."""


def bundle_pieces(text: bytes, base: str) -> list:
    """The bundle (UTF-8 bytes) with every rule applied, as pieces to write one after
    the other: slices of `text` (memoryviews, no copies) and the rules' replacements.
    BundleChanged names the rules that found nothing.

    Pieces, not one string: a build's memory peaks when the editor is written,
    every page still held, and each whole copy of the bundle is 2 MB (as a str,
    with its characters beyond Latin-1, 9 MB). The rules apply at once, not one
    after the other: no replacement holds another rule's literal (a test says so),
    so the result is the same."""
    missing = [(literal, rule.why) for rule in rules(base)
               for literal in (rule.find, *rule.needs) if literal.encode() not in text]
    if missing:
        raise BundleChanged(
            f"Le paquet @sveltia/cms installé n’est plus la version {VERSION} attendue : "
            "introuvable dans dist/sveltia-cms.js : "
            + " ; ".join(f"{literal!r} ({why})" for literal, why in missing)
            + ". Réinstallez les paquets (npm ci) ou mettez plugins/editor/bundle.py à jour."
        )
    spans = []  # (start, end, replacement) of every occurrence of every rule's literal
    for rule in rules(base):
        find, replace = rule.find.encode(), rule.replace.encode()
        start = text.find(find)
        while start != -1:
            spans.append((start, start + len(find), replace))
            start = text.find(find, start + len(find))
    spans.sort(key=lambda span: span[0])
    view, pieces, at = memoryview(text), [], 0
    for start, end, replace in spans:
        if start < at:
            raise BundleChanged("Deux règles de plugins/editor/bundle.py réécrivent le même "
                                f"texte de dist/sveltia-cms.js (octet {start}) : "
                                "mettez-les à jour.")
        pieces += [view[at:start], replace]
        at = end
    pieces.append(view[at:])
    return pieces


def rewrite_bundle(text: bytes, base: str) -> bytes:
    """The bundle with every rule applied, whole (bundle_pieces)."""
    return b"".join(bundle_pieces(text, base))
