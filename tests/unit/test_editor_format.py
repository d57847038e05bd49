"""The editor's Kirby format (plugins/editor/static/kirby-format.js), run in Node
against the Python reader: the same table of cases, every fixture file, and files
opened and saved through it.
"""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from kirby.fields import format_fields, parse_fields
from tools.browser import repository_files

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "plugins" / "editor" / "static" / "kirby-format.js"
CASES = json.loads((ROOT / "tests" / "cases" / "kirby-fields.json").read_text())
# Reads {"parse": [text], "serialize": [[original, changes]]} on stdin.
DRIVER = f"""
const format = require({json.dumps(str(SCRIPT))});
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {{
  const jobs = JSON.parse(input);
  process.stdout.write(JSON.stringify({{
    parse: jobs.parse.map((text) => Object.entries(format.parse(text))),
    serialize: jobs.serialize.map(([text, changes]) => format.serialize(text, changes)),
  }}));
}});
"""


def node(parse=(), serialize=()):
    if shutil.which("node") is None:
        pytest.skip("Node is missing (apt-get install nodejs)")
    run = subprocess.run(
        ["node", "-e", DRIVER],
        input=json.dumps({"parse": list(parse), "serialize": list(serialize)}),
        capture_output=True, text=True, encoding="utf-8", check=True,
    )
    return json.loads(run.stdout)


def python_fields(text):
    return [[key, field.value] for key, field in parse_fields(text).items()]


def variants(text):
    """The file as written, with CRLF line endings, and with compact separators."""
    yield text
    yield text.replace("\r\n", "\n").replace("\n", "\r\n")
    yield text.replace("\n\n----\n\n", "\n----\n")


@pytest.fixture(scope="module")
def files():
    corpus = repository_files(ROOT / "tests" / "fixtures", prefix="").values()
    assert len(corpus) > 100, "the fixtures are the test's corpus"
    return [variant for text in corpus for variant in variants(text)]


def test_same_table_as_the_python_reader():
    result = node(parse=[case["text"] for case in CASES])["parse"]
    for case, fields in zip(CASES, result, strict=True):
        assert fields == [list(item) for item in case["fields"].items()], case["why"]
        assert fields == python_fields(case["text"]), case["why"]


def test_every_fixture_reads_as_the_python_reader_reads_it(files):
    result = node(parse=files)["parse"]
    for text, fields in zip(files, result, strict=True):
        assert fields == python_fields(text), text[:80]


def test_every_fixture_saved_unchanged_is_the_same_bytes(files):
    values = [dict(fields) for fields in node(parse=files)["parse"]]
    saved = node(serialize=list(zip(files, values)))["serialize"]
    differ = [text[:60] for text, out in zip(files, saved, strict=True) if out != text]
    assert differ == []


def edits(text):
    """One edit per field of the file: (changes, the field's new value)."""
    for key, field in parse_fields(text).items():
        for value in ("Nouvelle valeur", "Première ligne\nseconde ligne\n----\nfin", ""):
            if value != field.value:
                yield key, value


def test_editing_one_field_changes_only_that_field(files):
    jobs = [(text, {key: value}) for text in files[::3] for key, value in edits(text)]
    assert len(jobs) > 200
    saved = node(serialize=jobs)["serialize"]
    for (text, changes), out in zip(jobs, saved, strict=True):
        [(key, value)] = changes.items()
        expected = {k: f.value for k, f in parse_fields(text).items()} | changes
        assert {k: f.value for k, f in parse_fields(out).items()} == expected
        # Only the field's own lines differ: what comes before its key and after
        # its value is the file's text as it was.
        before = parse_fields(text)[key].line
        after = len(text.splitlines(True)) - _last_line(text, key) - 1
        assert out.splitlines(True)[: before - 1] == text.splitlines(True)[: before - 1]
        if after:
            assert out.splitlines(True)[-after:] == text.splitlines(True)[-after:]
        if "\r\n" in text:
            assert "\n" not in out.replace("\r\n", "")


