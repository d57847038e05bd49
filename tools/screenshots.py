"""`make screenshots`: the home page, the seed page and the editor, on a desktop and a phone.

Builds the frozen seed site (tests/fixtures/seed-site) into a temporary folder,
serves it, and has Debian's Chromium (through Playwright) take the first screen of
each page. The PNGs, reduced to a palette so that they stay small, go to
docs/screenshots/ and the README shows them.

    python -m tools.screenshots [--out docs/screenshots]
"""

from __future__ import annotations

import argparse
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from tools.browser import (DESKTOP, MOBILE, chromium, missing_tools, open_editor,
                           repository_files, serve)

SEED = ROOT / "tests" / "fixtures" / "seed-site"

PAGES = {"accueil": "", "page": "acces-a-l-emploi/"}
DEVICES = {
    "ordinateur": {"viewport": DESKTOP, "device_scale_factor": 1},
    "mobile": {"viewport": MOBILE, "device_scale_factor": 2, "is_mobile": True,
               "has_touch": True},
}


def build(output: Path) -> None:
    from tools.site import build as build_site

    # The frozen seed: the guide's pictures show the example page, whatever content/ holds.
    build_site(SEED, output, KIRBY_SHOW_PROBLEMS=False, EDITOR_BACKEND={"name": "test-repo"})


def editor(page, origin: str) -> bytes:
    """The editor (/admin/) with the seed page open in its form."""
    files = repository_files(SEED)
    open_editor(page, origin, files)
    page.get_by_text("Thèmes", exact=True).first.click()
    page.get_by_text("L'accès à l'emploi", exact=True).first.click()
    page.get_by_role("textbox", name="Titre", exact=True).wait_for()
    page.wait_for_timeout(500)
    return page.screenshot()


def small_png(png: bytes) -> bytes:
    """The screenshot with a 256-colour palette: a third of the size, the same to the eye."""
    from PIL import Image

    image = Image.open(io.BytesIO(png)).convert("RGB")
    reduced = image.quantize(colors=256, method=Image.Quantize.MEDIANCUT, dither=Image.Dither.NONE)
    out = io.BytesIO()
    reduced.save(out, format="PNG", optimize=True)
    return out.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args(argv)
    missing = missing_tools(vnu=False)
    if missing:
        print(f"Captures impossibles : {missing}.", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="screenshots-") as tmp:
        output = Path(tmp) / "output"
        build(output)
        with serve(output) as origin, chromium() as browser:
            for device, options in DEVICES.items():
                context = browser.new_context(color_scheme="light", locale="fr-FR", **options)
                page = context.new_page()
                for name, path in PAGES.items():
                    page.goto(f"{origin}/{path}", wait_until="load")
                    target = args.out / f"{name}-{device}.png"
                    target.write_bytes(small_png(page.screenshot()))
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                          f" ({target.stat().st_size // 1024} Ko)")
                shots = {"editeur": editor(context.new_page(), origin)}
                for name, png in shots.items():
                    target = args.out / f"{name}-{device}.png"
                    target.write_bytes(small_png(png))
                    print(f"{target.relative_to(ROOT) if target.is_relative_to(ROOT) else target}"
                          f" ({target.stat().st_size // 1024} Ko)")
                context.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
