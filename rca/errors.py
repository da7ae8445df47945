"""One small exception tree; every error maps to an exit code and a one-line message.

    RcaError                      exit 1  (internal)
    ├── UsageError                exit 2  bad flags or arguments
    ├── InputError                exit 2  unreadable / malformed input
    │   └── EmptyInputError       exit 2  nothing to analyse
    ├── OutputExistsError         exit 2  would overwrite a user's file
    ├── SourceError               exit 2  live source refused (permissions, quota...)
    ├── OutputError               exit 1  the report could not be written (EPIPE, ENOSPC)
    └── ProviderError             exit 1  model provider failed (callers fall back to offline)
"""

from __future__ import annotations


class RcaError(Exception):
    exit_code = 1


class UsageError(RcaError):
    exit_code = 2


class InputError(RcaError):
    exit_code = 2


class EmptyInputError(InputError):
    pass


class OutputExistsError(RcaError):
    exit_code = 2


class SourceError(RcaError):
    exit_code = 2


class ProviderError(RcaError):
    exit_code = 1


def warn(message: str) -> None:
    """One line on stderr for something the user should know but that does not stop the run
    (a fallback, a skipped part). Never more than one line per event."""
    import sys

    print(f"rca: warning: {' '.join(message.split())}", file=sys.stderr, flush=True)


class OutputError(RcaError):
    """The report could not be written (stdout closed or full, disk full)."""

    exit_code = 1
