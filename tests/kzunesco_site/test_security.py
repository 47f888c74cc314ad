"""Sign-in throttling, open redirects, forged hosts, security headers."""

import pytest
from django.test import Client

from tests.factories import make_heritage_item

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"


@pytest.fixture
def staff(django_user_model):
    return django_user_model.objects.create_user("curator", password="right-pw", is_staff=True)


def attempt(client: Client, password: str, **headers):
    return client.post(
        LOGIN, {"username": "curator", "password": password, "next": "/admin/"}, **headers
    )


def test_five_failures_lock_the_account_out_even_with_the_right_password(client, staff):
    for _ in range(4):
        assert attempt(client, "wrong").status_code == 200
    assert attempt(client, "wrong").status_code == 429  # the fifth failure locks
    locked = attempt(client, "right-pw")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.content.decode()


def test_a_rotated_x_forwarded_for_does_not_escape_the_lockout(client, staff):
    for n in range(5):
        attempt(client, "wrong", HTTP_X_FORWARDED_FOR=f"203.0.113.{n}")
    assert attempt(client, "right-pw", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429


def test_other_user_names_from_a_locked_address_are_refused_too(client, staff, django_user_model):
    django_user_model.objects.create_user("other", password="pw2", is_staff=True)
    for _ in range(5):
        attempt(client, "wrong")
    response = client.post(LOGIN, {"username": "other", "password": "pw2"})
    assert response.status_code == 429


def test_a_successful_sign_in_resets_the_count(client, staff):
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "right-pw").status_code == 302
    client.logout()
    for _ in range(4):
        attempt(client, "wrong")
    assert attempt(client, "right-pw").status_code == 302


@pytest.mark.parametrize(
    "target", ["https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example"]
)
def test_sign_in_never_redirects_off_site(client, staff, target):
    response = client.post(LOGIN, {"username": "curator", "password": "right-pw", "next": target})
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_sign_out_never_redirects_off_site(client, staff, target):
    client.force_login(staff)
    response = client.post("/admin/logout/", {"next": target})
    assert "evil.example" not in response.get("Location", "")


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": target})
    assert response.status_code == 302
    assert "evil.example" not in response["Location"]


def test_language_switch_keeps_a_local_page(client):
    response = client.post("/i18n/setlang/", {"language": "ru", "next": "/en/heritage/"})
    assert response["Location"] == "/ru/heritage/"


def test_a_forged_host_is_refused(client):
    assert client.get("/en/", HTTP_HOST="evil.example").status_code == 400


def test_security_headers_on_public_pages(client):
    response = client.get(make_heritage_item().get_absolute_url())  # has JSON-LD
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in policy and "unsafe-inline" not in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()
