"""People across articles: one person for the spellings transliteration gives one name, kept apart from
people whose names only look alike, with each title once however it is punctuated."""

from __future__ import annotations

from digest.analyse.people import Person, gather_people, spelling_key
from digest.analyse.quotes import article_names, find_quotes, named_people
from digest.read.config import Config
from digest.read.loader import parse_article
from digest.records import TaggedArticle


def _people(*texts: str) -> dict[str, Person]:
    articles = []
    for number, text in enumerate(texts):
        article, _ = parse_article(f"---\ntitle: Report {number}\ndate: 2022-01-1{number}\n---\n{text}\n".encode(),
                                   f"articles/a{number}.md", Config(), frozenset(), None)
        names = article_names(article)
        articles.append(TaggedArticle(article, (), quotes=find_quotes(article, names), people=named_people(names)))
    return {p.name: p for p in gather_people(articles)}


def test_transliterated_spellings_of_one_name_are_one_person_shown_by_the_commonest() -> None:
    people = _people("“The talks were useful and honest,” Foreign Minister Sergei Lavrov told reporters.",
                     "“We expect an answer next week,” said Foreign Minister Sergei Lavrov.",
                     "“Nothing has been decided yet,” Foreign Minister Sergey Lavrov said.")
    assert "Sergey Lavrov" not in people
    lavrov = people["Sergei Lavrov"]
    assert len(lavrov.quotes) == 3 and set(lavrov.aliases) >= {"Sergei Lavrov", "Sergey Lavrov"}
    assert len(lavrov.slugs) == 3


def test_a_surname_in_another_spelling_is_the_one_person_of_that_name() -> None:
    people = _people("“We will defend every town,” President Volodymyr Zelensky said on Sunday.",
                     "Kyiv asked for more air defence.\n\n“The sky must be closed,” Zelenskyy said.")
    assert [q.text for _, q in people["Volodymyr Zelensky"].quotes] == ["We will defend every town,",
                                                                        "The sky must be closed,"]


def test_names_that_differ_by_more_than_a_transliteration_stay_apart() -> None:
    people = _people("“The harbour will reopen,” Mayor Jon Hansen said.",
                     "“The harbour stays shut,” Senator Jon Hanssen said.",
                     "“We are grateful,” said Olena Zelenska. “We are ready,” President Volodymyr "
                     "Zelensky said.")
    assert {"Jon Hansen", "Jon Hanssen", "Olena Zelenska", "Volodymyr Zelensky"} <= set(people)
    assert spelling_key("Dmitry Peskov") == spelling_key("Dmitri Peskov") != spelling_key("Dmitri Peskova")


def test_a_title_is_listed_once_however_it_is_punctuated() -> None:
    people = _people("“We stand with Ukraine,” U.S. President Joe Biden said.",
                     "“We stand with our allies,” US President Joe Biden said.",
                     "“Sanctions will follow,” U.S. President Joe Biden said on Friday.")
    assert people["Joe Biden"].roles == ("U.S. President",)
