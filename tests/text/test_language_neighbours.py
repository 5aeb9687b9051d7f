"""Close neighbours told apart: langdetect has no Icelandic, Faroese, Zulu or
Xhosa and calls them Norwegian and Swahili with full confidence."""

from __future__ import annotations

import pytest

from newsreader.text import detect_language, language_name
from newsreader.text.language import language_guess

PARAGRAPHS = {
    "is": (
        "Ríkisstjórnin kynnti í dag nýtt fjárlagafrumvarp fyrir næsta ár. Fjármálaráðherra sagði að "
        "markmiðið væri að draga úr verðbólgu og styrkja heilbrigðiskerfið. Stjórnarandstaðan telur að "
        "sveitarfélögin fái of lítið fé til skóla og þjónustu við aldraða. Veðrið á Íslandi hefur verið "
        "óvenju milt í vetur, og margir ferðamenn hafa heimsótt Þingvelli."
    ),
    "fo": (
        "Landsstýrið legði í dag fram uppskot til fíggjarlóg fyri næsta ár. Fíggjarmálaráðharrin segði, "
        "at málið er at minka um prísvøksturin og at styrkja heilsuverkið. Andstøðan heldur, at "
        "kommunurnar fáa ov lítið av peningi til skúlar og eldrarøkt. Veðrið í Føroyum hevur verið "
        "óvanliga gott í vetur, og nógv ferðafólk hava vitjað í Havn."
    ),
    "nb": (
        "Regjeringen la i dag fram forslaget til statsbudsjett for neste år. Finansministeren sa at målet "
        "er å få ned prisveksten og styrke helsetjenestene. Opposisjonen mener at kommunene får for lite "
        "penger til skoler og eldreomsorg. Været i Norge har vært uvanlig mildt i vinter, og mange "
        "turister har besøkt Lofoten."
    ),
    "nn": (
        "Regjeringa la i dag fram framlegget til statsbudsjett for neste år. Finansministeren sa at målet "
        "er å få ned prisveksten og styrkje helsetenestene. Opposisjonen meiner at kommunane får for lite "
        "pengar til skular og eldreomsorg. Vêret i Noreg har vore uvanleg mildt i vinter, og mange "
        "turistar har vitja Lofoten."
    ),
    "da": (
        "Regeringen fremlagde i dag sit forslag til finanslov for næste år. Finansministeren sagde, at "
        "målet er at få inflationen ned og styrke sundhedsvæsenet. Oppositionen mener, at kommunerne får "
        "for få penge til skoler og ældrepleje. Vejret i Danmark har været usædvanligt mildt i vinter, og "
        "mange turister har besøgt København."
    ),
    "sv": (
        "Regeringen lade i dag fram sitt förslag till budget för nästa år. Finansministern sade att målet "
        "är att få ner inflationen och stärka sjukvården. Oppositionen menar att kommunerna får för lite "
        "pengar till skolor och äldreomsorg. Vädret i Sverige har varit ovanligt milt i vinter, och många "
        "turister har besökt Stockholm."
    ),
    "zu": (
        "Uhulumeni umemezele namuhla ukuthi uzokhuphula intela kaphethiloli. Ungqongqoshe wezezimali "
        "uthe lesi sinqumo sizosiza ukunciphisa isikweletu sezwe. Abantu abaningi abahlala emakhaya "
        "bathi bazokhokha kakhulu futhi impilo izoba nzima kakhulu. Kodwa abanye abahlaziyi bakholelwa "
        "ukuthi lolu shintsho luzoqinisa umnotho eminyakeni ezayo."
    ),
    "xh": (
        "Urhulumente ubhengeze namhlanje ukuba uza kunyusa irhafu yepetroli. Umphathiswa wezemali uthe "
        "esi sigqibo siza kunceda ukunciphisa ityala lelizwe. Abantu abaninzi abahlala emaphandleni bathi "
        "baza kuhlawula kakhulu kwaye ubomi buza kuba nzima. Kodwa abanye abahlalutyi bakholelwa ukuba "
        "olu tshintsho luza komeleza uqoqosho kwiminyaka ezayo."
    ),
    "sw": (
        "Serikali imetangaza leo kwamba itaongeza kodi ya mafuta. Waziri wa fedha amesema uamuzi huo "
        "utasaidia kupunguza deni la taifa. Watu wengi wanaoishi vijijini wanasema watalipa zaidi na "
        "maisha yatakuwa magumu. Lakini baadhi ya wachambuzi wanaamini kwamba mabadiliko hayo "
        "yataimarisha uchumi katika miaka ijayo."
    ),
}
# Bokmål and nynorsk are one code, as the marker tables and stemmer treat them.
EXPECTED = {"nb": "no", "nn": "no"}


