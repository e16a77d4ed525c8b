"""The ``coach`` command: set up, import, index, search guidance, run the demo and evals.

Thin over the library: every command loads the Settings, builds ``Services`` and calls
one function of ``coach``. A ``CoachError`` becomes a red message with its fix and a
non-zero exit code, never a traceback.
"""

from __future__ import annotations

import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer
from rich.console import Console
from rich.panel import Panel
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from coach.accounts import issue_token, now_utc
from coach.config import load_settings
from coach.csvfile import SafeWriter
from coach.domain import MAX_SESSIONS, Email, Stage, UserRole
from coach.errors import CoachError, ConfigError, InputValidationError
from coach.knowledge import Audience
from coach.roster import import_roster
from coach.sample import create_demo_users, load_sample, read_programme
from coach.services import Services

if TYPE_CHECKING:
    from coach.index import SyncReport

app = typer.Typer(
    help="AI-assisted coach for (reverse) mentoring programmes.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
console = Console()
# Said while a command loads the embedding, spaCy or theme models it needs.
LOADING = "Loading the language models (a few seconds), then "
errors = Console(stderr=True, soft_wrap=True)  # error lines stay whole for grep


# The command being run keeps its units of work here; ``main`` closes them when it ends.
_running: list[ExitStack] = []


def services(*, writes: bool = True) -> Services:
    """This command's services in one unit of work: what the command stores is committed
    when it ends, and none of it if it fails (see ``Store.unit_of_work``).

    ``writes=False`` for commands that only read (on SQLite they then take no lock).
    """
    svc = Services(load_settings())
    if not _running:  # called from a script, not a command: each call commits alone
        return svc
    return _running[-1].enter_context(_CommandUnit(svc, writes=writes))


class _CommandUnit:
    """A unit of work that a successful exit (``SystemExit(0)``) commits."""

    def __init__(self, svc: Services, *, writes: bool) -> None:
        self._unit = svc.unit_of_work(writes=writes)

    def __enter__(self) -> Services:
        return self._unit.__enter__()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: Any
    ) -> bool | None:
        if isinstance(error, SystemExit) and error.code in (0, None):
            self._unit.__exit__(None, None, None)
            return None
        return self._unit.__exit__(kind, error, trace)


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None]]:
    """A rich progress bar fed by the index's (done, total) callbacks."""
    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=console,
        transient=True,
    ) as progress:
        task = progress.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            progress.update(task, completed=done, total=total or 1)

        yield update


def _report(report: SyncReport) -> str:
    return f"{report.added} embedded, {report.unchanged} unchanged, {report.removed} removed"


def index_everything(svc: Services, programme_slug: str | None = None) -> None:
    with progress_bar("Embedding guidance cards") as update:
        report = svc.sync_guidance(progress=update)
    console.print(f"Guidance: {len(svc.cards)} cards ({_report(report)}).")
    programmes = (
        [svc.store.programmes.get_programme(programme_slug)]
        if programme_slug
        else svc.store.programmes.list_programmes()
    )
    for programme in programmes:
        people = svc.store.programmes.list_participants(programme.id)
        with progress_bar(f"Embedding goals and skills of {programme.slug}") as update:
            report = svc.index.sync_participants(programme.id, people, progress=update)
        console.print(
            f"Programme {programme.slug}: {len(people)} participants ({_report(report)})."
        )


@app.command()
def init() -> None:
    """Create the data folder, the database schema and the index collections."""
    from coach.store.db import ensure_database

    svc = services()
    svc.settings.data_dir.mkdir(parents=True, exist_ok=True)
    if ensure_database(svc.settings.resolved_database_url):
        console.print("Created the PostgreSQL database.")
    svc.store.migrate()
    counts = svc.index.check()
    console.print(f"Database ready: {svc.store.engine.url.render_as_string(hide_password=True)}")
    where = svc.settings.chroma_url or svc.settings.resolved_chroma_path
    console.print(
        f"Index ready: {where} ({counts['guidance']} guidance, {counts['goals']} goal entries)"
    )


