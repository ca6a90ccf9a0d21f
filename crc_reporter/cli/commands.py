"""The commands of ``crc-reporter`` and the module that implements each one.

Listed here, and not found by importing every command module, so that ``--help``
and ``--version`` start in a few milliseconds: a command's module (with
SQLAlchemy, python-docx and the services behind it) is imported only when that
command runs or its own help is asked for. ``tests/integration/test_cli.py``
checks that this table and the modules' ``register`` functions agree.
"""

from __future__ import annotations

from crc_reporter.i18n import N_, _

#: command → (module under crc_reporter.cli, one-line summary shown by --help)
COMMANDS: dict[str, tuple[str, str]] = {
    "init": ("store_commands", N_("create the store, or upgrade it to this version")),
    "demo": ("store_commands", N_("load the demo data set (a fictional State party)")),
    "list": ("store_commands", N_("list documents, recommendations or actions")),
    "import": (
        "import_commands",
        N_(
            "import concluding observations (Word, PDF, text, UHRI export), an exchange package, an edited tracker or IMPACT OSS files"
        ),
    ),
    "coalition": (
        "coalition_commands",
        N_("enter the questions and proposed recommendations of an alternative report"),
    ),
    "subheading": (
        "subheading_commands",
        N_("type the French or Khmer wording of a sub-heading the glossary does not translate"),
    ),
    "attention": (
        "attention_commands",
        N_("what needs attention today: overdue actions and requests, urgent recommendations, deadlines"),
    ),
    "report": ("report_commands", N_("write a Word draft: state, loipr, alternative or matrix")),
    "server-setup": (
        "server_commands",
        N_("prepare a PostgreSQL database for shared use (schema, roles, grants); run as its owner"),
    ),
    "user": ("server_commands", N_("manage the people who use a shared store")),
    "backup": ("backup_commands", N_("back up the store now, or list its backups")),
    "restore": ("backup_commands", N_("put a backup in place of the store (default: the latest good one)")),
    "check": ("backup_commands", N_("check the store (integrity, version, backups)")),
    "export-package": ("exchange_commands", N_("write an exchange package (.crcx) to send to another copy")),
    "inspect-package": ("exchange_commands", N_("show what a package holds and who signed it")),
    "merge": ("exchange_commands", N_("merge an exchange package from another copy")),
    "keygen": ("exchange_commands", N_("make a key pair for signing packages")),
    "trust-key": ("exchange_commands", N_("trust packages signed with this public key")),
    "untrust-key": ("exchange_commands", N_("stop trusting a key")),
    "trusted-keys": ("exchange_commands", N_("list the keys this store trusts")),
    "export-xlsx": ("interchange_commands", N_("export the tracker as an Excel workbook (edit it and import it back)")),
    "export-impact": ("interchange_commands", N_("export recommendations and actions as IMPACT OSS import files")),
    "request-updates": (
        "follow_up_commands",
        N_("ask a responsible body for updates: a signed package or an Excel workbook"),
    ),
    "answer-request": ("follow_up_commands", N_("show an update request, or write the signed reply to it")),
    "replies": ("follow_up_commands", N_("merge replies to update requests, then approve or send back each change")),
    "publish": ("publish_commands", N_("write a public website (static files that open without a network)")),
}


def summary(command: str) -> str:
    """The translated one-line summary of ``command`` for --help."""
    return _(COMMANDS[command][1])


def module_of(command: str) -> str:
    return "crc_reporter.cli." + COMMANDS[command][0]
