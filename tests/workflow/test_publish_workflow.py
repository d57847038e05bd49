""".github/workflows/publish.yml, read offline with PyYAML: triggers, jobs, steps,
permissions, concurrency. (tests/workflow/test_ci.py lints it with actionlint and runs it.)"""

from __future__ import annotations

import re

import pytest
import yaml

from tests.support import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "publish.yml"


@pytest.fixture(scope="module")
def workflow():
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def steps_of(job):
    return job["steps"]


def step_using(job, action):
    [step] = [s for s in steps_of(job) if s.get("uses", "").startswith(action + "@")]
    return step


def test_triggers(workflow):
    on = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as true
    assert on["push"] == {"branches": ["main"]}
    assert "pull_request" in on
    assert set(on) <= {"push", "pull_request", "workflow_dispatch"}


def test_least_permissions(workflow):
    assert workflow["permissions"] == {"contents": "read"}
    jobs = workflow["jobs"]
    assert jobs["changes"]["permissions"] == {"contents": "read"}
    assert jobs["tests"]["permissions"] == {"contents": "read"}
    assert jobs["build"]["permissions"] == {"contents": "read", "pages": "read"}
    assert jobs["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}


def test_one_concurrency_group_that_never_cuts_a_deployment_short(workflow):
    concurrency = workflow["concurrency"]
    assert concurrency["group"] == "publish-${{ github.ref }}"
    assert concurrency["cancel-in-progress"] == "${{ github.event_name == 'pull_request' }}"
    assert all("concurrency" not in job for job in workflow["jobs"].values())


def test_tests_only_on_the_full_path_then_check_then_publish(workflow):
    jobs = workflow["jobs"]
    assert jobs["tests"]["needs"] == "changes"
    assert jobs["tests"]["if"] == "needs.changes.outputs.path == 'full'"
    assert [step["run"] for step in steps_of(jobs["tests"]) if "run" in step] == [
        ".ci/install-system-packages", "make test"]
    build = jobs["build"]
    assert build["needs"] == ["changes", "tests"]
    assert "container" not in build  # the content path installs no system package
    assert step_using(build, "actions/setup-python")["with"] == {
        "python-version": "3.11", "cache": "pip", "cache-dependency-path": "requirements.txt"}
    runs = [step["run"] for step in steps_of(build) if "run" in step]
    assert runs == ["make check", "make publish"]
    names = [step.get("run") or step["uses"].split("@")[0] for step in steps_of(build)]
    assert names.index("make check") < names.index("actions/configure-pages")
    assert names.index("actions/configure-pages") < names.index("make publish")
    assert names.index("make publish") < names.index("actions/upload-pages-artifact")


def test_the_site_url_comes_from_configure_pages(workflow):
    build = workflow["jobs"]["build"]
    pages = step_using(build, "actions/configure-pages")
    assert pages["id"] == "pages"
    [publish] = [s for s in steps_of(build) if s.get("run") == "make publish"]
    assert publish["env"]["SITEURL"] == "${{ steps.pages.outputs.base_url }}"


def test_pull_requests_build_and_check_only(workflow):
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    not_a_pr = "github.event_name != 'pull_request'"
    assert step_using(build, "actions/configure-pages")["if"] == not_a_pr
    upload = step_using(build, "actions/upload-pages-artifact")
    assert upload["if"] == not_a_pr and upload["with"] == {"path": "output"}
    assert not_a_pr in deploy["if"] and "github.ref == 'refs/heads/main'" in deploy["if"]
    for step in steps_of(build):
        if "run" in step:
            assert "if" not in step  # tests, check and build run for pull requests too


def test_deploy_to_github_pages(workflow):
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert "needs.build.result == 'success'" in deploy["if"]
    assert deploy["environment"] == {
        "name": "github-pages", "url": "${{ steps.deployment.outputs.page_url }}"}
    step = step_using(deploy, "actions/deploy-pages")
    assert step["id"] == "deployment"


def test_every_action_is_pinned_to_a_version(workflow):
    for job in workflow["jobs"].values():
        for step in steps_of(job):
            if "uses" in step:
                assert re.fullmatch(r"actions/[a-z-]+@v\d+", step["uses"]), step["uses"]