@app.command("import")
def import_file(
    path: Annotated[
        Path,
        typer.Argument(exists=True, dir_okay=False, help=".yaml programme, or .csv/.json roster"),
    ],
    programme: Annotated[
        str | None, typer.Option(help="Programme slug or id (for a roster).")
    ] = None,
) -> None:
    """Import a programme (YAML) or a roster of participants (CSV or JSON).

    A roster is validated whole: if any row is bad, nothing is stored and every bad row
    and field is listed. Re-importing updates people by employee id.
    """
    svc = services()
    svc.store.migrate()
    if path.suffix.lower() in {".yaml", ".yml"}:
        saved = svc.store.programmes.upsert_programme(read_programme(path))
        console.print(f"Programme [bold]{saved.slug}[/] saved (id {saved.id}).")
        return
    if programme is None:
        raise CoachError(
            "Which programme is this roster for?",
            hint="add --programme SLUG (see `coach programmes`), "
            "or import the programme YAML first.",
        )
    result = import_roster(svc.store, programme, path)
    console.print(
        f"Imported {path.name}: {result.created} new, {result.updated} updated, "
        f"{result.unchanged} unchanged. Run `coach index` to refresh the goal index."
    )


@app.command()
def programmes() -> None:
    """List the programmes in the database."""
    svc = services(writes=False)
    svc.store.check()
    table = Table("id", "slug", "name", "mentees", "mentors")
    for item in svc.store.programmes.list_programmes():
        counts = svc.store.programmes.count_participants(item.id)
        table.add_row(
            str(item.id),
            item.slug,
            item.name,
            str(counts.get("mentee", 0)),
            str(counts.get("mentor", 0)),
        )
    console.print(table)


@app.command()
def index(
    programme: Annotated[
        str | None, typer.Option(help="Only this programme's participants.")
    ] = None,
    rebuild: Annotated[
        bool, typer.Option(help="Empty the index first and embed everything again.")
    ] = False,
) -> None:
    """Embed guidance cards and participants' goals and skills; unchanged texts are skipped.

    With --rebuild the collections are emptied first (after changing the embedding model,
    or if the index is damaged); the database is the source, so nothing is lost.
    """
    svc = services()
    svc.store.check()
    if rebuild:
        svc.index.drop()
        console.print("Index emptied; embedding everything again.")
    index_everything(svc, programme)


@app.command()
def guidance(
    query: Annotated[str, typer.Argument(help="A question in your own words.")],
    audience: Annotated[Audience | None, typer.Option(help="Who is asking.")] = None,
    stage: Annotated[Stage | None, typer.Option(help="Programme stage.")] = None,
    k: Annotated[int, typer.Option("-k", min=1, max=20, help="How many cards.")] = 3,
) -> None:
    """Print the guidance cards that best answer a question."""
    svc = services(writes=False)
    if svc.index.guidance.count() == 0:
        raise CoachError(
            "The guidance index is empty.", hint="run `coach index` (or `coach demo`) first."
        )
    with console.status(LOADING + "searching the guidance..."):
        hits = svc.index.search_guidance(
            query, audience=audience.value if audience else None, stage=stage, k=k
        )
    if not hits:
        console.print("No card matches that audience and stage.")
        return
    table = Table("rank", "card", "title", "for", "score")
    for rank, hit in enumerate(hits, start=1):
        table.add_row(str(rank), hit.card_id, hit.title, hit.audience, f"{hit.score:.2f}")
    console.print(table)
    best = svc.card(hits[0].card_id)
    if best is not None:
        lines = [best.summary, ""] + [f"- {tip}" for tip in best.tips]
        if best.questions:
            lines += ["", "Questions to ask:"] + [f"- {q}" for q in best.questions]
        console.print(Panel("\n".join(lines), title=best.title, expand=False))


