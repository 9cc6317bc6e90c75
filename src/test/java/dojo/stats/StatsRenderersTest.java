package dojo.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dojo.terminal.Messages;
import dojo.terminal.UiLanguage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class StatsRenderersTest {
    private static final Messages EN = Messages.of(UiLanguage.EN);
    private static final Messages ZH = Messages.of(UiLanguage.ZH);

    private static StatsReport report() {
        return StatsEngine.compute(StatsEngineTest.questions(), StatsEngineTest.events(), StatsEngineTest.SCHEDULER,
                StatsEngineTest.NOW, StatsEngineTest.SHANGHAI);
    }

    @Test
    @DisplayName("without colour the text report has no ANSI codes; with colour it has them")
    void colourSwitch() {
        assertThat(StatsTextRenderer.render(report(), EN, false, 80)).doesNotContain("\u001b");
        assertThat(StatsTextRenderer.render(report(), EN, true, 80)).contains("\u001b[");
    }

    @Test
    @DisplayName("the text report shows the counts, accuracy, streak, tags and orphaned ids of the report")
    void textContent() {
        String text = StatsTextRenderer.render(report(), EN, false, 100);
        assertThat(text)
                .contains("2026-03-10 (Asia/Shanghai)")
                .contains("due now 1 · due today 2 · new 1 of 4 questions · " + report().counts().reviews() + " answers in history")
                .contains("accuracy 75% (6/8)")
                .contains("last 7 days 67% (2/3)")
                .contains("streak 2 days · longest 4 days")
                .contains("no longer in the banks").contains("  gone-q")
                .doesNotEndWith("\n");
        StatsReport.TagStats attention = report().tags().get(0);
        String line = text.lines().filter(l -> l.trim().startsWith("attention")).findFirst().orElseThrow();
        assertThat(line).contains(Math.round(attention.mastery() * 100) + "%").contains("2/3 reviewed")
                .containsPattern("acc +80%");
    }

    @Test
    @DisplayName("in Chinese the report says the same numbers in Chinese words with full-width punctuation")
    void chineseText() {
        String text = StatsTextRenderer.render(report(), ZH, false, 100);
        assertThat(text)
                .startsWith("Attention Dojo 学习进度  2026-03-10（Asia/Shanghai）")
                .contains("当前待复习 1 · 今日到期 2 · 新题 1（共 4 题） · 累计作答 " + report().counts().reviews() + " 次")
                .contains("正确率 75%（6/8） · 近 7 天 67%（2/3）")
                .contains("连续学习 2 天 · 最长连续 4 天")
                .contains("每日复习次数（最近 30 天）")
                .contains("各标签掌握度（当前记忆保持率、已复习、正确率）")
                .contains("以下题目曾经作答，但已不在题库中（历史记录保留）：")
                .doesNotContain("due now").doesNotContain("reviewed").doesNotContain("accuracy").doesNotContain("days");
        String line = text.lines().filter(l -> l.trim().startsWith("attention")).findFirst().orElseThrow();
        assertThat(line).contains("已复习 2/3").containsPattern("正确率 +80%");
        StatsReport empty = StatsEngine.compute(List.of(), List.of(), StatsEngineTest.SCHEDULER, StatsEngineTest.NOW,
                StatsEngineTest.SHANGHAI);
        assertThat(StatsTextRenderer.render(empty, ZH, false, 80)).contains("这段时间没有复习记录").contains("正确率 -（0/0）");
    }

    @Test
    @DisplayName("the bar chart has one column per day and a full block on the busiest day")
    void barChart() {
        String text = StatsTextRenderer.render(report(), EN, false, 80);
        List<String> lines = text.lines().toList();
        int header = lines.indexOf(lines.stream().filter(l -> l.startsWith("Reviews per day")).findFirst().orElseThrow());
        List<String> rows = lines.subList(header + 1, header + 5);
        assertThat(rows.get(0)).startsWith("  2 │"); // the busiest day has 2 reviews
        String bottom = rows.get(3);
        String bars = bottom.substring(bottom.indexOf('│') + 1);
        // 80 columns: two per day; days with 2 reviews fill all four rows
        assertThat(rows.get(0).substring(rows.get(0).indexOf('│') + 1)).contains("█");
        assertThat(bars.chars().filter(ch -> ch != ' ').count()).isEqualTo(6); // 6 days with reviews
        assertThat(lines.get(header + 5)).contains("└" + "─".repeat(60));
        assertThat(lines.get(header + 6)).contains("02-09").endsWith("03-10");
    }

    @Test
    @DisplayName("every line fits the terminal width, narrow or wide, CJK tags included")
    void fitsWidth() {
        List<dojo.questions.Question> qs = new ArrayList<>(StatsEngineTest.questions());
        qs.add(StatsFixtures.question("zh-only", "zh", "注意力机制与多头注意力的计算复杂度"));
        qs.add(StatsFixtures.question("long", "en", "a-very-long-tag-name-that-goes-on-and-on-and-on"));
        StatsReport r = StatsEngine.compute(qs, StatsEngineTest.events(), StatsEngineTest.SCHEDULER,
                StatsEngineTest.NOW, StatsEngineTest.SHANGHAI);
        for (Messages ui : List.of(EN, ZH)) {
            for (int width : new int[] {40, 60, 80, 132}) {
                for (boolean color : new boolean[] {false, true}) {
                    for (String line : StatsTextRenderer.render(r, ui, color, width).split("\n")) {
                        assertThat(StatsTextRenderer.displayWidth(line))
                                .as("%s, width %d: %s", ui.language(), width, line).isLessThanOrEqualTo(width);
                    }
                }
            }
        }
        assertThat(StatsTextRenderer.displayWidth("注意力ab")).isEqualTo(8);
    }

    @Test
    @DisplayName("an empty history says so instead of drawing an empty chart")
    void emptyChart() {
        StatsReport r = StatsEngine.compute(List.of(), List.of(), StatsEngineTest.SCHEDULER, StatsEngineTest.NOW,
                StatsEngineTest.SHANGHAI);
        String text = StatsTextRenderer.render(r, EN, false, 80);
        assertThat(text).contains("no reviews in these days").contains("accuracy - (0/0)").doesNotContain("│");
    }

    @Test
    @DisplayName("the JSON has a stable field order, ISO-8601 instants and the report's values")
    void json() throws Exception {
        StatsReport r = report();
        String json = StatsJsonRenderer.render(r);
        JsonNode n = new ObjectMapper().readTree(json);
        assertThat(fieldNames(n)).containsExactly("version", "generated_at", "zone", "today", "counts", "accuracy",
                "streak", "reviews_per_day", "tags", "questions", "orphaned");
        assertThat(fieldNames(n.get("counts"))).containsExactly("questions", "due_now", "due_today", "new",
                "reviewed", "reviews");
        assertThat(fieldNames(n.get("questions").get(0))).containsExactly("id", "bank", "state", "stability",
                "difficulty", "due", "last_review", "reps", "lapses", "retrievability");
        assertThat(n.get("generated_at").asText()).isEqualTo("2026-03-10T12:00:00Z");
        assertThat(n.get("counts").get("due_now").asInt()).isEqualTo(r.counts().dueNow());
        assertThat(n.get("accuracy").get("overall").get("share").asDouble()).isEqualTo(0.75);
        assertThat(n.get("reviews_per_day")).hasSize(30);
        assertThat(n.get("orphaned").get(0).asText()).isEqualTo("gone-q");
        JsonNode scale = n.get("questions").get(1);
        StatsReport.QuestionState q = r.questions().get(1);
        assertThat(scale.get("id").asText()).isEqualTo("attn-scale");
        assertThat(Instant.parse(scale.get("due").asText())).isEqualTo(q.due());
        assertThat(scale.get("stability").asDouble()).isEqualTo(q.stability());
        JsonNode fresh = n.get("questions").get(2);
        assertThat(fresh.get("state").asText()).isEqualTo("new");
        assertThat(fresh.get("stability").isNull()).isTrue();
        assertThat(fresh.get("due").isNull()).isTrue();
        assertThat(json).contains("\n  \"counts\"").doesNotEndWith("\n");
        assertThat(StatsJsonRenderer.render(r)).isEqualTo(json);
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) names.add(it.next());
        return names;
    }
}