def sentences(text: str) -> list[str]:
    return [s if s.endswith(".") else s + "." for s in text.split(". ")]


@pytest.mark.parametrize("written", sorted(PARAGRAPHS))
def test_a_paragraph_is_its_language(written):
    """Before: Icelandic and Faroese came out "no", Zulu and Xhosa "sw"."""
    assert detect_language(PARAGRAPHS[written]) == EXPECTED.get(written, written)


@pytest.mark.parametrize("written", sorted(PARAGRAPHS))
def test_every_sentence_is_its_language(written):
    for sentence in sentences(PARAGRAPHS[written]):
        assert detect_language(sentence) == EXPECTED.get(written, written), sentence


def test_an_unsure_guess_is_unknown_never_a_wrong_language():
    # langdetect says Hungarian (5 in 7 trials); Hungarian writes no ý.
    assert detect_language("Ríkisstjórnin kynnti í dag nýtt fjárlagafrumvarp.") == "unknown"
    # A short line, but þ is written only in Icelandic.
    assert detect_language("Veðrið á morgun: Þoka við Reykjavík.") == "is"


def test_icelandic_names_in_a_norwegian_article_stay_norwegian():
    text = (PARAGRAPHS["nb"] + " Statsminister Þórdís Kolbrún Reykfjörð Gylfadóttir og Guðni Jóhannesson "
            "besøkte Oslo i går, og de møtte stortingspresidenten.")
    assert detect_language(text) == "no"


def test_icelandic_names_in_an_english_article_stay_english():
    text = ("The president of Iceland, Guðni Jóhannesson, met the prime minister in Reykjavík on "
            "Tuesday to discuss the eruption near Grindavík and the closure of the Þingvellir road.")
    assert detect_language(text) == "en"


@pytest.mark.parametrize(
    "code, text",
    [
        ("pt", "O governo anunciou uma nova lei para uma reforma fiscal que vai ajudar uma parte das famílias."),
        ("fi", "Hallitus kertoi eli ilmoitti tiistaina, että polttoaineveroa nostetaan ensi vuonna."),
        ("sw", "Rais amesema serikali itajenga barabara mpya katika mkoa wa Dar es Salaam mwaka huu."),
        # Croatian "manje", "oko", "nje", "uza" are Nguni-looking words, and c is a click letter.
        ("hr", "Vlada je u utorak predstavila prijedlog proračuna. Cijene goriva bit će manje nego prošle "
               "godine, a oko nje se vodi rasprava. Policija je uza nju stajala, a manje od polovice građana "
               "podržava odluku. Za nju je to manje važno, rekao je ministar oko podneva."),
        # Hungarian "ár" (price) is Icelandic "ár" (year), and ö is written in both.
        ("hu", "Az ár tovább emelkedett, az ár a piacon magas, és az ár miatt sokan panaszkodnak. "
               "A kormány szerint az ár jövőre csökken."),
    ],
)
def test_words_that_look_like_a_neighbours_do_not_move_other_languages(code, text):
    assert detect_language(text) == code


def test_the_guess_is_stable():
    for text in PARAGRAPHS.values():
        assert len({detect_language(text) for _ in range(5)}) == 1
    assert language_guess(PARAGRAPHS["zu"]) == ("zu", 1.0)


@pytest.mark.parametrize("code, name", [("is", "Icelandic"), ("fo", "Faroese"), ("zu", "Zulu"),
                                        ("xh", "Xhosa"), ("sw", "Swahili")])
def test_the_new_languages_have_names(code, name):
    assert language_name(code) == name
