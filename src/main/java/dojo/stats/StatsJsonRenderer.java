package dojo.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.stats.StatsReport.Accuracy;
import dojo.stats.StatsReport.BankStats;
import dojo.stats.StatsReport.DayCount;
import dojo.stats.StatsReport.QuestionState;
import dojo.stats.StatsReport.TagStats;
import java.time.Instant;

/**
 * The {@code dojo stats --json} form of a {@link StatsReport} (docs/stats.md): pretty-printed,
 * snake_case fields in a fixed order, instants as ISO-8601 UTC strings, dates as yyyy-MM-dd,
 * absent values as null.
 */
public final class StatsJsonRenderer {

    /** Version of the JSON layout, the {@code version} field. */
    public static final int FORMAT_VERSION = 1;

    private static final ObjectMapper JSON = new ObjectMapper();

    private StatsJsonRenderer() {}

    /** The report as pretty JSON, without a trailing newline. */
    public static String render(StatsReport r) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", FORMAT_VERSION);
        root.put("generated_at", r.generatedAt().toString());
        root.put("zone", r.zone());
        root.put("today", r.today().toString());

        ObjectNode counts = root.putObject("counts");
        counts.put("questions", r.counts().questions());
        counts.put("due_now", r.counts().dueNow());
        counts.put("due_today", r.counts().dueToday());
        counts.put("new", r.counts().newCount());
        counts.put("reviewed", r.counts().reviewed());
        counts.put("reviews", r.counts().reviews());

        ObjectNode accuracy = root.putObject("accuracy");
        accuracy(accuracy.putObject("overall"), r.accuracy().overall());
        accuracy(accuracy.putObject("last_7_days"), r.accuracy().last7Days());

        ObjectNode streak = root.putObject("streak");
        streak.put("current_days", r.streak().currentDays());
        streak.put("longest_days", r.streak().longestDays());
        streak.put("last_review_day", r.streak().lastReviewDay() == null ? null : r.streak().lastReviewDay().toString());

        ArrayNode perDay = root.putArray("reviews_per_day");
        for (DayCount d : r.reviewsPerDay()) {
            ObjectNode n = perDay.addObject();
            n.put("date", d.date().toString());
            n.put("reviews", d.reviews());
            n.put("correct", d.correct());
        }

        ArrayNode banks = root.putArray("banks");
        for (BankStats b : r.banks()) {
            ObjectNode n = banks.addObject();
            n.put("bank", b.bank());
            n.put("title", b.title());
            n.put("questions", b.questions());
            n.put("reviewed", b.reviewed());
            n.put("mastery", b.mastery());
            accuracy(n.putObject("accuracy"), b.accuracy());
        }

        ArrayNode tags = root.putArray("tags");
        for (TagStats t : r.tags()) {
            ObjectNode n = tags.addObject();
            n.put("tag", t.tag());
            n.put("questions", t.questions());
            n.put("reviewed", t.reviewed());
            n.put("mastery", t.mastery());
            accuracy(n.putObject("accuracy"), t.accuracy());
        }

        ArrayNode questions = root.putArray("questions");
        for (QuestionState q : r.questions()) {
            ObjectNode n = questions.addObject();
            n.put("id", q.id());
            n.put("bank", q.bank());
            n.put("state", q.state());
            n.put("stability", q.stability());
            n.put("difficulty", q.difficulty());
            n.put("due", instant(q.due()));
            n.put("last_review", instant(q.lastReview()));
            n.put("reps", q.reps());
            n.put("lapses", q.lapses());
            n.put("retrievability", q.retrievability());
        }

        ArrayNode orphaned = root.putArray("orphaned");
        r.orphaned().forEach(orphaned::add);

        try {
            return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the stats report as JSON", e);
        }
    }

    private static void accuracy(ObjectNode n, Accuracy a) {
        n.put("answers", a.answers());
        n.put("correct", a.correct());
        n.put("share", a.share());
    }

    private static String instant(Instant t) {
        return t == null ? null : t.toString();
    }
}
