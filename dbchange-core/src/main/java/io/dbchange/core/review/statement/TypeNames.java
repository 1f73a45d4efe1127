package io.dbchange.core.review.statement;

import io.dbchange.core.review.internal.Text;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Helpers for column type text as written ({@code varchar(255)}, {@code int unsigned}, {@code numeric(10, 2)}). */
public final class TypeNames {

    private static final Pattern FIRST_ARGUMENT = Pattern.compile("\\(\\s*(\\d+)");

    private TypeNames() {}

    /** The base name, upper case, without arguments, modifiers or array brackets: {@code VARCHAR(10)} -> VARCHAR. */
    public static String base(String type) {
        String text = type.strip().toUpperCase(Locale.ROOT);
        int paren = text.indexOf('(');
        if (paren >= 0) {
            text = text.substring(0, paren);
        }
        text = text.replace("[]", "").strip();
        for (String modifier :
                new String[] {" UNSIGNED", " SIGNED", " ZEROFILL", " WITH TIME ZONE", " WITHOUT TIME ZONE"}) {
            int at = text.indexOf(modifier);
            if (at > 0) {
                String tail = modifier.equals(" WITH TIME ZONE") ? "TZ" : "";
                text = text.substring(0, at) + tail;
            }
        }
        return Text.collapseWhitespace(text);
    }

    /** The first numeric argument ({@code VARCHAR(255)} -> 255), if any. */
    public static OptionalLong length(String type) {
        Matcher m = FIRST_ARGUMENT.matcher(type);
        return m.find() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
