"""`l2l.Client(profile=...)`: a profile of the `l2l` command's config file, found where
the CLI finds it (L2L_CONFIG, else the platform's config directory), with its keys."""

import sys

import pytest

import l2l


@pytest.fixture
def config(tmp_path, monkeypatch, l2l_sandbox):
    """A config file with a profile `plant` of the sandbox, a dead `other` (the default)
    and one that reads its key from a variable; L2L_CONFIG names it, nothing else is set."""
    for var in ["L2L_API_KEY", "L2L_BASE_URL", "L2L_COMPANY", "L2L_PROFILE", "L2L_CONFIG"]:
        monkeypatch.delenv(var, raising=False)
    path = tmp_path / "config.toml"
    path.write_text(f"""default_profile = "other"

[profiles.plant]
base_url = "{l2l_sandbox.base_url}"
api_key = "{l2l_sandbox.api_key}"
site = 1

[profiles.other]
base_url = "http://127.0.0.1:9"
api_key = "not-this-one"

[profiles.from-env]
base_url = "{l2l_sandbox.base_url}"
api_key_env = "PLANT_L2L_KEY"

[profiles.typo]
base_url = "{l2l_sandbox.base_url}"
api_kee = "k"
""")
    monkeypatch.setenv("L2L_CONFIG", str(path))
    return path


def test_a_profile_lists_records_of_the_sandbox(config):
    client = l2l.Client(profile="plant")
    assert 'profile="plant"' in repr(client)
    machines = client.list("machines", site=1)
    assert machines and all(m["site"] == 1 for m in machines)
    # The profile's site is the site of per-site areas when a call names none.
    assert [m["id"] for m in client.list("machines")] == [m["id"] for m in machines]
    assert client.sync("machines", to=f"jsonl:{config.parent / 'm.jsonl'}")["written"] > 0


def test_an_unknown_profile_names_itself_the_file_and_the_closest(config):
    with pytest.raises(l2l.InvalidRequest) as e:
        l2l.Client(profile="plnt")
    assert "`plnt`" in str(e.value) and str(config) in str(e.value)
    assert "did you mean `plant`" in str(e.value)
    assert (e.value.field, e.value.suggestion) == ("profile", "plant")
    with pytest.raises(l2l.InvalidRequest) as e:
        l2l.Client(profile="warehouse-7")
    assert e.value.suggestion is None
    assert "its profiles: from-env, other, plant, typo" in str(e.value)


def test_explicit_arguments_win_over_the_profile(config, l2l_sandbox):
    client = l2l.Client(base_url=l2l_sandbox.base_url, api_key=l2l_sandbox.api_key, profile="other")
    assert client.list("machines", site=1)
    # With the server and the key given, and no profile named, the file is not even read.
    config.write_text("this is not TOML [")
    client = l2l.Client(base_url=l2l_sandbox.base_url, api_key=l2l_sandbox.api_key)
    assert client.list("machines", site=1)
    with pytest.raises(l2l.InvalidRequest, match="line 1"):
        l2l.Client(profile="plant")


def test_the_default_profile_and_l2l_profile(config, monkeypatch):
    assert "127.0.0.1:9" in repr(l2l.Client())  # default_profile = "other"
    monkeypatch.setenv("L2L_PROFILE", "plant")
    assert l2l.Client().list("machines")


def test_a_key_from_a_variable_and_a_mistaken_key(config, monkeypatch):
    with pytest.raises(l2l.InvalidRequest, match=r"\$PLANT_L2L_KEY, which is not set"):
        l2l.Client(profile="from-env")
    monkeypatch.setenv("PLANT_L2L_KEY", "wrong-key")
    with pytest.raises(l2l.AuthError):
        l2l.Client(profile="from-env").list("sites")
    with pytest.raises(l2l.InvalidRequest, match="api_kee"):
        l2l.Client(profile="typo")


def test_the_environment_key_comes_before_the_profile(config, monkeypatch):
    monkeypatch.setenv("L2L_API_KEY", "wrong-key")
    with pytest.raises(l2l.AuthError):
        l2l.Client(profile="plant").list("sites")


def test_the_platform_config_directory_without_l2l_config(config, tmp_path, monkeypatch):
    monkeypatch.delenv("L2L_CONFIG")
    if sys.platform == "win32":
        monkeypatch.setenv("APPDATA", str(tmp_path / "appdata"))
        home = tmp_path / "appdata" / "l2l"
    else:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
        home = tmp_path / "xdg" / "l2l"
    with pytest.raises(l2l.InvalidRequest, match="there is no config file"):
        l2l.Client(profile="plant")
    home.mkdir(parents=True)
    (home / "config.toml").write_text(config.read_text())
    assert l2l.Client(profile="plant").list("machines")
