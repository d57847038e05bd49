"""`make audit`: every page type measured against the theme's targets.

Builds the frozen seed site (tests/fixtures/seed-site: the page types are the
theme's, and content/ may not hold them once the volunteers have edited it) and
the theme's fixture site (nested page, cover, news) with SITEURL set to a
local server, then, for one page of each type:

- axe-core in Chromium (wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa), light and dark: 0 violations;
- the Nu HTML Checker (vnu.jar) on every built page: 0 errors, 0 warnings;
- HTML + CSS + JS + fonts loaded, gzip: at most 14 KB; no request to another host;
- Lighthouse 12 (mobile): performance ≥ 98 with CLS 0, accessibility, best practices
  and SEO 100.

Prints a table and exits 1 when a target is missed.

    python -m tools.audit [--no-lighthouse] [--json report.json]
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import subprocess
import sys
import tempfile
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
from tools.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    axe_violations,
    chromium,
    describe_messages,
    describe_violations,
    missing_tools,
    serve,
    vnu_messages,
    visit,
)

BUDGET_KB = 14.0
LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
# (page type, site, path): one page of each type the theme renders.
PAGE_TYPES = [
    ("accueil", "seed", ""),
    ("page", "seed", "acces-a-l-emploi/"),
    ("actions", "seed", "actions/"),
    ("404", "seed", "404.html"),
    ("page avec couverture", "fixture", "themes/"),
    ("page imbriquée", "fixture", "themes/logement/"),
    ("actualités", "fixture", "actualites/"),
    ("article", "fixture", "actualites/rencontre/"),
]
SITES = {"seed": ROOT / "tests" / "fixtures" / "seed-site",
         "fixture": ROOT / "tests" / "fixtures" / "theme-site"}


@dataclass
class Result:
    page_type: str
    url: str
    axe: dict[str, int] = field(default_factory=dict)  # scheme → violations
    vnu_errors: int = 0
    vnu_warnings: int = 0
    gzip_kb: float = 0.0
    other_hosts: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    lighthouse: dict[str, float] = field(default_factory=dict)  # category → score (0-100)
    cls: float | None = None
    details: list[str] = field(default_factory=list)

    def misses(self) -> list[str]:
        missed = []
        if any(self.axe.values()):
            missed.append("axe")
        if self.vnu_errors or self.vnu_warnings:
            missed.append("vnu")
        if self.gzip_kb > BUDGET_KB:
            missed.append("poids")
        if self.other_hosts:
            missed.append("autre hôte")
        if self.console_errors:
            missed.append("console")
        if self.lighthouse:
            if self.lighthouse.get("performance", 0) < 98 or (self.cls or 0) > 0:
                missed.append("performance")
            for category in CATEGORIES[1:]:
                if self.lighthouse.get(category, 0) < 100:
                    missed.append(category)
        return missed


def build(content: Path, output: Path, site_url: str) -> None:
    from tools.site import build as build_site

    build_site(content, output, SITEURL=site_url, KIRBY_SHOW_PROBLEMS=False)


def lighthouse(url: str) -> tuple[dict[str, float], float | None, list[str]]:
    """Lighthouse's mobile scores (0-100), the page's CLS, and the audits that lost points."""
    flags = " ".join(CHROMIUM_ARGS)
    command = [str(LIGHTHOUSE), url, "--quiet", "--output=json", "--output-path=stdout",
               f"--only-categories={','.join(CATEGORIES)}", f"--chrome-flags={flags}"]
    run = subprocess.run(command, capture_output=True, text=True, check=False,
                         env={**os.environ, "CHROME_PATH": CHROMIUM})
    if run.returncode:
        raise RuntimeError(f"lighthouse failed on {url}: {run.stderr[-2000:]}")
    report = json.loads(run.stdout)
    scores = {key: round(cat["score"] * 100) for key, cat in report["categories"].items()}
    cls = report["audits"]["cumulative-layout-shift"].get("numericValue")
    lost = []
    for key, category in report["categories"].items():
        for ref in category["auditRefs"]:
            audit = report["audits"][ref["id"]]
            if ref["weight"] and audit.get("score") is not None and audit["score"] < 1:
                lost.append(f"lighthouse {key}: {ref['id']} ({audit['score']}): "
                            f"{audit.get('displayValue', '')}")
    return scores, cls, lost


def audit(with_lighthouse: bool) -> list[Result]:
    results = []
    with tempfile.TemporaryDirectory(prefix="audit-") as tmp, contextlib.ExitStack() as stack:
        outputs, origins = {}, {}
        for name, content in SITES.items():
            outputs[name] = Path(tmp) / name / "output"
            outputs[name].mkdir(parents=True)
            origins[name] = stack.enter_context(serve(outputs[name]))
            build(content, outputs[name], origins[name])
        browser = stack.enter_context(chromium())
        for page_type, site, path in PAGE_TYPES:
            url = f"{origins[site]}/{path}"
            result = Result(page_type, url)
            for scheme in ("light", "dark"):
                context = browser.new_context(color_scheme=scheme)
                page = context.new_page()
                seen = visit(page, url)
                if scheme == "light":
                    result.gzip_kb = round(seen.gzip_bytes / 1024, 1)
                    result.other_hosts = seen.other_hosts()
                    result.console_errors = seen.console_errors + seen.failures
                violations = axe_violations(page)
                result.axe[scheme] = len(violations)
                if violations:
                    result.details.append(f"axe ({scheme}): {describe_violations(violations)}")
                context.close()
            results.append(result)
        files = {site: sorted(out.rglob("*.html")) for site, out in outputs.items()}
        messages = []
        for site, site_files in files.items():
            messages += vnu_messages(site_files, origins[site])
        for result in results:
            site, path = next((s, p) for t, s, p in PAGE_TYPES if t == result.page_type)
            target = outputs[site] / (path + "index.html" if path.endswith("/") or not path
                                      else path)
            own = [m for m in messages if m["url"].endswith(target.as_posix())]
            result.vnu_errors = sum(m["type"] != "info" for m in own)
            result.vnu_warnings = sum(m["type"] == "info" for m in own)
            if own:
                result.details.append(describe_messages(own))
        others = [m for m in messages
                  if not any(m["url"].endswith(t) for t in _audited_files(outputs))]
        if others:
            print(f"vnu, autres pages :\n{describe_messages(others)}", file=sys.stderr)
        if with_lighthouse:
            for result in results:
                result.lighthouse, result.cls, lost = lighthouse(result.url)
                result.details += lost
    return results


def _audited_files(outputs: dict[str, Path]) -> list[str]:
    return [(outputs[s] / (p + "index.html" if p.endswith("/") or not p else p)).as_posix()
            for _, s, p in PAGE_TYPES]


def table(results: list[Result]) -> str:
    lines = [
        "| type de page | axe (clair/sombre) | vnu erreurs/avertissements | HTML+CSS+JS gzip "
        "| autres hôtes | Lighthouse perf/a11y/bonnes pratiques/SEO | CLS |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in results:
        scores = "/".join(str(r.lighthouse.get(c, "–")) for c in CATEGORIES)
        cls = "–" if r.cls is None else f"{r.cls:g}"
        lines.append(
            f"| {r.page_type} | {r.axe.get('light')}/{r.axe.get('dark')} | "
            f"{r.vnu_errors}/{r.vnu_warnings} | {r.gzip_kb} Ko | {len(r.other_hosts)} | "
            f"{scores} | {cls} |"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--no-lighthouse", action="store_true", help="sans Lighthouse (rapide)")
    parser.add_argument("--json", type=Path, help="écrire aussi les résultats dans ce fichier")
    args = parser.parse_args(argv)
    missing = missing_tools()
    if not missing and not args.no_lighthouse and not LIGHTHOUSE.exists():
        missing = "node_modules/.bin/lighthouse is missing (npm ci)"
    if missing:
        print(f"Audit impossible : {missing}.", file=sys.stderr)
        return 2
    results = audit(with_lighthouse=not args.no_lighthouse)
    print(table(results))
    if args.json:
        args.json.write_text(json.dumps([asdict(r) for r in results], ensure_ascii=False,
                                        indent=2) + "\n", encoding="utf-8")
    missed = [(r.page_type, r.misses(), r.details) for r in results if r.misses()]
    for page_type, misses, details in missed:
        print(f"\n{page_type} : cible manquée ({', '.join(misses)})")
        for detail in details:
            print(f"  {detail}")
    if not missed:
        print("\nToutes les cibles sont atteintes.")
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
