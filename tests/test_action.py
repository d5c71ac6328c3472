"""The GitHub Action (action.yml) run step by step as GitHub runs a composite action: each `run`
step with `bash --noprofile --norc -eo pipefail`, in the workspace, with the environment GitHub
sets (GITHUB_ACTIONS, GITHUB_ACTION_PATH, GITHUB_WORKSPACE, RUNNER_TEMP, GITHUB_PATH,
GITHUB_OUTPUT, ...), `${{ }}` expressions and `if:` conditions evaluated, outputs passed between
steps. Steps that use other actions (actions/setup-python, github/codeql-action/upload-sarif)
cannot run here: they are recorded with their inputs, and the runner's python3 stands in for
setup-python.

The action's install step pip-installs a snapshot of the working tree into a virtualenv once per
module (dependencies come from the package index), so the steps run the code under test.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import EXAMPLES, ROOT
from test_examples import CONFIG, COUNCIL, GITHUB_LINES
from test_precommit import IGNORED
from test_precommit import _run as run_process

ACTION = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
WORKFLOW = yaml.safe_load((EXAMPLES / "ci" / "github-actions.yml").read_text(encoding="utf-8"))
INSTALL = "Install newslint"


@dataclass
class Step:
    name: str
    ran: bool
    code: int = 0
    output: str = ""
    uses: str | None = None
    with_: dict[str, str] = field(default_factory=dict)


@dataclass
class Job:
    steps: list[Step]
    outputs: dict[str, str]

    @property
    def passed(self) -> bool:
        return all(step.code == 0 for step in self.steps if step.ran)

    def step(self, name: str) -> Step:
        return next(s for s in self.steps if s.name == name)


class Runner:
    """Runs the action's steps as GitHub's runner does for a composite action."""

    def __init__(self, action_path: Path, workspace: Path, temp: Path) -> None:
        self.action_path, self.workspace, self.temp = action_path, workspace, temp
        self.outputs: dict[str, dict[str, str]] = {}
        self.inputs: dict[str, str] = {}
        self.failed = False
        path_file = temp / "github_path"
        path_file.touch()
        outer = ("GITHUB_", "RUNNER_", "INPUT_", "NO_COLOR", "FORCE_COLOR")
        self.env = {k: v for k, v in os.environ.items() if not k.startswith(outer)}
        self.env.update(
            CI="true",
            GITHUB_ACTIONS="true",
            GITHUB_ACTION_PATH=str(action_path),
            GITHUB_WORKSPACE=str(workspace),
            GITHUB_PATH=str(path_file),
            GITHUB_ENV=str(temp / "github_env"),
            GITHUB_STEP_SUMMARY=str(temp / "step_summary"),
            RUNNER_TEMP=str(temp),
            RUNNER_OS="Linux",
            # the runner's python3 (here: the test's interpreter) stands in for setup-python's
            PATH=os.pathsep.join([str(Path(sys.executable).parent), os.environ["PATH"]]),
        )

    # -- expressions --------------------------------------------------------------------

    def _value(self, name: str) -> str:
        parts = name.split(".")
        if parts[0] == "inputs":
            return self.inputs[parts[1]]
        assert parts[0] == "steps" and parts[2] == "outputs", name
        return self.outputs.get(parts[1], {}).get(parts[3], "")

    def evaluate(self, expression: str) -> Any:
        """A GitHub expression of the forms the action uses: contexts, '' strings, ==, !=,
        &&, ||, ! and the status functions."""
        python = expression.replace("&&", " and ").replace("||", " or ")
        python = re.sub(r"!(?!=)", " not ", python)
        statuses = {
            "success()": not self.failed,
            "failure()": self.failed,
            "always()": True,
            "cancelled()": False,
        }
        for call, value in statuses.items():
            python = python.replace(call, repr(value))
        python = re.sub(
            r"\b(?:inputs|steps)\.[\w.-]+", lambda m: repr(self._value(m.group())), python
        )
        return eval(python, {"__builtins__": {}})  # the action's own expressions, no names

    def expand(self, text: str) -> str:
        return re.sub(r"\$\{\{(.*?)\}\}", lambda m: str(self.evaluate(m.group(1))), text)

    def condition(self, step: dict[str, Any]) -> bool:
        if "if" not in step:
            return not self.failed
        text = str(step["if"]).strip()
        text = text[3:-2] if text.startswith("${{") else text
        status_checked = re.search(r"\b(always|cancelled|failure|success)\(\)", text)
        return bool(self.evaluate(text)) and (bool(status_checked) or not self.failed)

    # -- steps --------------------------------------------------------------------------

    def run(self, inputs: dict[str, str], skip: tuple[str, ...] = ()) -> Job:
        declared = ACTION["inputs"]
        unknown = set(inputs) - set(declared)
        assert not unknown, f"the action has no inputs {unknown}"
        self.inputs = {name: str(spec.get("default", "")) for name, spec in declared.items()}
        self.inputs.update({k: str(v) for k, v in inputs.items()})
        steps = []
        for number, step in enumerate(ACTION["runs"]["steps"]):
            name = step.get("name", f"step {number}")
            if name in skip or not self.condition(step):
                steps.append(Step(name, ran=False, uses=step.get("uses")))
            elif "uses" in step:
                given = {k: self.expand(str(v)) for k, v in step.get("with", {}).items()}
                steps.append(Step(name, ran=False, uses=step["uses"], with_=given))
            else:
                steps.append(self._shell(name, step))
        outputs = {k: self.expand(v["value"]) for k, v in ACTION["outputs"].items()}
        return Job(steps, outputs)

    def _shell(self, name: str, step: dict[str, Any]) -> Step:
        assert step["shell"] == "bash"
        script = self.temp / "step.sh"
        script.write_text(step["run"], encoding="utf-8")
        output_file = self.temp / "github_output"
        output_file.write_text("")
        env = dict(self.env, GITHUB_OUTPUT=str(output_file))
        env.update({k: self.expand(str(v)) for k, v in step.get("env", {}).items()})
        added = Path(self.env["GITHUB_PATH"]).read_text().split()
        env["PATH"] = os.pathsep.join([*reversed(added), env["PATH"]])
        bash = ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)]
        done = run_process(bash, self.workspace, env)
        if "id" in step:
            lines = output_file.read_text().splitlines()
            self.outputs[step["id"]] = dict(line.split("=", 1) for line in lines if "=" in line)
        self.failed = self.failed or done.returncode != 0
        return Step(name, ran=True, code=done.returncode, output=done.stdout)


def _action_step() -> dict[str, Any]:
    """The example workflow's step that uses newslint's action."""
    (job,) = WORKFLOW["jobs"].values()
    return next(s for s in job["steps"] if s.get("uses", "").split("@")[0].endswith("/newslint"))


@pytest.fixture(scope="module")
def action_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The action's repository at the ref a workflow names: a snapshot of the tree under test."""
    path = tmp_path_factory.mktemp("action") / "newslint"
    shutil.copytree(ROOT, path, ignore=IGNORED, symlinks=True)
    return path


