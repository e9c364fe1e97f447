import markdown
import pytest

from playbook.sanitize import SanitizeExtension, is_safe_url


def render(text: str) -> str:
    return markdown.markdown(text, extensions=["attr_list", SanitizeExtension()])


def test_event_handlers_set_through_attribute_lists_are_dropped() -> None:
    html = render("# Title { onmouseover=alert(1) .big }\n\n*go*{: onpointerenter=alert(3) }")
    assert "alert" not in html
    assert '<h1 class="big">Title</h1>' in html


def test_a_link_whose_target_is_replaced_with_a_script_loses_it() -> None:
    html = render("[safe](https://example.org){: href=javascript:alert(4) }")
    assert html == "<p><a>safe</a></p>"


@pytest.mark.parametrize(
    "url",
    ["javascript:alert(1)", "java\tscript:x", "javascript&#58;x", " JAVASCRIPT:x", "data:text/html,x", "vbscript:x"],
)
def test_unsafe_schemes_are_recognised_as_a_browser_reads_them(url: str) -> None:
    assert not is_safe_url(url)


@pytest.mark.parametrize("url", ["https://example.org", "mailto:a@b.org", "../glossary/#wip", "#top", "x.md"])
def test_safe_addresses_are_kept(url: str) -> None:
    assert is_safe_url(url)
