"""Shared by the suite: a client of the per-test demo sandbox (the plugin's fixture)."""

import pytest

import l2l


@pytest.fixture
def client(l2l_sandbox):
    return l2l.Client(base_url=l2l_sandbox.base_url, api_key=l2l_sandbox.api_key)
