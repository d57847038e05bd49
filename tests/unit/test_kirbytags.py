"""KirbyTags (kirby-format.md §4): the tables below are the spec."""

from __future__ import annotations

import html
import re
from datetime import datetime, timedelta, timezone

import pytest

from kirby import kirbytags
from kirby.problems import Problem
from kirby.kirbytags import (
    TAGS,
    PageFile,
    Tag,
    TagContext,
    expand_tags,
    is_dangerous_url,
    kirbytag,
    parse_tag,
    php_date,
    short_url,
)

NOW = datetime(2024, 3, 5, 14, 7, 9, 123456)  # a Tuesday
FILES = {
    "insertion.png": PageFile(
        "insertion.png",
        "/emploi/insertion.png",
        {"alt": "Cinq personnes", "title": "Insertion", "caption": "Photo *CF92*"},
        640,
        480,
    ),
    "plain.jpg": PageFile("plain.jpg", "/emploi/plain.jpg", width=100, height=50),
    "big.jpg": PageFile("big.jpg", "/emploi/big.jpg"),
    "odd.jpg": PageFile("odd.jpg", "/emploi/odd.jpg", {"alt": 'a "b" & <c>', "title": "<t>"}),
    "doc.pdf": PageFile("doc.pdf", "/emploi/doc.pdf"),
    "mon_doc_2024.pdf": PageFile("mon_doc_2024.pdf", "/emploi/mon_doc_2024.pdf"),
    "rapport_.pdf": PageFile("rapport_.pdf", "/emploi/rapport_.pdf"),
    "a*b.pdf": PageFile("a*b.pdf", "/emploi/a*b.pdf"),
    "film.mp4": PageFile("film.mp4", "/emploi/film.mp4"),
    "clip.webm": PageFile("clip.webm", "/emploi/clip.webm"),
}


def context(site_url: str = "", **kwargs) -> TagContext:
    return TagContext(site_url=site_url, files=FILES, now=NOW, **kwargs)


def expand(text: str, site_url: str = "", **kwargs) -> str:
    return expand_tags(text, context(site_url, **kwargs))


def problems(text: str, **kwargs) -> list[tuple[int, str, str]]:
    ctx = context(**kwargs)
    expand_tags(text, ctx)
    return [(p.line, p.severity, p.message) for p in ctx.problems]


FIG = '<figure class="video">'
YT = ' title="Vidéo" allow="fullscreen" allowfullscreen></iframe></figure>'


# --- §4.1 Recognition, §4.3 unknown tags, and every default tag ---------------

