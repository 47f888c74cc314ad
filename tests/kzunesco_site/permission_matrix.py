"""The expected permission matrix, written from the README ("Editorial workflow, roles and
safety", "Importing and exporting spreadsheets"), not from the application's answers:

- Editor writes drafts and sends them for review, but cannot publish or change what is
  public; Publisher also publishes, schedules, unpublishes and deletes; Archivist is an
  Editor who also imports and undoes (an import that would publish or change a published
  record needs the Publisher role too); Administrator may do everything.
- Editors may export; only archivists and administrators may import or undo.
- Unpublished content never shows publicly; staff who may view a record see its page (a
  preview) before it is public.

The tests in test_permissions*.py hold the application to these tables."""

ROLES = ("anonymous", "editor", "publisher", "archivist", "administrator", "superuser")
GROUPS = {  # role → the group made by migration (archive/migrations/0001_initial.py)
    "editor": "Editor",
    "publisher": "Publisher",
    "archivist": "Archivist",
    "administrator": "Administrator",
}

NOBODY: frozenset[str] = frozenset()
STAFF = frozenset(ROLES) - {"anonymous"}
PUBLISHERS = frozenset({"publisher", "administrator", "superuser"})
ARCHIVISTS = frozenset({"archivist", "administrator", "superuser"})
ADMINISTRATORS = frozenset({"administrator", "superuser"})


def row(*statuses: int) -> dict[str, int]:
    return dict(zip(ROLES, statuses, strict=True))


# What a GET answers, by kind of URL (permission_urls.py sorts every URL into a kind).
#                                                   anon edit publ arch admin super
MATRIX = {
    "public page": row(200, 200, 200, 200, 200, 200),
    "unpublished page": row(404, 200, 200, 200, 200, 200),  # staff see a preview
    "unpublished file": row(404, 404, 404, 404, 404, 404),  # API, citation files: no preview
    "redirect": row(301, 301, 301, 301, 301, 301),
    "redirect to the page": row(302, 302, 302, 302, 302, 302),
    "language switch (GET)": row(302, 302, 302, 302, 302, 302),
    "admin login": row(200, 302, 302, 302, 302, 302),
    "admin logout (GET)": row(302, 405, 405, 405, 405, 405),  # signing out is a POST
    "admin page": row(302, 200, 200, 200, 200, 200),
    "admin: no such page": row(302, 404, 404, 404, 404, 404),
    "admin: record's address": row(302, 302, 302, 302, 302, 302),  # → its change page
    "view on site": row(302, 302, 302, 302, 302, 302),
    "content": row(302, 200, 200, 200, 200, 200),  # lists, forms, history (read-only if public)
    "content: delete": row(302, 403, 200, 403, 200, 200),
    # Regions and themes: every one is shown (a filter's choice), so adding one is public.
    "content: add where every record is shown": row(302, 403, 200, 403, 200, 200),
    "import": row(302, 403, 403, 200, 200, 200),
    "import step: another session's upload": row(302, 403, 403, 404, 404, 404),
    "export": row(302, 200, 200, 200, 200, 200),  # editors may export
    "archive section": row(302, 404, 404, 200, 200, 200),  # not even its existence
    "archive": row(302, 403, 403, 200, 200, 200),  # mapping profiles, the ledger, undo
    "ledger: add or delete": row(302, 403, 403, 403, 403, 403),  # the ledger is read-only
    "job: a file it does not have": row(302, 403, 403, 404, 404, 404),
    "accounts section": row(302, 404, 404, 404, 200, 200),
    "accounts": row(302, 403, 403, 403, 200, 200),  # users, groups, sign-in records
    "sign-in records: add": row(302, 403, 403, 403, 403, 403),  # written by django-axes only
}

