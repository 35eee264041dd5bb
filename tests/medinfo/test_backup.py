"""manage.py backup and restore round-trip the whole database and the uploaded media.

The restore runs as an operator would run it: ``manage.py restore`` in a new
process, into an EMPTY database (a new SQLite file, or a new PostgreSQL database
next to the test database). ``manage.py dumpdata`` of both sides is then
compared object by object and field by field.
"""

import json
import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from medinfo import workflow
from medinfo.models import Article, ArticleRevision, Reviewer
from medinfo.roles import sync_role_groups
from tests.factories import ConditionFactory, editor_user, reviewer_user
from tests.public_site import publish, publish_milnacipran_uses, republish

pytestmark = pytest.mark.django_db(transaction=True)

PHOTO_BYTES = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00"
    b"\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\xcf\xc0\xf0\x1f\x00\x05\x00\x01\xff\x89\x99"
    b"=\x1d\x00\x00\x00\x00IEND\xaeB`\x82"
)


def ads_models_exist():
    if not apps.is_installed("ads"):
        return False
    try:
        apps.get_model("ads", "Campaign")
        apps.get_model("ads", "Creative")
    except LookupError:
        return False
    return True


def build_content():
    """Articles with several revisions in every state, a reviewer photo and, if any, ads."""
    sync_role_groups()  # transactional tests flush the database, role groups included
    editor, reviewer = editor_user(), reviewer_user()
    article = publish_milnacipran_uses()
    republish(article, editor=editor, reviewer=reviewer, title="How Can Milnacipran Help?")
    republish(article, editor=editor, reviewer=reviewer, lead="A third approved lead.")
    pending = workflow.start_revision(article=article, author=editor)
    workflow.save_draft(revision=pending, editor=editor, expected_version=pending.version,
                        title="A draft title", lead="Draft lead.", body="<p>Draft.</p>",
                        references=pending.references)  # fmt: skip
    condition_article = publish(condition=ConditionFactory(name="gout", slug="gout"))
    sent_back = workflow.start_revision(article=condition_article, author=editor)
    sent_back = workflow.submit_revision(revision=sent_back, submitter=editor)
    workflow.request_changes(revision=sent_back, reviewer_user=reviewer, comment="Cite a source.")
    gone = publish(condition=ConditionFactory(name="gone", slug="gone"))
    workflow.unpublish_article(article=gone, reviewer_user=reviewer, reason="Out of date.")
    Reviewer.objects.get(user=reviewer).photo.save("pat.png", ContentFile(PHOTO_BYTES))
    if ads_models_exist():
        from tests.ads.factories import CampaignFactory, image_creative

        campaign = CampaignFactory(promoted_drug=article.drug, impression_cap=1000)
        campaign.include_conditions.add(condition_article.condition)
        image_creative(campaign=campaign)


def dump_all(stdout):
    """{(model, pk): fields} from ``manage.py dumpdata`` JSON."""
    return {(item["model"], item["pk"]): item["fields"] for item in json.loads(stdout)}


def media_files(root):
    root = Path(root)
    return {
        str(path.relative_to(root)): path.read_bytes() for path in root.rglob("*") if path.is_file()
    }


