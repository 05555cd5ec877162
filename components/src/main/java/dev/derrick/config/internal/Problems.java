package dev.derrick.config.internal;

import dev.derrick.config.ConfigError;

import java.util.ArrayList;
import java.util.List;

/** Collects configuration problems so that all of them are reported in one pass. */
public final class Problems {
    private final List<ConfigError> errors = new ArrayList<>();

    public void add(String file, String path, String problem, String value, String hint) {
        errors.add(new ConfigError(file, path, problem, value, hint));
    }

    /** Whether a problem at exactly {@code path} is already reported (a value that failed to bind must not also read as missing). */
    public boolean reported(String path) {
        return errors.stream().anyMatch(e -> e.path().equals(path));
    }

    public List<ConfigError> list() {
        return List.copyOf(errors);
    }

    public boolean isEmpty() {
        return errors.isEmpty();
    }
}
