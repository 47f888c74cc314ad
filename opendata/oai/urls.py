"""OAI-PMH 2.0 at /oai/ (docs/oai.md)."""

from django.urls import path

from opendata.oai.views import endpoint

app_name = "oai"

urlpatterns = [path("", endpoint, name="endpoint")]
