"""Database triggers that refuse changes to submitted revisions (filled in by the integrity work)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("medinfo", "0008_history_and_frozen_byline")]

    operations = []
