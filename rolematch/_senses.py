"""Private: words read in another sense, settled by their object or their neighbours
(used by :mod:`rolematch.extract` on every accepted match).

Five rules, each on one line's tokens:

* :func:`code_owns_verb` — a writing verb whose object is code ("writing SQL queries",
  "Writing and maintaining code", "wrote Python scripts", "SQL query writing", "Python
  script writing") names programming or the tool its object names, not writing: the
  object owns the verb.
* :func:`neighbour_sense` — a word with two senses ("coding", "programming",
  "scripts") is read by the words around it on its line: "coding" next to billing,
  claims or a code set (ICD, CPT) is medical coding, next to invoices or the ledger
  an accounts-payable chore; "programming" next to events, students or episodes is a
  programme of activities; "scripts" next to tests, SQL or a phone line is code or a
  call script, not scriptwriting. A word of the skill's own sense on the line
  ("languages", "python", "video") keeps it.
  "Orders" is no classroom "order" (:data:`NOUN_ONLY`: "Maintains and orders
  inventory").
* :func:`company_owned` — a customer base the company speaks of ("our clientele", "its
  client base") is the company's customers, not the reader's clienteling ("built a
  loyal clientele").
* :func:`unread_field` — a one-word field name that also means lasting ("the
  sustainability of key programs") names the field only with a word of it on the
  line; a noun used as a modifier ("review contract test data") names no skill.
* :func:`another_title` — the job title after "as a" is one phrase: a title skill
  matched at its end ("Experience as an Escrow Account Manager") names another job
  when a word before it in the title is neither a level or scope word ("Senior",
  "Regional", "Technical") nor part of another skill ("as a Sales Account Manager").
"""

from __future__ import annotations

from collections.abc import Collection, Container, Mapping, Sequence
from dataclasses import dataclass

from ._context import TITLE_PREFIXES, TITLE_WORDS, line_bounds
from ._tokenize import NEWLINE

__all__ = ["CODE_CATEGORIES", "Sense", "SENSES", "another_title", "code_owns_verb",
           "company_owned", "neighbour_sense", "read_all", "reading"]  # fmt: skip

#: Taxonomy categories whose skills are code or a code tool ("SQL", "Python", "Apex"):
#: as a writing verb's object they make it programming.
CODE_CATEGORIES = frozenset(
    {
        "programming languages",
        "programming",
        "computer programming",
        "software development",
        "software engineering",
        "software testing",
        "program testing",
        "web development",
        "web platform development",
        "mobile development",
        "object or component oriented development",
        "graphical user interface development",
        "development environment",
        "integrated development environment software",
        "data base user interface and query",
        "data base management system",
        "database management systems",
        "object oriented data base management",
        "database management",
        "databases",
        "data",
        "data engineering",
        "devops",
    }
)
#: Words that make a writing verb's object code ("writing and maintaining code").
CODE_OBJECTS = frozenset(
    "code codes query queries macro macros software sql components component".split()
)
#: Lemmas of the verbs the rule applies to, and their "-ing" noun.
WRITING_VERBS = frozenset({"write", "writing", "wrote", "written", "writes"})
#: Words that may stand between the verb and its code object: determiners,
#: adjectives, and "and" / "or" before another verb ("writing and maintaining code").
_JOINERS = frozenset({"and", "or", "&", "/"})
#: What a writing verb with code as its object shows when no code skill names it.
PROGRAMMING = "software-development"
#: What "coding" in a medical text shows (:func:`medical_coding`).
MEDICAL_CODING = "medical-billing-and-coding"
#: Most words looked at after the verb for its object.
OBJECT_WIDTH = 4


@dataclass(frozen=True)
class Sense:
    """Another reading of one word of a skill: ``skill`` (``None``: no skill) where a
    word of ``cues`` stands on the line (or, with ``code_cues``, a code skill is named
    there), unless a word of ``keep`` (the skill's own sense) does too or a code skill
    is named there and ``code_keeps``."""

    cues: frozenset[str]
    skill: str | None = None
    keep: frozenset[str] = frozenset()
    code_keeps: bool = False
    code_cues: bool = False
    near_only: bool = False  # a cue counts only within NEAR words ("executives, CPA and")


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


