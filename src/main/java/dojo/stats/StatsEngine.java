package dojo.stats;

import dojo.progress.Replay;
import dojo.progress.ReviewEvent;
import dojo.questions.Question;
import dojo.review.Card;
import dojo.review.Scheduler;
import dojo.stats.StatsReport.Accuracy;
import dojo.stats.StatsReport.AccuracySummary;
import dojo.stats.StatsReport.Counts;
import dojo.stats.StatsReport.DayCount;
import dojo.stats.StatsReport.QuestionState;
import dojo.stats.StatsReport.Streak;
import dojo.stats.StatsReport.TagStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/** Computes a {@link StatsReport} from the banks and the review log; pure, with injected time and zone. */
public final class StatsEngine {

    /** Days shown in the reviews-per-day series. */
    public static final int HISTORY_DAYS = 30;

    private StatsEngine() {}

    /**
     * @param questions the questions of the loaded banks (both languages may be passed: ids are merged)
     * @param events    the review log, in any order
     * @param scheduler the scheduler that replays the log (its config decides due dates)
     * @param now       the instant the report describes
     * @param zone      whose calendar days count for "today", streaks and per-day counts
     */
    public static StatsReport compute(List<Question> questions, List<ReviewEvent> events, Scheduler scheduler,
            Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant endOfToday = today.plusDays(1).atStartOfDay(zone).toInstant();

        // one entry per id; the same question in en and zh shares progress, so its tags are merged
        Map<String, Question> byId = new LinkedHashMap<>();
        Map<String, Set<String>> tagsById = new HashMap<>();
        for (Question q : questions) {
            byId.putIfAbsent(q.id(), q);
            tagsById.computeIfAbsent(q.id(), k -> new LinkedHashSet<>()).addAll(q.tags());
        }

        Map<String, Card> cards = Replay.cards(events, scheduler);

        List<QuestionState> states = new ArrayList<>();
        Map<String, Double> retrievability = new HashMap<>();
        int dueNow = 0;
        int dueToday = 0;
        int reviewed = 0;
        for (String id : new TreeSet<>(byId.keySet())) {
            Card card = cards.get(id);
            if (card == null) {
                states.add(new QuestionState(id, byId.get(id).bank(), "new", null, null, null, null, 0, 0, 0.0));
                retrievability.put(id, 0.0);
                continue;
            }
            reviewed++;
            if (!card.due().isAfter(now)) dueNow++;
            if (card.due().isBefore(endOfToday)) dueToday++;
            double r = scheduler.retrievability(card, now);
            retrievability.put(id, r);
            states.add(new QuestionState(id, byId.get(id).bank(), card.state().name().toLowerCase(Locale.ROOT),
                    card.stability(), card.difficulty(), card.due(), card.lastReview(), card.reps(), card.lapses(), r));
        }

        // per tag: questions, then answers
        Map<String, List<String>> idsByTag = new TreeMap<>();
        for (Map.Entry<String, Set<String>> e : tagsById.entrySet()) {
            for (String tag : e.getValue()) {
                idsByTag.computeIfAbsent(tag, k -> new ArrayList<>()).add(e.getKey());
            }
        }
        Map<String, int[]> tagAnswers = new HashMap<>(); // {answers, correct}
        int correctAll = 0;
        int answers7 = 0;
        int correct7 = 0;
        LocalDate weekStart = today.minusDays(6);
        LocalDate historyStart = today.minusDays(HISTORY_DAYS - 1);
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        Set<LocalDate> reviewDays = new TreeSet<>();
        Set<String> orphaned = new TreeSet<>();
        for (ReviewEvent e : events) {
            LocalDate day = e.time().atZone(zone).toLocalDate();
            if (e.correct()) correctAll++;
            if (!day.isBefore(weekStart) && !day.isAfter(today)) {
                answers7++;
                if (e.correct()) correct7++;
            }
            if (!day.isBefore(historyStart) && !day.isAfter(today)) {
                int[] c = perDay.computeIfAbsent(day, k -> new int[2]);
                c[0]++;
                if (e.correct()) c[1]++;
            }
            if (!day.isAfter(today)) reviewDays.add(day);
            Set<String> tags = tagsById.get(e.questionId());
            if (tags == null) {
                orphaned.add(e.questionId());
                continue;
            }
            for (String tag : tags) {
                int[] c = tagAnswers.computeIfAbsent(tag, k -> new int[2]);
                c[0]++;
                if (e.correct()) c[1]++;
            }
        }

        List<TagStats> tagStats = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : idsByTag.entrySet()) {
            double sum = 0;
            int tagReviewed = 0;
            for (String id : e.getValue()) {
                sum += retrievability.get(id);
                if (cards.containsKey(id)) tagReviewed++;
            }
            int[] c = tagAnswers.getOrDefault(e.getKey(), new int[2]);
            tagStats.add(new TagStats(e.getKey(), e.getValue().size(), tagReviewed, sum / e.getValue().size(),
                    accuracy(c[0], c[1])));
        }

        List<DayCount> days = new ArrayList<>();
        for (LocalDate d = historyStart; !d.isAfter(today); d = d.plusDays(1)) {
            int[] c = perDay.getOrDefault(d, new int[2]);
            days.add(new DayCount(d, c[0], c[1]));
        }

        return new StatsReport(
                now,
                zone.getId(),
                today,
                new Counts(byId.size(), dueNow, dueToday, byId.size() - reviewed, reviewed, events.size()),
                new AccuracySummary(accuracy(events.size(), correctAll), accuracy(answers7, correct7)),
                streak(reviewDays, today),
                days,
                tagStats,
                states,
                List.copyOf(orphaned));
    }

    private static Accuracy accuracy(int answers, int correct) {
        return new Accuracy(answers, correct, answers == 0 ? null : (double) correct / answers);
    }

    /** Streaks over the sorted set of days (none after today) that have at least one review. */
    static Streak streak(Set<LocalDate> reviewDays, LocalDate today) {
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate d : reviewDays) {
            run = previous != null && previous.plusDays(1).equals(d) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = d;
        }
        int current = 0;
        LocalDate d = reviewDays.contains(today) ? today : today.minusDays(1);
        while (reviewDays.contains(d)) {
            current++;
            d = d.minusDays(1);
        }
        return new Streak(current, longest, previous);
    }
}
