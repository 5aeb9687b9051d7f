"""Ad markers in 25+ languages, each entry shown in a real article of its own
language: removed as a line of its own (and, for phrases, glued to the next
sentence or ending a line), kept as words of a sentence."""

from __future__ import annotations

import pytest

from newsreader.text import MARKERS, clean, detect_language
from newsreader.text.markers import is_label

# Two sentences of news in each language of the marker tables.
ARTICLES = {
    "no": ("Regjeringen la fram statsbudsjettet for neste år i dag.", "Finansministeren sa at budsjettet skal bidra til lavere prisvekst og flere arbeidsplasser."),
    "sv": ("Regeringen presenterade i dag sin budget för nästa år.", "Finansministern sade att budgeten ska bidra till lägre inflation och fler jobb."),
    "da": ("Regeringen fremlagde i dag sit forslag til finanslov for næste år.", "Finansministeren sagde, at budgettet skal bidrage til lavere inflation og flere job."),
    "fi": ("Hallitus esitteli tänään ensi vuoden talousarvionsa.", "Valtiovarainministerin mukaan budjetti hillitsee inflaatiota ja luo uusia työpaikkoja."),
    "de": ("Die Bundesregierung hat heute ihren Haushaltsentwurf für das kommende Jahr vorgestellt.", "Der Finanzminister sagte, der Haushalt solle die Inflation senken und Arbeitsplätze schaffen."),
    "nl": ("Het kabinet heeft vandaag de begroting voor volgend jaar gepresenteerd.", "De minister van Financiën zei dat de begroting de inflatie moet verlagen en banen moet opleveren."),
    "en": ("The government presented its budget for next year at a press conference on Tuesday.", "The finance minister said the budget would help bring down inflation and create jobs."),
    "fr": ("Le gouvernement a présenté mardi son budget pour l'année prochaine.", "Le ministre des Finances a déclaré que le budget devait faire baisser l'inflation et créer des emplois."),
    "es": ("El Gobierno presentó el martes sus presupuestos para el próximo año.", "El ministro de Hacienda afirmó que las cuentas ayudarán a bajar la inflación y a crear empleo."),
    "pt": ("O Governo apresentou esta terça-feira o orçamento para o próximo ano.", "O ministro das Finanças afirmou que o orçamento vai ajudar a baixar a inflação e a criar emprego."),
    "pl": ("Rząd przedstawił we wtorek projekt budżetu na przyszły rok.", "Minister finansów powiedział, że budżet pomoże obniżyć inflację i stworzyć nowe miejsca pracy."),
    "it": ("Il governo ha presentato martedì la legge di bilancio per il prossimo anno.", "Il ministro dell'Economia ha detto che la manovra aiuterà a ridurre l'inflazione e a creare lavoro."),
    "cs": ("Vláda v úterý představila návrh rozpočtu na příští rok.", "Ministr financí uvedl, že rozpočet pomůže snížit inflaci a vytvořit nová pracovní místa."),
    "sk": ("Vláda v utorok predstavila návrh rozpočtu na budúci rok.", "Minister financií povedal, že rozpočet pomôže znížiť infláciu a vytvoriť nové pracovné miesta."),
    "hu": ("A kormány kedden bemutatta a jövő évi költségvetés tervezetét.", "A pénzügyminiszter szerint a költségvetés segít csökkenteni az inflációt és új munkahelyeket teremt."),
    "ro": ("Guvernul a prezentat marți proiectul de buget pentru anul viitor.", "Ministrul Finanțelor a declarat că bugetul va ajuta la reducerea inflației și la crearea de locuri de muncă."),
    "hr": ("Vlada je u utorak predstavila prijedlog proračuna za iduću godinu.", "Ministar financija rekao je da će proračun pomoći u smanjenju inflacije i otvaranju novih radnih mjesta."),
    "tr": ("Hükümet salı günü gelecek yılın bütçe tasarısını açıkladı.", "Maliye Bakanı, bütçenin enflasyonu düşürmeye ve yeni iş alanları yaratmaya yardımcı olacağını söyledi."),
    "is": ("Ríkisstjórnin kynnti í dag fjárlagafrumvarp fyrir næsta ár.", "Fjármálaráðherra sagði að fjárlögin ættu að draga úr verðbólgu og styrkja heilbrigðiskerfið."),
    "et": ("Valitsus esitles teisipäeval järgmise aasta eelarve eelnõu.", "Rahandusminister ütles, et eelarve aitab inflatsiooni vähendada ja uusi töökohti luua."),
    "ru": ("Правительство во вторник представило проект бюджета на следующий год.", "Министр финансов заявил, что бюджет поможет снизить инфляцию и создать новые рабочие места."),
    "uk": ("Уряд у вівторок представив проєкт бюджету на наступний рік.", "Міністр фінансів заявив, що бюджет допоможе знизити інфляцію та створити нові робочі місця."),
    "bg": ("Правителството представи във вторник проектобюджета за следващата година.", "Финансовият министър заяви, че бюджетът ще помогне за намаляване на инфлацията и за нови работни места."),
    "el": ("Η κυβέρνηση παρουσίασε την Τρίτη τον προϋπολογισμό για το επόμενο έτος.", "Ο υπουργός Οικονομικών δήλωσε ότι ο προϋπολογισμός θα βοηθήσει να μειωθεί ο πληθωρισμός."),
    "ko": ("정부는 화요일 내년도 예산안을 발표했다.", "재무장관은 이번 예산이 물가 상승을 억제하고 일자리를 만드는 데 도움이 될 것이라고 말했다."),
    "ar": ("قدمت الحكومة يوم الثلاثاء مشروع الميزانية للعام المقبل.", "وقال وزير المالية إن الميزانية ستساعد في خفض التضخم وخلق فرص عمل جديدة."),
    "he": ("הממשלה הציגה ביום שלישי את הצעת התקציב לשנה הבאה.", "שר האוצר אמר כי התקציב יסייע להוריד את האינפלציה וליצור מקומות עבודה."),
    "ja": ("政府は火曜日、来年度の予算案を発表した。", "財務相は、予算が物価上昇の抑制と雇用の創出に役立つと述べた。"),
    "zh": ("政府周二公布了明年的预算草案。", "财政部长表示，这份预算将有助于抑制通货膨胀并创造就业机会。"),
}
# Scripts without upper case: a glued phrase is only known by what follows it.
UNCASED = {"ko", "ar", "he", "ja", "zh"}
ENTRIES = [(lang, entry) for lang in sorted(ARTICLES) for entry in MARKERS[lang]]
PHRASES = [(lang, entry) for lang, entry in ENTRIES if not is_label(entry)]
LANGUAGE_OF = {"nb": "no", "nn": "no"}


