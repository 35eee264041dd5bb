"""Template tags for review comments: the thread on the review screen and the article form."""

from django import template

from .. import comments

register = template.Library()


@register.simple_tag(takes_context=True)
def revision_comments(context, revision):
    """The thread ``revision``'s review screen shows the signed-in person (``comments.Thread``)."""
    return comments.thread_for(revision=revision, user=context["request"].user)


@register.simple_tag(takes_context=True)
def article_comments(context, article):
    """The article's comments against its latest revision, for the article form; None when new."""
    if article is None or article.pk is None:
        return None
    return comments.article_thread(article=article, user=context["request"].user)


@register.filter
def person(user):
    """A reviewer's byline, else the user's full name or username."""
    return comments.person(user)
