import re

from allauth.account.models import EmailAddress
from django.core import mail

from members.models import User

SIGNUP = "/en/accounts/signup/"
STRONG = "un-mot-de-passe-solide-42"


def signup(client, email="nora@example.org", password=STRONG, name="Nora Bouchard", url=SIGNUP):
    return client.post(
        url,
        {"email": email, "password1": password, "password2": password, "display_name": name},
    )


def confirmation_link(message):
    return re.search(
        r"https?://[^/\s]+(/\S*/accounts/confirm-email/\S+/|/accounts/confirm-email/\S+/)",
        message.body,
    ).group(1)


def test_sign_up_creates_an_account_waiting_for_email_verification(client, db):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    user = User.objects.get(email="nora@example.org")
    assert user.profile.display_name == "Nora Bouchard"
    assert user.profile.language == "en"
    assert EmailAddress.objects.get(user=user).verified is False
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nora@example.org"]


def test_confirming_the_email_signs_the_member_in(client, db):
    signup(client)
    link = confirmation_link(mail.outbox[0])
    response = client.post(link)
    assert response.status_code == 302
    assert EmailAddress.objects.get(email="nora@example.org").verified is True
    assert client.get("/en/members/").status_code == 200


def test_unverified_member_cannot_sign_in(client, db):
    signup(client)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "nora@example.org", "password": STRONG})
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert client.get("/en/members/").status_code == 302


def test_sign_up_in_french_remembers_french_and_sends_the_email_in_french(client, db):
    signup(client, url="/accounts/signup/")
    assert User.objects.get(email="nora@example.org").profile.language == "fr"
    assert "Confirmez" in mail.outbox[0].subject or "confirm" in mail.outbox[0].subject.lower()
    assert "Confirm Your Email" not in mail.outbox[0].subject


def test_sign_up_with_a_taken_email_creates_no_account_and_discloses_nothing(client, alice):
    response = signup(client, email="ALICE@example.org")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert User.objects.filter(email__iexact="alice@example.org").count() == 1
    # The address's owner is told by email instead, in her own language (French).
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["alice@example.org"]
    assert "demandé à créer" in mail.outbox[0].body
    assert "/accounts/password/reset/" in mail.outbox[0].body


def test_sign_up_with_a_weak_password_is_refused_with_a_message(client, db):
    response = signup(client, password="password")
    assert response.status_code == 200
    assert "This password is too common." in response.content.decode()
    assert not User.objects.filter(email="nora@example.org").exists()


def test_sign_up_with_markup_in_the_name_is_refused(client, db):
    response = signup(client, name="<script>alert(1)</script>")
    assert response.status_code == 200
    assert "HTML tags" in response.content.decode()
    assert not User.objects.filter(email="nora@example.org").exists()


def test_member_signs_in_and_out(client, alice):
    from tests.factories import PASSWORD

    response = client.post(
        "/en/accounts/login/", {"login": "alice@example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert client.get("/en/members/").status_code == 200
    client.post("/en/accounts/logout/")
    assert client.get("/en/members/").status_code == 302


def test_wrong_password_is_refused_and_rate_limited(client, alice):
    from tests.factories import PASSWORD

    for _attempt in range(5):
        response = client.post(
            "/en/accounts/login/", {"login": "alice@example.org", "password": "nope"}
        )
        assert response.status_code == 200
    response = client.post(
        "/en/accounts/login/", {"login": "alice@example.org", "password": PASSWORD}
    )
    assert "Too many failed login attempts" in response.content.decode()
    assert client.get("/en/members/").status_code == 302


def test_password_reset_sends_a_link_to_a_known_address_only(client, alice):
    client.post("/en/accounts/password/reset/", {"email": "alice@example.org"})
    client.post("/en/accounts/password/reset/", {"email": "nobody@example.org"})
    recipients = [message.to for message in mail.outbox]
    assert ["alice@example.org"] in recipients
    reset = next(m for m in mail.outbox if m.to == ["alice@example.org"])
    assert "/accounts/password/reset/key/" in reset.body


def test_member_adds_an_email_address_which_must_be_verified(alice_client, alice):
    response = alice_client.post(
        "/en/accounts/email/", {"action_add": "", "email": "alice.new@example.org"}
    )
    assert response.status_code == 302
    address = EmailAddress.objects.get(email="alice.new@example.org")
    assert address.user == alice
    assert address.verified is False
    assert mail.outbox[-1].to == ["alice.new@example.org"]


def test_every_member_can_set_up_two_factor_authentication(alice_client):
    from tests.factories import PASSWORD

    assert alice_client.get("/en/accounts/2fa/").status_code == 200
    response = alice_client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
    alice_client.post("/en/accounts/reauthenticate/", {"password": PASSWORD})
    response = alice_client.get("/en/accounts/2fa/totp/activate/")
    assert response.status_code == 200
    assert "Authenticator" in response.content.decode()