def _last_line(text, key):
    """0-based line of the last line of `key`'s value (its chunk, trailing blanks excluded)."""
    field = parse_fields(text)[key]
    start = sum(len(line) for line in text.splitlines(True)[: field.line - 1])
    value_end = start + len(text[start:].split("\n----", 1)[0].rstrip(" \t\r\n"))
    return text.count("\n", 0, value_end)


def test_a_new_file_is_written_as_kirby_writes_it():
    new = [{"title": "Logement", "text": "Un texte.\n\n*Action*\nBesoin identifié : x"},
           {"title": "Un titre", "cover": "", "text": "----\nescaped"}]
    saved = node(serialize=[("", changes) for changes in new])["serialize"]
    for changes, out in zip(new, saved, strict=True):
        assert out == format_fields({k: v for k, v in changes.items() if v})


def test_a_field_added_to_a_file_comes_last_with_kirby_spacing():
    text = "Title: A\r\n----\r\nText: B\r\n"
    [out] = node(serialize=[(text, {"description": "Une\nphrase"})])["serialize"]
    assert out == ("Title: A\r\n----\r\nText: B\r\n"
                   "\r\n----\r\n\r\nDescription:\r\n\r\nUne\r\nphrase\r\n")


# --- The actions (plugins/editor/static/actions-format.js) against plugins/actions/find.py

ACTIONS = ROOT / "plugins" / "editor" / "static" / "actions-format.js"
ACTIONS_DRIVER = f"""
const actions = require({json.dumps(str(ACTIONS))});
let input = "";
process.stdin.on("data", (chunk) => (input += chunk));
process.stdin.on("end", () => {{
  const jobs = JSON.parse(input);
  process.stdout.write(JSON.stringify(jobs.map(([text, edit]) => {{
    const parts = actions.split(text);
    const form = {{ text: parts.text, after: parts.after, actions: parts.actions.map((a) => ({{
      name: a.name, need: a.need, synthesis: a.synthesis, extras: a.extras }})) }};
    if (edit) Object.assign(form.actions[edit.index], edit.values);
    return {{ actions: form.actions.map((a) => [a.name, a.need, a.synthesis,
      a.extras.map((e) => [e.label, e.value])]), blocks: parts.actions.map((a) => a.block),
      joined: actions.join(text, form) }};
  }})));
}});
"""


def split_actions(jobs):
    if shutil.which("node") is None:
        pytest.skip("Node is missing (apt-get install nodejs)")
    run = subprocess.run(["node", "-e", ACTIONS_DRIVER], input=json.dumps(jobs),
                         capture_output=True, text=True, encoding="utf-8", check=True)
    return json.loads(run.stdout)


@pytest.fixture(scope="module")
def texts(files):
    return [field.value for text in files for key, field in parse_fields(text).items()
            if key == "text"]


def test_every_action_the_form_shows_is_the_one_the_site_finds(texts):
    from actions.find import paragraph_actions

    results = split_actions([(text, None) for text in texts])
    found = 0
    for text, result in zip(texts, results, strict=True):
        for block, shown in zip(result["blocks"], result["actions"], strict=True):
            [action] = paragraph_actions(block.replace("\r", "").split("\n"))
            assert shown == [action.name, action.need, action.synthesis,
                             [list(extra) for extra in action.extras]], block
            found += 1
        assert result["joined"] == text
    assert found > 20


def test_the_seed_actions_are_in_the_form_and_one_edit_changes_one_line(seed_text):
    text = parse_fields(seed_text)["text"].value
    [unchanged, edited] = split_actions([
        (text, None), (text, {"index": 1, "values": {"synthesis": "Une synthèse."}})])
    assert [name for name, *_ in unchanged["actions"]] == [
        "Dispositif Premières Heures", "Territoire Zéro Chômeur",
        "Valorisation d’espaces urbains en transition"]
    changed = [(a, b) for a, b in zip(text.split("\n"), edited["joined"].split("\n"),
                                      strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1] == "Synthèse de l’action : Une synthèse."
