"""Programme KPIs for coordinators and sponsors, with the minimum-cohort rule.

Definitions (each figure is per programme, at the time ``now``):
- sessions held per pair against plan: a session is held once either member gave
  feedback about it; the plan to date is one session per ``cadence_days`` since the
  pairing was approved, capped at ``sessions_planned``; a pair is on plan when it held at
  least that many;
- cadence kept: share of gaps between consecutive held sessions of a pair that are at
  most 1.5 x ``cadence_days`` (a week's slack on a fortnightly rhythm);
- satisfaction and pairing fit: means of the 1-5 ratings in all feedback;
- goal progress: for every person and goal rated at least twice, last minus first
  self-rating (1-5 scale), and the share of those that improved;
- match rate: consenting active mentees with an approved (or completed) pairing, over
  consenting active mentees; time to match: median days from registration to the first
  approval;
- re-pairing rate: matched mentees who were approved with a second mentor after an
  earlier approved pairing ended or was swapped;
- participants still active: active over everyone ever registered.

Anything computed from ratings is shown only when at least ``min_cohort_size`` people
answered, and every breakdown merges groups below that size into "smaller groups"
(suppressed entirely if that group is still too small), so no figure points at a person.
Rating figures use the answers released in whole steps of the minimum cohort
(``coach.privacy.aggregates``), so two readings cannot be differenced down to one answer.
"""

from __future__ import annotations

import io
import statistics
from collections import defaultdict
from datetime import UTC, datetime
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, Field

from coach.csvfile import SafeWriter
from coach.domain import Feedback, Pairing, PairingStatus, Programme, Role
from coach.privacy.aggregates import protected_mean, protected_rate

if TYPE_CHECKING:
    from coach.services import Services
    from coach.store import Store

CADENCE_SLACK = 1.5
MATCHED = (PairingStatus.APPROVED, PairingStatus.ENDED)


class GroupRow(BaseModel):
    group: str
    people: int
    values: dict[str, float | None]


class MonthRow(BaseModel):
    month: str  # YYYY-MM
    respondents: int
    usefulness_mean: float | None
    pairing_fit_mean: float | None


class SessionCount(BaseModel):
    number: int
    pairs_held: int
    pairs_expected: int  # pairs whose plan to date includes this session


class KpiReport(BaseModel):
    programme_id: int
    programme_name: str
    generated_at: datetime
    min_cohort_size: int
    metrics: dict[str, float | None]
    suppressed: dict[str, str] = Field(
        default_factory=dict, description="Metric -> why it is not shown."
    )
    sessions: list[SessionCount] = Field(default_factory=list)
    satisfaction_by_month: list[MonthRow] = Field(default_factory=list)
    breakdowns: dict[str, list[GroupRow]] = Field(default_factory=dict)

    def to_csv(self) -> str:
        """One row per figure: section, name, group, value (suppressed figures say why)."""
        out = io.StringIO()
        writer = SafeWriter(out)
        writer.writerow(["section", "name", "group", "value"])
        for name, value in self.metrics.items():
            writer.writerow(["metric", name, "", _cell(value, self.suppressed.get(name))])
        for row in self.sessions:
            writer.writerow(["sessions", "pairs_held", f"session {row.number}", row.pairs_held])
            writer.writerow(
                ["sessions", "pairs_expected", f"session {row.number}", row.pairs_expected]
            )
        for month in self.satisfaction_by_month:
            for name in ("respondents", "usefulness_mean", "pairing_fit_mean"):
                writer.writerow(["by_month", name, month.month, _cell(getattr(month, name))])
        for dimension, rows in self.breakdowns.items():
            for group in rows:
                writer.writerow([f"by_{dimension}", "people", group.group, group.people])
                for name, value in group.values.items():
                    writer.writerow([f"by_{dimension}", name, group.group, _cell(value)])
        return out.getvalue()


def _cell(value: float | None, why: str | None = None) -> str:
    if value is None:
        return f"suppressed: {why}" if why else ""
    return f"{value:g}"


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


class SessionPlan(BaseModel):
    """Per matched pairing: sessions held (number -> when), sessions expected by now, and
    sessions overdue (expected more than one cadence ago)."""

    held: dict[int, dict[int, datetime | None]]
    expected: dict[int, int]
    overdue: dict[int, int]

    def behind(self, pairing_id: int) -> bool:
        """Fewer sessions held than were due a full cadence ago: a pair approved this week
        is not behind for not having met yet."""
        return len(self.held.get(pairing_id, {})) < self.overdue.get(pairing_id, 0)


