package dev.derrick.policy;

/**
 * One thing a policy found wrong.
 *
 * @param resource what is wrong: a config path ({@code derrick:clusters[0].nodePools[1]}) or a resource name
 * @param why      what is wrong with it
 * @param fix      how to fix it
 */
public record Violation(String resource, String why, String fix) {
}
