"""Behind the proxy, the pages' server knows a visitor by the visitor's address, not the
proxy's (community.wsgi): the per-address rate limits hold per visitor."""

from community.wsgi import ClientAddressFromProxy


def remote_address(trusted, **environ):
    seen = {}

    def application(environ, start_response):
        seen.update(environ)
        return [b""]

    ClientAddressFromProxy(application, trusted)(environ, lambda *args: None)
    return seen["REMOTE_ADDR"]


def test_a_visitor_behind_the_trusted_proxy_is_known_by_their_own_address():
    address = remote_address(
        "172.16.0.0/12", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert address == "203.0.113.7"


def test_the_address_is_the_one_the_proxy_wrote_not_one_the_visitor_wrote_before_it():
    address = remote_address(
        "*", REMOTE_ADDR="172.18.0.5", HTTP_X_FORWARDED_FOR="10.0.0.1, 203.0.113.7"
    )
    assert address == "203.0.113.7"


def test_a_peer_that_is_not_a_trusted_proxy_cannot_choose_its_address():
    address = remote_address(
        "127.0.0.1", REMOTE_ADDR="198.51.100.9", HTTP_X_FORWARDED_FOR="203.0.113.7"
    )
    assert address == "198.51.100.9"


def test_a_request_without_the_header_keeps_its_address():
    assert remote_address("*", REMOTE_ADDR="172.18.0.5") == "172.18.0.5"
