package dev.derrick.config;

/**
 * Who installs the NVIDIA driver and container toolkit on a cluster's GPU nodes. Written as
 * {@code preinstalled} or {@code operator}.
 */
public enum GpuDriver {
    /** The node image carries them (EKS AL2023 NVIDIA AMI, AKS GPU images, GKE's own installer, DGX OS); the GPU operator leaves them alone. */
    PREINSTALLED,
    /** The NVIDIA GPU operator installs the driver and the container toolkit as containers on each GPU node. */
    OPERATOR
}