CASES = [
    # §4.1 recognition
    ("(link: https://x.org)", '<a href="https://x.org">x.org</a>'),
    ("( link: https://x.org)", "( link: https://x.org)"),
    ("(link : https://x.org)", "(link : https://x.org)"),
    ("(lorem ipsum)", "(lorem ipsum)"),
    ("(LINK: https://x.org TEXT: y)", '<a href="https://x.org">y</a>'),
    ("(Link: https://x.org Text: y Target: _blank)",
     '<a href="https://x.org" rel="noreferrer" target="_blank">y</a>'),
    ("(link: https://x.org/Paris_(France) text: Paris (France))",
     '<a href="https://x.org/Paris_(France)">Paris (France)</a>'),
    ("(voir (link: https://x.org text: ici))", '(voir <a href="https://x.org">ici</a>)'),
    ("(link: https://x.org\ntext: sur\ndeux lignes)",
     '<a href="https://x.org">sur\ndeux lignes</a>'),
    ("- (link: https://x.org text: a)\n- *(tel: 1)*\n# (email: a@b.org)",
     '- <a href="https://x.org">a</a>\n- *<a href="tel:1">1</a>*\n'
     '# <a href="mailto:a@b.org">a@b.org</a>'),
    ("[t](https://x.org) [m](mailto:a@b.org) [n](tel:+33123)",
     "[t](https://x.org) [m](mailto:a@b.org) [n](tel:+33123)"),
    ("(a) (link: https://x.org text: b) (c)", '(a) <a href="https://x.org">b</a> (c)'),
    ("(tel:1)(tel:2)", '<a href="tel:1">1</a><a href="tel:2">2</a>'),
    # no balancing `)`: the text stays as written (an inner tag is still one, as in Kirby)
    ("(link: https://x.org text: a", "(link: https://x.org text: a"),
    ("(image: insertion.png\nsuite", "(image: insertion.png\nsuite"),
    ("(link: a (tel: 1)", '(link: a <a href="tel:1">1</a>'),
    # §4.3 unknown tags are left exactly as written, nested tags included (Kirby)
    ("(note: x)", "(note: x)"),
    ("(zq: x)", "(zq: x)"),
    ("(note: voir (link: https://x.org))", "(note: voir (link: https://x.org))"),
    ("(18:30)", "(18:30)"),
    # link
    ("(link: https://www.example.org/a/?x=1#y)",
     '<a href="https://www.example.org/a/?x=1#y">example.org/a</a>'),
    ("(link: https://user:pw@www.example.org:8080/a/b/)",
     '<a href="https://user:pw@www.example.org:8080/a/b/">example.org/a/b</a>'),
    ("(link: ftp://files.x.org/pub/)", '<a href="ftp://files.x.org/pub/">files.x.org/pub</a>'),
    ("(link: https://x.org text: https://www.y.org/z/?q=1)", '<a href="https://x.org">y.org/z</a>'),
    ("(link: https://x.org text: voir https://y.org)",
     '<a href="https://x.org">voir https://y.org</a>'),
    ("(link: https://x.org text: t class: c rel: me role: button target: _blank title: T)",
     '<a href="https://x.org" class="c" rel="me" role="button" target="_blank" title="T">t</a>'),
    ("(link: https://x.org target: _blank)",
     '<a href="https://x.org" rel="noreferrer" target="_blank">x.org</a>'),
    ("(link: https://x.org target: _self)", '<a href="https://x.org" target="_self">x.org</a>'),
    ("(link: https://x.org lang: en)", '<a href="https://x.org">x.org</a>'),
    ("(link: https://x.org text:)", '<a href="https://x.org">x.org</a>'),
    ("(link:https://x.org text:Hi)", '<a href="https://x.org">Hi</a>'),
    ("(link: https://x.org text: a: b)", '<a href="https://x.org">a: b</a>'),
    ("(link: https://x.org text: a text: b)", '<a href="https://x.org">b</a>'),
    ("(link: contact text: Contact)", '<a href="/contact">Contact</a>'),
    ("(link: contact)", '<a href="/contact">/contact</a>'),
    ("(link: https://x.org/_a_)", '<a href="https://x.org/_a_">x.org/&#95;a&#95;</a>'),
    ("(link: mailto:a@b.org)", '<a href="mailto:a@b.org">a@b.org</a>'),
    ("(link: MAILTO:a@b.org?subject=Hi text: Écrire class: c)",
     '<a href="mailto:a@b.org?subject=Hi" class="c">Écrire</a>'),
    ("(link: tel:+33 1 23 45 67 89)", '<a href="tel:+33123456789">+33 1 23 45 67 89</a>'),
    ("(link: tel:0123 text: Appeler title: T)", '<a href="tel:0123" title="T">Appeler</a>'),
    # email
    ("(email: a@b.org)", '<a href="mailto:a@b.org">a@b.org</a>'),
    ("(email: a@b.org?subject=Hi)", '<a href="mailto:a@b.org?subject=Hi">a@b.org</a>'),
    ("(email: a@b.org text: Écrivez-nous class: c rel: r target: _top title: T)",
     '<a href="mailto:a@b.org" class="c" rel="r" target="_top" title="T">Écrivez-nous</a>'),
    ("(email: a@b.org target: _blank)",
     '<a href="mailto:a@b.org" rel="noreferrer" target="_blank">a@b.org</a>'),
    ("(email: )", ""),
    ("(email: mailto:a@b.org)", '<a href="mailto:a@b.org">a@b.org</a>'),
    # tel
    ("(tel: +33 1 23 45 67 89)", '<a href="tel:+33123456789">+33 1 23 45 67 89</a>'),
    ("(tel: 01.23.45 text: Appelez class: c rel: r title: T)",
     '<a href="tel:012345" class="c" rel="r" title="T">Appelez</a>'),
    ("(tel: )", ""),
    # file
    ("(file: doc.pdf)", '<a href="/emploi/doc.pdf" download>doc.pdf</a>'),
    ("(file: doc.pdf text: Le programme)", '<a href="/emploi/doc.pdf" download>Le programme</a>'),
    ("(file: doc.pdf download: false)", '<a href="/emploi/doc.pdf">doc.pdf</a>'),
    ("(file: doc.pdf download: FALSE)", '<a href="/emploi/doc.pdf">doc.pdf</a>'),
    ("(file: doc.pdf download: true)", '<a href="/emploi/doc.pdf" download>doc.pdf</a>'),
    ("(file: doc.pdf class: c rel: r target: _blank title: T)",
     '<a href="/emploi/doc.pdf" class="c" download rel="r" target="_blank" title="T">doc.pdf</a>'),
    ("(file: doc.pdf target: _blank)",
     '<a href="/emploi/doc.pdf" download rel="noreferrer" target="_blank">doc.pdf</a>'),
    ("(file: mon_doc_2024.pdf)",
     '<a href="/emploi/mon_doc_2024.pdf" download>mon_doc_2024.pdf</a>'),
    ("(file: rapport_.pdf)", '<a href="/emploi/rapport_.pdf" download>rapport&#95;.pdf</a>'),
    ("(file: a*b.pdf)", '<a href="/emploi/a*b.pdf" download>a&#42;b.pdf</a>'),
    ("(file: absent.pdf)", "absent.pdf"),
    ("(file: absent.pdf text: Le programme)", "Le programme"),
    ("(file: file://abc)", "file://abc"),
    # image
    ("(image: insertion.png)",
     '<figure><img src="/emploi/insertion.png" alt="Cinq personnes" title="Insertion" width="640" height="480">'
     "<figcaption>Photo *CF92*</figcaption></figure>"),
    ("(image: insertion.png alt: Autre title: Titre caption: Légende)",
     '<figure><img src="/emploi/insertion.png" alt="Autre" title="Titre" width="640" height="480">'
     "<figcaption>Légende</figcaption></figure>"),
    ("(image: insertion.png caption: title:)",
     '<figure><img src="/emploi/insertion.png" alt="Cinq personnes" width="640" height="480"></figure>'),
    ("(image: plain.jpg alt: Un chat)",
     '<figure><img src="/emploi/plain.jpg" alt="Un chat" width="100" height="50"></figure>'),
    ("(image: plain.jpg)", '<figure><img src="/emploi/plain.jpg" alt="" width="100" height="50"></figure>'),
    ("(image: plain.jpg alt: a width: auto height: auto)",
     '<figure><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></figure>'),
    ("(image: big.jpg alt: a width: auto height: AUTO)",
     '<figure><img src="/emploi/big.jpg" alt="a"></figure>'),
    ("(image: plain.jpg alt: a width: 300 height: 200 class: f imgclass: i srcset: 300, 800)",
     '<figure class="f"><img src="/emploi/plain.jpg" alt="a" width="300" height="200" class="i">'
     "</figure>"),
    ("(image: plain.jpg alt: a link: self)",
     '<figure><a href="/emploi/plain.jpg"><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'),
    ("(image: plain.jpg alt: a link: doc.pdf)",
     '<figure><a href="/emploi/doc.pdf"><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'),
    ("(image: plain.jpg alt: a link: https://x.org linkclass: lc rel: r target: _blank)",
     '<figure><a href="https://x.org" class="lc" rel="r" target="_blank">'
     '<img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'),
    ("(image: plain.jpg alt: a link: https://x.org target: _blank)",
     '<figure><a href="https://x.org" rel="noreferrer" target="_blank">'
     '<img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'),
    ("(image: plain.jpg alt: a link: actions/emploi)",
     '<figure><a href="/actions/emploi"><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'),
    ("(image: https://x.org/a.png alt: a link: self)",
     '<figure><a href="https://x.org/a.png"><img src="https://x.org/a.png" alt="a"></a></figure>'),
    ("(image: https://x.org/a.png alt: a width: auto)",
     '<figure><img src="https://x.org/a.png" alt="a"></figure>'),
    ("(image: absent.png alt: a)", '<figure><img src="/absent.png" alt="a"></figure>'),
    ("(image: plain.jpg alt: a subtitle: b)",
     '<figure><img src="/emploi/plain.jpg" alt="a sub" title="b" width="100" height="50"></figure>'),
    ("(image: insertion.png\ncaption: Sur\ndeux lignes)",
     '<figure><img src="/emploi/insertion.png" alt="Cinq personnes" title="Insertion" width="640" height="480">'
     "<figcaption>Sur\ndeux lignes</figcaption></figure>"),
    # video: YouTube
    ("(video: https://www.youtube.com/watch?v=abc_-1)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc_-1"' + YT),
    ("(video: https://youtube.com/watch?v=abc&t=30)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc?start=30"' + YT),
    ("(video: https://www.youtube.com/watch?v=abc&t=1m30s&list=L1)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc?list=L1&amp;start=90"' + YT),
    ("(youtube: https://youtu.be/abc?t=42s)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc?start=42"' + YT),
    ("(video: https://www.youtube.com/embed/abc?rel=0)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc?rel=0"' + YT),
    ("(video: https://www.youtube-nocookie.com/embed/abc)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc"' + YT),
    ("(video: https://www.youtube.com/shorts/abc)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc"' + YT),
    ("(video: https://www.youtube.com/playlist?list=PL1)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/videoseries?list=PL1"' + YT),
    ("(video: https://m.youtube.com/watch?v=abc)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc"' + YT),
    ("(video: https://www.youtube.com/watch?v=abc width: 640 height: 360)",
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc" title="Vidéo" allow="fullscreen" allowfullscreen'
     ' width="640" height="360"></iframe></figure>'),
    ("(video: https://www.youtube.com/channel/xyz)", FIG + "</figure>"),
    ("(video: https://www.youtube.com/watch?v=a%20b)", FIG + "</figure>"),
    # video: Vimeo
    ("(vimeo: https://vimeo.com/123456)",
     FIG + '<iframe src="https://player.vimeo.com/video/123456?dnt=1"' + YT),
    ("(video: https://player.vimeo.com/video/123456?h=x)",
     FIG + '<iframe src="https://player.vimeo.com/video/123456?h=x&amp;dnt=1"' + YT),
    ("(video: https://vimeo.com/channels/abc)", FIG + "</figure>"),
    # video: files
    ("(video: film.mp4)",
     FIG + '<video controls><source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: clip.webm autoplay: yes)",
     FIG + '<video controls autoplay muted playsinline>'
     '<source src="/emploi/clip.webm" type="video/webm"></video></figure>'),
    ("(video: film.mp4 autoplay: true muted: no controls: off loop: 1 playsinline: ON)",
     FIG + '<video autoplay loop playsinline>'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: film.mp4 autoplay: maybe disablepictureinpicture: Yes preload: none)",
     FIG + '<video controls disablepictureinpicture preload="none">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: film.mp4 poster: plain.jpg width: 640 height: 360)",
     FIG + '<video controls poster="/emploi/plain.jpg" width="640" height="360">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: film.mp4 poster: https://x.org/p.jpg)",
     FIG + '<video controls poster="https://x.org/p.jpg">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: film.mp4 poster: images/p.jpg)",
     FIG + '<video controls poster="/images/p.jpg">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: https://x.org/media/a.mp4?v=2)",
     FIG + '<video controls><source src="https://x.org/media/a.mp4?v=2" type="video/mp4">'
     "</video></figure>"),
    ("(video: https://x.org/a.webm)",
     FIG + '<video controls><source src="https://x.org/a.webm" type="video/webm"></video>'
     "</figure>"),
    ("(video: https://x.org/page.html)", FIG + "</figure>"),
    ("(video: absent.mp4)", FIG + "</figure>"),
    ("(video: film.mp4 class: wide style: color: red caption: Notre film)",
     '<figure class="wide"><video controls>'
     '<source src="/emploi/film.mp4" type="video/mp4"></video>'
     "<figcaption>Notre film</figcaption></figure>"),
    # Kirby quirk (§4.2.5): `max-width:` holds the attribute `width:`
    ("(video: film.mp4 style: max-width: 40rem)",
     '<figure class="video"><video controls width="40rem">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    ("(video: film.mp4 class:)",
     '<figure><video controls><source src="/emploi/film.mp4" type="video/mp4"></video></figure>'),
    # gist
    ("(gist: https://gist.github.com/u/abc123)",
     '<a href="https://gist.github.com/u/abc123" class="gist">Voir le code sur GitHub</a>'),
    ("(gist: https://gist.github.com/u/abc123 file: a b.py)",
     '<a href="https://gist.github.com/u/abc123#file-a-b-py" class="gist">'
     'Voir le code « a b.py » sur GitHub</a>'),
    ("(gist: https://evil.example/u/abc123)", ""),
    ("(gist: https://gist.github.com.evil.example/u/abc)", ""),
    ("(gist: javascript://gist.github.com/%0aalert(1))", ""),
    # date
    ("(date: year)", "2024"),
    ("(date: YEAR)", "2024"),
    ("(date: d/m/Y)", "05/03/2024"),
    ("(date: j n y H:i)", "5 3 24 14:07"),
    ("(date: <b>Y</b>)", "&lt;b&gt;2024&lt;/b&gt;"),
    ("(date: \\Y\\e\\a\\r: Y)", "Year: 2024"),
]


@pytest.mark.parametrize(("text", "expected"), CASES)
def test_expand_tags(text, expected):
    assert expand(text) == expected


# --- §4.2 Attribute splitting -------------------------------------------------

SPLITS = [
    ("(link: https://x.org text: a: b)", ("link", "https://x.org", {"text": "a: b"})),
    ("(link: x foo: y)", ("link", "x foo: y", {})),
    ("(link: x text: a TEXT: b)", ("link", "x", {"text": "b"})),
    ("(link:https://x.org text:Hi)", ("link", "https://x.org", {"text": "Hi"})),
    ("(LINK: x TiTlE: y)", ("link", "x", {"title": "y"})),
    ("(link: x subtitle: y)", ("link", "x sub", {"title": "y"})),
    ("(link: f.pdf text: Download (PDF))", ("link", "f.pdf", {"text": "Download (PDF)"})),
    ("(link: x text:)", ("link", "x", {"text": ""})),
    ("(link: x text:\u00a0y\u00a0)", ("link", "x", {"text": "\u00a0y\u00a0"})),
    ("(link:   x  \n text:  y \t)", ("link", "x", {"text": "y"})),
    ("(file: file://abc text: t)", ("file", "file://abc", {"text": "t"})),
    ("(link: page://abc text: t)", ("link", "page://abc", {"text": "t"})),
    ("(gist: https://gist.github.com/u/1 file: a.py)",
     ("gist", "https://gist.github.com/u/1", {"file": "a.py"})),
    ("(gist: file://x file: a.py)", ("gist", "file://x", {"file": "a.py"})),
    ("(image: a.png linkclass: l imgclass: i class: c)",
     ("image", "a.png", {"linkclass": "l", "imgclass": "i", "class": "c"})),
    ("(YouTube: https://youtu.be/x CAPTION: c)",
     ("youtube", "https://youtu.be/x", {"caption": "c"})),
    ("(vimeo: https://vimeo.com/1 autoplay: yes)",
     ("vimeo", "https://vimeo.com/1", {"autoplay": "yes"})),
    ("(date: H:i text: x)", ("date", "H:i text: x", {})),
    ("(note: a text: b)", ("note", "a text: b", {})),
]


@pytest.mark.parametrize(("source", "expected"), SPLITS)
def test_parse_tag(source, expected):
    assert parse_tag(source) == expected


# --- §4.3 Escaping ------------------------------------------------------------

ESCAPING = [
    ('(link: https://x.org/?a="&<> text: <b>x</b>)',
     '<a href="https://x.org/?a=&quot;&amp;&lt;&gt;">&lt;b&gt;x&lt;/b&gt;</a>'),
    ('(link: https://x.org title: "&<> class: a"b rel: <r> role: & target: ">)',
     '<a href="https://x.org" class="a&quot;b" rel="&lt;r&gt;" role="&amp;" target="&quot;&gt;"'
     ' title="&quot;&amp;&lt;&gt;">x.org</a>'),
    ("(link: https://x.org text: l'emploi & \"vous\")",
     '<a href="https://x.org">l\'emploi &amp; "vous"</a>'),
    ("(email: a@b.org?subject=A&B text: <i>x</i>)",
     '<a href="mailto:a@b.org?subject=A&amp;B">&lt;i&gt;x&lt;/i&gt;</a>'),
    ("(email: <a>@b.org)", '<a href="mailto:&lt;a&gt;@b.org">&lt;a&gt;@b.org</a>'),
    ("(tel: 01 <b> text: <b>x</b>)", '<a href="tel:01">&lt;b&gt;x&lt;/b&gt;</a>'),
    ("(tel: <b>01</b>)", '<a href="tel:01">&lt;b&gt;01&lt;/b&gt;</a>'),
    ("(file: doc.pdf text: <b>x</b> title: \"t\")",
     '<a href="/emploi/doc.pdf" download title="&quot;t&quot;">&lt;b&gt;x&lt;/b&gt;</a>'),
    ("(file: <b>.pdf)", "&lt;b&gt;.pdf"),
    ('(image: plain.jpg alt: "&<> title: "&<> class: "c" imgclass: <i> width: "1")',
     '<figure class="&quot;c&quot;"><img src="/emploi/plain.jpg" alt="&quot;&amp;&lt;&gt;"'
     ' title="&quot;&amp;&lt;&gt;" width="&quot;1&quot;" class="&lt;i&gt;"></figure>'),
    ("(image: odd.jpg)",
     '<figure><img src="/emploi/odd.jpg" alt="a &quot;b&quot; &amp; &lt;c&gt;" title="&lt;t&gt;">'
     "</figure>"),
    ('(image: https://x.org/a.png?x="<> alt: a link: https://y.org/?q="<> linkclass: "l)',
     '<figure><a href="https://y.org/?q=&quot;&lt;&gt;" class="&quot;l">'
     '<img src="https://x.org/a.png?x=&quot;&lt;&gt;" alt="a"></a></figure>'),
    ("(video: film.mp4 caption: <b>x</b> & y style: a\"b preload: <p>)",
     '<figure class="video"><video controls preload="&lt;p&gt;">'
     '<source src="/emploi/film.mp4" type="video/mp4"></video>'
     "<figcaption>&lt;b&gt;x&lt;/b&gt; &amp; y</figcaption></figure>"),
    ('(video: https://www.youtube.com/watch?v=abc&x="> width: "1)',
     FIG + '<iframe src="https://www.youtube-nocookie.com/embed/abc?x=%22%3E" title="Vidéo" allow="fullscreen"'
     ' allowfullscreen width="&quot;1"></iframe></figure>'),
    ('(gist: https://gist.github.com/u/1"<x> file: "&)',
     '<a href="https://gist.github.com/u/1&quot;&lt;x&gt;" class="gist">'
     'Voir le code « "&amp; » sur GitHub</a>'),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPING)
def test_escaping(text, expected):
    assert expand(text) == expected


def test_image_caption_is_inline_kirbytext_and_keeps_html():
    def inline(text: str) -> str:
        return text.replace("*CF92*", "<em>CF92</em>")

    assert expand("(image: insertion.png)", render_inline=inline) == (
        '<figure><img src="/emploi/insertion.png" alt="Cinq personnes" title="Insertion" width="640" height="480">'
        "<figcaption>Photo <em>CF92</em></figcaption></figure>"
    )


def test_default_render_inline_escapes_the_caption():
    assert expand("(image: plain.jpg alt: a caption: <b>x</b>)") == (
        '<figure><img src="/emploi/plain.jpg" alt="a" width="100" height="50"><figcaption>&lt;b&gt;x&lt;/b&gt;'
        "</figcaption></figure>"
    )


# --- §4.3 Dangerous schemes ---------------------------------------------------

DANGEROUS = [
    "javascript:alert(1)",
    "JaVaScRiPt:alert(1)",
    "JAVASCRIPT:alert(1)",
    "java\tscript:alert(1)",
    "java\nscript:alert(1)",
    "java\rscript:alert(1)",
    "java script:alert(1)",
    "javascript :alert(1)",
    "jav\x00ascript:alert(1)",
    "\x01javascript:alert(1)",
    "java\u00a0script:alert(1)",
    "java\u200bscript:alert(1)",
    "javascript://%0aalert(1)",
    "javascript&colon;alert(1)",
    "&#106;avascript:alert(1)",
    "&#x6A;avascript:alert(1)",
    "java%09script:alert(1)",
    "vbscript:msgbox(1)",
    "VBScript:msgbox(1)",
    "livescript:alert(1)",
    "mocha:alert(1)",
    "jar:https://x.org/a.jar!/",
    "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
    "DATA:text/html,<script>alert(1)</script>",
    "Data :image/svg+xml,x",
]

URL_ATTRIBUTE = re.compile(r'\b(?:href|src|poster)="([^"]*)"')
SCHEME_WORDS = ("javascript:", "vbscript:", "livescript:", "mocha:", "jar:", "data:")


def assert_no_dangerous_url(output: str) -> None:
    for value in URL_ATTRIBUTE.findall(output):
        value = html.unescape(value)
        assert not is_dangerous_url(value), output
        squeezed = re.sub(r"[\s\x00-\x1f\u200b]", "", value).lower()
        assert not any(word in squeezed for word in SCHEME_WORDS), output


def dangerous_problem(ctx: TagContext) -> bool:
    return any(p.severity == "error" and "dangereuse" in p.message for p in ctx.problems)


@pytest.mark.parametrize("url", DANGEROUS)
@pytest.mark.parametrize(
    ("template", "kept"),
    [
        ("(link: {url} text: Cliquez)", "Cliquez"),
        ("(link: {url})", ""),
        ("(image: plain.jpg alt: Un chat link: {url})",
         '<img src="/emploi/plain.jpg" alt="Un chat" width="100" height="50">'),
        ("(image: {url} alt: Un chat)", "Un chat"),
        ("(email: {url} text: Écrire)", "Écrire"),
        ("(link: mailto:{url} text: Écrire)", "Écrire"),
        ("(video: film.mp4 poster: {url})", '<video controls><source src="/emploi/film.mp4"'),
    ],
)
def test_dangerous_schemes_never_reach_a_url(url, template, kept):
    ctx = context("https://ex.org")
    output = expand_tags(template.format(url=url), ctx)
    assert_no_dangerous_url(output)
    assert kept in output
    assert "<a" not in output.replace(kept, "")  # the link itself is dropped
    assert dangerous_problem(ctx)


@pytest.mark.parametrize("url", DANGEROUS)
def test_is_dangerous_url(url):
    assert is_dangerous_url(url)


@pytest.mark.parametrize(
    "url",
    ["https://x.org/?next=javascript:x", "/javascript:x", "page/data:x", "mailto:a@b.org",
     "tel:+33", "#data:x", "https://x.org/jar:x", "datas:x", "", "contact"],
)
def test_harmless_urls_are_kept(url):
    assert not is_dangerous_url(url)


# --- §4.3 Relative targets ----------------------------------------------------

TARGETS = [
    ("contact", "/contact", "https://ex.org/contact"),
    ("/contact", "/contact", "https://ex.org/contact"),
    ("//contact", "//contact", "//contact"),
    ("actions/emploi/", "/actions/emploi/", "https://ex.org/actions/emploi/"),
    ("", "/", "https://ex.org/"),
    ("https://x.org/a", "https://x.org/a", "https://x.org/a"),
    ("http://x.org", "http://x.org", "http://x.org"),
    ("ftp://x.org/f", "ftp://x.org/f", "ftp://x.org/f"),
    ("//cdn.x.org/a.png", "//cdn.x.org/a.png", "//cdn.x.org/a.png"),
    ("geo:48.85,2.35", "geo:48.85,2.35", "geo:48.85,2.35"),
    ("#haut", "#haut", "#haut"),
    ("./voisin", "./voisin", "./voisin"),
    ("../parent", "../parent", "../parent"),
    ("www.x.org", "/www.x.org", "https://ex.org/www.x.org"),
]


@pytest.mark.parametrize(("value", "dev", "prod"), TARGETS)
@pytest.mark.parametrize("site_url", ["", "https://ex.org", "https://ex.org/"])
def test_relative_targets(value, dev, prod, site_url):
    expected = dev if site_url == "" else prod
    assert expand(f"(link: {value} text: t)", site_url) == f'<a href="{expected}">t</a>'
    assert expand(f"(image: plain.jpg alt: a link: {value})", site_url) == (
        f'<figure><a href="{expected}"><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'
        if value else '<figure><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></figure>'  # no link: none
    )
    if value:
        assert expand(f"(image: {value} alt: a)", site_url) == (
            f'<figure><img src="{expected}" alt="a"></figure>'
        )


def test_link_mailto_and_tel_are_kept_as_written():
    assert expand("(image: plain.jpg alt: a link: mailto:a@b.org)") == (
        '<figure><a href="mailto:a@b.org"><img src="/emploi/plain.jpg" alt="a" width="100" height="50"></a></figure>'
    )


# --- URL shortening -----------------------------------------------------------

SHORT = [
    ("https://www.example.org/a/?x=1#y", "example.org/a"),
    ("http://example.org", "example.org"),
    ("https://example.org/", "example.org"),
    ("HTTPS://WWW.Example.org/A", "Example.org/A"),
    ("https://u:p@x.org:8443/a", "x.org/a"),
    ("ftp://x.org/pub/", "x.org/pub"),
    ("https://[::1]:8080/a", "[::1]/a"),
    ("mailto:a@b.org", "mailto:a@b.org"),
    ("/contact", "/contact"),
    ("voir https://x.org", "voir https://x.org"),
    ("https://", "https://"),
]


@pytest.mark.parametrize(("url", "expected"), SHORT)
def test_short_url(url, expected):
    assert short_url(url) == expected


# --- date: PHP date() codes ---------------------------------------------------

PARIS_WINTER = timezone(timedelta(hours=1), "CET")
DATES = [
    ("d", NOW, "05"), ("D", NOW, "Tue"), ("j", NOW, "5"), ("l", NOW, "Tuesday"),
    ("N", NOW, "2"), ("S", NOW, "th"), ("w", NOW, "2"), ("z", NOW, "64"), ("W", NOW, "10"),
    ("F", NOW, "March"), ("m", NOW, "03"), ("M", NOW, "Mar"), ("n", NOW, "3"), ("t", NOW, "31"),
    ("L", NOW, "1"), ("o", NOW, "2024"), ("Y", NOW, "2024"), ("y", NOW, "24"),
    ("a", NOW, "pm"), ("A", NOW, "PM"), ("g", NOW, "2"), ("G", NOW, "14"), ("h", NOW, "02"),
    ("H", NOW, "14"), ("i", NOW, "07"), ("s", NOW, "09"), ("u", NOW, "123456"), ("v", NOW, "123"),
    ("w", datetime(2024, 3, 10), "0"), ("N", datetime(2024, 3, 10), "7"),
    ("D l", datetime(2024, 3, 10), "Sun Sunday"),
    ("jS", datetime(2024, 3, 1), "1st"), ("jS", datetime(2024, 3, 2), "2nd"),
    ("jS", datetime(2024, 3, 3), "3rd"), ("jS", datetime(2024, 3, 11), "11th"),
    ("jS", datetime(2024, 3, 22), "22nd"), ("jS", datetime(2024, 3, 13), "13th"),
    ("z", datetime(2023, 1, 1), "0"), ("t L", datetime(2023, 2, 1), "28 0"),
    ("t", datetime(2024, 2, 1), "29"), ("W o", datetime(2021, 1, 3), "53 2020"),
    ("W", datetime(2024, 1, 1), "01"),
    ("g a h A", datetime(2024, 1, 1, 0, 5), "12 am 12 AM"),
    ("g h G H", datetime(2024, 1, 1, 9, 5), "9 09 9 09"),
    ("g", datetime(2024, 1, 1, 12, 0), "12"),
    ("Y y", datetime(987, 1, 1), "0987 87"),
    ("U", datetime(2024, 3, 5, 13, 7, 9, tzinfo=timezone.utc), "1709644029"),
    ("O P p Z T", datetime(2024, 3, 5, 14, 7, 9, tzinfo=PARIS_WINTER),
     "+0100 +01:00 +01:00 3600 CET"),
    ("p", datetime(2024, 3, 5, tzinfo=timezone.utc), "Z"),
    ("O", datetime(2024, 3, 5, tzinfo=timezone(-timedelta(hours=3, minutes=30))), "-0330"),
    ("c", datetime(2024, 3, 5, 14, 7, 9, tzinfo=PARIS_WINTER), "2024-03-05T14:07:09+01:00"),
    ("r", datetime(2024, 3, 5, 14, 7, 9, tzinfo=PARIS_WINTER), "Tue, 05 Mar 2024 14:07:09 +0100"),
    ("B", datetime(2024, 3, 5, 11, 0, 0, tzinfo=timezone.utc), "500"),
    ("B", datetime(2024, 3, 5, 22, 59, 59, tzinfo=timezone.utc), "999"),
    ("B", datetime(2024, 3, 5, 23, 0, 0, tzinfo=timezone.utc), "000"),
    ("I", datetime(2024, 3, 5, tzinfo=timezone.utc), "0"),
    ("l j F Y à H\\hi", NOW, "Tuesday 5 March 2024 à 14h07"),
    ("\\d\\a\\t\\e", NOW, "date"),
    ("\\\\Y", NOW, "\\2024"),
    ("Y\\", NOW, "2024"),
    ("", NOW, ""),
    ("é – ! ? 1", NOW, "é – ! ? 1"),
]


@pytest.mark.parametrize(("fmt", "moment", "expected"), DATES)
def test_php_date(fmt, moment, expected):
    assert php_date(fmt, moment) == expected


def test_date_tag_uses_the_build_date():
    ctx = TagContext(now=datetime(1999, 12, 31))
    assert expand_tags("© (date: year) – (date: d.m.Y)", ctx) == "© 1999 – 31.12.1999"


# --- Problems -----------------------------------------------------------------

MISSING = ("Le fichier « {} » est introuvable dans le dossier de la page : ajoutez-le à côté "
           "de la page ou corrigez son nom.")

PROBLEMS = [
    # known tag with no balancing `)`: an error on the line where it starts
    ("Intro\n\n(image: insertion.png\nsuite", [(3, "error", "La balise « (image: … » n’est pas "
                                                "fermée : ajoutez la parenthèse fermante « ) ».")]),
    ("(LINK: https://x.org", [(1, "error", "« (LINK: … » n’est pas fermée")]),
    # unknown tag: a warning; URL schemes, times and labels are silent
    ("a\n(note: x)", [(2, "warning", "La balise « (note: … » n’existe pas")]),
    ("(Remarque: x)",
     [(1, "warning", "mettez une espace avant les deux-points : « (Remarque : … »")]),
    ("(note: x", []),
    ("(video: film.mp4 style: color: red)", [(1, "warning", "« style: » de la vidéo")]),
    ("[t](https://x.org) [m](mailto:a@b.org) [n](tel:+33123) [f](ftp://x) (foo://bar)", []),
    ("[t](HTTP://x.org) [g](geo:1,2) [s](sms:+331)", []),
    ("(18:30) (10:00-12:00) (A: oui, B: non)", []),
    ("( note: x) (note : x) (lorem ipsum)", []),
    # missing page files
    ("(image: absent.png alt: a)", [(1, "error", MISSING.format("absent.png"))]),
    ("x\n(file: absent.pdf)", [(2, "error", MISSING.format("absent.pdf"))]),
    ("(video: absent.mp4)", [(1, "error", MISSING.format("absent.mp4"))]),
    ("(image: )", [(1, "error", "ne nomme aucun fichier"), (1, "warning", "texte alternatif")]),
    ("(image: https://x.org/a.png alt: a) (image: /img/a.png alt: a)", []),
    ("(image: autre/a.png alt: a)", []),
    ("(file: https://x.org/a.pdf) (file: autre-page/a.pdf)", []),
    ("(image: insertion.png) (file: doc.pdf) (video: film.mp4) (video: https://youtu.be/x)", []),
    # missing alt text
    ("(image: plain.jpg)", [(1, "warning", "L’image « plain.jpg » n’a pas de texte alternatif : "
                            "ajoutez « alt: … » dans la balise ou un champ « Alt: » dans "
                            "« plain.jpg.md »")]),
    ("(image: https://x.org/a.png)", [(1, "warning", "ajoutez « alt: … » dans la balise, pour")]),
    ("(image: absent.png)", [(1, "error", MISSING.format("absent.png")),
                             (1, "warning", "L’image « absent.png » n’a pas de texte alternatif")]),
    ("(image: plain.jpg alt:)", []),  # written empty: a decorative image
    # dangerous schemes
    ("\n(link: javascript:alert(1) text: x)",
     [(2, "error", "L’adresse « javascript:alert(1) » est dangereuse et le lien a été neutralisé "
                   ": utilisez une adresse qui commence par https://.")]),
    ("(image: plain.jpg alt: a link: JaVaScRiPt:alert(1))", [(1, "error", "est dangereuse")]),
    ("(email: data:text/html,x)", [(1, "error", "est dangereuse")]),
    ("(gist: javascript://gist.github.com/x)", [(1, "error", "est dangereuse")]),
    # unrecognised videos and gists
    ("(video: https://x.org/page)",
     [(1, "warning", "La vidéo « https://x.org/page » n’est pas reconnue")]),
    ("(video: https://vimeo.com/abc)", [(1, "warning", "n’est pas reconnue")]),
    ("(gist: https://x.org/u/1)", [(1, "warning", "seules les adresses https://gist.github.com/")]),
    # several tags, several lines
    ("(image: a.png alt: x)\n\n(note: y)\n(link: https://x.org text: ok)\n(file: b.pdf",
     [(1, "error", MISSING.format("a.png")), (3, "warning", "(note: …"),
      (5, "error", "« (file: … » n’est pas fermée")]),
    ("(image: insertion.png\ncaption: x)\n(image: absent.png\nalt: a)",
     [(3, "error", MISSING.format("absent.png"))]),
]


@pytest.mark.parametrize(("text", "expected"), PROBLEMS)
def test_problems(text, expected):
    found = problems(text)
    assert len(found) == len(expected), found
    for (line, severity, message), (want_line, want_severity, fragment) in zip(found, expected):
        assert (line, severity) == (want_line, want_severity), found
        assert fragment in message, found


def test_messages_are_french_with_typographic_punctuation():
    found = problems("(note: x) (image: absent.png) (link: javascript:x) (file: b.pdf")
    assert len(found) == 5
    for _line, _severity, message in found:
        assert "'" not in message and '"' not in message
        assert "« " in message and " »" in message


def test_problems_inside_a_caption_get_the_tag_line():
    ctx = context()
    ctx.render_inline = lambda text: expand_tags(text, ctx)
    output = expand_tags("a\n\n(image: insertion.png alt: a\ncaption: voir\n(file: nope.pdf))", ctx)
    assert output.endswith("<figcaption>voir\nnope.pdf</figcaption></figure>")
    assert [(p.line, p.severity) for p in ctx.problems] == [(3, "error")]


def test_problems_are_appended_to_the_given_list():
    earlier = Problem("", 7, "déjà là", "warning")
    ctx = context(problems=[earlier])
    expand_tags("(note: x)", ctx)
    assert ctx.problems[0] is earlier and len(ctx.problems) == 2


# --- Registry -----------------------------------------------------------------


def test_registry_holds_the_default_tags_and_their_attributes():
    assert set(TAGS) == {"date", "email", "file", "gist", "image", "link", "tel", "video",
                         "youtube", "vimeo"}
    assert TAGS["youtube"].render is TAGS["video"].render
    assert TAGS["youtube"].attrs == TAGS["video"].attrs
    assert set(TAGS["link"].attrs) == {"text", "class", "rel", "role", "target", "title", "lang"}
    assert set(TAGS["image"].attrs) == {"alt", "caption", "class", "height", "imgclass", "link",
                                        "linkclass", "rel", "srcset", "target", "title", "width"}
    assert TAGS["date"].attrs == ()
    assert all(isinstance(tag.splitter, re.Pattern) for tag in TAGS.values())


def test_adding_a_tag_is_adding_one_function(monkeypatch):
    monkeypatch.setattr(kirbytags, "TAGS", dict(TAGS))

    @kirbytag("abbr", "title")
    def abbr_tag(value, attrs, ctx):
        return f'<abbr title="{html.escape(attrs.get("title", ""))}">{html.escape(value)}</abbr>'

    assert expand("(abbr: CF92 title: Citoyens Fraternels)") == (
        '<abbr title="Citoyens Fraternels">CF92</abbr>'
    )
    assert "abbr" not in TAGS  # the module's registry was the patched copy


def test_a_failing_tag_keeps_its_text_and_warns(monkeypatch):
    def broken(value, attrs, ctx):
        kirbytags._report(ctx, 0, "error", "sera retiré")
        raise ValueError("boum")

    monkeypatch.setitem(TAGS, "boom", Tag((), broken, re.compile("(boom):", re.I)))
    ctx = context()
    text = "a\n(boom: x (tel: 1)) (tel: 2)"
    assert expand_tags(text, ctx) == 'a\n(boom: x (tel: 1)) <a href="tel:2">2</a>'
    assert [(p.line, p.severity) for p in ctx.problems] == [(2, "warning")]
    assert "n’a pas pu être affichée" in ctx.problems[0].message


def test_malformed_urls_never_raise():
    ctx = context()
    output = expand_tags("(video: https://[x/y.mp4) (gist: https://[x) (link: https://[x)", ctx)
    assert "(video: https://[x/y.mp4)" in output  # kept as written, with a warning
    assert all(p.severity in ("error", "warning") for p in ctx.problems)


def test_stash_receives_each_expanded_tag():
    stored: list[str] = []

    def stash(fragment: str) -> str:
        stored.append(fragment)
        return f"\x02{len(stored)}\x03"

    output = expand("a (tel: 1) (note: x) (email: ) b (link: https://x.org)", stash=stash)
    assert output == "a \x021\x03 (note: x)  b \x022\x03"
    assert stored == ['<a href="tel:1">1</a>', '<a href="https://x.org">x.org</a>']


def test_many_tags_in_a_large_text():
    paragraph = "Voir (link: https://x.org text: ici) et (image: insertion.png) (note: n).\n"
    ctx = context()
    output = expand_tags(paragraph * 200, ctx)
    assert output.count("<a ") == 200 and output.count("<figure>") == 200
    assert [p.line for p in ctx.problems] == list(range(1, 201))


def test_context_defaults():
    ctx = TagContext()
    assert (ctx.site_url, dict(ctx.files), ctx.problems) == ("", {}, [])
    assert ctx.render_inline("<b>") == "&lt;b&gt;"
    assert ctx.stash("<b>") == "<b>"
    assert isinstance(ctx.now, datetime)


class _References:
    """Two UUIDs of a site: a page's and a file's (kirby.uuids.Resolver's interface)."""

    photo = PageFile("photo.jpg", "/albums/ciel/photo.jpg", {"alt": "Le ciel"}, 40, 30)

    def file(self, reference):
        return self.photo if reference in ("file://ph0t0", "/@/file/ph0t0") else None

    def url(self, reference):
        if reference in ("page://p4ge", "/@/page/p4ge"):
            return "/albums/ciel/"
        found = self.file(reference)
        return found.url if found else None


@pytest.mark.parametrize(("text", "expected"), [
    ("(link: page://p4ge text: le ciel)", '<a href="/albums/ciel/">le ciel</a>'),
    ("(link: file://ph0t0 text: la photo)", '<a href="/albums/ciel/photo.jpg">la photo</a>'),
    ("(file: file://ph0t0)", '<a href="/albums/ciel/photo.jpg" download>photo.jpg</a>'),
    ("(image: file://ph0t0)",
     '<figure><img src="/albums/ciel/photo.jpg" alt="Le ciel" width="40" height="30"></figure>'),
])
def test_uuid_references_lead_to_their_page_or_file(text, expected):
    context = TagContext(references=_References())
    assert expand_tags(text, context) == expected
    assert context.problems == []


@pytest.mark.parametrize("text", ["(link: page://n0ne text: ailleurs)", "(image: file://n0ne alt: x)",
                                  "(file: file://n0ne text: le fichier)"])
def test_an_unknown_uuid_is_an_error_naming_it_and_shows_no_broken_link(text):
    context = TagContext(references=_References())
    html = expand_tags(text, context)
    assert "://" not in html and "href" not in html and "<img" not in html
    assert [(p.severity, "« " in p.message and "n0ne" in p.message) for p in context.problems] == [
        ("error", True)]
