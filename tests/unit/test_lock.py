"""requirements/lock.txt and pyproject.toml agree, and this environment runs what the lock pins.

The lock (made by scripts/lock.sh with uv) is what scripts/bootstrap.sh installs, so a
fresh machine next month gets the versions that passed today. A dependency added to or
narrowed in pyproject.toml without refreshing the lock fails here.
"""

from __future__ import annotations

import re
import tomllib
from importlib import metadata
from pathlib import Path

import pytest
from packaging.markers import Marker
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

ROOT = Path(__file__).resolve().parents[2]
LOCK = ROOT / "requirements" / "lock.txt"
HOW_TO_FIX = "refresh the lock: bash scripts/lock.sh (see README, Development)"

_PIN = re.compile(r"^(?P<name>[A-Za-z0-9._-]+)==(?P<version>[^\s;\\]+)\s*(?:;\s*(?P<marker>[^\\]+?))?\s*\\?$")


def locked() -> dict[str, list[tuple[Version, Marker | None, int]]]:
    """name → [(version, marker, number of hashes)] (a universal lock may pin one name per platform)."""
    pins: dict[str, list[tuple[Version, Marker | None, int]]] = {}
    current: list[tuple[Version, Marker | None, int]] | None = None
    for line in LOCK.read_text(encoding="utf-8").splitlines():
        match = _PIN.match(line)
        if match:
            marker = Marker(match["marker"]) if match["marker"] else None
            current = pins.setdefault(canonicalize_name(match["name"]), [])
            current.append((Version(match["version"]), marker, 0))
        elif line.strip().startswith("--hash=sha256:") and current:
            version, marker, hashes = current[-1]
            current[-1] = (version, marker, hashes + 1)
    return pins


def declared() -> list[Requirement]:
    """Every requirement of pyproject.toml: the app's, each extra's (but the self-references) and the build's."""
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    texts = list(project["project"]["dependencies"])
    for extra in project["project"]["optional-dependencies"].values():
        texts += [t for t in extra if not t.startswith(project["project"]["name"])]
    texts += project["build-system"]["requires"]
    return [Requirement(t) for t in texts]


def test_every_pin_has_hashes() -> None:
    pins = locked()
    assert len(pins) > 20
    unhashed = [name for name, entries in pins.items() for _v, _m, hashes in entries if hashes == 0]
    assert not unhashed, f"pins without --hash: {unhashed}"


@pytest.mark.parametrize("requirement", declared(), ids=str)
def test_lock_satisfies_pyproject(requirement: Requirement) -> None:
    entries = locked().get(canonicalize_name(requirement.name))
    assert entries, f"{requirement.name} is in pyproject.toml but not in the lock; {HOW_TO_FIX}"
    for version, _marker, _hashes in entries:
        assert requirement.specifier.contains(version, prereleases=True), (
            f"the lock pins {requirement.name}=={version}, outside pyproject.toml's {requirement.specifier}; {HOW_TO_FIX}"
        )
    for extra in requirement.extras:  # psycopg[binary] brings psycopg-binary
        dist = metadata.distribution(requirement.name)
        for needed in map(Requirement, dist.requires or []):
            if needed.marker and needed.marker.evaluate({"extra": extra}) and not needed.marker.evaluate({"extra": ""}):
                assert canonicalize_name(needed.name) in locked(), f"{needed.name} ({requirement}); {HOW_TO_FIX}"


def test_this_environment_runs_what_the_lock_pins() -> None:
    """What the tests run on is what a fresh install gets (bootstrap.sh installs from the lock)."""
    differ = []
    for name, entries in locked().items():
        wanted = [v for v, marker, _h in entries if marker is None or marker.evaluate()]
        if not wanted:
            continue
        try:
            have = Version(metadata.version(name))
        except metadata.PackageNotFoundError:
            differ.append(f"{name}: not installed (lock: {wanted[0]})")
            continue
        if have not in wanted:
            differ.append(f"{name}: {have} installed, lock: {wanted[0]}")
    assert not differ, "run bash scripts/bootstrap.sh test to install the lock:\n" + "\n".join(differ)
