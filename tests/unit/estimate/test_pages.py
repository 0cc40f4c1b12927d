"""Estimates, pages: what a reader sees on the estimate page, the reference page and the
latency chart, in English and Korean, and what ``archgen estimate`` prints."""

from __future__ import annotations

import math
import re
import xml.etree.ElementTree as ET

import pytest
import yaml
from helpers import REPO, TESTS

from archgen.estimate import (
    EstimateResult,
    evaluate,
    format_for_terminal,
    load_estimate,
    reference_files,
    render_estimate_page,
)
from archgen.estimate.load import load_estimate_text
from archgen.estimate.reference import availability, latency_data, powers_of_two
from archgen.pages.markdown import PageRenderer
from archgen.project.templates import ESTIMATE_TEMPLATES

NOTES_LATENCY = TESTS / "fixtures" / "estimates" / "latency-notes.yaml"
SVG = "{http://www.w3.org/2000/svg}"


@pytest.fixture(scope="module")
def twitter() -> EstimateResult:
    return evaluate(load_estimate(REPO / "specs" / "estimates" / "twitter.yaml"))


def test_the_twitter_page_shows_the_estimate_of_the_notes(
    twitter: EstimateResult, renderer: PageRenderer
) -> None:
    page = render_estimate_page(twitter, "en", renderer)
    assert page.name == "estimates/twitter.md"
    text = page.text
    assert text.startswith("# Twitter QPS and storage\n")
    assert "| Monthly active users | `mau` | 300 million users |" in text
    assert "| Daily active users | `dau` | 150 million users | 150,000,000 users |" in text
    assert "| Tweets a second (QPS) | `qps` | ≈ 3,500 QPS | 3,472.22 QPS |" in text
    assert "| Peak QPS | `peak_qps` | ≈ 7,000 QPS | 6,944.44 QPS |" in text
    assert "| New media a day | `media_per_day` | 30 TB/day | 30 TB/day |" in text
    assert "`media_storage` | ≈ 55 PB | 54.7875 PB |" in text
    assert "Bytes are in powers of ten: 1 kB = 1,000 B" in text
    assert "[powers of two, latency, availability](reference.md)" in text


def test_each_formula_is_written_out_with_its_numbers(
    twitter: EstimateResult, renderer: PageRenderer
) -> None:
    text = render_estimate_page(twitter, "en", renderer).text
    assert (
        "```text\n"
        "qps = dau × tweets_per_user\n"
        "    = 150 million users × (2 tweets/user/day)\n"
        "    ≈ 3,500 QPS   (exact: 3,472.22 QPS)\n"
        "```"
    ) in text
    assert (
        "media_storage = media_per_day × retention\n"
        "              = (30 TB/day) × 5 years\n"
        "              ≈ 55 PB   (exact: 54.7875 PB)\n"
    ) in text
    assert "The source states 3,500 QPS; the result rounds to it." in text


def test_the_korean_page_speaks_korean(twitter: EstimateResult, renderer: PageRenderer) -> None:
    text = render_estimate_page(twitter, "ko", renderer).text
    assert text.startswith("# 트위터 QPS와 저장소 요구량 추정\n")
    assert "## 가정" in text and "## 추정" in text and "## 결과" in text
    assert "| 일간 능동 사용자 | `dau` | 1.5억 명 | 150,000,000명 |" in text
    assert "| 초당 트윗 수(QPS) | `qps` | ≈ 3,500 QPS | 3,472.22 QPS |" in text
    assert "    = 3억 명 × 50 %\n" in text
    assert "30 TB/일" in text and "5년" in text


def test_every_word_of_the_estimate_templates_has_a_korean_translation() -> None:
    korean = yaml.safe_load((REPO / "templates" / "messages.yaml").read_text("utf-8"))["ko"]
    used = set()
    for name in ESTIMATE_TEMPLATES:
        used |= set(
            re.findall(r'\b(?:translate|_)\("([^"]+)"\)', (REPO / "templates" / name).read_text())
        )
    assert used and not used - set(korean)


def test_pages_are_the_same_bytes_every_time_and_hold_no_paths(
    twitter: EstimateResult, renderer: PageRenderer
) -> None:
    again = evaluate(load_estimate(REPO / "specs" / "estimates" / "twitter.yaml"))
    for language in ("en", "ko"):
        first = render_estimate_page(twitter, language, renderer).text
        assert first == render_estimate_page(again, language, renderer).text
        assert str(REPO) not in first


def test_disagreeing_figures_are_marked_on_the_page(renderer: PageRenderer) -> None:
    result = evaluate(load_estimate(NOTES_LATENCY))
    text = render_estimate_page(result, "en", renderer).text
    assert (
        "| 1Gbps 네트워크로 2KB 전송 | `send_2kb` | 20,000 ns ⚠ also written as 10us, which "
        "disagrees; the first figure is used |"
    ) in text


