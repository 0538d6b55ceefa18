"""The one exception the data layer raises for bad input."""

from __future__ import annotations

from typing import Any

MAX_VALUE_CHARS = 80


class DataError(ValueError):
    """A data file, feature or field that failed validation.

    The message names the file, the feature id, the field and the bad value so that
    the person fixing the data can find it without a debugger.
    """

    def __init__(
        self,
        problem: str,
        *,
        file: str | None = None,
        feature: str | None = None,
        field: str | None = None,
        value: Any = None,
    ) -> None:
        self.problem = problem
        self.file = file
        self.feature = feature
        self.field = field
        self.value = value
        super().__init__(self._message())

    def _message(self) -> str:
        where = [
            part
            for part in (
                self.file and f"file {self.file}",
                self.feature and f"feature {self.feature!r}",
                self.field and f"field {self.field!r}",
            )
            if part
        ]
        text = self.problem
        if where:
            text = f"{', '.join(where)}: {text}"
        if self.value is not None:
            shown = repr(self.value)
            if len(shown) > MAX_VALUE_CHARS:
                shown = shown[: MAX_VALUE_CHARS - 3] + "..."
            text = f"{text} (got {shown})"
        return text

    def located(self, *, file: str | None = None, feature: str | None = None) -> DataError:
        """Return a copy with the file and feature filled in where they were missing."""
        return DataError(
            self.problem,
            file=self.file or file,
            feature=self.feature or feature,
            field=self.field,
            value=self.value,
        )