@app.command()
def demo(
    reset: Annotated[bool, typer.Option(help="Empty the data folder first.")] = False,
) -> None:
    """Load the sample programme into the data folder, build the index and show what it holds."""
    data_dir = load_settings().data_dir
    if reset and data_dir.exists():
        shutil.rmtree(data_dir)
    data_dir.mkdir(parents=True, exist_ok=True)
    svc = services()
    svc.store.migrate()
    programme, result = load_sample(svc.store, svc.sample_dir)
    console.print(
        f"Loaded [bold]{programme.name}[/] ({programme.slug}): {result.created} new, "
        f"{result.updated} updated, {result.unchanged} unchanged participants."
    )
    index_everything(svc, programme.slug)
    _describe(svc, programme.id)
    console.print("[bold]Demo accounts[/] (tokens shown once, valid 30 days):")
    for label, email, token in create_demo_users(svc.store, programme):
        # Plain print: a table would wrap the token and break copy and paste.
        print(f"  {label:<12} {email:<42} {token}")
    console.print(
        "Sign in at http://127.0.0.1:8000/web with a token, or use it as "
        "'Authorization: Bearer <token>' at http://127.0.0.1:8000/docs"
    )


def _describe(svc: Services, programme_id: int) -> None:
    programme = svc.store.programmes.get_programme(programme_id)
    people = svc.store.programmes.list_participants(programme_id)
    table = Table(title="Participants by department", show_lines=False)
    table.add_column("department")
    table.add_column("mentees", justify="right")
    table.add_column("mentors", justify="right")
    by_department = Counter((p.department, p.role.value) for p in people)
    for department in sorted({p.department for p in people}):
        table.add_row(
            department,
            str(by_department[(department, "mentee")]),
            str(by_department[(department, "mentor")]),
        )
    console.print(table)
    ids = {p.external_id for p in people}
    in_programme_lines = sum(1 for p in people if p.manager_id in ids)
    console.print(
        f"Objectives: {'; '.join(o.name for o in programme.objectives)}\n"
        f"Sessions: {programme.sessions_planned} x {programme.session_minutes} min, "
        f"every {programme.cadence_days} days. Minimum cohort for feedback: "
        f"{programme.min_cohort_size}.\n"
        f"Reporting lines inside the programme: {in_programme_lines}. "
        f"Without consent to be matched: {sum(not p.consent_matching for p in people)}. "
        f"Goals: {sum(len(p.goals) for p in people)}, skills: {sum(len(p.skills) for p in people)}."
    )
    counts = svc.index.check()
    console.print(
        f"Index: {counts['guidance']} guidance entries, {counts['goals']} goal and skill entries."
    )
    console.print(
        Panel(
            "Try:\n"
            '  coach guidance "how do I tell a senior leader something uncomfortable" '
            "--audience mentor\n"
            '  coach guidance "we keep cancelling our sessions" --audience mentee\n'
            "  coach eval retrieval\n"
            "  coach programmes",
            title="Next steps",
            expand=False,
        )
    )


@app.command()
def match(
    programme: Annotated[str, typer.Option(help="Programme slug or id.")],
    solver: Annotated[str, typer.Option(help="optimal, participation or stable.")] = "optimal",
    export: Annotated[Path | None, typer.Option(help="Also write the suggestions as CSV.")] = None,
) -> None:
    """Suggest pairs for everyone not yet approved, with reasons, audit and fairness."""

    from coach.matching import solver_for_run
    from coach.matching.features import FEATURES
    from coach.pairings import programme_fairness, run_matching

    chosen = solver_for_run(solver)
    svc = services()
    svc.store.check()
    target = svc.store.programmes.get_programme(programme)
    with console.status(LOADING + "matching..."):
        run, pairings, result = run_matching(svc, target.id, chosen)
    names = {p.id: p.name for p in svc.store.programmes.list_participants(target.id)}
    table = Table(
        "mentee",
        "mentor",
        "score",
        "summary",
        title=f"Run {run.id}: {len(pairings)} "
        f"suggestions ({solver}), total score {result.total_score:.2f}",
    )
    for pairing in sorted(pairings, key=lambda p: -(p.score or 0)):
        table.add_row(
            names[pairing.mentee_id],
            names[pairing.mentor_id],
            f"{pairing.score:.2f}",
            pairing.details.get("summary", ""),
        )
    console.print(table)
    audit = Table("rule", "pairs excluded", title=f"Excluded pairs (of {result.pairs_considered})")
    for rule, count in sorted(result.excluded.items(), key=lambda item: -item[1]):
        audit.add_row(rule, str(count))
    console.print(audit)
    unmatched = Table("who", "role", "cause", "detail", title="Unmatched")
    for item in result.unmatched:
        unmatched.add_row(
            names.get(item.participant_id, "?"),
            item.role,
            item.cause.replace("_", " "),
            item.detail,
        )
    console.print(unmatched)
    fairness = Table(
        "role",
        "by",
        "group",
        "people",
        "matched",
        "mean score",
        "gap",
        title="Fairness over the whole programme (approved, half-approved and suggested)",
    )
    for row in programme_fairness(svc, target.id):
        fairness.add_row(
            row.role,
            row.dimension,
            row.group,
            str(row.people),
            f"{row.matched} ({row.match_rate:.0%})",
            "-" if row.mean_score is None else f"{row.mean_score:.2f}",
            f"[bold red]flagged[/]: {row.gap}" if row.gap else "",
        )
    console.print(fairness)
    for note in result.notes:
        console.print(note)
    if export is not None:
        with export.open("w", newline="", encoding="utf-8") as handle:
            writer = SafeWriter(handle)
            writer.writerow(
                [
                    "pairing_id",
                    "mentee_id",
                    "mentee",
                    "mentor_id",
                    "mentor",
                    "score",
                    *FEATURES,
                    "summary",
                    "pros",
                    "cons",
                ]
            )
            for pairing in pairings:
                parts = pairing.details.get("parts", {})
                writer.writerow(
                    [
                        pairing.id,
                        pairing.mentee_id,
                        names[pairing.mentee_id],
                        pairing.mentor_id,
                        names[pairing.mentor_id],
                        pairing.score,
                        *(parts.get(f, "") for f in FEATURES),
                        pairing.details.get("summary", ""),
                        " | ".join(pairing.details.get("pros", [])),
                        " | ".join(pairing.details.get("cons", [])),
                    ]
                )
        console.print(f"Suggestions written to {export}")


