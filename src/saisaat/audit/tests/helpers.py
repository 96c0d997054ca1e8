from django.db import connection

GUARDED = ("audit_entry", "audit_chainhead", "audit_publishedhead")


def tamper(sql: str, params=()) -> None:
    """Change the log behind the model's back, as someone who owns the database might
    (on PostgreSQL, by switching the guarding triggers off first)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for table in GUARDED:
                cursor.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            for table in GUARDED:
                cursor.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
