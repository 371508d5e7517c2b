from analytics.models import Activity
from tests.factories import make_reply, make_space, make_thread


def accept_url(thread):
    return f"/en/spaces/{thread.space.slug}/threads/{thread.pk}/accept/"


def test_the_author_accepts_an_answer_and_the_question_enters_the_knowledge(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    question = make_thread(space, bob, title="Comment composter en hiver ?", kind="question")
    answer = make_reply(question, alice, body="Avec un bac isolé.")
    client.force_login(bob)
    client.post(accept_url(question), {"reply": answer.pk})
    question.refresh_from_db()
    assert question.accepted_reply == answer
    assert Activity.objects.filter(verb="answer.accepted", target_id=answer.pk).count() == 1
    knowledge = client.get(f"/en/spaces/{space.slug}/knowledge/")
    assert [t.title for t in knowledge.context["page"]] == ["Comment composter en hiver ?"]
    page = client.get(f"/en/spaces/{space.slug}/threads/{question.pk}/").content.decode()
    assert "Accepted answer" in page


def test_a_moderator_may_accept_an_answer_but_another_member_may_not(
    client, alice, bob, carol, dan
):
    space = make_space("Jardins", owner=alice, moderator=carol, members=[bob, dan])
    question = make_thread(space, bob, kind="question")
    answer = make_reply(question, alice)
    client.force_login(dan)
    assert client.post(accept_url(question), {"reply": answer.pk}).status_code == 403
    client.force_login(carol)
    assert client.post(accept_url(question), {"reply": answer.pk}).status_code == 302
    question.refresh_from_db()
    assert question.accepted_reply == answer


def test_a_discussion_has_no_accepted_answer(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    discussion = make_thread(space, bob)
    reply = make_reply(discussion, alice)
    client.force_login(bob)
    assert client.post(accept_url(discussion), {"reply": reply.pk}).status_code == 403


def test_a_reply_from_another_thread_cannot_be_accepted(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    question = make_thread(space, bob, kind="question")
    elsewhere = make_reply(make_thread(space, alice), alice)
    client.force_login(bob)
    assert client.post(accept_url(question), {"reply": elsewhere.pk}).status_code == 404
    assert client.post(accept_url(question), {"reply": "abc"}).status_code == 404


def test_knowledge_is_searchable_by_word_and_tag(client, alice, bob):
    space = make_space("Jardins", owner=alice, members=[bob])
    compost = make_thread(space, bob, title="Composter en hiver ?", kind="question")
    compost.interests.set(["Agriculture urbaine"])
    grants = make_thread(space, bob, title="Quelle subvention ?", kind="question")
    unanswered = make_thread(space, bob, title="Composter sur un balcon ?", kind="question")
    for question, body in [(compost, "Un bac isolé"), (grants, "Le programme municipal")]:
        question.accepted_reply = make_reply(question, alice, body=body)
        question.save()
    client.force_login(bob)
    url = f"/en/spaces/{space.slug}/knowledge/"

    def titles(**params):
        return [t.title for t in client.get(url, params).context["page"]]

    assert sorted(titles()) == ["Composter en hiver ?", "Quelle subvention ?"]
    assert titles(q="composter") == ["Composter en hiver ?"]
    assert titles(q="municipal") == ["Quelle subvention ?"]
    assert titles(tag="agriculture-urbaine") == ["Composter en hiver ?"]
    assert unanswered.title not in titles()
