package dev.derrick.platform;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import com.pulumi.core.Output;
import dev.derrick.catalog.Catalog;
import dev.derrick.config.RawConfig;
import dev.derrick.config.StackConfig;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.config.internal.PulumiConfigSource;

import java.util.function.Consumer;

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
        stack(ctx, config -> { });
    }

    /**
     * @param gate runs on the validated config before any resource is registered; it throws to
     *             stop the deployment (the CLI passes the policy pack's spec-level gate)
     */
    public static void stack(Context ctx, Consumer<StackConfig> gate) {
        RawConfig raw = PulumiConfigSource.read(ctx);
        StackConfig config = StackConfigLoader.load(raw);
        gate.accept(config);
        // Read as a secret Output (never a plain string), so it stays secret into the Kubernetes Secret.
        String grafanaKey = StackConfigLoader.NAMESPACE + ":" + StackConfigLoader.GRAFANA_ADMIN_PASSWORD;
        Output<String> grafanaAdminPassword = raw.values().containsKey(grafanaKey)
                ? ctx.config(StackConfigLoader.NAMESPACE).requireSecret(StackConfigLoader.GRAFANA_ADMIN_PASSWORD)
                : null;
        // Kubeconfigs likewise: one secret value, split per cluster inside the secret Output.
        String kubeconfigsKey = StackConfigLoader.NAMESPACE + ":" + StackConfigLoader.KUBECONFIGS;
        Output<String> kubeconfigs = raw.values().containsKey(kubeconfigsKey)
                ? ctx.config(StackConfigLoader.NAMESPACE).requireSecret(StackConfigLoader.KUBECONFIGS)
                : null;
        // Alert receivers likewise: their URLs and keys go into a Kubernetes Secret only.
        String alertingKey = StackConfigLoader.NAMESPACE + ":" + dev.derrick.alerting.AlertReceivers.KEY;
        Output<String> alerting = raw.values().containsKey(alertingKey)
                ? ctx.config(StackConfigLoader.NAMESPACE).requireSecret(dev.derrick.alerting.AlertReceivers.KEY)
                : null;
        new MlPlatform(config, Catalog.bundled(), grafanaAdminPassword, kubeconfigs, alerting).build().forEach(ctx::export);
    }
}
