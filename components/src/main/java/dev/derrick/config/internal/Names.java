package dev.derrick.config.internal;

import java.util.regex.Pattern;

/** Naming rules of Kubernetes and the clouds. Each check returns null when the name is fine, else why not. */
public final class Names {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // ECR: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html (repositoryName pattern)
    private static final Pattern ECR_REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    /** Length Pulumi's auto-naming adds: a dash and 7 random characters. */
    public static final int AUTONAME_SUFFIX = 8;

    private Names() {
    }

    public static String dnsLabel(String name, int maxLength) {
        if (name.length() > maxLength) {
            return "is longer than " + maxLength + " characters";
        }
        if (!DNS_LABEL.matcher(name).matches()) {
            return "must be lowercase letters, digits and '-', starting and ending with a letter or digit";
        }
        return null;
    }

    /**
     * S3 general purpose bucket naming rules
     * (https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html, read 2026-11).
     */
    public static String s3Bucket(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "must be 3 to 63 characters long";
        }
        if (!S3_BUCKET.matcher(name).matches()) {
            return "may use only lowercase letters, digits, '.' and '-', and must start and end with a letter or digit";
        }
        if (name.contains("..")) {
            return "must not contain two adjacent periods";
        }
        if (IPV4.matcher(name).matches()) {
            return "must not look like an IP address";
        }
        if (name.startsWith("xn--") || name.startsWith("sthree-") || name.startsWith("amzn-s3-demo-")) {
            return "must not start with a reserved prefix (xn--, sthree-, amzn-s3-demo-)";
        }
        if (name.endsWith("-s3alias") || name.endsWith("--ol-s3") || name.endsWith(".mrap") || name.endsWith("--x-s3") || name.endsWith("--table-s3")) {
            return "must not end with a reserved suffix (-s3alias, --ol-s3, .mrap, --x-s3, --table-s3)";
        }
        return null;
    }

    public static String ecrRepository(String name) {
        if (name.length() < 2 || name.length() > 256) {
            return "must be 2 to 256 characters long";
        }
        if (!ECR_REPOSITORY.matcher(name).matches()) {
            return "may use only lowercase letters, digits and single '.', '_', '-' or '/' between them";
        }
        return null;
    }
}
