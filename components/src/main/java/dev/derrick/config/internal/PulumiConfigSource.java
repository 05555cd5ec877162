package dev.derrick.config.internal;

import com.pulumi.Context;
import com.pulumi.deployment.internal.DeploymentInternal;
import com.pulumi.deployment.internal.DeploymentImpl;
import dev.derrick.config.RawConfig;
import dev.derrick.config.RawValue;
import dev.derrick.config.StackConfigLoader;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;

/**
 * Reads the {@code derrick:} config a running Pulumi program was given (by the engine under
 * {@code pulumi up}, by the plan engine offline) into a {@link RawConfig}.
 */
public final class PulumiConfigSource {
    private PulumiConfigSource() {
    }

    public static RawConfig read(Context ctx) {
        String stack = ctx.stackName();
        String file = "Pulumi." + stack + ".yaml";
        var keys = new LinkedHashSet<String>();
        StackConfigLoader.KEYS.forEach(k -> keys.add(StackConfigLoader.NAMESPACE + ":" + k));
        // Under the engine every key is in PULUMI_CONFIG: include unknown derrick: keys so typos are reported.
        String env = System.getenv("PULUMI_CONFIG");
        if (env != null && !env.isBlank()) {
            DeploymentImpl.Config.parseConfig(env).keySet().stream()
                    .filter(k -> k.startsWith(StackConfigLoader.NAMESPACE + ":"))
                    .forEach(keys::add);
        }
        var deployment = DeploymentInternal.getInstance();
        var values = new LinkedHashMap<String, RawValue>();
        for (String key : keys) {
            deployment.getConfig(key).ifPresent(v -> values.put(key, new RawValue(v, deployment.isConfigSecret(key), file)));
        }
        return new RawConfig(values, stack, file);
    }
}
