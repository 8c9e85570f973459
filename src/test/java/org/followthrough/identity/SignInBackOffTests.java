package org.followthrough.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.followthrough.platform.InvalidInputException;
import org.junit.jupiter.api.Test;

class SignInBackOffTests {

    @Test
    void anAccountWaitsFromTheFifthFailureDoublingUpToAnHour() {
        var account = SignInThrottle.Kind.ACCOUNT;
        assertThat(account.waitAfter(4)).isNull();
        assertThat(account.waitAfter(5)).isEqualTo(Duration.ofMinutes(1));
        assertThat(account.waitAfter(6)).isEqualTo(Duration.ofMinutes(2));
        assertThat(account.waitAfter(9)).isEqualTo(Duration.ofMinutes(16));
        assertThat(account.waitAfter(11)).isEqualTo(Duration.ofHours(1));
        assertThat(account.waitAfter(1_000_000)).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void anAddressAndTokensWaitFromTheTwentiethFailure() {
        assertThat(SignInThrottle.Kind.ADDRESS.waitAfter(19)).isNull();
        assertThat(SignInThrottle.Kind.ADDRESS.waitAfter(20)).isEqualTo(Duration.ofMinutes(1));
        assertThat(SignInThrottle.Kind.TOKEN.waitAfter(19)).isNull();
        assertThat(SignInThrottle.Kind.TOKEN.waitAfter(21)).isEqualTo(Duration.ofMinutes(2));
    }

    @Test
    void thePolicyNamesTheFieldItRefuses() {
        var policy = new PasswordPolicy();
        policy.check("newPassword", "correct horse battery", "ann@example.com");
        policy.check("newPassword", "Grüße-" + "ü".repeat(1018), "ann@example.com");
        assertThatThrownBy(() -> policy.check("newPassword", "ANN-is-here-2026", "ann@example.com"))
                .isInstanceOfSatisfying(
                        InvalidInputException.class, e -> assertThat(e.field()).isEqualTo("newPassword"));
        assertThatThrownBy(() -> policy.check("newPassword", "qwertyuiop", "ann@example.com"))
                .hasMessageContaining("at least 12");
        assertThatThrownBy(() -> policy.check("newPassword", "Grüße-" + "ü".repeat(1019), "ann@example.com"))
                .hasMessageContaining("at most 1024");
    }
}
