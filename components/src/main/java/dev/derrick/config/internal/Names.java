package dev.derrick.config.internal;

import java.util.regex.Pattern;

/** Naming rules of Kubernetes and the clouds. Each check returns null when the name is fine, else why not. */
public final class Names {
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern S3_BUCKET = Pattern.compile("[a-z0-9][a-z0-9.-]*[a-z0-9]");
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    // ECR: https://docs.aws.amazon.com/AmazonECR/latest/APIReference/API_CreateRepository.html (repositoryName pattern)
    private static final Pattern ECR_REPOSITORY = Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

    // GCS: https://cloud.google.com/storage/docs/buckets#naming (read 2026-11)
    private static final Pattern GCS_BUCKET = Pattern.compile("[a-z0-9][a-z0-9._-]*[a-z0-9]");
    private static final Pattern GOOGLE_LOOKALIKE = Pattern.compile(".*g[o0]{2}g[l1]e.*");
    // Artifact Registry repository ids: lowercase letters, digits, hyphens; a letter first, no hyphen last.
    private static final Pattern AR_REPOSITORY = Pattern.compile("[a-z]([a-z0-9-]*[a-z0-9])?");
    // Azure resource name rules (learn.microsoft.com, azure-resource-manager/management/resource-name-rules, read 2026-11)
    private static final Pattern STORAGE_ACCOUNT = Pattern.compile("[a-z0-9]+");
    private static final Pattern ACR = Pattern.compile("[a-zA-Z0-9]+");
    private static final Pattern AKS_POOL = Pattern.compile("[a-z][a-z0-9]*");
    // Google Cloud project ids: 6-30 characters, a letter first, no hyphen last.
    private static final Pattern GCP_PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,28}[a-z0-9]");
    // Google Cloud labels: keys start with a lowercase letter; keys and values use lowercase letters, digits, '_' and '-'.
    private static final Pattern GCP_LABEL_KEY = Pattern.compile("\\p{Ll}[\\p{Ll}\\p{Lo}\\p{N}_-]{0,62}");
    private static final Pattern GCP_LABEL_VALUE = Pattern.compile("[\\p{Ll}\\p{Lo}\\p{N}_-]{0,63}");

    /**
     * Length Pulumi's auto-naming adds to a logical name: a dash and 7 random characters on AWS and
     * GCP; on Azure names without dashes get random characters only, budgeted at the same 8.
     */
    public static final int AUTONAME_SUFFIX = 8;

    private Names() {
    }

    // Kubernetes object names (DNS-1123 subdomain) and label values:
    // https://kubernetes.io/docs/concepts/overview/working-with-objects/names/ and .../labels/#syntax-and-character-set
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern LABEL_NAME = Pattern.compile("[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?");

    /** A Kubernetes node (or other object) name: a DNS-1123 subdomain, at most 253 characters. */
    public static String dnsSubdomain(String name) {
        if (name.length() > 253) {
            return "is longer than 253 characters";
        }
        if (!DNS_SUBDOMAIN.matcher(name).matches()) {
            return "must be lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";
        }
        return null;
    }

    /** A Kubernetes label: key (optional DNS-subdomain prefix and '/', then a name of at most 63) and value (at most 63, may be empty). */
    public static String kubernetesLabel(String key, String value) {
        int slash = key.lastIndexOf('/');
        String prefix = slash < 0 ? null : key.substring(0, slash);
        String name = slash < 0 ? key : key.substring(slash + 1);
        if (prefix != null && dnsSubdomain(prefix) != null) {
            return "label key prefix " + dnsSubdomain(prefix);
        }
        if (name.isEmpty() || name.length() > 63 || !LABEL_NAME.matcher(name).matches()) {
            return "label key name must be 1-63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
        }
        if (!value.isEmpty() && (value.length() > 63 || !LABEL_NAME.matcher(value).matches())) {
            return "label value must be at most 63 letters, digits, '-', '_' and '.', starting and ending with a letter or digit";
        }
        return null;
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

    /** GCS bucket naming rules (names with dots, up to 222 characters, are not used by Derrick). */
    public static String gcsBucket(String name) {
        if (name.length() < 3 || name.length() > 63) {
            return "must be 3 to 63 characters long";
        }
        if (!GCS_BUCKET.matcher(name).matches()) {
            return "may use only lowercase letters, digits, '-', '_' and '.', and must start and end with a letter or digit";
        }
        if (IPV4.matcher(name).matches()) {
            return "must not look like an IP address";
        }
        if (name.startsWith("goog") || GOOGLE_LOOKALIKE.matcher(name).matches()) {
            return "must not start with 'goog' or contain 'google' or a look-alike";
        }
        return null;
    }

    public static String artifactRegistryRepository(String name) {
        if (name.length() > 63) {
            return "must be at most 63 characters long";
        }
        if (!AR_REPOSITORY.matcher(name).matches()) {
            return "may use only lowercase letters, digits and '-', starting with a letter and ending with a letter or digit";
        }
        return null;
    }

    /** Azure storage account names: 3-24 lowercase letters and digits, unique across all of Azure. */
    public static String storageAccount(String name) {
        if (name.length() < 3 || name.length() > 24) {
            return "must be 3 to 24 characters long";
        }
        if (!STORAGE_ACCOUNT.matcher(name).matches()) {
            return "may use only lowercase letters and digits";
        }
        return null;
    }

    /** Azure Container Registry names: 5-50 letters and digits, unique across all of Azure. */
    public static String containerRegistry(String name) {
        if (name.length() < 5 || name.length() > 50) {
            return "must be 5 to 50 characters long";
        }
        if (!ACR.matcher(name).matches()) {
            return "may use only letters and digits";
        }
        return null;
    }

    /** AKS agent pool names on Linux: 1-12 lowercase letters and digits, starting with a letter. */
    public static String aksPool(String name) {
        if (name.length() > 12) {
            return "is longer than 12 characters (AKS limit for Linux node pools)";
        }
        if (!AKS_POOL.matcher(name).matches()) {
            return "must be lowercase letters and digits, starting with a letter (AKS node pool names allow no '-')";
        }
        return null;
    }

    public static String gcpProject(String id) {
        if (id.length() < 6 || id.length() > 30) {
            return "must be 6 to 30 characters long";
        }
        if (!GCP_PROJECT.matcher(id).matches()) {
            return "must be lowercase letters, digits and '-', starting with a letter and not ending with '-'";
        }
        return null;
    }

    /** Google Cloud label rules for a tag (Derrick's tags become labels on gcp resources). */
    public static String gcpLabel(String key, String value) {
        if (!GCP_LABEL_KEY.matcher(key).matches()) {
            return "a GCP label key must be 1-63 lowercase letters, digits, '_' or '-', starting with a letter";
        }
        if (!GCP_LABEL_VALUE.matcher(value).matches()) {
            return "a GCP label value must be at most 63 lowercase letters, digits, '_' or '-'";
        }
        return null;
    }

    /** Azure tag rules: names up to 512 characters without {@code < > % & \ ? /}, values up to 256. */
    public static String azureTag(String key, String value) {
        if (key.length() > 512 || key.chars().anyMatch(ch -> "<>%&\\?/".indexOf(ch) >= 0)) {
            return "an Azure tag name must be at most 512 characters and must not contain < > % & \\ ? /";
        }
        if (value.length() > 256) {
            return "an Azure tag value must be at most 256 characters";
        }
        return null;
    }

    /**
     * {@code name} cut to {@code max} characters for clouds with short physical names (GCP service
     * account ids: 30): a longer name keeps its start and ends in 6 hex characters of its hash, so
     * two long names stay apart and the result is the same on every run.
     */
    public static String fit(String name, int max) {
        if (name.length() <= max) {
            return name;
        }
        String hash = String.format("%08x", name.hashCode()).substring(0, 6);
        String head = name.substring(0, max - 7);
        while (head.endsWith("-")) {
            head = head.substring(0, head.length() - 1);
        }
        return head + "-" + hash;
    }
}
