package dev.derrick.preflight;

import dev.derrick.config.Target;

import java.util.Locale;

/** Stands for a target the stack uses but no live checks exist for yet: always UNKNOWN, never silent. */
public final class UnsupportedTargetCheck implements Check {
    private final Target target;

    public UnsupportedTargetCheck(Target target) {
        this.target = target;
    }

    @Override
    public String id() {
        return target.name().toLowerCase(Locale.ROOT) + ".checks";
    }

    @Override
    public String subject() {
        return "target " + target.name().toLowerCase(Locale.ROOT);
    }

    @Override
    public CheckResult run() {
        return CheckResult.unknown(this, Reason.NOT_SUPPORTED, "no live checks for " + target.name().toLowerCase(Locale.ROOT) + " targets yet",
                "check capacity and quotas in the cloud's console");
    }

    @Override
    public CheckResult unknown(Throwable failure) {
        return run();
    }
}
