"""The eval harness: suites, thresholds, baselines and one runner.

A suite is JSONL cases (one case per line, each with an ``id`` and the labels it needs),
a function that scores them, and thresholds. ``run_suite`` checks every metric against
its threshold and against the stored baseline: a drop larger than the metric's tolerance
fails the run even when the absolute threshold still holds.

Suites register themselves with ``@register`` (see ``evals/suites/``), so the runner
knows them by name and an unknown name lists the known ones.
"""

from __future__ import annotations

import json
import tempfile
import time
from abc import ABC, abstractmethod
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import CoachError, FieldProblem, InputValidationError

EVALS_DIR = Path(__file__).resolve().parent
DATA_DIR = EVALS_DIR / "data"
BASELINES_DIR = EVALS_DIR / "baselines"


@dataclass(frozen=True)
class Threshold:
    """What a metric must reach, and how far it may fall below its baseline."""

    minimum: float | None = None  # higher is better: the value must be >= minimum
    maximum: float | None = None  # lower is better: the value must be <= maximum
    tolerance: float = 0.02  # allowed move in the bad direction against the baseline

    @property
    def higher_is_better(self) -> bool:
        return self.maximum is None

    def describe(self) -> str:
        if self.minimum is not None:
            return f">= {self.minimum:g}"
        if self.maximum is not None:
            return f"<= {self.maximum:g}"
        return "(tracked)"


@dataclass
class CaseResult:
    """One case's outcome; for a failure, what was expected, what came out and why."""

    id: str
    passed: bool
    expected: Any = None
    got: Any = None
    reason: str = ""


@dataclass
class MetricResult:
    name: str
    value: float
    threshold: Threshold
    baseline: float | None = None
    problems: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.problems

    @property
    def change(self) -> float | None:
        return None if self.baseline is None else self.value - self.baseline


@dataclass
class SuiteResult:
    suite: str
    description: str
    metrics: list[MetricResult]
    cases: list[CaseResult]
    seconds: float
    notes: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(metric.passed for metric in self.metrics)

    def as_dict(self) -> dict[str, Any]:
        return {
            "suite": self.suite,
            "description": self.description,
            "passed": self.passed,
            "seconds": round(self.seconds, 2),
            "notes": self.notes,
            "metrics": [
                {
                    "name": m.name,
                    "value": round(m.value, 4),
                    "threshold": m.threshold.describe(),
                    "tolerance": m.threshold.tolerance,
                    "baseline": m.baseline,
                    "change": None if m.change is None else round(m.change, 4),
                    "passed": m.passed,
                    "problems": m.problems,
                }
                for m in self.metrics
            ],
            "cases": [asdict(case) for case in self.cases],
        }


@dataclass
class EvalContext:
    """What suites may use: the coach's services, the backend and optional helpers."""

    services: Any  # coach.services.Services; typed loosely to keep evals importable alone
    backend: str = "offline"
    recorder: Any = None  # evals.recording.Recorder, for generated outputs
    judge: Any = None  # evals.judge.Judge, when an OpenAI-compatible backend is configured


# Parts of the services built from the knowledge folder alone, never from stored data.
KNOWLEDGE_PARTS = (
    "cards",
    "activity_topics",
    "activity_library",
    "theme_finder",
    "coverage_judge",
    "disclosure_meaning",
)


@contextmanager
def scratch_services(base: Any, *, database: Path | None = None) -> Iterator[Any]:
    """Services like ``base`` (same settings and loaded model) over a throwaway folder:
    a fresh SQLite database and embedded Chroma, so a suite never writes into real data.

    ``database`` is an SQLite file to start from instead of an empty one (copied, never
    written): a suite that needs the same migrated and loaded programme for every case
    prepares it once (``sample_database``) rather than once per case."""
    from coach.services import Services

    with tempfile.TemporaryDirectory() as folder:
        settings = base.settings.model_copy(
            update={
                "data_dir": Path(folder),
                "database_url": None,
                "chroma_url": None,
                "chroma_path": None,
            }
        )
        if database is not None:
            _copy_sqlite(database, _sqlite_file(settings))
        services = Services(settings, embedder=base.embedder)
        # What is read from the knowledge folder is the same for every scratch copy: build
        # it once in ``base`` instead of once per case (cards alone take a third of a
        # second to parse; the disclosure check embeds every catalogue example).
        for name in KNOWLEDGE_PARTS:
            services.put(name, getattr(base, name))
        try:
            yield services
        finally:
            services.close()


@contextmanager
def sample_database(base: Any) -> Iterator[tuple[Path, int]]:
    """An SQLite file holding the migrated store with the sample programme loaded, and
    that programme's id, for ``scratch_services(database=...)``. Migrating and loading
    take a third of a second, which per case was a third of the summaries suite's time."""
    from coach.sample import load_sample

    with tempfile.TemporaryDirectory() as keep, scratch_services(base) as services:
        services.store.migrate()
        programme, _ = load_sample(services.store, services.sample_dir)
        target = Path(keep) / "sample.db"
        _copy_sqlite(_sqlite_file(services.settings), target)
        yield target, programme.id


def _sqlite_file(settings: Any) -> Path:
    return Path(settings.resolved_database_url.removeprefix("sqlite:///"))


