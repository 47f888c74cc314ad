"""The staff roles get the areas on the map as they have the records' other parts."""

from django.db import migrations

from core.migration_ops import grant_to_roles


class Migration(migrations.Migration):
    dependencies = [("heritage", "0022_map_area")]

    operations = [grant_to_roles(app_label="heritage", model_names=("maparea",))]
