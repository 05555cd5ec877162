package dev.derrick.config.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CidrTest {
    @Test
    void split_whenSlash16IntoSix_givesSlash19BlocksInOrder() {
        List<String> blocks = Cidr.parse("10.0.0.0/16").split(6);

        assertThat(blocks).as("blocks").containsExactly(
                "10.0.0.0/19", "10.0.32.0/19", "10.0.64.0/19", "10.0.96.0/19", "10.0.128.0/19", "10.0.160.0/19");
    }

    @Test
    void split_whenCountIsPowerOfTwo_usesExactlyThatManyBits() {
        assertThat(Cidr.parse("10.0.0.0/16").split(4)).as("four blocks")
                .containsExactly("10.0.0.0/18", "10.0.64.0/18", "10.0.128.0/18", "10.0.192.0/18");
    }

    @Test
    void split_whenCountOne_isTheBlockItself() {
        assertThat(Cidr.parse("172.16.0.0/20").split(1)).as("one block").containsExactly("172.16.0.0/20");
    }

    @Test
    void parse_whenValid_readsNetworkAndPrefix() {
        Cidr c = Cidr.parse("192.168.16.0/20");

        assertThat(c).as("parsed").isNotNull();
        assertThat(c.prefix()).as("prefix").isEqualTo(20);
        assertThat(c.network()).as("network").isEqualTo((192L << 24) | (168L << 16) | (16L << 8));
        assertThat(c).as("printed").hasToString("192.168.16.0/20");
    }

    @Test
    void parse_whenHostBitsSet_isNull() {
        assertThat(Cidr.parse("10.0.0.1/16")).as("10.0.0.1/16").isNull();
        assertThat(Cidr.parse("11.0.0.0/7")).as("11.0.0.0/7").isNull();
    }

    @Test
    void parse_whenHostBitsClear_isParsed() {
        assertThat(Cidr.parse("10.0.0.0/8")).as("10.0.0.0/8").isNotNull();
        assertThat(Cidr.parse("0.0.0.0/0")).as("0.0.0.0/0").isNotNull();
        assertThat(Cidr.parse("10.0.0.1/32")).as("host route").isNotNull();
    }

    @Test
    void parse_whenGarbage_isNull() {
        for (String bad : new String[]{null, "", "banana", "10.0.0.0", "10.0.0/16", "10.0.0.0.0/16", "10.0.0.256/16",
                "10.0.0.0/33", "10.0.0.0/-1", "10.0.0.0/", "/16", "10..0.0/16", "010.0.0.0/16", "10.0.0.0/16/1", "a.b.c.d/16",
                " 10.0.0.0/16", "+10.0.0.0/16", "10.0.0.0/+16", "10.0.0.0/016"}) {
            assertThat(Cidr.parse(bad)).as("parse(%s)", bad).isNull();
        }
    }
}
