"""client.arrow: a typed pyarrow.Table built in Rust, holding what list() holds."""

import datetime
import decimal

import pyarrow as pa
import pytest

import l2l


def by_id(rows):
    return {r["id"]: r for r in rows}


def test_arrow_holds_what_list_holds_in_typed_columns(client):
    t = client.arrow("machines", site=1)
    assert isinstance(t, pa.Table)
    listed = client.list("machines", site=1)
    assert t.num_rows == len(listed)
    s = t.schema
    assert s.field("id").type == pa.int64()
    assert s.field("code").type == pa.string()
    assert s.field("active").type == pa.bool_()
    assert s.field("cyclecount").type == pa.int64()
    assert s.field("lastupdated").type == pa.timestamp("us", tz="UTC")
    assert s.field("_extra").type == pa.string()
    rows = by_id(t.to_pylist())
    for m in listed:
        r = rows[m["id"]]
        for k in ("code", "active", "cyclecount", "description"):
            assert r[k] == m.get(k), (k, r, m)
        assert r["lastupdated"] == m["lastupdated"]
    # Custom properties (the demo's machines have a colour) are in `_extra`.
    assert any(r["_extra"] and "custom__color" in r["_extra"] for r in rows.values())


def test_decimals_and_dates_keep_their_values(client):
    t = client.arrow("dispatches", site=1)
    assert t.schema.field("downtime").type == pa.decimal128(38, 9)
    rows = by_id(t.to_pylist())
    listed = client.list("dispatches", site=1)
    assert len(rows) == len(listed) > 0
    for d in listed:
        got = rows[d["id"]]["downtime"]
        want = d["downtime"]
        if want is None:
            assert got is None
        else:
            assert isinstance(got, decimal.Decimal)
            assert got == want, (got, want)
        assert rows[d["id"]]["reported"] == d["reported"]
    assert all(
        isinstance(r["reported"], datetime.datetime) for r in rows.values() if r["reported"]
    )


def test_fields_where_and_errors(client):
    t = client.arrow("machines", site=1, fields=["id", "code"], where={"code__gte": "M-2"})
    assert t.column_names == ["id", "code", "_extra"]
    assert all(c >= "M-2" for c in t.column("code").to_pylist())
    with pytest.raises(l2l.InvalidRequest) as e:
        client.arrow("machines", site=1, where={"cod": "x"})
    assert e.value.suggestion == "code"
    with pytest.raises(l2l.InvalidRequest):
        client.arrow("kanbancards", site=1)  # undeclared: list() reads it, arrow() cannot type it
    with pytest.raises(l2l.InvalidRequest):
        client.arrow("machines")  # per site


def test_a_large_area_comes_whole_and_in_id_order_when_sorted():
    with l2l.Sandbox(seed="20000:machines") as sb:
        c = l2l.Client(base_url=sb.base_url, api_key=sb.api_key)
        t = c.arrow("machines", site=1)
        ids = t.column("id").to_pylist()
        assert len(ids) == len(set(ids)) >= 20000
        assert t.num_rows == len(c.list("machines", site=1, fields=["id"]))


def test_a_live_sandbox_and_an_imported_copy(tmp_path):
    # A live plant at 6,000 simulated seconds a second: its dispatches move while we watch.
    import time

    with l2l.Sandbox(live=6000.0, live_seed=2) as sb:
        c = l2l.Client(base_url=sb.base_url, api_key=sb.api_key)
        before = len(c.list("pitches", site=1, fields=["id"]))
        for _ in range(100):
            time.sleep(0.1)
            if len(c.list("pitches", site=1, fields=["id"])) >= before + 3:
                break
        assert len(c.list("pitches", site=1, fields=["id"])) >= before + 3
    # A sync's SQLite file, served again by a sandbox that imports it.
    db = tmp_path / "plant.db"
    with l2l.Sandbox() as sb:
        c = l2l.Client(base_url=sb.base_url, api_key=sb.api_key)
        c.sync("machines", site=1, to=f"sqlite:{db}")
        want = c.list("machines", site=1)
    with l2l.Sandbox(import_=str(db)) as copy:
        c = l2l.Client(base_url=copy.base_url, api_key=copy.api_key)
        assert c.list("machines", site=1) == want


def test_a_value_that_does_not_fit_its_column_is_null_and_warned():
    """A server that sends a value its field's type cannot hold (L2L's own pages can):
    the cell is null, and one warning names each column and how many did not fit."""
    import http.server
    import json
    import threading

    page = {
        "success": True,
        "limit": 2000,
        "offset": 0,
        "data": [
            {"id": 1, "site": 1, "code": "M-1", "cyclecount": "lots",
             "lastupdated": "2024-01-02 03:04:05"},
            {"id": 2, "site": 1, "code": "M-2", "cyclecount": 7,
             "lastupdated": "not a time"},
        ],
    }
    body = json.dumps(page).encode()

    class Page(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Page)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        c = l2l.Client(base_url=f"http://127.0.0.1:{server.server_port}", api_key="k")
        with pytest.warns(UserWarning, match=r"`cyclecount` \(1\), `lastupdated` \(1\)"):
            t = c.arrow("machines", site=1)
    finally:
        server.shutdown()
    rows = by_id(t.to_pylist())
    assert rows[1]["cyclecount"] is None
    assert rows[2]["cyclecount"] == 7
    utc = datetime.timezone.utc
    assert rows[1]["lastupdated"] == datetime.datetime(2024, 1, 2, 3, 4, 5, tzinfo=utc)
    assert rows[2]["lastupdated"] is None
