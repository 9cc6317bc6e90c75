package dojo.workshop.live;

import static dojo.workshop.live.LiveFixtures.T0;
import static dojo.workshop.live.LiveFixtures.expectedPoints;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dojo.quiz.AnswerCheck;
import dojo.quiz.Scoring;
import dojo.workshop.live.LiveFixtures.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Twelve simulated players on loopback play the whole quiz through the HTTP API; the host advances through the
 * API; time moves only when the test moves the injected clock (no sleeps).
 */
class LiveServerLoopbackTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PLAYERS = 12;
    private static final long LIMIT_MS = 20_000;

    private final MutableClock clock = new MutableClock(T0);
    private LiveSession session;
    private LiveServer server;
    private HttpClient http;
    private URI root;

    record Reply(int status, JsonNode body) {}

    @BeforeEach
    void start() throws Exception {
        session = new LiveSession(LiveFixtures.fourQuestions(), Duration.ofMillis(LIMIT_MS), clock, new Random(5));
        server = new LiveServer(session, new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        server.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        root = URI.create("http://127.0.0.1:" + server.port() + "/");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Reply send(String method, String path, String token, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(root.resolve(path)).timeout(Duration.ofSeconds(10));
        if (token != null) b.header("X-Token", token);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Reply(r.statusCode(), JSON.readTree(r.body()));
    }

    private Reply post(String path, ObjectNode body) throws Exception {
        return send("POST", path, null, JSON.writeValueAsString(body));
    }

    private Reply answer(String token, int q, String text) throws Exception {
        return post("/api/answer", JSON.createObjectNode().put("token", token).put("question", q).put("answer", text));
    }

    private void hostNext(String expectedPhase) throws Exception {
        Reply r = post("/api/host/next", JSON.createObjectNode().put("token", session.hostToken()));
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body().get("phase").asText()).isEqualTo(expectedPhase);
    }

    private static String name(int k) {
        return String.format("p%02d", k);
    }

    private static String team(int k) {
        return List.of("red", "blue", "green").get(k / 4);
    }

    @Test
    void twelvePlayersPlayTheWholeQuizWithRightLeaderboardsAndHistograms() throws Exception {
        // join all at once
        List<CompletableFuture<HttpResponse<String>>> joins = new ArrayList<>();
        for (int k = 0; k < PLAYERS; k++) {
            ObjectNode j = JSON.createObjectNode().put("code", session.code()).put("name", name(k)).put("team", team(k))
                    .put("lang", k % 2 == 0 ? "en" : "zh");
            joins.add(http.sendAsync(HttpRequest.newBuilder(root.resolve("/api/join")).POST(HttpRequest.BodyPublishers.ofString(j.toString())).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        for (var f : joins) {
            HttpResponse<String> r = f.get();
            assertThat(r.statusCode()).isEqualTo(200);
            JsonNode n = JSON.readTree(r.body());
            tokens.put(n.get("name").asText(), n.get("token").asText());
        }
        assertThat(tokens).hasSize(PLAYERS);
        Reply lobby = send("GET", "/api/state", tokens.get("p03"), null);
        assertThat(lobby.body().get("phase").asText()).isEqualTo("lobby");
        assertThat(lobby.body().get("players").asInt()).isEqualTo(PLAYERS);

        Map<String, Integer> expected = new HashMap<>();
        Map<String, Integer> expectedRight = new HashMap<>();
        tokens.keySet().forEach(n -> {
            expected.put(n, 0);
            expectedRight.put(n, 0);
        });

        // Q1 single, b right; player k answers k seconds in; every third says a
        hostNext("open");
        Reply open = send("GET", "/api/state", tokens.get("p01"), null);
        assertThat(open.body().at("/question/prompt").asText()).isEqualTo("zh prompt of q-single");
        assertThat(open.body().at("/question/choices/1/text").asText()).isEqualTo("zh option b");
        assertThat(open.body().get("remaining_ms").asLong()).isEqualTo(LIMIT_MS);
        for (int k = 0; k < PLAYERS; k++) {
            clock.advance(Duration.ofSeconds(1));
            String given = k % 3 == 0 ? "a" : "b";
            assertThat(answer(tokens.get(name(k)), 0, given).status()).isEqualTo(200);
            if (given.equals("b")) score(expected, expectedRight, name(k), 1, LIMIT_MS - (k + 1) * 1000L);
        }
        assertThat(answer(tokens.get("p00"), 0, "b").status()).isEqualTo(409); // twice
        hostNext("closed");
        JsonNode h0 = send("GET", "/api/state", tokens.get("p00"), null).body().at("/result/histogram");
        assertThat(bars(h0)).containsExactly("a:4:false", "b:8:true", "c:0:false", "d:0:false");
        assertThat(h0.get("no_answer").asInt()).isZero();

        // Q2 multiple, a c right: even k "a c", k%4==1 "a" (partial), k%4==3 no answer
        hostNext("open");
        for (int k = 0; k < PLAYERS; k++) {
            clock.advance(Duration.ofMillis(500));
            if (k % 4 == 3) continue;
            String given = k % 2 == 0 ? "a c" : "a";
            assertThat(answer(tokens.get(name(k)), 1, given).status()).isEqualTo(200);
            double s = ((AnswerCheck.Scored) Scoring.check(session.questions().get(1).in("en"), given)).score();
            score(expected, expectedRight, name(k), s, LIMIT_MS - (k + 1) * 500L);
        }
        hostNext("closed");
        JsonNode h1 = send("GET", "/api/state", tokens.get("p05"), null).body();
        assertThat(bars(h1.at("/result/histogram"))).containsExactly("a:9:true", "b:0:false", "c:6:true", "d:0:false");
        assertThat(h1.at("/result/histogram/correct").asInt()).isEqualTo(6);
        assertThat(h1.at("/result/histogram/no_answer").asInt()).isEqualTo(3);
        assertThat(h1.at("/result/correct").asBoolean()).isFalse();
        assertThat(h1.at("/result/points").asInt()).isEqualTo(expectedPoints(
                ((AnswerCheck.Scored) Scoring.check(session.questions().get(1).in("en"), "a")).score(), LIMIT_MS - 6 * 500L, LIMIT_MS));

        // Q3 true/false, true right: k < 6 say true at once, 6..10 say false; p11 is too late (the clock closes it)
        hostNext("open");
        for (int k = 0; k < PLAYERS - 1; k++) {
            String given = k < 6 ? "true" : "false";
            assertThat(answer(tokens.get(name(k)), 2, given).status()).isEqualTo(200);
            if (k < 6) score(expected, expectedRight, name(k), 1, LIMIT_MS);
        }
        clock.advance(Duration.ofMillis(LIMIT_MS));
        Reply late = answer(tokens.get("p11"), 2, "true");
        assertThat(late.status()).isEqualTo(409);
        assertThat(late.body().get("error").asText()).isEqualTo("time is up for question 3");
        JsonNode h2 = send("GET", "/api/state", tokens.get("p11"), null).body();
        assertThat(h2.get("phase").asText()).isEqualTo("closed");
        assertThat(bars(h2.at("/result/histogram"))).containsExactly("true:6:true", "false:5:false");
        assertThat(h2.at("/result/histogram/no_answer").asInt()).isEqualTo(1);

        // Q4 numeric 64: all answer, p05 first types something unreadable
        hostNext("open");
        Reply bad = answer(tokens.get("p05"), 3, "sixty-four");
        assertThat(bad.status()).isEqualTo(422);
        assertThat(bad.body().get("reason").asText()).isEqualTo("not-a-number");
        assertThat(bad.body().get("error_zh").asText()).contains("不是数字");
        for (int k = 0; k < PLAYERS; k++) {
            clock.advance(Duration.ofMillis(250));
            assertThat(answer(tokens.get(name(k)), 3, k == 7 ? "63" : "64").status()).isEqualTo(200);
            if (k != 7) score(expected, expectedRight, name(k), 1, LIMIT_MS - (k + 1) * 250L);
        }
        hostNext("closed");
        JsonNode host = send("GET", "/api/host/state", session.hostToken(), null).body();
        assertThat(host.get("title").asText()).isEqualTo("en title of q-num");
        assertThat(host.get("answered").asInt()).isEqualTo(PLAYERS);
        assertThat(host.get("correct_answer").asText()).isEqualTo("64");
        assertThat(bars(host.get("histogram"))).containsExactly("64:11:true", "63:1:false");
        hostNext("finished");

        JsonNode end = send("GET", "/api/state", tokens.get("p00"), null).body();
        assertThat(end.get("phase").asText()).isEqualTo("finished");
        assertThat(bars(end.at("/result/histogram"))).containsExactly("64:11:true", "63:1:false");

        // the individual board: points, then right answers, then name; equal points share a rank
        List<String> names = new ArrayList<>(tokens.keySet());
        names.sort(Comparator.comparing((String n) -> -expected.get(n)).thenComparing(n -> -expectedRight.get(n)).thenComparing(n -> n));
        List<String> board = new ArrayList<>();
        for (JsonNode r : end.get("leaderboard")) board.add(r.get("name").asText() + "=" + r.get("points").asInt());
        assertThat(board).containsExactlyElementsOf(names.stream().map(n -> n + "=" + expected.get(n)).toList());
        assertThat(end.get("leaderboard").get(0).get("rank").asInt()).isEqualTo(1);
        assertThat(end.at("/me/points").asInt()).isEqualTo(expected.get("p00"));

        // the team board: mean points of its four players
        Map<String, Double> teamMean = new HashMap<>();
        for (String t : List.of("red", "blue", "green")) {
            int sum = 0;
            for (int k = 0; k < PLAYERS; k++) if (team(k).equals(t)) sum += expected.get(name(k));
            teamMean.put(t, Math.round(sum * 10.0 / 4) / 10.0);
        }
        List<String> teams = new ArrayList<>();
        for (JsonNode r : end.get("teams")) teams.add(r.get("team").asText() + "=" + r.get("points").asDouble());
        assertThat(teams).containsExactlyElementsOf(teamMean.entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .map(e -> e.getKey() + "=" + e.getValue()).toList());
    }

    private static void score(Map<String, Integer> expected, Map<String, Integer> right, String name, double score, long leftMs) {
        expected.merge(name, expectedPoints(score, leftMs, LIMIT_MS), Integer::sum);
        if (score == 1.0) right.merge(name, 1, Integer::sum);
    }

    private static List<String> bars(JsonNode h) {
        List<String> out = new ArrayList<>();
        for (JsonNode b : h.get("bars")) out.add(b.get("label").asText() + ":" + b.get("count").asInt() + ":" + b.get("correct").asBoolean());
        return out;
    }

    @Test
    void aWrongJoinCodeIsForbidden() throws Exception {
        Reply r = post("/api/join", JSON.createObjectNode().put("code", "x").put("name", "ada"));
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body().get("error").asText()).isEqualTo("wrong join code");
    }

    @Test
    void aBodyThatIsNotJsonIsABadRequestWithOneLine() throws Exception {
        Reply r = send("POST", "/api/join", null, "{not json");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).startsWith("the body is not JSON").doesNotContain("\n");
    }

    @Test
    void aMissingOrMistypedFieldIsABadRequest() throws Exception {
        assertThat(post("/api/join", JSON.createObjectNode().put("code", session.code())).body().get("error").asText())
                .isEqualTo("name is required");
        Reply r = post("/api/answer", JSON.createObjectNode().put("token", "t").put("question", "one").put("answer", "a"));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body().get("error").asText()).isEqualTo("question must be the question's number (from 0)");
    }

    @Test
    void aBodyOverFourKilobytesIsRefused() throws Exception {
        Reply r = send("POST", "/api/join", null, "{\"name\":\"" + "x".repeat(5000) + "\"}");
        assertThat(r.status()).isEqualTo(413);
    }

    @Test
    void anUnknownPlayerTokenOrHostTokenIsForbidden() throws Exception {
        assertThat(send("GET", "/api/state", "nope", null).status()).isEqualTo(403);
        assertThat(post("/api/host/next", JSON.createObjectNode().put("token", "nope")).status()).isEqualTo(403);
        assertThat(session.phase()).isEqualTo(LiveSession.Phase.LOBBY);
    }

    @Test
    void unknownPathsAndWrongMethodsGetTheirStatus() throws Exception {
        assertThat(send("GET", "/api/nothing", null, null).status()).isEqualTo(404);
        assertThat(send("GET", "/api/join", null, null).status()).isEqualTo(405);
    }

    @Test
    void theHostPageIsServedAndItsStateNeedsTheHostToken() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root.resolve("/host")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body()).contains("/api/host/next");
        assertThat(send("GET", "/api/host/state", null, null).status()).isEqualTo(403);
        assertThat(send("GET", "/api/host/state", session.hostToken(), null).body().get("code").asText()).isEqualTo(session.code());
    }

    @Test
    void thePageIsSelfContainedAndServedWithAContentSecurityPolicy() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(root).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'"));
        assertThat(r.body()).contains("/api/state").doesNotContain("src=\"http").doesNotContain("href=\"http").doesNotContain("innerHTML");
    }
}
