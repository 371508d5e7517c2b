"""Every kind of notification is declared by its app, says something in French and in
English, and no service can ask to notify under a verb nobody declared."""

import ast
import importlib
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.utils import translation
from django.utils.functional import Promise

import analytics
from analytics.models import Activity
from common import notifications as kinds
from community.models import Notification
from spaces.notifications import REPLY_CREATED

ROOT = Path(__file__).resolve().parents[2]
APPS = ["common", "members", "analytics", "spaces", "events", "content", "partners", "community"]

# The kinds sent before they were declared: their texts are in the French catalogue.
TRANSLATED = {
    "reply.created",
    "member.mentioned",
    "answer.accepted",
    "space.join_requested",
    "space.request_accepted",
    "space.request_declined",
    "space.invited",
    "content.reported",
    "content.hidden",
    "member.muted",
    "member.removed",
    "event.promoted",
    "event.registered",
    "event.waitlisted",
    "event.changed",
    "event.meeting_requested",
    "event.meeting_accepted",
    "event.meeting_declined",
    "event.meeting_cancelled",
}
WORDS = {"actor": "Alice Tremblay", "title": "Jardins"}


def rendered(kind, language):
    with translation.override(language):
        return str(kind.message) % WORDS


def test_every_kind_says_something_in_french_and_in_english():
    declared = {kind.name: kind for kind in kinds.all()}
    print(
        f"\n{'kind':<26} {'links to':<22} {'channels':<14} {'email setting':<14} français / English"
    )
    for name, kind in declared.items():
        print(
            f"{name:<26} {kind.link.__name__:<22} {'+'.join(sorted(kind.channels)):<14} "
            f"{kind.email_setting or '-':<14} "
            f"{rendered(kind, 'fr')}\n{'':<80} {rendered(kind, 'en')}"
        )
    assert set(declared) >= TRANSLATED
    for name, kind in declared.items():
        assert isinstance(kind.message, Promise), f"{name}: not a lazy gettext text"
        assert rendered(kind, "en"), name
        if name in TRANSLATED:
            assert rendered(kind, "fr") != rendered(kind, "en"), f"{name}: no French text"


def test_every_kind_has_a_link_and_reaches_the_app_and_the_email_by_default():
    for kind in kinds.all():
        assert callable(kind.link), kind.name
        assert kind.channels == {kinds.IN_APP, kinds.EMAIL}, kind.name
        assert kind.emailed and kind.email_setting, kind.name


def test_the_kinds_link_is_the_notifications_link(alice, bob):
    activity = analytics.record(
        alice, REPLY_CREATED, bob.profile, data={"notify": [bob.pk], "title": "Jardins"}
    )
    assert activity.data["url"] == bob.profile.get_absolute_url()
    assert Notification.objects.get(recipient=bob).url == bob.profile.get_absolute_url()


def test_kinds_about_a_post_are_the_replies_mentions_and_answers():
    about_posts = {kind.name for kind in kinds.all() if kind.readable is not None}
    assert about_posts == {"reply.created", "member.mentioned", "answer.accepted"}


def test_recording_a_notification_under_an_undeclared_verb_raises_and_stores_nothing(alice, bob):
    with pytest.raises(ImproperlyConfigured, match="'reply.creatd'"):
        analytics.record(
            alice, "reply.creatd", bob.profile, data={"notify": [bob.pk], "title": "Jardins"}
        )
    assert (Activity.objects.count(), Notification.objects.count()) == (0, 0)


def test_a_verb_recorded_only_for_analytics_needs_no_kind(alice, bob):
    activity = analytics.record(alice, "profile.viewed", bob.profile, data={"n": 1})
    assert Activity.objects.get(pk=activity.pk).verb == "profile.viewed"
    assert Notification.objects.count() == 0


def test_a_kind_is_recorded_under_its_name(alice, bob):
    activity = analytics.record(
        alice, REPLY_CREATED, bob.profile, data={"notify": [bob.pk], "title": "Jardins"}
    )
    assert Activity.objects.get(pk=activity.pk).verb == "reply.created"


def test_a_name_is_declared_once():
    with pytest.raises(ImproperlyConfigured, match="'reply.created'"):
        kinds.register(
            kinds.NotificationKind("reply.created", REPLY_CREATED.message, link=REPLY_CREATED.link)
        )
    assert kinds.get("reply.created") is REPLY_CREATED
    assert kinds.register(REPLY_CREATED) is REPLY_CREATED


# Every analytics.record call in the apps' code that may ask to notify (a `data` that is
# not a plain dict without "notify") names only declared kinds.


def record_calls():
    for app in APPS:
        for path in sorted((ROOT / app).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text(), filename=str(path))
            for function in ast.walk(tree):
                if not isinstance(function, ast.FunctionDef | ast.AsyncFunctionDef):
                    continue
                for node in ast.walk(function):
                    if isinstance(node, ast.Call) and ast.unparse(node.func) == "analytics.record":
                        yield path, function, node


def may_notify(data):
    """Whether the activity's data may hold "notify" (a dict built elsewhere may)."""
    if data is None:
        return False
    if isinstance(data, ast.IfExp):
        return may_notify(data.body) or may_notify(data.orelse)
    if isinstance(data, ast.Dict):
        return None in data.keys or any(
            isinstance(key, ast.Constant) and key.value == "notify" for key in data.keys
        )
    return True


def verbs_of(node, module, function):
    """The names a verb expression may take; None when it cannot be told from the code."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return {node.value}
    if isinstance(node, ast.IfExp):
        return union(verbs_of(branch, module, function) for branch in (node.body, node.orelse))
    if isinstance(node, ast.Subscript):
        table = eval(ast.unparse(node.value), vars(module))
        return {str(value) for value in table.values()}
    if isinstance(node, ast.Name) and node.id not in vars(module):
        values = [
            assign.value
            for assign in ast.walk(function)
            if isinstance(assign, ast.Assign)
            and any(isinstance(t, ast.Name) and t.id == node.id for t in assign.targets)
        ]
        return union(verbs_of(value, module, function) for value in values)
    if isinstance(node, ast.Name | ast.Attribute):
        return {str(eval(ast.unparse(node), vars(module)))}
    return None


def union(found):
    found = list(found)
    return None if not found or None in found else set().union(*found)


def test_every_verb_recorded_with_notify_is_a_declared_kind():
    declared = {kind.name for kind in kinds.all()}
    checked, problems = set(), []
    for path, function, call in record_calls():
        if not may_notify(next((k.value for k in call.keywords if k.arg == "data"), None)):
            continue
        module_name = ".".join(path.relative_to(ROOT).with_suffix("").parts)
        module = importlib.import_module(module_name.removesuffix(".__init__"))
        verb = call.args[1]
        verbs = verbs_of(verb, module, function)
        where = f"{path.relative_to(ROOT)}:{call.lineno}"
        if verbs is None:
            problems.append(f"{where}: the verb {ast.unparse(verb)} cannot be told")
            continue
        problems += [f"{where}: {name!r} is not declared" for name in verbs - declared]
        checked |= verbs
    assert problems == []
    assert checked == declared
