"""A fault met while analysing one file is reported for that file; the others are still checked."""

from __future__ import annotations

import json

from copydesk import batch
from copydesk.cli.main import main


def test_internal_error_on_one_file_spares_the_others(tmp_path, monkeypatch, capsys):
    (tmp_path / "a.txt").write_text("The council said the bridge will reopen in May.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("This paragraph trips a fault planted by the test.\n", encoding="utf-8")
    real = batch.analyse_parsed

    def faulty(article, parsed, settings, context=None):
        if "planted" in article.text:
            raise RuntimeError("planted fault")
        return real(article, parsed, settings, context)

    monkeypatch.setattr(batch, "analyse_parsed", faulty)
    code = main(["attributions", str(tmp_path), "--format", "json"])
    out, err = capsys.readouterr()
    assert code == 2
    assert "b.txt: internal error while analysing (RuntimeError: planted fault)" in err
    files = json.loads(out)["files"]
    assert [f["path"].rsplit("/", 1)[-1] for f in files] == ["a.txt"]
    assert files[0]["attributions"][0]["cue"]["text"] == "said"
