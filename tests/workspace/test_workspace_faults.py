"""Nothing lost under concurrency and faults: transactions, conflicts, a killed process, backups."""

from __future__ import annotations

import gzip
import json
import os
import signal
import subprocess
import sys
import textwrap
import threading
from pathlib import Path

import pytest
from sqlalchemy import text

from cloudfit.cli import main
from cloudfit.workspace.audit import entries
from cloudfit.workspace.backup import export_workspace, import_workspace
from cloudfit.workspace.errors import ConflictError, DatabaseUnavailable, WorkspaceError
from cloudfit.workspace.portfolio import assess_workspace
from cloudfit.workspace.reviews import override
from cloudfit.workspace.store import open_workspace
from cloudfit.workspace.submissions import listing, reject, submit

from .conftest import ADMIN, AGENCY_A, AGENCY_B

ROOT = Path(__file__).resolve().parents[2]


def _race(calls) -> list[object]:
    """Run the calls at the same moment in threads; each result or the exception it raised."""
    barrier = threading.Barrier(len(calls))
    results: list[object] = [None] * len(calls)

    def run(i, call):
        barrier.wait()
        try:
            results[i] = call()
        except Exception as error:  # collected and checked by the test
            results[i] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    return results


def test_two_simultaneous_submissions_both_succeed_or_one_gets_a_clear_conflict(workspace, files):
    results = _race([lambda: submit(workspace, files["a"], AGENCY_A, ADMIN)] * 2)
    saved = [r for r in results if isinstance(r, dict)]
    conflicts = [r for r in results if isinstance(r, ConflictError)]
    assert len(saved) + len(conflicts) == 2 and saved
    assert all("nothing of yours was saved" in str(c) for c in conflicts)
    versions = listing(workspace, ADMIN)["agencies"][0]["submissions"]
    assert sorted(v["version"] for v in versions) == sorted(r["version"] for r in saved)
    assert len([e for e in entries(workspace, ADMIN) if e["action"] == "submit"]) == len(saved)


def test_two_simultaneous_overrides_of_one_field_leave_one_in_force(workspace, files):
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    results = _race(
        [
            lambda: override(workspace, "MOF-1", "wave", "8", "first reviewer", ADMIN),
            lambda: override(workspace, "MOF-1", "wave", "9", "second reviewer", ADMIN),
        ]
    )
    assert all(isinstance(r, dict | ConflictError) for r in results), results
    saved = [r for r in results if isinstance(r, dict)]
    in_force = assess_workspace(workspace, ADMIN).decisions.overrides
    assert len(in_force) == 1 and in_force["final"].iloc[0] in {r["final"] for r in saved}
    assert len([e for e in entries(workspace, ADMIN) if e["action"] == "override"]) == len(saved)


KILLED_SUBMIT = """
import os, sys, time
from cloudfit.workspace import store, submissions
from cloudfit.workspace.access import Principal

real_audit = submissions.audit

def audit_then_hang(*args, **kwargs):  # the version and its rows are written, the commit is not
    real_audit(*args, **kwargs)
    args[0].flush()
    print("inside", flush=True)
    time.sleep(600)

submissions.audit = audit_then_hang
workspace = store.open_workspace(sys.argv[1])
submissions.submit(workspace, sys.argv[2], "Bộ Tài chính", Principal("admin", "admin"))
"""


def test_a_process_killed_in_the_middle_of_a_submission_leaves_no_half_version(workspace, files, db_url):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    child = subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(KILLED_SUBMIT), db_url, str(files["b"])],
        stdout=subprocess.PIPE,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    try:
        assert child.stdout.readline().strip() == b"inside"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait(30)
    reopened = open_workspace(db_url)
    assert [a["name"] for a in listing(reopened, ADMIN)["agencies"]] == [AGENCY_A]
    with reopened.reading() as session:
        assert session.execute(text("SELECT COUNT(*) FROM submission_apps")).scalar() == 2
    assert [e["action"] for e in entries(reopened, ADMIN)] == ["submit"]
    # the workspace takes the next submission as if nothing happened
    assert submit(reopened, files["b"], AGENCY_B, ADMIN)["version"] == 1
    reopened.close()


