package dev.derrick.config;

/**
 * Who can reach a cluster's Kubernetes API. Written as {@code private}, {@code public},
 * {@code public-and-private}. On EKS this maps to {@code endpointPrivateAccess} /
 * {@code endpointPublicAccess}.
 */
public enum EndpointAccess {
    PRIVATE, PUBLIC, PUBLIC_AND_PRIVATE;

    public boolean privateAccess() {
        return this != PUBLIC;
    }

    public boolean publicAccess() {
        return this != PRIVATE;
    }
}