_SOFTWARE = _words(
    """software programming programmer programmers language languages developer
    developers development web app apps computer engineers engineering code coding
    object-oriented algorithms scripting database databases"""
)
#: (skill id, lowercase word) -> its other readings, tried in order.
SENSES: dict[tuple[str, str], tuple[Sense, ...]] = {
    ("software-development", "coding"): (
        Sense(
            _words(
                """billing billed biller claims claim icd icd-9 icd-10 cpt cpt-4 hcpcs
                drg diagnosis diagnoses diagnostic medical medicare medicaid
                reimbursement insurance chart charts inpatient outpatient hospital
                physician coder coders him abstracting patient patients records
                health healthcare clinical terminology"""
            ),
            skill="medical-billing-and-coding",
            keep=_SOFTWARE,
            code_keeps=True,
        ),
        Sense(
            _words(
                """invoice invoices payable payables expense expenses ledger gl
                vouchers voucher vendor vendors purchasing payments payment payroll
                accounting quickbooks peachtree tariff entry cost costs account
                accounts"""
            ),
            keep=_SOFTWARE,
            code_keeps=True,
        ),
    ),
    ("software-development", "programming"): (
        Sense(
            _words(
                """events event arts art artists talent students student children
                youth kids school after-school camp community chamber sponsors
                activities activity recreation recreational residents participants
                tv television radio broadcast episodes series shows show
                channel vh1 influencer audiences festival concerts season museum
                library wellness fitness goals behavior clients"""
            ),
            keep=_SOFTWARE,
            code_keeps=True,
        ),
    ),
    ("scriptwriting", "scripts"): (
        Sense(
            _words(
                """test tests testing qa automation automated sql database retrieval
                shell bash powershell unix linux batch etl code coding jil cases
                selenium deployment build call calls phone telephone calling
                reservation reservations sales"""
            ),
            keep=_words("""video film films broadcast radio tv television screen podcast
                commercials commercial theatre theater stage episodes show shows
                documentary"""),
            code_cues=True,
        ),
    ),
}
SENSES[("remote-desktop-services", "rds")] = (
    # "AWS services such as EC2, S3, RDS": Amazon's database service
    Sense(
        _words("""aws amazon ec2 s3 lambda cloud aurora dynamodb redshift postgresql
            postgres mysql eks ecs iam cloudwatch"""),
        skill="amazon-rds",
        keep=_words("remote desktop citrix terminal vdi rdp thin"),
    ),
)
SENSES[("apis", "api")] = (
    # "API 510 / 570 inspections", "CWI and API inspections": the petroleum
    # institute's standards and certificates, not application programming interfaces
    Sense(
        _words("""inspection inspections inspector inspectors inspect cwi asme 510 570
            653 1104 piping pipe pipeline vessel vessels tank tanks welding welds weld
            nde ndt"""),
        keep=_words("""rest restful endpoints endpoint json integration integrations
            software developer developers web http sdk graphql postman microservices"""),
    ),
)
SENSES[("ada", "ada")] = (
    # "comply with OSHA, ADA and EPA rules": the disabilities act, not the language
    # ("building codes", but not the singular "code": "maintained legacy Ada code")
    Sense(
        _words("""compliance compliant comply accessibility accessible disability
            disabilities americans act osha epa nfpa fha fta housing regulations
            regulatory regulation standards guidelines codes ramps"""),
        keep=_words("""programming language languages vhdl embedded fortran compiler
            compilers software pascal spark avionics real-time"""),
        code_keeps=True,
    ),
)
SENSES[("c-plus-plus", "cpp")] = (
    # "CPP or FPC certification" beside payroll words: the payroll certificate
    Sense(
        _words("payroll payrolls fpc apa payrollorg garnishments"),
        skill="certified-payroll-professional",
        keep=_SOFTWARE | _words("c java python c# stl qt"),
        code_keeps=True,
    ),
    # a "CPP" certificate of another trade ("Certified Professional Photographer
    # CPP", "CPP certification is a plus"): no C++, whichever certificate it is
    Sense(
        _words("certification certifications certified certificate"),
        keep=_SOFTWARE | _words("c java python c# stl qt"),
        code_keeps=True,
    ),
)
SENSES[("certified-public-accountant", "cpa")] = (
    # "present results to executives, CPA and clients", "their CPA firm": the
    # accountant one works with, not the reader's certificate
    Sense(
        _words("""executives clients client customers partners firm firms attorneys
            lawyers bankers auditors stakeholders shareholders vendors their our outside
            external collaboration liaise liaison"""),
        keep=_words("""certification certified certificate license licensed licensure
            exam designation credential candidate eligible eligibility preferred
            required plus cma cia cfa ea"""),
        near_only=True,
    ),
)
SENSES[("scriptwriting", "script")] = SENSES[("scriptwriting", "scripts")]
SENSES[("scriptwriting", "writing")] = SENSES[("scriptwriting", "scripts")]  # "script writing"


