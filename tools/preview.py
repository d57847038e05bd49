"""`make serve`: the preview server that rebuilds on every save and refreshes the browser.

    python -m tools.preview [--port 8000] [--host localhost]
                            [--settings pelicanconf.py] [--content content] [--output output]

Three parts, so that a save shows in the browser fast:

- the builder (tools/rebuild.py) lives in its own long-lived process: the
  first build reads everything, later ones read and write only what the
  saved files change. A change to the plugins, the settings or the theme's
  templates starts a new builder process (fresh modules, fresh templates);
- watchers (watchfiles, inotify on Linux) report the saved paths under
  `content/` (texts, images, their metadata), `theme/`, `plugins/` and the
  settings files;
- livereload serves the output folder, adds its script to every page and
  tells the open tabs to reload once the builder is done (only the style
  sheets when only CSS changed).

A build that fails leaves the last good site in place and says so; the next
save tries again.
"""

from __future__ import annotations

import argparse
import errno
import logging
import multiprocessing
import os
import queue
import signal
import subprocess
import sys
import threading
import time
import traceback
from pathlib import Path

from tornado.ioloop import IOLoop
from watchfiles import DefaultFilter, watch

from tools.internals import NoPollingWatcher, QuietServer, reload_open_pages

ROOT = Path(__file__).resolve().parent.parent
SETTINGS_FILES = ("pelicanconf.py", "publishconf.py")


# --- The builder's process ---------------------------------------------------------------


def _builder_process(connection, settings_file: str, content: str, output: str) -> None:
    """Runs in the builder process: a first build, then one run per message, until None."""
    from pelican.log import init as init_logging

    from tools.rebuild import Builder

    init_logging(level=logging.WARNING)
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the server stops us, on its own Ctrl+C
    builder = Builder(settings_file, content, output)
    changed = None
    while True:
        if changed is not None:
            try:
                first = builder.page_first(changed)
            except Exception:  # noqa: BLE001 -- the build below reads it again, and says why
                first = None
            if first is not None:
                connection.send({"kind": first.kind, "seconds": first.seconds,
                                 "written": first.written, "read": first.read, "early": True})
        try:
            result = builder.build(changed)
            connection.send({"kind": result.kind, "seconds": result.seconds,
                             "written": result.written, "read": result.read})
        except Exception as error:  # noqa: BLE001 -- reported, and the next save tries again
            traceback.print_exc()
            connection.send({"kind": "error", "error": f"{type(error).__name__}: {error}"})
        try:
            changed = connection.recv()
        except EOFError:
            return
        if changed is None:
            return


class SearchIndex:
    """Pagefind's index of the output, as `make build` makes it, redone after each full
    build in a low-priority background process: pages show at once, search follows.
    After a selective build the index lags behind until the next full one."""

    def __init__(self, output: str) -> None:
        self.output = output
        self._process: subprocess.Popen | None = None

    def start(self) -> None:
        self.stop()
        code = ("import sys; from pathlib import Path; from search.index import index_site; "
                "index_site(Path(sys.argv[1]))")
        self._process = subprocess.Popen(
            [sys.executable, "-c", code, self.output], cwd=ROOT / "plugins",
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, preexec_fn=_low_priority)

    def stop(self) -> None:
        if self._process is not None and self._process.poll() is None:
            self._process.kill()
            self._process.wait()
        self._process = None


def _low_priority() -> None:
    os.nice(15)