PairingOption = Annotated[int, typer.Option(help="Pairing id (an approved pairing).")]
SessionOption = Annotated[int, typer.Option(min=1, max=MAX_SESSIONS, help="Session number.")]
JsonOption = Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")]
D = TypeVar("D")


def _prepared(
    prepare: Callable[[Services, int, int], D], what: str, pairing: int, session: int
) -> D:
    """A session document, generated and stored, with a progress line while models load."""
    svc = services()
    svc.store.check()
    with console.status(LOADING + f"writing the {what}..."):
        return prepare(svc, pairing, session)


@app.command()
def prep(
    pairing: PairingOption,
    session: SessionOption = 1,
    as_json: JsonOption = False,
) -> None:
    """The mentee's agenda for a session (generated, stored, then printed)."""
    from coach.prep.documents import prepare_agenda

    agenda = _prepared(prepare_agenda, "agenda", pairing, session)
    if as_json:
        print(agenda.model_dump_json(indent=2))
        return
    console.print(agenda.position)
    table = Table(
        "min",
        "item",
        "show and try",
        "prepare",
        "questions to bring",
        title=f"Session {agenda.session_number} ({agenda.stage.value}): "
        f"{agenda.mentee_name} with {agenda.mentor_name}",
        show_lines=True,
    )
    for item in agenda.items:
        goals = "".join(f"\n[dim]goal: {goal}[/dim]" for goal in item.goals[:1])
        if len(item.goals) > 1:
            goals = f"\n[dim]{len(item.goals)} goals[/dim]"
        table.add_row(
            str(item.minutes),
            item.title + goals,
            "\n".join(f"- {a}" for a in item.activities),
            "\n".join(f"- {p}" for p in item.prepare),
            "\n".join(f"- {q}" for q in item.questions),
        )
    console.print(table)
    for notice in agenda.notices:
        console.print(f"[bold]Note:[/bold] {notice}")
    console.print("Ground rules: " + " / ".join(agenda.ground_rules))
    console.print(
        f"Guidance used: {', '.join(agenda.card_ids) or 'none'}; generated by "
        f"{agenda.generated_by}"
        + (f" ({agenda.fallback_reason})" if agenda.fallback_reason else "")
    )