#: Skills whose last word is a noun only in one form: "maintain order" (discipline)
#: met as "Maintains and orders inventory" names purchasing, not classroom order.
NOUN_ONLY: dict[str, frozenset[str]] = {
    "classroom-management": frozenset({"orders", "ordered", "ordering"}),
    "clienteling": frozenset({"based"}),  # "plans for clients based on …"
}


#: One-word names of a field that also mean something lasting or held ("the
#: sustainability of our programs"): the field only with one of its words on the
#: line ("environmental", "energy") or standing alone in a list.
FIELD_WORDS: dict[tuple[str, str], frozenset[str]] = {
    ("sustainable-development", "sustainability"): _words(
        """environmental environment environmentally green energy carbon climate
        emissions renewable renewables recycling recycled waste conservation ecological
        ecology esg csr leed planet footprint pollution biodiversity circular social
        water""",
    ),
}
#: Nouns that are also modifiers ("contract test labs", "contract staff"): a match
#: ending in the singular noun, a word going on after it, names the skill only when
#: that word is a part of the thing ("review contract terms").
MODIFIER_NOUNS: dict[tuple[str, str], frozenset[str]] = {
    ("contract-management", "contract"): _words(
        """terms term documents document documentation language negotiation
        negotiations compliance renewal renewals clauses clause provisions obligations
        amendments amendment modifications changes closeout award awards execution
        performance disputes pricing files administration management review reviews
        requirements deliverables agreements""",
    ),
}


def unread_field(words: Sequence[str], s: int, e: int, sid: str) -> bool:
    """Is the match at tokens [s, e) a one-word field name (:data:`FIELD_WORDS`) with
    no word of its field on its line, not alone in a list ("the sustainability of
    key programs"), or a noun used as a modifier (:data:`MODIFIER_NOUNS`: "review
    contract test data")?"""
    last = words[e - 1].lower()
    field = FIELD_WORDS.get((sid, last))
    if field is not None and e - s == 1:
        lo, hi = line_bounds(words, s, e)
        return not _alone(words, s, e) and not any(
            w.lower() in field for w in (*words[lo:s], *words[e:hi])
        )
    parts = MODIFIER_NOUNS.get((sid, last))
    if parts is None or e >= len(words):
        return False
    nxt = words[e].lower()
    return nxt.isalpha() and nxt not in _STOP and nxt not in ("a", "an", "the") and nxt not in parts


