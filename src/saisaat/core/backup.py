"""Backups an office can restore: the database (SQLite's online backup, or pg_dump for
PostgreSQL) and every stored file, with a manifest of SHA-256 sums.

A backup is a folder::

    manifest.json        what is in it, written last: a folder without one is partial
    database.sqlite3     or database.pgdump (pg_dump's custom format)
    media/<stored name>  every file of the default storage (local disk or S3)

``restore`` checks every sum before it touches anything, then fills an empty installation.
"""

import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = "saisaat-backup"
VERSION = 1
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be made or restored; the message says why, in Thai and English."""


def engine() -> str:
    return "postgresql" if connection.vendor == "postgresql" else "sqlite"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(CHUNK):
            digest.update(chunk)
    return digest.hexdigest()


def stored_names(storage=default_storage, folder: str = ""):
    """Every file in the storage, by its stored name."""
    try:
        folders, files = storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from stored_names(storage, f"{folder}/{sub}" if folder else sub)


# ------------------------------------------------------------------------------- PostgreSQL


def _pg_environment() -> dict[str, str]:
    db = settings.DATABASES["default"]
    env = dict(os.environ)
    for key, variable in (
        ("HOST", "PGHOST"),
        ("PORT", "PGPORT"),
        ("USER", "PGUSER"),
        ("PASSWORD", "PGPASSWORD"),
        ("NAME", "PGDATABASE"),
    ):
        if db.get(key):
            env[variable] = str(db[key])
    return env


def _check_pg_tool(tool: str) -> None:
    """pg_dump refuses servers newer than itself, and pg_restore archives from one."""
    executable = shutil.which(tool)
    if not executable:
        raise BackupError(
            f"ไม่พบโปรแกรม {tool} (ติดตั้งแพ็กเกจ postgresql-client) / "
            f"{tool} is not installed (the postgresql-client package)"
        )
    output = subprocess.run([executable, "--version"], capture_output=True, text=True).stdout
    match = re.search(r"(\d+)(?:\.\d+)?", output)
    connection.ensure_connection()
    server_major = connection.pg_version // 10000
    if not match or int(match.group(1)) < server_major:
        raise BackupError(
            f"{tool} รุ่นเก่ากว่าเซิร์ฟเวอร์ PostgreSQL {server_major} / "
            f"{tool} ({output.strip()}) is older than the PostgreSQL {server_major} server; "
            f"install a postgresql-client of version {server_major} or later"
        )


def _run(command: list[str]) -> None:
    result = subprocess.run(command, env=_pg_environment(), capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{command[0]} failed: {result.stderr.strip()[-2000:]}")


# ----------------------------------------------------------------------------------- backup


def make_backup(out: Path) -> dict:
    """Write a backup folder at ``out`` (which must not exist, or be empty)."""
    out = Path(out)
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise BackupError(
            f"มี {out} อยู่แล้วและไม่ว่าง / {out} already exists and is not an empty folder"
        )
    out.mkdir(parents=True, exist_ok=True)

    kind = engine()
    if kind == "sqlite":
        database_file = out / "database.sqlite3"
        connection.ensure_connection()
        target = sqlite3.connect(database_file)
        try:
            # The online backup API copies a consistent snapshot while the site keeps serving.
            connection.connection.backup(target)
        finally:
            target.close()
    else:
        _check_pg_tool("pg_dump")
        database_file = out / "database.pgdump"
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={database_file}",
            ]
        )

    media = []
    for name in stored_names():
        target = out / "media" / name
        target.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        size = 0
        with default_storage.open(name, "rb") as source, open(target, "wb") as copy:
            while chunk := source.read(CHUNK):
                digest.update(chunk)
                size += len(chunk)
                copy.write(chunk)
        media.append({"name": name, "size": size, "sha256": digest.hexdigest()})

    manifest = {
        "format": FORMAT,
        "version": VERSION,
        "created": timezone.now().isoformat(),
        "engine": kind,
        "database": {
            "file": database_file.name,
            "size": database_file.stat().st_size,
            "sha256": sha256_of(database_file),
        },
        "media": media,
    }
    # Written last, through a temporary name: a backup cut short has no manifest.
    partial = out / "manifest.json.partial"
    partial.write_text(json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8")
    partial.rename(out / "manifest.json")
    return manifest


# ---------------------------------------------------------------------------------- restore


def _is_plain_media_name(name) -> bool:
    """A stored file's name as the storage API writes it: relative, forward slashes, no
    empty, "." or ".." part. Anything else could only come from a crafted manifest."""
    if not isinstance(name, str) or not name or name.startswith("/") or "\\" in name:
        return False
    return all(part not in ("", ".", "..") for part in name.split("/"))


def read_verified_manifest(path: Path) -> dict:
    """The manifest, after every file it names has been checked; BackupError otherwise."""
    path = Path(path)
    manifest_file = path / "manifest.json"
    if not manifest_file.is_file():
        raise BackupError(
            f"{path} ไม่ใช่ข้อมูลสำรองที่สมบูรณ์ (ไม่มี manifest.json) / "
            f"{path} is not a complete Saisaat backup (no manifest.json)"
        )
    try:
        manifest = json.loads(manifest_file.read_text(encoding="utf-8"))
        entries = [manifest["database"], *manifest["media"]]
        if manifest["format"] != FORMAT or manifest["engine"] not in ("sqlite", "postgresql"):
            raise ValueError
    except (ValueError, KeyError, TypeError):
        raise BackupError(
            f"manifest.json ใน {path} เสียหาย / the manifest.json in {path} is damaged"
        ) from None
    if manifest["version"] > VERSION:
        raise BackupError(
            f"ข้อมูลสำรองรุ่นใหม่กว่าระบบนี้ / the backup's format {manifest['version']} "
            f"is newer than this version of Saisaat reads ({VERSION})"
        )
    problems = []
    for entry in entries:
        name = entry.get("file") or f"media/{entry['name']}"
        file = (path / name).resolve()
        if "file" not in entry and not _is_plain_media_name(entry["name"]):
            problems.append(f"{name}: not a plain stored-file name")
        elif not file.is_relative_to(path.resolve()):
            problems.append(f"{name}: outside the backup")
        elif not file.is_file():
            problems.append(f"{name}: missing")
        elif file.stat().st_size != entry["size"] or sha256_of(file) != entry["sha256"]:
            problems.append(f"{name}: damaged (size or SHA-256 differs from the manifest)")
    if problems:
        raise BackupError(
            "ข้อมูลสำรองเสียหายหรือไม่ครบ ไม่ได้กู้คืนสิ่งใด / the backup is damaged or "
            "incomplete; nothing was restored:\n  " + "\n  ".join(problems[:20])
        )
    if manifest["engine"] != engine():
        raise BackupError(
            f"ข้อมูลสำรองมาจาก {manifest['engine']} แต่ระบบนี้ใช้ {engine()} / the backup "
            f"is of a {manifest['engine']} database but this installation uses {engine()}"
        )
    return manifest


def installation_contents() -> list[str]:
    """What an installation already holds: empty means no user and no stored file."""
    found = []
    tables = connection.introspection.table_names()
    if "orgs_user" in tables:
        with connection.cursor() as cursor:
            cursor.execute("SELECT COUNT(*) FROM orgs_user")
            users = cursor.fetchone()[0]
        if users:
            found.append(f"{users} users")
    files = sum(1 for _ in stored_names())
    if files:
        found.append(f"{files} stored files")
    return found


def restore_backup(path: Path, *, force: bool = False) -> dict:
    path = Path(path)
    manifest = read_verified_manifest(path)
    contents = installation_contents()
    if contents and not force:
        raise BackupError(
            "ระบบนี้มีข้อมูลอยู่แล้ว การกู้คืนจะเขียนทับ ใช้ --force หากตั้งใจ / this "
            f"installation is not empty ({', '.join(contents)}); restoring replaces it, "
            "so pass --force if that is what you want"
        )

    database_file = path / manifest["database"]["file"]
    if manifest["engine"] == "sqlite":
        source = sqlite3.connect(f"file:{database_file}?mode=ro", uri=True)
        try:
            if source.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                raise BackupError("the backup's SQLite database fails its integrity check")
            connection.ensure_connection()
            source.backup(connection.connection)
        finally:
            source.close()
        connection.close()
    else:
        _check_pg_tool("pg_restore")
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
        connection.close()
        _run(
            [
                "pg_restore",
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                "--single-transaction",
                f"--dbname={_pg_environment()['PGDATABASE']}",
                str(database_file),
            ]
        )

    for entry in manifest["media"]:
        name = entry["name"]
        if default_storage.exists(name):
            default_storage.delete(name)
        with open(path / "media" / name, "rb") as handle:
            saved = default_storage.save(name, File(handle))
        if saved != name:
            raise BackupError(f"the storage stored {name} as {saved}")
    return manifest


# ------------------------------------------------------------------------------ comparison


def table_fingerprints() -> dict[str, list]:
    """Each table's row count and a SHA-256 over its rows in a fixed order, to show that a
    restored database holds exactly what was backed up."""
    result = {}
    with connection.cursor() as cursor:
        for table in sorted(connection.introspection.table_names()):
            quoted = connection.ops.quote_name(table)
            cursor.execute(f"SELECT * FROM {quoted}")
            rows = sorted(
                repr(tuple(bytes(v) if isinstance(v, memoryview) else v for v in row))
                for row in cursor.fetchall()
            )
            digest = hashlib.sha256("\n".join(rows).encode()).hexdigest()
            result[table] = [len(rows), digest]
    return result
