"""The frame of every page (community/templatetags/site_parts.py): the menu for who is
looking, the open section, the counts, the way back after changing language."""

import re

from django.template.loader import render_to_string

from community.models import Notification
from community.services import push_unread_counts


def menu(page):
    return page.split('<nav aria-label="')[1].split("</nav>")[0]


def test_a_visitor_is_offered_to_sign_in_or_join_and_sees_no_member_menu(client, db):
    page = client.get("/accounts/login/").content.decode()
    assert 'href="/accounts/login/">Se connecter</a>' in menu(page)
    assert "Rejoindre" in menu(page)
    assert "/members/" not in menu(page)
    assert "data-live-bell" not in page
    assert "js/live" not in page  # no live updates without an account
    assert 'name="next" type="hidden" value="/accounts/login/"' in page


def test_a_member_sees_the_menu_with_the_open_section_and_no_administration(alice_client):
    page = alice_client.get("/events/").content.decode()
    assert re.search(r'href="/events/" aria-current="page">Événements</a>', page)
    assert 'href="/spaces/">Espaces</a>' in page
    assert "Administration" not in page
    assert '<a class="skip-link" href="#main">Aller au contenu</a>' in page
    page = alice_client.get("/en/members/").content.decode()
    assert 'href="/en/members/" aria-current="page">Directory</a>' in page
    assert 'href="/en/events/">Events</a>' in page
    assert 'value="fr" lang="fr"' in page and 'value="en" lang="en"' not in page


def test_staff_see_the_administration_link(staff_client):
    assert 'href="/admin/">Administration</a>' in staff_client.get("/").content.decode()


def test_the_counts_and_the_token_are_the_requests_own(alice_client, alice, bob):
    page = alice_client.get("/").content.decode()
    assert '<span class="badge" data-unread-count hidden>0</span>' in page
    Notification.objects.create(recipient=alice, actor=bob, verb="reply", title="Bonjour")
    push_unread_counts([alice.pk])
    page = alice_client.get("/").content.decode()
    assert '<span class="badge" data-unread-count >1</span>' in page
    token = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
    tokens = token.findall(page)
    assert len(tokens) == 2 and tokens[0] == tokens[1]  # sign-out and language forms
    other = re.findall(
        r'name="csrfmiddlewaretoken" value="([^"]+)"', alice_client.get("/").content.decode()
    )
    assert other[0] != tokens[0]  # masked anew for each page, as {% csrf_token %} does


def test_the_way_back_after_changing_language_is_escaped(alice_client):
    page = alice_client.get('/members/?q="><script>').content.decode()
    assert "<script>" not in page.split('name="next"')[1].split(">")[0]
    assert "&quot;&gt;&lt;script&gt;" in page


def test_messages_are_shown_under_the_header_once(alice_client):
    assert 'class="messages"' not in alice_client.get("/").content.decode()
    page = alice_client.post("/notifications/read/", follow=True).content.decode()
    assert page.count('<p class="message message-success">') == 1
    assert 'class="messages"' not in alice_client.get("/").content.decode()


def test_a_page_rendered_without_its_request_still_has_its_frame(db):
    page = render_to_string("404.html")
    assert '<header class="site-header">' in page
    assert 'name="next" type="hidden" value=""' in page
