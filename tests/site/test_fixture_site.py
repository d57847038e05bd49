"""A fixture Kirby site: nested numbered folders, unlisted and draft pages, file
metadata, every tag, and the bad pages a development build must survive."""

import logging
from html import unescape

import pytest
from bs4 import BeautifulSoup

from tests.support import FIXTURES, build_site, read, soup
from typography.spacing import french_typography_text

SITE = FIXTURES / "kirby-site"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    output = tmp_path_factory.mktemp("fixture") / "output"
    records = []
    handler = logging.Handler()
    handler.emit = records.append
    logging.getLogger().addHandler(handler)
    try:
        build_site(SITE, output)
    finally:
        logging.getLogger().removeHandler(handler)
    return output, [record.getMessage() for record in records]


@pytest.fixture(scope="module")
def site(built):
    return built[0]


def all_output(site):
    return {p.relative_to(site).as_posix(): p for p in site.rglob("*") if p.is_file()}


def test_nested_numbered_folders_lose_their_numbers(site):
    for url, title in [
        ("themes/", "Thèmes"),
        ("themes/logement/", "Logement"),
        ("themes/sante/", "Santé"),
        ("themes/annexe/", "Annexe non listée"),
        ("mon_dossier/", "Mon dossier"),
    ]:
        assert soup(site, url).find("h1").get_text() == title


def test_children_listed_in_number_order_without_unlisted_or_drafts(site):
    children = soup(site, "themes/").find("ul", class_="children").find_all("a")
    assert [a.get_text() for a in children] == ["Logement", "Santé"]  # 2 before 10
    assert [a["href"] for a in children] == ["/themes/logement/", "/themes/sante/"]


def test_menu_lists_top_level_listed_pages_in_order(site):
    menu = [a.get_text() for a in soup(site, "themes/").find("nav").find_all("a")]
    assert menu[:3] == ["Thèmes", "Toutes les balises", "sans-titre"]
    assert "Mon dossier" not in menu and "Accueil du test" not in menu


def test_drafts_and_hidden_folders_are_nowhere(site):
    files = all_output(site)
    assert not [p for p in files if "drafts" in p or "brouillon" in p or "secret" in p]
    for path in files.values():
        if path.suffix in (".html", ".xml", ".json"):
            text = path.read_text(encoding="utf-8")
            assert "SECRET-" not in text and "Brouillon secret" not in text


def test_title_fallback_and_txt_pages(site):
    assert soup(site, "sans-titre/").find("h1").get_text() == "sans-titre"


def test_missing_template_falls_back_to_page(site):
    assert soup(site, "gabarit-inconnu/").find("h1").get_text() == "Gabarit inconnu"


def test_long_hostile_title_is_escaped_everywhere(site):
    page = read(site, "titre-long/")
    assert "<script>alert(1)</script>" not in page
    parsed = BeautifulSoup(page, "html.parser")
    assert parsed.find("script") is None
    assert "</title><script>" in parsed.title.get_text()
    written = (SITE / "5_titre-long" / "page.md").read_text().split("\n")[0][len("Title: "):]
    assert parsed.find("h1").get_text() == french_typography_text(written.strip())
    assert len(written) == 500


def test_site_title_from_site_file(site):
    assert soup(site, "").title.get_text() == "Site de test"


def test_home_is_the_root(site):
    assert soup(site, "").find("h1").get_text() == "Accueil du test"
    assert not (site / "home").exists()


def test_page_files_published_without_metadata_or_html(site):
    files = all_output(site)
    for name in ("photo.png", "affiche.jpg", "doc_annuel.pdf", "clip.mp4"):
        assert f"balises/{name}" in files
    assert "balises/photo.png.txt" not in files
    assert "balises/ignore.html" not in files


def test_file_metadata_gives_alt_title_and_caption(site):
    figure = soup(site, "balises/").find("main").find("figure")
    img = figure.find("img")
    assert img["src"] == "/balises/photo.png"
    assert img["alt"] == "Un carré bleu"
    assert img["title"] == "Titre du fichier"
    assert figure.find("figcaption").decode_contents() == "Légende du <em>fichier</em>"


