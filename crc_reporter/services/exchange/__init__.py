"""Working together offline: exchange packages between copies of a store, and merging them.

See :mod:`~crc_reporter.services.exchange.merge` for the flow a window follows,
:mod:`~crc_reporter.services.exchange.state` for how changes and conflicts are
told apart, and :mod:`~crc_reporter.services.exchange.package` for the file.
"""

from __future__ import annotations

from crc_reporter.services.exchange.export import ExportResult, export_package
from crc_reporter.services.exchange.merge import (
    FEW_DELETIONS,
    Conflict,
    MergeResult,
    deletions_to_confirm,
    describe_package,
    last_exchanges,
    merge_package,
    open_package,
    preview_merge,
)
from crc_reporter.services.exchange.package import SUFFIX, Package, PackageInfo, Signer, read_package
from crc_reporter.services.exchange.plan_types import ConflictKind, Resolution
from crc_reporter.services.exchange.select import Selection
from crc_reporter.services.exchange.signing import (
    PublicKeyInfo,
    TrustedKeyInfo,
    generate_keypair,
    read_public_key,
    trust_key,
    trusted_keys,
    untrust_key,
)
from crc_reporter.services.exchange.trust_setting import require_trusted_packages, set_require_trusted_packages
from crc_reporter.services.exchange.validate import PackageError

__all__ = [
    "SUFFIX",
    "FEW_DELETIONS",
    "Conflict",
    "ConflictKind",
    "ExportResult",
    "MergeResult",
    "Package",
    "PackageError",
    "PackageInfo",
    "PublicKeyInfo",
    "Resolution",
    "Selection",
    "Signer",
    "TrustedKeyInfo",
    "deletions_to_confirm",
    "describe_package",
    "export_package",
    "generate_keypair",
    "last_exchanges",
    "merge_package",
    "open_package",
    "preview_merge",
    "read_package",
    "read_public_key",
    "require_trusted_packages",
    "set_require_trusted_packages",
    "trust_key",
    "trusted_keys",
    "untrust_key",
]
