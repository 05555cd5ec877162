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

    /**
     * The taint AKS puts on every spot node by itself. Tolerated by the GPU operator's operands on every spot pool (no
     * other cloud sets it, so the toleration is inert there).
     */
    public static final Taint AKS_SPOT = new Taint("kubernetes.azure.com/scalesetpriority", "spot", "NoSchedule");

    public Taint {
        value = value == null ? "true" : value;
        effect = effect == null ? "NoSchedule" : effect;
    }

    /** The effect as the EKS and GKE APIs spell it: {@code NoSchedule} -> {@code NO_SCHEDULE}. */
    public String upperSnakeEffect() {
        return switch (effect) {
            case "NoSchedule" -> "NO_SCHEDULE";
            case "PreferNoSchedule" -> "PREFER_NO_SCHEDULE";
            case "NoExecute" -> "NO_EXECUTE";
            default -> throw new IllegalArgumentException("unknown taint effect " + effect);
        };
    }

    /** The taint as kubectl and AKS write it: {@code key=value:Effect}. */
    public String kubectlForm() {
        return key + "=" + value + ":" + effect;
    }
}
