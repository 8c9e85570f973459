package org.followthrough.email.parse;

import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * Separates what a person just wrote from the history their mail program quoted under it and from
 * their signature. Knows the reply headers of Gmail, Apple Mail, Thunderbird, Outlook, Yandex and
 * mail.ru in English, German, French, Spanish, Dutch, Italian, Portuguese, Polish, Russian, Turkish,
 * Japanese and Chinese (wrapped over up to three lines too), trailing {@code >} quotes, forwarded
 * messages, signature delimiters and mobile signatures; in HTML, the markers those programs leave.
 */
public final class QuoteSplitter {

    /** What was freshly written, and what was cut from it ({@code ""} when nothing was). */
    public record Split(String fresh, String quoted) {}

    private static final int MAX_HEADER_LINE = 400;
    private static final int HEADER_LOOKAHEAD = 8;

    private static final Pattern REPLY_HEADER = Pattern.compile("(?:On\\s.{1,300}?\\s(?:wrote|writes|said)"
            + "|Am\\s.{1,300}?\\sschrieb(?:\\s.{0,300}?)?"
            + "|.{1,300}?\\sschrieb am\\s.{1,100}?"
            + "|Le\\s.{1,300}?\\sa\\s(?:é|e)crit"
            + "|El\\s.{1,300}?\\sescribi(?:ó|o)"
            + "|Op\\s.{1,300}?\\sschreef(?:\\s.{0,300}?)?"
            + "|Il\\s.{1,300}?\\sha\\sscritto"
            + "|Em\\s.{1,300}?\\sescreveu"
            + "|Den\\s.{1,300}?\\sskrev(?:\\s.{0,300}?)?)"
            + "\\s?:\\s*");
    private static final Pattern REPLY_HEADER_START = Pattern.compile("(?:On|Am|Le|El|Op|Il|Em|Den)\\s.*");
    /**
     * The "… wrote:" line in the ten most common mail languages and a few more, as Gmail, Outlook,
     * Thunderbird, Apple Mail, Yandex and mail.ru write it (colons already made ASCII).
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            ".{0,300}?(?:wrote|writes|schrieb|a\\s(?:é|e)crit|escribi(?:ó|o)|schreef|ha\\sscritto|escreveu|skrev"
                    + "|kirjoitti|napisał\\(a\\)|napisała|napisał|pisze|napsal"
                    + "|написал\\(а\\)|написала|написал|пишет|писал\\(а\\)|писала|писал"
                    + "|yazdı|写道|寫道|のメール|さんは書きました|は書きました|が書きました)\\s?:\\s*"
                    + "|Wiadomość napisana przez\\s.{1,300}:\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Gmail in Russian, Japanese and others, Yandex and mail.ru: a date, a name, an address, a colon, no verb. */
    private static final Pattern ADDRESS_ATTRIBUTION =
            Pattern.compile(".{0,300}?<\\s?[^<>\\s@]+@[^<>\\s]+\\s?>\\s?:\\s*");

