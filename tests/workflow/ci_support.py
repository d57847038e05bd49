"""Runs the two CI files as their runners would, for the cases the tests need.

A scratch clone of the project stands for the runner's checkout: the CI files of
the work tree, the tests' own site (tests/fixtures/workflow-site) in place of
content/, a tiny test suite in place of the real one (the real one is run
by `make test` itself, not from inside it), the project's .venv linked in and
`make` told never to rebuild it. A fake `apt-get` first on PATH records what
would be installed. Then each job's own `run:`/`script:` lines run in order with
bash, the `uses:` actions GitHub would run being played by small stand-ins
(upload and deploy copy the folder they are given), and `${{ … }}` expressions,
`if:` conditions and GitLab's `rules:` (with `changes:`) evaluated as the
runners do for these cases. Anything the stand-ins don't know fails the test,
so a change to a CI file can't go untested by accident.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from tests.support import ROOT
from tests.workflow.support import BASE_SITE

GITHUB_WORKFLOW = ".github/workflows/publish.yml"
GITLAB_CI = ".gitlab-ci.yml"
# What the runner's checkout takes from the work tree rather than from HEAD:
# the files under test, committed or not yet.
CI_FILES = [".ci", ".github", GITLAB_CI]
ZERO_SHA = "0" * 40
PAGES_URL = {"github": "https://cf92.github.io/site", "gitlab": "https://cf92.frama.io/site"}

TINY_TEST = '''\
"""Stands for the real suite in the CI tests: leaves a mark when it runs."""
from pathlib import Path


def test_runs():
    (Path(__file__).resolve().parents[2] / "tests-ran").touch()
    assert {verdict}
'''


# --- the scratch project -----------------------------------------------------------------

def git(project: Path, *args: str) -> str:
    result = subprocess.run(["git", *args], cwd=project, check=True, capture_output=True,
                            text=True, timeout=60)
    return result.stdout.strip()


@dataclass
class Project:
    path: Path
    base: str  # the commit every case starts from
    bin: Path  # the fake commands, first on PATH

    @property
    def apt_log(self) -> Path:
        return self.path.parent / "apt-get.log"

    @property
    def tests_ran(self) -> Path:
        return self.path.parent / "tests-ran"

    def commit(self, files: dict[str, str | None], message: str, parent: str | None = None) -> str:
        """A commit on top of `parent` (the base) writing `files` (None deletes one)."""
        git(self.path, "checkout", "--quiet", "--force", parent or self.base)
        for name, text in files.items():
            path = self.path / name
            if text is None:
                git(self.path, "rm", "--quiet", name)
                continue
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text, encoding="utf-8")
            git(self.path, "add", name)
        git(self.path, "commit", "--quiet", "-m", message)
        return git(self.path, "rev-parse", "HEAD")

    def reset_records(self) -> None:
        for path in (self.apt_log, self.tests_ran):
            path.unlink(missing_ok=True)

    def apt_calls(self) -> list[str]:
        return self.apt_log.read_text().splitlines() if self.apt_log.exists() else []


def make_project(folder: Path) -> Project:
    path = folder / "project"
    subprocess.run(["git", "clone", "--quiet", "--no-hardlinks", str(ROOT), str(path)],
                   check=True, timeout=60)
    for name in CI_FILES:
        source, target = ROOT / name, path / name
        if target.is_dir():
            shutil.rmtree(target)
        if source.is_dir():
            shutil.copytree(source, target)
        elif source.exists():
            shutil.copy2(source, target)
    # The tests' own site, not the volunteers' content/: whatever they write (that
    # `make check` accepts) can't make these tests fail, nor collide with their pages.
    shutil.rmtree(path / "content")
    shutil.copytree(BASE_SITE, path / "content")
    shutil.rmtree(path / "tests")
    (path / "tests").mkdir()
    (path / "tests" / "test_tiny.py").write_text(TINY_TEST.format(verdict="True"))
    (path / ".venv").symlink_to(ROOT / ".venv")
    git(path, "config", "user.name", "Tests")
    git(path, "config", "user.email", "tests@example.invalid")
    git(path, "add", "--all", "--", *CI_FILES, "tests", "content")
    git(path, "commit", "--quiet", "--allow-empty", "-m",
        "CI files of the work tree, the tests' own site, tiny tests")
    # An `origin` that can serve every commit, as the forge does for actions/checkout.
    git(path, "remote", "set-url", "origin", str(path))

    bin_dir = folder / "bin"
    bin_dir.mkdir()
    fake_apt = bin_dir / "apt-get"
    fake_apt.write_text(f'#!/bin/sh\necho "$*" >> {folder / "apt-get.log"}\n')
    real_make = shutil.which("make")
    assert real_make, "make is missing"
    # The linked .venv is the project's own: never reinstalled from the clone's
    # requirements (newer by their checkout date), nor node_modules fetched.
    fake_make = bin_dir / "make"
    fake_make.write_text(f'#!/bin/sh\nexec {real_make} -o .venv/.build -o .venv/.test '
                         f'-o node_modules/.test "$@"\n')
    for tool in (fake_apt, fake_make):
        tool.chmod(0o755)
    return Project(path, git(path, "rev-parse", "HEAD"), bin_dir)


def failing_test() -> dict[str, str]:
    return {"tests/test_tiny.py": TINY_TEST.format(verdict="False, 'a test that fails'")}


def checkout(project: Project, sha: str) -> None:
    """A fresh checkout, as each job gets one: nothing left by another job."""
    git(project.path, "checkout", "--quiet", "--force", sha)
    git(project.path, "clean", "-ffdxq", "-e", ".venv")


def base_env(project: Project, **extra: str) -> dict[str, str]:
    drop = ("CI", "GITHUB_", "GITLAB_", "PYTEST_", "SITEURL", "VIRTUAL_ENV", "MAKEFLAGS", "MFLAGS",
            "MAKELEVEL")
    env = {k: v for k, v in os.environ.items() if not k.startswith(drop)}
    env["PATH"] = f"{project.bin}{os.pathsep}{env.get('PATH', '')}"
    env.update(extra)
    return env


def run_script(project: Project, script: str, env: dict[str, str], log: list[str]) -> bool:
    result = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                            cwd=project.path, env=env, capture_output=True, text=True,
                            timeout=300)
    log.append(result.stdout + result.stderr)
    return result.returncode == 0


@dataclass
class Run:
    jobs: dict[str, str] = field(default_factory=dict)  # job → success / failure / skipped
    log: list[str] = field(default_factory=list)
    outputs: dict[str, dict[str, str]] = field(default_factory=dict)  # job → its outputs
    published: Path | None = None  # the folder put online, if any

    @property
    def text(self) -> str:
        return "\n".join(self.log)


# --- GitHub Actions ------------------------------------------------------------------------

_GH_TOKEN = re.compile(r"\s*(?:(?P<str>'(?:[^']|'')*')|(?P<op>==|!=|&&|\|\||!|\(|\))"
                       r"|(?P<name>[A-Za-z_][\w.-]*(?:\(\))?))")
_STATUS = ("success()", "failure()", "cancelled()", "always()")


def _tokens(pattern: re.Pattern, expression: str):
    """The tokens of an expression, each a match of `pattern`; an unknown one raises."""
    position, expression = 0, expression.strip()
    while position < len(expression):
        match = pattern.match(expression, position)
        if not match or match.end() == position:
            raise ValueError(f"expression not understood: {expression!r} at {position}")
        position = match.end()
        yield match


def gh_eval(expression: str, context: dict, status: dict[str, bool]):
    """A GitHub expression, for the operators and functions the workflow uses."""
    python = []
    for match in _tokens(_GH_TOKEN, expression):
        if match["str"]:
            python.append(repr(match["str"][1:-1].replace("''", "'")))
        elif match["op"]:
            python.append({"&&": " and ", "||": " or ", "!": " not "}.get(match["op"], match["op"]))
        elif match["name"] in _STATUS:
            python.append(repr(status[match["name"][:-2]]))
        elif match["name"] in ("true", "false", "null"):
            python.append({"true": "True", "false": "False", "null": "None"}[match["name"]])
        else:
            value = context
            for part in match["name"].split("."):
                value = value.get(part) if isinstance(value, dict) else None
            python.append(repr(value))
    return eval("".join(python), {"__builtins__": {}})  # noqa: S307 - our own tokens only


def gh_condition(condition, context: dict, status: dict[str, bool]) -> bool:
    if condition is None:
        return status["success"]
    expression = str(condition).strip()
    if expression.startswith("${{") and expression.endswith("}}"):
        expression = expression[3:-2]
    if not any(name in expression for name in _STATUS):
        expression = f"success() && ({expression})"
    return bool(gh_eval(expression, context, status))


def gh_text(value, context: dict, status: dict[str, bool]) -> str:
    def one(match):
        result = gh_eval(match[1], context, status)
        return {None: "", True: "true", False: "false"}.get(result, str(result)) \
            if not isinstance(result, str) else result

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def run_github(project: Project, event: str, after: str, before: str | None = None,
               forced: bool = False, ref: str = "refs/heads/main") -> Run:
    checkout(project, after)
    workflow = yaml.safe_load((project.path / GITHUB_WORKFLOW).read_text(encoding="utf-8"))
    jobs = workflow["jobs"]
    run = Run()
    artifact = project.path.parent / "github-pages-artifact"
    shutil.rmtree(artifact, ignore_errors=True)
    payload = {"before": before, "forced": forced} if event == "push" else {}
    github = {"event_name": event, "event": payload, "sha": after, "ref": ref}

    def ancestors(name: str) -> set[str]:
        needs = jobs[name].get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        found = set(needs)
        for need in needs:
            found |= ancestors(need)
        return found

    for name in topological(jobs):
        job = jobs[name]
        needs = job.get("needs", [])
        needs = [needs] if isinstance(needs, str) else needs
        before_jobs = ancestors(name)
        status = {"success": all(run.jobs[j] == "success" for j in before_jobs),
                  "failure": any(run.jobs[j] == "failure" for j in before_jobs),
                  "cancelled": False, "always": True}
        context = {"github": github,
                   "needs": {n: {"result": run.jobs[n], "outputs": run.outputs.get(n, {})}
                             for n in needs}}
        if not gh_condition(job.get("if"), context, status):
            run.jobs[name] = "skipped"
            continue
        run.log.append(f"### job {name}")
        steps: dict[str, dict] = {}
        context["steps"] = steps
        failed = False
        for number, step in enumerate(job["steps"]):
            step_status = {"success": not failed, "failure": failed,
                           "cancelled": False, "always": True}
            if not gh_condition(step.get("if"), context, step_status):
                continue
            outputs: dict[str, str] = {}
            if "uses" in step:
                ok = github_action(project, step, context, step_status, outputs, artifact, run)
            else:
                output_file = project.path.parent / f"github-output-{name}-{number}"
                output_file.write_text("")
                env = base_env(project, CI="true", GITHUB_ACTIONS="true", GITHUB_SHA=after,
                               GITHUB_EVENT_NAME=event, GITHUB_REF=ref,
                               GITHUB_OUTPUT=str(output_file))
                env.update({k: gh_text(v, context, step_status)
                            for k, v in step.get("env", {}).items()})
                run.log.append(f"## {step.get('name', step['run'])}")
                ok = run_script(project, step["run"], env, run.log)
                for line in output_file.read_text().splitlines():
                    key, _, value = line.partition("=")
                    outputs[key] = value
            if "id" in step:
                steps[step["id"]] = {"outputs": outputs}
            failed = failed or not ok
        run.jobs[name] = "failure" if failed else "success"
        run.outputs[name] = {key: gh_text(value, context, {"success": True, "failure": False,
                                                           "cancelled": False, "always": True})
                             for key, value in job.get("outputs", {}).items()}
    return run


def github_action(project: Project, step: dict, context: dict, status: dict, outputs: dict,
                  artifact: Path, run: Run) -> bool:
    action = step["uses"].split("@")[0]
    given = {k: gh_text(v, context, status) for k, v in step.get("with", {}).items()}
    run.log.append(f"## {action} {given}")
    if action == "actions/checkout":
        checkout(project, context["github"]["sha"])
    elif action == "actions/setup-python":
        assert given.get("cache") == "pip", "the pip cache is what makes the content path fast"
        outputs["python-path"] = sys.executable
    elif action == "actions/configure-pages":
        outputs["base_url"] = PAGES_URL["github"]
    elif action == "actions/upload-pages-artifact":
        folder = project.path / given["path"]
        if not (folder / "index.html").is_file():
            run.log.append(f"nothing to upload in {folder}")
            return False
        shutil.copytree(folder, artifact)
    elif action == "actions/deploy-pages":
        if not artifact.is_dir():
            run.log.append("no artifact to deploy")
            return False
        run.published = artifact
        outputs["page_url"] = PAGES_URL["github"] + "/"
    else:
        raise AssertionError(f"the CI tests don't know the action {action}: teach ci_support.py")
    return True


def topological(jobs: dict[str, dict]) -> list[str]:
    order: list[str] = []

    def visit(name: str) -> None:
        if name in order:
            return
        needs = jobs[name].get("needs", [])
        for need in [needs] if isinstance(needs, str) else needs:
            if isinstance(need, dict):
                need = need["job"]
            if need in jobs:
                visit(need)
        order.append(name)

    for name in jobs:
        visit(name)
    return order


# --- GitLab CI -----------------------------------------------------------------------------

_GL_TOKEN = re.compile(r'\s*(?:(?P<str>"[^"]*"|\'[^\']*\')|(?P<op>==|!=|&&|\|\||\(|\))'
                       r"|\$(?P<var>\w+))")
GITLAB_KEYWORDS = {"workflow", "stages", "default", "variables", "include", "image", "services",
                   "cache", "before_script", "after_script"}


def gl_eval(expression: str, variables: dict[str, str]) -> bool:
    """A GitLab `rules: if:` expression (comparisons, && and ||, variables)."""
    python = []
    for match in _tokens(_GL_TOKEN, expression):
        if match["str"]:
            python.append(repr(match["str"][1:-1]))
        elif match["op"]:
            python.append({"&&": " and ", "||": " or "}.get(match["op"], match["op"]))
        else:
            python.append(repr(variables.get(match["var"]) or None))
    return bool(eval("".join(python), {"__builtins__": {}}))  # noqa: S307 - our own tokens only


def expand_braces(pattern: str) -> list[str]:
    """Ruby's FNM_EXTGLOB: `a{b,c}d` is `abd` or `acd` (braces may nest)."""
    depth, start = 0, None
    for index, char in enumerate(pattern):
        if char == "{":
            if depth == 0:
                start = index
            depth += 1
        elif char == "}" and depth:
            depth -= 1
            if depth == 0:
                inner, options, level, last = pattern[start + 1:index], [], 0, 0
                for position, c in enumerate(inner):
                    level += {"{": 1, "}": -1}.get(c, 0)
                    if c == "," and level == 0:
                        options.append(inner[last:position])
                        last = position + 1
                options.append(inner[last:])
                head, tail = pattern[:start], pattern[index + 1:]
                return [result for option in options
                        for result in expand_braces(head + option + tail)]
    return [pattern]


