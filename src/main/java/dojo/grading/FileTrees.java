package dojo.grading;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Housekeeping on scratch folders (compile caches, sandbox jobs, collect snapshots). */
public final class FileTrees {
    private FileTrees() {}

    /**
     * Deletes {@code dir} and everything under it, without following symbolic links (a link is deleted, not
     * its target). Best effort: a folder that is missing or cannot be fully deleted is left as it is.
     */
    public static void deleteQuietly(Path dir) {
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException exc) throws IOException {
                    Files.deleteIfExists(d);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            // best effort: a leftover scratch folder is harmless
        }
    }
}
