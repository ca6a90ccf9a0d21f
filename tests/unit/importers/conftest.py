"""Concluding observations built once per test session: Word files in several layouts and their PDFs."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.co_content import Spec, co_2011, co_2014, co_opac
from tests.co_documents import build_docx, soffice, to_pdf

# name -> (spec factory, build options)
VARIANTS = {
    "2014-typed": (co_2014, {}),
    "2014-auto": (co_2014, {"numbering": "auto", "letters": "level"}),
    "2014-auto-restart": (co_2014, {"numbering": "auto", "letters": "restart"}),
    "2011-builtin-headings": (co_2011, {"headings": "builtin"}),
    "opac-style-numbering": (co_opac, {"numbering": "auto-style", "letters": "restart"}),
}


@pytest.fixture(scope="session")
def co_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Spec, Path]]:
    folder = tmp_path_factory.mktemp("co-docx")
    out = {}
    for name, (factory, options) in VARIANTS.items():
        spec = factory()
        out[name] = (spec, build_docx(spec, folder / f"{name}.docx", **options))
    return out


@pytest.fixture(scope="session")
def co_pdfs(co_docs: dict[str, tuple[Spec, Path]]) -> dict[str, tuple[Spec, Path]]:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be made")
    names = list(co_docs)
    pdfs = to_pdf([co_docs[n][1] for n in names])
    return {n: (co_docs[n][0], pdf) for n, pdf in zip(names, pdfs, strict=True)}


# French, Spanish and English originals of the 2014+ layout, each checked against its JSON answer key
# (tests/fixtures/co/): Word with typed numbers, Word's automatic numbering, PDF, and text pasted from the PDF.
LANGUAGE_FORMS = {"typed": {}, "auto": {"numbering": "auto", "letters": "level"}}


@pytest.fixture(scope="session")
def co_language_docs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], Path]:
    from tests.co_keys import SPECS

    folder = tmp_path_factory.mktemp("co-languages")
    return {
        (language, form): build_docx(factory(), folder / f"{language}-{form}.docx", **options)
        for language, factory in SPECS.items()
        for form, options in LANGUAGE_FORMS.items()
    }


@pytest.fixture(scope="session")
def co_language_pdfs(co_language_docs: dict[tuple[str, str], Path]) -> dict[str, Path]:
    if not soffice():
        pytest.skip("LibreOffice (soffice) is not installed: the PDF fixtures cannot be made")
    typed = {language: path for (language, form), path in co_language_docs.items() if form == "typed"}
    return dict(zip(typed, to_pdf(list(typed.values())), strict=True))
