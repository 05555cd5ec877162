package dev.derrick.cli.template;

/**
 * One config prompt of a template ({@code template.config.<key>} in its Pulumi.yaml).
 *
 * @param description shown with the prompt
 * @param defaultValue the value used when none is given; null when the template names none
 * @param secret      whether {@code pulumi new} encrypts the value
 */
public record TemplateConfigValue(String description, String defaultValue, boolean secret) {
}
