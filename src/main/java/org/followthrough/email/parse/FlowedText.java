package org.followthrough.email.parse;

/**
 * RFC 3676 {@code format=flowed}: soft line breaks (a line ending in a space) are joined back into
 * paragraphs, per quote depth, and space-stuffing is undone.
 */
final class FlowedText {

    private FlowedText() {}

    static String unflow(String text, boolean deleteSpace) {
        String[] lines = text.split("\n", -1);
        StringBuilder out = new StringBuilder(text.length());
        StringBuilder paragraph = new StringBuilder();
        int paragraphDepth = -1;
        for (String line : lines) {
            int depth = 0;
            while (depth < line.length() && line.charAt(depth) == '>') {
                depth++;
            }
            String content = line.substring(depth);
            if (content.startsWith(" ")) {
                content = content.substring(1);
            }
            boolean signature = content.equals("-- ");
            boolean flowed = !signature && content.endsWith(" ");
            if (paragraphDepth >= 0 && depth != paragraphDepth) {
                emit(out, paragraph, paragraphDepth);
                paragraphDepth = -1;
            }
            if (flowed && deleteSpace) {
                content = content.substring(0, content.length() - 1);
            }
            paragraph.append(content);
            paragraphDepth = depth;
            if (!flowed) {
                emit(out, paragraph, depth);
                paragraphDepth = -1;
            }
        }
        if (paragraphDepth >= 0) {
            emit(out, paragraph, paragraphDepth);
        }
        if (out.length() > 0) {
            out.setLength(out.length() - 1);
        }
        return out.toString();
    }

    private static void emit(StringBuilder out, StringBuilder paragraph, int depth) {
        if (depth > 0) {
            out.append(">".repeat(depth)).append(' ');
        }
        out.append(paragraph).append('\n');
        paragraph.setLength(0);
    }
}
