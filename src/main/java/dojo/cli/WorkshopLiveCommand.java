package dojo.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.DojoException;
import dojo.questions.Question;
import dojo.questions.QuestionLibrary;
import dojo.quiz.QuizFilter;
import dojo.workshop.Learner;
import dojo.workshop.WorkshopLayout;
import dojo.workshop.live.LiveOutputs;
import dojo.workshop.live.LiveQuestion;
import dojo.workshop.live.LiveQuestions;
import dojo.workshop.live.LiveServer;
import dojo.workshop.live.LiveSession;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code dojo workshop live} (host) and {@code dojo workshop join} (a terminal player). */
final class WorkshopLiveCommand {
    private WorkshopLiveCommand() {}

    @Command(name = "live", mixinStandardHelpOptions = true,
            description = {"Host a live group quiz on the LAN.",
                "Players join with a code, from a phone browser or with './dojo workshop join'. Enter opens the next question (or closes the "
                        + "open one early); 'q' Enter ends. At the end: live/<time>-<code>.json in the workshop folder (the "
                        + "gradebook's live_points column) and each player's misses as review-log lines (see --review-dirs). "
                        + "See docs/workshop.md."},
            footer = {"", "Example:", "  ./dojo workshop -C ~/group live --port 8080 --bank attention-basics --count 8 --time 30s"})
    static final class Live implements Callable<Integer> {
        @ParentCommand
        WorkshopCommand parent;

        @Option(names = "--port", defaultValue = "8080", description = "Port (0: any free port; default: ${DEFAULT-VALUE}).")
        int port;

        @Option(names = "--bind", paramLabel = "ADDR", defaultValue = "0.0.0.0", description = "Address to listen on (default: ${DEFAULT-VALUE}, the whole LAN).")
        String bind;

        @Option(names = "--bank", paramLabel = "ID", split = ",", description = "Only these banks (repeatable).")
        List<String> banks = new ArrayList<>();

        @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "Only questions with any of these tags (repeatable).")
        List<String> tags = new ArrayList<>();

        @Option(names = "--difficulty", paramLabel = "1..3", split = ",", description = "Only these difficulties.")
        List<Integer> difficulties = new ArrayList<>();

        @Option(names = "--count", paramLabel = "N", defaultValue = "10", description = "Number of questions (default: ${DEFAULT-VALUE}).")
        int count;

        @Option(names = "--seed", paramLabel = "N", description = "Selection and shuffle seed (default: from the clock).")
        Long seed;

        @Option(names = "--time", paramLabel = "DUR", converter = DurationConverter.class, defaultValue = "30s",
                description = "Time per question, e.g. 20s, 1m (default: ${DEFAULT-VALUE}).")
        Duration time;

        @Option(names = "--title", description = "Title in the results file (default: the workshop's name).")
        String title;

        @Option(names = "--review-dirs", paramLabel = "PATTERN",
                description = {"Roster learners' data directories, {id} standing for the learner id",
                    "(e.g. /home/{id}/.local/share/attention-dojo): their misses are appended to their own review log.",
                    "Without it (and for players not on the roster) misses go to live/<time>-<code>/reviews/<name>.jsonl."})
        String reviewDirs;

