package dev.derrick.cli;

/** Output formats. */
public enum Output {
    text, json
}
