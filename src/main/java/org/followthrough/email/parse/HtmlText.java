package org.followthrough.email.parse;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Set;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeFilter;
import org.jsoup.select.NodeTraversor;

/**
 * Renders an HTML tree as readable plain text: blocks and {@code <br>} become line breaks, list
 * items start with {@code - }, quotes get {@code > }, links read {@code text <url>}, and runs of blank
 * lines collapse to one. Can split the output in two at a node, for quoted history.
 */
final class HtmlText {

    private static final Set<String> PARAGRAPHS =
            Set.of("p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "table", "blockquote", "pre", "figure");
    private static final Set<String> LINES = Set.of(
            "address",
            "article",
            "aside",
            "caption",
            "center",
            "dd",
            "details",
            "div",
            "dt",
            "fieldset",
            "figcaption",
            "footer",
            "form",
            "header",
            "hr",
            "legend",
            "li",
            "main",
            "nav",
            "section",
            "summary",
            "tr",
            "tbody",
            "thead",
            "tfoot");
    private static final Set<String> SKIPPED = Set.of(
            "script",
            "style",
            "head",
            "title",
            "template",
            "noscript",
            "svg",
            "math",
            "object",
            "iframe",
            "embed",
            "select",
            "textarea",
            "button");

    private HtmlText() {}

    /** Text of everything under {@code root}. */
    static String render(Element root) {
        return render(root, null)[0];
    }

    /**
     * Text before {@code cut} and text from {@code cut} on, in document order; the second is empty
     * when {@code cut} is {@code null}.
     */
    static String[] render(Element root, Node cut) {
        Renderer renderer = new Renderer(cut);
        NodeTraversor.filter(renderer, root);
        return new String[] {renderer.before.finish(), renderer.after.finish()};
    }

    private static final class Renderer implements NodeFilter {

        final Out before = new Out();
        final Out after = new Out();
        final Node cut;
        final Deque<Integer> links = new ArrayDeque<>();
        Out out = before;
        int quoteDepth;
        int listDepth;
        int preDepth;

        Renderer(Node cut) {
            this.cut = cut;
        }

        @Override
        public FilterResult head(Node node, int depth) {
            if (node == cut) {
                out = after;
            }
            if (node instanceof TextNode text) {
                if (preDepth > 0) {
                    out.pre(text.getWholeText(), quoteDepth);
                } else {
                    out.text(text.getWholeText(), quoteDepth);
                }
                return FilterResult.CONTINUE;
            }
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            String name = element.normalName();
            if (SKIPPED.contains(name)) {
                return FilterResult.SKIP_ENTIRELY;
            }
            switch (name) {
                case "br" -> out.lineBreak();
                case "blockquote" -> {
                    out.requestBreaks(2);
                    quoteDepth++;
                }
                case "pre" -> {
                    out.requestBreaks(2);
                    preDepth++;
                }
                case "ul", "ol" -> {
                    out.requestBreaks(listDepth == 0 ? 2 : 1);
                    listDepth++;
                }
                case "li" -> out.item("  ".repeat(Math.max(0, listDepth - 1)) + "- ", quoteDepth);
                case "td", "th" -> {
                    if (element.elementSiblingIndex() > 0) {
                        out.space();
                    }
                }
                case "a" -> links.push(out.length());
                default -> {
                    if (PARAGRAPHS.contains(name)) {
                        out.requestBreaks(2);
                    } else if (LINES.contains(name)) {
                        out.requestBreaks(1);
                    }
                }
            }
            return FilterResult.CONTINUE;
        }

        @Override
        public FilterResult tail(Node node, int depth) {
            if (!(node instanceof Element element)) {
                return FilterResult.CONTINUE;
            }
            String name = element.normalName();
            switch (name) {
                case "blockquote" -> {
                    quoteDepth = Math.max(0, quoteDepth - 1);
                    out.requestBreaks(2);
                }
                case "pre" -> {
                    preDepth = Math.max(0, preDepth - 1);
                    out.requestBreaks(2);
                }
                case "ul", "ol" -> {
                    listDepth = Math.max(0, listDepth - 1);
                    out.requestBreaks(listDepth == 0 ? 2 : 1);
                }
                case "a" -> {
                    int start = links.isEmpty() ? out.length() : links.pop();
                    String href = element.attr("href").strip();
                    if (!href.isEmpty() && start <= out.length()) {
                        String text = out.since(start).strip();
                        if (!text.isEmpty() && !sameLink(href, text)) {
                            out.text(" <" + href + ">", quoteDepth);
                        }
                    }
                }
                default -> {
                    if (PARAGRAPHS.contains(name)) {
                        out.requestBreaks(2);
                    } else if (LINES.contains(name)) {
                        out.requestBreaks(1);
                    }
                }
            }
            return FilterResult.CONTINUE;
        }
    }

    private static boolean sameLink(String href, String text) {
        if (href.equalsIgnoreCase(text)) {
            return true;
        }
        String bare = href;
        for (String scheme : new String[] {"mailto:", "https://", "http://"}) {
            if (bare.regionMatches(true, 0, scheme, 0, scheme.length())) {
                bare = bare.substring(scheme.length());
                break;
            }
        }
        if (bare.endsWith("/")) {
            bare = bare.substring(0, bare.length() - 1);
        }
        String shown = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        return bare.equalsIgnoreCase(shown)
                || (shown.regionMatches(true, 0, "www.", 0, 4) && bare.equalsIgnoreCase(shown))
                || bare.equalsIgnoreCase("www." + shown);
    }

    /** One output: text with pending line breaks and spaces written only when content follows. */
    private static final class Out {

        private final StringBuilder text = new StringBuilder();
        private int pendingBreaks;
        private boolean pendingSpace;
        private boolean lineStart = true;

        int length() {
            return text.length();
        }

        String since(int start) {
            return text.substring(Math.min(start, text.length()));
        }

        void requestBreaks(int breaks) {
            pendingBreaks = Math.max(pendingBreaks, breaks);
        }

        void lineBreak() {
            pendingBreaks = Math.min(2, pendingBreaks + 1);
        }

        void space() {
            pendingSpace = true;
        }

        void item(String marker, int quoteDepth) {
            requestBreaks(1);
            startContent(quoteDepth);
            text.append(marker);
            pendingSpace = false;
        }

        void text(String content, int quoteDepth) {
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (Character.isWhitespace(c) || c == '\u00A0') {
                    pendingSpace = true;
                } else if (!invisible(c)) {
                    if (pendingSpace && !lineStart && pendingBreaks == 0) {
                        text.append(' ');
                    }
                    pendingSpace = false;
                    startContent(quoteDepth);
                    text.append(c);
                }
            }
        }

        void pre(String content, int quoteDepth) {
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (c == '\n') {
                    pendingBreaks = Math.min(2, pendingBreaks + 1);
                    if (text.isEmpty()) {
                        pendingBreaks = 0;
                    }
                } else if (c == '\r' || invisible(c)) {
                    continue;
                } else {
                    if (pendingSpace && !lineStart && pendingBreaks == 0) {
                        text.append(' ');
                    }
                    pendingSpace = false;
                    startContent(quoteDepth);
                    text.append(c == '\u00A0' || c == '\t' ? ' ' : c);
                }
            }
        }

        private void startContent(int quoteDepth) {
            if (pendingBreaks > 0 && !text.isEmpty()) {
                trimTrailingSpaces();
                text.append(pendingBreaks >= 2 ? "\n\n" : "\n");
                lineStart = true;
            }
            pendingBreaks = 0;
            if (lineStart) {
                if (quoteDepth > 0) {
                    text.append("> ".repeat(quoteDepth));
                }
                lineStart = false;
                pendingSpace = false;
            }
        }

        private void trimTrailingSpaces() {
            int end = text.length();
            while (end > 0 && text.charAt(end - 1) == ' ') {
                end--;
            }
            text.setLength(end);
        }

        String finish() {
            trimTrailingSpaces();
            return text.toString();
        }

        private static boolean invisible(char c) {
            return c == '\u200B'
                    || c == '\uFEFF'
                    || c == '\u2060'
                    || c == '\u00AD'
                    || c == '\u034F'
                    || (c < 0x20 && c != '\t')
                    || (c >= 0x7F && c <= 0x9F);
        }
    }
}
