package dev.derrick.config;

import java.util.List;

/** Every problem found in one pass over a stack's configuration. */
public final class ConfigException extends RuntimeException {
    private final List<ConfigError> errors;

    public ConfigException(List<ConfigError> errors) {
        super(summary(errors), null, false, false);
        this.errors = List.copyOf(errors);
    }

    public List<ConfigError> errors() {
        return errors;
    }

    private static String summary(List<ConfigError> errors) {
        var sb = new StringBuilder();
        sb.append(errors.size()).append(errors.size() == 1 ? " configuration problem" : " configuration problems");
        for (var e : errors) {
            sb.append(System.lineSeparator()).append(e.line());
        }
        return sb.toString();
    }
}
