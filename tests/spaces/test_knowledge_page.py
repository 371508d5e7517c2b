"""The knowledge page: its rows written in Python ({% knowledge_rows %}) read as the
template wrote them, and its filters offer the tags of the space's threads only."""

import re

import pytest
from django.db import connection
from django.template import Context, Template
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext

from members.models import Interest
from spaces.queries import answered_questions
from tests.factories import make_reply, make_space, make_thread

# What templates/spaces/_knowledge_results.html held in its loop before.
ROWS = """{% load moments i18n people %}{% for thread in page %}
  <li class="thread-row">
    <div>
      <a href="{{ thread.get_absolute_url }}" class="thread-title">{{ thread.title }}</a>
      <p class="muted">{% author_name thread.accepted_reply.author as name %}{% blocktranslate %}Answered by {{ name }}{% endblocktranslate %} · {% moment thread.answered_at "DATE_FORMAT" %}</p>
    </div>
  </li>
  {% endfor %}"""  # noqa: E501


def normalized(html):
    return re.sub(r"\s+", " ", re.sub(r">\s+<", "><", html)).strip()


def answered(space, asker, answerer, title, *, tags=()):
    question = make_thread(space, asker, title=title, kind="question")
    question.interests.set(list(tags))
    question.accepted_reply = make_reply(question, answerer, body="Une réponse.")
    question.save()
    return question


@pytest.mark.parametrize("answerer_state", ["members", "hidden", "public", "former"])
@pytest.mark.parametrize("reader", ["bob", "dan"])
def test_the_rows_read_as_the_template_wrote_them(alice, bob, dan, answerer_state, reader):
    space = make_space("Jardins", owner=alice, members=[bob])
    answered(space, bob, alice, "Composter <en> hiver ?")
    answered(space, alice, bob, "Quelle « subvention » ?")
    if answerer_state == "former":
        alice.is_active = False
        alice.save()
    else:
        alice.profile.visibility = answerer_state
        alice.profile.save()
    request = RequestFactory().get("/")
    request.user = bob if reader == "bob" else dan
    context = {"page": list(answered_questions(space)), "request": request}
    ours = Template("{% load thread_rows %}{% knowledge_rows page %}").render(Context(context))
    assert normalized(ours) == normalized(Template(ROWS).render(Context(context)))
    assert "Composter &lt;en&gt; hiver ?" in ours


def options(page):
    select = page.split('<select name="tag"')[1].split("</select>")[0]
    return re.findall(r'<option value="([^"]*)"', select)


def test_the_filters_offer_the_tags_of_the_space_threads_as_they_are_now(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    elsewhere = make_space("Logement", owner=alice, members=[bob])
    first = answered(space, bob, alice, "Composter en hiver ?", tags=["Compost"])
    answered(elsewhere, bob, alice, "Un bail ?", tags=["Baux"])
    client.force_login(bob)
    url = f"/en/spaces/{space.slug}/knowledge/"
    assert options(client.get(url).content.decode()) == ["", "compost"]
    answered(space, bob, alice, "Des semis ?", tags=["Agriculture urbaine"])
    assert options(client.get(url).content.decode()) == ["", "agriculture-urbaine", "compost"]
    chosen = client.get(url, {"tag": "compost"}).content.decode()
    assert '<option value="compost" selected>' in chosen
    first.interests.remove(Interest.objects.get(slug="compost"))
    assert options(client.get(url).content.decode()) == ["", "agriculture-urbaine"]
    interest = Interest.objects.get(slug="agriculture-urbaine")
    interest.name = "Jardinage urbain"
    interest.save()
    assert ">Jardinage urbain</option>" in client.get(url).content.decode()


def test_a_tag_of_another_space_filters_nothing(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    elsewhere = make_space("Logement", owner=alice, members=[bob])
    answered(space, bob, alice, "Composter en hiver ?", tags=["Compost"])
    answered(elsewhere, bob, alice, "Un bail ?", tags=["Baux"])
    client.force_login(bob)
    response = client.get(f"/en/spaces/{space.slug}/knowledge/", {"tag": "baux"})
    assert response.context["form"].errors["tag"]
    assert [t.title for t in response.context["page"]] == ["Composter en hiver ?"]


def test_the_results_alone_read_no_tags(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    answered(space, bob, alice, "Composter en hiver ?", tags=["Compost"])
    client.force_login(bob)
    url = f"/en/spaces/{space.slug}/knowledge/"
    with CaptureQueriesContext(connection) as queries:
        page = client.get(url, HTTP_HX_REQUEST="true").content.decode()
    assert "<select" not in page and "Composter en hiver ?" in page
    assert not [query for query in queries if "members_interest" in query["sql"]]
