"""argparse's own messages ("usage:", "the following arguments are required…") in our catalogs.

argparse translates its messages with the gettext module's global functions,
which know nothing of our catalogs. :func:`use_our_catalogs` points argparse at
ours; the strings below are argparse's own (Python 3.11–3.13), listed so that the
extractor puts them in the catalogs. They keep argparse's %-style placeholders.
"""

from __future__ import annotations

import argparse

from crc_reporter.i18n import N_, _, ngettext

ARGPARSE_STRINGS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"),
    N_("ignored explicit argument %r"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
    N_("can't open '%(filename)s': %(error)s"),
)


def _plural_marks() -> None:  # never called: marks argparse's plural message for the extractor
    ngettext("expected %s argument", "expected %s arguments", 1)


def use_our_catalogs() -> None:
    """argparse looks its messages up in our catalogs, in the interface language of the moment."""
    argparse._ = _  # type: ignore[attr-defined]
    argparse.ngettext = ngettext  # type: ignore[attr-defined]