def test_the_audit_log_refuses_changes_and_deletions(workspace, files):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    for statement in ("UPDATE audit_log SET user = 'someone else'", "DELETE FROM audit_log"):
        with pytest.raises(WorkspaceError), workspace.transaction() as session:
            session.execute(text(statement))
    assert [e["user"] for e in entries(workspace, ADMIN)] == ["admin"]


def test_export_and_import_restore_the_whole_workspace(workspace, files, another_db, tmp_path):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    submit(workspace, files["b"], AGENCY_B, ADMIN)
    override(workspace, "MOF-1", "wave", "8", "Tax season", ADMIN)
    backup = tmp_path / "workspace.backup"
    counts = export_workspace(workspace, backup, ADMIN)
    assert counts["submissions"] == 2 and counts["overrides"] == 1
    restored = open_workspace(another_db)
    import_workspace(restored, backup, ADMIN)
    assert listing(restored, ADMIN) == listing(workspace, ADMIN)
    before = assess_workspace(workspace, ADMIN)
    after = assess_workspace(restored, ADMIN)
    assert after.results["app_id"].tolist() == before.results["app_id"].tolist()
    assert after.decisions.overrides.equals(before.decisions.overrides)
    # the export is logged once the file is written, so the backup ends before it
    assert [e["action"] for e in entries(workspace, ADMIN)][-1] == "export"
    assert [e["action"] for e in entries(restored, ADMIN)] == ["submit", "submit", "override", "import"]
    # new rows get fresh ids after the restore (PostgreSQL sequences moved on)
    override(restored, "MOF-2", "wave", "3", "After restore", ADMIN)
    with pytest.raises(WorkspaceError, match="not empty"):
        import_workspace(restored, backup, ADMIN)
    restored.close()


def test_a_backup_of_the_first_schema_revision_restores_and_keeps_a_rejection_after(
    workspace, files, another_db, tmp_path
):
    submit(workspace, files["a"], AGENCY_A, ADMIN)
    backup = tmp_path / "workspace.backup"
    export_workspace(workspace, backup, ADMIN)
    document = json.loads(gzip.decompress(backup.read_bytes()))
    assert document["revision"] == "0002"
    document["revision"] = "0001"  # as written before submissions could be rejected
    for row in document["tables"]["submissions"]:
        for column in ("decided_by", "decided_at", "decision_reason"):
            del row[column]
    backup.write_bytes(gzip.compress(json.dumps(document).encode()))
    restored = open_workspace(another_db)
    import_workspace(restored, backup, ADMIN)
    (version,) = listing(restored, ADMIN)["agencies"][0]["submissions"]
    assert (version["status"], version["rejection"]) == ("accepted", None)
    assert reject(restored, AGENCY_A, 1, "Restored, then sent back", ADMIN)["status"] == "rejected"
    restored.close()


def test_a_database_that_cannot_be_reached_gives_one_clear_error(tmp_path, capsys):
    with pytest.raises(DatabaseUnavailable, match=r"folder .* does not exist"):
        open_workspace(f"sqlite:///{tmp_path / 'missing' / 'w.db'}")
    with pytest.raises(DatabaseUnavailable, match=r"Cannot open the workspace database .*127\.0\.0\.1:1/"):
        open_workspace("postgresql://cloudfit:secret@127.0.0.1:1/cloudfit")
    assert main(["workspace", "list", "--db", "postgresql://cloudfit:secret@127.0.0.1:1/x"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("cloudfit: Cannot open the workspace database") and "secret" not in err
    assert len(err.strip().splitlines()) == 1
    not_sqlite = tmp_path / "text.db"
    not_sqlite.write_text("this is not a database file " * 100)
    with pytest.raises(DatabaseUnavailable, match="Cannot open"):
        open_workspace(f"sqlite:///{not_sqlite}")
