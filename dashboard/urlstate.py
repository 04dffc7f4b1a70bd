"""The view lives in the query string: parse it, and build links that keep it."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode

# Parameters shared by every page, in the order they appear in links.
SHARED = ("commune", "year", "lang")


def parse_search(search: str | None) -> dict[str, str]:
    """'?commune=tournai&year=2024' → {'commune': 'tournai', 'year': '2024'} (last value wins)."""
    if not search:
        return {}
    return dict(parse_qsl(search.lstrip("?"), keep_blank_values=False))


def build_search(params: dict[str, object]) -> str:
    """The query string for `params`, empty values dropped, shared parameters first."""
    clean = {k: str(v) for k, v in params.items() if v not in (None, "", [], ())}
    ordered = {k: clean.pop(k) for k in SHARED if k in clean}
    ordered.update(sorted(clean.items()))
    return "?" + urlencode(ordered) if ordered else ""


def page_number(value: object, last: int = 10_000) -> int:
    """A 1-based page number from the URL; anything unreadable is page 1, never an error."""
    try:
        return max(1, min(int(str(value)), last))
    except (TypeError, ValueError):
        return 1


def with_params(search: str | None, **changes: object) -> str:
    params: dict[str, object] = dict(parse_search(search))
    params.update(changes)
    return build_search(params)


def shared_only(search: str | None) -> str:
    """Keep only the shared parameters: what a link to another page carries."""
    params = parse_search(search)
    return build_search({k: v for k, v in params.items() if k in SHARED})
