package org.followthrough.email.parse;

import static org.assertj.core.api.Assertions.assertThat;

import org.followthrough.email.parse.QuoteSplitter.Split;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class QuoteSplitterTests {

    private static final String REPLY = "Thanks, that works.\n\nAnn";

    // ---- plain text: reply headers -------------------------------------------------------------

    @Test
    void gmailHeaderStartsTheHistory() {
        Split split = QuoteSplitter.split(
                REPLY
                        + "\n\nOn Mon, Jan 5, 2026 at 10:00 AM Support <support@followthrough.example> wrote:\n\n> Does Tuesday suit you?\n");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted())
                .isEqualTo("On Mon, Jan 5, 2026 at 10:00 AM Support <support@followthrough.example> wrote:\n\n"
                        + "> Does Tuesday suit you?");
    }

    @Test
    void gmailHeaderWrappedOverTwoLinesIsOneHeader() {
        Split split = QuoteSplitter.split(
                REPLY
                        + "\n\nOn Mon, Jan 5, 2026 at 10:00 AM Followthrough Support Team <\nsupport@followthrough.example> wrote:\n> q");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith("On Mon, Jan 5, 2026 at 10:00 AM Followthrough Support Team <\n");
    }

    /** Attribution lines as the common mail programs write them in the ten most common mail languages. */
    @ParameterizedTest
    @ValueSource(
            strings = {
                // English: Gmail, Thunderbird, Apple Mail
                "On Mon, Jan 5, 2026 at 10:00 AM Ann Lee <ann@example.com> wrote:",
                "On 05/01/2026 10:00, Ann Lee wrote:",
                "On 5 Jan 2026, at 10:00, Ann Lee <ann@example.com> wrote:",
                // German: Gmail, Thunderbird
                "Am Mo., 5. Jan. 2026 um 10:00 Uhr schrieb Ann Lee <ann@example.com>:",
                "Am 05.01.2026 um 10:00 schrieb Ann Lee:",
                // French, Spanish, Dutch: Gmail, Thunderbird
                "Le 05/01/2026 à 10:00, Ann Lee a écrit :",
                "El 05/01/2026 a las 10:00, Ann Lee escribió:",
                "Op 05-01-2026 om 10:00 schreef Ann Lee:",
                // Russian: Gmail (old and new), Thunderbird, Yandex, mail.ru, Apple Mail
                "02.04.2012 14:20 пользователь \"bob@example.com\" <bob@example.com> написал:",
                "пн, 5 янв. 2026 г. в 10:00, Ann Lee <ann@example.com>:",
                "05.01.2026 10:00, Ann Lee пишет:",
                "05.01.2026, 10:00, \"Ann Lee\" <ann@example.com>:",
                "Понедельник, 5 января 2026, 10:00 +03:00 от Ann Lee <ann@example.com>:",
                "5 янв. 2026 г., в 10:00, Ann Lee <ann@example.com> написал(а):",
                // Japanese: Gmail, Apple Mail, Thunderbird
                "2026年1月5日(月) 10:00 Ann Lee <ann@example.com>:",
                "2026/01/05 10:00、Ann Lee <ann@example.com>のメール:",
                "On 2026/01/05 10:00, Ann Lee wrote:",
                // Chinese: Gmail (full-width colon), Apple Mail, Thunderbird (traditional)
                "Ann Lee <ann@example.com> 于2026年1月5日周一 10:00写道：",
                "2026年1月5日 10:00，Ann Lee <ann@example.com> 写道：",
                "於 2026/1/5 10:00, Ann Lee 寫道:",
                // Portuguese: Gmail, Thunderbird, Apple Mail
                "Em seg., 5 de jan. de 2026 às 10:00, Ann Lee <ann@example.com> escreveu:",
                "Às 10:00 de 05/01/2026, Ann Lee escreveu:",
                "Em 5 de jan. de 2026, à(s) 10:00, Ann Lee <ann@example.com> escreveu:",
                // Italian: Gmail, Thunderbird
                "Il giorno lun 5 gen 2026 alle ore 10:00 Ann Lee <ann@example.com> ha scritto:",
                "Il 05/01/2026 10:00, Ann Lee ha scritto:",
                // Polish: Gmail, Thunderbird, Apple Mail
                "pon., 5 sty 2026 o 10:00 Ann Lee <ann@example.com> napisał(a):",
                "W dniu 05.01.2026 o 10:00, Ann Lee pisze:",
                "Wiadomość napisana przez Ann Lee <ann@example.com> w dniu 05.01.2026, o godz. 10:00:",
                // Turkish: Gmail, Thunderbird
                "Ann Lee <ann@example.com>, 5 Oca 2026 Pzt, 10:00 tarihinde şunu yazdı:",
                "5.01.2026 10:00 tarihinde Ann Lee yazdı:"
            })
    void attributionLinesInTheCommonMailLanguagesStartTheHistory(String header) {
        Split quotedBelow = QuoteSplitter.split(REPLY + "\n\n" + header + "\n\n> Earlier words.\n> More.\n");
        assertThat(quotedBelow.fresh()).isEqualTo(REPLY);
        assertThat(quotedBelow.quoted()).isEqualTo(header + "\n\n> Earlier words.\n> More.");

        // Some programs (and HTML turned into text) quote without ">"; the line alone starts the history.
        Split unmarked = QuoteSplitter.split(REPLY + "\n\n" + header + "\n\nEarlier words.\n");
        assertThat(unmarked.fresh()).isEqualTo(REPLY);
        assertThat(unmarked.quoted()).isEqualTo(header + "\n\nEarlier words.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "02.04.2012 14:20 пользователь \"bob@example.com\" <bob@example.com>\nнаписал:",
                "пн, 5 янв. 2026 г. в 10:00, Ann Lee <\nann@example.com>:",
                "05.01.2026, 10:00, \"Ann Lee\" <ann@example.com>\n:",
                "Ann Lee <ann@example.com> 于2026年1月5日周一\n10:00写道：",
                "2026年1月5日(月) 10:00 Ann Lee <\nann@example.com>:",
                "pon., 5 sty 2026 o 10:00 Ann Lee <ann@example.com>\nnapisał(a):",
                "Ann Lee <ann@example.com>, 5 Oca 2026 Pzt, 10:00 tarihinde\nşunu yazdı:",
                "Em seg., 5 de jan. de 2026 às 10:00, Ann Lee <\nann@example.com> escreveu:",
                "Il giorno lun 5 gen 2026 alle ore 10:00 Ann Lee <\nann@example.com> ha scritto:",
                "Am Mo., 5. Jan. 2026 um 10:00 Uhr schrieb Ann Lee <\nann@example.com>:"
            })
    void attributionLinesWrappedOverTwoLinesAreOneHeader(String header) {
        Split split = QuoteSplitter.split(REPLY + "\n\n" + header + "\n> Earlier words.\n");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).isEqualTo(header + "\n> Earlier words.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "От: Ann Lee <ann@example.com>\nОтправлено: 5 января 2026 г. 10:00\nКому: support@example.com\nТема: Счёт",
                "差出人: Ann Lee <ann@example.com>\n送信日時: 2026年1月5日 10:00\n宛先: support@example.com\n件名: 請求書",
                "发件人： Ann Lee <ann@example.com>\n发送时间： 2026年1月5日 10:00\n收件人： support@example.com\n主题： 发票",
                "Kimden: Ann Lee <ann@example.com>\nGönderildi: 5 Ocak 2026 Pazartesi 10:00\nKime: support@example.com\nKonu: Fatura",
                "Od: Ann Lee <ann@example.com>\nWysłane: poniedziałek, 5 stycznia 2026 10:00\nDo: support@example.com\nTemat: Faktura"
            })
    void outlookHeaderBlocksInOtherLanguagesStartTheHistory(String block) {
        Split split = QuoteSplitter.split(REPLY + "\n\n" + block + "\n\nEarlier words.\n");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith(block.substring(0, block.indexOf('\n')));
    }

    @Test
    void proseThatEndsInAVerbAndAColonIsNotAHeader() {
        String text = "Мой коллега написал:\nПерезагрузите роутер.\n\nА я ответил: не помогло.";

        assertThat(QuoteSplitter.split(text).fresh()).isEqualTo(text);
        assertThat(QuoteSplitter.split(text).quoted()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "On 5 Jan 2026, at 10:00, Ann <a@b.example> wrote:",
                "On 1/5/26 10:00 AM, Ann wrote:",
                "Am 05.01.2026 um 10:00 schrieb Ann Lee <ann@example.com>:",
                "Am Mo., 5. Jan. 2026 um 10:00 Uhr schrieb Ann Lee <ann@example.com>:",
                "Ann Lee <ann@example.com> schrieb am 05.01.2026 10:00:",
                "Le lun. 5 janv. 2026 à 10:00, Ann Lee <ann@example.com> a écrit :",
                "Le lun. 5 janv. 2026 à 10:00, Ann Lee <ann@example.com> a écrit\u00a0:",
                "El lun, 5 ene 2026 a las 10:00, Ann Lee (<ann@example.com>) escribió:",
                "Op ma 5 jan. 2026 om 10:00 schreef Ann Lee <ann@example.com>:",
                "Il giorno lun 5 gen 2026 alle ore 10:00 Ann Lee <ann@example.com> ha scritto:",
                "Em seg., 5 de jan. de 2026 às 10:00, Ann Lee <ann@example.com> escreveu:"
            })
    void replyHeadersOfEachMailProgramAndLanguageStartTheHistory(String header) {
        Split split = QuoteSplitter.split(REPLY + "\n\n" + header + "\n> Earlier words.\n");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).isEqualTo(header + "\n> Earlier words.");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "-----Original Message-----",
                "-----Ursprüngliche Nachricht-----",
                "-----Message d'origine-----",
                "-----Mensaje original-----",
                "-----Oorspronkelijk bericht-----"
            })
    void outlookOriginalMessageLineStartsTheHistory(String line) {
        Split split = QuoteSplitter.split(REPLY + "\n\n" + line
                + "\nFrom: Support [mailto:support@followthrough.example]\nSent: Monday, January 5, 2026 10:00 AM\n"
                + "To: ann@example.com\nSubject: Invoice\n\nPlease find the invoice attached.");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith(line).endsWith("Please find the invoice attached.");
    }

    @Test
    void outlookHeaderBlockStartsTheHistoryAtTheLineAboveIt() {
        Split split = QuoteSplitter.split(REPLY
                + "\n\n________________________________\nFrom: Support <support@followthrough.example>\n"
                + "Sent: Monday, January 5, 2026 10:00 AM\nTo: Ann <ann@example.com>\nSubject: Your order\n\nDear Ann");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith("________________________________\nFrom: Support");
    }

    @Test
    void outlookHeaderBlockInBoldAndGermanStartsTheHistory() {
        Split split = QuoteSplitter.split(REPLY
                + "\n\n*Von:* Support <support@followthrough.example>\n*Gesendet:* Montag, 5. Januar 2026 10:00\n"
                + "*An:* Ann <ann@example.com>\n*Betreff:* Ihre Bestellung\n\nSehr geehrte Ann");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).startsWith("*Von:* Support");
    }

    @Test
    void aFromLineWithoutTheRestOfTheBlockIsOrdinaryText() {
        String text = "From: my kitchen, the lamp looks fine.\nTo be honest the shade is the problem.";

        assertThat(QuoteSplitter.split(text)).isEqualTo(new Split(text, ""));
    }

    // ---- plain text: quote blocks --------------------------------------------------------------

    @Test
    void trailingQuoteBlockIsHistoryWithTheAttributionAboveIt() {
        Split split = QuoteSplitter.split(
                REPLY + "\n\nAnn Lee <ann@example.com> kirjoitti:\n> vanha viesti\n> toinen rivi\n");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).isEqualTo("Ann Lee <ann@example.com> kirjoitti:\n> vanha viesti\n> toinen rivi");
    }

    @Test
    void trailingQuoteBlockWithoutAttributionIsHistory() {
        Split split = QuoteSplitter.split(REPLY + "\n\n> old words\n>\n> more old words");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted()).isEqualTo("> old words\n>\n> more old words");
    }

    @Test
    void interleavedAnswersStayWhole() {
        String text = "> Which colour?\nRed, please.\n\n> Which size?\nLarge.";

        assertThat(QuoteSplitter.split(text)).isEqualTo(new Split(text, ""));
    }

    @Test
    void bottomPostedAnswerIsFreshAndTheQuoteAboveItIsHistory() {
        Split split = QuoteSplitter.split(
                "On Mon, Jan 05, 2026 at 10:00:00AM +0100, Support wrote:\n> Which serial number?\n\nSN-7731.\n\nLars");

        assertThat(split.fresh()).isEqualTo("SN-7731.\n\nLars");
        assertThat(split.quoted())
                .isEqualTo("On Mon, Jan 05, 2026 at 10:00:00AM +0100, Support wrote:\n> Which serial number?");
    }

    @Test
    void sentenceStartingWithOnIsNoHeader() {
        String text = "On Monday I called you twice.\nNobody answered, so I wrote:\nplease call back.";

        assertThat(QuoteSplitter.split(text)).isEqualTo(new Split(text, ""));
    }

    // ---- plain text: forwards ------------------------------------------------------------------

    @Test
    void forwardWithNothingAddedIsNotHidden() {
        String text = "---------- Forwarded message ---------\nFrom: Parcels <noreply@parcels.example>\n"
                + "Date: Mon, Jan 5, 2026\nSubject: Delivered\nTo: <ann@example.com>\n\nYour parcel was delivered.";

        assertThat(QuoteSplitter.split(text)).isEqualTo(new Split(text, ""));
    }

    @Test
    void forwardUnderANoteIsHistory() {
        Split split = QuoteSplitter.split(
                "It never came.\n\nBegin forwarded message:\n\nFrom: Parcels <noreply@parcels.example>\nSubject: Delivered");

        assertThat(split.fresh()).isEqualTo("It never came.");
        assertThat(split.quoted()).startsWith("Begin forwarded message:");
    }

    // ---- plain text: signatures ----------------------------------------------------------------

    @Test
    void signatureDelimiterStartsTheCut() {
        Split split = QuoteSplitter.split("Where is my parcel?\n\n-- \nIvo Novak\nNovak Carpentry");

        assertThat(split).isEqualTo(new Split("Where is my parcel?", "-- \nIvo Novak\nNovak Carpentry"));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Sent from my iPhone",
                "Sent from my iPad",
                "Sent from my Android phone",
                "Sent from my Samsung Galaxy smartphone.",
                "Get Outlook for iOS",
                "Get Outlook for Android<https://aka.ms/AAb9ysg>",
                "Von meinem iPhone gesendet",
                "Envoyé de mon iPhone",
                "Enviado desde mi iPhone",
                "Verzonden vanaf mijn iPhone"
            })
    void mobileSignaturesStartTheCut(String signature) {
        Split split = QuoteSplitter.split("Yes, go ahead.\n\n" + signature + "\n\n> Shall we replace it?");

        assertThat(split.fresh()).isEqualTo("Yes, go ahead.");
        assertThat(split.quoted()).startsWith(signature);
    }

    @Test
    void lineEndingsAndBlankInputAreTolerated() {
        assertThat(QuoteSplitter.split("Hi\r\n\r\n-- \r\nAnn")).isEqualTo(new Split("Hi", "-- \nAnn"));
        assertThat(QuoteSplitter.split("")).isEqualTo(new Split("", ""));
        assertThat(QuoteSplitter.split(null)).isEqualTo(new Split("", ""));
    }

    // ---- HTML ----------------------------------------------------------------------------------

    @Test
    void gmailQuoteDivStartsTheHistory() {
        Split split = QuoteSplitter.splitHtml(
                "<div dir=\"ltr\">Thanks, that works.<div><br></div><div>Ann</div></div><br><div class=\"gmail_quote\">"
                        + "<div class=\"gmail_attr\">On Mon, Jan 5, 2026 at 10:00 AM Support wrote:<br></div>"
                        + "<blockquote class=\"gmail_quote\">Does Tuesday suit you?</blockquote></div>");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted())
                .isEqualTo("On Mon, Jan 5, 2026 at 10:00 AM Support wrote:\n\n> Does Tuesday suit you?");
    }

    @Test
    void citeBlockquoteStartsTheHistoryWithTheAttributionBeforeIt() {
        Split split = QuoteSplitter.splitHtml("<div>Thanks, that works.</div><div><br></div><div>Ann</div><br>"
                + "<div>On 5 Jan 2026, at 10:00, Support &lt;support@followthrough.example&gt; wrote:</div>"
                + "<blockquote type=\"cite\"><div>Does Tuesday suit you?</div></blockquote>");

        assertThat(split.fresh()).isEqualTo(REPLY);
        assertThat(split.quoted())
                .isEqualTo("On 5 Jan 2026, at 10:00, Support <support@followthrough.example> wrote:\n\n"
                        + "> Does Tuesday suit you?");
    }

    @Test
    void thunderbirdCitePrefixStartsTheHistory() {
        Split split = QuoteSplitter.splitHtml("<p>Thanks, that works.</p><p>Ann</p>"
                + "<div class=\"moz-cite-prefix\">On 1/5/26 10:00 AM, Support wrote:<br></div>"
                + "<blockquote type=\"cite\">Does Tuesday suit you?</blockquote>");

        assertThat(split.fresh()).isEqualTo("Thanks, that works.\n\nAnn");
        assertThat(split.quoted()).isEqualTo("On 1/5/26 10:00 AM, Support wrote:\n\n> Does Tuesday suit you?");
    }

    @Test
    void outlookReplyMarkersStartTheHistory() {
        String divRplyFwdMsg = "<p>Please cancel.</p><hr><div id=\"divRplyFwdMsg\"><b>From:</b> Support<br>"
                + "<b>Sent:</b> Monday</div><div>Your delivery is on Friday.</div>";
        String appendOnSend = "<p>Please cancel.</p><div id=\"appendonsend\"></div><hr>"
                + "<div id=\"divRplyFwdMsg\"><b>From:</b> Support</div><div>Your delivery is on Friday.</div>";
        String borderTop = "<p>Please cancel.</p><div style=\"border:none;border-top:solid #E1E1E1 1.0pt\">"
                + "<p><b>From:</b> Support<br><b>Sent:</b> Monday</p></div><p>Your delivery is on Friday.</p>";

        for (String html : new String[] {divRplyFwdMsg, appendOnSend, borderTop}) {
            Split split = QuoteSplitter.splitHtml(MailHtml.sanitize(html));

            assertThat(split.fresh()).isEqualTo("Please cancel.");
            assertThat(split.quoted()).startsWith("From: Support").endsWith("Your delivery is on Friday.");
        }
    }

    @Test
    void borderTopWithoutAFromLineIsDecorationNotHistory() {
        Split split = QuoteSplitter.splitHtml(
                MailHtml.sanitize("<p>Totals</p><div style=\"border-top: 1px solid #ccc\">Sum: 12</div>"));

        assertThat(split).isEqualTo(new Split("Totals\n\nSum: 12", ""));
    }

    @Test
    void yahooQuoteStartsTheHistory() {
        Split split = QuoteSplitter.splitHtml("<div>Please do not renew.</div><div class=\"yahoo_quoted\">"
                + "<div>On Monday, January 5, 2026, Support wrote:</div><div>It renews on 1 February.</div></div>");

        assertThat(split.fresh()).isEqualTo("Please do not renew.");
        assertThat(split.quoted()).isEqualTo("On Monday, January 5, 2026, Support wrote:\nIt renews on 1 February.");
    }

    @Test
    void signatureBlocksAreCutWithTheirDelimiter() {
        Split gmail = QuoteSplitter.splitHtml("<div>Where is my parcel?</div><div><br></div>-- <br>"
                + "<div class=\"gmail_signature\">Ivo Novak<br>Novak Carpentry</div>");
        Split thunderbird = QuoteSplitter.splitHtml(
                "<p>Where is my parcel?</p><pre class=\"moz-signature\" cols=\"72\">-- \nIvo Novak</pre>");

        assertThat(gmail).isEqualTo(new Split("Where is my parcel?", "Ivo Novak\nNovak Carpentry"));
        assertThat(thunderbird).isEqualTo(new Split("Where is my parcel?", "--\nIvo Novak"));
    }

    @Test
    void htmlWithoutMarkersFallsBackToTheTextRules() {
        Split split = QuoteSplitter.splitHtml(
                "<p>The address is wrong.</p><p>-----Original Message-----<br>From: Support<br>Sent: Monday</p>");

        assertThat(split.fresh()).isEqualTo("The address is wrong.");
        assertThat(split.quoted()).startsWith("-----Original Message-----");
    }

    @Test
    void markerAtTheVeryStartLeavesTheWholeText() {
        Split split = QuoteSplitter.splitHtml(
                "<div class=\"gmail_quote\">---------- Forwarded message ---------<br>From: Parcels<br><br>Delivered.</div>");

        assertThat(split)
                .isEqualTo(new Split("---------- Forwarded message ---------\nFrom: Parcels\n\nDelivered.", ""));
    }
}
