# The planner statistics for the indexes of the migrations before this one: SQLite's
# planner took the lists' order index, the counts' covering indexes and the sitemap's
# index of latest changes only once ANALYZE had weighed them (until then it read most
# queries through the status index and sorted every record). PostgreSQL's autovacuum
# would analyze the tables later by itself; here it is at once, on both.

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0028_index_of_latest_changes"),
        ("publications", "0019_index_of_latest_changes"),
        ("stories", "0003_index_of_latest_changes"),
        ("timeline", "0020_index_of_latest_changes"),
    ]

    operations = [migrations.RunSQL("ANALYZE", reverse_sql=migrations.RunSQL.noop)]
