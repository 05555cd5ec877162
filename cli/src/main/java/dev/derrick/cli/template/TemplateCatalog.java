package dev.derrick.cli.template;

import dev.derrick.cli.UserInputException;
import dev.derrick.config.internal.Suggest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The templates in one folder (Derrick's {@code templates/}): every sub-folder with a Pulumi.yaml. */
public final class TemplateCatalog {
    private final Path root;

    public TemplateCatalog(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** Derrick's templates folder: the {@code templates/} next to the code that runs (the checkout the jar was built in). */
    public static Path locate(Path codeLocation, String projectDirEnv) {
        Path cur = codeLocation == null ? null : codeLocation.toAbsolutePath().normalize();
        for (int i = 0; cur != null && i < 4; i++, cur = cur.getParent()) {
            if (holdsTemplates(cur.resolve("templates"))) {
                return cur.resolve("templates");
            }
        }
        if (projectDirEnv != null && !projectDirEnv.isBlank() && holdsTemplates(Path.of(projectDirEnv, "templates"))) {
            return Path.of(projectDirEnv, "templates");
        }
        throw new UserInputException("cannot find Derrick's templates folder; pass --templates-dir <derrick checkout>/templates");
    }

    private static boolean holdsTemplates(Path dir) {
        return Files.isDirectory(dir) && !new TemplateCatalog(dir).names().isEmpty();
    }

    public List<String> names() {
        try (Stream<Path> dirs = Files.list(root)) {
            return dirs.filter(d -> Files.isDirectory(d) && !d.getFileName().toString().equals(".git")
                            && Files.isRegularFile(d.resolve(Template.PROJECT_FILE)))
                    .map(d -> d.getFileName().toString()).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public List<Template> list() {
        return names().stream().map(n -> Template.load(root.resolve(n))).toList();
    }

    /**
     * A template by name, or by path to a template folder (as {@code pulumi new ./path} takes);
     * exit 2 with a suggestion when there is none.
     */
    public Template find(String nameOrPath) {
        List<String> names = names();
        if (names.contains(nameOrPath)) {
            return Template.load(root.resolve(nameOrPath));
        }
        Path path = Path.of(nameOrPath);
        if (Files.isRegularFile(path.resolve(Template.PROJECT_FILE))) {
            return Template.load(path);
        }
        String guess = Suggest.closest(nameOrPath, names);
        throw new UserInputException("unknown template '" + nameOrPath + "'"
                + (guess != null ? " (did you mean " + guess + "?)" : "") + "; templates: " + String.join(", ", names)
                + " (./derrick new --list describes them)");
    }
}
