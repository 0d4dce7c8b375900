"""report.md and its charts: data is never markup, charts are well-formed SVG."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

from curate.proof.render import category_svg, loss_svg, md, render_markdown, write_charts
from tests.proof.test_verdict import report, rows


def test_markdown_escapes_data() -> None:
    assert md("<script>[x](y)") == "\\<script\\>\\[x\\]\\(y\\)"
    assert md("a\x1b]0;t\x07") == "a⟨U\\+001B⟩\\]0;t⟨U\\+0007⟩"


def test_report_markdown_and_charts(tmp_path: Path) -> None:
    data = rows(40, tuned=0.8)
    for row in data:
        row["category"] = "<b>bold</b> & [link](x)" if row["category"] == "big" else "small"
    result = report(data)
    metrics = tmp_path / "metrics.jsonl"
    metrics.write_text(
        "".join(json.dumps({"step": s, "loss": 3.0 - 0.1 * s}) + "\n" for s in range(1, 9))
        + json.dumps({"step": 8, "eval_loss": 2.5})
        + "\n"
    )
    charts = write_charts(result, tmp_path)
    assert set(charts.values()) == {"loss_curve.svg", "category_scores.svg"}
    for name in charts.values():
        root = ET.fromstring((tmp_path / name).read_text())
        assert root.tag.endswith("svg")
    bars = ET.fromstring(category_svg(result))
    labels = [t.text for t in bars.iter("{http://www.w3.org/2000/svg}text")]
    assert any(label and "<b>bold</b>" in label for label in labels)  # escaped, shown as text
    markdown = render_markdown(result, charts)
    assert "\\<b\\>bold\\</b\\>" in markdown and "<b>" not in markdown
    assert "too few to judge" in markdown and "![" in markdown
    assert "Verdict (fine-tuning-pays)" in markdown


def test_loss_chart_with_one_point() -> None:
    svg = loss_svg({"train": [(1.0, 2.0)], "val": []})
    assert ET.fromstring(svg).tag.endswith("svg")


def test_report_renders_in_a_browser(tmp_path: Path) -> None:
    """report.html in headless Chromium: the DOM has the verdict, the tables and both charts,
    and the screenshot is not blank. Needs Debian's `chromium`; skipped where it is absent."""
    import shutil
    import subprocess
    import zlib

    import pytest

    from curate.proof.render import write_html

    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser is None:
        pytest.skip("chromium is not installed (apt-get install chromium)")
    result = report(rows(40, tuned=0.8))
    (tmp_path / "metrics.jsonl").write_text(
        "".join(json.dumps({"step": s, "loss": 3.0 - 0.1 * s}) + "\n" for s in range(1, 9))
    )
    charts = write_charts(result, tmp_path)
    (tmp_path / "report.md").write_text(render_markdown(result, charts))
    page = write_html(tmp_path)
    flags = [
        browser,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--allow-file-access-from-files",
    ]
    dom = subprocess.run(
        [*flags, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120
    ).stdout
    assert "Verdict (fine-tuning-pays)" in dom and dom.count("<table>") == 2
    assert 'src="loss_curve.svg"' in dom and 'src="category_scores.svg"' in dom
    shot = tmp_path / "shot.png"
    subprocess.run(
        [*flags, f"--screenshot={shot}", "--window-size=1200,1600", page.as_uri()],
        capture_output=True,
        timeout=120,
    )
    data = shot.read_bytes()
    assert data.startswith(b"\x89PNG")
    chunks, at = b"", 8
    while at < len(data):
        size = int.from_bytes(data[at : at + 4], "big")
        if data[at + 4 : at + 8] == b"IDAT":
            chunks += data[at + 8 : at + 8 + size]
        at += size + 12
    pixels = zlib.decompress(chunks)
    # A blank page is one colour; the report has text, table borders and coloured bars.
    assert len(set(pixels)) > 50 and pixels.count(255) < 0.98 * len(pixels)
