package org.followthrough.email.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.followthrough.email.parse.TestMessages.aMessage;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailParserTests {

    private final MailParser parser = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);

    // ---- the attachment limit ------------------------------------------------------------------

    @Test
    void attachmentsBeyondTheLimitAreRefusedWithAReasonWhileTheMessageIsStillRead() {
        byte[] raw = aMessage()
                .text("Three files attached.")
                .attachment("first.bin", "application/octet-stream", filled(600, 1))
                .attachment("second.bin", "application/octet-stream", filled(600, 2))
                .attachment("third.bin", "application/octet-stream", filled(300, 3))
                .bytes();

        ParsedMail mail = new MailParser(1_000).parse(raw);

        assertThat(mail.text()).isEqualTo("Three files attached.");
        assertThat(mail.attachments())
                .extracting(ParsedAttachment::filename, ParsedAttachment::size, ParsedAttachment::refused)
                .containsExactly(
                        tuple("first.bin", 600L, false),
                        tuple("second.bin", 600L, true),
                        tuple("third.bin", 300L, false));
        ParsedAttachment refused = mail.attachments().get(1);
        assertThat(refused.data()).isNull();
        assertThat(refused.refusedReason()).isEqualTo("over the limit of 1000 bytes of attachments per message");
        assertThat(mail.attachments().get(0).data()).isEqualTo(filled(600, 1));
        assertThat(mail.attachments().get(2).data()).isEqualTo(filled(300, 3));
        assertThat(mail.warnings())
                .containsExactly("attachment second.bin (600 bytes) refused: " + refused.refusedReason());
    }

    @Test
    void theLimitIsStatedInMegabytesWhenItIsOne() {
        byte[] raw = aMessage()
                .attachment("big.bin", "application/octet-stream", filled(2 * 1024 * 1024 + 1, 4))
                .bytes();

        ParsedAttachment big =
                new MailParser(2 * 1024 * 1024).parse(raw).attachments().get(0);

        assertThat(big.refusedReason()).isEqualTo("over the limit of 2 MB of attachments per message");
        assertThat(big.size()).isEqualTo(2 * 1024 * 1024 + 1);
    }

    @Test
    void inlineImagesCountTowardsTheLimitToo() {
        byte[] raw = aMessage()
                .html("<p>See <img src=\"cid:shot\"></p>")
                .inlineImage("shot", filled(500, 5))
                .bytes();

        ParsedMail mail = new MailParser(100).parse(raw);

        assertThat(mail.attachments()).singleElement().satisfies(image -> {
            assertThat(image.inline()).isTrue();
            assertThat(image.refused()).isTrue();
            assertThat(image.contentId()).isEqualTo("shot");
        });
        assertThat(mail.html()).contains("cid:shot");
    }

    @Test
    void aNegativeLimitIsAMistake() {
        assertThatThrownBy(() -> new MailParser(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    // ---- the idempotency key -------------------------------------------------------------------

    @Test
    void keyIsTheMessageIdWithoutBrackets() {
        ParsedMail mail = parser.parse(
                aMessage().header("Message-ID", " <abc.123@mail.example> ").bytes());

        assertThat(mail.messageId()).isEqualTo("abc.123@mail.example");
        assertThat(mail.key()).isEqualTo("abc.123@mail.example");
    }

    @Test
    void keyIsTheSha256OfTheRawBytesWhenThereIsNoMessageId() throws Exception {
        byte[] first = aMessage().without("Message-ID").text("one").bytes();
        byte[] second = aMessage().without("Message-ID").text("two").bytes();

        ParsedMail mail = parser.parse(first);

        String digest =
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(first));
        assertThat(mail.messageId()).isNull();
        assertThat(mail.key()).isEqualTo("sha256:" + digest);
        assertThat(parser.parse(Arrays.copyOf(first, first.length)).key()).isEqualTo(mail.key());
        assertThat(parser.parse(second).key()).startsWith("sha256:").isNotEqualTo(mail.key());
    }

    @ParameterizedTest
    @ValueSource(strings = {"<>", "", "   "})
    void anEmptyMessageIdCountsAsNone(String value) {
        ParsedMail mail = parser.parse(aMessage().header("Message-ID", value).bytes());

        assertThat(mail.messageId()).isNull();
        assertThat(mail.key()).startsWith("sha256:");
    }

    // ---- header tolerance ----------------------------------------------------------------------

    @Test
    void headerNamesAreReadWhateverTheirCaseAndSpacing() {
        byte[] raw = ("from: Ann Lee <ann@example.com>\nSUBJECT : Shouting\nmessage-id: <lower@example.com>\n"
                        + "\nBody.\n")
                .getBytes(StandardCharsets.US_ASCII);

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.from()).isEqualTo(new MailAddress("Ann Lee", "ann@example.com"));
        assertThat(mail.subject()).isEqualTo("Shouting");
        assertThat(mail.messageId()).isEqualTo("lower@example.com");
        assertThat(mail.text()).isEqualTo("Body.");
    }

    @Test
    void missingOrUnreadableHeadersBecomeNullOrEmptyRatherThanFailing() {
        ParsedMail mail = parser.parse(aMessage()
                .without("From")
                .without("Subject")
                .header("Date", "sometime next week")
                .header("To", "undisclosed-recipients:;")
                .bytes());

        assertThat(mail.from()).isNull();
        assertThat(mail.subject()).isEmpty();
        assertThat(mail.sentAt()).isNull();
        assertThat(mail.to()).isEmpty();
        assertThat(mail.references()).isEmpty();
        assertThat(mail.inReplyTo()).isNull();
    }

    @Test
    void aFromWithoutAnAddressIsNoSender() {
        assertThat(parser.parse(aMessage().header("From", "Ann Lee").bytes()).from())
                .isNull();
        assertThat(parser.parse(aMessage().header("From", "<>").bytes()).from()).isNull();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Ann Lee ann@example.com",
                "\"Ann Lee\" <ann@example.com>",
                "Ann Lee<ann@example.com>",
                "ann@example.com (Ann Lee)",
                "=?utf-8?Q?Ann_Lee?= <ann@example.com>",
                "\"=?utf-8?Q?Ann_Lee?=\" <ann@example.com>",
                "'Ann Lee' <ann@example.com>",
                "Ann Lee <mailto:ann@example.com>"
            })
    void sloppySendersAreStillRead(String from) {
        ParsedMail mail = parser.parse(aMessage().header("From", from).bytes());

        assertThat(mail.from()).isEqualTo(new MailAddress("Ann Lee", "ann@example.com"));
    }

    @Test
    void unquotedCommasInNamesDoNotSplitTheMailbox() {
        ParsedMail mail = parser.parse(aMessage()
                .header("To", "Lee, Ann <ann@example.com>, Doe, John <john@example.com>")
                .bytes());

        assertThat(mail.to())
                .containsExactly(
                        new MailAddress("Lee, Ann", "ann@example.com"),
                        new MailAddress("Doe, John", "john@example.com"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Mon, 5 Jan 2026 11:00:00 +0100",
                "Mon, 05 Jan 2026 11:00:00 +0100 (CET)",
                "5 Jan 2026 11:00 +0100",
                "Monday, 5 January 2026 10:00:00 GMT",
                "Mon, 5 Jan 26 10:00:00 GMT",
                "Mon, 5 Jan 2026 05:00:00 EST",
                "2026-01-05T10:00:00Z",
                "Mon Jan  5 10:00:00 2026"
            })
    void datesAreReadInTheirManyForms(String date) {
        ParsedMail mail = parser.parse(aMessage().header("Date", date).bytes());

        assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-01-05T10:00:00Z"));
    }

    @Test
    void foldedAndEncodedSubjectsComeOutOnOneLine() {
        ParsedMail mail = parser.parse(aMessage()
                .header("Subject", "=?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\n\t=?UTF-8?Q?_aus?=\n K\u00f6ln")
                .bytes());

        assertThat(mail.subject()).isEqualTo("Grüße aus Köln");
    }

    @Test
    void blankLinesAndAnMboxLineBeforeTheHeadersAreSkipped() {
        byte[] message = aMessage().subject("Late start").bytes();
        byte[] raw = concat(
                "\r\n\nFrom ann@example.com Mon Jan  5 10:00:00 2026\n".getBytes(StandardCharsets.US_ASCII), message);

        assertThat(parser.parse(raw).subject()).isEqualTo("Late start");
    }

    @Test
    void plainTextIsDerivedFromHtmlWhenTheTextPartIsBlank() {
        ParsedMail mail = parser.parse(
                aMessage().text("  ").html("<p>Only <b>HTML</b> here</p>").bytes());

        assertThat(mail.text()).isEqualTo("Only HTML here");
        assertThat(mail.html()).isEqualTo("<p>Only <b>HTML</b> here</p>");
    }

    // ---- people and machines -------------------------------------------------------------------

    @Test
    void aPersonMentioningTheirAbsenceInAReplyIsStillAPerson() {
        ParsedMail mail = parser.parse(aMessage()
                .text(
                        "I will be out of the office next week, please call my colleague.\n\n"
                                + "On Mon, Jan 5, 2026 at 10:00 AM Support <support@followthrough.example> wrote:\n> When suits you?")
                .bytes());

        assertThat(mail.auto()).isEqualTo(AutoKind.NONE);
    }

    @Test
    void aPersonReplyingToABounceIsNoBounce() {
        ParsedMail mail = parser.parse(aMessage()
                .subject("Re: Undeliverable: Your order")
                .text("Why did my mail to you bounce?")
                .bytes());

        assertThat(mail.auto()).isEqualTo(AutoKind.NONE);
        assertThat(mail.bounce()).isNull();
    }

    @Test
    void outOfOfficePhrasesCountOnlyAsWholeWords() {
        ParsedMail mail = parser.parse(aMessage()
                .text("Sushi am out of the office menu? Asking for a friend.")
                .bytes());

        assertThat(mail.auto()).isEqualTo(AutoKind.NONE);
    }

    @Test
    void eachRepairIsNamedOnce() {
        ParsedMail mail = parser.parse(aMessage()
                .subject("=?x-foo?Q?a?= =?x-foo?Q?b?= and =?x-foo?Q?c?=")
                .header("To", "=?x-foo?Q?Ann?= <ann@example.com>, =?x-foo?Q?Bob?= <bob@example.com>")
                .bytes());

        assertThat(mail.warnings()).containsExactly("unknown charset x-foo read as utf-8");
    }

    @Test
    void theNumberOfRepairsNamedIsBounded() {
        TestMessages message = aMessage();
        for (int i = 0; i < 60; i++) {
            message.attachment("part" + i + ".bin", "application/octet-stream", filled(10, i));
        }

        ParsedMail mail = new MailParser(0).parse(message.bytes());

        assertThat(mail.attachments()).hasSize(60).allMatch(ParsedAttachment::refused);
        assertThat(mail.warnings()).hasSize(51).endsWith("and 10 more repairs");
    }

    // ---- refusals ------------------------------------------------------------------------------

    @Test
    void nothingReadableIsRefusedInPlainWords() {
        assertThatThrownBy(() -> parser.parse(new byte[0]))
                .isInstanceOf(UnparseableMailException.class)
                .hasMessage("the message is empty");
        assertThatThrownBy(() -> parser.parse(" \r\n\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("the message is empty");
        assertThatThrownBy(() -> parser.parse("Dear support,\nmy order is late.\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageStartingWith("no header block");
        assertThatThrownBy(() -> parser.parse("Hello: there\nthis is no mail\n".getBytes(StandardCharsets.US_ASCII)))
                .hasMessageContaining("none of the usual mail headers");
        assertThatThrownBy(() -> parser.parse(filled(4096, 7))).hasMessageContaining("binary");
    }

    // ---- raw 8-bit headers and NUL characters ----------------------------------------------------

    /** Bytes as a message carries them: the header in one charset, the text in another or the same. */
    private static byte[] mixed(String headers, Charset headerCharset, String body, String bodyCharset) {
        return concat(
                (headers + "\r\nContent-Type: text/plain; charset=" + bodyCharset + "\r\n\r\n").getBytes(headerCharset),
                body.getBytes(Charset.forName(bodyCharset)));
    }

    @Test
    void undeclared8BitHeadersAreReadInTheCharsetOfTheMessagesText() {
        // An old Russian mail program: KOI8-R everywhere, the subject and name not encoded at all.
        byte[] raw = mixed(
                "From: Иван Петров <ivan@mail.example>\r\nTo: support@followthrough.example\r\n"
                        + "Subject: Счёт не пришёл\r\nMessage-ID: <koi8-1@mail.example>",
                Charset.forName("KOI8-R"),
                "Добрый день, счёт так и не пришёл.",
                "koi8-r");

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo("Счёт не пришёл");
        assertThat(mail.from().name()).isEqualTo("Иван Петров");
        assertThat(mail.text()).isEqualTo("Добрый день, счёт так и не пришёл.");
    }

    @Test
    void undeclared8BitHeadersTryUtf8ThenTheTextsCharsetThenWindows1252() {
        byte[] latin1Name = mixed(
                "From: Wilhelmsen Håvard <havard@firma.example>\r\nSubject: Årsoppgjør",
                StandardCharsets.ISO_8859_1,
                "Hei, se vedlegg.",
                "iso-8859-1");
        byte[] utf8InLatinMail = mixed(
                "From: Zoë Ångström <zoe@example.se>\r\nSubject: Fråga",
                StandardCharsets.UTF_8,
                "Hej då",
                "iso-8859-1");
        byte[] cp1252WithoutCharset = concat(
                "From: Renée Côté <renee@example.fr>\r\nSubject: “Café” déjà\r\n\r\n"
                        .getBytes(MailCharsets.WINDOWS_1252),
                "Bonjour".getBytes(StandardCharsets.US_ASCII));

        assertThat(parser.parse(latin1Name).from().name()).isEqualTo("Wilhelmsen Håvard");
        assertThat(parser.parse(latin1Name).subject()).isEqualTo("Årsoppgjør");
        assertThat(parser.parse(utf8InLatinMail).from().name()).isEqualTo("Zoë Ångström");
        assertThat(parser.parse(utf8InLatinMail).subject()).isEqualTo("Fråga");
        assertThat(parser.parse(cp1252WithoutCharset).subject()).isEqualTo("“Café” déjà");
        assertThat(parser.parse(cp1252WithoutCharset).from().name()).isEqualTo("Renée Côté");
    }

    @Test
    void aTextCharsetThatDoesNotFitTheHeaderGivesWayToWindows1252() {
        // Shift_JIS text, but a windows-1252 subject whose bytes are no Shift_JIS.
        byte[] raw = mixed(
                "From: Ann <ann@example.com>\r\nSubject: Prix € 100", MailCharsets.WINDOWS_1252, "こんにちは", "shift_jis");

        assertThat(parser.parse(raw).subject()).isEqualTo("Prix € 100");
    }

    @Test
    void nulCharactersAreRemovedFromHeadersAndBodiesInsteadOfRefusingTheMessage() {
        byte[] raw = ("From: Bob\u0000 Smith <bob@example.com>\r\nSubject: Printer\u0000 jam\r\n"
                        + "Message-ID: <nul-1@example.com>\r\nMIME-Version: 1.0\r\n"
                        + "Content-Type: multipart/alternative; boundary=b\r\n\r\n"
                        + "--b\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nThe printer\u0000 jams.\r\n"
                        + "--b\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>The printer\u0000 jams.</p>\r\n--b--\r\n")
                .getBytes(StandardCharsets.UTF_8);

        ParsedMail mail = parser.parse(raw);

        assertThat(mail.subject()).isEqualTo("Printer jam");
        assertThat(mail.from().name()).isEqualTo("Bob Smith");
        assertThat(mail.text()).isEqualTo("The printer jams.");
        assertThat(mail.html()).contains("The printer jams.").doesNotContain("\u0000");
        assertThat(mail.newText()).doesNotContain("\u0000");
        assertThat(mail.key()).isEqualTo("nul-1@example.com");
        assertThat(mail.warnings()).contains("NUL characters removed");
        ParsedMail bare = parser.parse("Subject: a\u0000b\n\nx".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(bare.subject()).isEqualTo("ab");
    }

    @Test
    void parsingIsSafeFromManyThreadsAtOnce() throws Exception {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            messages.add(aMessage()
                    .subject("Message " + i)
                    .text("Text " + i)
                    .html("<p>Text " + i + "</p>")
                    .attachment("f" + i + ".bin", "application/octet-stream", filled(100 + i, i))
                    .bytes());
        }
        List<ParsedMail> expected = messages.stream().map(parser::parse).toList();

        try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
            List<Future<Boolean>> runs = new ArrayList<>();
            for (int run = 0; run < 8; run++) {
                runs.add(pool.submit(() -> {
                    for (int i = 0; i < messages.size(); i++) {
                        ParsedMail mail = parser.parse(messages.get(i));
                        if (!mail.subject().equals(expected.get(i).subject())
                                || !mail.html().equals(expected.get(i).html())
                                || !Arrays.equals(
                                        mail.attachments().get(0).data(),
                                        expected.get(i).attachments().get(0).data())) {
                            return false;
                        }
                    }
                    return true;
                }));
            }
            for (Future<Boolean> run : runs) {
                assertThat(run.get()).isTrue();
            }
        }
    }

    private static byte[] filled(int size, int seed) {
        byte[] data = new byte[size];
        for (int i = 0; i < size; i++) {
            data[i] = (byte) (i * 31 + seed);
        }
        return data;
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] joined = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, joined, first.length, second.length);
        return joined;
    }
}
