"""Feedback: participants answer; coordinators read summaries, flags and actions.

- ``submission``: a participant's answer about their own pairing, and reading it back;
- ``flags``: pairs flagged for a low pairing-fit rating or behind plan, with actions;
- ``themes``: the theme catalogue in ``knowledge/feedback`` and how sentences find themes;
- ``summary``: the coordinator's summary of one stage, protected by the minimum cohort,
  redaction and a final leak check.
"""

from coach.feedback.flags import (
    LOW_FIT,
    PairAttention,
    PairingFlag,
    add_note_to_self,
    check_ins,
    my_notes,
    pairs_needing_attention,
    repairing_flags,
    send_check_in,
)
from coach.feedback.submission import my_feedback, submit_feedback
from coach.feedback.summary import (
    FeedbackSummary,
    SuggestedAction,
    Theme,
    summarise_feedback,
)

__all__ = [
    "LOW_FIT",
    "FeedbackSummary",
    "PairAttention",
    "PairingFlag",
    "SuggestedAction",
    "Theme",
    "add_note_to_self",
    "check_ins",
    "my_feedback",
    "my_notes",
    "pairs_needing_attention",
    "repairing_flags",
    "send_check_in",
    "submit_feedback",
    "summarise_feedback",
]
