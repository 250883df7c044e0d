"""The ``sidebyside`` command.

Subcommands that need no screen (``align``) never import Textual; the reader is imported only
when it is about to run.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import shlex
import sys
from collections.abc import Sequence

from ..core import Document, InputError, seed_paths

PROG = "sidebyside"
COMMANDS = ("align", "export", "import", "keys", "report", "serve", "snapshots")

DESCRIPTION = """\
Read news articles about the same event side by side: which sentences the sources share, which
they word differently and which only one of them says.

commands:
  sidebyside [FILE|FOLDER|URL|-]...  open the reader (no arguments: the bundled sample articles)
  sidebyside -i LIST                 open the URLs and files listed in LIST, one per line
  sidebyside align FILE... [--json]  print the alignment (documents, sentences, links, groups,
                                     suggested tags)
  sidebyside export [--format F] [FILE...]   print saved tags (json, jsonld, csv, md)
  sidebyside import FILE.jsonld      merge tags from a W3C Web Annotation file
  sidebyside report FILE... [--format md|html|json] [-o OUT]   the comparison as a document
  sidebyside serve [FILE|FOLDER]... [--port N]   the reader in a web browser (localhost)
  sidebyside keys                    every binding id with its keys (for a [keymap] table)
  sidebyside snapshots [--delete URL]   the web pages kept (each URL is read once, then from
                                     its snapshot; --refresh fetches it again)
  sidebyside --version