class BuilderProcess:
    """The builder in a child process; `run()` sends it the saved paths and waits."""

    def __init__(self, settings_file: str, content: str, output: str) -> None:
        self.arguments = (settings_file, content, output)
        self._process = None
        self._connection = None

    def start(self) -> dict:
        """A fresh process, and its first (full) build."""
        self.stop()
        context = multiprocessing.get_context("spawn")
        self._connection, child = context.Pipe()
        self._process = context.Process(
            target=_builder_process, args=(child, *self.arguments), daemon=True,
            name="preview-builder")
        self._process.start()
        child.close()
        return self._receive()

    def run(self, changed: list[str], early=None) -> dict:
        """The run's result; `early(result)` first, if the saved page was written before
        the rest (tools/rebuild.py, `page_first`)."""
        if self._process is None or not self._process.is_alive():
            return self.start()
        self._connection.send(changed)
        result = self._receive()
        while result.get("early"):
            if early is not None:
                early(result)
            result = self._receive()
        return result

    def _receive(self) -> dict:
        try:
            return self._connection.recv()
        except (EOFError, OSError):
            return {"kind": "error", "error": "le processus de construction s’est arrêté"}

    def stop(self) -> None:
        if self._process is None:
            return
        try:
            self._connection.send(None)
        except OSError:
            pass
        # An idle builder ends at once. A busy one is only building the preview,
        # which the next `make serve` builds whole again: not worth waiting for.
        self._process.join(timeout=1)
        if self._process.is_alive():
            self._process.terminate()
            self._process.join(timeout=2)
        if self._process.is_alive():
            self._process.kill()
            self._process.join()
        self._connection.close()
        self._process = self._connection = None


# --- What a save means -------------------------------------------------------------------


def needs_new_builder(path: str, root: Path, settings_file: str) -> bool:
    """Python code, settings and templates are loaded once per builder process."""
    path = os.path.abspath(path)
    if os.path.basename(path) in (*SETTINGS_FILES, os.path.basename(settings_file)):
        return True
    return (path.startswith(str(root / "plugins") + os.sep)
            or path.startswith(str(root / "theme" / "templates") + os.sep))


def reload_path(paths: list[str]) -> str:
    """What livereload.js should reload: the style sheet alone, or the whole page ("*")."""
    if paths and all(p.endswith(".css") for p in paths):
        return paths[0]
    return "*"


def _watch(paths, stop: threading.Event, saved: queue.Queue, ready: threading.Event,
           recursive: bool, names=None) -> None:
    default = DefaultFilter()

    def wanted(change, path: str) -> bool:
        if names is not None:
            return os.path.basename(path) in names
        return default(change, path)

    # The first (empty) timeout tells that the watches are in place.
    for changes in watch(*paths, watch_filter=wanted, stop_event=stop, recursive=recursive,
                         debounce=400, step=30, raise_interrupt=False,
                         rust_timeout=500, yield_on_timeout=True):
        ready.set()
        if changes:
            saved.put({path for _change, path in changes})


# --- The server ----------------------------------------------------------------------------


