package org.followthrough.email.parse;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.safety.Cleaner;
import org.jsoup.safety.Safelist;
import org.jsoup.select.Evaluator;
import org.jsoup.select.QueryParser;

/**
 * HTML mail made safe to show and easy to read. {@link #sanitize} keeps formatting, tables, lists,
 * links and images and drops everything that can run code, load a page or restyle ours;
 * {@link #forDisplay} points {@code cid:} images at our own URLs and holds back remote images until
 * asked; {@link #toText} renders readable plain text.
 */
public final class MailHtml {

    /** Class given to a remote image that {@link #forDisplay} held back. */
    public static final String REMOTE_IMAGE_BLOCKED = "remote-image-blocked";

    private static final Evaluator REMOVED_WITH_CONTENT = QueryParser.parse(
            "script, style, iframe, frame, frameset, object, embed, applet, param, input, button, select, option,"
                    + " textarea, meta, base, link, svg, math, noscript, template, audio, video, source, track,"
                    + " canvas, head, title, xml, portal, dialog");
    private static final Evaluator IMAGES = QueryParser.parse("img");

    private static final Safelist SAFELIST = new Safelist()
            .addTags(
                    "a",
                    "abbr",
                    "address",
                    "article",
                    "b",
                    "bdi",
                    "bdo",
                    "big",
                    "blockquote",
                    "br",
                    "caption",
                    "center",
                    "cite",
                    "code",
                    "col",
                    "colgroup",
                    "dd",
                    "del",
                    "details",
                    "dfn",
                    "div",
                    "dl",
                    "dt",
                    "em",
                    "figcaption",
                    "figure",
                    "font",
                    "footer",
                    "h1",
                    "h2",
                    "h3",
                    "h4",
                    "h5",
                    "h6",
                    "header",
                    "hr",
                    "i",
                    "img",
                    "ins",
                    "kbd",
                    "li",
                    "mark",
                    "ol",
                    "p",
                    "pre",
                    "q",
                    "s",
                    "samp",
                    "section",
                    "small",
                    "span",
                    "strike",
                    "strong",
                    "sub",
                    "summary",
                    "sup",
                    "table",
                    "tbody",
                    "td",
                    "tfoot",
                    "th",
                    "thead",
                    "tr",
                    "tt",
                    "u",
                    "ul",
                    "var",
                    "wbr")
            .addAttributes(":all", "style", "class", "id", "dir", "align", "valign")
            .addAttributes("a", "href")
            .addAttributes("img", "src", "alt", "width", "height", "border", "hspace", "vspace")
            .addAttributes("table", "width", "height", "border", "cellpadding", "cellspacing", "bgcolor")
            .addAttributes("td", "width", "height", "bgcolor", "colspan", "rowspan", "nowrap")
            .addAttributes("th", "width", "height", "bgcolor", "colspan", "rowspan", "nowrap", "scope")
            .addAttributes("tr", "bgcolor", "height")
            .addAttributes("col", "span", "width")
            .addAttributes("colgroup", "span", "width")
            .addAttributes("font", "color", "face", "size")
            .addAttributes("ol", "start", "type")
            .addAttributes("ul", "type")
            .addAttributes("li", "value")
            .addAttributes("blockquote", "type", "cite")
            .addAttributes("q", "cite")
            .addAttributes("hr", "width", "size", "noshade", "color");
    // URLs are checked in tidy(), not with Safelist protocols: those resolve every URL with java.net.URL,
    // which runs a service lookup over the class path for each unknown scheme (cid:, data:, javascript:).

    // Classes and ids that mark quoted history and signatures; everything else could clash with ours.
    private static final Set<String> KEPT_CLASSES = Set.of(
            "gmail_quote",
            "gmail_quote_container",
            "gmail_attr",
            "gmail_extra",
            "gmail_signature",
            "gmail_signature_prefix",
            "moz-cite-prefix",
            "moz-signature",
            "moz-forward-container",
            "yahoo_quoted",
            "OutlookMessageHeader",
            REMOTE_IMAGE_BLOCKED);
    private static final Set<String> KEPT_IDS = Set.of("divRplyFwdMsg", "appendonsend", "Signature");

