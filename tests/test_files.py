"""helpers/files.py: atomic writes leave the old file or the new one, never half of either."""
import json

import pytest

from helpers import files


def test_write_atomically_replaces_the_file_and_leaves_no_temporary(tmp_path):
    path = tmp_path / "sub" / "a.csv"
    files.write_atomically(path, lambda f: f.write("x,y\n1,2\n"))
    assert path.read_text() == "x,y\n1,2\n"
    assert [p.name for p in path.parent.iterdir()] == ["a.csv"]


def test_an_interrupted_write_keeps_the_old_content(tmp_path):
    path = tmp_path / "a.json"
    path.write_text('{"old": 1}')

    def fail_halfway(f):
        f.write('{"new": ')
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        files.write_atomically(path, fail_halfway)
    assert path.read_text() == '{"old": 1}'
    assert [p.name for p in tmp_path.iterdir()] == ["a.json"]


def test_update_json_locked_applies_the_change_with_a_custom_reader(tmp_path):
    path = tmp_path / "t.json"
    files.update_json_locked(path, lambda d: d.update(a=1))
    seen = []

    def read(p):
        seen.append(p)
        return json.loads(p.read_text())

    data = files.update_json_locked(path, lambda d: d.update(b=2), read=read)
    assert data == {"a": 1, "b": 2} and seen == [path]
    assert json.loads(path.read_text()) == {"a": 1, "b": 2}


def test_written_files_are_readable_by_everyone(tmp_path):
    """mkstemp makes 0600 files; a shipped model or a metrics file must be an ordinary 0644 file."""
    from helpers.files import write_bytes_atomically
    path = tmp_path / "m.bin"
    write_bytes_atomically(path, b"x")
    assert path.stat().st_mode & 0o777 == 0o644
