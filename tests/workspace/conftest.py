"""Workspace fixtures: every test runs against SQLite and against a real PostgreSQL server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cloudfit.workspace.access import Principal
from cloudfit.workspace.store import open_workspace

from . import pg_server

ADMIN = Principal("admin", "admin", None)

AGENCY_A = "Bộ Khoa học và Công nghệ"
AGENCY_B = "Bộ Tài chính"
HEADER = "app_id,name,owner_agency,security_level,architecture,hosting,users,depends_on\n"
# MOST-2 depends on MOF-1, an application of the other agency.
INVENTORY_A = HEADER + (
    "MOST-1,Cổng thông tin,Bộ KH&CN,2,Web,VM,5000,\nMOST-2,Hồ sơ công việc,Bộ KH&CN,3,3-tier,Physical,200,MOST-1; MOF-1\n"
)
INVENTORY_B = HEADER + (
    "MOF-1,Thuế lõi,Bộ Tài chính,3,3-tier,VM,100000,\nMOF-2,Ngân sách,Bộ Tài chính,2,Web,Docker,300,MOF-1\n"
)


@pytest.fixture(scope="session")
def postgres():
    try:
        server = pg_server.start()
    except FileNotFoundError as error:
        if os.environ.get("CI"):
            raise  # CI must test PostgreSQL: `make test` installs it
        pytest.skip(str(error))
    yield server
    server.stop()


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request, tmp_path: Path) -> str:
    """A new, empty database of each kind."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'workspace.db'}"
    return request.getfixturevalue("postgres").new_database()


@pytest.fixture
def workspace(db_url):
    ws = open_workspace(db_url)
    yield ws
    ws.close()


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    """The two agencies' inventories as CSV files."""
    a, b = tmp_path / "most.csv", tmp_path / "mof.csv"
    a.write_text(INVENTORY_A, encoding="utf-8")
    b.write_text(INVENTORY_B, encoding="utf-8")
    return {"a": a, "b": b}


@pytest.fixture
def another_db(db_url, request, tmp_path: Path) -> str:
    """A second empty database of the same kind as `db_url`."""
    if db_url.startswith("sqlite"):
        return f"sqlite:///{tmp_path / 'another.db'}"
    return request.getfixturevalue("postgres").new_database()