def session_plan(
    store: Store, programme: Programme, pairings: list[Pairing], now: datetime
) -> SessionPlan:
    """Sessions held against the plan to date, for every approved or ended pairing.

    The plan to date is one session per ``cadence_days`` since the first approval,
    counting the first session at approval, capped at ``sessions_planned``.
    """
    now = _aware(now)
    held: dict[int, dict[int, datetime | None]] = defaultdict(dict)
    for pairing_id, number, status, held_at in store.sessions.sessions_of_programme(programme.id):
        if status == "held":
            held[pairing_id][number] = _aware(held_at) if held_at else None
    expected: dict[int, int] = {}
    overdue: dict[int, int] = {}
    cadence = programme.cadence_days
    for pairing in pairings:
        moments = [e.at for e in pairing.history if e.to_status is PairingStatus.APPROVED]
        if pairing.status not in MATCHED or not moments:
            continue
        days = (now - _aware(moments[0])).total_seconds() / 86400
        expected[pairing.id] = min(programme.sessions_planned, int(days // cadence) + 1)
        overdue[pairing.id] = (
            min(programme.sessions_planned, int(days // cadence)) if days >= cadence else 0
        )
    return SessionPlan(held=dict(held), expected=expected, overdue=overdue)


def programme_kpis(
    services: Services, programme_id: int, *, now: datetime | None = None
) -> KpiReport:
    store = services.store
    now = _aware(now or datetime.now(UTC))
    programme = store.programmes.get_programme(programme_id)
    minimum = programme.min_cohort_size
    people = {
        p.id: p for p in store.programmes.list_participants(programme_id, include_inactive=True)
    }
    registered = store.programmes.registration_times(programme_id)
    pairings, _ = store.pairings.list_pairings(programme_id)
    answers = store.feedback.feedback_for(programme_id)
    metrics: dict[str, float | None] = {}
    suppressed: dict[str, str] = {}

    # -- participation and matching ----------------------------------------------------
    active = [p for p in people.values() if p.active]
    metrics["registered"] = len(people)
    metrics["active"] = len(active)
    metrics["active_rate"] = round(len(active) / len(people), 3) if people else None
    mentees = [p for p in active if p.role is Role.MENTEE and p.consent_matching]
    approvals: dict[int, list[tuple[datetime, int]]] = defaultdict(list)  # mentee -> (at, id)
    for pairing in pairings:
        moments = [e.at for e in pairing.history if e.to_status is PairingStatus.APPROVED]
        if moments:
            approvals[pairing.mentee_id].append((_aware(moments[0]), pairing.id))
    matched = [
        m for m in mentees if any(p.mentee_id == m.id and p.status in MATCHED for p in pairings)
    ]
    metrics["mentees_seeking"] = len(mentees)
    metrics["mentees_matched"] = len(matched)
    metrics["match_rate"] = round(len(matched) / len(mentees), 3) if mentees else None
    waits = [
        (min(approvals[m.id])[0] - _aware(registered[m.id])).total_seconds() / 86400
        for m in matched
        if approvals.get(m.id) and m.id in registered
    ]
    metrics["time_to_match_days_median"] = (
        round(max(statistics.median(waits), 0.0), 1) if waits else None
    )
    repaired = [m for m in matched if len({pid for _, pid in approvals.get(m.id, [])}) > 1]
    metrics["repairing_rate"] = round(len(repaired) / len(matched), 3) if matched else None

    # -- sessions against plan and cadence ---------------------------------------------
    plan = session_plan(store, programme, pairings, now)
    live = [p for p in pairings if p.id in plan.expected]
    held: dict[int, dict[int, datetime | None]] = defaultdict(dict, plan.held)
    expected_of = plan.expected
    metrics["pairs_matched"] = len(live)
    metrics["sessions_planned_total"] = len(live) * programme.sessions_planned
    metrics["sessions_expected_to_date"] = sum(expected_of.values())
    held_total = sum(len(held[p.id]) for p in live)
    metrics["sessions_held"] = held_total
    calendar = store.sessions.calendar_counts(programme.id, now)
    metrics["sessions_scheduled"] = calendar["scheduled"]
    metrics["sessions_cancelled"] = calendar["cancelled"]
    metrics["sessions_held_per_pair"] = round(held_total / len(live), 2) if live else None
    metrics["pairs_on_plan_rate"] = (
        round(sum(len(held[p.id]) >= expected_of[p.id] for p in live) / len(live), 3)
        if live
        else None
    )
    gaps: list[float] = []
    for pairing in live:
        moments = sorted(at for at in held[pairing.id].values() if at is not None)
        gaps += [(b - a).total_seconds() / 86400 for a, b in pairwise(moments)]
    limit = programme.cadence_days * CADENCE_SLACK
    metrics["cadence_kept_rate"] = (
        round(sum(gap <= limit for gap in gaps) / len(gaps), 3) if gaps else None
    )
    sessions = [
        SessionCount(
            number=n,
            pairs_held=sum(n in held[p.id] for p in live),
            pairs_expected=sum(expected_of[p.id] >= n for p in live),
        )
        for n in range(1, programme.sessions_planned + 1)
    ]

    # -- ratings (minimum cohort) --------------------------------------------------------
    respondents = {a.author_id for a in answers}
    metrics["respondents"] = len(respondents)
    rating_metrics = _ratings(answers, minimum)
    if len(respondents) >= minimum:
        metrics.update(rating_metrics)
    else:
        for name in rating_metrics:
            metrics[name] = None
            suppressed[name] = f"fewer than {minimum} people have given feedback"
    metrics["flags_for_repairing"] = len(
        {a.pairing_id for a in answers if a.pairing_fit <= 2}
        & {p.id for p in pairings if p.status is PairingStatus.APPROVED}
    )

    by_month: dict[str, list[Feedback]] = defaultdict(list)
    for answer in answers:
        by_month[_aware(answer.created_at).strftime("%Y-%m")].append(answer)
    months = []
    for month, rows in sorted(by_month.items()):
        count = len({a.author_id for a in rows})
        enough = count >= minimum
        months.append(
            MonthRow(
                month=month,
                respondents=count,
                usefulness_mean=(
                    protected_mean([a.usefulness for a in rows], minimum) if enough else None
                ),
                pairing_fit_mean=(
                    protected_mean([a.pairing_fit for a in rows], minimum) if enough else None
                ),
            )
        )

    # -- breakdowns (minimum cohort per group) -----------------------------------------
    matched_ids = {m.id for m in matched}
    department_groups: dict[str, list[int]] = defaultdict(list)
    for mentee in mentees:
        department_groups[mentee.department].append(mentee.id)
    by_department = _merge_small(
        department_groups,
        minimum,
        lambda ids: {
            "match_rate": round(sum(i in matched_ids for i in ids) / len(ids), 3),
            **_group_ratings(answers, ids, minimum),
        },
    )
    role_groups: dict[str, list[int]] = defaultdict(list)
    for author in respondents:
        if author in people:
            role_groups[people[author].role.value].append(author)
    by_role = _merge_small(
        role_groups,
        minimum,
        lambda ids: _group_ratings(answers, ids, minimum),
    )
    return KpiReport(
        programme_id=programme_id,
        programme_name=programme.name,
        generated_at=now,
        min_cohort_size=minimum,
        metrics=metrics,
        suppressed=suppressed,
        sessions=sessions,
        satisfaction_by_month=months,
        breakdowns={"mentee_department": by_department, "respondent_role": by_role},
    )


def _ratings(answers: list[Feedback], step: int, *, brief: bool = False) -> dict[str, float | None]:
    values: dict[str, float | None] = {
        "usefulness_mean": protected_mean([a.usefulness for a in answers], step),
        "pairing_fit_mean": protected_mean([a.pairing_fit for a in answers], step),
    }
    if brief:
        return values
    history: dict[tuple[int, str], list[int]] = defaultdict(list)
    for answer in answers:  # in submission order
        for goal, rating in answer.goal_progress.items():
            history[(answer.author_id, goal)].append(rating)
    changes = [ratings[-1] - ratings[0] for ratings in history.values() if len(ratings) > 1]
    values["goal_progress_mean_change"] = protected_mean(changes, step)
    values["goals_improved_rate"] = protected_rate([change > 0 for change in changes], step)
    return values


def _group_ratings(
    answers: list[Feedback], ids: list[int], minimum: int
) -> dict[str, float | None]:
    """Rating means of a group, or None when fewer than ``minimum`` of it answered."""
    members = set(ids)
    mine = [a for a in answers if a.author_id in members]
    values = _ratings(mine, minimum, brief=True)
    if len({a.author_id for a in mine}) < minimum:
        return dict.fromkeys(values)
    return values


def _merge_small(
    groups: dict[str, list[int]],
    minimum: int,
    measure: Any,
) -> list[GroupRow]:
    rows: list[GroupRow] = []
    small: list[int] = []
    for name, ids in sorted(groups.items()):
        if len(ids) < minimum:
            small.extend(ids)
        else:
            rows.append(GroupRow(group=name, people=len(ids), values=measure(ids)))
    if len(small) >= minimum:
        rows.append(
            GroupRow(
                group=f"smaller groups (under {minimum})", people=len(small), values=measure(small)
            )
        )
    elif small:
        rows.append(
            GroupRow(
                group=f"smaller groups (under {minimum})",
                people=len(small),
                values=dict.fromkeys(measure(small)),
            )
        )
    return rows
