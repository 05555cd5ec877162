package dev.derrick.catalog;

/**
 * A GPU model. Its key ({@code h100-80gb}) means the same GPU on every cloud.
 *
 * @param key          catalog key used in stack config
 * @param vendor       e.g. nvidia
 * @param model        marketing name, e.g. "H100 80GB HBM3"
 * @param memoryGiB    memory per GPU
 * @param architecture e.g. hopper
 */
public record Accelerator(String key, String vendor, String model, int memoryGiB, String architecture) {
}
