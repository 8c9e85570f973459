package org.followthrough.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextTests {

    record Inner(String name, @Text.MultiLine String notes) {}

    record Outer(String subject, @Text.MultiLine String body, Inner customer, List<String> tags) {}

    @Test
    void singleLineRefusesControlLineBreakBidiAndInvisibleCharacters() {
        for (var bad : List.of(
                "a\u0000b",
                "a\nb",
                "a\tb",
                "a\u0085b",
                "x\u202egnp.exe",
                "a\u200bb",
                "a\u2066b",
                "a\u00adb",
                "a\u2028b",
                "\ufeffa",
                "a\ud800",
                "\udc00a")) {
            assertThat(Text.problem(bad, false)).as(bad).isNotNull();
        }
    }

    @Test
    void singleLineKeepsScriptsEmojiAndTheirJoiners() {
        for (var good : List.of("Zoë", "שלום", "محمد", "👩‍💻", "न्‍", "日本語", "a b")) {
            assertThat(Text.problem(good, false)).as(good).isNull();
        }
    }

    @Test
    void multiLineKeepsTabsNewlinesAndBidiButNotOtherControlsOrUnpairedSurrogates() {
        assertThat(Text.problem("a\n\tb\r\nc \u202e d", true)).isNull();
        assertThat(Text.problem("a\u0000", true)).contains("U+0000");
        assertThat(Text.problem("a\u001b[31m", true)).contains("U+001B");
        assertThat(Text.problem("a\ud83d", true)).contains("surrogate");
    }

    @Test
    void aRecordIsCheckedByPathWithItsMultiLineComponentsMarked() {
        Text.check(new Outer("Subject", "two\nlines", new Inner("Ann", "more\nlines"), List.of("a", "b")));

        assertThatThrownBy(() -> Text.check(new Outer("Sub\nject", "", null, null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("subject"));
        assertThatThrownBy(() -> Text.check(new Outer("s", "", new Inner("A\u202en", ""), null)))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("customer.name"));
        assertThatThrownBy(() -> Text.check(new Outer("s", "", null, List.of("ok", "b\u0000d"))))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("tags[1]"));
    }
}
