package dev.derrick.cli;

import dev.derrick.cli.render.JsonRenderer;
import dev.derrick.cli.template.NewProject;
import dev.derrick.cli.template.Template;
import dev.derrick.cli.template.TemplateCatalog;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

@Command(name = "new",
        mixinStandardHelpOptions = true,
        description = {
                "Create a project from one of Derrick's templates, as `pulumi new <derrick>/templates/TEMPLATE --yes` would: "
                        + "$${PROJECT} and $${DESCRIPTION} replaced in every file, the template section removed from Pulumi.yaml, "
                        + "the template's config defaults and --config values written to the stack's config file. "
                        + "No Pulumi CLI needed; no backend stack is created (pulumi stack init does that).",
                "Nothing is left behind on failure: the project is written next to DIR and renamed into place."})
final class NewCommand implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "TEMPLATE", description = "Template name (see --list) or path to a template folder.")
    String template;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR", description = "Project folder to create: new, or empty.")
    Path dir;

    @Option(names = {"-l", "--list"}, description = "List the templates with their descriptions and config prompts.")
    boolean list;

    @Option(names = {"-n", "--name"}, paramLabel = "NAME", description = "Project name (default: DIR's name, made valid as pulumi new does).")
    String name;

    @Option(names = {"-d", "--description"}, paramLabel = "TEXT", description = "Project description (default: the template's).")
    String description;

    @Option(names = {"-c", "--config"}, paramLabel = "KEY=VALUE",
            description = "Config value for the stack (repeatable); overrides the template's default. A key without namespace: is the project's.")
    List<String> config = new ArrayList<>();

    @Option(names = {"-s", "--stack"}, paramLabel = "STACK", defaultValue = "dev",
            description = "Stack whose config file (Pulumi.<STACK>.yaml) receives the config (default: ${DEFAULT-VALUE}).")
    String stack;

    @Option(names = "--maven-repository", paramLabel = "URL",
            description = "Maven repository Derrick is published to (scripts/release --repository): written to the project's pom.xml "
                    + "as <repositories> id derrick, so its build and CI resolve Derrick from there. Default: none (the local repository).")
    String mavenRepository;

    @Option(names = "--derrick-version", paramLabel = "VERSION",
            description = "Derrick version the project builds against (pom.xml derrick.version). Default: this Derrick's version.")
    String derrickVersion;

    @Option(names = "--templates-dir", paramLabel = "DIR",
            description = "Folder of templates (default: templates/ of the Derrick checkout this command runs from).")
    Path templatesDir;

    @Option(names = {"-o", "--output"}, paramLabel = "FORMAT", defaultValue = "text", description = "text (default) or json.")
    Output output;

    @Option(names = "--debug", description = "Print stack traces of internal errors.")
    boolean debug;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        output.textOrJson("new");
        var catalog = new TemplateCatalog(templatesDir != null ? templatesDir : TemplateCatalog.locate(codeLocation(),
                System.getenv("DERRICK_HOME") != null ? System.getenv("DERRICK_HOME") : System.getenv("DERRICK_PROJECT_DIR")));
        var out = spec.commandLine().getOut();
        if (list) {
            if (template != null) {
                throw new UserInputException("new --list takes no TEMPLATE or DIR");
            }
            out.print(output == Output.json ? JsonRenderer.write(listJson(catalog.list())) : listText(catalog.list()));
            out.flush();
            return ExitCodes.OK;
        }
        if (template == null || dir == null) {
            throw new UserInputException("new needs TEMPLATE and DIR, e.g. ./derrick new aws-gpu-training ../my-project (templates: "
                    + String.join(", ", catalog.names()) + ")");
        }
        Template t = catalog.find(template);
        askForMissing(t);
        if (derrickVersion == null) {
            derrickVersion = DerrickCommand.class.getPackage().getImplementationVersion(); // null when not run from the jar: the template's
        }
        var result = NewProject.create(new NewProject.Request(t, template, dir, name, description, stack, config, derrickVersion, mavenRepository));
        out.print(output == Output.json ? JsonRenderer.write(resultJson(result)) : resultText(result));
        out.flush();
        return ExitCodes.OK;
    }

    /** As pulumi new prompts: on a terminal, ask for each template value without a default that --config did not give. */
    private void askForMissing(Template t) {
        java.io.Console console = System.console();
        if (console == null || output != Output.text) {
            return; // NewProject refuses with exit 2 and names each missing --config
        }
        String project = name != null ? name : dev.derrick.cli.template.ProjectNames.sanitize(dir.getFileName() == null ? "" : dir.getFileName().toString());
        for (String key : NewProject.missing(t, project, config)) {
            var value = t.config().entrySet().stream().filter(e -> key.equals(e.getKey()) || key.equals(project + ":" + e.getKey()))
                    .map(e -> e.getValue()).findFirst().orElse(null);
            String answer = console.readLine("%s%s: ", key, value == null || value.description() == null ? "" : " (" + value.description() + ")");
            if (answer != null && !answer.isBlank()) {
                config.add(key + "=" + answer.strip());
            }
        }
    }

    private static Path codeLocation() {
        try {
            return Path.of(NewCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static String listText(List<Template> templates) {
        int width = templates.stream().mapToInt(t -> t.name().length()).max().orElse(0);
        var sb = new StringBuilder();
        for (Template t : templates) {
            sb.append(String.format("%-" + width + "s  %s%n", t.name(), t.summary()));
            t.config().forEach((k, v) -> sb.append(String.format("%-" + width + "s    config %s (%s)%s%n", "", k,
                    v.defaultValue() == null ? "no default" : "default: " + v.defaultValue(),
                    v.description() == null ? "" : ": " + v.description())));
        }
        return sb.toString();
    }

    private static List<Object> listJson(List<Template> templates) {
        var out = new ArrayList<Object>();
        for (Template t : templates) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("name", t.name());
            doc.put("description", t.summary());
            Map<String, Object> config = new LinkedHashMap<>();
            t.config().forEach((k, v) -> {
                Map<String, Object> c = new LinkedHashMap<>();
                c.put("description", v.description());
                c.put("default", v.defaultValue());
                c.put("secret", v.secret());
                config.put(k, c);
            });
            doc.put("config", config);
            out.add(doc);
        }
        return out;
    }

    private String resultText(NewProject.Result r) {
        String shown = dir.toString();
        var sb = new StringBuilder();
        sb.append("Created project '").append(r.project()).append("' in ").append(shown).append(" from template ").append(r.template()).append('\n');
        if (r.stackFile() != null) {
            sb.append("Saved config in ").append(r.stackFile()).append(": ");
            sb.append(String.join(", ", r.config().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())).append('\n');
        }
        if (derrickVersion != null) {
            sb.append("Builds against Derrick ").append(derrickVersion).append(" (pom.xml derrick.version), from ")
                    .append(mavenRepository != null ? mavenRepository : "the local Maven repository (no --maven-repository given)").append('\n');
        }
        sb.append('\n').append("Plan it offline:  ./derrick plan --project-dir ").append(shown).append(" -s ").append(r.stack()).append('\n');
        if (r.quickstart() != null && !r.quickstart().isBlank()) {
            sb.append(r.quickstart().strip()).append('\n');
        }
        return sb.toString();
    }

    private Map<String, Object> resultJson(NewProject.Result r) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("project", r.project());
        doc.put("description", r.description());
        doc.put("template", r.template());
        doc.put("directory", r.dir().toString());
        doc.put("stack", r.stack());
        doc.put("stackFile", r.stackFile());
        doc.put("config", r.config());
        doc.put("files", r.files());
        doc.put("derrickVersion", derrickVersion);
        doc.put("mavenRepository", mavenRepository);
        return doc;
    }
}
