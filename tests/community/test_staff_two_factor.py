def test_staff_without_an_authenticator_must_set_one_up_first(client, staff):
    client.force_login(staff)
    response = client.get("/en/members/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"
    response = client.get("/en/admin/")
    assert response["Location"] == "/en/accounts/2fa/totp/activate/"


def test_staff_can_still_reach_two_factor_setup_and_sign_out(client, staff):
    client.force_login(staff)
    assert client.get("/en/accounts/2fa/").status_code == 200
    assert client.post("/en/accounts/logout/").status_code == 302


def test_staff_with_an_authenticator_uses_the_admin(staff_client):
    assert staff_client.get("/en/admin/").status_code == 200
    assert staff_client.get("/en/admin/members/user/").status_code == 200
    assert staff_client.get("/en/admin/members/profile/").status_code == 200


def test_members_are_not_asked_for_two_factor(alice_client):
    assert alice_client.get("/en/members/").status_code == 200


def test_admin_sign_in_goes_through_the_site_sign_in(client, db):
    response = client.get("/en/admin/", follow=False)
    assert response["Location"] == "/en/admin/login/?next=/en/admin/"
    response = client.get("/en/admin/login/?next=/en/admin/")
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/login/?next=/en/admin/"


def test_members_cannot_use_the_admin(alice_client):
    response = alice_client.get("/en/admin/", follow=True)
    assert response.status_code == 403


def test_signing_in_with_an_authenticator_asks_for_the_code(client, staff_with_totp):
    from tests.factories import PASSWORD

    response = client.post(
        "/en/accounts/login/", {"login": staff_with_totp.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/2fa/authenticate/"
    assert client.get("/en/admin/").status_code == 302


def test_a_staff_members_first_sign_in_goes_straight_to_the_two_factor_setup(client, staff):
    from tests.factories import PASSWORD

    response = client.post(
        "/en/accounts/login/", {"login": staff.email, "password": PASSWORD}, follow=True
    )
    assert response.redirect_chain[-1][0] == "/en/accounts/2fa/totp/activate/"
    assert response.status_code == 200
    assert "reauthenticate" not in response.redirect_chain[-1][0]
    assert 'name="code"' in response.content.decode()
    assert 'name="password"' not in response.content.decode()


def test_later_two_factor_changes_still_ask_for_the_password(client, staff_with_totp):
    client.force_login(staff_with_totp)
    response = client.get("/en/accounts/2fa/totp/deactivate/")
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/reauthenticate/")