def expected(lang: str) -> str:
    return "\n\n".join(ARTICLES[lang])


def test_every_table_has_an_article_and_there_are_at_least_20():
    assert {LANGUAGE_OF.get(lang, lang) for lang in MARKERS} == set(ARTICLES)
    assert len(ARTICLES) >= 20


@pytest.mark.parametrize("lang", sorted(ARTICLES))
def test_the_article_is_detected_as_its_language(lang):
    """So an imported article gets its own table."""
    assert detect_language("\n".join(ARTICLES[lang])) == lang


@pytest.mark.parametrize(("lang", "entry"), ENTRIES)
def test_an_entry_on_a_line_of_its_own_is_removed(lang, entry):
    first, second = ARTICLES[lang]
    for shown in (entry, entry.upper(), f"{entry}:", f"  {entry}  "):
        text = f"{first}\n{shown}\n{second}"
        assert clean(text, lang).body == expected(lang), shown
        assert clean(text, None).body == expected(lang), shown  # language unknown: every table


@pytest.mark.parametrize(("lang", "entry"), PHRASES)
def test_a_phrase_ending_a_line_is_removed(lang, entry):
    first, second = ARTICLES[lang]
    assert clean(f"{first} {entry}\n{second}", lang).body == expected(lang)


@pytest.mark.parametrize(("lang", "entry"), [(lang, e) for lang, e in PHRASES if lang not in UNCASED])
def test_a_phrase_glued_to_the_next_sentence_is_removed(lang, entry):
    first, second = ARTICLES[lang]
    assert clean(f"{first}\n{entry}{second}", lang).body == expected(lang)


@pytest.mark.parametrize(("lang", "entry"), ENTRIES)
def test_an_entry_inside_a_sentence_is_kept(lang, entry):
    first, second = ARTICLES[lang]
    sentence = f"{first[:-1]} «{entry}» {second}"
    assert clean(sentence, lang).body == sentence
    glued = f"{first[:-1]}{entry}{second}" if lang in {"ja", "zh"} else f"{first} {entry.lower()} {second}"
    assert clean(glued, lang).body == glued


def test_the_italian_label_is_removed_from_an_italian_article():
    """Before: "Pubblicità" stayed in the text (the issue's example)."""
    first, second = ARTICLES["it"]
    assert clean(f"{first}\nPubblicità\n{second}\nPUBBLICITÀ", "it").body == expected("it")