@pytest.fixture(scope="module")
def runner_temp(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("runner-temp")


def _newsroom(root: Path) -> Path:
    """An article repository as examples/ suggests: config, a clean article, a wire story."""
    workspace = root / "workspace"
    (workspace / "articles" / "wire").mkdir(parents=True)
    shutil.copy(CONFIG, workspace / ".newslint.yaml")
    clean = (EXAMPLES / "seed-article.fixed.txt").read_bytes()
    (workspace / "articles" / "milley.txt").write_bytes(clean)
    (workspace / "articles" / "wire" / "afp.md").write_text(
        "# Talks resume in Geneva\n\n"
        "Talks resumed after Ambassador jean dupont arrived. Later, Dupont said little.\n",
        encoding="utf-8",
    )
    return workspace


@pytest.fixture(scope="module")
def installed(
    action_path: Path, runner_temp: Path, tmp_path_factory: pytest.TempPathFactory
) -> tuple[Runner, Job]:
    """The example workflow's use of the action, every step, on a damaged article (once: the
    install step builds the virtualenv the other tests reuse)."""
    workspace = _newsroom(tmp_path_factory.mktemp("first"))
    (workspace / "articles" / "council.md").write_text(COUNCIL, encoding="utf-8")
    runner = Runner(action_path, workspace, runner_temp)
    return runner, runner.run(_action_step().get("with", {}))


def _run(
    installed: tuple[Runner, Job], workspace: Path, inputs: dict[str, str]
) -> tuple[Runner, Job]:
    """The action's steps after the install, in another workspace."""
    first, _ = installed
    runner = Runner(first.action_path, workspace, first.temp)
    return runner, runner.run(inputs, skip=(INSTALL,))


def _annotations(job: Job) -> list[str]:
    return [line for line in job.step("Run newslint").output.splitlines() if line.startswith("::")]


def test_example_workflow_uses_the_action() -> None:
    triggers = WORKFLOW.get("on", WORKFLOW.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"pull_request", "push"}
    (job,) = WORKFLOW["jobs"].values()
    assert [step.get("uses", "").split("@")[0] for step in job["steps"]][0] == "actions/checkout"
    step = _action_step()
    assert re.fullmatch(r"[\w-]+/newslint@v\d+\.\d+\.\d+", step["uses"])
    assert set(step.get("with", {})) <= set(ACTION["inputs"])
    assert ACTION["runs"]["using"] == "composite"


def test_example_workflow_annotates_a_damaged_article_and_fails(installed) -> None:
    runner, job = installed
    install = job.step(INSTALL)
    assert install.ran and install.code == 0, install.output
    setup = job.step("Set up Python")
    assert setup.uses == "actions/setup-python@v5" and setup.with_ == {"python-version": "3.12"}
    assert (runner.temp / "newslint-venv" / "bin" / "newslint").exists()
    assert _annotations(job) == GITHUB_LINES
    assert job.outputs == {"exit-code": "1", "sarif-file": ""}
    assert not job.step("Upload SARIF to code scanning").with_  # not for annotations
    final = job.step("Pass or fail with newslint's exit code")
    assert final.ran and final.code == 1
    assert not job.passed


def test_clean_articles_pass(installed, tmp_path: Path) -> None:
    workspace = _newsroom(tmp_path)  # the draft is excluded, the wire story's name ignored
    _, job = _run(installed, workspace, _action_step().get("with", {}))
    assert job.passed and job.outputs["exit-code"] == "0"
    assert _annotations(job) == []
    assert "All checks passed!" not in job.step("Run newslint").output  # annotations only


def test_fail_on_input_and_paths_on_several_lines(installed, tmp_path: Path) -> None:
    workspace = _newsroom(tmp_path)
    (workspace / "desk").mkdir()
    (workspace / "desk" / "council.md").write_text(
        COUNCIL.replace("Leave a Comment\n", ""), encoding="utf-8"
    )  # warnings only
    inputs = {"paths": "articles/\ndesk/council.md", "fail-on": "error"}
    _, job = _run(installed, workspace, inputs)
    assert job.passed and job.outputs["exit-code"] == "0"
    assert len(_annotations(job)) == 3  # shown as warnings, not failing
    _, job = _run(installed, workspace, {**inputs, "fail-on": ""})
    assert not job.passed and job.outputs["exit-code"] == "1"


def test_sarif_goes_to_code_scanning(installed, tmp_path: Path) -> None:
    workspace = _newsroom(tmp_path)
    (workspace / "articles" / "council.md").write_text(COUNCIL, encoding="utf-8")
    runner, job = _run(installed, workspace, {"paths": "articles", "format": "sarif"})
    sarif = runner.temp / "newslint.sarif"
    assert job.outputs == {"exit-code": "1", "sarif-file": str(sarif)}
    upload = job.step("Upload SARIF to code scanning")
    assert upload.uses == "github/codeql-action/upload-sarif@v3"
    assert upload.with_ == {"sarif_file": str(sarif), "category": "newslint"}
    results = json.loads(sarif.read_text(encoding="utf-8"))["runs"][0]["results"]
    assert {r["ruleId"] for r in results} == {"NL302", "NL501", "NL301", "NL201"}
    assert not job.passed


def test_args_input_and_an_error_exit(installed, tmp_path: Path) -> None:
    workspace = _newsroom(tmp_path)
    (workspace / "articles" / "council.md").write_text(COUNCIL, encoding="utf-8")
    _, job = _run(installed, workspace, {"paths": "articles", "args": "--select casing"})
    assert {line.split("title=")[1].split()[0] for line in _annotations(job)} == {"NL302", "NL301"}
    _, job = _run(installed, workspace, {"paths": "no-such-folder"})
    assert job.outputs["exit-code"] == "2"
    assert "no-such-folder: no such file or directory" in job.step("Run newslint").output
    assert job.step("Pass or fail with newslint's exit code").code == 2


def test_only_findings_outside_the_baseline(installed, tmp_path: Path) -> None:
    first, _ = installed
    workspace = _newsroom(tmp_path)
    council = workspace / "articles" / "council.md"
    council.write_text(COUNCIL, encoding="utf-8")
    newslint = first.temp / "newslint-venv" / "bin" / "newslint"
    done = subprocess.run(
        [str(newslint), "baseline", "articles/"], cwd=workspace, capture_output=True, check=False
    )
    assert done.returncode == 0, done.stderr
    council.write_text(COUNCIL.replace("Leave a Comment\n", "Share this article\n"), "utf-8")

    _, job = _run(installed, workspace, _action_step().get("with", {}))

    assert job.outputs["exit-code"] == "1"
    assert _annotations(job) == [
        "::error file=articles/council.md,line=7,col=1,endLine=7,endColumn=19,"
        "title=NL202 share-bar::Share-bar boilerplate left in the article: 'Share this article'"
    ]