Run 'sidebyside COMMAND --help' for a command's options.
"""


def _reader_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=PROG, description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument(
        "files",
        nargs="*",
        metavar="FILE",
        help="articles (.txt, .md, .html, or no extension), folders of them, http(s):// URLs, "
        "or - for stdin",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where tags and page snapshots are saved (default: the user data folder, or "
        "$SIDEBYSIDE_DATA_DIR)",
    )
    _add_inputs(p)
    _add_order(p)
    _add_stories(p)
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="compute the alignment again instead of reading it from the cache (the user "
        "cache folder, or $SIDEBYSIDE_CACHE_DIR; safe to delete)",
    )
    _add_sensitivity(p, default=None)
    _add_config(p)
    p.add_argument("--version", action="version", version=f"{PROG} {_version()}")
    return p


def _add_inputs(p: argparse.ArgumentParser) -> None:
    """-i LIST and --refresh: the options of every command that reads articles."""
    p.add_argument("-i", "--inputs", metavar="LIST", action="append", default=[],
                   help="a file listing inputs, one URL or path per line (# comments)")
    p.add_argument("--refresh", action="store_true",
                   help="fetch URLs again instead of reading their snapshots (tags are "
                   "re-anchored to the new text)")


def _add_order(p: argparse.ArgumentParser) -> None:
    p.add_argument("--order", choices=("date", "given"), default="date",
                   help="date (default): articles in order of publication where their pages "
                   "give a date, so who reported first comes first; given: as named")


def _add_stories(p: argparse.ArgumentParser) -> None:
    p.add_argument("--one-story", action="store_true",
                   help="treat every article as coverage of one story (by default articles "
                   "are grouped into stories, and only articles of one story are compared)")


def _stories(args: argparse.Namespace, documents: list[Document]):  # type: ignore[no-untyped-def]
    from ..core.stories import find_stories, one_story

    return one_story(documents) if args.one_story else find_stories(documents)


def _add_data_dir(p: argparse.ArgumentParser) -> None:
    """The --data-dir option of the subcommands that read or write tags."""
    p.add_argument("--data-dir", metavar="DIR", help="the tags' folder (see sidebyside --help)")


def _align_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} align",
        description="Align articles sentence by sentence and print the result.",
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="articles or URLs (default: the samples)")
    p.add_argument("--json", action="store_true", help="print one JSON object (see README)")
    p.add_argument("--jobs", type=int, metavar="N", default=os.cpu_count() or 1,
                   help="processes that align stories at once (default: every core; used "
                   f"from {POOL_FROM} articles in stories of two or more)")
    _add_inputs(p)
    _add_stories(p)
    _add_sensitivity(p)
    _add_data_dir(p)
    return p


def _add_sensitivity(p: argparse.ArgumentParser, default: str | None = "default") -> None:
    """The --sensitivity option: which links are shown (core.calibration)."""
    p.add_argument(
        "--sensitivity", choices=("low", "default", "high"), default=default,
        help="links shown: low = only the surest (precision about 0.95 on dev), default "
        "(about 0.9), high = weaker links too (about 0.8)"
        + ("" if default else "; the reader remembers the last one you chose"))


def _add_config(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE",
                   help="settings and keymap (default: config.toml in the user config folder, "
                   "or $SIDEBYSIDE_CONFIG)")


def _version() -> str:
    from .. import __version__

    return __version__


def cmd_keys(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(prog=f"{PROG} keys",
                                description="Print every binding id of the reader with its "
                                "current keys (a [keymap] table in the config file changes "
                                "them).")
    _add_config(p)
    args = p.parse_args(argv)
    from .actions import ACTIONS, keys_shown
    from .settings import ConfigError, config_path, load

    path = config_path(args.config)
    keymap: dict[str, str] = {}
    try:
        keymap = load(path).keymap
    except ConfigError as exc:
        print(f"{PROG}: {exc} (the default keys are listed)", file=sys.stderr)
    width = max(len(a.id) for a in ACTIONS)
    for action in ACTIONS:
        keys = keys_shown(action, keymap) or "(palette only)"
        mark = "  (remapped)" if action.id in keymap else ""
        print(f"{action.id:<{width}}  {keys:<16}  {action.help}{mark}")
    return 0


def _judged(alignment, data_dir: str | None):  # type: ignore[no-untyped-def]
    """The alignment with the user's saved link judgements applied (read-only: a missing store
    is no judgement; an unreadable one is one line and exit status 2)."""
    from pathlib import Path

    from ..core.judgements import placed_pairs
    from ..core.store import FILE_NAME, Store, default_data_dir

    folder = Path(data_dir) if data_dir else default_data_dir()
    if not (folder / FILE_NAME).is_file():
        return alignment
    store = Store(folder)
    try:
        judgements = store.judgements()
    finally:
        store.close()
    links, rejected = placed_pairs(judgements, alignment.documents)
    return alignment.judged(links, rejected)


def _export_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} export",
        description="Print saved tags: all of them, or those of the given articles (re-anchored "
        "against their current text; tags whose passage is gone are marked as orphans).",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="only the tags of these articles")
    p.add_argument("--format", choices=("json", "jsonld", "csv", "md"), default="json")
    _add_data_dir(p)
    return p


def _import_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} import",
        description="Merge tags from a W3C Web Annotation file (as written by "
        "'sidebyside export --format jsonld'); tags already saved are not duplicated.",
    )
    p.add_argument("file", metavar="FILE.jsonld")
    _add_data_dir(p)
    return p


def _report_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} report",
        description="The comparison as a document: how much the sources overlap, the quotations "
        "several of them carry, what only one of them says, and the tags.",
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="articles or URLs (default: the samples)")
    _add_inputs(p)
    _add_order(p)
    _add_stories(p)
    p.add_argument("--format", choices=("md", "html", "json"), default="md")
    p.add_argument("-o", "--output", metavar="OUT", help="write to this file (default: stdout)")
    _add_sensitivity(p)
    _add_data_dir(p)
    return p


def _serve_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} serve",
        description="Serve the reader to a web browser (textual-serve); each browser tab runs "
        "its own reader on these articles.",
    )
    p.add_argument("files", nargs="*", metavar="FILE",
                   help="articles, folders or URLs (default: the samples)")
    _add_inputs(p)
    p.add_argument("--port", type=int, default=8000, help="port (default 8000)")
    p.add_argument("--host", default="localhost",
                   help="address to listen on (default localhost: this machine only)")
    p.add_argument("--public", action="store_true",
                   help="allow a --host other than this machine (anyone who can reach it and "
                   "has the printed address, with its key, can read the articles and tag)")
    p.add_argument("--max-sessions", type=int, default=4, metavar="N",
                   help="readers open at once, one per browser tab (default 4)")
    _add_data_dir(p)
    return p


def cmd_serve(argv: Sequence[str]) -> int:
    args = _serve_parser().parse_args(argv)
    if "-" in args.files:
        return _fail("-: standard input cannot be served; save it to a file first")
    _documents(args)  # bad input fails here, with one line, not in the browser
    if not 0 < args.port < 65536:
        return _fail(f"--port {args.port}: not a port number (1-65535)")
    if not 1 <= args.max_sessions <= 64:
        return _fail(f"--max-sessions {args.max_sessions}: give 1 to 64")
    from .serve import GuardedServer, is_loopback

    if not is_loopback(args.host) and not args.public:
        return _fail(f"--host {args.host}: not this machine only; add --public to serve the "
                     "articles to other machines")
    from ..core.fetch import is_url

    command = [sys.executable, "-m", "sidebyside",
               *(f if is_url(f) else os.path.abspath(f) for f in _names(args))]
    if args.data_dir:
        command += ["--data-dir", os.path.abspath(args.data_dir)]
    server = GuardedServer(shlex.join(command), host=args.host, port=args.port,
                           max_sessions=args.max_sessions)
    if not is_loopback(args.host):
        print(f"{PROG}: warning: serving to other machines on {args.host}; anyone with the "
              "address below can read these articles and tag them", file=sys.stderr)
    print(f"Sidebyside is served at {server.url} (ctrl+c stops it)", flush=True)
    try:
        server.serve()
    except OSError as exc:  # the port is taken, or the address is not ours
        return _fail(f"{args.host}:{args.port}: cannot listen ({exc.strerror or exc})")
    return 0


def cmd_report(argv: Sequence[str]) -> int:
    from ..core.align import align_documents
    from ..core.report import build_report, render_markdown, stories_report
    from ..core.store import Store, StoreError
    from ..core.tagging import TagBook

    args = _report_parser().parse_args(argv)
    documents = _documents(args)
    if args.order == "date":
        from ..core.provenance import chronological

        documents = chronological(documents)
    try:
        store: Store | None = Store(args.data_dir)
    except StoreError:
        store = None  # the report does not need the tags to be saved anywhere
    reports = []
    stories = _stories(args, documents)
    for story in stories:
        docs = [documents[d] for d in story.documents]
        book = TagBook(docs, store)
        alignment = align_documents(docs, sensitivity=args.sensitivity)
        reports.append(build_report(alignment.judged(*book.link_pairs()), book.counts()))
    report = reports[0] if len(stories) == 1 else stories_report(documents, stories, reports)
    if args.format == "json":
        text = json.dumps(report, ensure_ascii=False, indent=2) + "\n"
    elif args.format == "html":
        from ..core.report_html import render_html

        text = render_html(report)
    else:
        text = render_markdown(report)
    if args.output:
        try:
            with open(args.output, "w", encoding="utf-8") as fh:
                fh.write(text)
        except OSError as exc:
            return _fail(f"{args.output}: {exc.strerror or 'cannot write'}")
    else:
        sys.stdout.write(text)
    return 0


def cmd_snapshots(argv: Sequence[str]) -> int:
    p = argparse.ArgumentParser(
        prog=f"{PROG} snapshots",
        description="The web pages kept in the data folder: each URL is fetched once and then "
        "read from its snapshot (offline, the same text, so tags stay anchored); --refresh on "
        "any command fetches again.")
    p.add_argument("--delete", metavar="URL", action="append", default=[],
                   help="delete the snapshot of URL (the next use fetches it again)")
    p.add_argument("--json", action="store_true", help="print one JSON list")
    _add_data_dir(p)
    args = p.parse_args(argv)
    from ..core.inert import inert_line, shortened
    from ..core.snapshots import Snapshots

    snapshots = Snapshots(_data_dir(args))
    if args.delete:
        missing = [u for u in args.delete if not snapshots.delete(u)]
        for url in args.delete:
            if url not in missing:
                print(f"deleted the snapshot of {inert_line(url)}")
        return _fail(f"{missing[0]}: no snapshot of this URL") if missing else 0
    kept = list(snapshots)
    if args.json:
        json.dump([{"url": s.url, "fetched_at": s.fetched_at, "site": s.provenance.site,
                    "published": s.provenance.published, "bytes": s.raw_size,
                    "file": str(s.path)} for s in kept], sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    if not kept:
        print(f"no snapshots in {inert_line(str(snapshots.folder))}")
        return 0
    for s in sorted(kept, key=lambda s: s.fetched_at or ""):
        site = shortened(s.provenance.site or "", 24)
        print(f"{(s.fetched_at or '?'):20}  {site:24}  {inert_line(s.url)}")
    print(f"{len(kept)} snapshot(s) in {inert_line(str(snapshots.folder))}")
    return 0


def cmd_export(argv: Sequence[str]) -> int:
    from ..core.export import render, rows_for
    from ..core.store import Store, StoreError

    args = _export_parser().parse_args(argv)
    try:
        store = Store(args.data_dir)
        from ..core.web import load_inputs

        documents = load_inputs(args.files, data_dir=_data_dir(args))[0] if args.files else []
    except (StoreError, InputError) as exc:
        return _fail(str(exc))
    judgements = store.judgements()
    if documents:  # only the judgements on these articles' sentences
        from ..core.judgements import sentence_keys

        here = sentence_keys(documents)
        judgements = [j for j in judgements if j.key_a in here and j.key_b in here]
    rows = store.all()
    sound = [a for a in rows if a.problem() is None]
    if len(sound) < len(rows):
        print(f"{PROG}: {len(rows) - len(sound)} damaged or unknown tag(s) left out",
              file=sys.stderr)
    sys.stdout.write(render(rows_for(sound, documents), args.format, judgements))
    return 0


def cmd_import(argv: Sequence[str]) -> int:
    from ..core.export import merge_incoming, parse_jsonld_all
    from ..core.store import Store, StoreError

    args = _import_parser().parse_args(argv)
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            with open(args.file, encoding="utf-8") as fh:
                text = fh.read()
    except OSError as exc:
        return _fail(f"{args.file}: {exc.strerror or 'cannot read'}")
    except UnicodeDecodeError:
        return _fail(f"{args.file}: not UTF-8 text")
    try:
        incoming, links = parse_jsonld_all(text)
    except ValueError as exc:  # every malformed shape: one line, the file named
        return _fail(f"{args.file}: {' '.join(str(exc).split())}")
    try:
        store = Store(args.data_dir)
        new, merged = merge_incoming(store.all(), incoming)
        known = {j.pair: j for j in store.judgements()}
        new_links = [j for j in links if known.get(j.pair) != j]
        store.apply(save=new + merged, judge=new_links)
    except StoreError as exc:
        return _fail(str(exc))
    notes = f", {len(merged)} note(s) merged into tags already saved" if merged else ""
    print(f"imported {len(new)} tag(s) and {len(new_links)} link judgement(s){notes}; "
          f"{len(incoming) - len(new) - len(merged) + len(links) - len(new_links)} were already "
          "saved")
    return 0


def _fail(message: str) -> int:
    from ..core.inert import inert_line

    print(f"{PROG}: {inert_line(message)}", file=sys.stderr)  # paths and titles made inert
    return 2


def _names(args: argparse.Namespace) -> list[str]:
    """The inputs given: the arguments, then those listed in each ``-i`` file."""
    from ..core.web import read_list

    names = list(args.files)
    for listed in getattr(args, "inputs", []):
        names += read_list(listed)
    return names


def _data_dir(args: argparse.Namespace) -> str:
    from ..core.store import default_data_dir

    return str(getattr(args, "data_dir", None) or default_data_dir())


def _documents(args: argparse.Namespace) -> list[Document]:
    """The articles named (the seeds when none are): bad input raises ``InputError``, which
    ``main`` turns into one line on stderr and exit status 2. URLs are fetched (progress on
    stderr when it is a terminal) or read from their snapshots."""
    from ..core.web import load_inputs

    names = _names(args)
    documents, _ = load_inputs(names or seed_paths(), data_dir=_data_dir(args),
                               refresh=getattr(args, "refresh", False),
                               progress=_stderr_progress if sys.stderr.isatty() else None)
    return documents


def _stderr_progress(done: int, total: int, url: str) -> None:
    from ..core.inert import shortened

    end = "\n" if done == total else ""
    print(f"\r\x1b[2K{PROG}: fetched {done}/{total} {shortened(url, 60)}",
          end=end, file=sys.stderr, flush=True)


POOL_FROM = 60  # articles to align (in stories of two or more) from which every core works
PROGRESS_FROM = 500  # articles from which progress is written when stderr is not a terminal


def _align_progress(count: int):  # type: ignore[no-untyped-def]
    """Progress on stderr: one line rewritten on a terminal; elsewhere, for big inputs, a
    line every tenth of the way."""
    if sys.stderr.isatty():
        def show(fraction: float, stage: str) -> None:
            end = "\n" if fraction >= 1.0 else ""
            print(f"\r\x1b[2K{PROG}: {stage} ({fraction:.0%})", end=end, file=sys.stderr,
                  flush=True)

        return show
    if count < PROGRESS_FROM:
        return None
    told = [-1]

    def tell(fraction: float, stage: str) -> None:
        tenth = int(fraction * 10)
        if tenth > told[0]:
            told[0] = tenth
            print(f"{PROG}: {stage} ({fraction:.0%})", file=sys.stderr, flush=True)

    return tell


def cmd_align(argv: Sequence[str]) -> int:
    args = _align_parser().parse_args(argv)
    documents = _documents(args)
    from ..core.store import StoreError
    from ..core.stories import align_stories
    from ..core.summary import summary

    progress = _align_progress(len(documents))
    if progress is not None:
        progress(0.0, f"grouping {len(documents):,} articles into stories")
    stories = _stories(args, documents)
    many = sum(len(s.documents) for s in stories if len(s.documents) > 1) >= POOL_FROM
    alignment = align_stories(documents, stories, progress, sensitivity=args.sensitivity,
                              workers=max(args.jobs, 1) if many else 1)
    try:
        alignment = _judged(alignment, args.data_dir)
    except StoreError as exc:
        return _fail(str(exc))
    if args.json:
        from ..core.suggest import suggest

        data = alignment.to_json()
        data["suggestions"] = [x.to_json() for x in suggest(documents, alignment)]
        data["stories"] = [story.to_json() for story in stories]
        from ..core.divergence import divergences

        data["divergences"] = [d.to_json() for d in divergences(alignment)]
        json.dump(data, sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(summary(alignment, stories))
    return 0


def cmd_read(argv: Sequence[str]) -> int:
    # Start-up makes many objects that live as long as the reader does (Textual's classes and
    # styles, the documents, the first frame); collecting garbage among them before the first
    # paint only delays it. The app turns collection back on once the first frame is out.
    gc.disable()
    try:
        return _read(argv)
    finally:
        gc.enable()


def _read(argv: Sequence[str]) -> int:
    args = _reader_parser().parse_args(argv)
    documents, failures = _reader_documents(args)
    if not documents:  # nothing to show: every input failed
        for failure in failures[:-1]:
            print(f"{PROG}: {failure.message}", file=sys.stderr)  # inert
        return _fail(failures[-1].message)
    from ..core.store import Store, StoreError, StoreUnavailable

    problem = None
    try:
        store: Store | None = Store(args.data_dir)
    except StoreUnavailable as exc:  # read-only or missing folder: tags stay in memory
        store, problem = None, str(exc)
    except StoreError as exc:  # corrupt or newer store: stop, touch nothing
        return _fail(str(exc))
    if store is not None and store.read_only:
        problem = (f"{store.path} is read-only (the folder or the file cannot be written); "
                   "your saved tags are shown, new ones are not saved")
    if "-" in args.files and not sys.stdin.isatty():
        problem = _reattach_terminal()
        if problem:
            return _fail(problem)
    from .app import SidebysideApp
    from .settings import ConfigError, config_path, load

    config = config_path(args.config)
    config_problem = None
    try:
        settings = load(config)
    except ConfigError as exc:  # the defaults, and the file left alone
        settings, config_problem = None, str(exc)
        print(f"{PROG}: {exc}; running on the defaults", file=sys.stderr)
    SidebysideApp(documents, store=store, store_problem=problem,
                  use_cache=not args.no_cache, on_first_paint=gc.enable,
                  sensitivity=args.sensitivity, settings=settings, config=config,
                  config_problem=config_problem, failures=failures,
                  by_date=args.order == "date", one_story=args.one_story).run()
    return 0


def _reader_documents(args: argparse.Namespace):  # type: ignore[no-untyped-def]
    """The reader's articles and the inputs that failed (shown as failed panes). URLs that
    must be fetched are fetched under a progress bar, several at once."""
    from ..core.web import load_inputs, needs_fetch

    names = _names(args) or seed_paths()
    data_dir = _data_dir(args)
    pending = needs_fetch(names, data_dir=data_dir, refresh=args.refresh)
    if pending and sys.stdout.isatty() and sys.stdin.isatty():
        from .fetching import FetchApp

        fetching = FetchApp(names, data_dir=data_dir, refresh=args.refresh, pending=pending)
        result = fetching.run()
        if result is None:  # quit while fetching (130), or the fetching failed (said, 1)
            raise SystemExit(fetching.return_code or 130)
        return result
    return load_inputs(names, data_dir=data_dir, refresh=args.refresh, keep_failures=True,
                       progress=_stderr_progress if pending and sys.stderr.isatty() else None)


def _reattach_terminal() -> str | None:
    """After reading an article from a pipe, read keys from the terminal again (fd 0)."""
    try:
        tty = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return "-: standard input was an article, and there is no terminal to read keys from"
    os.dup2(tty, 0)
    os.close(tty)
    return None


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    try:
        if argv and argv[0] == "align":
            return cmd_align(argv[1:])
        if argv and argv[0] == "export":
            return cmd_export(argv[1:])
        if argv and argv[0] == "import":
            return cmd_import(argv[1:])
        if argv and argv[0] == "report":
            return cmd_report(argv[1:])
        if argv and argv[0] == "serve":
            return cmd_serve(argv[1:])
        if argv and argv[0] == "keys":
            return cmd_keys(argv[1:])
        if argv and argv[0] == "snapshots":
            return cmd_snapshots(argv[1:])
        return cmd_read(argv)
    except InputError as exc:  # a missing, empty, binary, huge or undecodable article
        return _fail(str(exc))
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