def empty_database_url(tmp_path):
    """A URL for an empty database of the same kind as the test database, and its cleanup."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{tmp_path / 'restored.sqlite3'}", lambda: None
    params = connection.settings_dict
    name = f"{params['NAME']}_restored"[:63]
    env = {**os.environ, "PGPASSWORD": params.get("PASSWORD") or ""}
    client = ["-h", params.get("HOST") or "127.0.0.1", "-p", str(params.get("PORT") or 5432)]
    client += ["-U", params.get("USER") or "postgres"]
    subprocess.run(["dropdb", *client, "--if-exists", "--force", name], check=True, env=env)  # noqa: S603, S607
    subprocess.run(["createdb", *client, name], check=True, env=env)  # noqa: S603, S607
    url = f"postgres://{client[-1]}:{params.get('PASSWORD') or ''}@{client[1]}:{client[3]}/{name}"

    def drop():
        subprocess.run(["dropdb", *client, "--if-exists", "--force", name], check=False, env=env)  # noqa: S603, S607

    return url, drop


def manage(*arguments, env):
    return subprocess.run(  # noqa: S603
        [sys.executable, "manage.py", *arguments],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )


@pytest.fixture
def backup_dir(tmp_path):
    build_content()
    directory = tmp_path / "backup"
    call_command("backup", str(directory), stdout=StringIO())
    return directory


@pytest.fixture
def round_trip(backup_dir, tmp_path, purge_endpoint):
    """The original and the restored site: dumpdata of each and their media files.

    A purge endpoint stands for Varnish: the keys the restore purged are in "purged".
    """
    original = StringIO()
    call_command("dumpdata", stdout=original)
    url, drop = empty_database_url(tmp_path)
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "medinfo.settings.dev", "DJANGO_DEBUG": "false"}
    env.update(DATABASE_URL=url, MEDIA_ROOT=str(tmp_path / "restored-media"))
    env.pop("REDIS_URL", None)  # restore clears the cache: never the machine's shared Redis
    env["MEDINFO_CDN_PURGE_URLS"] = purge_endpoint.url
    purge_endpoint.purges.clear()
    try:
        manage("restore", str(backup_dir), env=env)
        restored = manage("dumpdata", env=env).stdout
    finally:
        drop()
    return {
        "original": dump_all(original.getvalue()),
        "restored": dump_all(restored),
        "original_media": media_files(settings.MEDIA_ROOT),
        "restored_media": media_files(tmp_path / "restored-media"),
        "purged": [headers["xkey"] for _method, _path, headers in purge_endpoint.purges],
    }


def test_restore_into_empty_database_keeps_every_row_field_by_field(round_trip):
    """Every article, revision, review event, drug, condition and campaign comes back unchanged."""
    original, restored = round_trip["original"], round_trip["restored"]
    assert restored.keys() == original.keys()
    for key, fields in original.items():
        assert restored[key] == fields, key
    models = {model for model, _pk in original}
    assert {"medinfo.article", "medinfo.articlerevision", "medinfo.reviewevent"} <= models
    assert {"drugs.drug", "conditions.condition", "drugs.use"} <= models
    if ads_models_exist():
        assert {"ads.campaign", "ads.creative"} <= models


def test_restore_keeps_live_revisions_and_their_facts(round_trip):
    """Each article's live revision id, and that revision's words and facts, are unchanged."""
    original, restored = round_trip["original"], round_trip["restored"]
    articles = {pk: f for (model, pk), f in original.items() if model == "medinfo.article"}
    assert any(
        f["live_revision"] and f["latest_revision"] != f["live_revision"] for f in articles.values()
    )
    for pk, fields in articles.items():
        live = fields["live_revision"]
        assert restored[("medinfo.article", pk)]["live_revision"] == live
        if live:
            revision = restored[("medinfo.articlerevision", live)]
            assert revision == original[("medinfo.articlerevision", live)]
            assert revision["facts"] and revision["status"] == "approved"


def test_restore_brings_back_media_byte_for_byte(round_trip):
    """The reviewer photo (and any ad image) is restored with identical bytes."""
    assert round_trip["original_media"]
    assert round_trip["restored_media"] == round_trip["original_media"]
    photo = Reviewer.objects.exclude(photo="").get().photo.name
    assert round_trip["restored_media"][photo].startswith(PHOTO_BYTES[:8])  # the PNG stored


def test_restore_empties_the_cdn(round_trip):
    """Pages Varnish or a CDN keeps describe the database before the restore: all are purged.

    Failed before: the restore cleared the app's caches only, and the CDN served pages of
    revisions that no longer existed for up to a day (s-maxage).
    """
    assert "site" in round_trip["purged"]


def test_manifest_counts_rows_per_model(backup_dir):
    """manifest.json lists the row count of every model, e.g. articles and revisions."""
    counts = json.loads((backup_dir / "manifest.json").read_text())["counts"]
    assert counts["medinfo.Article"] == Article.objects.count() == 3
    assert counts["medinfo.ArticleRevision"] == ArticleRevision.objects.count()


def test_restore_refuses_a_database_that_is_not_empty(backup_dir):
    """Restoring over live data needs --replace; by default nothing is touched."""
    with pytest.raises(CommandError, match="not empty"):
        call_command("restore", str(backup_dir), stdout=StringIO())
    assert Article.objects.count() == 3


def test_restore_refuses_a_damaged_backup(backup_dir):
    """A backup whose files no longer match the manifest's checksums is refused."""
    dump = next(path for path in backup_dir.iterdir() if path.name.startswith("database."))
    dump.write_bytes(dump.read_bytes()[:-100])
    with pytest.raises(CommandError, match="damaged"):
        call_command("restore", str(backup_dir), "--replace", stdout=StringIO())
    assert Article.objects.count() == 3
