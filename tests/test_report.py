"""`copydesk report`: nesting of overlapping marks, escaping, the pages the console script
writes, and the page as headless Chromium renders it (screenshot kept in tests/artifacts/)."""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import COPYDESK, ROOT

from copydesk.report import article_page, index_page
from copydesk.report.marks import Insert, Mark, render_marked

ARTIFACTS = ROOT / "tests" / "artifacts"
VOID = {"meta", "br", "link", "img", "input", "hr"}

ARTICLE = """\
Harbour board backs €40m plan for Kiev & Odesa ferries <draft>

Mayor Olena Petrenko said on Tuesday that the new ferry line would "double the number of crossings" by next spring.

"We waited too long for this," she added. "The boats are ready 🚢."

Critics say the plan is a waste of money.

The project is the most expensive in the city's history and will cause chaos in the port.

"Nobody asked the fishermen," a banner on the quay read.

Officials in Kyiv confirmed the timetable on Wednesday. Café owners near the Zaporozhye pier welcomed it, and Zaporizhzhia traders too.
"""


class _Tree(HTMLParser):
    """Checks that tags nest and collects the text of the article body, minus inserted labels."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, dict]] = []
        self.problems: list[str] = []
        self.article: list[str] = []
        self.labels: list[str] = []
        self.ids: list[str] = []
        self.hrefs: list[str] = []

    def _inside(self, cls: str) -> bool:
        return any(cls in (a.get("class") or "").split() for _, a in self.stack)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "id" in attrs:
            self.ids.append(attrs["id"])
        if "href" in attrs:
            self.hrefs.append(attrs["href"])
        if tag == "a" and any(t == "a" for t, _ in self.stack):
            self.problems.append("<a> inside <a>")
        if tag not in VOID:
            self.stack.append((tag, attrs))

    def handle_endtag(self, tag):
        if not self.stack or self.stack[-1][0] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1][0] if self.stack else 'nothing'}")
            return
        self.stack.pop()

    def handle_data(self, data):
        if self._inside("who") or self._inside("flag"):
            self.labels.append(data)
        elif self._inside("article"):
            self.article.append(data)


def _parse(page: str) -> _Tree:
    tree = _Tree()
    tree.feed(page)
    tree.close()
    assert not tree.problems, tree.problems[:5]
    assert not tree.stack, [t for t, _ in tree.stack]
    return tree


def test_overlapping_marks_nest_and_keep_the_text():
    text = "ab <c> & \"d\" éé 😀 end"
    marks = [
        Mark(0, 10, 0, "claim", anchor="f-1"),
        Mark(3, 16, 1, "att"),  # crosses the end of the claim
        Mark(5, 13, 4, "ent", title='say "hi" & <bye>'),
        Mark(14, 17, 3, "var"),
    ]
    out = render_marked(text, marks, [Insert(16, '<a class="who" href="#x">who</a>')])
    wrapped = f'<div class="article">{out}</div>'
    tree = _parse(wrapped)
    assert "".join(tree.article) == text
    assert tree.labels == ["who"]
    assert tree.ids == ["f-1"]  # the claim's id only on its first piece
    assert "<c>" not in out and "&lt;c" in out and "&amp;" in out and 'title="say &quot;hi&quot; &amp; &lt;bye&gt;"' in out
    # the quotation's pieces: split where the claim ends, never lost
    assert out.count('class="att"') == 2


def _data() -> dict:
    text = 'Chief <Ana> & "Bo" said: "Ça va 😀" — Zoë\'s view. Kiev or Kyiv?\n'
    ana = text.index("<Ana>")
    quote = text.index('"Ça')
    kiev = text.index("Kiev")
    kyiv = text.index("Kyiv")
    return {
        "path": "desk/<odd> & 'name'.txt",
        "text": text,
        "entities": [
            {"id": "person:ana", "canonical": "<Ana>", "label": "PERSON", "variants": [], "mentions": [[ana, ana + 5]]},
            {"id": "gpe:kyiv", "canonical": "Kyiv", "label": "GPE", "variants": ["Kiev"], "mentions": [[kiev, kiev + 4], [kyiv, kyiv + 4]]},
        ],
        "attributions": [
            {"kind": "direct", "content": [quote, quote + 10], "source": [ana, ana + 5], "cue": "said",
             "speaker": "<Ana> & \"Bo\"", "speaker_id": "person:ana", "vague": False},
        ],
        "variants": [{"id": "name:kyiv", "canonical": "Kyiv", "kind": "transliteration", "house_style": False,
                      "forms": {"Kiev": [[kiev, kiev + 4]], "Kyiv": [[kyiv, kyiv + 4]]}}],
        "findings": [
            {"code": "unattributed-claim", "start": 0, "end": text.index(":"), "message": "Claim <x> & \"y\"",
             "severity": 3, "line": 1, "column": 1, "reasons": ["evaluation"]},
            {"code": "spelling-variant", "start": kiev, "end": kiev + 4, "message": "“Kiev” is also spelled “Kyiv”",
             "severity": 2, "line": 1, "column": kiev + 1, "reasons": []},
        ],
    }


def test_page_escapes_everything_and_stays_self_contained():
    data = _data()
    page = article_page(data)
    tree = _parse(page)
    assert "".join(tree.article) == data["text"]
    # user text never becomes markup
    assert "<Ana>" not in page and "<odd>" not in page and "<x>" not in page
    assert "&lt;Ana&gt; &amp; &quot;Bo&quot;" in page or "&lt;Ana&gt; &amp; \"Bo\"" in page
    assert "😀" in page and "Zoë" in page and page.count('<meta charset="utf-8">') == 1
    # no network: no scripts, stylesheets, fonts or images from anywhere
    assert not re.search(r"<script|<link|<img|@import|url\(|https?://", page, re.I)
    # every in-page link lands on an element of the page
    local = [h[1:] for h in tree.hrefs if h.startswith("#")]
    assert local and set(local) <= set(tree.ids)
    # the quotation names its speaker and links to the side panel; the claim shows its reason
    assert any("<Ana>" in label for label in tree.labels)
    assert "unsourced: evaluation" in tree.labels
    assert 'class="var var-flagged"' in page and "ent ent-person" in page and "ent ent-gpe" in page
    assert "@media print" in page


def test_index_links_every_page_and_lists_failures():
    page = index_page([("a.html", _data())], [("missing <b>.txt", "no such file & gone")])
    tree = _parse(page)
    assert "a.html" in tree.hrefs
    assert "missing &lt;b&gt;.txt" in page and "no such file &amp; gone" in page


def test_page_names_are_unique_and_relative_to_the_common_folder(tmp_path):
    from copydesk.cli.report import common_folder, page_name

    files = [str(tmp_path / "a" / "x.txt"), str(tmp_path / "b" / "x.txt"), str(tmp_path / "a" / "index.md"),
             str(tmp_path / "a" / "X.md"), str(tmp_path / "b" / "Zoë <1>.txt")]
    base = common_folder(files)
    assert base == tmp_path.resolve()
    taken: set[str] = set()
    names = [page_name(f, taken, base) for f in files]
    assert names == ["a--x.html", "b--x.html", "a--index.html", "a--X-2.html", "b--Zoë_1.html"]
    assert page_name(str(tmp_path / "index.txt"), set(), tmp_path.resolve()) == "index-2.html"


def _run(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([COPYDESK, *args], cwd=cwd, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="module")
def written(tmp_path_factory):
    root = tmp_path_factory.mktemp("report")
    (root / "desk").mkdir()
    (root / "desk" / "ferry.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "desk" / "brief.md").write_text(
        "# Short <brief>\n\nThe council met in Lviv on Friday. A delegation from Kiev arrived in Lviv on Saturday.\n",
        encoding="utf-8")
    (root / "desk" / "crew.txt").write_text(
        "Ferry talks\n\nThe ferry from Kyiv reached Odesa on Sunday. Officials in Kyiv praised the crew.\n", encoding="utf-8")
    result = _run("report", "desk", "-o", "out", cwd=root)
    assert result.returncode == 0, result.stderr
    return root, result


def test_report_writes_a_page_per_article_and_an_index(written):
    root, result = written
    out = root / "out"
    assert sorted(p.name for p in out.iterdir()) == ["brief.html", "crew.html", "ferry.html", "index.html"]
    assert "wrote 3 pages" in result.stderr
    assert result.stdout == ""  # piped: no progress bar, no report on stdout
    index = _parse((out / "index.html").read_text(encoding="utf-8"))
    assert {"brief.html", "ferry.html"} <= set(index.hrefs)


def test_report_page_shows_the_analysis(written):
    root, _ = written
    page = (root / "out" / "ferry.html").read_text(encoding="utf-8")
    tree = _parse(page)
    assert "".join(tree.article) == ARTICLE
    assert "Olena Petrenko" in tree.labels  # "she added" resolves to the mayor
    assert any(label.startswith("unsourced:") for label in tree.labels)
    assert "vague source" in tree.labels and "no speaker" in tree.labels
    assert 'class="var var-flagged"' in page  # Kiev / Kyiv in one article
    assert "ent ent-person" in page
    assert not re.search(r"<script|<link|https?://", page, re.I)
    assert "&lt;draft&gt;" in page and "🚢" in page and "€40m" in page


def test_report_marks_variants_across_articles(written):
    root, _ = written
    brief = (root / "out" / "brief.html").read_text(encoding="utf-8")
    tree = _parse(brief)
    # "Kiev" here, "Kyiv" in the other two articles: flagged in the brief, linked from its findings
    flagged = re.findall(r'<span class="var var-flagged" id="(f-\d+)" title="[^"]*Kiev[^"]*Kyiv[^"]*">(?:<[^>]+>)*Kiev<', brief)
    assert flagged, "Kiev is not marked as a variant of the other article's Kyiv"
    assert f"#{flagged[0]}" in tree.hrefs
    assert "spelling-variant" in brief


def test_report_on_a_folder_without_articles_says_so(tmp_path):
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.docx").write_bytes(b"not an article")
    result = _run("report", "empty", "-o", "out", cwd=tmp_path)
    assert result.returncode == 0
    assert "no .txt/.md/.markdown files under empty" in result.stderr
    assert (tmp_path / "out" / "index.html").is_file()


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", head[16:24])


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def test_report_renders_in_headless_chromium(written):
    browser = _chromium()
    if browser is None:
        pytest.skip("no chromium on PATH (Debian: apt-get install chromium; .ci/run installs it)")
    root, _ = written
    page = root / "out" / "ferry.html"
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shot = ARTIFACTS / "report-ferry.png"
    shot.unlink(missing_ok=True)
    base = [browser, "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", f"--user-data-dir={root / 'chrome'}"]
    # The network is switched off for the browser: the page must need none.
    offline = ["--proxy-server=127.0.0.1:9", "--proxy-bypass-list=<-loopback>"]
    run = subprocess.run([*base, *offline, "--window-size=1280,1100", f"--screenshot={shot}", page.as_uri()],
                         capture_output=True, text=True, timeout=180)
    assert shot.is_file(), run.stderr[-2000:]
    assert _png_size(shot) == (1280, 1100)
    assert shot.stat().st_size > 30_000, "the screenshot is (nearly) blank"
    # The browser's own parse of the page keeps the text and the marks where we put them.
    dom = subprocess.run([*base, *offline, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=180).stdout
    tree = _Tree()
    tree.feed(dom[dom.index("<body"):])
    assert "".join(tree.article) == ARTICLE
    assert dom.count('class="ent ') == page.read_text(encoding="utf-8").count('class="ent ')
    # Printing: the print stylesheet lays the page out on paper.
    pdf = root / "ferry.pdf"
    subprocess.run([*base, *offline, "--no-pdf-header-footer", f"--print-to-pdf={pdf}", page.as_uri()],
                   capture_output=True, timeout=180)
    data = pdf.read_bytes()
    assert data.startswith(b"%PDF") and len(re.findall(rb"/Type\s*/Page\b", data)) >= 1