# Every model the admin registers has a policy; a new model without one fails the tests.
POLICIES = {
    "heritage.heritageitem": "public record",
    "timeline.person": "public record",
    "timeline.event": "public record",
    "timeline.anniversary": "public record",
    "timeline.figure": "public record",
    "publications.publication": "public record",
    "stories.story": "public record",
    # No status of their own, public while a public page shows them: every region and
    # theme (choices of the public lists' filters), a component of a published item, an
    # author of a published publication.
    "heritage.region": "shown by public records",
    "heritage.state": "shown by public records",
    "heritage.componentsite": "shown by public records",
    "timeline.theme": "shown by public records",
    "publications.author": "shown by public records",
    "archive.mappingprofile": "archive",
    "archive.importrecord": "ledger",
    "archive.job": "jobs",  # background jobs: read-only pages, their owner confirms
    "auth.user": "accounts",
    "portal.contact": "accounts",  # the site's settings: Administrators only
    "auth.group": "accounts",
    "axes.accessattempt": "sign-in records",
    "axes.accesslog": "sign-in records",
    "axes.accessfailurelog": "sign-in records",
}
CONTENT = ("public record", "shown by public records")

# Who may see a model's admin pages at all (others get 403 on any of its URLs).
VIEWERS = {
    "public record": STAFF,
    "shown by public records": STAFF,
    "archive": ARCHIVISTS,
    "ledger": ARCHIVISTS,
    "jobs": ARCHIVISTS,
    "accounts": ADMINISTRATORS,
    "sign-in records": ADMINISTRATORS,
}

# Who may write, by policy and write. "private": a draft, or a record no public page
# shows; "public": a published record, or one a published record's page shows.
WRITES = {
    "public record": {
        "add a draft": STAFF,
        "add it published": PUBLISHERS,
        "change a draft": STAFF,
        "publish a draft by its form": PUBLISHERS,
        "schedule a draft by its form": PUBLISHERS,
        "change a published record": PUBLISHERS,
        "delete a draft": PUBLISHERS,
        "delete a published record": PUBLISHERS,
        "revert a draft": STAFF,
        "revert a published record": PUBLISHERS,
        "revert a published record to its draft revision": PUBLISHERS,
        "revert a draft to its published revision": PUBLISHERS,
    },
    "shown by public records": {
        "add a private one": STAFF,
        "add one a public page shows": PUBLISHERS,
        "change a private one": STAFF,
        "change one a public page shows": PUBLISHERS,
        "delete a private one": PUBLISHERS,
        "delete one a public page shows": PUBLISHERS,
        "revert a private one": STAFF,
        "revert one a public page shows": PUBLISHERS,
    },
    "archive": {"add": ARCHIVISTS, "change": ARCHIVISTS, "delete": ARCHIVISTS},
    "ledger": {"add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "jobs": {"add": NOBODY, "change": NOBODY, "delete": NOBODY},
    "accounts": {"add": ADMINISTRATORS, "change": ADMINISTRATORS, "delete": ADMINISTRATORS},
    "sign-in records": {"add": NOBODY, "change": NOBODY, "delete": ADMINISTRATORS},
}

# Changelist actions (every action of every admin needs a rule), with the record they act
# on ("deletable": for authors one without publications, which cannot be deleted at all).
ACTIONS = {
    "public record": {
        "publish": (PUBLISHERS, "draft"),
        "unpublish": (PUBLISHERS, "published"),
        "submit_for_review": (STAFF, "draft"),
        "delete_selected": (PUBLISHERS, "published"),
    },
    "shown by public records": {"delete_selected": (PUBLISHERS, "deletable")},
    "archive": {"delete_selected": (ARCHIVISTS, "any"), "download_mapping": (ARCHIVISTS, "any")},
    "ledger": {"delete_selected": (NOBODY, "any")},
    "jobs": {"delete_selected": (NOBODY, "any")},
    "accounts": {"delete_selected": (ADMINISTRATORS, "any")},
    "sign-in records": {
        "delete_selected": (ADMINISTRATORS, "any"),
        "cleanup_expired_attempts": (ADMINISTRATORS, "any"),
    },
}

# Changing a list's editable column (a heritage item's "featured" flag) from the list.
LIST_EDITABLE = {"a draft": STAFF, "a published record": PUBLISHERS}

# The spreadsheet archive and the rest.
IMPORT_DRAFTS = ARCHIVISTS
IMPORT_PUBLISHING = ARCHIVISTS & PUBLISHERS  # publishes or changes a published record
UNDO_DRAFTS = ARCHIVISTS
UNDO_PUBLISHING = ARCHIVISTS & PUBLISHERS  # would delete or restore a published record
EXPORT = STAFF
CHANGE_OWN_PASSWORD = STAFF
