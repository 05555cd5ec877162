package dev.derrick.config.internal;

import java.util.regex.Pattern;

/** Kubernetes resource quantities as Derrick accepts them: positive, CPU in cores or millicores, memory with a unit. */
public final class Quantities {
    private static final Pattern CPU_QUANTITY = Pattern.compile("\\d+m|\\d+(\\.\\d+)?");
    private static final Pattern MEMORY_QUANTITY = Pattern.compile("\\d+(Ki|Mi|Gi|Ti|k|M|G|T)");

    private Quantities() {
    }

    /** A positive CPU quantity: {@code 500m}, {@code 2}, {@code 1.5}. */
    public static boolean positiveCpu(String q) {
        return q != null && CPU_QUANTITY.matcher(q).matches() && !q.matches("0+m|0+(\\.0+)?");
    }

    /** A positive memory or storage quantity with a unit: {@code 512Mi}, {@code 2Ti}. */
    public static boolean positiveMemory(String q) {
        return q != null && MEMORY_QUANTITY.matcher(q).matches() && !q.matches("0+\\D+");
    }
}
