// Followthrough benchmark, email: a reproducible corpus of inbound mail, delivered over SMTP, and a
// look at the IMAP mailbox. Single-file source launch with GreenMail standalone on the class path
// (for its Jakarta Mail / Angus IMAP client, the one the app uses):
//
//   CP=bench/out/greenmail-standalone-2.1.13.jar
//   java -cp $CP bench/src/MailCorpus.java generate --messages 5000 --seed 1 --dir bench/out/mail-corpus-5000-s1
//   java -cp $CP bench/src/MailCorpus.java deliver  --dir bench/out/mail-corpus-5000-s1 --port 3025
//   java -cp $CP bench/src/MailCorpus.java status   --port 3143 --user support@bench.example --password ...
//   java -cp $CP bench/src/MailCorpus.java imap-keys --port 3143 --user ... --password ... --out FILE
//
// generate: N messages (seeded, the same bytes for the same seed and N), one .eml file each (CRLF),
// and keys.tsv: index, kind, the key the app files it under (the Message-ID without brackets, or
// "sha256:" and the hex SHA-256 of the bytes as sent for a message without one), the outcome the
// kind should get, the file. The mix (shares of N):
//   plain 55%    new plain-text messages from about N/3 distinct senders
//   html 15%     multipart/alternative, HTML with Gmail- or Outlook-style quoted history
//   reply 12%    In-Reply-To / References pointing at an earlier message of the corpus
//   attach 5%    multipart/mixed with a 30-200 KB attachment (base64)
//   charset 5%   ISO-8859-1 quoted-printable, Windows-1252, ISO-2022-JP, KOI8-R, GB18030
//   auto 4%      out-of-office and bulk (Auto-Submitted, X-Autoreply, Precedence: bulk); 60% of them
//                answering an earlier message
//   bounce 2%    multipart/report delivery-status notifications naming an earlier message
//   noid 2%      plain text without a Message-ID
// Every message is 7-bit clean except a share of the plain ones, which are UTF-8 "8bit" as most
// clients send them today.
//
// deliver: the files in order over one SMTP connection (bytes as generated, dot-stuffed).
// status: "messages=N unseen=U" of the folder.
// imap-keys: reads every message the way the app does (BODY.PEEK, the whole message prefetched,
// writeTo) and prints the sha256 key of those without a Message-ID, as the app would compute it.

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Session;
import jakarta.mail.UIDFolder;
import jakarta.mail.search.FlagTerm;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.Socket;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.TreeMap;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;

public class MailCorpus {

