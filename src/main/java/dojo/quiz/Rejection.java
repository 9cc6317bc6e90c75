package dojo.quiz;

import java.util.List;
import java.util.Locale;

/**
 * Why one line of input could not be read as an answer, as data: a reason code and its arguments. The
 * engine says nothing in any language; the front end turns this into a sentence in the learner's UI
 * language (dojo.terminal.Messages, catalogs in src/main/resources/dojo/messages/).
 *
 * @param args the reason's arguments in the order documented on each {@link Reason}, as typed or as
 *             numbers in decimal (e.g. {@code ["z", "a-d"]})
 */
public record Rejection(Reason reason, List<String> args) {

    public Rejection {
        args = List.copyOf(args);
        if (args.size() != reason.arity()) {
            throw new IllegalArgumentException(reason + " takes " + reason.arity() + " arguments, got " + args);
        }
    }

    public static Rejection of(Reason reason, Object... args) {
        return new Rejection(reason, java.util.Arrays.stream(args).map(String::valueOf).toList());
    }

    public enum Reason {
        /** Nothing typed for a single-choice question. Args: the choice range ({@code a-d}). */
        SINGLE_CHOICE_EXPECTED(1),
        /** Nothing typed for a multiple-choice question. Args: the choice range. */
        MULTIPLE_CHOICE_EXPECTED(1),
        /** A token that is no choice key. Args: the token, the choice range. */
        NOT_A_CHOICE(2),
        /** Several letters for a single-choice question. Args: the choice range. */
        ONE_ANSWER_ONLY(1),
        /** Not a way of saying true or false. No args. */
        TRUE_OR_FALSE_EXPECTED(0),
        /** Nothing but spaces or punctuation for a short answer. No args. */
        ANSWER_EXPECTED(0),
        /** Not readable as a number. Args: the input, stripped. */
        NOT_A_NUMBER(1),
        /** A number with a unit other than the question's. Args: the unit as typed, the question's unit. */
        UNIT_MISMATCH(2),
        /** A number with a unit where the question asks for a plain number. Args: the unit as typed. */
        UNIT_NOT_EXPECTED(1),
        /** Nothing typed for an ordering. Args: the number of items n. */
        ORDER_EXPECTED(1),
        /** An ordering token that is not a number. Args: the token, n. */
        NOT_AN_ITEM_NUMBER(2),
        /** A number outside 1..n. Args: the number, n. */
        NOT_AN_ITEM(2),
        /** A number given twice. Args: the number, n. */
        LISTED_TWICE(2),
        /** Fewer numbers than items. Args: how many were given, n. */
        WRONG_ITEM_COUNT(2),
        /** Not a self-rating 1-4 (or again/hard/good/easy). No args. */
        SELF_RATING_EXPECTED(0),
        /** An answer longer than {@link AnswerBudget#MAX_CHARS}: re-asked, not scored. Args: the limit. */
        ANSWER_TOO_LONG(1);

        private final int arity;

        Reason(int arity) {
            this.arity = arity;
        }

        public int arity() {
            return arity;
        }

        /** The reason's name in message catalogs: {@code NOT_A_CHOICE} is {@code not-a-choice}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        /**
         * Whether the reason is a detail of an ordering answer, after which the front end repeats how to
         * type one; its last argument is then the number of items.
         */
        public boolean isOrderingDetail() {
            return this == NOT_AN_ITEM_NUMBER || this == NOT_AN_ITEM || this == LISTED_TWICE || this == WRONG_ITEM_COUNT;
        }
    }
}
