package dev.derrick.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import dev.derrick.cli.UserInputException;
import dev.derrick.cli.template.internal.YamlText;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * A Pulumi project template: a folder whose Pulumi.yaml has a {@code template:} section (the
 * format {@code pulumi new} reads; see docs/TEMPLATES.md for the sources).
 *
 * @param name               the folder's name, e.g. {@code aws-gpu-training}
 * @param dir                the folder
 * @param description        {@code template.description}
 * @param quickstart         {@code template.quickstart}: printed after the project is created; may be null
 * @param projectName        the template's {@code name:} ({@code ${PROJECT}} in Derrick's templates)
 * @param projectDescription the template's {@code description:} ({@code ${DESCRIPTION}} in Derrick's templates)
 * @param config             {@code template.config}, sorted by key
 */
public record Template(String name, Path dir, String description, String quickstart, String projectName,
                       String projectDescription, Map<String, TemplateConfigValue> config) {
    public static final String PROJECT_FILE = "Pulumi.yaml";

    public Template {
        config = Collections.unmodifiableMap(new TreeMap<>(config));
    }

    /** Reads the template in {@code dir}; exit 2 with one line when its Pulumi.yaml is unusable. */
    public static Template load(Path dir) {
        Path file = dir.resolve(PROJECT_FILE);
        if (!Files.isRegularFile(file)) {
            throw new UserInputException(dir + ": not a template (no " + PROJECT_FILE + ")");
        }
        JsonNode root = YamlText.parse(file);
        JsonNode t = root.path("template");
        var config = new TreeMap<String, TemplateConfigValue>();
        for (Iterator<Map.Entry<String, JsonNode>> it = t.path("config").fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode v = e.getValue();
            JsonNode def = v.path("default");
            if (!def.isMissingNode() && !def.isNull() && !def.isValueNode()) {
                throw new UserInputException(file + ": template.config." + e.getKey() + ".default must be a single value, not a map or list");
            }
            config.put(e.getKey(), new TemplateConfigValue(text(v.path("description")),
                    def.isMissingNode() || def.isNull() ? null : def.asText(), v.path("secret").asBoolean(false)));
        }
        return new Template(dir.getFileName().toString(), dir, text(t.path("description")), text(t.path("quickstart")),
                text(root.path("name")), text(root.path("description")), config);
    }

    private static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? null : n.asText();
    }

    /** What {@code --list} shows: the template's description, else the project's when it is not a placeholder. */
    public String summary() {
        if (description != null && !description.isBlank()) {
            return description;
        }
        return projectDescription != null && !projectDescription.equals(NewProject.DESCRIPTION) ? projectDescription : "";
    }
}
