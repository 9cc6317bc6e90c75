package dojo.export;

import dojo.questions.CjkSoftBreaks;
import java.util.List;
import org.commonmark.ext.gfm.tables.TablesExtension;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;

/**
 * Markdown fields of questions to safe HTML: raw HTML in the Markdown is escaped, unsafe URLs are
 * neutralised ({@link SafeUrls}: only http, https, mailto and relative links), tables are supported, and Chinese lines wrapped in the source join without a space.
 */
public final class MarkdownHtml {
    private final Parser parser;
    private final HtmlRenderer renderer;

    public MarkdownHtml() {
        var extensions = List.of(TablesExtension.create());
        this.parser = Parser.builder().extensions(extensions).postProcessor(new CjkSoftBreaks()).build();
        this.renderer = HtmlRenderer.builder().extensions(extensions).escapeHtml(true).sanitizeUrls(true)
                .urlSanitizer(new SafeUrls()).build();
    }

    /** Block HTML (paragraphs, lists, {@code <pre><code>}...), without a trailing newline. */
    public String block(String markdown) {
        if (markdown == null || markdown.isBlank()) return "";
        return renderer.render(parser.parse(markdown)).strip();
    }

    /** Like {@link #block}, but a single paragraph loses its {@code <p>} wrapper (for titles, choices, list items). */
    public String inline(String markdown) {
        String html = block(markdown);
        if (html.startsWith("<p>") && html.endsWith("</p>") && html.indexOf("<p>", 3) < 0) {
            return html.substring(3, html.length() - 4);
        }
        return html;
    }

    /** Escapes text for HTML element content and attribute values; control characters become U+FFFD. */
    public static String escape(String raw) {
        String s = dojo.ControlChars.replace(raw); // never a raw ESC or bidi override in the page
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }
}
