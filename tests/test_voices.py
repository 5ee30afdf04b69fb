"""Stories and voices: quotations attributed to their speakers (never guessed), people known across
articles by their fullest name, and coverage of one event grouped into a story, as a reader sees them."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from digest.analyse.quotes import article_names, find_quotes
from digest.build import Options, build
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.records import Article

from tests.sitecheck import visible_text

STORY = "2021-12-06-tuesdays-biden-putin-phone-call-could-determine"


def _quotes(text: str) -> list[tuple[str, str | None]]:
    article, _ = parse_article(("---\ntitle: Test\ndate: 2022-01-10\n---\n" + text).encode(), "articles/t.md",
                               Config(), frozenset(), None)
    return [(q.text, q.speaker) for q in find_quotes(article)]


def _last_speaker(text: str) -> list[str | None]:
    """The speaker of the text's last quotation of three words or more, as a one-item list (empty: none found)."""
    return [s for words, s in _quotes(text) if len(words.split()) >= 3][-1:]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“We will not back down from this,” Secretary of State Antony Blinken said on Monday.", "Antony Blinken"),
    ("“We will not back down from this,” said Mr. Blinken.", "Antony Blinken"),
    ("Foreign Minister Sergei Lavrov told reporters: “The talks were useful and honest.”", "Sergei Lavrov"),
    ("According to Jake Sullivan, “there was a lot of give and take.”", "Jake Sullivan"),
    ("Blinken said the talks in Geneva were hard.\n\n“We have made our position very clear,” he said.",
     "Antony Blinken"),
    ("“Nobody knows what happens next,” a senior official said.", None),
    ("The plan was shown on “Fox News Sunday” by the host.", None),
    ("“The pipeline will be suspended if Russia invades,” was written on a banner.", None),
])
def test_each_way_of_attributing_a_quotation(text: str, speaker: str | None) -> None:
    text = "Secretary of State Antony Blinken travelled to Geneva.\n\n" + text if "Blinken" in text else text
    found = _quotes(text)
    quoted = [s for words, s in found if len(words.split()) >= 3] or [None]
    assert quoted[-1] == speaker


@pytest.mark.parametrize(("text", "speaker"), [
    ("Defense Minister Anna Berg arrived late and told the press that “the exercise will go ahead as planned.”",
     "Anna Berg"),
    ("Zhang Wei, a spokesman for the embassy, who said “we want calm on all sides.”", "Zhang Wei"),
    ("Zhang Wei, a spokesman for the embassy, told VOA, “we want calm on all sides.”", "Zhang Wei"),
    ("The head of the agency, Maria Lopez, has stated that “the figures will be revised next month.”", "Maria Lopez"),
    ("Mayor Tom Reyes was quoted by the local radio station as saying: “Nobody has been left behind.”",
     "Tom Reyes"),
    ("Zhang Wei spoke to reporters.\n\nLater Zhang also maintained that “the talks can still succeed.”",
     "Zhang Wei"),
    ("Spokesperson Dana K. White briefed reporters.\n\n“We will publish the full budget soon,” White said.",
     "Dana White"),
    ("Omar Haddad told the press about the port.\n\nHe began by noting that “the cranes are idle.”", "Omar Haddad"),
    ("Police arrested Omar Haddad on Monday.\n\n“We have the right man now,” he said.", None),
    ("Lena Novak recalled the night of the flood.\n\n“The river rose faster than any of us had seen.”", "Lena Novak"),
    ("Lena Novak, 45, was found at her home.\n\n“She was the kindest neighbour on the street.”", None),
    ("Lena Novak and Omar Haddad met at the dam.\n\n“The river rose faster than any of us had seen.”", None),
    ("Lena Novak farms in the valley.\n\nNOVAK: “The river rose faster than any of us had seen before.”",
     "Lena Novak"),
    ("ISLAMABAD: “The talks will resume next week,” the foreign office said.", None),
    ("The judge sentenced Omar Haddad to life in prison and said “the crime was cruel and planned.”", None),
    ("Omar Haddad, Chief Executive of Acme, said “we will keep every job in the town.”", "Omar Haddad"),
])
def test_attributions_reporters_write_around_a_quotation(text: str, speaker: str | None) -> None:
    assert _last_speaker(text) == [speaker]


