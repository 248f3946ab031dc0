"""Checks shared by the browser journeys: a screenshot per step, and no horizontal scrolling on a phone."""

from playwright.sync_api import Page


def foto(page: Page, tmp_path, nama: str):
    """A full-page screenshot in the test's tmp_path (named in assertion messages, for debugging)."""
    gambar = tmp_path / f"{nama}.png"
    page.screenshot(path=gambar, full_page=True)
    return gambar


def tanpa_luapan(page: Page, gambar) -> None:
    """No horizontal scrolling on the page as it stands."""
    lebar_isi, lebar_layar = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert lebar_isi <= lebar_layar, f"horizontal overflow at {lebar_layar}px ({lebar_isi}px); see {gambar}"