def neighbour_sense(
    words: Sequence[str],
    s: int,
    e: int,
    sid: str,
    code_at: Collection[int],
) -> str | None:
    """The skill a match of ``sid`` at tokens [s, e) stands for, read by the words
    on its line (:data:`SENSES`, by its last word): ``sid`` itself, another skill, or
    ``None``. A cue anywhere on the line rules the first reading out; another skill
    needs a cue right beside the word (:data:`NEAR`: "coding and billing", "CPT
    coding"), as naming a skill takes more than ruling one out.
    ``code_at``: the tokens of code skills' matches."""
    if words[e - 1].lower() in NOUN_ONLY.get(sid, ()):
        return None
    readings = SENSES.get((sid, words[e - 1].lower()))
    if readings is None:
        return sid
    lo, hi = line_bounds(words, s, e)
    around = {w.lower() for w in (*words[lo:s], *words[e:hi])}
    code = any(lo <= i < hi and not s <= i < e for i in code_at)
    for sense in readings:
        near = {w.lower() for w in (*words[max(lo, s - NEAR) : s], *words[e : min(hi, e + NEAR)])}
        if around & sense.keep or (code and sense.code_keeps):
            return sid
        if (near if sense.near_only else around) & sense.cues or (code and sense.code_cues):
            if sense.skill is None:
                return None
            return sense.skill if near & sense.cues else None
    return sid


#: How far a cue may stand from a word to make it another skill ("Billing and coding").
NEAR = 3


def code_owns_verb(
    words: Sequence[str],
    s: int,
    e: int,
    lemmas: Mapping[str, str],
    code_at: Collection[int],
) -> str | None:
    """Is the match at tokens [s, e) a writing verb whose object is code? ``None``
    when not; else what the verb and its object show: ``""`` when a code skill names
    the object (the tool's own match shows it: "writing SQL queries"), else
    :data:`PROGRAMMING` ("Writing and maintaining code").

    The object is the words after the verb inside the match (a gapped "wrote Python
    scripts") and up to :data:`OBJECT_WIDTH` words after it, up to punctuation or a
    word opening a clause or phrase, or the noun right before an "-ing" verb ("SQL
    Query writing", "SQL writing skills")."""
    last = words[e - 1].lower()
    if (
        e - s > 1
        and last.endswith("ing")
        and _writing(last, lemmas)
        and _code(words, s - 1, code_at)
    ):
        return _owner(s - 1, code_at)  # "Python script writing": code before the compound
    low = words[s].lower()
    if not _writing(low, lemmas):
        if not (e - s == 1 and low == "writer"):
            return None
    if low.endswith("ing") and _code(words, s - 1, code_at):
        return _owner(s - 1, code_at)  # "SQL Query writing", "SQL writing skills"
    for i in range(s + 1, e):
        if _code(words, i, code_at):
            return _owner(i, code_at)  # "wrote Python scripts"
    for i in range(e, min(e + OBJECT_WIDTH, len(words))):
        w = words[i].lower()
        if _code(words, i, code_at):
            return _owner(i, code_at)
        if w in _JOINERS and i + 1 < len(words) and words[i + 1].lower().endswith(("ing", "ed")):
            continue  # "writing and maintaining code"
        if not words[i].isalnum() or w in _STOP:
            return None
    return None


def _writing(word: str, lemmas: Mapping[str, str]) -> bool:
    return lemmas.get(word, word) in WRITING_VERBS or word in WRITING_VERBS


def _owner(i: int, code_at: Collection[int]) -> str:
    return "" if i in code_at else PROGRAMMING


def _code(words: Sequence[str], i: int, code_at: Collection[int] = ()) -> bool:
    return 0 <= i < len(words) and (i in code_at or words[i].lower() in CODE_OBJECTS)


#: Words that end a writing verb's object: they open a clause or a phrase.
_STOP = frozenset(
    """to of for in on at by from with into as that which who and or but than while
    when where if about through via using like including is are was were be""".split()
)

#: The last word of a customer base's name ("clientele", "client base").
CUSTOMER_BASES = frozenset({"clientele", "base"})
#: Possessives by which the company speaks of its own customers.
COMPANY_POSSESSIVES = frozenset({"our", "its", "their"})


def company_owned(words: Sequence[str], s: int, e: int) -> bool:
    """Is the customer base at tokens [s, e) the company's ("our discerning
    clientele", "to serve our customer base")? Up to three adjectives may stand
    between the possessive and the name."""
    if words[e - 1].lower() not in CUSTOMER_BASES:
        return False
    for i in range(s - 1, max(s - 5, -1), -1):
        w = words[i].lower()
        if w in COMPANY_POSSESSIVES:
            return True
        if not words[i].isalpha() or w in _STOP or w in ("a", "an", "the", "my", "your"):
            return False
    return False