def test_he_after_an_unnamed_speaker_is_not_the_last_one_named() -> None:
    found = _quotes("Ambassador Omar Haddad said “the border stays open to trade.” The talks went on, "
                    "“in several rounds and through third parties,” said a ministry spokesperson. "
                    "“Nothing has been agreed yet,” he added.")
    assert [s for _, s in found] == ["Omar Haddad", None, None]


def test_a_quotation_after_a_heading_is_not_given_to_the_section_before() -> None:
    article, _ = parse_article(("---\ntitle: Test\n---\nLena Novak recalled the night of the flood.\n\n"
                                "## Elsewhere\n\n“The river rose faster than any of us had seen.”\n").encode(),
                               "articles/t.md", Config(), frozenset(), None)
    assert [q.speaker for q in find_quotes(article)] == [None]


def test_a_headline_in_title_case_gives_no_names() -> None:
    article, _ = parse_article(("---\ntitle: Bush Apologizes for Poor Conditions at the Hospital\n---\n"
                                "President Bush spoke to the staff on Friday.\n").encode(),
                               "articles/t.md", Config(), frozenset(), None)
    assert "Bush Apologizes" not in article_names(article)[0].values()


def test_a_quotation_running_over_paragraphs_keeps_its_speaker() -> None:
    found = _quotes("Defense Secretary Lloyd Austin spoke after the meeting.\n\n"
                    "“We stand with Ukraine,” Austin said. “We will keep sending what it needs.\n\n"
                    "“And we will not stop until the job is done.”")
    assert [s for _, s in found] == ["Lloyd Austin"] * 3


def test_a_surname_is_the_person_the_article_names_in_full() -> None:
    article, _ = parse_article(b"---\ntitle: T\n---\nUS National Security Adviser Jake Sullivan briefed reporters.\n\n"
                               b"\xe2\x80\x9cThere was no finger wagging at all,\xe2\x80\x9d Mr Sullivan said.\n",
                               "articles/t.md", Config(), frozenset(), None)
    names = article_names(article)
    assert names[0]["Sullivan"] == "Jake Sullivan" and names[1]["Jake Sullivan"] == "US National Security Adviser"
    assert [(q.speaker, q.named_as, q.role) for q in find_quotes(article)] == [
        ("Jake Sullivan", "Mr Sullivan", "US National Security Adviser")]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from tests.conftest import copy_project
    project = copy_project(tmp_path_factory.mktemp("voices") / "project")
    return Path(build(project, Options()).output)


def _data(site: Path) -> dict:
    return json.loads((site / "data" / "articles.json").read_text(encoding="utf-8"))


def test_the_seed_quotations_reach_their_speakers(site: Path) -> None:
    people = {p["name"]: [q["text"] for q in p["quotes"]] for p in _data(site)["people"]}
    assert any(q.startswith("If we conclude and the Russians conclude") for q in people["Antony Blinken"])
    assert any(q.startswith("say whether or not we are on the right path") for q in people["Sergei Lavrov"])
    assert any(q.startswith("There was a lot of give and take; there was no finger wagging") for q in people["Jake Sullivan"])
    assert "in daily contact with the key capitals and with Brussels" in people["Jake Sullivan"]
    assert "our expectation is that the pipeline will be suspended" in people["Victoria Nuland"]


