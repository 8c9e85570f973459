package org.followthrough.email.parse;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a delivery status notification says, standard (RFC 3464 {@code message/delivery-status}) or
 * not (the prose of Postfix, qmail, Exim, Sendmail, Gmail and Exchange), and the plain words for its
 * status codes.
 */
final class DeliveryReport {

    /** One recipient's fate in an RFC 3464 report. */
    record Recipient(String address, String action, String status, String diagnostic) {}

    private static final int MAX_TEXT = 32_768;
    private static final String ADDRESS = "[^\\s<>@\"(),;:]{1,200}@[A-Za-z0-9.\\-\\[\\]:]{1,255}[A-Za-z0-9\\]]";
    private static final Pattern ANGLE_LINE = Pattern.compile("(?m)^\\s{0,4}<(" + ADDRESS + ")>(?::|\\.\\.\\.|\\s*$)");
    private static final Pattern NOT_DELIVERED_TO = Pattern.compile(
            "(?i)(?:wasn't|was not|couldn't be|could not be|has not been|not) delivered to\\s+<?(" + ADDRESS + ")>?");
    private static final Pattern YOUR_MESSAGE_TO =
            Pattern.compile("(?i)your message to\\s+<?(" + ADDRESS + ")>?\\s+(?:couldn't|could not|can't|cannot)");
    private static final Pattern FAILED_LIST_HEADER = Pattern.compile(
            "(?i)(?:following address(?:\\(es\\)|es)? failed|delivery has failed to these recipients or groups"
                    + "|failed recipients?|could not be delivered to the following recipients?"
                    + "|permanent fatal errors|unable to deliver (?:your message )?to the following (?:addresses|recipients))"
                    + "\\s*:?");
    private static final Pattern ADDRESS_ONLY_LINE =
            Pattern.compile("\\s*<?(" + ADDRESS + ")>?(?:\\s*\\(.{0,300}\\))?\\s*:?\\s*");
    private static final Pattern FINAL_RECIPIENT =
            Pattern.compile("(?im)^\\s*Final-Recipient:\\s*(?:rfc822\\s*;)?\\s*<?(" + ADDRESS + ")>?");
    private static final Pattern STATUS = Pattern.compile("(?<![\\d.])([245])\\.(\\d{1,3})\\.(\\d{1,3})(?![\\d.])");
    private static final Pattern SMTP_CODE = Pattern.compile("(?<!\\d)5\\d\\d[ -]");
    private static final Pattern FAILURE_WORDS =
            Pattern.compile("(?i)user unknown|no such user|unknown user|mailbox (?:unavailable|not found|full|is full)"
                    + "|does not exist|doesn't exist|address not found|recipient not found|address rejected"
                    + "|no mailbox here|couldn't be found|host not found|domain not found|quota exceeded");
    private static final Pattern MESSAGE_ID_LINE = Pattern.compile("(?im)^\\s*Message-ID:\\s*<([^<>\\s]{1,500})>");
    private static final Pattern COPY_MARKER = Pattern.compile(
            "(?im)^[\\s-]{0,20}(?:below this line is a copy of the message|this is a copy of the message"
                    + "|original message(?: headers| follows|\\s*-{2,})|message headers follow"
                    + "|undelivered message attached)");

    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern STARS = Pattern.compile("^[\\s*#]+|[\\s*#]+$");
    private static final Map<String, String> WORDS = Map.ofEntries(
            Map.entry("1.1", "the address does not exist"),
            Map.entry("1.10", "the address does not exist"),
            Map.entry("1.2", "the domain does not exist"),
            Map.entry("1.3", "the address is malformed"),
            Map.entry("1.6", "the mailbox has moved"),
            Map.entry("2.1", "the mailbox is disabled"),
            Map.entry("2.2", "the mailbox is full"),
            Map.entry("2.3", "the message is too large"),
            Map.entry("3.4", "the message is too large"),
            Map.entry("4.1", "the receiving server did not answer"),
            Map.entry("4.2", "the connection to the receiving server broke"),
            Map.entry("4.4", "the receiving domain could not be reached"),
            Map.entry("4.7", "delivery took too long and was given up"),
            Map.entry("7.1", "the receiving server refused the message"),
            Map.entry("7.26", "the message failed the receiving server's authentication checks"),
            Map.entry("7.509", "the message failed the receiving server's authentication checks"));

    private DeliveryReport() {}

    /** The recipients of a {@code message/delivery-status} body, in order. */
    static List<Recipient> recipients(String status) {
        List<Recipient> recipients = new ArrayList<>();
        if (status == null) {
            return recipients;
        }
        String address = null;
        String action = null;
        String code = null;
        String diagnostic = null;
        String field = null;
        for (String line : status.split("\n")) {
            if (line.isBlank()) {
                if (address != null || action != null) {
                    recipients.add(new Recipient(address, action, code, diagnostic));
                }
                address = action = code = diagnostic = field = null;
                continue;
            }
            if ((line.startsWith(" ") || line.startsWith("\t")) && field != null) {
                if (field.equals("diagnostic-code") && diagnostic != null) {
                    diagnostic = diagnostic + " " + line.strip();
                }
                continue;
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).strip();
            switch (field) {
                case "final-recipient" -> {
                    if (address != null && action != null) {
                        recipients.add(new Recipient(address, action, code, diagnostic));
                        action = code = diagnostic = null;
                    }
                    address = typedAddress(value);
                }
                case "original-recipient" -> {
                    if (address == null) {
                        address = typedAddress(value);
                    }
                }
                case "action" -> action = value.toLowerCase(Locale.ROOT).split("[\\s(]", 2)[0];
                case "status" -> code = value.split("[\\s(]", 2)[0];
                case "diagnostic-code" -> diagnostic = value;
                default -> {}
            }
        }
        if (address != null || action != null) {
            recipients.add(new Recipient(address, action, code, diagnostic));
        }
        return recipients;
    }