        @Mixin
        QuestionsOption questions;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (count < 1) throw DojoException.badInput("--count must be at least 1, got " + count);
            if (port < 0 || port > 65535) throw DojoException.badInput("--port must be 0..65535, got " + port);
            if (time.compareTo(Duration.ofSeconds(1)) < 0 || time.compareTo(Duration.ofHours(1)) > 0) {
                throw DojoException.badInput("--time must be between 1s and 1h, got " + time.toSeconds() + "s");
            }
            if (reviewDirs != null && !reviewDirs.contains("{id}")) {
                throw DojoException.badInput("--review-dirs must contain {id} (e.g. /home/{id}/.local/share/attention-dojo)");
            }
            WorkshopLayout layout = parent.layout();
            List<Learner> roster = List.of();
            String name = layout.dir().getFileName() == null ? "live quiz" : layout.dir().getFileName().toString();
            if (Files.exists(layout.config())) {
                var config = parent.config();
                roster = config.roster();
                name = config.name();
            }
            QuestionLibrary lib = questions.load(spec.commandLine().getErr());
            List<Question> en = lib.questions("en");
            QuizFilter filter;
            try {
                filter = new QuizFilter("en", Set.copyOf(banks), Set.copyOf(tags), Set.copyOf(difficulties), count);
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput(e.getMessage());
            }
            filter.unknownValues(en).ifPresent(u -> {
                throw QuizSessions.unknown(u);
            });
            Clock clock = Clock.systemUTC();
            long s = seed != null ? seed : clock.millis();
            List<LiveQuestion> chosen = LiveQuestions.select(en, lib.questions("zh"), filter, s, clock);
            if (chosen.isEmpty()) throw DojoException.badInput("no questions match these filters (open questions are left out of a live quiz)");
            LiveSession session = new LiveSession(chosen, time, clock, new SecureRandom());
            InetSocketAddress addr;
            try {
                addr = new InetSocketAddress(InetAddress.getByName(bind), port);
            } catch (IOException e) {
                throw DojoException.badInput("--bind: unknown address '" + bind + "'");
            }
            LiveServer server;
            try {
                server = new LiveServer(session, addr);
            } catch (IOException e) {
                throw DojoException.badInput("cannot listen on " + bind + ":" + port + ": " + e.getMessage());
            }
            server.start();
            try {
                String host = "0.0.0.0".equals(bind) ? lanAddress() : bind;
                String url = "http://" + host + ":" + server.port() + "/";
                out.println("live quiz: " + chosen.size() + " questions, " + time.toSeconds() + " s each (seed " + s + ")");
                out.println("players open   " + url + "?code=" + session.code());
                out.println("join code      " + session.code());
                out.println("terminal       ./dojo workshop join " + url + " --code " + session.code() + " --name NAME [--team T] [--lang zh]");
                out.println("host page      " + url + "host#token=" + session.hostToken() + "   (or POST " + url
                        + "api/host/next {\"token\": \"...\"})");
                out.println("Enter: start / next question / close the open one early; q Enter: end the quiz");
                out.flush();
                runHost(session, out);
                Path results = LiveOutputs.writeResults(layout.dir(), session, title != null ? title : name, roster);
                List<LiveOutputs.ReviewOutcome> reviews = LiveOutputs.writeReviews(layout.dir(), session, roster, reviewDirs);
                synchronized (out) {
                    out.println();
                    out.println("final leaderboard");
                    for (LiveSession.Standing st : session.leaderboard()) out.println(HostView.standing(st));
                    if (!session.teamLeaderboard().isEmpty()) {
                        out.println("teams (mean points)");
                        for (LiveSession.TeamStanding t : session.teamLeaderboard()) out.println(HostView.team(t));
                    }
                    out.println("wrote " + results + " (./dojo workshop gradebook adds it as live_points)");
                    for (LiveOutputs.ReviewOutcome r : reviews) {
                        out.println("  " + r.player() + ": " + r.misses() + (r.misses() == 1 ? " miss " : " misses ")
                                + (r.appendedToLog() ? "appended to " : "written to ") + r.file());
                    }
                    out.println("players can still see the final board; Enter stops the server");
                    out.flush();
                }
                waitLine();
            } finally {
                server.close();
            }
            return 0;
        }

        private final BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

        private String waitLine() {
            try {
                return in.readLine();
            } catch (IOException e) {
                return null;
            }
        }

        private void runHost(LiveSession session, PrintWriter out) {
            HostView view = new HostView(session, out);
            Thread watcher = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    view.update();
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "live-host-view");
            watcher.setDaemon(true);
            watcher.start();
            try {
                while (session.phase() != LiveSession.Phase.FINISHED) {
                    String line = waitLine();
                    if (line == null || line.strip().equalsIgnoreCase("q")) {
                        session.finish();
                        break;
                    }
                    if (session.phase() == LiveSession.Phase.FINISHED) break;
                    session.advance();
                    view.update();
                }
            } finally {
                watcher.interrupt();
                view.update();
            }
        }

        /** The first up, non-loopback IPv4 address (what phones on the LAN can reach), else localhost. */
        static String lanAddress() {
            try {
                for (NetworkInterface ni : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                    if (!ni.isUp() || ni.isLoopback()) continue;
                    for (InetAddress a : Collections.list(ni.getInetAddresses())) {
                        if (a instanceof Inet4Address && !a.isLoopbackAddress() && !a.isLinkLocalAddress()) return a.getHostAddress();
                    }
                }
            } catch (IOException e) {
                // fall through
            }
            return "localhost";
        }
    }

    /** The host's terminal: prints joins, each question as it opens, and the histogram and leaderboard as it closes. */
    static final class HostView {
        private final LiveSession session;
        private final PrintWriter out;
        private int playersShown;
        private String shown = "";

        HostView(LiveSession session, PrintWriter out) {
            this.session = session;
            this.out = out;
        }

        synchronized void update() {
            synchronized (session) {
                List<LiveSession.Player> players = session.players();
                for (int k = playersShown; k < players.size(); k++) {
                    LiveSession.Player p = players.get(k);
                    out.println("+ " + p.name() + (p.team().isEmpty() ? "" : " (" + p.team() + ")") + " [" + p.lang() + "]  "
                            + players.size() + " players");
                }
                playersShown = players.size();
                LiveSession.Phase ph = session.phase();
                int i = session.current();
                String key = ph + ":" + i;
                if (!key.equals(shown)) {
                    shown = key;
                    if (ph == LiveSession.Phase.OPEN) {
                        var q = session.questions().get(i).in("en").question();
                        out.println();
                        out.println("Q" + (i + 1) + "/" + session.questions().size() + " [" + q.type().key() + "] " + q.title()
                                + "  (" + session.timeLimit().toSeconds() + " s; Enter closes it early)");
                        for (var c : q.choices()) out.println("   " + c.key() + ") " + c.markdown().lines().findFirst().orElse(""));
                    } else if (ph == LiveSession.Phase.CLOSED || (ph == LiveSession.Phase.FINISHED && i >= 0 && session.closedAt(i).isPresent()
                            && !shownClosed.contains(i))) {
                        printClosed(i);
                        if (ph == LiveSession.Phase.CLOSED) {
                            out.println(i + 1 < session.questions().size() ? "Enter: next question" : "Enter: end the quiz");
                        }
                    }
                }
                out.flush();
            }
        }

        private final Set<Integer> shownClosed = new HashSet<>();

        private void printClosed(int i) {
            if (!shownClosed.add(i)) return;
            LiveSession.Histogram h = session.histogram(i);
            out.println("closed Q" + (i + 1) + ": " + h.answered() + " answered, " + h.correct() + " right, " + h.noAnswer()
                    + " no answer; answer: " + LiveQuestions.correctAnswer(session.questions().get(i).in("en")));
            int max = Math.max(1, h.bars().stream().mapToInt(LiveSession.Bar::count).max().orElse(1));
            for (LiveSession.Bar b : h.bars()) {
                String label = b.label().length() > 12 ? b.label().substring(0, 12) : b.label();
                out.printf(Locale.ROOT, "  %s %-12s %-20s %d%n", b.correct() ? "✓" : " ", label, "#".repeat(b.count() * 20 / max), b.count());
            }
            List<LiveSession.Standing> board = session.leaderboard();
            for (LiveSession.Standing st : board.subList(0, Math.min(5, board.size()))) out.println(standing(st));
        }

        static String standing(LiveSession.Standing st) {
            return String.format(Locale.ROOT, "  %3d. %-24s %-12s %6d  (%d right)", st.rank(), st.name(), st.team(), st.points(), st.correct());
        }

        static String team(LiveSession.TeamStanding t) {
            return String.format(Locale.ROOT, "  %3d. %-24s %2d players %8.1f", t.rank(), t.team(), t.players(), t.points());
        }
    }

    @Command(name = "join", mixinStandardHelpOptions = true,
            description = {"Play a live quiz from the terminal: the same JSON API as the phone page.",
                "Type the answer as in ./dojo quiz (a, a c, true, 42, 3 1 2) and Enter."},
            footer = {"", "Example:", "  ./dojo workshop join http://192.168.1.20:8080/ --code 123456 --name ada --team red --lang zh"})
    static final class Join implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "URL", description = "The quiz's address as the host printed it (may hold ?code=).")
        String url;

        @Option(names = "--code", description = "Join code (default: the URL's ?code=).")
        String code;

        @Option(names = "--name", required = true, description = "Your name (your roster id, so your points reach the gradebook).")
        String name;

        @Option(names = "--team", description = "Your team.")
        String team;

        @Option(names = "--lang", defaultValue = "en", description = "en or zh (default: ${DEFAULT-VALUE}).")
        String lang;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        private static final ObjectMapper JSON = new ObjectMapper();

        @Override
        public Integer call() throws Exception {
            URI base;
            try {
                base = URI.create(url);
            } catch (IllegalArgumentException e) {
                throw DojoException.badInput("not a URL: " + url);
            }
            if (base.getScheme() == null || !base.getScheme().startsWith("http") || base.getHost() == null) {
                throw DojoException.badInput("not an http URL: " + url);
            }
            if (code == null && base.getQuery() != null) {
                for (String part : base.getQuery().split("&")) if (part.startsWith("code=")) code = part.substring(5);
            }
            if (code == null) throw DojoException.badInput("no join code: use --code or a URL with ?code=");
            if (!lang.equals("en") && !lang.equals("zh")) throw DojoException.badInput("--lang must be en or zh, got '" + lang + "'");
            URI root = base.resolve("/");
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
            JoinClient client = new JoinClient(http, root, spec.commandLine().getOut(), lang);
            return client.run(code, name, team, new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
        }
    }

    /** The terminal player: polls the state, prints what changed, sends typed answers. */
    static final class JoinClient {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final HttpClient http;
        private final URI root;
        private final PrintWriter out;
        private final boolean zh;
        private String token;

        JoinClient(HttpClient http, URI root, PrintWriter out, String lang) {
            this.http = http;
            this.root = root;
            this.out = out;
            this.zh = lang.equals("zh");
        }

        private String t(String en, String zhText) {
            return zh ? zhText : en;
        }

        record Reply(int status, JsonNode body) {
            String error(boolean zh) {
                JsonNode localized = body.get(zh ? "error_zh" : "error_en");
                return localized != null ? localized.asText() : body.path("error").asText("HTTP " + status);
            }
        }

        private Reply call(String method, String path, ObjectNode body) throws IOException, InterruptedException {
            HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10));
            if (token != null) b.header("X-Token", token);
            if (body != null) {
                b.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
            } else {
                b.method(method, HttpRequest.BodyPublishers.noBody());
            }
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode n;
            try {
                n = JSON.readTree(r.body());
            } catch (IOException e) {
                n = JSON.createObjectNode().put("error", "not a live quiz server (HTTP " + r.statusCode() + ")");
            }
            return new Reply(r.statusCode(), n == null ? JSON.createObjectNode() : n);
        }

        int run(String code, String name, String team, BufferedReader in) throws InterruptedException {
            BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            Thread reader = new Thread(() -> {
                try {
                    for (String l; (l = in.readLine()) != null; ) lines.add(l);
                } catch (IOException e) {
                    // stdin closed
                }
            }, "join-stdin");
            reader.setDaemon(true);
            try {
                ObjectNode j = JSON.createObjectNode().put("code", code).put("name", name).put("lang", zh ? "zh" : "en");
                if (team != null) j.put("team", team);
                Reply r = call("POST", "/api/join", j);
                if (r.status() != 200) throw DojoException.badInput(t("cannot join: ", "无法加入：") + r.error(zh));
                token = r.body().get("token").asText();
                out.println(t("joined as ", "已加入：") + r.body().get("name").asText() + t("; waiting for the host", "；等待主持人开始"));
                out.flush();
            } catch (IOException e) {
                throw DojoException.badInput("cannot reach " + root + ": " + e.getMessage());
            }
            reader.start();
            String shown = "";
            int failures = 0;
            while (true) {
                Reply s;
                try {
                    s = call("GET", "/api/state", null);
                    failures = 0;
                } catch (IOException e) {
                    if (++failures >= 10) {
                        out.println(t("lost the connection to ", "与服务器的连接中断：") + root);
                        out.flush();
                        return 1;
                    }
                    Thread.sleep(1000);
                    continue;
                }
                if (s.status() != 200) {
                    out.println(s.error(zh));
                    out.flush();
                    return 1;
                }
                JsonNode st = s.body();
                String phase = st.path("phase").asText();
                JsonNode q = st.get("question");
                String key = phase + ":" + (q == null ? -1 : q.path("index").asInt()) + ":" + st.path("answered").isNull();
                if (!key.equals(shown)) {
                    shown = key;
                    print(st);
                }
                if (phase.equals("finished")) return 0;
                if (phase.equals("open") && st.path("answered").isNull()) {
                    String line = lines.poll(300, TimeUnit.MILLISECONDS);
                    if (line != null && !line.isBlank()) {
                        ObjectNode a = JSON.createObjectNode().put("token", token).put("question", q.path("index").asInt()).put("answer", line);
                        try {
                            Reply ar = call("POST", "/api/answer", a);
                            if (ar.status() != 200) {
                                out.println(ar.error(zh));
                                out.print("> ");
                                out.flush();
                            }
                        } catch (IOException e) {
                            out.println(t("could not send: ", "发送失败：") + e.getMessage());
                            out.flush();
                        }
                    }
                } else {
                    lines.clear();
                    Thread.sleep(500);
                }
            }
        }

        private void print(JsonNode st) {
            String phase = st.path("phase").asText();
            JsonNode q = st.get("question");
            if (phase.equals("open") && q != null) {
                if (!st.path("answered").isNull()) {
                    out.println(t("sent: ", "已提交：") + st.path("answered").asText() + t("; waiting for the others", "；等待其他人"));
                } else {
                    out.println();
                    out.println(t("Question ", "第 ") + (q.path("index").asInt() + 1) + t(" of ", " 题，共 ") + st.path("count").asInt()
                            + t("", " 题") + "  (" + (st.path("remaining_ms").asLong() / 1000) + " s)");
                    out.println(q.path("title").asText());
                    out.println(q.path("prompt").asText().strip());
                    for (JsonNode c : q.path("choices")) out.println("  " + c.path("key").asText() + ") " + c.path("text").asText());
                    int n = 1;
                    for (JsonNode it : q.path("items")) out.println("  " + (n++) + ". " + it.asText());
                    out.print("> ");
                }
            } else if ((phase.equals("closed") || phase.equals("finished")) && q != null && st.has("result")) {
                JsonNode r = st.get("result");
                out.println();
                String verdict = !r.has("correct") ? t("no answer", "未作答") : r.path("correct").asBoolean() ? t("right", "答对了")
                        : r.path("score").asDouble() > 0 ? t("partly right", "部分正确") : t("wrong", "答错了");
                out.println(verdict + (r.has("points") ? "  +" + r.path("points").asInt() : "") + "   " + t("answer: ", "答案：")
                        + r.path("correct_answer").asText());
                JsonNode h = r.path("histogram");
                int max = 1;
                for (JsonNode b : h.path("bars")) max = Math.max(max, b.path("count").asInt());
                for (JsonNode b : h.path("bars")) {
                    out.printf(Locale.ROOT, "  %s %-10s %-20s %d%n", b.path("correct").asBoolean() ? "✓" : " ", b.path("label").asText(),
                            "#".repeat(b.path("count").asInt() * 20 / max), b.path("count").asInt());
                }
                board(st, phase.equals("finished") ? 100 : 5);
            } else if (phase.equals("finished")) {
                board(st, 100);
            }
            if (phase.equals("finished")) out.println(t("The quiz is over.", "测验结束。"));
            out.flush();
        }

        private void board(JsonNode st, int top) {
            int k = 0;
            for (JsonNode r : st.path("leaderboard")) {
                if (k++ >= top) break;
                out.printf(Locale.ROOT, "  %3d. %-24s %-10s %6d%n", r.path("rank").asInt(), r.path("name").asText(), r.path("team").asText(),
                        r.path("points").asInt());
            }
            if (st.path("teams").size() > 0) {
                out.println(t("teams", "队伍"));
                for (JsonNode r : st.path("teams")) {
                    out.printf(Locale.ROOT, "  %3d. %-24s %8.1f%n", r.path("rank").asInt(), r.path("team").asText(), r.path("points").asDouble());
                }
            }
        }
    }
}
