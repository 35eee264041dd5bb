"""Search that ranks alike on SQLite and PostgreSQL (``website.search``).

SQLite only: the FTS5 table that search ranks with bm25 (one row per live revision,
keyed by the revision's id; the porter stemmer, like PostgreSQL's English
configuration) and a trigger that removes a revision's row when the revision is
deleted (a draft, or every row in ``manage.py flush``), so the table never keeps a
row for a revision that is gone. A later migration that rebuilds the revision table
on SQLite must create the trigger again.

Then, on either database, the existing data is brought in line: submitted revisions
get their names split into the article's own and related names (``names_text``; the
search columns are not guarded) and every live revision is indexed, which on SQLite
fills the new table and on PostgreSQL stores vectors with the new weights.
"""

from django.db import migrations

from medinfo.searchtext import names_text
from website.search import SQLITE_TABLE, index_revisions

FORWARD = [
    f"CREATE VIRTUAL TABLE IF NOT EXISTS {SQLITE_TABLE} USING fts5("
    "title, names, related_names, lead, body, "
    "tokenize = 'porter unicode61 remove_diacritics 2')",
    f"CREATE TRIGGER IF NOT EXISTS {SQLITE_TABLE}_forget AFTER DELETE ON medinfo_articlerevision BEGIN DELETE FROM {SQLITE_TABLE} WHERE rowid = OLD.id; END",  # noqa: S608  # nosec B608
]
BACKWARD = [
    f"DROP TRIGGER IF EXISTS {SQLITE_TABLE}_forget",
    f"DROP TABLE IF EXISTS {SQLITE_TABLE}",
]


def run_on_sqlite(statements):
    def operation(apps, schema_editor):
        if schema_editor.connection.vendor != "sqlite":
            return
        for statement in statements:
            schema_editor.execute(statement)

    return operation


def reindex_live_revisions(apps, schema_editor):
    revision_model = apps.get_model("medinfo", "ArticleRevision")
    article_model = apps.get_model("medinfo", "Article")
    using = schema_editor.connection.alias
    submitted = list(revision_model.objects.using(using).exclude(status="draft").only("facts"))
    for revision in submitted:
        revision.search_names = names_text(revision.facts)
    revision_model.objects.using(using).bulk_update(submitted, ["search_names"], batch_size=500)
    live = article_model.objects.using(using).filter(live_revision__isnull=False)
    index_revisions(revision_model.objects.using(using).filter(pk__in=live.values("live_revision")))


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0010_backfill_bylines")]

    operations = [
        migrations.RunPython(run_on_sqlite(FORWARD), run_on_sqlite(BACKWARD)),
        migrations.RunPython(reindex_live_revisions, migrations.RunPython.noop),
    ]
