package dev.derrick.kubernetes;

import com.pulumi.core.Output;
import com.pulumi.kubernetes.core.v1.Secret;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A value as stored in a Kubernetes Secret (its {@code data}, which the API server fills from
 * {@code stringData}), kept secret. Used where Derrick generates a credential once and must
 * export the stored one, not a fresh random value, on later runs.
 */
public final class StoredSecret {
    private StoredSecret() {
    }

    public static Output<String> value(Secret secret, String key) {
        Output<String> stored = secret.data().applyValue(data -> {
            String encoded = data == null ? null : data.get(key);
            return encoded == null ? null : new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        });
        return stored.asSecret();
    }
}
