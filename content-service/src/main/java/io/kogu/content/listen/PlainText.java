package io.kogu.content.listen;

import org.jsoup.Jsoup;

/** The plain text of a feed's HTML (summaries and titles carry markup, entities and scripts): jsoup's text, bounded. */
public final class PlainText {

    private PlainText() {
    }

    public static String of(String html, int maxChars) {
        if (html == null || html.isBlank()) {
            return "";
        }
        // Bounded before parsing too: a summary of megabytes is not a summary.
        String input = html.length() > maxChars * 20 ? html.substring(0, maxChars * 20) : html;
        String text = Jsoup.parse(input).text().strip();
        if (text.length() <= maxChars) {
            return text;
        }
        int cut = text.lastIndexOf(' ', maxChars - 1);
        return text.substring(0, cut > maxChars / 2 ? cut : maxChars - 1) + "…";
    }
}