    private static final Set<String> CSS_PROPERTIES = Set.of(
            "color",
            "background-color",
            "background",
            "font",
            "font-family",
            "font-size",
            "font-style",
            "font-weight",
            "font-variant",
            "text-align",
            "text-decoration",
            "text-indent",
            "text-transform",
            "vertical-align",
            "line-height",
            "letter-spacing",
            "word-spacing",
            "white-space",
            "word-wrap",
            "word-break",
            "overflow-wrap",
            "direction",
            "margin",
            "margin-top",
            "margin-right",
            "margin-bottom",
            "margin-left",
            "padding",
            "padding-top",
            "padding-right",
            "padding-bottom",
            "padding-left",
            "border",
            "border-top",
            "border-right",
            "border-bottom",
            "border-left",
            "border-color",
            "border-style",
            "border-width",
            "border-collapse",
            "border-spacing",
            "border-radius",
            "width",
            "max-width",
            "min-width",
            "height",
            "list-style-type",
            "list-style-position",
            "display",
            "float",
            "clear",
            "table-layout");
    // Words, numbers, colours, quotes and rgb()/hsl(): no url(), expression(), escapes, comments or at-rules.
    private static final Pattern CSS_VALUE =
            Pattern.compile("[\\w\\s#%.,'\"+!/-]*(?:(?:rgba?|hsla?)\\([\\d\\s.,%/]*\\)[\\w\\s#%.,'\"+!/-]*)*");
    private static final Pattern DATA_IMAGE = Pattern.compile("data:image/(?:png|gif|jpeg|jpg|webp)[;,]");
    private static final String LINK_REL = "noopener noreferrer nofollow";

    private MailHtml() {}

    /** A safe body fragment of {@code html}; {@code ""} for {@code null}. */
    public static String sanitize(String html) {
        return html == null ? "" : fragment(clean(html));
    }

    /**
     * The sanitised fragment ready for our page: {@code cid:} images point at {@code cidToUrl}'s URL
     * (or go when it returns {@code null}); unless {@code loadRemoteImages}, remote images keep their
     * address in {@code data-remote-src} only and carry the {@value #REMOTE_IMAGE_BLOCKED} class.
     */
    public static String forDisplay(String sanitized, Function<String, String> cidToUrl, boolean loadRemoteImages) {
        if (sanitized == null || sanitized.isEmpty()) {
            return "";
        }
        Document document = Jsoup.parseBodyFragment(sanitized);
        document.outputSettings().prettyPrint(false);
        for (Element image : document.select(IMAGES)) {
            String src = image.attr("src").strip();
            String lower = src.toLowerCase(Locale.ROOT);
            if (lower.startsWith("cid:")) {
                String url = cidToUrl.apply(contentId(src.substring(4)));
                if (url == null) {
                    image.remove();
                } else {
                    image.attr("src", url);
                }
            } else if ((lower.startsWith("http:") || lower.startsWith("https:")) && !loadRemoteImages) {
                image.removeAttr("src");
                image.attr("data-remote-src", src);
                image.addClass(REMOTE_IMAGE_BLOCKED);
                if (image.attr("alt").isBlank()) {
                    image.attr("alt", "Remote image not loaded");
                }
            }
        }
        return document.body().html();
    }

    /** Readable plain text of any HTML, sanitised or not. */
    public static String toText(String html) {
        if (html == null || html.isEmpty()) {
            return "";
        }
        return HtmlText.render(Jsoup.parse(html).body());
    }

    /** Parses and cleans once, for callers that go on to render text or find quotes in the result. */
    static Document clean(String html) {
        Document dirty = Jsoup.parse(html);
        // A <base href> would otherwise make relative junk like src=x into a remote address.
        dirty.setBaseUri("");
        dirty.select(REMOVED_WITH_CONTENT).remove();
        Document clean = new Cleaner(SAFELIST).clean(dirty);
        clean.outputSettings().prettyPrint(false);
        for (Element element : clean.body().getAllElements()) {
            if (element.parent() != null) {
                tidy(element);
            }
        }
        return clean;
    }

