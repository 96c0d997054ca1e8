"""The compiled Thai catalogue must say what the .po file says (the .mo is committed so
that a fresh machine needs no gettext tools)."""

import ast
import gettext
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale"


def read_po(path: Path) -> dict[str, str]:
    """msgid -> msgstr (msgstr[0] for plural entries); a small reader for our own files."""
    entries: dict[str, str] = {}
    current: dict[str, str] = {}
    key = None
    for line in path.read_text(encoding="utf-8").splitlines() + [""]:
        line = line.strip()
        if not line or line.startswith("#"):
            if "msgid" in current:
                entries[current["msgid"]] = current.get("msgstr", current.get("msgstr[0]", ""))
            current, key = ({}, None) if not line else (current, key)
            continue
        if line.startswith('"'):
            current[key] += ast.literal_eval(line)
            continue
        key, _, value = line.partition(" ")
        current[key] = ast.literal_eval(value)
    return entries


def test_it_has_every_thai_message_translated_and_compiled():
    po = read_po(LOCALE / "th" / "LC_MESSAGES" / "django.po")
    with open(LOCALE / "th" / "LC_MESSAGES" / "django.mo", "rb") as mo_file:
        catalogue = gettext.GNUTranslations(mo_file)
    messages = {msgid: msgstr for msgid, msgstr in po.items() if msgid}
    assert len(messages) > 100
    untranslated = [msgid for msgid, msgstr in messages.items() if not msgstr]
    assert untranslated == []
    stale = [msgid for msgid, msgstr in messages.items() if catalogue.gettext(msgid) != msgstr]
    assert stale == []


def test_it_reads_a_po_file(tmp_path):
    po = tmp_path / "django.po"
    po.write_text(
        'msgid ""\nmsgstr "Language: th\\n"\n\n#: x.py\nmsgid "Log in"\nmsgstr "เข้าสู่ระบบ"\n\n'
        'msgid "long"\nmsgstr ""\n"ยาว"\n"มาก"\n',
        encoding="utf-8",
    )
    assert read_po(po) == {"": "Language: th\n", "Log in": "เข้าสู่ระบบ", "long": "ยาวมาก"}
