package dev.derrick.cli;

import com.pulumi.Context;
import com.pulumi.Pulumi;
import dev.derrick.catalog.Catalog;
import dev.derrick.platform.DerrickProgram;
import dev.derrick.policy.PolicyPack;

/**
 * The Pulumi program {@code pulumi up}/{@code preview} runs from this jar: Derrick's program with
 * the policy pack's spec-level gate, so a mandatory violation stops the deployment before any change.
 */
public final class Program {
    private Program() {
    }

    public static void main(String[] args) {
        Pulumi.run(Program::stack);
    }

    public static void stack(Context ctx) {
        DerrickProgram.stack(ctx, config -> PolicyPack.enforceSpec(config, Catalog.bundled()));
    }
}
