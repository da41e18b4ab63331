"""Regenerate 10_onet.jsonl and 20_esco.jsonl from the O*NET and ESCO releases.

Usage (from the repository root or this folder)::

    python corpora/taxonomy/build_taxonomy.py --data ../shared/data

``--data`` holds ``onet-29.2/`` and ``esco/`` as described in SOURCE.md. The output
is deterministic (records sorted by id), so a re-run on the same data gives the same
files. Word-frequency and lemma tables come from spacy-lookups-data (installed with
rolematch); they only decide which tool names are also ordinary English words.
"""

from __future__ import annotations

import argparse
import csv
import gzip
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from rolematch.taxonomy import normalize_alias, skill_id  # noqa: E402

#: Vendor prefixes stripped from O*NET tool names (the full name stays an alias).
VENDORS = (
    "Amazon Web Services", "Microsoft", "Atlassian", "Adobe", "Google", "IBM", "Apache",
    "Apple", "Autodesk", "Oracle", "SAP", "Amazon", "Salesforce", "Cisco", "Corel",
    "Intuit", "Bentley", "ESRI", "Siemens", "Trimble", "Symantec", "Facebook", "Meta",
    "Red Hat", "VMware", "Dassault Systemes", "Infor", "Sage", "Epic Systems", "Cerner",
    "Hewlett-Packard", "HP", "Dell", "Citrix", "Novell", "Mozilla", "Elastic",
    "MathWorks", "The MathWorks", "Wolfram Research", "Zoho", "Twitter", "Yahoo",
    "Thomson Reuters", "Bloomberg", "Tableau Software", "SAS Institute", "Qualtrics",
    "Atlassian Confluence",
)
VENDOR_WORDS = {v.split()[0] for v in VENDORS}
MAX_WORDS = 5          # longer ESCO labels read like sentences, not résumé words
COMMON_PROB = -12.5    # log-probability above which a word is ordinary English
VERY_COMMON_PROB = -9.6   # "plan", "history": too common to be evidence alone
VERSION_RE = re.compile(r"\b\d+(\.\d+)+\b|\bv\d|\b(19|20)\d\d\b")
ACRONYM_RE = re.compile(r"^[A-Z][A-Z0-9&]{0,5}$")


class Lexicon:
    """Which words are ordinary English (spacy-lookups-data probabilities + lemmas)."""

    def __init__(self, extra_vocab: set[str]) -> None:
        import spacy_lookups_data

        data = Path(spacy_lookups_data.__file__).parent / "data"
        with gzip.open(data / "en_lexeme_prob.json.gz", "rt", encoding="utf-8") as f:
            self.prob: dict[str, float] = json.load(f)
        with gzip.open(data / "en_lemma_lookup.json.gz", "rt", encoding="utf-8") as f:
            self.lemma: dict[str, str] = json.load(f)
        self.vocab = extra_vocab

    def common(self, word: str) -> bool:
        w = word.lower()
        return self.prob.get(w, -99.0) > COMMON_PROB or w in self.vocab

    def english(self, word: str) -> bool:
        """Ordinary English by word frequency alone (not the domain's vocabulary)."""
        return self.prob.get(word.lower(), -99.0) > COMMON_PROB

    def very_common(self, word: str) -> bool:
        return self.prob.get(word.lower(), -99.0) > VERY_COMMON_PROB

    def all_common(self, phrase: str) -> bool:
        words = re.findall(r"[A-Za-z]+", phrase)
        return bool(words) and all(self.common(w) for w in words)

    def is_verb(self, word: str) -> bool:
        w = word.lower()
        forms = (w + "ing", w[:-1] + "ing", w + w[-1:] + "ing", w + "s", w + "es")
        return any(self.lemma.get(f) == w for f in forms)


def _words(s: str) -> list[str]:
    return s.split()


