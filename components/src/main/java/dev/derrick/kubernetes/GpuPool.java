package dev.derrick.kubernetes;

/**
 * A GPU node pool as monitoring sees it: the value of its nodes' {@code derrick.dev/pool} label and
 * the GPUs each node is declared to have (what {@code NodeGpuCountBelowDeclared} compares against).
 *
 * @param name        the pool name, equal to the node label {@code derrick.dev/pool}
 * @param gpusPerNode GPUs per node of the pool's instance type, at least 1
 */
public record GpuPool(String name, int gpusPerNode) {
    public GpuPool {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a GPU pool needs a name");
        }
        if (gpusPerNode < 1) {
            throw new IllegalArgumentException("GPU pool " + name + " must declare at least 1 GPU per node, not " + gpusPerNode);
        }
    }
}
