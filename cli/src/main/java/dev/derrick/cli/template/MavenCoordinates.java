package dev.derrick.cli.template;

import dev.derrick.cli.UserInputException;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a new project's build finds Derrick: the {@code derrick.version} property of its pom.xml (the Derrick
 * version that created it) and, when Derrick is published to a repository of the team's own, a
 * {@code <repositories>} entry with id {@code derrick} (credentials, when the repository needs them, go in
 * ~/.m2/settings.xml under a {@code <server>} with the same id).
 */
final class MavenCoordinates {
    static final String REPOSITORY_ID = "derrick";
    private static final Pattern VERSION = Pattern.compile("[0-9A-Za-z][0-9A-Za-z._-]{0,63}");
    private static final Pattern PROPERTY = Pattern.compile("<derrick\\.version>[^<]*</derrick\\.version>");
    private static final Pattern BEFORE = Pattern.compile("\\n([ \\t]*)<dependencyManagement>");

    private MavenCoordinates() {
    }

    /** Refuses (exit 2) a version Maven would not take or a repository URL that is not an absolute http(s) or file URL. */
    static void check(String version, String repository) {
        if (version != null && !VERSION.matcher(version).matches()) {
            throw new UserInputException("--derrick-version '" + version + "': not a Maven version (letters, digits, . _ -), e.g. 0.2.0");
        }
        if (repository == null) {
            return;
        }
        try {
            URI uri = new URI(repository);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (!scheme.equals("https") && !scheme.equals("http") && !scheme.equals("file")) {
                throw new URISyntaxException(repository, "not an https, http or file URL");
            }
            if (!scheme.equals("file") && (uri.getHost() == null || uri.getHost().isEmpty())) {
                throw new URISyntaxException(repository, "no host");
            }
        } catch (URISyntaxException e) {
            throw new UserInputException("--maven-repository '" + repository + "': " + e.getReason()
                    + "; give the repository's URL, e.g. https://maven.example.com/releases or file:///srv/maven");
        }
    }

    /** Writes the version and the repository into the new project's pom.xml. */
    static void apply(Path pom, String template, String version, String repository) throws IOException {
        if (!Files.isRegularFile(pom)) {
            throw new UserInputException("template " + template + " has no pom.xml; --derrick-version and --maven-repository apply to Java projects only");
        }
        String text = Files.readString(pom);
        if (version != null) {
            Matcher m = PROPERTY.matcher(text);
            if (!m.find()) {
                throw new UserInputException("template " + template + ": pom.xml has no <derrick.version> property to set");
            }
            text = m.replaceFirst(Matcher.quoteReplacement("<derrick.version>" + version + "</derrick.version>"));
        }
        if (repository != null) {
            Matcher m = BEFORE.matcher(text);
            if (!m.find() || text.contains("<repositories>")) {
                throw new UserInputException("template " + template + ": pom.xml has no <dependencyManagement> to put <repositories> before, "
                        + "or has <repositories> already; add the repository by hand");
            }
            String in = m.group(1);
            boolean snapshots = version != null ? version.endsWith("-SNAPSHOT") : text.contains("-SNAPSHOT</derrick.version>");
            String block = "\n" + in + "<!-- Where Derrick's artifacts are published (given to derrick new as maven-repository). Credentials, if the\n"
                    + in + "     repository needs them: a <server> with id " + REPOSITORY_ID + " in ~/.m2/settings.xml. -->\n"
                    + in + "<repositories>\n"
                    + in + "  <repository>\n"
                    + in + "    <id>" + REPOSITORY_ID + "</id>\n"
                    + in + "    <url>" + xml(repository) + "</url>\n"
                    + in + "    <releases><enabled>true</enabled></releases>\n"
                    + in + "    <snapshots><enabled>" + snapshots + "</enabled></snapshots>\n"
                    + in + "  </repository>\n"
                    + in + "</repositories>\n";
            text = text.substring(0, m.start()) + block + text.substring(m.start());
        }
        wellFormed(text, template);
        Files.writeString(pom, text);
    }

    /** The edited pom must still parse: a template whose pom the edit breaks is refused rather than written. */
    private static void wellFormed(String text, String template) {
        try {
            var f = javax.xml.parsers.DocumentBuilderFactory.newInstance();
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            var b = f.newDocumentBuilder();
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler()); // throws on a fatal error, prints nothing
            b.parse(new org.xml.sax.InputSource(new java.io.StringReader(text)));
        } catch (Exception e) {
            throw new UserInputException("template " + template + ": pom.xml is not well-formed after setting the Derrick version and repository ("
                    + e.getMessage() + ")");
        }
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
