package dojo.questions;

import org.commonmark.node.AbstractVisitor;
import org.commonmark.node.Node;
import org.commonmark.node.SoftLineBreak;
import org.commonmark.node.Text;
import org.commonmark.parser.PostProcessor;

/**
 * Removes soft line breaks between Chinese/Japanese/Korean characters (a break between a Chinese character
 * and a Latin word stays a space: "注意力是 O(n²)", as Chinese technical writing spaces mixed scripts). Authors wrap long Chinese lines
 * in the Markdown source; a renderer would turn each wrap into a space ("设计。 检索"), which reads as
 * a typo in Chinese. Between Latin words the break stays (it is the space between the words). After or
 * before full-width punctuation it goes whatever the neighbour is ("屏蔽的是键。" + newline + inline code),
 * since Chinese never puts a space next to its own punctuation.
 * Register with {@code Parser.builder().postProcessor(new CjkSoftBreaks())}.
 */
public final class CjkSoftBreaks implements PostProcessor {

    @Override
    public Node process(Node document) {
        document.accept(new AbstractVisitor() {
            @Override
            public void visit(SoftLineBreak softBreak) {
                int before = softBreak.getPrevious() instanceof Text t ? lastCodePoint(t.getLiteral()) : -1;
                int after = softBreak.getNext() instanceof Text t ? firstCodePoint(t.getLiteral()) : -1;
                boolean betweenTexts = softBreak.getPrevious() instanceof Text && softBreak.getNext() instanceof Text;
                if ((betweenTexts && isCjk(before) && isCjk(after))
                        || isCjkPunctuation(before) || isCjkPunctuation(after)) {
                    softBreak.unlink();
                }
            }
        });
        return document;
    }

    /** Han, kana, hangul, and the CJK punctuation and full-width forms that go with them. */
    static boolean isCjk(int cp) {
        if (cp < 0x2E80) return false;
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        if (script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL) {
            return true;
        }
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS
                || block == Character.UnicodeBlock.CJK_COMPATIBILITY_FORMS
                || block == Character.UnicodeBlock.VERTICAL_FORMS;
    }

    /** Full-width and CJK punctuation (。，；：？！、（）「」《》 ...): never followed or preceded by a space. */
    static boolean isCjkPunctuation(int cp) {
        if (cp < 0x3000) return false;
        Character.UnicodeBlock block = Character.UnicodeBlock.of(cp);
        return (block == Character.UnicodeBlock.CJK_SYMBOLS_AND_PUNCTUATION
                        || block == Character.UnicodeBlock.HALFWIDTH_AND_FULLWIDTH_FORMS)
                && !Character.isLetterOrDigit(cp);
    }

    private static int lastCodePoint(String s) {
        return s.isEmpty() ? -1 : s.codePointBefore(s.length());
    }

    private static int firstCodePoint(String s) {
        return s.isEmpty() ? -1 : s.codePointAt(0);
    }
}
