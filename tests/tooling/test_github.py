"""The GitHub workflows, issue forms and pre-commit hooks keep the promises CONTRIBUTING.md makes."""

from __future__ import annotations

import re

import pytest
import yaml
from harness import ROOT, run

WORKFLOWS = ROOT / ".github" / "workflows"


def load(path):
    # PyYAML reads the key `on:` as True (YAML 1.1); GitHub reads it as "on".
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if True in data:
        data["on"] = data.pop(True)
    return data


def uses(workflow) -> list[str]:
    return [
        step["uses"]
        for job in workflow["jobs"].values()
        for step in job.get("steps", [])
        if "uses" in step
    ]


def test_workflows_and_forms_pass_schemas_actionlint_and_zizmor():
    result = run(ROOT / "scripts" / "lint", "workflows")
    assert result.returncode == 0, result
    assert "actionlint: ok" in result.output and "zizmor: ok" in result.output, result


PLANTED = """\
name: Planted mistakes
on:
  issues:
permissions:
  contents: read
jobs:
  greet:
    runs-on: ubuntu-latest
    timeout-minutes: 5
    steps:
      - uses: actions/checkout@v4
        with:
          persist-credentials: false
      - uses: someone/some-action@v1
      - run: echo "${{ github.event.issue.title }}"
"""


def test_workflow_lint_names_old_runtimes_injection_and_unpinned_actions(tmp_path):
    workflow = tmp_path / ".github" / "workflows" / "planted.yml"
    workflow.parent.mkdir(parents=True)
    workflow.write_text(PLANTED, encoding="utf-8")
    result = run(ROOT / "scripts" / "lint", "workflows", workflow)
    assert result.returncode == 1, result
    # actionlint: a major version of an action that runs on Node 20
    assert 'runtime "node20" is deprecated' in result.output, result
    assert 'action "actions/checkout@v4"' in result.output, result
    # zizmor: an issue's title pasted into a shell script, and a third-party action on a tag
    assert "error[template-injection]" in result.output, result
    assert "error[unpinned-uses]" in result.output, result
    assert "someone/some-action@v1" in result.output, result
    assert "planted.yml:11:" in result.output and "planted.yml:15:" in result.output, result


@pytest.mark.parametrize("name", ["ci.yml", "pages.yml", "links.yml"])
def test_actions_are_pinned_to_a_major_version(name):
    for action in uses(load(WORKFLOWS / name)):
        assert re.fullmatch(r"[\w.-]+/[\w.-]+@v\d+(\.\d+)*|[\w.-]+/[\w.-]+@[0-9a-f]{40}", action), (
            action
        )


def test_ci_runs_the_readme_command_with_least_privilege():
    ci = load(WORKFLOWS / "ci.yml")
    assert {"pull_request", "push"} <= set(ci["on"])
    assert ci["permissions"] == {"contents": "read"}
    assert not re.search(r"\$\{\{\s*secrets\.", (WORKFLOWS / "ci.yml").read_text(encoding="utf-8"))
    steps = ci["jobs"]["check"]["steps"]
    assert any(step.get("run") == "./scripts/check" for step in steps)
    assert any(action.startswith("actions/checkout@") for action in uses(ci))
    setup = next(s for s in steps if str(s.get("uses")).startswith("actions/setup-python@"))
    assert setup["with"]["python-version"] == "3.11" and setup["with"]["cache"] == "pip"
    assert "requirements/constraints.txt" in setup["with"]["cache-dependency-path"]
    uploads = [
        s["with"]["path"]
        for s in steps
        if str(s.get("uses", "")).startswith("actions/upload-artifact")
    ]
    assert "reports/" in uploads and any("site" in p for p in uploads)


def test_readme_command_and_ci_entry_point_call_scripts_check():
    assert "./scripts/check" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_pages_deploys_main_with_permissions_only_in_the_deploy_job():
    pages = load(WORKFLOWS / "pages.yml")
    assert "pull_request" not in pages["on"] and pages["on"]["push"]["branches"] == ["main"]
    assert pages["permissions"] == {}
    assert pages["jobs"]["build"]["permissions"] == {"contents": "read"}
    assert pages["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    for action in ("configure-pages", "upload-pages-artifact", "deploy-pages"):
        assert any(used.startswith(f"actions/{action}@") for used in uses(pages)), action
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in text
    assert "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in text


def test_external_links_run_on_a_schedule_and_never_on_pull_requests():
    links = load(WORKFLOWS / "links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    assert links["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in links["jobs"]["external-links"]["steps"]]
    assert any(r.startswith("scripts/external-links") for r in runs)
    for other in ("ci.yml", "pages.yml"):
        assert "external-links" not in (WORKFLOWS / other).read_text(encoding="utf-8")
    assert "external-links" not in (ROOT / "scripts" / "check").read_text(encoding="utf-8")


def test_new_event_form_offers_every_kind_of_the_timeline():
    data = yaml.safe_load((ROOT / "data" / "timeline.yml").read_text("utf-8"))
    kinds = [kind["id"] for kind in data["kinds"]]  # this site's kinds, declared in its data
    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "new-timeline-event.yml").read_text("utf-8")
    )
    fields = {item.get("id"): item for item in form["body"]}
    offered = {option.split(":")[0] for option in fields["kind"]["attributes"]["options"]}
    assert set(kinds) <= offered
    for required in ("date", "title", "source-url", "body"):
        assert fields[required]["validations"]["required"] is True


def test_pre_commit_hooks_are_local_and_call_the_scripts_check_uses():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    check = (ROOT / "scripts" / "check").read_text(encoding="utf-8")
    for hook in config["repos"][0]["hooks"]:
        script = hook["entry"].split()[0]
        assert (ROOT / script).is_file(), hook
        assert hook["entry"] in check, f"scripts/check does not run {hook['entry']!r}"
