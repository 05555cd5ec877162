package dev.derrick.policy;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

/**
 * End of standard support of Kubernetes minors on Amazon EKS. Source: endoflife.date/amazon-eks
 * (mirrors the EKS Kubernetes release calendar), read 2026-11-23; the table ends at 1.35, the
 * newest minor it listed.
 */
final class KubernetesSupport {
    static final String SOURCE = "EKS release calendar via endoflife.date/amazon-eks, read 2026-11-23";
    private static final Map<String, LocalDate> EKS_END_OF_STANDARD = Map.of(
            "1.29", LocalDate.parse("2025-03-23"),
            "1.30", LocalDate.parse("2025-07-23"),
            "1.31", LocalDate.parse("2025-11-26"),
            "1.32", LocalDate.parse("2026-03-23"),
            "1.33", LocalDate.parse("2026-07-29"),
            "1.34", LocalDate.parse("2026-12-02"),
            "1.35", LocalDate.parse("2027-03-27"));

    private KubernetesSupport() {
    }

    static Optional<LocalDate> endOfStandardSupport(String cloud, String version) {
        return "aws".equals(cloud) ? Optional.ofNullable(EKS_END_OF_STANDARD.get(version)) : Optional.empty();
    }

    static String newest() {
        return EKS_END_OF_STANDARD.keySet().stream().max(KubernetesSupport::compare).orElseThrow();
    }

    static int compare(String a, String b) {
        return Integer.compare(Integer.parseInt(a.substring(2)), Integer.parseInt(b.substring(2)));
    }
}
