package dojo.workshop.live;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dojo.questions.Choice;
import dojo.quiz.Presented;
import dojo.quiz.Rejection;
import dojo.terminal.Messages;
import dojo.terminal.UiLanguage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The live quiz over HTTP, on the JDK's {@code com.sun.net.httpserver}. One page ({@code GET /}, the phone page,
 * inline CSS and JS, no external assets) and a JSON API the page and {@code dojo workshop join} share:
 *
 * <pre>
 * GET  /host            the host's page (the host token in the link's #token=, never sent in a URL)
 * POST /api/join        {"code","name","team","lang"}        → {"token","name","team","lang"}
 * GET  /api/state       header X-Token (or ?token=)           → the session as this player sees it
 * POST /api/answer      {"token","question","answer"}          → {"question","given"}
 * GET  /api/host/state  header X-Token: the host token         → the host's view
 * POST /api/host/next   {"token"}: the host token              → {"phase","question"}
 * </pre>
 *
 * Errors: a status (400 malformed, 403 wrong code or token, 404, 405, 409 not now or twice, 413 body over 4 KB,
 * 422 answer not understood) and one line of JSON {@code {"error": "..."}}. The server keeps no state of its
 * own: everything is the {@link LiveSession}'s.
 */
public final class LiveServer implements AutoCloseable {

    /** Largest request body read. */
    public static final int MAX_BODY = 4096;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LiveSession session;
    private final HttpServer server;
    private final ExecutorService pool;
    private final String page;
    private final String hostPage;

