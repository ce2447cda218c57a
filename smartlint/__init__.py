"""smartlint: a linter for SMART goals and OKRs."""

__version__ = "0.1.0"
