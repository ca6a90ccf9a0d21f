"""``crc-reporter publish`` as people run it: counts on stdout, one-line errors, the store untouched."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import copy_store


def run(*args: str, lang: str = "en") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CRC_REPORTER_LANG": lang}
    return subprocess.run(
        [sys.executable, "-m", "crc_reporter", *args], capture_output=True, text=True, env=env, timeout=180
    )


@pytest.fixture
def demo_db(demo_template: Path, tmp_path: Path) -> Path:
    return copy_store(demo_template, tmp_path / "demo.sqlite")


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_publish_prints_what_went_in_and_leaves_the_store_alone(demo_db: Path, tmp_path: Path) -> None:
    before = _digest(demo_db)
    out = tmp_path / "site"
    result = run(
        "--db", str(demo_db), "publish", str(out), "--lang", "km", "--organisation", "CJN", "--title", "Xamplia"
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"Published: {out / 'index.html'}"
    assert lines[1:6] == [
        "4 documents",
        "104 paragraphs",
        "47 public actions",
        "5 indicators",
        "3 confidential actions left out",
    ]
    pages = (2 + 4 + 104) + 1  # index, summary, documents, paragraphs; and the folder's own index
    assert lines[6].startswith(f"{pages} pages in km; ")
    assert '<html lang="km">' in (out / "index.html").read_text("utf-8")
    assert _digest(demo_db) == before

    again = run("--db", str(demo_db), "publish", str(out), "--document", "crc/c/xmp/co/3-4")
    assert again.returncode == 0, again.stderr
    assert again.stdout.splitlines()[1:3] == ["1 document", "14 paragraphs"]
    assert not (out / "km").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("--lang", "en,de"), "unknown language de"),
        (("--document", "CRC/C/XMP/CO/9"), "CRC/C/XMP/CO/9"),
    ],
)
def test_mistakes_are_one_line_and_nothing_is_written(
    demo_db: Path, tmp_path: Path, args: tuple[str, ...], message: str
) -> None:
    out = tmp_path / "site"
    result = run("--db", str(demo_db), "publish", str(out), *args)
    assert result.returncode == 1 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1 and message in result.stderr and "Traceback" not in result.stderr
    assert not out.exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".site")]


def test_a_folder_of_other_files_is_refused_in_the_readers_language(demo_db: Path, tmp_path: Path) -> None:
    out = tmp_path / "documents"
    out.mkdir()
    (out / "budget.xlsx").write_bytes(b"PK")
    result = run("--db", str(demo_db), "publish", str(out), lang="fr")
    assert result.returncode == 1
    assert len(result.stderr.splitlines()) == 1 and "budget" not in result.stderr
    assert "is not empty" not in result.stderr  # French, not English
    assert [p.name for p in out.iterdir()] == ["budget.xlsx"]