    static final String CRLF = "\r\n";
    static final DateTimeFormatter RFC_DATE = DateTimeFormatter.ofPattern("EEE, d MMM yyyy HH:mm:ss Z", Locale.ROOT);

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            System.err.println("usage: MailCorpus generate|deliver|status|imap-keys [--name value]...");
            System.exit(2);
        }
        var opts = new HashMap<String, String>();
        for (int i = 1; i + 1 < args.length; i += 2) {
            opts.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
        switch (args[0]) {
            case "generate" -> new Generator(
                            Integer.parseInt(opts.getOrDefault("messages", "5000")),
                            Long.parseLong(opts.getOrDefault("seed", "1")),
                            opts.getOrDefault("to", "support@bench.example"))
                    .writeTo(Path.of(opts.get("dir")));
            case "deliver" -> deliver(
                    Path.of(opts.get("dir")),
                    opts.getOrDefault("host", "127.0.0.1"),
                    Integer.parseInt(opts.getOrDefault("port", "3025")),
                    opts.getOrDefault("to", "support@bench.example"));
            case "status" -> status(opts);
            case "imap-keys" -> imapKeys(opts);
            default -> {
                System.err.println("unknown command " + args[0]);
                System.exit(2);
            }
        }
    }

    // --- the corpus ---------------------------------------------------------------------------------

    enum Kind {
        PLAIN(55, "NEW_CASE"),
        HTML(15, "NEW_CASE"),
        REPLY(12, "ADDED"),
        ATTACH(5, "NEW_CASE"),
        CHARSET(5, "NEW_CASE"),
        AUTO(4, "AUTO_REPLY|IGNORED"),
        BOUNCE(2, "BOUNCE"),
        NOID(2, "NEW_CASE");

        final int percent;
        final String expected;

        Kind(int percent, String expected) {
            this.percent = percent;
            this.expected = expected;
        }

        boolean needsEarlier() {
            return this == REPLY || this == BOUNCE || this == AUTO;
        }
    }

    record Sender(String name, String address, String lang) {}

    /** What a later message may answer or name. */
    record Sent(int index, String messageId, String references, String subject, Sender from, ZonedDateTime date,
            String text) {}

    record Generated(Kind kind, String key, String expected, byte[] bytes) {}

    static final class Generator {
        final int n;
        final long seed;
        final String to;
        final Random rnd;
        final List<Sender> senders = new ArrayList<>();
        final List<Sent> answerable = new ArrayList<>();
        final ZonedDateTime start = ZonedDateTime.of(2026, 11, 23, 7, 0, 0, 0, ZoneOffset.UTC);
        int boundaries;

        Generator(int n, long seed, String to) {
            this.n = n;
            this.seed = seed;
            this.to = to;
            this.rnd = new Random(seed);
            int distinct = Math.max(1, n / 3);
            for (int i = 0; i < distinct; i++) {
                senders.add(sender(i));
            }
        }

        void writeTo(Path dir) throws IOException {
            Files.createDirectories(dir);
            var kinds = kinds();
            var counts = new TreeMap<String, Integer>();
            long bytes = 0;
            try (var keys = new PrintWriter(Files.newBufferedWriter(dir.resolve("keys.tsv")))) {
                for (int i = 0; i < n; i++) {
                    var g = message(i, kinds.get(i));
                    var file = String.format("%06d.eml", i);
                    Files.write(dir.resolve(file), g.bytes());
                    keys.printf("%d\t%s\t%s\t%s\t%s%n", i, g.kind().name().toLowerCase(Locale.ROOT), g.key(),
                            g.expected(), file);
                    counts.merge(g.kind().name().toLowerCase(Locale.ROOT), 1, Integer::sum);
                    bytes += g.bytes().length;
                }
            }
            long distinctSenders = senders.stream().filter(s -> used.contains(s.address())).count();
            var summary = new StringBuilder();
            summary.append(String.format("messages %d, seed %d, %.1f MB, %d distinct senders%n", n, seed,
                    bytes / 1048576.0, distinctSenders));
            counts.forEach((k, v) -> summary.append(String.format("  %-8s %5d (%.1f%%)%n", k, v, 100.0 * v / n)));
            Files.writeString(dir.resolve("summary.txt"), summary);
            System.out.print(summary);
        }

        final java.util.Set<String> used = new java.util.HashSet<>();

        /** Exact shares, shuffled; nothing that answers an earlier message comes before there is one. */
        List<Kind> kinds() {
            var list = new ArrayList<Kind>(n);
            int assigned = 0;
            for (var k : Kind.values()) {
                if (k == Kind.PLAIN) {
                    continue;
                }
                int count = (int) Math.round(n * k.percent / 100.0);
                for (int i = 0; i < count && assigned < n; i++, assigned++) {
                    list.add(k);
                }
            }
            while (list.size() < n) {
                list.add(Kind.PLAIN);
            }
            Collections.shuffle(list, rnd);
            for (int i = 0; i < Math.min(n, 10); i++) {
                if (list.get(i).needsEarlier() || list.get(i) == Kind.NOID && i == 0) {
                    for (int j = 10; j < n; j++) {
                        if (list.get(j) == Kind.PLAIN) {
                            Collections.swap(list, i, j);
                            break;
                        }
                    }
                }
            }
            return list;
        }

        Generated message(int i, Kind kind) {
            var date = start.plusSeconds(i * 7L + rnd.nextInt(7));
            return switch (kind) {
                case PLAIN -> plain(i, date, true);
                case NOID -> plain(i, date, false);
                case HTML -> html(i, date);
                case REPLY -> reply(i, date);
                case ATTACH -> attachment(i, date);
                case CHARSET -> charset(i, date);
                case AUTO -> auto(i, date);
                case BOUNCE -> bounce(i, date);
            };
        }

        // --- people and words ---

        static final String[] FIRST = {"Anna", "Ben", "Chloe", "David", "Emma", "Farid", "Grace", "Hiro", "Isla",
            "Jonas", "Kira", "Liam", "Maya", "Noah", "Olivia", "Pavel", "Quinn", "Rosa", "Sam", "Tara", "Umar",
            "Vera", "Will", "Xiu", "Yusuf", "Zoe", "Pat", "Lena", "Marco", "Nina", "Oscar", "Priya"};
        static final String[] LAST = {"Adams", "Baker", "Chen", "Dubois", "Evans", "Fischer", "Garcia", "Hughes",
            "Ivanova", "Jensen", "Kowalski", "Lopez", "Müller", "Nakamura", "O'Brien", "Patel", "Quist", "Rossi",
            "Schmidt", "Tanaka", "Umarov", "Varga", "Walsh", "Xu", "Yilmaz", "Zimmer", "Novak", "Horvat"};
        static final String[] DOMAINS = {"gmail.example", "outlook.example", "northwind.example",
            "contoso.example", "fabrikam.example", "mail.example.org", "web.example.de", "yandex.example",
            "qq.example", "example.co.jp", "tailspin.example", "wingtip.example", "litware.example",
            "adventure-works.example", "proseware.example"};

        Sender sender(int i) {
            var first = FIRST[rnd.nextInt(FIRST.length)];
            var last = LAST[rnd.nextInt(LAST.length)];
            var domain = DOMAINS[rnd.nextInt(DOMAINS.length)];
            var local = ascii(first + "." + last).toLowerCase(Locale.ROOT).replace("'", "") + (i % 1000);
            String lang = switch (domain) {
                case "yandex.example" -> "ru";
                case "qq.example" -> "zh";
                case "example.co.jp" -> "ja";
                case "web.example.de" -> "de";
                default -> "en";
            };
            String name = switch (rnd.nextInt(10)) {
                case 0 -> last + ", " + first;
                case 1 -> "";
                default -> first + " " + last;
            };
            return new Sender(name, local + "@" + domain, lang);
        }

        static String ascii(String s) {
            return java.text.Normalizer.normalize(s, java.text.Normalizer.Form.NFD).replaceAll("[^\\x00-\\x7F]", "");
        }

        Sender anySender() {
            var s = senders.get(rnd.nextInt(senders.size()));
            used.add(s.address());
            return s;
        }

        static final String[] PRODUCTS = {"Zephyr 2 speaker", "thermostat", "router", "Aero headphones",
            "smart plug", "Nimbus backpack", "espresso machine", "travel adapter", "fitness band", "webcam",
            "standing desk", "charging dock"};
        static final String[] OPENERS = {"Hello,", "Hi there,", "Good morning,", "Dear support team,", "Hi,",
            "Hello support,"};
        static final String[] PROBLEMS = {
            "My order %s has not arrived yet, although the tracking page said it would be here on Friday.",
            "The %s I bought last week stopped working after the firmware update.",
            "I was charged twice for order %s and would like a refund of the second payment.",
            "Could you tell me how to reset the %s to its factory settings?",
            "The %s keeps disconnecting from the wifi every few minutes.",
            "I would like to return the %s; it is not what I expected.",
            "My password reset email never arrives, can you help me get back into my account?",
            "The invoice for order %s shows the wrong billing address.",
            "Bluetooth pairing with the %s fails with a checksum mismatch error.",
            "I received the wrong colour of the %s in order %s.",
            "Is the %s compatible with the older charging dock?",
            "The replacement %s you sent is making the same noise as the first one."};
        static final String[] DETAILS = {
            "I have already tried turning it off and on again.",
            "The serial number is on the box if you need it.",
            "I attached nothing, but I can send photos if that helps.",
            "This is the second time I am writing about this.",
            "It worked fine for the first two weeks.",
            "My neighbour has the same model and does not have this problem.",
            "I am travelling next week, so a quick answer would be great.",
            "The app shows error code E%d when it happens.",
            "I bought it from your web shop, not from a reseller.",
            "Please let me know what information you need from me."};
        static final String[] CLOSERS = {"Thanks,", "Best regards,", "Kind regards,", "Cheers,", "Thank you!",
            "Many thanks,"};

        String order(int i) {
            return "ORD-" + (5_000_000 + i * 37 + rnd.nextInt(37));
        }

        String product() {
            return PRODUCTS[rnd.nextInt(PRODUCTS.length)];
        }

        String problem(int i) {
            var p = PROBLEMS[rnd.nextInt(PROBLEMS.length)];
            int slots = p.split("%s", -1).length - 1;
            return switch (slots) {
                case 0 -> p;
                case 1 -> p.contains("order %s") ? String.format(p, order(i)) : String.format(p, product());
                default -> String.format(p, product(), order(i));
            };
        }

        String body(int i, Sender from) {
            var sb = new StringBuilder();
            sb.append(OPENERS[rnd.nextInt(OPENERS.length)]).append("\n\n");
            var para = new StringBuilder(problem(i));
            for (int k = rnd.nextInt(5); k > 0; k--) {
                para.append(' ').append(String.format(DETAILS[rnd.nextInt(DETAILS.length)], 100 + rnd.nextInt(900)));
            }
            sb.append(wrap(para.toString())).append("\n\n");
            if (rnd.nextInt(3) == 0) {
                sb.append(wrap("Order number: " + order(i) + ". " + DETAILS[rnd.nextInt(DETAILS.length)]
                                .formatted(100 + rnd.nextInt(900))))
                        .append("\n\n");
            }
            sb.append(CLOSERS[rnd.nextInt(CLOSERS.length)]).append('\n');
            sb.append(from.name().isEmpty() ? from.address().substring(0, from.address().indexOf('@'))
                    : from.name().contains(",") ? from.name().substring(from.name().indexOf(',') + 2) : from.name());
            sb.append('\n');
            if (rnd.nextInt(4) == 0) {
                sb.append("\n-- \nSent from my phone\n");
            }
            return sb.toString();
        }

        String subject(int i) {
            return switch (rnd.nextInt(6)) {
                case 0 -> "Order " + order(i) + " not delivered";
                case 1 -> "Problem with my " + product();
                case 2 -> "Refund request";
                case 3 -> "Question about the " + product();
                case 4 -> "Help needed: " + product() + " not working";
                default -> "Invoice " + order(i);
            };
        }

        String messageId(int i, String domain) {
            var hex = HexFormat.of().formatHex(bytes(6));
            return switch (rnd.nextInt(3)) {
                case 0 -> "CA+" + Base64.getEncoder().withoutPadding().encodeToString(bytes(18)).replace('/', '_')
                        + i + "@mail.gmail.example";
                case 1 -> "DB9PR0" + (i % 10) + "MB" + hex.toUpperCase(Locale.ROOT) + i
                        + "@DB9PR01MB7765.eurprd01.prod.outlook.example";
                default -> String.format("%08X-%04d-%s@%s", rnd.nextInt(), i % 10000, hex, domain);
            };
        }

        byte[] bytes(int count) {
            var b = new byte[count];
            rnd.nextBytes(b);
            return b;
        }

        // --- the kinds ---

        Generated plain(int i, ZonedDateTime date, boolean withId) {
            var from = anySender();
            var subject = subject(i);
            var text = body(i, from);
            var id = withId ? messageId(i, domain(from)) : null;
            var h = headers(from, to, null, subject, date, id);
            boolean eightBit = withId && rnd.nextInt(5) == 0;
            if (eightBit) {
                text = text.replace("I am ", "I’m ").replace("does not", "doesn’t") + "Café Müller · 10 € – merci\n";
                h.put("Content-Type", "text/plain; charset=UTF-8; format=flowed");
                h.put("Content-Transfer-Encoding", "8bit");
                answerable(i, id, null, subject, from, date, text);
                return done(Kind.PLAIN, id, Kind.PLAIN.expected, h, crlf(text).getBytes(StandardCharsets.UTF_8));
            }
            h.put("Content-Type", "text/plain; charset=us-ascii");
            h.put("Content-Transfer-Encoding", "7bit");
            if (withId) {
                answerable(i, id, null, subject, from, date, text);
            }
            return done(withId ? Kind.PLAIN : Kind.NOID, id, Kind.PLAIN.expected, h, ascii7(text));
        }

        Generated html(int i, ZonedDateTime date) {
            var from = anySender();
            boolean gmail = rnd.nextBoolean();
            var earlierDate = date.minusDays(1 + rnd.nextInt(20)).minusMinutes(rnd.nextInt(600));
            var oldText = wrap("Thank you for contacting us. We are sorry to hear about the trouble with your "
                    + product() + ". Could you send us the order number and a short description of what happens? "
                    + "We will get back to you within one business day.") + "\n\nBench Support\n";
            var subject = "Re: " + subject(i);
            var text = body(i, from);
            var id = messageId(i, domain(from));
            var h = headers(from, to, null, subject, date, id);
            if (rnd.nextInt(3) == 0) {
                // answering a message from before the corpus: the thread is unknown to the desk
                var unknown = "ack." + HexFormat.of().formatHex(bytes(8)) + "@bench.example";
                h.put("In-Reply-To", "<" + unknown + ">");
                h.put("References", "<" + unknown + ">");
            }
            var when = earlierDate.format(DateTimeFormatter.ofPattern("EEE, d MMM yyyy 'at' HH:mm", Locale.ENGLISH));
            String plainPart;
            String htmlPart;
            if (gmail) {
                plainPart = text + "\nOn " + when + " Bench Support <" + to + "> wrote:\n\n" + quote(oldText);
                htmlPart = "<div dir=\"ltr\">" + paragraphs(text, "<div>", "</div><div><br></div>") + "</div><br>"
                        + "<div class=\"gmail_quote gmail_quote_container\"><div dir=\"ltr\" class=\"gmail_attr\">On "
                        + esc(when) + " Bench Support &lt;<a href=\"mailto:" + to + "\">" + to + "</a>&gt; wrote:<br></div>"
                        + "<blockquote class=\"gmail_quote\" style=\"margin:0px 0px 0px 0.8ex;border-left:1px solid "
                        + "rgb(204,204,204);padding-left:1ex\">" + paragraphs(oldText, "<div>", "</div>")
                        + "</blockquote></div>\n";
            } else {
                var sent = earlierDate.format(DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy h:mm a", Locale.ENGLISH));
                plainPart = text + "\n________________________________\nFrom: Bench Support <" + to + ">\nSent: " + sent
                        + "\nTo: " + display(from) + "\nSubject: " + subject.substring(4) + "\n\n" + oldText;
                htmlPart = "<html><head>\n<meta http-equiv=\"Content-Type\" content=\"text/html; charset=utf-8\">\n"
                        + "<style type=\"text/css\" style=\"display:none;\"> P {margin-top:0;margin-bottom:0;} </style>\n"
                        + "</head>\n<body dir=\"ltr\">\n<div class=\"elementToProof\" style=\"font-family: Aptos, Arial, "
                        + "Helvetica, sans-serif; font-size: 12pt; color: rgb(0, 0, 0);\">"
                        + paragraphs(text, "<p>", "</p>") + "</div>\n<div id=\"appendonsend\"></div>\n"
                        + "<hr style=\"display:inline-block;width:98%\" tabindex=\"-1\">\n<div id=\"divRplyFwdMsg\" "
                        + "dir=\"ltr\"><font face=\"Calibri, sans-serif\" style=\"font-size:11pt\" color=\"#000000\">"
                        + "<b>From:</b> Bench Support &lt;" + to + "&gt;<br>\n<b>Sent:</b> " + esc(sent) + "<br>\n"
                        + "<b>To:</b> " + esc(display(from)) + "<br>\n<b>Subject:</b> " + esc(subject.substring(4))
                        + "</font>\n<div>&nbsp;</div>\n</div>\n<div>" + paragraphs(oldText, "<p>", "</p>")
                        + "</div>\n</body>\n</html>\n";
            }
            var boundary = boundary();
            h.put("Content-Type", "multipart/alternative; boundary=\"" + boundary + "\"");
            var body = new ByteArrayOutputStream();
            part(body, boundary, "text/plain; charset=\"utf-8\"", "quoted-printable",
                    qp(crlf(plainPart).getBytes(StandardCharsets.UTF_8)));
            part(body, boundary, "text/html; charset=\"utf-8\"", "quoted-printable",
                    qp(crlf(htmlPart).getBytes(StandardCharsets.UTF_8)));
            end(body, boundary);
            answerable(i, id, null, subject, from, date, text);
            return done(Kind.HTML, id, Kind.HTML.expected, h, body.toByteArray());
        }

        Generated reply(int i, ZonedDateTime date) {
            var original = answerable.get(rnd.nextInt(answerable.size()));
            Sender from;
            String cc = null;
            if (rnd.nextInt(7) == 0) {
                from = anySender(); // a colleague the customer copied in
                cc = display(original.from());
            } else {
                from = original.from();
            }
            var subject = original.subject().startsWith("Re: ") ? original.subject() : "Re: " + original.subject();
            var text = wrap((rnd.nextBoolean() ? "Any news on this? " : "Following up: ") + problem(i) + " "
                            + DETAILS[rnd.nextInt(DETAILS.length)].formatted(100 + rnd.nextInt(900)))
                    + "\n\n" + CLOSERS[rnd.nextInt(CLOSERS.length)] + "\n";
            var when = original.date().format(DateTimeFormatter.ofPattern("EEE, MMM d, yyyy 'at' h:mm a", Locale.ENGLISH));
            var full = text + "\nOn " + when + ", " + display(original.from()) + " wrote:\n" + quote(original.text());
            var id = messageId(i, domain(from));
            var h = headers(from, to, cc, subject, date, id);
            var refs = (original.references() == null ? "" : original.references() + " ") + "<" + original.messageId() + ">";
            h.put("In-Reply-To", "<" + original.messageId() + ">");
            h.put("References", fold(refs));
            h.put("Content-Type", "text/plain; charset=us-ascii");
            h.put("Content-Transfer-Encoding", "7bit");
            answerable(i, id, refs, subject, from, date, text);
            return done(Kind.REPLY, id, Kind.REPLY.expected, h, ascii7(full));
        }

        static final String[][] FILES = {{"application/pdf", "invoice-%s.pdf"}, {"image/png", "screenshot-%d.png"},
            {"image/jpeg", "IMG_%d.jpg"}, {"application/zip", "logs-%d.zip"},
            {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "Bestellübersicht-%d.xlsx"}};

        Generated attachment(int i, ZonedDateTime date) {
            var from = anySender();
            var subject = subject(i);
            var text = body(i, from) + "\nThe file is attached.\n";
            var id = messageId(i, domain(from));
            var h = headers(from, to, null, subject, date, id);
            var boundary = boundary();
            h.put("Content-Type", "multipart/mixed; boundary=\"" + boundary + "\"");
            var body = new ByteArrayOutputStream();
            part(body, boundary, "text/plain; charset=us-ascii", "7bit", ascii7(text));
            var file = FILES[rnd.nextInt(FILES.length)];
            var name = file[1].contains("%s") ? String.format(file[1], order(i)) : String.format(file[1], 1000 + i);
            var data = bytes(30 * 1024 + rnd.nextInt(170 * 1024 + 1));
            String disposition;
            if (name.chars().allMatch(c -> c < 128)) {
                disposition = "attachment; filename=\"" + name + "\"";
                write(body, "--" + boundary + CRLF + "Content-Type: " + file[0] + "; name=\"" + name + "\"" + CRLF);
            } else {
                var encoded = java.net.URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
                disposition = "attachment;" + CRLF + " filename*=utf-8''" + encoded;
                write(body, "--" + boundary + CRLF + "Content-Type: " + file[0] + ";" + CRLF + " name=\""
                        + encodedWords(name, StandardCharsets.UTF_8, 'B') + "\"" + CRLF);
            }
            write(body, "Content-Disposition: " + disposition + CRLF + "Content-Transfer-Encoding: base64" + CRLF + CRLF);
            write(body, Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(data) + CRLF);
            end(body, boundary);
            answerable(i, id, null, subject, from, date, text);
            return done(Kind.ATTACH, id, Kind.ATTACH.expected, h, body.toByteArray());
        }

        record Lang(String charset, String encoding, char wordEncoding, String name, String subject, String text) {}

        static final Lang[] LANGS = {
            new Lang("ISO-8859-1", "quoted-printable", 'Q', "Hélène Lefèvre",
                    "Problème avec ma commande %s",
                    "Bonjour,\n\nJ'ai reçu ma commande %s hier, mais l'enceinte ne s'allume pas. "
                            + "J'ai déjà essayé de la recharger pendant une journée entière.\n\n"
                            + "Pourriez-vous m'aider ? Merci d'avance.\n\nCordialement,\nHélène Lefèvre\n"),
            new Lang("windows-1252", "quoted-printable", 'Q', "Jürgen Weiß",
                    "Rückerstattung – Bestellung %s",
                    "Guten Tag,\n\nich habe für die Bestellung %s zweimal bezahlt (je 89,90 €). "
                            + "Bitte erstatten Sie mir den doppelten Betrag – vielen Dank.\n\n"
                            + "„Schnelle Lieferung“ stand auf der Seite… leider stimmt das nicht.\n\n"
                            + "Mit freundlichen Grüßen\nJürgen Weiß\n"),
            new Lang("ISO-2022-JP", "7bit", 'B', "山田 太郎",
                    "注文 %s について",
                    "お世話になっております。\n\n注文 %s の商品がまだ届いていません。\n"
                            + "配送状況を確認していただけますでしょうか。\n\nよろしくお願いいたします。\n山田 太郎\n"),
            new Lang("KOI8-R", "base64", 'B', "Иван Петров",
                    "Заказ %s не доставлен",
                    "Здравствуйте!\n\nМой заказ %s до сих пор не доставлен, хотя прошло уже две недели.\n"
                            + "Подскажите, пожалуйста, где он сейчас?\n\nС уважением,\nИван Петров\n"),
            new Lang("GB18030", "base64", 'B', "王小明",
                    "关于订单 %s 的问题",
                    "您好，\n\n我的订单 %s 中的耳机无法连接蓝牙，已经尝试重新配对多次。\n"
                            + "请问应该怎么处理？谢谢！\n\n王小明\n")};

        int charsetTurn;

        Generated charset(int i, ZonedDateTime date) {
            var lang = LANGS[charsetTurn++ % LANGS.length];
            var cs = Charset.forName(lang.charset());
            var domain = switch (lang.charset()) {
                case "KOI8-R" -> "yandex.example";
                case "GB18030" -> "qq.example";
                case "ISO-2022-JP" -> "example.co.jp";
                case "windows-1252" -> "web.example.de";
                default -> "orange.example.fr";
            };
            var local = ascii(lang.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z]+", ".")
                    .replaceAll("^\\.|\\.$", "");
            var from = new Sender(lang.name(), (local.isEmpty() ? "client" : local) + (i % 997) + "@" + domain, "");
            used.add(from.address());
            var order = order(i);
            var subject = String.format(lang.subject(), order);
            var text = String.format(lang.text(), order);
            var id = messageId(i, domain);
            var h = new LinkedHashMap<String, String>();
            h.put("From", encodedWords(lang.name(), cs, lang.wordEncoding()) + " <" + from.address() + ">");
            h.put("To", to);
            h.put("Subject", encodedWords(subject, cs, lang.wordEncoding()));
            h.put("Date", date.format(RFC_DATE));
            h.put("Message-ID", "<" + id + ">");
            h.put("MIME-Version", "1.0");
            h.put("Content-Type", "text/plain; charset=" + (lang.charset().equals("ISO-2022-JP") ? "ISO-2022-JP"
                    : "\"" + lang.charset() + "\""));
            h.put("Content-Transfer-Encoding", lang.encoding());
            var raw = crlf(text).getBytes(cs);
            byte[] body = switch (lang.encoding()) {
                case "quoted-printable" -> qp(raw);
                case "base64" -> (Base64.getMimeEncoder(76, CRLF.getBytes(StandardCharsets.US_ASCII)).encodeToString(raw)
                        + CRLF).getBytes(StandardCharsets.US_ASCII);
                default -> raw;
            };
            answerable(i, id, null, subject, from, date, text);
            return done(Kind.CHARSET, id, Kind.CHARSET.expected, h, body);
        }

        Generated auto(int i, ZonedDateTime date) {
            boolean threaded = rnd.nextInt(10) < 6;
            var original = threaded ? answerable.get(rnd.nextInt(answerable.size())) : null;
            var from = threaded ? original.from() : anySender();
            var id = messageId(i, domain(from));
            int style = rnd.nextInt(4);
            String subject;
            var h = headers(from, to, null, "", date, id);
            switch (style) {
                case 0 -> {
                    subject = "Automatic reply: " + (threaded ? original.subject() : subject(i));
                    h.put("Auto-Submitted", "auto-replied");
                    h.put("X-Auto-Response-Suppress", "All");
                }
                case 1 -> {
                    subject = "Out of Office: " + (threaded ? original.subject() : subject(i));
                    h.put("X-Autoreply", "yes");
                }
                case 2 -> {
                    subject = "Abwesenheitsnotiz: " + (threaded ? original.subject() : subject(i));
                    h.put("Auto-Submitted", "auto-replied (vacation)");
                    h.put("X-Autoreply", "yes");
                    h.put("Precedence", "auto_reply");
                }
                default -> {
                    subject = threaded ? "Re: " + original.subject() : "Your weekly " + product() + " tips";
                    h.put("Precedence", "bulk");
                    h.put("List-Unsubscribe", "<mailto:unsubscribe@" + domain(from) + ">");
                }
            }
            h.put("Subject", subject);
            if (threaded) {
                h.put("In-Reply-To", "<" + original.messageId() + ">");
                h.put("References", "<" + original.messageId() + ">");
            }
            h.put("Content-Type", "text/plain; charset=us-ascii");
            h.put("Content-Transfer-Encoding", "7bit");
            var text = style == 3 && !threaded
                    ? "This week: five ways to get more out of your " + product() + ".\n\nUnsubscribe at any time.\n"
                    : "I am out of the office until " + date.plusDays(3 + rnd.nextInt(14)).format(
                            DateTimeFormatter.ofPattern("d MMMM", Locale.ENGLISH))
                            + " with limited access to email.\nFor urgent matters please call the front desk.\n";
            return done(Kind.AUTO, id, threaded ? "AUTO_REPLY" : "IGNORED", h, ascii7(text));
        }

        Generated bounce(int i, ZonedDateTime date) {
            var original = answerable.get(rnd.nextInt(answerable.size()));
            var failed = original.from().address();
            var mx = "mx" + (1 + rnd.nextInt(4)) + "." + domain(original.from());
            var id = String.format("%d.%s@%s", 20261123000000L + i, HexFormat.of().formatHex(bytes(5)), mx);
            var h = new LinkedHashMap<String, String>();
            boolean postfix = rnd.nextBoolean();
            h.put("From", postfix ? "MAILER-DAEMON@" + mx + " (Mail Delivery System)"
                    : "Mail Delivery Subsystem <mailer-daemon@" + mx + ">");
            h.put("To", to);
            h.put("Subject", postfix ? "Undelivered Mail Returned to Sender" : "Delivery Status Notification (Failure)");
            h.put("Date", date.format(RFC_DATE));
            h.put("Message-ID", "<" + id + ">");
            h.put("Auto-Submitted", "auto-replied");
            h.put("MIME-Version", "1.0");
            var boundary = boundary();
            h.put("Content-Type", "multipart/report; report-type=delivery-status;" + CRLF + "\tboundary=\"" + boundary + "\"");
            var body = new ByteArrayOutputStream();
            write(body, "This is a MIME-encapsulated message." + CRLF + CRLF);
            var human = postfix
                    ? "This is the mail system at host " + mx + ".\n\nI'm sorry to have to inform you that your message "
                            + "could not\nbe delivered to one or more recipients. It's attached below.\n\n"
                            + "                   The mail system\n\n<" + failed + ">: host " + mx
                            + "[203.0.113." + (1 + rnd.nextInt(250)) + "] said: 550 5.1.1\n    <" + failed
                            + ">: Recipient address rejected: User unknown in virtual mailbox\n    table (in reply to RCPT TO command)\n"
                    : "** Address not found **\n\nYour message wasn't delivered to " + failed + " because the address "
                            + "couldn't be found, or is unable to receive mail.\n";
            part(body, boundary, "text/plain; charset=us-ascii", null, ascii7(human));
            var status = "Reporting-MTA: dns; " + mx + "\nArrival-Date: " + original.date().format(RFC_DATE) + "\n\n"
                    + "Final-Recipient: rfc822; " + failed + "\nOriginal-Recipient: rfc822;" + failed
                    + "\nAction: failed\nStatus: 5.1.1\nRemote-MTA: dns; " + mx
                    + "\nDiagnostic-Code: smtp; 550 5.1.1 <" + failed + ">: Recipient address rejected: User unknown\n";
            part(body, boundary, "message/delivery-status", null, ascii7(status));
            var originalHeaders = "Return-Path: <" + to + ">\nMessage-ID: <" + original.messageId() + ">\nDate: "
                    + original.date().format(RFC_DATE) + "\nFrom: Bench Support <" + to + ">\nTo: " + failed
                    + "\nSubject: Re: " + ascii(original.subject()) + "\n";
            part(body, boundary, postfix ? "text/rfc822-headers" : "message/rfc822", null, ascii7(originalHeaders));
            end(body, boundary);
            return done(Kind.BOUNCE, id, Kind.BOUNCE.expected, h, body.toByteArray());
        }

        // --- assembling ---

        void answerable(int i, String id, String refs, String subject, Sender from, ZonedDateTime date, String text) {
            if (id != null) {
                answerable.add(new Sent(i, id, refs, subject, from, date, text));
            }
        }

        LinkedHashMap<String, String> headers(Sender from, String to, String cc, String subject, ZonedDateTime date,
                String id) {
            var h = new LinkedHashMap<String, String>();
            if (rnd.nextInt(3) == 0) {
                h.put("Received", "from [192.0.2." + (1 + rnd.nextInt(250)) + "] by smtp." + domain(from)
                        + " with ESMTPSA;" + CRLF + "\t" + date.minusSeconds(2).format(RFC_DATE));
            }
            h.put("From", display(from));
            h.put("To", rnd.nextInt(5) == 0 ? "Bench Support <" + to + ">" : to);
            if (cc != null) {
                h.put("Cc", cc);
            }
            h.put("Subject", subject);
            h.put("Date", date.format(RFC_DATE));
            if (id != null) {
                h.put("Message-ID", "<" + id + ">");
            }
            h.put("MIME-Version", "1.0");
            if (rnd.nextInt(4) == 0) {
                h.put("User-Agent", rnd.nextBoolean() ? "Mozilla Thunderbird" : "Apple Mail (2.3826.500)");
            }
            return h;
        }

        Generated done(Kind kind, String id, String expected, Map<String, String> headers, byte[] body) {
            var out = new ByteArrayOutputStream(body.length + 1024);
            headers.forEach((k, v) -> write(out, k + ": "
                    + (k.equals("Subject") && !v.chars().allMatch(c -> c < 128)
                            ? encodedWords(v, StandardCharsets.UTF_8, 'B')
                            : v)
                    + CRLF));
            write(out, CRLF);
            out.writeBytes(body);
            var bytes = out.toByteArray();
            var key = id != null ? id : "sha256:" + sha256(bytes);
            return new Generated(kind, key, expected, bytes);
        }

        String boundary() {
            return "----=_Part_" + (++boundaries) + "_" + HexFormat.of().formatHex(bytes(6));
        }

        static void part(ByteArrayOutputStream out, String boundary, String type, String encoding, byte[] content) {
            write(out, "--" + boundary + CRLF + "Content-Type: " + type + CRLF);
            if (encoding != null) {
                write(out, "Content-Transfer-Encoding: " + encoding + CRLF);
            }
            write(out, CRLF);
            out.writeBytes(content);
            write(out, CRLF);
        }

        static void end(ByteArrayOutputStream out, String boundary) {
            write(out, "--" + boundary + "--" + CRLF);
        }

        static String display(Sender s) {
            if (s.name().isEmpty()) {
                return s.address();
            }
            var name = s.name();
            if (!name.chars().allMatch(c -> c < 128)) {
                return encodedWords(name, StandardCharsets.UTF_8, 'Q') + " <" + s.address() + ">";
            }
            return (name.matches("[A-Za-z0-9 ]+") ? name : "\"" + name + "\"") + " <" + s.address() + ">";
        }

        static String domain(Sender s) {
            return s.address().substring(s.address().indexOf('@') + 1);
        }
    }

    // --- encodings ------------------------------------------------------------------------------------

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
    }

    static String crlf(String text) {
        return text.replace("\r\n", "\n").replace("\n", CRLF);
    }

    static byte[] ascii7(String text) {
        var s = crlf(MailCorpus.Generator.ascii(text));
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    static String wrap(String text) {
        var sb = new StringBuilder();
        int col = 0;
        for (var word : text.split(" ")) {
            if (col > 0 && col + 1 + word.length() > 72) {
                sb.append('\n');
                col = 0;
            } else if (col > 0) {
                sb.append(' ');
                col++;
            }
            sb.append(word);
            col += word.length();
        }
        return sb.toString();
    }

    static String quote(String text) {
        var sb = new StringBuilder();
        for (var line : text.split("\n", -1)) {
            sb.append(line.isEmpty() ? ">" : "> " + line).append('\n');
        }
        return sb.toString();
    }

    static String fold(String refs) {
        return refs.replace("> <", ">" + CRLF + " <");
    }

    static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    static String paragraphs(String text, String open, String close) {
        var sb = new StringBuilder();
        for (var para : text.strip().split("\n\n")) {
            sb.append(open).append(esc(para).replace("\n", "<br>\n")).append(close).append('\n');
        }
        return sb.toString();
    }

    /** Quoted-printable of text bytes with CRLF line breaks: soft breaks at 76, trailing blanks encoded. */
    static byte[] qp(byte[] data) {
        var out = new StringBuilder(data.length * 2);
        int col = 0;
        for (int i = 0; i < data.length; i++) {
            int b = data[i] & 0xff;
            if (b == '\r' && i + 1 < data.length && data[i + 1] == '\n') {
                out.append(CRLF);
                i++;
                col = 0;
                continue;
            }
            boolean lineEnd = i + 1 >= data.length || data[i + 1] == '\r';
            String token = (b >= 33 && b <= 126 && b != '=') || ((b == ' ' || b == '\t') && !lineEnd)
                    ? String.valueOf((char) b)
                    : String.format("=%02X", b);
            if (col + token.length() > 75) {
                out.append("=").append(CRLF);
                col = 0;
            }
            out.append(token);
            col += token.length();
        }
        return out.toString().getBytes(StandardCharsets.US_ASCII);
    }

    /** RFC 2047 encoded words of a few characters each (each one complete in its charset), folded. */
    static String encodedWords(String text, Charset cs, char encoding) {
        var words = new ArrayList<String>();
        int[] cps = text.codePoints().toArray();
        int per = encoding == 'Q' ? 12 : 9;
        for (int i = 0; i < cps.length; i += per) {
            var chunk = new String(cps, i, Math.min(per, cps.length - i));
            var bytes = chunk.getBytes(cs);
            String encoded;
            if (encoding == 'B') {
                encoded = Base64.getEncoder().encodeToString(bytes);
            } else {
                var sb = new StringBuilder();
                for (byte x : bytes) {
                    int b = x & 0xff;
                    if (b == ' ') {
                        sb.append('_');
                    } else if (b >= 33 && b <= 126 && "=?_\"(),.:;<>@[\\]".indexOf(b) < 0) {
                        sb.append((char) b);
                    } else {
                        sb.append(String.format("=%02X", b));
                    }
                }
                encoded = sb.toString();
            }
            words.add("=?" + cs.name() + "?" + encoding + "?" + encoded + "?=");
        }
        return String.join(CRLF + " ", words);
    }

    // --- SMTP -----------------------------------------------------------------------------------------

    static void deliver(Path dir, String host, int port, String to) throws IOException {
        var lines = Files.readAllLines(dir.resolve("keys.tsv"));
        long started = System.nanoTime();
        long bytes = 0;
        try (var socket = new Socket(host, port)) {
            socket.setTcpNoDelay(true);
            var in = new BufferedInputStream(socket.getInputStream());
            var out = new BufferedOutputStream(socket.getOutputStream(), 1 << 16);
            expect(in, 220);
            command(out, in, "EHLO bench.example", 250);
            int sent = 0;
            for (var line : lines) {
                var cols = line.split("\t");
                var raw = Files.readAllBytes(dir.resolve(cols[4]));
                // (a bounce's reverse path would be empty, <>, which GreenMail does not take: its From instead)
                var sender = envelopeSender(raw);
                command(out, in, "MAIL FROM:<" + sender + ">", 250);
                command(out, in, "RCPT TO:<" + to + ">", 250);
                command(out, in, "DATA", 354);
                writeDotStuffed(out, raw);
                out.write(".\r\n".getBytes(StandardCharsets.US_ASCII));
                out.flush();
                expect(in, 250);
                bytes += raw.length;
                if (++sent % 1000 == 0) {
                    System.out.printf("  delivered %d%n", sent);
                }
            }
            command(out, in, "QUIT", 221);
            double s = (System.nanoTime() - started) / 1e9;
            System.out.printf("delivered %d messages (%.1f MB) over SMTP in %.1f s (%.0f/s)%n", sent, bytes / 1048576.0,
                    s, sent / s);
        }
    }

    static String envelopeSender(byte[] raw) {
        var head = new String(raw, 0, Math.min(raw.length, 8192), StandardCharsets.ISO_8859_1)
                .replaceAll("\r\n[ \t]", " ");
        for (var line : head.split("\r\n")) {
            if (line.isEmpty()) {
                break;
            }
            if (line.regionMatches(true, 0, "From:", 0, 5)) {
                var m = java.util.regex.Pattern.compile("[^\\s<>\"]+@[^\\s<>\"]+").matcher(line.substring(5));
                String last = null;
                while (m.find()) {
                    last = m.group();
                }
                return last == null ? "" : last;
            }
        }
        return "";
    }

    static void writeDotStuffed(OutputStream out, byte[] raw) throws IOException {
        boolean lineStart = true;
        for (byte b : raw) {
            if (lineStart && b == '.') {
                out.write('.');
            }
            out.write(b);
            lineStart = b == '\n';
        }
        if (!lineStart) {
            out.write('\r');
            out.write('\n');
        }
    }

    static void command(OutputStream out, InputStream in, String cmd, int code) throws IOException {
        out.write((cmd + CRLF).getBytes(StandardCharsets.US_ASCII));
        out.flush();
        expect(in, code);
    }

    static void expect(InputStream in, int code) throws IOException {
        while (true) {
            var line = readLine(in);
            if (line == null) {
                throw new IOException("SMTP server closed the connection");
            }
            if (line.length() >= 4 && line.charAt(3) == '-') {
                continue;
            }
            if (!line.startsWith(String.valueOf(code))) {
                throw new IOException("expected " + code + ", got: " + line);
            }
            return;
        }
    }

    static String readLine(InputStream in) throws IOException {
        var sb = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                return sb.toString().stripTrailing();
            }
            sb.append((char) c);
        }
        return sb.isEmpty() ? null : sb.toString();
    }

    // --- IMAP -----------------------------------------------------------------------------------------

    static jakarta.mail.Store imap(Map<String, String> opts) throws Exception {
        var props = new Properties();
        props.put("mail.imap.connectiontimeout", "10000");
        props.put("mail.imap.timeout", "120000");
        var store = Session.getInstance(props).getStore("imap");
        store.connect(opts.getOrDefault("host", "127.0.0.1"), Integer.parseInt(opts.getOrDefault("port", "3143")),
                opts.get("user"), opts.get("password"));
        return store;
    }

    static void status(Map<String, String> opts) throws Exception {
        try (var store = imap(opts)) {
            var folder = store.getFolder(opts.getOrDefault("folder", "INBOX"));
            folder.open(Folder.READ_ONLY);
            int messages = folder.getMessageCount();
            int unseen = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false)).length;
            folder.close(false);
            System.out.println("messages=" + messages + " unseen=" + unseen);
        }
    }

    static void imapKeys(Map<String, String> opts) throws Exception {
        int withoutId = 0;
        try (var store = imap(opts); var out = new PrintWriter(Files.newBufferedWriter(Path.of(opts.get("out"))))) {
            var folder = store.getFolder(opts.getOrDefault("folder", "INBOX"));
            folder.open(Folder.READ_ONLY);
            int count = folder.getMessageCount();
            for (int from = 1; from <= count; from += 100) {
                var batch = folder.getMessages(from, Math.min(count, from + 99));
                for (var m : batch) {
                    ((IMAPMessage) m).setPeek(true);
                }
                var profile = new FetchProfile();
                profile.add(UIDFolder.FetchProfileItem.UID);
                profile.add(IMAPFolder.FetchProfileItem.MESSAGE);
                folder.fetch(batch, profile);
                for (var m : batch) {
                    var raw = new ByteArrayOutputStream(Math.max(1024, m.getSize()));
                    m.writeTo(raw);
                    var bytes = raw.toByteArray();
                    if (!hasMessageId(bytes)) {
                        out.println("sha256:" + sha256(bytes));
                        withoutId++;
                    }
                }
            }
            folder.close(false);
            System.out.println("read " + count + " messages as the app reads them; " + withoutId + " without a Message-ID");
        }
    }

    /** Whether the header section has a Message-ID field (at the start of a line, any case). */
    static boolean hasMessageId(byte[] raw) {
        var text = new String(raw, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        var head = "\r\n" + (end < 0 ? text : text.substring(0, end));
        return head.toLowerCase(Locale.ROOT).contains("\r\nmessage-id:");
    }
}