def test_the_biden_putin_call_is_one_story_of_three_sources(site: Path) -> None:
    data = _data(site)
    by_file = {Path(a["file"]).name[:3]: a["slug"] for a in data["articles"]}
    [story] = data["stories"]
    assert story["id"] == STORY and set(story["articles"]) == {by_file["000"], by_file["001"], by_file["004"]}
    assert (story["start"], story["end"]) == ("2021-12-06", "2021-12-08")
    page = visible_text((site / "stories" / f"{STORY}.html").read_text(encoding="utf-8"))
    titles = ["Tuesday’s Biden-Putin Phone Call", "Five takeaways from the Biden-Putin call",
              "Russia-US Video Call: The Primary Takeaways"]
    assert [page.index(t) for t in titles] == sorted(page.index(t) for t in titles), "oldest first"
    assert "Only this article:" in page and "Jake Sullivan" in page.split("Who is quoted")[1]
    record = json.loads((site / "data" / "articles" / f"{by_file['004']}.json").read_text(encoding="utf-8"))
    assert record["story"] == STORY
    assert {"text": "our expectation is that the pipeline will be suspended", "speaker": "Victoria Nuland",
            "person": "victoria-nuland"}.items() <= next(q for q in record["quotes"] if "pipeline" in q["text"]).items()


def test_an_article_page_names_its_story_and_who_it_quotes(site: Path) -> None:
    data = _data(site)
    by_file = {Path(a["file"]).name[:3]: a for a in data["articles"]}
    html = (site / by_file["004"]["path"]).read_text(encoding="utf-8")
    story = html.split('id="story-heading"')[1].split("</section>")[0]
    assert f'href="../stories/{STORY}.html"' in story
    assert by_file["000"]["slug"] in story and by_file["001"]["slug"] in story and by_file["004"]["slug"] not in story
    quoted = html.split('id="voices-heading"')[1].split("</section>")[0]
    assert 'href="../people/jake-sullivan.html">Jake Sullivan</a> (as “Mr Sullivan”)' in quoted
    other = (site / by_file["002"]["path"]).read_text(encoding="utf-8")
    assert 'id="story-heading"' not in other


def test_a_person_page_links_each_quotation_to_its_paragraph(site: Path) -> None:
    page = (site / "people" / "jake-sullivan.html").read_text(encoding="utf-8")
    links = re.findall(r'<a href="\.\./(articles/[\w-]+\.html)#(L\d+)">', page)
    assert len(links) == 2
    for path, anchor in links:
        assert f'id="{anchor}"' in (site / path).read_text(encoding="utf-8")
    assert "US National Security Adviser" in page
    index = visible_text((site / "people" / "index.html").read_text(encoding="utf-8"))
    assert "Jake Sullivan" in index and "Victoria Nuland" in index


def test_a_story_window_of_zero_days_keeps_the_preview_apart(tmp_path: Path) -> None:
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "project")
    config = project / "digest.yaml"
    config.write_text(config.read_text(encoding="utf-8").replace("story_window_days: 4", "story_window_days: 0"),
                      encoding="utf-8")
    data = _data(Path(build(project, Options()).output))
    assert data["stories"] == [], "the three articles about the call are dated on three different days"


def test_deleting_articles_dissolves_their_story(tmp_path: Path) -> None:
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "project")
    build(project, Options())
    for name in ("000", "001"):
        next((project / "articles").glob(f"{name}_*")).unlink()
    site = Path(build(project, Options()).output)
    assert _data(site)["stories"] == [] and not (site / "stories" / f"{STORY}.html").exists()
    assert 'id="story-heading"' not in next((site / "articles").glob("five-takeaways*")).read_text(encoding="utf-8")
    shutil.rmtree(site)


def test_quotations_and_names_from_an_article_are_escaped(tmp_path: Path) -> None:
    from tests.conftest import copy_project
    project = copy_project(tmp_path / "project")
    (project / "articles" / "hostile.md").write_text(
        "---\ntitle: Hostile quotation\ndate: 2022-02-01\n---\nForeign Minister Evil Doer spoke on Monday.\n\n"
        "“<script>alert(1)</script> & <b>bold</b> words here,” Mr Doer said.\n", encoding="utf-8")
    site = Path(build(project, Options()).output)
    person = (site / "people" / "evil-doer.html").read_text(encoding="utf-8")
    assert "<script>alert(1)" not in person and "&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;" in person
    data = (site / "data" / "articles.json").read_text(encoding="utf-8")
    assert "<script>" not in data and "\\u003cscript\\u003ealert(1)" in data


