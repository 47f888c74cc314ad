"""Records for the permission tests: a fresh record of every model the admin registers, in
each state the matrix distinguishes, and a logged-in client for each role.

Every unpublished record, and whatever only an unpublished record shows, carries MARK in
its slug and names, so a public page that shows one is caught."""

import datetime
import itertools
from decimal import Decimal

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.contrib.auth.models import Group, User
from django.test import Client
from django.utils import timezone

from archive.applying import apply_plan
from archive.jobs import Job, JobKind, JobStatus
from archive.models import MappingProfile
from archive.readers import read
from archive.services import plan_import
from core.models import Status
from heritage.models import State
from portal.models import Contact
from tests.factories import (
    make_author,
    make_component,
    make_event,
    make_heritage_item,
    make_image,
    make_publication,
    make_region,
    make_theme,
)
from tests.files import csv_bytes
from tests.stories.factories import make_story
from timeline.models import Anniversary, Figure, Person

from .permission_matrix import GROUPS

MARK = "zzsecret"
LATER = datetime.timedelta(days=30)
_numbers = itertools.count(1)

# Each model's field the tests rename, and the states its records can be in.
RENAMED = {
    "heritage.heritageitem": "name_en",
    "timeline.person": "name_en",
    "timeline.event": "title_en",
    "timeline.anniversary": "subject_en",
    "timeline.figure": "label_en",
    "publications.publication": "title_en",
    "stories.story": "title_en",
    "heritage.region": "name_en",
    "heritage.state": "name_en",
    "heritage.componentsite": "name_en",
    "timeline.theme": "name_en",
    "publications.author": "name_en",
    "archive.mappingprofile": "note",
    "archive.importrecord": "file_name",
    "archive.job": "file_name",
    "auth.user": "first_name",
    "portal.contact": "phone",
    "auth.group": "name",
    "axes.accessattempt": "username",
    "axes.accesslog": "username",
    "axes.accessfailurelog": "username",
}
PUBLIC_RECORD_STATES = ("published", "draft", "review", "scheduled")
# …and for reverting: "unpublished" (published first, a draft since) and "published after
# a draft" (a draft first, published since).
SHOWN_STATES = {
    # Every region and theme is a choice of the public lists' filters (/heritage/,
    # /timeline/), so each is on a public page; components and authors are while their
    # item or a publication of theirs is published.
    "heritage.region": ("public",),
    "heritage.state": ("public",),
    "timeline.theme": ("public",),
    "heritage.componentsite": ("public", "private"),
    "publications.author": ("public", "private"),
}
# The states a record added by copying one in such a state is in: a new region or theme
# is a filter choice at once, a component is on its item's page if the item is public,
# and an author's links to publications are not in the author's form.
ADDED_STATES = SHOWN_STATES | {"publications.author": ("private",)}


def _status_fields(state: str) -> dict:
    if state == "published":
        return {"status": Status.PUBLISHED}
    if state == "scheduled":
        return {"status": Status.PUBLISHED, "publish_at": timezone.now() + LATER}
    assert state in ("draft", "review"), f"no state {state!r} for a record with a status"
    return {"status": Status.REVIEW if state == "review" else Status.DRAFT}


def _public_record(label: str, state: str, name: str, slug: str):
    start = {"unpublished": "published", "published after a draft": "draft"}.get(state, state)
    fields = {"slug": slug, RENAMED[label]: name, **_status_fields(start)}
    if label == "heritage.heritageitem":
        return make_heritage_item(**fields)
    if label == "timeline.event":
        return make_event(**fields)
    if label == "publications.publication":
        return make_publication(**fields)
    if label == "timeline.person":
        return Person.objects.create(**fields)
    if label == "stories.story":
        return make_story(**fields)
    if label == "timeline.anniversary":
        return Anniversary.objects.create(ordinal=100, kind="birth", **fields)
    return Figure.objects.create(value=Decimal(7), group="history", **fields)


def _shown(label: str, state: str, name: str, slug: str):
    if label == "heritage.region":
        region = make_region(slug=slug, name_en=name)
        make_heritage_item(regions=[region])
        return region
    if label == "timeline.theme":
        return make_theme(slug=slug, name_en=name)
    if label == "heritage.state":
        return State.objects.create(slug=slug, name_en=name)
    if label == "heritage.componentsite":
        item = make_heritage_item(**_status_fields("published" if state == "public" else "draft"))
        if state == "private":
            item.slug = item.name_en = f"{MARK}-item-{item.pk}"
            item.save()
        return make_component(item, slug=slug, name_en=name)
    author = make_author(slug=slug, name_en=name)
    if state == "public":
        make_publication(authors=[author])
    return author


