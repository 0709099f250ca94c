"""Page furniture in the languages news is published in, and the story lines that must survive it.

Every line here is written for this test; none is copied from a page.
"""

from __future__ import annotations

import pytest

from newsdesk.extract.boilerplate import judge_line

FURNITURE = [
    # (language, line, kind)
    ("en", "Support independent journalism: donate now", "donation appeal"),
    ("en", "About the author", "author bio"),
    ("en", "Read the full story", "read more"),
    ("en", "Back to overview", "navigation"),
    ("en", "Photo courtesy of the harbour authority", "image credit"),
    ("de", "Anzeige", "advertisement"),
    ("de", "Ähnliche Beiträge", "related"),
    ("de", "Lesen Sie auch: Wie der Hafen wächst", "related"),
    ("de", "Weiterlesen", "read more"),
    ("de", "» Zurück zur Übersicht", "navigation"),
    ("de", "Artikel teilen", "share prompt"),
    ("de", "Jetzt Newsletter abonnieren und nichts verpassen", "newsletter prompt"),
    ("de", "Wir verwenden Cookies, um Ihnen das beste Erlebnis zu bieten", "consent notice"),
    ("de", "Unterstützen Sie unsere Arbeit mit einer Spende", "donation appeal"),
    ("de", "Über die Autorin", "author bio"),
    ("de", "Foto: Stadtarchiv", "image credit"),
    ("de", "Schreibe einen Kommentar", "comments"),
    ("fr", "Publicité", "advertisement"),
    ("fr", "À lire aussi : la ville ferme son port", "related"),
    ("fr", "Lire la suite", "read more"),
    ("fr", "Retour à l'accueil", "navigation"),
    ("fr", "Partager sur Facebook", "share prompt"),
    ("fr", "Inscrivez-vous à notre newsletter pour recevoir nos articles", "newsletter prompt"),
    ("fr", "Ce site utilise des cookies pour mesurer l'audience", "consent notice"),
    ("fr", "Soutenez-nous : faites un don", "donation appeal"),
    ("fr", "Crédit photo : mairie", "image credit"),
    ("es", "Publicidad", "advertisement"),
    ("es", "Noticias relacionadas", "related"),
    ("es", "Seguir leyendo", "read more"),
    ("es", "Volver arriba", "navigation"),
    ("es", "Suscríbete a nuestro boletín", "newsletter prompt"),
    ("es", "Utilizamos cookies propias y de terceros", "consent notice"),
    ("es", "Apoya nuestro periodismo: haz una donación", "donation appeal"),
    ("es", "Foto: ayuntamiento", "image credit"),
    ("pt", "Publicidade", "advertisement"),
    ("pt", "Leia também: o porto fecha no inverno", "related"),
    ("pt", "Continue lendo", "read more"),
    ("pt", "Voltar ao topo", "navigation"),
    ("pt", "Assine nossa newsletter e receba as notícias", "newsletter prompt"),
    ("pt", "Este site utiliza cookies para melhorar sua experiência", "consent notice"),
    ("pt", "Apoie o jornalismo independente: doe agora", "donation appeal"),
    ("it", "Pubblicità", "advertisement"),
    ("it", "Leggi anche", "related"),
    ("it", "Continua a leggere", "read more"),
    ("it", "Torna su", "navigation"),
    ("it", "Iscriviti alla newsletter per ricevere le notizie", "newsletter prompt"),
    ("it", "Questo sito utilizza i cookie per migliorare la tua esperienza", "consent notice"),
    ("it", "Sostienici: fai una donazione", "donation appeal"),
    ("it", "Lascia un commento", "comments"),
    # captions left in the body end with their credit
    ("de", "Der Hafen bei Nacht, vom Leuchtturm aus gesehen. Foto: Stadtarchiv/Anna Berg", "image credit"),
    ("en", "Fishing boats wait out the storm in the old harbour (jdoe / iStock.com)", "image credit"),
    ("fr", "Le ferry quitte le port au petit matin. © AFP / Jean Dupont", "image credit"),
    ("pt", "(crédito: Maria Souza/Agência Porto)", "image credit"),
    ("fr", "Crédits photos : mairie de Brest", "image credit"),
    ("de", "Texte und Fotos stehen unter der Lizenz CC BY-SA 4.0.", "licence notice"),
    ("en", "Get the news from our harbour desk on iOS and Android, every morning.", "share prompt"),
    ("en", "You can keep up with me on Mastodon and Bluesky.", "share prompt"),
    ("en", "Jump to Recipe", "navigation"),
    ("de", "Auch lesen: Warum der Hafen wächst", "related"),
    ("de", "Das Thema könnte dich auch interessieren:", "related"),
    ("de", "Um neue Beiträge per E-Mail zu erhalten, hier die E-Mail-Adresse eingeben.", "newsletter prompt"),
    ("de", "Sie sind aktuell nicht eingeloggt.", "account prompt"),
    ("de", "*Werbung. Dieser Beitrag enthält Werbung für eine Reederei.", "advertisement"),
    ("de", "Aufrufe: 512 | Hinzugefügt von: hafenfan", "post details"),
    ("es", "Le puede interesar: el puerto cierra en invierno", "related"),
    ("es", "Hazte miembro y apoya el periodismo local", "donation appeal"),
    (
        "en",
        "Comments that insult others will be deleted. You are fully responsible for the content you post.",
        "legal notice",
    ),
]

