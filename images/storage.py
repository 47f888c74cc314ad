"""Uploaded images in a private S3-compatible bucket, addressed through the site."""

from urllib.parse import urljoin

from django.conf import settings
from django.utils.encoding import filepath_to_uri
from storages.backends.s3 import S3Storage


class PrivateMediaS3Storage(S3Storage):
    """Files stay private in the bucket; their URLs are the site's own /media/ URLs, where
    images.serving streams them only while their record is public. So pages never
    carry expiring signed links, and the CSP needs no other origin."""

    def url(self, name, parameters=None, expire=None, http_method=None):
        return urljoin(settings.MEDIA_URL, filepath_to_uri(name))
