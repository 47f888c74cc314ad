from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [("heritage", "0020_photo_credit_author_licence_source")]

    operations = [
        migrations.RemoveField(model_name="heritageimage", name="credit"),
        migrations.RemoveField(model_name="historicalheritageimage", name="credit"),
    ]
