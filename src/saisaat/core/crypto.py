"""Personal data encrypted at rest, and keyed digests to find it again.

Values are encrypted with the Fernet keys in ``SAISAAT_FIELD_KEYS`` (comma-separated): the
first key encrypts, every key decrypts (``MultiFernet``). Rotating a key is: put the new
key first, run ``manage.py rotate_field_keys``, then drop the old key. With no key set, a
key derived from ``SECRET_KEY`` is used, and with DEBUG off the ``saisaat.W001`` system
check warns (so that ``make serve`` still starts with SECRET_KEY and ALLOWED_HOSTS alone).

A stored value is ``enc1:`` followed by the Fernet token, so a migration or the rotation
can tell an encrypted value from a plain one. Encrypted columns cannot be searched: a
value that must be found (a complainant's e-mail or telephone) also gets a ``digest``
column (an HMAC of the normalised value, keyed by ``SAISAAT_DIGEST_KEY`` or else by the
first field key); ``rotate_field_keys`` recomputes those too.
"""

import base64
import hashlib
import hmac
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core import checks
from django.core.exceptions import ImproperlyConfigured
from django.db import models

PREFIX = "enc1:"


class FieldKeyError(ImproperlyConfigured):
    """No key decrypts a stored value: the wrong ``SAISAAT_FIELD_KEYS``."""


def derived_key() -> str:
    """The key derived from ``SECRET_KEY``: it encrypts only while no key of its own is
    set (the system check warns then), and stays last in the list so that what it
    encrypted is still read after ``SAISAAT_FIELD_KEYS`` is set, until
    ``rotate_field_keys`` moves it to the new key."""
    derived = hashlib.sha256(b"saisaat-field-key:" + settings.SECRET_KEY.encode()).digest()
    return base64.urlsafe_b64encode(derived).decode()


def configured_keys() -> list[str]:
    keys = list(getattr(settings, "SAISAAT_FIELD_KEYS", []) or [])
    derived = derived_key()
    return keys if derived in keys else [*keys, derived]


@lru_cache(maxsize=4)
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "SAISAAT_FIELD_KEYS must be set when DEBUG is off "
            "(ต้องกำหนด SAISAAT_FIELD_KEYS เมื่อปิด DEBUG)"
        )
    try:
        return MultiFernet([Fernet(key.encode()) for key in keys])
    except (ValueError, TypeError) as error:
        raise ImproperlyConfigured(
            "SAISAAT_FIELD_KEYS holds a value that is not a Fernet key "
            "(SAISAAT_FIELD_KEYS มีค่าที่ไม่ใช่กุญแจ Fernet)"
        ) from error


def fernet() -> MultiFernet:
    return _fernet(tuple(configured_keys()))


def is_encrypted(value) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(value: str) -> str:
    """Every non-empty string is encrypted, one that starts with ``enc1:`` too: a value a
    person typed is never taken for an encrypted one (only the data migration and the
    rotation ask ``is_encrypted`` of what is stored)."""
    if value in (None, ""):
        return value
    return PREFIX + fernet().encrypt(str(value).encode()).decode()


