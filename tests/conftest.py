"""Shared fixtures: one taxonomy, role set and matcher per session; tiny résumés."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
# benchmarks/ is importable for the harness tests; appended, so an installed rolematch
# (site-packages, earlier on the path) is still the one under test
if str(REPO) not in sys.path:
    sys.path.append(str(REPO))
EXAMPLES = REPO / "examples" / "resumes"
SHARED_DATA = REPO.parent / "shared" / "data"


@pytest.fixture(autouse=True, scope="session")
def _private_cache_dir(tmp_path_factory):
    """Keep the batch cache of every test out of the user's real cache folder."""
    mp = pytest.MonkeyPatch()
    mp.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("xdg-cache")))
    yield
    mp.undo()


@pytest.fixture(scope="session")
def taxonomy():
    from rolematch.taxonomy import Taxonomy

    return Taxonomy.default()


@pytest.fixture(scope="session")
def skill_ids():
    """The shipped extractor as a function: text -> the skill ids it finds."""
    from rolematch.extract import default_extractor

    ext = default_extractor()
    return lambda text: {m.skill_id for m in ext(text)}


@pytest.fixture(scope="session")
def roleset():
    from rolematch.roles import RoleSet

    return RoleSet.default()


@pytest.fixture(scope="session")
def matcher(roleset):
    """The shipped roles' matcher as the CLI, batch and web page run it: the meaning
    layer on (tests of the words-only path build ``Matcher(meaning=False)``)."""
    from rolematch.score import Matcher

    return Matcher(meaning=True).fit(roleset)


@pytest.fixture(scope="session")
def make_resume():
    """Parse résumé text given as a string, as a .txt upload would be."""
    from rolematch.documents import read_resume

    def make(text: str, name: str = "resume.txt"):
        return read_resume(text.encode("utf-8"), filename=name)

    return make


@pytest.fixture(scope="session")
def example_files():
    files = sorted(p for p in EXAMPLES.iterdir() if p.suffix in (".md", ".txt"))
    assert files, "examples/resumes is empty"
    return files
