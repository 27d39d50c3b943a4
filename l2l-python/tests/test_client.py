"""The client against a real sandbox: every method, values typed, errors by kind."""

import datetime
import decimal
import os
import sqlite3
import subprocess
import sys

import pytest

import l2l


def test_list_filters_fields_and_order(client):
    ms = client.list("machines", site=1, where={"code__gte": "M-1"}, fields=["id", "code"], order_by="-code")
    assert ms, "the demo has machines"
    assert all(set(m) <= {"id", "code"} for m in ms)
    codes = [m["code"] for m in ms]
    assert codes == sorted(codes, reverse=True)
    assert all(c >= "M-1" for c in codes)


def test_list_is_in_id_order_and_stream_matches(client):
    listed = client.list("machines", site=1)
    ids = [m["id"] for m in listed]
    assert ids == sorted(ids)
    streamed = list(client.stream("machines", site=1))
    assert sorted(m["id"] for m in streamed) == ids  # ranges read in parallel
    assert len(client.list("machines", site=1, limit=2)) == 2


def test_values_are_typed_as_python_users_expect(client):
    m = client.get("machines", 1, site=1)
    assert isinstance(m["lastupdated"], datetime.datetime)
    assert m["lastupdated"].tzinfo is not None
    assert isinstance(m["active"], bool)
    assert isinstance(m["id"], int)
    # Custom properties are kept (with a site, L2L sends them).
    assert any(k.startswith("custom__") or k == "color" for k in m) or "custom__color" in str(m)


def test_create_update_delete_round_trip(client):
    created = client.create("machines", {"site": 1, "code": "PY-1", "description": "from Python"})
    mid = created["id"]
    assert created["code"] == "PY-1"
    updated = client.update("machines", mid, {"description": "changed", "active": False})
    assert updated["description"] == "changed"
    assert updated["active"] is False
    client.delete("machines", mid)
    with pytest.raises(l2l.NotFoundError):
        client.get("machines", mid)


def test_call_returns_the_whole_answer(client):
    answer = client.call("GET", "sites/", limit=1)
    assert answer["success"] is True
    assert isinstance(answer["data"], list)


def test_a_misspelt_field_is_refused_before_sending(l2l_sandbox, client):
    before = l2l_sandbox.requests
    with pytest.raises(l2l.InvalidRequest) as e:
        client.list("machines", site=1, where={"cod": "M-100"})
    assert e.value.field == "cod"
    assert e.value.suggestion == "code"
    with pytest.raises(l2l.InvalidRequest) as e:
        client.list("machines", site=1, fields=["id", "descripton"])
    assert e.value.suggestion == "description"
    with pytest.raises(l2l.InvalidRequest):
        client.list("machines", site=1, where={"id__gte": "seven"})
    with pytest.raises(l2l.InvalidRequest, match="kept per site"):
        client.list("machines")
    with pytest.raises(l2l.InvalidRequest) as e:
        client.create("machines", {"site": 1, "cod": "X"})
    assert e.value.suggestion == "code"
    with pytest.raises(TypeError):
        client.create("machines", {"site": 1, "code": object()})
    assert l2l_sandbox.requests == before, "nothing was sent"


def test_errors_are_subclasses_by_kind(l2l_sandbox, client):
    bad = l2l.Client(base_url=l2l_sandbox.base_url, api_key="wrong")
    with pytest.raises(l2l.AuthError):
        bad.list("sites")
    # A refusal (`success: false`): raised by the typed methods, returned as sent by call().
    code = client.list("machines", site=1)[0]["code"]
    with pytest.raises(l2l.RefusedError) as e:
        client.create("machines", {"site": 1, "code": code})
    assert e.value.messages
    answer = client.call("POST", "machines/", site=1, code=code)
    assert answer["success"] is False
    unreachable = l2l.Client(base_url="http://127.0.0.1:9", api_key="k")
    with pytest.raises(l2l.NetworkError):
        unreachable.list("sites")
    for cls in (l2l.InvalidRequest, l2l.AuthError, l2l.NotFoundError, l2l.RefusedError, l2l.NetworkError, l2l.ServerError):
        assert issubclass(cls, l2l.Error)
    with pytest.raises(l2l.InvalidRequest):
        l2l.Client(base_url=l2l_sandbox.base_url)  # no key


def test_undeclared_areas_work_untyped(client):
    # An area l2l-areas does not declare: sent unchecked, answered as the server answers.
    with pytest.raises(l2l.Error):
        client.list("kanbancards", site=1)


def test_sync_into_sqlite_then_only_changes(tmp_path, client):
    db = tmp_path / "plant.db"
    first = client.sync("machines", site=1, to=f"sqlite:{db}")
    n = sqlite3.connect(db).execute("SELECT count(*) FROM machines").fetchone()[0]
    assert first["written"] == n > 0
    client.update("machines", 1, {"description": "again"})
    second = client.sync("machines", site=1, to=f"sqlite:{db}")
    assert 1 <= second["written"] < 100
    desc = sqlite3.connect(db).execute("SELECT description FROM machines WHERE id = 1").fetchone()[0]
    assert desc == "again"


def test_sandbox_options_and_factory(l2l_sandbox_factory):
    sb = l2l_sandbox_factory(seed="empty", api_key="fixed-key", latency_ms=1)
    assert sb.api_key == "fixed-key"
    c = l2l.Client(base_url=sb.base_url, api_key="fixed-key")
    assert c.list("machines", site=1) == []
    with pytest.raises(l2l.InvalidRequest):
        l2l.Sandbox(seed="bogus")
    with pytest.raises(l2l.InvalidRequest):
        l2l.Sandbox(faults=2.0)


def test_env_names_the_server(monkeypatch, l2l_sandbox):
    monkeypatch.setenv("L2L_BASE_URL", l2l_sandbox.base_url)
    monkeypatch.setenv("L2L_API_KEY", l2l_sandbox.api_key)
    assert l2l.Client().list("sites")


def test_ctrl_c_stops_a_long_list(tmp_path):
    # A child process lists a slow sandbox; SIGINT reaches it while pages are in flight.
    script = tmp_path / "slow.py"
    script.write_text(
        "import l2l, sys\n"
        "sb = l2l.Sandbox(seed='20000:machines', latency_ms=200)\n"
        "c = l2l.Client(base_url=sb.base_url, api_key=sb.api_key)\n"
        "print('ready', flush=True)\n"
        "try:\n"
        "    c.list('machines', site=1)\n"
        "    print('finished')\n"
        "except KeyboardInterrupt:\n"
        "    print('interrupted', flush=True)\n"
    )
    p = subprocess.Popen([sys.executable, str(script)], stdout=subprocess.PIPE, text=True)
    assert p.stdout.readline().strip() == "ready"
    import signal
    import time

    time.sleep(0.5)
    p.send_signal(signal.SIGINT)
    out, _ = p.communicate(timeout=20)
    assert out.strip() == "interrupted"
