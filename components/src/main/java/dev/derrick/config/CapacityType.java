package dev.derrick.config;

/** How a pool's nodes are bought. Written as {@code on-demand}, {@code spot}, {@code reserved}. */
public enum CapacityType {
    ON_DEMAND, SPOT, RESERVED
}
