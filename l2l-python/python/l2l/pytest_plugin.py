"""The pytest plugin of l2l (entry point ``pytest11``): a fresh demo sandbox per test.

    def test_machines(l2l_sandbox):
        client = l2l.Client(base_url=l2l_sandbox.base_url, api_key=l2l_sandbox.api_key)
        assert client.list("machines", site=1)

    def test_flaky(l2l_sandbox_factory):
        sb = l2l_sandbox_factory(seed="empty", faults=0.2)
"""

import pytest

import l2l


@pytest.fixture
def l2l_sandbox():
    """A sandbox seeded with the demo plant, closed after the test."""
    with l2l.Sandbox(seed="demo") as sb:
        yield sb


@pytest.fixture
def l2l_sandbox_factory():
    """Starts sandboxes with any of ``l2l.Sandbox``'s options; all closed after the test."""
    started = []

    def start(**options):
        sb = l2l.Sandbox(**options)
        started.append(sb)
        return sb

    yield start
    for sb in started:
        sb.close()