#: Verbs by which a person builds a clientele ("grew a loyal clientele", "develop
#: your client base"): without one before it, a clientele is the customers served
#: ("facials to clientele", "income from the clientele"), not clienteling.
BUILDING_VERBS = frozenset(
    """build builds built building grow grows grew grown growing growth develop
    develops developed developing development establish establishes established
    establishing expand expands expanded expanding expansion cultivate cultivates
    cultivated cultivating nurture nurtures nurtured nurturing maintain maintains
    maintained maintaining retain retains retained retaining retention increase
    increases increased increasing generate generates generated generating create
    creates created creating attract attracts attracted attracting acquire acquired
    acquiring strengthen strengthened strengthening improve improved improving
    doubled tripled draw drew win won gain gained relocated""".split()
)
#: The skill of building a clientele.
CLIENTELING = "clienteling"
#: Most words looked at before a customer base for its building verb.
BUILD_WIDTH = 5
#: Marks around a name standing alone in a list ("CRM, clientele, contracts").
_LIST_ENDS = frozenset({",", ";", "|", "/", "•", "·", NEWLINE})


def _alone(words: Sequence[str], s: int, e: int) -> bool:
    """Does the match at tokens [s, e) stand alone in a list ("CRM, clientele, contracts")?"""
    return (s == 0 or words[s - 1] in _LIST_ENDS) and (e == len(words) or words[e] in _LIST_ENDS)


def unbuilt_base(words: Sequence[str], s: int, e: int) -> bool:
    """Is the customer base at tokens [s, e) ("clientele", "client base") named with
    no building word in the :data:`BUILD_WIDTH` words before it (a line break
    between is a wrapped line), and not alone in a list?"""
    if words[e - 1].lower() not in CUSTOMER_BASES:
        return False
    if _alone(words, s, e):
        return False  # a list of skills
    before = [w.lower() for w in words[max(0, s - BUILD_WIDTH - 1) : s] if w != NEWLINE]
    return not any(w in BUILDING_VERBS for w in before[-BUILD_WIDTH:])


#: Words of medical coding itself: one of them and another :data:`MEDICAL_TEXT` word
#: make a whole text a medical coding one: a "coding" on a line with no word of
#: either sense there is medical coding in it ("Perform documentation and coding
#: reviews" in a medical coder's posting), unless a code skill is named anywhere.
#: Health words alone are not enough: "medical, dental and vision" and "healthcare
#: FSA" stand in most postings' benefits, a hospital in many résumés' employers.
CODING_TEXT = _words("coder coders icd icd-10 icd-9 cpt cpt-4 hcpcs drg")
MEDICAL_TEXT = CODING_TEXT | _words(
    """medical healthcare clinical physician physicians patient patients hospital"""
)
#: Words of programming on the line that keep "coding" software even so.
_PROGRAMMING = _SOFTWARE - _words("development engineering engineers code coding")


def medical_text(
    words: Sequence[str], kept: Sequence[tuple[str, int, int]], code: Collection[str]
) -> bool:
    """Do two or more :data:`MEDICAL_TEXT` words, one of :data:`CODING_TEXT`, stand
    in ``words``, and no code skill (of ``code``) among the matches ``kept`` other
    than one holding "coding"?"""
    if any(sid in code and not _coding(words, s, e) for sid, s, e in kept):
        return False
    found = {w.lower() for w in words} & MEDICAL_TEXT
    return len(found) >= 2 and not found.isdisjoint(CODING_TEXT)


def _coding(words: Sequence[str], s: int, e: int) -> bool:
    return any(w.lower() == "coding" for w in words[s:e])


def medical_coding(words: Sequence[str], s: int, e: int) -> bool:
    """In a medical text, is the match at tokens [s, e) a "coding" ("coding",
    "coding reviews") with no programming word on its line?"""
    if not _coding(words, s, e):
        return False
    lo, hi = line_bounds(words, s, e)
    return not any(w.lower() in _PROGRAMMING for w in (*words[lo:s], *words[e:hi]))