@pytest.mark.parametrize("text", ["They said “we will not accept this deal”.", "“We will never accept this deal,” I said.",
                                  "It added: “the plant will close in June”."])
def test_a_pronoun_or_an_unnamed_group_is_no_speaker(text: str) -> None:
    found = _quotes(text)
    assert len(found) == 1 and found[0][1] is None


def test_words_opening_a_sentence_are_not_part_of_a_name() -> None:
    assert _quotes("US President Joe Biden spoke.\n\nYesterday Biden said “the talks are over for now”.")[-1][1] == "Joe Biden"


def test_stories_with_the_same_start_and_headline_get_distinct_pages(tmp_path: Path) -> None:
    project = tmp_path / "project"
    (project / "articles").mkdir(parents=True)
    for n, (title, place) in enumerate([("Summit talks", "Reykjavik Arctic"), ("Summit talks?", "Lima mining"),
                                        ("Summit talks 2", "Nairobi water")]):
        for m in range(2):
            (project / "articles" / f"{n}{m}.md").write_text(
                f"---\ntitle: {title}\ndate: 2022-01-0{1 + m}\n---\n{place} ministers met in {place.split()[0]} "
                f"about {place.split()[1]} and {place.split()[1]} rules with {place.split()[0]} envoys.\n",
                encoding="utf-8")
    site = Path(build(project, Options()).output)
    ids = [s["id"] for s in _data(site)["stories"]]
    assert len(ids) == len(set(ids)) == 3
    assert all((site / "stories" / f"{story_id}.html").is_file() for story_id in ids)


def test_quotation_marks_with_no_words_between_them_are_no_quotation() -> None:
    assert _quotes("The banner read nothing but ” ” ” “ “ \" \"") == []


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The shipment was stopped at the border,” the Finance Ministry said on Friday.", "Finance Ministry"),
    ("“The shipment was stopped at the border,” said the Ministry of Finance in a statement.", "Ministry of Finance"),
    ("The Dutch government said the order was “a breach of every trade rule we have.”", "Dutch government"),
    ("According to the UK government, “no decision has been taken on the new runway.”", "United Kingdom government"),
    ("“No decision has been taken on the runway,” the Kremlin said.", "Kremlin"),
    ("Harbour Police described the raid.\n\n“The crates held only rifles,” the force said. “Nobody was hurt.”",
     "Harbour Police"),
    ("The Finance Ministry issued the following statement:\n\n“The tariff will be lifted from the first of June.”",
     "Finance Ministry"),
])
def test_an_organisation_that_speaks_is_the_speaker(text: str, speaker: str) -> None:
    assert _last_speaker(text) == [speaker]


@pytest.mark.parametrize("text", [
    "“The shipment was stopped at the border,” said the Finance Ministry official.",
    "“The shipment was stopped at the border,” said the Finance Ministry’s Karl Vos.",
    "“The shipment was stopped at the border,” the judge told the Finance Ministry.",
    "OSLO: “The shipment was stopped at the border,” a customs officer said.",
    "“The shipment was stopped at the border,” Police said.",
    "The Trade Alliance met.\n\n“The shipment was stopped at the border,” the company said.",
    "“The shipment was stopped at the border,” the Finance Ministry said. “We expect more,” he added.",
])
def test_an_organisation_only_mentioned_or_unnamed_is_no_speaker(text: str) -> None:
    assert _last_speaker(text) == [None]


