"""The list and detail pages stay within their weight and query budgets in every language
(benchmarks/page_weight.py, which `make bench` prints)."""

import pytest

from benchmarks.page_weight import BUDGETS, measure, over_budget

pytestmark = pytest.mark.django_db


def test_every_list_and_detail_page_is_within_its_budget(client, source_data):
    assert over_budget(client) == []


def test_the_weight_counts_what_a_first_visitor_fetches(client, source_data):
    weight, queries = measure(client, "/en/heritage/mausoleum-of-khoja-ahmed-yasawi/")
    html = len(client.get("/en/heritage/mausoleum-of-khoja-ahmed-yasawi/").content)
    assert weight > html + 100_000  # the stylesheets, scripts and the photograph's rendition
    assert 0 < queries <= BUDGETS["heritage detail (photograph)"][1]
