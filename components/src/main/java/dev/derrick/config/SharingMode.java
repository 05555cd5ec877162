package dev.derrick.config;

/** How a GPU pool's GPUs are shared between pods. Written as {@code mig} or {@code time-slicing}. */
public enum SharingMode {
    /** Multi-Instance GPU: each GPU is split into hardware-isolated instances of one profile. */
    MIG,
    /** Time-slicing: the device plugin advertises each GPU as several replicas that share it in time, without isolation. */
    TIME_SLICING
}