@app.command()
def prompts(
    pairing: PairingOption,
    session: SessionOption = 1,
    as_json: JsonOption = False,
) -> None:
    """The mentor's conversation prompts for a session (generated, stored, printed)."""
    from coach.prep.documents import prepare_prompts

    result = _prepared(prepare_prompts, "prompts", pairing, session)
    if as_json:
        print(result.model_dump_json(indent=2))
        return
    console.print(
        Panel(
            "\n".join(f"- {q}" for q in result.openers),
            title=f"Openers for {result.mentee_name} (session {result.session_number},"
            f" {result.stage.value})",
            expand=False,
        )
    )
    console.print(result.position)
    if result.prepare_yourself:
        console.print(
            Panel(
                "\n".join(f"- {line}" for line in result.prepare_yourself),
                title="Prepare yourself",
                expand=False,
            )
        )
    for group in result.questions:
        lines = [f"- {q}" for q in group.questions]
        if group.show_and_try:
            lines += ["", "Show and try:", *(f"- {line}" for line in group.show_and_try)]
        console.print(
            Panel(
                "\n".join(lines),
                title=(group.title or group.goal)
                + (" (leads this session)" if group.focus else ""),
                expand=False,
            )
        )
    console.print(
        Panel(
            "\n".join(f"- {t}" for t in result.upward_feedback),
            title="Candid feedback upward",
            expand=False,
        )
    )
    console.print(
        Panel(
            "\n".join(f"- {t}" for t in result.if_mentee_takes_over),
            title="If the mentee takes over",
            expand=False,
        )
    )
    console.print(
        f"Guidance used: {', '.join(result.card_ids) or 'none'}; generated by {result.generated_by}"
    )


@app.command()
def redact(
    file: Annotated[str, typer.Argument(help="Text file to redact, or - for standard input.")],
    programme: Annotated[
        str | None, typer.Option(help="Programme slug or id: its roster is recognised too.")
    ] = None,
) -> None:
    """Print a text with names, contacts, ids and disclosures replaced by placeholders.

    The counts per kind go to standard error; the originals are never printed.
    """
    import sys

    svc = services(writes=False)
    programme_id = None
    if programme is not None:
        svc.store.check()
        programme_id = svc.store.programmes.get_programme(programme).id
    if file == "-":
        text = sys.stdin.read()
    else:
        path = Path(file)
        if not path.is_file():
            raise CoachError(f"No file at {path}.", hint="give the path of a text file, or -.")
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise CoachError(
                f"{path} is not UTF-8 text.", hint="save it as UTF-8 (plain text) and retry."
            ) from None
    with errors.status(LOADING + "redacting..."):
        result = svc.redactor(programme_id).redact(text)
    sys.stdout.write(result.text)
    counts = ", ".join(f"{label.lower()} {n}" for label, n in sorted(result.counts().items()))
    errors.print(f"Redacted: {counts or 'nothing found'}")


@app.command("feedback-summary")
def feedback_summary(
    programme: Annotated[str, typer.Option(help="Programme slug or id.")],
    stage: Annotated[str, typer.Option(help="session, midpoint or closing.")] = "midpoint",
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON for scripts.")] = False,
) -> None:
    """The coordinator's summary of one stage's feedback (only above the minimum cohort)."""
    from coach.domain import FeedbackStage
    from coach.feedback import summarise_feedback
    from coach.feedback.summary import HOW_COUNTED, too_few_answers

    try:
        which = FeedbackStage(stage)
    except ValueError:
        raise CoachError(
            f"Unknown stage '{stage}'.", hint="use session, midpoint or closing."
        ) from None
    svc = services(writes=False)
    svc.store.check()
    programme_id = svc.store.programmes.get_programme(programme).id
    # Too few answers is told at once; a summary loads the redaction and theme models.
    summary = too_few_answers(svc, programme_id, which)
    if summary is None:
        with console.status(LOADING + "summarising..."):
            summary = summarise_feedback(svc, programme_id, which)
    if as_json:
        print(summary.model_dump_json(indent=2))
        return
    if summary.status != "ok":
        console.print(f"[yellow]{summary.message}[/]")
        return
    from coach.feedback import pairs_needing_attention
    from coach.numbers import count, rating

    console.print(
        f"{summary.message} Usefulness {rating(summary.usefulness_mean)}, pairing fit "
        f"{rating(summary.pairing_fit_mean)} ({which.value} feedback); overall tone "
        f"{summary.overall_sentiment}."
    )
    table = Table("theme", "people", "working?", "example (consented, redacted)", show_lines=True)
    for theme in summary.themes:
        table.add_row(
            theme.label,
            count(theme.respondents),
            "working" if theme.tone == "positive" else "not working",
            theme.example or "",
        )
    console.print(table)
    console.print(HOW_COUNTED)
    actions = [
        f"{action.text} (guide: {action.card_title})"
        for theme in summary.themes
        if theme.tone == "negative"
        for action in theme.actions
    ]
    for title, items in (
        ("Working", summary.working),
        ("Not working", summary.not_working),
        ("What you can do", actions),
        ("Quotes", [f'"{q}"' for q in summary.quotes]),
    ):
        if items:
            console.print(Panel("\n".join(f"- {i}" for i in items), title=title, expand=False))
    attention = pairs_needing_attention(svc, summary.programme_id)
    if attention:
        lines = [f"- {a.mentee_name} and {a.mentor_name}: {'; '.join(a.why)}" for a in attention]
        console.print(Panel("\n".join(lines), title="Pairs that need attention", expand=False))
    console.print(summary.authorship)


