package dev.derrick.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.derrick.io.InputFileException;
import dev.derrick.io.InputFiles;
import dev.derrick.io.StrictYaml;

/**
 * Reads a stack's config the way the Pulumi CLI assembles it: project-level values from
 * {@code Pulumi.yaml} are the defaults, {@code <stackConfigDir>/Pulumi.<stack>.yaml} overrides
 * them key by key. {@code secure:} values stay marked secret (offline they stay ciphertext).
 */
public final class StackFiles {
    private static final ObjectMapper JSON = new ObjectMapper();
    public static final String PROJECT_FILE = "Pulumi.yaml";
    /** A config key: {@code [namespace:]name}, ASCII only (a Cyrillic look-alike would silently be another namespace). */
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");
    private static final Pattern ASCII_KEY = Pattern.compile("[A-Za-z0-9_.:-]+");

    private StackFiles() {
    }

    /** The project's name and stack folder, from {@code Pulumi.yaml}. */
    public record Project(Path dir, String name, String stackConfigDir, JsonNode config) {
        public Path stackFile(String stack) {
            return dir.resolve(stackConfigDir).resolve("Pulumi." + stack + ".yaml");
        }

        /** Stack names found in the stack folder; a ConfigException when the folder cannot be listed. */
        public List<String> stacks() {
            var out = new TreeSet<String>();
            try (Stream<Path> files = Files.list(dir.resolve(stackConfigDir))) {
                files.forEach(f -> {
                    String n = f.getFileName().toString();
                    if (n.startsWith("Pulumi.") && n.endsWith(".yaml") && n.length() > "Pulumi..yaml".length()) {
                        out.add(n.substring("Pulumi.".length(), n.length() - ".yaml".length()));
                    }
                });
            } catch (java.nio.file.NoSuchFileException e) {
                return List.of();
            } catch (IOException | java.io.UncheckedIOException e) {
                throw single(display(dir, dir.resolve(stackConfigDir)), "stackConfigDir", "the stack folder cannot be read ("
                        + (e instanceof java.nio.file.AccessDeniedException ? "permission denied" : e.getClass().getSimpleName()) + ")",
                        null, "check the folder's permissions");
            }
            return List.copyOf(out);
        }
    }

    public static Project project(Path dir) {
        Path file = dir.resolve(PROJECT_FILE);
        JsonNode root = read(file, PROJECT_FILE);
        String name = root.path("name").asText(null);
        if (name == null || name.isBlank()) {
            throw single(PROJECT_FILE, "name", "required value is missing", null, "set name: <project> in Pulumi.yaml");
        }
        String stackDir = root.path("stackConfigDir").asText(".");
        return new Project(dir, name, stackDir, root.path("config"));
    }

    /** The config of stack {@code stack} in the project at {@code dir}. */
    public static RawConfig load(Path dir, String stack) {
        if (!STACK_NAME.matcher(stack).matches()) {
            throw single("-s", "stack", "not a stack name", "\"" + printable(stack) + "\"",
                    "a stack name has letters, digits, - _ . only");
        }
        Project project = project(dir);
        Path stackFile = project.stackFile(stack);
        if (!Files.exists(stackFile)) {
            List<String> known = project.stacks();
            throw single(display(dir, stackFile), "stack", "no such stack", "\"" + printable(stack) + "\"",
                    known.isEmpty() ? "the stack folder has no Pulumi.<stack>.yaml files" : "known stacks: " + String.join(", ", known));
        }
        return load(project, stackFile, stack);
    }

    /** The config in a stack file given by path; the stack name is taken from {@code Pulumi.<stack>.yaml}. */
    public static RawConfig loadFile(Path dir, Path stackFile) {
        return loadFile(dir, stackFile, null);
    }

    /**
     * The config in a stack file given by path, as stack {@code stack}; null: the stack named by the file
     * ({@code Pulumi.<stack>.yaml}). A file named otherwise needs {@code stack}: its name is not a stack name.
     */
    public static RawConfig loadFile(Path dir, Path stackFile, String stack) {
        Project project = project(dir);
        String n = stackFile.getFileName().toString();
        String named = n.startsWith("Pulumi.") && n.endsWith(".yaml") && n.length() > 12 ? n.substring(7, n.length() - 5) : null;
        if (!Files.exists(stackFile)) {
            throw single(stackFile.toString(), "file", "no such file", null, "give the path of a Pulumi.<stack>.yaml file");
        }
        if (stack == null && named == null) {
            throw single(stackFile.toString(), "file", "is not named Pulumi.<stack>.yaml, so its stack name is unknown (Derrick names clouds' resources after it)",
                    "\"" + n + "\"", "pass the stack name with -s STACK, or rename the file Pulumi.<stack>.yaml");
        }
        return load(project, stackFile, stack != null ? stack : named);
    }

