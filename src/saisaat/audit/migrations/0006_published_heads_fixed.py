"""On PostgreSQL, a published chain head is as fixed as an entry: UPDATE and DELETE of a
row are refused, and TRUNCATE too unless the session said ``SET saisaat.audit_flush =
'allow'`` (the test run flushing its throwaway database; see 0004)."""

from django.db import migrations

TRIGGERS = """
CREATE OR REPLACE FUNCTION audit_publishedhead_fixed() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'a published audit chain head cannot be changed or deleted';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_publishedhead_fixed
    BEFORE UPDATE OR DELETE ON audit_publishedhead
    FOR EACH ROW EXECUTE FUNCTION audit_publishedhead_fixed();
CREATE TRIGGER audit_publishedhead_no_truncate
    BEFORE TRUNCATE ON audit_publishedhead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_publishedhead_no_truncate ON audit_publishedhead;
DROP TRIGGER IF EXISTS audit_publishedhead_fixed ON audit_publishedhead;
DROP FUNCTION IF EXISTS audit_publishedhead_fixed();
"""


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0005_published_chain_heads")]

    operations = [migrations.RunPython(add_triggers, drop_triggers)]
