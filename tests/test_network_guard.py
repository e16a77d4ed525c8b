import socket

import pytest


def test_guard_blocks_non_loopback_and_fails_even_if_caught(network_guard):
    with pytest.raises(ConnectionRefusedError, match="blocked"):
        socket.create_connection(("10.255.255.1", 80), timeout=0.5)
    assert network_guard.attempts == ["('10.255.255.1', 80)"]
    network_guard.attempts.clear()  # the guard's own test: do not fail it at teardown


def test_guard_blocks_name_lookups(network_guard):
    with pytest.raises(socket.gaierror):
        socket.getaddrinfo("huggingface.co", 443)
    assert network_guard.attempts
    network_guard.attempts.clear()


def test_guard_allows_loopback():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(1)
    port = server.getsockname()[1]
    with socket.create_connection(("127.0.0.1", port), timeout=2):
        pass
    server.close()