    public LiveServer(LiveSession session, InetSocketAddress bind) throws IOException {
        this.session = session;
        this.page = resource("player.html");
        this.hostPage = resource("host.html");
        this.server = HttpServer.create(bind, 64);
        this.pool = Executors.newFixedThreadPool(8, r -> {
            Thread t = new Thread(r, "live-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(pool);
        server.createContext("/", this::handle);
    }

    private static String resource(String name) {
        try (InputStream in = LiveServer.class.getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("missing resource " + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public void start() {
        server.start();
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        pool.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            try {
                route(ex);
            } catch (LiveException e) {
                error(ex, e.kind().status(), e.getMessage(), e);
            } catch (HttpError e) {
                error(ex, e.status, e.getMessage(), null);
            } catch (RuntimeException e) {
                error(ex, 500, "internal error: " + e.getClass().getSimpleName(), null);
            }
        }
    }

    private static final class HttpError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void route(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        String method = ex.getRequestMethod();
        switch (path) {
            case "/", "/index.html" -> {
                requireMethod(method, "GET");
                send(ex, 200, "text/html; charset=utf-8", page);
            }
            case "/host" -> {
                requireMethod(method, "GET");
                send(ex, 200, "text/html; charset=utf-8", hostPage);
            }
            case "/api/join" -> {
                requireMethod(method, "POST");
                JsonNode b = body(ex);
                String token = session.join(text(b, "code", true), text(b, "name", true), text(b, "team", false), text(b, "lang", false));
                LiveSession.Player p = session.player(token);
                ObjectNode o = JSON.createObjectNode();
                o.put("token", token).put("name", p.name()).put("team", p.team()).put("lang", p.lang());
                json(ex, 200, o);
            }
            case "/api/state" -> {
                requireMethod(method, "GET");
                json(ex, 200, playerState(token(ex)));
            }
            case "/api/answer" -> {
                requireMethod(method, "POST");
                JsonNode b = body(ex);
                JsonNode q = b.get("question");
                if (q == null || !q.canConvertToInt() || !q.isIntegralNumber()) {
                    throw new HttpError(400, "question must be the question's number (from 0)");
                }
                LiveSession.Receipt r = session.answer(text(b, "token", true), q.asInt(), text(b, "answer", true));
                ObjectNode o = JSON.createObjectNode();
                o.put("question", r.question()).put("given", r.given());
                json(ex, 200, o);
            }
            case "/api/host/state" -> {
                requireMethod(method, "GET");
                session.checkHost(token(ex));
                json(ex, 200, hostState());
            }
            case "/api/host/next" -> {
                requireMethod(method, "POST");
                JsonNode b = body(ex);
                session.checkHost(text(b, "token", true));
                LiveSession.Phase ph = session.advance();
                ObjectNode o = JSON.createObjectNode();
                o.put("phase", ph.name().toLowerCase(java.util.Locale.ROOT)).put("question", session.current());
                json(ex, 200, o);
            }
            default -> throw new HttpError(404, "no such page: " + (path.length() > 60 ? path.substring(0, 60) + "..." : path));
        }
    }

    private static void requireMethod(String method, String allowed) {
        if (!method.equals(allowed)) throw new HttpError(405, "use " + allowed);
    }

    private static String token(HttpExchange ex) {
        String h = ex.getRequestHeaders().getFirst("X-Token");
        if (h != null) return h;
        return query(ex.getRequestURI()).get("token");
    }

    private static Map<String, String> query(URI uri) {
        Map<String, String> m = new HashMap<>();
        String q = uri.getRawQuery();
        if (q == null) return m;
        for (String part : q.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                try {
                    m.put(URLDecoder.decode(part.substring(0, eq), StandardCharsets.UTF_8),
                            URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw new HttpError(400, "malformed query string");
                }
            }
        }
        return m;
    }

    private static JsonNode body(HttpExchange ex) throws IOException {
        byte[] data = ex.getRequestBody().readNBytes(MAX_BODY + 1);
        if (data.length > MAX_BODY) throw new HttpError(413, "request body over " + MAX_BODY + " bytes");
        try {
            JsonNode n = JSON.readTree(data);
            if (n == null || !n.isObject()) throw new HttpError(400, "the body must be a JSON object");
            return n;
        } catch (JsonProcessingException e) {
            throw new HttpError(400, "the body is not JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""));
        }
    }

    private static String text(JsonNode body, String field, boolean required) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            if (required) throw new HttpError(400, field + " is required");
            return null;
        }
        if (!v.isTextual()) throw new HttpError(400, field + " must be a string");
        return v.asText();
    }

    private static void error(HttpExchange ex, int status, String message, LiveException cause) throws IOException {
        ObjectNode o = JSON.createObjectNode();
        o.put("error", message.replaceAll("[\\r\\n]+", " "));
        if (cause instanceof LiveSession.NotUnderstood nu) {
            Rejection r = nu.rejection();
            o.put("reason", r.reason().key());
            ArrayNode args = o.putArray("args");
            r.args().forEach(args::add);
            o.put("error_en", Messages.of(UiLanguage.EN).notUnderstood(r));
            o.put("error_zh", Messages.of(UiLanguage.ZH).notUnderstood(r));
        }
        json(ex, status, o);
    }

    private static void json(HttpExchange ex, int status, JsonNode body) throws IOException {
        send(ex, status, "application/json; charset=utf-8", JSON.writeValueAsString(body) + "\n");
    }

    private static void send(HttpExchange ex, int status, String type, String text) throws IOException {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (type.startsWith("text/html")) {
            ex.getResponseHeaders().set("Content-Security-Policy",
                    "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; connect-src 'self'");
        }
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** The session as the player with {@code token} sees it. */
    ObjectNode playerState(String token) {
        LiveSession s = session;
        synchronized (s) {
            LiveSession.Player me = s.player(token);
            LiveSession.Phase phase = s.phase();
            int i = s.current();
            ObjectNode o = JSON.createObjectNode();
            o.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
            o.put("count", s.questions().size());
            o.put("players", s.players().size());
            ObjectNode meNode = o.putObject("me");
            meNode.put("name", me.name()).put("team", me.team()).put("lang", me.lang()).put("points", s.pointsOf(token));
            s.leaderboard().stream().filter(st -> st.name().equals(me.name())).findFirst().ifPresent(st -> meNode.put("rank", st.rank()));
            if (i >= 0 && phase != LiveSession.Phase.LOBBY && (phase != LiveSession.Phase.FINISHED || i < s.asked())) {
                Presented p = s.questions().get(i).in(me.lang());
                ObjectNode q = o.putObject("question");
                q.put("index", i);
                q.put("id", p.question().id());
                q.put("type", p.question().type().key());
                q.put("title", p.question().title());
                q.put("prompt", p.question().prompt());
                ArrayNode choices = q.putArray("choices");
                for (Choice c : p.question().choices()) choices.addObject().put("key", c.key()).put("text", c.markdown());
                ArrayNode items = q.putArray("items");
                p.shownItems().forEach(items::add);
                if (p.question().answer() instanceof dojo.questions.Answer.Numeric n && n.unit() != null) q.put("unit", n.unit());
                o.put("remaining_ms", s.remaining().toMillis());
                o.put("time_limit_ms", s.timeLimit().toMillis());
                Optional<LiveSession.PlayerAnswer> mine = s.answerOf(token, i);
                if (mine.isPresent()) o.put("answered", mine.get().given());
                else o.putNull("answered");
                if (phase != LiveSession.Phase.OPEN) {
                    ObjectNode result = o.putObject("result");
                    result.put("correct_answer", LiveQuestions.correctAnswer(p));
                    result.put("explanation", p.question().explanation());
                    mine.ifPresent(a -> result.put("correct", a.correct()).put("score", a.score()).put("points", a.points()));
                    result.set("histogram", histogram(s.histogram(i)));
                }
            } else {
                o.put("answered_count", 0);
            }
            if (phase == LiveSession.Phase.CLOSED || phase == LiveSession.Phase.FINISHED) {
                o.set("leaderboard", leaderboard(s.leaderboard(), phase == LiveSession.Phase.FINISHED ? Integer.MAX_VALUE : 10));
                o.set("teams", teams(s.teamLeaderboard()));
            }
            return o;
        }
    }

    ObjectNode hostState() {
        LiveSession s = session;
        synchronized (s) {
            ObjectNode o = JSON.createObjectNode();
            LiveSession.Phase phase = s.phase();
            int i = s.current();
            o.put("phase", phase.name().toLowerCase(java.util.Locale.ROOT));
            o.put("question", i);
            o.put("count", s.questions().size());
            o.put("players", s.players().size());
            o.put("code", s.code());
            if (i >= 0) {
                o.put("answered", s.answeredCount(i));
                o.put("remaining_ms", s.remaining().toMillis());
                Presented p = s.questions().get(i).in("en");
                o.put("title", p.question().title());
                if (phase != LiveSession.Phase.OPEN && s.closedAt(i).isPresent()) {
                    o.set("histogram", histogram(s.histogram(i)));
                    o.put("correct_answer", LiveQuestions.correctAnswer(p));
                }
            }
            o.set("leaderboard", leaderboard(s.leaderboard(), Integer.MAX_VALUE));
            o.set("teams", teams(s.teamLeaderboard()));
            return o;
        }
    }

    static ObjectNode histogram(LiveSession.Histogram h) {
        ObjectNode o = JSON.createObjectNode();
        o.put("answered", h.answered()).put("correct", h.correct()).put("no_answer", h.noAnswer());
        ArrayNode bars = o.putArray("bars");
        for (LiveSession.Bar b : h.bars()) bars.addObject().put("label", b.label()).put("count", b.count()).put("correct", b.correct());
        return o;
    }

    static ArrayNode leaderboard(List<LiveSession.Standing> rows, int top) {
        ArrayNode a = JSON.createArrayNode();
        rows.stream().limit(top).forEach(r -> a.addObject().put("rank", r.rank()).put("name", r.name()).put("team", r.team())
                .put("points", r.points()).put("correct", r.correct()).put("answered", r.answered()));
        return a;
    }

    static ArrayNode teams(List<LiveSession.TeamStanding> rows) {
        ArrayNode a = JSON.createArrayNode();
        rows.forEach(r -> a.addObject().put("rank", r.rank()).put("team", r.team()).put("players", r.players())
                .put("points", r.points()).put("total", r.total()));
        return a;
    }
}
