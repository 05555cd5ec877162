package dev.derrick.preflight;

import dev.derrick.config.StackConfig;

import java.util.List;

/**
 * The checks one cloud offers for the parts of a stack placed on it. Implementations build
 * their SDK clients lazily and release them on {@link #close()}.
 */
public interface CloudChecks extends AutoCloseable {
    /** Before {@code pulumi up}: credentials, capacity offered, quotas, names free. */
    List<Check> preflight(StackConfig config);

    /** After {@code pulumi up}: what the stack promised, read back from the cloud. */
    List<Check> verify(StackConfig config, StackOutputs outputs);

    @Override
    void close();
}
