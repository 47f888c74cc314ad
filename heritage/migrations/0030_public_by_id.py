# An index of whether each item is public, by its id: a region's items are counted from
# the region's links, each item's state read here instead of from the table's wide rows.
# SQLite's planner takes it only once ANALYZE has weighed it, so the table is analyzed at
# once (on PostgreSQL too, as autovacuum would later).

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("heritage", "0029_order_index_ends_with_the_id"),
        ("publications", "0020_list_order_index"),
    ]

    operations = [
        migrations.AddIndex(
            model_name="heritageitem",
            index=models.Index(
                fields=["id", "status", "publish_at"], name="heritage_item_public_by_id"
            ),
        ),
        migrations.RunSQL("ANALYZE heritage_heritageitem", reverse_sql=migrations.RunSQL.noop),
    ]
