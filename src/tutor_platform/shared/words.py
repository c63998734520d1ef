"""One list of English words that say nothing about a topic, for every context that picks
the content words of a text: retrieval's query terms (catalog), the relevance rule and the
follow-up test (tutoring), content-gap grouping (tutoring's figures) and the offline model's
key terms (ai).

Two kinds: function words (articles, pronouns, auxiliaries, prepositions, conjunctions,
question words) and the words of asking ("please explain", "show me", "what does it mean"),
which a question holds whatever its topic.
"""

from typing import Final

_FUNCTION_WORDS: Final = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing done down during each either
    else even ever every few for from further had has have having he her here hers herself him
    himself his how i if in into is it its itself just me might more most much must my myself
    no nor not now of off on once only or other our ours ourselves out over own same she should
    so some still such than that the their theirs them themselves then there these they this
    those through to too under until up upon us very was we were what when where which while
    who whom whose why will with would yet you your yours yourself yourselves"""
_ASKING_WORDS: Final = """
    get gets got let lets use used using please tell explain show give know want need mean
    means thing things way ways kind like say says ok okay yes"""
STOP_WORDS: Final = frozenset((_FUNCTION_WORDS + _ASKING_WORDS).split())
"""Lower-case words that carry no topic."""
