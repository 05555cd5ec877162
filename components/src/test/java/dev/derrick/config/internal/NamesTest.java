package dev.derrick.config.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class NamesTest {
    // ------------------------------------------------------------------ S3

    @Test
    void s3Bucket_whenValid_isNull() {
        for (String ok : new String[]{"abc", "derrick-datasets", "ml.data-1", "a".repeat(63), "0-data"}) {
            assertThat(Names.s3Bucket(ok)).as("s3Bucket(%s)", ok).isNull();
        }
    }

    @Test
    void s3Bucket_whenUppercase_saysWhichCharacters() {
        assertThat(Names.s3Bucket("Datasets")).as("uppercase").contains("lowercase letters");
    }

    @Test
    void s3Bucket_whenUnderscoreOrEdgeDash_saysWhichCharacters() {
        assertThat(Names.s3Bucket("data_sets")).as("underscore").contains("lowercase letters");
        assertThat(Names.s3Bucket("-datasets")).as("leading dash").contains("start and end");
        assertThat(Names.s3Bucket("datasets.")).as("trailing dot").contains("start and end");
    }

    @Test
    void s3Bucket_whenTooShortOrTooLong_saysLength() {
        assertThat(Names.s3Bucket("ab")).as("2 characters").isEqualTo("must be 3 to 63 characters long");
        assertThat(Names.s3Bucket("a".repeat(64))).as("64 characters").isEqualTo("must be 3 to 63 characters long");
    }

    @Test
    void s3Bucket_whenLooksLikeIp_saysSo() {
        assertThat(Names.s3Bucket("192.168.1.10")).as("IP address").contains("IP address");
        assertThat(Names.s3Bucket("192.168.1.ten")).as("not an IP").isNull();
    }

    @Test
    void s3Bucket_whenAdjacentPeriods_saysSo() {
        assertThat(Names.s3Bucket("ml..data")).as("two periods").contains("two adjacent periods");
    }

    @Test
    void s3Bucket_whenReservedPrefixOrSuffix_saysSo() {
        assertThat(Names.s3Bucket("xn--datasets")).as("xn--").contains("reserved prefix");
        assertThat(Names.s3Bucket("sthree-data")).as("sthree-").contains("reserved prefix");
        assertThat(Names.s3Bucket("amzn-s3-demo-data")).as("amzn-s3-demo-").contains("reserved prefix");
        assertThat(Names.s3Bucket("data-s3alias")).as("-s3alias").contains("reserved suffix");
        assertThat(Names.s3Bucket("data--ol-s3")).as("--ol-s3").contains("reserved suffix");
    }

    @Test
    void s3Bucket_whenPrefixOnlyResemblesReserved_isNull() {
        assertThat(Names.s3Bucket("xn-datasets")).as("xn- (single dash)").isNull();
    }

    // ------------------------------------------------------------------ ECR

    @Test
    void ecrRepository_whenValid_isNull() {
        for (String ok : new String[]{"ml", "ml/models", "team.a/ml_models-v2", "a/b/c"}) {
            assertThat(Names.ecrRepository(ok)).as("ecrRepository(%s)", ok).isNull();
        }
    }

    @Test
    void ecrRepository_whenUppercase_saysWhichCharacters() {
        assertThat(Names.ecrRepository("ML/Models")).as("uppercase").contains("lowercase letters");
    }

    @Test
    void ecrRepository_whenSeparatorsMisplaced_saysWhichCharacters() {
        for (String bad : new String[]{"/ml", "ml/", "ml//models", "ml--models", "-ml", "ml models"}) {
            assertThat(Names.ecrRepository(bad)).as("ecrRepository(%s)", bad).contains("lowercase letters");
        }
    }

    @Test
    void ecrRepository_whenOneCharacterOrTooLong_saysLength() {
        assertThat(Names.ecrRepository("a")).as("1 character").isEqualTo("must be 2 to 256 characters long");
        assertThat(Names.ecrRepository("a".repeat(257))).as("257 characters").isEqualTo("must be 2 to 256 characters long");
        assertThat(Names.ecrRepository("a".repeat(256))).as("256 characters").isNull();
    }

    // ------------------------------------------------------------------ DNS labels

    @Test
    void dnsLabel_whenValid_isNull() {
        assertThat(Names.dnsLabel("gpu-2", 40)).as("gpu-2").isNull();
        assertThat(Names.dnsLabel("a".repeat(32), 32)).as("32 characters").isNull();
    }

    @Test
    void dnsLabel_whenInvalidOrTooLong_saysWhy() {
        assertThat(Names.dnsLabel("GPU", 40)).as("uppercase").contains("lowercase");
        assertThat(Names.dnsLabel("gpu-", 40)).as("trailing dash").contains("ending with a letter or digit");
        assertThat(Names.dnsLabel("a".repeat(33), 32)).as("33 characters").isEqualTo("is longer than 32 characters");
    }
}
