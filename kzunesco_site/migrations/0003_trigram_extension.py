"""pg_trgm for typo-tolerant search on PostgreSQL (a no-op on SQLite)."""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("kzunesco_site", "0002_roles")]

    operations = [TrigramExtension()]
