"""Per-page logic between callbacks and queries/figures, testable without a browser."""
