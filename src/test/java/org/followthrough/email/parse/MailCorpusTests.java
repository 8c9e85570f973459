package org.followthrough.email.parse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every message of {@code src/test/resources/mail/corpus} with what the parser must make of it. A
 * row is strict about auto kind, attachments and warnings: anything it does not list must not be
 * there.
 */
class MailCorpusTests {

    private static final MailParser PARSER = new MailParser(MailParser.DEFAULT_MAX_ATTACHMENT_BYTES);
    private static final String SUPPORT = "support@followthrough.example";

    static List<Expect> corpus() {
        return List.of(
                // ---- replies in each mail program's style -------------------------------------------
                message("gmail-reply-html.eml")
                        .messageId("CAF=gmail.reply.1042@mail.gmail.com")
                        .subject("Re: Order #1042 arrived damaged")
                        .from("ann.lee@gmail.com", "Ann Lee")
                        .to(SUPPORT)
                        .inReplyTo("case-1042.1@followthrough.example")
                        .references("case-1042.0@followthrough.example", "case-1042.1@followthrough.example")
                        .sentAt("2026-01-06T16:12:00Z")
                        .fresh("Could you send a courier to collect it?")
                        .freshLacks("We are sorry")
                        .quoted("We are sorry to hear that order #1042 arrived damaged")
                        .html("class=\"gmail_quote gmail_quote_container\""),
                message("gmail-reply-wrapped-header.eml")
                        .subject("Re: Refund for order #1042")
                        .from("ben.ortiz@gmail.com", "Ben Ortiz")
                        .fresh("The refund is fine, please send it to the same card.")
                        .freshLacks("Followthrough Support Team")
                        .quoted(
                                "On Mon, Jan 5, 2026 at 10:00 AM Followthrough Support Team <\nsupport@followthrough.example> wrote:"),
                message("apple-mail-reply.eml")
                        .messageId("7A1B2C3D-APPLE-1043@me.example")
                        .from("chloe@me.example", "Chloe Martin")
                        .fresh("Thanks, Tuesday afternoon works for me.\n\nChloe")
                        .quoted(
                                "> On 5 Jan 2026, at 10:00, Followthrough Support <support@followthrough.example> wrote:")
                        .html("<blockquote type=\"cite\">"),
                message("thunderbird-reply.eml")
                        .from("dev@posteo.example", "Dev Patel")
                        .sentAt("2026-01-05T09:15:31Z")
                        .fresh("The serial number is on the back of the device, next to the charging port.")
                        .quoted("On 1/5/26 10:00 AM, Followthrough Support wrote:")
                        .quoted("> Could you send us the receipt and the serial number of the device, please?")
                        .html("<div class=\"moz-cite-prefix\">"),
                message("outlook-reply.eml")
                        .subject("RE: Your order #1045")
                        .from("carl@contoso.example", "Carl Jones")
                        .text("refund the €49 fee")
                        .fresh("please cancel the second delivery and refund the €49 fee.\n\nRegards\nCarl Jones")
                        .freshLacks("________________")
                        .quoted("________________________________\nFrom: Followthrough Support")
                        .quoted("your second delivery is scheduled for Friday.")
                        .html("<div id=\"divRplyFwdMsg\" dir=\"ltr\">")
                        .htmlLacks("<style", "MsoNormal", "<o:p>"),
                message("outlook-original-message.eml")
                        .messageId("000001db5f00$aa11bb22$cc33dd44$@fabrikam.example")
                        .from("dana@fabrikam.example", "Dana Smith")
                        .fresh("The invoice address is wrong, it should be our Boston office.\n\nDana")
                        .quoted("-----Original Message-----\nFrom: Followthrough Support"),
                message("outlook-desktop-border-top.eml")
                        .from("erik@berg.example", "Erik Berg")
                        .text(
                                "From: Followthrough Support <support@followthrough.example>\nSent: Monday, 5 January 2026 10:00")
                        .fresh("the adapter still does not fit the EU socket.\n\nBest,\nErik")
                        .freshLacks("universal adapter")
                        .quoted("We have sent you the universal adapter.")
                        .html("border-top: solid #E1E1E1 1.0pt"),
                message("german-reply.eml")
                        .subject("AW: Rückerstattung für Bestellung 1046")
                        .from("juergen.weiss@web.example", "Jürgen Weiß")
                        .text("Können Sie bitte nachsehen?")
                        .fresh("Mit freundlichen Grüßen\nJürgen Weiß")
                        .quoted(
                                "Am 05.01.2026 um 10:00 schrieb Followthrough Support <support@followthrough.example>:"),
                message("french-reply.eml")
                        .subject("RE\u00a0: Facture de décembre")
                        .from("amelie.dubois@orange.example", "Amélie Dubois")
                        .fresh("la facture de décembre est toujours erronée")
                        .quoted("a écrit\u00a0:\n> Bonjour Madame Dubois,"),
                message("spanish-reply.eml")
                        .subject("Re: Pedido nº 1048")
                        .from("lucia.gomez@correo.example", "Lucía Gómez")
                        .fresh("el paquete llegó sin el cargador. ¿Pueden enviarlo?")
                        .quoted("(<support@followthrough.example>) escribió:"),
                message("dutch-reply.eml")
                        .from("sanne@ziggo.example", "Sanne de Vries")
                        .fresh("ik heb het retourlabel nog steeds niet ontvangen.")
                        .quoted("Op ma 5 jan. 2026 om 10:00 schreef Followthrough Support"),
                message("yahoo-reply-html.eml")
                        .from("greg.hall@yahoo.example", "Greg Hall")
                        .fresh("Please do not renew my subscription automatically.\nGreg")
                        .quoted("Your subscription renews on 1 February.")
                        .html("class=\"yahoo_quoted\""),
                message("bottom-posted-reply.eml")
                        .from("lars@eriksson.example", "Lars Eriksson")
                        .fresh("It is SN-7731-0042, printed under the lid.\n\nLars")
                        .quoted("> Could you tell us the serial number of the unit?"),
                message("cc-reply.eml")
                        .from("quinn@adams.example", "Quinn Adams")
                        .to(SUPPORT, "rachel@adams.example")
                        .cc("sam@adams.example", "tom@adams.example")
                        .ccName("Adams, Sam")
                        .replyTo("family@adams.example")
                        .fresh("Please add my sister to the family plan.")
                        .quoted("> Who should be added to the plan?"),
                message("forwarded-only.eml")
                        .fresh("---------- Forwarded message ---------")
                        .fresh("was delivered to the neighbour at number 12.")
                        .nothingQuoted(),
                message("forwarded-with-note.eml")
                        .fresh("I never got this parcel, the neighbour says nothing came.")
                        .freshLacks("Forwarded message")
                        .quoted("---------- Forwarded message ---------"),
                message("signature-dash.eml")
                        .fresh("where is my parcel? It has been two weeks.")
                        .freshLacks("Novak Carpentry")
                        .quoted("-- \nIvo Novak\nNovak Carpentry Ltd"),
                message("signature-iphone.eml")
                        .fresh("Yes please go ahead with the replacement.")
                        .freshLacks("Sent from my iPhone")
                        .quoted("Sent from my iPhone")
                        .quoted("> Would you prefer a replacement or a refund?"),
                message("signature-outlook-mobile.eml")
                        .fresh("Confirmed, thanks.")
                        .freshLacks("Get Outlook")
                        .quoted("Get Outlook for Android")
                        .quoted("Your appointment is on Thursday at 9:00."),

                // ---- charsets --------------------------------------------------------------------------
                message("charset-iso-2022-jp.eml")
                        .subject("注文について")
                        .from("taro.yamada@example.jp", "山田太郎")
                        .text("お世話になっております。注文番号1042の件でご連絡しました。"),
                message("charset-shift-jis.eml").subject("配送状況").text("こんにちは。配送状況を教えてください。"),
                message("charset-koi8-r.eml")
                        .subject("Заказ не пришёл")
                        .from("ivan@example.ru", "Иван Петров")
                        .text("Здравствуйте! Мой заказ до сих пор не пришёл."),
                message("charset-windows-1251.eml").subject("Спасибо").text("Спасибо за помощь, всё работает."),
                message("charset-gb2312.eml")
                        .subject("订单查询")
                        .from("xiaoming@example.cn", "王小明")
                        .text("您好，我的订单还没有到，请帮我查一下。"),
                message("charset-gb18030.eml").subject("退款").text("请退款，谢谢。编号㐀㐁。"),
                message("charset-big5.eml").subject("包裹查詢").text("您好，請問我的包裹在哪裡？謝謝。"),
                message("charset-euc-kr.eml").subject("주문 확인").text("안녕하세요. 주문 확인 부탁드립니다."),
                message("charset-iso-8859-1-qp.eml")
                        .subject("Rückerstattung")
                        .text("Grüße aus Köln! Die Rückerstattung über 49,90 fehlt noch."),
                message("charset-iso-8859-2.eml")
                        .subject("Zwrot pieniędzy")
                        .from("pawel@example.pl", "Paweł Nowak")
                        .text("Dzień dobry, proszę o zwrot pieniędzy. Pozdrawiam z Łodzi."),
                message("charset-iso-8859-7.eml").subject("Παραγγελία").text("Καλημέρα, η παραγγελία μου δεν έφτασε."),
                message("charset-iso-8859-15.eml").text("Der Preis war 49 € und nicht 59 €. Œuvre complète."),
                message("charset-windows-1252-euro.eml").text("Total: €120 – you said “free shipping” in your ad."),
                message("charset-latin1-label-cp1252-bytes.eml")
                        .text("The fee of €15 was charged twice … please refund one."),
                message("charset-utf-7.eml").text("Hi Mom -☺-! A≢Α. Thanks.").warning("utf-7 is not a Java charset"),
                message("charset-unknown-x-foo.eml")
                        .text("Le café était froid.")
                        .warning("unknown charset x-foo read as windows-1252"),
                message("charset-missing-8bit-utf8.eml").text("A naïve question about the café order ✓"),
                message("charset-missing-8bit-latin1.eml")
                        .text("Schöne Grüße, Jürgen")
                        .warning("text without a charset read as windows-1252"),
                message("charset-mislabeled-ascii-utf8.eml")
                        .text("Zoë's order for the crème brûlée set")
                        .warning("text labelled us-ascii read as utf-8"),

                // ---- headers -------------------------------------------------------------------------
                message("header-8bit-utf8.eml")
                        .subject("Bestellung für Jürgen – Frage")
                        .from("jm@example.de", "Jürgen Müller"),
                message("header-8bit-latin1.eml")
                        .subject("Fråga om beställning")
                        .from("soren@example.se", "Sören Öberg")
                        .text("Hej, en fråga.")
                        .warning("8-bit header text read as iso-8859-1, the charset of the text"),
                message("header-encoded-word-split.eml")
                        .subject("Frage zu 日本語 und Grüße")
                        .from("ann@example.com", "Lee, Ann")
                        .to("bjorn@example.se", "elodie@example.fr")
                        .toName("Björn")
                        .toName("Élodie"),
                message("sloppy-from.eml")
                        .messageId("sloppy-1104@example.com")
                        .from("oscar.pike@example.com", "Oscar Pike")
                        .to("ann@example.com", SUPPORT)
                        .toName("Lee, Ann")
                        .cc("team@followthrough.example", "bob@example.com")
                        .ccName("Support Team")
                        .replyTo("oscar@home.example")
                        .sentAt("2026-01-08T09:25:00Z"),
                message("references-sloppy.eml")
                        .inReplyTo("case-1105.3@followthrough.example")
                        .references(
                                "case-1105.1@followthrough.example",
                                "case-1105.2@followthrough.example",
                                "case-1105.x@followthrough.example",
                                "case-1105.3@followthrough.example")
                        .sentAt("2026-01-08T08:30:00Z"),
                message("duplicate-headers.eml")
                        .messageId("dup-first-1103@ross.example")
                        .subject("First subject")
                        .from("nina@ross.example", "Nina Ross")
                        .to(SUPPORT, "sales@followthrough.example")
                        .warning("2 Subject headers")
                        .warning("2 From headers")
                        .warning("2 Message-ID headers"),
                message("missing-message-id.eml").noMessageId().subject("No id"),
                message("empty-message-id.eml").noMessageId().subject("Empty id"),
                message("mbox-from-line.eml")
                        .messageId("mbox-1078@example.org")
                        .from("eve@example.org", "Eve Grant")
                        .text("Exported from an mbox file."),
                message("text-only.eml")
                        .subject("Opening hours")
                        .text("What are your opening hours on Saturday?\n\nEve")
                        .nothingQuoted()
                        .noHtml(),

                // ---- structure, encodings, attachments -------------------------------------------------
                message("html-only.eml")
                        .text("- First item missing\n- Second item broken")
                        .text("Track it here: parcel tracking <https://track.example/1042> or mail mia@example.org.")
                        .text("my order has three problems & I need help:")
                        .text("Total €89.00")
                        .textLacks("&amp;", "&nbsp;", "color: red", "Status")
                        .html("<ul><li>First item missing</li>")
                        .html("rel=\"noopener noreferrer nofollow\" target=\"_blank\"")
                        .htmlLacks("<style", "<title"),
                message("html-xss.eml")
                        .text("Hello, my order is missing.")
                        .html("<p style=\"color: red\">Hello, my order is missing.</p>")
                        .html("<a href=\"https://shop.example/order/1061\"")
                        .htmlLacks(
                                "script",
                                "onerror",
                                "onload",
                                "javascript",
                                "evil.example",
                                "<svg",
                                "<iframe",
                                "<object",
                                "<embed",
                                "<form",
                                "<input",
                                "<meta",
                                "<base",
                                "<link",
                                "position",
                                "url(",
                                "alert"),
                message("inline-image-cid.eml")
                        .text("Here is the damage:")
                        .html("<img src=\"cid:photo-1062@mail.example\" alt=\"photo\">")
                        .attachment("lamp.png", "image/png", 268, "photo-1062@mail.example", true),
                message("nested-mixed-alternative-related.eml")
                        .text("Please find the invoice attached. Our logo is in the HTML version.")
                        .html("<img src=\"cid:logo\">")
                        .attachment("image-1.png", "image/png", 120, "logo", true)
                        .attachment("invoice-1063.pdf", "application/pdf", 125, null, false)
                        .attachment("box.png", "image/png", 268, "box-photo", false),
                message("winmail-dat.eml")
                        .text("Please see the contract attached.")
                        .attachment("winmail.dat", "application/ms-tnef", 516, null, false),
                message("attached-message-rfc822.eml")
                        .text("My earlier complaint is attached, nobody answered.")
                        .attachment("Original complaint about delivery.eml", "message/rfc822", 265, null, false),
                message("smime-signed.eml").text("Please close my account."),
                message("rfc2231-filename.eml")
                        .attachment("Rechnung März 2026.pdf", "application/pdf", 190, null, false)
                        .attachment("Sehr langer Dateiname für die Bestellung.txt", "text/plain", 60, null, false),
                message("rfc2047-filename.eml")
                        .attachment(
                                "Übersicht Überweisung.xlsx",
                                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                                64,
                                null,
                                false)
                        .attachment("Prüfbericht.pdf", "application/pdf", 125, null, false),
                message("base64-broken-padding.eml")
                        .text("Padding is missing here, but every word should survive the decoding.")
                        .attachment("chunks.bin", "application/octet-stream", 18, null, false),
                message("format-flowed.eml")
                        .text(
                                "This sentence was wrapped by the mail program in the middle of a word, and joined again.")
                        .text("\nFrom the start, the order was wrong.")
                        .quoted("> Quoted text that was also wrapped over two lines."),
                message("control-chars.eml")
                        .text("First line\nSecond line with a NUL and a bell\nThird\tline with a tab")
                        .textLacks("\u0000", "\u0007", "\u001b", "\r", "\f")
                        .warning("NUL characters removed"),
                message("broken-missing-end-boundary.eml")
                        .text("The receipt is attached.")
                        .attachment("receipt.pdf", "application/pdf", 125, null, false)
                        .warning("no end boundary"),
                message("broken-wrong-boundary.eml")
                        .text("The parcel arrived without the manual.")
                        .textLacks("--actual-boundary")
                        .attachment("order.txt", "text/plain", 34, null, false)
                        .warning("boundary did not match"),
                message("broken-missing-boundary-parameter.eml")
                        .text("Is my warranty still valid?")
                        .html("<p>Is my warranty <b>still</b> valid?</p>")
                        .warning("without a boundary parameter"),
                message("broken-no-parts.eml")
                        .text("My mail program says this is multipart, but it is just text.")
                        .warning("no readable parts and was read as text"),
                message("broken-undecodable-part.eml")
                        .text("Please see the notes below.")
                        .attachment("undecoded-part-1.txt", "text/plain", 79, null, false)
                        .warning("could not be decoded from base64 and was kept as an attachment"),

                // ---- auto-replies, bulk and lists ------------------------------------------------------
                message("ooo-exchange-auto-submitted.eml")
                        .subject("Automatic reply: Your case #1088")
                        .auto(AutoKind.AUTO_REPLY, "Auto-Submitted: auto-replied"),
                message("ooo-subject-only-german.eml")
                        .subject("Abwesenheitsnotiz: Ihre Anfrage #1089")
                        .text("Vielen Dank für Ihre Nachricht.")
                        .auto(AutoKind.AUTO_REPLY, "out-of-office subject: Abwesenheitsnotiz"),
                message("ooo-subject-french.eml")
                        .subject("Réponse automatique\u00a0: Votre dossier 1091")
                        .auto(AutoKind.AUTO_REPLY, "Réponse automatique"),
                message("ooo-subject-spanish.eml")
                        .from("ines@ruiz.example", "Inés Ruiz")
                        .auto(AutoKind.AUTO_REPLY, "Respuesta automática"),
                message("ooo-body-english.eml")
                        .subject("Re: Your case #1093")
                        .auto(AutoKind.AUTO_REPLY, "out-of-office text: I am out of the office"),
                message("ooo-x-autoreply.eml").auto(AutoKind.AUTO_REPLY, "X-Autoreply: yes"),
                message("ooo-x-autorespond.eml").auto(AutoKind.AUTO_REPLY, "X-Autorespond"),
                message("ooo-x-autoreply-from.eml").auto(AutoKind.AUTO_REPLY, "X-Autoreply-From"),
                message("ooo-x-mail-autoreply.eml").auto(AutoKind.AUTO_REPLY, "X-Mail-Autoreply"),
                message("ooo-x-auto-response-suppress.eml").auto(AutoKind.AUTO_REPLY, "X-Auto-Response-Suppress"),
                message("auto-submitted-no.eml").text("Please call me back about my order."),
                message("dsn-delayed.eml")
                        .subject("Delayed Mail (still being retried)")
                        .auto(AutoKind.AUTO_REPLY, "delivery status notification: delayed"),
                message("list-precedence-bulk.eml").auto(AutoKind.BULK, "Precedence: bulk"),
                message("list-precedence-list.eml").auto(AutoKind.BULK, "sent by digest@forum.example"),
                message("mailing-list-id.eml")
                        .from("karen@moss.example", "Karen Moss")
                        .text("Since the last update, exporting to CSV fails with an empty file.")
                        .auto(AutoKind.LIST, "List-Id: Product users <users.lists.product.example>"),
                message("list-unsubscribe-only.eml").auto(AutoKind.LIST, "List-Unsubscribe"),
                // A support address run as a Google Group or a list alias: every customer's mail carries
                // list headers, and is still a person writing.
                message("list-google-group-customer.eml")
                        .from("sigrid.haugen@fjord.example", "Sigrid Haugen")
                        .auto(AutoKind.LIST, "written by a person: a list people write to"),
                message("list-google-group-dmarc-rewrite.eml")
                        .from("tomasz@nowak.example", "Tomasz Nowak")
                        .text("The invoice charges us for 12 seats, we have 10.")
                        .auto(AutoKind.LIST, "Precedence: list"),
                message("list-mailman-reply-precedence-bulk.eml")
                        .from("henk@vries.example", "Henk de Vries")
                        .auto(AutoKind.LIST, "Precedence: bulk; written by a person: a reply in a thread"),
                message("list-alias-precedence-bulk-person.eml")
                        .from("maria@cliente.example", "María González")
                        .auto(AutoKind.LIST, "Precedence: bulk"),
                message("list-precedence-bulk-company.eml").auto(AutoKind.BULK, "no personal sender"),
                message("list-newsletter-unsubscribe-link.eml").auto(AutoKind.BULK, "an unsubscribe link"),
                message("list-notification-no-reply.eml").auto(AutoKind.BULK, "sent by notifications@github.example"),

                // ---- bounces ---------------------------------------------------------------------------
                message("dsn-postfix.eml")
                        .from("MAILER-DAEMON@mail.followthrough.example", "Mail Delivery System")
                        .bounce(
                                "reply-1080.3@followthrough.example",
                                "5.1.1 the address does not exist: 550 5.1.1 <nobody@example.com>: Recipient address"
                                        + " rejected: User unknown in virtual mailbox table",
                                "nobody@example.com")
                        .attachment("Your case #1080.eml", "message/rfc822", 312, null, false),
                message("dsn-exchange.eml")
                        .subject("Undeliverable: Your case #1081")
                        .bounce(
                                "reply-1081.2@followthrough.example",
                                "5.1.10 the address does not exist: 550 5.1.10 RESOLVER.ADR.RecipientNotFound",
                                "gone@contoso.example"),
                message("dsn-two-recipients.eml")
                        .bounce("reply-1082.1@followthrough.example", "5.2.2 the mailbox is full", "full@example.org")
                        .attachment("Your case #1082.eml", "message/rfc822", 328, null, false),
                message("bounce-qmail.eml")
                        .subject("failure notice")
                        .bounce(
                                "reply-1083.1@followthrough.example",
                                "5.1.1 the address does not exist: Sorry, no mailbox here by that name.",
                                "nosuchuser@example.net"),
                message("bounce-gmail-nonstandard.eml")
                        .subject("Delivery Status Notification (Failure)")
                        .bounce("reply-1084.1@followthrough.example", "Address not found", "nobody@gmail.com")
                        .attachment("Your case #1084.eml", "message/rfc822", 310, null, false),
                message("bounce-exim.eml")
                        .bounce(
                                "reply-1085.1@followthrough.example",
                                "5.1.1 the address does not exist: 550 5.1.1 <olduser@example.org>: Recipient address"
                                        + " rejected: User unknown",
                                "olduser@example.org"),
                message("bounce-sendmail-returned-mail.eml")
                        .subject("Returned mail: see transcript for details")
                        .bounce(
                                "reply-1086.1@followthrough.example",
                                "5.1.1 the address does not exist: 550 5.1.1 <student@example.edu>... User unknown",
                                "student@example.edu"),
                message("bounce-exchange-nonstandard.eml")
                        .bounce(
                                "reply-1087.1@followthrough.example",
                                "5.1.1 the address does not exist: 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found",
                                "old.contact@fabrikam.example"),

                // ---- not mail at all -------------------------------------------------------------------
                message("empty.eml").unparseable("the message is empty"),
                message("garbage-no-headers.eml").unparseable("no header block"),
                message("binary-garbage.eml").unparseable("binary"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void eachMessageReadsAsItsRowSays(Expect expect) {
        expect.verify();
    }

    @Test
    void everyCorpusFileHasExactlyOneRow() throws IOException, URISyntaxException {
        Path directory =
                Path.of(MailCorpusTests.class.getResource("/mail/corpus").toURI());
        List<String> files;
        try (Stream<Path> listing = Files.list(directory)) {
            files = listing.map(path -> path.getFileName().toString()).sorted().toList();
        }
        List<String> rows = corpus().stream().map(Expect::toString).sorted().toList();

        assertThat(rows).doesNotHaveDuplicates();
        assertThat(rows).containsExactlyElementsOf(files);
        assertThat(files).hasSizeGreaterThanOrEqualTo(40);
    }

    static Expect message(String file) {
        return new Expect(file);
    }

    static byte[] read(String file) {
        try (InputStream in = MailCorpusTests.class.getResourceAsStream("/mail/corpus/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no corpus file " + file);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record ExpectedAttachment(
            String filename, String contentType, long size, String contentId, boolean inline) {}

    private record ExpectedBounce(String originalMessageId, String reason, List<String> recipients) {}

    /** One row of the table: what one corpus message must parse into. */
    static final class Expect {

        private final String file;
        private String messageId;
        private boolean noMessageId;
        private String subject;
        private String fromAddress;
        private String fromName;
        private List<String> to;
        private final List<String> toNames = new ArrayList<>();
        private List<String> cc;
        private final List<String> ccNames = new ArrayList<>();
        private List<String> replyTo;
        private String inReplyTo;
        private List<String> references;
        private String sentAt;
        private final List<String> text = new ArrayList<>();
        private final List<String> textLacks = new ArrayList<>();
        private final List<String> fresh = new ArrayList<>();
        private final List<String> freshLacks = new ArrayList<>();
        private final List<String> quoted = new ArrayList<>();
        private boolean nothingQuoted;
        private final List<String> html = new ArrayList<>();
        private final List<String> htmlLacks = new ArrayList<>();
        private boolean noHtml;
        private final List<ExpectedAttachment> attachments = new ArrayList<>();
        private AutoKind auto = AutoKind.NONE;
        private String autoReason = "";
        private ExpectedBounce bounce;
        private final List<String> warnings = new ArrayList<>();
        private String unparseable;

        Expect(String file) {
            this.file = file;
        }

        Expect messageId(String id) {
            this.messageId = id;
            return this;
        }

        Expect noMessageId() {
            this.noMessageId = true;
            return this;
        }

        Expect subject(String subject) {
            this.subject = subject;
            return this;
        }

        Expect from(String address, String name) {
            this.fromAddress = address;
            this.fromName = name;
            return this;
        }

        Expect to(String... addresses) {
            this.to = List.of(addresses);
            return this;
        }

        Expect toName(String name) {
            toNames.add(name);
            return this;
        }

        Expect cc(String... addresses) {
            this.cc = List.of(addresses);
            return this;
        }

        Expect ccName(String name) {
            ccNames.add(name);
            return this;
        }

        Expect replyTo(String... addresses) {
            this.replyTo = List.of(addresses);
            return this;
        }

        Expect inReplyTo(String id) {
            this.inReplyTo = id;
            return this;
        }

        Expect references(String... ids) {
            this.references = List.of(ids);
            return this;
        }

        Expect sentAt(String instant) {
            this.sentAt = instant;
            return this;
        }

        Expect text(String contained) {
            text.add(contained);
            return this;
        }

        Expect textLacks(String... absent) {
            textLacks.addAll(List.of(absent));
            return this;
        }

        Expect fresh(String contained) {
            fresh.add(contained);
            return this;
        }

        Expect freshLacks(String absent) {
            freshLacks.add(absent);
            return this;
        }

        Expect quoted(String contained) {
            quoted.add(contained);
            return this;
        }

        Expect nothingQuoted() {
            nothingQuoted = true;
            return this;
        }

        Expect html(String contained) {
            html.add(contained);
            return this;
        }

        Expect htmlLacks(String... absent) {
            htmlLacks.addAll(List.of(absent));
            return this;
        }

        Expect noHtml() {
            noHtml = true;
            return this;
        }

        Expect attachment(String filename, String contentType, long size, String contentId, boolean inline) {
            attachments.add(new ExpectedAttachment(filename, contentType, size, contentId, inline));
            return this;
        }

        Expect auto(AutoKind kind, String reasonContains) {
            this.auto = kind;
            this.autoReason = reasonContains;
            return this;
        }

        Expect bounce(String originalMessageId, String reasonStart, String... recipients) {
            this.auto = AutoKind.BOUNCE;
            this.bounce = new ExpectedBounce(originalMessageId, reasonStart, List.of(recipients));
            return this;
        }

        Expect warning(String contained) {
            warnings.add(contained);
            return this;
        }

        Expect unparseable(String reasonContains) {
            this.unparseable = reasonContains;
            return this;
        }

        void verify() {
            byte[] raw = read(file);
            if (unparseable != null) {
                assertThatThrownBy(() -> PARSER.parse(raw))
                        .isInstanceOf(UnparseableMailException.class)
                        .hasMessageContaining(unparseable);
                return;
            }
            ParsedMail mail = PARSER.parse(raw);

            if (noMessageId) {
                assertThat(mail.messageId()).isNull();
                assertThat(mail.key()).isEqualTo("sha256:" + sha256(raw));
            } else {
                String expectedId = messageId != null ? messageId : defaultMessageId(raw);
                assertThat(mail.messageId()).isEqualTo(expectedId);
                assertThat(mail.key()).isEqualTo(expectedId);
            }
            if (subject != null) {
                assertThat(mail.subject()).isEqualTo(subject);
            }
            if (fromAddress != null) {
                assertThat(mail.from()).isEqualTo(new MailAddress(fromName, fromAddress));
            } else {
                assertThat(mail.from()).isNotNull();
            }
            if (to != null) {
                assertThat(mail.to()).extracting(MailAddress::address).containsExactlyElementsOf(to);
            }
            assertThat(mail.to()).extracting(MailAddress::name).containsAll(toNames);
            if (cc != null) {
                assertThat(mail.cc()).extracting(MailAddress::address).containsExactlyElementsOf(cc);
            }
            assertThat(mail.cc()).extracting(MailAddress::name).containsAll(ccNames);
            if (replyTo != null) {
                assertThat(mail.replyTo()).extracting(MailAddress::address).containsExactlyElementsOf(replyTo);
            }
            if (inReplyTo != null) {
                assertThat(mail.inReplyTo()).isEqualTo(inReplyTo);
            }
            if (references != null) {
                assertThat(mail.references()).containsExactlyElementsOf(references);
            }
            if (sentAt != null) {
                assertThat(mail.sentAt()).isEqualTo(Instant.parse(sentAt));
            } else {
                assertThat(mail.sentAt()).isNotNull();
            }

            for (String contained : text) {
                assertThat(mail.text()).contains(contained);
            }
            for (String absent : textLacks) {
                assertThat(mail.text()).doesNotContain(absent);
            }
            for (String contained : fresh) {
                assertThat(mail.newText()).contains(contained);
            }
            for (String absent : freshLacks) {
                assertThat(mail.newText()).doesNotContain(absent);
            }
            for (String contained : quoted) {
                assertThat(mail.quotedText()).contains(contained);
            }
            if (nothingQuoted) {
                assertThat(mail.quotedText()).isEmpty();
                assertThat(mail.newText()).isEqualTo(mail.text());
            }
            assertThat(mail.text()).doesNotContain("\r");
            for (String contained : html) {
                assertThat(mail.html()).contains(contained);
            }
            for (String absent : htmlLacks) {
                assertThat(mail.html()).doesNotContainIgnoringCase(absent);
            }
            if (noHtml) {
                assertThat(mail.html()).isNull();
            }

            assertThat(mail.attachments())
                    .extracting(attachment -> new ExpectedAttachment(
                            attachment.filename(),
                            attachment.contentType(),
                            attachment.size(),
                            attachment.contentId(),
                            attachment.inline()))
                    .containsExactlyElementsOf(attachments);
            for (ParsedAttachment attachment : mail.attachments()) {
                assertThat(attachment.data()).hasSize((int) attachment.size());
                assertThat(attachment.refusedReason()).isNull();
            }

            assertThat(mail.auto()).isEqualTo(auto);
            if (auto == AutoKind.NONE) {
                assertThat(mail.autoReason()).isEmpty();
            } else {
                assertThat(mail.autoReason()).contains(autoReason);
            }
            if (bounce == null) {
                assertThat(mail.bounce()).isNull();
            } else {
                assertThat(mail.bounce().failedRecipients()).containsExactlyElementsOf(bounce.recipients());
                assertThat(mail.bounce().originalMessageId()).isEqualTo(bounce.originalMessageId());
                assertThat(mail.bounce().reason()).startsWith(bounce.reason());
            }

            assertThat(mail.warnings()).hasSameSizeAs(warnings);
            for (int i = 0; i < warnings.size(); i++) {
                assertThat(mail.warnings().get(i)).contains(warnings.get(i));
            }
        }

        /** Rows that name no id expect the one the file's Message-ID header gives, brackets off. */
        private static String defaultMessageId(byte[] raw) {
            String text = "\n" + new String(raw, StandardCharsets.ISO_8859_1);
            int start = text.toLowerCase(Locale.ROOT).indexOf("\nmessage-id:");
            assertThat(start).as("the file has a Message-ID header").isNotNegative();
            int open = text.indexOf('<', start);
            int close = text.indexOf('>', open);
            return text.substring(open + 1, close);
        }

        private static String sha256(byte[] raw) {
            try {
                return HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        @Override
        public String toString() {
            return file;
        }
    }
}
