package dev.derrick.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The one way Derrick reads a file a user (or a template, or a pull request) hands it: regular
 * files only (a FIFO would block forever, {@code /dev/zero} never ends), a size cap checked
 * before the first byte is read and again while reading (a file may grow, {@code /proc} files
 * report size 0), and strict UTF-8. Every failure is an {@link InputFileException} naming the path.
 */
public final class InputFiles {
    /** Stack and project config files ({@code Pulumi.yaml}, {@code Pulumi.<stack>.yaml}): real ones are a few KB. */
    public static final long CONFIG_MAX_BYTES = 1L << 20;
    /** Saved plan JSON ({@code diff --against}): a 12,000-resource plan is about 20 MB. */
    public static final long PLAN_MAX_BYTES = 128L << 20;
    /** {@code pulumi stack output --json} files. */
    public static final long OUTPUTS_MAX_BYTES = 16L << 20;
    /** One file of a project template. */
    public static final long TEMPLATE_FILE_MAX_BYTES = 16L << 20;

    private InputFiles() {
    }

    /** The file's bytes; {@code display} is the path as messages show it. */
    public static byte[] readBytes(Path file, String display, long maxBytes) {
        BasicFileAttributes attrs = attributes(file, display);
        if (attrs.isDirectory()) {
            throw new InputFileException(display, "is a directory, not a file", "give the path of a file");
        }
        if (!attrs.isRegularFile()) {
            throw new InputFileException(display, "is not a regular file (a pipe, device or socket)", "give the path of a regular file");
        }
        if (attrs.size() > maxBytes) {
            throw tooLarge(display, maxBytes);
        }
        try (InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw tooLarge(display, maxBytes);
            }
            return bytes;
        } catch (AccessDeniedException e) {
            throw denied(display);
        } catch (IOException e) {
            throw new InputFileException(display, "cannot be read (" + e.getClass().getSimpleName() + ")", "check the file and the disk");
        }
    }

    /** The file as strict UTF-8 text (a leading byte-order mark is dropped). */
    public static String readText(Path file, String display, long maxBytes) {
        return decode(readBytes(file, display, maxBytes), display);
    }

    public static String readText(Path file, long maxBytes) {
        return readText(file, file.toString(), maxBytes);
    }

    /** Strict UTF-8: a malformed byte is an error naming its offset, never a replacement character. */
    public static String decode(byte[] bytes, String display) {
        var decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        try {
            String text = decoder.decode(in).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (MalformedInputException e) {
            throw new InputFileException(display, "is not UTF-8 text (invalid byte at offset " + in.position() + ")",
                    "save the file as UTF-8");
        } catch (CharacterCodingException e) {
            throw new InputFileException(display, "is not UTF-8 text", "save the file as UTF-8");
        }
    }

    private static BasicFileAttributes attributes(Path file, String display) {
        try {
            return Files.readAttributes(file, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            throw new InputFileException(display, "no such file", null);
        } catch (AccessDeniedException e) {
            throw denied(display);
        } catch (IOException e) {
            throw new InputFileException(display, "cannot be read (" + e.getClass().getSimpleName() + ")", "check the path");
        }
    }

    private static InputFileException denied(String display) {
        return new InputFileException(display, "cannot be read: permission denied", "check the file's permissions");
    }

    private static InputFileException tooLarge(String display, long maxBytes) {
        return new InputFileException(display, "is larger than " + human(maxBytes) + ", the most Derrick reads here",
                "give the right file; real ones are far smaller");
    }

    static String human(long bytes) {
        return bytes >= (1L << 20) ? (bytes >> 20) + " MiB" : bytes >= 1024 ? (bytes >> 10) + " KiB" : bytes + " bytes";
    }
}
