package dev.derrick.catalog;

/**
 * The node-to-node GPU fabric of an instance type, where the catalog records one.
 *
 * @param kind       {@code efa} (AWS Elastic Fabric Adapter), {@code gpudirect-tcpx} / {@code gpudirect-tcpxo} (GCP A3 High /
 *                   A3 Mega: extra GPU NICs, one VPC each); InfiniBand is not recorded
 * @param interfaces EFA: the most EFA interfaces the type takes (EC2 {@code EfaInfo.MaximumEfaInterfaces}); GPUDirect: the
 *                   extra GPU networks
 * @param source     where the count comes from
 */
public record Fabric(String kind, int interfaces, Source source) {
    public static final String EFA = "efa";
    public static final String GPUDIRECT_TCPX = "gpudirect-tcpx";
    public static final String GPUDIRECT_TCPXO = "gpudirect-tcpxo";

    public boolean gpuDirect() {
        return kind.startsWith("gpudirect-");
    }
}
