"""The GitHub workflows, issue forms and pre-commit hooks keep the promises CONTRIBUTING.md makes."""

from __future__ import annotations

import re

import pytest
import yaml

from .conftest import ROOT, run

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


def test_workflows_and_forms_match_their_schemas():
    result = run(ROOT / "scripts" / "lint", "workflows")
    assert result.returncode == 0, result


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
    assert "actions/checkout@v4" in uses(ci) and "actions/setup-python@v5" in uses(ci)
    setup = next(s for s in steps if s.get("uses") == "actions/setup-python@v5")
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
    assert "actions/configure-pages@v5" in uses(pages)
    assert "actions/upload-pages-artifact@v3" in uses(pages)
    assert "actions/deploy-pages@v4" in uses(pages)
    text = (WORKFLOWS / "pages.yml").read_text(encoding="utf-8")
    assert "SITE_URL: ${{ steps.pages.outputs.base_url }}/" in text
    assert "REPO_URL: ${{ github.server_url }}/${{ github.repository }}" in text


def test_external_links_run_on_a_schedule_and_never_on_pull_requests():
    links = load(WORKFLOWS / "links.yml")
    assert set(links["on"]) == {"schedule", "workflow_dispatch"}
    assert links["permissions"] == {"contents": "read"}
    runs = [s.get("run", "") for s in links["jobs"]["external-links"]["steps"]]
    assert any("scripts/check_external_links" in r for r in runs)
    for other in ("ci.yml", "pages.yml"):
        assert "check_external_links" not in (WORKFLOWS / other).read_text(encoding="utf-8")


def test_new_event_form_offers_every_kind_of_the_timeline():
    from mkdocs_timeline.kinds import KINDS

    form = yaml.safe_load(
        (ROOT / ".github" / "ISSUE_TEMPLATE" / "new-timeline-event.yml").read_text("utf-8")
    )
    fields = {item.get("id"): item for item in form["body"]}
    offered = {option.split(":")[0] for option in fields["kind"]["attributes"]["options"]}
    assert {kind.id for kind in KINDS} <= offered
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
