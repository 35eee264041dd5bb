"""Review comments on a paragraph or a fact, and their append-only log (issue #13 item 3).

Two new tables; nothing existing changes, so the guard triggers of 0009 stay as they are.
"""

import django.db.models.deletion
import django.db.models.functions.text
import django.db.models.lookups
from django.conf import settings
from django.db import migrations, models

import common.text


class Migration(migrations.Migration):
    dependencies = [
        ("medinfo", "0017_scheduling"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="Comment",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "anchor_kind",
                    models.CharField(
                        choices=[("paragraph", "paragraph of the text"), ("fact", "fact")],
                        help_text="A paragraph or a fact.",
                        max_length=10,
                        verbose_name="points at",
                    ),
                ),
                (
                    "field",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="For a paragraph: the revision field it is in, e.g. “body”.",
                        max_length=30,
                        verbose_name="text field",
                    ),
                ),
                (
                    "block_index",
                    models.PositiveIntegerField(
                        blank=True,
                        editable=False,
                        help_text="For a paragraph: its position in the field, from 0, e.g. 2 for the third.",
                        null=True,
                        verbose_name="block position",
                    ),
                ),
                (
                    "fact_path",
                    models.CharField(
                        blank=True,
                        editable=False,
                        help_text="For a fact: its key path in the facts snapshot, e.g. “drug.uses[fibromyalgia]”.",
                        max_length=500,
                        verbose_name="fact",
                    ),
                ),
                (
                    "anchor_digest",
                    models.CharField(
                        editable=False,
                        help_text="Tells whether the paragraph or fact still reads as it did.",
                        max_length=16,
                        verbose_name="digest of what it points at",
                    ),
                ),
                (
                    "quote",
                    models.CharField(
                        editable=False,
                        help_text="The start of the paragraph or the fact as it read, e.g. “Take it twice a day…”.",
                        max_length=200,
                        verbose_name="quoted",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        help_text="Plain text, e.g. “Say that it is not approved under 17.”.",
                        verbose_name="comment",
                    ),
                ),
                (
                    "status",
                    models.CharField(
                        choices=[("open", "open"), ("resolved", "resolved")],
                        default="open",
                        max_length=10,
                        verbose_name="status",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="written"),
                ),
                (
                    "article",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="comments",
                        to="medinfo.article",
                        verbose_name="article",
                    ),
                ),
                (
                    "author",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="author",
                    ),
                ),
                (
                    "revision",
                    models.ForeignKey(
                        help_text="The revision the commenter was reading, e.g. revision 2.",
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="comments",
                        to="medinfo.articlerevision",
                        verbose_name="made on revision",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment",
                "verbose_name_plural": "comments",
                "ordering": ["created_at", "pk"],
            },
            bases=(common.text.PlainTextMixin, models.Model),
        ),
        migrations.CreateModel(
            name="CommentEvent",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                (
                    "kind",
                    models.CharField(
                        choices=[
                            ("commented", "commented"),
                            ("replied", "replied"),
                            ("resolved", "resolved"),
                            ("reopened", "reopened"),
                        ],
                        max_length=10,
                        verbose_name="what",
                    ),
                ),
                (
                    "text",
                    models.TextField(
                        blank=True,
                        help_text="A reply's words, e.g. “Done: the age limit is in.”.",
                        verbose_name="reply",
                    ),
                ),
                (
                    "created_at",
                    models.DateTimeField(auto_now_add=True, db_index=True, verbose_name="when"),
                ),
                (
                    "actor",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="+",
                        to=settings.AUTH_USER_MODEL,
                        verbose_name="who",
                    ),
                ),
                (
                    "comment",
                    models.ForeignKey(
                        on_delete=django.db.models.deletion.PROTECT,
                        related_name="events",
                        to="medinfo.comment",
                        verbose_name="comment",
                    ),
                ),
            ],
            options={
                "verbose_name": "comment event",
                "verbose_name_plural": "comment events",
                "ordering": ["created_at", "pk"],
            },
            bases=(common.text.PlainTextMixin, models.Model),
        ),
        migrations.AddIndex(
            model_name="comment",
            index=models.Index(fields=["article", "status"], name="comment_article_status"),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(
                condition=models.Q(("status__in", ["open", "resolved"])),
                name="comment_status_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("anchor_kind", "paragraph"),
                        ("block_index__isnull", False),
                        ("fact_path", ""),
                        models.Q(("field", ""), _negated=True),
                    ),
                    models.Q(
                        ("anchor_kind", "fact"),
                        ("block_index__isnull", True),
                        ("field", ""),
                        models.Q(("fact_path", ""), _negated=True),
                    ),
                    _connector="OR",
                ),
                name="comment_has_one_anchor",
                violation_error_message="A comment points at a paragraph or at a fact.",
            ),
        ),
        migrations.AddConstraint(
            model_name="comment",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(("text", ""), _negated=True),
                    django.db.models.lookups.LessThanOrEqual(
                        django.db.models.functions.text.Length("text"), 2000
                    ),
                ),
                name="comment_text_length",
                violation_error_message="A comment has 1 to 2,000 characters.",
            ),
        ),
        migrations.AddConstraint(
            model_name="commentevent",
            constraint=models.CheckConstraint(
                condition=models.Q(("kind__in", ["commented", "replied", "resolved", "reopened"])),
                name="comment_event_kind_valid",
            ),
        ),
        migrations.AddConstraint(
            model_name="commentevent",
            constraint=models.CheckConstraint(
                condition=models.Q(
                    models.Q(
                        ("kind", "replied"),
                        models.Q(("text", ""), _negated=True),
                        django.db.models.lookups.LessThanOrEqual(
                            django.db.models.functions.text.Length("text"), 2000
                        ),
                    ),
                    models.Q(models.Q(("kind", "replied"), _negated=True), ("text", "")),
                    _connector="OR",
                ),
                name="comment_event_reply_has_text",
                violation_error_message="A reply has words; other events have none.",
            ),
        ),
    ]