@app.command()
def kpis(
    programme: Annotated[str, typer.Option(help="Programme slug or id.")],
    output_format: Annotated[str, typer.Option("--format", help="table, json or csv.")] = "table",
    output: Annotated[Path | None, typer.Option(help="Write to this file instead.")] = None,
    as_json: Annotated[bool, typer.Option("--json", help="Same as --format json.")] = False,
) -> None:
    """The programme's KPIs (figures from ratings only above the minimum cohort)."""
    from coach.kpis import programme_kpis
    from coach.numbers import kpi_label, kpi_value

    if as_json:
        output_format = "json"
    if output_format not in ("table", "json", "csv"):
        raise CoachError(f"Unknown format '{output_format}'.", hint="use table, json or csv.")
    svc = services(writes=False)
    svc.store.check()
    report = programme_kpis(svc, svc.store.programmes.get_programme(programme).id)
    if output_format == "table":
        table = Table("figure", "value", title=f"KPIs: {report.programme_name}")
        for name, value in report.metrics.items():
            shown = kpi_value(name, value)
            if value is None and name in report.suppressed:
                shown = f"not shown: {report.suppressed[name]}"
            table.add_row(kpi_label(name), shown)
        console.print(table)
        return
    text = report.model_dump_json(indent=2) if output_format == "json" else report.to_csv()
    if output is None:
        print(text, end="" if text.endswith("\n") else "\n")
    else:
        output.write_text(text, encoding="utf-8")
        console.print(f"Wrote {output}")


@app.command("export-programme")
def export_programme_command(
    programme: Annotated[str, typer.Option(help="Programme slug or id.")],
    output: Annotated[Path, typer.Argument(help="JSON file to write.")],
) -> None:
    """Write a programme and everything in it (no tokens) to one JSON file."""
    import json

    from coach.store.transfer import checksums, export_programme

    svc = services(writes=False)
    svc.store.check()
    document = export_programme(svc.store, programme)
    output.write_text(json.dumps(document, indent=1, ensure_ascii=False), encoding="utf-8")
    _print_checksums(f"Exported to {output}", checksums(document))


@app.command("import-programme")
def import_programme_command(
    path: Annotated[Path, typer.Argument(exists=True, dir_okay=False, help="An export file.")],
) -> None:
    """Create an exported programme in this database, then prove nothing was lost.

    The programme is exported again from this database and compared with the file,
    section by section (counts and SHA-256); any difference is an error (exit 1).
    """
    import json

    from coach.store.transfer import checksums, export_programme, import_programme

    svc = services()
    svc.store.migrate()
    try:
        document = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise CoachError(
            f"{path} is not a JSON export ({exc}).", hint="use the exported file."
        ) from None
    created = import_programme(svc.store, document)
    before, after = checksums(document), checksums(export_programme(svc.store, created["slug"]))
    _print_checksums(f"Imported {created['slug']} (id {created['programme_id']})", after)
    differing = [section for section in before if before[section] != after[section]]
    if differing:
        raise CoachError(
            "The imported programme differs from the file in: " + ", ".join(differing) + ".",
            hint="users that already existed here keep their own details; otherwise report "
            "this as a bug.",
        )
    console.print("Counts and checksums match the file in every section.")


