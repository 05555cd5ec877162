package dev.derrick.config;

/** Where a cluster runs. Written in config as {@code aws}, {@code gcp}, {@code azure}, {@code onprem}. */
public enum Target {
    AWS, GCP, AZURE, ONPREM
}
