"""`manage.py backup` and `manage.py restore`: a round trip through a backup loses nothing
(every row of every table, every stored file byte for byte), and a damaged, partial or
misdirected restore is refused before it touches anything. Each installation is a real
one, in its own folder (and, on PostgreSQL, its own database), driven through manage.py."""

import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import dj_database_url
import pytest

MANAGE = Path(__file__).resolve().parents[4] / "manage.py"
FINGERPRINTS = (
    "import json; from saisaat.core.backup import table_fingerprints; "
    "print(json.dumps(table_fingerprints()))"
)


class Installation:
    def __init__(self, folder: Path, database_url: str = ""):
        self.folder = folder
        self.media = folder / "media"
        self.env = {
            key: value
            for key, value in os.environ.items()
            if key not in ("DATABASE_URL", "MEDIA_ROOT", "SECRET_KEY")
        }
        self.env.update(
            DEBUG="false",
            SECRET_KEY="backup-test-not-secret",
            SAISAAT_DATA_DIR=str(folder),
            MEDIA_ROOT=str(self.media),
            SAISAAT_CACHE="database",
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url

    def manage(self, *args, check=True) -> subprocess.CompletedProcess:
        result = subprocess.run(
            [sys.executable, str(MANAGE), *args],
            env=self.env,
            capture_output=True,
            text=True,
            timeout=600,
            cwd=self.folder,
        )
        if check and result.returncode != 0:
            pytest.fail(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
        return result

    def fingerprints(self) -> dict:
        return json.loads(self.manage("shell", "-c", FINGERPRINTS).stdout.strip().splitlines()[-1])

    def files(self) -> dict[str, bytes]:
        if not self.media.exists():
            return {}
        return {
            str(path.relative_to(self.media)): path.read_bytes()
            for path in sorted(self.media.rglob("*"))
            if path.is_file()
        }


def add_awkward_file(installation: Installation) -> None:
    """A binary file with a Thai name in a nested folder, through the storage API."""
    installation.manage(
        "shell",
        "-c",
        "from django.core.files.base import ContentFile; "
        "from django.core.files.storage import default_storage; "
        "default_storage.save('evidence/ทดสอบ/ภาพ ถ่าย.bin', ContentFile(bytes(range(256)) * 9))",
    )


def round_trip(tmp: Path, source_url: str = "", target_url: str = ""):
    source = Installation(tmp / "source", source_url)
    source.folder.mkdir()
    source.manage("migrate", "--noinput", "-v", "0")
    source.manage("seed_demo")
    add_awkward_file(source)
    backup = tmp / "backup"
    made = source.manage("backup", "--out", str(backup))
    assert "Backed up" in made.stdout

    target = Installation(tmp / "target", target_url)
    target.folder.mkdir()
    restored = target.manage("restore", str(backup))
    assert "Restored" in restored.stdout, restored.stderr
    return source, target, backup


def assert_nothing_lost(source: Installation, target: Installation) -> None:
    before, after = source.fingerprints(), target.fingerprints()
    assert set(after) == set(before)
    assert after == before
    # The seeded installation is not trivially empty: people, plans, assignments, evidence.
    for table in ("orgs_user", "plans_activity", "tracking_assignment", "tracking_evidenceitem"):
        assert before[table][0] > 0, table
    files = source.files()
    assert len(files) >= 2 and "evidence/ทดสอบ/ภาพ ถ่าย.bin" in files
    assert target.files() == files


@pytest.fixture(scope="module")
def sqlite_round_trip():
    with tempfile.TemporaryDirectory(prefix="saisaat-backup-") as tmp:
        yield (*round_trip(Path(tmp)), Path(tmp))


def test_it_restores_every_row_and_every_file_on_sqlite(sqlite_round_trip):
    source, target, backup, _ = sqlite_round_trip
    assert_nothing_lost(source, target)
    manifest = json.loads((backup / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["engine"] == "sqlite"
    assert len(manifest["media"]) == len(source.files())


def test_it_refuses_to_restore_over_an_installation_that_has_data(sqlite_round_trip):
    source, _, backup, _ = sqlite_round_trip
    refused = source.manage("restore", str(backup), check=False)
    assert refused.returncode != 0
    assert "is not empty" in refused.stderr and "--force" in refused.stderr


def test_it_refuses_a_damaged_backup_and_restores_nothing(sqlite_round_trip):
    _, _, backup, tmp = sqlite_round_trip
    damaged = tmp / "damaged"
    shutil.copytree(backup, damaged)
    victim = next(path for path in (damaged / "media").rglob("*") if path.is_file())
    data = bytearray(victim.read_bytes())
    data[len(data) // 2] ^= 0x01
    victim.write_bytes(bytes(data))

    fresh = Installation(tmp / "fresh-damaged")
    fresh.folder.mkdir()
    refused = fresh.manage("restore", str(damaged), check=False)
    assert refused.returncode != 0
    assert "damaged or incomplete" in refused.stderr
    assert str(victim.relative_to(damaged)) in refused.stderr
    assert fresh.files() == {}
    assert "orgs_user" not in fresh.fingerprints()


def test_it_refuses_a_partial_backup(sqlite_round_trip):
    _, _, backup, tmp = sqlite_round_trip
    partial = tmp / "partial"
    shutil.copytree(backup, partial)
    (partial / "database.sqlite3").unlink()
    fresh = Installation(tmp / "fresh-partial")
    fresh.folder.mkdir()
    refused = fresh.manage("restore", str(partial), check=False)
    assert "database.sqlite3: missing" in refused.stderr

    (partial / "manifest.json").unlink()
    refused = fresh.manage("restore", str(partial), check=False)
    assert refused.returncode != 0
    assert "no manifest.json" in refused.stderr


def test_it_will_not_write_a_backup_over_an_existing_one(sqlite_round_trip):
    source, _, backup, _ = sqlite_round_trip
    refused = source.manage("backup", "--out", str(backup), check=False)
    assert refused.returncode != 0
    assert "already exists" in refused.stderr


POSTGRES_URL = os.environ.get("DATABASE_URL", "")


@pytest.mark.skipif(
    not POSTGRES_URL.startswith(("postgres://", "postgresql://")),
    reason="DATABASE_URL is not PostgreSQL",
)
def test_it_restores_every_row_and_every_file_on_postgresql():
    import psycopg

    config = dj_database_url.parse(POSTGRES_URL)
    server = POSTGRES_URL.rsplit("/", 1)[0]
    names = [f"{config['NAME']}_backup_source", f"{config['NAME']}_backup_target"]

    def admin(statement):
        with psycopg.connect(f"{server}/postgres", autocommit=True) as conn:
            conn.execute(statement)

    for name in names:
        admin(f'DROP DATABASE IF EXISTS "{name}"')
        admin(f'CREATE DATABASE "{name}"')
    try:
        with tempfile.TemporaryDirectory(prefix="saisaat-backup-pg-") as tmp:
            (
                source,
                target,
                backup,
            ) = round_trip(Path(tmp), f"{server}/{names[0]}", f"{server}/{names[1]}")
            assert (backup / "database.pgdump").is_file()
            assert_nothing_lost(source, target)
    finally:
        for name in names:
            admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_it_refuses_a_manifest_naming_a_file_outside_the_stored_files(sqlite_round_trip):
    """A crafted manifest whose stored-file name climbs out of media/ (here onto the
    database copy, which exists and matches) is refused before anything is restored."""
    _, _, backup, tmp = sqlite_round_trip
    crafted = tmp / "crafted"
    shutil.copytree(backup, crafted)
    manifest = json.loads((crafted / "manifest.json").read_text(encoding="utf-8"))
    database = manifest["database"]
    manifest["media"].append(
        {"name": f"../{database['file']}", "size": database["size"], "sha256": database["sha256"]}
    )
    (crafted / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    fresh = Installation(tmp / "fresh-crafted")
    fresh.folder.mkdir()
    refused = fresh.manage("restore", str(crafted), check=False)
    assert refused.returncode != 0
    assert "not a plain stored-file name" in refused.stderr
    assert "orgs_user" not in fresh.fingerprints()
