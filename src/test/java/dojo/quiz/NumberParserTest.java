package dojo.quiz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dojo.questions.Answer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class NumberParserTest {

    static double value(String input, String unit) {
        NumberParser.Result r = NumberParser.read(input, unit);
        assertThat(r).as(input + " [" + unit + "]").isInstanceOf(NumberParser.Value.class);
        return ((NumberParser.Value) r).value();
    }

    @ParameterizedTest(name = "''{0}'' in {1} reads as {2}")
    @CsvSource(delimiter = '|', value = {
            "8.6 GFLOPs      | FLOPs      | 8.6e9",
            "8.59e9          | FLOPs      | 8.59e9",
            "8.59e9 FLOPs    | FLOPs      | 8.59e9",
            "7 ms            | ms         | 7",
            "7 毫秒          | ms         | 7",
            "7ms             | 毫秒       | 7",
            "0.007 s         | ms         | 7",
            "7000 µs         | ms         | 7",
            "1750亿          | parameters | 1.75e11",
            "175B            | parameters | 1.75e11",
            "175 billion     | parameters | 1.75e11",
            "175 bn          | 个参数     | 1.75e11",
            "2.4 万          | tokens     | 24000",
            "2.4万 tokens    | tokens     | 24000",
            "3 百万          |            | 3e6",
            "1.5M parameters | parameters | 1.5e6",
            "1.5 M 个参数    | 个参数     | 1.5e6",
            "4k tokens       | tokens     | 4000",
            "4K              | tokens     | 4000",
            "2,359,296 个参数 | 参数      | 2359296",
            "２６２，１４４ 个参数 | 个参数 | 262144",
            "524288 B        | bytes      | 524288",
            "524288 bytes    | 字节       | 524288",
            "10 GiB          | GiB        | 10",
            "23.5%           | probability | 0.235",
            "12 %            | %          | 12",
            "1.5×10^6        | tokens     | 1.5e6",
            "3 layers        | layer      | 3",
            "6 entries       | 个元素     | 6",
            "8 times         | 倍         | 8",
    })
    void readsMagnitudesAndUnitsInBothLanguages(String input, String unit, double expected) {
        assertThat(value(input, unit == null ? "" : unit)).isCloseTo(expected, within(Math.abs(expected) * 1e-12));
    }

    @ParameterizedTest(name = "''{0}'' contradicts {1}")
    @CsvSource(delimiter = '|', value = {
            "7 s         | ms",
            "4 GB        | GiB",
            "7 m         | ms",
            "12 tokens   | parameters",
            "5 个向量    | 层",
    })
    void aUnitThatContradictsTheQuestionsIsNamed(String input, String unit) {
        NumberParser.Result r = NumberParser.read(input, unit);
        if (input.startsWith("7 s")) {
            // seconds convert to milliseconds: 7 s is 7000 ms, a number in the right dimension
            assertThat(r).isEqualTo(new NumberParser.Value(7000));
            return;
        }
        assertThat(r).isInstanceOf(NumberParser.WrongUnit.class);
        assertThat(((NumberParser.WrongUnit) r).expected()).isEqualTo(unit);
    }

    @Test
    void aUnitOnAQuestionWithoutOneIsNotScored() {
        assertThat(NumberParser.read("64 dims", "")).isEqualTo(new NumberParser.WrongUnit("dims", ""));
        assertThat(NumberParser.read("64k", "")).isEqualTo(new NumberParser.Value(64000));
    }

    @Test
    void theWrongUnitIsRejectedWithAReasonNotScoredWrong() {
        Presented p = new Presented(Questions.numeric("n", 4, 0, false, "GiB"), java.util.List.of());
        assertThat(Scoring.check(p, "4 GB")).isEqualTo(new AnswerCheck.Rejected(
                Rejection.of(Rejection.Reason.UNIT_MISMATCH, "GB", "GiB")));
        Presented plain = new Presented(Questions.numeric("m", 64, 0, false, ""), java.util.List.of());
        assertThat(Scoring.check(plain, "64 dims")).isEqualTo(new AnswerCheck.Rejected(
                Rejection.of(Rejection.Reason.UNIT_NOT_EXPECTED, "dims")));
    }

    @Test
    void expectedValuesAreGroupedAndRoundedToTheirTolerance() {
        assertThat(NumericFormat.value(new Answer.Numeric(8589934592.0, 0, false, "FLOPs"))).isEqualTo("8,589,934,592");
        assertThat(NumericFormat.value(new Answer.Numeric(1.5413411329464508, 0.0001, false, ""))).isEqualTo("1.5413");
        assertThat(NumericFormat.value(new Answer.Numeric(0.0006987712429686843, 0.01, true, ""))).isEqualTo("0.000699");
        assertThat(NumericFormat.value(new Answer.Numeric(0.104994, 0.001, false, ""))).isEqualTo("0.105");
        assertThat(NumericFormat.value(new Answer.Numeric(0.125, 0, false, ""))).isEqualTo("0.125");
        assertThat(NumericFormat.value(new Answer.Numeric(8.4e22, 0.01, true, "FLOPs"))).isEqualTo("8.4e22");
        assertThat(NumericFormat.tolerance(new Answer.Numeric(0.1, 0.0001, false, ""))).isEqualTo("±0.0001");
        assertThat(NumericFormat.tolerance(new Answer.Numeric(0.1, 0.01, true, ""))).isEqualTo("±1%");
    }

    @Test
    void thePrecisionAskedForFollowsFromTheTolerance() {
        assertThat(NumericFormat.precision(new Answer.Numeric(88.72, 0.01, false, ""))).isEqualTo(new NumericFormat.DecimalPlaces(2));
        assertThat(NumericFormat.precision(new Answer.Numeric(0.1, 0.000001, false, ""))).isEqualTo(new NumericFormat.DecimalPlaces(6));
        assertThat(NumericFormat.precision(new Answer.Numeric(7, 0.5, false, ""))).isEqualTo(new NumericFormat.Within("±0.5"));
        assertThat(NumericFormat.precision(new Answer.Numeric(1e11, 0.01, true, ""))).isEqualTo(new NumericFormat.WithinPercent("1%"));
        assertThat(NumericFormat.precision(new Answer.Numeric(64, 0, false, ""))).isEqualTo(new NumericFormat.WholeNumber());
        assertThat(NumericFormat.precision(new Answer.Numeric(0.125, 0, false, ""))).isEqualTo(new NumericFormat.Exact());
    }
}
