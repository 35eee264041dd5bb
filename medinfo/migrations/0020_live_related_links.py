"""Live related-article links (#15): recorded at publication, filled here from live snapshots."""

import django.db.models.deletion
from django.db import migrations, models


def record_live_links(apps, schema_editor):
    # The stored JSON read as it is today: page settings (version 3 on) list related
    # articles by id; older snapshots list none, as the page showed none.
    article_model = apps.get_model("medinfo", "Article")
    link_model = apps.get_model("medinfo", "LiveRelatedLink")
    live = article_model.objects.filter(live_revision__isnull=False)
    rows = [
        link_model(article_id=pk, listed_article_id=listed)
        for pk, facts in live.values_list("pk", "live_revision__facts").iterator()
        for listed in sorted(
            {
                link["article_id"]
                for link in ((facts or {}).get("page") or {}).get("related_articles") or ()
            }
        )
    ]
    link_model.objects.bulk_create(rows, batch_size=2000)


class Migration(migrations.Migration):
    dependencies = [
        ("medinfo", "0019_article_autosave"),
    ]

    operations = [
        migrations.CreateModel(
            name="LiveRelatedLink",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "listed_article_id",
                    models.PositiveBigIntegerField(
                        help_text="The id of the article it links to, e.g. 42.",
                        verbose_name="listed article id",
                    ),
                ),
                (
                    "article",
                    models.ForeignKey(
                        help_text="The live article whose page lists the link.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="live_related_links",
                        to="medinfo.article",
                        verbose_name="article",
                    ),
                ),
            ],
            options={
                "verbose_name": "live related-article link",
                "verbose_name_plural": "live related-article links",
                "ordering": ["article", "listed_article_id"],
                "indexes": [
                    models.Index(fields=["listed_article_id"], name="liverelatedlink_listed")
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("article", "listed_article_id"), name="liverelatedlink_once"
                    )
                ],
            },
        ),
        migrations.RunPython(record_live_links, migrations.RunPython.noop),
    ]
