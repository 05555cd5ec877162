package dev.derrick.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A stack's config as Pulumi would hand it to the program: full keys ({@code derrick:clusters},
 * {@code aws:region}) to raw values, with secrets marked and the file each value came from.
 *
 * @param values  key to value, in file order
 * @param stack   the stack name
 * @param origin  the file errors name when a required key is absent, e.g. {@code stacks/Pulumi.dev.yaml}
 */
public record RawConfig(Map<String, RawValue> values, String stack, String origin) {
    public RawConfig {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** The values as Pulumi's engine passes them ({@code PULUMI_CONFIG}). */
    public Map<String, String> asPulumiConfig() {
        var out = new LinkedHashMap<String, String>();
        values.forEach((k, v) -> out.put(k, v.text()));
        return out;
    }

    /** The keys whose values are secret ({@code PULUMI_CONFIG_SECRET_KEYS}). */
    public Set<String> secretKeys() {
        var out = new LinkedHashSet<String>();
        values.forEach((k, v) -> {
            if (v.secret()) {
                out.add(k);
            }
        });
        return out;
    }
}
