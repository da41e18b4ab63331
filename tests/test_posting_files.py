"""Posting files as users save them: an HTML page is read as HTML (issue 18: "reading
a posting as it comes"), with the file named in every error. Texts are made up."""

from __future__ import annotations

import pytest

from rolematch import RoleProfile
from rolematch.errors import RolematchError
from rolematch.roles import RoleSet, import_posting

PAGE = (
    "<html><head><title>Careers</title><style>p{color:red}</style></head><body>"
    "<h2>Data Analyst</h2><p>We are hiring.</p><h3>Requirements</h3><ul>"
    "<li>3+ years of SQL &amp; Python</li><li>Tableau experience (preferred)</li>"
    "<li>Bachelor&#39;s degree in Statistics</li></ul></body></html>"
)


@pytest.mark.parametrize("suffix", [".html", ".htm"])
def test_an_html_page_is_profiled_from_its_markup(tmp_path, suffix):
    page = tmp_path / f"analyst{suffix}"
    page.write_text(PAGE, encoding="utf-8")
    role = RoleProfile.from_file(page)
    assert role.title == "Data Analyst"  # the first visible line, not the markup
    req = {s.skill_id: s.required for s in role.skills}
    assert req == {"sql": True, "python": True, "tableau": False}
    assert role.min_years == 3 and role.education_level == "bachelor"


def test_roles_import_and_role_folders_take_html(tmp_path):
    (tmp_path / "analyst.html").write_text(PAGE, encoding="utf-8")
    text = import_posting(tmp_path / "analyst.html", id="analyst")
    assert 'title = "Data Analyst"' in text and "sql = " in text
    roles = RoleSet.load(tmp_path, defaults=False)
    assert any(r.title == "Data Analyst" for r in roles.values())


@pytest.mark.parametrize("content, reason", [
    (b"\x00\x01\x02\x03binary", "binary data"),
    (b"<html><body><script>var a = 1;</script></body></html>", "posting is empty"),
])
def test_a_bad_html_file_is_a_clear_error_naming_it(tmp_path, content, reason):
    page = tmp_path / "bad.html"
    page.write_bytes(content)
    with pytest.raises(RolematchError, match=reason) as e:
        RoleProfile.from_file(page)
    assert "bad.html" in str(e.value)


def test_a_self_closed_script_hides_nothing_after_it(tmp_path):
    page = tmp_path / "analyst.html"
    page.write_text(PAGE.replace("<head>", '<head><script src="app.js"/>'), encoding="utf-8")
    role = RoleProfile.from_file(page)
    assert role.title == "Data Analyst"
    assert {s.skill_id for s in role.skills} == {"sql", "python", "tableau"}