def test_an_organisation_is_named_once_for_its_spellings_and_kept_apart_from_people() -> None:
    article, _ = parse_article("---\ntitle: T\n---\n“The border stays shut to lorries,” said the U.S. government.\n\n"
                               "“The border stays shut to all lorries,” the US government said.\n".encode(),
                               "articles/t.md", Config(), frozenset(), None)
    assert {(q.speaker, q.role) for q in find_quotes(article)} == {("United States government", "organisation")}


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The shipment was stopped at the border,” said Finance Ministry spokesman Karl Vos.", "Karl Vos"),
    ("“The shipment was stopped at the border,” according to Acme Corporation chief Jane Doe.", "Jane Doe"),
    ("“Right now I am worried,” said Stoung town farmer Buth Chorn, who has six children.", "Buth Chorn"),
    ("One day last year, said demonstrator Mouhamed Ndoye, “I was stopped at the airport gate.”", "Mouhamed Ndoye"),
    ("“There are no windows in the back,” said Pvt. Brandon Hickle, an infantryman.", "Brandon Hickle"),
    ("“This is the culminating event,” said 2nd Lt. Sam Scherer, a platoon leader.", "Sam Scherer"),
    ("“This is the culminating event,” said Staff Sgt. Sam Scherer.", "Sam Scherer"),
    ("“This is the culminating event,” said Sgt. 1st Class Ana Ruiz.", "Ana Ruiz"),
    ("“The town has no money” to help the farmers, Ang Ky, chief of the town, said.", "Ang Ky"),
    ("“The talks are over for now,” Taliban spokesman Suhail Shaheen said on Twitter.", "Suhail Shaheen"),
    ("Bright Matonga disputed the claim, saying “he is very secure in the country.”", "Bright Matonga"),
    ("Morgan Tsvangirai was in Harare.\n\nWhen asked if he had a message for the president, Tsvangirai replied, "
     "“You should step up, not step down.”", "Morgan Tsvangirai"),
    ("Spokesperson Ned Price said, “judicial independence is a central tenet,” at the time of the ruling. "
     "“We call on the authorities to ensure the safety of the court.”", "Ned Price"),
    ("“There are no windows in the back,” said Pvt. Brandon Hickle, an infantryman with the “Sabre” squadron. "
     "“You know your mission, but not what lies ahead.”", "Brandon Hickle"),
    ("“We hear little of those who resist,” says activist, journalist, and Global Voices author Leila Rego about it.",
     "Leila Rego"),
    ("The programme opened in the forest.\n\nBUFFINGTON: “What you are listening to has been out here for years.”",
     "Buffington"),
    ("Antony Blinken met the press.\n\nSECRETARY BLINKEN: “We have made our position very clear.”", "Antony Blinken"),
])
def test_speakers_described_ranked_labelled_or_quoted_just_before(text: str, speaker: str) -> None:
    """A description or rank before the name, a transcript label, the end of the sentence, a follow-on quotation."""
    assert _last_speaker(text) == [speaker]


@pytest.mark.parametrize("text", [
    "Ned Price said “judicial independence is a central tenet.” Jones disagreed. “We call on the court to act.”",
    "There’s an old saying in the army, “If it ain’t raining, we ain’t training,” and it held true.",
    "The judge sentenced John Smith to life, saying “the crime was cruel and planned.”",
    "The briefing began.\n\nQUESTION: “What will the talks cover next week?”",
    "The briefing began.\n\nWASHINGTON: “The talks will resume next week,” a senior official said.",
    "ISLAMABAD: “The talks will resume next week and go on for a while.”",
    "“The shipment was stopped at the border,” said in a statement Acme chief Jane Doe.",
    "“The shipment was stopped at the border,” said company spokesman Acme.",
    "“The shipment was stopped at the border,” told reporters Jane Doe.",
    "“The shipment was stopped at the border,” Staff said.",
])
def test_no_speaker_from_a_description_label_or_follow_on_that_names_no_one_in_full(text: str) -> None:
    """Not after a function word, a lone word or a listener; not a label that names no one or a dateline; not past
    someone else; not "saying" as a noun; not the object of "sentenced"."""
    assert _last_speaker(text) == [None]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“Papers that take sides lose the trust of readers.” Maria Gomez writes about the closure of a TV station.",
     "Maria Gomez"),
    ("In a memo, Defense Secretary Anna Berg tasked every commander “to account for each dollar spent on fuel.”",
     "Anna Berg"),
    ("Paul Okafor of the University of Lagos studies floods.\n\nOKAFOR: “The delta floods twice as often as it did.”",
     "Paul Okafor"),
    ("“The delta floods twice as often now,” said Paul Okafor of the University of Lagos.", "Paul Okafor"),
    ("“The delta floods twice as often now,” Okafor said. “We need new levees.”", "Okafor"),
    ("“The talks resume next week in Oslo,” said the French President Jean Dupont.", "Jean Dupont"),
])
def test_more_ways_reporters_name_a_speaker(text: str, speaker: str) -> None:
    assert _last_speaker(text) == [speaker]


