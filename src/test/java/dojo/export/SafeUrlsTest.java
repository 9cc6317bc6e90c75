package dojo.export;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeUrlsTest {
    @Test
    void script_data_and_file_urls_are_dropped_whatever_their_case_or_hidden_whitespace() {
        for (String url : new String[] {"javascript:alert(1)", "JaVaScRiPt:alert(1)", " javascript:x", "java\tscript:x",
                "java\nscript:x", "\u0001javascript:x", "vbscript:msgbox", "VBScript:x", "data:text/html,<b>",
                "DATA:image/svg+xml;base64,AA", "file:///etc/passwd", "jar:http://x!/"}) {
            assertThat(SafeUrls.allowed(url)).as(url).isFalse();
        }
    }

    @Test
    void web_mail_and_relative_links_are_kept() {
        for (String url : new String[] {"https://arxiv.org/abs/1706.03762", "HTTP://example.org", "mailto:a@b.c",
                "#section-2", "docs/scoring.md", "../a.md", "?q=1", "/abs/path", "a/b:c"}) {
            assertThat(SafeUrls.allowed(url)).as(url).isTrue();
        }
    }

    @Test
    void the_handout_renders_a_dropped_link_as_text_without_its_url() {
        String html = new MarkdownHtml().inline("See [this](data:text/html;base64,PHNjcmlwdD4=) and ![i](JAVASCRIPT:x).");
        assertThat(html).doesNotContainIgnoringCase("data:").doesNotContainIgnoringCase("javascript:").contains("this");
    }
}