    private static final Pattern TIME_OR_DATE =
            Pattern.compile("\\d{1,2}:\\d{2}|\\d{1,4}[./-]\\d{1,2}[./-]\\d{1,4}|\\d{4}年\\d{1,2}月");
    private static final Pattern ORIGINAL_MESSAGE = Pattern.compile(
            "\\s*-{2,}\\s*(?:Original Message|Ursprüngliche Nachricht|Originalnachricht|Message d'origine"
                    + "|Mensaje original|Oorspronkelijk bericht|Origineel bericht|Messaggio originale"
                    + "|Mensagem original|Originalmeddelande|Wiadomość oryginalna|Oryginalna wiadomość"
                    + "|Исходное сообщение|Оригинальное сообщение|Orijinal mesaj|Özgün ileti|原始邮件|原始郵件"
                    + "|元のメッセージ)\\s*-{2,}\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern FORWARDED = Pattern.compile(
            "\\s*(?:-{3,}\\s*(?:Forwarded message|Weitergeleitete Nachricht|Message transféré|Mensaje reenviado"
                    + "|Doorgestuurd bericht|Messaggio inoltrato|Mensagem encaminhada|Forwarded mail"
                    + "|Пересылаемое сообщение|Перенаправленное сообщение|İletilen ileti|Przekazana wiadomość"
                    + "|转发的邮件|轉寄的郵件|転送されたメッセージ)\\s*-{3,}"
                    + "|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:"
                    + "|Début du message (?:réexpédié|transféré)\\s?:|Inicio del mensaje reenviado:)\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_FROM = Pattern.compile(
            "\\s*\\*?(?:From|Von|De|Van|Da|Fra|Från|Od|Lähettäjä|От|Від|差出人|发件人|寄件者|Kimden)\\*?\\s?:\\*?\\s*\\S.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_SENT = Pattern.compile(
            "\\s*\\*?(?:Sent|Date|Gesendet|Datum|Envoyé|Enviado|Fecha|Verzonden|Inviato|Data|Skickat|Sendt"
                    + "|Wysłano|Wysłane|Отправлено|Дата|送信日時|日付|发送时间|時間|寄件日期|日期|Gönderildi|Tarih)"
                    + "\\*?\\s?:.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern HEADER_TO_OR_SUBJECT = Pattern.compile(
            "\\s*\\*?(?:To|An|À|A|Para|Aan|Til|Till|Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Assunto|Ämne"
                    + "|Emne|Cc|Do|Temat|Кому|Тема|Копия|宛先|件名|收件人|主题|主旨|收件者|抄送|Kime|Konu|Bilgi)\\*?\\s?:.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern SEPARATOR_LINE = Pattern.compile("\\s*(?:_{10,}|-{10,})\\s*");
    private static final Pattern MOBILE_SIGNATURE = Pattern.compile(
            "(?:Sent from my (?:iPhone|iPad|iPod|Android|mobile|BlackBerry|Samsung|Galaxy|Huawei|Pixel|phone|"
                    + "smartphone|Windows Phone)[\\w .,-]{0,40}"
                    + "|Sent from (?:Mail|Outlook|Yahoo Mail|Gmail|ProtonMail|Proton Mail)(?: for| on)?[\\w .-]{0,30}"
                    + "|Get Outlook for (?:iOS|Android|Mac|Windows)"
                    + "|Von meinem (?:iPhone|iPad|Smartphone|Android|Handy|Mobiltelefon)[\\w .-]{0,30} gesendet"
                    + "|Envoyé de mon (?:iPhone|iPad|smartphone|mobile|téléphone|Android)[\\w .-]{0,30}"
                    + "|Enviado desde mi (?:iPhone|iPad|smartphone|móvil|celular|Android)[\\w .-]{0,30}"
                    + "|Verzonden (?:vanaf|met) (?:mijn )?(?:iPhone|iPad|Android|smartphone)[\\w .-]{0,30}"
                    + "|Inviato da (?:iPhone|iPad|il mio)[\\w .-]{0,30})"
                    + "\\.?(?:\\s*<[^<>\\s]{1,200}>)?\\s*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private static final Evaluator HTML_MARKERS =
            QueryParser.parse("div.gmail_quote, div.gmail_quote_container, blockquote[type=cite],"
                    + " .moz-cite-prefix, #divRplyFwdMsg, #appendonsend, .yahoo_quoted, .gmail_signature,"
                    + " .gmail_signature_prefix, .moz-signature, div[style*=border-top]");

    private QuoteSplitter() {}

    private enum Cut {
        SIGNATURE,
        REPLY,
        FORWARD
    }

    private record Found(int line, Cut kind) {}

    /** Splits plain text at the first quote header, trailing quote block or signature. */
    public static Split split(String text) {
        return split(text, true);
    }

    private static Split split(String text, boolean bottomPostingAllowed) {
        if (text == null || text.isBlank()) {
            return new Split(text == null ? "" : text.strip(), "");
        }
        String normalised = text.indexOf('\r') >= 0 ? text.replace("\r\n", "\n").replace('\r', '\n') : text;
        String[] lines = normalised.split("\n", -1);
        Found found = find(lines);
        if (found == null) {
            return new Split(normalised.strip(), "");
        }
        String fresh = join(lines, 0, found.line()).strip();
        String quoted = join(lines, found.line(), lines.length).strip();
        if (!fresh.isEmpty()) {
            return new Split(fresh, quoted);
        }
        if (found.kind() == Cut.REPLY && bottomPostingAllowed) {
            // Bottom-posting: the answer follows the quote it answers. Looked for once, not again
            // inside the answer, so a long chain of quotes cannot nest calls.
            int after = found.line() + 1;
            while (after < lines.length
                    && (lines[after].isBlank() || lines[after].startsWith(">") || continuesHeader(lines, after))) {
                after++;
            }
            if (after < lines.length && after > found.line() + 1) {
                Split rest = split(join(lines, after, lines.length), false);
                String head = join(lines, found.line(), after).strip();
                if (!rest.fresh().isEmpty()) {
                    return new Split(rest.fresh(), rest.quoted().isEmpty() ? head : head + "\n\n" + rest.quoted());
                }
            }
        }
        return new Split(normalised.strip(), "");
    }

    /** Splits sanitised HTML at the markers mail programs leave; both halves come back as text. */
    public static Split splitHtml(String sanitizedHtml) {
        if (sanitizedHtml == null || sanitizedHtml.isBlank()) {
            return new Split("", "");
        }
        return splitHtml(Jsoup.parseBodyFragment(sanitizedHtml), null);
    }

    /**
     * Splits a cleaned document; {@code wholeText} is its rendered text when the caller already has
     * it, to fall back on the plain-text rules without rendering twice.
     */
    static Split splitHtml(Document document, String wholeText) {
        Split marked = splitAtMarker(document);
        if (marked != null) {
            return marked;
        }
        return split(wholeText != null ? wholeText : HtmlText.render(document.body()));
    }

    /** The split at the first HTML marker, or {@code null} when the document has none. */
    static Split splitAtMarker(Document document) {
        Element body = document.body();
        Node cut = null;
        for (Element marker : body.select(HTML_MARKERS)) {
            cut = cutAt(marker);
            if (cut != null) {
                break;
            }
        }
        if (cut == null) {
            return null;
        }
        String[] parts = HtmlText.render(body, cut);
        String fresh = withoutTrailingDelimiter(parts[0]).strip();
        String quoted = parts[1].strip();
        if (fresh.isEmpty()) {
            return new Split((parts[0] + "\n\n" + parts[1]).strip(), "");
        }
        return new Split(fresh, quoted);
    }

    private static Node cutAt(Element marker) {
        if (marker.normalName().equals("div") && marker.attr("style").contains("border-top")) {
            String text = marker.text().stripLeading();
            return HEADER_FROM
                            .matcher(text.length() > 60 ? text.substring(0, 60) : text)
                            .lookingAt()
                    ? marker
                    : null;
        }
        if (marker.normalName().equals("blockquote")) {
            // Apple Mail and others put the "On …, Ann wrote:" line just before the quote.
            Node previous = marker.previousSibling();
            while (previous != null && isBlank(previous)) {
                previous = previous.previousSibling();
            }
            if (previous != null) {
                String text = previous instanceof Element element ? element.text() : previous.outerHtml();
                text = text.strip().replace('\u00A0', ' ');
                if (text.length() <= MAX_HEADER_LINE
                        && ATTRIBUTION.matcher(text).matches()) {
                    return previous;
                }
            }
        }
        return marker;
    }

    private static boolean isBlank(Node node) {
        if (node instanceof TextNode text) {
            return text.isBlank();
        }
        return node instanceof Element element && element.normalName().equals("br");
    }

    private static String withoutTrailingDelimiter(String text) {
        String stripped = text.stripTrailing();
        if (stripped.endsWith("\n--") || stripped.equals("--")) {
            return stripped.substring(0, stripped.length() - 2);
        }
        return text;
    }

    private static Found find(String[] lines) {
        int lastUnquoted = -1;
        for (int i = lines.length - 1; i >= 0; i--) {
            if (!lines[i].isBlank() && !lines[i].startsWith(">")) {
                lastUnquoted = i;
                break;
            }
        }
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            if (line.isBlank()) {
                continue;
            }
            if (line.equals("-- ") || line.equals("--")) {
                return new Found(i, Cut.SIGNATURE);
            }
            if (line.startsWith(">")) {
                if (i > lastUnquoted) {
                    return new Found(attributionAbove(lines, i), Cut.REPLY);
                }
                continue;
            }
            if (line.length() > MAX_HEADER_LINE) {
                continue;
            }
            String clean = plain(line);
            if (isReplyHeader(lines, i, clean)) {
                return new Found(i, Cut.REPLY);
            }
            if (clean.startsWith("-") && ORIGINAL_MESSAGE.matcher(clean).matches()) {
                return new Found(i, Cut.REPLY);
            }
            if ((clean.startsWith("-")
                            || clean.startsWith("Begin")
                            || clean.startsWith("Anfang")
                            || clean.startsWith("Début")
                            || clean.startsWith("Inicio"))
                    && FORWARDED.matcher(clean).matches()) {
                return new Found(i, Cut.FORWARD);
            }
            if (clean.indexOf(':') > 0 && clean.indexOf(':') < 20 && isHeaderBlock(lines, i, clean)) {
                return new Found(separatorAbove(lines, i), Cut.REPLY);
            }
            if (clean.length() < 120 && MOBILE_SIGNATURE.matcher(clean).matches()) {
                return new Found(i, Cut.SIGNATURE);
            }
        }
        return null;
    }

    private static boolean isReplyHeader(String[] lines, int i, String clean) {
        boolean known = REPLY_HEADER_START.matcher(clean).matches() || clean.contains("schrieb am");
        if (known && REPLY_HEADER.matcher(clean).matches()) {
            return namesDateOrAddress(clean);
        }
        if (anyLanguageAttribution(clean)) {
            return true;
        }
        // Mail programs wrap long headers, never at the end of a sentence; join up to three lines.
        String joined = clean;
        for (int next = i + 1; next < Math.min(lines.length, i + 3); next++) {
            char last = joined.charAt(joined.length() - 1);
            if (lines[next].isBlank()
                    || lines[next].startsWith(">")
                    || lines[next].length() > MAX_HEADER_LINE
                    || last == '.'
                    || last == '!'
                    || last == '?'
                    || last == '。') {
                return false;
            }
            joined = joined + " " + plain(lines[next]);
            if (known && REPLY_HEADER.matcher(joined).matches()) {
                return namesDateOrAddress(joined);
            }
            if (anyLanguageAttribution(joined)) {
                return true;
            }
        }
        return false;
    }

    /**
     * An attribution line in any language we know, ending in a colon, with a time or date in it (which
     * prose that happens to end in "wrote:" rarely has): "… написал:", "… 写道:", or Gmail's verbless
     * "пн, 5 янв. 2026 г. в 10:00, Ann <ann@example.com>:".
     */
    private static boolean anyLanguageAttribution(String text) {
        if (!text.endsWith(":") || text.length() > MAX_HEADER_LINE * 2) {
            return false;
        }
        return (ATTRIBUTION.matcher(text).matches()
                        || ADDRESS_ATTRIBUTION.matcher(text).matches())
                && TIME_OR_DATE.matcher(text).find();
    }

    /** A line as the patterns read it: no-break spaces as spaces, full-width colons as colons, trimmed. */
    private static String plain(String line) {
        return line.replace('\u00A0', ' ')
                .replace('\u202F', ' ')
                .replace('\uFF1A', ':')
                .strip();
    }

    /** Every mail program's reply header carries a date or an address; prose that happens to match rarely does. */
    private static boolean namesDateOrAddress(String header) {
        return header.indexOf('@') >= 0 || containsDigit(header);
    }

    private static boolean continuesHeader(String[] lines, int i) {
        return i > 0
                && !lines[i - 1].isBlank()
                && !lines[i - 1].startsWith(">")
                && !lines[i].startsWith(">")
                && lines[i].strip().endsWith(":");
    }

    /** Outlook's block: From, then within a few lines Sent or Date, and To or Subject. */
    private static boolean isHeaderBlock(String[] lines, int i, String clean) {
        if (!HEADER_FROM.matcher(clean).matches()) {
            return false;
        }
        boolean sent = false;
        boolean toOrSubject = false;
        for (int next = i + 1; next < Math.min(lines.length, i + 1 + HEADER_LOOKAHEAD); next++) {
            String line = lines[next];
            if (line.length() > MAX_HEADER_LINE) {
                continue;
            }
            String plain = plain(line);
            sent |= HEADER_SENT.matcher(plain).matches();
            toOrSubject |= HEADER_TO_OR_SUBJECT.matcher(plain).matches();
            if (sent && toOrSubject) {
                return true;
            }
        }
        return false;
    }

    private static int separatorAbove(String[] lines, int i) {
        int above = i - 1;
        while (above >= 0 && lines[above].isBlank()) {
            above--;
        }
        return above >= 0
                        && lines[above].length() < 200
                        && SEPARATOR_LINE.matcher(lines[above]).matches()
                ? above
                : i;
    }

    /** A trailing quote usually has its "Ann wrote:" line above it, in whatever words. */
    private static int attributionAbove(String[] lines, int quoteStart) {
        int above = quoteStart - 1;
        while (above >= 0 && lines[above].isBlank()) {
            above--;
        }
        if (above < 0 || lines[above].length() > MAX_HEADER_LINE) {
            return quoteStart;
        }
        String line = plain(lines[above]);
        if (!line.endsWith(":")) {
            return quoteStart;
        }
        if (ATTRIBUTION.matcher(line).matches()) {
            return above;
        }
        // A header the mail program wrapped over two or three lines.
        String joined = line;
        for (int start = above - 1; start >= Math.max(0, above - 2); start--) {
            if (lines[start].isBlank() || lines[start].startsWith(">") || lines[start].length() > MAX_HEADER_LINE) {
                break;
            }
            joined = plain(lines[start]) + " " + joined;
            if (ATTRIBUTION.matcher(joined).matches()
                    || (ADDRESS_ATTRIBUTION.matcher(joined).matches()
                            && TIME_OR_DATE.matcher(joined).find())) {
                return start;
            }
        }
        return line.indexOf('@') >= 0 || containsDigit(line) ? above : quoteStart;
    }

    private static boolean containsDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    private static String join(String[] lines, int from, int to) {
        StringBuilder out = new StringBuilder();
        for (int i = from; i < to; i++) {
            if (i > from) {
                out.append('\n');
            }
            out.append(lines[i]);
        }
        return out.toString();
    }
}