def _print_checksums(title: str, sums: dict[str, dict[str, object]]) -> None:
    table = Table("section", "records", "sha256", title=title)
    for section, value in sums.items():
        table.add_row(section, str(value["count"]), str(value["sha256"])[:16])
    console.print(table)


user_app = typer.Typer(help="User accounts.", no_args_is_help=True)
token_app = typer.Typer(help="API tokens.", no_args_is_help=True)
app.add_typer(user_app, name="user")
app.add_typer(token_app, name="token")


@user_app.command("add")
def user_add(
    email: Annotated[str, typer.Argument()],
    name: Annotated[str, typer.Option(help="Display name.")],
    role: Annotated[UserRole, typer.Option(help="Account role.")] = UserRole.MEMBER,
    coordinates: Annotated[
        str | None, typer.Option(help="Programme slug this user coordinates.")
    ] = None,
) -> None:
    """Create a user (linked to participant records with the same email)."""
    from pydantic import TypeAdapter, ValidationError

    from coach.errors import FieldProblem

    try:
        TypeAdapter(Email).validate_python(email)
    except ValidationError:
        raise InputValidationError(
            f"'{email}' is not an email address.", [FieldProblem("email", "not an email")]
        ) from None
    svc = services()
    svc.store.check()
    user = svc.store.accounts.add_user(email, name, role=role)
    if coordinates:
        svc.store.programmes.add_coordinator(
            svc.store.programmes.get_programme(coordinates).id, user.id
        )
    console.print(f"User {user.id} <{user.email}> created as {user.role.value}.")


@token_app.command("create")
def token_create(
    email: Annotated[str, typer.Argument(help="The user's email.")],
    name: Annotated[str, typer.Option(help="What the token is for.")] = "cli",
    days: Annotated[int, typer.Option(help="Days until it expires (1-365).")] = 90,
) -> None:
    """Issue an API token; the secret is printed once and stored only as a hash."""
    svc = services()
    svc.store.check()
    user = svc.store.accounts.get_user_by_email(email)
    record, secret = issue_token(svc.store, user.id, name, ttl_days=days)
    console.print(f"Token {record.id} for {user.email}, expires {record.expires_at:%Y-%m-%d}:")
    print(secret)


@token_app.command("revoke")
def token_revoke(token_id: Annotated[int, typer.Argument()]) -> None:
    """Revoke a token at once."""
    svc = services()
    svc.store.check()
    token = svc.store.accounts.revoke_token(token_id, now_utc())
    console.print(f"Token {token.id} revoked.")


@app.command("send-mail")
def send_mail(
    watch: Annotated[
        float, typer.Option(help="Keep sending every this many seconds (0: once).")
    ] = 0.0,
) -> None:
    """Write the reminders that are due and send the outbox (the web service does this
    itself every 15 s)."""
    import time
    from datetime import UTC, datetime

    from coach.messages.delivery import transport_for
    from coach.messages.sender import mail_round

    settings = load_settings()
    svc = Services(settings)  # each claim and outcome commits on its own
    svc.store.check()
    transport = transport_for(settings)
    while True:
        report = mail_round(svc, transport, datetime.now(UTC))
        for message_id, why in report.retrying.items():
            console.print(f"message {message_id}: will try again ({why})", soft_wrap=True)
        for message_id, why in report.failed.items():
            console.print(f"[red]message {message_id}: given up[/] ({why})", soft_wrap=True)
        console.print(
            f"Sent {len(report.sent)}, retrying {len(report.retrying)}, "
            f"given up {len(report.failed)}."
        )
        if watch <= 0:
            return
        time.sleep(watch)