def _clean(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


# ---------------------------------------------------------------------------- records
class Rec:
    __slots__ = ("id", "name", "aliases", "kind", "category", "source", "exact_case",
                 "amb_terms", "hot", "uri", "no_match", "parent")

    def __init__(self, name: str, kind: str, category: str, source: str) -> None:
        self.id = skill_id(name)
        self.name = name
        self.aliases: list[str] = []
        self.kind = kind
        self.category = category
        self.source = source
        self.exact_case: list[str] = []
        self.amb_terms: set[str] = set()
        self.hot = False
        self.uri = ""
        self.no_match: list[str] = []
        self.parent: str | None = None

    def add_alias(self, alias: str, lex: Lexicon, *, tool: bool) -> None:
        alias = _clean(alias)
        if not alias or alias == self.name or alias in self.aliases:
            return
        self.aliases.append(alias)
        self.flag(alias, lex, tool=tool)

    def flag(self, term: str, lex: Lexicon, *, tool: bool) -> None:
        """Exact case for acronyms and proper names that are also English words."""
        words = _words(term)
        if ACRONYM_RE.match(term):
            if term not in self.exact_case:
                self.exact_case.append(term)
            if lex.common(term) or len(term) <= 2:
                self.amb_terms.add(term)
        elif tool and len(words) == 1 and lex.common(term):
            if term not in self.exact_case:
                self.exact_case.append(term)
            self.amb_terms.add(term)
        elif (tool and 1 < len(words) <= 3 and lex.all_common(term) and not term.islower()
              and words[0] not in VENDOR_WORDS):
            if term not in self.exact_case:
                self.exact_case.append(term)

    def terms(self) -> list[str]:
        return [self.name, *self.aliases]

    def record(self) -> dict[str, object]:
        rec: dict[str, object] = {
            "id": self.id, "name": self.name, "aliases": self.aliases, "kind": self.kind,
            "category": self.category, "parent": self.parent, "related": [], "source": self.source,
        }
        terms = self.terms()
        exact = [e for e in self.exact_case if e in terms]
        if exact:
            rec["exact_case"] = exact
        if self.amb_terms & set(exact):
            rec["ambiguous"] = True
        if self.hot:
            rec["hot"] = True
        if self.uri:
            rec["uri"] = self.uri
        no_match = [t for t in self.no_match if t in terms]
        if no_match:
            rec["no_match"] = no_match
        return rec


class Merger:
    """Records keyed by id with a normalized-alias index; later sources merge in."""

    def __init__(self) -> None:
        self.recs: dict[str, Rec] = {}
        self.alias: dict[str, str] = {}

    def add(self, rec: Rec, lex: Lexicon, *, tool: bool) -> Rec:
        target_id = self.alias.get(normalize_alias(rec.name))
        if target_id is None and rec.id in self.recs:
            target_id = rec.id
        if target_id is not None:
            target = self.recs[target_id]
            if rec.source not in target.source.split("+"):
                target.source += "+" + rec.source
            target.hot = target.hot or rec.hot
            target.uri = target.uri or rec.uri
            for term in rec.terms():
                if normalize_alias(term) not in self.alias:
                    target.add_alias(term, lex, tool=tool or target.kind == "tool")
                    self.alias[normalize_alias(term)] = target.id
                    if term in rec.no_match:
                        target.no_match.append(term)
            return target
        # a fresh record: aliases already owned by another skill are left out
        keep = []
        for a in rec.aliases:
            if self.alias.get(normalize_alias(a), rec.id) == rec.id:
                keep.append(a)
        rec.aliases = keep
        rec.exact_case = [e for e in rec.exact_case if e in rec.terms()]
        self.recs[rec.id] = rec
        for term in rec.terms():
            self.alias.setdefault(normalize_alias(term), rec.id)
        return rec


# ------------------------------------------------------------------------------ O*NET
def _onet_category(title: str) -> str:
    t = title.strip()
    t = re.sub(r"\s+software$", "", t, flags=re.I)
    return t.lower()


def _strip_vendor(name: str) -> tuple[str, str | None]:
    for v in sorted(VENDORS, key=len, reverse=True):
        if name.startswith(v + " ") and len(name) > len(v) + 1:
            return name[len(v) + 1:], v
    return name, None


def load_onet(data: Path, lex: Lexicon, merger: Merger) -> int:
    path = data / "onet-29.2" / "Technology Skills.txt"
    cats: dict[str, Counter[str]] = defaultdict(Counter)
    hot: set[str] = set()
    with path.open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            ex = _clean(row["Example"])
            cats[ex][row["Commodity Title"]] += 1
            if row["Hot Technology"] == "Y":
                hot.add(ex)
    remainders: Counter[str] = Counter(
        _strip_vendor(re.sub(r"\s*\(.*\)\s*$", "", ex))[0].lower() for ex in cats)
    n = 0
    for example in sorted(cats):
        category = _onet_category(cats[example].most_common(1)[0][0])
        full = example
        aliases: list[str] = []
        m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", full)
        if m:
            full, paren = m.group(1), m.group(2)
            if len(_words(paren)) <= 3:
                aliases.append(paren)
        if re.search(r"\ssoftware$", full, re.I) and len(_words(full)) > 2:
            aliases.append(full)
            full = re.sub(r"\s+software$", "", full, flags=re.I)
        short, vendor = _strip_vendor(full)
        if vendor is None or ACRONYM_RE.match(short) or lex.all_common(short):
            name = full
            # a common remainder ("Word", "Analytics") is no alias of its own: the
            # curated file adds the few that people write alone, with context rules
            if (vendor is not None and not ACRONYM_RE.match(short)
                    and remainders[short.lower()] == 1 and len(_words(short)) > 1):
                aliases.append(short)
        else:
            name = short
            aliases.append(full)
        if not re.search(r"[A-Za-z0-9]", name):
            continue
        rec = Rec(name, "tool", category, "onet")
        rec.hot = example in hot
        rec.flag(name, lex, tool=True)
        if example != name:
            rec.add_alias(example, lex, tool=True)
        for a in aliases:
            rec.add_alias(a, lex, tool=True)
        merger.add(rec, lex, tool=True)
        n += 1
    return n


# ------------------------------------------------------------------------------- ESCO
def _split_alts(field: str) -> list[str]:
    return [_clean(a) for a in re.split(r"\s*\|\s*|\n", field or "") if _clean(a)]


def _good_label(label: str) -> bool:
    return 0 < len(_words(label)) <= MAX_WORDS and not VERSION_RE.search(label)


#: Log-probability above which a one-word alternative label that is only a spelling
#: or inflection of a one-word label is still too ordinary to stand for it
#: ("security" for "securities").
ALT_VARIANT_PROB = -10.5
#: Log-probability above which a one-word alternative label of a label of several
#: words is an ordinary word used in many other senses ("merchandise" for "sugar,
#: chocolate and sugar confectionery products", "collections" for "art collections");
#: rarer ones stay ("welding" for "join metals", "phlebotomy").
ALT_WORD_PROB = -13.0
#: ... and of a one-word label it is not a form of ("outlines" and "casts" for "dies",
#: "correspondence" for "communication", "formulas" for "algorithms").
ALT_OTHER_WORD_PROB = -14.0
#: Words that cannot begin (first set) or end (second) an alternative label: half of a
#: label the source wrapped over two lines ("and procedures").
DANGLING_START = {"and", "or"}
DANGLING_END = {"and", "or", "of", "to", "for", "with", "the", "a", "an"}


def _ordinary_alt(alt: str, label: str, lex: Lexicon) -> bool:
    """A one-word lowercase alternative label that ordinary text uses in other senses:
    a frequent word standing for a label of several words ("report" for "report
    facts", "merchandise" for a kind of confectionery) or for another word ("outlines"
    for "dies"), or a frequent spelling variant of a one-word
    label ("security" for "securities")."""
    prob = lex.prob.get(alt.lower(), -99.0)
    if len(_words(label)) > 1:
        return prob > ALT_WORD_PROB
    if alt.lower()[:4] != label.lower()[:4]:
        return prob > ALT_OTHER_WORD_PROB
    return prob > ALT_VARIANT_PROB


def _good_alt(alt: str, label: str, lex: Lexicon) -> bool:
    words = _words(alt)
    if not _good_label(alt):
        return False
    if words[0].lower() in DANGLING_START or words[-1].lower() in DANGLING_END:
        return False          # "and procedures": half of a wrapped label
    if len(words) == 1 and alt.islower() and lex.very_common(alt):
        return False          # "guide", "plan": too common to stand for a skill
    if (len(words) == 1 and alt.islower() and lex.english(alt)
            and alt[:4] != label.lower()[:4]):
        return False          # "design" for "think creatively", "lead" for "lead others"
    if len(words) == 1 and alt.islower() and _ordinary_alt(alt, label, lex):
        return False
    if words[0] == "be":
        return False          # "be responsible": a duty in a posting, no skill's name
    # reordered variants ("water quality assessing") read like nobody's résumé
    return not (len(words) >= 3 and words[-1].endswith("ing")
                and not words[0].endswith("ing"))


def _old_collections(esco: Path) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    """From the older ESCO collection files: label -> category ("ict", the
    transversal group), label -> kind, and the language skills: a language's name
    -> itself, a use of it ("interact verbally in Spanish", "write Spanish") -> the
    language it uses."""
    category: dict[str, str] = {}
    kind: dict[str, str] = {}
    languages: dict[str, str] = {}
    for fname, group in (("transversalSkillsCollection_en.csv", "transversal"),
                         ("languageSkillsCollection_en.csv", "language"),
                         ("ictSkillsCollection_en.csv", "ict")):
        with (esco / fname).open(encoding="utf-8", newline="") as f:
            for row in csv.DictReader(f):
                label = _clean(row["preferredLabel"])
                if group == "language":
                    if len(_words(label)) == 1 and label[:1].isupper():
                        languages[label] = label
                    elif m := re.match(r"^(?:understand|write|interact)\b.*?\s([A-Z].*)$", label):
                        languages[label] = m.group(1)
                    continue
                if group == "ict":
                    category.setdefault(label, "ict")
                    continue
                broader = _split_alts(row.get("broaderConceptPT", ""))
                if broader:
                    category.setdefault(label, broader[0].lower())
                kind[label] = "knowledge" if row["skillType"] == "knowledge" else "soft_skill"
    return category, kind, languages


def _matchable(name: str, lex: Lexicon) -> bool:
    """Can a label stand as evidence in text? Not sentence-like ones, nor one very
    common lowercase word ("history", "energy")."""
    if not _good_label(name):
        return False
    return not (len(_words(name)) == 1 and name.islower() and lex.very_common(name))


def load_esco(data: Path, lex: Lexicon, merger: Merger) -> int:
    """Every ESCO v1.1.1 skill and knowledge concept, with its URI and alt labels.

    Labels that cannot stand as evidence (see :func:`_matchable`) stay in the
    record for lookups by name and URI, listed under ``no_match``.
    """
    esco = data / "esco"
    category_of, kind_of, languages = _old_collections(esco)
    with (esco / "v1.1.1" / "skills_en.csv").open(encoding="utf-8", newline="") as f:
        rows = sorted(csv.DictReader(f), key=lambda r: r["preferredLabel"])
    n = 0
    for row in rows:
        label = _clean(row["preferredLabel"])
        if not label or not re.search(r"[A-Za-z0-9]", label):
            continue
        category = category_of.get(label, "")
        name = label
        m = re.match(r"^(.*?)\s*\(([^()]+)\)\s*$", label)
        if m and m.group(1):
            name, category = m.group(1), m.group(2).lower()
        single = len(_words(name)) == 1
        first = name.split()[0]
        language = languages.get(name)
        if language is not None:
            # a language, or a use of one: as specific as the language, not a
            # transversal (soft) skill
            kind, category = "language", "languages"
        elif label in kind_of:
            kind = kind_of[label]
        elif row["skillType"] == "knowledge":
            kind = "knowledge"
        elif row["reuseLevel"] == "transversal":
            kind = "soft_skill"
        elif not single and first.islower() and lex.is_verb(first):
            kind = "hard_skill"
        else:
            kind = "knowledge"
        is_tool = not name.islower() and kind != "language" and (
            single or category not in ("", "ict"))
        rec = Rec(name, kind, category, "esco")
        rec.uri = row["conceptUri"].strip()
        if language == name:
            rec.exact_case.append(name)
        elif language is not None:
            rec.parent = skill_id(language)
        if not _matchable(name, lex):
            rec.no_match.append(name)
        else:
            rec.flag(name, lex, tool=is_tool)
        for alt in _split_alts(row["altLabels"]):
            if alt != name and alt.lower() != label.lower() and _good_alt(alt, name, lex):
                rec.add_alias(alt, lex, tool=is_tool)
                if kind == "language" and alt[:1].isupper() and alt not in rec.exact_case:
                    rec.exact_case.append(alt)
        merger.add(rec, lex, tool=is_tool)
        n += 1
    return n


#: O*NET content-model branches whose element names become skills: skills,
#: knowledge, generalized and intermediate work activities.
ONET_ELEMENTS = (("2.A.", "soft_skill", "basic skills"),
                 ("2.B.", "soft_skill", "cross-functional skills"),
                 ("2.C.", "knowledge", "knowledge"),
                 ("4.A.", "hard_skill", "work activities"))


def load_onet_elements(data: Path, lex: Lexicon, merger: Merger) -> int:
    """O*NET skill, knowledge and work-activity element names (names only).

    Leaf elements only; a name of one common word ("Writing", "Design") or of more
    than four words is kept for lookups but not matched in text.
    """
    path = data / "onet-29.2" / "Content Model Reference.txt"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    ids = [r["Element ID"] for r in rows]
    n = 0
    for row in rows:
        eid, name = row["Element ID"], _clean(row["Element Name"])
        branch = next((b for b in ONET_ELEMENTS if eid.startswith(b[0])), None)
        if branch is None or eid.count(".") < 3 or any(i.startswith(eid + ".") for i in ids):
            continue
        rec = Rec(name, branch[1], branch[2], "onet-element")
        words = _words(name)
        if len(words) > 4 or "," in name or (len(words) == 1 and lex.common(name)):
            rec.no_match.append(name)
        merger.add(rec, lex, tool=False)
        n += 1
    return n


def _vocab(data: Path) -> set[str]:
    """Lowercase words of O*NET commodity titles and ESCO labels: the domain's English."""
    vocab: set[str] = set()
    with (data / "onet-29.2" / "Technology Skills.txt").open(encoding="utf-8") as f:
        for row in csv.DictReader(f, delimiter="\t"):
            vocab.update(w.lower() for w in re.findall(r"[A-Za-z]+", row["Commodity Title"]))
    with (data / "esco" / "esco_skills_label_description.json").open(encoding="utf-8") as f:
        for item in json.load(f):
            vocab.update(w for w in re.findall(r"[A-Za-z]+", item["skill"]) if w.islower())
    return vocab


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, required=True,
                    help="folder holding onet-29.2/ and esco/")
    ap.add_argument("--out", type=Path, default=HERE, help="output folder (default: here)")
    args = ap.parse_args(argv)
    lex = Lexicon(_vocab(args.data))
    merger = Merger()
    n_onet = load_onet(args.data, lex, merger)
    n_esco = load_esco(args.data, lex, merger)
    n_elements = load_onet_elements(args.data, lex, merger)
    onet = [r for r in merger.recs.values() if r.source.startswith("onet")]
    esco = [r for r in merger.recs.values() if not r.source.startswith("onet")]
    for fname, recs in (("10_onet.jsonl.gz", onet), ("20_esco.jsonl.gz", esco)):
        lines = "".join(json.dumps(r.record(), ensure_ascii=False) + "\n"
                        for r in sorted(recs, key=lambda r: r.id))
        # mtime 0: the same data gives the same bytes
        (args.out / fname).write_bytes(gzip.compress(lines.encode("utf-8"), mtime=0))
    sys.stderr.write(f"O*NET tool names read: {n_onet}, ESCO concepts: {n_esco}, O*NET "
                     f"elements: {n_elements}; wrote {len(onet)} + {len(esco)} skills\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
