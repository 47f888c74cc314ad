"""The LIKE that SQLite connections get: SQL's LIKE, with Unicode case folding."""

import pytest
from django.db import connection

from core.sqlite import unicode_like


@pytest.mark.parametrize(
    ("pattern", "value", "expected"),
    [
        ("%ЖІБЕК%", "Ұлы Жібек жолы", True),  # Kazakh letters fold
        ("%қорқыт%", "ҚОРҚЫТ АТА МҰРАСЫ", True),
        ("%strasse%", "Hauptstraße", True),  # ß folds to ss
        ("%tamgaly%", "Petroglyphs of Tamgaly", True),
        ("%tamgaly%", "Petroglyphs of Tamgal", False),
        ("tamgaly%", "Tamgaly petroglyphs", True),
        ("tamgaly%", "The Tamgaly petroglyphs", False),
        ("%glyphs", "Petroglyphs", True),
        ("%glyphs", "Petroglyphs of Tamgaly", False),
        ("t_mgaly", "Tamgaly", True),
        ("%a_y%", "Tamgaly", True),
        ("%a_y%", "Tamg", False),
        ("%", "", True),
        ("%%", "anything", True),
        ("", "", True),
        ("", "x", False),
        ("%line%", "first\nline two", True),
        ("%50\\%%", "up 50% in 2020", True),  # escaped wildcard is a literal
        ("%50\\%%", "up 500 in 2020", False),
        ("%a\\_b%", "xa_by", True),
        ("%a\\_b%", "xacby", False),
        ("%.*%", "no regex here", False),  # regex characters are literal
        ("%.*%", "a .* b", True),
    ],
)
def test_like_matches_as_sql_does_with_unicode_case_folding(pattern, value, expected):
    assert unicode_like(pattern, value, "\\") is expected


def test_null_on_either_side_is_null():
    assert unicode_like(None, "x") is None
    assert unicode_like("%x%", None) is None


@pytest.mark.django_db
def test_the_database_uses_it_on_sqlite():
    if connection.vendor != "sqlite":
        pytest.skip("PostgreSQL folds case itself")
    with connection.cursor() as cursor:
        cursor.execute("SELECT %s LIKE %s ESCAPE '\\'", ["Қазақстан", "%ҚАЗАҚ%"])
        assert cursor.fetchone() == (1,)