def _segment_regex(segment: str) -> str:
    out, index = [], 0
    while index < len(segment):
        char = segment[index]
        if char == "*":
            out.append(".*")
        elif char == "?":
            out.append(".")
        elif char == "[":
            end = segment.index("]", index + 2)
            body = segment[index + 1:end]
            if body[0] in "!^":
                body = "^" + body[1:]
            out.append(f"[{body}]")
            index = end
        else:
            out.append(re.escape(char))
        index += 1
    return "".join(out)


def fnmatch(pattern: str, path: str) -> bool:
    """Ruby's File.fnmatch(pattern, path, FNM_PATHNAME | FNM_DOTMATCH | FNM_EXTGLOB), as
    GitLab's `rules: changes:` calls it: `*` stays inside one folder, `**/` crosses
    any number of them (none too), dot files match like any other."""
    def match(parts: list[str], names: list[str]) -> bool:
        if not parts:
            return not names
        if parts[0] == "**" and len(parts) > 1:
            return any(match(parts[1:], names[skip:]) for skip in range(len(names) + 1))
        return bool(names) and re.fullmatch(_segment_regex(parts[0]), names[0]) is not None \
            and match(parts[1:], names[1:])

    return any(match(option.split("/"), path.split("/")) for option in expand_braces(pattern))