    private static String typedAddress(String value) {
        int semicolon = value.indexOf(';');
        String address = (semicolon >= 0 ? value.substring(semicolon + 1) : value).strip();
        if (address.startsWith("<") && address.endsWith(">")) {
            address = address.substring(1, address.length() - 1).strip();
        }
        return address.isEmpty() ? null : address;
    }

    /** The part of a bounce's prose before the copy of the returned message. */
    static String beforeCopy(String text) {
        String bounded = text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        Matcher copy = COPY_MARKER.matcher(bounded);
        return copy.find() ? bounded.substring(0, copy.start()) : bounded;
    }

    /** Failed recipients named in a non-standard bounce's prose. */
    static List<String> recipientsInProse(String prose) {
        List<String> found = new ArrayList<>();
        Matcher finalRecipient = FINAL_RECIPIENT.matcher(prose);
        while (finalRecipient.find()) {
            found.add(finalRecipient.group(1));
        }
        Matcher angle = ANGLE_LINE.matcher(prose);
        while (angle.find()) {
            found.add(angle.group(1));
        }
        for (Pattern pattern : List.of(NOT_DELIVERED_TO, YOUR_MESSAGE_TO)) {
            Matcher matcher = pattern.matcher(prose);
            while (matcher.find()) {
                found.add(matcher.group(1));
            }
        }
        Matcher list = FAILED_LIST_HEADER.matcher(prose);
        if (list.find()) {
            String[] lines = prose.substring(list.end()).split("\n", 40);
            boolean started = false;
            for (int i = 0; i < Math.min(lines.length, 39); i++) {
                String line = lines[i];
                if (line.isBlank()) {
                    if (started) {
                        break;
                    }
                    continue;
                }
                if (line.length() > 400) {
                    break;
                }
                Matcher only = ADDRESS_ONLY_LINE.matcher(line);
                if (only.matches()) {
                    found.add(only.group(1));
                    started = true;
                } else if (i > 0 && (!started || !Character.isWhitespace(line.charAt(0)))) {
                    // Details of a failed address are indented under it; anything else ends the list.
                    break;
                }
            }
        }
        return found;
    }

    /** The status code and diagnostic line a bounce's prose gives, in plain words. */
    static String reasonInProse(String prose) {
        String[] lines = prose.split("\n");
        for (String line : lines) {
            if (line.length() > 1000) {
                continue;
            }
            Matcher status = STATUS.matcher(line);
            if (status.find() && !line.regionMatches(true, 0, "Status:", 0, 7)) {
                return reason(status.group(), line);
            }
        }
        for (String line : lines) {
            if (line.length() <= 1000 && SMTP_CODE.matcher(line).find()) {
                return reason(null, line);
            }
        }
        for (String line : lines) {
            if (line.length() <= 1000 && FAILURE_WORDS.matcher(line).find()) {
                return reason(null, line);
            }
        }
        return "delivery failed";
    }

    /** {@code <status> <plain words>: <diagnostic>}, each part when known. */
    static String reason(String status, String diagnostic) {
        String detail =
                diagnostic == null ? "" : WHITESPACE.matcher(diagnostic.strip()).replaceAll(" ");
        detail = STARS.matcher(detail).replaceAll("");
        if (detail.startsWith("(") && detail.endsWith(")")) {
            detail = detail.substring(1, detail.length() - 1).strip();
        }
        if (detail.regionMatches(true, 0, "reason:", 0, 7)) {
            detail = detail.substring(7).strip();
        }
        if (detail.regionMatches(true, 0, "smtp;", 0, 5) || detail.regionMatches(true, 0, "x-postfix;", 0, 10)) {
            detail = detail.substring(detail.indexOf(';') + 1).strip();
        }
        if (detail.length() > 300) {
            detail = detail.substring(0, 297) + "...";
        }
        if (status == null || status.isBlank()) {
            Matcher found = STATUS.matcher(detail);
            status = found.find() ? found.group() : null;
        }
        if (status == null) {
            return detail.isEmpty() ? "delivery failed" : detail;
        }
        String words = words(status);
        return status + " " + words + (detail.isEmpty() ? "" : ": " + detail);
    }

    static String words(String status) {
        Matcher code = STATUS.matcher(status);
        if (!code.find()) {
            return "delivery failed";
        }
        String detail = WORDS.get(code.group(2) + "." + code.group(3));
        if (detail == null && code.group(2).equals("4")) {
            detail = "a network or routing problem";
        }
        if (detail == null && code.group(2).equals("7")) {
            detail = "the receiving server refused the message";
        }
        if (detail == null) {
            detail = code.group(1).equals("4") ? "delivery failed for now" : "delivery failed";
        }
        return detail;
    }

    /** The returned message's id where the bounce quotes its headers in its prose. */
    static String messageIdInProse(String text) {
        String bounded = text.length() > MAX_TEXT * 2 ? text.substring(0, MAX_TEXT * 2) : text;
        Matcher copy = COPY_MARKER.matcher(bounded);
        int from = copy.find() ? copy.start() : 0;
        Matcher id = MESSAGE_ID_LINE.matcher(bounded);
        return id.find(from) ? id.group(1) : null;
    }
}