STORY = [
    # sentences that mention the same words but report, not prompt
    ("de", "Der Verlag hat seinen Newsletter im vergangenen Jahr an 40.000 Leser verschickt, sagte die Sprecherin."),
    ("de", "Foto- und Filmaufnahmen im Gerichtssaal hat der Richter am Montag untersagt, weil Zeugen aussagen."),
    ("fr", "La mairie a reçu un don de 2 millions d'euros pour rénover le port, a annoncé le maire lundi."),
    ("es", "El ayuntamiento aprobó una ley que obliga a las webs a pedir consentimiento antes de usar cookies."),
    ("pt", "A câmara municipal publicou na segunda-feira o relatório sobre a publicidade nas ruas do centro."),
    ("it", "Il sindaco ha detto che la pubblicità sui tram porterà alla città due milioni di euro all'anno."),
    ("en", "The charity said donations fell by a third after the storm closed its shops across the region."),
    ("en", "Back in 2019, the council voted to close the harbour to cruise ships during the summer season."),
    ("en", "The photo agency said on Monday it would sell its archive of harbour pictures to a museum."),
    ("en", "Here is the full-sized version of the photo via the mayor's post:"),
    ("en", "As usual, the agency quickly wrote a guide: Harbour Cover Photos: How to Add Yours Today."),
    ("de", "Das Bild zeigt nach Angaben der Polizei den Hafen kurz vor dem Brand, teilte die Behörde mit."),
]


@pytest.mark.parametrize(("language", "line", "kind"), FURNITURE)
def test_furniture_is_recognised_with_its_kind(language: str, line: str, kind: str) -> None:
    verdict = judge_line(line)
    assert verdict.boilerplate, f"{language}: {line!r} kept"
    assert verdict.reason == kind


@pytest.mark.parametrize(("language", "line"), STORY)
def test_story_sentences_with_furniture_words_are_kept(language: str, line: str) -> None:
    assert not judge_line(line).boilerplate, f"{language}: {line!r} dropped"


def test_every_language_file_covers_the_kinds_news_pages_carry() -> None:
    import json
    from importlib import resources

    folder = resources.files("newsdesk.extract").joinpath("furniture")
    languages = {entry.name.removesuffix(".json") for entry in folder.iterdir() if entry.name.endswith(".json")}
    assert {"en", "de", "fr", "es", "pt", "it"} <= languages
    for language in languages - {"en"}:  # English keeps most of its rules in boilerplate.py
        data = json.loads(folder.joinpath(f"{language}.json").read_text(encoding="utf-8"))
        for kind in (
            "advertisement",
            "related",
            "navigation",
            "consent notice",
            "newsletter prompt",
            "donation appeal",
            "image credit",
        ):
            assert kind in data, f"{language} has no {kind} phrases"


def test_a_german_page_loses_its_furniture_and_keeps_its_story() -> None:
    import newsdesk

    story = [
        "Der Stadtrat hat am Dienstag beschlossen, die alte Fähranlegestelle Ende nächsten Jahres zu schließen.",
        "Die Reparatur des Stegs wäre teurer gewesen als ein Neubau weiter flussaufwärts, sagte die Bürgermeisterin.",
        "Fährbetreiber warnen, dass Fahrgäste während der Bauzeit längere Wege in Kauf nehmen müssen.",
        "Eine öffentliche Anhörung zu den Plänen ist für März geplant, teilte die Stadtverwaltung mit.",
    ]
    furniture = ["Anzeige", "Lesen Sie auch: Neue Radwege am Ufer", "Foto: Stadtarchiv", "Artikel teilen"]
    body = "".join(f"<p>{line}</p>" for line in (story[:2] + furniture + story[2:]))
    page = (
        '<html lang="de"><head><meta charset="utf-8"><title>Fähranleger schließt</title></head>'
        f"<body><article><h1>Fähranleger schließt</h1>{body}</article></body></html>"
    )
    article = newsdesk.extract(page)
    for line in story:
        assert line in article.text
    for line in furniture:
        assert line not in article.text
    assert {r.reason for r in article.removed} >= {"advertisement", "related", "image credit", "share prompt"}


def test_the_note_on_the_writer_is_recognised_and_a_story_sentence_is_not() -> None:
    from newsdesk.extract.boilerplate import is_author_bio

    assert is_author_bio("Lena Vogt is a professor of maritime law at the University of Kiel.")
    assert is_author_bio("Tom Brandt ist Redakteur im Ressort Wirtschaft.")
    assert is_author_bio("Clara Mendes é jornalista e vive em Lisboa.")
    assert not is_author_bio("The harbour master is the head of a team of twelve pilots.")
    assert not is_author_bio('Lena Vogt is a professor who said: "We will appeal."')
    assert not is_author_bio("Lena Vogt is expected to sign the contract next week.")
