"""Who is signed in, read by members/auth.py's backends: the same member as Django's
ModelBackend would find, sessions from before the change kept, nobody for an account that
may no longer sign in."""

from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY

from tests.factories import PASSWORD

DIRECTORY = "/en/members/"


def _session_from_before(client, user, backend):
    """A session as Django wrote it when `backend` signed `user` in."""
    session = client.session
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = backend
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.save()
    client.cookies["sessionid"] = session.session_key
    return session.session_key


def test_signing_in_names_one_of_the_new_backends_and_reads_the_member(client, alice):
    client.post("/en/accounts/login/", {"login": "alice@example.org", "password": PASSWORD})

    assert client.session[BACKEND_SESSION_KEY].startswith("members.auth.")
    response = client.get(DIRECTORY)
    assert response.status_code == 200
    assert response.wsgi_request.user == alice


def test_a_session_written_before_keeps_its_member_signed_in(client, alice):
    for former in (
        "django.contrib.auth.backends.ModelBackend",
        "allauth.account.auth_backends.AuthenticationBackend",
    ):
        _session_from_before(client, alice, former)

        response = client.get(DIRECTORY)

        assert response.status_code == 200
        assert response.wsgi_request.user == alice
        assert client.session[BACKEND_SESSION_KEY].startswith("members.auth.")


def test_a_deactivated_account_is_signed_out_on_its_next_request(client, alice):
    client.force_login(alice)
    alice.is_active = False
    alice.save(update_fields=["is_active"])

    response = client.get(DIRECTORY)

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_a_changed_password_signs_the_other_sessions_out(client, alice):
    client.force_login(alice)
    alice.set_password("un-autre-mot-de-passe-99")
    alice.save()

    assert client.get(DIRECTORY).status_code == 302


def test_a_backend_no_longer_listed_signs_nobody_in(client, alice):
    _session_from_before(client, alice, "tests.elsewhere.Backend")

    assert client.get(DIRECTORY).status_code == 302