#: Words that narrow a job title's level or scope without making it another job
#: ("Regional Account Manager", "Technical Project Manager").
SCOPE_WORDS = TITLE_PREFIXES | frozenset(
    """regional national global international strategic key enterprise major corporate
    district area territory field inside outside technical digital interim acting
    certified licensed registered new former current""".split()
)
#: Last words of a job title (not of a heading: "Skills", "Development").
TITLE_HEADS = TITLE_WORDS - frozenset(
    """skills skill experience certification certificate certified tools tool systems
    software programming development projects project""".split()
)
#: Most tokens looked at before the matched part for the "a" / "an" of "as a": a
#: title has at most TITLE_WIDTH - 1 words before the match.
TITLE_WIDTH = 4


def another_title(words: Sequence[str], s: int, e: int, covered: Collection[int]) -> bool:
    """Is the title matched at tokens [s, e) the end of another job's title after "as
    a" / "as an" ("Experience as an Escrow Account Manager")? The words between are
    capitalized, as a title's are ("as an effective management team leader" is no
    title phrase), and one of them is neither a :data:`SCOPE_WORDS` word nor part of
    another skill's match (``covered``: "as a Sales Account Manager")."""
    if e - s < 2 or words[e - 1].lower() not in TITLE_HEADS:
        return False
    for i in range(s - 1, max(s - 1 - TITLE_WIDTH, 0), -1):
        if words[i].lower() in ("a", "an") and words[i - 1].lower() == "as":
            return any(
                j not in covered and words[j].lower() not in SCOPE_WORDS for j in range(i + 1, s)
            )
        if not (words[i].isalpha() and words[i][:1].isupper()):
            return False  # "as an assistant to the project manager"
    return False


def reading(
    words: Sequence[str],
    s: int,
    e: int,
    sid: str,
    lemmas: Mapping[str, str],
    is_code: bool,
    code_at: Collection[int],
    covered: Collection[int] = (),
) -> str | None:
    """The skill an accepted match of ``sid`` at tokens [s, e) stands for once its
    object, its speaker, its title and its neighbours are read, ``None`` for no
    skill. ``is_code``: ``sid`` is a code skill; ``code_at``: the tokens of code
    skills' matches; ``covered``: the tokens of any match."""
    if another_title(words, s, e, covered):
        return None  # "as an Escrow Account Manager"
    if not is_code:
        owner = code_owns_verb(words, s, e, lemmas, code_at)
        if owner is not None:  # "writing SQL queries": the object owns the verb
            return owner or None
    if company_owned(words, s, e) or (sid == CLIENTELING and unbuilt_base(words, s, e)):
        return None  # "our discerning clientele", "facials to clientele"
    if unread_field(words, s, e, sid):
        return None  # "the sustainability of key programs", "review contract test data"
    return neighbour_sense(words, s, e, sid, code_at)


def read_all(
    words: Sequence[str],
    kept: Sequence[tuple[str, int, int]],
    lemmas: Mapping[str, str],
    code: Collection[str],
    covered: Collection[int],
    known: Container[str],
) -> list[tuple[str, int, int]]:
    """(skill id, start, end) of what the accepted matches ``kept`` stand for
    (:func:`reading`), those standing for no skill left out. ``code``: the code
    skills; only their accepted matches count as code ("Ruby Street" is no code).
    ``known``: the taxonomy's skills; a reading as another skill it lacks is no skill."""
    code_at = {i for sid, s, e in kept if sid in code for i in range(s, e)}
    medical = medical_text(words, kept, code)
    out = []
    for sid, s, e in kept:
        read = reading(words, s, e, sid, lemmas, sid in code, code_at, covered)
        if medical and (read == PROGRAMMING or read in code) and medical_coding(words, s, e):
            read = MEDICAL_CODING  # "coding reviews" in a medical coder's posting
        if read is not None and (read == sid or read in known):
            out.append((read, s, e))
    return out
