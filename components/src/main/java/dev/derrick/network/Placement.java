package dev.derrick.network;

/** How close a pool's nodes are placed. Written {@code compact} or {@code none}. */
public enum Placement {
    /** Nodes close together for NCCL traffic: an EC2 cluster placement group on aws, GKE {@code COMPACT} placement on gcp. Single-zone. */
    COMPACT,
    /** No placement constraint. */
    NONE
}
