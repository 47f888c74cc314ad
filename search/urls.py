"""The reconciliation service at /reconcile/ (docs/reconciliation.md)."""

from django.urls import path

from search.views import ReconcileRecordView, ReconcileView

app_name = "reconcile"

urlpatterns = [
    path("", ReconcileView.as_view(), name="service"),
    path("view/<path:identifier>", ReconcileRecordView.as_view(), name="record"),
]
