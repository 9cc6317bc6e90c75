package dojo.workshop.live;

import dojo.progress.ReviewEvent;
import dojo.questions.Answer;
import dojo.questions.Choice;
import dojo.questions.ChoiceOrder;
import dojo.questions.Question;
import dojo.questions.QuestionType;
import dojo.quiz.AnswerCheck;
import dojo.quiz.Presented;
import dojo.quiz.Rejection;
import dojo.quiz.Scoring;
import dojo.review.Ratings;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;

/**
 * A host-paced group quiz: players join with the session's code, the host opens one question at a time, each
 * open question closes when the host says so or when its time is up, and after each question everyone sees the
 * answer histogram and the leaderboards. The engine never prints and never reads the wall clock: time comes from
 * the injected {@link Clock}, checked on every call, so a question whose time is up is closed by the first call
 * after its deadline (an answer arriving then is refused). Thread-safe: every public method is synchronized.
 *
 * <p>States: {@link Phase#LOBBY} (players join) → {@link Phase#OPEN} (question i takes answers) →
 * {@link Phase#CLOSED} (histogram and leaderboards of question i) → OPEN (i + 1) ... → {@link Phase#FINISHED}.
 * The host's {@link #advance} moves one step. Players may join until the session finishes (a late joiner simply
 * has no answers to the questions before).
 *
 * <p>Answers are read and scored by the quiz's own {@link Scoring#check} on the question as shown, so the same
 * input counts as in {@code dojo quiz}; unreadable input is refused ({@link LiveException.Kind#NOT_UNDERSTOOD})
 * and may be retried. Points: {@link #points}.
 */
public final class LiveSession {

    /** Where the session is. */
    public enum Phase { LOBBY, OPEN, CLOSED, FINISHED }

    /** Longest player or team name, in characters. */
    public static final int MAX_NAME = 24;
    /** Longest answer read, in characters. */
    public static final int MAX_ANSWER = 500;
    /** Most players in one session. */
    public static final int MAX_PLAYERS = 500;
    /** Points for a fully right answer given at the last moment; as much again for one given at once. */
    public static final int BASE_POINTS = 500;

    /** A player as others see them (the token stays with the engine and the player). */
    public record Player(String name, String team, String lang) {}

    /** One player's answer to one question. {@code points} from {@link #points}; {@code took} from the question's opening. */
    public record PlayerAnswer(int question, String given, double score, boolean correct, int points, Duration took, Instant at) {}

    /** What a player gets back for an accepted answer (correctness is shown when the question closes). */
    public record Receipt(int question, String given) {}

    /** One bar of a histogram: {@code label} a choice key, {@code true}/{@code false}, or an answer as given. */
    public record Bar(String label, int count, boolean correct) {}

    /**
     * The answers to one question: bars (each choice key, counting every player who picked it, for choice
     * questions; each distinct answer, most frequent first, otherwise), how many answered, how many were fully
     * right and how many players gave no answer.
     */
    public record Histogram(int question, List<Bar> bars, int answered, int correct, int noAnswer) {}

    /** A row of the individual leaderboard; equal points share a rank (1, 1, 3). */
    public record Standing(int rank, String name, String team, int points, int correct, int answered) {}

    /** A row of the team leaderboard: {@code points} is the mean of its players' points, so team size does not decide. */
    public record TeamStanding(int rank, String team, int players, double points, int total) {}

    private static final class PlayerState {
        final Player player;
        final Map<Integer, PlayerAnswer> answers = new TreeMap<>();

        PlayerState(Player player) {
            this.player = player;
        }

        int points() {
            return answers.values().stream().mapToInt(PlayerAnswer::points).sum();
        }

        int correct() {
            return (int) answers.values().stream().filter(PlayerAnswer::correct).count();
        }
    }

    private final String code;
    private final String hostToken;
    private final List<LiveQuestion> questions;
    private final Duration timeLimit;
    private final Clock clock;
    private final Random tokens;
    private final Map<String, PlayerState> byToken = new LinkedHashMap<>();
    private final Map<String, String> tokenByName = new HashMap<>();
    private final List<Instant> openedAt = new ArrayList<>();
    private final List<Instant> closedAt = new ArrayList<>();

