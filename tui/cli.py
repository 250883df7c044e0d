"""The ``sidebyside`` command.

Subcommands that need no screen (``align``) never import Textual; the reader is imported only
when it is about to run.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence

from core import Document, InputError, load_many, seed_paths

PROG = "sidebyside"
COMMANDS = ("align",)

DESCRIPTION = """\
Read news articles about the same event side by side: which sentences the sources share, which
they word differently and which only one of them says.

commands:
  sidebyside [FILE|FOLDER|-]...      open the reader (no arguments: the bundled sample articles)
  sidebyside align FILE... [--json]  print the alignment (documents, sentences, links, groups)

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
        help="articles (.txt, .md, .html, or no extension), folders of them, or - for stdin",
    )
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        help="where tags are saved (default: the user data folder, or $SIDEBYSIDE_DATA_DIR)",
    )
    return p


def _align_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog=f"{PROG} align",
        description="Align articles sentence by sentence and print the result.",
    )
    p.add_argument("files", nargs="*", metavar="FILE", help="articles (default: the samples)")
    p.add_argument("--json", action="store_true", help="print one JSON object (see README)")
    return p


def _fail(message: str) -> int:
    print(f"{PROG}: {message}", file=sys.stderr)
    return 2


def _documents(files: Sequence[str]) -> list[Document]:
    return load_many(list(files) if files else seed_paths())


def cmd_align(argv: Sequence[str]) -> int:
    args = _align_parser().parse_args(argv)
    try:
        documents = _documents(args.files)
    except InputError as exc:
        return _fail(str(exc))
    from core.align import align_documents
    from core.summary import summary

    alignment = align_documents(documents)
    if args.json:
        json.dump(alignment.to_json(), sys.stdout, ensure_ascii=False)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(summary(alignment))
    return 0


def cmd_read(argv: Sequence[str]) -> int:
    args = _reader_parser().parse_args(argv)
    try:
        documents = _documents(args.files)
    except InputError as exc:
        return _fail(str(exc))
    from core.store import Store, StoreError

    try:
        store = Store(args.data_dir)
    except StoreError as exc:
        return _fail(str(exc))
    if "-" in args.files and not sys.stdin.isatty():
        problem = _reattach_terminal()
        if problem:
            return _fail(problem)
    from tui.app import SidebysideApp

    SidebysideApp(documents, store=store).run()
    return 0


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
        return cmd_read(argv)
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
