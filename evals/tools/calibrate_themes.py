"""Choose ``THEME_SIMILARITY``: per-sentence theme precision and recall at each bar.

``python -m evals.tools.calibrate_themes`` runs the theme finder over the tuning
sentences of ``feedback_sentences`` (BY_THEME and MIXED, every third one held out and
never read here; NEUTRAL ones carry no theme) and over CALIBRATION, sentences written
after the catalogue was tuned, so the bar is judged on wording the cues were not fitted
to. It prints both for each candidate bar.

On 2026-12-06 a lower bar looked better sentence by sentence (0.55: calibration recall
0.75 against 0.64 at 0.65, tuning precision 0.963 against 0.972), but on the summaries
eval's tuning sets theme precision fell from 1.0 to 0.95: near misses in many sentences
add up to themes shown for one person or none. So the bar stays at 0.65; recall on new
wording has to come from the catalogue (more examples and cues), not a lower bar.
"""

from __future__ import annotations

from coach.config import load_settings
from coach.feedback.themes import ThemeFinder, load_catalogue
from coach.services import shared_embedder
from evals.tools.feedback_sentences import BY_THEME, CALIBRATION, MIXED, NEUTRAL, split_of

BARS = (0.5, 0.55, 0.6, 0.65, 0.7)


def labelled() -> tuple[list[tuple[str, set[str]]], list[tuple[str, set[str]]]]:
    tune = [
        (text, {theme})
        for theme, texts in BY_THEME.items()
        for i, text in enumerate(texts)
        if split_of(i) == "tune"
    ]
    tune += [(text, set(themes)) for i, (text, themes) in enumerate(MIXED) if split_of(i) == "tune"]
    tune += [(text, set()) for i, text in enumerate(NEUTRAL) if split_of(i) == "tune"]
    fresh = [(text, {theme}) for theme, texts in CALIBRATION.items() for text in texts]
    return tune, fresh


def score(finder: ThemeFinder, items: list[tuple[str, set[str]]]) -> tuple[float, float]:
    found = finder.find([text for text, _ in items])
    hits = sum(len(set(got) & want) for (_, want), got in zip(items, found, strict=True))
    shown = sum(len(got) for got in found)
    wanted = sum(len(want) for _, want in items)
    return hits / max(shown, 1), hits / max(wanted, 1)


def main() -> None:
    embed = shared_embedder(load_settings()).embed
    catalogue = load_catalogue()
    tune, fresh = labelled()
    for bar in BARS:
        finder = ThemeFinder(catalogue, embed, similarity=bar)
        (tp, tr), (fp, fr) = score(finder, tune), score(finder, fresh)
        print(f"{bar:.2f}: tuning P {tp:.3f} R {tr:.3f} | calibration P {fp:.3f} R {fr:.3f}")


if __name__ == "__main__":
    main()
