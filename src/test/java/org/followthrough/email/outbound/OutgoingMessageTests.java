package org.followthrough.email.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.followthrough.email.parse.AutoKind;
import org.followthrough.email.parse.MailParser;
import org.junit.jupiter.api.Test;

/** What we send reads back as written: names, subjects and text in any script, threading headers. */
class OutgoingMessageTests {

    private final MailParser parser = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);

    private static OutgoingMessage.Draft draft(
            String fromName, String subject, String text, Map<String, String> extra) {
        return new OutgoingMessage.Draft(
                fromName,
                "support@desk.example",
                List.of("zoe@customer.example"),
                List.of("dave@customer.example"),
                subject,
                "0190-abc@desk.example",
                "first@customer.example",
                List.of("first@customer.example", "0189-xyz@desk.example"),
                Instant.parse("2026-11-23T10:15:30Z"),
                extra,
                text,
                OutboxSender.asHtml(text));
    }

    @Test
    void aReplyInAnyScriptReadsBackAsWritten() {
        var subject = "Re: Größe der Lieferung – 配送の件について、もう一度確認させてください [#1042]";
        var text = "Grüße, Zoë!\n\nВаш заказ отправлен. 配送は明日です。\n\n— Dana";
        var raw = OutgoingMessage.write(draft("Dana Ölmez (Acme Support)", subject, text, Map.of()));

        var mail = parser.parse(raw);

        assertThat(new String(raw, StandardCharsets.US_ASCII)).doesNotContain("Grüße");
        assertThat(mail.subject()).isEqualTo(subject);
        assertThat(mail.from().name()).isEqualTo("Dana Ölmez (Acme Support)");
        assertThat(mail.from().address()).isEqualTo("support@desk.example");
        assertThat(mail.to()).extracting(a -> a.address()).containsExactly("zoe@customer.example");
        assertThat(mail.cc()).extracting(a -> a.address()).containsExactly("dave@customer.example");
        assertThat(mail.messageId()).isEqualTo("0190-abc@desk.example");
        assertThat(mail.inReplyTo()).isEqualTo("first@customer.example");
        assertThat(mail.references()).containsExactly("first@customer.example", "0189-xyz@desk.example");
        assertThat(mail.text()).contains("Ваш заказ отправлен. 配送は明日です。");
        assertThat(mail.html()).contains("Grüße, Zoë!");
        assertThat(mail.auto()).isEqualTo(AutoKind.NONE);
    }

    @Test
    void anAcknowledgementSaysAMachineWroteIt() {
        var raw = OutgoingMessage.write(
                draft("Support", "Re: Hello [#7]", "We have your message.", Map.of("Auto-Submitted", "auto-replied")));

        assertThat(parser.parse(raw).auto()).isEqualTo(AutoKind.AUTO_REPLY);
    }

    @Test
    void quotesInANameStayInsideIt() {
        assertThat(OutgoingMessage.address("Ann \"the fixer\" Lee", "ann@desk.example"))
                .isEqualTo("\"Ann \\\"the fixer\\\" Lee\" <ann@desk.example>");
    }

    @Test
    void aHeaderCannotBeInjectedThroughASubject() {
        var raw = new String(
                OutgoingMessage.write(draft("Support", "Hello\r\nBcc: victim@example.com", "x", Map.of())),
                StandardCharsets.US_ASCII);

        assertThat(raw).doesNotContain("\r\nBcc:");
    }
}
