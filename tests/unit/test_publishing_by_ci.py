"""Publishing that happens by itself: the CI configurations in the repository run `make publish`
on every change to the main branch and once a day, with the target and key as the host's secrets."""

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]


def test_github_publishes_on_every_push_to_main_and_every_day_with_make_publish():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text())
    triggers = workflow[True]  # YAML 1.1 reads the key « on » as true
    assert triggers["push"]["branches"] == ["main"]
    [daily] = triggers["schedule"]
    minute, hour, *every_day = daily["cron"].split()
    assert every_day == ["*", "*", "*"] and minute.isdigit() and hour.isdigit()
    [job] = workflow["jobs"].values()
    steps = [step.get("run", "") for step in job["steps"]]
    assert steps[-1] == "make publish"
    assert job["steps"][-1]["env"]["DEPLOY_TARGET"] == "${{ secrets.DEPLOY_TARGET }}"
    assert all(step["uses"].split("@")[1].isalnum() and len(step["uses"].split("@")[1]) == 40
               for step in job["steps"] if "uses" in step), "actions pinned by commit"
    assert workflow["permissions"] == {"contents": "read"}


def test_gitlab_publishes_on_the_default_branch_and_on_its_schedule_with_make_publish():
    pipeline = yaml.safe_load((ROOT / ".gitlab-ci.yml").read_text())
    job = pipeline["publish"]
    conditions = [rule["if"] for rule in job["rules"]]
    assert '$CI_PIPELINE_SOURCE == "schedule"' in conditions
    assert "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH" in conditions
    assert job["script"] == ["make publish"]
    assert any("DEPLOY_SSH_KEY" in line for line in job["before_script"])


def test_no_deploy_target_or_key_is_written_in_the_repository():
    settings = (ROOT / "publishconf.py").read_text()
    assert 'DEPLOY_TARGET = os.environ.get("DEPLOY_TARGET", "")' in settings
    for name in (".github/workflows/publish.yml", ".gitlab-ci.yml"):
        text = (ROOT / name).read_text()
        assert "PRIVATE KEY" not in text and "ssh-ed25519 " not in text, name
