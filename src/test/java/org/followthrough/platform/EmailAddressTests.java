package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTests {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ann@example.com",
                "root@localhost",
                "a@intranet",
                "ops@build-01.corp",
                "first.last+tag@sub.example.co.uk",
                "!#$%&'*+-/=?^_`{|}~@example.com",
                "\"john doe\"@example.com",
                "\"a@b\"@example.com",
                "\"quote\\\"inside\"@example.com",
                "ops@[192.0.2.10]",
                "ops@[IPv6:2001:db8::1]",
                "josé@exemple.fr",
                "用户@例子.广告",
                "иван@почта.рф",
                "θσερ@εχαμπλε.ψομ",
                "ann@mail_relay.intranet"
            })
    void acceptsWhatMailSystemsAccept(String address) {
        assertThat(EmailAddress.problem(address)).as(address).isEmpty();
        assertThat(EmailAddress.isValid(address)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "plain",
                "@example.com",
                "ann@",
                "ann@@example.com",
                "ann example@example.com",
                "ann@exa mple.com",
                ".ann@example.com",
                "ann.@example.com",
                "an..n@example.com",
                "ann@example..com",
                "ann@.example.com",
                "ann@example.com.",
                "ann@-example.com",
                "ann@example-.com",
                "<ann@example.com>",
                "Ann <ann@example.com>",
                "\"unterminated@example.com",
                "\"bad\"quote\"@example.com",
                "ann@[300.1.1.1]",
                "ann@[1.2.3]",
                "ann@[example]",
                "ann(comment)@example.com"
            })
    void refusesWhatIsNoAddress(String address) {
        assertThat(EmailAddress.isValid(address)).as(address).isFalse();
    }

    @Test
    void refusesBidiOverridesThatDisguiseAnAddress() {
        // Shows as "xexe.png@cust.test" in a right-to-left override.
        assertThat(EmailAddress.isValid("x\u202egnp.exe@cust.test")).isFalse();
        for (int c : new int[] {0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069}) {
            assertThat(EmailAddress.isValid("ann" + Character.toString(c) + "@example.com"))
                    .as("U+%04X", c)
                    .isFalse();
            assertThat(EmailAddress.isValid("ann@exa" + Character.toString(c) + "mple.com"))
                    .as("U+%04X in the domain", c)
                    .isFalse();
        }
    }

    @Test
    void refusesZeroWidthAndControlCharacters() {
        for (int c : new int[] {0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF, 0x00, 0x09, 0x0A, 0x0D, 0x7F, 0x85, 0x9F}) {
            assertThat(EmailAddress.isValid("an" + Character.toString(c) + "n@example.com"))
                    .as("U+%04X", c)
                    .isFalse();
            assertThat(EmailAddress.isValid("\"an" + Character.toString(c) + "n\"@example.com"))
                    .as("U+%04X quoted", c)
                    .isFalse();
        }
    }

    @Test
    void holdsTheLengthLimits() {
        var local64 = "a".repeat(64);
        assertThat(EmailAddress.isValid(local64 + "@example.com")).isTrue();
        assertThat(EmailAddress.problem("a" + local64 + "@example.com"))
                .hasValueSatisfying(p -> assertThat(p).contains("64"));
        // 64 octets in UTF-8 is 32 two-byte letters.
        assertThat(EmailAddress.isValid("é".repeat(32) + "@example.com")).isTrue();
        assertThat(EmailAddress.isValid("é".repeat(33) + "@example.com")).isFalse();
        var label63 = "b".repeat(63);
        assertThat(EmailAddress.isValid("ann@" + label63 + ".com")).isTrue();
        assertThat(EmailAddress.isValid("ann@b" + label63 + ".com")).isFalse();
        var domain = label63 + "." + label63 + "." + label63 + "." + "c".repeat(57); // 249 characters
        assertThat(EmailAddress.isValid("abcd@" + domain)).isTrue(); // 254
        assertThat(EmailAddress.problem("abcde@" + domain))
                .hasValueSatisfying(p -> assertThat(p).contains("254"));
    }

    @Test
    void requireNamesTheFieldAndStripsTheAddress() {
        assertThat(EmailAddress.require("email", "  root@localhost \n")).isEqualTo("root@localhost");
        assertThatThrownBy(() -> EmailAddress.require("emails[1]", "x\u202egnp.exe@cust.test"))
                .isInstanceOf(InvalidInputException.class)
                .satisfies(e -> assertThat(((InvalidInputException) e).field()).isEqualTo("emails[1]"))
                .hasMessageContaining("invisible");
        assertThatThrownBy(() -> EmailAddress.require("email", null)).isInstanceOf(InvalidInputException.class);
    }
}
