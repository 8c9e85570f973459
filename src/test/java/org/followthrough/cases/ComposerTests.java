package org.followthrough.cases;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;
import org.followthrough.cases.Composer.MailOptions;
import org.followthrough.cases.Composer.PromiseDraft;
import org.junit.jupiter.api.Test;

class ComposerTests {

    @Test
    void promiseRowsArePairedInTheOrderSentAndAMissingHalfIsBlank() {
        var composer =
                Composer.of(List.of("Send the label", "Call back"), List.of("2026-11-27T17:00"), new MailOptions(true));

        assertThat(composer.promises())
                .containsExactly(
                        new PromiseDraft("Send the label", "2026-11-27T17:00"), new PromiseDraft("Call back", ""));
        assertThat(composer.mail().listPromises()).isTrue();
    }

    @Test
    void rowsLeftEmptyAreNoPromise() {
        var composer = Composer.of(List.of("", " ", "Refund"), List.of("", "", ""), MailOptions.DEFAULT);

        assertThat(composer.promises()).containsExactly(new PromiseDraft("Refund", ""));
    }

    @Test
    void withoutAComposerThereIsNoPromiseAndNoListInTheMail() {
        assertThat(Composer.NONE.promises()).isEmpty();
        assertThat(Composer.NONE.mail().listPromises()).isFalse();
        assertThat(new Composer(null, null)).isEqualTo(Composer.NONE);
    }

    @Test
    void aPromiseTickedTwiceIsKeptOnceAndAComposerWithoutTicksKeepsNothing() {
        var label = UUID.randomUUID();
        var call = UUID.randomUUID();
        var composer = Composer.NONE.keeping(List.of(label, call, label));

        assertThat(composer.keeps()).containsExactly(label, call);
        assertThat(Composer.NONE.keeps()).isEmpty();
        assertThat(Composer.promising("Refund", "2026-11-27T17:00").keeps()).isEmpty();
    }
}
