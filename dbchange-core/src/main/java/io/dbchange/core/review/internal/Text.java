package io.dbchange.core.review.internal;

/** Text helpers on the review's hot path, written out because a regular expression per call showed in profiles. */
public final class Text {

    private Text() {}

    /** {@code text} stripped, with every run of white space made one space. */
    public static String collapseWhitespace(String text) {
        return collapseWhitespace(text, Integer.MAX_VALUE);
    }

    /** Like {@link #collapseWhitespace(String)}, but stops once the result has {@code limit} characters. */
    public static String collapseWhitespace(String text, int limit) {
        StringBuilder out = new StringBuilder(Math.min(text.length(), limit));
        boolean space = false;
        for (int i = 0; i < text.length() && out.length() < limit; i++) {
            char ch = text.charAt(i);
            if (Character.isWhitespace(ch)) {
                space = out.length() > 0;
            } else {
                if (space) {
                    out.append(' ');
                    space = false;
                }
                out.append(ch);
            }
        }
        return out.toString();
    }
}
