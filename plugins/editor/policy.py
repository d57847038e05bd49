"""/admin/'s own Content Security Policy: what the editor needs, and nothing else.

The site's pages keep theirs (theme/templates/base.html). Each source below is
one the pinned Sveltia CMS was seen to need in Chromium (tests/browser/
test_editor_in_browser.py runs with it and fails on any violation):

- script-src 'self': the bundle, the Kirby format and the configuration are
  files of /admin/; no inline script and no eval.
- style-src 'self' 'unsafe-inline': Svelte injects its components' styles.
- font-src 'self': the fonts are copied from their npm packages (bundle.py).
- img-src 'self' data: blob:: the site's images, and the previews of uploads.
- media-src 'self' blob:: the same for audio and video files.
- connect-src 'self' data: blob: + the git host's API: the French strings and
  the update check are files of /admin/; uploads are read as blob/data URLs;
  everything else is the git host (api.github.com, a GitLab's API).
- worker-src 'self' blob:: Sveltia's search and its file reader run in workers.
"""

from __future__ import annotations

from urllib.parse import urlsplit

GITHUB_API = "https://api.github.com"


def git_hosts(backend: dict) -> list[str]:
    """The origins the editor talks to for this back-end (none for test-repo)."""
    name = backend.get("name")
    if name == "github":
        return [origin(backend.get("api_root") or GITHUB_API)]
    if name in {"gitlab", "gitea", "forgejo"}:
        base = backend.get("base_url") or ("https://gitlab.com" if name == "gitlab" else "")
        hosts = [origin(url) for url in (base, backend.get("api_root")) if url]
        return list(dict.fromkeys(hosts))
    return []


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


def admin_policy(backend: dict) -> str:
    hosts = " ".join(git_hosts(backend))
    return "; ".join([
        "default-src 'none'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "font-src 'self'",
        "img-src 'self' data: blob:",
        "media-src 'self' blob:",
        f"connect-src 'self' data: blob:{' ' + hosts if hosts else ''}",
        "worker-src 'self' blob:",
        "manifest-src 'self'",
        "base-uri 'self'",
        "form-action 'none'",
    ])