class PreviewServer:
    def __init__(self, settings_file: str, content: str, output: str, host: str, port: int,
                 root: Path = ROOT) -> None:
        self.root = root
        self.settings_file = os.path.abspath(settings_file)
        self.content = os.path.abspath(content)
        self.output = os.path.abspath(output)
        self.host, self.port = host, port
        self.builder = BuilderProcess(self.settings_file, self.content, self.output)
        self.search = SearchIndex(self.output)
        self._stop = threading.Event()
        self._saved: queue.Queue = queue.Queue()

    def serve(self) -> None:
        print("Construction du site…", flush=True)
        self._report(self.builder.start(), [])
        loop = IOLoop.current()
        watched = [p for p in (self.content, self.root / "theme", self.root / "plugins")
                   if os.path.isdir(p)]
        settings_names = {*SETTINGS_FILES, os.path.basename(self.settings_file)}
        ready = [threading.Event(), threading.Event()]
        threads = [
            threading.Thread(target=_watch, daemon=True, name="watch-site",
                             args=(watched, self._stop, self._saved, ready[0], True)),
            threading.Thread(target=_watch, daemon=True, name="watch-settings",
                             args=([os.path.dirname(self.settings_file)], self._stop,
                                   self._saved, ready[1], False, settings_names)),
            threading.Thread(target=self._rebuild_loop, args=(loop,), daemon=True,
                             name="rebuild"),
        ]
        for thread in threads:
            thread.start()
        for event in ready:  # a save must not go unseen once the address answers
            event.wait(timeout=60)
        server = QuietServer(watcher=NoPollingWatcher())
        print(f"Aperçu : http://{self.host}:{self.port}/ — il se met à jour à chaque "
              "enregistrement (Ctrl+C pour arrêter).", flush=True)
        try:
            server.serve(host=self.host, port=self.port, root=self.output, restart_delay=0)
        except OSError as error:
            if error.errno != errno.EADDRINUSE:
                raise
            print(f"Le port {self.port} est déjà utilisé (un autre aperçu ?) : arrêtez-le, "
                  "ou choisissez un autre port, par exemple « PORT=8001 make serve ».",
                  file=sys.stderr, flush=True)
            raise SystemExit(1) from None
        finally:
            self._stop.set()
            # The builder first: a rebuild thread waiting on its run then ends too.
            self.builder.stop()
            for thread in threads:
                thread.join(timeout=2)
            self.search.stop()

    def _rebuild_loop(self, loop) -> None:
        while not self._stop.is_set():
            try:
                paths = self._saved.get(timeout=0.2)
            except queue.Empty:
                continue
            while not self._saved.empty():  # saves that came in meanwhile: one build
                paths |= self._saved.get_nowait()
            paths = sorted(paths)
            if any(needs_new_builder(p, self.root, self.settings_file) for p in paths):
                print("Code, réglages ou gabarits modifiés : reconstruction complète…",
                      flush=True)
                result = self.builder.start()
            else:
                def early(first, paths=paths):
                    self._report(first, paths)
                    loop.add_callback(reload_open_pages, reload_path(paths))

                result = self.builder.run(paths, early)
            self._report(result, paths)
            if result["kind"] not in ("none", "error"):
                loop.add_callback(reload_open_pages, reload_path(paths))

    def _report(self, result: dict, paths: list[str]) -> None:
        if self._stop.is_set():  # the builder stopped with the server: nothing failed
            return
        if result["kind"] == "full":
            self.search.start()
        stamp = time.strftime("%H:%M:%S")
        if result["kind"] == "error":
            print(f"[{stamp}] La construction a échoué ({result['error']}) : le site affiché "
                  "reste celui d’avant ; corrigez puis enregistrez de nouveau.", flush=True)
            return
        if result["kind"] == "none":
            return
        pages = [name for name in result["written"] if name.endswith(".html")]
        shown = ", ".join("/" + name.removesuffix("index.html") for name in pages[:4])
        seconds = f"{result['seconds']:.2f}".replace(".", ",")
        if result["kind"] == "page":
            print(f"[{stamp}] Page à jour en {seconds} s : {shown} ; le reste du site "
                  "(listes, accueil, actions) suit.", flush=True)
            return
        what = "tout le site" if result["kind"] == "full" else shown
        print(f"[{stamp}] Reconstruit en {seconds} s : {what} ({len(pages)} page"
              f"{'s' if len(pages) > 1 else ''} écrite{'s' if len(pages) > 1 else ''}).",
              flush=True)


def _stop_on_sigterm(_signum, _frame):
    raise KeyboardInterrupt


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Aperçu du site, mis à jour à chaque "
                                     "enregistrement.")
    parser.add_argument("--settings", default=str(ROOT / "pelicanconf.py"))
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--output", default=str(ROOT / "output"))
    parser.add_argument("--host", default=os.environ.get("HOST", "localhost"))
    parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
    args = parser.parse_args(argv)
    # A `kill` stops the server as Ctrl+C does: the builder process goes with it.
    signal.signal(signal.SIGTERM, _stop_on_sigterm)
    PreviewServer(args.settings, args.content, args.output, args.host, args.port).serve()


if __name__ == "__main__":
    main()
