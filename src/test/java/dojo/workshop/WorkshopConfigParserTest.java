package dojo.workshop;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dojo.grading.ExerciseIndex;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

class WorkshopConfigParserTest {
    private static final ExerciseIndex INDEX = ExerciseIndex.load(
            Path.of(System.getProperty("dojo.project.dir", ".")).toAbsolutePath().normalize());

    private static final String GOOD = """
            name: Spring group
            assignment: a1
            due: "2027-03-01 23:59"
            timezone: Europe/Berlin
            late:
              policy: percent-per-day
              percent-per-day: 10
              cap: 30
            limits:
              wall: 90s
              memory: 512m
            tests:
              hidden: hidden-until-due
            exercises:
              - id: ex01_softmax
                points: 12
              - ex02_attention
            roster:
              - id: ada
                first: Ada
                last: Lovelace
                team: red
                language: zh
              - id: alan
            """;

    private static WorkshopConfig parse(String text) {
        return WorkshopConfigParser.parse("workshop.yaml", text, INDEX);
    }

    private static List<String> problems(String text) {
        try {
            parse(text);
        } catch (WorkshopException e) {
            return e.problems();
        }
        throw new AssertionError("expected problems in:\n" + text);
    }

    @Test
    @DisplayName("a complete workshop.yaml gives roster, teams, points, due instant, late policy and limits")
    void readsEverything() {
        WorkshopConfig c = parse(GOOD);
        assertThat(c.roster()).extracting(Learner::id).containsExactly("ada", "alan");
        assertThat(c.roster().get(0).language()).isEqualTo("zh");
        assertThat(c.roster().get(1).language()).isEqualTo("en");
        assertThat(c.teams()).containsExactly("red");
        assertThat(c.exercises()).containsExactly(new WorkshopExercise("ex01_softmax", 12),
                new WorkshopExercise("ex02_attention", INDEX.require("ex02_attention").points()));
        assertThat(c.dueInstant()).isEqualTo(LocalDateTime.of(2027, 3, 1, 23, 59).atZone(ZoneId.of("Europe/Berlin")).toInstant());
        assertThat(c.late()).isEqualTo(new LatePolicy(LatePolicy.Kind.PERCENT_PER_DAY, 10, 30));
        assertThat(c.limits().wall().toSeconds()).isEqualTo(90);
        assertThat(c.limits().memoryBytes()).isEqualTo(512L << 20);
        assertThat(c.limits().cpu()).isEqualTo(Limits.defaults().cpu());
        assertThat(c.hiddenTests()).isEqualTo(Visibility.HIDDEN_UNTIL_DUE);
    }

    @Test
    @DisplayName("every problem is reported with its line and column, all at once")
    void problemsHaveTheirPlace() {
        String bad = GOOD.replace("Europe/Berlin", "Mars/Olympus").replace("ex02_attention", "ex99_nope")
                .replace("language: zh", "language: fr").replace("memory: 512m", "memory: lots").replace("  - id: alan", "  - id: ada");
        assertThat(problems(bad)).containsExactly(
                "workshop.yaml:4:11: unknown time zone 'Mars/Olympus' (use an IANA name such as Europe/Berlin or Asia/Shanghai)",
                "workshop.yaml:11:11: memory: not a size: 'lots' (use e.g. 512k, 256m, 1g)",
                "workshop.yaml:17:5: unknown exercise 'ex99_nope' (exercises: " + String.join(", ", INDEX.ids()) + ")",
                "workshop.yaml:23:15: language 'fr' is not en or zh",
                "workshop.yaml:24:9: duplicate learner id 'ada' (first on line 19)");
    }

    @Test
    @DisplayName("an unknown key is named with the keys that are known")
    void unknownKey() {
        assertThat(problems(GOOD.replace("  hidden: hidden-until-due", "  hiden: hidden-until-due")))
                .containsExactly("workshop.yaml:13:3: unknown key 'hiden' (known keys: hidden)");
    }

