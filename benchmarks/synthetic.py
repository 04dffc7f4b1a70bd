"""Synthetic scale: a data directory holding k copies of every default commune, loaded into a scratch database.

Scale ×k keeps the default communes and adds k-1 clones of each (new slug, name and INS code,
same CSV content), so every page, query and index is exercised on k times the rows; ×100 is
about 400 communes, the order of every Walloon commune. The clones go through the real
importer, so their data obeys every constraint of the real data.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

from sqlalchemy.orm import Session

from dashboard.config import PROJECT_DIR
from dashboard.db.migrate import upgrade
from dashboard.db.session import make_engine
from dashboard.importer.load import load_directory

DATA_DIR = PROJECT_DIR / "data"


def synthetic_data_dir(scale: int, target: Path) -> Path:
    """Write data/ with (scale - 1) clones of each commune into `target`; returns it."""
    if target.exists():
        shutil.rmtree(target)
    shutil.copytree(DATA_DIR, target)
    with (DATA_DIR / "communes.csv").open(newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        fields = list(reader.fieldnames or [])
        originals = list(reader)
    rows = list(originals)
    code = 90000
    for copy in range(1, scale):
        for row in originals:
            code += 1
            slug = f"{row['slug']}-x{copy:03d}"
            rows.append(
                {
                    **row,
                    "slug": slug,
                    "name": f"{row['name']} ×{copy}",
                    "name_nl": f"{row['name_nl']} ×{copy}",
                    "ins_code": str(code),
                }
            )
            source = DATA_DIR / row["slug"]
            if source.is_dir():
                shutil.copytree(source, target / slug)
    with (target / "communes.csv").open("w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=fields)
        writer.writeheader()
        writer.writerows(rows)
    return target


def data_dir_of(scale: int, scratch: Path) -> Path:
    """The data directory the scale's database was loaded from: a server started on that database
    must be given it (DASHBOARD_DATA_DIR), or start-up would 'refresh' it from data/."""
    return scratch / f"data-{scale}"


def build_database(scale: int, scratch: Path) -> str:
    """A SQLite database at `scratch` filled at scale ×`scale`; returns its URL (reused when present)."""
    scratch.mkdir(parents=True, exist_ok=True)
    path = scratch / f"scale-{scale}.sqlite3"
    url = f"sqlite:///{path}"
    if path.exists() and (scratch / f"data-{scale}").is_dir():
        return url
    partial = scratch / f"scale-{scale}.partial.sqlite3"
    partial.unlink(missing_ok=True)
    engine = make_engine(f"sqlite:///{partial}")
    upgrade(engine)
    data_dir = synthetic_data_dir(scale, scratch / f"data-{scale}")
    with Session(engine) as session, session.begin():
        load_directory(session, data_dir)
    engine.dispose()
    partial.replace(path)
    return url


def load_into(url: str, scale: int, scratch: Path) -> None:
    """Fill the (migrated, empty) database at `url` at scale ×`scale` (used for PostgreSQL load tests)."""
    engine = make_engine(url)
    upgrade(engine)
    data_dir = synthetic_data_dir(scale, scratch / f"data-{scale}")
    with Session(engine) as session, session.begin():
        load_directory(session, data_dir)
    engine.dispose()
