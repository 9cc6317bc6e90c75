package dojo.models;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.tools.ToolProvider;

/** Test support: compiles solutions/ex16_image_segmenter and returns a new instance of its implementation class. */
final class SegmenterSolution {

    private SegmenterSolution() {
    }

    static Object implementation() {
        try {
            Path out = Files.createTempDirectory("ex16-solution");
            List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-cp", System.getProperty("java.class.path"), "-nowarn"));
            try (Stream<Path> files = Files.list(Path.of("solutions", "ex16_image_segmenter"))) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(p -> args.add(p.toString()));
            }
            int rc = ToolProvider.getSystemJavaCompiler().run(null, null, null, args.toArray(String[]::new));
            if (rc != 0) {
                throw new IllegalStateException("solutions/ex16_image_segmenter does not compile");
            }
            URLClassLoader loader = new URLClassLoader(new java.net.URL[] {out.toUri().toURL()}, SegmenterSolution.class.getClassLoader());
            return loader.loadClass("ex16_image_segmenter.SegmenterExercise").getConstructor().newInstance();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }
}
