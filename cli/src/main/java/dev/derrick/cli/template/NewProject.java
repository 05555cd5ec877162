package dev.derrick.cli.template;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.derrick.cli.UserInputException;
import dev.derrick.cli.template.internal.PartialCopy;
import dev.derrick.cli.template.internal.YamlText;
import dev.derrick.config.StackConfigLoader;
import dev.derrick.io.InputFiles;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Creates a project from a template the way {@code pulumi new <template> --yes} does, without the
 * Pulumi CLI: copies the files, replacing {@code ${PROJECT}} and {@code ${DESCRIPTION}} in every
 * text file (and {@code ${PROJECT}} in file names); drops Pulumi.yaml's {@code template:} section and
 * tags the project with {@code pulumi:template}; writes the template's config defaults and the
 * {@code --config} values to the stack's config file. Everything is written to a temporary folder
 * next to the target and renamed into place, so a failure leaves nothing behind. What differs from
 * {@code pulumi new} (no backend stack is created, secret defaults are refused) is in docs/TEMPLATES.md.
 */
public final class NewProject {
    public static final String PROJECT = "${PROJECT}";
    public static final String DESCRIPTION = "${DESCRIPTION}";
    /** Entries pulumi new ignores when it checks that the folder is empty. */
    private static final Set<String> INVISIBLE = Set.of(".git", ".hg", ".bzr");
    /** Files pulumi new does not copy. */
    private static final String LEGACY_MANIFEST = ".pulumi.template.yaml";
    private static final String APPEND_FILE = "Pulumi.yaml.append";
    private static final Pattern STACK_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private NewProject() {
    }

    /**
     * @param template    the template
     * @param templateArg the template as the user named it (recorded as the {@code pulumi:template} tag)
     * @param dir         the project folder: must not exist or be empty
     * @param name        the project name; null: the folder's name, made valid
     * @param description the project description; null: the template's
     * @param stack       the stack whose config file receives the config values (pulumi new's default: dev)
     * @param config      {@code KEY=VALUE} pairs; a key without a namespace belongs to the project
     * @param derrickVersion  the Derrick version written to the project's pom.xml ({@code derrick.version}); null: the template's
     * @param mavenRepository URL of the Maven repository Derrick is published to, written to the pom's {@code <repositories>}; null: none
     */
    public record Request(Template template, String templateArg, Path dir, String name, String description, String stack,
                          List<String> config, String derrickVersion, String mavenRepository) {
        public Request(Template template, String templateArg, Path dir, String name, String description, String stack, List<String> config) {
            this(template, templateArg, dir, name, description, stack, config, null, null);
        }
    }

    /**
     * @param dir       the created project folder
     * @param stackFile the stack config file written, relative to {@code dir}; null when no config was written
     * @param config    the config values written, by full key
     * @param files     every file created, relative to {@code dir}
     */
    public record Result(Path dir, String project, String description, String template, String stack, String stackFile,
                         Map<String, String> config, List<String> files, String quickstart) {
    }

