"""Feedback answers and the goal self-ratings in them."""

from __future__ import annotations

from sqlalchemy import func, select

from coach.domain import (
    Feedback,
    FeedbackIn,
    FeedbackStage,
    SessionStatus,
    Stage,
)
from coach.errors import ConflictError, NotFoundError
from coach.store.models import (
    FeedbackRow,
    PairingRow,
    SessionRow,
    utcnow,
)
from coach.store.repository import Repository


class FeedbackRepository(Repository):
    """Feedback answers: stored once per author and stage, read for summaries and KPIs."""

    def add_feedback(
        self, author_id: int, data: FeedbackIn, *, session_stage: Stage | None = None
    ) -> Feedback:
        """Store one answer; feedback after a session also marks that session as held.

        One answer per author, pairing, stage and session: a second one is a conflict, so
        a retried submission is never counted twice.
        """
        with self._transaction() as session:
            pairing = session.get(PairingRow, data.pairing_id)
            if pairing is None or author_id not in (pairing.mentor_id, pairing.mentee_id):
                raise NotFoundError("pairing of this participant", data.pairing_id)
            same = select(FeedbackRow.id).where(
                FeedbackRow.pairing_id == data.pairing_id,
                FeedbackRow.author_id == author_id,
                FeedbackRow.stage == data.stage.value,
            )
            if data.session_number is None:
                same = same.where(FeedbackRow.session_number.is_(None))
            else:
                same = same.where(FeedbackRow.session_number == data.session_number)
            if session.scalar(same.with_for_update()) is not None:
                what = f"session {data.session_number}" if data.session_number else data.stage.value
                raise ConflictError(
                    f"You have already given {what} feedback for this pairing.",
                    hint="each person answers once per session or stage; nothing was changed.",
                )
            row = FeedbackRow(
                programme_id=pairing.programme_id, author_id=author_id, **data.model_dump()
            )
            session.add(row)
            if data.session_number is not None and session_stage is not None:
                held = session.scalar(
                    select(SessionRow).where(
                        SessionRow.pairing_id == data.pairing_id,
                        SessionRow.number == data.session_number,
                    )
                )
                if held is None:
                    held = SessionRow(
                        pairing_id=data.pairing_id,
                        number=data.session_number,
                        stage=session_stage.value,
                    )
                    session.add(held)
                if held.status != SessionStatus.HELD.value:
                    held.status = SessionStatus.HELD.value
                    held.held_at = utcnow()
            session.flush()
            return Feedback.model_validate(row)

    def feedback_for(self, programme_id: int, stage: FeedbackStage | None = None) -> list[Feedback]:
        """Raw feedback of a programme, for the summary and KPI jobs only.

        Never returned to a coordinator: the API exposes summaries, and each author's own
        answers (``feedback_by_author``).
        """
        with self._transaction() as session:
            query = select(FeedbackRow).where(FeedbackRow.programme_id == programme_id)
            if stage is not None:
                query = query.where(FeedbackRow.stage == stage.value)
            rows = session.scalars(query.order_by(FeedbackRow.id))
            return [Feedback.model_validate(row) for row in rows]

    def feedback_by_author(self, programme_id: int, author_id: int) -> list[Feedback]:
        with self._transaction() as session:
            rows = session.scalars(
                select(FeedbackRow)
                .where(FeedbackRow.programme_id == programme_id, FeedbackRow.author_id == author_id)
                .order_by(FeedbackRow.id)
            )
            return [Feedback.model_validate(row) for row in rows]

    def goal_ratings(self, pairing_id: int, author_id: int) -> dict[str, list[int]]:
        """The author's self-ratings per goal in this pairing's feedback, oldest first."""
        with self._transaction() as session:
            rows = session.scalars(
                select(FeedbackRow.goal_progress)
                .where(FeedbackRow.pairing_id == pairing_id, FeedbackRow.author_id == author_id)
                .order_by(FeedbackRow.id)
            )
            history: dict[str, list[int]] = {}
            for ratings in rows:
                for goal, value in (ratings or {}).items():
                    history.setdefault(goal, []).append(int(value))
            return history

    def count_feedback(self, programme_id: int) -> int:
        with self._transaction() as session:
            return (
                session.scalar(select(func.count()).where(FeedbackRow.programme_id == programme_id))
                or 0
            )
