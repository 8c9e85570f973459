package org.followthrough.email.web;

import java.util.Locale;
import org.springframework.stereotype.Component;

/** Sizes of attachments as people read them, for templates ({@code @mailFormats.size(...)}). */
@Component("mailFormats")
public class MailFormats {

    public String size(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        if (bytes < 1024 * 1024) {
            return Math.round(bytes / 1024.0) + " KB";
        }
        return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024.0));
    }
}
