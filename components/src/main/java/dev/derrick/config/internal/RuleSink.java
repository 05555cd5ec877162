package dev.derrick.config.internal;

/** Where a capability's validation rules report a problem: the config path, the problem, the bad value (quoted) and the fix. */
@FunctionalInterface
public interface RuleSink {
    void add(String path, String problem, String value, String hint);
}