def test_the_terminal_shows_the_same_estimate(twitter: EstimateResult) -> None:
    text = format_for_terminal(twitter, "en")
    assert text.startswith("Twitter QPS and storage\n=======================\n")
    assert "  mau              300 million users  Monthly active users\n" in text
    assert (
        "  qps = dau × tweets_per_user\n"
        "      = 150 million users × (2 tweets/user/day)\n"
        "      ≈ 3,500 QPS   (exact: 3,472.22 QPS)\n"
        "        expected: 3,500 QPS (agrees)\n"
    ) in text
    assert "      = 30 TB/day\n" in text
    korean = format_for_terminal(twitter, "ko")
    assert "  mau              3억 명     월간 능동 사용자\n" in korean  # Hangul is two columns


def test_the_availability_table_gives_the_downtime_of_the_notes() -> None:
    rows = availability("en")
    assert [(r.availability, r.per_year) for r in rows] == [
        ("99 %", "3.65 days"),
        ("99.9 %", "8.77 hours"),
        ("99.99 %", "52.60 minutes"),
        ("99.999 %", "5.26 minutes"),
    ]
    assert [r.per_month for r in rows] == [
        "7.31 hours",
        "43.83 minutes",
        "4.38 minutes",
        "26.30 seconds",
    ]
    assert [r.per_day for r in rows] == [
        "14.40 minutes",
        "1.44 minutes",
        "8.64 seconds",
        "864.00 ms",
    ]
    assert [r.per_year for r in availability("ko")] == ["3.65일", "8.77시간", "52.60분", "5.26분"]


def test_powers_of_two_run_up_to_a_petabyte() -> None:
    rows = powers_of_two("en")
    assert [r.power for r in rows] == ["2¹⁰", "2²⁰", "2³⁰", "2⁴⁰", "2⁵⁰"]
    assert rows[-1].exact == "1,125,899,906,842,624" == f"{2**50:,}"
    assert (rows[-1].approximately, rows[-1].decimal) == ("1 quadrillion", "1 PB (petabyte)")
    assert [r.difference for r in rows] == ["+2.4 %", "+4.9 %", "+7.4 %", "+10.0 %", "+12.6 %"]
    assert [r.approximately for r in powers_of_two("ko")] == [
        "1,000",
        "100만",
        "10억",
        "1조",
        "1,000조",
    ]


def test_the_latency_data_is_consistent() -> None:
    assert latency_data().warnings == ()


def test_the_reference_page_holds_the_three_tables(renderer: PageRenderer) -> None:
    files = reference_files("en", renderer)
    assert sorted(files) == ["estimates/latency.svg", "estimates/reference.md"]
    text = files["estimates/reference.md"].decode()
    assert "| 2⁵⁰ | 1,125,899,906,842,624 | 1 quadrillion | 1 PiB (pebibyte) |" in text
    assert "![Latency numbers on a log scale](latency.svg)" in text
    assert "| Send 2 KB over a 1 Gbps network | 20 µs | 20,000 ns |" in text
    assert "| 99.9 % | 3 | 8.77 hours | 43.83 minutes | 1.44 minutes |" in text
    korean = reference_files("ko", renderer)["estimates/reference.md"].decode()
    assert "## 2의 제곱수" in korean and "| 99.99 % | 4 | 52.60분 |" in korean


def test_the_latency_chart_is_a_self_contained_log_scale_svg(renderer: PageRenderer) -> None:
    data = reference_files("ko", renderer)["estimates/latency.svg"]
    assert data == reference_files("ko", renderer)["estimates/latency.svg"]
    text = data.decode()
    for forbidden in ("href", "url(", "<image", "<script", "@import", str(REPO)):
        assert forbidden not in text
    root = ET.fromstring(data)
    assert root.get("role") == "img" and root.find(f"{SVG}title") is not None
    texts = [t.text for t in root.iter(f"{SVG}text")]
    assert "디스크 탐색" in texts and "150 ms" in texts and "1 µs" in texts
    assert all(float(t.get("font-size")) >= 12 for t in root.iter(f"{SVG}text"))
    bars = [float(r.get("width")) for r in root.iter(f"{SVG}rect")][1:]  # after the backdrop
    times = [100, 100, 1e4, 2e4, 2.5e5, 1e7, 1e7, 3e7, 1.5e8]
    # Each bar is as long as the logarithm of its time: one decade is one fixed step.
    step = (bars[2] - bars[0]) / 2
    for width, nanoseconds in zip(bars, times, strict=True):
        assert width == pytest.approx(bars[0] + step * (math.log10(nanoseconds) - 2), abs=0.1)


def test_a_spec_may_show_bytes_in_powers_of_two(renderer: PageRenderer) -> None:
    text = (
        "kind: estimate\nid: b\ntitle: B\nbytes: binary\nassumptions:\n"
        "  media: 30 TB\nderived:\n  same: media\n"
    )
    result = evaluate(load_estimate_text("specs/b.yaml", text.encode()))
    page = render_estimate_page(result, "en", renderer).text
    assert "| `same` | ≈ 27 TiB | 27.2848 TiB |" in page
    assert "Bytes are in powers of two: 1 KiB = 1,024 B" in page
