package dev.derrick.config.internal;

import dev.derrick.config.Target;

import java.util.regex.Pattern;

/**
 * How each cloud spells what Derrick validates: machine types (and which families carry GPUs,
 * so they must come from the catalog) and zones.
 */
public enum CloudRules {
    AWS(Target.AWS, "instance type", "m6i.xlarge",
            Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9-]+"),
            // p, g, inf, trn, dl, f, vt families carry accelerators.
            Pattern.compile("(p\\d|g\\d|inf\\d|trn\\d|dl\\d|f\\d|vt\\d)[a-z0-9-]*\\..*")),
    GCP(Target.GCP, "machine type", "n2-standard-8",
            Pattern.compile("[a-z][a-z0-9]*(-[a-z0-9]+)+"),
            // A2/A3/A4 and G2/G4 bundle GPUs, ct* are TPUs; N1 takes attached GPUs and is a CPU type without them.
            Pattern.compile("(a\\d+|g\\d+|ct\\d+[a-z]*)-.*")),
    AZURE(Target.AZURE, "VM size", "Standard_D8s_v5",
            Pattern.compile("Standard_[A-Z][A-Za-z0-9_-]*"),
            // The N series (NC, ND, NV, NG) are the GPU sizes.
            Pattern.compile("Standard_N.*"));

    private final Target target;
    private final String noun;
    private final String example;
    private final Pattern machine;
    private final Pattern accelerated;

    CloudRules(Target target, String noun, String example, Pattern machine, Pattern accelerated) {
        this.target = target;
        this.noun = noun;
        this.example = example;
        this.machine = machine;
        this.accelerated = accelerated;
    }

    /** The rules of a target; null for targets without a cloud catalog (onprem). */
    public static CloudRules of(Target target) {
        for (CloudRules r : values()) {
            if (r.target == target) {
                return r;
            }
        }
        return null;
    }

    /** The cloud's name with its article, for messages: "an AWS", "a GCP", "an Azure". */
    public String displayName() {
        return switch (this) {
            case AWS -> "an AWS";
            case GCP -> "a GCP";
            case AZURE -> "an Azure";
        };
    }

    /** What the cloud calls a machine: instance type, machine type, VM size. */
    public String noun() {
        return noun;
    }

    /** A CPU machine type to show in hints. */
    public String example() {
        return example;
    }

    public boolean isMachineType(String name) {
        return machine.matcher(name).matches();
    }

    /** Whether the type belongs to a family that carries accelerators (so it must come from the catalog). */
    public boolean isAccelerated(String name) {
        return accelerated.matcher(name).matches();
    }

    /** Why {@code zone} is not a zone of {@code region} on this cloud, or null when it is. */
    public String zoneProblem(String region, String zone) {
        boolean ok = switch (this) {
            case AWS -> region == null || zone.length() == region.length() + 1 && zone.startsWith(region)
                    && Character.isLowerCase(zone.charAt(zone.length() - 1));
            case GCP -> region == null || zone.length() == region.length() + 2 && zone.startsWith(region + "-")
                    && Character.isLowerCase(zone.charAt(zone.length() - 1));
            case AZURE -> zone.equals("1") || zone.equals("2") || zone.equals("3");
        };
        return ok ? null : switch (this) {
            case AWS -> "not a zone of region " + region;
            case GCP -> "not a zone of region " + region;
            case AZURE -> "not an Azure availability zone";
        };
    }

    /** How to write a zone, for hints. */
    public String zoneHint(String region) {
        return switch (this) {
            case AWS -> "use " + region + " plus a letter, e.g. " + region + "a";
            case GCP -> "use " + region + "-<letter>, e.g. " + region + "-a";
            case AZURE -> "Azure zones are \"1\", \"2\" and \"3\" (quote them)";
        };
    }
}
