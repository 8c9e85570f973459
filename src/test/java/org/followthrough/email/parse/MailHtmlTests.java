package org.followthrough.email.parse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Attribute;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MailHtmlTests {

    // ---- script injection comes out harmless -------------------------------------------------

    @Test
    void scriptElementsGoWithTheirContent() {
        String safe =
                MailHtml.sanitize("<p>Hello</p><script>alert('x')</script><SCRIPT SRC=//evil.example/x.js></SCRIPT>");

        assertThat(safe).isEqualTo("<p>Hello</p>");
    }

    @Test
    void eventHandlersAreStrippedWhateverTheirCase() {
        String safe = MailHtml.sanitize("<p ONCLICK=\"alert(1)\" onmouseover='alert(2)'>Hi</p>"
                + "<img src=\"https://cdn.example/a.png\" onerror=\"alert(3)\">"
                + "<a href=\"https://shop.example/\" onfocus=alert(4)>shop</a>");

        assertHarmless(safe);
        assertThat(safe).doesNotContainIgnoringCase("alert");
        assertThat(safe).contains("<p>Hi</p>", "<img src=\"https://cdn.example/a.png\">", ">shop</a>");
    }

    @Test
    void imageWithRelativeSourceAndErrorHandlerDisappears() {
        String safe = MailHtml.sanitize("<p>text</p><img src=x onerror=alert(1)>");

        assertHarmless(safe);
        assertThat(safe).isEqualTo("<p>text</p>");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "javascript:alert(1)",
                "JaVaScRiPt:alert(1)",
                " javascript:alert(1)",
                "\tjavascript:alert(1)",
                "java\tscript:alert(1)",
                "java&#x09;script:alert(1)",
                "java&#10;script:alert(1)",
                "&#106;avascript:alert(1)",
                "&#x6A;&#x61;&#x76;&#x61;&#x73;&#x63;&#x72;&#x69;&#x70;&#x74;&#x3A;alert(1)",
                "javascript&colon;alert(1)",
                "vbscript:msgbox(1)",
                "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
                "data:text/html,<script>alert(1)</script>",
                "file:///etc/passwd",
                "//evil.example/path"
            })
    void linksToAnythingButWebAndMailLoseTheirTarget(String href) {
        String safe = MailHtml.sanitize("<a href=\"" + href + "\">click</a>");

        assertHarmless(safe);
        assertThat(safe).isEqualTo("<a>click</a>");
    }

    @Test
    void svgAndMathGoWholeWithTheirHandlers() {
        String safe =
                MailHtml.sanitize("<svg onload=alert(1)><circle r=1 /><a xlink:href=javascript:alert(2)>x</a></svg>"
                        + "<math><mtext><table><mglyph><style><img src=x onerror=alert(3)></style></mglyph></table></mtext></math>"
                        + "<p>after</p>");

        assertHarmless(safe);
        assertThat(safe).isEqualTo("<p>after</p>");
    }

    @Test
    void mutationTricksCannotSmuggleMarkupThroughAttributes() {
        String noscript =
                MailHtml.sanitize("<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\"></noscript>");
        String svgStyle = MailHtml.sanitize(
                "<svg></p><style><a id=\"</style><img src=1 onerror=alert(1)>\"></style></svg><p>ok</p>");
        String commentBreakout = MailHtml.sanitize("<p><!--</p><img src=x onerror=alert(1)>--></p>");

        for (String safe : new String[] {noscript, svgStyle, commentBreakout}) {
            assertHarmless(safe);
            assertThat(safe).doesNotContainIgnoringCase("onerror").doesNotContain("<img");
            // Sanitising twice changes nothing: nothing re-parses into something new.
            assertThat(MailHtml.sanitize(safe)).isEqualTo(safe);
        }
    }

    @Test
    void embeddingAndNavigatingElementsGo() {
        String safe = MailHtml.sanitize("<iframe src=\"https://evil.example/\"></iframe>"
                + "<object data=\"x.swf\"><param name=a value=b></object><embed src=\"x.swf\">"
                + "<form action=\"https://evil.example/steal\"><input name=password><button>Go</button></form>"
                + "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example/\">"
                + "<base href=\"https://evil.example/\"><link rel=stylesheet href=\"https://evil.example/x.css\">"
                + "<p>kept</p>");

        assertThat(safe).isEqualTo("<p>kept</p>");
    }

    @Test
    void styleSheetsGoAndStyleAttributesKeepOnlyHarmlessDeclarations() {
        String safe = MailHtml.sanitize(
                "<style>body{background:url(javascript:alert(1))} p{width:expression(alert(2))}</style>"
                        + "<p style=\"color: red; background:url(https://tracker.example/p.gif); position: fixed; top: 0\">a</p>"
                        + "<p style=\"width: expression(alert(3))\">b</p>"
                        + "<p style=\"background-image: url(&quot;javascript:alert(4)&quot;)\">c</p>"
                        + "<p style=\"color: \\72 \\65 \\64; font-weight: bold\">d</p>"
                        + "<p style=\"behavior: url(x.htc); -moz-binding: url(x.xml#x)\">e</p>"
                        + "<p style=\"color: rgb(10, 20, 30); border-top: solid #E1E1E1 1.0pt\">f</p>");

        assertHarmless(safe);
        assertThat(safe)
                .doesNotContainIgnoringCase("url(")
                .doesNotContainIgnoringCase("expression")
                .doesNotContainIgnoringCase("position")
                .doesNotContain("\\")
                .doesNotContainIgnoringCase("behavior")
                .doesNotContainIgnoringCase("binding");
        assertThat(safe)
                .contains("<p style=\"color: red\">a</p>")
                .contains("<p>b</p>")
                .contains("<p style=\"font-weight: bold\">d</p>")
                .contains("<p style=\"color: rgb(10, 20, 30); border-top: solid #E1E1E1 1.0pt\">f</p>");
    }

    @Test
    void imagesKeepOnlyWebCidAndRasterDataSources() {
        String png =
                "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        String safe = MailHtml.sanitize("<img src=\"cid:logo@mail.example\" alt=\"logo\">"
                + "<img src=\"" + png + "\">"
                + "<img src=\"data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+\">"
                + "<img src=\"javascript:alert(1)\">"
                + "<img src=\"https://cdn.example/a.png\">");

        Document document = Jsoup.parseBodyFragment(safe);
        assertThat(document.select("img").eachAttr("src"))
                .containsExactly("cid:logo@mail.example", png, "https://cdn.example/a.png");
    }

    @Test
    void linksOpenApartAndTellTheTargetNothing() {
        String safe =
                MailHtml.sanitize("<a href=\"https://shop.example/order/1\" target=\"_top\" rel=\"opener\">order</a>"
                        + "<a href=\"mailto:ann@example.com\">Ann</a>");

        Document document = Jsoup.parseBodyFragment(safe);
        for (Element link : document.select("a")) {
            assertThat(link.attr("rel")).isEqualTo("noopener noreferrer nofollow");
            assertThat(link.attr("target")).isEqualTo("_blank");
        }
        assertThat(document.select("a").eachAttr("href"))
                .containsExactly("https://shop.example/order/1", "mailto:ann@example.com");
    }

    @Test
    void formattingTablesAndListsSurvive() {
        String html =
                "<h2>Order</h2><p><b>bold</b> <i>italic</i> <u>under</u> <s>gone</s> <font color=\"#ff0000\">red</font></p>"
                        + "<table border=\"1\" cellpadding=\"4\"><tr><th colspan=\"2\">Items</th></tr>"
                        + "<tr><td align=\"right\">1</td><td>Lamp</td></tr></table>"
                        + "<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>"
                        + "<blockquote type=\"cite\">quoted</blockquote><pre>  code\n  block</pre><hr>";

        String safe = MailHtml.sanitize(html);

        assertThat(safe)
                .contains("<h2>Order</h2>")
                .contains("<b>bold</b> <i>italic</i> <u>under</u> <s>gone</s> <font color=\"#ff0000\">red</font>")
                .contains("<table border=\"1\" cellpadding=\"4\"><tbody><tr><th colspan=\"2\">Items</th></tr>")
                .contains("<td align=\"right\">1</td>")
                .contains("<ul><li>one</li><li>two</li></ul><ol start=\"3\"><li>three</li></ol>")
                .contains("<blockquote type=\"cite\">quoted</blockquote>")
                .contains("<pre>  code\n  block</pre><hr>");
    }

    @Test
    void onlyQuoteAndSignatureMarkersKeepTheirClassesAndIds() {
        String safe = MailHtml.sanitize("<div class=\"btn btn-danger gmail_quote\" id=\"main\">a</div>"
                + "<div id=\"divRplyFwdMsg\" class=\"x_y\">b</div>");

        assertThat(safe).isEqualTo("<div class=\"gmail_quote\">a</div><div id=\"divRplyFwdMsg\">b</div>");
    }

    @Test
    void outputIsABodyFragment() {
        String safe =
                MailHtml.sanitize("<!DOCTYPE html><html><head><title>t</title></head><body><p>x</p></body></html>");

        assertThat(safe).isEqualTo("<p>x</p>");
    }

    // ---- display -------------------------------------------------------------------------------

    @Test
    void cidImagesPointAtOurUrlsAndUnknownOnesGo() {
        String safe = MailHtml.sanitize("<img src=\"cid:logo@mail.example\" alt=\"logo\"><img src=\"cid:missing\">"
                + "<img src=\"cid:photo%40mail.example\">");
        Map<String, String> urls =
                Map.of("logo@mail.example", "/cases/7/attachments/1", "photo@mail.example", "/cases/7/attachments/2");

        String shown = MailHtml.forDisplay(safe, urls::get, false);

        assertThat(shown)
                .isEqualTo("<img src=\"/cases/7/attachments/1\" alt=\"logo\"><img src=\"/cases/7/attachments/2\">");
    }

    @Test
    void remoteImagesWaitUntilAsked() {
        String safe = MailHtml.sanitize("<p>x</p><img src=\"https://tracker.example/pixel.gif?u=ann\" alt=\"Logo\">"
                + "<img src=\"http://cdn.example/b.png\">");

        Document blocked = Jsoup.parseBodyFragment(MailHtml.forDisplay(safe, cid -> null, false));
        Document loaded = Jsoup.parseBodyFragment(MailHtml.forDisplay(safe, cid -> null, true));

        assertThat(blocked.select("img[src]")).isEmpty();
        assertThat(blocked.select("img").eachAttr("data-remote-src"))
                .containsExactly("https://tracker.example/pixel.gif?u=ann", "http://cdn.example/b.png");
        assertThat(blocked.select("img").eachAttr("class")).containsOnly(MailHtml.REMOTE_IMAGE_BLOCKED);
        assertThat(blocked.select("img").eachAttr("alt")).containsExactly("Logo", "Remote image not loaded");
        assertThat(loaded.select("img").eachAttr("src"))
                .containsExactly("https://tracker.example/pixel.gif?u=ann", "http://cdn.example/b.png");
    }

    // ---- text ----------------------------------------------------------------------------------

    @Test
    void textHasLineBreaksForBlocksListItemsAndLinkTargets() {
        String text = MailHtml.toText("<div>Hello&nbsp;Ann,</div><div><br></div><div>your order:</div>"
                + "<ul><li>Lamp &amp; shade</li><li>Bulb</li></ul>"
                + "<p>Track it <a href=\"https://track.example/1\">here</a> or at "
                + "<a href=\"https://track.example/\">https://track.example/</a>.</p>"
                + "<p>Line one<br>Line two</p><p></p><p></p><p></p><p>Regards</p>");

        assertThat(text)
                .isEqualTo("Hello Ann,\n\nyour order:\n\n- Lamp & shade\n- Bulb\n\n"
                        + "Track it here <https://track.example/1> or at https://track.example/.\n\n"
                        + "Line one\nLine two\n\nRegards");
    }

    @Test
    void textQuotesBlockquotesAndLeavesNoEntities() {
        String text = MailHtml.toText("<p>Sure &lt;thing&gt; &quot;ok&quot; &#8364;5</p>"
                + "<blockquote>first<br>second</blockquote><script>var x = 1;</script><style>p{}</style>");

        assertThat(text).isEqualTo("Sure <thing> \"ok\" €5\n\n> first\n> second");
    }

    @Test
    void textOfTablesPutsEachRowOnItsLine() {
        String text = MailHtml.toText(
                "<table><tr><td>Order</td><td>1060</td></tr><tr><td>Total</td><td>€89</td></tr></table>");

        assertThat(text).isEqualTo("Order 1060\nTotal €89");
    }

    private static void assertHarmless(String html) {
        Document document = Jsoup.parseBodyFragment(html);
        for (Element element : document.getAllElements()) {
            assertThat(element.normalName())
                    .isNotIn(
                            "script",
                            "style",
                            "iframe",
                            "object",
                            "embed",
                            "form",
                            "input",
                            "meta",
                            "base",
                            "link",
                            "svg",
                            "math",
                            "noscript");
            for (Attribute attribute : element.attributes()) {
                assertThat(attribute.getKey().toLowerCase(Locale.ROOT)).doesNotStartWith("on");
                String value = attribute.getValue().toLowerCase(Locale.ROOT).replaceAll("\\s", "");
                assertThat(value).doesNotContain("javascript:").doesNotContain("vbscript:");
                if (attribute.getKey().equals("href") || attribute.getKey().equals("src")) {
                    assertThat(value).matches("(https?:|mailto:|cid:|data:image/(png|gif|jpe?g|webp)[;,]).*");
                }
            }
        }
        assertThat(html.toLowerCase(Locale.ROOT)).doesNotContain("<script").doesNotContain("javascript:");
    }
}
