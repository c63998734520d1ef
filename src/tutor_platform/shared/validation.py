"""Field checks that collect every problem of a request and raise them together."""

from tutor_platform.shared.errors import FieldError, ValidationFailed


class FieldChecks:
    """Collects field problems and raises them together as one ``ValidationFailed``.

    ``prefix`` names where the fields sit in the request (``items[3].`` in a bulk body).
    """

    def __init__(self, prefix: str = "") -> None:
        self._prefix = prefix
        self.errors: list[FieldError] = []

    def check(self, field: str, problem: str | None) -> None:
        if problem is not None:
            self.errors.append(FieldError(field=self._prefix + field, message=problem))

    def raise_if_failed(self) -> None:
        if self.errors:
            raise ValidationFailed(errors=list(self.errors))
