package dev.derrick.catalog;

import java.util.List;
import java.util.Optional;

/**
 * A GPU model. Its key ({@code h100-80gb}) means the same GPU on every cloud.
 *
 * @param key          catalog key used in stack config
 * @param vendor       e.g. nvidia
 * @param model        marketing name, e.g. "H100 80GB HBM3"
 * @param memoryGiB    memory per GPU
 * @param architecture e.g. hopper
 * @param migProfiles  MIG profiles the GPU offers; empty when it has no MIG (T4, L4, A10, L40S)
 * @param migSource    where the MIG profile counts come from; null without MIG
 */
public record Accelerator(String key, String vendor, String model, int memoryGiB, String architecture, List<MigProfile> migProfiles,
                          Source migSource) {
    public Accelerator {
        migProfiles = migProfiles == null ? List.of() : List.copyOf(migProfiles);
    }

    public Accelerator(String key, String vendor, String model, int memoryGiB, String architecture) {
        this(key, vendor, model, memoryGiB, architecture, List.of(), null);
    }

    public boolean supportsMig() {
        return !migProfiles.isEmpty();
    }

    public Optional<MigProfile> migProfile(String name) {
        return migProfiles.stream().filter(p -> p.name().equals(name)).findFirst();
    }
}
