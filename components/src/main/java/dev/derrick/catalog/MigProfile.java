package dev.derrick.catalog;

/**
 * A MIG (Multi-Instance GPU) GPU instance profile of one GPU model.
 *
 * @param name      profile name as {@code nvidia-smi} and the GPU operator's MIG manager spell it, e.g. {@code 1g.10gb}
 *                  or {@code 1g.10gb+me} (with media extensions)
 * @param instances how many instances of this profile fit one GPU when it is the only profile used
 * @param memoryGiB usable memory per instance as the driver reports it ({@code nvidia-smi mig -lgip}); null when
 *                  not measured (the nominal size is in the name)
 */
public record MigProfile(String name, int instances, Double memoryGiB) {
    /** Compute slices (the {@code <n>g} part): 1, 2, 3, 4 or 7 of a GPU's seven. */
    public int computeSlices() {
        return Integer.parseInt(name.substring(0, name.indexOf('g')));
    }
}