@pytest.mark.parametrize("text", [
    "Anna Berg was tasked with “making every dollar count for the troops.”",
    "Anna Berg was told “to leave the building within the hour.”",
    "“The delta floods twice as often now,” Okafor said. “We need new levees,” a city engineer added.",
    "“The delta floods twice as often now,” Okafor said. “We need new levees.” Jones replied that it was false.",
    "Maria Gomez spoke first. “Papers that take sides lose the trust of readers.” Sam Ortiz disagreed with her.",
    "The mayor signed the order.\n\n“The central bank of the region will decide,” said the Alliance.",
])
def test_no_speaker_where_the_words_name_someone_else_or_no_one(text: str) -> None:
    assert _last_speaker(text) == [None]


def test_an_organisation_is_listed_by_its_whole_name_not_its_last_word() -> None:
    from digest.analyse.people import gather_people
    from digest.records import TaggedArticle
    article, _ = parse_article("---\ntitle: T\n---\n“The roads are closed tonight,” said Harbour Police.\n\n"
                               "“Stay at home if you can,” Mayor Anna Ostrova said.\n".encode(), "articles/t.md",
                               Config(), frozenset(), None)
    people = gather_people([TaggedArticle(article, (), quotes=find_quotes(article))])
    assert [(p.name, p.roles) for p in people] == [("Harbour Police", ("organisation",)), ("Anna Ostrova", ("Mayor",))]


@pytest.mark.parametrize("text", [
    "Omar Haddad, told by police “to stay inside the house,” refused to go.",
    "“We are ready for the talks,” Smith said, before Jones interrupted. “That is simply not true.”",
    "“We are ready for the talks,” Smith said. “Nonsense, all of it,” was the reply from Jones.",
    "“We shall fight on the beaches.” Historian Jane Doe writes that Churchill never recorded the speech.",
    "“The war is over.” Supporters of John Smith wrote on social media that the fighting had ended.",
    "Residents told VOA “the water has been off for three days now.”",
    "“We had a very strong quarter,” Acme Corporation said.\n\nBeta Corporation, its main rival, posted a loss.\n\n"
    "“We expect a better year ahead of us,” the company said.",
    "Margaret Court spoke at the club.\n\n“I played my best tennis in Perth,” Margaret Court said.\n\n"
    "“The ruling will stand for now,” the court said.",
    "The State Department, through spokesman Ned Price, said “the visas are being processed quickly.”",
    "“The tariff will be lifted from the first of June,” the Finance Ministry said through spokesman Karl Vos.",
    "A spokesman for Acme Group said “the plant will close by the end of June.”",
    "An official at the Finance Ministry said “the tariff will be lifted in June.”",
    "A lawyer for John Smith said the charges were false.\n\n“There was never any case against my client.”",
    "Austin and the Pentagon said “there is no date for the next round yet.”",
    "“No talks are planned for this week,” said the Mayor of Kyiv, Vitali Klitschko.",
    "“The city will recover from this,” said Mayor of London Sadiq Khan.",
])
def test_no_speaker_for_someone_the_words_only_mention_or_stand_beside(text: str) -> None:
    assert _last_speaker(text) == [None]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“We will not cut rates this year,” said Bank of England Governor Andrew Bailey.", "Andrew Bailey"),
    ("Ministry of Foreign Affairs Spokesperson Mao Ning said “the visit will go ahead as planned.”", "Mao Ning"),
    ("The head of Acme Group, Jane Doe, said “the plant will close by the end of June.”", "Jane Doe"),
    ("“Putin is playing a long game,” said Robert Service, a historian at Oxford.", "Robert Service"),
])
def test_a_person_named_with_an_organisation_is_a_person(text: str, speaker: str) -> None:
    article, _ = parse_article(("---\ntitle: Test\n---\n" + text).encode(), "articles/t.md", Config(), frozenset(), None)
    assert [(q.speaker, q.role == "organisation") for q in find_quotes(article)] == [(speaker, False)]


