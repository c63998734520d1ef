"""The fixed set of free-text answers the offline grader is measured on (issue 12).

One question (why not a bare ``except:``) with a rubric of five keywords and a model answer,
and answers a teacher would try: the model answer, paraphrases in a learner's own words, the
keywords as a bare list, claims of the opposite, off-topic text, empty and very long answers.
"""

from dataclasses import dataclass

from tutor_platform.assessment.domain.quiz import Rubric

QUESTION = "Why should you catch a specific exception instead of writing a bare `except:`?"
MODEL_ANSWER = (
    "A bare except catches every exception, including KeyboardInterrupt and SystemExit, so it "
    "hides bugs and makes debugging hard. Catching a specific exception handles only the error "
    "you expect and lets the other errors surface."
)
RUBRIC = Rubric(
    keywords=("specific", "hide", "bugs", "KeyboardInterrupt", "debugging"),
    guidance="Explains what a bare except swallows and why that hides problems.",
    model_answer=MODEL_ANSWER,
)


@dataclass(frozen=True, slots=True)
class Case:
    name: str
    kind: str
    answer: str


CASES = (
    Case("model answer", "right", MODEL_ANSWER),
    Case(
        "right in other words",
        "right",
        "Use a specific exception: a bare except also catches KeyboardInterrupt, so it hides "
        "bugs and makes debugging much harder than it needs to be.",
    ),
    Case(
        "paraphrase",
        "paraphrase",
        "Writing except without naming an error swallows everything, even Ctrl+C, so real "
        "mistakes in the code go unnoticed and are hard to track down. It is better to name "
        "the particular error you expect so that other problems still show up.",
    ),
    Case(
        "paraphrase, second learner",
        "paraphrase",
        "If you catch all errors you also catch the ones you did not expect, so genuine "
        "problems disappear silently and finding them later is painful; only handle the error "
        "type you know how to deal with.",
    ),
    Case("keyword list", "keyword list", "specific, hide, bugs, KeyboardInterrupt, debugging"),
    Case(
        "keyword list without commas",
        "keyword list",
        "specific hide bugs KeyboardInterrupt debugging",
    ),
    Case(
        "keywords strung together",
        "keyword list",
        "The answer is specific hide bugs KeyboardInterrupt and debugging.",
    ),
    Case(
        "negated claim",
        "negated",
        "Bare except is fine and recommended: it never hides bugs, and you do not need "
        "specific exceptions or to worry about KeyboardInterrupt when debugging.",
    ),
    Case(
        "negated claim, contractions",
        "negated",
        "A bare except doesn't hide bugs and it isn't a problem for debugging, so there's no "
        "need for a specific exception.",
    ),
    Case("empty", "empty", ""),
    Case("blank", "empty", "   \n  "),
    Case(
        "off-topic",
        "off-topic",
        "Lists in Python are mutable while tuples are immutable, so only tuples can be used "
        "as dictionary keys.",
    ),
    Case("off-topic chatter", "off-topic", "I like pizza and going to the beach with my friends."),
    Case("very long and right", "very long", (MODEL_ANSWER + " ") * 44),
    Case(
        "very long list of keywords",
        "very long keyword list",
        ", ".join(["specific", "hide", "bugs", "KeyboardInterrupt", "debugging"] * 180),
    ),
)
