"""The ``rolematch_skills`` spaCy component: taxonomy skills as ``doc.spans["skills"]``.

For people who already run spaCy::

    import spacy
    nlp = spacy.blank("en")               # or any English pipeline
    nlp.add_pipe("rolematch_skills")
    doc = nlp("Reconciled bank accounts; python, django, docker")
    [(s.text, s.label_) for s in doc.spans["skills"]]
    # [('Reconciled bank accounts', 'account-reconciliation'), ('python', 'python'), ...]

Each span's ``label_`` and ``kb_id_`` are the skill id (see :mod:`rolematch.taxonomy`).
The component matches the text with rolematch's own tokenizer and context rules
(:meth:`rolematch.extract.SkillExtractor.accepted`), so it finds the same skills as
:func:`rolematch.extract_skills` whatever the pipeline's tokenizer; spans are
widened to the pipeline's token boundaries. Installed rolematch registers the
factory through the ``spacy_factories`` entry point; importing this module
registers it too.
"""

from __future__ import annotations

from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc

from . import _tokenize
from .extract import SkillExtractor, default_extractor

__all__ = ["SkillsComponent", "make_skills_component"]


class SkillsComponent:
    """Sets ``doc.spans[spans_key]`` to the taxonomy skills found in the text."""

    def __init__(self, extractor: SkillExtractor, *, spans_key: str = "skills") -> None:
        self.extractor = extractor
        self.spans_key = spans_key

    def __call__(self, doc: Doc) -> Doc:
        words, starts = _tokenize.tokenize(doc.text)
        spans = []
        for sid, s, e in self.extractor.accepted(words):
            start, end = starts[s], starts[e - 1] + len(words[e - 1])
            span = doc.char_span(start, end, label=sid, kb_id=sid, alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc


@Language.factory("rolematch_skills", default_config={"spans_key": "skills", "models": None})
def make_skills_component(
    nlp: Language, name: str, spans_key: str, models: str | None
) -> SkillsComponent:
    """spaCy factory; ``models`` is a folder written by
    :meth:`SkillExtractor.to_disk` (default: the shipped ``models/matcher``)."""
    extractor = SkillExtractor.from_disk(Path(models)) if models else default_extractor()
    return SkillsComponent(extractor, spans_key=spans_key)
