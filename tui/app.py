"""The Sidebyside Textual application: articles side by side, aligned sentence by sentence."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from textual.app import App, SystemCommand
from textual.message import Message
from textual.notifications import SeverityLevel
from textual.screen import Screen

from ..core import Document
from ..core.store import Store
from ..core.tagging import TagBook

if TYPE_CHECKING:
    from ..core.align import Alignment
    from ..core.stories import Story
    from ..core.suggest import Suggestion
    from ..core.web import Failure

from . import colours
from .actions import ACTIONS, bindings
from .screens.reader import ReaderScreen
from .settings import Settings
from .widgets import ComparisonBar


def _in_background(target: Callable[[], None], name: str) -> None:
    """Run ``target`` in a daemon thread: quitting never waits for an alignment still running
    (a thread of the default executor would hold the process until it ends, 44 s with 300
    articles)."""
    import threading

    threading.Thread(target=target, name=name, daemon=True).start()


def _quietly_after_exit(app: App[None], work: Callable[[], None]) -> None:
    """Run background work; once the app has gone, its end (or failure) is nobody's business;
    while it runs, a failure is shown, never lost."""
    try:
        work()
    except Exception as exc:
        if app.is_running:
            with contextlib.suppress(RuntimeError):
                app.call_from_thread(app.notify, f"The alignment failed: {exc}",
                                     severity="error", timeout=15)


class SidebysideApp(App[None]):
    """Start-up, the alignment worker, the data and the keys of every screen; the reader
    itself is ``ReaderScreen``."""

    CSS_PATH = Path(__file__).resolve().parent / "app.tcss"
    TITLE = "Sidebyside"
    BINDINGS = bindings(app=True)

    class StoriesFound(Message):
        def __init__(self, stories: list[Story]) -> None:
            super().__init__()
            self.stories = stories

    class Aligned(Message):
        def __init__(self, alignment: Alignment | None, suggestions: list[Suggestion]) -> None:
            super().__init__()
            self.alignment = alignment
            self.suggestions = suggestions

    def __init__(
        self,
        documents: Sequence[Document],
        *,
        align: bool = True,
        store: Store | None = None,
        store_problem: str | None = None,
        use_cache: bool = True,
        on_first_paint: Callable[[], object] | None = None,
        sensitivity: str | None = None,
        settings: Settings | None = None,
        config: Path | None = None,
        config_problem: str | None = None,
        failures: Sequence[Failure] = (),
        by_date: bool = False,
        one_story: bool = False,
    ) -> None:
        super().__init__()
        # the articles given; ``documents`` are those of the story being read (all of them
        # until the articles turn out to tell several stories)
        self.all_documents = list(documents)
        self.one_story = one_story or len(self.all_documents) < 2
        self.stories: list[Story] | None = None  # several stories: the list (None: one)
        self.story: Story | None = None  # the story being read, when there are several
        self.store = store
        self.by_date = by_date  # the panes in order of publication where the pages give dates
        self.failures = list(failures)  # inputs that could not be opened (failed panes)
        self._on_first_paint = on_first_paint
        self.use_cache = use_cache
        self.store_problem = store_problem
        self.documents = list(documents)
        self.tags = TagBook(self.documents, store)
        self.settings = settings or Settings()
        self.config = config  # where settings are remembered (None: nowhere)
        self.config_problem = config_problem  # the file was broken: never written then
        self.hide_boilerplate = self.settings.hide_boilerplate
        self.show_suggestions = self.settings.suggestions
        self.suggestions: dict[int, list[Suggestion]] = {}  # by document
        self.alignment: Alignment | None = None  # as shown: sensitivity and judgements applied
        self.engine_alignment: Alignment | None = None  # what the engine found
        self.sensitivity = sensitivity or self.settings.sensitivity
        self.link_source: tuple[int, int] | None = None  # a link being drawn from here
        self._conflicts_told = 0
        self.sync = self.settings.sync
        self.emphasis = self.settings.emphasis  # or "unique": what only each source stands out
        self.aligning = align and len(self.documents) > 1
        self._aligned = asyncio.Event()
        if not self.aligning:
            self._aligned.set()

    def notify(self, message: str, *, title: str = "", severity: SeverityLevel = "information",
               timeout: float | None = None, markup: bool = False) -> None:
        """A toast, always as plain text: messages carry sources, speakers, search words and
        copied passages, where "[b]" or "[/]" is text, never markup."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=False)

    def get_css_variables(self) -> dict[str, str]:
        """The theme's variables and the reader's colour roles for it (``$sbs-cursor``…)."""
        return {**super().get_css_variables(), **colours.css_variables(self.current_theme)}

    def set_keymap(self, keymap: dict[str, str]) -> None:  # type: ignore[override]
        super().set_keymap(keymap)
        from .widgets import KeyBar

        if self.screen_stack:
            for bar in self.reader.query(KeyBar):  # the footer shows the keys as remapped
                bar.refresh()

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen()

    @property
    def reader(self) -> ReaderScreen:
        """The reader of the story being read (the top-most reader of the stack)."""
        for screen in reversed(self.screen_stack):
            if isinstance(screen, ReaderScreen):
                return screen
        raise LookupError("no reader")

    async def wait_aligned(self) -> None:
        """Return once the alignment is shown (at once when there is nothing to align), or the
        list of stories is (nothing is aligned until a story is chosen)."""
        await self._aligned.wait()

    def on_mount(self) -> None:
        self._apply_settings()
        if self.store_problem:
            self.notify(
                f"Tags will NOT be saved: {self.store_problem}. They are kept in memory for "
                "this session; export them before quitting, or restart with --data-dir DIR.",
                severity="error", timeout=15,
            )
        if self.failures:
            names = "; ".join(f.message for f in self.failures[:3])
            more = f" (and {len(self.failures) - 3} more)" if len(self.failures) > 3 else ""
            self.notify(f"{len(self.failures)} of {len(self.failures) + len(self.documents)} "
                        f"inputs could not be opened: {names}{more}", severity="error",
                        timeout=15)
        if self.tags.read_problem:
            self.notify(f"Some saved tags could not be read: {self.tags.read_problem}",
                        severity="error", timeout=15)
        if self.tags.skipped:
            self.notify(
                f"{self.tags.skipped} saved tag(s) are damaged or unknown (a tag name this "
                "version does not know, offsets that do not fit) and are not shown; the store "
                "keeps them untouched.", severity="warning", timeout=10,
            )
        orphans = len(self.tags.orphans())
        if orphans:
            self.notify(
                f"{orphans} tag(s) could not be placed: their passage changed. "
                "They are kept; press a to see them.", timeout=6,
            )
        if self._on_first_paint is not None:
            self.call_after_refresh(self._on_first_paint)
        if self.aligning:
            self.call_after_refresh(self._run_alignment)  # first paint first
        else:
            view = self.reader.focused_view
            if view is not None:
                self.reader.follow(view)
            if self.documents:
                self.call_after_refresh(self._run_suggestions)

    def _run_alignment(self) -> None:
        _in_background(lambda: _quietly_after_exit(self, self._align_now), "sidebyside-align")

    def _run_suggestions(self) -> None:
        _in_background(lambda: _quietly_after_exit(self, self._suggest_now),
                       "sidebyside-suggest")

    def _align_now(self) -> None:
        from ..core import cache
        from ..core.align import align_documents  # numpy and rapidfuzz load here, off screen

        def progress(fraction: float, stage: str) -> None:
            self.call_from_thread(self._show_progress, fraction, stage)

        cached = cache.load(self.documents) if self.use_cache else None
        if cached is not None:  # aligned before: one story (or the one chosen)
            self.one_story = self.one_story or self.stories is None
            self.post_message(self.Aligned(*cached))
            return
        if not self.one_story and self.stories is None:
            progress(0.0, "grouping the articles into stories")
            from ..core.stories import find_stories

            stories = find_stories(self.documents)
            if len(stories) > 1:
                self.post_message(self.StoriesFound(stories))
                return
            self.one_story = True  # grouped: they tell one story
        alignment = align_documents(self.documents, progress)
        progress(0.97, "suggesting tags")
        from ..core.suggest import suggest

        suggestions = suggest(self.documents, alignment)
        self.post_message(self.Aligned(alignment, suggestions))
        if self.use_cache:
            cache.save(alignment, suggestions)

    def _suggest_now(self) -> None:
        from ..core.suggest import suggest

        self.post_message(self.Aligned(None, suggest(self.documents)))

    def _show_progress(self, fraction: float, stage: str) -> None:
        if self.alignment is None:
            self.reader.query_one(ComparisonBar).show_progress(fraction, stage,
                                                               len(self.documents))

    def on_sidebyside_app_stories_found(self, message: StoriesFound) -> None:
        self.stories = message.stories
        self.aligning = False
        self._aligned.set()
        self.reader.query_one(ComparisonBar).show_status(
            f"{len(self.all_documents)} articles tell {len(self.stories)} stories: press t "
            "to choose one")
        self.action_stories()

    def action_stories(self) -> None:
        """The list of stories; choosing one reads its articles side by side."""
        from ..core.stories import Story
        from .screens.stories import ALL, StoryListScreen

        if self.stories is None:
            self.notify("These articles tell one story." if self.one_story else
                        "Still grouping the articles into stories…", timeout=4)
            return
        if isinstance(self.screen, StoryListScreen):
            return

        def chosen(story: int | None) -> None:
            if story is None or self.stories is None:
                return
            if story == ALL:
                n = len(self.all_documents)
                self.open_story(Story(ALL, f"All {n} articles", tuple(range(n))))
            else:
                self.open_story(self.stories[story])

        current = self.story.id if self.story is not None else None
        self.push_screen(StoryListScreen(self.all_documents, self.stories, current), chosen)

    def open_story(self, story: Story) -> None:
        """Read one story: its articles in the panes, aligned among themselves, with their
        tags. Tags not yet saved keep the story open until they are."""
        if self.story is not None and story.id == self.story.id:
            return
        if self.tags.pending and not self.tags.retry():
            self.report_saving()
            return
        self.story = story
        self.documents = [self.all_documents[d] for d in story.documents]
        self.tags = TagBook(self.documents, self.store)
        self.suggestions = {}
        self.alignment = self.engine_alignment = None
        self.link_source = None
        self.aligning = len(self.documents) > 1
        self._aligned = asyncio.Event()
        if not self.aligning:
            self._aligned.set()
        if len(self.screen_stack) == 1:  # over the first reader (every article, unaligned)
            self.push_screen(ReaderScreen(story.id))
        else:
            self.switch_screen(ReaderScreen(story.id))
        if self.aligning:
            self.call_after_refresh(self._run_alignment)
        else:
            self.call_after_refresh(self._run_suggestions)

    def on_sidebyside_app_aligned(self, message: Aligned) -> None:
        self.suggestions = {}
        for x in message.suggestions:
            self.suggestions.setdefault(x.doc, []).append(x)
        self.reader.refresh_tags()
        if message.alignment is None:
            return
        self.engine_alignment = message.alignment
        self.aligning = False
        self.show_alignment()
        self.call_after_refresh(self._aligned.set)

    def show_alignment(self) -> None:
        """Show the engine's alignment at the current sensitivity, with the user's links and
        rejections applied."""
        if self.engine_alignment is None:
            return
        self.alignment = self.engine_alignment.at(self.sensitivity).judged(
            *self.tags.link_pairs())
        self.reader.show_alignment()

    def report_saving(self) -> None:
        if self.tags.conflicts > self._conflicts_told:
            self._conflicts_told = self.tags.conflicts
            self.notify("A tag you changed was changed in another window meanwhile: both "
                        "versions are kept (a to see them).", severity="warning", timeout=8)
        if self.tags.pending:
            self.notify(
                f"Not saved yet: {self.tags.last_error}. Your tags are kept in memory and will be "
                "saved as soon as the store can be written.",
                severity="error", timeout=8,
            )

    # --- settings ---------------------------------------------------------------------------

    def _apply_settings(self) -> None:
        if self.config_problem:
            self.notify(f"Settings not read: {self.config_problem}. Running on the defaults; "
                        "the file is left as it is.", severity="warning", timeout=12)
        if self.settings.theme in self.available_themes:
            self.theme = self.settings.theme
        else:
            self.notify(f"Unknown theme {self.settings.theme!r} in the settings: using "
                        f"{self.theme}", severity="warning", timeout=8)
        if self.settings.keymap:
            self.set_keymap(self.settings.keymap)
        self.theme_changed_signal.subscribe(self, lambda _theme: self.remember())

    def remember(self) -> None:
        """Keep the settings as they are now in the config file (when there is one)."""
        s = self.settings
        s.theme, s.sync, s.sensitivity = self.theme, self.sync, self.sensitivity
        s.suggestions, s.hide_boilerplate, s.emphasis = (
            self.show_suggestions, self.hide_boilerplate, self.emphasis)
        if self.config is None or self.config_problem:
            return
        from .settings import ConfigError, save

        try:
            save(self.config, s)
        except (OSError, ConfigError) as exc:
            self.config_problem = str(exc)
            self.notify(f"Settings not saved: {exc}", severity="warning", timeout=8)

    # --- keys of every screen ----------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, unless changes are still unsaved: then retry once, and if the store still
        cannot be written, ask (write them to a file, quit anyway, or stay)."""
        if not self.tags.pending or self.tags.retry():
            self.exit()
            return
        from .screens.unsaved import UnsavedScreen

        def chosen(quit_now: bool | None) -> None:
            if quit_now:
                self.exit()

        self.push_screen(UnsavedScreen(self.tags), chosen)

    def action_help(self) -> None:
        from .screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Textual's own commands, and on the reader every action of the key table."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, ReaderScreen):
            return
        from .actions import keys_shown

        for action in ACTIONS:
            if action.section == "The app":
                continue
            keys = keys_shown(action, self._keymap)
            help_ = action.help[0].upper() + action.help[1:]
            yield SystemCommand(action.palette or action.label,
                                f"{help_} ({keys})" if keys else help_,
                                _runner(screen, action.action))


def _runner(screen: Screen, action: str) -> Callable[[], object]:
    return lambda: screen.run_action(action)