def decrypt(value: str) -> str:
    if not is_encrypted(value):
        return value
    try:
        return fernet().decrypt(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        raise FieldKeyError(
            "No key in SAISAAT_FIELD_KEYS decrypts a stored personal-data value: the keys "
            "are wrong or the key that encrypted it was dropped before rotate_field_keys "
            "ran (ไม่มีกุญแจใน SAISAAT_FIELD_KEYS ที่ถอดรหัสข้อมูลส่วนบุคคลที่เก็บไว้ได้)"
        ) from None


def rotate(value: str) -> str:
    """The value encrypted again with the first key (a plain value is encrypted)."""
    if value in (None, ""):
        return value
    if not is_encrypted(value):
        return encrypt(value)
    try:
        return PREFIX + fernet().rotate(value[len(PREFIX) :].encode()).decode()
    except InvalidToken:
        decrypt(value)  # raises the clear error
        raise


def digest_key() -> bytes:
    """The key of the digests: ``SAISAAT_DIGEST_KEY`` when set, else derived from the first
    field key. Never ``SECRET_KEY``: whoever learns it (it signs cookies and is often
    shared more widely) could otherwise try every Thai mobile number against a stolen
    table. Changing it changes every digest: run ``rotate_field_keys`` afterwards."""
    material = getattr(settings, "SAISAAT_DIGEST_KEY", "") or ""
    if not material:
        keys = configured_keys()
        if not keys:
            _fernet(())  # raises the clear error
        material = keys[0]
    return hashlib.sha256(b"saisaat-personal-digest:" + material.encode()).digest()


def digest(kind: str, value: str) -> str:
    """A keyed hash of a normalised value, to find a row by it without storing it in the
    clear (keyed by ``digest_key``)."""
    normalised = normalise(kind, value)
    if not normalised:
        return ""
    return hmac.new(digest_key(), f"{kind}:{normalised}".encode(), hashlib.sha256).hexdigest()


def normalise(kind: str, value: str) -> str:
    value = (value or "").strip()
    if kind == "phone":
        digits = "".join(ch for ch in value if ch.isdigit())
        # +66 8x... and 08x... are the same Thai number.
        if digits.startswith("66") and len(digits) > 9:
            digits = "0" + digits[2:]
        return digits
    return value.lower()


class EncryptedTextField(models.TextField):
    """Text encrypted before it is saved and decrypted when it is loaded. Lookups other
    than emptiness are meaningless on it: search a ``digest`` column instead."""

    description = "Text encrypted at rest"

    def from_db_value(self, value, expression, connection):
        return decrypt(value)

    def to_python(self, value):
        # A value in Python is always the plain text (``from_db_value`` decrypted it):
        # never decrypted again, so typed text that looks encrypted stays text.
        return value if value is None else str(value)

    def get_prep_value(self, value):
        # Not ``super().get_prep_value``: that calls ``to_python``; nothing is decrypted here.
        if value is None:
            return None
        return encrypt(str(value))


@checks.register(checks.Tags.security, deploy=False)
def check_field_keys(app_configs=None, **kwargs):
    warnings = []
    if not getattr(settings, "SAISAAT_FIELD_KEYS", None) and not settings.DEBUG:
        warnings.append(
            checks.Warning(
                "SAISAAT_FIELD_KEYS is not set: personal data is encrypted with a key derived "
                "from SECRET_KEY, so whoever holds SECRET_KEY and a copy of the database can "
                "read it. ไม่ได้กำหนด SAISAAT_FIELD_KEYS: ข้อมูลส่วนบุคคลถูกเข้ารหัสด้วยกุญแจที่ได้จาก "
                "SECRET_KEY ควรกำหนดกุญแจแยกต่างหาก",
                hint="Set SAISAAT_FIELD_KEYS to a Fernet key of its own (python -c 'from "
                "cryptography.fernet import Fernet; print(Fernet.generate_key().decode())'), "
                "then run manage.py rotate_field_keys.",
                id="saisaat.W001",
            )
        )
    try:
        fernet()
    except ImproperlyConfigured as error:
        return [checks.Error(str(error), id="saisaat.E002")]
    return warnings


@checks.register(checks.Tags.database)
def check_field_keys_decrypt(app_configs=None, databases=None, **kwargs):
    """A valid key that is not the one the data was encrypted with is found at the start
    (``migrate``, which ``make serve`` runs first, runs the database checks): one stored
    value of each encrypted column is decrypted."""
    from django.apps import apps
    from django.db import DatabaseError

    if not databases or not configured_keys():
        return []
    for alias in databases:
        for model in apps.get_models():
            for name in encrypted_fields(model):
                try:
                    list(
                        model._base_manager.using(alias)
                        .exclude(**{name: ""})
                        .exclude(**{f"{name}__isnull": True})
                        .values_list(name, flat=True)[:1]
                    )
                except FieldKeyError as error:
                    return [
                        checks.Error(
                            f"{model._meta.label}.{name}: {error}",
                            hint="Put the key that encrypted the data back into "
                            "SAISAAT_FIELD_KEYS (a new key first, then rotate_field_keys).",
                            id="saisaat.E003",
                        )
                    ]
                except DatabaseError:
                    break  # not migrated yet: nothing stored to try
    return []


def encrypted_fields(model) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if isinstance(f, EncryptedTextField)]


def rotate_all(*, batch: int = 500) -> dict[str, int]:
    """Every encrypted value loaded and saved again: encrypted with the first key of
    ``SAISAAT_FIELD_KEYS`` (and its digests recomputed by the model's ``save``). Returns
    the rows re-encrypted per model label. Rows are locked model by model."""
    from django.apps import apps
    from django.db import transaction

    from saisaat.audit import services as audit

    counts = {}
    for model in apps.get_models():
        fields = encrypted_fields(model)
        if not fields:
            continue
        with transaction.atomic():
            rows = model._base_manager.select_for_update().order_by("pk")
            count = 0
            for obj in rows.iterator(chunk_size=batch):
                obj.save(update_fields=fields)
                count += 1
            counts[model._meta.label] = count
            audit.record(
                audit.SYSTEM,
                "core.field_keys_rotated",
                (model._meta.label_lower, 0, str(model._meta.verbose_name_plural)),
                changes={"rows": [None, count]},
            )
    return counts