def test_an_organisation_is_not_listed_as_a_person_by_its_last_words() -> None:
    article, _ = parse_article("---\ntitle: T\n---\nThe Chinese Communist Party said “the plenum opens on Monday.”\n"
                               .encode(), "articles/t.md", Config(), frozenset(), None)
    assert article_names(article) == ({}, {})


def _article(text: str) -> Article:
    article, _ = parse_article(("---\ntitle: Test\n---\n" + text).encode(), "articles/t.md", Config(), frozenset(), None)
    return article


@pytest.mark.parametrize("text", [
    "Lena Novak said nothing.\n\n“The river rose faster than any of us had seen.”",
    "The Kremlin said nothing. “The talks will resume next week in Geneva.”",
    "Lena Novak, asked about the flood, said nothing.\n\n“The river rose faster than any of us had seen.”",
    "Lena Novak said she would not comment. “The river rose faster than any of us had seen.”",
    "The ministry said it had nothing to add. “The talks will resume next week in Geneva.”",
    "Lena Novak told reporters nothing. She walked to the river.\n\n“The river rose faster than any of us had seen.”",
    "Omar Haddad spoke first. Lena Novak said nothing. “The river rose faster than we had seen,” she said.",
    "The Kremlin said nothing about “the special military operation” at the briefing.",
    "Lena Novak declined to comment. “The river rose faster than any of us had seen.”",
    "Lena Novak would not say. “The river rose faster than any of us had seen.”",
    "Lena Novak did not respond to a request for comment.\n\n“The river rose faster than any of us had seen.”",
])
def test_someone_who_says_nothing_is_not_the_speaker_of_what_follows(text: str) -> None:
    assert _last_speaker(text) == [None]


@pytest.mark.parametrize("text", [
    "Lena Novak said nothing had changed since the flood.\n\n“The river rose faster than any of us had seen.”",
    "Lena Novak said no more than ten homes were lost. “The river rose faster than any of us had seen.”",
    "Lena Novak, asked about the flood, said: “The river rose faster than any of us had seen.”",
])
def test_saying_that_nothing_happened_is_still_saying_something(text: str) -> None:
    assert _last_speaker(text) == ["Lena Novak"]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“The plant will close by the end of June,” Acme Group's Jane Doe said.", "Jane Doe"),
    ("“We played well in the second half,” said Philadelphia Union’s Jim Curtin.", "Jim Curtin"),
    ("Acme Group’s Chief Executive Jane Doe said “the plant will close by the end of June.”", "Jane Doe"),
    ("Jim Curtin coaches the side.\n\n“We played well in the second half,” said Philadelphia Union’s Curtin.",
     "Jim Curtin"),
    ("“We played well in the second half,” said Philadelphia Union’s Curtin.", None),
    ("“The ward will reopen on Monday morning,” Boston Children’s Hospital said.", None),
])
def test_a_possessive_in_front_of_a_name_is_no_part_of_it(text: str, speaker: str | None) -> None:
    assert _last_speaker(text) == [speaker]


