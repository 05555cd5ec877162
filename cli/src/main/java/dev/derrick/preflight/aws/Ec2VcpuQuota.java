package dev.derrick.preflight.aws;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The EC2 vCPU quota an instance type counts against: per instance family group, separately for
 * on-demand and spot, service code {@code ec2}. Codes from the EC2 instance quota documentation
 * (https://docs.aws.amazon.com/ec2/latest/instancetypes/ec2-instance-quotas.html) and the Service
 * Quotas console; the same codes in public preflight tools (checked 2026-11):
 * Standard L-1216C47A / spot L-34B43A08, F L-74FC7D96 / L-88CF9481, G and VT L-DB2E81BA / L-3819A6DF,
 * P L-417A185B / L-7212CCBC, X L-7295265B / L-E3A00192, Inf L-1945791B / L-B5D1601B,
 * Trn L-2C3B7624 / L-5480EFD2.
 *
 * @param code  the Service Quotas quota code
 * @param name  the quota's name in the console
 * @param group the family group (Standard, G and VT, P, ...)
 * @param spot  whether it is the spot quota
 */
public record Ec2VcpuQuota(String code, String name, String group, boolean spot) {
    public static final String SERVICE_CODE = "ec2";
    private static final Pattern FAMILY = Pattern.compile("^([a-z]+?)(\\d.*)?\\..*");
    private static final Set<String> STANDARD = Set.of("a", "c", "d", "h", "i", "m", "r", "t", "z");

    /** The quota for an instance type; empty for families with no vCPU quota mapped here (e.g. high-memory u-*). */
    public static Optional<Ec2VcpuQuota> of(String instanceType, boolean spot) {
        Matcher m = FAMILY.matcher(instanceType.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            return Optional.empty();
        }
        String family = m.group(1);
        String group;
        if (family.startsWith("inf")) {
            group = "Inf";
        } else if (family.startsWith("trn")) {
            group = "Trn";
        } else if (family.startsWith("vt") || family.startsWith("g")) {
            group = "G and VT";
        } else if (family.startsWith("p")) {
            group = "P";
        } else if (family.startsWith("f")) {
            group = "F";
        } else if (family.startsWith("x")) {
            group = "X";
        } else if (family.startsWith("dl") || family.startsWith("u")) {
            return Optional.empty();
        } else if (STANDARD.contains(family.substring(0, 1))) {
            group = "Standard";
        } else {
            return Optional.empty();
        }
        return Optional.of(switch (group) {
            case "Standard" -> spot ? q("L-34B43A08", "All Standard (A, C, D, H, I, M, R, T, Z) Spot Instance Requests", group, true)
                    : q("L-1216C47A", "Running On-Demand Standard (A, C, D, H, I, M, R, T, Z) instances", group, false);
            case "G and VT" -> spot ? q("L-3819A6DF", "All G and VT Spot Instance Requests", group, true)
                    : q("L-DB2E81BA", "Running On-Demand G and VT instances", group, false);
            case "P" -> spot ? q("L-7212CCBC", "All P Spot Instance Requests", group, true)
                    : q("L-417A185B", "Running On-Demand P instances", group, false);
            case "F" -> spot ? q("L-88CF9481", "All F Spot Instance Requests", group, true)
                    : q("L-74FC7D96", "Running On-Demand F instances", group, false);
            case "X" -> spot ? q("L-E3A00192", "All X Spot Instance Requests", group, true)
                    : q("L-7295265B", "Running On-Demand X instances", group, false);
            case "Inf" -> spot ? q("L-B5D1601B", "All Inf Spot Instance Requests", group, true)
                    : q("L-1945791B", "Running On-Demand Inf instances", group, false);
            default -> spot ? q("L-5480EFD2", "All Trn Spot Instance Requests", group, true)
                    : q("L-2C3B7624", "Running On-Demand Trn instances", group, false);
        });
    }

    private static Ec2VcpuQuota q(String code, String name, String group, boolean spot) {
        return new Ec2VcpuQuota(code, name, group, spot);
    }

    /** e.g. {@code on-demand P (L-417A185B)}. */
    public String label() {
        return (spot ? "spot " : "on-demand ") + group + " (" + code + ")";
    }
}
