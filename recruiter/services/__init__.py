"""Use cases. Services take explicit inputs (the acting recruiter, ``now``, settings), query and
change rows, and ``flush()``; the caller commits once or rolls back."""

from __future__ import annotations


class ServiceError(Exception):
    """Bad input or an impossible change. ``fields`` maps a field name to its messages."""

    def __init__(self, message: str, fields: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.fields = fields or {}

    @classmethod
    def field(cls, name: str, message: str) -> ServiceError:
        return cls(message, {name: [message]})


class Conflict(ServiceError):
    """A write that would make a second copy of an existing row: ``existing_id`` names it (the
    API answers 409 with it, a form links to it)."""

    def __init__(
        self, message: str, existing_id: int, fields: dict[str, list[str]] | None = None
    ) -> None:
        super().__init__(message, fields)
        self.existing_id = existing_id


class NotFound(Exception):
    """No such row for this recruiter (another recruiter's rows are not found either)."""


class Forbidden(Exception):
    """Allowed to a team's owners only (inviting, removing, changing roles)."""

    def __init__(self, message: str = "Only an owner of the team can do this.") -> None:
        super().__init__(message)
        self.message = message
