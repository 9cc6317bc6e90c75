package dojo.grading.watch;

import dojo.grading.ExerciseIndex;
import dojo.grading.ExerciseInfo;
import dojo.grading.ExerciseReport;
import dojo.grading.ExerciseStatus;
import dojo.grading.GradeReport;
import dojo.grading.GradeRequest;
import dojo.grading.GradingEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Regrades a tree whenever one of its {@code .java} files changes: a {@link WatchService} on the tree and every
 * folder in it; the events of one save (editors write, truncate, rename) are gathered until the tree has been
 * quiet for {@link #QUIET}; then only the exercises whose folders changed, and those that {@code require} them,
 * are graded with {@link GradingEngine} (compiled in process by {@code TreeCompiler}, one class loader per
 * round). Never prints: each round goes to the consumer as a {@link WatchRound}.
 */
public final class TreeWatcher implements AutoCloseable {
    /** How long the tree must be quiet after an event before a round starts. */
    public static final Duration QUIET = Duration.ofMillis(40);

    private final GradeRequest request;
    private final List<String> focus;
    private final GradingEngine engine;
    private final Clock clock;
    private final Supplier<Map<String, Integer>> hints;
    private final WatchService service;
    private final Map<WatchKey, Path> dirs = new LinkedHashMap<>();
    private GradeReport latest;
    private int rounds;

    /**
     * @param request what to grade: its tree is watched; its exercises (empty = all) are the focus, graded in the
     *     first round and, with what they require, the only ones regraded afterwards
     * @param hints read before every round (the learner may reveal a hint between saves)
     */
    public TreeWatcher(GradeRequest request, GradingEngine engine, Clock clock, Supplier<Map<String, Integer>> hints) {
        this.request = request;
        this.focus = request.exercises();
        this.engine = engine;
        this.clock = clock;
        this.hints = hints;
        try {
            this.service = FileSystems.getDefault().newWatchService();
            registerAll(request.tree());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot watch " + request.tree() + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such folder" : e.getMessage()), e);
        }
    }

    /** Grades the focus (or everything) once; the first round. */
    public WatchRound gradeAll() {
        Instant start = clock.instant();
        ExerciseIndex index = ExerciseIndex.load(request.projectDir());
        List<String> ids = focus.isEmpty() ? index.ids() : focus;
        return round(index, List.of(), ids, start);
    }

    /**
     * Waits for the next save, then grades what it affects. Returns null when the watcher was closed (or the
     * thread interrupted) while waiting.
     */
    public WatchRound awaitAndGrade() {
        try {
            while (true) {
                WatchKey key = service.take();
                Instant start = clock.instant();
                Set<Path> changed = new LinkedHashSet<>();
                drain(key, changed);
                // gather the rest of this save: more events until the tree is quiet
                WatchKey more;
                while ((more = service.poll(QUIET.toMillis(), TimeUnit.MILLISECONDS)) != null) {
                    drain(more, changed);
                }
                ExerciseIndex index = ExerciseIndex.load(request.projectDir());
                List<String> changedIds = exercisesOf(changed, index);
                if (changedIds.isEmpty()) {
                    continue;
                }
                List<String> graded = affected(index, changedIds);
                if (graded.isEmpty()) {
                    continue;
                }
                return round(index, changedIds, graded, start);
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    /** Runs rounds until closed or interrupted: the first one for everything watched, then one per save. */
    public void run(Consumer<WatchRound> onRound) {
        onRound.accept(gradeAll());
        WatchRound r;
        while ((r = awaitAndGrade()) != null) {
            onRound.accept(r);
        }
    }

    /** The changed exercises and, transitively, every exercise that requires one, in index order, within the focus. */
    List<String> affected(ExerciseIndex index, List<String> changedIds) {
        Set<String> within = new LinkedHashSet<>();
        if (!focus.isEmpty()) {
            for (String id : focus) {
                index.find(id).ifPresent(e -> index.withRequirements(e).forEach(r -> within.add(r.id())));
            }
        }
        List<String> out = new ArrayList<>();
        for (ExerciseInfo e : index.exercises()) {
            boolean hit = index.withRequirements(e).stream().anyMatch(r -> changedIds.contains(r.id()));
            if (hit && (within.isEmpty() || within.contains(e.id()))) {
                out.add(e.id());
            }
        }
        return out;
    }

    private WatchRound round(ExerciseIndex index, List<String> changed, List<String> ids, Instant start) {
        GradeReport fresh = engine.grade(request.withExercises(ids).withHintsSeen(hints.get()));
        GradeReport previous = latest;
        latest = merge(index, previous, fresh);
        rounds++;
        List<String> justPassed = new ArrayList<>();
        for (ExerciseReport e : fresh.exercises()) {
            boolean before = previous != null && previous.exercise(e.id()).map(p -> p.status() == ExerciseStatus.PASSED).orElse(false);
            if (e.status() == ExerciseStatus.PASSED && !before) {
                justPassed.add(e.id());
            }
        }
        return new WatchRound(rounds, changed, ids, latest, previous, Duration.between(start, clock.instant()), justPassed,
                next(index, latest));
    }

    /**
     * What to work on next: the first watched exercise (index order) that does not pass; when every watched one
     * passes, the first exercise after the last watched one that is not known to pass (watching ex02_attention
     * alone, a learner who has not started it is told to start it, not ex01_softmax); null when none is left.
     */
    static ExerciseInfo next(ExerciseIndex index, GradeReport latest) {
        int last = -1;
        List<ExerciseInfo> all = index.exercises();
        for (int i = 0; i < all.size(); i++) {
            Optional<ExerciseReport> r = latest.exercise(all.get(i).id());
            if (r.isEmpty()) continue;
            if (r.get().status() != ExerciseStatus.PASSED) return all.get(i);
            last = i;
        }
        for (int i = last + 1; i < all.size(); i++) {
            if (latest.exercise(all.get(i).id()).isEmpty()) return all.get(i);
        }
        return null;
    }

    /** The previous report with the freshly graded exercises replaced, in index order. */
    static GradeReport merge(ExerciseIndex index, GradeReport previous, GradeReport fresh) {
        Map<String, ExerciseReport> byId = new LinkedHashMap<>();
        if (previous != null) {
            previous.exercises().forEach(e -> byId.put(e.id(), e));
        }
        fresh.exercises().forEach(e -> byId.put(e.id(), e));
        List<ExerciseReport> ordered = new ArrayList<>();
        for (String id : index.ids()) {
            if (byId.containsKey(id)) {
                ordered.add(byId.remove(id));
            }
        }
        ordered.addAll(byId.values());
        return new GradeReport(fresh.tree(), ordered);
    }

    private void drain(WatchKey key, Set<Path> changed) {
        Path dir = dirs.get(key);
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW || dir == null) {
                changed.add(request.tree()); // lost events: regrade everything watched
                continue;
            }
            Path p = dir.resolve((Path) event.context());
            if (event.kind() == StandardWatchEventKinds.ENTRY_CREATE && Files.isDirectory(p)) {
                try {
                    registerAll(p);
                } catch (IOException e) {
                    // a folder that vanished again: nothing to watch
                }
            }
            if (p.toString().endsWith(".java") || Files.isDirectory(p) || event.kind() == StandardWatchEventKinds.ENTRY_DELETE) {
                changed.add(p);
            }
        }
        if (!key.reset()) {
            dirs.remove(key);
        }
    }

    private List<String> exercisesOf(Set<Path> changed, ExerciseIndex index) {
        Set<String> ids = new LinkedHashSet<>();
        for (Path p : changed) {
            if (p.equals(request.tree())) {
                return focus.isEmpty() ? index.ids() : focus;
            }
            Path rel = request.tree().relativize(p);
            if (rel.getNameCount() >= 1 && index.find(rel.getName(0).toString()).isPresent()) {
                ids.add(rel.getName(0).toString());
            }
        }
        return index.ids().stream().filter(ids::contains).collect(Collectors.toList());
    }

    private void registerAll(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path d : s.filter(Files::isDirectory).collect(Collectors.toList())) {
                WatchKey key = d.register(service, StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_MODIFY,
                        StandardWatchEventKinds.ENTRY_DELETE);
                dirs.put(key, d);
            }
        }
    }

    @Override
    public void close() {
        try {
            service.close();
        } catch (IOException e) {
            // closing: nothing left to do
        }
    }
}
