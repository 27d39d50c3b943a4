"""The README's Python tour, run as it is written."""

import os
import pathlib
import re


def test_the_readme_python_tour_runs(tmp_path, capsys):
    readme = pathlib.Path(__file__).resolve().parents[2] / "README.md"
    section = readme.read_text().split("### Python: `pip install ./l2l-python`", 1)[1]
    block = re.search(r"```python\n(.*?)```", section, re.S).group(1)
    os.chdir(tmp_path)
    exec(compile(block, "README.md", "exec"), {})
    out = capsys.readouterr().out
    assert "cod -> did you mean code" in out
    assert "machines in plant-py.db" in out
    assert (tmp_path / "plant-py.db").exists()
