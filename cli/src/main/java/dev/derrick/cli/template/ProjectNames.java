package dev.derrick.cli.template;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pulumi's rules for project names and descriptions, as {@code pulumi new} applies them
 * (pulumi/pulumi {@code sdk/go/common/workspace/templates.go}: {@code ValidateProjectName},
 * {@code ValidateProjectDescription}, {@code getValidProjectName}).
 */
public final class ProjectNames {
    private static final Pattern VALID = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    /** Pulumi's fallback when nothing of the folder name is usable. */
    static final String DEFAULT = "project";

    private ProjectNames() {
    }

    /** Why {@code name} is not a valid Pulumi project name, or null when it is. */
    public static String problem(String name) {
        if (name.isEmpty()) {
            return "a project name may not be empty";
        }
        if (name.length() > 100) {
            return "a project name must be 100 characters or less";
        }
        if (!VALID.matcher(name).matches()) {
            return "a project name may only contain alphanumerics, hyphens, underscores and periods";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.equals("pulumi") || lower.startsWith("pulumi.")) {
            return "a project name must not be 'Pulumi' and must not start with 'Pulumi.'";
        }
        return null;
    }

    /** Why {@code description} is not a valid project description (at most 256 bytes), or null. */
    public static String descriptionProblem(String description) {
        return description.getBytes(StandardCharsets.UTF_8).length > 256 ? "a project description must be 256 characters or less" : null;
    }

    /** A valid name made from {@code name} (a folder name) by dropping the characters that break it, as pulumi new does. */
    public static String sanitize(String name) {
        if (problem(name) == null) {
            return name;
        }
        var result = new StringBuilder();
        for (int i = 0; i < name.length(); i++) {
            String candidate = result.toString() + name.charAt(i);
            if (problem(candidate) == null) {
                result.append(name.charAt(i));
            }
        }
        return result.length() == 0 ? DEFAULT : result.toString();
    }
}
