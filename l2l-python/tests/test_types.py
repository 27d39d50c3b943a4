"""The area types: generated from the schema and current, true to the values the client
returns, and seen by mypy through the stub's overloads."""

import datetime
import decimal
import json
import pathlib
import re
import subprocess
import sys
import textwrap
import typing

import l2l
from l2l.areas import AREAS, Machine

PY = pathlib.Path(__file__).resolve().parents[1]  # l2l-python/
ROOT = PY.parent
PACKAGE = PY / "python" / "l2l"
SCHEMA = json.loads((ROOT / "schema" / "l2l-areas.json").read_text())


def test_generated_types_are_current(tmp_path):
    subprocess.run([sys.executable, str(PY / "gen_types.py"), "--out", str(tmp_path)], check=True)
    for name in ["areas.py", "_l2l.pyi"]:
        committed = (PACKAGE / name).read_text()
        fresh = (tmp_path / name).read_text()
        assert committed == fresh, (
            f"l2l-python/python/l2l/{name} is out of date with schema/l2l-areas.json: "
            "run `python l2l-python/gen_types.py` and commit the result"
        )


def test_a_typeddict_per_area_named_as_in_rust():
    assert list(AREAS) == [a["path"] for a in SCHEMA["areas"]]
    for a in SCHEMA["areas"]:
        cls = AREAS[a["path"]]
        assert cls.__name__ == a["name"]
        assert cls.__total__ is False
        assert f"/api/1.0/{a['path']}/" in cls.__doc__
        assert list(cls.__annotations__) == [f["api_name"] for f in a["fields"]]
    assert AREAS["machines"] is Machine is l2l.areas.Machine
    hints = typing.get_type_hints(Machine)
    assert hints["code"] is str  # not nullable in the schema
    assert hints["description"] == typing.Optional[str]
    assert hints["lastupdated"] == typing.Optional[datetime.datetime]


def _conforms(value, hint):
    """Whether a value the client returned is of its field's declared type."""
    if hint is typing.Any:
        return True
    if typing.get_origin(hint) is typing.Union:
        return any(_conforms(value, h) for h in typing.get_args(hint))
    if hint is type(None):
        return value is None
    if hint is int:
        return isinstance(value, int) and not isinstance(value, bool)
    if hint is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if hint is datetime.date:
        return isinstance(value, datetime.date) and not isinstance(value, datetime.datetime)
    if hint is datetime.datetime:
        return isinstance(value, datetime.datetime) and value.tzinfo is not None
    return isinstance(value, hint)


def test_the_types_hold_the_values_the_client_returns(client):
    """Every declared field of every record of the demo, in every area the demo fills, is
    of the type its TypedDict declares (what convert.rs makes of its kind)."""
    checked = set()
    for a in SCHEMA["areas"]:
        site = 1 if a["scope"] == "site" else None
        hints = typing.get_type_hints(AREAS[a["path"]])
        for record in client.list(a["path"], site=site, limit=50):
            for key, value in record.items():
                if key not in hints:
                    continue  # custom properties
                assert _conforms(
                    value, hints[key]
                ), f"{a['path']}.{key} = {value!r} is not {hints[key]}"
                checked.add((a["path"], key))
    kinds = {
        f["kind"]
        for a in SCHEMA["areas"]
        for f in a["fields"]
        if (a["path"], f["api_name"]) in checked
    }
    assert {"integer", "text", "bool", "decimal", "datetime"} <= kinds, kinds
    assert len(checked) > 100


PROGRAM = """\
from typing import Any, Iterator

import l2l
from l2l.areas import Dispatch, Machine

client = l2l.Client(base_url="http://127.0.0.1:9", api_key="k")
m = client.get("machines", 1)
reveal_type(m["code"])
reveal_type(m["description"])
x: str = m["code"]
y: int = m["code"]
typed: Machine = m
ms: list[Machine] = client.list("machines", site=1)
ds: Iterator[Dispatch] = client.stream("dispatches", site=1)
made: Machine = client.create("machines", {"site": 1, "code": "M-9"})
changed: Machine = client.update("machines", 1, {"code": "M-9"})
area: str = "machines"
untyped: dict[str, Any] = client.get(area, 1)
custom: dict[str, Any] = client.get("my-custom-area", 1)
reveal_type(client.stream(area))
"""


def _line(text):
    """The line of PROGRAM that starts with `text`."""
    return next(i + 1 for i, line in enumerate(PROGRAM.splitlines()) if line.startswith(text))


def _mypy_lines(stdout):
    """mypy's lines about prog.py as `LINE: message`, its types written one way whatever
    mypy's version (`builtins.str`/`str`, `Union[str, None]`/`str | None`)."""
    out = []
    for line in stdout.splitlines():
        line = re.sub(r"^.*prog\.py:", "", line).replace("builtins.", "")
        line = re.sub(r"Union\[([^\[\]]+), None\]", r"\1 | None", line)
        out.append(line)
    return out


def test_mypy_sees_the_area_types(tmp_path):
    """mypy --strict reports exactly the deliberate error (`y: int = m["code"]`) and accepts
    the rest: `m["code"]` is what the schema says (text, not nullable: `str`), list, stream,
    create and update return the area's TypedDict, any other str a dict."""
    machines = next(a for a in SCHEMA["areas"] if a["path"] == "machines")
    code = next(f for f in machines["fields"] if f["api_name"] == "code")
    assert (code["kind"], code["nullable"]) == ("text", False)
    prog = tmp_path / "prog.py"
    prog.write_text(PROGRAM)
    cmd = [sys.executable, "-m", "mypy", "--strict", "--no-error-summary"]
    cmd += ["--cache-dir", str(tmp_path / "cache"), str(prog)]
    out = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path)
    code_at, desc_at = _line('reveal_type(m["code'), _line('reveal_type(m["desc')
    error_at, stream_at = _line("y: int"), _line("reveal_type(client.stream")
    assert _mypy_lines(out.stdout) == [
        f'{code_at}: note: Revealed type is "str"',
        f'{desc_at}: note: Revealed type is "str | None"',
        f"{error_at}: error: Incompatible types in assignment "
        '(expression has type "str", variable has type "int")  [assignment]',
        f'{stream_at}: note: Revealed type is "l2l._l2l.Records"',
    ], (
        out.stdout + out.stderr
    )
    assert out.returncode == 1, out.stdout + out.stderr


def test_the_package_type_checks(tmp_path):
    """The stub and the generated module pass mypy --strict themselves (the overloads
    included)."""
    files = [PACKAGE / n for n in ["__init__.py", "_l2l.pyi", "areas.py"]]
    out = subprocess.run(
        [sys.executable, "-m", "mypy", "--strict", "--cache-dir", str(tmp_path / "cache")]
        + [str(f) for f in files],
        capture_output=True,
        text=True,
        cwd=PACKAGE.parent,
    )
    assert out.returncode == 0, out.stdout + out.stderr
