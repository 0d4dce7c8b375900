"""The review app: `curate review PATH...`, and the judge app: `curate review RUN --judge`.

`make_app()` builds the review app from a dataset and settings; `CurateApp` only holds the
session, applies the keymap and opens the review screen. `make_judge_app()` builds the judge
app on a run folder, which opens the judge screen and ends with it. Everything else lives in
the screens.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import App

from curate.judging import JudgeSession
from curate.schemas.settings import CurateSettings, FieldSettings
from curate.terminal import plain
from curate.tui.screens.judge import JudgeScreen, Outcome
from curate.tui.screens.review import ReviewScreen
from curate.tui.session import ReviewSession


class CurateApp(App[None]):
    """Review a fine-tuning dataset: findings first, one key per decision."""

    CSS_PATH = "curate.tcss"
    TITLE = "curate review"

    def __init__(self, session: ReviewSession, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.session = session
        if keymap:
            self.set_keymap(keymap)

    def on_mount(self) -> None:
        names = ", ".join(Path(source.path).name for source in self.session.dataset.sources)
        self.sub_title = names
        self.push_screen(ReviewScreen(self.session))


def make_app(
    paths: list[Path],
    settings: CurateSettings | None = None,
    reviewer: str | None = None,
    fields: FieldSettings | None = None,
    splits: Path | None = None,
    runs: Path | None = None,
    run: Path | None = None,
) -> CurateApp:
    """The app on `paths`, reading decisions from their journals and writing to them;
    with `run`, also the findings of that run's tuned model (the MOD rules)."""
    from curate.journal import resolve_reviewer

    settings = settings or CurateSettings()
    name = reviewer or resolve_reviewer(settings.review.reviewer)
    from curate.io.paths import expand_paths

    session = ReviewSession.open(expand_paths(paths), settings, name, fields)
    session.splits_dir = splits
    if run is not None:
        session.use_run(run)  # a run that does not fit the data fails here, in one line
    if runs is not None:
        session.runs_dir = runs
    return CurateApp(session, settings.review.keymap)


class JudgeApp(App[None]):
    """Blind side-by-side judging of a run's replies (`curate review RUN --judge`)."""

    CSS_PATH = "curate.tcss"
    TITLE = "curate judge"
    ENABLE_COMMAND_PALETTE = False  # its footer entry would push the judge keys off at 80 wide

    def __init__(self, session: JudgeSession, keymap: dict[str, str] | None = None) -> None:
        super().__init__()
        self.session = session
        self.outcome = Outcome()
        if keymap:
            self.set_keymap(keymap)

    def on_mount(self) -> None:
        self.sub_title = plain(self.session.run.name)
        self.push_screen(JudgeScreen(self.session), self._left)

    def _left(self, outcome: Outcome | None) -> None:
        self.outcome = outcome or Outcome()
        self.exit()


def make_judge_app(
    run: Path,
    pair: tuple[str, str],
    settings: CurateSettings | None = None,
    reviewer: str | None = None,
) -> JudgeApp:
    """The judge app on `run` for two of its models, writing to the run's judge journal."""
    from curate.journal import resolve_reviewer

    settings = settings or CurateSettings()
    name = reviewer or resolve_reviewer(settings.review.reviewer)
    return JudgeApp(JudgeSession.open(run, pair, name), settings.review.keymap)
