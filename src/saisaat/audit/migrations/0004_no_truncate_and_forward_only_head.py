"""On PostgreSQL, two more guards whatever the client:

* TRUNCATE of the entries (or of the chain head) is refused, as UPDATE and DELETE of an
  entry already are. A session that must empty the log on purpose (the test run flushing
  its throwaway database between transactional tests) says so first with
  ``SET saisaat.audit_flush = 'allow'``: a deliberate act, like disabling a trigger, that no
  ordinary query does by accident.
* The chain head can only move forward, and only to the last entry: an INSERT or UPDATE of
  the head row must name the highest entry's sequence and hash (the genesis values when
  there is no entry), an UPDATE must raise the sequence, and the row cannot be deleted. So
  the head cannot be wound back to hide a removed tail.

These stop accidents and casual raw SQL; the owner of the database can still disable a
trigger, which is why ``verify_audit`` walks the chain and offices write the head down.
"""

from django.db import migrations

TRIGGERS = """
CREATE OR REPLACE FUNCTION audit_no_truncate() RETURNS trigger AS $$
BEGIN
    IF current_setting('saisaat.audit_flush', true) = 'allow' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'audit entries are append-only: % cannot be truncated', TG_TABLE_NAME;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_entry_no_truncate
    BEFORE TRUNCATE ON audit_entry
    FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();
CREATE TRIGGER audit_chainhead_no_truncate
    BEFORE TRUNCATE ON audit_chainhead
    FOR EACH STATEMENT EXECUTE FUNCTION audit_no_truncate();

CREATE OR REPLACE FUNCTION audit_chainhead_forward_only() RETURNS trigger AS $$
DECLARE
    last_sequence bigint := 0;
    last_hash varchar(64) := repeat('0', 64);
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'the audit chain head cannot be deleted';
    END IF;
    SELECT sequence, hash INTO last_sequence, last_hash
        FROM audit_entry ORDER BY sequence DESC LIMIT 1;
    IF NOT FOUND THEN
        last_sequence := 0;
        last_hash := repeat('0', 64);
    END IF;
    IF TG_OP = 'UPDATE' AND NEW.sequence <= OLD.sequence THEN
        RAISE EXCEPTION 'the audit chain head only moves forward (from % to %)',
            OLD.sequence, NEW.sequence;
    END IF;
    IF NEW.sequence <> last_sequence OR NEW.hash <> last_hash THEN
        RAISE EXCEPTION 'the audit chain head must name the last entry (#%)', last_sequence;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER audit_chainhead_forward_only
    BEFORE INSERT OR UPDATE OR DELETE ON audit_chainhead
    FOR EACH ROW EXECUTE FUNCTION audit_chainhead_forward_only();
"""

DROP = """
DROP TRIGGER IF EXISTS audit_chainhead_forward_only ON audit_chainhead;
DROP FUNCTION IF EXISTS audit_chainhead_forward_only();
DROP TRIGGER IF EXISTS audit_chainhead_no_truncate ON audit_chainhead;
DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry;
DROP FUNCTION IF EXISTS audit_no_truncate();
"""


def add_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGERS, params=None)


def drop_triggers(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP, params=None)


class Migration(migrations.Migration):
    dependencies = [("audit", "0003_entry_chain_format_and_nonce")]

    operations = [migrations.RunPython(add_triggers, drop_triggers)]
