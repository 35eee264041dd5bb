"""Scheduled go-lives and expiries (issue #13 item 4); review events MedInfo records itself.

The review log's ``actor`` may now be empty: a go-live or expiry applied on its
schedule is done by nobody at that moment. Making the column nullable rebuilds the
review-event table on SQLite, which drops its guard triggers (migration 0009,
``medinfo.guards``); they are installed again afterwards, and again after the
reverse rebuild. On PostgreSQL the column is altered in place and nothing is lost.
The new states only add choices, which change no column.
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from medinfo.guards import install_guards_operation


class Migration(migrations.Migration):
    dependencies = [
        ("medinfo", "0015_site_pages"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        # Reversed last: the guards come back after the reverse rebuild.
        migrations.RunPython(migrations.RunPython.noop, install_guards_operation),
        migrations.AlterField(
            model_name="reviewevent",
            name="actor",
            field=models.ForeignKey(
                blank=True,
                help_text="Empty when MedInfo acted on a schedule (a go-live or an expiry).",
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="who",
            ),
        ),
        migrations.RunPython(install_guards_operation, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="reviewevent",
            name="from_state",
            field=models.CharField(
                blank=True,
                choices=[
                    ("", "—"),
                    ("draft", "draft"),
                    ("in_review", "in review"),
                    ("changes_requested", "changes requested"),
                    ("approved", "approved (live)"),
                    ("unpublished", "unpublished"),
                    ("scheduled", "approved, scheduled to go live"),
                    ("go_live_cancelled", "scheduled go-live cancelled"),
                    ("expiry_set", "expiry set"),
                    ("expiry_removed", "expiry removed"),
                    ("expired", "expired (unpublished)"),
                ],
                max_length=20,
                verbose_name="from",
            ),
        ),
        migrations.AlterField(
            model_name="reviewevent",
            name="to_state",
            field=models.CharField(
                choices=[
                    ("", "—"),
                    ("draft", "draft"),
                    ("in_review", "in review"),
                    ("changes_requested", "changes requested"),
                    ("approved", "approved (live)"),
                    ("unpublished", "unpublished"),
                    ("scheduled", "approved, scheduled to go live"),
                    ("go_live_cancelled", "scheduled go-live cancelled"),
                    ("expiry_set", "expiry set"),
                    ("expiry_removed", "expiry removed"),
                    ("expired", "expired (unpublished)"),
                ],
                max_length=20,
                verbose_name="to",
            ),
        ),
        migrations.CreateModel(
            name="ArticleExpiry",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "expires_at",
                    models.DateTimeField(
                        db_index=True,
                        help_text="When the article comes off the public site, e.g. 2026-12-31 23:59.",
                        verbose_name="expires at",
                    ),
                ),
                (
                    "reason",
                    models.TextField(
                        help_text="Kept in the review log, e.g. “The shortage notice no longer applies”.",
                        verbose_name="reason",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now, editable=False, verbose_name="set on"
                    ),
                ),
                (
                    "article",
                    models.OneToOneField(
                        help_text="The article that comes off the site; one expiry at a time.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="expiry",
                        to="medinfo.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "set_by",
                    models.ForeignKey(
                        help_text="The pharmacist who set the expiry.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="set by",
                    ),
                ),
            ],
            options={
                "verbose_name": "article expiry",
                "verbose_name_plural": "article expiries",
                "ordering": ["expires_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("expires_at__gt", models.F("created_at"))),
                        name="expiry_after_setting",
                        violation_error_message="An expiry is set for a later time.",
                    ),
                    models.CheckConstraint(
                        condition=models.Q(("reason", ""), _negated=True),
                        name="expiry_has_reason",
                        violation_error_message="Give a reason for the expiry.",
                    ),
                ],
            },
        ),
        migrations.CreateModel(
            name="ScheduledGoLive",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "go_live_at",
                    models.DateTimeField(
                        db_index=True,
                        help_text="When the revision replaces the live one, e.g. 2026-03-01 09:00.",
                        verbose_name="goes live at",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(
                        default=django.utils.timezone.now,
                        editable=False,
                        verbose_name="scheduled on",
                    ),
                ),
                (
                    "article",
                    models.OneToOneField(
                        help_text="The article whose live revision changes; one scheduled go-live at a time.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scheduled_go_live",
                        to="medinfo.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "revision",
                    models.OneToOneField(
                        help_text="The approved revision that goes live, e.g. revision 3.",
                        on_delete=django.db.models.deletion.CASCADE,
                        related_name="scheduled_go_live",
                        to="medinfo.articlerevision",
                        verbose_name="revision",
                    ),
                ),
                (
                    "scheduled_by",
                    models.ForeignKey(
                        help_text="The pharmacist who approved the revision and chose the time.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="scheduled by",
                    ),
                ),
            ],
            options={
                "verbose_name": "scheduled go-live",
                "verbose_name_plural": "scheduled go-lives",
                "ordering": ["go_live_at", "pk"],
                "constraints": [
                    models.CheckConstraint(
                        condition=models.Q(("go_live_at__gt", models.F("created_at"))),
                        name="go_live_after_scheduling",
                        violation_error_message="A go-live is scheduled for a later time.",
                    )
                ],
            },
        ),
    ]
