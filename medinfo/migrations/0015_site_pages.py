"""Site pages (issue #12 item 7): About, Editorial policy … are articles of their own kind.

A site page has neither drug nor condition and lives at /<slug>/, one per slug. On
SQLite the new check constraint rebuilds the article table; the triggers of
``medinfo.guards`` and the search table sit on the revision table, so none is lost.
"""

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("conditions", "0004_name_keys_without_diacritics"),
        ("drugs", "0004_name_keys_without_diacritics"),
        ("medinfo", "0014_revision_references"),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name="article",
            name="article_has_the_subject_its_kind_needs",
        ),
        migrations.AlterField(
            model_name="article",
            name="kind",
            field=models.CharField(
                choices=[
                    ("overview", "overview"),
                    ("uses", "uses"),
                    ("side-effects", "side effects"),
                    ("dosage", "dosage"),
                    ("precautions", "precautions"),
                    ("symptoms", "symptoms"),
                    ("treatment", "treatment"),
                    ("general", "general"),
                    ("site-page", "site page"),
                ],
                help_text="e.g. “uses”; “site page” for a page about MedInfo itself, such as About, with neither drug nor condition.",
                max_length=20,
                verbose_name="kind",
            ),
        ),
        migrations.AlterField(
            model_name="article",
            name="slug",
            field=models.SlugField(
                help_text="Last URL part, e.g. “uses” in /drugs/milnacipran/uses/, or “about” for the site page /about/.",
                max_length=120,
                verbose_name="slug",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind__in", ["uses", "side-effects", "dosage", "precautions"]),
                        ("drug__isnull", False),
                    ),
                    models.Q(("kind__in", ["symptoms", "treatment"]), ("condition__isnull", False)),
                    models.Q(
                        ("kind__in", ["overview", "general"]),
                        models.Q(
                            ("drug__isnull", False), ("condition__isnull", False), _connector="OR"
                        ),
                    ),
                    models.Q(
                        ("kind", "site-page"), ("condition__isnull", True), ("drug__isnull", True)
                    ),
                    _connector="OR",
                ),
                name="article_has_the_subject_its_kind_needs",
                violation_error_message="Uses, side effects, dosage and precautions articles need a drug; symptoms and treatment articles need a condition; site pages need neither; others need either.",
            ),
        ),
        migrations.AddConstraint(
            model_name="article",
            constraint=models.UniqueConstraint(
                condition=models.Q(("kind", "site-page")),
                fields=("slug",),
                name="article_slug_unique_per_site_page",
                violation_error_message="Another site page already has this address.",
            ),
        ),
    ]