    @Test
    @DisplayName("a due date that is not a date names the expected form")
    void badDue() {
        assertThat(problems(GOOD.replace("2027-03-01 23:59", "next friday")))
                .containsExactly("workshop.yaml:3:6: due 'next friday' is not a date and time like 2027-03-01 23:59 (local time of 'timezone')");
    }

    @Test
    @DisplayName("a late policy other than none, zero and percent-per-day is refused")
    void badLatePolicy() {
        assertThat(problems(GOOD.replace("policy: percent-per-day", "policy: sometimes").replace("  percent-per-day: 10\n", "")
                .replace("  cap: 30\n", ""))).containsExactly("workshop.yaml:6:11: policy 'sometimes' is not one of none, zero, percent-per-day");
    }

    @Test
    @DisplayName("YAML syntax errors keep the parser's place")
    void syntaxError() {
        assertThat(problems("name: [unclosed\n")).singleElement().asString().isEqualTo("workshop.yaml:1:16: invalid YAML: while parsing a flow sequence");
    }

    @Test
    @DisplayName("missing required keys are listed at the top of the file")
    void missingKeys() {
        assertThat(problems("name: x\n")).contains("workshop.yaml:1:1: missing required key 'due'",
                "workshop.yaml:1:1: missing required key 'roster'");
    }

    @Test
    @DisplayName("the late penalty grows per started day and stops at the cap")
    void latePenalty() {
        Instant due = Instant.parse("2027-03-01T22:59:00Z");
        LatePolicy p = new LatePolicy(LatePolicy.Kind.PERCENT_PER_DAY, 10, 30);
        assertThat(p.penalty(80, due, due)).isZero();
        assertThat(p.penalty(80, due.plusSeconds(60), due)).isEqualTo(8.0);
        assertThat(p.penalty(80, due.plusSeconds(86_400 + 60), due)).isEqualTo(16.0);
        assertThat(p.penalty(80, due.plusSeconds(10 * 86_400), due)).isEqualTo(24.0);
        assertThat(new LatePolicy(LatePolicy.Kind.ZERO, 0, 0).penalty(80, due.plusSeconds(1), due)).isEqualTo(80.0);
        assertThat(LatePolicy.none().penalty(80, due.plusSeconds(99_999), due)).isZero();
    }

    @Test
    @DisplayName("hidden-until-due shows hidden test details from the due date on")
    void visibility() {
        WorkshopConfig c = parse(GOOD);
        assertThat(c.hiddenDetailsVisible(c.dueInstant().minusSeconds(1))).isFalse();
        assertThat(c.hiddenDetailsVisible(c.dueInstant())).isTrue();
    }

    @Test
    @DisplayName("init writes a file that reads back with every exercise and the imported roster")
    void initRoundTrips() {
        List<Learner> roster = WorkshopInit.readRosterCsv("roster.csv",
                "id,first,last,email,team,language\nada,Ada,\"Lovelace, Countess\",ada@example.org,red,zh\nalan,Alan,Turing,,blue,\n");
        String text = WorkshopInit.text(INDEX, "Group \"A\"", "a1", LocalDateTime.of(2027, 3, 1, 23, 59), ZoneId.of("Asia/Shanghai"), roster);
        WorkshopConfig c = parse(text);
        assertThat(c.name()).isEqualTo("Group \"A\"");
        assertThat(c.roster()).containsExactlyElementsOf(roster);
        assertThat(c.roster().get(0).lastName()).isEqualTo("Lovelace, Countess");
        assertThat(c.exerciseIds()).containsExactlyElementsOf(INDEX.ids());
    }

    @Test
    @DisplayName("a roster CSV with a field too many names its line")
    void rosterCsvProblem() {
        assertThatThrownBy(() -> WorkshopInit.readRosterCsv("roster.csv", "id,first\nada,Ada,extra\n"))
                .hasMessage("roster.csv:2:1: 3 fields, the header has 2");
    }
}
