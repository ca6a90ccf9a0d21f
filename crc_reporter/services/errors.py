"""Errors a person can act on. Their message is shown as one line, as is."""

from crc_reporter.domain.errors import ServiceError
from crc_reporter.i18n import N_, _

__all__ = [
    "EditConflictError",
    "ImportCancelledError",
    "WeakerSourceError",
    "NotAllowedError",
    "NotFoundError",
    "ServiceError",
    "ValidationError",
]


class NotFoundError(ServiceError):
    pass


class ValidationError(ServiceError):
    pass


class ImportCancelledError(ServiceError):
    """An import stopped before the end (cancelled, or over its time budget); nothing was changed."""


class WeakerSourceError(ValidationError):
    """A PDF or pasted text would overwrite a copy imported from a better form; nothing was changed."""

    def __init__(self, symbol: str, stored: str, found: str, numbers: tuple[int, ...]) -> None:
        super().__init__(
            _(
                "{symbol} was imported from {stored}; this {found} would change paragraphs {numbers}; nothing was "
                "changed"
            ).format(
                symbol=symbol,
                stored=_(FORM_NAMES.get(stored, stored)),
                found=_(FORM_NAMES.get(found, found)),
                numbers=", ".join(map(str, numbers)),
            )
        )
        self.symbol, self.stored, self.found, self.numbers = symbol, stored, found, numbers


#: how a source's form is named in messages ("… was imported from a Word file; this PDF would change …")
FORM_NAMES = {"docx": N_("a Word file"), "pdf": N_("a PDF"), "text": N_("text copied from a PDF")}


class EditConflictError(ServiceError):
    """The record changed since the user read it: both versions travel with the error."""

    def __init__(self, what: str, mine: dict[str, object], theirs: dict[str, object], version: int) -> None:
        super().__init__(
            _("someone else changed {what} since you opened it; compare both versions").format(what=_(what))
        )
        self.mine = mine
        self.theirs = theirs
        self.version = version


class NotAllowedError(ServiceError):
    """The user's role does not allow this."""