    public static Result create(Request r) {
        Template t = r.template();
        Path target = r.dir().toAbsolutePath().normalize();
        String name = r.name() != null ? r.name()
                : t.projectName() != null && !t.projectName().equals(PROJECT) ? t.projectName()
                : ProjectNames.sanitize(target.getFileName() == null ? "" : target.getFileName().toString());
        String why = ProjectNames.problem(name);
        if (why != null) {
            throw new UserInputException("'" + name + "' is not a valid project name: " + why);
        }
        String description = r.description() != null ? r.description()
                : t.projectDescription() != null && !t.projectDescription().equals(DESCRIPTION) ? t.projectDescription()
                : t.description() == null ? "" : t.description();
        why = ProjectNames.descriptionProblem(description);
        if (why != null) {
            throw new UserInputException("--description: " + why + " (got " + description.length() + ")");
        }
        if (!STACK_NAME.matcher(r.stack()).matches()) {
            throw new UserInputException("--stack '" + r.stack() + "': a stack name may only contain alphanumerics, hyphens, underscores and periods");
        }
        Map<String, String> config = config(t, name, r.config());
        MavenCoordinates.check(r.derrickVersion(), r.mavenRepository());
        checkTarget(target, t.dir().toAbsolutePath().normalize());

        Path parent = target.getParent();
        Path firstCreated = firstMissing(parent);
        try (var partial = new PartialCopy()) {
            partial.track(null, firstCreated);
            Path temp = partial.write(() -> {
                Files.createDirectories(parent);
                return Files.createDirectory(parent.resolve("." + target.getFileName() + ".derrick-new-" + UUID.randomUUID().toString().substring(0, 8)));
            });
            partial.track(temp, firstCreated);
            var files = new ArrayList<String>();
            copy(partial, t.dir(), temp, temp, name, description, files);
            if (r.derrickVersion() != null || r.mavenRepository() != null) {
                partial.write(() -> {
                    MavenCoordinates.apply(temp.resolve("pom.xml"), t.name(), r.derrickVersion(), r.mavenRepository());
                    return null;
                });
            }
            JsonNode project = partial.write(() -> finishProjectFile(t, temp, name, description, r.templateArg()));
            String stackFile = null;
            if (!config.isEmpty()) {
                String stackDir = project.path("stackConfigDir").isTextual() ? project.path("stackConfigDir").asText() : ".";
                Path file = temp.resolve(stackDir).resolve("Pulumi." + r.stack() + ".yaml").normalize();
                if (!file.startsWith(temp)) {
                    throw new UserInputException(t.name() + ": stackConfigDir '" + stackDir + "' points outside the project");
                }
                partial.write(() -> {
                    writeConfig(file, config);
                    return null;
                });
                stackFile = temp.relativize(file).toString();
                if (!files.contains(stackFile)) {
                    files.add(stackFile);
                }
            }
            partial.write(() -> {
                publish(temp, target);
                partial.published();
                return null;
            });
            files.sort(Comparator.naturalOrder());
            return new Result(target, name, description, r.templateArg(), r.stack(), stackFile, config, List.copyOf(files), t.quickstart());
        } catch (IOException e) {
            throw new UserInputException("cannot create " + r.dir() + ": " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()));
        }
    }

    /** The config pulumi new --yes saves: template defaults (sorted by key), overridden and extended by --config. */
    static Map<String, String> config(Template t, String project, List<String> pairs) {
        var given = new LinkedHashMap<String, String>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            String key = qualify(eq < 0 ? pair : pair.substring(0, eq), project);
            given.put(key, eq < 0 ? "" : pair.substring(eq + 1));
            TemplateConfigValue declared = t.config().get(key);
            if (declared == null && key.startsWith(project + ":")) {
                declared = t.config().get(key.substring(project.length() + 1));
            }
            if (secret(key) || declared != null && declared.secret()) {
                // pulumi config set --secret encrypts with the stack's key, which only exists once the stack does.
                throw new UserInputException("--config " + key + ": a secret; derrick new never writes a secret in plain text. "
                        + "Leave it out, then in the new project run: pulumi stack init <stack> && pulumi config set --secret "
                        + (key.contains(".") ? "--path " : "") + key + " (it prompts for the value)");
            }
        }
        var out = new TreeMap<String, String>();
        var missing = new ArrayList<String>();
        for (var e : t.config().entrySet()) {
            String key = qualify(e.getKey(), project);
            if (given.containsKey(key)) {
                out.put(key, given.get(key));
                continue;
            }
            String value = e.getValue().defaultValue();
            if (value == null || value.isEmpty()) {
                // pulumi new asks for it; without a terminal to ask on, refuse rather than write a project whose first plan fails.
                missing.add(key + (e.getValue().description() == null ? "" : " (" + e.getValue().description() + ")"));
                continue;
            }
            if (e.getValue().secret()) {
                throw new UserInputException("template " + t.name() + ": " + key + " has a secret default that derrick new cannot encrypt; "
                        + "use pulumi new, or pass --config " + key + "=... and make it secret with pulumi config set --secret");
            }
            out.put(key, value);
        }
        if (!missing.isEmpty()) {
            throw new UserInputException("template " + t.name() + " needs a value for " + String.join(", ", missing)
                    + ", which has no default; pass " + String.join(" ", missing.stream().map(m -> "--config " + m.split(" ")[0] + "=VALUE").toList())
                    + " (nothing was written)");
        }
        given.forEach(out::putIfAbsent);
        return out;
    }

    /** Derrick's secret keys ({@link StackConfigLoader#SECRET_KEYS}), also when a path inside one is given. */
    static boolean secret(String key) {
        if (!key.startsWith("derrick:")) {
            return false;
        }
        String bare = key.substring("derrick:".length());
        int cut = bare.indexOf('.');
        return StackConfigLoader.SECRET_KEYS.contains(cut < 0 ? bare : bare.substring(0, cut));
    }

    /** The template's config keys (full keys) with no default that {@code pairs} give no value for: what pulumi new would ask for. */
    public static List<String> missing(Template t, String project, List<String> pairs) {
        var given = new java.util.HashSet<String>();
        for (String pair : pairs) {
            int eq = pair.indexOf('=');
            given.add(qualify(eq < 0 ? pair : pair.substring(0, eq), project));
        }
        var out = new ArrayList<String>();
        t.config().forEach((k, v) -> {
            String key = qualify(k, project);
            if (!given.contains(key) && (v.defaultValue() == null || v.defaultValue().isEmpty())) {
                out.add(key);
            }
        });
        return out;
    }

    private static String qualify(String key, String project) {
        int colon = key.indexOf(':');
        if (colon < 0) {
            if (key.isEmpty()) {
                throw new UserInputException("--config: empty key; write KEY=VALUE, e.g. --config derrick:environment=dev");
            }
            return project + ":" + key;
        }
        if (colon == 0 || colon == key.length() - 1) {
            throw new UserInputException("--config: '" + key + "' is not a config key; write namespace:name=value, e.g. derrick:environment=dev");
        }
        return key;
    }

    private static void checkTarget(Path target, Path templateDir) {
        if (target.getParent() == null) {
            throw new UserInputException(target + ": cannot create a project at the file system root");
        }
        if (target.startsWith(templateDir)) {
            throw new UserInputException(target + " is inside the template " + templateDir + "; create the project elsewhere");
        }
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        if (!Files.isDirectory(target)) {
            throw new UserInputException(target + " exists and is not a folder; pick a new or empty folder");
        }
        try (Stream<Path> entries = Files.list(target)) {
            if (entries.anyMatch(e -> !INVISIBLE.contains(e.getFileName().toString()))) {
                throw new UserInputException(target + " is not empty; pick a new or empty folder");
            }
        } catch (IOException e) {
            throw new UserInputException(target + ": cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static void copy(PartialCopy partial, Path from, Path to, Path root, String name, String description, List<String> files)
            throws IOException {
        List<Path> entries;
        try (Stream<Path> s = Files.list(from)) {
            entries = s.sorted().toList();
        }
        for (Path source : entries) {
            String n = source.getFileName().toString();
            BasicFileAttributes attrs = Files.readAttributes(source, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            if (attrs.isSymbolicLink()) {
                // A link could name any file of the machine (/etc/shadow) or a pipe; a template is copied, never followed.
                throw new UserInputException(source + ": the template holds a symbolic link; Derrick copies only regular files "
                        + "and folders from a template: replace the link with the file");
            }
            if (attrs.isDirectory()) {
                if (n.equals(".git")) {
                    continue;
                }
                Path dir = partial.write(() -> Files.createDirectory(to.resolve(n)));
                copy(partial, source, dir, root, name, description, files);
            } else if (!attrs.isRegularFile()) {
                throw new UserInputException(source + ": the template holds a special file (a pipe, device or socket); "
                        + "remove it from the template");
            } else if (!n.equals(LEGACY_MANIFEST)) {
                // As pulumi new: file names get ${PROJECT} (and ${DESCRIPTION} becomes empty); folder names are kept.
                Path dest = to.resolve(n.replace(PROJECT, name).replace(DESCRIPTION, ""));
                byte[] bytes = InputFiles.readBytes(source, source.toString(), InputFiles.TEMPLATE_FILE_MAX_BYTES);
                partial.write(() -> {
                    Files.write(dest, binary(bytes) ? bytes : replace(replace(bytes, PROJECT, name), DESCRIPTION, description),
                            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                    copyMode(source, dest);
                    return null;
                });
                files.add(root.relativize(dest).toString());
            }
        }
    }

    /** Git's test, which pulumi new uses: a zero byte in the first 8000 bytes. */
    static boolean binary(byte[] bytes) {
        for (int i = 0; i < Math.min(bytes.length, 8000); i++) {
            if (bytes[i] == 0) {
                return true;
            }
        }
        return false;
    }

    /** Byte-wise replacement, so text in any encoding passes through unchanged around the placeholders. */
    static byte[] replace(byte[] bytes, String placeholder, String value) {
        byte[] p = placeholder.getBytes(StandardCharsets.UTF_8);
        byte[] v = value.getBytes(StandardCharsets.UTF_8);
        var out = new java.io.ByteArrayOutputStream(bytes.length);
        int i = 0;
        while (i < bytes.length) {
            if (i <= bytes.length - p.length && java.util.Arrays.equals(bytes, i, i + p.length, p, 0, p.length)) {
                out.write(v, 0, v.length);
                i += p.length;
            } else {
                out.write(bytes[i++]);
            }
        }
        return out.toByteArray();
    }

    /** At least owner read/write, plus whatever the template file had (keeps the executable bit). */
    private static void copyMode(Path source, Path dest) throws IOException {
        var view = Files.getFileAttributeView(dest, PosixFileAttributeView.class);
        if (view == null) {
            return;
        }
        Set<PosixFilePermission> perms = EnumSet.copyOf(Files.getPosixFilePermissions(source));
        perms.add(PosixFilePermission.OWNER_READ);
        perms.add(PosixFilePermission.OWNER_WRITE);
        view.setPermissions(perms);
    }

    /**
     * Pulumi.yaml as pulumi new leaves it: name and description set, no {@code template:} section,
     * {@code config.pulumi:tags.value.pulumi:template} naming the template. The file is edited in
     * place when that reproduces the result exactly (comments kept), else rewritten from the tree.
     */
    private static JsonNode finishProjectFile(Template t, Path temp, String name, String description, String templateArg) throws IOException {
        Path file = temp.resolve(Template.PROJECT_FILE);
        Files.deleteIfExists(temp.resolve(APPEND_FILE));
        JsonNode parsed = substitute(YamlText.parse(t.dir().resolve(Template.PROJECT_FILE)), name, description);
        if (!parsed.isObject()) {
            throw new UserInputException(t.dir().resolve(Template.PROJECT_FILE) + ": not a map of project settings");
        }
        ObjectNode expected = (ObjectNode) parsed;
        expected.put("name", name);
        expected.put("description", description);
        expected.remove("template");
        boolean tagsExisted = false;
        JsonNode config = expected.get("config");
        if (config == null || config.isNull() || config.isObject()) {
            ObjectNode c = config instanceof ObjectNode o ? o : expected.putObject("config");
            tagsExisted = c.has("pulumi:tags");
            JsonNode tags = c.get("pulumi:tags");
            ObjectNode value;
            if (tags instanceof ObjectNode to && to.get("value") instanceof ObjectNode vo) {
                value = vo;
            } else {
                value = c.putObject("pulumi:tags").putObject("value");
            }
            value.put("pulumi:template", templateArg);
        }
        String text = YamlText.removeTopLevel(InputFiles.readText(file, InputFiles.CONFIG_MAX_BYTES), "template");
        if (!tagsExisted && expected.get("config") != null) {
            text = YamlText.setEntries(text, "config", Map.of("pulumi:tags", List.of(
                    "pulumi:tags:", "  value:", "    pulumi:template: " + YamlText.scalar(templateArg))));
        }
        Files.writeString(file, text != null && YamlText.sameAs(text, expected) ? text : YamlText.write(expected));
        return expected;
    }

    /** The template's tree with the placeholders replaced in every string, as the text substitution would read back. */
    private static JsonNode substitute(JsonNode node, String name, String description) {
        if (node.isTextual()) {
            return TextNode.valueOf(node.asText().replace(PROJECT, name).replace(DESCRIPTION, description));
        }
        if (node.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                out.set(e.getKey().replace(PROJECT, name).replace(DESCRIPTION, description), substitute(e.getValue(), name, description));
            }
            return out;
        }
        if (node.isArray()) {
            var out = JsonNodeFactory.instance.arrayNode();
            node.forEach(e -> out.add(substitute(e, name, description)));
            return out;
        }
        return node;
    }

    /** Sets the values under {@code config:} of the stack file (created when absent), keeping the rest of it. */
    private static void writeConfig(Path file, Map<String, String> values) throws IOException {
        String text = Files.exists(file, LinkOption.NOFOLLOW_LINKS) ? InputFiles.readText(file, InputFiles.CONFIG_MAX_BYTES) : "";
        JsonNode tree;
        try {
            tree = YamlText.parse(text);
        } catch (IllegalArgumentException e) {
            throw new UserInputException(file.getFileName() + " of the template: " + e.getMessage());
        }
        if (!tree.isObject() || tree.has("config") && !tree.get("config").isNull() && !tree.get("config").isObject()) {
            throw new UserInputException(file.getFileName() + " of the template: config must be a map of key: value");
        }
        ObjectNode expected = (ObjectNode) tree;
        ObjectNode config = expected.get("config") instanceof ObjectNode o ? o : expected.putObject("config");
        var entries = new LinkedHashMap<String, List<String>>();
        values.forEach((k, v) -> {
            config.put(k, v);
            entries.put(k, List.of(YamlText.key(k) + ": " + YamlText.scalar(v)));
        });
        String edited = YamlText.setEntries(text, "config", entries);
        Files.createDirectories(file.getParent());
        Files.writeString(file, edited != null && YamlText.sameAs(edited, expected) ? edited : YamlText.write(expected));
    }

    /** Renames the finished folder into place: one atomic rename when the target is absent or empty. */
    private static void publish(Path temp, Path target) throws IOException {
        if (!Files.exists(target, LinkOption.NOFOLLOW_LINKS)) {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            return;
        }
        boolean empty;
        try (Stream<Path> s = Files.list(target)) {
            empty = s.findAny().isEmpty();
        }
        if (empty) {
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (FileAlreadyExistsException | AtomicMoveNotSupportedException e) {
                // rename(2) replaces an empty folder on Linux; elsewhere remove it first.
                Files.delete(target);
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
            }
            return;
        }
        // The folder holds only .git (or .hg, .bzr): move the entries in one by one, undoing on failure.
        var moved = new ArrayList<Path>();
        List<Path> entries;
        try (Stream<Path> s = Files.list(temp)) {
            entries = s.toList();
        }
        try {
            for (Path e : entries) {
                Path dest = target.resolve(e.getFileName().toString());
                Files.move(e, dest, StandardCopyOption.ATOMIC_MOVE);
                moved.add(dest);
            }
        } catch (IOException e) {
            for (Path m : moved) {
                Files.move(m, temp.resolve(m.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
            throw e;
        }
        Files.delete(temp);
    }

    private static Path firstMissing(Path dir) {
        Path missing = null;
        for (Path cur = dir; cur != null && !Files.exists(cur); cur = cur.getParent()) {
            missing = cur;
        }
        return missing;
    }

}
