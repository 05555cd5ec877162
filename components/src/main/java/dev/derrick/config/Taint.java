package dev.derrick.config;

/**
 * A Kubernetes node taint.
 *
 * @param key    taint key, e.g. {@code nvidia.com/gpu}
 * @param value  taint value; default {@code "true"}
 * @param effect {@code NoSchedule} (default), {@code PreferNoSchedule} or {@code NoExecute}
 */
public record Taint(String key, String value, String effect) {
    /** The taint every GPU pool gets unless {@code gpuTaint: false}: only pods that tolerate GPUs land there. */
    public static final Taint GPU = new Taint("nvidia.com/gpu", "true", "NoSchedule");

    public Taint {
        value = value == null ? "true" : value;
        effect = effect == null ? "NoSchedule" : effect;
    }
}
