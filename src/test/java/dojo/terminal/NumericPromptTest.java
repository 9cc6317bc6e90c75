package dojo.terminal;

import static org.assertj.core.api.Assertions.assertThat;

import dojo.questions.Answer;
import dojo.quiz.NumericFormat;
import org.junit.jupiter.api.Test;

class NumericPromptTest {
    final Messages en = Messages.of(UiLanguage.EN);
    final Messages zh = Messages.of(UiLanguage.ZH);

    static NumericFormat.Precision p(double v, double tol, boolean rel) {
        return NumericFormat.precision(new Answer.Numeric(v, tol, rel, ""));
    }

    @Test
    void everyNumericPromptStatesItsUnitOrItsPrecisionInBothLanguages() {
        assertThat(en.howNumeric("ms", p(7, 0.01, false))).isEqualTo("Answer with a number in ms, to 2 decimal places.");
        assertThat(zh.howNumeric("毫秒", p(7, 0.01, false))).isEqualTo("请输入一个数字作答（单位：毫秒，保留 2 位小数）。");
        assertThat(en.howNumeric("", p(0.73, 0.001, false))).isEqualTo("Answer with a number, to 3 decimal places.");
        assertThat(en.howNumeric("FLOPs", p(8.4e22, 0.01, true))).isEqualTo("Answer with a number in FLOPs, within 1% of the exact value.");
        assertThat(zh.howNumeric("", p(8.4e22, 0.01, true))).isEqualTo("请输入一个数字作答（相对误差不超过 1%）。");
        assertThat(en.howNumeric("", p(64, 0, false))).isEqualTo("Answer with a whole number.");
        assertThat(zh.howNumeric("", p(64, 0, false))).isEqualTo("请输入一个整数作答。");
        assertThat(en.howNumeric("parameters", p(64, 0, false))).isEqualTo("Answer with a number (parameters).");
        assertThat(en.howNumeric("", p(0.125, 0, false))).isEqualTo("Answer with a number, exact.");
        assertThat(en.howNumeric("", p(0.1, 0.1, false))).isEqualTo("Answer with a number, to 1 decimal place.");
        assertThat(en.howNumeric("", p(5, 0.5, false))).isEqualTo("Answer with a number, within ±0.5.");
    }
}