def _copy_sqlite(source: Path, target: Path) -> None:
    """A consistent copy through SQLite's backup API: the store runs in WAL mode, so the
    file alone may not hold the last commits."""
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(source)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


@dataclass(frozen=True)
class Scored:
    """What a suite's ``score`` returns: metric values, per-case results, notes."""

    metrics: dict[str, float]
    cases: list[CaseResult]
    notes: list[str] = field(default_factory=list)


class Suite(ABC):
    name: str = ""
    description: str = ""
    cases_file: str = ""  # under evals/data/
    required_labels: tuple[str, ...] = ()
    thresholds: dict[str, Threshold] = {}  # noqa: RUF012 - read-only class table

    def load_cases(self, path: Path | None = None) -> list[dict[str, Any]]:
        """Read the JSONL cases; every line needs a unique id and the suite's labels."""
        path = path or DATA_DIR / self.cases_file
        cases: list[dict[str, Any]] = []
        problems: list[FieldProblem] = []
        seen: set[str] = set()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if not line.strip():
                continue
            try:
                case = json.loads(line)
            except json.JSONDecodeError as exc:
                problems.append(FieldProblem("line", f"not JSON ({exc.msg})", number))
                continue
            if not isinstance(case, dict):
                problems.append(FieldProblem("line", "must be a JSON object", number))
                continue
            missing = [label for label in ("id", *self.required_labels) if label not in case]
            if missing:
                problems.append(FieldProblem(", ".join(missing), "missing", number))
            elif case["id"] in seen:
                problems.append(FieldProblem("id", f"duplicate id {case['id']!r}", number))
            else:
                seen.add(case["id"])
                cases.append(case)
        if problems or not cases:
            raise InputValidationError(
                f"The {self.name} eval cases in {path.name} are invalid.",
                problems or [FieldProblem("file", "no cases")],
                hint="fix the named lines; each line is one JSON object with an id.",
            )
        return cases

    @abstractmethod
    def score(self, context: EvalContext, cases: list[dict[str, Any]]) -> Scored:
        """Run the job on every case and compute the metrics."""


SUITES: dict[str, type[Suite]] = {}


def register(cls: type[Suite]) -> type[Suite]:
    SUITES[cls.name] = cls
    return cls


def get_suite(name: str) -> Suite:
    import evals.suites  # noqa: F401 - registers the suites

    if name not in SUITES:
        raise CoachError(
            f"Unknown eval suite '{name}'.", hint="known suites: " + ", ".join(sorted(SUITES))
        )
    return SUITES[name]()


def known_suites() -> list[str]:
    import evals.suites  # noqa: F401 - registers the suites

    return sorted(SUITES)


# -- baselines -------------------------------------------------------------------------


def baseline_path(suite: str, directory: Path = BASELINES_DIR) -> Path:
    return directory / f"{suite}.json"


def read_baseline(suite: str, directory: Path = BASELINES_DIR) -> dict[str, float]:
    path = baseline_path(suite, directory)
    if not path.exists():
        return {}
    data = json.loads(path.read_text(encoding="utf-8"))
    return {name: float(value) for name, value in data.get("metrics", {}).items()}


def write_baseline(result: SuiteResult, directory: Path = BASELINES_DIR) -> Path:
    """Store a suite's metrics as its new baseline (only on explicit request)."""
    directory.mkdir(parents=True, exist_ok=True)
    path = baseline_path(result.suite, directory)
    body = {
        "suite": result.suite,
        "metrics": {m.name: round(m.value, 4) for m in result.metrics},
        "cases": len(result.cases),
    }
    path.write_text(json.dumps(body, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    return path


# -- running ---------------------------------------------------------------------------


def judge_metric(
    name: str, value: float, threshold: Threshold, baseline: float | None
) -> MetricResult:
    result = MetricResult(name, value, threshold, baseline)
    if threshold.minimum is not None and value < threshold.minimum:
        result.problems.append(f"below threshold {threshold.minimum:g}")
    if threshold.maximum is not None and value > threshold.maximum:
        result.problems.append(f"above threshold {threshold.maximum:g}")
    if baseline is not None:
        worse = baseline - value if threshold.higher_is_better else value - baseline
        # Baselines are stored to four decimals: half a unit of the fourth is rounding.
        if worse > threshold.tolerance + 5e-5:
            result.problems.append(
                f"regressed by {worse:.4f} against baseline {baseline:g} "
                f"(tolerance {threshold.tolerance:g})"
            )
    return result


def run_suite(
    suite: Suite,
    context: EvalContext,
    *,
    cases: list[dict[str, Any]] | None = None,
    baselines_dir: Path = BASELINES_DIR,
    progress: Callable[[str], None] | None = None,
) -> SuiteResult:
    started = time.perf_counter()
    if progress:
        progress(suite.name)
    scored = suite.score(context, cases if cases is not None else suite.load_cases())
    baseline = read_baseline(suite.name, baselines_dir)
    metrics = [
        judge_metric(name, value, suite.thresholds.get(name, Threshold()), baseline.get(name))
        for name, value in scored.metrics.items()
    ]
    return SuiteResult(
        suite=suite.name,
        description=suite.description,
        metrics=metrics,
        cases=scored.cases,
        seconds=time.perf_counter() - started,
        notes=scored.notes,
    )
