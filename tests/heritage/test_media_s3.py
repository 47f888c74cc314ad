"""With MEDIA_STORAGE=s3 images live in a private bucket (here moto's stand-in for S3),
and the site still serves them itself, only while their item is public."""

import re

import boto3
import pytest
from django.core.files.storage import default_storage
from django.test import Client
from moto import mock_aws

from archive.backup import create_backup, restore_backup
from core.models import Status
from heritage.models import HeritageImage
from tests.factories import make_heritage_item, make_image

pytestmark = pytest.mark.django_db

BUCKET = "kzunesco-media"


@pytest.fixture
def bucket(settings, monkeypatch):
    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    with mock_aws():
        s3 = boto3.client("s3", region_name="us-east-1")
        s3.create_bucket(Bucket=BUCKET)
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {
                "BACKEND": "images.storage.PrivateMediaS3Storage",
                "OPTIONS": {"bucket_name": BUCKET, "location": "media", "default_acl": None},
            },
        }
        yield s3


def keys(s3) -> list[str]:
    return sorted(o["Key"] for o in s3.list_objects_v2(Bucket=BUCKET).get("Contents", []))


def test_images_go_to_the_bucket_and_are_served_by_the_site_while_public(bucket):
    item = make_heritage_item()
    image = make_image(item, width=800, height=600)
    assert f"media/{image.image.name}" in keys(bucket)
    assert image.image.url == f"/media/{image.image.name}"  # no signed link to the bucket
    html = Client().get(item.get_absolute_url()).content.decode()
    urls = re.findall(r'(/media/[^" ,]+)', html)
    assert len(urls) == 4  # three WebP renditions and the JPEG fallback, made in the bucket
    for url in [*urls, image.image.url]:
        response = Client().get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "public, max-age=86400"
    original = b"".join(Client().get(image.image.url).streaming_content)
    assert (
        original == bucket.get_object(Bucket=BUCKET, Key=f"media/{image.image.name}")["Body"].read()
    )
    item.status = Status.DRAFT
    item.save()
    for url in [*urls, image.image.url]:
        assert Client().get(url).status_code == 404, url


# A restore flushes tables, which PostgreSQL refuses inside the test's own transaction.
@pytest.mark.django_db(transaction=True)
def test_backup_and_restore_take_the_media_from_and_to_the_bucket(bucket, tmp_path):
    image = make_image(make_heritage_item())
    name = image.image.name
    picture = default_storage.open(name).read()
    create_backup(folder=tmp_path / "backup")
    default_storage.delete(name)
    assert f"media/{name}" not in keys(bucket)
    restore_backup(folder=tmp_path / "backup")
    assert default_storage.open(HeritageImage.objects.get().image.name).read() == picture