@app.command("eval")
def eval_command(
    suites: Annotated[
        list[str] | None, typer.Argument(help="Suites to run (default: all).")
    ] = None,
    backend: Annotated[
        str, typer.Option(help="Generation backend: offline or openai.")
    ] = "offline",
    report: Annotated[
        Path | None, typer.Option(help="Write report.json and report.html here.")
    ] = None,
    update_baseline: Annotated[
        bool, typer.Option("--update-baseline", help="Store these figures as the new baselines.")
    ] = False,
    recordings: Annotated[
        str, typer.Option(help="Generated outputs: off, record or replay.")
    ] = "off",
    judge: Annotated[bool, typer.Option(help="Also score outputs with an LLM judge.")] = False,
    baselines: Annotated[
        Path | None, typer.Option(help="Baselines folder (default evals/baselines).")
    ] = None,
) -> None:
    """Run offline eval suites; exits 1 when a threshold or a baseline is broken."""
    from evals.harness import (
        BASELINES_DIR,
        EvalContext,
        get_suite,
        known_suites,
        run_suite,
        write_baseline,
    )
    from evals.recording import RECORDINGS_DIR, Recorder
    from evals.report import write_report

    if backend not in ("offline", "openai"):
        raise CoachError(f"Unknown backend '{backend}'.", hint="use offline or openai.")
    if recordings not in ("off", "record", "replay"):
        raise CoachError(
            f"Unknown recordings mode '{recordings}'.", hint="use off, record or replay."
        )
    selected = [get_suite(name) for name in (suites or known_suites())]
    svc = services()
    recorder = Recorder(RECORDINGS_DIR / f"{backend}.jsonl", recordings)  # type: ignore[arg-type]
    judge_client = None
    if judge or backend == "openai":
        from coach.llm.client import openai_client

        openai_client(svc.settings)  # raises a ConfigError naming the variable to set
    if judge:
        from evals.judge import Judge

        judge_client = Judge(svc.settings, Recorder(RECORDINGS_DIR / "judge.jsonl", recordings))  # type: ignore[arg-type]
    context = EvalContext(services=svc, backend=backend, recorder=recorder, judge=judge_client)
    results = []
    with console.status("Running evals") as status:
        for suite in selected:
            status.update(f"Running the {suite.name} eval")
            results.append(run_suite(suite, context, baselines_dir=baselines or BASELINES_DIR))
    for result in results:
        table = Table(
            "metric",
            "value",
            "threshold",
            "baseline",
            "change",
            "result",
            title=f"{result.suite}: {len(result.cases)} cases, {result.seconds:.1f} s",
        )
        for metric in result.metrics:
            change = "" if metric.change is None else f"{metric.change:+.4f}"
            baseline = "" if metric.baseline is None else f"{metric.baseline:g}"
            verdict = (
                "[green]pass[/]" if metric.passed else "[red]" + "; ".join(metric.problems) + "[/]"
            )
            table.add_row(
                metric.name,
                f"{metric.value:.4f}",
                metric.threshold.describe(),
                baseline,
                change,
                verdict,
            )
        console.print(table)
        for note in result.notes:
            console.print(note, soft_wrap=True)
        for case in [c for c in result.cases if not c.passed][:20]:
            console.print(
                f"[yellow]failed case[/] {case.id}: {case.reason}; expected "
                f"{case.expected}, got {case.got}",
                soft_wrap=True,
            )
    if report is not None:
        json_path, html_path = write_report(results, report, backend)
        console.print(f"Report: {json_path} and {html_path}")
    if update_baseline:
        for result in results:
            path = write_baseline(result, baselines or BASELINES_DIR)
            console.print(f"Baseline updated: {path}")
    elif not all(result.passed for result in results):
        raise typer.Exit(1)


def main() -> None:
    """Entry point: run the app, turning coach errors into clean messages."""
    try:
        with ExitStack() as stack:
            _running.append(stack)
            try:
                app()
            finally:
                _running.pop()
    except InputValidationError as exc:
        errors.print(f"[red]Error:[/] {exc.message}")
        for problem in exc.problems[:200]:
            errors.print(f"  - {problem}")
        if len(exc.problems) > 200:
            errors.print(f"  ... and {len(exc.problems) - 200} more")
        if exc.hint:
            errors.print(f"[bold]Fix:[/] {exc.hint}")
        raise SystemExit(1) from None
    except CoachError as exc:
        errors.print(f"[red]Error:[/] {exc.message}")
        if exc.hint:
            errors.print(f"[bold]Fix:[/] {exc.hint}")
        raise SystemExit(2 if isinstance(exc, ConfigError) else 1) from None