    private Phase phase = Phase.LOBBY;
    private int current = -1;
    private Instant deadline;
    private final Instant createdAt;
    private Instant finishedAt;

    /**
     * @param questions the questions in the order asked (at least one)
     * @param timeLimit time per question (1 s to 1 h)
     * @param clock     the session's time
     * @param random    draws the join code and the tokens ({@link java.security.SecureRandom} in a server)
     */
    public LiveSession(List<LiveQuestion> questions, Duration timeLimit, Clock clock, Random random) {
        if (questions.isEmpty()) throw new IllegalArgumentException("a live quiz needs at least one question");
        if (timeLimit.compareTo(Duration.ofSeconds(1)) < 0 || timeLimit.compareTo(Duration.ofHours(1)) > 0) {
            throw new IllegalArgumentException("the time per question must be between 1 s and 1 h, got " + timeLimit);
        }
        this.questions = List.copyOf(questions);
        this.timeLimit = timeLimit;
        this.clock = clock;
        this.tokens = random;
        this.code = String.format(Locale.ROOT, "%06d", random.nextInt(1_000_000));
        this.hostToken = token();
        this.createdAt = clock.instant();
    }

    private String token() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 4; i++) b.append(String.format(Locale.ROOT, "%08x", tokens.nextInt()));
        return b.toString();
    }

    /**
     * Points for an answer with {@code score} (0..1, the quiz's partial credit) given {@code left} before the
     * deadline of a question open for {@code limit}: {@code round(score * 500 * (1 + left / limit))}. A fully right
     * answer gives 500 to 1000 points (1000 at once, 500 at the last moment), a wrong one 0, a partial one its share.
     */
    public static int points(double score, Duration left, Duration limit) {
        double speed = Math.max(0, Math.min(1, (double) left.toMillis() / limit.toMillis()));
        return (int) Math.round(score * BASE_POINTS * (1 + speed));
    }

    public String code() {
        return code;
    }

    public String hostToken() {
        return hostToken;
    }

    public Duration timeLimit() {
        return timeLimit;
    }

    public List<LiveQuestion> questions() {
        return questions;
    }

    public synchronized Phase phase() {
        refresh();
        return phase;
    }

    /** The question open or last closed, from 0; -1 in the lobby. */
    public synchronized int current() {
        refresh();
        return current;
    }

    /** Time left on the open question (zero otherwise). */
    public synchronized Duration remaining() {
        refresh();
        if (phase != Phase.OPEN) return Duration.ZERO;
        return Duration.between(clock.instant(), deadline);
    }

    public synchronized Instant createdAt() {
        return createdAt;
    }

    public synchronized Optional<Instant> finishedAt() {
        return Optional.ofNullable(finishedAt);
    }

    /** When question {@code i} opened and closed (empty while not yet). */
    public synchronized Optional<Instant> openedAt(int i) {
        return i < openedAt.size() ? Optional.of(openedAt.get(i)) : Optional.empty();
    }

    public synchronized Optional<Instant> closedAt(int i) {
        return i < closedAt.size() ? Optional.of(closedAt.get(i)) : Optional.empty();
    }

    /** Closes the open question when its time is up (at the deadline exactly: closed). */
    private void refresh() {
        if (phase == Phase.OPEN && !clock.instant().isBefore(deadline)) {
            closedAt.add(deadline);
            phase = Phase.CLOSED;
        }
    }

    /**
     * Joins a player; returns the player's token.
     *
     * @throws LiveException FORBIDDEN for a wrong code, BAD_REQUEST for a bad name, team or language, CONFLICT for a
     *                       name already taken (case-insensitive), a full or finished session
     */
    public synchronized String join(String joinCode, String name, String team, String lang) {
        refresh();
        if (joinCode == null || !joinCode.strip().equals(code)) {
            throw new LiveException(LiveException.Kind.FORBIDDEN, "wrong join code");
        }
        String n = cleanName("name", name, false);
        String t = cleanName("team", team, true);
        if (lang == null || lang.isBlank()) lang = "en";
        if (!lang.equals("en") && !lang.equals("zh")) {
            throw new LiveException(LiveException.Kind.BAD_REQUEST, "lang must be en or zh, got '" + clip(lang) + "'");
        }
        if (phase == Phase.FINISHED) throw new LiveException(LiveException.Kind.CONFLICT, "the quiz is over");
        String key = n.toLowerCase(Locale.ROOT);
        if (tokenByName.containsKey(key)) {
            throw new LiveException(LiveException.Kind.CONFLICT, "the name '" + n + "' is taken; choose another");
        }
        if (byToken.size() >= MAX_PLAYERS) throw new LiveException(LiveException.Kind.CONFLICT, "the quiz is full");
        String token = token();
        byToken.put(token, new PlayerState(new Player(n, t, lang)));
        tokenByName.put(key, token);
        return token;
    }

    private static String cleanName(String what, String value, boolean optional) {
        String v = value == null ? "" : value.strip();
        if (v.isEmpty()) {
            if (optional) return "";
            throw new LiveException(LiveException.Kind.BAD_REQUEST, what + " is required");
        }
        if (v.codePointCount(0, v.length()) > MAX_NAME) {
            throw new LiveException(LiveException.Kind.BAD_REQUEST, what + " is longer than " + MAX_NAME + " characters");
        }
        if (v.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            throw new LiveException(LiveException.Kind.BAD_REQUEST, what + " holds a control character");
        }
        return v;
    }

    private static String clip(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }

    /** The player with {@code token}; FORBIDDEN when there is none. */
    public synchronized Player player(String token) {
        return state(token).player;
    }

    private PlayerState state(String token) {
        PlayerState s = token == null ? null : byToken.get(token);
        if (s == null) throw new LiveException(LiveException.Kind.FORBIDDEN, "unknown player; join first");
        return s;
    }

    /** FORBIDDEN unless {@code token} is the host's. */
    public void checkHost(String token) {
        if (token == null || !java.security.MessageDigest.isEqual(token.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                hostToken.getBytes(java.nio.charset.StandardCharsets.UTF_8))) {
            throw new LiveException(LiveException.Kind.FORBIDDEN, "wrong host token");
        }
    }

    /**
     * The host's step: opens the first question from the lobby, closes the open question early, opens the next
     * question after a closed one, or finishes after the last. Returns the new phase.
     */
    public synchronized Phase advance() {
        refresh();
        Instant now = clock.instant();
        switch (phase) {
            case LOBBY, CLOSED -> {
                if (current + 1 >= questions.size()) {
                    phase = Phase.FINISHED;
                    finishedAt = now;
                } else {
                    current++;
                    phase = Phase.OPEN;
                    openedAt.add(now);
                    deadline = now.plus(timeLimit);
                }
            }
            case OPEN -> {
                closedAt.add(now);
                phase = Phase.CLOSED;
            }
            case FINISHED -> throw new LiveException(LiveException.Kind.CONFLICT, "the quiz is over");
        }
        return phase;
    }

    /** Ends the session now (the host quits early): an open question is closed first. */
    public synchronized void finish() {
        refresh();
        if (phase == Phase.FINISHED) return;
        if (phase == Phase.OPEN) closedAt.add(clock.instant());
        phase = Phase.FINISHED;
        finishedAt = clock.instant();
    }

    /**
     * A player's answer to question {@code question} (the index the player saw, so an answer meant for a
     * question that has closed is never taken for the next one).
     *
     * @throws LiveException FORBIDDEN unknown token; CONFLICT when that question is not open (time up, closed,
     *                       not yet open) or the player answered it already; BAD_REQUEST for a missing or too long
     *                       answer; NOT_UNDERSTOOD (with {@link #lastRejection}) when the quiz's scoring cannot read it
     */
    public synchronized Receipt answer(String token, int question, String input) {
        refresh();
        PlayerState s = state(token);
        if (phase != Phase.OPEN || question != current) {
            boolean timeUp = question == current && phase == Phase.CLOSED && closedAt.get(current).equals(deadline);
            throw new LiveException(LiveException.Kind.CONFLICT, timeUp ? "time is up for question " + (question + 1)
                    : "question " + (question + 1) + " is not open");
        }
        if (s.answers.containsKey(question)) {
            throw new LiveException(LiveException.Kind.CONFLICT, "you answered question " + (question + 1) + " already");
        }
        if (input == null || input.isBlank()) throw new LiveException(LiveException.Kind.BAD_REQUEST, "answer is required");
        if (input.length() > MAX_ANSWER) {
            throw new LiveException(LiveException.Kind.BAD_REQUEST, "answer is longer than " + MAX_ANSWER + " characters");
        }
        Presented shown = questions.get(question).in(s.player.lang());
        AnswerCheck check = Scoring.check(shown, input);
        if (check instanceof AnswerCheck.Rejected r) {
            throw new NotUnderstood(r.rejection());
        }
        AnswerCheck.Scored sc = (AnswerCheck.Scored) check;
        Instant now = clock.instant();
        Duration left = Duration.between(now, deadline);
        int pts = points(sc.score(), left, timeLimit);
        s.answers.put(question, new PlayerAnswer(question, sc.given(), sc.score(), sc.correct(), pts,
                Duration.between(openedAt.get(question), now), now));
        return new Receipt(question, sc.given());
    }

    /** The refusal of an answer the quiz's scoring could not read, with the reason as data for the front end. */
    public static final class NotUnderstood extends LiveException {
        private static final long serialVersionUID = 1L;
        private final transient Rejection rejection;

        NotUnderstood(Rejection rejection) {
            super(Kind.NOT_UNDERSTOOD, "not understood: " + rejection.reason().key() + " " + rejection.args());
            this.rejection = rejection;
        }

        public Rejection rejection() {
            return rejection;
        }
    }

    /** A player's answer to question {@code i}, if any. */
    public synchronized Optional<PlayerAnswer> answerOf(String token, int i) {
        return Optional.ofNullable(state(token).answers.get(i));
    }

    /** The player's points so far. */
    public synchronized int pointsOf(String token) {
        return state(token).points();
    }

    /** Players in join order. */
    public synchronized List<Player> players() {
        return byToken.values().stream().map(p -> p.player).toList();
    }

    /** How many players answered the open or last question. */
    public synchronized int answeredCount(int i) {
        return (int) byToken.values().stream().filter(p -> p.answers.containsKey(i)).count();
    }

    /** The histogram of question {@code i}; only once it has closed (so it gives nothing away while open). */
    public synchronized Histogram histogram(int i) {
        refresh();
        if (i < 0 || i >= closedAt.size()) {
            throw new LiveException(LiveException.Kind.CONFLICT, "question " + (i + 1) + " has not closed yet");
        }
        Question q = questions.get(i).in("en").question();
        List<PlayerAnswer> given = byToken.values().stream().map(p -> p.answers.get(i)).filter(a -> a != null).toList();
        int correct = (int) given.stream().filter(PlayerAnswer::correct).count();
        List<Bar> bars = new ArrayList<>();
        if (q.type() == QuestionType.SINGLE || q.type() == QuestionType.MULTIPLE) {
            for (Choice c : q.choices()) {
                int n = (int) given.stream().filter(a -> List.of(a.given().split("[,\\s]+")).contains(c.key())).count();
                bars.add(new Bar(c.key(), n, c.correct()));
            }
        } else if (q.type() == QuestionType.TRUE_FALSE) {
            boolean truth = ((Answer.TrueFalse) q.answer()).value();
            for (String v : List.of("true", "false")) {
                int n = (int) given.stream().filter(a -> a.given().equals(v)).count();
                bars.add(new Bar(v, n, v.equals(String.valueOf(truth))));
            }
        } else {
            Map<String, int[]> counts = new LinkedHashMap<>();
            Map<String, Boolean> right = new HashMap<>();
            for (PlayerAnswer a : given) {
                String k = a.given().strip().toLowerCase(Locale.ROOT);
                counts.computeIfAbsent(k, x -> new int[1])[0]++;
                right.merge(k, a.correct(), Boolean::logicalOr);
            }
            counts.entrySet().stream()
                    .sorted(Comparator.comparing((Map.Entry<String, int[]> e) -> -e.getValue()[0]).thenComparing(Map.Entry::getKey))
                    .forEach(e -> bars.add(new Bar(e.getKey(), e.getValue()[0], right.get(e.getKey()))));
        }
        return new Histogram(i, bars, given.size(), correct, byToken.size() - given.size());
    }

    /** The individual leaderboard: points, then fully right answers, then name. */
    public synchronized List<Standing> leaderboard() {
        List<PlayerState> sorted = new ArrayList<>(byToken.values());
        sorted.sort(Comparator.comparingInt((PlayerState p) -> -p.points()).thenComparingInt(p -> -p.correct())
                .thenComparing(p -> p.player.name().toLowerCase(Locale.ROOT)));
        List<Standing> out = new ArrayList<>();
        for (int k = 0; k < sorted.size(); k++) {
            PlayerState p = sorted.get(k);
            int rank = k > 0 && sorted.get(k - 1).points() == p.points() ? out.get(k - 1).rank() : k + 1;
            out.add(new Standing(rank, p.player.name(), p.player.team(), p.points(), p.correct(), p.answers.size()));
        }
        return out;
    }

    /** The team leaderboard (players without a team are left out): mean points, then team name. */
    public synchronized List<TeamStanding> teamLeaderboard() {
        Map<String, List<PlayerState>> teams = new TreeMap<>();
        for (PlayerState p : byToken.values()) {
            if (!p.player.team().isEmpty()) teams.computeIfAbsent(p.player.team(), t -> new ArrayList<>()).add(p);
        }
        List<TeamStanding> rows = new ArrayList<>();
        for (Map.Entry<String, List<PlayerState>> e : teams.entrySet()) {
            int total = e.getValue().stream().mapToInt(PlayerState::points).sum();
            double mean = Math.round(total * 10.0 / e.getValue().size()) / 10.0;
            rows.add(new TeamStanding(0, e.getKey(), e.getValue().size(), mean, total));
        }
        rows.sort(Comparator.comparingDouble((TeamStanding t) -> -t.points()).thenComparing(TeamStanding::team));
        List<TeamStanding> out = new ArrayList<>();
        for (int k = 0; k < rows.size(); k++) {
            TeamStanding t = rows.get(k);
            int rank = k > 0 && rows.get(k - 1).points() == t.points() ? out.get(k - 1).rank() : k + 1;
            out.add(new TeamStanding(rank, t.team(), t.players(), t.points(), t.total()));
        }
        return out;
    }

    /** One player's final record: answers by question index. */
    public record PlayerResult(Player player, int points, int correct, Map<Integer, PlayerAnswer> answers) {
        public PlayerResult {
            answers = Map.copyOf(answers);
        }
    }

    /** Every player's record, in join order. */
    public synchronized List<PlayerResult> results() {
        return byToken.values().stream().map(p -> new PlayerResult(p.player, p.points(), p.correct(), new TreeMap<>(p.answers))).toList();
    }

    /**
     * The review-log records of a player's misses: every question asked (opened) that the player did not get
     * fully right, in the player's language, mode {@code live}. Unanswered: rating Again, score 0, at the
     * question's close; answered: the quiz's rating for the score (Again for wrong, Hard for partial), the order
     * shown recorded as {@code dojo quiz} does.
     */
    public synchronized List<ReviewEvent> misses(PlayerResult r) {
        List<ReviewEvent> out = new ArrayList<>();
        for (int i = 0; i < closedAt.size(); i++) {
            PlayerAnswer a = r.answers().get(i);
            if (a != null && a.correct()) continue;
            Question q = questions.get(i).in(r.player().lang()).question();
            List<String> shown = questions.get(i).shownOrder();
            if (a == null) {
                out.add(new ReviewEvent(q.id(), q.bank(), q.lang(), closedAt.get(i), dojo.review.Rating.AGAIN, false, 0,
                        Duration.between(openedAt.get(i), closedAt.get(i)).toMillis(), "live", shown));
            } else {
                out.add(new ReviewEvent(q.id(), q.bank(), q.lang(), a.at(), Ratings.fromScore(a.score()), false, a.score(),
                        a.took().toMillis(), "live", shown));
            }
        }
        return out;
    }

    /** How many questions have been asked (opened) so far. */
    public synchronized int asked() {
        return openedAt.size();
    }

    /** Keys a..n of the shown choices of question {@code i} (for the players' buttons). */
    public List<String> choiceKeys(int i) {
        int n = questions.get(i).in("en").question().choices().size();
        List<String> keys = new ArrayList<>();
        for (int k = 0; k < n; k++) keys.add(ChoiceOrder.key(k));
        return keys;
    }
}