    static String fragment(Document clean) {
        return clean.body().html().strip();
    }

    private static void tidy(Element element) {
        if (element.hasAttr("style")) {
            String style = style(element.attr("style"));
            if (style.isEmpty()) {
                element.removeAttr("style");
            } else {
                element.attr("style", style);
            }
        }
        if (element.hasAttr("class")) {
            StringBuilder kept = new StringBuilder();
            for (String name : element.attr("class").split("\\s+")) {
                if (KEPT_CLASSES.contains(name)) {
                    kept.append(kept.isEmpty() ? "" : " ").append(name);
                }
            }
            if (kept.isEmpty()) {
                element.removeAttr("class");
            } else {
                element.attr("class", kept.toString());
            }
        }
        if (element.hasAttr("id") && !KEPT_IDS.contains(element.attr("id"))) {
            element.removeAttr("id");
        }
        switch (element.normalName()) {
            case "a" -> {
                if (element.hasAttr("href")) {
                    String href = safeUrl(element.attr("href"), false);
                    if (href == null) {
                        element.removeAttr("href");
                    } else {
                        element.attr("href", href);
                        element.attr("rel", LINK_REL);
                        element.attr("target", "_blank");
                    }
                }
            }
            case "img" -> {
                String src = safeUrl(element.attr("src"), true);
                if (src == null) {
                    element.remove();
                } else {
                    element.attr("src", src);
                }
            }
            case "blockquote", "q" -> {
                if (element.hasAttr("cite")) {
                    String cite = safeUrl(element.attr("cite"), false);
                    if (cite == null || cite.regionMatches(true, 0, "mailto:", 0, 7)) {
                        element.removeAttr("cite");
                    }
                }
            }
            default -> {}
        }
    }

    /**
     * The URL when it is a web or mail link (or, for images, a web, {@code cid:} or raster
     * {@code data:} source), judged as a browser reads it: without the blanks and control characters
     * it ignores. {@code null} for anything else, relative URLs included.
     */
    static String safeUrl(String value, boolean image) {
        String url = value.strip();
        StringBuilder head = new StringBuilder(40);
        for (int i = 0; i < url.length() && head.length() < 40; i++) {
            char c = url.charAt(i);
            if (c > 0x20 && c != 0x7F) {
                head.append(Character.toLowerCase(c));
            }
        }
        String scheme = head.toString();
        boolean allowed = scheme.startsWith("https://")
                || scheme.startsWith("http://")
                || (!image && scheme.startsWith("mailto:"))
                || (image
                        && (scheme.startsWith("cid:")
                                || DATA_IMAGE.matcher(scheme).lookingAt()));
        if (!allowed) {
            return null;
        }
        // Keep only URLs whose scheme reads the same with and without the characters browsers drop.
        String written = scheme.substring(0, scheme.indexOf(':') + 1);
        return url.regionMatches(true, 0, written, 0, written.length()) ? url : null;
    }

    /** Only the declarations we allow, with values that cannot load or run anything. */
    static String style(String style) {
        StringBuilder kept = new StringBuilder();
        for (String declaration : style.split(";")) {
            int colon = declaration.indexOf(':');
            if (colon <= 0) {
                continue;
            }
            String property = declaration.substring(0, colon).strip().toLowerCase(Locale.ROOT);
            String value = declaration.substring(colon + 1).strip();
            if (!CSS_PROPERTIES.contains(property)
                    || value.isEmpty()
                    || value.length() > 200
                    || !CSS_VALUE.matcher(value).matches()) {
                continue;
            }
            kept.append(kept.isEmpty() ? "" : "; ")
                    .append(property)
                    .append(": ")
                    .append(value);
        }
        return kept.toString();
    }

    private static String contentId(String reference) {
        String id = reference.strip();
        if (id.indexOf('%') >= 0) {
            try {
                id = URLDecoder.decode(id.replace("+", "%2B"), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                // Keep the id as written.
            }
        }
        if (id.startsWith("<") && id.endsWith(">")) {
            id = id.substring(1, id.length() - 1);
        }
        return id;
    }
}