    private static RawConfig load(Project project, Path stackFile, String stack) {
        var values = new LinkedHashMap<String, RawValue>();
        var problems = new ArrayList<ConfigError>();
        // Project-level defaults: a bare key belongs to the project's namespace.
        for (Iterator<Map.Entry<String, JsonNode>> it = project.config().fields(); it.hasNext(); ) {
            var e = it.next();
            JsonNode decl = e.getValue();
            JsonNode value = decl.isObject() ? (decl.has("value") ? decl.get("value") : decl.get("default")) : decl;
            if (value != null && !value.isNull()) {
                put(values, qualify(project.name(), e.getKey()), value, PROJECT_FILE, problems);
            }
        }
        String display = display(project.dir(), stackFile);
        JsonNode root = read(stackFile, display);
        JsonNode config = root.path("config");
        if (!config.isMissingNode() && !config.isNull() && !config.isObject()) {
            throw single(display, "config", "must be a map of key: value", null, "write config: followed by indented key: value lines");
        }
        var written = new LinkedHashMap<String, String>();
        for (Iterator<Map.Entry<String, JsonNode>> it = config.fields(); it.hasNext(); ) {
            var e = it.next();
            String key = e.getKey();
            if (!ASCII_KEY.matcher(key).matches()) {
                problems.add(new ConfigError(display, "config." + StrictYaml.printable(key),
                        "key has characters other than ASCII letters, digits and -_.: (a look-alike letter?)", null,
                        "retype the key in plain ASCII, e.g. derrick:clusters"));
                continue;
            }
            String full = qualify(project.name(), key);
            String earlier = written.putIfAbsent(full, key);
            if (earlier != null) {
                problems.add(new ConfigError(display, full, "given twice (as " + earlier + " and as " + key + ")", null,
                        "keep one of them"));
                continue;
            }
            if (e.getValue().isNull()) {
                problems.add(new ConfigError(display, full, "has no value (empty or ~)", null,
                        "give it a value, or remove the line to use the default"));
                continue;
            }
            put(values, full, e.getValue(), display, problems);
        }
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new RawConfig(values, stack, display);
    }

    private static String qualify(String project, String key) {
        return key.contains(":") ? key : project + ":" + key;
    }

    private static void put(Map<String, RawValue> values, String key, JsonNode value, String file, List<ConfigError> problems) {
        boolean[] secret = {false};
        JsonNode plain = unwrapSecure(value, secret);
        if (plain == null) {
            problems.add(new ConfigError(file, key, "secure value must be a string", "[secret]", "set it with pulumi config set --secret"));
            return;
        }
        String text;
        if (plain.isObject() || plain.isArray()) {
            try {
                text = JSON.writeValueAsString(plain);
            } catch (JsonProcessingException ex) {
                throw new IllegalStateException(ex);
            }
        } else {
            text = plain.asText();
        }
        values.put(key, new RawValue(text, secret[0], file));
    }

    /** Replaces every {@code {secure: x}} with x, noting that the key is secret (Pulumi treats the whole key as secret). */
    private static JsonNode unwrapSecure(JsonNode node, boolean[] secret) {
        if (node.isObject() && node.size() == 1 && node.has("secure")) {
            secret[0] = true;
            JsonNode s = node.get("secure");
            return s.isTextual() ? s : null;
        }
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                JsonNode v = unwrapSecure(e.getValue(), secret);
                if (v == null) {
                    return null;
                }
                out.set(e.getKey(), v);
            }
            return out;
        }
        if (node.isArray()) {
            var out = JSON.createArrayNode();
            for (JsonNode e : node) {
                JsonNode v = unwrapSecure(e, secret);
                if (v == null) {
                    return null;
                }
                out.add(v);
            }
            return out;
        }
        return node;
    }

    private static JsonNode read(Path file, String display) {
        JsonNode n;
        try {
            n = StrictYaml.parse(InputFiles.readText(file, display, InputFiles.CONFIG_MAX_BYTES));
        } catch (InputFileException e) {
            if (e.problem().equals("no such file")) {
                throw single(display, "file", "not found", null, "run from the project folder (the one with Pulumi.yaml) or pass --project-dir");
            }
            throw single(display, "file", e.problem(), null, e.hint());
        } catch (StrictYaml.YamlProblem e) {
            throw single(display, e.where(), "malformed YAML: " + e.problem(), null, "fix the indentation or quoting there");
        }
        if (n != null && !n.isNull() && !n.isObject()) {
            throw single(display, "file", "must be a YAML map (with a config: section), not " + (n.isArray() ? "a list" : "a plain value"),
                    null, "start the file with config: and indented key: value lines");
        }
        return n == null || n.isNull() ? JSON.createObjectNode() : n;
    }

    private static String printable(String s) {
        return StrictYaml.printable(s);
    }

    private static String display(Path dir, Path file) {
        try {
            return dir.toAbsolutePath().normalize().relativize(file.toAbsolutePath().normalize()).toString();
        } catch (IllegalArgumentException e) {
            return file.toString();
        }
    }

    private static ConfigException single(String file, String path, String problem, String value, String hint) {
        return new ConfigException(List.of(new ConfigError(file, path, problem, value, hint)));
    }
}
