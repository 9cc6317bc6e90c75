package dojo.questions;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * Finds the bank files ({@code *.md}, not {@code README.md}, no hidden entries) under a directory without
 * giving up on the first problem: an unreadable subdirectory, a symbolic link loop or a link to nothing is
 * reported by name and the rest is still searched. Symbolic links to files are followed; links to
 * directories are not (so a tree can never loop).
 */
final class BankFinder {
    private BankFinder() {}

    record Problem(Path path, String message) {}

    record Found(List<Path> files, List<Problem> problems) {}

    static Found find(Path dir) {
        List<Path> files = new ArrayList<>();
        List<Problem> problems = new ArrayList<>();
        try {
            Files.walkFileTree(dir, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) {
                    return !d.equals(dir) && hidden(d) ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) {
                    if (hidden(f) || !isBankName(f)) return FileVisitResult.CONTINUE;
                    if (attrs.isRegularFile()) {
                        files.add(f);
                    } else if (attrs.isSymbolicLink()) {
                        String why = brokenLink(f);
                        if (why == null) files.add(f);
                        else if (!why.isEmpty()) problems.add(new Problem(f, why));
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path f, IOException e) {
                    problems.add(new Problem(f, (isBankName(f) ? "cannot read file: " : "cannot read directory: ") + reason(e)
                            + " (skipped; the rest is still checked)"));
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path d, IOException e) {
                    if (e != null) problems.add(new Problem(d, "cannot read directory: " + reason(e) + " (the rest is still checked)"));
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            problems.add(new Problem(dir, "cannot read directory: " + reason(e)));
        }
        files.sort(Comparator.comparing(p -> dir.relativize(p).toString().replace('\\', '/')));
        return new Found(files, problems);
    }

    private static boolean hidden(Path p) {
        Path name = p.getFileName();
        return name != null && name.toString().startsWith(".");
    }

    private static boolean isBankName(Path f) {
        String name = f.getFileName().toString();
        return name.endsWith(".md") && !name.toLowerCase(Locale.ROOT).equals("readme.md");
    }

    /** null when the link leads to a regular file; "" when it leads to something else (a directory); else why not. */
    static String brokenLink(Path link) {
        try {
            BasicFileAttributes target = Files.readAttributes(link, BasicFileAttributes.class);
            return target.isRegularFile() ? null : "";
        } catch (NoSuchFileException e) {
            return "dangling symbolic link: its target does not exist (skipped)";
        } catch (FileSystemException e) {
            String r = e.getReason() == null ? "" : e.getReason();
            if (r.toLowerCase(Locale.ROOT).contains("too many levels") || e instanceof FileSystemLoopException) {
                return "symbolic link loop: the link leads back to itself (skipped)";
            }
            return "cannot follow symbolic link: " + reason(e) + " (skipped)";
        } catch (IOException e) {
            return "cannot follow symbolic link: " + reason(e) + " (skipped)";
        }
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) return "permission denied";
        if (e instanceof NoSuchFileException) return "no such file or directory";
        if (e instanceof FileSystemLoopException) return "symbolic link loop";
        if (e instanceof FileSystemException f && f.getReason() != null) return f.getReason().toLowerCase(Locale.ROOT);
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
