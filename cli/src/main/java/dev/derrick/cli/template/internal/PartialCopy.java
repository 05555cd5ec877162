package dev.derrick.cli.template.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The folders {@code derrick new} creates before the project is renamed into place. They are
 * removed on any failure ({@link #close()} without {@link #published()}) and on SIGINT/SIGTERM
 * (a shutdown hook). Every write goes through {@link #write}, which holds the same lock as the
 * hook: once the hook has run, no further file can appear behind it.
 */
public final class PartialCopy implements AutoCloseable {
    private final Object lock = new Object();
    private final Thread hook;
    private Path temp;
    private Path firstCreated;
    private boolean aborted;
    private boolean done;

    /** A file-system step that may throw. */
    public interface Step<T> {
        T run() throws IOException;
    }

    public PartialCopy() {
        hook = new Thread(this::abort, "derrick-new-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** Records the folders to remove should the copy not finish. */
    public void track(Path temp, Path firstCreated) {
        synchronized (lock) {
            this.temp = temp;
            this.firstCreated = firstCreated;
        }
    }

    /** Runs one step unless the copy was interrupted by a signal. */
    public <T> T write(Step<T> step) throws IOException {
        synchronized (lock) {
            if (aborted) {
                throw new IOException("interrupted");
            }
            return step.run();
        }
    }

    /** The project is in place: nothing to remove any more. */
    public void published() {
        synchronized (lock) {
            done = true;
        }
    }

    private void abort() {
        synchronized (lock) {
            aborted = true;
            if (!done) {
                deleteTree(temp);
                deleteTree(firstCreated);
            }
        }
    }

    @Override
    public void close() {
        try {
            abort();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private static void deleteTree(Path root) {
        if (root == null || !Files.exists(root, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not remove " + root, e);
        }
    }
}
