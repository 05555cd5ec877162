package dev.derrick.kueue;

/**
 * What one team's nominal GPU quota on one pool costs when the team uses all of it: its share of the pool's node-hours.
 *
 * @param cluster        cluster name
 * @param team           team (ClusterQueue) name
 * @param pool           pool (flavor) name
 * @param quota          the team's nominal quota there, in the pool's {@code nvidia.com/gpu} units
 * @param unit           what a unit is (GPUs, MIG instances, time-sliced shares)
 * @param unitsAtMax     what the pool advertises at max scale
 * @param usdPerUnitHour the pool's price per node-hour divided by the units per node; null when the pool is unpriced
 */
public record TeamShare(String cluster, String team, String pool, int quota, String unit, int unitsAtMax, Double usdPerUnitHour) {
    /** Price per hour at full quota; null when the pool is unpriced. */
    public Double usdPerHour() {
        return usdPerUnitHour == null ? null : usdPerUnitHour * quota;
    }

    /** The team's fraction of the pool at max scale. */
    public double fractionOfPool() {
        return unitsAtMax == 0 ? 0 : (double) quota / unitsAtMax;
    }
}
