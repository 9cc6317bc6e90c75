package dojo.export;

import java.util.Locale;
import java.util.Set;
import org.commonmark.renderer.html.UrlSanitizer;

/**
 * Link and image URLs allowed in exported HTML: http, https and mailto, and relative links and fragments.
 * Everything else ({@code javascript:}, {@code vbscript:}, {@code data:}, {@code file:}...) becomes an
 * empty URL. The scheme is read the way browsers read it: ASCII whitespace and control characters anywhere
 * in it are ignored and case does not matter, so {@code " JaVa\tScript:"} and {@code "DATA:"} are caught.
 */
public final class SafeUrls implements UrlSanitizer {
    private static final Set<String> ALLOWED = Set.of("http", "https", "mailto");

    @Override
    public String sanitizeLinkUrl(String url) {
        return allowed(url) ? url : "";
    }

    @Override
    public String sanitizeImageUrl(String url) {
        return allowed(url) ? url : "";
    }

    /** Whether {@code url} has no scheme (relative, fragment) or an allowed one. */
    public static boolean allowed(String url) {
        StringBuilder scheme = new StringBuilder();
        for (int i = 0; i < url.length(); i++) {
            char c = url.charAt(i);
            if (c <= 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F)) continue; // browsers strip these
            if (c == ':') return ALLOWED.contains(scheme.toString().toLowerCase(Locale.ROOT));
            if (c == '/' || c == '?' || c == '#' || c == '\\') return true; // a path, query or fragment first: relative
            if (!(Character.isLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) return true;
            scheme.append(c);
        }
        return true;
    }
}