@pytest.mark.parametrize(("text", "speaker", "role"), [
    ("“The sentence must reflect the harm done,” Judge Mary Ellis said.", "Mary Ellis", "Judge"),
    ("“The empire fell slowly and then all at once,” Historian Mary Ellis said.", "Mary Ellis", "Historian"),
    ("“We need witnesses to come forward,” Chief Constable Mary Ellis said.", "Mary Ellis", "Chief Constable"),
    ("“We need witnesses to come forward,” Detective Chief Superintendent Mary Ellis said.", "Mary Ellis",
     "Detective Chief Superintendent"),
    ("“We need witnesses to come forward,” Detective Inspector Mary Ellis said.", "Mary Ellis", "Detective Inspector"),
    ("“We played well in the second half,” Coach Mary Ellis said.", "Mary Ellis", "Coach"),
    ("“We played well in the second half,” Manager Mary Ellis said.", "Mary Ellis", "Manager"),
    ("“Pray for the families tonight,” Archbishop Mario Rossi said.", "Mario Rossi", "Archbishop"),
    ("“Pray for the families tonight,” Cardinal Mario Rossi said.", "Mario Rossi", "Cardinal"),
    ("“Pray for the families tonight,” Rabbi David Cohen said.", "David Cohen", "Rabbi"),
    ("“Pray for the families tonight,” Imam Ali Hassan said.", "Ali Hassan", "Imam"),
    ("“Pray for the families tonight,” Father Mario Rossi said.", "Mario Rossi", "Father"),
    ("“We will not cut rates this year,” Chief Executive Jane Doe said.", "Jane Doe", "Chief Executive"),
    ("“We will not cut rates this year,” Sir Keir Starmer said.", "Keir Starmer", "Sir"),
    ("“We hit the ball well all season,” Aaron Judge said.", "Aaron Judge", ""),
    ("“Australia will stand with its allies,” Julie Bishop said.", "Julie Bishop", ""),
    ("“Our film opens in Cairo next week,” Adel Imam said.", "Adel Imam", ""),
    ("“We will win the second round,” Marine Le Pen said.", "Marine Le Pen", ""),
    ("“We will win the second round,” Marine Corps Gen. David Berger said.", "David Berger", "Marine Corps Gen."),
])
def test_a_title_in_front_of_a_name_is_a_role_and_a_surname_stays_a_name(text: str, speaker: str, role: str) -> None:
    assert [(q.speaker, q.role) for q in find_quotes(_article(text))] == [(speaker, role)]


def test_a_title_alone_is_no_speaker() -> None:
    assert _quotes("“Come home before the storm arrives,” Father said.") == [
        ("Come home before the storm arrives,", None)]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“No arrests have been made so far,” Scotland Yard said.", "Scotland Yard"),
    ("“The prime minister has full confidence in her,” said Downing Street.", "Downing Street"),
    ("“The president has full confidence in her,” the Élysée said.", "Élysée"),
    ("“The minister has full confidence in him,” Whitehall said.", "Whitehall"),
    ("“The pope will travel to Africa in the spring,” the Vatican said.", "Vatican"),
])
def test_a_seat_of_government_that_speaks_is_an_organisation(text: str, speaker: str) -> None:
    article = _article(text)
    assert [(q.speaker, q.role) for q in find_quotes(article)] == [(speaker, "organisation")]
    assert article_names(article) == ({}, {})


def test_a_seat_only_mentioned_is_no_speaker_and_an_accented_name_is_a_name() -> None:
    mentioned = _quotes("Police searched near Scotland Yard.\n\n“The suspect was known to us,” the officer said.")
    assert mentioned[-1][1] is None
    assert _quotes("“The talks will resume in the spring,” said Élisabeth Borne.")[-1][1] == "Élisabeth Borne"


@pytest.mark.parametrize("text", [
    "“We will keep building cars in Michigan for years,” General Motors said on Tuesday.",
    "“We will keep flying to Paris every single day,” Air France said.",
    "“Our shipments of the vaccine leave on Friday,” Cardinal Health said.",
    "“We will keep flying to Paris every single day,” American Airlines said.",
])
def test_a_company_whose_name_opens_with_a_title_word_is_no_person(text: str) -> None:
    assert _last_speaker(text) == [None]


@pytest.mark.parametrize(("text", "speaker"), [
    ("“We will not accept any of these demands,” President Biden said.", "Biden"),
    ("“We will not accept any of these demands,” said Gen. Milley.", "Milley"),
    ("Gen. Mark Milley flew in.\n\n“We will not accept any of these demands,” General Milley said.", "Mark Milley"),
    ("“We will not accept any of these demands,” Russian Foreign Minister Lavrov said.", "Lavrov"),
])
def test_a_title_before_a_lone_surname_still_names_the_person(text: str, speaker: str) -> None:
    assert _last_speaker(text) == [speaker]