def gl_changes(globs: list[str], modified: list[str] | None) -> bool:
    if modified is None:  # GitLab can't tell (a new branch, a pipeline run by hand)
        return True
    return any(fnmatch(glob, path) for path in modified for glob in globs)


def gl_expand(value: str, variables: dict[str, str]) -> str:
    return re.sub(r"\$\{?(\w+)\}?", lambda m: variables.get(m[1], ""), str(value))


def gitlab_jobs(config: dict) -> dict[str, dict]:
    return {name: job for name, job in config.items()
            if name not in GITLAB_KEYWORDS and not name.startswith(".")}


def run_gitlab(project: Project, source: str, after: str, before: str | None = None) -> Run:
    checkout(project, after)
    config = yaml.safe_load((project.path / GITLAB_CI).read_text(encoding="utf-8"))
    variables = {"CI": "true", "GITLAB_CI": "true", "CI_PROJECT_DIR": str(project.path),
                 "CI_PIPELINE_SOURCE": source, "CI_DEFAULT_BRANCH": "main",
                 "CI_COMMIT_SHA": after, "CI_COMMIT_BEFORE_SHA": before or ZERO_SHA,
                 "CI_PAGES_URL": PAGES_URL["gitlab"]}
    if source == "push":
        variables["CI_COMMIT_BRANCH"] = "main"
    else:
        variables["CI_MERGE_REQUEST_TARGET_BRANCH_NAME"] = "main"
    for key, value in config.get("variables", {}).items():
        variables[key] = gl_expand(value, variables)
    # What GitLab compares for a push: the commit the branch was at before it.
    modified = None
    if source == "push" and before and before != ZERO_SHA:
        modified = git(project.path, "diff", "--name-only", "--no-renames", before, after
                       ).splitlines()

    run = Run()
    workflow_rules = config.get("workflow", {}).get("rules")
    if workflow_rules is not None and not rules_say_run(workflow_rules, variables, modified):
        return run  # no pipeline at all

    jobs = gitlab_jobs(config)
    stages = config.get("stages", ["build", "test", "deploy"])
    chosen = {name: job for name, job in jobs.items()
              if "rules" not in job or rules_say_run(job["rules"], variables, modified)}
    for name in jobs:
        if name not in chosen:
            run.jobs[name] = "absent"
    order = sorted(chosen, key=lambda name: stages.index(chosen[name].get("stage", "test")))
    for name in order:
        job = chosen[name]
        if "needs" in job:
            waits = []
            for need in job["needs"]:
                need_name = need["job"] if isinstance(need, dict) else need
                optional = isinstance(need, dict) and need.get("optional", False)
                if need_name not in chosen:
                    if not optional:
                        raise AssertionError(f"GitLab refuses this pipeline: {name} needs "
                                             f"{need_name}, which is not in it")
                    continue
                waits.append(need_name)
        else:
            stage = stages.index(job.get("stage", "test"))
            waits = [other for other in order
                     if stages.index(chosen[other].get("stage", "test")) < stage]
        if any(run.jobs.get(other) != "success" for other in waits):
            run.jobs[name] = "skipped"
            continue
        checkout(project, after)
        job_variables = dict(variables)
        for key, value in job.get("variables", {}).items():
            job_variables[key] = gl_expand(value, job_variables)
        lines = [*config.get("default", {}).get("before_script", []),
                 *job.get("before_script", []), *job["script"]]
        script = "\n".join(f"echo {shlex.quote('$ ' + line)}\n{line}" for line in lines)
        run.log.append(f"### job {name}")
        ok = run_script(project, script, base_env(project, **job_variables), run.log)
        run.jobs[name] = "success" if ok else "failure"
        if ok and (name == "pages" or job.get("pages")):
            public = project.path / "public"
            assert "public" in job["artifacts"]["paths"], "GitLab Pages serves public/"
            if (public / "index.html").is_file():
                published = project.path.parent / "gitlab-pages-artifact"
                shutil.rmtree(published, ignore_errors=True)
                shutil.copytree(public, published)
                run.published = published
    return run


def rules_say_run(rules: list[dict], variables: dict[str, str],
                  modified: list[str] | None) -> bool:
    """The first rule whose `if:` and `changes:` both hold decides; none: not run."""
    for rule in rules:
        if "if" in rule and not gl_eval(rule["if"], variables):
            continue
        changes = rule.get("changes")
        if isinstance(changes, dict):
            changes = changes["paths"]
        if changes is not None and not gl_changes(changes, modified):
            continue
        return rule.get("when", "on_success") != "never"
    return False
