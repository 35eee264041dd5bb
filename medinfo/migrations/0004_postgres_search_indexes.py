"""PostgreSQL-only search machinery: pg_trgm, the GIN index on live search vectors,
and a trigram index for “did you mean”. SQLite has neither and needs neither."""

from django.db import migrations

FORWARD = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS revision_search_vector_gin"
    " ON medinfo_articlerevision USING gin (search_vector)"
    " WHERE status = 'approved'",
    "CREATE INDEX IF NOT EXISTS publicname_sort_name_trgm"
    " ON medinfo_publicname USING gin (sort_name gin_trgm_ops)",
]
BACKWARD = [
    "DROP INDEX IF EXISTS publicname_sort_name_trgm",
    "DROP INDEX IF EXISTS revision_search_vector_gin",
]


def run(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0003_search_and_public_names")]

    operations = [migrations.RunPython(run(FORWARD), run(BACKWARD))]
