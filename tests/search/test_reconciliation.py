"""The reconciliation service at /reconcile/ (W3C Reconciliation API 0.2), as OpenRefine
uses it: the manifest, batches of names by GET and by POST, scores and matches in any
language and either script of Kazakh, only published records, clear errors, never a 500."""

import json

import pytest

from core.models import Status
from tests.factories import make_event, make_heritage_item, make_person

pytestmark = pytest.mark.django_db


@pytest.fixture
def yasawi():
    return make_heritage_item(
        slug="mausoleum-of-khoja-ahmed-yasawi",
        name_kk="Қожа Ахмет Ясауи кесенесі",
        name_ru="Мавзолей Ходжи Ахмеда Ясави",
        name_en="Mausoleum of Khoja Ahmed Yasawi",
    )


def ask(client, queries: dict, method: str = "post", **headers):
    data = {"queries": json.dumps(queries, ensure_ascii=False)}
    send = client.post if method == "post" else client.get
    response = send("/reconcile/", data, **headers)
    assert response.status_code == 200, response.content
    assert response["Access-Control-Allow-Origin"] == "*"
    return response.json()


def test_the_manifest_says_what_the_service_is(client):
    manifest = client.get("/reconcile/").json()
    assert manifest["versions"] == ["0.2"]
    assert manifest["identifierSpace"] == "http://testserver/reconcile/"
    assert manifest["view"]["url"] == "http://testserver/reconcile/view/{{id}}"
    assert [kind["id"] for kind in manifest["defaultTypes"]] == [
        "heritage",
        "event",
        "publication",
        "person",
    ]


@pytest.mark.parametrize(
    "name",
    [
        "Мавзолей Ходжи Ахмеда Ясави",  # Russian
        "Қожа Ахмет Ясауи кесенесі",  # Kazakh
        "mausoleum of khoja ahmed yasawi",  # English, another case
        "Qoja Ahmet Iasaui kesenesi",  # Kazakh in the 2021 Latin alphabet
    ],
)
def test_a_name_in_any_language_or_script_is_matched(client, yasawi, name):
    answer = ask(client, {"q0": {"query": name, "type": "heritage"}})
    best = answer["q0"]["result"][0]
    assert best["id"] == "heritage/mausoleum-of-khoja-ahmed-yasawi"
    assert best["score"] >= 90 and best["match"] is True
    assert best["type"] == [{"id": "heritage", "name": "Heritage item"}]


def test_a_typo_is_offered_but_not_taken_for_a_match(client, yasawi):
    (best,) = ask(client, {"q0": {"query": "Mausoleum of Koja Ahmed Yasavi"}})["q0"]["result"]
    assert best["id"] == "heritage/mausoleum-of-khoja-ahmed-yasawi"
    assert 80 <= best["score"] < 100


def test_a_batch_by_get_answers_each_query_with_its_limit(client, yasawi):
    for number in range(4):
        make_event(slug=f"kazakhstan-joins-{number}", title_en=f"Kazakhstan joins {number}")
    make_person(slug="olzhas", name_ru="Олжас Сулейменов", name_en="Olzhas Suleimenov")
    answer = ask(
        client,
        {
            "a": {"query": "Kazakhstan joins", "type": "event", "limit": 2},
            "b": {"query": "Сулейменов Олжас", "type": "person"},
            "c": {"query": "nothing like it at all"},
        },
        method="get",
    )
    assert len(answer["a"]["result"]) == 2
    assert all(result["match"] is False for result in answer["a"]["result"])  # four alike
    assert answer["b"]["result"][0]["id"] == "person/olzhas"
    assert answer["c"]["result"] == []


def test_two_records_of_the_same_name_are_no_match_even_when_one_is_asked_for(client, yasawi):
    make_heritage_item(slug="another-yasawi", name_en="Mausoleum of Khoja Ahmed Yasawi")
    (best,) = ask(client, {"q0": {"query": "Mausoleum of Khoja Ahmed Yasawi", "limit": 1}})["q0"][
        "result"
    ]
    assert best["score"] == 100 and best["match"] is False


def test_an_unpublished_record_is_never_offered(client):
    make_heritage_item(slug="secret", name_en="Secret draft site", status=Status.DRAFT)
    assert ask(client, {"q0": {"query": "Secret draft site"}})["q0"]["result"] == []
    assert client.get("/reconcile/view/heritage/secret").status_code == 404


def test_the_names_are_given_in_the_readers_language(client, yasawi):
    answer = ask(client, {"q0": {"query": "Yasawi"}}, HTTP_ACCEPT_LANGUAGE="ru")
    assert answer["q0"]["result"][0]["name"] == "Мавзолей Ходжи Ахмеда Ясави"


def test_a_results_id_leads_to_the_records_page(client, yasawi):
    response = client.get("/reconcile/view/heritage/mausoleum-of-khoja-ahmed-yasawi")
    assert response.status_code == 302
    assert response["Location"].endswith("/heritage/mausoleum-of-khoja-ahmed-yasawi/")


@pytest.mark.parametrize(
    ("queries", "message"),
    [
        ("{not json", "“queries” is not valid JSON."),
        ("[]", "“queries” is a JSON object of queries"),
        ('{"q0": {"limit": 3}}', "The query “q0” has no “query” text."),
        ('{"q0": {"query": "x", "type": "city"}}', "“city” is not a type here"),
        ('{"q0": {"query": "x", "limit": "all"}}', "has a “limit” that is not a number"),
        (json.dumps({f"q{n}": {"query": "x"} for n in range(26)}), "At most 25 queries"),
    ],
)
def test_a_bad_request_is_told_what_is_wrong(client, queries, message):
    response = client.post("/reconcile/", {"queries": queries})
    assert response.status_code == 400
    assert message in response.json()["error"]


def test_a_query_costs_a_bounded_number_of_database_queries(
    client, yasawi, django_assert_max_num_queries
):
    for number in range(20):
        make_heritage_item(name_en=f"Mausoleum number {number}")
    with django_assert_max_num_queries(6):
        ask(client, {"q0": {"query": "Mausoleum", "type": "heritage", "limit": 25}})


def test_an_error_speaks_the_requests_language(client):
    response = client.post("/reconcile/", {"queries": "{not json"}, HTTP_ACCEPT_LANGUAGE="kk")
    assert response.json() == {"error": "«queries» жарамды JSON емес."}
    manifest = client.get("/reconcile/", HTTP_ACCEPT_LANGUAGE="ru").json()
    assert manifest["defaultTypes"][0] == {"id": "heritage", "name": "Объект наследия"}