def test_every_tag_is_expanded(site):
    main = soup(site, "balises/").find("main")
    hrefs = [unescape(a["href"]) for a in main.find_all("a")]
    texts = [a.get_text() for a in main.find_all("a")]
    # image with attributes, linking to itself, caption with a nested tag
    second = main.find_all("figure")[1]
    assert second["class"] == ["large"]
    assert second.find("a")["href"] == "/balises/photo.png"
    assert second.find("img")["alt"] == "Autre texte"
    assert second.find("figcaption").find("a")["href"] == "mailto:contact@example.org"
    # link
    assert "example.org/a" in texts
    paris = main.find("a", string="Paris (France)")
    assert paris["href"] == "https://x.org/Paris_(France)"
    assert paris["target"] == "_blank" and paris["rel"] == ["noreferrer"]
    assert "/contact" in hrefs
    # email, tel, file
    assert "mailto:contact@example.org?subject=Bonjour" in hrefs
    assert "tel:+33123456789" in hrefs and "+33 1 23 45 67 89" in texts
    pdf = main.find("a", string="doc_annuel.pdf")
    assert pdf["href"] == "/balises/doc_annuel.pdf" and pdf.has_attr("download")
    assert "Document absent" in main.get_text()
    # video
    frames = [f["src"] for f in main.find_all("iframe")]
    assert any(src.startswith("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ") and "start=42" in src
               for src in frames)
    assert "https://player.vimeo.com/video/123456?dnt=1" in frames
    video = main.find("video")
    assert video.find("source")["src"] == "/balises/clip.mp4"
    assert video["poster"] == "/balises/affiche.jpg"
    # gist, date, unknown tag, Markdown links
    # A plain link, no third-party script (the site's Content Security Policy).
    gist = main.find("a", class_="gist")
    assert gist["href"] == "https://gist.github.com/user/abc123#file-a-py"
    assert main.find("script") is None
    assert "Nous sommes en 20" in main.get_text()
    assert "(note: une balise inconnue reste telle quelle)" in main.get_text()
    assert "https://example.org/md" in hrefs and "mailto:a@example.org" in hrefs
    # no dangerous scheme survives in any link
    assert not [h for h in hrefs if "javascript" in h.lower()]
    assert "piège" in main.get_text()
    assert "(link:" not in main.get_text() and "(image:" not in main.get_text()


def test_bad_pages_do_not_stop_the_others(site, built):
    _, messages = built
    # latin-1: named in the log, page still built with its accents recovered
    assert any("6_latin1/page.txt:1:" in m and "UTF-8" in m for m in messages)
    assert soup(site, "latin1/").find("h1").get_text() == "Café latin-1"
    # empty file: builds with its slug as title, problem logged
    assert soup(site, "vide/").find("h1").get_text() == "vide"
    assert any("7_vide/page.md:1:" in m for m in messages)


def test_problems_are_shown_on_the_page_in_development(site):
    notice = soup(site, "vide/").find(class_="problems")
    assert notice is not None and "vide" in notice.get_text()
    assert soup(site, "themes/").find(class_="problems") is None


def test_two_folders_with_one_url_do_not_crash_the_build(tmp_path, caplog):
    output = tmp_path / "output"
    build_site(FIXTURES / "duplicate-site", output)
    assert soup(output, "emploi/").find("h1").get_text() == "Emploi un"
    assert soup(output, "logement/").find("h1").get_text() == "Logement"
    assert any(
        "2_emploi/page.txt:1:" in r.getMessage() and "content/1_emploi/page.md" in r.getMessage()
        for r in caplog.records
    )


def test_an_image_without_alt_is_said_once_in_french(tmp_path, caplog):
    from PIL import Image

    content = tmp_path / "content"
    (content / "1_atelier").mkdir(parents=True)
    Image.new("RGB", (40, 30)).save(content / "1_atelier" / "photo.jpg")
    (content / "1_atelier" / "page.md").write_text(
        "Title: Atelier\n\n----\n\nText: (image: photo.jpg)\n", encoding="utf-8")
    build_site(content, tmp_path / "output")
    messages = [r.getMessage() for r in caplog.records if r.levelno >= logging.WARNING]
    assert any("1_atelier/page.md:5:" in m and "n’a pas de texte alternatif" in m
               for m in messages)
    assert not [m for m in messages if "Empty alt" in m or "Feeds generated" in m]