def fresh(label: str, state: str = "any"):
    """A new record of the model ``label`` ("app.model") in ``state``, renamed once after
    it was made, so that its history has an earlier revision to revert to (``earlier()``).
    Two states are made for reverting: "unpublished" (published, a draft since) and
    "published after a draft"."""
    n = next(_numbers)
    hidden = state in ("draft", "review", "scheduled", "unpublished", "private")
    slug = f"{MARK}-{label.split('.')[1]}-{n}" if hidden else f"{label.split('.')[1]}-r{n}"
    name = f"{MARK.title()} record {n}" if hidden else f"Record {n}"
    if label in SHOWN_STATES:
        record = _shown(label, state, name, slug)
    elif label.split(".")[0] in ("heritage", "timeline", "publications", "stories"):
        record = _public_record(label, state, name, slug)
    else:
        return _other(label, n)
    record.save()  # a revision with the links made after the record (an event's themes)
    setattr(record, RENAMED[label], f"{name} (edited)")
    if state == "unpublished":
        record.status = Status.DRAFT
    elif state == "published after a draft":
        record.status = Status.PUBLISHED
    record.save()
    return record


def _other(label: str, n: int):
    if label == "archive.mappingprofile":
        return MappingProfile.objects.create(
            name=f"Profile {n}", model_label="heritage.HeritageItem", mapping={"columns": {}}
        )
    if label == "archive.importrecord":
        rows = [["slug", "kind", "name_en"], [f"{MARK}-imported-{n}", "world", f"{MARK} imported"]]
        plan = plan_import(label="heritage.HeritageItem", table=read(csv_bytes(rows), name="a.csv"))
        return apply_plan(plan=plan, file_name=f"file-{n}.csv", checksum="0" * 64)
    if label == "archive.job":
        return Job.objects.create(
            kind=JobKind.IMPORT, status=JobStatus.SUCCEEDED, model_label="heritage.HeritageItem"
        )
    if label == "auth.user":
        return User.objects.create_user(f"someone-{n}", password="pw", is_staff=True)
    if label == "auth.group":
        return Group.objects.create(name=f"Volunteers {n}")
    if label == "portal.contact":
        return Contact.objects.create(email=f"office{n}@example.org", phone=f"+7 7172 00 00 {n}")
    model = {
        "axes.accessattempt": AccessAttempt,
        "axes.accesslog": AccessLog,
        "axes.accessfailurelog": AccessFailureLog,
    }[label]
    fields = {"username": f"stranger-{n}", "ip_address": "192.0.2.1", "user_agent": "test"}
    if model is AccessAttempt:
        fields |= {"get_data": "", "post_data": "", "failures_since_start": 5}
    return model.objects.create(attempt_time=timezone.now(), **fields)


def images() -> dict[str, str]:
    """The address of an uploaded image of a published, a draft and a scheduled item."""
    return {
        state: make_image(fresh("heritage.heritageitem", state), width=40, height=30).image.url
        for state in ("published", "draft", "scheduled")
    }


def linked_records() -> None:
    """A published record of each kind linked to unpublished ones wherever it can be: a
    public page must leave those out."""
    hidden_items = [fresh("heritage.heritageitem", s) for s in ("draft", "review", "scheduled")]
    hidden_papers = [fresh("publications.publication", s) for s in ("draft", "scheduled")]
    hidden_people = [fresh("timeline.person", s) for s in ("draft", "scheduled")]
    author = make_author(slug=f"{MARK}-author", name_en=f"{MARK.title()} author")
    hidden_papers[0].authorships.create(author=author, order=1)
    event = fresh("timeline.event", "published")
    event.heritage_items.set([fresh("heritage.heritageitem", "published"), *hidden_items])
    event.publications.set([fresh("publications.publication", "published"), *hidden_papers])
    event.people.set([fresh("timeline.person", "published"), *hidden_people])
    make_event(heritage_items=hidden_items[:1], status=Status.DRAFT, slug=f"{MARK}-event")


def clients(django_user_model, user_in) -> dict[str, Client]:
    """A client per role, each signed in as a new user of that role (anonymous: none)."""
    root = django_user_model.objects.create_superuser("root", "root@example.com", "pw")
    superuser = Client(raise_request_exception=False)  # a server error is an answer too
    superuser.force_login(root)
    by_role = {"anonymous": Client(raise_request_exception=False)}
    for role, group in GROUPS.items():
        by_role[role] = user_in(group, client=Client(raise_request_exception=False))
    return by_role | {"superuser": superuser}


def earlier(record):
    """The revision before the record's last change: its first name (and status)."""
    return record.history.order_by("-history_date", "-history_id")[1]
