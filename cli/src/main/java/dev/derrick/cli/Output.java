package dev.derrick.cli;

/** Output formats: every command has text and json; plan and diff add markdown (a PR comment) and mermaid (a diagram). */
public enum Output {
    text, json, markdown, mermaid;

    /** For commands that only print text or JSON. */
    Output textOrJson(String command) {
        if (this == markdown || this == mermaid) {
            throw new UserInputException(command + ": --output " + name() + " is not available here; use text or json (markdown and mermaid: plan, diff)");
        }
        return this;
    }
}
