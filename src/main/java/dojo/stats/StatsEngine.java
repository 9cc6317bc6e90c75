package dojo.stats;

import dojo.progress.LogDigest;
import dojo.progress.ReviewEvent;
import dojo.questions.Bank;
import dojo.questions.Question;
import dojo.review.Card;
import dojo.review.Scheduler;
import dojo.stats.StatsReport.Accuracy;
import dojo.stats.StatsReport.AccuracySummary;
import dojo.stats.StatsReport.BankStats;
import dojo.stats.StatsReport.Counts;
import dojo.stats.StatsReport.DayCount;
import dojo.stats.StatsReport.QuestionState;
import dojo.stats.StatsReport.Streak;
import dojo.stats.StatsReport.TagStats;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
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
     * @param banks      the loaded banks, in load order (both languages may be passed: question ids and bank
     *                   ids are merged, so progress and topics are shared across languages)
     * @param titleLang  the language whose bank titles the report uses when a bank exists in it; its banks
     *                   also come first in the bank order
     * @param events     the review log, in any order
     * @param scheduler  the scheduler that replays the log (its config decides due dates)
     * @param now        the instant the report describes
     * @param zone       whose calendar days count for "today", streaks and per-day counts
     */
    public static StatsReport compute(List<Bank> banks, String titleLang, List<ReviewEvent> events,
            Scheduler scheduler, Instant now, ZoneId zone) {
        return compute(banks, titleLang, LogDigest.of(events, List.of(), scheduler), scheduler, now, zone);
    }

    /** {@link #compute(List, String, List, Scheduler, Instant, ZoneId)} from the log's digest (what the CLI reads). */
    public static StatsReport compute(List<Bank> banks, String titleLang, LogDigest digest,
            Scheduler scheduler, Instant now, ZoneId zone) {
        LocalDate today = now.atZone(zone).toLocalDate();
        Instant endOfToday = today.plusDays(1).atStartOfDay(zone).toInstant();

        // one entry per id; the same question in en and zh shares progress, so its tags are merged
        Map<String, Question> byId = new LinkedHashMap<>();
        Map<String, Set<String>> tagsById = new HashMap<>();
        Map<String, Set<String>> banksById = new HashMap<>();
        // bank id -> its title and question ids; the title language's banks first, each in load order
        Map<String, String> titles = new LinkedHashMap<>();
        Map<String, Set<String>> idsByBank = new HashMap<>();
        for (boolean preferred : new boolean[] {true, false}) {
            for (Bank bank : banks) {
                if (bank.lang().equals(titleLang) != preferred) continue;
                titles.putIfAbsent(bank.id(), bank.title());
                Set<String> ids = idsByBank.computeIfAbsent(bank.id(), k -> new LinkedHashSet<>());
                for (Question q : bank.questions()) {
                    byId.putIfAbsent(q.id(), q);
                    tagsById.computeIfAbsent(q.id(), k -> new LinkedHashSet<>()).addAll(q.tags());
                    banksById.computeIfAbsent(q.id(), k -> new LinkedHashSet<>()).add(bank.id());
                    ids.add(q.id());
                }
            }
        }

        Map<String, Card> cards = digest.cards();

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
        Map<String, int[]> bankAnswers = new HashMap<>();
        int correctAll = 0;
        int answers7 = 0;
        int correct7 = 0;
        LocalDate weekStart = today.minusDays(6);
        LocalDate historyStart = today.minusDays(HISTORY_DAYS - 1);
        Map<LocalDate, int[]> perDay = new TreeMap<>();
        Set<LocalDate> reviewDays = new TreeSet<>();
        Set<String> orphaned = new TreeSet<>();
        DayOf dayOf = new DayOf(zone);
        LocalDate lastDay = null;
        for (int i = 0; i < digest.count(); i++) {
            long t = digest.timeMillis(i);
            boolean correct = digest.correct(i);
            LocalDate day = dayOf.apply(t);
            if (correct) correctAll++;
            if (!day.isBefore(weekStart) && !day.isAfter(today)) {
                answers7++;
                if (correct) correct7++;
            }
            if (!day.isBefore(historyStart) && !day.isAfter(today)) {
                int[] c = perDay.computeIfAbsent(day, k -> new int[2]);
                c[0]++;
                if (correct) c[1]++;
            }
            if (day != lastDay && !day.isAfter(today)) reviewDays.add(day);
            lastDay = day;
        }
        for (Map.Entry<String, LogDigest.Entry> e : digest.entries().entrySet()) {
            Set<String> tags = tagsById.get(e.getKey());
            if (tags == null) {
                orphaned.add(e.getKey());
                continue;
            }
            count(tagAnswers, tags, e.getValue().answers(), e.getValue().correct());
            count(bankAnswers, banksById.get(e.getKey()), e.getValue().answers(), e.getValue().correct());
        }

        List<BankStats> bankStats = new ArrayList<>();
        for (Map.Entry<String, String> e : titles.entrySet()) {
            Set<String> ids = idsByBank.get(e.getKey());
            if (ids.isEmpty()) continue; // a bank whose questions all have errors has nothing to master
            int[] c = bankAnswers.getOrDefault(e.getKey(), new int[2]);
            bankStats.add(new BankStats(e.getKey(), e.getValue(), ids.size(), reviewedAmong(ids, cards),
                    meanRetrievability(ids, retrievability), accuracy(c[0], c[1])));
        }

        List<TagStats> tagStats = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : idsByTag.entrySet()) {
            int[] c = tagAnswers.getOrDefault(e.getKey(), new int[2]);
            tagStats.add(new TagStats(e.getKey(), e.getValue().size(), reviewedAmong(e.getValue(), cards),
                    meanRetrievability(e.getValue(), retrievability), accuracy(c[0], c[1])));
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
                new Counts(byId.size(), dueNow, dueToday, byId.size() - reviewed, reviewed, digest.count()),
                new AccuracySummary(accuracy(digest.count(), correctAll), accuracy(answers7, correct7)),
                streak(reviewDays, today),
                days,
                bankStats,
                tagStats,
                states,
                List.copyOf(orphaned));
    }

    /**
     * The calendar day of an instant in a zone, remembering the last day's bounds: a log is mostly in time
     * order, so most events fall in the day before and need no time-zone lookup (200,000 events: the
     * zone rules were the largest part of computing stats).
     */
    private static final class DayOf {
        private final ZoneId zone;
        private LocalDate day;
        private long start = Long.MAX_VALUE;
        private long end = Long.MIN_VALUE;

        DayOf(ZoneId zone) {
            this.zone = zone;
        }

        LocalDate apply(long epochMilli) {
            if (epochMilli >= start && epochMilli < end) return day;
            day = Instant.ofEpochMilli(epochMilli).atZone(zone).toLocalDate();
            start = day.atStartOfDay(zone).toInstant().toEpochMilli();
            end = day.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
            return day;
        }
    }

    /** Counts one answer for each key (tags or banks of the answered question). */
    private static void count(Map<String, int[]> answers, Set<String> keys, int n, int correct) {
        for (String key : keys) {
            int[] c = answers.computeIfAbsent(key, k -> new int[2]);
            c[0] += n;
            c[1] += correct;
        }
    }

    private static int reviewedAmong(Collection<String> ids, Map<String, Card> cards) {
        int n = 0;
        for (String id : ids) if (cards.containsKey(id)) n++;
        return n;
    }

    /** Mean retrievability now over a non-empty set of ids, unreviewed ones counting 0. */
    private static double meanRetrievability(Collection<String> ids, Map<String, Double> retrievability) {
        double sum = 0;
        for (String id : ids) sum += retrievability.get(id);
        return sum / ids.size();
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
