package dev.derrick.platform;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.internal.PulumiConfigSource;

/**
 * The Pulumi program: the one entry point of both {@code pulumi up} (through {@link #main}) and
 * {@code ./derrick plan} (run in-process through the SDK's mock monitor).
 */
public final class DerrickProgram {
    private DerrickProgram() {
    }

    public static void main(String[] args) {
        Pulumi.run(DerrickProgram::stack);
    }

    public static void stack(Context ctx) {
        RawConfig raw = PulumiConfigSource.read(ctx);
        StackConfig config = StackConfigLoader.load(raw);
        new MlPlatform(config, Catalog.bundled()).build().forEach(ctx::export);
    }
}
