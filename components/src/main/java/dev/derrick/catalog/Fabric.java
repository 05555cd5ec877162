package dev.derrick.catalog;

/**
 * The node-to-node GPU fabric of an instance type, where the catalog records one.
 *
 * @param kind       {@code efa} (AWS Elastic Fabric Adapter); other fabrics (GPUDirect-TCPX/TCPXO, InfiniBand) are not
 *                   recorded yet
 * @param interfaces the most fabric interfaces the type takes (EC2 {@code EfaInfo.MaximumEfaInterfaces})
 * @param source     where the count comes from
 */
public record Fabric(String kind, int interfaces, Source source) {
    public static final String EFA = "efa";
}
