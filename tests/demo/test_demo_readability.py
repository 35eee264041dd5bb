"""The demo prose reads as patient material should (issue #12): median grade 8 or below, none above 9."""

import statistics

from demo import content
from medinfo.readability import reading_grade


def test_demo_articles_read_at_grade_8_and_none_above_9():
    """Flesch-Kincaid grades of every demo article as load_demo stores it: median ≤ 8, max ≤ 9."""
    grades = {
        f"{article.get('drug') or article.get('condition')}/{article['slug']}": reading_grade(
            lead=article["lead"], body=article["body"]
        )
        for article in content.articles()
    }
    assert len(grades) == len(content.articles())
    assert statistics.median(grades.values()) <= 8
    assert {name: grade for name, grade in grades.items() if grade > 9} == {}
