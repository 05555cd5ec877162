package dev.derrick.config;

/**
 * One problem in a stack's configuration, printed as one line:
 * {@code <file>: <path>: <problem> (got <value>); <hint>}.
 *
 * @param file    where the value came from, e.g. {@code stacks/Pulumi.prod.yaml}
 * @param path    config path, e.g. {@code derrick:clusters[0].nodePools[1].max}
 * @param problem what is wrong, in a few words
 * @param value   the offending value as the user wrote it; {@code [secret]} for secrets; null when absent
 * @param hint    what to do about it
 */
public record ConfigError(String file, String path, String problem, String value, String hint) {

    public String line() {
        var sb = new StringBuilder();
        sb.append(file).append(": ").append(path).append(": ").append(problem);
        if (value != null) {
            sb.append(" (got ").append(value).append(')');
        }
        if (hint != null && !hint.isBlank()) {
            sb.append("; ").append(hint);
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return line();
    }
}
