package dojo.terminal;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The language of the interface text (prompts, feedback, summaries, the stats report). Questions have
 * their own language ({@code --lang}); the interface follows it unless told otherwise. docs/quiz.md,
 * "UI language", describes the rule {@link #resolve} implements.
 */
public enum UiLanguage {
    EN("en", Locale.ENGLISH),
    ZH("zh", Locale.SIMPLIFIED_CHINESE);

    private final String code;
    private final Locale locale;

    UiLanguage(String code, Locale locale) {
        this.code = code;
        this.locale = locale;
    }

    /** {@code en} or {@code zh}: the option value, and the name of the message catalog. */
    public String code() {
        return code;
    }

    public Locale locale() {
        return locale;
    }

    /**
     * The primary language of a tag or locale name, as the banks name languages: {@code zh-CN},
     * {@code zh_CN}, {@code zh_CN.UTF-8}, {@code ZH} are {@code zh}; {@code en-US} is {@code en}; null stays null.
     */
    public static String languageCode(String tag) {
        if (tag == null) return null;
        String t = tag.trim().toLowerCase(Locale.ROOT);
        int cut = 0;
        while (cut < t.length() && Character.isLetter(t.charAt(cut))) cut++;
        return cut == 0 ? t : t.substring(0, cut);
    }

    /** The language named {@code en} or {@code zh} (any case, a region allowed: {@code zh-CN}), as {@code --ui-lang} takes it. */
    public static Optional<UiLanguage> fromCode(String code) {
        if (code == null) return Optional.empty();
        String c = languageCode(code);
        for (UiLanguage l : values()) if (l.code.equals(c)) return Optional.of(l);
        return Optional.empty();
    }

    /**
     * The language a language tag or POSIX locale name starts with: {@code zh}, {@code zh-CN},
     * {@code zh_TW.UTF-8} are Chinese, {@code en}, {@code en_GB.UTF-8} English; anything else is empty.
     */
    public static Optional<UiLanguage> fromTag(String tag) {
        if (tag == null) return Optional.empty();
        String t = tag.trim().toLowerCase(Locale.ROOT);
        for (UiLanguage l : values()) {
            if (t.equals(l.code) || t.startsWith(l.code + "_") || t.startsWith(l.code + "-") || t.startsWith(l.code + ".")) {
                return Optional.of(l);
            }
        }
        return Optional.empty();
    }

    /**
     * The interface language of a command.
     *
     * @param explicit      {@code --ui-lang}, or null; must be {@code en} or {@code zh}
     * @param questionLang  the question language the user chose ({@code --lang}, else {@code $DOJO_LANG}), or
     *                      null when none was chosen
     * @param env           the environment, for the locale variables
     * @return {@code explicit}; else the question language when it is en or zh; else the locale: the first
     *         of {@code LC_ALL}, {@code LC_MESSAGES}, {@code LANG} that is set and not empty (the POSIX
     *         order) decides, Chinese when it starts with {@code zh}; else English
     * @throws IllegalArgumentException when {@code explicit} is neither en nor zh
     */
    public static UiLanguage resolve(String explicit, String questionLang, Map<String, String> env) {
        if (explicit != null) {
            return fromCode(explicit).orElseThrow(() -> new IllegalArgumentException(
                    "--ui-lang must be en or zh, got '" + explicit + "'"));
        }
        Optional<UiLanguage> followed = fromTag(questionLang);
        if (followed.isPresent()) return followed.get();
        for (String var : List.of("LC_ALL", "LC_MESSAGES", "LANG")) {
            String v = env.get(var);
            if (v != null && !v.isBlank()) return fromTag(v).filter(l -> l == ZH).orElse(EN);
        }
        return EN;
    }
}
